# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Province-scale benchmark of the masses' appraisal (issue 4, item 12).

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
subjects × 5 criteria) — and times, in one run:

(a) our tally: ``round._results()`` through the ORM, as the office's user;
(b) the floor: the same counts by one hand-written SQL GROUP BY over the
    1,000,000 marks stored one row each (the form any per-mark storage,
    survey's included, holds them in), and (b') the same by hand-written SQL
    over our own storage (the ORM's overhead over raw SQL on it);
(c) Odoo `survey`'s statistics over the same marks stored as survey answers
    (a survey with one matrix question per criterion, one row per
    organisation, one column per grade; 1,000,000 answer lines inserted by
    SQL), computed as survey's results page computes them;
(d) grading all 2,000 organisations for an assessment period, with the
    round's results as the masses' scores
    (``cxzy.assessment.period.action_create_assessments``);
(e) one more vote through the ORM: a ballot of 10,000 grades.

and prints the figures and the ratios a/b, c/a and d/floor.
"""

import random
import time
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields

GRADES = ("excellent", "good", "fair", "poor")
GRADE_SCORES = {"excellent": 100, "good": 80, "fair": 60, "poor": 40}
TARGET_A_OVER_B = 1.5
TARGET_C_OVER_A = 10.0


def _best(function, repeat):
    """(best wall time in seconds, result of the last call)."""
    best, result = None, None
    for __ in range(repeat):
        start = time.perf_counter()
        result = function()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, result


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


def grade_period(env, period, seed):
    """(d) Grade every organisation of the period, as the office: create the
    assessments (the masses' scores come from the closed round's tally),
    self-assess, review (the tier) and confirm (the grade history). The
    self-assessment and review scores are typed in between, untimed."""
    draw = random.Random(seed)
    steps = {}
    env.invalidate_all()
    steps["create"], __ = _best(period.action_create_assessments, 1)
    env.flush_all()
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
    steps["self-assess"], __ = _best(assessments.action_self_assess, 1)
    env.flush_all()
    type_in(review_field)
    steps["review"], __ = _best(assessments.action_review, 1)
    env.flush_all()
    steps["confirm"], __ = _best(assessments.action_confirm, 1)
    env.flush_all()
    env.cr.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE tier IS NOT NULL) "
        "FROM cxzy_org_assessment WHERE period_id = %s",
        [period.id],
    )
    graded, tiered = env.cr.fetchone()
    return sum(steps.values()), steps, graded, tiered


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
    voter_ids = employees[: voters + 1]  # the last one votes in (e)
    users = give_users(env, voter_ids)
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
    open_time, __ = _best(appraisal_round.action_open, 1)
    build_marks(cr, voter_ids[:voters], org_ids, criteria.ids, seed)
    fill_ballot_box(cr, appraisal_round, voter_ids[:voters])
    env.flush_all()
    survey, question_of, answer_of, row_of = build_survey(
        env, org_ids, criteria, voter_ids[:voters]
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

    tally()
    a, results = _best(tally, repeat)
    # (b) the floor, and (b') raw SQL over our storage.
    floor_rows(cr)
    b, rows = _best(lambda: floor_rows(cr), repeat)
    b_ours, __ = _best(lambda: floor_tally(cr, appraisal_round.id), repeat)

    # (c) survey's statistics.
    def statistics():
        env.invalidate_all()
        return survey_statistics(env, survey)

    c, (__, questions_data) = _best(statistics, max(1, min(repeat, 2)))
    _check_same_counts(
        results, rows, _survey_counts(questions_data, question_of, answer_of, row_of)
    )
    del questions_data
    env.invalidate_all()

    # (e) one more vote through the ORM, by the last voter.
    voter = users[-1]
    template = appraisal_round._ballot_template()
    draw = random.Random(seed)
    ballot = [
        Command.create(dict(line, grade=draw.choice(GRADES))) for line in template
    ]
    Ballot = env["cxzy.appraisal.ballot"].with_user(voter)
    count0 = cr.sql_log_count
    e, __ = _best(
        lambda: Ballot.create({"round_id": appraisal_round.id, "line_ids": ballot}), 1
    )
    e_queries = cr.sql_log_count - count0
    cr.commit()

    # (d) grading all organisations for the period.
    d, d_steps = None, {}
    if period is not None and hasattr(period, "action_create_assessments"):
        appraisal_round.action_close()
        env.flush_all()
        cr.commit()
        d, d_steps, graded, tiered = grade_period(env, period.with_user(office), seed)
        cr.commit()

    def line(label, seconds):
        value = "pending" if seconds is None else f"{seconds:.4f}"
        _say(f"{label:<64} {value:>9}")

    _say("")
    _say(f"{'measure':<64} {'seconds':>9}")
    _say(f"{'-' * 64} {'-' * 9}")
    line("(a) our tally: round._results() through the ORM", a)
    line("(b) floor: one SQL GROUP BY over the mark rows", b)
    line("(b') hand-written SQL over our tally storage", b_ours)
    line("(c) survey: its results page's statistics over the answer lines", c)
    line("(d) grading every organisation for the period", d)
    line("(e) one more vote through the ORM", e)
    line("    (opening the round)", open_time)
    _say("")
    _say(
        f"a/b     = {a / b:8.4f}  (target <= {TARGET_A_OVER_B}: "
        f"{'met' if a / b <= TARGET_A_OVER_B else 'NOT met'})"
    )
    _say(f"a/b'    = {a / b_ours:8.4f}  (the ORM over raw SQL on our own storage)")
    _say(
        f"c/a     = {c / a:8.1f}  (target >= {TARGET_C_OVER_A}: "
        f"{'met' if c / a >= TARGET_C_OVER_A else 'NOT met'})"
    )
    if d is not None:
        _say(f"d/floor = {d / b:8.1f}  (d/b)")
        _say(
            f"          graded {graded:,} organisations, {tiered:,} with a tier; d = "
            + " + ".join(f"{step} {seconds:.2f} s" for step, seconds in d_steps.items())
        )
    else:
        _say("d/floor = pending (no grading in cxzy_evaluation yet)")
    _say(f"(e) took {e_queries} queries for {len(template):,} grades")
    _say(
        f"(a), (b) and (c) agree on every count of the {len(results):,} "
        "subject × criterion cells."
    )
    return {"a": a, "b": b, "b_ours": b_ours, "c": c, "d": d, "e": e}


def main(database, **options):
    """Run :func:`run` on ``database`` (Odoo's config must be loaded)."""
    from odoo.modules.registry import Registry

    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        return run(env, **options)
