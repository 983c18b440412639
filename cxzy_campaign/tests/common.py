# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import TransactionCase, new_test_user


class CxzyCase(TransactionCase):
    """A small agency: a committee with two branches and a Party group, one
    user per role, and a second company with its own branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "另一机关"})
        Org = cls.env["cxzy.party.organization"]
        cls.committee = Org.create({"name": "机关党委", "kind": "committee"})
        cls.branch_1 = Org.create(
            {"name": "综合处党支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.branch_2 = Org.create(
            {"name": "经济处党支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.group_1 = Org.create(
            {"name": "综合处第一党小组", "kind": "group", "parent_id": cls.branch_1.id}
        )
        cls.branch_b = Org.create(
            {"name": "另一机关党支部", "kind": "branch", "company_id": cls.company_b.id}
        )

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )

        cls.user_secretary = user(
            "cxzy_t_secretary", "cxzy_campaign.group_cxzy_secretary"
        )
        cls.user_member = user("cxzy_t_member", "cxzy_campaign.group_cxzy_member")
        cls.user_other = user("cxzy_t_other", "cxzy_campaign.group_cxzy_member")
        cls.user_committee = user(
            "cxzy_t_committee", "cxzy_campaign.group_cxzy_committee"
        )
        cls.user_leading = user("cxzy_t_leading", "cxzy_campaign.group_cxzy_leading")
        cls.user_office = user("cxzy_t_office", "cxzy_campaign.group_cxzy_office")
        cls.user_masses = user("cxzy_t_masses", "base.group_user")
        cls.user_office_b = user(
            "cxzy_t_office_b", "cxzy_campaign.group_cxzy_office", cls.company_b
        )

        Employee = cls.env["hr.employee"]

        def employee(name, user=None, company=None):
            return Employee.create(
                {
                    "name": name,
                    "user_id": user.id if user else False,
                    "company_id": (company or cls.company).id,
                }
            )

        cls.emp_secretary = employee("李书记", cls.user_secretary)
        cls.emp_member = employee("张党员", cls.user_member)
        cls.emp_other = employee("王党员", cls.user_other)
        cls.emp_committee = employee("赵委员", cls.user_committee)
        cls.emp_group = employee("孙组员")
        cls.emp_free = employee("钱群众", cls.user_masses)
        cls.emp_free_2 = employee("周群众")
        cls.emp_b = employee("外单位党员", company=cls.company_b)

        Member = cls.env["cxzy.party.member"]
        cls.member_secretary = Member.create(
            {"employee_id": cls.emp_secretary.id, "organization_id": cls.branch_1.id}
        )
        cls.member_member = Member.create(
            {"employee_id": cls.emp_member.id, "organization_id": cls.branch_1.id}
        )
        cls.member_group = Member.create(
            {"employee_id": cls.emp_group.id, "organization_id": cls.group_1.id}
        )
        cls.member_other = Member.create(
            {"employee_id": cls.emp_other.id, "organization_id": cls.branch_2.id}
        )
        cls.member_committee = Member.create(
            {"employee_id": cls.emp_committee.id, "organization_id": cls.committee.id}
        )
        cls.member_b = Member.create(
            {"employee_id": cls.emp_b.id, "organization_id": cls.branch_b.id}
        )
        cls.branch_1.secretary_id = cls.member_secretary
        cls.committee.secretary_id = cls.member_committee
        # The database may hold demo data: tests compare within these records.
        cls.test_organizations = (
            cls.committee | cls.branch_1 | cls.branch_2 | cls.group_1 | cls.branch_b
        )
        cls.test_members = Member.search(
            [("organization_id", "in", cls.test_organizations.ids)]
        )
