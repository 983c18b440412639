# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import logging
from contextlib import contextmanager
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.cxzy_campaign.tests.common import CxzyCase

GRADE_CYCLE = ("excellent", "good", "fair", "poor")


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class AppraisalCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "测试创先争优活动",
                "date_start": today - timedelta(days=100),
                "date_end": today + timedelta(days=100),
            }
        )
        # Eligible voters: Party members and one of the masses.
        cls.voters = cls.emp_secretary | cls.emp_member | cls.emp_other | cls.emp_free
        cls.criteria = cls.env["cxzy.criterion"].search(
            [("target", "=", "organization")]
        )
        cls.Round = cls.env["cxzy.appraisal.round"]

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls back what was written) and the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    def _round(self, **values):
        now = fields.Datetime.now()
        vals = {
            "name": "党支部群众评议",
            "campaign_id": self.campaign.id,
            "subject_type": "organization",
            "organization_ids": [Command.set((self.branch_1 | self.branch_2).ids)],
            "voter_ids": [Command.set(self.voters.ids)],
            "date_open": now - timedelta(hours=1),
            "date_close": now + timedelta(hours=1),
            "min_voters": 3,
        }
        vals.update(values)
        vals = {key: value for key, value in vals.items() if value is not None}
        return self.Round.with_user(self.user_office).create(vals)

    def _open_round(self, **values):
        appraisal_round = self._round(**values)
        appraisal_round.action_open()
        return appraisal_round

    def _lines(self, appraisal_round, grade=None, skip=0, user=None):
        """Ballot lines of the round (of ``user``'s ballot, without their own
        subject); ``grade(index, line)`` gives each grade."""
        grade = grade or (lambda index, line: GRADE_CYCLE[index % 4])
        if user:
            template = appraisal_round.with_user(user)._my_ballot_template()
        else:
            template = appraisal_round.sudo()._ballot_template()
        return [
            Command.create(dict(line, grade=grade(index, line)))
            for index, line in enumerate(template)
        ][skip:]

    def _vote(self, appraisal_round, user, grade=None):
        return (
            self.env["cxzy.appraisal.ballot"]
            .with_user(user)
            .create(
                {
                    "round_id": appraisal_round.id,
                    "line_ids": self._lines(appraisal_round, grade, user=user),
                }
            )
        )

    def _tally(self, appraisal_round, order="id"):
        """The raw ballot box of a round, as an administrator sees it in SQL
        once its sealed ballots are counted: (subject, criterion, excellent,
        good, fair, poor) in id or physical order."""
        assert order in ("id", "ctid")
        self.env.flush_all()
        self.env["cxzy.appraisal.tally"]._count_sealed(appraisal_round.id)
        self.env.cr.execute(
            f"""SELECT COALESCE(organization_id, member_id), criterion_id,
                       votes_excellent, votes_good, votes_fair, votes_poor
                  FROM cxzy_appraisal_tally WHERE round_id = %s ORDER BY {order}""",
            [appraisal_round.id],
        )
        return self.env.cr.fetchall()

    def _votes_cast(self, appraisal_round):
        return sum(sum(row[2:]) for row in self._tally(appraisal_round))

    def _has_voted(self, appraisal_round):
        self.env.cr.execute(
            """SELECT employee_id, has_voted FROM cxzy_appraisal_participation
                WHERE round_id = %s ORDER BY id""",
            [appraisal_round.id],
        )
        return self.env.cr.fetchall()


