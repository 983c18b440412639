# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Screens benchmark: the office's screens at 10 and at 2,000 organisations
(issue 12, points 3 and 4).

A standalone script that prints figures; pytest does not collect it
(setup.cfg collects test_*.py only). Command:

    python3 tests/benchmark_screens.py -c <odoo.conf> --template <database> \\
        [--sizes 10 2000] [--members 100000] [--runs 5] [--rebuild] [--no-update]

<database> has both addons and the demo data installed (the demo agency has 10
Party branches: the "10" column). For every other size N a base database
``<database>_screens_<N>`` is built once, with tests/benchmark_province.py's
builders (20 agency Party committees and N - 20 branches, --members Party
members spread over them, all in PostgreSQL), and kept for re-use (--rebuild
builds it again). Each run copies the base into a scratch database, upgrades
the two addons there to the code on disk (--no-update skips it), measures and
drops the copy, so that before and after a change measure the same data.

Measured, through the calls the web client makes, as the demo users
``cxzy_office`` (the campaign office) and ``cxzy_secretary`` (a branch
secretary):

- starting a campaign of every branch × 15 tasks (the 2010 plan and 4 more
  tasks): time and the chatter messages it posts (one run: it is long);
- the completion matrix of that campaign as the office opens it (the button's
  action and the form's read): server time and the bytes of JSON sent;
  the drill-down into one agency Party committee when the screen has one;
- adding one branch to the running campaign;
- the members' search panel: time, queries, how many organisations it shows;
- list views (first page and count) as the secretary and as the office.

Each figure says whether it is the median or the single run; each target
prints its verdict (met / not met).
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent

TARGET_MATRIX_SECONDS = 0.300
TARGET_MATRIX_BYTES = 1_000_000
TARGET_START_SECONDS = 5.0
TARGET_START_MESSAGES = 5
TARGET_ADD_BRANCH_SECONDS = 1.0
TARGET_LIST_SECONDS = 0.300


def _say(message=""):
    print(message, flush=True)


def _postgres():
    import odoo.sql_db

    connection = odoo.sql_db.db_connect("postgres")
    cursor = connection.cursor()
    cursor._cnx.autocommit = True
    return cursor


def _exists(database):
    cr = _postgres()
    try:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        return bool(cr.fetchone())
    finally:
        cr.close()


def _copy(config, template, target):
    from psycopg2 import sql

    import odoo.sql_db

    odoo.sql_db.close_db(template)
    cr = _postgres()
    try:
        cr.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(target)
            )
        )
        cr.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(template)
            )
        )
    finally:
        cr.close()
    source, copy = Path(config.filestore(template)), Path(config.filestore(target))
    shutil.rmtree(copy, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, copy)


def _drop(config, database):
    from psycopg2 import sql

    import odoo.sql_db

    odoo.sql_db.close_db(database)
    cr = _postgres()
    try:
        cr.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(database)
            )
        )
    finally:
        cr.close()
    shutil.rmtree(config.filestore(database), ignore_errors=True)


def _build(config, template, base, organisations, members):
    """The base database of ``organisations`` organisations, kept for re-use."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    sys.path.insert(0, str(HERE))
    import benchmark_province

    _say(f"Building {base}: {organisations:,} organisations, {members:,} members")
    _copy(config, template, base)
    registry = Registry(base)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company").id
        __, branches = benchmark_province.build_organisations(
            cr, company, organisations
        )
        benchmark_province.build_members(cr, company, branches, members)
        cr.execute("ANALYZE")
    registry.delete(base)


def _update(config_path, database):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            config_path,
            "-d",
            database,
            "-u",
            "cxzy_campaign,cxzy_evaluation",
            "--stop-after-init",
            "--log-level=warn",
            "--no-http",
        ],
        check=True,
    )


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def _timed(env, function, runs):
    """(median seconds, queries of the last run, result of the last run)."""
    times, queries, result = [], 0, None
    for __ in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        result = function()
        env.flush_all()
        times.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), queries, result


def _spec(env, model, view_id, view_type):
    """The fields spec the web client sends for the view: its fields, the
    relational ones with their display name."""
    Model = env[model]
    views = Model.get_views([(view_id, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    spec = {}
    for node in arch.iter("field"):
        if any(
            ancestor.tag in ("list", "kanban", "form") and ancestor is not arch
            for ancestor in node.iterancestors()
        ):
            continue  # a field of an embedded view
        name = node.get("name")
        field = Model._fields.get(name)
        if not field or name in spec:
            continue
        if field.type in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def _open(env, action):
    """What the web client fetches to show the form an action opens: the
    record's read. Returns (JSON bytes, model, record id, spec)."""
    model = action["res_model"]
    view_id = action["views"][0][0] if action.get("views") else False
    spec = _spec(env, model, view_id, "form")
    result = env[model].browse(action["res_id"]).web_read(spec)
    payload = json.dumps([action, result], default=str)
    return len(payload.encode()), model, action["res_id"], spec


