# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CxzyCase


class CampaignCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("cxzy_campaign.campaign_template_2010")
        wizard = (
            cls.env["cxzy.campaign.from.template"]
            .with_user(cls.user_office)
            .create(
                {
                    "template_id": cls.template.id,
                    "name": "测试活动",
                    "date_start": "2030-04-01",
                    "organization_ids": [(6, 0, (cls.branch_1 | cls.branch_2).ids)],
                }
            )
        )
        cls.campaign = cls.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])


@tagged("post_install", "-at_install")
class TestCampaignTemplate(CampaignCase):
    def test_plan_2010_ships_as_template(self):
        template = self.template
        self.assertTrue(template.is_template)
        self.assertEqual(
            [(p.name, str(p.date_start), str(p.date_end)) for p in template.phase_ids],
            [
                ("广泛发动，安排部署", "2010-04-01", "2010-05-31"),
                ("全面争创，扎实推进", "2010-06-01", "2011-06-30"),
                ("对标定位，晋档升级", "2011-07-01", "2012-06-30"),
                ("系统总结，完善机制", "2012-07-01", "2012-11-07"),
            ],
        )
        self.assertEqual(template.main_line, "筑坚强堡垒、树先锋形象、促科学发展")
        tasks = {task.name: task for task in template.task_ids}
        self.assertEqual(len(tasks), 17)
        self.assertIn("西柏坡", tasks["赴西柏坡重温入党誓词"].description)
        self.assertIn("集中一周时间", tasks["党性分析周"].description)
        self.assertIn("百个支部结对帮扶活动", tasks["百个支部结对帮扶"].description)
        self.assertIn("设立1-2名党员示范岗", tasks["设立党员示范岗"].description)
        self.assertEqual(str(tasks["支部书记党建工作述职"].deadline), "2011-03-31")
        self.assertEqual(str(tasks["集中表彰"].deadline), "2011-06-30")
        self.assertIn("室党组决定", tasks["集中表彰"].description)
        for name in ("树立先进典型", "搞好对标定位", "实施晋档升级"):
            self.assertEqual(tasks[name].phase_id.name, "对标定位，晋档升级")
        for name in ("展示成果", "搞好总结", "考核评议", "完善机制"):
            self.assertEqual(tasks[name].phase_id.name, "系统总结，完善机制")
        kinds = set(template.task_ids.mapped("kind"))
        self.assertLessEqual(
            {"mobilize", "plan", "study", "party_spirit", "serve_masses"}, kinds
        )
        # A template is never started.
        with self.assertRaises(UserError):
            template.action_start()

    def test_new_campaign_shifts_every_date(self):
        campaign = self.campaign
        delta = date(2030, 4, 1) - date(2010, 4, 1)
        self.assertFalse(campaign.is_template)
        self.assertEqual(campaign.date_start, date(2030, 4, 1))
        self.assertEqual(campaign.date_end, self.template.date_end + delta)
        self.assertEqual(len(campaign.phase_ids), 4)
        self.assertEqual(len(campaign.task_ids), 17)
        for phase, source in zip(
            campaign.phase_ids, self.template.phase_ids, strict=True
        ):
            self.assertEqual(phase.name, source.name)
            self.assertEqual(phase.date_start, source.date_start + delta)
            self.assertEqual(
                phase.date_end - phase.date_start, source.date_end - source.date_start
            )
        duty = campaign.task_ids.filtered(lambda t: t.name == "支部书记党建工作述职")
        self.assertEqual(duty.deadline, date(2011, 3, 31) + delta)
        self.assertEqual(campaign.theme, self.template.theme)
        self.assertEqual(campaign.state, "draft")
        # The template itself is untouched.
        self.assertEqual(len(self.template.phase_ids), 4)
        self.assertEqual(self.template.date_start, date(2010, 4, 1))

    def test_template_only_into_empty_campaign(self):
        with self.assertRaises(UserError):
            self.campaign._copy_plan_from(self.template)
        self.assertEqual(len(self.campaign.phase_ids), 4)

    def test_wizard_form(self):
        with Form(self.env["cxzy.campaign.from.template"]) as form:
            self.assertEqual(form.template_id, self.template)
            form.name = "2031年活动"
            form.date_start = date(2031, 1, 1)
        campaign = self.env["cxzy.campaign"].browse(
            form.record.action_create()["res_id"]
        )
        self.assertEqual(campaign.phase_ids[0].date_start, date(2031, 1, 1))


