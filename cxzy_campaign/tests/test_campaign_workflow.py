# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The campaign, its assignments and its activity records on the workflow
engine: only their steps change their state, and nobody writes a result, a
step field or an owner directly, whatever the context says."""

import base64
import io
from datetime import date, timedelta

from freezegun import freeze_time
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.cxzy_workflow_mixin import written_language
from .common import CxzyCase

#: context keys an RPC caller may send, hoping one switches a check off
FORGED = (
    {},
    {"cxzy_step": True, "cxzy_campaign_step": True, "install_mode": True},
    {"tracking_disable": True, "cxzy_transition": True},
)


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 16, 30)).save(buffer, format="JPEG")
    return base64.b64encode(buffer.getvalue())


class WorkflowCase(CxzyCase):
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
                    "name": "流程测试活动",
                    "date_start": "2030-04-01",
                    "organization_ids": [
                        Command.set((cls.branch_1 | cls.branch_2).ids)
                    ],
                }
            )
        )
        cls.campaign = cls.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])

    def _refused(self, records, vals, users, contexts=FORGED, exception=UserError):
        """Every user, with every context, is refused ``vals`` and nothing
        changes."""
        names = list(vals)
        before = records.sudo().read(names)
        for user in users:
            for context in contexts:
                with self.subTest(user=user.login, vals=vals, context=context):
                    with self.assertRaises(exception), self.cr.savepoint():
                        records.with_user(user).with_context(**context).write(vals)
        records.invalidate_recordset()
        self.assertEqual(records.sudo().read(names), before)

    def _assignment(self, organization, task_name="组织学习"):
        return self.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == organization and a.task_id.name == task_name
        )


@tagged("post_install", "-at_install")
class TestCampaignSteps(WorkflowCase):
    def _bare(self, **vals):
        return self.env["cxzy.campaign"].create(
            {
                "name": "空白活动",
                "date_start": "2030-01-01",
                "date_end": "2030-12-31",
                **vals,
            }
        )

    def test_start_needs_phases_tasks_and_a_branch(self):
        office = self.user_office
        no_phase = self._bare(organization_ids=[Command.set(self.branch_1.ids)])
        no_task = self._bare(
            organization_ids=[Command.set(self.branch_1.ids)],
            phase_ids=[
                Command.create(
                    {
                        "name": "动员",
                        "date_start": "2030-01-01",
                        "date_end": "2030-02-01",
                    }
                )
            ],
        )
        plan = [
            Command.create(
                {
                    "name": "动员",
                    "date_start": "2030-01-01",
                    "date_end": "2030-02-01",
                    "task_ids": [
                        Command.create({"name": "制定方案", "deadline": "2030-01-20"})
                    ],
                }
            )
        ]
        no_branch = self._bare(phase_ids=plan)
        # The committee and a Party group are no participating branch.
        not_a_branch = self._bare(
            phase_ids=plan,
            organization_ids=[Command.set((self.committee | self.group_1).ids)],
        )
        for campaign, reason in (
            (no_phase, "no phases"),
            (no_task, "no tasks"),
            (no_branch, "no participating branch"),
            (not_a_branch, "no participating branch"),
        ):
            with self.subTest(reason=reason):
                self.assertTrue(campaign.with_user(office).can_start)
                with self.assertRaisesRegex(UserError, reason):
                    campaign.with_user(office).action_start()
                self.assertEqual(campaign.state, "draft")
                self.assertFalse(campaign.assignment_ids)
        # With its plan and a branch it starts.
        ready = self._bare(
            phase_ids=plan, organization_ids=[Command.set(self.branch_1.ids)]
        )
        ready.with_user(office).action_start()
        self.assertEqual(ready.state, "running")
        self.assertEqual(len(ready.assignment_ids), 1)

    def test_office_cannot_write_the_state(self):
        campaign = self.campaign
        for state in ("running", "done", "cancelled"):
            self._refused(campaign, {"state": state}, (self.user_office,))
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(campaign.assignment_ids)
        # Nor create a campaign that is already running.
        count = self.env["cxzy.campaign"].search_count([])
        for context in FORGED:
            with self.assertRaises(UserError), self.cr.savepoint():
                self.env["cxzy.campaign"].with_user(self.user_office).with_context(
                    **context
                ).create(
                    {
                        "name": "伪造的活动",
                        "date_start": "2030-01-01",
                        "date_end": "2030-12-31",
                        "state": "running",
                    }
                )
        self.assertEqual(self.env["cxzy.campaign"].search_count([]), count)

    def test_results_and_owners_are_not_written(self):
        campaign = self.campaign
        campaign.action_start()
        users = (self.user_office,)
        for vals in (
            {"progress": 100.0},
            {"assignment_count": 1},
            {"assignment_done_count": 22},
            {"overdue_count": 5},
            {"pledge_count": 9},
            {"pledge_published_count": 9},
            {"current_phase_id": campaign.phase_ids[-1].id},
            {"company_id": self.company_b.id},
            {"is_template": True},
        ):
            self._refused(campaign, vals, users)
        self.assertFalse(campaign.is_template)
        self.assertEqual(campaign.company_id, self.company)
        # Writing the same value is no change.
        campaign.with_user(self.user_office).write({"company_id": self.company.id})

    def test_steps_by_the_office_only_and_in_their_states(self):
        campaign = self.campaign
        for user in (self.user_secretary, self.user_committee, self.user_leading):
            with self.subTest(user=user.login):
                self.assertFalse(campaign.with_user(user).can_start)
                with self.assertRaisesRegex(UserError, "campaign office"):
                    campaign.with_user(user).action_start()
        self.assertEqual(campaign.state, "draft")
        as_office = campaign.with_user(self.user_office)
        for action in (as_office.action_close, as_office.action_reset_draft):
            with self.assertRaisesRegex(UserError, "Draft"):
                action()
        self.assertFalse(as_office.can_close)
        as_office.action_start()
        self.assertEqual(campaign.state, "running")
        self.assertTrue(as_office.can_close)
        self.assertFalse(as_office.can_start)
        with self.assertRaises(UserError):
            as_office.action_start()
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary).action_close()
        as_office.action_close()
        self.assertEqual(campaign.state, "done")

    def test_a_template_never_runs(self):
        template = self.template.with_user(self.user_office)
        self.assertFalse(template.can_start)
        with self.assertRaisesRegex(UserError, "template"):
            template.action_start()
        self.assertEqual(self.template.state, "draft")
        self._refused(self.template, {"state": "running"}, (self.user_office,))

    def test_a_closed_campaign_is_on_record(self):
        campaign = self.campaign.with_user(self.user_office)
        campaign.action_start()
        campaign.action_close()
        with self.assertRaisesRegex(UserError, "no longer"):
            campaign.write({"name": "改名"})
        self.assertEqual(self.campaign.name, "流程测试活动")
        with self.assertRaises(UserError):
            campaign.unlink()
        self.assertTrue(self.campaign.exists())

    def test_one_message_per_step(self):
        campaign = self.campaign.with_user(self.user_office)
        before = len(campaign.message_ids)
        campaign.action_start()
        campaign.invalidate_recordset(["message_ids"])
        messages = campaign.message_ids[: len(campaign.message_ids) - before]
        # the step's note, and one summary of the assignments it created
        # (not one message per assignment)
        self.assertEqual(len(messages), 2)
        step, summary = messages.sorted("id")
        env = campaign.with_context(lang=written_language(campaign.env)).env
        self.assertIn(self.user_office.name, step.body)
        self.assertIn(campaign.with_env(env)._cxzy_state_label("running"), step.body)
        # the organisations' assignments (the office's own are not counted)
        count = len(campaign.assignment_ids.filtered("organization_id"))
        self.assertTrue(count)
        self.assertIn(
            env._(
                "%(count)s assignments created for %(organizations)s organisations.",
                count=count,
                organizations=2,
            ),
            summary.body,
        )
        self.assertFalse(campaign.assignment_ids.message_ids)

    def test_cancel_and_reset(self):
        campaign = self.campaign.with_user(self.user_office)
        campaign.action_start()
        campaign.action_cancel()
        self.assertEqual(campaign.state, "cancelled")
        self.assertTrue(campaign.can_reset_draft)
        campaign.action_reset_draft()
        self.assertEqual(campaign.state, "draft")

    def test_steps_on_nothing_are_refused(self):
        Campaign = self.env["cxzy.campaign"].with_user(self.user_office)
        for action in ("action_start", "action_close", "action_cancel"):
            with self.assertRaisesRegex(UserError, "Select"):
                getattr(Campaign, action)()
        for action in (
            "action_view_assignments",
            "action_view_pledges",
            "action_view_matrix",
        ):
            with self.assertRaisesRegex(UserError, "one campaign"):
                getattr(Campaign, action)()

    def test_reminder_days_never_negative(self):
        with self.assertRaises(UserError):
            self.campaign.with_user(self.user_office).write({"reminder_days": -3})
        self.assertEqual(self.campaign.reminder_days, 7)

    def test_wizard_needs_a_template(self):
        wizard = (
            self.env["cxzy.campaign.from.template"]
            .with_user(self.user_office)
            .create(
                {
                    "template_id": self.campaign.id,
                    "name": "从活动复制",
                    "date_start": "2031-01-01",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "not a template"):
            wizard.action_create()
        self.assertFalse(
            self.env["cxzy.campaign"].search([("name", "=", "从活动复制")])
        )
        with self.assertRaises(UserError):
            self.env["cxzy.campaign.from.template"].action_create()

    def test_wizard_from_the_templates_menu_makes_a_campaign(self):
        """The templates' action gives ``default_is_template``: the campaign
        made from a template is still a campaign."""
        wizard = (
            self.env["cxzy.campaign.from.template"]
            .with_user(self.user_office)
            .with_context(default_is_template=True)
            .create(
                {
                    "template_id": self.template.id,
                    "name": "模板菜单建的活动",
                    "date_start": "2031-01-01",
                }
            )
        )
        campaign = self.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])
        self.assertFalse(campaign.is_template)


@tagged("post_install", "-at_install")
class TestPlanOwners(WorkflowCase):
    def test_phases_tasks_and_roster_stay_in_their_campaign(self):
        other = self.env["cxzy.campaign"].create(
            {"name": "另一活动", "date_start": "2030-01-01", "date_end": "2033-01-01"}
        )
        phase = self.campaign.phase_ids[0]
        task = phase.task_ids[0]
        users = (self.user_office,)
        self._refused(phase, {"campaign_id": other.id}, users)
        self._refused(phase, {"campaign_id": self.template.id}, users)
        self._refused(phase, {"company_id": self.company_b.id}, users)
        self._refused(task, {"phase_id": self.campaign.phase_ids[1].id}, users)
        self._refused(task, {"campaign_id": other.id}, users)
        self._refused(task, {"phase_sequence": 99}, users)
        roster = self.env["cxzy.campaign.roster"].create(
            {"campaign_id": self.campaign.id, "employee_id": self.emp_committee.id}
        )
        self._refused(roster, {"campaign_id": other.id}, users)
        self._refused(roster, {"body": "office"}, users)
        # Their own fields stay the office's to edit.
        phase.with_user(self.user_office).write({"name": "动员部署"})
        task.with_user(self.user_office).write({"name": "动员大会"})
        self.assertEqual((phase.name, task.name), ("动员部署", "动员大会"))

    def test_a_task_moved_to_another_deadline_moves_its_open_assignments(self):
        self.campaign.action_start()
        study = self._assignment(self.branch_1)
        other = self._assignment(self.branch_2)
        study.action_done()
        task = study.task_id.with_user(self.user_office)
        new_deadline = task.deadline - timedelta(days=1)
        task.write({"deadline": new_deadline})
        self.assertEqual(other.deadline, new_deadline)
        self.assertNotEqual(study.deadline, new_deadline)


@tagged("post_install", "-at_install")
class TestAssignmentSteps(WorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.action_start()

    def test_state_and_completion_fields_only_through_steps(self):
        own = self._assignment(self.branch_1)
        users = (self.user_secretary, self.user_committee, self.user_office)
        for vals in (
            {"state": "done"},
            {"state": "cancelled"},
            {"date_done": "2030-05-01"},
            {"is_done": 1},
            {"campaign_id": self.template.id},
            {"phase_id": self.campaign.phase_ids[-1].id},
            {"kind": "other"},
            {"company_id": self.company_b.id},
        ):
            self._refused(own, vals, users)
        self.assertEqual(own.state, "todo")
        self.assertFalse(own.date_done)

    def test_the_branch_and_task_of_an_assignment_are_fixed(self):
        own = self._assignment(self.branch_1)
        other_task = self._assignment(self.branch_1, "党性分析周").task_id
        self.assertTrue(other_task)
        users = (self.user_secretary, self.user_committee, self.user_office)
        self._refused(own, {"organization_id": self.branch_2.id}, users)
        self._refused(own, {"organization_id": self.group_1.id}, users)
        self._refused(own, {"task_id": other_task.id}, users)
        self.assertEqual(own.organization_id, self.branch_1)

    def test_completion_reported_by_the_branch_secretaries_only(self):
        own = self._assignment(self.branch_1)
        note = "<p>组织学习三次</p>"
        # The office, which reads and manages every assignment, does not
        # report a branch's work; a member has no write access at all.
        self._refused(own, {"completion_note": note}, (self.user_office,))
        self._refused(own, {"completion_note": note}, (self.user_member,))
        attachment = self.env["ir.attachment"].create(
            {"name": "学习记录.txt", "raw": b"x"}
        )
        with self.assertRaises(UserError):
            own.with_user(self.user_office).write(
                {"evidence_ids": [Command.link(attachment.id)]}
            )
        self.assertFalse(own.evidence_ids)
        as_secretary = own.with_user(self.user_secretary)
        self.assertTrue(as_secretary.can_edit_completion)
        self.assertFalse(own.with_user(self.user_office).can_edit_completion)
        as_secretary.write({"completion_note": note})
        self.assertIn("组织学习三次", own.completion_note)
        as_secretary.action_done()
        self.assertEqual(own.state, "done")
        self.assertTrue(own.date_done)
        # Done work is on record: reopen it to change the report.
        self.assertFalse(as_secretary.can_edit_completion)
        with self.assertRaisesRegex(UserError, "no longer"):
            as_secretary.write({"completion_note": "<p>改写</p>"})
        self.assertIn("组织学习三次", own.completion_note)
        as_secretary.action_reopen()
        self.assertEqual(own.state, "in_progress")
        self.assertFalse(own.date_done)
        as_secretary.write({"completion_note": "<p>补充</p>"})

    def test_another_branch_secretary_is_refused(self):
        other = self._assignment(self.branch_2)
        # They do not even read it.
        for action in ("action_start", "action_done"):
            with self.assertRaises(AccessError):
                getattr(other.with_user(self.user_secretary), action)()
        with self.assertRaises(UserError):
            other.with_user(self.user_secretary).write({"completion_note": "<p>x</p>"})
        self.assertEqual(other.state, "todo")
        self.assertFalse(other.completion_note)

    def test_deadline_is_the_office_s(self):
        own = self._assignment(self.branch_1)
        deadline = own.deadline
        for context in FORGED:
            with self.assertRaisesRegex(UserError, "campaign office"):
                own.with_user(self.user_secretary).with_context(**context).write(
                    {"deadline": deadline + timedelta(days=30)}
                )
        self.assertEqual(own.deadline, deadline)
        own.with_user(self.user_office).write({"deadline": deadline - timedelta(1)})
        self.assertEqual(own.deadline, deadline - timedelta(1))

    def test_who_takes_which_step(self):
        own = self._assignment(self.branch_1)
        member = own.with_user(self.user_member)
        self.assertFalse(member.can_start)
        with self.assertRaisesRegex(UserError, "secretaries"):
            member.action_start()
        # The office cancels; a secretary does not.
        self.assertFalse(own.with_user(self.user_secretary).can_cancel)
        with self.assertRaises(UserError):
            own.with_user(self.user_secretary).action_cancel()
        self.assertEqual(own.state, "todo")
        # The office does not do the branch's work.
        self.assertFalse(own.with_user(self.user_office).can_done)
        with self.assertRaises(UserError):
            own.with_user(self.user_office).action_done()
        self.assertEqual(own.state, "todo")
        own.with_user(self.user_office).action_cancel()
        self.assertEqual(own.state, "cancelled")
        with self.assertRaises(UserError):
            own.with_user(self.user_office).write({"deadline": date(2030, 5, 5)})
        # Wrong state: a cancelled assignment is not done.
        with self.assertRaisesRegex(UserError, "Cancelled"):
            own.with_user(self.user_secretary).action_done()
        own.with_user(self.user_office).action_reopen()
        self.assertEqual(own.state, "in_progress")
        # The secretary of the committee above manages the branch too.
        own.with_user(self.user_committee).action_done()
        self.assertEqual(own.state, "done")

    def test_created_in_a_later_state_or_with_a_report_refused(self):
        task = self._assignment(self.branch_1).task_id
        branch_3 = self.env["cxzy.party.organization"].create(
            {"name": "第三支部", "kind": "branch", "parent_id": self.committee.id}
        )
        Assignment = self.env["cxzy.campaign.assignment"].with_user(self.user_office)
        base = {
            "task_id": task.id,
            "organization_id": branch_3.id,
            "deadline": task.deadline,
        }
        for extra in (
            {"state": "done"},
            {"date_done": "2030-05-01"},
            {"completion_note": "<p>已完成</p>"},
        ):
            with self.subTest(extra=extra):
                for context in FORGED:
                    with self.assertRaises(UserError), self.cr.savepoint():
                        Assignment.with_context(**context).create({**base, **extra})
        self.assertFalse(
            self.env["cxzy.campaign.assignment"].search(
                [("organization_id", "=", branch_3.id)]
            )
        )

    def test_work_done_is_never_deleted_with_its_plan(self):
        own = self._assignment(self.branch_1)
        own.with_user(self.user_secretary).action_done()
        office = self.user_office
        with self.assertRaisesRegex(UserError, "already worked"):
            own.task_id.with_user(office).unlink()
        with self.assertRaisesRegex(UserError, "already worked"):
            own.task_id.phase_id.with_user(office).unlink()
        campaign = self.campaign.with_user(office)
        campaign.action_cancel()
        campaign.action_reset_draft()
        with self.assertRaisesRegex(UserError, "already worked"):
            campaign.unlink()
        self.assertTrue(own.exists())
        self.assertEqual(own.state, "done")
        # A task nobody has worked on goes, with its assignments.
        untouched = self._assignment(self.branch_1, "党性分析周")
        self.assertTrue(untouched)
        untouched.task_id.with_user(office).unlink()
        self.assertFalse(untouched.exists())

    def test_no_step_once_the_campaign_is_closed(self):
        own = self._assignment(self.branch_1)
        self.campaign.with_user(self.user_office).action_close()
        for user, action in (
            (self.user_secretary, "action_start"),
            (self.user_secretary, "action_done"),
            (self.user_office, "action_cancel"),
        ):
            with self.assertRaisesRegex(UserError, "no longer change"):
                getattr(own.with_user(user), action)()
        self.assertEqual(own.state, "todo")

    def test_only_untouched_assignments_are_deleted(self):
        own = self._assignment(self.branch_1)
        own.with_user(self.user_secretary).action_start()
        with self.assertRaises(UserError):
            own.with_user(self.user_office).unlink()
        self.assertTrue(own.exists())

    def test_steps_on_nothing_are_refused(self):
        Assignment = self.env["cxzy.campaign.assignment"].with_user(self.user_secretary)
        for action in ("action_start", "action_done", "action_reopen"):
            with self.assertRaisesRegex(UserError, "Select"):
                getattr(Assignment, action)()


@tagged("post_install", "-at_install")
class TestEventSteps(WorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.action_start()
        cls.Event = cls.env["cxzy.campaign.event"]
        cls.event = cls.Event.create(
            {
                "name": "综合处支部学习研讨会",
                "campaign_id": cls.campaign.id,
                "kind": "seminar",
                "date": "2030-05-10 01:30:00",
                "organization_ids": [Command.set(cls.branch_1.ids)],
            }
        )
        cls.event.action_load_members()
        cls.other_campaign = cls.env["cxzy.campaign"].create(
            {"name": "另一活动", "date_start": "2030-01-01", "date_end": "2033-01-01"}
        )

    def test_bound_to_its_campaign(self):
        users = (self.user_secretary, self.user_office)
        self._refused(self.event, {"state": "done"}, users)
        self._refused(self.event, {"campaign_id": self.other_campaign.id}, users)
        self._refused(self.event, {"company_id": self.company_b.id}, users)
        self._refused(self.event, {"present_count": 99}, users)
        self._refused(self.event, {"photo_count": 9}, users)
        self.assertEqual(self.event.state, "draft")
        # An activity of a template is refused: templates are not run.
        with self.assertRaises(UserError), self.cr.savepoint():
            self.Event.with_user(self.user_office).create(
                {
                    "name": "模板里的活动",
                    "campaign_id": self.template.id,
                    "date": "2010-05-10 01:30:00",
                }
            )
        with self.assertRaises(UserError), self.cr.savepoint():
            self.Event.with_user(self.user_office).create(
                {
                    "name": "已完成的活动",
                    "campaign_id": self.campaign.id,
                    "date": "2030-05-10 01:30:00",
                    "state": "done",
                }
            )
        self.assertFalse(
            self.Event.search([("name", "in", ("模板里的活动", "已完成的活动"))])
        )

    def test_who_marks_it_done(self):
        event = self.event
        for user in (self.user_member, self.user_leading):
            with self.subTest(user=user.login):
                self.assertFalse(event.with_user(user).can_done)
                with self.assertRaises(UserError):
                    event.with_user(user).action_done()
        # Another branch's secretary reads the activity, does not run it.
        other_secretary = self.env["res.users"].create(
            {
                "name": "经济处书记",
                "login": "cxzy_t_wf_secretary_2",
                "groups_id": [
                    Command.set([self.env.ref("cxzy_campaign.group_cxzy_secretary").id])
                ],
            }
        )
        self.member_other.employee_id.user_id = other_secretary
        self.branch_2.secretary_id = self.member_other
        self.assertFalse(event.with_user(other_secretary).can_done)
        with self.assertRaisesRegex(UserError, "secretaries of its organisations"):
            event.with_user(other_secretary).action_done()
        self.assertEqual(event.state, "draft")
        as_secretary = event.with_user(self.user_secretary)
        self.assertTrue(as_secretary.can_done)
        as_secretary.action_done()
        self.assertEqual(event.state, "done")
        self.assertTrue(as_secretary.can_reset_draft)
        as_secretary.action_reset_draft()
        self.assertEqual(event.state, "draft")

    def test_a_done_activity_and_its_attendance_are_on_record(self):
        event = self.event.with_user(self.user_secretary)
        event.action_done()
        with self.assertRaisesRegex(UserError, "no longer"):
            event.write({"minutes": "<p>事后补写</p>"})
        line = event.attendance_ids[:1]
        with self.assertRaisesRegex(UserError, "on record"):
            line.write({"status": "absent"})
        self.assertEqual(line.status, "present")
        with self.assertRaises(UserError), self.cr.savepoint():
            line.unlink()
        self.assertTrue(line.exists())
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["cxzy.campaign.attendance"].with_user(self.user_secretary).create(
                {"event_id": event.id, "member_id": self.member_other.id}
            )
        with self.assertRaises(UserError):
            event.action_load_members()
        # Photos are still added, for the exhibition.
        photo = self.env["cxzy.campaign.photo"].with_user(self.user_secretary)
        photo.create({"event_id": event.id, "image": _jpeg()})
        event.write({"photo_ids": [Command.create({"image": _jpeg()})]})
        self.assertEqual(self.event.photo_count, 2)

    def test_attendance_and_photos_stay_with_their_member_and_activity(self):
        other_event = self.Event.create(
            {
                "name": "另一次会议",
                "campaign_id": self.campaign.id,
                "date": "2030-05-11 01:30:00",
                "organization_ids": [Command.set(self.branch_1.ids)],
            }
        )
        line = self.event.attendance_ids.filtered(
            lambda a: a.member_id == self.member_member
        )
        users = (self.user_secretary, self.user_office)
        self._refused(line, {"member_id": self.member_group.id}, users)
        self._refused(line, {"event_id": other_event.id}, users)
        self._refused(line, {"organization_id": self.branch_2.id}, users)
        self._refused(line, {"company_id": self.company_b.id}, users)
        photo = self.env["cxzy.campaign.photo"].create(
            {"event_id": self.event.id, "image": _jpeg()}
        )
        self._refused(photo, {"event_id": other_event.id}, users)
        self._refused(photo, {"campaign_id": self.other_campaign.id}, users)
        # What they are for stays editable.
        line.with_user(self.user_secretary).write({"status": "leave", "note": "出差"})
        photo.with_user(self.user_secretary).write({"for_exhibition": True})
        self.assertEqual(line.status, "leave")
        self.assertTrue(photo.for_exhibition)

    def test_steps_on_nothing_are_refused(self):
        Event = self.Event.with_user(self.user_office)
        for action in ("action_done", "action_reset_draft", "action_load_members"):
            with self.assertRaisesRegex(UserError, "Select"):
                getattr(Event, action)()
        with self.assertRaisesRegex(UserError, "one activity"):
            Event.action_view_photos()


@tagged("post_install", "-at_install")
class TestCampaignDemoBuilder(WorkflowCase):
    def test_demo_builder_is_no_business_method(self):
        self.assertFalse(hasattr(self.env["cxzy.campaign"], "_demo_complete_past_work"))
        self.campaign.action_start()
        first_deadline = self.campaign.phase_ids[0].date_end
        with freeze_time(first_deadline + timedelta(days=1)):
            self.env["cxzy.campaign.demo"]._demo_complete_past_work(self.campaign.ids)
        past = self.campaign.assignment_ids.filtered(
            lambda a: a.deadline <= first_deadline
        )
        done = past.filtered(lambda a: a.state == "done")
        # Every branch but the last one has done its past work.
        self.assertEqual(done.organization_id, self.branch_1)
        self.assertEqual(set(done.mapped("date_done")), set(done.mapped("deadline")))
        self.assertEqual(set((past - done).mapped("state")), {"todo"})
        self.assertTrue(past - done)
