# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models


class CxzyMemberAppraisalLine(models.Model):
    """One Five Models criterion of a member's appraisal."""

    _name = "cxzy.member.appraisal.line"
    _description = "Member Appraisal Line"
    _inherit = ["cxzy.evaluation.line.mixin"]
    _order = "appraisal_id, sequence, id"
    _parent_field = "appraisal_id"
    _cxzy_owner_fields = ("appraisal_id", "criterion_id")
    _review_score_field = "branch_score"

    appraisal_id = fields.Many2one(
        "cxzy.member.appraisal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    criterion_id = fields.Many2one(domain="[('target', '=', 'member')]")
    branch_score = fields.Float(string="Branch", digits=(5, 2))
    state = fields.Selection(related="appraisal_id.state")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "appraisal_criterion_uniq",
            "unique(appraisal_id, criterion_id)",
            "A criterion appears once in an appraisal.",
        ),
    ]

    @api.depends(
        "self_score",
        "branch_score",
        "masses_score",
        "passing_score",
        "appraisal_id.period_id.weight_self",
        "appraisal_id.period_id.weight_committee",
        "appraisal_id.period_id.weight_masses",
    )
    def _compute_line_score(self):
        return super()._compute_line_score()

    @api.constrains("self_score", "branch_score", "masses_score")
    def _check_scores(self):
        return super()._check_scores()
