# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 for appraisal rounds: the server alone opens, closes and counts;
a round never shows fewer than 3 voters, nobody grades themself, and what
defines a round's ballot is frozen once it is open."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_appraisal_round import AppraisalCase

#: context keys an RPC caller may send, hoping one switches a check off
FORGED_CONTEXTS = (
    {},
    {"cxzy_appraisal_round_step": True},
    {"cxzy_round_step": True},
    {"tracking_disable": True, "install_mode": True},
)


@tagged("post_install", "-at_install", "workflow_integrity")
class TestAppraisalIntegrity(AppraisalCase):
    def _snapshot(self, appraisal_round):
        self.env.invalidate_all()
        values = appraisal_round.sudo().read(
            [
                "state",
                "campaign_id",
                "period_id",
                "subject_type",
                "organization_ids",
                "member_ids",
                "criterion_ids",
                "voter_ids",
                "date_open",
                "date_close",
                "min_voters",
                "name",
            ]
        )[0]
        return values, self._tally(appraisal_round), self._has_voted(appraisal_round)

    # ------------------------------------------------------------------
    # The minimum of voters
    # ------------------------------------------------------------------
    def test_minimum_never_under_three(self):
        self.assertEqual(self.Round._fields["min_voters"].default(self.Round), 5)
        for minimum in (-1, 0, 1, 2):
            with self.assertRefused(ValidationError, "minimum of at least 3"):
                self._round(min_voters=minimum)
        appraisal_round = self._round()
        for minimum in (2, "2", 0):
            with self.assertRefused(ValidationError, "minimum of at least 3"):
                appraisal_round.with_user(self.user_office).write(
                    {"min_voters": minimum}
                )
        # Whatever a caller sends, a message, not a TypeError.
        for bad in ("abc", None, [3], {"a": 1}, 3.5, "3.5", 10**20, True, "x" * 10**5):
            with self.assertRefused(UserError, "whole number, at least 3"):
                appraisal_round.with_user(self.user_office).write({"min_voters": bad})
            with self.assertRefused(UserError, "whole number, at least 3"):
                self.Round.with_user(self.user_office).create(
                    {
                        "name": "坏数",
                        "campaign_id": self.campaign.id,
                        "date_open": appraisal_round.date_open,
                        "date_close": appraisal_round.date_close,
                        "min_voters": bad,
                    }
                )
        self.assertEqual(appraisal_round.min_voters, 3)
        appraisal_round.with_user(self.user_office).write({"min_voters": " 4 "})
        self.assertEqual(appraisal_round.min_voters, 4)

    def test_one_voter_round_never_opens(self):
        with self.assertRefused(ValidationError, "minimum of at least 3"):
            self._round(voter_ids=[Command.set(self.emp_free.ids)], min_voters=1)
        lonely = self._round(voter_ids=[Command.set(self.emp_free.ids)])
        with self.assertRefused(UserError, "1 eligible voters, fewer than"):
            lonely.with_user(self.user_office).action_open()
        self.assertEqual(lonely.state, "draft")
        self.assertEqual((self._tally(lonely), self._has_voted(lonely)), ([], []))
        # A minimum of 1 written before the rule (or by SQL) counts as 3.
        self.env.cr.execute(
            "UPDATE cxzy_appraisal_round SET min_voters = 1 WHERE id = %s",
            [lonely.id],
        )
        lonely.invalidate_recordset()
        with self.assertRefused(UserError, "fewer than its minimum of 3"):
            lonely.with_user(self.user_office).action_open()
        self.assertEqual(lonely.state, "draft")

    def test_results_never_below_three_voters(self):
        appraisal_round = self._open_round()
        self._vote(appraisal_round, self.user_member)
        self._vote(appraisal_round, self.user_other)
        # A row forged to a minimum of 1 still shows nothing under 3 voters.
        self.env.cr.execute(
            "UPDATE cxzy_appraisal_round SET min_voters = 1 WHERE id = %s",
            [appraisal_round.id],
        )
        appraisal_round.invalidate_recordset()
        appraisal_round.action_close()
        self.assertEqual(appraisal_round._results(), {})
        self.assertFalse(appraisal_round.results_visible)
        self.assertFalse(
            self.env["cxzy.appraisal.result"].search(
                [("round_id", "=", appraisal_round.id)]
            )
        )

    # ------------------------------------------------------------------
    # Nobody grades themself
    # ------------------------------------------------------------------
    def _member_round(self, **values):
        return self._open_round(
            subject_type="member",
            organization_ids=[Command.clear()],
            member_ids=[Command.set((self.member_member | self.member_other).ids)],
            **values,
        )

    def test_no_voter_grades_themself(self):
        appraisal_round = self._member_round()
        criteria = appraisal_round.criterion_ids
        # The ballot of a voter who is a subject leaves that subject out.
        mine = appraisal_round.with_user(self.user_member)._my_ballot_template()
        self.assertEqual({line["subject_id"] for line in mine}, {self.member_other.id})
        self.assertEqual(len(mine), len(criteria))
        others = appraisal_round.with_user(self.user_masses)._my_ballot_template()
        self.assertEqual(len(others), 2 * len(criteria))
        form_lines = (
            self.env["cxzy.appraisal.ballot"]
            .with_user(self.user_member)
            .with_context(default_round_id=appraisal_round.id)
            .default_get(["line_ids"])["line_ids"]
        )
        self.assertEqual(
            {command[2]["subject_id"] for command in form_lines},
            {self.member_other.id},
        )
        # Grading themself is refused, all of it; nothing counted.
        Ballot = self.env["cxzy.appraisal.ballot"].with_user(self.user_member)
        full = self._lines(appraisal_round)
        with self.assertRefused(UserError, "does not match"):
            Ballot.create({"round_id": appraisal_round.id, "line_ids": full})
        self.assertEqual(self._votes_cast(appraisal_round), 0)
        # The ballot without their own subject is complete, and counted on
        # the other subject only; every row of the round is still rewritten
        # (by the vote's own subtransaction: one xmin for all rows).
        self.env.flush_all()
        with self.env.cr.savepoint():
            self._vote(appraisal_round, self.user_member, lambda i, line: "excellent")
        tally = self._tally(appraisal_round)
        self.assertEqual(
            {row[2:] for row in tally if row[0] == self.member_member.id},
            {(0, 0, 0, 0)},
        )
        self.assertEqual(
            {row[2:] for row in tally if row[0] == self.member_other.id},
            {(1, 0, 0, 0)},
        )
        self.env.cr.execute(
            "SELECT COUNT(DISTINCT xmin::text) FROM cxzy_appraisal_tally "
            "WHERE round_id = %s",
            [appraisal_round.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1)
        self.assertEqual(appraisal_round.voted_count, 1)
        # Three more voters: each subject graded by three (the other subject,
        # the secretary, the masses); each shows, with its own count.
        for user in (self.user_other, self.user_secretary, self.user_masses):
            self._vote(appraisal_round, user, lambda i, line: "good")
        results = appraisal_round._results()
        counts = {subject: value["count"] for (subject, __), value in results.items()}
        self.assertEqual(counts, {self.member_member.id: 3, self.member_other.id: 3})
        self.assertEqual(results[self.member_other.id, criteria[0].id]["excellent"], 1)

    def test_a_subject_graded_by_fewer_than_the_minimum_shows_nothing(self):
        appraisal_round = self._member_round()
        # member_other votes, member_member does not: member_member is graded
        # by three voters, member_other by two only.
        for user in (self.user_other, self.user_secretary, self.user_masses):
            self._vote(appraisal_round, user)
        appraisal_round.action_close()
        results = appraisal_round._results()
        self.assertEqual({subject for subject, __ in results}, {self.member_member.id})
        shown = self.env["cxzy.appraisal.result"].search(
            [("round_id", "=", appraisal_round.id)]
        )
        self.assertEqual(shown.member_id, self.member_member)
        self.assertEqual(set(shown.mapped("votes")), {3})

    def test_open_refused_when_a_subject_has_too_few_other_voters(self):
        appraisal_round = self._round(
            subject_type="member",
            organization_ids=[Command.clear()],
            member_ids=[Command.set((self.member_member | self.member_other).ids)],
            voter_ids=[
                Command.set((self.emp_member | self.emp_other | self.emp_free).ids)
            ],
        )
        with self.assertRefused(UserError, "does not grade themself"):
            appraisal_round.with_user(self.user_office).action_open()
        self.assertEqual(appraisal_round.state, "draft")
        self.assertEqual(self._has_voted(appraisal_round), [])

    # ------------------------------------------------------------------
    # Frozen once open; protected fields
    # ------------------------------------------------------------------
    def test_ballot_frozen_once_open(self):
        appraisal_round = self._open_round()
        other_period = self.env["cxzy.assessment.period"].create(
            {
                "name": "另一期",
                "campaign_id": self.campaign.id,
                "date_start": self.campaign.date_start,
                "date_end": self.campaign.date_end,
            }
        )
        now = fields.Datetime.now()
        changes = [
            {"organization_ids": [Command.link(self.committee.id)]},
            {"organization_ids": [Command.unlink(self.branch_1.id)]},
            {"member_ids": [Command.link(self.member_member.id)]},
            {"voter_ids": [Command.link(self.emp_committee.id)]},
            {"voter_ids": [Command.clear()]},
            {"criterion_ids": [Command.unlink(self.criteria[0].id)]},
            {"date_open": now - timedelta(days=1)},
            {"date_close": now + timedelta(days=10)},
            {"min_voters": 4},
            {"period_id": other_period.id},
            {"subject_type": "member"},
        ]
        before = self._snapshot(appraisal_round)
        for vals in changes:
            for context in FORGED_CONTEXTS:
                with (
                    self.subTest(vals=vals, context=context),
                    self.assertRefused(UserError, "can no longer change"),
                ):
                    appraisal_round.with_user(self.user_office).with_context(
                        **context
                    ).write(vals)
        self.assertEqual(self._snapshot(appraisal_round), before)
        # What voters read may still be fixed while it runs.
        appraisal_round.with_user(self.user_office).write(
            {"name": "改正名称", "description": "说明"}
        )
        self.assertEqual(appraisal_round.name, "改正名称")

    def test_state_results_and_owner_protected(self):
        appraisal_round = self._open_round()
        self._vote(appraisal_round, self.user_member)
        other = self.env["cxzy.campaign"].create(
            {
                "name": "另一活动",
                "date_start": self.campaign.date_start,
                "date_end": self.campaign.date_end,
            }
        )
        draft = self._round()
        before = self._snapshot(appraisal_round)
        forged = [
            (appraisal_round, {"state": "closed"}),
            (appraisal_round, {"state": "draft"}),
            (draft, {"state": "open"}),
            (appraisal_round, {"voted_count": 40}),
            (appraisal_round, {"turnout": 100.0}),
            (appraisal_round, {"results_visible": True}),
            (appraisal_round, {"my_status": "to_vote"}),
            (appraisal_round, {"company_id": self.company_b.id}),
            (appraisal_round, {"campaign_id": other.id}),
            (draft, {"campaign_id": other.id}),
        ]
        for record, vals in forged:
            for context in FORGED_CONTEXTS:
                with (
                    self.subTest(vals=vals, context=context),
                    self.assertRefused(UserError, "cannot be written directly"),
                ):
                    record.with_user(self.user_office).with_context(**context).write(
                        vals
                    )
        self.assertEqual(self._snapshot(appraisal_round), before)
        self.assertEqual((draft.state, draft.campaign_id), ("draft", self.campaign))
        with self.assertRefused(UserError, "cannot be written directly"):
            self._round(state="open")
        # Voters and readers cannot write at all.
        for user in (self.user_member, self.user_committee, self.user_leading):
            for vals in ({"state": "closed"}, {"name": "改名"}):
                with self.assertRaises(UserError):
                    appraisal_round.with_user(user).write(vals)
        self.assertEqual(appraisal_round.state, "open")

    def test_ballot_box_never_written_through_the_orm(self):
        appraisal_round = self._open_round()
        self._vote(appraisal_round, self.user_member)
        before = self._tally(appraisal_round), self._has_voted(appraisal_round)
        tally = self.env["cxzy.appraisal.tally"]
        participation = self.env["cxzy.appraisal.participation"]
        tally_row = tally.sudo().search([("round_id", "=", appraisal_round.id)])[0]
        seat = participation.sudo().search([("round_id", "=", appraisal_round.id)])[0]
        # Not even the superuser.
        with self.assertRefused(UserError, "filled by its votes only"):
            tally_row.write({"votes_excellent": 99})
        with self.assertRefused(UserError, "filled by its votes only"):
            tally.sudo().create(
                {
                    "round_id": appraisal_round.id,
                    "organization_id": self.branch_1.id,
                    "criterion_id": self.criteria[0].id,
                    "votes_poor": 50,
                }
            )
        with self.assertRefused(UserError, "set when it opens"):
            seat.write({"has_voted": False})
        with self.assertRefused(UserError, "set when it opens"):
            participation.sudo().create(
                {"round_id": appraisal_round.id, "employee_id": self.emp_group.id}
            )
        for user in (self.user_office, self.user_member):
            with self.assertRaises(UserError):
                tally_row.with_user(user).write({"votes_excellent": 99})
            with self.assertRaises(UserError):
                seat.with_user(user).write({"has_voted": False})
        self.assertEqual(
            (self._tally(appraisal_round), self._has_voted(appraisal_round)), before
        )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def test_steps_in_the_wrong_state_or_by_the_wrong_group(self):
        draft = self._round()
        opened = self._open_round()
        closed = self._open_round()
        closed.action_close()
        office = self.user_office
        for record, action, pattern in (
            (draft, "action_close", "can be done only when it is Open"),
            (draft, "action_draft", "can be done only when it is Open"),
            (opened, "action_open", "can be done only when it is Draft"),
            (closed, "action_open", "can be done only when it is Draft"),
            (closed, "action_close", "can be done only when it is Open"),
            (closed, "action_draft", "can be done only when it is Open"),
        ):
            with self.subTest(action=action, state=record.state):
                state = record.state
                with self.assertRefused(UserError, pattern):
                    getattr(record.with_user(office), action)()
                self.assertEqual(record.state, state)
        for user in (self.user_committee, self.user_leading):
            with self.assertRefused(UserError, "can be done only by"):
                draft.with_user(user).action_open()
            with self.assertRefused(UserError, "can be done only by"):
                opened.with_user(user).action_draft()
        self.assertEqual((draft.state, opened.state), ("draft", "open"))
        # The buttons follow the same table.
        self.assertTrue(draft.with_user(office).can_open)
        self.assertFalse(draft.with_user(self.user_committee).can_open)
        self.assertTrue(opened.with_user(office).can_close)
        self.assertFalse(closed.with_user(office).can_close)

    def test_one_message_per_step(self):
        appraisal_round = self._round()
        Message = self.env["mail.message"]
        domain = [
            ("model", "=", "cxzy.appraisal.round"),
            ("res_id", "=", appraisal_round.id),
        ]
        before = Message.search_count(domain)
        appraisal_round.with_user(self.user_office).action_open()
        appraisal_round.with_user(self.user_office).action_draft()
        appraisal_round.with_user(self.user_office).action_open()
        appraisal_round.with_user(self.user_office).action_close()
        self.assertEqual(Message.search_count(domain), before + 4)
        # The step's message is in the language of its author (Chinese in the demo).
        self.assertRegex(Message.search(domain, limit=1).body, "Close|结束")

    def test_buttons_on_empty_recordsets_refuse_with_a_message(self):
        Round = self.Round.with_user(self.user_masses)
        with self.assertRefused(UserError, "Select one appraisal round"):
            Round.action_vote()
        with self.assertRefused(UserError, "Select one appraisal round"):
            Round._cast_ballot([])
        with self.assertRefused(UserError, "Select one appraisal round"):
            self.Round.with_user(self.user_committee).action_view_results()
        for action in ("action_open", "action_close", "action_draft"):
            with self.assertRefused(UserError, "Select the records"):
                getattr(self.Round.with_user(self.user_office), action)()
        two = self._open_round() | self._open_round()
        with self.assertRefused(UserError, "Select one appraisal round"):
            two.with_user(self.user_masses).action_vote()

    def test_bad_ballot_input_gets_a_message(self):
        appraisal_round = self._open_round()
        Ballot = self.env["cxzy.appraisal.ballot"].with_user(self.user_masses)
        lines = self._lines(appraisal_round)
        bad_subject = [Command.create(dict(lines[0][2], subject_id="abc"))]
        bad_grade = [Command.create(dict(lines[0][2], grade=["good"]))]
        for round_id, line_ids, pattern in (
            ("abc", lines, "Open the ballot from the round"),
            (None, lines, "Open the ballot from the round"),
            (-4, lines, "Open the ballot from the round"),
            (10**12, lines, "Open the ballot from the round"),
            (appraisal_round.id, bad_subject + lines[1:], "does not match"),
            (appraisal_round.id, bad_grade + lines[1:], "is not a grade"),
            (appraisal_round.id, 42, "incomplete"),
            (appraisal_round.id, "x" * 1000, "incomplete"),
        ):
            with self.subTest(round_id=round_id, pattern=pattern):
                with self.assertRefused(UserError, pattern):
                    Ballot.create({"round_id": round_id, "line_ids": line_ids})
        self.assertEqual(self._votes_cast(appraisal_round), 0)
        self.assertEqual(appraisal_round.voted_count, 0)
