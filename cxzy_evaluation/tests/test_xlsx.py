# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users, warmup

from odoo.addons.cxzy_campaign.tests.test_xlsx import XlsxMixin, sheet_rows

from .assessment_common import AssessmentCase
from .test_appraisal_round import AppraisalCase
from .test_exemplar import ExemplarCase


def rows_by_first_cell(sheet):
    return {row[0]: row for row in sheet_rows(sheet)}


def header_of(sheet):
    return [cell.value for cell in sheet[1]]


@tagged("post_install", "-at_install", "xlsx")
class TestPeriodXlsx(XlsxMixin, AssessmentCase):
    """The assessment results of a period: each organisation's assessment
    and each member's appraisal with its scores and result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assessments = cls._assessments()
        # Independently of the code: C1 90 and C2 80 make 86.67 (weights 2
        # and 1), advanced (≥ 85), every bar reached: 五个好.
        cls.assessment = cls._grade(
            assessments[cls.branch_1], {cls.c1: (90, 90, 90), cls.c2: (80, 80, 80)}
        )
        appraisals = cls._appraisals()
        # M1 95 and M2 85 make 90: excellent (≥ 90), both bars (80): 五个模范.
        cls.appraisal = cls._grade(
            appraisals[cls.member_member], {cls.m1: (95, 95, 95), cls.m2: (85, 85, 85)}
        )

    def test_cells_match_the_records(self):
        marks = self._written_marks(self.period, self.assessment, self.appraisal)
        filename, book = self._export("period", self.period, self.user_committee)
        self.assertEqual(
            marks, self._written_marks(self.period, self.assessment, self.appraisal)
        )
        self.assertIn(self.period.name, filename)
        organisations, members = book.worksheets
        self.assertEqual(organisations.title, "党组织考核")
        self.assertEqual(members.title, "党员民主评议")

        self.assertSheetLooks(organisations, ["党组织", "状态", "C1 领导班子好"])
        header = header_of(organisations)
        self.assertEqual(header[3], "C2 群众反映好")
        rows = rows_by_first_cell(organisations)
        self.assertEqual(
            len(rows),
            self.Assessment.search_count([("period_id", "=", self.period.id)]),
        )
        self.assertEqual(set(rows), {"综合处党支部", "经济处党支部"})
        graded = rows["综合处党支部"]
        self.assertEqual(graded[1], "已确认")
        self.assertEqual(graded[2:4], (90.0, 80.0))
        self.assertAlmostEqual(graded[4], (2 * 90 + 80) / 3, places=2)
        self.assertEqual(graded[5:7], ("先进", "是"))
        self.assertEqual(graded[7].date(), self.assessment.confirmed_date)
        other = rows["经济处党支部"]
        self.assertEqual(other[1], "草稿")
        self.assertEqual(other[5:7], (None, "否"))

        self.assertSheetLooks(members, ["党员", "支部", "状态"])
        rows = rows_by_first_cell(members)
        self.assertEqual(
            len(rows),
            self.Appraisal.search_count([("period_id", "=", self.period.id)]),
        )
        member = rows["张党员"]
        self.assertEqual(member[1], "综合处党支部")
        self.assertEqual(member[2], "已确认")
        self.assertEqual(member[3:5], (95.0, 85.0))
        self.assertEqual(member[5:8], (90.0, "优秀", "是"))

    def test_refused_to_who_may_not_export(self):
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self._export("period", self.period, user)
                with self.assertRaises(AccessError):
                    self.period.with_user(user).action_export_results_xlsx()
        with self.assertRaises(AccessError):
            self._export("period", self.period, self.user_office_b)
        action = self.period.with_user(self.user_leading).action_export_results_xlsx()
        self.assertEqual(action["url"], f"/cxzy/xlsx/period/{self.period.id}")


@tagged("post_install", "-at_install", "xlsx", "access_rights")
class TestEvaluationXlsxButtons(AssessmentCase):
    def test_buttons_shown_to_who_may_export(self):
        buttons = {
            "cxzy.campaign": "action_export_honours_xlsx",
            "cxzy.assessment.period": "action_export_results_xlsx",
            "cxzy.appraisal.round": "action_export_results_xlsx",
        }
        for user, shown in (
            (self.user_office, True),
            (self.user_committee, True),
            (self.user_leading, True),
            (self.user_secretary, False),
            (self.user_member, False),
        ):
            for model, button in buttons.items():
                with self.subTest(login=user.login, model=model):
                    arch = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, "form")])["views"]["form"]["arch"]
                    )
                    self.assertEqual(button in arch, shown)


@tagged("post_install", "-at_install", "xlsx", "is_query_count")
class TestPeriodXlsxPerformance(XlsxMixin, AssessmentCase):
    """The results of a period are read in a number of queries that does not
    grow with the members appraised."""

    def _grow(self, count):
        env = self.env(su=True)
        employees = env["hr.employee"].create(
            [{"name": f"考核党员{self.grown + i}"} for i in range(count)]
        )
        env["cxzy.party.member"].create(
            [
                {"employee_id": employee.id, "organization_id": self.branch_1.id}
                for employee in employees
            ]
        )
        self.grown += count
        self.period.appraisal_ids.sudo().unlink()
        self.period.with_user(self.user_office).action_create_appraisals()
        self.env.flush_all()

    def _results(self):
        self.env.invalidate_all()
        _filename, book = self._export("period", self.period, self.env.user)
        return book.worksheets[1].max_row - 1

    @users("cxzy_t_committee")
    @warmup
    def test_period_queries_do_not_grow(self):
        self.grown = 0
        self._grow(2)
        count0 = self.cr.sql_log_count
        small_rows = self._results()
        small = self.cr.sql_log_count - count0
        self._grow(30)
        with self.assertQueryCount(small):
            self.assertEqual(self._results(), small_rows + 30)


@tagged("post_install", "-at_install", "xlsx")
class TestHonoursXlsx(XlsxMixin, ExemplarCase):
    """The honours list: decided and commended nominations, and the
    exemplars set up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decided = cls._nomination(cls.branch_1, "decided")
        # Not (yet) honours: still under study, rejected.
        cls._nomination(cls.member_other, "studied")
        cls._nomination(cls.member_secretary, "rejected")
        # A draft exemplar is not on the list yet.
        cls.Exemplar.create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "member",
                "member_id": cls.member_other.id,
                "post": "文稿起草岗",
            }
        )

    def test_cells_match_the_records(self):
        filename, book = self._export("honours", self.campaign, self.user_leading)
        self.assertIn(self.campaign.name, filename)
        honours, exemplars = book.worksheets
        self.assertEqual(honours.title, "表彰名单")
        self.assertSheetLooks(honours, ["表彰项目", "表彰对象", "推荐支部", "状态"])
        rows = {row[1]: row for row in sheet_rows(honours)}
        # Independently: the two decided or commended nominations.
        self.assertEqual(set(rows), {"张党员", "综合处党支部"})
        self.assertEqual(
            rows["张党员"][:4], ("优秀共产党员", "张党员", "综合处党支部", "已表彰")
        )
        self.assertEqual(rows["综合处党支部"][0], "先进党支部")
        self.assertEqual(rows["综合处党支部"][3], "已决定")

        self.assertEqual(exemplars.title, "先进典型名单")
        self.assertSheetLooks(exemplars, ["先进典型"])
        rows = rows_by_first_cell(exemplars)
        self.assertEqual(set(rows), {"经济处党支部"})
        self.assertEqual(rows["经济处党支部"][3], "机关党支部")

    def test_refused_to_who_may_not_export(self):
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self._export("honours", self.campaign, user)
                with self.assertRaises(AccessError):
                    self.campaign.with_user(user).action_export_honours_xlsx()


