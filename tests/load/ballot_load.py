# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Load harness of the appraisal ballot box (issue 11): a bounded script.

It copies a database (both addons installed, admin password ``admin``),
installs ``survey`` in the copy, starts Odoo with workers on a free loopback
port, makes the voters, subjects and rounds it needs, then runs, over HTTP
and JSON-RPC exactly as the web client does:

* ``vote``: our voting path — the ballot button (``call_button``
  ``action_vote``), the ballot form's ``onchange``, its ``web_save``;
* ``survey``: Odoo survey's path on the same ballot (one matrix question per
  subject, criteria as rows, the four grades as columns, one page):
  ``/survey/start``, ``/survey/begin``, ``/survey/submit``;
* ``office``: an office day — secretaries listing and taking pledge and
  nomination steps, the leading group on the dashboard, members reading the
  publicity board (公示栏);

and prints, for each, throughput, p50/p95/max latency, errors by kind, WAL
written per operation (``pg_current_wal_lsn`` difference: cluster-wide, so
other databases' writes count too) and the lost-write checks (ours: voters
marked voted = accepted votes and the tally's total = accepted × cells,
sealed ballots included; survey's: finished answers = accepted and answer
lines = accepted × cells). Everything is bounded: a number of operations per
scenario and a deadline. Nothing listens beyond 127.0.0.1; the copy is
dropped at the end (``--keep`` keeps it).

Not part of the test command. Usage: see README.md, "Load harness".
"""

import argparse
import configparser
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import psycopg2
import requests

GRADES = ("excellent", "good", "fair", "poor")
PASSWORD = "cxzy-load"  # noqa: S105 - the loopback copy's voters only

PRESETS = {
    # issue 11, point 3: 300 voters x 60 subjects x 5 criteria, 16 clients
    "ballot300": {"subjects": 60, "voters": 300, "eligible": 300},
    # 2,500-mark ballots, 100,000 eligible voters, 200 of them voting
    "ballot2500": {"subjects": 500, "voters": 200, "eligible": 100_000},
}


# ---------------------------------------------------------------------------
# Database and server
# ---------------------------------------------------------------------------
def read_conf(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    options = dict(parser["options"]) if parser.has_section("options") else {}

    def value(key):
        raw = (options.get(key) or "").strip()
        return None if raw in ("", "False", "None") else raw

    return {
        "host": value("db_host"),
        "port": value("db_port"),
        "user": value("db_user"),
        "password": value("db_password"),
    }


def connect(conf, dbname):
    params = {key: value for key, value in conf.items() if value}
    connection = psycopg2.connect(dbname=dbname, **params)
    connection.autocommit = True
    return connection


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_database(conf, source, target):
    with contextlib.closing(connect(conf, "postgres")) as connection:
        cursor = connection.cursor()
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(conf, target):
    with contextlib.closing(connect(conf, "postgres")) as connection:
        connection.cursor().execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def odoo_command(rc, dbname, *extra):
    """Odoo's own launcher (``odoo-bin``): with ``--workers``, Odoo starts
    its gevent process again from ``sys.argv[0]``, which ``-m odoo`` breaks."""
    import odoo  # noqa: PLC0415 - only to find where Odoo is

    launcher = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
    return [sys.executable, launcher, "-c", rc, "-d", dbname, *extra]


def install_survey(rc, dbname, log):
    subprocess.run(
        odoo_command(rc, dbname, "-i", "survey", "--stop-after-init", "--no-http"),
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
        timeout=1800,
    )


@contextlib.contextmanager
def odoo_server(rc, dbname, workers, log):
    port = free_port()
    command = odoo_command(
        rc,
        dbname,
        f"--db-filter=^{dbname}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--workers={workers}",
        "--max-cron-threads=1",
        "--limit-time-real=900",
        "--limit-time-cpu=900",
        "--limit-request=1000000",
        "--limit-memory-soft=4294967296",
        "--limit-memory-hard=5368709120",
        "--log-level=warn",
    )
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                requests.post(
                    f"{url}/web/webclient/version_info", json={"params": {}}, timeout=5
                )
                break
            except requests.RequestException:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the Odoo server did not start") from None
                time.sleep(1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------
class RpcError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class WebClient:
    """A browser's session: JSON-RPC calls as the web client sends them."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.session = requests.Session()
        self.calls = 0
        result = self.json(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        self.context = dict(result.get("user_context") or {})

    def json(self, route, params):
        self.calls += 1
        response = self.session.post(
            self.url + route,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=600,
        )
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code}", response.text[:200])
        data = response.json()
        if "error" in data:
            error = data["error"].get("data") or {}
            raise RpcError(
                error.get("name") or "error", error.get("message") or str(data)
            )
        return data["result"]

    def call(self, model, method, args, button=False, **kwargs):
        kwargs.setdefault("context", self.context)
        route = (
            "/web/dataset/call_button"
            if button
            else f"/web/dataset/call_kw/{model}/{method}"
        )
        return self.json(
            route, {"model": model, "method": method, "args": args, "kwargs": kwargs}
        )


