# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CxzyCase


@tagged("post_install", "-at_install", "access_rights")
class TestSecurity(CxzyCase):
    def _members(self, user):
        """The test members ``user`` can find (demo data may exist besides)."""
        found = self.env["cxzy.party.member"].with_user(user).search([])
        return found.sudo() & self.test_members

    def _organizations(self, user):
        found = self.env["cxzy.party.organization"].with_user(user).search([])
        return found.sudo() & self.test_organizations

    def test_member_reads_own_record_and_branch_only(self):
        user = self.user_member
        # Their branch includes its Party group; nothing else, demo data included.
        found = self.env["cxzy.party.member"].with_user(user).search([])
        self.assertEqual(
            found, self.member_secretary | self.member_member | self.member_group
        )
        group_user = new_test_user(
            self.env, login="cxzy_t_group", groups="cxzy_campaign.group_cxzy_member"
        )
        self.emp_group.user_id = group_user
        self.assertEqual(
            self._members(group_user),
            self.member_secretary | self.member_member | self.member_group,
        )
        self.member_member.with_user(user).read(["name", "organization_id"])
        with self.assertRaises(AccessError):
            self.member_other.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.member_member.with_user(user).write({"party_post": "书记"})
        with self.assertRaises(AccessError):
            self.env["cxzy.party.member"].with_user(user).create(
                {"employee_id": self.emp_free_2.id, "organization_id": self.branch_1.id}
            )
        # The tree of the agency is known to every member, but not editable.
        self.assertEqual(
            self._organizations(user),
            self.committee | self.branch_1 | self.branch_2 | self.group_1,
        )
        with self.assertRaises(AccessError):
            self.branch_1.with_user(user).write({"code": "X"})

    def test_secretary_manages_own_branch_and_below(self):
        user = self.user_secretary
        Member = self.env["cxzy.party.member"].with_user(user)
        found = self.env["cxzy.party.member"].with_user(user).search([])
        self.assertEqual(
            found, self.member_secretary | self.member_member | self.member_group
        )
        # Creates a member in their branch and in the Party group below it.
        created = Member.create(
            {"employee_id": self.emp_free_2.id, "organization_id": self.group_1.id}
        )
        self.assertEqual(created.organization_id, self.group_1)
        self.member_member.with_user(user).write({"party_post": "组织委员"})
        self.assertEqual(self.member_member.party_post, "组织委员")
        # Edits their organisation and creates a Party group under it.
        self.branch_1.with_user(user).write({"code": "ZH"})
        new_group = (
            self.env["cxzy.party.organization"]
            .with_user(user)
            .create(
                {"name": "第二党小组", "kind": "group", "parent_id": self.branch_1.id}
            )
        )
        self.assertIn(user, new_group.manager_user_ids)

    def test_secretary_refused_outside_own_branch(self):
        user = self.user_secretary
        with self.assertRaises(AccessError):
            self.member_other.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.member_other.with_user(user).write({"party_post": "委员"})
        with self.assertRaises(AccessError):
            self.env["cxzy.party.member"].with_user(user).create(
                {"employee_id": self.emp_free_2.id, "organization_id": self.branch_2.id}
            )
        with self.assertRaises(AccessError):
            self.branch_2.with_user(user).write({"code": "JJ"})
        Org = self.env["cxzy.party.organization"].with_user(user)
        with self.assertRaises(AccessError):
            Org.create(
                {"name": "他支部小组", "kind": "group", "parent_id": self.branch_2.id}
            )
        with self.assertRaises(AccessError):
            Org.create({"name": "自立支部", "kind": "branch"})
        with self.assertRaises(AccessError):
            self.group_1.with_user(user).write({"parent_id": self.branch_2.id})
        with self.assertRaises(AccessError):
            self.committee.with_user(user).write({"code": "JG"})
        self.assertFalse(self.branch_2.code)
        self.assertEqual(self.group_1.parent_id, self.branch_1)

    def test_committee_reads_all_and_manages_below(self):
        user = self.user_committee
        self.assertEqual(
            self._members(user),
            self.member_secretary
            | self.member_member
            | self.member_group
            | self.member_other
            | self.member_committee,
        )
        self.member_other.with_user(user).write({"party_post": "宣传委员"})
        self.assertEqual(self.member_other.party_post, "宣传委员")

    def test_leading_group_reads_all_writes_nothing(self):
        user = self.user_leading
        self.assertEqual(self._members(user), self.test_members - self.member_b)
        self.member_other.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.member_other.with_user(user).write({"party_post": "委员"})
        with self.assertRaises(AccessError):
            self.branch_1.with_user(user).write({"code": "X"})
        with self.assertRaises(AccessError):
            self.env["cxzy.party.organization"].with_user(user).create(
                {"name": "新支部", "kind": "branch", "parent_id": self.committee.id}
            )

    def test_office_manages_everything_in_its_company(self):
        user = self.user_office
        top = (
            self.env["cxzy.party.organization"]
            .with_user(user)
            .create({"name": "新党组", "kind": "leading_group"})
        )
        self.committee.with_user(user).write({"parent_id": top.id})
        self.member_other.with_user(user).write({"organization_id": self.branch_1.id})
        self.assertEqual(self.member_other.organization_id, self.branch_1)
        empty = (
            self.env["cxzy.party.organization"]
            .with_user(user)
            .create({"name": "空支部", "kind": "branch", "parent_id": top.id})
        )
        empty.with_user(user).unlink()
        self.assertFalse(empty.exists())
        self.assertNotIn(self.member_b, self._members(user))
        self.assertNotIn(self.branch_b, self._organizations(user))

    def test_multi_company_isolation(self):
        user = self.user_office_b
        self.assertEqual(self._members(user), self.member_b)
        self.assertEqual(self._organizations(user), self.branch_b)
        with self.assertRaises(AccessError):
            self.member_member.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.branch_1.with_user(user).write({"code": "B"})

    def test_non_member_has_no_access(self):
        user = self.user_masses
        with self.assertRaises(AccessError):
            self.env["cxzy.party.member"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env["cxzy.party.organization"].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.member_member.with_user(user).read(["name"])
