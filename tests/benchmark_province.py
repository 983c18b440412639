# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Province-scale benchmark of the masses' appraisal (issues 4 and 12).

A benchmark that prints figures, not a timed test: pytest does not collect it
(setup.cfg collects test_*.py only). Run it with its runner:

    python3 tests/run_benchmark.py -c <odoo.conf> --template <database>

<database> is any database with cxzy_campaign and cxzy_evaluation installed
(with or without demo data). The runner copies it into a scratch database
(CREATE DATABASE ... TEMPLATE), installs Odoo's `survey` there, calls
:func:`run` in an Odoo environment on the copy and drops it afterwards
(--keep keeps it).

:func:`run` builds a province directly in PostgreSQL — 2,000 Party
organisations, 100,000 members with their hr employees, 100 voters with a
user each and one appraisal round of the 2,000 organisations on the five
Five Goods criteria holding 1,000,000 grade marks (100 ballots × 2,000
subjects × 5 criteria) — and times each figure against its fairest floor,
hand-written SQL doing the same work on the same storage:

(a) our tally: ``round._results()`` through the ORM, as the office's user;
    floor (b') the same counts by SQL over our tally counters. (b), one SQL
    GROUP BY over the 1,000,000 marks stored one row each (what survey or
    any per-mark storage must read), is printed for reference only;
(c) Odoo `survey`'s statistics over the same marks stored as survey answers
    (1,000,000 answer lines inserted by SQL), as its results page computes
    them; compared with (a);
(d) grading all 2,000 organisations for an assessment period, the round's
    results as the masses' scores: create, self-assess, review and confirm
    through the ORM; floor: the same rows it left (assessments, lines, grade
    history, chatter) inserted by SQL into copies of their tables;
(e) votes in rounds of the 2,000 organisations with 1,000, 5,000 and
    100,000 eligible voters, through the ballot wizard's public API (open the
    ballot: ``default_get``; cast it: ``create``); floor: the counters of the
    ballot's marks and the voter's flag updated by SQL.

