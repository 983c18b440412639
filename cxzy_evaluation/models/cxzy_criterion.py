# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CxzyCriterion(models.Model):
    """One standard of the campaign: a 五个好 criterion or a 五个模范 criterion."""

    _name = "cxzy.criterion"
    _description = "Evaluation Criterion"
    _order = "target, sequence, id"

    name = fields.Char(string="Title", required=True)
    description = fields.Text(
        help="The standard in the plan's own words, shown to assessors and voters."
    )
    target = fields.Selection(
        [
            ("organization", "Party Organisation (Five Goods)"),
            ("member", "Party Member (Five Models)"),
        ],
        string="Applies To",
        required=True,
    )
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=1.0,
        help="Relative weight of this criterion in the weighted total.",
    )
    passing_score = fields.Float(
        default=80.0,
        help="Score (0–100) the criterion must reach for the organisation or member "
        "to count as meeting it.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("weight", "passing_score")
    def _check_bounds(self):
        for criterion in self:
            if criterion.weight <= 0:
                raise ValidationError(
                    self.env._(
                        "The weight of %(criterion)s must be greater than zero.",
                        criterion=criterion.name,
                    )
                )
            if not 0 <= criterion.passing_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The passing score of %(criterion)s must be between 0 and 100.",
                        criterion=criterion.name,
                    )
                )
