# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The 总结 phase: the campaign's summary (figures counted when drawn up,
frozen when issued), the committee's review of the branches' summaries,
improvement measures followed up to done, and the achievements register."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .test_campaign_document import DocumentCase
from .test_campaign_workflow import _jpeg
from .test_docx import docx_tables, docx_text

OFFICE_LOGIN = "cxzy_office"


def _figures(summary):
    return [
        (line.section, line.key, line.label, line.value, line.base)
        for line in summary.line_ids
    ]


class DemoSummaryCase(TransactionCase):
    """On the demo agency: its campaign has a summary being written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summary = cls.env.ref("cxzy_campaign.demo_campaign_summary")
        cls.campaign = cls.summary.campaign_id
        cls.office = cls.env["res.users"].search([("login", "=", OFFICE_LOGIN)])

    def _line(self, key, organization=None, phase=None):
        line = self.summary._cxzy_figure(key, organization, phase)
        self.assertEqual(len(line), 1, key)
        return line


@tagged("post_install", "-at_install", "cxzy_summary")
class TestCampaignSummaryFigures(DemoSummaryCase):
    def test_figures_equal_independent_counts(self):
        self.summary.with_user(self.office).action_draw_up()
        campaign = [("campaign_id", "=", self.campaign.id)]
        Assignment = self.env["cxzy.campaign.assignment"]
        live = campaign + [("state", "!=", "cancelled")]
        total = self._line("completion_total")
        self.assertEqual(
            total.value, Assignment.search_count(campaign + [("state", "=", "done")])
        )
        self.assertEqual(total.base, Assignment.search_count(live))
        self.assertTrue(total.value and total.base > total.value)
        cells = self.summary.line_ids.filtered(lambda line: line.key == "completion")
        self.assertGreater(len(cells), 4)
        for cell in cells:
            where = live + [
                ("organization_id", "=", cell.organization_id.id),
                ("phase_id", "=", cell.phase_id.id),
            ]
            self.assertEqual(cell.base, Assignment.search_count(where))
            self.assertEqual(
                cell.value, Assignment.search_count(where + [("state", "=", "done")])
            )
        Pledge = self.env["cxzy.pledge"]
        self.assertEqual(
            self._line("pledge_total").value, Pledge.search_count(campaign)
        )
        self.assertEqual(
            self._line("pledge_published").value,
            Pledge.search_count(
                campaign + [("state", "in", ("published", "assessed"))]
            ),
        )
        assessed = Pledge.search_count(campaign + [("state", "=", "assessed")])
        self.assertEqual(self._line("pledge_assessed").value, assessed)
        self.assertTrue(assessed)
        self.assertEqual(
            self._line("pledge_rating_excellent").value,
            Pledge.search_count(
                campaign
                + [("state", "=", "assessed"), ("assessment_rating", "=", "excellent")]
            ),
        )
        Post = self.env["cxzy.demonstration.post"]
        confirmed = Post.search(campaign + [("state", "=", "confirmed")])
        self.assertEqual(self._line("post_confirmed").value, len(confirmed))
        self.assertEqual(
            self._line("post_branches").value, len(confirmed.organization_id)
        )
        self.assertEqual(
            self._line("pairing_total").value,
            self.env["cxzy.service.pairing"].search_count(campaign),
        )
        records = self.env["cxzy.service.record"].search(campaign)
        self.assertEqual(self._line("service_record_total").value, len(records))
        self.assertEqual(
            self._line("people_served").value, sum(records.mapped("people_served"))
        )
        Event = self.env["cxzy.campaign.event"]
        self.assertEqual(
            self._line("event_done").value,
            Event.search_count(campaign + [("state", "=", "done")]),
        )
        present = self.env["cxzy.campaign.attendance"].search_count(
            [
                ("event_id.campaign_id", "=", self.campaign.id),
                ("event_id.state", "=", "done"),
                ("status", "=", "present"),
            ]
        )
        self.assertTrue(present)
        self.assertEqual(self._line("attendance_present").value, present)
        confirmed = self.env["cxzy.achievement"].search(
            campaign + [("state", "=", "confirmed")]
        )
        self.assertEqual(self._line("achievement_total").value, len(confirmed))
        self.assertEqual(self.summary.achievement_ids, confirmed)

    def test_word_summary_is_the_drawn_up_summary(self):
        """总结 (Word) of the campaign prints its summary: title, text,
        measures and every figure with the value drawn up."""
        summary = self.summary.with_user(self.office)
        summary.action_draw_up()
        self.assertTrue(summary.measure_ids)
        Template = self.env["cxzy.document.template"].with_user(self.office)
        data, _name = Template._cxzy_render(
            "campaign_summary", self.campaign.with_user(self.office)
        )
        lines = docx_text(data)
        self.assertIn(summary.name, lines)
        self.assertIn("一、主要做法和成效", lines)
        self.assertTrue(any("调查研究、服务决策" in line for line in lines))
        for measure in summary.measure_ids:
            self.assertTrue(
                any(measure.name in line and "责任人" in line for line in lines),
                measure.name,
            )
        rows = docx_tables(data)[0][1:]
        self.assertEqual(len(rows), len(summary.line_ids))
        total = self._line("completion_total")
        self.assertEqual(
            [row[1] for row in rows if row[0].endswith(f"：{total.label}")],
            [total.value_text],
        )

    def test_docx_values_are_plain(self):
        self.summary.with_user(self.office).action_draw_up()
        values = self.summary._cxzy_summary_docx_values()
        self.assertEqual(values["title"], self.summary.name)
        self.assertEqual(values["campaign"], self.campaign.name)
        self.assertIn("调查研究、服务决策", values["text"])
        self.assertNotIn("<p>", values["text"])
        sections = [table["section"] for table in values["figures"]]
        self.assertIn("completion", sections)
        first = values["figures"][0]["rows"][0]
        self.assertEqual(first["value"], self._line("completion_total").value)
        self.assertTrue(values["measures"])
        self.assertTrue(values["achievements"])

        def plain(value):
            if isinstance(value, dict):
                return all(plain(v) for v in value.values())
            if isinstance(value, list):
                return all(plain(v) for v in value)
            return isinstance(value, (str, int, float))

        self.assertTrue(plain(values))


@tagged("post_install", "-at_install", "cxzy_summary", "workflow_integrity")
class TestCampaignSummaryFrozen(DemoSummaryCase):
    def test_issued_summary_is_frozen(self):
        summary = self.summary.with_user(self.office)
        summary.action_draw_up()
        summary.action_issue()
        self.assertEqual(self.summary.state, "issued")
        self.assertEqual(self.summary.issue_date, fields.Date.context_today(summary))
        before = _figures(self.summary)
        achievements = self.summary.achievement_ids
        # Work goes on after the summary is issued.
        pending = self.env.ref("cxzy_campaign.demo_achievement_pairing")
        pending.with_user(self.office).action_confirm()
        todo = self.env["cxzy.campaign.assignment"].search(
            [("campaign_id", "=", self.campaign.id), ("state", "=", "todo")], limit=1
        )
        todo.sudo().write({"state": "done"})
        self.env.invalidate_all()
        self.assertEqual(_figures(self.summary), before)
        self.assertEqual(self.summary.achievement_ids, achievements)
        # Nobody changes it.
        for vals in (
            {"text": "<p>改写</p>"},
            {"name": "另一个标题"},
            {"line_ids": [Command.clear()]},
            {"issue_date": "2011-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                summary.write(vals)
        with self.assertRaises(UserError):
            summary.action_draw_up()
        with self.assertRaises(UserError):
            summary.unlink()
        with self.assertRaises(AccessError):
            self.summary.line_ids[:1].with_user(self.office).write({"value": 99})
        with self.assertRaises(AccessError):
            self.summary.line_ids[:1].with_user(self.office).unlink()
        with self.assertRaises(AccessError):
            self.env["cxzy.campaign.summary.line"].with_user(self.office).create(
                {
                    "summary_id": self.summary.id,
                    "section": "pledge",
                    "key": "forged",
                    "label": "伪造",
                    "value": 1,
                }
            )
        with self.assertRaises(UserError):
            self.env["cxzy.improvement.measure"].with_user(self.office).create(
                {
                    "campaign_summary_id": self.summary.id,
                    "name": "事后补写",
                    "deadline": "2031-01-01",
                }
            )
        self.env.invalidate_all()
        self.assertEqual(_figures(self.summary), before)
        self.assertIn("调查研究", str(self.summary.text))

    def test_issue_needs_figures_and_text(self):
        summary = self.summary.with_user(self.office)
        summary.sudo().line_ids.unlink()
        summary.sudo().drawn_date = False
        with self.assertRaises(UserError):
            summary.action_issue()
        summary.action_draw_up()
        summary.write({"text": False})
        with self.assertRaises(UserError):
            summary.action_issue()
        self.assertEqual(self.summary.state, "draft")

    def test_one_summary_per_campaign(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["cxzy.campaign.summary"].with_user(self.office).create(
                {"campaign_id": self.campaign.id, "name": "第二份总结"}
            )


@tagged("post_install", "-at_install", "cxzy_summary", "security")
class TestCampaignSummaryAccess(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summary = cls.env["cxzy.campaign.summary"].create(
            {"campaign_id": cls.campaign.id, "name": "测试总结", "text": "<p>总结</p>"}
        )

    def test_role_by_role(self):
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.summary.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.env["cxzy.campaign.summary"].with_user(user).create(
                        {"campaign_id": self.campaign.id, "name": "x"}
                    )
        for user in (self.user_committee, self.user_leading):
            with self.subTest(user=user.login):
                as_user = self.summary.with_user(user)
                self.assertEqual(as_user.name, "测试总结")
                with self.assertRaises(AccessError):
                    as_user.write({"text": "<p>改</p>"})
                with self.assertRaises(UserError):
                    as_user.action_draw_up()
                with self.assertRaises(UserError):
                    as_user.action_issue()
        self.assertFalse(self.summary.drawn_date)
        # Another agency's office does not see it.
        with self.assertRaises(AccessError):
            self.summary.with_user(self.user_office_b).read(["name"])
        # The office draws it up and issues it.
        as_office = self.summary.with_user(self.user_office)
        as_office.action_draw_up()
        as_office.action_issue()
        self.assertEqual(self.summary.state, "issued")
        self.assertEqual(self.summary.issued_by_id, self.user_office)

    def test_drawing_up_costs_the_same_with_more_branches(self):
        """The figures are counted with grouped queries: a campaign of six
        branches costs as many queries as one of two."""
        Org = self.env["cxzy.party.organization"]
        more = Org.create(
            [
                {
                    "name": f"测试支部{index}",
                    "kind": "branch",
                    "parent_id": self.committee.id,
                }
                for index in range(4)
            ]
        )
        template = self.env.ref("cxzy_campaign.campaign_template_2010")
        wizard = self.env["cxzy.campaign.from.template"].create(
            {
                "template_id": template.id,
                "name": "六个支部的活动",
                "date_start": "2030-04-01",
                "organization_ids": [
                    Command.set((self.branch_1 | self.branch_2 | more).ids)
                ],
            }
        )
        big = self.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])
        (self.campaign | big).sudo().action_start()
        big_summary = self.env["cxzy.campaign.summary"].create(
            {"campaign_id": big.id, "name": "大总结"}
        )
        small, large = (
            self.summary.with_user(self.user_office),
            big_summary.with_user(self.user_office),
        )
        # warm up the caches (groups, xml ids); both then replace their lines
        for summary in (small, large, small, large):
            summary.action_draw_up()
        counts = []
        for summary in (small, large):
            # drawn up a second later or not, the date is written each time
            summary.sudo().drawn_date = False
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            summary.action_draw_up()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertGreater(
            len(large.line_ids.filtered(lambda line: line.key == "completion")),
            2 * len(small.line_ids.filtered(lambda line: line.key == "completion")),
        )
        self.assertEqual(counts[0], counts[1])
        large.sudo().drawn_date = False
        self.env.flush_all()
        with self.assertQueryCount(counts[1]):
            self.env.invalidate_all()
            large.action_draw_up()
            self.env.flush_all()


@tagged("post_install", "-at_install", "cxzy_summary")
class TestPhaseSummaryReview(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["cxzy.phase.summary"]
        cls.todo_type = cls.env.ref("cxzy_campaign.mail_activity_type_cxzy_todo")
        cls.summary = cls.Summary.browse(
            cls.Summary.with_user(cls.user_secretary)
            .create(
                {
                    "organization_id": cls.branch_1.id,
                    "campaign_id": cls.campaign.id,
                    "phase_id": cls.campaign.phase_ids[0].id,
                    "content": "<p>第一阶段小结。</p>",
                }
            )
            .id
        )

    def _todos(self, step):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "cxzy.phase.summary"),
                ("res_id", "=", self.summary.id),
                ("activity_type_id", "=", self.todo_type.id),
                ("cxzy_step", "=", step),
            ]
        )

    def test_accept_by_the_committee_only(self):
        self.summary.with_user(self.user_secretary).action_submit()
        self.assertIn(self.user_committee, self._todos("accept").user_id)
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.summary.with_user(user).action_accept()
                with self.assertRaises(UserError):
                    self.summary.with_user(user).action_return("不行")
        self.assertEqual(self.summary.state, "submitted")
        self.summary.with_user(self.user_committee).action_accept()
        self.assertEqual(self.summary.state, "accepted")
        self.assertEqual(self.summary.accepted_by_id, self.user_committee)
        self.assertFalse(self._todos("accept"))
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_office).write({"content": "<p>改</p>"})
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_committee).action_return("再改")
        self.assertEqual(str(self.summary.content), "<p>第一阶段小结。</p>")

    def test_return_with_reason_then_resubmit(self):
        self.summary.with_user(self.user_secretary).action_submit()
        committee = self.summary.with_user(self.user_committee)
        with self.assertRaises(UserError):
            committee.action_return("  ")
        self.assertEqual(self.summary.state, "submitted")
        committee.action_return("缺少存在问题和改进措施。")
        self.assertEqual(self.summary.state, "draft")
        self.assertEqual(self.summary.return_reason, "缺少存在问题和改进措施。")
        self.assertEqual(
            self.summary.returned_date, fields.Date.context_today(committee)
        )
        self.assertIn("缺少存在问题", self.summary.message_ids[0].body)
        # The secretary is asked to submit it again.
        self.env.cr.precommit.run()
        self.assertIn(self.user_secretary, self._todos("submit").user_id)
        self.assertNotIn(self.user_secretary_2, self._todos("submit").user_id)
        with self.assertRaises(UserError):
            self.summary.with_user(self.user_secretary).write({"return_reason": False})
        self.summary.with_user(self.user_secretary).write(
            {"content": "<p>第一阶段小结（补充存在问题）。</p>"}
        )
        self.summary.with_user(self.user_secretary).action_submit()
        self.assertEqual(self.summary.state, "submitted")
        self.assertFalse(self._todos("submit"))
        self.assertTrue(self._todos("accept"))

    def test_return_dialog(self):
        self.summary.with_user(self.user_secretary).action_submit()
        action = self.summary.with_user(self.user_committee).action_open_return()
        step = (
            self.env["cxzy.document.step"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"comment": "请补充数据。"})
        )
        step.action_confirm()
        self.assertEqual(self.summary.state, "draft")
        self.assertEqual(self.summary.return_reason, "请补充数据。")


@tagged("post_install", "-at_install", "cxzy_summary")
class TestImprovementMeasure(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summary = cls.env["cxzy.phase.summary"].create(
            {
                "organization_id": cls.branch_1.id,
                "campaign_id": cls.campaign.id,
                "phase_id": cls.campaign.phase_ids[0].id,
                "content": "<p>小结</p>",
            }
        )
        cls.today = fields.Date.context_today(cls.summary)
        Measure = cls.env["cxzy.improvement.measure"].with_user(cls.user_secretary)
        cls.measure = Measure.create(
            {
                "phase_summary_id": cls.summary.id,
                "shortcoming": "学习不系统。",
                "name": "制定学习计划。",
                "owner_employee_id": cls.emp_member.id,
                "deadline": cls.today - timedelta(days=1),
            }
        ).with_user(cls.env.user)

    def test_owner_marks_done_with_a_note(self):
        self.assertEqual(self.measure.owner_user_id, self.user_member)
        self.assertEqual(self.measure.organization_id, self.branch_1)
        self.assertTrue(self.measure.is_overdue)
        self.env.cr.precommit.run()
        Measure = self.env["cxzy.improvement.measure"]
        self.assertIn(self.measure, Measure.search([("is_overdue", "=", True)]))
        todo = self.env["mail.activity"].search(
            [
                ("res_model", "=", "cxzy.improvement.measure"),
                ("res_id", "=", self.measure.id),
            ]
        )
        self.assertEqual(todo.user_id, self.user_member)
        # The owner reads it; another member does not.
        self.assertIn(self.measure, Measure.with_user(self.user_member).search([]))
        self.assertNotIn(self.measure, Measure.with_user(self.user_other).search([]))
        for user in (
            self.user_other,
            self.user_masses,
            self.user_secretary,
            self.user_leading,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.measure.with_user(user).action_done("做完了")
        as_owner = self.measure.with_user(self.user_member)
        with self.assertRaises(UserError):
            as_owner.action_done("")
        with self.assertRaises(UserError):
            as_owner.write({"state": "done"})
        self.assertEqual(self.measure.state, "open")
        as_owner.action_done("学习计划已印发。")
        self.assertEqual(self.measure.state, "done")
        self.assertEqual(self.measure.done_note, "学习计划已印发。")
        self.assertEqual(self.measure.done_by_id, self.user_member)
        self.assertFalse(self.measure.is_overdue)
        self.assertFalse(todo.exists())
        # The office reopens it.
        with self.assertRaises(UserError):
            as_owner.action_reopen()
        self.measure.with_user(self.user_office).action_reopen("再看看")
        self.assertEqual(self.measure.state, "open")
        self.measure.with_user(self.user_office).action_done("办公室核实已完成。")
        self.assertEqual(self.measure.done_by_id, self.user_office)

    def test_set_down_only_while_the_summary_is_written(self):
        Measure = self.env["cxzy.improvement.measure"]
        with self.assertRaises(AccessError):
            Measure.with_user(self.user_secretary_2).create(
                {
                    "phase_summary_id": self.summary.id,
                    "name": "别的支部代写",
                    "deadline": "2031-01-01",
                }
            )
        with self.assertRaises(ValidationError):
            Measure.create({"name": "无主", "deadline": "2031-01-01"})
        self.summary.with_user(self.user_secretary).action_submit()
        with self.assertRaises(UserError):
            self.measure.with_user(self.user_secretary).write(
                {"deadline": "2040-01-01"}
            )
        with self.assertRaises(UserError):
            self.measure.with_user(self.user_secretary).unlink()
        with self.assertRaises(UserError):
            Measure.with_user(self.user_secretary).create(
                {
                    "phase_summary_id": self.summary.id,
                    "name": "事后补写",
                    "deadline": "2031-01-01",
                }
            )
        self.assertEqual(self.measure.deadline, self.today - timedelta(days=1))
        # Still followed up to done by its owner.
        self.measure.with_user(self.user_member).action_done("已完成")
        self.assertEqual(self.measure.state, "done")


@tagged("post_install", "-at_install", "cxzy_summary")
class TestAchievement(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Achievement = cls.env["cxzy.achievement"].with_user(cls.user_secretary)
        cls.achievement = Achievement.create(
            {
                "campaign_id": cls.campaign.id,
                "organization_id": cls.branch_1.id,
                "name": "调研报告获批示",
                "change": "<p>调研成果转化为决策。</p>",
                "evidence": "<p>批示两件。</p>",
            }
        ).with_user(cls.env.user)
        cls.photo = (
            cls.env["cxzy.campaign.photo"]
            .with_user(cls.user_secretary)
            .create(
                {
                    "achievement_id": cls.achievement.id,
                    "caption": "蹲点调研",
                    "image": _jpeg(),
                }
            )
        )
        action = cls.env.ref("cxzy_campaign.cxzy_campaign_photo_exhibition_action")
        cls.exhibition = safe_eval(action.domain)

    def _exhibited(self):
        return (
            self.env["cxzy.campaign.photo"]
            .with_user(self.user_member)
            .search(self.exhibition)
        )

    def test_secretary_records_office_confirms(self):
        self.assertEqual(self.photo.campaign_id, self.campaign)
        self.assertNotIn(self.photo, self._exhibited())
        # Not in the exhibition before the office confirms the achievement.
        with self.assertRaises(UserError):
            self.photo.with_user(self.user_secretary).write({"for_exhibition": True})
        self.assertFalse(self.photo.for_exhibition)
        with self.assertRaises(AccessError):
            self.env["cxzy.achievement"].with_user(self.user_secretary).create(
                {
                    "campaign_id": self.campaign.id,
                    "organization_id": self.branch_2.id,
                    "name": "别的支部",
                }
            )
        self.achievement.with_user(self.user_secretary).action_submit()
        with self.assertRaises(UserError):
            self.achievement.with_user(self.user_secretary).write({"name": "改"})
        for user in (self.user_member, self.user_secretary, self.user_committee):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.achievement.with_user(user).action_confirm()
        self.assertEqual(self.achievement.state, "submitted")
        self.achievement.with_user(self.user_office).action_confirm()
        self.assertEqual(self.achievement.state, "confirmed")
        self.assertEqual(self.achievement.confirmed_by_id, self.user_office)
        # Its photos join the exhibition, which every member sees.
        self.assertIn(self.photo, self._exhibited())
        self.assertIn(
            self.achievement,
            self.env["cxzy.achievement"].with_user(self.user_other).search([]),
        )

    def test_return_with_reason(self):
        self.achievement.with_user(self.user_secretary).action_submit()
        with self.assertRaises(UserError):
            self.achievement.with_user(self.user_office).action_return("")
        self.achievement.with_user(self.user_office).action_return("请补充照片。")
        self.assertEqual(self.achievement.state, "draft")
        self.assertEqual(self.achievement.return_reason, "请补充照片。")
        # A draft of another branch is not the other members' to read.
        self.assertNotIn(
            self.achievement,
            self.env["cxzy.achievement"].with_user(self.user_other).search([]),
        )

    def test_photo_of_one_origin(self):
        event = self.env["cxzy.campaign.event"].create(
            {
                "campaign_id": self.campaign.id,
                "name": "座谈会",
                "date": "2030-05-01 09:00:00",
            }
        )
        with self.assertRaises(ValidationError):
            self.env["cxzy.campaign.photo"].create(
                {
                    "achievement_id": self.achievement.id,
                    "event_id": event.id,
                    "image": _jpeg(),
                }
            )
        with self.assertRaises(ValidationError):
            self.env["cxzy.campaign.photo"].create({"image": _jpeg()})