LINE_SPEC = {
    name: {}
    for name in (
        "sequence",
        "subject_id",
        "subject_name",
        "criterion_id",
        "criterion_name",
        "criterion_description",
        "grade",
    )
}


def vote(client, round_id, seed):
    """The web client's voting path: ballot button, form onchange, save."""
    action = client.call(
        "cxzy.appraisal.round", "action_vote", [[round_id]], button=True
    )
    context = dict(client.context, **(action.get("context") or {}))
    spec = {"round_id": {}, "instructions": {}, "line_ids": {"fields": LINE_SPEC}}
    values = client.call(
        "cxzy.appraisal.ballot", "onchange", [[], {}, [], spec], context=context
    )["value"]
    lines = [
        command[2]
        for command in values["line_ids"]
        if isinstance(command, list) and command[0] == 0
    ]
    commands = [
        [
            0,
            f"virtual_{index}",
            dict(
                {key: line.get(key) for key in LINE_SPEC if key != "grade"},
                grade=GRADES[(seed + index) % 4],
            ),
        ]
        for index, line in enumerate(lines)
    ]
    client.call(
        "cxzy.appraisal.ballot",
        "web_save",
        [[], {"line_ids": commands}],
        context=context,
        specification={},
    )
    return len(commands)


def survey_submit(client, survey, seed):
    """Survey's path for a logged-in participant of a public one-page
    survey: start (makes the answer), begin, submit every matrix."""
    token = survey["access_token"]
    response = client.session.get(
        f"{client.url}/survey/start/{token}", allow_redirects=False, timeout=600
    )
    client.calls += 1
    location = response.headers.get("Location", "")
    answer_token = location.rstrip("/").rsplit("/", 1)[-1] if location else None
    if not answer_token or answer_token == token:
        answer_token = client.session.cookies.get(f"survey_{token}")
    if not answer_token:
        raise RpcError(f"start HTTP {response.status_code}", location)
    client.json(f"/survey/begin/{token}/{answer_token}", {})
    answers = {
        str(question["id"]): {
            str(row): [str(survey["columns"][question["id"]][(seed + index) % 4])]
            for index, row in enumerate(question["rows"])
        }
        for question in survey["questions"]
    }
    result = client.json(f"/survey/submit/{token}/{answer_token}", answers)
    if isinstance(result, list) and len(result) > 1 and result[1].get("error"):
        raise RpcError("survey " + str(result[1]["error"]), str(result[1])[:200])
    return sum(len(question["rows"]) for question in survey["questions"])


# ---------------------------------------------------------------------------
# Set-up (admin over XML-RPC, padding over SQL)
# ---------------------------------------------------------------------------
class Admin:
    def __init__(self, url, db):
        self.db = db
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, "admin", "admin", {})
        self.proxy = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(
            self.db, self.uid, "admin", model, method, list(args), kwargs
        )


