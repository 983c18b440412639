# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import tagged, users, warmup

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
MATRIX_BUDGET = 12
ORGANIZATION_LIST_SPEC = {
    "name": {},
    "kind": {},
    "parent_id": {"fields": {"display_name": {}}},
    "secretary_id": {"fields": {"display_name": {}}},
    "member_count": {},
}


@tagged("post_install", "-at_install", "is_query_count")
class TestPerformance(CxzyCase):
    """Lists and counts read in a number of queries that does not grow with data."""

    def _grow(self, branches, members_each):
        # Set up as the system, whoever the test runs as (@users).
        env = self.env(su=True)
        Org = env["cxzy.party.organization"]
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
        employees = env["hr.employee"].create(
            [{"name": f"性能党员{i}"} for i in range(branches * members_each)]
        )
        members = env["cxzy.party.member"].create(
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

    @users("cxzy_t_committee")
    @warmup
    def test_lists_do_not_grow_with_organisations(self):
        """As the committee (@users); @warmup runs it once to fill the
        registry's caches (rules, views) and discards that run, then counts."""
        self._grow(5, 3)
        with self.assertQueryCount(LIST_BUDGET):
            self._read_lists(self.env.user)
        self._grow(40, 3)
        with self.assertQueryCount(LIST_BUDGET):
            self._read_lists(self.env.user)


@tagged("post_install", "-at_install", "is_query_count")
class TestMatrixPerformance(CxzyCase):
    """The completion matrix of a campaign reads in a number of queries that does
    not grow with the number of organisations (51 organisations × 15 tasks)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        template = cls.env.ref("cxzy_campaign.campaign_template_2010")
        # A campaign starts with at least one participating branch.
        first = cls.env["cxzy.party.organization"].create(
            {"name": "矩阵首个支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "矩阵活动",
                "date_start": "2030-04-01",
                "date_end": "2030-04-01",
                "organization_ids": [(6, 0, first.ids)],
            }
        )
        cls.campaign._copy_plan_from(template)
        # 11 of the plan's tasks are done by each organisation: add 4 to reach 15.
        phase = cls.campaign.phase_ids[-1]
        cls.env["cxzy.campaign.task"].create(
            [
                {
                    "phase_id": phase.id,
                    "name": f"补充任务{i}",
                    "deadline": phase.date_end,
                }
                for i in range(4)
            ]
        )
        cls.campaign.action_start()

    def _add_organizations(self, count):
        orgs = self.env["cxzy.party.organization"].create(
            [
                {
                    "name": f"矩阵支部{i}",
                    "kind": "branch",
                    "parent_id": self.committee.id,
                }
                for i in range(count)
            ]
        )
        self.campaign.organization_ids |= orgs
        self.env.flush_all()

    def _read_matrix(self, user):
        self.env.invalidate_all()
        campaign = self.campaign.with_user(user)
        matrix = campaign._completion_matrix()
        campaign.env["cxzy.campaign.assignment"].read_group(
            [("campaign_id", "=", campaign.id)],
            ["is_done:sum"],
            ["organization_id", "task_id"],
            lazy=False,
        )
        campaign.read(["progress", "overdue_count", "assignment_done_count"])
        return matrix

    def test_matrix_queries_do_not_grow(self):
        user = self.user_committee
        self._add_organizations(10)
        self._read_matrix(user)  # warm the registry's caches
        with self.assertQueryCount(MATRIX_BUDGET):
            matrix = self._read_matrix(user)
        self.assertEqual(len(matrix), 11)
        self._add_organizations(40)
        with self.assertQueryCount(MATRIX_BUDGET):
            matrix = self._read_matrix(user)
        self.assertEqual(len(matrix), 51)
        self.assertEqual({len(tasks) for tasks in matrix.values()}, {15})

    def _matrix_view_queries(self, user):
        self.env.invalidate_all()
        campaign = self.campaign.with_user(user)
        before = self.env.cr.sql_log_count
        action = campaign.action_view_matrix()
        html = str(
            self.env[action["res_model"]]
            .with_user(user)
            .browse(action["res_id"])
            .matrix_html
        )
        return self.env.cr.sql_log_count - before, html

    def test_matrix_view_queries_do_not_grow(self):
        """The coloured matrix is drawn in as many queries for 41
        organisations as for 11 (a page holds 50)."""
        user = self.user_committee
        self._add_organizations(10)
        self._matrix_view_queries(user)  # warm the registry's caches
        small, html = self._matrix_view_queries(user)
        self.assertEqual(html.count("<tr>") - 1, 11)
        self._add_organizations(30)
        large, html = self._matrix_view_queries(user)
        self.assertEqual(html.count("<tr>") - 1, 41)
        self.assertEqual(large, small)
