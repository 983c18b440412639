# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import _find_executable


@tagged("post_install", "-at_install", "is_tour")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = new_test_user(
            cls.env, login="cxzy_tour_office", groups="cxzy_campaign.group_cxzy_office"
        )
        cls.committee = cls.env["cxzy.party.organization"].create(
            {"name": "巡视机关党委", "kind": "committee"}
        )
        department = cls.env["hr.department"].create({"name": "巡视处"})
        cls.employee = cls.env["hr.employee"].create(
            {"name": "巡视员甲", "department_id": department.id}
        )

    def test_browser_for_tours_is_there(self):
        """Odoo skips a tour when it finds no Chrome: here that fails the run
        instead of passing it silently."""
        try:
            executable = _find_executable()
        except OSError:
            executable = None
        self.assertTrue(executable, "no Chromium for the tours: install chromium")

    def test_office_creates_branch_and_member(self):
        self.start_tour("/odoo", "cxzy_organization_tour", login="cxzy_tour_office")
        branch = self.env["cxzy.party.organization"].search(
            [("name", "=", "巡视组党支部")]
        )
        self.assertEqual(branch.kind, "branch")
        self.assertEqual(branch.parent_id, self.committee)
        self.assertEqual(branch.member_ids.employee_id, self.employee)
        self.assertEqual(self.employee.cxzy_member_id.organization_id, branch)