def make_voters(admin, prefix, count):
    """``count`` internal users with an employee each; returns the logins."""
    logins = [f"{prefix}{index:05d}" for index in range(count)]
    existing = {
        user["login"]: user["id"]
        for user in admin(
            "res.users", "search_read", [("login", "in", logins)], ["login"]
        )
    }
    missing = [login for login in logins if login not in existing]
    for start in range(0, len(missing), 100):
        chunk = missing[start : start + 100]
        ids = admin(
            "res.users",
            "create",
            [
                {"name": f"压测{login}", "login": login, "password": PASSWORD}
                for login in chunk
            ],
            context={"no_reset_password": True},
        )
        admin(
            "hr.employee",
            "create",
            [
                {"name": f"压测{login}", "user_id": uid}
                for login, uid in zip(chunk, ids, strict=True)
            ],
        )
    return logins


def make_subjects(admin, prefix, count):
    names = [f"{prefix}党支部{index:04d}" for index in range(count)]
    found = admin(
        "cxzy.party.organization", "search", [("name", "in", names)], order="id"
    )
    if len(found) < count:
        admin(
            "cxzy.party.organization",
            "create",
            [{"name": name, "kind": "branch"} for name in names[len(found) :]],
        )
        found = admin(
            "cxzy.party.organization", "search", [("name", "in", names)], order="id"
        )
    return found


def pad_electorate(connection, round_id, count):
    """Add ``count`` eligible voters who never vote (employees without a
    user, inserted by SQL into the round's voters before it opens)."""
    if count <= 0:
        return
    cursor = connection.cursor()
    cursor.execute(
        """WITH resource AS (
                INSERT INTO resource_resource
                       (name, resource_type, time_efficiency, tz, active, company_id)
                SELECT 'pad ' || g, 'user', 100, 'Asia/Shanghai', TRUE, 1
                  FROM generate_series(1, %(count)s) g
             RETURNING id, name),
           employee AS (
                INSERT INTO hr_employee
                       (resource_id, name, company_id, marital,
                        distance_home_work_unit, employee_type, active)
                SELECT id, name, 1, 'single', 'kilometers', 'employee', TRUE
                  FROM resource
             RETURNING id)
           INSERT INTO cxzy_appraisal_round_voter_rel (round_id, employee_id)
           SELECT %(round)s, id FROM employee""",
        {"count": count, "round": round_id},
    )


def make_round(admin, connection, name, subjects, logins, eligible):
    employees = admin("hr.employee", "search", [("user_id.login", "in", logins)])
    now = time.time()
    round_id = admin(
        "cxzy.appraisal.round",
        "create",
        {
            "name": name,
            "subject_type": "organization",
            "organization_ids": [(6, 0, subjects)],
            "voter_ids": [(6, 0, employees)],
            "date_open": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now - 3600)),
            "date_close": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now + 86400)),
            "min_voters": 3,
        },
    )
    pad_electorate(connection, round_id, eligible - len(employees))
    admin("cxzy.appraisal.round", "action_open", [round_id])
    return round_id


def make_survey(admin, name, subjects, criteria):
    grade_words = ("好", "较好", "一般", "差")
    survey_id = admin(
        "survey.survey",
        "create",
        {
            "title": name,
            "access_mode": "public",
            "users_login_required": False,
            "questions_layout": "one_page",
            "is_attempts_limited": False,
            "question_and_page_ids": [
                (
                    0,
                    0,
                    {
                        "title": subject["name"],
                        "question_type": "matrix",
                        "matrix_subtype": "simple",
                        "constr_mandatory": True,
                        "suggested_answer_ids": [
                            (0, 0, {"value": word}) for word in grade_words
                        ],
                        "matrix_row_ids": [
                            (0, 0, {"value": criterion["name"]})
                            for criterion in criteria
                        ],
                    },
                )
                for subject in subjects
            ],
        },
    )
    survey = admin("survey.survey", "read", [survey_id], ["access_token"])[0]
    questions = admin(
        "survey.question",
        "search_read",
        [("survey_id", "=", survey_id)],
        ["suggested_answer_ids", "matrix_row_ids"],
        order="sequence, id",
    )
    return {
        "id": survey_id,
        "access_token": survey["access_token"],
        "questions": [{"id": q["id"], "rows": q["matrix_row_ids"]} for q in questions],
        "columns": {q["id"]: q["suggested_answer_ids"] for q in questions},
    }