Every figure says how many runs it is the median (or the only run) of; every
target says whether it is met. The targets: a/b' <= 1.5 and c/a >= 10
(issue 4); d/floor <= 20 and a vote within 1 s and within 5 × its floor at
every electorate (set here: grading takes four workflow steps over the same
rows, a vote is one request of the voter).
"""

import random
import statistics
import time
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields

GRADES = ("excellent", "good", "fair", "poor")
GRADE_SCORES = {"excellent": 100, "good": 80, "fair": 60, "poor": 40}
TARGET_A_OVER_B = 1.5
TARGET_C_OVER_A = 10.0
TARGET_D_OVER_FLOOR = 20.0
TARGET_VOTE_SECONDS = 1.0
TARGET_VOTE_OVER_FLOOR = 5.0
ELECTORATES = (1_000, 5_000, 100_000)
VOTES_PER_ROUND = 3


class Figure:
    """A timed figure: the median of ``runs`` runs (the only run when 1)."""

    def __init__(self, seconds, runs):
        self.seconds, self.runs = seconds, runs

    @property
    def how(self):
        return "1 run" if self.runs == 1 else f"median of {self.runs}"


def _measure(function, runs):
    """(Figure, result of the last call): the median wall time of ``runs``
    calls."""
    times, result = [], None
    for __ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return Figure(statistics.median(times), runs), result


def _say(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------
# The dataset
# ---------------------------------------------------------------------------


def build_organisations(cr, company_id, count):
    """`count` organisations: 20 agency Party committees and their branches.
    Returns the ids of all of them, committees first."""
    committees = 20
    cr.execute(
        """INSERT INTO cxzy_party_organization
                (name, kind, company_id, active, sequence, create_uid, write_uid,
                 create_date, write_date)
           SELECT '省直机关第' || lpad(g::text, 2, '0') || '机关党委', 'committee',
                  %s, TRUE, 10, 1, 1, now(), now()
             FROM generate_series(1, %s) g
        RETURNING id""",
        [company_id, committees],
    )
    parents = [row[0] for row in cr.fetchall()]
    cr.execute(
        """INSERT INTO cxzy_party_organization
                (name, kind, company_id, parent_id, active, sequence, create_uid,
                 write_uid, create_date, write_date)
           SELECT '省直机关第' || lpad((g %% %s + 1)::text, 2, '0') || '机关党委第'
                  || lpad(g::text, 4, '0') || '党支部', 'branch', %s,
                  (%s::int[])[g %% %s + 1], TRUE, 10, 1, 1, now(), now()
             FROM generate_series(1, %s) g
        RETURNING id""",
        [committees, company_id, parents, committees, count - committees],
    )
    branches = [row[0] for row in cr.fetchall()]
    ids = parents + branches
    cr.execute(
        """UPDATE cxzy_party_organization
              SET parent_path = id || '/', branch_id = id
            WHERE id = ANY(%s)""",
        [parents],
    )
    cr.execute(
        """UPDATE cxzy_party_organization o
              SET parent_path = o.parent_id || '/' || o.id || '/', branch_id = o.id
            WHERE o.id = ANY(%s)""",
        [branches],
    )
    return ids, branches


def build_members(cr, company_id, branches, count):
    """`count` hr employees, each a Party member of one of the branches.
    Returns the employee ids in order."""
    cr.execute(
        "SELECT resource_calendar_id FROM res_company WHERE id = %s", [company_id]
    )
    calendar_id = cr.fetchone()[0]
    cr.execute(
        """WITH resource AS (
               INSERT INTO resource_resource
                      (name, resource_type, tz, time_efficiency, active, company_id,
                       calendar_id, create_uid, write_uid, create_date, write_date)
               SELECT '党员' || lpad(g::text, 6, '0'), 'user', 'Asia/Shanghai', 100,
                      TRUE, %(company)s, %(calendar)s, 1, 1, now(), now()
                 FROM generate_series(1, %(count)s) g
            RETURNING id, name
           )
           INSERT INTO hr_employee
                  (resource_id, name, company_id, resource_calendar_id, active,
                   employee_type, marital, distance_home_work_unit, create_uid,
                   write_uid, create_date, write_date)
           SELECT id, name, %(company)s, %(calendar)s, TRUE, 'employee', 'single',
                  'kilometers', 1, 1, now(), now()
             FROM resource ORDER BY id
        RETURNING id""",
        {"company": company_id, "calendar": calendar_id, "count": count},
    )
    employees = sorted(row[0] for row in cr.fetchall())
    cr.execute(
        """INSERT INTO cxzy_party_member
                (employee_id, name, organization_id, branch_id, membership_type,
                 company_id, active, create_uid, write_uid, create_date, write_date)
           SELECT e.id, e.name, (%(branches)s::int[])[(e.n - 1) %% %(nb)s + 1],
                  (%(branches)s::int[])[(e.n - 1) %% %(nb)s + 1], 'full',
                  %(company)s, TRUE, 1, 1, now(), now()
             FROM (SELECT id, name, row_number() OVER (ORDER BY id) AS n
                     FROM hr_employee WHERE id = ANY(%(employees)s)) e""",
        {
            "branches": branches,
            "nb": len(branches),
            "company": company_id,
            "employees": employees,
        },
    )
    return employees


def give_users(env, employee_ids):
    """A user for each of these employees (the voters), made by the ORM."""
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"评议人{index:03d}",
                    "login": f"bench_voter_{index:03d}",
                    "groups_id": [Command.set([env.ref("base.group_user").id])],
                }
                for index in range(len(employee_ids))
            ]
        )
    )
    cr = env.cr
    cr.execute(
        """UPDATE hr_employee e SET user_id = u.user_id
             FROM unnest(%s::int[], %s::int[]) AS u(employee_id, user_id)
            WHERE e.id = u.employee_id""",
        [list(employee_ids), users.ids],
    )
    cr.execute(
        """UPDATE cxzy_party_member m SET user_id = e.user_id
             FROM hr_employee e WHERE e.id = m.employee_id AND e.id = ANY(%s)""",
        [list(employee_ids)],
    )
    env.invalidate_all()
    return users


def sql_users(env, employee_ids, template_user):
    """A user for each of these employees, inserted by SQL (fast enough for
    100,000 eligible voters), with the groups and companies of
    ``template_user``. They only need to exist: they never log in here."""
    cr = env.cr
    cr.execute(
        """CREATE TEMP TABLE bench_user AS
           SELECT id AS employee_id, nextval('res_partner_id_seq') AS partner_id,
                  nextval('res_users_id_seq') AS user_id
             FROM unnest(%s::int[]) AS id""",
        [list(employee_ids)],
    )
    cr.execute(
        """INSERT INTO res_partner (id, name, active, type, lang, tz, create_uid,
                                    write_uid, create_date, write_date)
           SELECT partner_id, 'bench_voter_' || employee_id, TRUE, 'contact',
                  'zh_CN', 'Asia/Shanghai', 1, 1, now(), now()
             FROM bench_user"""
    )
    cr.execute(
        """INSERT INTO res_users (id, login, partner_id, company_id, active, share,
                                  notification_type, create_uid, write_uid,
                                  create_date, write_date)
           SELECT user_id, 'bench_voter_' || employee_id, partner_id, %s, TRUE,
                  FALSE, 'email', 1, 1, now(), now()
             FROM bench_user""",
        [template_user.company_id.id],
    )
    cr.execute(
        """INSERT INTO res_groups_users_rel (gid, uid)
           SELECT r.gid, b.user_id FROM bench_user b, res_groups_users_rel r
            WHERE r.uid = %s""",
        [template_user.id],
    )
    cr.execute(
        """INSERT INTO res_company_users_rel (cid, user_id)
           SELECT r.cid, b.user_id FROM bench_user b, res_company_users_rel r
            WHERE r.user_id = %s""",
        [template_user.id],
    )
    cr.execute(
        """UPDATE hr_employee e SET user_id = b.user_id
             FROM bench_user b WHERE e.id = b.employee_id"""
    )
    cr.execute(
        """UPDATE cxzy_party_member m SET user_id = b.user_id
             FROM bench_user b WHERE m.employee_id = b.employee_id"""
    )
    cr.execute("DROP TABLE bench_user")
    env.invalidate_all()


def build_marks(cr, voters, subjects, criteria, seed):
    """One mark per voter, subject and criterion, in an unlogged scratch
    table ``bench_mark``: grades drawn at random (50 % excellent, 30 % good,
    15 % fair, 5 % poor) from a seeded generator."""
    cr.execute("DROP TABLE IF EXISTS bench_mark")
    cr.execute(
        """CREATE UNLOGGED TABLE bench_mark (
               voter integer, subject integer, criterion integer, grade varchar)"""
    )
    cr.execute("SELECT setseed(%s)", [seed])
    cr.execute(
        """INSERT INTO bench_mark
           SELECT voter, subject, criterion,
                  CASE WHEN r < 0.50 THEN 'excellent' WHEN r < 0.80 THEN 'good'
                       WHEN r < 0.95 THEN 'fair' ELSE 'poor' END
             FROM (SELECT v AS voter, s AS subject, c AS criterion, random() AS r
                     FROM unnest(%s::int[]) v, unnest(%s::int[]) s,
                          unnest(%s::int[]) c
                 ORDER BY v, s, c) marks""",
        [voters, subjects, criteria],
    )
    cr.execute("ANALYZE bench_mark")


def fill_ballot_box(cr, appraisal_round, voters):
    """Put the marks in the round's ballot box, as if each voter had voted:
    the tally's counters and the participation flags."""
    cr.execute(
        """UPDATE cxzy_appraisal_tally t
              SET votes_excellent = m.e, votes_good = m.g, votes_fair = m.f,
                  votes_poor = m.p
             FROM (SELECT subject, criterion,
                          COUNT(*) FILTER (WHERE grade = 'excellent') AS e,
                          COUNT(*) FILTER (WHERE grade = 'good') AS g,
                          COUNT(*) FILTER (WHERE grade = 'fair') AS f,
                          COUNT(*) FILTER (WHERE grade = 'poor') AS p
                     FROM bench_mark GROUP BY subject, criterion) m
            WHERE t.round_id = %s AND t.organization_id = m.subject
              AND t.criterion_id = m.criterion""",
        [appraisal_round.id],
    )
    cr.execute(
        """UPDATE cxzy_appraisal_participation SET has_voted = employee_id = ANY(%s)
            WHERE round_id = %s""",
        [list(voters), appraisal_round.id],
    )


