# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on the campaign documents: every step through its server method,
owners and scope fixed once created, results never typed, a rating only after
submission, decided documents locked, and the loser of a race for the same
pair told the same as a sequential duplicate."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RaceCase
from .test_campaign_document import DocumentCase

# Context keys an RPC caller may send hoping to switch a check off.
HOSTILE_CONTEXTS = (
    {},
    {"cxzy_party_spirit_report_step": True},
    {"cxzy_duty_report_step": True},
    {"cxzy_workflow_step": True},
    {"tracking_disable": True, "install_mode": True},
)


class IntegrityCase(DocumentCase):
    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record[name] for name in names}

    def _refused(self, record, user, vals, names, exception=UserError):
        """Every hostile context: the write is refused and nothing changes
        (an AccessError is a UserError)."""
        before = self._snapshot(record, names)
        for context in HOSTILE_CONTEXTS:
            with self.subTest(user=user.login, vals=vals, context=context):
                with self.assertRaises(exception), self.cr.savepoint():
                    record.with_user(user).with_context(**context).write(vals)
                self.assertEqual(self._snapshot(record, names), before)


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPartySpiritReportIntegrity(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["cxzy.party.spirit.report"]
        cls.other_campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "另一活动",
                "date_start": date(2031, 4, 1),
                "date_end": date(2033, 6, 30),
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.report = cls.Report.browse(
            cls.Report.with_user(cls.user_member)
            .create({"campaign_id": cls.campaign.id, "content": "<p>初稿</p>"})
            .id
        )

    WATCHED = (
        "state",
        "member_id",
        "branch_id",
        "campaign_id",
        "company_id",
        "submitted_date",
        "review_comment",
        "reviewed_by",
        "reviewed_date",
    )

    def test_owner_and_scope_are_fixed(self):
        # Issue 7: a member put their report under another member's name or
        # another branch (which changes who reviews it); the campaign too.
        moves = (
            {"member_id": self.member_other.id},
            {"branch_id": self.branch_2.id},
            {"campaign_id": self.other_campaign.id},
            {"company_id": self.company_b.id},
        )
        for user in (self.user_member, self.user_office):
            for vals in moves:
                self._refused(self.report, user, vals, self.WATCHED)
        # The related branch was not written through to the member either.
        self.assertEqual(self.member_member.organization_id, self.branch_1)
        self.assertEqual(self.report.branch_id, self.branch_1)
        # Writing the same values again is no move.
        self.report.with_user(self.user_member).write(
            {"member_id": self.member_member.id, "campaign_id": self.campaign.id}
        )
        self.assertEqual(self.report.member_id, self.member_member)

    def test_no_state_or_step_field_by_hand(self):
        forged = (
            {"state": "reviewed"},
            {"state": "submitted"},
            {"submitted_date": "2000-01-01"},
            {"review_comment": "很好"},
            {"reviewed_by": self.user_secretary.id},
            {"reviewed_date": "2000-01-01"},
        )
        for user in (self.user_member, self.user_secretary, self.user_office):
            for vals in forged:
                self._refused(self.report, user, vals, self.WATCHED)
        self.report.with_user(self.user_member).action_submit()
        for user in (self.user_secretary, self.user_office):
            for vals in forged:
                self._refused(self.report, user, vals, self.WATCHED)

    def test_a_report_starts_as_a_draft_of_its_member(self):
        for vals in (
            {"state": "reviewed"},
            {"review_comment": "很好"},
            {"reviewed_by": self.user_secretary.id},
            {"submitted_date": "2000-01-01"},
        ):
            for context in HOSTILE_CONTEXTS:
                with self.subTest(vals=vals, context=context):
                    with self.assertRaises(UserError), self.cr.savepoint():
                        self.Report.with_user(self.user_other).with_context(
                            **context
                        ).create({"campaign_id": self.campaign.id, **vals})
        self.assertFalse(self.Report.search([("member_id", "=", self.member_other.id)]))

    def test_review_is_the_step_of_the_branch(self):
        self.report.with_user(self.user_member).action_submit()
        report = self.report.with_user(self.user_secretary)
        self.assertEqual(
            (report.can_submit, report.can_review, report.can_return),
            (False, True, True),
        )
        as_member = self.report.with_user(self.user_member)
        self.assertEqual((as_member.can_review, as_member.can_return), (False, False))
        report.action_review("剖析深刻")
        self.assertEqual(
            (self.report.state, self.report.review_comment, self.report.reviewed_by),
            ("reviewed", "剖析深刻", self.user_secretary),
        )
        # Reviewed: on record. No edit, no return, no delete, by anyone.
        for user in (self.user_member, self.user_secretary, self.user_office):
            self._refused(self.report, user, {"content": "<p>改</p>"}, self.WATCHED)
            with self.assertRaises(UserError):
                self.report.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.report.with_user(self.user_secretary).action_return("退回")
        self.assertEqual(self.report.state, "reviewed")

    def test_the_review_posts_one_message(self):
        self.report.with_user(self.user_member).action_submit()
        before = len(self.report.message_ids)
        self.report.with_user(self.user_secretary).action_review("问题找得准")
        messages = self.report.message_ids[: len(self.report.message_ids) - before]
        self.assertEqual(len(messages), 1)
        self.assertIn("问题找得准", str(messages.body))
        self.assertIn(self.user_secretary.name, str(messages.body))

    def test_steps_on_nothing_are_refused_with_a_message(self):
        empty = self.Report.with_user(self.user_secretary)
        for call in (
            empty.action_submit,
            lambda: empty.action_review("评语"),
            lambda: empty.action_return("评语"),
            empty.action_open_review,
            empty.action_open_return,
        ):
            with self.assertRaisesRegex(UserError, "Select the records"):
                call()

    def test_review_through_the_dialog(self):
        # Refused before the dialog opens when the step is not possible.
        with self.assertRaises(UserError):
            self.report.with_user(self.user_secretary).action_open_review()
        self.report.with_user(self.user_member).action_submit()
        action = self.report.with_user(self.user_secretary).action_open_review()
        Step = self.env["cxzy.document.step"].with_user(self.user_secretary)
        wizard = Step.with_context(**action["context"]).create({"comment": "同意"})
        self.assertEqual((wizard.res_model, wizard.step), (self.Report._name, "review"))
        wizard.action_confirm()
        self.assertEqual(self.report.state, "reviewed")
        self.assertEqual(self.report.review_comment, "同意")
        # A dialog aimed at a record of another branch does not help.
        other = self.Report.with_user(self.user_other).create(
            {"campaign_id": self.campaign.id, "content": "<p>王党员</p>"}
        )
        other.with_user(self.user_other).action_submit()
        forged = Step.create(
            {
                "res_model": self.Report._name,
                "res_id": other.id,
                "step": "review",
                "comment": "越权评阅",
            }
        )
        with self.assertRaises(AccessError):
            forged.action_confirm()
        self.assertEqual(other.state, "submitted")
        self.assertFalse(other.review_comment)


@tagged("post_install", "-at_install", "workflow_integrity")
class TestDutyReportIntegrity(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duty = cls.env["cxzy.duty.report"]
        cls.duty = cls.Duty.browse(
            cls.Duty.with_user(cls.user_secretary)
            .create(
                {
                    "organization_id": cls.branch_1.id,
                    "campaign_id": cls.campaign.id,
                    "report": "<p>述职</p>",
                }
            )
            .id
        )

    WATCHED = (
        "state",
        "organization_id",
        "campaign_id",
        "secretary_id",
        "submitted_date",
        "rating",
        "rating_comment",
        "rated_by",
        "rated_date",
        "is_late",
        "due_date",
    )

    def test_rating_is_the_committees_step_after_submission(self):
        # Issue 7: the committee rated a report never submitted.
        for vals in (
            {"rating": "poor"},
            {"rating_comment": "差"},
            {"rated_by": self.user_committee.id},
            {"rated_date": "2031-01-01"},
            {"state": "rated"},
        ):
            for user in (self.user_committee, self.user_office):
                self._refused(self.duty, user, vals, self.WATCHED)
        self.duty.with_user(self.user_secretary).action_submit()
        # Submitted: still only through the step.
        self._refused(self.duty, self.user_committee, {"rating": "poor"}, self.WATCHED)
        self.duty.with_user(self.user_committee).action_rate("average", "一般")
        self.assertEqual((self.duty.state, self.duty.rating), ("rated", "average"))

    def test_results_are_computed(self):
        for vals in ({"is_late": True}, {"is_overdue": True}):
            for user in (self.user_secretary, self.user_office):
                self._refused(self.duty, user, vals, self.WATCHED, UserError)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.Duty.with_user(self.user_secretary_2).create(
                {
                    "organization_id": self.branch_2.id,
                    "campaign_id": self.campaign.id,
                    "is_late": True,
                }
            )
        self.assertFalse(self.Duty.search([("organization_id", "=", self.branch_2.id)]))

    def test_branch_campaign_and_secretary_are_fixed(self):
        other_campaign = self.env["cxzy.campaign"].create(
            {
                "name": "另一活动",
                "date_start": date(2031, 4, 1),
                "date_end": date(2033, 6, 30),
            }
        )
        for vals in (
            {"organization_id": self.branch_2.id},
            {"campaign_id": other_campaign.id},
            {"secretary_id": self.member_other.id},
        ):
            for user in (self.user_secretary, self.user_committee, self.user_office):
                self._refused(self.duty, user, vals, self.WATCHED)

    def test_due_date_frozen_once_submitted(self):
        with freeze_time("2031-04-10"):
            self.duty.with_user(self.user_secretary).action_submit()
        self.assertTrue(self.duty.is_late)
        # Not even the office erases lateness, by moving the due date now or
        # by typing the flag.
        for vals in ({"due_date": "2031-12-31"}, {"is_late": False}):
            self._refused(self.duty, self.user_office, vals, self.WATCHED)
        self.assertTrue(self.duty.is_late)

    def test_the_reporting_secretary_does_not_rate_their_own(self):
        user = new_test_user(
            self.env,
            login="cxzy_t_committee_secretary",
            groups="cxzy_campaign.group_cxzy_committee",
        )
        member = self.env["cxzy.party.member"].create(
            {
                "employee_id": self.env["hr.employee"]
                .create({"name": "吴委员", "user_id": user.id})
                .id,
                "organization_id": self.branch_2.id,
            }
        )
        self.branch_2.secretary_id = member
        own = self.Duty.with_user(user).create(
            {
                "organization_id": self.branch_2.id,
                "campaign_id": self.campaign.id,
                "report": "<p>本人述职</p>",
            }
        )
        self.assertEqual(own.secretary_id, member)
        own.with_user(user).action_submit()
        self.assertFalse(own.with_user(user).can_rate)
        with self.assertRaisesRegex(UserError, "your own record"):
            own.with_user(user).action_rate("good")
        self.assertEqual((own.state, own.rating), ("submitted", False))
        self.assertTrue(own.with_user(self.user_committee).can_rate)
        own.with_user(self.user_committee).action_rate("good")
        self.assertEqual(own.rated_by, self.user_committee)

    def test_rate_through_the_dialog(self):
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).action_open_rate()
        self.duty.with_user(self.user_secretary).action_submit()
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_secretary).action_open_rate()
        action = self.duty.with_user(self.user_committee).action_open_rate()
        wizard = (
            self.env["cxzy.document.step"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"rating": "good", "comment": "述职实事求是"})
        )
        wizard.action_confirm()
        self.assertEqual(
            (self.duty.state, self.duty.rating, self.duty.rating_comment),
            ("rated", "good", "述职实事求是"),
        )

    def test_steps_on_nothing_are_refused_with_a_message(self):
        empty = self.Duty.with_user(self.user_committee)
        for call in (
            empty.action_submit,
            lambda: empty.action_rate("good"),
            empty.action_return,
            empty.action_open_rate,
        ):
            with self.assertRaisesRegex(UserError, "Select the records"):
                call()


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPhaseSummaryIntegrity(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["cxzy.phase.summary"]
        cls.phase_1, cls.phase_2 = cls.campaign.phase_ids[:2]
        cls.summary = cls.Summary.browse(
            cls.Summary.with_user(cls.user_secretary)
            .create(
                {
                    "organization_id": cls.branch_1.id,
                    "campaign_id": cls.campaign.id,
                    "phase_id": cls.phase_1.id,
                    "content": "<p>小结</p>",
                }
            )
            .id
        )

    WATCHED = ("state", "organization_id", "campaign_id", "phase_id", "submitted_date")

    def test_owner_scope_and_state_are_fixed(self):
        for vals in (
            {"organization_id": self.group_1.id},
            {"phase_id": self.phase_2.id},
            {"state": "submitted"},
            {"submitted_date": "2031-01-01"},
        ):
            for user in (self.user_secretary, self.user_office):
                self._refused(self.summary, user, vals, self.WATCHED)

    def test_only_the_organisations_secretaries_submit(self):
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_committee).action_return()
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_leading).action_submit()
        self.summary.with_user(self.user_secretary).action_submit()
        self.assertEqual(self.summary.state, "submitted")
        self.assertEqual(self.summary.submitted_date, fields.Date.today())
        with self.assertRaisesRegex(UserError, "Select the records"):
            self.Summary.with_user(self.user_committee).action_return()


