# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .test_campaign import CampaignCase


@tagged("post_install", "-at_install")
class TestViewerIndependentFigures(TransactionCase):
    """On the demo agency: a figure is the same whoever looks at it, though
    each role reads different records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["cxzy.campaign"].search(
            [("is_template", "=", False), ("state", "=", "running")],
            order="date_start desc, id desc",
            limit=1,
        )
        Users = cls.env["res.users"]
        cls.users = {
            login: Users.search([("login", "=", login)])
            for login in ("cxzy_office", "cxzy_secretary", "cxzy_member")
        }

    def test_campaign_progress_is_the_same_for_every_role(self):
        names = [
            "progress",
            "assignment_count",
            "assignment_done_count",
            "overdue_count",
            "pledge_count",
            "pledge_published_count",
        ]
        expected = self.campaign.sudo().read(names)[0]
        self.assertTrue(expected["assignment_count"])
        Assignment = self.env["cxzy.campaign.assignment"]
        domain = [("campaign_id", "=", self.campaign.id)]
        # the secretary and the member read fewer assignments than the office
        self.assertLess(
            Assignment.with_user(self.users["cxzy_secretary"]).search_count(domain),
            Assignment.with_user(self.users["cxzy_office"]).search_count(domain),
        )
        for login, user in self.users.items():
            with self.subTest(login=login):
                self.env.invalidate_all()
                self.assertEqual(self.campaign.with_user(user).read(names)[0], expected)

    def test_member_count_of_another_branch(self):
        member = self.users["cxzy_member"]
        own = self.env["cxzy.party.member"].search([("user_id", "=", member.id)])
        other = self.env["cxzy.party.organization"].search(
            [
                ("kind", "=", "branch"),
                ("id", "!=", own.branch_id.id),
                ("member_ids", "!=", False),
            ],
            limit=1,
        )
        real = self.env["cxzy.party.member"].search_count(
            [("organization_id", "child_of", other.id)]
        )
        self.assertTrue(real)
        # the member reads none of them, and sees how many there are
        self.assertFalse(
            self.env["cxzy.party.member"]
            .with_user(member)
            .search_count([("organization_id", "child_of", other.id)])
        )
        self.env.invalidate_all()
        self.assertEqual(other.with_user(member).member_count, real)


@tagged("post_install", "-at_install")
class TestCompletionMatrix(CampaignCase):
    def _assignment(self, organization, task_name):
        return self.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == organization and a.task_id.name == task_name
        )

    def test_cells_show_the_state_of_each_assignment(self):
        self.campaign.action_start()
        started = self._assignment(self.branch_1, "组织学习")
        started.action_start()
        done = self._assignment(self.branch_2, "组织学习")
        done.action_done()
        late = self._assignment(self.branch_1, "党性分析周")
        late.deadline = fields.Date.context_today(late) - timedelta(days=1)
        todo = self._assignment(self.branch_2, "党性分析周")
        cells = self.campaign.with_user(self.user_office)._completion_matrix_cells()
        self.assertEqual(cells[self.branch_1][started.task_id], "in_progress")
        self.assertEqual(cells[self.branch_2][done.task_id], "done")
        self.assertEqual(cells[self.branch_1][late.task_id], "overdue")
        self.assertEqual(cells[self.branch_2][todo.task_id], "todo")
        # a secretary's matrix holds the rows of their branch only
        secretary_cells = self.campaign.with_user(
            self.user_secretary
        )._completion_matrix_cells()
        self.assertIn(self.branch_1, secretary_cells)
        self.assertNotIn(self.branch_2, secretary_cells)

        action = self.campaign.with_user(self.user_office).action_view_matrix()
        self.assertEqual(action["res_model"], "cxzy.campaign.matrix")
        matrix = (
            self.env["cxzy.campaign.matrix"]
            .with_user(self.user_office)
            .browse(action["res_id"])
        )
        self.assertEqual(matrix.campaign_id, self.campaign)
        self.assertFalse(matrix.is_summary, "a small campaign shows every cell")
        html = str(matrix.matrix_html)
        for state, colour in (
            ("todo", "text-bg-secondary"),
            ("in_progress", "text-bg-info"),
            ("done", "text-bg-success"),
            ("overdue", "text-bg-danger"),
        ):
            self.assertIn(f'{colour}" data-state="{state}"', html)
        self.assertIn("组织学习", html)
        self.assertIn(self.branch_2.name, html)

        view = self.env["ir.ui.view"].browse(action["views"][0][0])
        self.assertIn("matrix_html", view.arch)