@tagged("post_install", "-at_install")
class TestAppraisalRound(AppraisalCase):
    def test_open_creates_every_row_in_a_fixed_order(self):
        appraisal_round = self._round()
        self.assertEqual(appraisal_round.criterion_ids, self.criteria)
        self.assertEqual(appraisal_round.state, "draft")
        self.assertEqual(self._has_voted(appraisal_round), [])
        appraisal_round.action_open()
        self.assertEqual(appraisal_round.state, "open")
        self.assertEqual(
            self._has_voted(appraisal_round),
            [(employee_id, False) for employee_id in sorted(self.voters.ids)],
        )
        tally = self._tally(appraisal_round)
        self.assertEqual(
            [row[:2] for row in tally],
            [
                (subject, criterion)
                for subject in sorted((self.branch_1 | self.branch_2).ids)
                for criterion in sorted(self.criteria.ids)
            ],
        )
        self.assertEqual({row[2:] for row in tally}, {(0, 0, 0, 0)})
        self.assertEqual((appraisal_round.voted_count, appraisal_round.turnout), (0, 0))

    def test_open_refused(self):
        appraisal_round = self._round(min_voters=5)
        with self.assertRefused(UserError, "can be done only by"):
            appraisal_round.with_user(self.user_committee).action_open()
        with self.assertRaisesRegex(UserError, "fewer than its minimum"):
            appraisal_round.action_open()
        empty = self._round(organization_ids=[Command.clear()])
        with self.assertRaisesRegex(UserError, "no subjects"):
            empty.action_open()
        self.assertEqual((appraisal_round.state, empty.state), ("draft", "draft"))
        self.assertEqual(self._has_voted(appraisal_round), [])
        self.assertEqual(self._tally(appraisal_round), [])

    def test_bad_configuration(self):
        with self.assertRaises(ValidationError):
            self._round(voter_ids=[Command.set((self.emp_free | self.emp_group).ids)])
        with self.assertRaises(ValidationError):
            self._round(
                criterion_ids=[
                    Command.set(
                        self.env["cxzy.criterion"]
                        .search([("target", "=", "member")], limit=1)
                        .ids
                    )
                ]
            )
        now = fields.Datetime.now()
        with self.assertRefused(ValidationError, "must close after it opens"):
            self._round(date_open=now, date_close=now - timedelta(hours=1))
        for minimum in (0, 1, 2, -5):
            with self.assertRefused(ValidationError, "minimum of at least 3"):
                self._round(min_voters=minimum)
        self.assertFalse(self.Round.search([("campaign_id", "=", self.campaign.id)]))

    def test_vote_with_the_ballot_form(self):
        appraisal_round = self._open_round()
        self.assertEqual(
            appraisal_round.with_user(self.user_masses).my_status, "to_vote"
        )
        action = appraisal_round.with_user(self.user_masses).action_vote()
        self.assertEqual(action["res_model"], "cxzy.appraisal.ballot")
        Ballot = (
            self.env["cxzy.appraisal.ballot"]
            .with_user(self.user_masses)
            .with_context(**action["context"])
        )
        form = Form(Ballot)
        self.assertEqual(len(form.line_ids), 10)
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                line.grade = "good"
        receipt = form.save()
        self.assertEqual(self._votes_cast(appraisal_round), 10)
        self.assertEqual(
            {row[2:] for row in self._tally(appraisal_round)}, {(0, 1, 0, 0)}
        )
        self.assertEqual(appraisal_round.with_user(self.user_masses).my_status, "voted")
        self.assertEqual(appraisal_round.voted_count, 1)
        self.assertEqual(appraisal_round.turnout, 25.0)
        # The receipt keeps neither the round, nor the grades, nor the voter.
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT round_id, create_uid, write_uid FROM cxzy_appraisal_ballot "
            "WHERE id = %s",
            [receipt.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [(None, SUPERUSER_ID, SUPERUSER_ID)])
        self.env.cr.execute("SELECT COUNT(*) FROM cxzy_appraisal_ballot_line")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        with self.assertRaises(UserError):
            receipt.write({"line_ids": self._lines(appraisal_round)})

    def test_only_eligible_voters(self):
        appraisal_round = self._open_round()
        new_test_user(self.env, login="cxzy_t_no_employee", groups="base.group_user")
        outsiders = (
            self.user_leading,  # no employee at all
            self.env["res.users"].search([("login", "=", "cxzy_t_no_employee")]),
            self.user_committee,  # an employee, not invited
        )
        for user in outsiders:
            with self.assertRaisesRegex(UserError, "not an eligible voter"):
                self._vote(appraisal_round, user)
            with self.assertRaisesRegex(UserError, "not an eligible voter"):
                self.env["cxzy.appraisal.ballot"].with_user(user).with_context(
                    default_round_id=appraisal_round.id
                ).default_get(["line_ids"])
        self.assertEqual(self._votes_cast(appraisal_round), 0)
        self.assertFalse(any(voted for __, voted in self._has_voted(appraisal_round)))
        self.assertEqual(
            appraisal_round.with_user(self.user_committee).my_status, "not_eligible"
        )

    def test_only_inside_the_window(self):
        now = fields.Datetime.now()
        early = self._open_round(
            date_open=now + timedelta(hours=1), date_close=now + timedelta(hours=2)
        )
        late = self._open_round(
            date_open=now - timedelta(hours=2), date_close=now - timedelta(minutes=1)
        )
        draft = self._round()
        closed = self._open_round()
        closed.action_close()
        for appraisal_round in (early, late, draft, closed):
            with self.assertRaisesRegex(UserError, "not open for voting"):
                self._vote(appraisal_round, self.user_member)
            self.assertEqual(self._votes_cast(appraisal_round), 0)
        self.assertEqual(early.with_user(self.user_member).my_status, "upcoming")
        self.assertEqual(late.with_user(self.user_member).my_status, "ended")
        for appraisal_round in (early, late):
            self.assertFalse(
                any(voted for __, voted in self._has_voted(appraisal_round))
            )

    def test_once_only(self):
        appraisal_round = self._open_round()
        self._vote(appraisal_round, self.user_member)
        with self.assertRaisesRegex(UserError, "already voted"):
            self._vote(appraisal_round, self.user_member)
        with self.assertRaisesRegex(UserError, "already voted"):
            appraisal_round.with_user(self.user_member).action_vote()
        self.assertEqual(self._votes_cast(appraisal_round), 10)
        self.assertEqual(appraisal_round.voted_count, 1)

    def test_all_of_it_or_nothing(self):
        appraisal_round = self._open_round()
        Ballot = self.env["cxzy.appraisal.ballot"].with_user(self.user_member)
        lines = self._lines(appraisal_round)
        other_round = self._open_round()
        foreign = self._lines(other_round)
        foreign[0][2]["subject_id"] = self.branch_b.id
        for message, line_ids in (
            (
                "incomplete",
                self._lines(appraisal_round, lambda i, line: i != 7 and "good"),
            ),
            ("incomplete", lines[1:]),
            ("incomplete", []),
            ("does not match", lines + lines[:1]),
            ("does not match", foreign),
            (
                "is not a grade",
                self._lines(
                    appraisal_round, lambda i, line: "perfect" if i == 3 else "good"
                ),
            ),
        ):
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(UserError, message),
            ):
                Ballot.create({"round_id": appraisal_round.id, "line_ids": line_ids})
            self.assertEqual(self._votes_cast(appraisal_round), 0)
            self.assertEqual(appraisal_round.voted_count, 0)
        self.assertFalse(Ballot.sudo().search([]).filtered("line_ids"))
        # The complete ballot then goes through.
        Ballot.create({"round_id": appraisal_round.id, "line_ids": lines})
        self.assertEqual(self._votes_cast(appraisal_round), 10)

    def test_min_voters_hides_results(self):
        Result = self.env["cxzy.appraisal.result"]
        appraisal_round = self._open_round(min_voters=3)
        self._vote(appraisal_round, self.user_member)
        self._vote(appraisal_round, self.user_other)
        self.assertEqual(appraisal_round._results(), {})
        appraisal_round.action_close()
        appraisal_round.invalidate_recordset()
        self.assertEqual(appraisal_round._results(), {})
        self.assertFalse(appraisal_round.results_visible)
        self.assertFalse(appraisal_round.result_ids)
        self.assertFalse(Result.search([("round_id", "=", appraisal_round.id)]))
        self.assertFalse(
            Result.with_user(self.user_office).search_read(
                [("round_id", "=", appraisal_round.id)], ["votes"]
            )
        )
        self.assertFalse(
            Result.with_user(self.user_leading).read_group(
                [("round_id", "=", appraisal_round.id)], ["votes:sum"], []
            )[0]["votes"]
        )
        # With a third voter, the round shows its results once closed.
        shown = self._open_round(min_voters=3)
        for user in (self.user_member, self.user_other, self.user_masses):
            self._vote(shown, user)
        self.assertEqual(len(shown._results()), 10)
        self.assertFalse(Result.search([("round_id", "=", shown.id)]))
        shown.action_close()
        shown.invalidate_recordset()
        self.assertTrue(shown.results_visible)
        self.assertEqual(len(shown.result_ids), 10)

    def test_aggregates_of_known_ballots(self):
        appraisal_round = self._open_round()
        first, second = self.criteria[0], self.criteria[1]
        branch_1 = self.branch_1.id

        def ballot(grade_of):
            return lambda index, line: grade_of(
                line["subject_id"], line["criterion_id"]
            )

        # branch_1 on the first criterion: excellent, excellent, poor → 80.
        # branch_1 on the second criterion: good, fair, fair → 66.67.
        # Everything else: good, good, good → 80.
        self._vote(
            appraisal_round,
            self.user_member,
            ballot(
                lambda s, c: (
                    {first.id: "excellent", second.id: "good"}.get(c, "good")
                    if s == branch_1
                    else "good"
                )
            ),
        )
        self._vote(
            appraisal_round,
            self.user_other,
            ballot(
                lambda s, c: (
                    {first.id: "excellent", second.id: "fair"}.get(c, "good")
                    if s == branch_1
                    else "good"
                )
            ),
        )
        self._vote(
            appraisal_round,
            self.user_masses,
            ballot(
                lambda s, c: (
                    {first.id: "poor", second.id: "fair"}.get(c, "good")
                    if s == branch_1
                    else "good"
                )
            ),
        )
        results = appraisal_round._results()
        self.assertEqual(len(results), 10)
        self.assertEqual(
            results[branch_1, first.id],
            {
                "count": 3,
                "score": 80.0,
                "excellent": 2,
                "good": 0,
                "fair": 0,
                "poor": 1,
            },
        )
        self.assertEqual(results[branch_1, second.id]["count"], 3)
        self.assertAlmostEqual(results[branch_1, second.id]["score"], 200 / 3)
        self.assertEqual(
            (
                results[branch_1, second.id]["good"],
                results[branch_1, second.id]["fair"],
            ),
            (1, 2),
        )
        self.assertEqual(
            {
                v["score"]
                for k, v in results.items()
                if k[1] not in (first.id, second.id)
            }
            | {results[self.branch_2.id, first.id]["score"]},
            {80.0},
        )
        # The results view shows the same aggregates once the round is closed.
        appraisal_round.action_close()
        rows = self.env["cxzy.appraisal.result"].search(
            [("round_id", "=", appraisal_round.id)]
        )
        self.assertEqual(len(rows), 10)
        row = rows.filtered(
            lambda r: r.organization_id == self.branch_1 and r.criterion_id == first
        )
        self.assertEqual(
            (row.votes_excellent, row.votes_poor, row.votes, row.score),
            (2, 1, 3, 80.0),
        )
        self.assertEqual(row.subject_name, self.branch_1.name)
        self.assertEqual(appraisal_round.turnout, 75.0)

    def test_member_round(self):
        appraisal_round = self._open_round(
            subject_type="member",
            organization_ids=[Command.clear()],
            member_ids=[Command.set((self.member_member | self.member_other).ids)],
        )
        self.assertEqual(appraisal_round.criterion_ids.mapped("target"), ["member"] * 5)
        # The two subjects vote too, each without grading themself.
        for user in (self.user_member, self.user_other, self.user_secretary):
            self._vote(appraisal_round, user)
        self._vote(appraisal_round, self.user_masses, lambda i, line: "fair")
        results = appraisal_round._results()
        self.assertEqual(
            {subject for subject, __ in results},
            {self.member_member.id, self.member_other.id},
        )
        self.assertEqual({v["count"] for v in results.values()}, {3})

    def test_locked_once_open_and_kept(self):
        appraisal_round = self._open_round()
        office_round = appraisal_round.with_user(self.user_office)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            office_round.write({"min_voters": 4})
        with self.assertRaisesRegex(UserError, "can no longer change"):
            office_round.write({"voter_ids": [Command.unlink(self.emp_free.id)]})
        with self.assertRaises(UserError):
            office_round.write({"state": "closed"})
        date_close = appraisal_round.date_close
        with self.assertRaisesRegex(UserError, "can no longer change"):
            office_round.write(
                {"date_close": fields.Datetime.now() + timedelta(days=3)}
            )
        self.assertEqual(appraisal_round.date_close, date_close)
        self._vote(appraisal_round, self.user_member)
        with self.assertRaisesRegex(UserError, "already voted in the round"):
            office_round.action_draft()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            office_round.unlink()
        office_round.action_close()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            office_round.write({"date_close": fields.Datetime.now()})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            office_round.write({"name": "改名"})
        self.assertEqual(self._votes_cast(appraisal_round), 10)

    def test_back_to_draft_before_any_vote(self):
        appraisal_round = self._open_round()
        appraisal_round.with_user(self.user_office).action_draft()
        self.assertEqual(appraisal_round.state, "draft")
        self.assertEqual(self._tally(appraisal_round), [])
        appraisal_round.with_user(self.user_office).write({"min_voters": 4})
        appraisal_round.with_user(self.user_office).action_open()
        self.assertEqual(len(self._has_voted(appraisal_round)), 4)
        appraisal_round.with_user(self.user_office).action_close()
        self.assertEqual(appraisal_round.state, "closed")

    def test_cron_closes_ended_rounds(self):
        now = fields.Datetime.now()
        ended = self._open_round(
            date_open=now - timedelta(hours=2), date_close=now - timedelta(minutes=1)
        )
        running = self._open_round()
        self.Round._cron_close_ended()
        self.assertEqual((ended.state, running.state), ("closed", "open"))

    def test_period_of_another_campaign_refused(self):
        other = self.env["cxzy.campaign"].create(
            {
                "name": "另一活动",
                "date_start": self.campaign.date_start,
                "date_end": self.campaign.date_end,
            }
        )
        period = self.env["cxzy.assessment.period"].create(
            {
                "name": "第一次考核",
                "campaign_id": other.id,
                "date_start": other.date_start,
                "date_end": other.date_end,
            }
        )
        appraisal_round = self._round(period_id=period.id, campaign_id=None)
        self.assertEqual(appraisal_round.campaign_id, other)
        with self.assertRefused(ValidationError, "another campaign"):
            self._round(period_id=period.id)
        # The campaign is the round's owner: it does not move.
        with self.assertRefused(UserError, "cannot be written directly"):
            appraisal_round.write({"campaign_id": self.campaign.id})
        self.assertEqual(appraisal_round.campaign_id, other)


