# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models


class CxzyOrgAssessmentLine(models.Model):
    """One Five Goods criterion of an organisation's assessment."""

    _name = "cxzy.org.assessment.line"
    _description = "Organisation Assessment Line"
    _inherit = ["cxzy.evaluation.line.mixin"]
    _order = "assessment_id, sequence, id"
    _parent_field = "assessment_id"
    _cxzy_owner_fields = ("assessment_id", "criterion_id")
    _review_score_field = "committee_score"

    assessment_id = fields.Many2one(
        "cxzy.org.assessment",
        required=True,
        index=True,
        ondelete="cascade",
    )
    criterion_id = fields.Many2one(domain="[('target', '=', 'organization')]")
    committee_score = fields.Float(string="Committee", digits=(5, 2))
    state = fields.Selection(related="assessment_id.state")
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "assessment_criterion_uniq",
            "unique(assessment_id, criterion_id)",
            "A criterion appears once in an assessment.",
        ),
    ]

    @api.depends(
        "self_score",
        "committee_score",
        "masses_score",
        "passing_score",
        "assessment_id.period_id.weight_self",
        "assessment_id.period_id.weight_committee",
        "assessment_id.period_id.weight_masses",
    )
    def _compute_line_score(self):
        return super()._compute_line_score()

    @api.constrains("self_score", "committee_score", "masses_score")
    def _check_scores(self):
        return super()._check_scores()