def _campaign(env, branches):
    """A draft campaign of ``branches`` with 15 tasks done by each."""
    Campaign = env["cxzy.campaign"]
    template = env.ref("cxzy_campaign.campaign_template_2010")
    campaign = Campaign.create(
        {
            "name": "基准活动",
            "date_start": "2030-04-01",
            "date_end": "2030-04-01",
            "organization_ids": [(6, 0, branches.ids)],
        }
    )
    campaign._copy_plan_from(template)
    phase = campaign.phase_ids[-1]
    env["cxzy.campaign.task"].create(
        [
            {"phase_id": phase.id, "name": f"补充任务{i}", "deadline": phase.date_end}
            for i in range(15 - len(campaign.task_ids))
        ]
    )
    return campaign


def _messages(env):
    env.cr.execute(
        "SELECT count(*) FROM mail_message WHERE model IN "
        "('cxzy.campaign', 'cxzy.campaign.assignment')"
    )
    return env.cr.fetchone()[0]


def measure(env, runs):
    """The figures of one database, as a dict."""
    office = env["res.users"].search([("login", "=", "cxzy_office")])
    secretary = env["res.users"].search([("login", "=", "cxzy_secretary")])
    Org = env["cxzy.party.organization"]
    branches = Org.search([("kind", "in", ("branch", "general_branch"))])
    figures = {"organisations": Org.search_count([]), "branches": len(branches)}

    # starting the campaign, as the office
    campaign = _campaign(env, branches)
    env.flush_all()
    messages = _messages(env)
    as_office = campaign.with_user(office)
    seconds, queries, __ = _timed(env, as_office.action_start, 1)
    figures["start"] = (seconds, queries, _messages(env) - messages)
    # some work done, some late: 1/3 done, 1/6 in progress, 1/6 overdue
    env.cr.execute(
        """UPDATE cxzy_campaign_assignment
              SET state = (ARRAY['done', 'todo', 'in_progress', 'done', 'todo',
                                 'done'])[id %% 6 + 1],
                  is_done = (id %% 6 IN (0, 3, 5))::int,
                  deadline = CASE WHEN id %% 6 = 4 THEN DATE '2010-01-01'
                                  ELSE deadline END
            WHERE campaign_id = %s""",
        [campaign.id],
    )
    env.invalidate_all()

    # the completion matrix, as the office opens it
    def open_matrix():
        return _open(env, campaign.with_user(office).action_view_matrix())

    seconds, queries, (size, model, res_id, spec) = _timed(env, open_matrix, runs)
    figures["matrix"] = (seconds, queries, size)
    figures["drill"] = None
    if "organization_id" in spec:
        record = env[model].with_user(office).browse(res_id)
        committee = Org.search([("kind", "=", "committee")], order="id desc", limit=1)

        def drill():
            result = record.onchange(
                {"organization_id": committee.id}, ["organization_id"], spec
            )
            return len(json.dumps(result, default=str).encode())

        seconds, queries, size = _timed(env, drill, runs)
        figures["drill"] = (seconds, queries, size)

    # one more branch in the running campaign
    new = Org.create(
        [
            {
                "name": f"新增支部{i}",
                "kind": "branch",
                "parent_id": branches[0].parent_id.id,
            }
            for i in range(3)
        ]
    )
    added = iter(new)

    def add_branch():
        as_office.write({"organization_ids": [(4, next(added).id)]})

    figures["add"] = _timed(env, add_branch, 3)[:2]

    # the members' search panel, as the office
    Member = env["cxzy.party.member"].with_user(office)
    search_view = Member.get_views([(False, "search")])["views"]["search"]["arch"]
    panel = etree.fromstring(search_view).find(".//searchpanel/field")
    limit = int(panel.get("limit", 200))

    def search_panel():
        return Member.search_panel_select_range(
            "organization_id",
            category_domain=[],
            enable_counters=bool(panel.get("enable_counters")),
            expand=bool(panel.get("expand")),
            filter_domain=[],
            hierarchize=panel.get("hierarchize", "1") not in ("0", "false", "False"),
            limit=limit,
            search_domain=[],
        )

    seconds, queries, result = _timed(env, search_panel, runs)
    # what the panel should show: the organisations with members and those
    # above them (the panel does not expand to empty ones)
    env.cr.execute(
        """SELECT count(DISTINCT ancestor)
             FROM cxzy_party_organization o,
                  unnest(string_to_array(rtrim(o.parent_path, '/'), '/')) ancestor
            WHERE o.id IN (SELECT organization_id FROM cxzy_party_member
                            WHERE active)"""
    )
    expected = env.cr.fetchone()[0]
    figures["panel"] = (seconds, queries, len(result.get("values", [])), expected)

    # list views (first page and count)
    for login, user in (("secretary", secretary), ("office", office)):
        for model, domain in (
            ("cxzy.party.member", []),
            ("cxzy.party.organization", []),
            ("cxzy.campaign.assignment", [("campaign_id", "=", campaign.id)]),
        ):
            Model = env[model].with_user(user)
            spec = _spec(env, model, False, "list")

            def read_list(Model=Model, spec=spec, domain=domain):
                return Model.web_search_read(domain, spec, limit=80, count_limit=10001)

            figures[f"list {model} {login}"] = _timed(env, read_list, runs)[:2]
    env.cr.rollback()
    return figures


