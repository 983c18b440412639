# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Fixtures of the end-to-end tests: a private copy of the test database and
an Odoo server serving it, reached over XML-RPC like any outside client.

Environment contract (set by `make test`, see .ci/test):
    CXZY_ODOO_RC  path of an Odoo config file (db_host, db_port, db_user,
                  db_password, addons_path, data_dir)
    CXZY_DB       a database with both addons installed and demo data loaded,
                  admin password `admin`
"""

import configparser
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import errors, sql

SERVER_START_TIMEOUT = 120
TEMPLATE_BUSY_TIMEOUT = 30
LOG_TAIL_LINES = 60


class OdooRpc:
    """A minimal XML-RPC client: one database, one logged-in user."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.db = db
        self.login = login
        self.password = password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise AssertionError(f"cannot log in to {db} as {login!r}")
        self._object = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self._object.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def ref(self, xmlid):
        """The database id of an xmlid (env.ref does not exist over RPC)."""
        module, name = xmlid.split(".", 1)
        rows = self(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if len(rows) != 1:
            raise AssertionError(f"xmlid {xmlid} not found")
        return rows[0]["res_id"]


def _read_conf(path):
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path):
        pytest.fail(f"CXZY_ODOO_RC={path}: cannot read this Odoo config file")
    options = dict(parser["options"]) if parser.has_section("options") else {}

    def value(key):
        raw = (options.get(key) or "").strip()
        return None if raw in ("", "False", "None") else raw

    return {
        "host": value("db_host"),
        "port": value("db_port"),
        "user": value("db_user"),
        "password": value("db_password"),
        "data_dir": value("data_dir") or os.path.expanduser("~/.local/share/Odoo"),
    }


def _free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _tail(path, lines=LOG_TAIL_LINES):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def odoo_env():
    """CXZY_ODOO_RC and CXZY_DB, or a failure saying how to get them."""
    rc, db = os.environ.get("CXZY_ODOO_RC"), os.environ.get("CXZY_DB")
    missing = [name for name, val in (("CXZY_ODOO_RC", rc), ("CXZY_DB", db)) if not val]
    if missing:
        pytest.fail(
            f"{' and '.join(missing)} not set: the end-to-end tests need an Odoo "
            "config and a database with the addons installed. Run `make test`, "
            "which sets them (or set them yourself, see tests/conftest.py)."
        )
    if not Path(rc).is_file():
        pytest.fail(f"CXZY_ODOO_RC={rc} does not exist: run `make test`")
    return {"rc": rc, "db": db, "conf": _read_conf(rc)}


def _pg_connect(conf, dbname="postgres"):
    params = {"dbname": dbname, "user": conf["user"]}
    for key in ("host", "port", "password"):
        if conf[key]:
            params[key] = conf[key]
    connection = psycopg2.connect(**params)
    connection.autocommit = True
    return connection


def _drop_database(conf, name):
    connection = _pg_connect(conf)
    try:
        with connection.cursor() as cr:
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )
    finally:
        connection.close()


def copy_database(odoo_env, suffix):
    """Copy CXZY_DB (and its filestore) as ``<CXZY_DB>_<suffix><pid>``;
    yields its name and drops it afterwards (a generator for fixtures)."""
    conf, template = odoo_env["conf"], odoo_env["db"]
    # `<CXZY_DB>_...`: .ci/test drops such leftovers if we are killed.
    name = f"{template}_{suffix}{os.getpid()}"[:63]
    connection = _pg_connect(conf)
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if not cr.fetchone():
                pytest.fail(f"CXZY_DB={template}: no such database; run `make test`")
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
            )
            deadline = time.monotonic() + TEMPLATE_BUSY_TIMEOUT
            while True:
                try:
                    cr.execute(
                        sql.SQL("CREATE DATABASE {} WITH TEMPLATE {}").format(
                            sql.Identifier(name), sql.Identifier(template)
                        )
                    )
                    break
                except errors.ObjectInUse as error:
                    # The addon tests' connections may still be closing.
                    if time.monotonic() > deadline:
                        pytest.fail(f"cannot copy {template}: {error}")
                    time.sleep(1)
    finally:
        connection.close()

    filestore = Path(conf["data_dir"]) / "filestore"
    copy_store = filestore / name
    shutil.rmtree(copy_store, ignore_errors=True)
    if (filestore / template).is_dir():
        shutil.copytree(filestore / template, copy_store)
    try:
        yield name
    finally:
        _drop_database(conf, name)
        shutil.rmtree(copy_store, ignore_errors=True)


@pytest.fixture(scope="session")
def db_copy(odoo_env):
    """A private copy of CXZY_DB (and its filestore), dropped at the end."""
    yield from copy_database(odoo_env, "e2e")


@pytest.fixture(scope="session")
def db_copy_connection(odoo_env, db_copy):
    """An autocommit connection to the copy, for fixtures that set up or
    put back data directly (never for what a test proves)."""
    connection = _pg_connect(odoo_env["conf"], db_copy)
    try:
        yield connection
    finally:
        connection.close()


def serve_odoo(odoo_env, database, log_path, extra_args=()):
    """Serve ``database`` with an Odoo server on free loopback ports, with
    ``extra_args`` on its command line; yields its base URL and stops it
    afterwards (a generator for fixtures)."""
    http_port, gevent_port = _free_ports(2)
    command = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        odoo_env["rc"],
        "-d",
        database,
        f"--db-filter=^{database}$",
        "--http-interface=127.0.0.1",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        "--max-cron-threads=0",
        "--no-database-list",
        *extra_args,
    ]
    env = {
        k: v for k, v in os.environ.items() if k not in ("ODOO_RC", "OPENERP_SERVER")
    }
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env
        )
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        status = None
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"the Odoo server exited with code {server.returncode} "
                    f"before serving.\n$ {' '.join(command)}\n{_tail(log_path)}"
                )
            try:
                with urllib.request.urlopen(f"{url}/web/login", timeout=10) as reply:
                    status = reply.status
            except (urllib.error.URLError, OSError) as error:
                status = getattr(error, "code", None)
            if status == 200:
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{url}/web/login did not answer 200 within "
                    f"{SERVER_START_TIMEOUT}s (last status {status}).\n"
                    f"$ {' '.join(command)}\n{_tail(log_path)}"
                )
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def odoo_url(odoo_env, db_copy, tmp_path_factory):
    """Serve the copy with an Odoo server on free ports; its base URL."""
    log_path = tmp_path_factory.mktemp("odoo") / "server.log"
    yield from serve_odoo(odoo_env, db_copy, log_path)


@pytest.fixture(scope="session")
def rpc_login(odoo_url, db_copy):
    """rpc_login(login, password): an XML-RPC client for that user."""

    def login(user, password):
        return OdooRpc(odoo_url, db_copy, user, password)

    return login


@pytest.fixture(scope="session")
def admin(rpc_login):
    """XML-RPC client logged in as admin (password `admin`)."""
    return rpc_login("admin", "admin")
