# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import base64

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_campaign import CampaignCase

#: the plan's tasks that the office carries out itself
OFFICE_TASKS = {
    "动员部署",
    "赴西柏坡重温入党誓词",
    "集中表彰",
    "树立先进典型",
    "展示成果",
    "考核评议",
}


@tagged("post_install", "-at_install", "office_tasks")
class TestOfficeTasks(CampaignCase):
    """The office's own tasks of the plan are assignments of the office,
    with states and evidence, counted in the campaign's progress."""

    def _todos(self, records):
        self.env.cr.precommit.run()
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("cxzy_campaign.mail_activity_type_cxzy_todo").id,
                ),
            ]
        )

    def _office_task(self, name):
        return self.campaign.office_assignment_ids.filtered(
            lambda a: a.task_id.name == name
        )

    def test_office_tasks_become_assignments_counted_in_progress(self):
        self.campaign.with_user(self.user_office).action_start()
        office = self.campaign.office_assignment_ids
        self.assertEqual(set(office.task_id.mapped("name")), OFFICE_TASKS)
        self.assertFalse(office.organization_id)
        self.assertEqual(set(office.mapped("state")), {"todo"})
        mobilize = self._office_task("动员部署")
        self.assertEqual(mobilize.deadline, mobilize.task_id.deadline)
        mobilize.with_user(self.user_office).action_done()
        # counted in the figures, whoever looks
        for user in (
            self.user_office,
            self.user_leading,
            self.user_committee,
            self.user_secretary,
            self.user_member,
        ):
            campaign = self.campaign.with_user(user)
            self.assertEqual(
                (campaign.assignment_done_count, campaign.assignment_count),
                (1, 28),
                user.login,
            )
            self.assertAlmostEqual(campaign.progress, 100.0 / 28)
            # the campaign shows them to every member
            self.assertEqual(
                set(campaign.office_assignment_ids.task_id.mapped("name")),
                OFFICE_TASKS,
                user.login,
            )
        # not a row of the organisations' completion matrix
        self.assertNotIn(
            self.env["cxzy.party.organization"], self.campaign._completion_matrix()
        )
        matrix = self.env["cxzy.campaign.matrix"].create(
            {"campaign_id": self.campaign.id}
        )
        self.assertIn("组织学习", str(matrix.matrix_html))
        self.assertNotIn("集中表彰", str(matrix.matrix_html))
        # a cancelled office task leaves the total
        self._office_task("展示成果").with_user(self.user_office).action_cancel()
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.assignment_count, 27)
        # one office assignment per task
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["cxzy.campaign.assignment"].create(
                {"task_id": mobilize.task_id.id, "deadline": mobilize.deadline}
            )

    def test_task_moved_to_the_branches_and_back(self):
        self.campaign.action_start()
        task = self._office_task("考核评议").task_id
        task.with_user(self.user_office).for_organizations = True
        self.assertFalse(self._office_task("考核评议"))
        self.assertEqual(len(task.assignment_ids), 2)
        task.with_user(self.user_office).for_organizations = False
        self.assertEqual(task.assignment_ids.organization_id, self.branch_1.browse())
        self.assertEqual(len(task.assignment_ids), 1)
        # worked on: it is not removed
        task.assignment_ids.with_user(self.user_office).action_start()
        with self.assertRaises(UserError):
            task.with_user(self.user_office).for_organizations = True
        self.assertEqual(len(task.assignment_ids), 1)

    def test_only_the_office_takes_the_steps(self):
        self.campaign.action_start()
        oath = self._office_task("赴西柏坡重温入党誓词")
        for user in (
            self.user_secretary,
            self.user_member,
            self.user_committee,
            self.user_leading,
            self.user_masses,
        ):
            for step in ("action_start", "action_done", "action_cancel"):
                with self.assertRaises(UserError), self.cr.savepoint():
                    getattr(oath.with_user(user), step)()
            with self.assertRaises(UserError), self.cr.savepoint():
                oath.with_user(user).write({"completion_note": "<p>伪造</p>"})
            with self.assertRaises(UserError), self.cr.savepoint():
                oath.with_user(user).write({"state": "done"})
            if user != self.user_masses:  # who reads nothing of it
                self.assertFalse(oath.with_user(user).can_done, user.login)
        self.assertEqual(oath.state, "todo")
        self.assertFalse(oath.completion_note)
        # the refusal names the office
        with self.assertRaisesRegex(UserError, "campaign office|活动办公室"):
            oath.with_user(self.user_secretary).action_done()
        # nor the office forges a state
        with self.assertRaises(UserError):
            oath.with_user(self.user_office).write({"state": "done"})
        self.assertTrue(oath.with_user(self.user_office).can_done)
        oath.with_user(self.user_office).action_start()
        evidence = self.env["ir.attachment"].create(
            {
                "name": "西柏坡合影.jpg",
                "datas": base64.b64encode(b"photo"),
                "res_model": "cxzy.campaign.assignment",
                "res_id": oath.id,
            }
        )
        oath.with_user(self.user_office).write(
            {
                "completion_note": "<p>全体党员赴西柏坡重温入党誓词。</p>",
                "evidence_ids": [(4, evidence.id)],
            }
        )
        oath.with_user(self.user_office).action_done()
        self.assertEqual(oath.state, "done")
        self.assertTrue(oath.date_done)
        self.assertEqual(oath.evidence_ids, evidence)
        # done is on record: reopened by the office only
        with self.assertRaises(UserError):
            oath.with_user(self.user_secretary).action_reopen()
        oath.with_user(self.user_office).action_reopen()
        self.assertEqual(oath.state, "in_progress")

    def test_todos_to_the_roster_office(self):
        """Open office tasks wait for the office of the roster, through the
        engine; done, the to-do goes."""
        self.env["cxzy.campaign.roster"].create(
            {
                "campaign_id": self.campaign.id,
                "employee_id": self.emp_committee.id,
                "role": "office_staff",
            }
        )
        self.campaign.action_start()
        office = self.campaign.office_assignment_ids
        todos = self._todos(office)
        self.assertEqual(todos.user_id, self.user_committee)
        self.assertEqual(len(todos), 6)
        mobilize = self._office_task("动员部署")
        todo = todos.filtered(lambda t: t.res_id == mobilize.id)
        self.assertEqual(todo.date_deadline, mobilize.deadline)
        mobilize.with_user(self.user_committee).action_done()
        self.assertEqual(len(self._todos(office)), 5)
        self.assertFalse(self._todos(mobilize))
        # the branches' assignments have the reminders, not these to-dos
        self.assertFalse(self._todos(self.campaign.assignment_ids - office))
        # the campaign closed, its open work waits for nobody
        self.campaign.with_user(self.user_office).action_close()
        self.assertFalse(self._todos(office))

    def test_todos_to_the_office_without_roster(self):
        self.campaign.action_start()
        todos = self._todos(self.campaign.office_assignment_ids)
        self.assertIn(self.user_office, todos.user_id)
        self.assertNotIn(self.user_office_b, todos.user_id)
        self.assertNotIn(self.user_secretary, todos.user_id)