def build_survey(env, organisations, criteria, voters):
    """The same marks as survey answers: one matrix question per criterion,
    a row per organisation, a column per grade, a finished user input per
    voter, and one answer line per mark (inserted by SQL)."""
    cr = env.cr
    survey = env["survey.survey"].create(
        {"title": "省直机关党支部群众评议（survey）", "access_mode": "public"}
    )
    names = dict(
        env["cxzy.party.organization"]
        .browse(organisations)
        .mapped(lambda o: (o.id, o.name))
    )
    question_of, answer_of, row_of = {}, {}, {}
    for sequence, criterion in enumerate(criteria, start=1):
        question = env["survey.question"].create(
            {
                "survey_id": survey.id,
                "sequence": sequence,
                "title": criterion.name,
                "question_type": "matrix",
                "matrix_subtype": "simple",
                "suggested_answer_ids": [
                    Command.create({"value": grade, "sequence": index})
                    for index, grade in enumerate(GRADES)
                ],
                "matrix_row_ids": [
                    Command.create({"value": names[org_id], "sequence": index})
                    for index, org_id in enumerate(organisations)
                ],
            }
        )
        question_of[criterion.id] = question
        for answer in question.suggested_answer_ids:
            answer_of[criterion.id, answer.value] = answer.id
        for org_id, row in zip(organisations, question.matrix_row_ids, strict=True):
            row_of[criterion.id, org_id] = row.id
    inputs = env["survey.user_input"].create(
        [{"survey_id": survey.id, "state": "done"} for __ in voters]
    )
    env.flush_all()
    cr.execute("CREATE TEMP TABLE bench_map_input (voter int, input int)")
    cr.execute(
        "INSERT INTO bench_map_input SELECT * FROM unnest(%s::int[], %s::int[])",
        [list(voters), inputs.ids],
    )
    cr.execute(
        "CREATE TEMP TABLE bench_map_question (criterion int, question int, seq int)"
    )
    cr.execute(
        "INSERT INTO bench_map_question SELECT * FROM unnest(%s::int[], %s::int[], "
        "%s::int[])",
        [
            list(question_of),
            [q.id for q in question_of.values()],
            [q.sequence for q in question_of.values()],
        ],
    )
    cr.execute(
        "CREATE TEMP TABLE bench_map_answer (criterion int, grade varchar, answer int)"
    )
    cr.execute(
        "INSERT INTO bench_map_answer SELECT * FROM unnest(%s::int[], %s::varchar[], "
        "%s::int[])",
        [
            [key[0] for key in answer_of],
            [key[1] for key in answer_of],
            list(answer_of.values()),
        ],
    )
    cr.execute("CREATE TEMP TABLE bench_map_row (criterion int, subject int, row int)")
    cr.execute(
        "INSERT INTO bench_map_row SELECT * FROM unnest(%s::int[], %s::int[], "
        "%s::int[])",
        [[key[0] for key in row_of], [key[1] for key in row_of], list(row_of.values())],
    )
    cr.execute(
        """INSERT INTO survey_user_input_line
                (user_input_id, survey_id, question_id, question_sequence, skipped,
                 answer_type, suggested_answer_id, matrix_row_id, answer_score,
                 answer_is_correct, create_uid, write_uid, create_date, write_date)
           SELECT i.input, %s, q.question, q.seq, FALSE, 'suggestion', a.answer,
                  r.row, 0, FALSE, 1, 1, now(), now()
             FROM bench_mark m
             JOIN bench_map_input i ON i.voter = m.voter
             JOIN bench_map_question q ON q.criterion = m.criterion
             JOIN bench_map_answer a ON a.criterion = m.criterion AND a.grade = m.grade
             JOIN bench_map_row r ON r.criterion = m.criterion AND r.subject = m.subject
         ORDER BY i.input, q.seq, r.row""",
        [survey.id],
    )
    cr.execute("ANALYZE survey_user_input_line")
    return survey, question_of, answer_of, row_of


