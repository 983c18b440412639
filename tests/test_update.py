# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""`make run` updates both addons (``-u``) on every start after the first:
on a copy of the demo database, the update must succeed with a clean log and
keep the demo (logins, campaign) as it was."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import _pg_connect, copy_database


@pytest.fixture(scope="module")
def updated(odoo_env, tmp_path_factory):
    for name in copy_database(odoo_env, "upd"):
        log = tmp_path_factory.mktemp("update") / "odoo.log"
        result = subprocess.run(
            [sys.executable, "-m", "odoo", "-c", odoo_env["rc"], "-d", name]
            + ["-u", "cxzy_campaign,cxzy_evaluation", "--stop-after-init"]
            + ["--no-http", "--log-level=warn", f"--logfile={log}"],
            check=False,
        )
        yield name, result.returncode, log


def _count(odoo_env, name, query):
    connection = _pg_connect(odoo_env["conf"], name)
    try:
        with connection.cursor() as cr:
            cr.execute(query)
            return cr.fetchone()[0]
    finally:
        connection.close()


SETUP_CFG = Path(__file__).resolve().parent.parent / "setup.cfg"
DEMO_LOGINS = "SELECT count(*) FROM res_users WHERE login LIKE 'cxzy\\_%' AND active"


def test_update_succeeds_with_a_clean_log(updated):
    _name, returncode, log = updated
    assert returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    # The same judge as the install's log: checklog-odoo, setup.cfg's ignores;
    # a log without any record is fine here (--no-err-if-empty).
    judged = subprocess.run(
        ["checklog-odoo", "--no-echo", "--no-err-if-empty", "-c", str(SETUP_CFG)]
        + [str(log)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert judged.returncode == 0, judged.stdout + judged.stderr


def test_update_keeps_the_demo(odoo_env, updated):
    name, _returncode, _log = updated
    assert _count(odoo_env, name, DEMO_LOGINS) == _count(
        odoo_env, odoo_env["db"], DEMO_LOGINS
    )
    assert _count(odoo_env, name, DEMO_LOGINS) == 9
