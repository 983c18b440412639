# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models


class CxzyAssessmentDemo(models.AbstractModel):
    """Builders of the demo assessment periods, kept out of the business
    models: called by the demo data only (as the system), they score the
    assessments and appraisals and take their steps as the demo users
    entitled to them, through the same steps as the web client."""

    _name = "cxzy.assessment.demo"
    _description = "Assessment Demo Builders"

    # Base score of the participating organisations, in their order, per demo
    # period: the second period moves the second one down and the ninth up.
    _DEMO_ORGANIZATION_BASES = (
        (92, 88, 86, 82, 80, 78, 76, 72, 58, 55),
        (94, 80, 87, 84, 83, 79, 74, 70, 75, 56),
    )
    _DEMO_MEMBER_BASES = (95, 91, 88, 86, 84, 82, 80, 78, 76, 72, 65, 58)
    _DEMO_CRITERION_SPREAD = (2, -1, 0, 1, -2)
    # The members the demo nominates for honours take the best bases, so that
    # no one graded 不合格 is ever put forward.
    _DEMO_NOMINEES = (
        "cxzy_campaign.member_wang_jianhua",
        "cxzy_campaign.member_li_na",
        "cxzy_campaign.member_li_xiaoyan",
        "cxzy_campaign.member_du_jianming",
        "cxzy_campaign.member_deng_xiaoguang",
        "cxzy_campaign.member_zhao_lei",
        "cxzy_campaign.member_liu_jianguo",
    )
    # The masses' votes of the demo agency's paper ballots, before the
    # appraisal rounds were run in the application.
    _DEMO_MASSES_VOTERS = 8

    @api.model
    def _demo_scores(self, evaluations, bases):
        """Scores around each evaluation's base: the self-assessment a little
        generous, the review and the masses a little stricter. A masses' score
        that came from a closed round of the period is kept."""
        review_field = evaluations._review_score_field
        for index, evaluation in enumerate(evaluations):
            base = bases[index % len(bases)]
            for position, line in enumerate(evaluation.line_ids):
                spread = self._DEMO_CRITERION_SPREAD[
                    position % len(self._DEMO_CRITERION_SPREAD)
                ]
                values = {
                    "self_score": min(100, base + spread + 3),
                    review_field: min(100, base + spread - 1),
                }
                if not line.masses_count:
                    values["masses_score"] = min(100, base + spread - 2)
                    values["masses_count"] = self._DEMO_MASSES_VOTERS
                line.sudo().write(values)

    @api.model
    def _demo_step(self, evaluations, step_name, method, users):
        """Take a step as the first demo user entitled to it (as the system
        when none is)."""
        step = evaluations._cxzy_step(step_name)
        batches = {}
        for evaluation in evaluations:
            taker = next(
                (
                    user
                    for user in users
                    if not evaluation.with_user(user)._cxzy_refusal(step)
                ),
                None,
            )
            batches.setdefault(taker, evaluations.browse())
            batches[taker] |= evaluation
        # One step per user for all the records they take: one batch each.
        for taker, batch in batches.items():
            getattr(batch.with_user(taker) if taker else batch.sudo(), method)()

    @api.model
    def _demo_users(self):
        users = [
            self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid in (
                "cxzy_campaign.user_cxzy_member",
                "cxzy_campaign.user_cxzy_secretary",
                "cxzy_campaign.user_cxzy_secretary2",
                "cxzy_campaign.user_cxzy_leader",
                "cxzy_campaign.user_cxzy_committee",
                "cxzy_campaign.user_cxzy_office",
            )
        ]
        return [user for user in users if user]

    @api.model
    def _demo_fill(self, period_id, stage):
        """Demo data: ``stage`` 0 assesses and appraises everyone, confirms it
        all and closes the period; stage 1 leaves the period open with work in
        progress at every step."""
        period = self.env["cxzy.assessment.period"].sudo().browse(period_id)
        users = self._demo_users()
        period.action_open()
        period.action_create_assessments()
        period.action_create_appraisals()
        assessments = period.assessment_ids.sorted(
            lambda a: (a.organization_id.sequence, a.organization_id.id)
        )
        nominees = {
            self.env.ref(xmlid, raise_if_not_found=False).id
            for xmlid in self._DEMO_NOMINEES
        }
        appraisals = period.appraisal_ids.sorted(
            lambda a: (a.member_id.id not in nominees, a.member_id.id)
        )
        self._demo_scores(assessments, self._DEMO_ORGANIZATION_BASES[stage])
        self._demo_scores(appraisals, self._DEMO_MEMBER_BASES[stage:])
        if stage == 0:
            to_confirm, to_review, to_self_assess = (
                assessments,
                assessments,
                assessments,
            )
            members_confirmed = members_reviewed = members_self = appraisals
        else:
            to_confirm = assessments[0:2] | assessments[8:9]
            to_review = to_confirm | assessments[2:5]
            to_self_assess = to_review | assessments[5:7]
            third = len(appraisals) // 3
            members_confirmed = appraisals.browse()
            members_reviewed = appraisals[:third]
            members_self = appraisals[: 2 * third]
        for evaluations, confirmed, reviewed, self_assessed in (
            (assessments, to_confirm, to_review, to_self_assess),
            (appraisals, members_confirmed, members_reviewed, members_self),
        ):
            # Drafts keep only their self-assessment scores in progress.
            drafts = evaluations - self_assessed
            drafts.line_ids.sudo().write(
                {
                    evaluations._review_score_field: 0.0,
                    "masses_score": 0.0,
                    "masses_count": 0,
                }
            )
            self._demo_step(self_assessed, "self_assess", "action_self_assess", users)
            self._demo_step(reviewed, "review", "action_review", users)
            self._demo_step(confirmed, "confirm", "action_confirm", users)
        if stage == 0:
            period.action_close()
        return True
