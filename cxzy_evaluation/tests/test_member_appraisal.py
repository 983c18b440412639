# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install")
class TestMemberAppraisal(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        appraisals = cls._appraisals()
        cls.ap_member = appraisals[cls.member_member]
        cls.ap_secretary = appraisals[cls.member_secretary]
        cls.ap_other = appraisals[cls.member_other]
        cls.ap_leading = appraisals[cls.member_leading]

    def _self_assess(self, appraisal=None, user=None):
        appraisal = appraisal or self.ap_member
        user = user or self.user_member
        appraisal.line_ids.with_user(user).write({"self_score": 95})
        appraisal.with_user(user).action_self_assess()

    def test_grade_and_five_models_on_concrete_numbers(self):
        # M1: 0.2×95 + 0.5×90 + 0.3×85 = 89.5; M2: 19 + 46 + 27 = 92.
        # Total (89.5 + 92) / 2 = 90.75: excellent, both bars of 80 reached.
        self._grade(
            self.ap_member, {self.m1: (95, 90, 85), self.m2: (95, 92, 90)}, False
        )
        self.assertEqual(self._line(self.ap_member, self.m1).line_score, 89.5)
        self.assertEqual(self.ap_member.total, 90.75)
        self.assertEqual(self.ap_member.grade, "excellent")
        self.assertTrue(self.ap_member.five_models)
        # 16 + 35 + 18 = 69 on both: basically qualified, not a model.
        self._grade(self.ap_other, {self.m1: (80, 70, 60), self.m2: (80, 70, 60)}, 0)
        self.assertEqual(self.ap_other.total, 69.0)
        self.assertEqual(self.ap_other.grade, "basic")
        self.assertFalse(self.ap_other.five_models)
        # The bars are inclusive: exactly 75 is qualified, just under is not.
        self._grade(
            self.ap_secretary, {self.m1: (75, 75, 75), self.m2: (75, 75, 75)}, False
        )
        self.assertEqual(self.ap_secretary.grade, "qualified")
        self.period.grade_qualified = 75.01
        self.assertEqual(self.ap_secretary.grade, "basic")
        self.period.grade_qualified = 80
        self.period.grade_basic = 76
        self.assertEqual(self.ap_secretary.grade, "unqualified")
        # One criterion under its bar: no model, whatever the total.
        self._grade(
            self.ap_leading, {self.m1: (100, 100, 100), self.m2: (79, 79, 79)}, False
        )
        self.assertEqual(self.ap_leading.total, 89.5)
        self.assertFalse(self.ap_leading.five_models)

    def test_score_outside_0_100_refused(self):
        line = self._line(self.ap_member, self.m1)
        with self.assertRaises(ValidationError):
            line.with_user(self.user_member).self_score = 100.5
        self.assertEqual(line.self_score, 0.0)
        self._self_assess()
        with self.assertRaises(ValidationError):
            line.with_user(self.user_secretary).branch_score = -3
        self.assertEqual(line.branch_score, 0.0)

    def test_full_workflow_member_branch_leading(self):
        self._self_assess()
        self.assertEqual(self.ap_member.self_assessed_by, self.user_member)
        # The masses' scores of a closed round (server code), then the review.
        self.ap_member.line_ids.sudo().write({"masses_score": 90, "masses_count": 7})
        self.ap_member.line_ids.with_user(self.user_secretary).write(
            {"branch_score": 90}
        )
        self.ap_member.with_user(self.user_secretary).action_review()
        self.assertEqual(self.ap_member.state, "reviewed")
        self.assertEqual(self.ap_member.total, 91.0)
        self.ap_member.with_user(self.user_leading).action_confirm()
        self.assertEqual(self.ap_member.state, "confirmed")
        history = self.History.search([("appraisal_id", "=", self.ap_member.id)])
        self.assertRecordValues(
            history,
            [
                {
                    "subject_type": "member",
                    "member_id": self.member_member.id,
                    "organization_id": False,
                    "branch_id": self.branch_1.id,
                    "grade": "excellent",
                    "level": 4,
                    "five_models": True,
                    "total": 91.0,
                }
            ],
        )

    def test_only_the_member_self_assesses(self):
        self.ap_member.line_ids.with_user(self.user_member).write({"self_score": 90})
        for user, refused in (
            (self.user_secretary, UserError),
            (self.user_other, AccessError),  # does not even see it
            (self.user_leading, UserError),
        ):
            with self.subTest(user=user.login), self.assertRaises(refused):
                self.ap_member.with_user(user).action_self_assess()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.ap_member.line_ids.with_user(user).write({"self_score": 10})
        self.assertEqual(self.ap_member.line_ids.mapped("self_score"), [90, 90])
        self.ap_member.with_user(self.user_member).action_self_assess()
        self.assertEqual(self.ap_member.state, "self_assessed")

    def test_branch_secretary_assesses_never_themselves(self):
        self._self_assess()
        # A member does not give the branch's score; the other branch's
        # secretary does not see the first branch's members.
        for user, refused in (
            (self.user_member, UserError),
            (self.user_secretary_2, AccessError),
            (self.user_leading, UserError),
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.ap_member.line_ids.with_user(user).write({"branch_score": 99})
            with self.subTest(user=user.login), self.assertRaises(refused):
                self.ap_member.with_user(user).action_review()
        self.assertEqual(self.ap_member.state, "self_assessed")
        # The secretary's own appraisal is assessed by someone above them.
        self._self_assess(self.ap_secretary, self.user_secretary)
        with self.assertRaises(AccessError):
            self.ap_secretary.line_ids.with_user(self.user_secretary).write(
                {"branch_score": 99}
            )
        self.ap_secretary.line_ids.with_user(self.user_committee).write(
            {"branch_score": 85}
        )
        self.ap_secretary.with_user(self.user_committee).action_review()
        self.assertEqual(self.ap_secretary.state, "reviewed")

    def test_leading_group_confirms_never_their_own(self):
        self._grade(self.ap_leading, {self.m1: (90, 90, 90), self.m2: (90, 90, 90)}, 0)
        self._grade(self.ap_other, {self.m1: (90, 90, 90), self.m2: (90, 90, 90)}, 0)
        for user in (self.user_leading, self.user_secretary_2, self.user_committee):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.ap_leading.with_user(user).action_confirm()
        self.assertEqual(self.ap_leading.state, "reviewed")
        self.ap_other.with_user(self.user_leading).action_confirm()
        self.assertEqual(self.ap_other.state, "confirmed")
        self.ap_leading.with_user(self.user_office).action_confirm()
        self.assertEqual(self.ap_leading.state, "confirmed")

    def test_steps_in_order(self):
        with self.assertRaises(UserError):
            self.ap_member.with_user(self.user_secretary).action_review()
        self._self_assess()
        with self.assertRaises(UserError):
            self.ap_member.with_user(self.user_leading).action_confirm()
        with self.assertRaises(UserError):
            self.ap_member.line_ids.with_user(self.user_member).write(
                {"self_score": 50}
            )
        with self.assertRaises(UserError):
            self.ap_member.with_user(self.user_member).write({"self_comment": "再改"})
        self.assertEqual(self.ap_member.line_ids.mapped("self_score"), [95, 95])

    def test_confirmed_is_read_only(self):
        self._grade(self.ap_member, {self.m1: (90, 90, 90), self.m2: (90, 90, 90)})
        for attempt in (
            lambda: self.ap_member.line_ids.with_user(self.user_office).write(
                {"branch_score": 10}
            ),
            lambda: self.ap_member.with_user(self.user_office).write(
                {"review_comment": "改"}
            ),
            lambda: self.ap_member.with_user(self.user_office).unlink(),
            lambda: self.ap_member.sudo().unlink(),
        ):
            with self.assertRaises(UserError):
                attempt()
        self.assertEqual(self.ap_member.state, "confirmed")
        self.assertEqual(self.ap_member.line_ids.mapped("branch_score"), [90, 90])

    def test_linked_to_the_party_spirit_report(self):
        self.assertFalse(self.ap_member.spirit_report_id)
        report = (
            self.env["cxzy.party.spirit.report"]
            .with_user(self.user_member)
            .create({"campaign_id": self.campaign.id, "content": "<p>对照检查</p>"})
        )
        self.ap_member.invalidate_recordset(["spirit_report_id"])
        self.assertEqual(self.ap_member.spirit_report_id, report)
        self.assertEqual(
            self.ap_member.with_user(self.user_member).spirit_report_id, report
        )
        self.assertEqual(
            self.ap_member.with_user(self.user_leading).spirit_report_id, report
        )
        self.assertFalse(self.ap_other.spirit_report_id)
        action = self.ap_member.action_view_spirit_report()
        self.assertEqual(action["res_id"], report.id)