@tagged("post_install", "-at_install")
class TestAppraisalSecrecy(AppraisalCase):
    """Each link a stored ballot could keep to its voter, looked for."""

    def _columns(self, table):
        self.env.cr.execute(
            """SELECT column_name, data_type FROM information_schema.columns
                WHERE table_name = %s""",
            [table],
        )
        return dict(self.env.cr.fetchall())

    def _foreign_tables(self, table):
        self.env.cr.execute(
            """SELECT confrelid::regclass::text FROM pg_constraint
                WHERE conrelid = %s::regclass AND contype = 'f'""",
            [table],
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_storage_has_no_voter_author_or_time(self):
        log_access = {"create_uid", "create_date", "write_uid", "write_date"}
        tally = self._columns("cxzy_appraisal_tally")
        self.assertEqual(
            set(tally),
            {
                "id",
                "round_id",
                "organization_id",
                "member_id",
                "criterion_id",
                "votes_excellent",
                "votes_good",
                "votes_fair",
                "votes_poor",
            },
        )
        self.assertFalse(
            {"res_users", "hr_employee", "res_partner", "cxzy_appraisal_ballot"}
            & self._foreign_tables("cxzy_appraisal_tally")
        )
        participation = self._columns("cxzy_appraisal_participation")
        self.assertEqual(
            set(participation), {"id", "round_id", "employee_id", "has_voted"}
        )
        # A sealed ballot: its round and its grades; no id, voter or time.
        sealed = self._columns("cxzy_appraisal_sealed")
        self.assertEqual(set(sealed), {"round_id", "marks"})
        self.assertFalse(self._foreign_tables("cxzy_appraisal_sealed"))
        for columns in (tally, participation):
            self.assertFalse(log_access & set(columns))
            self.assertFalse(
                [
                    name
                    for name, kind in columns.items()
                    if "time" in kind or kind == "date"
                ]
            )
        for model in ("cxzy.appraisal.tally", "cxzy.appraisal.participation"):
            self.assertFalse(self.env[model]._log_access)
            self.assertNotIn("mail.thread", self.env[model]._inherit)
        # The ballot's lines are never stored, its receipt keeps nothing.
        self.assertEqual(
            self._foreign_tables("cxzy_appraisal_tally"),
            {
                "cxzy_appraisal_round",
                "cxzy_party_organization",
                "cxzy_party_member",
                "cxzy_criterion",
            },
        )

    def _scenario(self, first, second):
        """A fresh round; ``first`` then ``second`` vote, each in its own
        (sub)transaction; returns the round."""
        appraisal_round = self._open_round()
        self.env.flush_all()
        messages = self.env["mail.message"].search_count([])
        grades = {
            self.user_member: lambda index, line: GRADE_CYCLE[index % 4],
            self.user_masses: lambda index, line: GRADE_CYCLE[(index * 3 + 1) % 4],
        }
        for user in (first, second):
            with self.env.cr.savepoint():
                self._vote(appraisal_round, user, grades[user])
        # No message from the votes (opening posted the step's own).
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        return appraisal_round

    def _xmins(self, table, appraisal_round):
        self.env.cr.execute(
            f"SELECT DISTINCT xmin::text FROM {table} WHERE round_id = %s",
            [appraisal_round.id],
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_order_of_the_votes_leaves_no_trace(self):
        a_then_b = self._scenario(self.user_member, self.user_masses)
        b_then_a = self._scenario(self.user_masses, self.user_member)
        # Closed, and their storage cleaned by the cron (closing triggers it).
        (a_then_b | b_then_a).with_user(self.user_office).action_close()
        self.Round._cron_ballot_boxes()
        self.assertEqual((a_then_b | b_then_a).mapped("storage_cleaned"), [True] * 2)
        # The ballot box: same rows, same values, same order by id and on disk.
        for order in ("id", "ctid"):
            self.assertEqual(
                self._tally(a_then_b, order), self._tally(b_then_a, order), order
            )
        self.assertEqual(self._votes_cast(a_then_b), 20)
        # Participation: who voted, in the same order, whatever the order.
        for appraisal_round in (a_then_b, b_then_a):
            self.assertEqual(
                self._has_voted(appraisal_round),
                [
                    (employee.id, employee in (self.emp_member | self.emp_free))
                    for employee in self.voters.sorted("id")
                ],
            )
        self.env.cr.execute(
            """SELECT round_id, array_agg(has_voted ORDER BY ctid)
                 FROM cxzy_appraisal_participation WHERE round_id IN %s
             GROUP BY round_id""",
            [(a_then_b.id, b_then_a.id)],
        )
        on_disk = dict(self.env.cr.fetchall())
        self.assertEqual(on_disk[a_then_b.id], on_disk[b_then_a.id])
        # Every row of a round carries the transaction id of its cleanup
        # only: no voter's row is told apart by its xmin; no sealed ballot.
        for appraisal_round in (a_then_b, b_then_a):
            tally_xmin = self._xmins("cxzy_appraisal_tally", appraisal_round)
            participation_xmin = self._xmins(
                "cxzy_appraisal_participation", appraisal_round
            )
            self.assertEqual(len(tally_xmin), 1)
            self.assertEqual(participation_xmin, tally_xmin)
            self.assertEqual(
                self._xmins("cxzy_appraisal_sealed", appraisal_round), set()
            )
        self.assertNotEqual(
            self._xmins("cxzy_appraisal_tally", a_then_b),
            self._xmins("cxzy_appraisal_tally", b_then_a),
        )
        # No author on the round from the vote (no message either: see
        # _scenario; test_a_vote_writes_nothing_on_the_round for the date).
        for appraisal_round in (a_then_b, b_then_a):
            self.assertNotIn(
                appraisal_round.write_uid, self.user_member | self.user_masses
            )
        # Nothing of the ballots in the wizard's tables.
        self.env.cr.execute("SELECT COUNT(*) FROM cxzy_appraisal_ballot_line")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            "SELECT DISTINCT create_uid, round_id FROM cxzy_appraisal_ballot"
        )
        self.assertEqual(self.env.cr.fetchall(), [(SUPERUSER_ID, None)])

    def test_a_vote_writes_nothing_on_the_round(self):
        appraisal_round = self._open_round()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT write_uid, write_date FROM cxzy_appraisal_round WHERE id = %s",
            [appraisal_round.id],
        )
        before = self.env.cr.fetchall()
        self._vote(appraisal_round, self.user_masses)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT write_uid, write_date FROM cxzy_appraisal_round WHERE id = %s",
            [appraisal_round.id],
        )
        self.assertEqual(self.env.cr.fetchall(), before)
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("author_id", "=", self.user_masses.partner_id.id)]
            )
        )

    def test_no_log_line_about_a_vote(self):
        appraisal_round = self._open_round()
        handler = _Records()
        root = logging.getLogger()
        ours = logging.getLogger("odoo.addons.cxzy_evaluation")
        level = ours.level
        root.addHandler(handler)
        ours.setLevel(logging.DEBUG)
        try:
            self._vote(appraisal_round, self.user_masses)
            self.env.flush_all()
        finally:
            root.removeHandler(handler)
            ours.setLevel(level)
        self.assertEqual(self._votes_cast(appraisal_round), 10)
        self.assertFalse(
            [r for r in handler.records if r.name.startswith(ours.name)],
            "our code logs nothing when a vote is cast",
        )
        marks = {
            self.user_masses.login,
            self.user_masses.name,
            self.emp_free.name,
        }
        self.assertFalse(
            [
                r.getMessage()
                for r in handler.records
                if marks & set(r.getMessage().split())
            ]
        )

    def test_nobody_reads_the_ballot_box(self):
        appraisal_round = self._open_round()
        self._vote(appraisal_round, self.user_masses)
        admin = self.env.ref("base.user_admin")
        for user in (
            admin,
            self.user_office,
            self.user_leading,
            self.user_committee,
            self.user_masses,
        ):
            for model in ("cxzy.appraisal.tally", "cxzy.appraisal.participation"):
                Model = self.env[model].with_user(user)
                with self.assertRaises(AccessError):
                    Model.search([("round_id", "=", appraisal_round.id)])
                with self.assertRaises(AccessError):
                    Model.search_read([], ["round_id"])
                with self.assertRaises(AccessError):
                    Model.read_group([], ["round_id"], ["round_id"])
                with self.assertRaises(AccessError):
                    Model.browse(1).unlink()
        # Even granted read access, the rules keep them closed.
        self.env["ir.model.access"].create(
            {
                "name": "granted by mistake",
                "model_id": self.env["ir.model"]._get_id("cxzy.appraisal.tally"),
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
            }
        )
        self.assertFalse(
            self.env["cxzy.appraisal.tally"].with_user(self.user_office).search([])
        )
        self.assertEqual(self._votes_cast(appraisal_round), 10)