# ---------------------------------------------------------------------------
# Running and reporting
# ---------------------------------------------------------------------------
def wal_lsn(connection):
    cursor = connection.cursor()
    cursor.execute("SELECT pg_current_wal_lsn()::text")
    return cursor.fetchone()[0]


def wal_since(connection, lsn):
    cursor = connection.cursor()
    cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", [lsn])
    return float(cursor.fetchone()[0])


def run(jobs, clients, deadline):
    """Run ``jobs`` (callables) on ``clients`` threads, none after the
    deadline: (latencies of the successes, Counter of errors, wall time)."""
    latencies, errors, lock = [], Counter(), threading.Lock()

    def one(job):
        if time.monotonic() > deadline:
            with lock:
                errors["not run (deadline)"] += 1
            return
        start = time.perf_counter()
        try:
            job()
        except RpcError as error:
            with lock:
                errors[error.kind] += 1
            return
        except requests.RequestException as error:
            with lock:
                errors[type(error).__name__] += 1
            return
        with lock:
            latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, jobs))
    return latencies, errors, time.perf_counter() - start


def summary(name, latencies, errors, wall, wal, operations, checks):
    ordered = sorted(latencies)

    def percentile(share):
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    line = {
        "scenario": name,
        "ok": len(ordered),
        "per_s": len(ordered) / wall if wall else 0.0,
        "p50_ms": percentile(0.5) * 1000,
        "p95_ms": percentile(0.95) * 1000,
        "max_ms": (ordered[-1] * 1000) if ordered else float("nan"),
        "wal_kb_per_op": wal / 1024 / max(operations, 1),
        "errors": dict(errors) or "-",
        "checks": checks,
    }
    print(
        "{scenario:<34} ok={ok:<5} {per_s:7.2f}/s  p50={p50_ms:8.1f}ms "
        "p95={p95_ms:8.1f}ms max={max_ms:8.1f}ms  WAL/op={wal_kb_per_op:9.1f}kB  "
        "errors={errors}  checks={checks}".format(**line),
        flush=True,
    )
    return line


def check_ours(connection, round_id, accepted, cells):
    cursor = connection.cursor()
    cursor.execute(
        """SELECT (SELECT COUNT(*) FROM cxzy_appraisal_participation
                    WHERE round_id = %(round)s AND has_voted),
                  (SELECT COALESCE(SUM(votes_excellent + votes_good + votes_fair
                                       + votes_poor), 0)
                     FROM cxzy_appraisal_tally WHERE round_id = %(round)s)
                  + (SELECT COUNT(*) FROM cxzy_appraisal_sealed s, unnest(s.marks) m
                      WHERE s.round_id = %(round)s AND m > 0)""",
        {"round": round_id},
    )
    voted, total = cursor.fetchone()
    ok = voted == accepted and total == accepted * cells
    verdict = "OK" if ok else "LOST/EXTRA"
    return (
        f"{verdict} voted={voted} accepted={accepted} tally={total}={accepted}x{cells}"
    )


def check_survey(connection, survey_id, accepted, cells):
    cursor = connection.cursor()
    cursor.execute(
        """SELECT (SELECT COUNT(*) FROM survey_user_input
                    WHERE survey_id = %(survey)s AND state = 'done'),
                  (SELECT COUNT(*) FROM survey_user_input_line l
                     JOIN survey_user_input i ON i.id = l.user_input_id
                    WHERE i.survey_id = %(survey)s AND i.state = 'done'
                      AND NOT l.skipped)""",
        {"survey": survey_id},
    )
    done, lines = cursor.fetchone()
    ok = done == accepted and lines == accepted * cells
    verdict = "OK" if ok else "LOST/EXTRA"
    return f"{verdict} done={done} accepted={accepted} lines={lines}={accepted}x{cells}"