# ---------------------------------------------------------------------------
# What is timed
# ---------------------------------------------------------------------------


def _timed_step(env, step):
    """One run of a workflow step, its deferred writes included."""
    seconds, __ = _measure(lambda: (step(), env.flush_all()), 1)
    return seconds.seconds


def _max_ids(cr):
    """{table: max(id)} of the tables grading may insert into."""
    cr.execute(
        """SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'id'
              AND (table_name LIKE 'cxzy\\_%%' OR table_name LIKE 'mail\\_%%')
              AND table_name IN (SELECT tablename FROM pg_tables)"""
    )
    ids = {}
    for (table,) in cr.fetchall():
        cr.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        ids[table] = cr.fetchone()[0]
    return ids


def insert_floor(cr, before):
    """The floor of a write path: the rows it left (id above ``before``)
    inserted by SQL, table by table, into copies of their tables (same
    columns, defaults, indexes and constraints but the foreign keys); the
    copies are dropped afterwards. (seconds, rows)."""
    after = _max_ids(cr)
    tables = [t for t in before if after[t] > before[t]]
    for table in tables:
        cr.execute(f'CREATE TABLE "bench_floor_{table}" (LIKE "{table}" INCLUDING ALL)')
    cr.commit()
    rows = 0
    start = time.perf_counter()
    for table in tables:
        cr.execute(
            f'INSERT INTO "bench_floor_{table}" SELECT * FROM "{table}" WHERE id > %s',
            [before[table]],
        )
        rows += cr.rowcount
    cr.commit()
    seconds = time.perf_counter() - start
    for table in tables:
        cr.execute(f'DROP TABLE "bench_floor_{table}"')
    cr.commit()
    return seconds, rows


