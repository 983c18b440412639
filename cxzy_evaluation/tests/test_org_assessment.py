# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install")
class TestOrgAssessment(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assessments = cls._assessments()
        cls.a1 = assessments[cls.branch_1]
        cls.a2 = assessments[cls.branch_2]

    def _self_assess(self, assessment=None, user=None):
        assessment = assessment or self.a1
        user = user or self.user_secretary
        for criterion in (self.c1, self.c2):
            self._line(assessment, criterion).with_user(user).self_score = 90
        assessment.with_user(user).action_self_assess()

    def _review(self, assessment=None):
        assessment = assessment or self.a1
        # The masses' scores of a closed round (server code), then the review.
        assessment.line_ids.sudo().write({"masses_score": 70, "masses_count": 9})
        assessment.line_ids.with_user(self.user_committee).write(
            {"committee_score": 80}
        )
        assessment.with_user(self.user_committee).action_review()

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def test_total_tier_and_five_goods_on_concrete_numbers(self):
        # C1: 0.2×90 + 0.5×80 + 0.3×70 = 79; C2: 0.2×100 + 0.5×90 + 0.3×60 = 83.
        # Total (2×79 + 1×83) / 3 = 80.33: middle; C1 misses its bar of 80.
        self._grade(
            self.a1, {self.c1: (90, 80, 70), self.c2: (100, 90, 60)}, confirm=False
        )
        self.assertEqual(self._line(self.a1, self.c1).line_score, 79.0)
        self.assertEqual(self._line(self.a1, self.c2).line_score, 83.0)
        self.assertFalse(self._line(self.a1, self.c1).passed)
        self.assertTrue(self._line(self.a1, self.c2).passed)
        self.assertAlmostEqual(self.a1.total, 80.33)
        self.assertEqual(self.a1.tier, "middle")
        self.assertFalse(self.a1.five_goods)
        # C1: 19 + 45 + 25.5 = 89.5; C2: 15 + 35 + 21 = 71 (bar 70).
        # Total (2×89.5 + 71) / 3 = 83.33: middle, and Five Goods.
        self._grade(
            self.a2, {self.c1: (95, 90, 85), self.c2: (75, 70, 70)}, confirm=False
        )
        self.assertAlmostEqual(self.a2.total, 83.33)
        self.assertEqual(self.a2.tier, "middle")
        self.assertTrue(self.a2.five_goods)
        # The period's bars decide the tiers.
        self.period.threshold_advanced = 83
        self.assertEqual(self.a2.tier, "advanced")
        self.assertEqual(self.a1.tier, "middle")
        self.period.threshold_lagging = 81
        self.assertEqual(self.a1.tier, "lagging")
        self.period.threshold_lagging = 80.33
        self.assertEqual(self.a1.tier, "middle")

    def test_no_tier_before_review(self):
        self._score(self.a1, {self.c1: (100, 100, 100), self.c2: (100, 100, 100)})
        self.assertEqual(self.a1.total, 100.0)
        self.assertFalse(self.a1.tier)
        self.assertFalse(self.a1.five_goods)

    def test_missing_masses_score_does_not_count_as_zero(self):
        # No masses' result: (0.2×90 + 0.5×80) / 0.7 = 82.86.
        self._score(self.a1, {self.c1: (90, 80, 0), self.c2: (90, 80, 0)})
        self.assertAlmostEqual(self._line(self.a1, self.c1).line_score, 82.86)
        self.assertAlmostEqual(self.a1.total, 82.86)

    def test_period_weights_apply(self):
        self._score(self.a1, {self.c1: (90, 80, 70), self.c2: (90, 80, 70)})
        self.period.write(
            {"weight_self": 0.0, "weight_committee": 1.0, "weight_masses": 1.0}
        )
        self.assertEqual(self.a1.total, 75.0)

    def test_score_outside_0_100_refused(self):
        line = self._line(self.a1, self.c1)
        for score in (101, -1, 100.01):
            with self.assertRaises(ValidationError) as caught:
                line.with_user(self.user_secretary).self_score = score
            self.assertIn("between 0 and 100", str(caught.exception))
        self.assertEqual(line.self_score, 0.0)
        self._self_assess()
        with self.assertRaises(ValidationError):
            line.with_user(self.user_committee).committee_score = 150
        self.assertEqual((line.committee_score, line.masses_score), (0.0, 0.0))

    # ------------------------------------------------------------------
    # Steps and roles
    # ------------------------------------------------------------------
    def test_full_workflow(self):
        self._self_assess()
        self.assertEqual(self.a1.state, "self_assessed")
        self.assertEqual(self.a1.self_assessed_by, self.user_secretary)
        self._review()
        self.assertEqual(self.a1.state, "reviewed")
        self.assertEqual(self.a1.reviewed_by, self.user_committee)
        self.assertEqual(self.a1.tier, "middle")  # 79
        self.a1.with_user(self.user_leading).action_confirm()
        self.assertEqual(self.a1.state, "confirmed")
        self.assertEqual(self.a1.confirmed_by, self.user_leading)
        self.assertEqual(self.a1.confirmed_date, fields.Date.today())
        history = self.History.search([("assessment_id", "=", self.a1.id)])
        self.assertRecordValues(
            history,
            [
                {
                    "period_id": self.period.id,
                    "campaign_id": self.campaign.id,
                    "subject_type": "organization",
                    "organization_id": self.branch_1.id,
                    "member_id": False,
                    "tier": "middle",
                    "level": 2,
                    "five_goods": False,
                    "total": 79.0,
                    "date": fields.Date.today(),
                }
            ],
        )

    def test_self_assessment_by_the_branch_secretary_only(self):
        for criterion in (self.c1, self.c2):
            self._line(self.a1, criterion).with_user(self.user_secretary).write(
                {"self_score": 88}
            )
        # The committee, the leading group, another branch's secretary and a
        # member may not self-assess the first branch (the last two do not
        # even see it).
        for user, refused in (
            (self.user_committee, UserError),
            (self.user_leading, UserError),
            (self.user_secretary_2, AccessError),
            (self.user_member, AccessError),
        ):
            with self.subTest(user=user.login), self.assertRaises(refused):
                self.a1.with_user(user).action_self_assess()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._line(self.a1, self.c1).with_user(user).self_score = 50
        self.assertEqual(self.a1.state, "draft")
        self.assertEqual(self._line(self.a1, self.c1).self_score, 88)
        self.a1.with_user(self.user_secretary).action_self_assess()
        self.assertEqual(self.a1.state, "self_assessed")

    def test_form_follows_the_roles(self):
        """In the web client the secretary fills the self-assessment column
        only, and the committee the review columns only."""
        with Form(self.a1.with_user(self.user_secretary)) as form:
            for index in range(len(form.line_ids)):
                with form.line_ids.edit(index) as line:
                    line.self_score = 88
                    with self.assertRaises(AssertionError):
                        line.committee_score = 50
            form.self_comment = "对照五个好逐条自查"
        self.assertEqual(self.a1.line_ids.mapped("self_score"), [88, 88])
        self.a1.with_user(self.user_secretary).action_self_assess()
        with Form(self.a1.with_user(self.user_committee)) as form:
            with form.line_ids.edit(0) as line:
                with self.assertRaises(AssertionError):
                    line.self_score = 10
                line.committee_score = 80
                # The masses' scores come from their ballots: nobody types them.
                with self.assertRaises(AssertionError):
                    line.masses_score = 75
            with self.assertRaises(AssertionError):
                form.self_comment = "改"
            form.review_comment = "工作机制需完善"
        self.assertRecordValues(
            self._line(self.a1, self.c1),
            [{"self_score": 88, "committee_score": 80, "masses_score": 0.0}],
        )

    def test_self_scores_required(self):
        self._line(self.a1, self.c1).with_user(self.user_secretary).self_score = 90
        with self.assertRaises(UserError) as caught:
            self.a1.with_user(self.user_secretary).action_self_assess()
        self.assertIn(self.c2.name, str(caught.exception))
        self.assertEqual(self.a1.state, "draft")

    def test_review_by_the_committee_only(self):
        self._self_assess()
        for user in (self.user_secretary, self.user_leading, self.user_secretary_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.a1.line_ids.with_user(user).write({"committee_score": 80})
        self.assertEqual(self.a1.line_ids.mapped("committee_score"), [0.0, 0.0])
        # Committee scores are required.
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_committee).action_review()
        self.a1.line_ids.with_user(self.user_committee).write({"committee_score": 80})
        for user in (self.user_secretary, self.user_leading):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.a1.with_user(user).action_review()
        self.assertEqual(self.a1.state, "self_assessed")
        self.a1.with_user(self.user_committee).action_review()
        self.assertEqual(self.a1.state, "reviewed")

    def test_committee_does_not_review_its_own_branch(self):
        self.branch_2.secretary_id = self.member_committee
        self._self_assess(self.a2, self.user_committee)
        self.a2.line_ids.sudo().committee_score = 80
        with self.assertRaises(UserError):
            self.a2.with_user(self.user_committee).action_review()
        self.assertEqual(self.a2.state, "self_assessed")

    def test_confirm_by_the_leading_group_only(self):
        self._self_assess()
        self._review()
        for user in (self.user_secretary, self.user_committee):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.a1.with_user(user).action_confirm()
        self.assertEqual(self.a1.state, "reviewed")
        self.assertFalse(self.History.search([("assessment_id", "=", self.a1.id)]))
        self.a1.with_user(self.user_leading).action_confirm()
        self.assertEqual(self.a1.state, "confirmed")

    def test_steps_in_order(self):
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_committee).action_review()
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_leading).action_confirm()
        self._self_assess()
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_secretary).action_self_assess()
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_leading).action_confirm()
        # Self-assessment scores are frozen once submitted; review scores wait
        # for the self-assessment.
        with self.assertRaises(UserError):
            self._line(self.a1, self.c1).with_user(self.user_secretary).self_score = 70
        with self.assertRaises(UserError):
            self.a2.line_ids.with_user(self.user_committee).committee_score = 70
        self.assertEqual(self.a1.state, "self_assessed")
        self.assertEqual(self._line(self.a1, self.c1).self_score, 90)

    def test_state_changes_through_buttons_only(self):
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_office).write({"state": "confirmed"})
        with self.assertRaises(UserError):
            self.Assessment.with_user(self.user_office).create(
                {
                    "period_id": self.period.id,
                    "organization_id": self.committee.id,
                    "state": "confirmed",
                }
            )
        self.assertEqual(self.a1.state, "draft")

    def test_no_step_outside_an_open_period(self):
        period = self._new_period("下半年", "2030-10-01", "2031-03-31", open_it=False)
        assessment = self._assessments(period)[self.branch_1]
        self._score(assessment, {self.c1: (90, 90, 90), self.c2: (90, 90, 90)})
        with self.assertRaises(UserError) as caught:
            assessment.with_user(self.user_secretary).action_self_assess()
        self.assertIn("not open", str(caught.exception))
        self.assertEqual(assessment.state, "draft")

    def test_return_one_step(self):
        self._self_assess()
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_secretary).action_return()
        self.a1.with_user(self.user_committee).action_return()
        self.assertEqual(self.a1.state, "draft")
        self.assertFalse(self.a1.self_assessed_by)
        self._self_assess()
        self._review()
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_committee).action_return()
        self.a1.with_user(self.user_leading).action_return()
        self.assertEqual(self.a1.state, "self_assessed")
        self.assertFalse(self.a1.tier)

    # ------------------------------------------------------------------
    # Confirmed: read-only
    # ------------------------------------------------------------------
    def test_confirmed_is_read_only(self):
        self._grade(self.a1, {self.c1: (90, 80, 70), self.c2: (90, 80, 70)})
        line = self._line(self.a1, self.c1)
        attempts = (
            lambda: line.with_user(self.user_office).write({"self_score": 100}),
            lambda: line.sudo().write({"committee_score": 100}),
            lambda: self.a1.with_user(self.user_office).write({"review_comment": "改"}),
            lambda: self.a1.sudo().write({"organization_id": self.branch_2.id}),
            lambda: self.a1.with_user(self.user_office).unlink(),
            lambda: self.a1.sudo().unlink(),
            lambda: line.with_user(self.user_office).unlink(),
            lambda: self.a1.sudo().action_return(),
        )
        for attempt in attempts:
            with self.assertRaises(UserError) as caught:
                attempt()
            if "confirmed" not in str(caught.exception):
                self.assertIn("Confirmed", str(caught.exception))
        self.assertEqual(self.a1.state, "confirmed")
        self.assertEqual(line.self_score, 90)
        self.assertEqual(self.a1.organization_id, self.branch_1)
        self.assertEqual(self.a1.total, 79.0)
        self.assertEqual(len(self.a1.line_ids), 2)
        # Discussion goes on in the chatter.
        self.a1.with_user(self.user_leading).message_post(body="确认无误")

    def test_draft_deleted_by_the_office_only(self):
        with self.assertRaises(AccessError):
            self.a2.with_user(self.user_committee).unlink()
        self.a2.with_user(self.user_office).unlink()
        self.assertFalse(self.a2.exists())

    # ------------------------------------------------------------------
    # The masses' appraisal
    # ------------------------------------------------------------------
    def test_masses_results_fill_open_assessments_only(self):
        self._self_assess(self.a2, self.user_secretary_2)
        self.a2.line_ids.sudo().committee_score = 90
        self.a2.sudo().action_review()
        results = {
            (self.period.id, "organization", self.branch_1.id, self.c1.id): (12, 75.0),
            (self.period.id, "organization", self.branch_1.id, self.c2.id): (
                12,
                83.333,
            ),
            (self.period.id, "organization", self.branch_2.id, self.c1.id): (12, 40.0),
            (self.period.id + 1, "organization", self.branch_1.id, self.c1.id): (
                3,
                10.0,
            ),
        }
        (self.a1 | self.a2)._apply_masses_results(results)
        self.assertEqual(self._line(self.a1, self.c1).masses_score, 75.0)
        self.assertEqual(self._line(self.a1, self.c1).masses_count, 12)
        self.assertEqual(self._line(self.a1, self.c2).masses_score, 83.33)
        # A reviewed assessment keeps the scores it was reviewed with.
        self.assertEqual(self._line(self.a2, self.c1).masses_score, 0.0)
