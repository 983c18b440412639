# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The office's screens at many branches (issue 12): the completion matrix
summarised by parent organisation with a drill-down, a campaign started in
one batch with one summary message, the members' search panel whole."""

from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.cxzy_campaign_matrix import PAGE_SIZE
from ..models.cxzy_workflow_mixin import written_language
from .common import CxzyCase

#: queries to open the matrix (the button and the screen's read)
MATRIX_OPEN_BUDGET = 15
#: queries to start a campaign, whatever its number of branches
START_BUDGET = 55
#: queries to add one branch to a running campaign
ADD_BRANCH_BUDGET = 22


class ScaleCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_2 = cls.env["cxzy.party.organization"].create(
            {"name": "第二机关党委", "kind": "committee"}
        )

    @classmethod
    def _branches(cls, count, parent, prefix="规模支部"):
        return cls.env["cxzy.party.organization"].create(
            [
                {"name": f"{prefix}{i:03d}", "kind": "branch", "parent_id": parent.id}
                for i in range(count)
            ]
        )

    @classmethod
    def _campaign(cls, branches, name="规模活动"):
        """A draft campaign of ``branches`` with the 2010 plan (11 tasks done by
        each organisation) and 4 more: 15 tasks."""
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": name,
                "date_start": "2030-04-01",
                "date_end": "2030-04-01",
                "organization_ids": [Command.set(branches.ids)],
            }
        )
        campaign._copy_plan_from(cls.env.ref("cxzy_campaign.campaign_template_2010"))
        phase = campaign.phase_ids[-1]
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
        return campaign

    def _summary_text(self, count, organizations):
        """The summary message as the office writes it down."""
        env = self.env(user=self.user_office)
        env = env(context=dict(env.context, lang=written_language(env)))
        return env._(
            "%(count)s assignments created for %(organizations)s organisations.",
            count=count,
            organizations=organizations,
        )

    def _open_matrix(self, campaign, user):
        action = campaign.with_user(user).action_view_matrix()
        self.assertEqual(action["res_model"], "cxzy.campaign.matrix")
        return self.env["cxzy.campaign.matrix"].with_user(user).browse(action["res_id"])