def grade_period(env, period, seed):
    """(d) Grade every organisation of the period, as the office: create the
    assessments (the masses' scores come from the closed round's tally),
    self-assess, review (the tier) and confirm (the grade history). The
    self-assessment and review scores are typed in between, untimed. Returns
    (seconds, {step: seconds}, graded, tiered, floor seconds, rows)."""
    draw = random.Random(seed)
    cr = env.cr
    before = _max_ids(cr)
    steps = {}
    env.invalidate_all()
    steps["create"] = _timed_step(env, period.action_create_assessments)
    assessments = (
        env["cxzy.org.assessment"]
        .with_user(period.env.user)
        .search([("period_id", "=", period.id)])
    )
    review_field = assessments._review_score_field

    def type_in(field_name):
        by_score = {}
        for line in assessments.line_ids:
            score = draw.choice((55.0, 65.0, 75.0, 85.0, 95.0))
            by_score.setdefault(score, []).append(line.id)
        for score, ids in by_score.items():
            assessments.line_ids.browse(ids).write({field_name: score})
        env.flush_all()

    type_in("self_score")
    steps["self-assess"] = _timed_step(env, assessments.action_self_assess)
    type_in(review_field)
    steps["review"] = _timed_step(env, assessments.action_review)
    steps["confirm"] = _timed_step(env, assessments.action_confirm)
    cr.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE tier IS NOT NULL) "
        "FROM cxzy_org_assessment WHERE period_id = %s",
        [period.id],
    )
    graded, tiered = cr.fetchone()
    cr.commit()
    floor, rows = insert_floor(cr, before)
    return sum(steps.values()), steps, graded, tiered, floor, rows


def open_vote_round(env, campaign, organisations, criteria, voters, name):
    """A round of the organisations with these eligible voters, opened."""
    now = fields.Datetime.now()
    appraisal_round = env["cxzy.appraisal.round"].create(
        {
            "name": name,
            "campaign_id": campaign.id,
            "subject_type": "organization",
            "organization_ids": [Command.set(organisations)],
            "criterion_ids": [Command.set(criteria.ids)],
            "voter_ids": [Command.set(voters)],
            "date_open": now - timedelta(days=1),
            "date_close": now + timedelta(days=30),
            "min_voters": 10,
        }
    )
    opening, __ = _measure(lambda: (appraisal_round.action_open(), env.flush_all()), 1)
    env.cr.commit()
    return appraisal_round, opening


def vote(env, appraisal_round, user, draw):
    """One vote as the web client casts it: open the ballot wizard, grade
    every line, save. (seconds to open, seconds to cast, grades)."""
    Ballot = env["cxzy.appraisal.ballot"].with_user(user)
    Ballot = Ballot.with_context(default_round_id=appraisal_round.id)
    opened, values = _measure(lambda: Ballot.default_get(["round_id", "line_ids"]), 1)
    lines = [
        Command.create(dict(command[2], grade=draw.choice(GRADES)))
        for command in values["line_ids"]
    ]
    cast, __ = _measure(
        lambda: (
            Ballot.create({"round_id": values["round_id"], "line_ids": lines}),
            env.flush_all(),
        ),
        1,
    )
    env.cr.commit()
    return opened.seconds, cast.seconds, lines