@tagged("post_install", "-at_install")
class TestCampaignDates(CampaignCase):
    def test_phase_outside_campaign_refused(self):
        phase = self.campaign.phase_ids[0]
        with self.assertRaises(ValidationError) as caught:
            phase.date_start = self.campaign.date_start - timedelta(days=1)
        self.assertIn(phase.name, str(caught.exception))
        self.assertEqual(phase.date_start, self.campaign.date_start)
        count = self.env["cxzy.campaign.phase"].search_count([])
        with self.assertRaises(ValidationError):
            self.env["cxzy.campaign.phase"].create(
                {
                    "campaign_id": self.campaign.id,
                    "name": "多余步骤",
                    "date_start": self.campaign.date_end,
                    "date_end": self.campaign.date_end + timedelta(days=3),
                }
            )
        self.assertEqual(self.env["cxzy.campaign.phase"].search_count([]), count)

    def test_task_deadline_outside_phase_refused(self):
        phase = self.campaign.phase_ids[0]
        task = phase.task_ids[0]
        with self.assertRaises(ValidationError) as caught:
            task.deadline = phase.date_end + timedelta(days=1)
        self.assertIn(task.name, str(caught.exception))
        self.assertLessEqual(task.deadline, phase.date_end)
        with self.assertRaises(ValidationError):
            self.env["cxzy.campaign.task"].create(
                {"phase_id": phase.id, "name": "越界任务", "deadline": "2000-01-01"}
            )
        self.assertFalse(
            self.env["cxzy.campaign.task"].search([("name", "=", "越界任务")])
        )
        # Shrinking a phase under its tasks is refused too.
        with self.assertRaises(ValidationError):
            phase.date_end = phase.date_start

    def test_campaign_end_before_start_refused(self):
        with self.assertRaises(ValidationError):
            self.env["cxzy.campaign"].create(
                {"name": "倒置", "date_start": "2030-01-02", "date_end": "2030-01-01"}
            )


@tagged("post_install", "-at_install")
class TestAssignments(CampaignCase):
    def _assignment(self, organization, task_name):
        return self.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == organization and a.task_id.name == task_name
        )

    def test_start_creates_one_assignment_per_task_and_organisation(self):
        self.assertFalse(self.campaign.assignment_ids)
        self.campaign.action_start()
        tasks = self.campaign.task_ids.filtered("for_organizations")
        self.assertEqual(len(tasks), 11)
        # 11 tasks for each of the two branches, and the office's own six
        self.assertEqual(len(self.campaign.assignment_ids), 28)
        pairs = {(a.task_id, a.organization_id) for a in self.campaign.assignment_ids}
        self.assertEqual(len(pairs), 28)
        office = self.campaign.office_assignment_ids
        self.assertEqual(office.task_id, self.campaign.task_ids - tasks)
        self.assertFalse(office.organization_id)
        self.assertEqual(self.campaign.assignment_count, 28)
        duty = self._assignment(self.branch_1, "支部书记党建工作述职")
        self.assertEqual(duty.deadline, duty.task_id.deadline)
        self.assertEqual(duty.responsible_user_ids, self.user_secretary)
        with self.assertRaises(UserError):
            self.campaign.action_start()

    def test_participants_change_follows(self):
        self.campaign.action_start()
        branch_3 = self.env["cxzy.party.organization"].create(
            {"name": "新支部", "kind": "branch", "parent_id": self.committee.id}
        )
        self.campaign.organization_ids |= branch_3
        self.assertEqual(len(self.campaign.assignment_ids), 33 + 6)
        # A branch that has worked on a task cannot silently disappear.
        self._assignment(self.branch_2, "组织学习").action_done()
        with self.assertRaises(UserError):
            self.campaign.organization_ids -= self.branch_2
        self.assertIn(self.branch_2, self.campaign.organization_ids)
        self.assertEqual(len(self.campaign.assignment_ids), 33 + 6)
        self.campaign.organization_ids -= branch_3
        self.assertEqual(len(self.campaign.assignment_ids), 22 + 6)

    def test_progress_matrix_and_overdue(self):
        self.campaign.action_start()
        study_1 = self._assignment(self.branch_1, "组织学习")
        study_1.action_start()
        study_1.write({"completion_note": "<p>学习三次</p>"})
        study_1.action_done()
        self.assertEqual(study_1.state, "done")
        self.assertTrue(study_1.date_done)
        self.assertEqual(self.campaign.assignment_done_count, 1)
        # the office's own six tasks count too
        self.assertAlmostEqual(self.campaign.progress, 100.0 / 28)
        matrix = self.campaign._completion_matrix()
        self.assertEqual(matrix[self.branch_1][study_1.task_id], "done")
        self.assertEqual(matrix[self.branch_2][study_1.task_id], "todo")
        with self.assertRaises(UserError):
            study_1.action_done()
        first_deadline = self.campaign.phase_ids[0].date_end
        with freeze_time(first_deadline + timedelta(days=1)):
            overdue = self.env["cxzy.campaign.assignment"].search(
                [("campaign_id", "=", self.campaign.id), ("is_overdue", "=", True)]
            )
            # Phase one has two branch tasks per branch, one of them done,
            # and the office's 动员部署.
            self.assertEqual(len(overdue), 4)
            self.assertNotIn(study_1, overdue)
            self.assertEqual(self.campaign.overdue_count, 4)

    def test_worked_on_assignment_not_deleted(self):
        self.campaign.action_start()
        assignment = self._assignment(self.branch_1, "组织学习")
        assignment.action_start()
        with self.assertRaises(UserError):
            assignment.unlink()
        self.assertTrue(assignment.exists())

    def test_roles_on_assignments(self):
        self.campaign.action_start()
        own = self._assignment(self.branch_1, "组织学习")
        other = self._assignment(self.branch_2, "组织学习")
        own.with_user(self.user_secretary).action_done()
        self.assertEqual(own.state, "done")
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary).action_done()
        self.assertEqual(other.state, "todo")
        Assignment = self.env["cxzy.campaign.assignment"]
        self.assertEqual(
            Assignment.with_user(self.user_member).search(
                [("campaign_id", "=", self.campaign.id)]
            ),
            self.campaign.assignment_ids.filtered(
                lambda a: (
                    # their branch's, and the office's own (the campaign's)
                    not a.organization_id or a.organization_id == self.branch_1
                )
            ),
        )
        # A member reads their branch's work but takes no step on it.
        with self.assertRaises(UserError):
            own.with_user(self.user_member).action_reopen()
        self.assertEqual(own.state, "done")
        self.assertEqual(
            len(
                Assignment.with_user(self.user_leading).search(
                    [("campaign_id", "=", self.campaign.id)]
                )
            ),
            28,
        )
        with self.assertRaises(AccessError):
            Assignment.with_user(self.user_masses).search([])
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_secretary).action_close()
        self.assertEqual(self.campaign.state, "running")

    def test_office_only_configures(self):
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.user_secretary).write({"name": "改名"})
        with self.assertRaises(AccessError):
            self.env["cxzy.campaign.from.template"].with_user(
                self.user_secretary
            ).create(
                {
                    "template_id": self.template.id,
                    "name": "x",
                    "date_start": "2030-01-01",
                }
            )
        self.campaign.with_user(self.user_office).write({"name": "改名"})
        self.assertEqual(self.campaign.name, "改名")
        self.assertFalse(
            self.env["cxzy.campaign"]
            .with_user(self.user_office_b)
            .search([("id", "=", self.campaign.id)])
        )


