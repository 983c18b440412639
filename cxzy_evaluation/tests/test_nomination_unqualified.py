# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 8: no honour for a member whose latest confirmed appraisal graded
them 不合格, neither in the demo nor by any step."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_nomination import NominationCase


@tagged("post_install", "-at_install", "workflow_integrity")
class TestNominationUnqualified(NominationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["cxzy.assessment.period"]
        cls.period_1 = Period.create(
            {
                "name": "第一次考核",
                "campaign_id": cls.campaign.id,
                "date_start": date(2010, 4, 1),
                "date_end": date(2010, 12, 31),
            }
        )
        cls.period_2 = Period.create(
            {
                "name": "第二次考核",
                "campaign_id": cls.campaign.id,
                "date_start": date(2011, 1, 1),
                "date_end": date(2011, 5, 31),
            }
        )
        cls.criteria = cls.env["cxzy.criterion"].search([("target", "=", "member")])

    def _appraise(self, period, score, state="confirmed", member=None):
        appraisal = self.env["cxzy.member.appraisal"].create(
            {
                "period_id": period.id,
                "member_id": (member or self.member_member).id,
                "line_ids": [
                    Command.create(
                        {
                            "criterion_id": criterion.id,
                            "passing_score": 60.0,
                            "self_score": score,
                            "branch_score": score,
                            "masses_score": score,
                        }
                    )
                    for criterion in self.criteria
                ],
            }
        )
        appraisal.write({"state": state})
        return appraisal

    def _count(self):
        return self.Nomination.search_count(
            [("campaign_id", "=", self.campaign.id), ("member_id", "!=", False)]
        )

    def test_latest_confirmed_unqualified_cannot_be_nominated(self):
        self._appraise(self.period_1, 95.0)
        latest = self._appraise(self.period_2, 40.0)
        self.assertEqual(latest.grade, "unqualified")
        before = self._count()
        with self.assertRaisesRegex(ValidationError, "unqualified"):
            self._nominate(user=self.user_secretary)
        self.assertEqual(self._count(), before)

    def test_earlier_unqualified_then_better_may_be_nominated(self):
        self._appraise(self.period_1, 40.0)
        self._appraise(self.period_2, 95.0)
        nomination = self._nominate(user=self.user_secretary)
        self._recommend(nomination)
        self.assertEqual(nomination.state, "recommended")

    def test_unconfirmed_unqualified_grade_does_not_count(self):
        reviewed = self._appraise(self.period_2, 40.0, state="reviewed")
        self.assertEqual(reviewed.grade, "unqualified")
        nomination = self._nominate(user=self.user_secretary)
        self._recommend(nomination)
        self.assertEqual(nomination.state, "recommended")

    def test_confirmed_later_stops_every_further_step(self):
        nomination = self._nominate(user=self.user_secretary)
        appraisal = self._appraise(self.period_2, 40.0, state="reviewed")
        appraisal.write({"state": "confirmed"})
        with self.assertRaisesRegex(UserError, "unqualified"):
            self._recommend(nomination)
        self.assertEqual(nomination.state, "draft")
        self.assertFalse(nomination.recommend_user_id)
        # one that had gone further before the appraisal was confirmed
        other = self._nominate(self.member_group)
        self._to(other, "studied")
        self._appraise(self.period_2, 40.0, member=self.member_group)
        with self.assertRaisesRegex(UserError, "unqualified"):
            self._as(other, self.user_leading).action_decide("同意")
        self.assertEqual(other.state, "studied")
        self.assertFalse(other.decide_user_id)

    def test_demo_commends_nobody_graded_unqualified(self):
        honoured = self.Nomination.search(
            [("state", "in", ("decided", "commended")), ("member_id", "!=", False)]
        )
        self.assertTrue(honoured, "the demo commends members")
        for nomination in honoured:
            confirmed = (
                self.env["cxzy.member.appraisal"]
                .search(
                    [
                        ("member_id", "=", nomination.member_id.id),
                        ("state", "=", "confirmed"),
                    ]
                )
                .sorted(lambda a: a.period_id.date_start)
            )
            with self.subTest(member=nomination.member_id.name):
                self.assertNotEqual(confirmed[-1:].grade, "unqualified")