def vote_floor(cr, appraisal_round, employee_id, lines):
    """The floor of a vote: the counters of the ballot's marks incremented
    and the voter's flag set, by SQL; rolled back."""
    marks = [line[2] for line in lines]
    cr.execute("SAVEPOINT bench_vote")
    start = time.perf_counter()
    cr.execute(
        """UPDATE cxzy_appraisal_tally t
              SET votes_excellent = votes_excellent + (m.grade = 'excellent')::int,
                  votes_good = votes_good + (m.grade = 'good')::int,
                  votes_fair = votes_fair + (m.grade = 'fair')::int,
                  votes_poor = votes_poor + (m.grade = 'poor')::int
             FROM unnest(%s::int[], %s::int[], %s::varchar[])
                  AS m(subject_id, criterion_id, grade)
            WHERE t.round_id = %s AND t.organization_id = m.subject_id
              AND t.criterion_id = m.criterion_id""",
        [
            [m["subject_id"] for m in marks],
            [m["criterion_id"] for m in marks],
            [m["grade"] for m in marks],
            appraisal_round.id,
        ],
    )
    cr.execute(
        """UPDATE cxzy_appraisal_participation SET has_voted = TRUE
            WHERE round_id = %s AND employee_id = %s""",
        [appraisal_round.id, employee_id],
    )
    seconds = time.perf_counter() - start
    cr.execute("ROLLBACK TO SAVEPOINT bench_vote")
    return seconds


def votes(env, campaign, organisations, criteria, employees, users_of, seed):
    """(e) For each electorate: a round, VOTES_PER_ROUND votes. Returns
    [(eligible, opening Figure, open Figure, cast Figure, floor Figure,
    grades)]."""
    draw = random.Random(seed)
    figures = []
    # A reduced province has fewer members than the largest electorate.
    for eligible in sorted({min(size, len(employees)) for size in ELECTORATES}):
        appraisal_round, opening = open_vote_round(
            env,
            campaign,
            organisations,
            criteria,
            employees[:eligible],
            f"群众评议（基准，{eligible}人）",
        )
        opened, cast, floors, grades = [], [], [], 0
        for employee_id in employees[:VOTES_PER_ROUND]:
            seconds_open, seconds_cast, lines = vote(
                env, appraisal_round, users_of[employee_id], draw
            )
            opened.append(seconds_open)
            cast.append(seconds_cast)
            floors.append(vote_floor(env.cr, appraisal_round, employee_id, lines))
            grades = len(lines)
        figures.append(
            (
                eligible,
                opening,
                *(
                    Figure(statistics.median(times), len(times))
                    for times in (opened, cast, floors)
                ),
                grades,
            )
        )
    return figures


def floor_rows(cr):
    """(b) The counts by one hand-written GROUP BY over one row per mark."""
    cr.execute(
        """SELECT subject, criterion,
                  COUNT(*) FILTER (WHERE grade = 'excellent'),
                  COUNT(*) FILTER (WHERE grade = 'good'),
                  COUNT(*) FILTER (WHERE grade = 'fair'),
                  COUNT(*) FILTER (WHERE grade = 'poor'),
                  COUNT(*),
                  AVG(CASE grade WHEN 'excellent' THEN 100 WHEN 'good' THEN 80
                                 WHEN 'fair' THEN 60 ELSE 40 END)
             FROM bench_mark GROUP BY subject, criterion"""
    )
    return cr.fetchall()


def floor_tally(cr, round_id):
    """(b') The same by hand-written SQL over our storage."""
    cr.execute(
        """SELECT organization_id, criterion_id, votes_excellent, votes_good,
                  votes_fair, votes_poor,
                  votes_excellent + votes_good + votes_fair + votes_poor,
                  (100 * votes_excellent + 80 * votes_good + 60 * votes_fair
                   + 40 * votes_poor)::float
                  / NULLIF(votes_excellent + votes_good + votes_fair + votes_poor, 0)
             FROM cxzy_appraisal_tally WHERE round_id = %s""",
        [round_id],
    )
    return cr.fetchall()


def survey_statistics(env, survey):
    """(c) What survey's results page (controller ``survey_report``) computes,
    without the rendering."""
    user_inputs = (
        env["survey.user_input"]
        .sudo()
        ._search(
            [
                ("survey_id", "=", survey.id),
                ("test_entry", "=", False),
                ("state", "!=", "new"),
            ]
        )
    )
    lines = env["survey.user_input.line"].search([("user_input_id", "in", user_inputs)])
    survey_data = survey._prepare_statistics(lines)
    questions_data = survey.question_and_page_ids._prepare_statistics(lines)
    return survey_data, questions_data


def _check_same_counts(results, rows, survey_counts):
    """Our tally, the floor and survey agree on every count."""
    floor = {(r[0], r[1]): tuple(r[2:6]) for r in rows}
    ours = {
        key: tuple(value[grade] for grade in GRADES) for key, value in results.items()
    }
    assert ours == floor, "our tally and the SQL floor disagree"
    assert survey_counts == floor, "survey and the SQL floor disagree"