def ballot_scenario(args, url, admin, connection, name, preset, clients_list, results):
    criteria = admin(
        "cxzy.criterion", "search_read", [("target", "=", "organization")], ["name"]
    )
    subjects = make_subjects(admin, f"{name}-", preset["subjects"])
    subject_rows = admin("cxzy.party.organization", "read", subjects, ["name"])
    cells = len(subjects) * len(criteria)
    total_voters = args.alone + preset["voters"] * len(clients_list)
    logins = make_voters(admin, f"{name}_v", total_voters)
    survey = None
    if not args.no_survey:
        survey = make_survey(admin, f"{name} survey", subject_rows, criteria)
    print(
        f"\n== {name}: {len(subjects)} subjects x {len(criteria)} criteria = "
        f"{cells} marks; {preset['voters']} voters per run, "
        f"{preset['eligible']} eligible",
        flush=True,
    )
    offset = 0
    for clients in [1, *clients_list]:
        count = args.alone if clients == 1 else preset["voters"]
        voters = logins[offset : offset + count]
        offset += count
        round_id = make_round(
            admin,
            connection,
            f"{name} {clients} clients",
            subjects,
            voters,
            max(preset["eligible"], len(voters)),
        )
        sessions = {}
        # Logging in is not part of a vote: every voter logs in first.
        run(
            [partial(log_in, sessions, url, args.db_copy, login) for login in voters],
            clients,
            time.monotonic() + 600,
        )
        accepted = []
        lsn = wal_lsn(connection)
        latencies, errors, wall = run(
            [
                partial(counted, accepted, vote, sessions[login], round_id, seed)
                for seed, login in enumerate(voters)
                if login in sessions
            ],
            clients,
            time.monotonic() + args.deadline,
        )
        wal = wal_since(connection, lsn)
        results.append(
            summary(
                f"{name} ours {clients} client(s)",
                latencies,
                errors,
                wall,
                wal,
                len(latencies),
                check_ours(connection, round_id, len(accepted), cells),
            )
        )
        if survey:
            done = []
            lsn = wal_lsn(connection)
            before = done_count(connection, survey["id"])
            latencies, errors, wall = run(
                [
                    partial(counted, done, survey_submit, sessions[login], survey, seed)
                    for seed, login in enumerate(voters)
                    if login in sessions
                ],
                clients,
                time.monotonic() + args.deadline,
            )
            wal = wal_since(connection, lsn)
            results.append(
                summary(
                    f"{name} survey {clients} client(s)",
                    latencies,
                    errors,
                    wall,
                    wal,
                    len(latencies),
                    check_survey(connection, survey["id"], before + len(done), cells),
                )
            )


def log_in(sessions, url, db, login):
    sessions[login] = WebClient(url, db, login, PASSWORD)


def counted(successes, function, *args):
    """Run ``function``; note its success (the lost-write checks)."""
    function(*args)
    successes.append(1)


def done_count(connection, survey_id):
    cursor = connection.cursor()
    cursor.execute(
        "SELECT COUNT(*) FROM survey_user_input "
        "WHERE survey_id = %s AND state = 'done'",
        [survey_id],
    )
    return cursor.fetchone()[0]


