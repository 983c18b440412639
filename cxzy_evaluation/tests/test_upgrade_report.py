# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install")
class TestUpgradeReport(AssessmentCase):
    """Two confirmed periods with known moves:

    ============  ==========================  ==========================
    subject       first period                second period
    ============  ==========================  ==========================
    branch_1      78.67 middle                90 advanced, Five Goods (up)
    branch_2      90 advanced, Five Goods     50 lagging (down)
    member        80 qualified, Five Models   95 excellent, Five Models (up)
    other         95 excellent, Five Models   65 basic (down)
    secretary     80 qualified, Five Models   80 qualified, Five Models
    ============  ==========================  ==========================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p1 = cls.period
        cls.p2 = cls._new_period("2030年下半年", "2030-10-01", "2031-03-31")

        def same(score):
            return (score, score, score)

        plan = {
            cls.p1: (
                {
                    cls.branch_1: {cls.c1: same(78), cls.c2: same(80)},
                    cls.branch_2: {cls.c1: same(90), cls.c2: same(90)},
                },
                {cls.member_member: 80, cls.member_other: 95, cls.member_secretary: 80},
            ),
            cls.p2: (
                {
                    cls.branch_1: {cls.c1: same(90), cls.c2: same(90)},
                    cls.branch_2: {cls.c1: same(50), cls.c2: same(50)},
                },
                {cls.member_member: 95, cls.member_other: 65, cls.member_secretary: 80},
            ),
        }
        for period, (organizations, members) in plan.items():
            assessments = cls._assessments(period)
            for organization, scores in organizations.items():
                cls._grade(assessments[organization], scores)
            appraisals = cls._appraisals(period)
            for member, score in members.items():
                cls._grade(
                    appraisals[member], {cls.m1: same(score), cls.m2: same(score)}
                )
        cls.periods = cls.p1 | cls.p2

    def test_history_kept_per_period(self):
        history = self.History.search(
            [
                ("period_id", "in", self.periods.ids),
                ("subject_type", "=", "organization"),
            ]
        )
        tiers = {(h.period_id, h.organization_id): h.tier for h in history}
        self.assertEqual(
            tiers,
            {
                (self.p1, self.branch_1): "middle",
                (self.p1, self.branch_2): "advanced",
                (self.p2, self.branch_1): "advanced",
                (self.p2, self.branch_2): "lagging",
            },
        )
        # Later changes to the criteria library or the next period leave the
        # confirmed past as it was.
        self.c1.write({"weight": 9.0, "passing_score": 99.0})
        p3 = self._new_period("2031年上半年", "2031-04-01", "2031-09-30")
        self._assessments(p3)
        p3.write({"threshold_advanced": 95.0})
        first = history.filtered(
            lambda h: h.period_id == self.p1 and h.organization_id == self.branch_2
        )
        self.assertRecordValues(
            first, [{"tier": "advanced", "five_goods": True, "total": 90.0}]
        )
        assessment = self.p1.assessment_ids.filtered(
            lambda a: a.organization_id == self.branch_2
        )
        self.assertRecordValues(
            assessment, [{"tier": "advanced", "five_goods": True, "total": 90.0}]
        )
        # Nobody edits the history.
        with self.assertRaises(AccessError):
            first.with_user(self.user_office).write({"tier": "lagging"})
        with self.assertRaises(AccessError):
            first.with_user(self.user_office).unlink()

    def test_moves_per_subject(self):
        rows = self.env["cxzy.upgrade.report"].search(
            [("period_id", "in", self.periods.ids)]
        )
        moves = {
            (row.period_id, row.organization_id or row.member_id): row.move
            for row in rows
        }
        self.assertEqual(
            moves,
            {
                (self.p1, self.branch_1): "new",
                (self.p1, self.branch_2): "new",
                (self.p2, self.branch_1): "up",
                (self.p2, self.branch_2): "down",
                (self.p1, self.member_member): "new",
                (self.p1, self.member_other): "new",
                (self.p1, self.member_secretary): "new",
                (self.p2, self.member_member): "up",
                (self.p2, self.member_other): "down",
                (self.p2, self.member_secretary): "same",
            },
        )

    def test_figures_per_period(self):
        figures = self.periods.with_user(self.user_leading)._upgrade_figures()
        self.assertEqual(
            figures[self.p1]["organization"],
            {
                "count": 2,
                "model_count": 1,
                "share": 50.0,
                "up": 0,
                "down": 0,
                "levels": {"advanced": 1, "middle": 1},
            },
        )
        self.assertEqual(
            figures[self.p2]["organization"],
            {
                "count": 2,
                "model_count": 1,
                "share": 50.0,
                "up": 1,
                "down": 1,
                "levels": {"advanced": 1, "lagging": 1},
            },
        )
        self.assertEqual(figures[self.p1]["member"]["share"], 100.0)
        member_2 = figures[self.p2]["member"]
        self.assertAlmostEqual(member_2.pop("share"), 200 / 3)
        self.assertEqual(
            member_2,
            {
                "count": 3,
                "model_count": 2,
                "up": 1,
                "down": 1,
                "levels": {"excellent": 1, "basic": 1, "qualified": 1},
            },
        )
        # The pivot's measures give the same shares.
        groups = (
            self.env["cxzy.upgrade.report"]
            .with_user(self.user_committee)
            ._read_group(
                [("period_id", "in", self.periods.ids)],
                ["period_id", "subject_type"],
                ["model_share:avg", "moved_up:sum", "moved_down:sum"],
            )
        )
        shares = {(p, s): round(share, 2) for p, s, share, _up, _down in groups}
        self.assertEqual(shares[self.p2, "organization"], 50.0)
        self.assertEqual(shares[self.p2, "member"], 66.67)

    def test_report_by_role(self):
        Report = self.env["cxzy.upgrade.report"]
        for user in (self.user_committee, self.user_leading, self.user_office):
            self.assertEqual(
                Report.with_user(user).search_count(
                    [("period_id", "in", self.periods.ids)]
                ),
                10,
            )
        for user in (self.user_secretary, self.user_member, self.user_masses):
            with self.assertRaises(AccessError):
                Report.with_user(user).search([])
        self.assertFalse(
            Report.with_user(self.user_office_b).search(
                [("period_id", "in", self.periods.ids)]
            )
        )

    def test_printable_report(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_leading)
            ._render_qweb_html(
                "cxzy_evaluation.action_report_upgrade", self.periods.ids
            )[0]
            .decode()
        )
        self.assertIn(self.campaign.name, html)
        self.assertIn("2030年下半年", html)
        self.assertIn("50.0 %", html)
        self.assertIn("66.7 %", html)
        self.assertIn("100.0 %", html)
        action = self.periods.with_user(self.user_leading).action_print_upgrade_report()
        self.assertEqual(action["report_name"], "cxzy_evaluation.report_upgrade")

    def test_excel_export(self):
        action = self.periods.with_user(
            self.user_committee
        ).action_export_upgrade_xlsx()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertTrue(attachment.name.endswith(".xlsx"))
        workbook = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(attachment.datas))
        )
        self.assertEqual(workbook.sheetnames, ["Figures", "Organisations", "Members"])
        sheet = workbook["Figures"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        first = dict(zip(header, rows[1], strict=True))
        second = dict(zip(header, rows[2], strict=True))
        self.assertEqual(first["Period"], "2030年上半年")
        self.assertEqual(second["Period"], "2030年下半年")
        self.assertEqual(
            [
                second[key]
                for key in (
                    "Organisations",
                    "Five Goods",
                    "Five Goods %",
                    "Advanced",
                    "Middle",
                    "Lagging",
                    "Organisations Moved Up",
                    "Organisations Moved Down",
                )
            ],
            [2, 1, 50, 1, 0, 1, 1, 1],
        )
        self.assertEqual(
            [
                second[key]
                for key in (
                    "Members",
                    "Five Models",
                    "Excellent",
                    "Qualified",
                    "Basically Qualified",
                    "Unqualified",
                    "Members Moved Up",
                    "Members Moved Down",
                )
            ],
            [3, 2, 1, 1, 1, 0, 1, 1],
        )
        self.assertAlmostEqual(second["Five Models %"], 200 / 3)
        self.assertEqual(first["Five Models %"], 100)
        # Each organisation's tier over the periods, Five Goods starred.
        grid = {
            row[0]: row[1:]
            for row in workbook["Organisations"].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(grid[self.branch_1.display_name], ("Middle", "Advanced ★"))
        self.assertEqual(grid[self.branch_2.display_name], ("Advanced ★", "Lagging"))
        members = {
            row[0]: row[1:]
            for row in workbook["Members"].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(
            members[self.member_other.display_name],
            ("Excellent ★", "Basically Qualified"),
        )
        with self.assertRaises(UserError):
            self.Period.browse().action_export_upgrade_xlsx()
