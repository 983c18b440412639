# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Odoo 18's read replica: the methods of the addons that only read are
``@api.readonly``, so that the web client's calls of them run on the replica
(``db_replica_host``/``db_replica_port``) when one is configured.

A streaming replica of the test cluster is made with ``pg_basebackup -R``
into a temporary directory and started on a free port (as ``postgres`` when
we are root), logging every statement; an Odoo server serves a copy of the
test database with it as its replica. The calls are made as the web client
makes them (JSON-RPC ``/web/dataset/call_kw`` with a session): their
statements must reach the replica, their results equal those of the same
calls over XML-RPC (which always runs on the primary), and while the replica's
replay is paused they must show the replica's older data. A workflow step
must write on the primary.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg2
import pytest
from conftest import OdooRpc, _free_ports, _pg_connect, copy_database, serve_odoo

REPLICA_TIMEOUT = 300
#: settings a hot standby needs at least as high as its primary's
STANDBY_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)
RETRY_WARNING = "retrying with a read/write cursor"


def _root():
    return os.geteuid() == 0


def _as_postgres(command):
    return ["runuser", "-u", "postgres", "--", *command] if _root() else command


def _run(command, **kwargs):
    result = subprocess.run(
        _as_postgres(command), capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode:
        pytest.fail(f"$ {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return result


def _postgres_bin(major):
    """pg_basebackup, pg_ctl of the primary's major version, or a failure in
    CI and a skip elsewhere."""
    found = {}
    for tool in ("pg_basebackup", "pg_ctl"):
        path = Path(f"/usr/lib/postgresql/{major}/bin/{tool}")
        found[tool] = str(path) if path.exists() else shutil.which(tool)
    missing = [tool for tool, path in found.items() if not path]
    if missing:
        message = f"{' and '.join(missing)} not found (PostgreSQL {major} server tools)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _wait_for(predicate, what, timeout=REPLICA_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


class Replica:
    """A streaming replica of the test cluster, logging every statement."""

    def __init__(self, conf, workdir):
        self.conf = conf
        self.workdir = workdir
        self.data = workdir / "data"
        self.log = workdir / "replica.log"
        self.port = _free_ports(1)[0]
        primary = _pg_connect(conf)
        try:
            with primary.cursor() as cr:
                cr.execute("SHOW server_version_num")
                self.major = int(cr.fetchone()[0]) // 10000
                cr.execute(
                    "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                    [list(STANDBY_SETTINGS) + ["wal_level"]],
                )
                self.settings = dict(cr.fetchall())
        finally:
            primary.close()
        assert self.settings["wal_level"] in ("replica", "logical"), (
            "the primary needs wal_level = replica (initdb's default)"
        )
        self.bin = _postgres_bin(self.major)

    def connect(self, dbname="postgres"):
        connection = psycopg2.connect(
            host=str(self.workdir),
            port=self.port,
            user=self.conf["user"],
            dbname=dbname,
        )
        connection.autocommit = True
        return connection

    def start(self):
        backup = [self.bin["pg_basebackup"], "-D", str(self.data), "-R"]
        backup += ["-X", "stream", "-c", "fast", "-U", self.conf["user"]]
        backup += ["-h", self.conf["host"] or "localhost"]
        backup += ["-p", str(self.conf["port"] or 5432)]
        _run(backup, env={**os.environ, "PGPASSWORD": self.conf["password"] or ""})
        # Configuration kept outside the data directory is not in the backup.
        for name, text in (
            ("postgresql.conf", ""),
            ("pg_hba.conf", "local all all trust\n"),
        ):
            path = self.data / name
            if not path.exists():
                path.write_text(text)
                if _root():
                    shutil.chown(path, "postgres", "postgres")
        options = [f"-p {self.port}", f"-k {self.workdir}", "-c listen_addresses="]
        options += [f"-c {name}={value}" for name, value in self.settings.items()]
        options += [
            "-c hot_standby=on",
            "-c log_statement=all",
            "-c logging_collector=off",
            "-c log_destination=stderr",
            "-c log_line_prefix='%m [%p] %d '",
        ]
        _run(
            [self.bin["pg_ctl"], "-D", str(self.data), "-l", str(self.log), "-w"]
            + ["-t", str(REPLICA_TIMEOUT), "-o", " ".join(options), "start"]
        )

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres([self.bin["pg_ctl"], "-D", str(self.data)])
                + ["-m", "immediate", "-w", "stop"],
                capture_output=True,
                check=False,
            )

    def caught_up(self, primary_connection):
        """Wait until the replica has replayed everything the primary wrote."""
        with primary_connection.cursor() as cr:
            cr.execute("SELECT pg_current_wal_lsn()")
            target = cr.fetchone()[0]
        connection = self.connect()
        try:

            def replayed():
                with connection.cursor() as cr:
                    cr.execute(
                        "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0",
                        [target],
                    )
                    return cr.fetchone()[0]

            _wait_for(replayed, "the replica to replay the primary's WAL")
        finally:
            connection.close()

    def set_replay(self, paused):
        connection = self.connect()
        try:
            with connection.cursor() as cr:
                cr.execute(
                    "SELECT pg_wal_replay_pause()"
                    if paused
                    else "SELECT pg_wal_replay_resume()"
                )

                def state():
                    cr.execute("SELECT pg_get_wal_replay_pause_state()")
                    return cr.fetchone()[0] == ("paused" if paused else "not paused")

                _wait_for(state, "the replica's replay to change state")
        finally:
            connection.close()

    def statements(self, since, database):
        """The statements logged on ``database`` from offset ``since``."""
        with open(self.log, encoding="utf-8", errors="replace") as log:
            log.seek(since)
            text = log.read()
        return [
            line
            for line in text.splitlines()
            if f"] {database} LOG:  statement:" in line
        ]

    def log_size(self):
        return self.log.stat().st_size


class WebClient:
    """JSON-RPC as the web client: a session cookie, /web/dataset/call_*."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )
        self._post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )

    def _post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as reply:
            answer = json.loads(reply.read())
        if "error" in answer:
            raise AssertionError(f"{path}: {answer['error']['data']['message']}")
        return answer["result"]

    def call(self, model, method, *args, button=False, **kwargs):
        kind = "call_button" if button else "call_kw"
        return self._post(
            f"/web/dataset/{kind}/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path):
        with self.opener.open(self.url + path, timeout=120) as reply:
            return reply.status, reply.read().decode()


@pytest.fixture(scope="module")
def replica(odoo_env):
    """A private copy of CXZY_DB, then a streaming replica of the cluster."""
    for database in copy_database(odoo_env, "rep"):
        # Reachable by `postgres` when we are root (not under pytest's tmp).
        workdir = Path(tempfile.mkdtemp(prefix="cxzy-replica-"))
        if _root():
            shutil.chown(workdir, "postgres", "postgres")
        server = Replica(odoo_env["conf"], workdir)
        try:
            server.start()
            server.database = database
            yield server
        finally:
            server.stop()
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def served(odoo_env, replica, tmp_path_factory):
    """An Odoo server on the copy with the replica as db_replica_*; (url,
    server log)."""
    log = tmp_path_factory.mktemp("odoo-replica") / "server.log"
    extra = [f"--db_replica_host={replica.workdir}"]
    extra += [f"--db_replica_port={replica.port}", "--log-level=info"]
    for url in serve_odoo(odoo_env, replica.database, log, extra):
        yield url, log


@pytest.fixture(scope="module")
def clients(served, replica):
    url, __ = served
    return (
        WebClient(url, replica.database, "admin", "admin"),
        OdooRpc(url, replica.database, "admin", "admin"),
    )


@pytest.fixture(scope="module")
def primary(odoo_env, replica):
    connection = _pg_connect(odoo_env["conf"], replica.database)
    yield connection
    connection.close()


def _ids(rpc, model, domain, limit=None):
    return rpc(model, "search", domain, limit=limit, order="id")


def _readonly_calls(rpc):
    """(what, model, method, args, kwargs, button, table the replica must
    read): the web client's calls of the dashboard, round results, the
    upgrade report, the 公示栏 and their actions (not the completion matrix:
    its button creates the screen's record, read on the primary)."""
    campaign = _ids(rpc, "cxzy.campaign", [("state", "=", "running")], 1)
    rounds = _ids(rpc, "cxzy.appraisal.round", [("state", "=", "closed")], 1)
    periods = _ids(rpc, "cxzy.assessment.period", [])
    publicity = _ids(rpc, "cxzy.publicity.nomination", [], 1)
    assert campaign and rounds and periods and publicity, "demo data missing"
    spec = {"display_name": {}}
    result_spec = {"subject_name": {}, "criterion_id": {"fields": {}}, "score": {}}
    return [
        (
            "dashboard",
            "cxzy.campaign",
            "get_dashboard_data",
            [campaign[0]],
            {},
            False,
            "cxzy_campaign_assignment",
        ),
        (
            "assignments action",
            "cxzy.campaign",
            "action_view_assignments",
            [campaign],
            {},
            True,
            "ir_act_window",
        ),
        (
            "round results",
            "cxzy.appraisal.result",
            "web_search_read",
            [[("round_id", "=", rounds[0])], result_spec],
            {"order": "id"},
            False,
            "cxzy_appraisal_result",
        ),
        (
            "results action",
            "cxzy.appraisal.round",
            "action_view_results",
            [rounds],
            {},
            True,
            "ir_act_window",
        ),
        (
            "upgrade report",
            "cxzy.upgrade.report",
            "web_search_read",
            [[], spec],
            {"order": "id"},
            False,
            "cxzy_upgrade_report",
        ),
        (
            "upgrade report action",
            "cxzy.assessment.period",
            "action_view_upgrade_report",
            [periods],
            {},
            True,
            "ir_act_window",
        ),
        (
            "upgrade printout action",
            "cxzy.assessment.period",
            "action_print_upgrade_report",
            [periods],
            {},
            True,
            "ir_act_report_xml",
        ),
        (
            "publicity board: nominations",
            "cxzy.publicity.nomination",
            "web_search_read",
            [[], spec],
            {"order": "id"},
            False,
            "cxzy_publicity_nomination",
        ),
        (
            "publicity board: posts",
            "cxzy.publicity.post",
            "web_search_read",
            [[], spec],
            {"order": "id"},
            False,
            "cxzy_publicity_post",
        ),
        (
            "objection form action",
            "cxzy.publicity.nomination",
            "action_open_objection",
            [publicity],
            {},
            True,
            "cxzy_publicity_nomination",
        ),
    ]


def _normal(value):
    """A JSON result and an XML-RPC one in one form (tuples become lists)."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def test_readonly_calls_run_on_the_replica(clients, replica, primary, served):
    web, rpc = clients
    replica.caught_up(primary)
    for what, model, method, args, kwargs, button, table in _readonly_calls(rpc):
        before = replica.log_size()
        result = web.call(model, method, *args, button=button, **kwargs)
        statements = replica.statements(before, replica.database)
        assert any(table in line for line in statements), (
            f"{what}: {model}.{method} did not read {table} on the replica "
            f"({len(statements)} statements there)"
        )
        if not button:
            # XML-RPC always runs on the primary.
            on_primary = rpc(model, method, *args, **kwargs)
            assert _normal(result) == _normal(on_primary), what
        assert result, what
    # The upgrade report's printout: Odoo's report routes are readonly.
    before = replica.log_size()
    ids = ",".join(map(str, _ids(rpc, "cxzy.assessment.period", [])))
    status, html = web.get(f"/report/html/cxzy_evaluation.report_upgrade/{ids}")
    assert status == 200, html[:500]
    assert any(
        "cxzy_assessment_period" in line
        for line in replica.statements(before, replica.database)
    )
    # None of them tried to write, then fell back to the primary.
    assert RETRY_WARNING not in Path(served[1]).read_text(errors="replace")


def test_paused_replica_shows_its_own_data(clients, replica, primary):
    """While the replica does not replay, the dashboard shows its data, the
    primary's change appears once the replay goes on."""
    web, rpc = clients
    campaign = _ids(rpc, "cxzy.campaign", [("state", "=", "running")], 1)[0]
    old = rpc("cxzy.campaign", "read", [campaign], ["name"])[0]["name"]
    new = old + "（副本测试）"
    replica.caught_up(primary)
    replica.set_replay(paused=True)
    try:
        rpc("cxzy.campaign", "write", [campaign], {"name": new})
        seen = web.call("cxzy.campaign", "get_dashboard_data", campaign)
        assert seen["campaign"]["name"] == old
        on_primary = rpc("cxzy.campaign", "get_dashboard_data", campaign)
        assert on_primary["campaign"]["name"] == new
    finally:
        replica.set_replay(paused=False)
    replica.caught_up(primary)
    seen = web.call("cxzy.campaign", "get_dashboard_data", campaign)
    assert seen["campaign"]["name"] == new
    rpc("cxzy.campaign", "write", [campaign], {"name": old})


def test_steps_write_on_the_primary(served, replica, primary):
    """A workflow step taken in the web client (a secretary starts a task of
    the branch) writes on the primary; the replica only follows."""
    url, __ = served
    login = "cxzy_secretary"
    web = WebClient(url, replica.database, login, login)
    rpc = OdooRpc(url, replica.database, login, login)
    assignment = _ids(
        rpc,
        "cxzy.campaign.assignment",
        [
            ("state", "=", "todo"),
            ("organization_id.manager_user_ids", "in", [rpc.uid]),
        ],
        1,
    )
    assert assignment
    replica.caught_up(primary)
    before = replica.log_size()
    web.call("cxzy.campaign.assignment", "action_start", assignment, button=True)
    with primary.cursor() as cr:
        cr.execute(
            "SELECT state FROM cxzy_campaign_assignment WHERE id = %s", assignment
        )
        assert cr.fetchone()[0] == "in_progress"
    writes = [
        line
        for line in replica.statements(before, replica.database)
        if re.search(r"statement: (UPDATE|INSERT|DELETE)", line)
    ]
    assert not writes, writes
    # The replica follows.
    replica.caught_up(primary)
    connection = replica.connect(replica.database)
    try:
        with connection.cursor() as cr:
            cr.execute(
                "SELECT state FROM cxzy_campaign_assignment WHERE id = %s", assignment
            )
            assert cr.fetchone()[0] == "in_progress"
    finally:
        connection.close()
