# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.cxzy_campaign.tests.common import CxzyCase


class AssessmentCase(CxzyCase):
    """A campaign of branch_1 and branch_2 with an open period, and criteria of
    known weights and bars (the shipped ones are archived for the test, so that
    editing the library never changes these figures):

    - organisations: C1 (weight 2, bar 80), C2 (weight 1, bar 70);
    - members: M1 (weight 1, bar 80), M2 (weight 1, bar 80).

    Sources weigh 0.2 (self), 0.5 (review), 0.3 (masses); tiers 85 / 60;
    grades 90 / 75 / 60."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Criterion = cls.env["cxzy.criterion"]
        Criterion.search([]).active = False
        cls.c1 = Criterion.create(
            {
                "name": "C1 领导班子好",
                "target": "organization",
                "sequence": 1,
                "weight": 2.0,
                "passing_score": 80.0,
            }
        )
        cls.c2 = Criterion.create(
            {
                "name": "C2 群众反映好",
                "target": "organization",
                "sequence": 2,
                "weight": 1.0,
                "passing_score": 70.0,
            }
        )
        cls.m1 = Criterion.create(
            {"name": "M1 自觉学习的模范", "target": "member", "sequence": 1}
        )
        cls.m2 = Criterion.create(
            {"name": "M2 服务群众的模范", "target": "member", "sequence": 2}
        )
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "考核测试活动",
                "date_start": "2030-04-01",
                "date_end": "2031-12-31",
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.Period = cls.env["cxzy.assessment.period"]
        cls.Assessment = cls.env["cxzy.org.assessment"]
        cls.Appraisal = cls.env["cxzy.member.appraisal"]
        cls.History = cls.env["cxzy.grade.history"]
        cls.period = cls._new_period("2030年上半年", "2030-04-01", "2030-09-30")

        # The secretary of the second branch, and a leading-group member who is
        # a Party member of the second branch.
        cls.user_secretary_2 = new_test_user(
            cls.env,
            login="cxzy_a_secretary_2",
            groups="cxzy_campaign.group_cxzy_secretary",
        )
        cls.member_secretary_2 = cls.env["cxzy.party.member"].create(
            {
                "employee_id": cls.env["hr.employee"]
                .create({"name": "周书记", "user_id": cls.user_secretary_2.id})
                .id,
                "organization_id": cls.branch_2.id,
            }
        )
        cls.branch_2.secretary_id = cls.member_secretary_2
        cls.member_leading = cls.env["cxzy.party.member"].create(
            {
                "employee_id": cls.env["hr.employee"]
                .create({"name": "吴组长", "user_id": cls.user_leading.id})
                .id,
                "organization_id": cls.branch_2.id,
            }
        )

    @classmethod
    def _new_period(cls, name, date_start, date_end, campaign=None, open_it=True):
        period = cls.Period.create(
            {
                "name": name,
                "campaign_id": (campaign or cls.campaign).id,
                "date_start": date_start,
                "date_end": date_end,
            }
        )
        if open_it:
            period.action_open()
        return period

    @classmethod
    def _assessments(cls, period=None):
        """The period's organisation assessments, created by the office:
        {organisation: assessment}."""
        period = period or cls.period
        period.with_user(cls.user_office).action_create_assessments()
        return {a.organization_id: a for a in period.assessment_ids}

    @classmethod
    def _appraisals(cls, period=None):
        period = period or cls.period
        period.with_user(cls.user_office).action_create_appraisals()
        return {a.member_id: a for a in period.appraisal_ids}

    @staticmethod
    def _line(evaluation, criterion):
        return evaluation.line_ids.filtered(lambda line: line.criterion_id == criterion)

    @classmethod
    def _score(cls, evaluation, scores):
        """Write ``scores`` {criterion: (self, review, masses)} as the system."""
        review = evaluation._review_score_field
        for criterion, (self_score, review_score, masses) in scores.items():
            cls._line(evaluation, criterion).sudo().write(
                {
                    "self_score": self_score,
                    review: review_score,
                    "masses_score": masses,
                }
            )

    @classmethod
    def _grade(cls, evaluation, scores, confirm=True):
        """Score and take the evaluation through its steps as the system."""
        cls._score(evaluation, scores)
        evaluation = evaluation.sudo()
        evaluation.action_self_assess()
        evaluation.action_review()
        if confirm:
            evaluation.action_confirm()
        return evaluation
