# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install", "access_rights")
class TestAssessmentSecurity(AssessmentCase):
    """What each role sees and does with periods, assessments, appraisals and
    the grades over time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assessments = cls._assessments()
        cls.a1 = assessments[cls.branch_1]
        cls.a2 = assessments[cls.branch_2]
        appraisals = cls._appraisals()
        cls.ap_member = appraisals[cls.member_member]
        cls.ap_other = appraisals[cls.member_other]
        full = (90, 90, 90)
        cls._grade(cls.a1, {cls.c1: full, cls.c2: full})
        cls._grade(cls.ap_member, {cls.m1: full, cls.m2: full})
        cls._grade(cls.ap_other, {cls.m1: full, cls.m2: full})
        cls.assessments = cls.a1 | cls.a2
        cls.appraisals = cls.period.appraisal_ids

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_member(self):
        user = self.user_member
        self.assertEqual(self._visible(user, self.period), self.period)
        with self.assertRaises(AccessError):
            self.Assessment.with_user(user).search([])
        self.assertEqual(self._visible(user, self.appraisals), self.ap_member)
        self.assertEqual(
            self._visible(user, self.ap_member.line_ids), self.ap_member.line_ids
        )
        with self.assertRaises(AccessError):
            self.ap_other.with_user(user).read(["total"])
        history = self.History.search([("period_id", "=", self.period.id)])
        self.assertEqual(self._visible(user, history).member_id, self.member_member)
        with self.assertRaises(AccessError):
            self.Period.with_user(user).create(
                {
                    "name": "x",
                    "campaign_id": self.campaign.id,
                    "date_start": "2030-04-01",
                    "date_end": "2030-05-01",
                }
            )

    def test_masses(self):
        for model in (
            self.Period,
            self.Assessment,
            self.Appraisal,
            self.History,
            self.env["cxzy.upgrade.report"],
        ):
            with self.subTest(model=model._name), self.assertRaises(AccessError):
                model.with_user(self.user_masses).search([])

    def test_secretary(self):
        user = self.user_secretary
        self.assertEqual(self._visible(user, self.assessments), self.a1)
        self.assertEqual(
            self._visible(user, self.assessments.line_ids), self.a1.line_ids
        )
        with self.assertRaises(AccessError):
            self.a2.with_user(user).read(["total"])
        # Their branch's members, the Party group's included; not the others.
        visible = self._visible(user, self.appraisals)
        self.assertEqual(visible.branch_id, self.branch_1)
        self.assertIn(self.member_group, visible.member_id)
        self.assertNotIn(self.ap_other, visible)
        history = self.History.search([("period_id", "=", self.period.id)])
        self.assertEqual(self._visible(user, history).branch_id, self.branch_1)
        with self.assertRaises(AccessError):
            self.Assessment.with_user(user).create(
                {"period_id": self.period.id, "organization_id": self.branch_1.id}
            )
        with self.assertRaises(AccessError):
            self.env["cxzy.upgrade.report"].with_user(user).search([])

    def test_committee(self):
        user = self.user_committee
        self.assertEqual(self._visible(user, self.assessments), self.assessments)
        self.assertEqual(self._visible(user, self.appraisals), self.appraisals)
        with self.assertRaises(AccessError):
            self.a2.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.Assessment.with_user(user).create(
                {"period_id": self.period.id, "organization_id": self.branch_1.id}
            )
        with self.assertRaises(AccessError):
            self.period.with_user(user).write({"name": "改名"})

    def test_leading_group(self):
        user = self.user_leading
        self.assertEqual(self._visible(user, self.assessments), self.assessments)
        self.assertEqual(self._visible(user, self.appraisals), self.appraisals)
        history = self.History.search([("period_id", "=", self.period.id)])
        self.assertEqual(self._visible(user, history), history)
        # Reads and confirms, but does not score.
        other = self.appraisals.filtered(
            lambda a: a.member_id == self.member_secretary_2
        )
        for evaluation in (self.a2, other):
            evaluation.line_ids.sudo().write({"self_score": 90})
            evaluation.sudo().action_self_assess()
        with self.assertRaises(AccessError):
            self.a2.line_ids.with_user(user).write({"committee_score": 80})
        with self.assertRaises(AccessError):
            other.line_ids.with_user(user).write({"branch_score": 80})
        with self.assertRaises(AccessError):
            other.with_user(user).write({"review_comment": "好"})
        self.assertEqual(self.a2.line_ids.mapped("committee_score"), [0.0, 0.0])

    def test_office(self):
        user = self.user_office
        self.assertEqual(self._visible(user, self.assessments), self.assessments)
        period = self.Period.with_user(user).create(
            {
                "name": "办公室新建",
                "campaign_id": self.campaign.id,
                "date_start": "2030-10-01",
                "date_end": "2030-12-31",
            }
        )
        period.write({"weight_masses": 0.4})
        period.action_open()
        period.action_create_assessments()
        self.assertEqual(len(period.assessment_ids), 2)
        period.assessment_ids[0].unlink()
        self.assertEqual(len(period.assessment_ids), 1)

    def test_other_company(self):
        user = self.user_office_b
        self.assertFalse(self._visible(user, self.period))
        self.assertFalse(self._visible(user, self.assessments))
        self.assertFalse(self._visible(user, self.appraisals))
        self.assertFalse(
            self._visible(
                user, self.History.search([("period_id", "=", self.period.id)])
            )
        )
