# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Each addon is a pip-installable distribution built with whool, as OCA
publishes its addons (``pip install odoo-addon-<name>``): both wheels are
built from the repository, installed into a fresh virtualenv that sees Odoo
(and nothing of this repository), and imported as ``odoo.addons.<name>``."""

import ast
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("cxzy_campaign", "cxzy_evaluation")


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    # whool is pinned in requirements-dev.txt: no build isolation, no download.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
        + ["--no-build-isolation", "-w", str(dist)]
        + [str(REPO / addon) for addon in ADDONS],
        check=True,
    )
    return {addon: next(dist.glob(f"odoo_addon_{addon}-*.whl")) for addon in ADDONS}


@pytest.fixture(scope="module")
def env_python(wheels, tmp_path_factory):
    # Odoo and its requirements come from the system site-packages, as they
    # would from a pip-installed Odoo; the addons only from their wheels.
    target = tmp_path_factory.mktemp("venv")
    venv.create(target, system_site_packages=True, with_pip=True)
    python = target / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + [str(path) for path in wheels.values()],
        check=True,
    )
    return python


def _manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_named_and_versioned_from_the_manifest(wheels, addon):
    name = wheels[addon].name
    assert name.startswith(f"odoo_addon_{addon}-{_manifest(addon)['version']}")


def test_wheel_requires_odoo_and_the_addons_it_depends_on(env_python):
    out = subprocess.run(
        [env_python, "-m", "pip", "show", "odoo-addon-cxzy_evaluation"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    requires = out.split("Requires:", 1)[1].splitlines()[0]
    assert "odoo-addon-cxzy_campaign" in requires
    assert "odoo" in requires


def test_installed_wheels_import_as_odoo_addons(env_python, tmp_path):
    script = (
        "import odoo.addons.cxzy_campaign as c, odoo.addons.cxzy_evaluation as e\n"
        "from odoo.modules.module import get_manifest\n"
        "print(c.__file__); print(e.__file__)\n"
        "print(get_manifest('cxzy_evaluation')['version'])\n"
    )
    # Run outside the repository, so that nothing of it is importable.
    out = subprocess.run(
        [env_python, "-c", script],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
        # Odoo's own PYTHONPATH (a source install) is kept, nothing else.
        env={
            key: os.environ[key] for key in ("PATH", "PYTHONPATH") if key in os.environ
        },
    ).stdout.split()
    venv_dir = str(Path(env_python).parent.parent)
    assert out[0].startswith(venv_dir) and out[1].startswith(venv_dir), out
    assert "site-packages/odoo/addons/cxzy_campaign" in out[0]
    assert out[2] == _manifest("cxzy_evaluation")["version"]