@tagged("post_install", "-at_install", "xlsx")
class TestRoundXlsx(XlsxMixin, AppraisalCase):
    """A round's tallied results, once its results are visible."""

    def _voted_round(self):
        appraisal_round = self._open_round(min_voters=3)
        for user in (self.user_member, self.user_other, self.user_masses):
            self._vote(appraisal_round, user)
        return appraisal_round

    def test_refused_while_not_visible(self):
        appraisal_round = self._voted_round()
        # Open: nothing shows, not even to the office.
        for user in (self.user_office, self.user_leading):
            with self.subTest(login=user.login):
                with self.assertRaisesRegex(UserError, "结果尚不可见"):
                    self._export("round", appraisal_round, user)
                with self.assertRaises(UserError):
                    appraisal_round.with_user(user).action_export_results_xlsx()
        # Closed with too few voters: still nothing.
        few = self._open_round(min_voters=3)
        self._vote(few, self.user_member)
        self._vote(few, self.user_other)
        few.action_close()
        few.invalidate_recordset()
        with self.assertRaises(UserError):
            self._export("round", few, self.user_office)

    def test_cells_match_the_results(self):
        appraisal_round = self._voted_round()
        appraisal_round.action_close()
        appraisal_round.invalidate_recordset()
        filename, book = self._export("round", appraisal_round, self.user_committee)
        self.assertIn(appraisal_round.name, filename)
        sheet = book.worksheets[0]
        self.assertEqual(sheet.title, "评议结果汇总")
        self.assertSheetLooks(
            sheet, ["对象", "评价标准", "好", "较好", "一般", "差", "评议人数", "得分"]
        )
        results = appraisal_round._results()
        names = {
            organization.name: organization.id
            for organization in self.branch_1 | self.branch_2
        }
        criteria = {criterion.name: criterion.id for criterion in self.criteria}
        rows = sheet_rows(sheet)
        self.assertEqual(len(rows), len(results))
        self.assertEqual(len(rows), 10)
        for subject, criterion, *figures in rows:
            expected = results[names[subject], criteria[criterion]]
            self.assertEqual(
                figures[:5],
                [
                    expected["excellent"],
                    expected["good"],
                    expected["fair"],
                    expected["poor"],
                    expected["count"],
                ],
            )
            self.assertEqual(figures[4], 3)
            self.assertAlmostEqual(figures[5], expected["score"], places=2)

    def test_refused_to_who_may_not_export(self):
        appraisal_round = self._voted_round()
        appraisal_round.action_close()
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self._export("round", appraisal_round, user)