def _survey_counts(questions_data, question_of, answer_of, row_of):
    criterion_of_question = {q.id: c for c, q in question_of.items()}
    grade_of_answer = {a: key[1] for key, a in answer_of.items()}
    subject_of_row = {r: key[1] for key, r in row_of.items()}
    counts = {}
    for data in questions_data:
        criterion = criterion_of_question.get(data["question"].id)
        if criterion is None:
            continue
        for row in data["table_data"]:
            subject = subject_of_row[row["row"].id]
            by_grade = {
                grade_of_answer[column["suggested_answer"].id]: column["count"]
                for column in row["columns"]
            }
            counts[subject, criterion] = tuple(by_grade[grade] for grade in GRADES)
    return counts


def run(env, organisations=2000, members=100000, voters=100, repeat=5, seed=0.42):
    """Build the province in ``env``'s database and print the figures."""
    cr = env.cr
    company = env.ref("base.main_company")
    criteria = env["cxzy.criterion"].search([("target", "=", "organization")])
    marks = voters * organisations * len(criteria)
    _say(
        f"Province: {organisations:,} organisations, {members:,} members, "
        f"{voters} voters × {organisations:,} subjects × {len(criteria)} criteria "
        f"= {marks:,} grade marks"
    )

    start = time.perf_counter()
    org_ids, branch_ids = build_organisations(cr, company.id, organisations)
    employees = build_members(cr, company.id, branch_ids, members)
    voter_ids = employees[:voters]
    users = give_users(env, voter_ids)
    users_of = dict(zip(voter_ids, users, strict=True))
    # Every eligible voter of the largest electorate of (e) needs a user.
    sql_users(env, employees[voters : max(ELECTORATES)], users[0])
    office = env.ref("base.user_admin")
    today = fields.Date.today()
    campaign = env["cxzy.campaign"].create(
        {
            "name": "省直机关创先争优活动（基准）",
            "date_start": today.replace(month=1, day=1),
            "date_end": today.replace(month=12, day=31),
            "organization_ids": [Command.set(org_ids)],
        }
    )
    period = None
    if "cxzy.assessment.period" in env:
        period = env["cxzy.assessment.period"].create(
            {
                "name": "年度考核（基准）",
                "campaign_id": campaign.id,
                "date_start": campaign.date_start,
                "date_end": campaign.date_end,
            }
        )
        period.action_open()
    now = fields.Datetime.now()
    appraisal_round = env["cxzy.appraisal.round"].create(
        {
            "name": "省直机关党支部群众评议（基准）",
            "campaign_id": campaign.id,
            "period_id": period.id if period else False,
            "subject_type": "organization",
            "organization_ids": [Command.set(org_ids)],
            "criterion_ids": [Command.set(criteria.ids)],
            "voter_ids": [Command.set(voter_ids)],
            "date_open": now - timedelta(days=30),
            "date_close": now + timedelta(days=30),
            "min_voters": 10,
        }
    )
    appraisal_round.action_open()
    build_marks(cr, voter_ids, org_ids, criteria.ids, seed)
    fill_ballot_box(cr, appraisal_round, voter_ids)
    env.flush_all()
    survey, question_of, answer_of, row_of = build_survey(
        env, org_ids, criteria, voter_ids
    )
    env.flush_all()
    cr.execute("ANALYZE")
    cr.commit()
    _say(f"Dataset built in {time.perf_counter() - start:.1f} s")
    cr.execute("SELECT COUNT(*) FROM bench_mark")
    stored_marks = cr.fetchone()[0]
    cr.execute(
        "SELECT COUNT(*) FROM survey_user_input_line WHERE survey_id = %s", [survey.id]
    )
    survey_lines = cr.fetchone()[0]
    cr.execute(
        "SELECT COUNT(*) FROM cxzy_appraisal_tally WHERE round_id = %s",
        [appraisal_round.id],
    )
    tally_rows = cr.fetchone()[0]
    _say(
        f"Stored: {stored_marks:,} marks (one row each), {survey_lines:,} survey "
        f"answer lines, {tally_rows:,} tally rows of our round"
    )

    # (a) our tally, through the ORM, as the office's user.
    office_round = appraisal_round.with_user(office)

    def tally():
        env.invalidate_all()
        return office_round._results()

    tally()  # warm the caches of every figure alike
    a, results = _measure(tally, repeat)
    # (b') the floor over our storage; (b) one row per mark, for reference.
    floor_tally(cr, appraisal_round.id)
    b_ours, __ = _measure(lambda: floor_tally(cr, appraisal_round.id), repeat)
    floor_rows(cr)
    b, rows = _measure(lambda: floor_rows(cr), repeat)

    # (c) survey's statistics (slow: fewer runs).
    def survey_stats():
        env.invalidate_all()
        return survey_statistics(env, survey)

    c, (__, questions_data) = _measure(survey_stats, max(1, min(repeat, 2)))
    _check_same_counts(
        results, rows, _survey_counts(questions_data, question_of, answer_of, row_of)
    )
    del questions_data
    env.invalidate_all()

    # (d) grading all organisations for the period.
    grading = None
    if period is not None and hasattr(period, "action_create_assessments"):
        appraisal_round.action_close()
        env.flush_all()
        cr.commit()
        grading = grade_period(env, period.with_user(office), seed)
        cr.commit()

    # (e) votes at growing electorates.
    vote_figures = votes(env, campaign, org_ids, criteria, employees, users_of, seed)

    report(a, b, b_ours, c, grading, vote_figures)
    _say(
        f"(a), (b) and (c) agree on every count of the {len(results):,} "
        "subject × criterion cells."
    )
    return {"a": a, "b_ours": b_ours, "c": c, "d": grading, "e": vote_figures}