@tagged("post_install", "-at_install")
class TestAppraisalRoles(AppraisalCase):
    def test_office_configures(self):
        appraisal_round = self._round()
        office_round = appraisal_round.with_user(self.user_office)
        office_round.write({"name": "重新命名", "min_voters": 3})
        office_round.action_open()
        office_round.action_close()
        self.assertEqual(appraisal_round.state, "closed")
        draft = self._round()
        draft.with_user(self.user_office).unlink()
        self.assertFalse(draft.exists())

    def test_readers_and_voters_do_not_configure(self):
        appraisal_round = self._open_round()
        for user in (self.user_committee, self.user_leading):
            self.assertEqual(
                appraisal_round.with_user(user).read(["name"])[0]["name"],
                appraisal_round.name,
            )
        for user in (
            self.user_committee,
            self.user_leading,
            self.user_member,
            self.user_masses,
        ):
            with self.assertRaises(AccessError):
                appraisal_round.with_user(user).write({"name": "改名"})
            with self.assertRaises(AccessError):
                self.Round.with_user(user).create(
                    {
                        "name": "自建",
                        "campaign_id": self.campaign.id,
                        "date_open": fields.Datetime.now(),
                        "date_close": fields.Datetime.now() + timedelta(hours=1),
                    }
                )
            with self.assertRefused(UserError, "can be done only by"):
                appraisal_round.with_user(user).action_close()
        self.assertEqual(appraisal_round.state, "open")

    def test_voters_see_their_rounds_only(self):
        mine = self._open_round()
        draft = self._round()
        not_mine = self._open_round(
            voter_ids=[
                Command.set((self.emp_member | self.emp_other | self.emp_secretary).ids)
            ]
        )
        action = self.env.ref("cxzy_evaluation.cxzy_appraisal_round_action_my")
        domain = [("voter_ids.user_id", "=", self.user_masses.id)]
        self.assertEqual(action.domain, "[('voter_ids.user_id', '=', uid)]")
        Round = self.Round.with_user(self.user_masses)
        self.assertEqual(Round.search(domain), mine)
        self.assertEqual(Round.search([]), mine)
        for hidden in (draft, not_mine):
            with self.assertRaises(AccessError):
                hidden.with_user(self.user_masses).read(["name"])
        # The voter's views read without touching records the masses cannot
        # read (organisations, criteria, campaigns).
        values = mine.with_user(self.user_masses).read(
            ["name", "campaign_name", "subject_names", "my_status", "date_close"]
        )[0]
        self.assertEqual(values["campaign_name"], self.campaign.name)
        self.assertIn(self.branch_1.name, values["subject_names"])
        self.assertEqual(values["my_status"], "to_vote")
        # Results are not theirs to read.
        with self.assertRaises(AccessError):
            self.env["cxzy.appraisal.result"].with_user(self.user_masses).search([])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_member).read(["result_ids"])

    def test_masses_find_the_menu(self):
        my_menu = self.env.ref("cxzy_evaluation.menu_cxzy_appraisal_my")
        root = self.env.ref("cxzy_evaluation.menu_cxzy_appraisal_root")
        self.assertFalse(root.parent_id)
        self.assertTrue(root.web_icon)
        rounds = self.env.ref("cxzy_evaluation.menu_cxzy_appraisal_round")
        visible = self.env["ir.ui.menu"].with_user(self.user_masses)._visible_menu_ids()
        self.assertIn(my_menu.id, visible)
        self.assertIn(root.id, visible)
        self.assertNotIn(rounds.id, visible)
        office = self.env["ir.ui.menu"].with_user(self.user_office)._visible_menu_ids()
        self.assertIn(rounds.id, office)


@tagged("post_install", "-at_install", "is_query_count")
class TestAppraisalQueryCount(AppraisalCase):
    def test_tally_and_vote_do_not_grow_with_data(self):
        small = self._open_round()
        large = self._open_round(
            organization_ids=[
                Command.set((self.branch_1 | self.branch_2 | self.committee).ids)
            ],
        )
        for user in (self.user_member, self.user_other, self.user_secretary):
            self._vote(small, user)
            self._vote(large, user)
        for appraisal_round in (small, large):
            self.env.invalidate_all()
            with self.assertQueryCount(1):
                results = appraisal_round._results()
            self.assertTrue(results)
        for appraisal_round, lines in ((small, 10), (large, 15)):
            ballot = self._lines(appraisal_round)
            self.assertEqual(len(ballot), lines)
            self.env.invalidate_all()
            with self.assertQueryCount(10):
                self.env["cxzy.appraisal.ballot"].with_user(self.user_masses).create(
                    {"round_id": appraisal_round.id, "line_ids": ballot}
                )