def _run_size(args, config, size):
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    if size <= 10:
        base = args.template
    else:
        base = f"{args.template}_screens_{size}"
        if args.rebuild or not _exists(base):
            _build(config, args.template, base, size, args.members)
        else:
            _say(f"Re-using {base}")
    scratch = f"{base}_run"
    _copy(config, base, scratch)
    try:
        if not args.no_update:
            _say(f"Upgrading the addons in {scratch} ...")
            _update(args.config, scratch)
        registry = Registry(scratch)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return measure(env, args.runs)
    finally:
        _drop(config, scratch)


def _verdict(met):
    return "met" if met else "NOT met"


def report(results, runs):
    sizes = list(results)
    big = results[sizes[-1]]
    width = 16
    median = f"median of {runs}"
    head = "".join(f"{results[s]['organisations']:>{width - 6},} orgs " for s in sizes)
    _say()
    _say(f"{'figure':<48}{head} runs; target at the largest size: verdict")
    _say("-" * (48 + width * len(sizes) + 40))

    def row(label, key, show, how="", target=None):
        cells = "".join(f"{show(results[s][key]):>{width}}" for s in sizes)
        verdict = ""
        if target:
            text, met = target
            verdict = f"{text}: {_verdict(met(big[key]))}"
        _say(f"{label:<48}{cells}  {how}; {verdict}")

    def ms(seconds):
        return f"{seconds * 1000:,.1f} ms"

    def num(value):
        return f"{value:,}"

    row("branches in the campaign", "branches", num)
    row(
        "start the campaign: time",
        "start",
        lambda x: ms(x[0]),
        "1 run",
        ("<= 5 s", lambda x: x[0] <= TARGET_START_SECONDS),
    )
    row("start the campaign: queries", "start", lambda x: num(x[1]), "1 run")
    row(
        "start the campaign: chatter messages",
        "start",
        lambda x: num(x[2]),
        "1 run",
        (f"<= {TARGET_START_MESSAGES}", lambda x: x[2] <= TARGET_START_MESSAGES),
    )
    row(
        "completion matrix: server time",
        "matrix",
        lambda x: ms(x[0]),
        median,
        ("<= 300 ms", lambda x: x[0] <= TARGET_MATRIX_SECONDS),
    )
    row("completion matrix: queries", "matrix", lambda x: num(x[1]), "last run")
    row(
        "completion matrix: JSON bytes",
        "matrix",
        lambda x: num(x[2]),
        "last run",
        ("<= 1 MB", lambda x: x[2] <= TARGET_MATRIX_BYTES),
    )
    if all(results[s]["drill"] for s in sizes):
        row(
            "matrix drill-down (one committee): time",
            "drill",
            lambda x: ms(x[0]),
            median,
            ("<= 300 ms", lambda x: x[0] <= TARGET_MATRIX_SECONDS),
        )
        row(
            "matrix drill-down: JSON bytes",
            "drill",
            lambda x: num(x[2]),
            "last run",
            ("<= 1 MB", lambda x: x[2] <= TARGET_MATRIX_BYTES),
        )
    else:
        _say(f"{'matrix drill-down':<48}{'none':>{width}}  (the screen has none)")
    row(
        "add one branch to the running campaign",
        "add",
        lambda x: ms(x[0]),
        "median of 3",
        ("<= 1 s", lambda x: x[0] <= TARGET_ADD_BRANCH_SECONDS),
    )
    row("add one branch: queries", "add", lambda x: num(x[1]), "last run")
    row("members' search panel: time", "panel", lambda x: ms(x[0]), median)
    row("members' search panel: queries", "panel", lambda x: num(x[1]), "last run")
    row(
        "members' search panel: organisations shown",
        "panel",
        lambda x: f"{x[2]:,}/{x[3]:,}",
        "shown/with members",
        ("all", lambda x: x[2] == x[3]),
    )
    for key in big:
        if not key.startswith("list "):
            continue
        __, model, login = key.split(" ")
        row(
            f"list {model} as {login}: time",
            key,
            lambda x: ms(x[0]),
            median,
            ("<= 300 ms", lambda x: x[0] <= TARGET_LIST_SECONDS),
        )
        same = len({results[s][key][1] for s in sizes}) == 1
        row(
            f"list {model} as {login}: queries",
            key,
            lambda x: num(x[1]),
            "last run",
            ("same at every size", lambda x, same=same: same),
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("--template", required=True, help="database with demo data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 2000])
    parser.add_argument("--members", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-update", action="store_true")
    args = parser.parse_args(argv)

    import odoo
    from odoo.tools import config

    config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.netsvc.init_logger()
    started = time.perf_counter()
    results = {size: _run_size(args, config, size) for size in args.sizes}
    report(results, args.runs)
    _say(f"\nBenchmark run in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
