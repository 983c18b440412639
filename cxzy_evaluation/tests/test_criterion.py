# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCriterion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = new_test_user(
            cls.env, login="cxzy_e_office", groups="cxzy_campaign.group_cxzy_office"
        )
        cls.member = new_test_user(
            cls.env, login="cxzy_e_member", groups="cxzy_campaign.group_cxzy_member"
        )
        cls.masses = new_test_user(
            cls.env, login="cxzy_e_masses", groups="base.group_user"
        )

    def test_plan_criteria_shipped_in_order(self):
        Criterion = self.env["cxzy.criterion"]
        branch = Criterion.search([("target", "=", "organization")])
        member = Criterion.search([("target", "=", "member")])
        self.assertEqual(
            branch.mapped("name"),
            ["领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好"],
        )
        self.assertEqual(
            member.mapped("name"),
            [
                "自觉学习的模范",
                "执行政策的模范",
                "服务群众的模范",
                "爱岗敬业的模范",
                "遵纪守法的模范",
            ],
        )
        leadership = self.env.ref("cxzy_evaluation.criterion_branch_leadership")
        self.assertIn("团结协作，求真务实，勤政廉洁", leadership.description)
        self.assertTrue(all(c.weight > 0 for c in branch | member))

    def test_bad_values_refused(self):
        criterion = self.env.ref("cxzy_evaluation.criterion_member_study")
        with self.assertRaises(ValidationError):
            criterion.weight = 0
        with self.assertRaises(ValidationError):
            criterion.passing_score = 101
        with self.assertRaises(ValidationError):
            self.env["cxzy.criterion"].create(
                {"name": "新标准", "target": "member", "passing_score": -1}
            )
        self.assertFalse(self.env["cxzy.criterion"].search([("name", "=", "新标准")]))

    def test_roles(self):
        criterion = self.env.ref("cxzy_evaluation.criterion_member_policy")
        # The office edits the library and archives instead of deleting.
        criterion.with_user(self.office).write({"weight": 2.0})
        self.assertEqual(criterion.weight, 2.0)
        criterion.with_user(self.office).action_archive()
        self.assertFalse(criterion.active)
        with self.assertRaises(AccessError):
            criterion.with_user(self.office).unlink()
        # Members read it; they do not change it; non-members do not see it.
        self.assertTrue(
            self.env["cxzy.criterion"].with_user(self.member).search_count([]) >= 9
        )
        with self.assertRaises(AccessError):
            criterion.with_user(self.member).write({"weight": 3.0})
        with self.assertRaises(AccessError):
            self.env["cxzy.criterion"].with_user(self.masses).search([])

    def test_menu_under_the_app(self):
        menu = self.env.ref("cxzy_evaluation.menu_cxzy_criterion")
        self.assertEqual(
            menu.parent_id.parent_id, self.env.ref("cxzy_campaign.menu_cxzy_root")
        )
        visible = self.env["ir.ui.menu"].with_user(self.member)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        hidden = self.env["ir.ui.menu"].with_user(self.masses)._visible_menu_ids()
        self.assertNotIn(menu.id, hidden)
