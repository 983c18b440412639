# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import date

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CxzyCase


class DocumentCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        template = cls.env.ref("cxzy_campaign.campaign_template_2010")
        wizard = cls.env["cxzy.campaign.from.template"].create(
            {
                "template_id": template.id,
                "name": "文档测试活动",
                "date_start": "2030-04-01",
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.campaign = cls.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])
        # The secretary of the second branch.
        cls.user_secretary_2 = new_test_user(
            cls.env,
            login="cxzy_t_secretary_2",
            groups="cxzy_campaign.group_cxzy_secretary",
        )
        cls.member_secretary_2 = cls.env["cxzy.party.member"].create(
            {
                "employee_id": cls.env["hr.employee"]
                .create({"name": "周书记", "user_id": cls.user_secretary_2.id})
                .id,
                "organization_id": cls.branch_2.id,
            }
        )
        cls.branch_2.secretary_id = cls.member_secretary_2


@tagged("post_install", "-at_install")
class TestPartySpiritReport(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["cxzy.party.spirit.report"]
        cls.report = cls.Report.browse(
            cls.Report.with_user(cls.user_member)
            .create(
                {
                    "campaign_id": cls.campaign.id,
                    "content": "<p>对照五个模范查找差距。</p>",
                }
            )
            .id
        )

    def _submitted(self):
        self.report.with_user(self.user_member).action_submit()
        return self.report

    def test_member_writes_and_submits_their_own(self):
        report = self.report
        # The member is the default author.
        self.assertEqual(report.member_id, self.member_member)
        self.assertEqual(report.branch_id, self.branch_1)
        report.with_user(self.user_member).write({"content": "<p>修改稿。</p>"})
        report.with_user(self.user_member).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_date, fields.Date.today())

    def test_only_the_member_submits_and_not_empty(self):
        with self.assertRaises(UserError):
            self.report.with_user(self.user_office).action_submit()
        with self.assertRaises(UserError):
            self.report.with_user(self.user_secretary).action_submit()
        self.report.with_user(self.user_member).write({"content": "<p><br></p>"})
        with self.assertRaises(UserError):
            self.report.with_user(self.user_member).action_submit()
        self.assertEqual(self.report.state, "draft")
        self.assertFalse(self.report.submitted_date)

    def test_member_cannot_change_it_after_submitting(self):
        self._submitted()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.report.with_user(self.user_member).write({"content": "<p>改</p>"})
        with self.assertRaises(UserError):
            self.report.with_user(self.user_office).write({"content": "<p>改</p>"})
        with self.assertRaises(UserError):
            self.report.with_user(self.user_member).action_submit()
        self.assertEqual(str(self.report.content), "<p>对照五个模范查找差距。</p>")

    def test_nobody_sets_the_status_by_hand(self):
        for user in (self.user_member, self.user_office):
            with self.assertRaises(UserError):
                self.report.with_user(user).write({"state": "reviewed"})
        with self.assertRaises(UserError):
            self.report.with_user(self.user_member).write({"review_comment": "很好"})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.Report.with_user(self.user_other).create(
                {"campaign_id": self.campaign.id, "state": "reviewed"}
            )
        self.assertEqual(self.report.state, "draft")
        self.assertFalse(self.report.review_comment)
        self.assertFalse(self.Report.search([("member_id", "=", self.member_other.id)]))

    def test_review_before_submission_is_refused(self):
        with self.assertRaisesRegex(UserError, "only when it is Submitted"):
            self.report.with_user(self.user_secretary).action_review("提前评阅")
        self.assertFalse(self.report.review_comment)
        self.assertEqual(self.report.state, "draft")
        self.assertFalse(self.report.reviewed_by)

    def test_branch_secretary_reviews_with_a_comment(self):
        report = self._submitted().with_user(self.user_secretary)
        self.assertTrue(report.can_review)
        for comment in (None, "", "   ", 42):
            with self.assertRaisesRegex(UserError, "Write a review comment"):
                report.action_review(comment)
        self.assertEqual(self.report.state, "submitted")
        # The comment is the review's, never written beside it.
        with self.assertRaises(UserError):
            report.write({"review_comment": "剖析深刻，措施可行。"})
        self.assertFalse(self.report.review_comment)
        report.action_review("  剖析深刻，措施可行。 ")
        self.assertEqual(self.report.state, "reviewed")
        self.assertEqual(self.report.reviewed_by, self.user_secretary)
        self.assertEqual(self.report.reviewed_date, fields.Date.today())
        with self.assertRaises(UserError):
            report.action_review("再评一次")
        with self.assertRaises(UserError):
            self.report.with_user(self.user_office).write({"review_comment": "改评语"})
        self.assertEqual(self.report.review_comment, "剖析深刻，措施可行。")

    def test_others_cannot_review(self):
        self._submitted()
        # Another branch's secretary does not even see it.
        with self.assertRaises(AccessError):
            self.report.with_user(self.user_secretary_2).action_review("评阅意见")
        # The leading group reads it but does not review.
        report = self.report.with_user(self.user_leading)
        self.assertFalse(report.can_review)
        with self.assertRaises(UserError):
            report.action_review("评阅意见")
        with self.assertRaises(UserError):
            self.report.with_user(self.user_member).action_review("评阅意见")
        self.assertEqual(self.report.state, "submitted")
        self.assertFalse(self.report.review_comment)

    def test_secretary_does_not_review_their_own(self):
        own = self.Report.with_user(self.user_secretary).create(
            {"campaign_id": self.campaign.id, "content": "<p>书记本人的分析。</p>"}
        )
        own.with_user(self.user_secretary).action_submit()
        own = self.Report.browse(own.id)
        with self.assertRaises(UserError):
            own.with_user(self.user_secretary).write({"review_comment": "自评"})
        self.assertFalse(own.with_user(self.user_secretary).can_review)
        with self.assertRaisesRegex(UserError, "your own record"):
            own.with_user(self.user_secretary).action_review("自评")
        with self.assertRaisesRegex(UserError, "your own record"):
            own.with_user(self.user_secretary).action_return("自己退回")
        self.assertEqual(own.state, "submitted")
        self.assertFalse(own.review_comment)

    def test_return_for_revision(self):
        self._submitted()
        self.report.with_user(self.user_secretary).action_return("请补充整改措施")
        self.assertEqual(self.report.state, "draft")
        self.assertFalse(self.report.submitted_date)
        # What to revise stays on the report for its member.
        self.assertEqual(self.report.review_comment, "请补充整改措施")
        self.report.with_user(self.user_member).write({"content": "<p>补充稿</p>"})
        self.report.with_user(self.user_member).action_submit()
        self.assertEqual(self.report.state, "submitted")

    def test_reviewed_cannot_be_deleted(self):
        self._submitted()
        self.report.with_user(self.user_secretary).action_review("同意")
        with self.assertRaises(UserError):
            self.report.with_user(self.user_office).unlink()
        self.assertTrue(self.report.exists())

    def test_member_deletes_their_own_draft_only(self):
        draft = self.Report.with_user(self.user_other).create(
            {"campaign_id": self.campaign.id}
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.user_member).unlink()
        self.assertTrue(draft.exists())
        draft.with_user(self.user_other).unlink()
        self.assertFalse(draft.exists())

    def test_one_report_per_member_and_campaign(self):
        with self.assertRaisesRegex(ValidationError, "张党员"), self.cr.savepoint():
            self.Report.with_user(self.user_member).create(
                {"campaign_id": self.campaign.id, "content": "<p>第二份</p>"}
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Report.create(
                [
                    {"campaign_id": self.campaign.id, "member_id": mid}
                    for mid in (self.member_group.id, self.member_group.id)
                ]
            )
        self.assertEqual(
            self.Report.search_count(
                [
                    ("campaign_id", "=", self.campaign.id),
                    ("member_id", "in", (self.member_member | self.member_group).ids),
                ]
            ),
            1,
        )
        # The database holds the rule too.
        self.env.cr.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = %s",
            ["cxzy_party_spirit_report_member_campaign_uniq"],
        )
        self.assertTrue(self.env.cr.fetchone())

    def test_member_cannot_write_for_someone_else(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Report.with_user(self.user_member).create(
                {"campaign_id": self.campaign.id, "member_id": self.member_other.id}
            )
        self.assertFalse(self.Report.search([("member_id", "=", self.member_other.id)]))

    def test_who_reads_what(self):
        other = self.Report.with_user(self.user_other).create(
            {"campaign_id": self.campaign.id}
        )
        group_report = self.Report.create(
            {"campaign_id": self.campaign.id, "member_id": self.member_group.id}
        )
        mine = self.report | other | group_report

        def found(user):
            return self.Report.with_user(user).search([]) & mine

        self.assertEqual(found(self.user_member), self.report)
        self.assertEqual(found(self.user_other), other)
        self.assertEqual(found(self.user_secretary), self.report | group_report)
        self.assertEqual(found(self.user_secretary_2), other)
        self.assertEqual(found(self.user_committee), mine)
        self.assertEqual(found(self.user_leading), mine)
        self.assertEqual(found(self.user_office), mine)
        self.assertFalse(found(self.user_office_b))
        with self.assertRaises(AccessError):
            other.with_user(self.user_member).read(["content"])
        with self.assertRaises(AccessError):
            self.report.with_user(self.user_masses).read(["content"])


@tagged("post_install", "-at_install")
class TestDutyReport(DocumentCase):
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
                    "report": "<p>履行一岗双责情况。</p>",
                }
            )
            .id
        )

    def _submit(self):
        self.duty.with_user(self.user_secretary).action_submit()

    def test_due_date_from_the_innovation_task(self):
        task = self.campaign.task_ids.filtered(lambda t: t.kind == "innovation")
        self.assertEqual(task.name, "支部书记党建工作述职")
        # The plan: before the end of March of the year after the start.
        self.assertEqual(self.duty.due_date, date(2031, 3, 31))
        self.assertEqual(self.duty.secretary_id, self.member_secretary)
        task.deadline = date(2031, 3, 15)
        self.assertEqual(self.duty.due_date, date(2031, 3, 15))

    def test_only_the_office_moves_the_due_date(self):
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_secretary).write({"due_date": "2031-06-30"})
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).write({"due_date": "2031-06-30"})
        self.assertEqual(self.duty.due_date, date(2031, 3, 31))
        self.duty.with_user(self.user_office).write({"due_date": "2031-03-20"})
        self.assertEqual(self.duty.due_date, date(2031, 3, 20))

    def test_secretary_submits_with_a_report(self):
        empty = self.Duty.with_user(self.user_secretary_2).create(
            {"organization_id": self.branch_2.id, "campaign_id": self.campaign.id}
        )
        with self.assertRaises(UserError):
            empty.with_user(self.user_secretary_2).action_submit()
        self.assertEqual(empty.state, "draft")
        with self.assertRaises(AccessError):
            self.duty.with_user(self.user_secretary_2).action_submit()
        with self.assertRaises(AccessError):
            self.duty.with_user(self.user_other).action_submit()
        self.assertEqual(self.duty.state, "draft")
        with freeze_time("2031-03-30"):
            self._submit()
        self.assertEqual(self.duty.state, "submitted")
        self.assertEqual(self.duty.submitted_date, date(2031, 3, 30))
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_secretary).write({"report": "<p>改</p>"})
        self.assertEqual(str(self.duty.report), "<p>履行一岗双责情况。</p>")

    def test_only_the_committee_rates(self):
        self._submit()
        for user in (self.user_secretary, self.user_leading):
            with self.assertRaises(UserError):
                self.duty.with_user(user).action_rate("good")
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_secretary).write({"rating": "good"})
        self.assertEqual(self.duty.state, "submitted")
        self.assertFalse(self.duty.rating)
        # The rating is required, and one of the four.
        for rating in (None, "", "excellent", 3, ["good"]):
            with self.assertRaisesRegex(UserError, "Choose the committee's rating"):
                self.duty.with_user(self.user_committee).action_rate(rating)
        self.assertEqual(self.duty.state, "submitted")
        self.duty.with_user(self.user_committee).action_rate(
            "fairly_good", "工作扎实。"
        )
        self.assertEqual(self.duty.state, "rated")
        self.assertEqual(self.duty.rating, "fairly_good")
        self.assertEqual(self.duty.rating_comment, "工作扎实。")
        self.assertEqual(self.duty.rated_by, self.user_committee)
        self.assertEqual(self.duty.rated_date, fields.Date.today())
        ratings = dict(self.Duty._fields["rating"]._description_selection(self.env))
        self.assertEqual(list(ratings), ["good", "fairly_good", "average", "poor"])

    def test_rating_before_submission_is_refused(self):
        # Issue 7: the committee rated a report that was never submitted.
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).write({"rating": "poor"})
        with self.assertRaisesRegex(UserError, "only when it is Submitted"):
            self.duty.with_user(self.user_committee).action_rate("good")
        self.assertEqual(self.duty.state, "draft")
        self.assertFalse(self.duty.rating)
        self.assertFalse(self.duty.rated_by)

    def test_rated_report_is_final(self):
        self._submit()
        self.duty.with_user(self.user_committee).action_rate("good")
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).action_rate("poor")
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).write({"rating": "poor"})
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_office).unlink()
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_committee).action_return()
        self.assertEqual((self.duty.state, self.duty.rating), ("rated", "good"))

    def test_committee_returns_a_report(self):
        self._submit()
        with self.assertRaises(UserError):
            self.duty.with_user(self.user_secretary).action_return()
        self.assertEqual(self.duty.state, "submitted")
        self.duty.with_user(self.user_committee).action_return()
        self.assertEqual(self.duty.state, "draft")
        self.assertFalse(self.duty.submitted_date)

    def test_overdue_and_late(self):
        Duty = self.Duty
        with freeze_time("2031-03-31"):
            self.duty.invalidate_recordset(["is_overdue"])
            self.assertFalse(self.duty.is_overdue)
            self.assertFalse(
                Duty.search([("id", "=", self.duty.id), ("is_overdue", "=", True)])
            )
        with freeze_time("2031-04-01"):
            self.duty.invalidate_recordset(["is_overdue"])
            self.assertTrue(self.duty.is_overdue)
            self.assertEqual(
                Duty.search([("id", "=", self.duty.id), ("is_overdue", "=", True)]),
                self.duty,
            )
            self._submit()
        # Submitted after the due date: late, and stays so.
        self.assertTrue(self.duty.is_late)
        self.assertTrue(self.duty.is_overdue)
        on_time = Duty.with_user(self.user_secretary_2).create(
            {
                "organization_id": self.branch_2.id,
                "campaign_id": self.campaign.id,
                "report": "<p>按时述职。</p>",
            }
        )
        with freeze_time("2031-03-01"):
            on_time.with_user(self.user_secretary_2).action_submit()
        with freeze_time("2031-05-01"):
            on_time.invalidate_recordset(["is_overdue"])
            self.assertFalse(on_time.is_late)
            self.assertFalse(on_time.is_overdue)
            self.assertEqual(
                Duty.search(
                    [
                        ("id", "in", (self.duty | on_time).ids),
                        ("is_overdue", "=", False),
                    ]
                ),
                on_time,
            )

    def test_one_report_per_branch_and_campaign(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Duty.create(
                {"organization_id": self.branch_1.id, "campaign_id": self.campaign.id}
            )
        self.assertEqual(
            self.Duty.search_count([("organization_id", "=", self.branch_1.id)]), 1
        )

    def test_who_reads_and_writes_what(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Duty.with_user(self.user_secretary).create(
                {"organization_id": self.branch_2.id, "campaign_id": self.campaign.id}
            )
        self.assertFalse(self.Duty.search([("organization_id", "=", self.branch_2.id)]))
        other = self.Duty.with_user(self.user_secretary_2).create(
            {"organization_id": self.branch_2.id, "campaign_id": self.campaign.id}
        )
        both = self.duty | other

        def found(user):
            return self.Duty.with_user(user).search([]) & both

        self.assertEqual(found(self.user_member), self.duty)
        self.assertEqual(found(self.user_secretary), self.duty)
        self.assertEqual(found(self.user_other), other)
        self.assertEqual(found(self.user_committee), both)
        self.assertEqual(found(self.user_leading), both)
        self.assertFalse(found(self.user_office_b))
        with self.assertRaises(AccessError):
            self.duty.with_user(self.user_member).write({"meeting_date": "2031-03-01"})
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary).write({"meeting_date": "2031-03-01"})
        self.assertFalse(self.duty.meeting_date)
        self.assertFalse(other.meeting_date)


@tagged("post_install", "-at_install")
class TestPhaseSummary(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["cxzy.phase.summary"]
        cls.phase_1 = cls.campaign.phase_ids[0]
        cls.summary = cls.Summary.browse(
            cls.Summary.with_user(cls.user_secretary)
            .create(
                {
                    "organization_id": cls.branch_1.id,
                    "campaign_id": cls.campaign.id,
                    "phase_id": cls.phase_1.id,
                    "content": "<p>第一阶段小结。</p>",
                }
            )
            .id
        )

    def test_phase_of_the_campaign_only(self):
        template_phase = self.env.ref("cxzy_campaign.template_phase_1")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.summary.write({"phase_id": template_phase.id})
        self.assertEqual(self.summary.phase_id, self.phase_1)

    def test_one_summary_per_organisation_and_phase(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Summary.create(
                {
                    "organization_id": self.branch_1.id,
                    "campaign_id": self.campaign.id,
                    "phase_id": self.phase_1.id,
                }
            )
        self.assertEqual(
            self.Summary.search_count([("organization_id", "=", self.branch_1.id)]), 1
        )
        # Another phase is another summary.
        self.Summary.create(
            {
                "organization_id": self.branch_1.id,
                "campaign_id": self.campaign.id,
                "phase_id": self.campaign.phase_ids[1].id,
            }
        )

    def test_submit_then_locked(self):
        summary = self.summary.with_user(self.user_secretary)
        summary.action_submit()
        self.assertEqual(self.summary.state, "submitted")
        with self.assertRaises(UserError):
            summary.write({"content": "<p>改</p>"})
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_office).write({"content": "<p>改</p>"})
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_office).unlink()
        with self.assertRaises(UserError):
            summary.action_submit()
        self.assertEqual(str(self.summary.content), "<p>第一阶段小结。</p>")
        # The committee sends it back.
        with self.assertRaises(UserError):
            summary.action_return()
        self.assertEqual(self.summary.state, "submitted")
        self.summary.with_user(self.user_committee).action_return("请补充。")
        self.assertEqual(self.summary.state, "draft")
        self.assertFalse(self.summary.submitted_date)

    def test_empty_summary_is_not_submitted(self):
        self.summary.with_user(self.user_secretary).write({"content": False})
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_secretary).action_submit()
        self.assertEqual(self.summary.state, "draft")

    def test_who_reads_and_writes_what(self):
        self.assertEqual(
            self.Summary.with_user(self.user_member).search([]) & self.summary,
            self.summary,
        )
        self.assertFalse(
            self.Summary.with_user(self.user_other).search([]) & self.summary
        )
        self.assertFalse(
            self.Summary.with_user(self.user_secretary_2).search([]) & self.summary
        )
        self.assertEqual(
            self.Summary.with_user(self.user_leading).search([]) & self.summary,
            self.summary,
        )
        with self.assertRaises(AccessError):
            self.summary.with_user(self.user_member).write({"content": "<p>改</p>"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Summary.with_user(self.user_secretary).create(
                {
                    "organization_id": self.branch_2.id,
                    "campaign_id": self.campaign.id,
                    "phase_id": self.phase_1.id,
                }
            )
        self.assertFalse(
            self.Summary.search([("organization_id", "=", self.branch_2.id)])
        )
        self.assertEqual(str(self.summary.content), "<p>第一阶段小结。</p>")


@tagged("post_install", "-at_install")
class TestRegulation(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Regulation = cls.env["cxzy.regulation"]
        cls.regulation = cls.Regulation.browse(
            cls.Regulation.with_user(cls.user_secretary)
            .create(
                {
                    "name": "支部集中学习制度",
                    "organization_id": cls.branch_1.id,
                    "campaign_id": cls.campaign.id,
                    "content": "<p>每月集中学习一次。</p>",
                }
            )
            .id
        )

    def test_adopt_and_repeal(self):
        regulation = self.regulation.with_user(self.user_secretary)
        with self.assertRaises(UserError):
            regulation.action_repeal()
        regulation.action_adopt()
        self.assertEqual(self.regulation.state, "in_force")
        self.assertEqual(self.regulation.date_adopted, fields.Date.today())
        with self.assertRaises(UserError):
            regulation.action_adopt()
        regulation.action_repeal()
        self.assertEqual(self.regulation.state, "repealed")

    def test_empty_regulation_is_not_adopted(self):
        empty = self.Regulation.with_user(self.user_office).create({"name": "空制度"})
        with self.assertRaises(UserError):
            empty.with_user(self.user_office).action_adopt()
        self.assertEqual(empty.state, "draft")

    def test_status_by_buttons_only(self):
        with self.assertRaises(UserError):
            self.regulation.with_user(self.user_office).write({"state": "in_force"})
        self.assertEqual(self.regulation.state, "draft")

    def test_adopted_regulation_is_archived_not_deleted(self):
        self.regulation.with_user(self.user_secretary).action_adopt()
        with self.assertRaises(UserError):
            self.regulation.with_user(self.user_office).unlink()
        self.assertTrue(self.regulation.exists())
        self.regulation.with_user(self.user_office).action_archive()
        self.assertFalse(self.regulation.active)

    def test_who_reads_and_writes_what(self):
        agency = self.Regulation.with_user(self.user_office).create(
            {"name": "机关制度", "content": "<p>全室适用。</p>"}
        )
        both = self.regulation | agency
        # Drafts are not shown to members; adopted ones are.
        self.assertFalse(self.Regulation.with_user(self.user_member).search([]) & both)
        agency.with_user(self.user_office).action_adopt()
        self.assertEqual(
            self.Regulation.with_user(self.user_member).search([]) & both, agency
        )
        self.assertEqual(
            self.Regulation.with_user(self.user_secretary).search([]) & both, both
        )
        self.assertEqual(
            self.Regulation.with_user(self.user_leading).search([]) & both, both
        )
        # In force: refused to everyone (the lock is checked before the rules).
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            agency.with_user(self.user_member).write({"name": "改"})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            agency.with_user(self.user_secretary).write({"name": "改"})
        with self.assertRaises(AccessError):
            agency.with_user(self.user_secretary).write({"active": False})
        with self.assertRaises(AccessError):
            self.regulation.with_user(self.user_secretary_2).write({"name": "改"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Regulation.with_user(self.user_secretary).create(
                {"name": "越权制度", "organization_id": self.branch_2.id}
            )
        self.assertEqual(agency.name, "机关制度")
        self.assertEqual(self.regulation.name, "支部集中学习制度")
        self.assertFalse(self.Regulation.search([("name", "=", "越权制度")]))
        # The committee keeps all: it revises a draft of a branch; an adopted
        # regulation is on record and changes no more.
        self.regulation.with_user(self.user_committee).write(
            {"name": "支部集中学习制度（修订）"}
        )
        self.assertEqual(self.regulation.name, "支部集中学习制度（修订）")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            agency.with_user(self.user_committee).write({"name": "机关制度（修订）"})
        self.assertEqual(agency.name, "机关制度")