def office_day(args, url, admin, connection, results):
    """Secretaries list their to-dos and take pledge and nomination steps,
    the leading group opens the dashboard, members read the publicity
    board; a fixed number of operations on ``--clients`` threads."""
    logins = {
        "secretary": ("cxzy_secretary", "cxzy_secretary2"),
        "leading": ("cxzy_leader",),
        "member": ("cxzy_member", "cxzy_other"),
    }
    users = admin(
        "res.users",
        "search_read",
        [("login", "in", [login for group in logins.values() for login in group])],
        ["login"],
    )
    admin("res.users", "write", [user["id"] for user in users], {"password": PASSWORD})
    present = {user["login"] for user in users}
    clients = {
        login: WebClient(url, args.db_copy, login, PASSWORD)
        for login in sorted(present)
    }

    def secretary(client):
        pledges = client.call(
            "cxzy.pledge",
            "web_search_read",
            [[("state", "=", "submitted")]],
            specification={"name": {}, "state": {}},
            limit=80,
        )["records"]
        for pledge in pledges[:1]:
            client.call("cxzy.pledge", "action_approve", [[pledge["id"]]], button=True)
        nominations = client.call(
            "cxzy.nomination",
            "web_search_read",
            [[("state", "=", "draft")]],
            specification={"display_name": {}, "state": {}},
            limit=80,
        )["records"]
        for nomination in nominations[:1]:
            client.call(
                "cxzy.nomination", "action_recommend", [[nomination["id"]]], button=True
            )

    def leading(client):
        client.call("cxzy.campaign", "get_dashboard_data", [False])

    def member(client):
        for model in ("cxzy.publicity.post", "cxzy.publicity.nomination"):
            client.call(
                model,
                "web_search_read",
                [[]],
                specification={"display_name": {}},
                limit=80,
            )

    kinds = [
        (kind, function, [clients[login] for login in logins[kind] if login in clients])
        for kind, function in (
            ("secretary", secretary),
            ("leading", leading),
            ("member", member),
        )
    ]
    jobs = []
    for index in range(args.office_operations):
        kind, function, pool = kinds[index % len(kinds)]
        if pool:
            jobs.append(partial(function, pool[index % len(pool)]))
    lsn = wal_lsn(connection)
    latencies, errors, wall = run(
        jobs, args.clients[-1], time.monotonic() + args.deadline
    )
    wal = wal_since(connection, lsn)
    results.append(
        summary("office day", latencies, errors, wall, wal, len(latencies), "-")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rc",
        default=os.environ.get("CXZY_ODOO_RC"),
        required=not os.environ.get("CXZY_ODOO_RC"),
    )
    parser.add_argument(
        "--db",
        default=os.environ.get("CXZY_DB"),
        required=not os.environ.get("CXZY_DB"),
    )
    parser.add_argument("--db-copy", default=None)
    parser.add_argument(
        "--scenario", choices=[*PRESETS, "office", "all"], default="all"
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[16])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="shrink the presets (0.1: a tenth)"
    )
    parser.add_argument(
        "--alone", type=int, default=10, help="votes of the single client"
    )
    parser.add_argument("--office-operations", type=int, default=300)
    parser.add_argument("--deadline", type=float, default=900, help="seconds per run")
    parser.add_argument("--no-survey", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the copy")
    args = parser.parse_args()
    args.db_copy = args.db_copy or f"{args.db}_load"
    conf = read_conf(args.rc)
    copy_database(conf, args.db, args.db_copy)
    results = []
    log = tempfile.NamedTemporaryFile(prefix="cxzy-load-", suffix=".log", delete=False)
    print(f"server log: {log.name}", flush=True)
    try:
        if not args.no_survey:
            install_survey(args.rc, args.db_copy, log)
        with (
            contextlib.closing(connect(conf, args.db_copy)) as connection,
            odoo_server(args.rc, args.db_copy, args.workers, log) as url,
        ):
            admin = Admin(url, args.db_copy)
            for name, preset in PRESETS.items():
                if args.scenario not in (name, "all"):
                    continue
                scaled = {
                    key: max(4, int(value * args.scale))
                    for key, value in preset.items()
                }
                ballot_scenario(
                    args, url, admin, connection, name, scaled, args.clients, results
                )
            if args.scenario in ("office", "all"):
                office_day(args, url, admin, connection, results)
    finally:
        log.close()
        if not args.keep:
            drop_database(conf, args.db_copy)
    print("\nsummary")
    for line in results:
        print(
            f"  {line['scenario']:<34} {line['per_s']:7.2f}/s "
            f"p50 {line['p50_ms']:7.0f} ms "
            f"p95 {line['p95_ms']:7.0f} ms max {line['max_ms']:7.0f} ms "
            f"WAL/op {line['wal_kb_per_op']:8.1f} kB "
            f"errors {line['errors']} {line['checks']}"
        )


if __name__ == "__main__":
    main()