def _verdict(met):
    return "met" if met else "NOT met"


def report(a, b, b_ours, c, grading, vote_figures):
    """The table: figure, its time and runs, its floor, ratio, target and
    verdict."""
    head = f"{'figure':<46} {'seconds':>9} {'runs':<12} {'floor s':>9} {'ratio':>7}"
    _say("")
    _say(f"{head}  target / verdict")
    _say("-" * (len(head) + 26))

    def row(label, figure, floor=None, target=""):
        ratio = f"{figure.seconds / floor.seconds:7.2f}" if floor else " " * 7
        floor_text = f"{floor.seconds:9.4f}" if floor else " " * 9
        _say(
            f"{label:<46} {figure.seconds:9.4f} {figure.how:<12} {floor_text} "
            f"{ratio}  {target}".rstrip()
        )

    ratio = a.seconds / b_ours.seconds
    row(
        "(a) tally: round._results() (ORM, office)",
        a,
        b_ours,
        f"a/b' <= {TARGET_A_OVER_B}: {_verdict(ratio <= TARGET_A_OVER_B)}",
    )
    row("(b') floor: SQL over our tally counters", b_ours)
    row("(b) reference: SQL GROUP BY over 1 row per mark", b)
    ratio = c.seconds / a.seconds
    row(
        "(c) survey's statistics (floor shown: a)",
        c,
        a,
        f"c/a >= {TARGET_C_OVER_A}: {_verdict(ratio >= TARGET_C_OVER_A)}",
    )
    if grading is None:
        _say("(d) grading: pending (no grading in cxzy_evaluation)")
    else:
        seconds, steps, graded, tiered, floor, rows = grading
        d, d_floor = Figure(seconds, 1), Figure(floor, 1)
        row(
            f"(d) grading {graded:,} organisations ({tiered:,} tiered)",
            d,
            d_floor,
            f"d/floor <= {TARGET_D_OVER_FLOOR}: "
            f"{_verdict(seconds / floor <= TARGET_D_OVER_FLOOR)}",
        )
        _say(
            "    steps: "
            + ", ".join(f"{step} {time_:.2f} s" for step, time_ in steps.items())
            + f"; floor: the {rows:,} rows it left, inserted by SQL"
        )
    for eligible, opening, opened, cast, floor, grades in vote_figures:
        fast = cast.seconds + opened.seconds <= TARGET_VOTE_SECONDS
        near = cast.seconds / floor.seconds <= TARGET_VOTE_OVER_FLOOR
        row(
            f"(e) vote, {eligible:,} eligible: cast {grades:,} grades",
            cast,
            floor,
            f"open+cast <= {TARGET_VOTE_SECONDS:g} s: {_verdict(fast)}; "
            f"cast/floor <= {TARGET_VOTE_OVER_FLOOR:g}: {_verdict(near)}",
        )
        row(f"    open the ballot ({eligible:,} eligible)", opened)
        row(f"    open the round ({eligible:,} eligible)", opening)
    _say("")


def main(database, **options):
    """Run :func:`run` on ``database`` (Odoo's config must be loaded)."""
    from odoo.modules.registry import Registry

    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        return run(env, **options)
