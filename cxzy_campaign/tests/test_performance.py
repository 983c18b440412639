# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import tagged

from .common import CxzyCase

MEMBER_LIST_SPEC = {
    "name": {},
    "organization_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "job_title": {},
    "membership_type": {},
    "join_date": {},
}
LIST_BUDGET = 9
ORGANIZATION_LIST_SPEC = {
    "name": {},
    "kind": {},
    "parent_id": {"fields": {"display_name": {}}},
    "secretary_id": {"fields": {"display_name": {}}},
    "member_count": {},
}


@tagged("post_install", "-at_install")
class TestPerformance(CxzyCase):
    """Lists and counts read in a number of queries that does not grow with data."""

    def _grow(self, branches, members_each):
        Org = self.env["cxzy.party.organization"]
        orgs = Org.create(
            [
                {
                    "name": f"性能支部{i}",
                    "kind": "branch",
                    "parent_id": self.committee.id,
                }
                for i in range(branches)
            ]
        )
        employees = self.env["hr.employee"].create(
            [{"name": f"性能党员{i}"} for i in range(branches * members_each)]
        )
        members = self.env["cxzy.party.member"].create(
            [
                {
                    "employee_id": employee.id,
                    "organization_id": orgs[i // members_each].id,
                }
                for i, employee in enumerate(employees)
            ]
        )
        orgs.write({"secretary_id": False})
        for org in orgs:
            org.secretary_id = members.filtered(
                lambda m, o=org: m.organization_id == o
            )[0]
        self.env.flush_all()
        self.env.invalidate_all()
        return orgs

    def _read_lists(self, user):
        self.env.invalidate_all()
        Org = self.env["cxzy.party.organization"].with_user(user)
        Member = self.env["cxzy.party.member"].with_user(user)
        Org.web_search_read(
            [("parent_id", "=", self.committee.id)], ORGANIZATION_LIST_SPEC
        )
        Member.web_search_read(
            [("organization_id", "child_of", self.committee.id)],
            MEMBER_LIST_SPEC,
            limit=80,
        )

    def test_lists_do_not_grow_with_organisations(self):
        self._grow(5, 3)
        user = self.user_committee
        self._read_lists(user)  # warm the registry's caches (rules, views)
        with self.assertQueryCount(LIST_BUDGET):
            self._read_lists(user)
        self._grow(40, 3)
        with self.assertQueryCount(LIST_BUDGET):
            self._read_lists(user)