@tagged("post_install", "-at_install")
class TestReminders(CampaignCase):
    def _todo(self, assignment):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "cxzy.campaign.assignment"),
                ("res_id", "=", assignment.id),
            ]
        )

    def test_reminders_once_before_and_once_overdue(self):
        self.campaign.action_start()
        study = self.campaign.assignment_ids.filtered(
            lambda a: (
                a.organization_id == self.branch_1 and a.task_id.name == "组织学习"
            )
        )
        deadline = study.deadline
        Assignment = self.env["cxzy.campaign.assignment"]
        with freeze_time(deadline - timedelta(days=30)):
            Assignment._cron_remind()
            self.assertFalse(self._todo(study))
        with freeze_time(deadline - timedelta(days=3)):
            Assignment._cron_remind()
            Assignment._cron_remind()
            todo = self._todo(study)
            self.assertEqual(len(todo), 1)
            self.assertEqual(todo.user_id, self.user_secretary)
            self.assertEqual(
                todo.activity_type_id,
                self.env.ref("cxzy_campaign.mail_activity_type_assignment_due"),
            )
        with freeze_time(deadline + timedelta(days=2)):
            Assignment._cron_remind()
            Assignment._cron_remind()
            types = self._todo(study).activity_type_id
            self.assertEqual(len(self._todo(study)), 2)
            self.assertIn(
                self.env.ref("cxzy_campaign.mail_activity_type_assignment_overdue"),
                types,
            )
        # Branch 2 has no secretary: the office is reminded instead.
        other = self.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == self.branch_2 and a.task_id == study.task_id
        )
        self.assertIn(self.user_office, self._todo(other).user_id)
        self.assertNotIn(self.user_office_b, self._todo(other).user_id)
        study.action_done()
        self.assertFalse(self._todo(study))


@tagged("post_install", "-at_install")
class TestCampaignPledgeButton(CampaignCase):
    def test_pledge_counts_and_button(self):
        self.campaign.action_start()
        Pledge = self.env["cxzy.pledge"]
        pledges = Pledge.create(
            [
                {
                    "campaign_id": self.campaign.id,
                    "subject_type": "member",
                    "member_id": member.id,
                    "item_ids": [(0, 0, {"content": "按时完成调研报告"})],
                }
                for member in (self.member_member, self.member_other)
            ]
        )
        self.assertEqual(self.campaign.pledge_count, 2)
        self.assertEqual(self.campaign.pledge_published_count, 0)
        first = pledges[0]
        first.action_submit()
        first.action_approve()
        first.action_publish()
        self.campaign.invalidate_recordset(["pledge_count", "pledge_published_count"])
        self.assertEqual(self.campaign.pledge_published_count, 1)
        action = self.campaign.action_view_pledges()
        self.assertEqual(Pledge.search(action["domain"]), pledges)
        self.assertEqual(action["context"]["default_campaign_id"], self.campaign.id)
