# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CxzyCase


@tagged("post_install", "-at_install")
class TestOrganization(CxzyCase):
    def test_tree_and_member_count(self):
        self.assertEqual(self.branch_1.parent_id, self.committee)
        self.assertIn(self.branch_1, self.committee.child_ids)
        self.assertEqual(self.group_1.parent_path.split("/")[0], str(self.committee.id))
        # The branch counts its own members and those of its Party group.
        self.assertEqual(self.branch_1.member_count, 3)
        self.assertEqual(self.group_1.member_count, 1)
        self.assertEqual(self.committee.member_count, 5)
        self.assertEqual(self.branch_2.member_count, 1)

    def test_member_smart_button_lists_the_subtree(self):
        action = self.branch_1.action_view_members()
        members = self.env["cxzy.party.member"].search(action["domain"])
        self.assertEqual(
            members, self.member_secretary | self.member_member | self.member_group
        )
        self.assertEqual(action["context"]["default_organization_id"], self.branch_1.id)

    def test_managers_follow_the_tree(self):
        self.assertIn(self.user_secretary, self.branch_1.manager_user_ids)
        self.assertIn(self.user_secretary, self.group_1.manager_user_ids)
        self.assertNotIn(self.user_secretary, self.branch_2.manager_user_ids)
        self.assertIn(self.user_committee, self.branch_2.manager_user_ids)
        # A new deputy in branch 2 manages it at once; removing them stops it.
        self.branch_2.deputy_secretary_id = self.member_other
        self.assertIn(self.user_other, self.branch_2.manager_user_ids)
        self.branch_2.deputy_secretary_id = False
        self.assertNotIn(self.user_other, self.branch_2.manager_user_ids)
        # Moving the Party group under branch 2 changes who manages it.
        self.group_1.parent_id = self.branch_2
        self.assertNotIn(self.user_secretary, self.group_1.manager_user_ids)

    def test_own_ancestor_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.committee.parent_id = self.group_1
        self.assertIn("ancestor", str(caught.exception))
        self.assertFalse(self.committee.parent_id)
        with self.assertRaises(ValidationError):
            self.branch_1.parent_id = self.branch_1

    def test_unlink_with_members_refused(self):
        with self.assertRaises(UserError) as caught:
            self.branch_2.unlink()
        self.assertIn(self.branch_2.name, str(caught.exception))
        self.assertTrue(self.branch_2.exists())

    def test_unlink_with_archived_members_refused(self):
        self.member_other.active = False
        with self.assertRaises(UserError):
            self.branch_2.unlink()
        self.assertTrue(self.branch_2.exists())

    def test_unlink_with_children_refused(self):
        empty_parent = self.env["cxzy.party.organization"].create(
            {"name": "党总支", "kind": "general_branch"}
        )
        child = self.env["cxzy.party.organization"].create(
            {"name": "空支部", "kind": "branch", "parent_id": empty_parent.id}
        )
        with self.assertRaises(UserError) as caught:
            empty_parent.unlink()
        self.assertIn("sub-organisations", str(caught.exception))
        self.assertTrue(empty_parent.exists())
        # Deleting the whole empty subtree at once is allowed.
        (child | empty_parent).unlink()
        self.assertFalse(empty_parent.exists())

    def test_leader_must_be_active(self):
        self.member_other.active = False
        with self.assertRaises(ValidationError):
            self.branch_2.secretary_id = self.member_other

    def test_branch_of_party_groups(self):
        self.assertEqual(self.group_1.branch_id, self.branch_1)
        self.assertEqual(self.branch_1.branch_id, self.branch_1)
        self.assertEqual(self.member_group.branch_id, self.branch_1)
        self.assertEqual(
            self.branch_1.branch_member_ids,
            self.member_secretary | self.member_member | self.member_group,
        )
        self.group_1.parent_id = self.branch_2
        self.assertEqual(self.member_group.branch_id, self.branch_2)

    def test_form_creates_branch(self):
        with Form(self.env["cxzy.party.organization"]) as form:
            form.name = "信息处党支部"
            form.kind = "branch"
            form.parent_id = self.committee
        branch = form.record
        self.assertEqual(branch.company_id, self.company)
        self.assertIn(self.user_committee, branch.manager_user_ids)
