# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentPeriod(AssessmentCase):
    def _count(self):
        return self.Period.search_count([("campaign_id", "=", self.campaign.id)])

    def test_period_outside_campaign_refused(self):
        before = self._count()
        for start, end in (
            ("2030-03-31", "2030-06-30"),  # starts before the campaign
            ("2031-06-01", "2032-01-01"),  # ends after it
            ("2030-06-30", "2030-06-01"),  # ends before it starts
        ):
            with self.assertRaises(ValidationError) as caught:
                self.Period.with_user(self.user_office).create(
                    {
                        "name": "越界",
                        "campaign_id": self.campaign.id,
                        "date_start": start,
                        "date_end": end,
                    }
                )
            if start < end:
                self.assertIn("outside its campaign", str(caught.exception))
        self.assertEqual(self._count(), before)
        # Moving a period out is refused, and so is moving the campaign away.
        with self.assertRaises(ValidationError):
            self.period.with_user(self.user_office).date_end = "2032-01-01"
        self.assertEqual(self.period.date_end, date(2030, 9, 30))
        with self.assertRaises(ValidationError):
            self.campaign.date_start = "2030-05-01"
        self.assertEqual(self.campaign.date_start, date(2030, 4, 1))

    def test_template_campaign_refused(self):
        template = self.env.ref("cxzy_campaign.campaign_template_2010")
        with self.assertRaises(ValidationError):
            self.Period.create(
                {
                    "name": "模板",
                    "campaign_id": template.id,
                    "date_start": template.date_start,
                    "date_end": template.date_start,
                }
            )

    def test_bars_and_weights_checked(self):
        for values in (
            {"threshold_advanced": 101},
            {"threshold_lagging": -1},
            {"threshold_lagging": 85, "threshold_advanced": 85},
            {"threshold_lagging": 90, "threshold_advanced": 80},
            {"grade_basic": 80, "grade_qualified": 75},
            {"grade_excellent": 120},
            {"weight_self": -0.1},
            {"weight_self": 0, "weight_committee": 0, "weight_masses": 0},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.period.with_user(self.user_office).write(values)
        self.assertEqual(
            (self.period.threshold_advanced, self.period.threshold_lagging),
            (85.0, 60.0),
        )
        self.assertEqual(self.period._source_weights(), (0.2, 0.5, 0.3))
        # One source alone is enough.
        self.period.write({"weight_self": 0, "weight_masses": 0})
        self.assertEqual(self.period._source_weights(), (0.0, 0.5, 0.0))

    def test_only_the_office_opens_and_closes(self):
        period = self._new_period("下半年", "2030-10-01", "2031-03-31", open_it=False)
        for user in (self.user_secretary, self.user_committee, self.user_leading):
            with self.assertRaises(UserError):
                period.with_user(user).action_open()
        self.assertEqual(period.state, "draft")
        with self.assertRaises(UserError):
            period.with_user(self.user_office).write({"state": "open"})
        with self.assertRaises(UserError):
            period.with_user(self.user_office).action_close()
        period.with_user(self.user_office).action_open()
        self.assertEqual(period.state, "open")
        with self.assertRaises(UserError):
            period.with_user(self.user_office).action_open()
        with self.assertRaises(UserError):
            period.with_user(self.user_committee).action_close()

    def test_close_only_when_all_confirmed(self):
        assessments = self._assessments()
        appraisals = self._appraisals()
        full = (90, 90, 90)
        for assessment in assessments.values():
            self._grade(assessment, {self.c1: full, self.c2: full})
        with self.assertRaises(UserError) as caught:
            self.period.with_user(self.user_office).action_close()
        self.assertIn(str(len(appraisals)), str(caught.exception))
        self.assertEqual(self.period.state, "open")
        for appraisal in appraisals.values():
            self._grade(appraisal, {self.m1: full, self.m2: full})
        self.period.with_user(self.user_office).action_close()
        self.assertEqual(self.period.state, "closed")
        # A closed period is frozen, and no step is taken in it.
        with self.assertRaises(UserError):
            self.period.with_user(self.user_office).name = "改名"
        with self.assertRaises(UserError):
            self.period.with_user(self.user_office).action_create_assessments()

    def test_create_assessments_one_per_organisation_and_criterion(self):
        action = self.period.with_user(self.user_office).action_create_assessments()
        self.assertEqual(action["res_model"], "cxzy.org.assessment")
        assessments = self.period.assessment_ids
        self.assertEqual(assessments.organization_id, self.branch_1 | self.branch_2)
        for assessment in assessments:
            self.assertEqual(assessment.state, "draft")
            self.assertEqual(assessment.campaign_id, self.campaign)
            self.assertEqual(assessment.line_ids.criterion_id, self.c1 | self.c2)
            line = self._line(assessment, self.c1)
            self.assertEqual((line.weight, line.passing_score), (2.0, 80.0))
        # Again: nothing new.
        self.period.with_user(self.user_office).action_create_assessments()
        self.assertEqual(self.period.assessment_ids, assessments)
        # The secretaries and the committee do not create them.
        for user in (self.user_secretary, self.user_committee, self.user_leading):
            with self.assertRaises(UserError):
                self.period.with_user(user).action_create_assessments()
        # One per organisation and period, whoever tries.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Assessment.create(
                    {"period_id": self.period.id, "organization_id": self.branch_1.id}
                )

    def test_create_appraisals_for_the_members_of_the_branches(self):
        self.period.with_user(self.user_office).action_create_appraisals()
        appraisals = self.period.appraisal_ids
        expected = self.env["cxzy.party.member"].search(
            [("branch_id", "in", (self.branch_1 | self.branch_2).ids)]
        )
        self.assertEqual(appraisals.member_id, expected)
        # The Party group's member belongs to the first branch.
        group_one = appraisals.filtered(lambda a: a.member_id == self.member_group)
        self.assertEqual(group_one.branch_id, self.branch_1)
        self.assertNotIn(self.member_committee, appraisals.member_id)
        self.assertEqual(appraisals.line_ids.criterion_id, self.m1 | self.m2)

    def test_criteria_copied_not_followed(self):
        assessment = self._assessments()[self.branch_1]
        self.c1.write({"weight": 5.0, "passing_score": 95.0})
        line = self._line(assessment, self.c1)
        self.assertEqual((line.weight, line.passing_score), (2.0, 80.0))

    def test_scoring_locked_once_confirmed(self):
        assessment = self._assessments()[self.branch_1]
        # Before any confirmation the office may still tune the weights.
        self.period.with_user(self.user_office).weight_masses = 0.4
        self.period.with_user(self.user_office).weight_masses = 0.3
        self._grade(assessment, {self.c1: (90, 80, 70), self.c2: (90, 80, 70)})
        for values in (
            {"weight_masses": 0.5},
            {"threshold_advanced": 70},
            {"grade_basic": 50},
        ):
            with self.assertRaises(UserError):
                self.period.with_user(self.user_office).write(values)
        self.assertEqual(self.period.weight_masses, 0.3)
        self.assertEqual(assessment.total, 79.0)

    def test_opened_period_not_deleted(self):
        with self.assertRaises(UserError):
            self.period.with_user(self.user_office).unlink()
        self.assertTrue(self.period.exists())
        draft = self._new_period("草稿", "2030-10-01", "2030-12-31", open_it=False)
        draft.with_user(self.user_office).unlink()
        self.assertFalse(draft.exists())

    def test_campaign_smart_button(self):
        self.assertEqual(self.campaign.assessment_period_count, 1)
        action = self.campaign.action_view_assessment_periods()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), self.period
        )
