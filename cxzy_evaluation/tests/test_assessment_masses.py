# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .assessment_common import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentMasses(AssessmentCase):
    """The masses' scores come from the closed appraisal rounds of the period:
    excellent 100, good 80, fair 60, poor 40, averaged over the voters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.voter_users = cls.user_secretary | cls.user_member | cls.user_other
        cls.voters = cls.emp_secretary | cls.emp_member | cls.emp_other | cls.emp_free
        # Grades per (subject, criterion), one per voter in voter_users' order.
        cls.organization_grades = {
            (cls.branch_1, cls.c1): ("excellent", "excellent", "good"),  # 93.33
            (cls.branch_1, cls.c2): ("good", "fair", "fair"),  # 66.67
            (cls.branch_2, cls.c1): ("poor", "poor", "poor"),  # 40
            (cls.branch_2, cls.c2): ("fair", "fair", "good"),  # 66.67
        }

    def _round(self, subject_type="organization", min_voters=3, grades=None):
        now = fields.Datetime.now()
        voters, voter_users = self.voters, self.voter_users
        if subject_type == "member":
            # Voters who are not the subjects: nobody grades themself.
            voters = self.emp_secretary | self.emp_committee | self.emp_free
            voter_users = self.user_secretary | self.user_committee | self.user_masses
        values = {
            "name": "群众评议",
            "campaign_id": self.campaign.id,
            "period_id": self.period.id,
            "subject_type": subject_type,
            "voter_ids": [Command.set(voters.ids)],
            "date_open": now - timedelta(hours=1),
            "date_close": now + timedelta(hours=1),
            "min_voters": min_voters,
        }
        if subject_type == "organization":
            values["organization_ids"] = [
                Command.set((self.branch_1 | self.branch_2).ids)
            ]
        else:
            values["member_ids"] = [
                Command.set((self.member_member | self.member_other).ids)
            ]
        appraisal_round = (
            self.env["cxzy.appraisal.round"].with_user(self.user_office).create(values)
        )
        appraisal_round.action_open()
        for index, user in enumerate(voter_users):
            template = appraisal_round.sudo()._ballot_template()
            subjects = self.env[
                "cxzy.party.organization"
                if subject_type == "organization"
                else "cxzy.party.member"
            ]
            criteria = self.env["cxzy.criterion"]
            self.env["cxzy.appraisal.ballot"].with_user(user).create(
                {
                    "round_id": appraisal_round.id,
                    "line_ids": [
                        Command.create(
                            dict(
                                line,
                                grade=grades[
                                    subjects.browse(line["subject_id"]),
                                    criteria.browse(line["criterion_id"]),
                                ][index],
                            )
                        )
                        for line in template
                    ],
                }
            )
        appraisal_round.action_close()
        return appraisal_round

    def test_fetched_into_open_assessments(self):
        assessments = self._assessments()
        self._round(grades=self.organization_grades)
        with self.assertRaises(UserError):
            self.period.with_user(self.user_secretary).action_fetch_masses_scores()
        self.assertEqual(
            assessments[self.branch_1].line_ids.mapped("masses_score"), [0, 0]
        )
        self.period.with_user(self.user_committee).action_fetch_masses_scores()
        a1, a2 = assessments[self.branch_1], assessments[self.branch_2]
        self.assertEqual(self._line(a1, self.c1).masses_score, 93.33)
        self.assertEqual(self._line(a1, self.c1).masses_count, 3)
        self.assertEqual(self._line(a1, self.c2).masses_score, 66.67)
        self.assertEqual(self._line(a2, self.c1).masses_score, 40.0)
        # They count in the line's score: 0.2×90 + 0.5×80 + 0.3×93.33 = 86.
        self._line(a1, self.c1).sudo().write({"self_score": 90, "committee_score": 80})
        self.assertEqual(self._line(a1, self.c1).line_score, 86.0)

    def test_filled_when_assessments_are_created_after_the_round(self):
        self._round(grades=self.organization_grades)
        a2 = self._assessments()[self.branch_2]
        self.assertEqual(a2.line_ids.mapped("masses_score"), [40.0, 66.67])

    def test_no_result_below_the_minimum_of_voters(self):
        self._round(min_voters=4, grades=self.organization_grades)
        a1 = self._assessments()[self.branch_1]
        self.period.with_user(self.user_committee).action_fetch_masses_scores()
        self.assertEqual(a1.line_ids.mapped("masses_score"), [0.0, 0.0])
        self.assertEqual(a1.line_ids.mapped("masses_count"), [0, 0])

    def test_member_round_feeds_the_appraisals(self):
        grades = {
            (self.member_member, self.m1): ("excellent", "good", "good"),  # 86.67
            (self.member_member, self.m2): ("excellent",) * 3,  # 100
            (self.member_other, self.m1): ("fair",) * 3,  # 60
            (self.member_other, self.m2): ("poor", "fair", "good"),  # 60
        }
        appraisals = self._appraisals()
        self._round(subject_type="member", grades=grades)
        self.period.with_user(self.user_office).action_fetch_masses_scores()
        self.assertEqual(
            appraisals[self.member_member].line_ids.mapped("masses_score"),
            [86.67, 100.0],
        )
        self.assertEqual(
            appraisals[self.member_other].line_ids.mapped("masses_score"), [60.0, 60.0]
        )
        # Members not in the round keep no masses' score.
        self.assertEqual(
            appraisals[self.member_secretary].line_ids.mapped("masses_score"),
            [0.0, 0.0],
        )