@tagged("post_install", "-at_install", "workflow_integrity")
class TestRegulationIntegrity(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Regulation = cls.env["cxzy.regulation"]
        cls.regulation = cls.Regulation.browse(
            cls.Regulation.with_user(cls.user_secretary)
            .create(
                {
                    "name": "支部学习制度",
                    "organization_id": cls.branch_1.id,
                    "content": "<p>每月学习</p>",
                }
            )
            .id
        )

    WATCHED = ("state", "organization_id", "campaign_id", "date_adopted", "name")

    def test_state_date_and_owner_are_fixed(self):
        for vals in (
            {"state": "in_force"},
            {"date_adopted": "2000-01-01"},
            {"organization_id": self.branch_2.id},
            {"organization_id": False},
            {"campaign_id": self.campaign.id},
            {"company_id": self.company_b.id},
        ):
            for user in (self.user_secretary, self.user_office):
                self._refused(self.regulation, user, vals, self.WATCHED)

    def test_adoption_date(self):
        regulation = self.regulation.with_user(self.user_secretary)
        tomorrow = fields.Date.today() + timedelta(days=1)
        for value in (tomorrow, "abc", 12, "2999-01-01"):
            with self.subTest(value=value), self.assertRaises(UserError):
                regulation.action_adopt(value)
        self.assertEqual(self.regulation.state, "draft")
        # The meeting that adopted it was last week.
        last_week = fields.Date.today() - timedelta(days=7)
        regulation.action_adopt(fields.Date.to_string(last_week))
        self.assertEqual(self.regulation.state, "in_force")
        self.assertEqual(self.regulation.date_adopted, last_week)

    def test_adopted_text_is_locked_but_can_be_archived(self):
        self.regulation.with_user(self.user_secretary).action_adopt()
        for user in (self.user_secretary, self.user_office):
            self._refused(self.regulation, user, {"name": "改"}, self.WATCHED)
            self._refused(self.regulation, user, {"content": "<p>改</p>"}, self.WATCHED)
        self.regulation.with_user(self.user_secretary).action_repeal()
        self._refused(self.regulation, self.user_office, {"name": "改"}, self.WATCHED)
        self.regulation.with_user(self.user_office).action_archive()
        self.assertFalse(self.regulation.active)

    def test_who_adopts(self):
        for user in (self.user_member, self.user_secretary_2, self.user_leading):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.regulation.with_user(user).action_adopt()
        self.assertEqual(self.regulation.state, "draft")
        # An agency-wide regulation is the committee's, not a branch's.
        agency = self.Regulation.with_user(self.user_committee).create(
            {"name": "机关制度", "content": "<p>全机关</p>"}
        )
        self.assertTrue(agency.with_user(self.user_committee).can_adopt)
        agency.with_user(self.user_committee).action_adopt()
        self.assertEqual(agency.state, "in_force")
        with self.assertRaisesRegex(UserError, "Select the records"):
            self.Regulation.with_user(self.user_office).action_repeal()

    def test_adopt_through_the_dialog(self):
        action = self.regulation.with_user(self.user_secretary).action_open_adopt()
        wizard = (
            self.env["cxzy.document.step"]
            .with_user(self.user_secretary)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.date, fields.Date.today())
        wizard.date = fields.Date.today() - timedelta(days=2)
        wizard.action_confirm()
        self.assertEqual(self.regulation.state, "in_force")
        self.assertEqual(
            self.regulation.date_adopted, fields.Date.today() - timedelta(days=2)
        )


@tagged("post_install", "-at_install", "workflow_integrity")
class TestDocumentPairRace(RaceCase):
    """Two transactions create the same member's report for the same campaign
    at the same moment. Each one's check sees no report, so both insert; the
    unique constraint makes the second insert wait for the first transaction
    and fail once it commits. The loser must get the message of a sequential
    duplicate, not the database's text, and keep a usable transaction."""

    race_organization = "并发文档党支部"
    race_employees = ("并发文档党员",)
    race_campaign = "并发文档活动"
    race_models = ("cxzy.party.spirit.report",)

    def _vals(self, text):
        return {
            "campaign_id": self.ids["campaign"],
            "member_id": self.ids["members"][0],
            "content": f"<p>{text}</p>",
        }

    def test_the_loser_gets_the_sequential_message(self):
        cr1, cr2 = self._cursors()
        self._env(cr1)["cxzy.party.spirit.report"].create(self._vals("第一份"))
        outcome = self._race(
            cr1,
            cr2,
            lambda env: env["cxzy.party.spirit.report"].create(self._vals("第二份")).id,
            # The savepoint kept the transaction usable.
            after=lambda env: env["cxzy.party.spirit.report"].search_count(
                [("campaign_id", "=", self.ids["campaign"])]
            ),
        )
        self.assertNotIn("result", outcome, "the database accepted a second report")
        self.assertIsInstance(outcome.get("error"), ValidationError)
        self.assertIsInstance(outcome.get("after"), int)
        cr2.rollback()

        # The same pair, one after the other: the same message.
        with self.registry.cursor() as cr:
            with self.assertRaises(ValidationError) as sequential:
                self._env(cr)["cxzy.party.spirit.report"].create(self._vals("第三份"))
            cr.rollback()
            reports = self._env(cr)["cxzy.party.spirit.report"].search(
                [("campaign_id", "=", self.ids["campaign"])]
            )
            self.assertEqual(len(reports), 1)
        self.assertEqual(str(outcome["error"]), str(sequential.exception))
        self.assertIn("并发文档党员", str(outcome["error"]))
        self.assertIn("并发文档活动", str(outcome["error"]))