@tagged("post_install", "-at_install", "is_query_count")
class TestMatrixSummary(ScaleCase):
    """More organisations than a page: the matrix opens on the counts per
    parent organisation and phase, and drills down to one parent's cells."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.many = cls._branches(PAGE_SIZE + 5, cls.committee_2)
        cls.few = cls._branches(3, cls.committee, "少数支部")
        cls.campaign = cls._campaign(cls.branch_1 | cls.branch_2 | cls.few | cls.many)
        cls.campaign.action_start()
        # the organisations' assignments (the office's own are not in the matrix)
        assignments = cls.campaign.assignment_ids.filtered("organization_id").sorted(
            "id"
        )
        # as the system: some done, some started, some late, one cancelled
        assignments[::3].sudo().write({"state": "done"})
        assignments[1::7].sudo().write({"state": "in_progress"})
        yesterday = fields.Date.context_today(assignments) - timedelta(days=1)
        assignments[2::5].sudo().write({"deadline": yesterday})
        assignments[4:5].sudo().write({"state": "cancelled"})
        cls.env.flush_all()

    def _independent_counts(self):
        """The same counts by hand-written SQL over the assignments table."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT o.parent_id, a.phase_id, a.state, count(*),
                      count(*) FILTER (WHERE a.state IN ('todo', 'in_progress')
                                         AND a.deadline < %s)
                 FROM cxzy_campaign_assignment a
                 JOIN cxzy_party_organization o ON o.id = a.organization_id
                WHERE a.campaign_id = %s
             GROUP BY 1, 2, 3""",
            [fields.Date.context_today(self.campaign), self.campaign.id],
        )
        counts = {}
        for parent_id, phase_id, state, count, overdue in self.env.cr.fetchall():
            cell = counts.setdefault(parent_id or False, {}).setdefault(phase_id, {})
            cell[state] = count
            if overdue:
                cell["overdue"] = cell.get("overdue", 0) + overdue
        return counts

    def test_summary_counts_equal_an_independent_count(self):
        matrix = self._open_matrix(self.campaign, self.user_office)
        self.assertTrue(matrix.is_summary)
        self.assertEqual(matrix.row_count, 2, "one row per parent organisation")
        counts = matrix._summary_counts(matrix._domain())
        got = {
            parent.id: {
                phase.id: by_state for phase, by_state in by_phase.items() if phase
            }
            for parent, by_phase in counts.items()
        }
        self.assertEqual(got, self._independent_counts())
        self.assertEqual(
            sum(
                count
                for by_phase in got.values()
                for by_state in by_phase.values()
                for state, count in by_state.items()
                if state != "overdue"
            ),
            len(self.campaign.assignment_ids.filtered("organization_id")),
        )
        html = str(matrix.matrix_html)
        self.assertEqual(html.count("<tr>") - 1, 2)
        self.assertIn(self.committee_2.name, html)
        self.assertNotIn(self.many[0].name, html, "no cell per branch")
        for state in ("done", "in_progress", "todo", "overdue", "cancelled"):
            self.assertIn(f'data-state="{state}" data-count=', html)
        done_2 = sum(
            by_state.get("done", 0) for by_state in got[self.committee_2.id].values()
        )
        self.assertEqual(
            sum(
                int(node.get("data-count"))
                for node in etree.fromstring(html).iter("span")
                if node.get("data-state") == "done"
                and node.get("data-count")
                and self.committee_2.name
                in "".join(node.getparent().getparent().itertext())
            ),
            done_2,
        )

    def test_drill_down_shows_one_parents_cells_paged(self):
        matrix = self._open_matrix(self.campaign, self.user_office)
        matrix.organization_id = self.committee_2
        self.assertFalse(matrix.is_summary)
        self.assertEqual(matrix.row_count, len(self.many))
        self.assertEqual(matrix.page_count, 2)
        html = str(matrix.matrix_html)
        self.assertEqual(html.count("<tr>") - 1, PAGE_SIZE)
        self.assertNotIn(self.branch_1.name, html, "only the chosen parent's")
        self.assertEqual(html.count("data-state=") - 4, PAGE_SIZE * 15)
        matrix.action_next_page()
        html = str(matrix.matrix_html)
        self.assertEqual(html.count("<tr>") - 1, len(self.many) - PAGE_SIZE)
        # the cells are the assignments' states, overdue for late open work
        cells = self.campaign._completion_matrix_cells()
        last = self.many.sorted(lambda o: (o.name, o.id))[-1]
        for task, state in cells[last].items():
            self.assertIn(task.name, html)
            self.assertIn(f'data-state="{state}"', html)
        matrix.action_next_page()
        self.assertEqual(matrix.page, 2, "no page after the last")
        matrix.action_previous_page()
        self.assertEqual(matrix.page, 1)

    def test_secretary_sees_the_cells_of_their_branch(self):
        matrix = self._open_matrix(self.campaign, self.user_secretary)
        self.assertFalse(matrix.is_summary)
        self.assertEqual(matrix.row_count, 1)
        self.assertIn(self.branch_1.name, str(matrix.matrix_html))
        # choosing another branch shows nothing of it
        matrix.organization_id = self.branch_2
        self.assertEqual(matrix.row_count, 0)
        self.assertNotIn(self.branch_2.name, str(matrix.matrix_html))
        # the masses (no Party role) do not open it
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.user_masses).action_view_matrix()
        # the campaign's figures stay the whole campaign's
        self.assertEqual(
            self.campaign.with_user(self.user_secretary).assignment_count,
            self.campaign.assignment_count,
        )

    def test_matrix_screen_is_read_on_the_primary(self):
        """The button creates the screen's record: a read replica may not have
        it yet, so neither the button nor the screen's read is read-only
        (Odoo's call_kw takes the first ``_readonly`` of the method's MRO)."""
        flags = [
            klass.web_read._readonly
            for klass in type(self.env["cxzy.campaign.matrix"]).mro()
            if hasattr(getattr(klass, "web_read", None), "_readonly")
        ]
        self.assertIs(flags[0], False)
        self.assertFalse(
            getattr(type(self.campaign).action_view_matrix, "_readonly", False)
        )

    def test_matrix_queries_do_not_grow_with_branches(self):
        for __ in range(2):  # warm the caches
            str(self._open_matrix(self.campaign, self.user_office).matrix_html)
        self.env.flush_all()
        # the pending precommit work (to-dos, …) is not the matrix's
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.assertQueryCount(MATRIX_OPEN_BUDGET):
            html = str(self._open_matrix(self.campaign, self.user_office).matrix_html)
        small = self.env.cr.sql_log_count - before
        self.assertEqual(html.count("<tr>") - 1, 2)
        self.campaign.organization_ids |= self._branches(
            PAGE_SIZE * 2, self.committee, "更多支部"
        )
        self.env.flush_all()
        # the pending precommit work (to-dos, …) is not the matrix's
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.assertQueryCount(MATRIX_OPEN_BUDGET):
            matrix = self._open_matrix(self.campaign, self.user_office)
            html = str(matrix.matrix_html)
        self.assertEqual(self.env.cr.sql_log_count - before, small)
        self.assertEqual(html.count("<tr>") - 1, 2)
        self.assertEqual(
            sum(
                count
                for by_phase in matrix._summary_counts(matrix._domain()).values()
                for by_state in by_phase.values()
                for state, count in by_state.items()
                if state != "overdue"
            ),
            (len(self.many) + PAGE_SIZE * 2 + 5) * 15,
        )


@tagged("post_install", "-at_install", "is_query_count")
class TestStartInOneBatch(ScaleCase):
    """Starting a campaign creates its assignments in one batch, in as many
    queries for 50 branches as for 5, with one summary message on the
    campaign and none per assignment."""

    def setUp(self):
        super().setUp()
        self.queries = {}
        # warm the registry's caches: the counts below compare like with like
        campaign, __ = self._start(2, budget=1000)
        self._add(campaign, self._branches(1, self.committee, "预热支部"), budget=1000)

    def _add(self, campaign, new, budget=ADD_BRANCH_BUDGET):
        """Add ``new`` to the running ``campaign`` as the office: the number
        of queries it took."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.assertQueryCount(budget):
            campaign.with_user(self.user_office).organization_ids |= new
            self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _start(self, count, budget=START_BUDGET):
        branches = self._branches(count, self.committee, f"起步{count}支部")
        campaign = self._campaign(branches, f"起步活动{count}").with_context(
            tracking_disable=False
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.assertQueryCount(budget):
            campaign.with_user(self.user_office).action_start()
            self.env.flush_all()
        self.queries[count] = self.env.cr.sql_log_count - before
        return campaign, branches

    def test_start_queries_and_messages_do_not_grow(self):
        for count in (5, 50):
            with self.subTest(branches=count):
                campaign, branches = self._start(count)
                assignments = campaign.assignment_ids.filtered("organization_id")
                office = campaign.assignment_ids - assignments
                tasks = campaign.task_ids.filtered("for_organizations")
                self.assertEqual(len(tasks), 15)
                self.assertEqual(len(assignments), 15 * count)
                # the office's own tasks: one assignment each, created in the
                # same batch way (no message, no follower)
                office_tasks = campaign.task_ids - tasks
                self.assertTrue(office_tasks)
                self.assertEqual(office.task_id, office_tasks)
                self.assertEqual(len(office), len(office_tasks))
                self.assertFalse(office.message_ids)
                self.assertEqual(
                    {(a.task_id, a.organization_id) for a in assignments},
                    {(t, o) for t in tasks for o in branches},
                )
                for assignment in assignments:
                    task = assignment.task_id
                    self.assertEqual(assignment.state, "todo")
                    self.assertEqual(assignment.is_done, 0)
                    self.assertEqual(assignment.deadline, task.deadline)
                    self.assertEqual(assignment.campaign_id, campaign)
                    self.assertEqual(assignment.phase_id, task.phase_id)
                    self.assertEqual(assignment.kind, task.kind)
                    self.assertEqual(assignment.company_id, campaign.company_id)
                    self.assertEqual(assignment.create_uid, self.user_office)
                self.assertFalse(assignments.message_ids, "no message per assignment")
                self.assertFalse(assignments.message_follower_ids)
                self.assertEqual(
                    campaign.assignment_count, 15 * count + len(office_tasks)
                )
                text = self._summary_text(15 * count, count)
                summary = campaign.message_ids.filtered(lambda m, t=text: t in m.body)
                self.assertEqual(len(summary), 1)
                self.assertLessEqual(len(campaign.message_ids), 3)
        self.assertEqual(self.queries[5], self.queries[50], "no query per branch")

    def test_adding_one_branch_does_not_grow(self):
        added_queries = {}
        for count in (5, 50):
            with self.subTest(branches=count):
                campaign, branches = self._start(count)
                new = self._branches(1, self.committee, f"新增{count}支部")
                messages = campaign.message_ids
                added_queries[count] = self._add(campaign, new)
                self.assertEqual(
                    len(campaign.assignment_ids.filtered("organization_id")),
                    15 * (count + 1),
                )
                self.assertEqual(
                    len(
                        campaign.assignment_ids.filtered(
                            lambda a, new=new: a.organization_id == new
                        )
                    ),
                    15,
                )
                added = campaign.message_ids - messages
                self.assertEqual(len(added), 1)
                self.assertIn(self._summary_text(15, 1), added.body)
        self.assertEqual(added_queries[5], added_queries[50], "no query per branch")

    def test_another_companys_branch_is_refused(self):
        campaign, branches = self._start(5)
        task = campaign.task_ids.filtered("for_organizations")[:1]
        with self.assertRaises(UserError), self.env.cr.savepoint():
            task.organization_ids = self.branch_b
        self.assertEqual(
            len(campaign.assignment_ids.filtered(lambda a: a.task_id == task)), 5
        )
        self.assertFalse(
            self.env["cxzy.campaign.assignment"].search(
                [("organization_id", "=", self.branch_b.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestSearchPanelWhole(ScaleCase):
    """The members' search panel shows every organisation, past Odoo's
    default of 200 values, as a tree."""

    def test_every_organisation_is_in_the_panel(self):
        branches = self._branches(230, self.committee_2, "面板支部")
        employees = self.env["hr.employee"].create(
            [{"name": f"面板党员{i}"} for i in range(len(branches))]
        )
        self.env["cxzy.party.member"].create(
            [
                {"employee_id": employee.id, "organization_id": branch.id}
                for employee, branch in zip(employees, branches, strict=True)
            ]
        )
        Member = self.env["cxzy.party.member"].with_user(self.user_office)
        arch = Member.get_views([(False, "search")])["views"]["search"]["arch"]
        panel = etree.fromstring(arch).find(
            ".//searchpanel/field[@name='organization_id']"
        )
        self.assertIsNotNone(panel)
        values = Member.search_panel_select_range(
            "organization_id",
            enable_counters=True,
            expand=False,
            hierarchize=True,
            limit=int(panel.get("limit", 200)),
            search_domain=[],
            category_domain=[],
            filter_domain=[],
        )
        self.assertNotIn("error_msg", values)
        shown = {value["id"]: value for value in values["values"]}
        for branch in branches:
            self.assertIn(branch.id, shown)
            self.assertEqual(shown[branch.id]["parent_id"], self.committee_2.id)
            self.assertEqual(shown[branch.id]["__count"], 1)
        self.assertIn(self.committee_2.id, shown)
        self.assertEqual(values["parent_field"], "parent_id")
