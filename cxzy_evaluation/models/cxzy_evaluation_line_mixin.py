# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round


class CxzyEvaluationLineMixin(models.AbstractModel):
    """One criterion of an assessment or appraisal: a score (0–100) from each of
    the three sources and their weighted score. A score of 0 means "not given":
    the line's score is weighted over the sources that gave one, so a missing
    masses' result (too few voters) does not count as a zero.

    The criterion's weight and bar are copied when the line is made: editing
    the criteria library later leaves past assessments as they were."""

    _name = "cxzy.evaluation.line.mixin"
    _description = "Assessment or Appraisal Line"
    _order = "sequence, id"

    # The evaluation the line belongs to, and the field of the review score.
    _parent_field = None
    _review_score_field = None

    criterion_id = fields.Many2one("cxzy.criterion", required=True, ondelete="restrict")
    description = fields.Text(related="criterion_id.description")
    sequence = fields.Integer(default=10)
    weight = fields.Float(default=1.0, readonly=True)
    passing_score = fields.Float(string="Bar", digits=(5, 2), readonly=True)
    self_score = fields.Float(string="Self-assessment", digits=(5, 2))
    masses_score = fields.Float(string="Masses", digits=(5, 2))
    masses_count = fields.Integer(
        string="Voters", help="How many voters of the masses gave the masses' score."
    )
    line_score = fields.Float(
        string="Score", compute="_compute_line_score", store=True, digits=(5, 2)
    )
    passed = fields.Boolean(string="Reached", compute="_compute_line_score", store=True)

    def _scores(self):
        """(self, review, masses) scores of the line."""
        self.ensure_one()
        return (self.self_score, self[self._review_score_field], self.masses_score)

    def _compute_line_score(self):
        for line in self:
            period = line[self._parent_field].period_id
            weights = period._source_weights() if period else (0.0, 0.0, 0.0)
            given = [
                (score, weight)
                for score, weight in zip(line._scores(), weights, strict=True)
                if score
            ]
            total_weight = sum(weight for _score, weight in given)
            line.line_score = (
                float_round(
                    sum(score * weight for score, weight in given) / total_weight, 2
                )
                if total_weight
                else 0.0
            )
            line.passed = bool(given) and (
                float_compare(line.line_score, line.passing_score, precision_digits=2)
                >= 0
            )

    def _check_scores(self):
        names = ("self_score", self._review_score_field, "masses_score")
        for line in self:
            for name in names:
                if not 0 <= line[name] <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(kind)s score of %(criterion)s must lie between 0 "
                            "and 100 (given: %(score)s).",
                            kind=self._fields[name].get_description(self.env)["string"],
                            criterion=line.criterion_id.name,
                            score=line[name],
                        )
                    )

    # ------------------------------------------------------------------
    # Who writes what
    # ------------------------------------------------------------------
    def _parents(self):
        return self.sudo().mapped(self._parent_field).with_env(self.env)

    def _check_structure_editable(self, parents):
        """Criteria, weights and bars: set when the lines are made, by the
        office, while the evaluation is a draft."""
        parents._check_not_confirmed()
        if self.env.su:
            return
        if not parents._is_office() or parents.filtered(lambda e: e.state != "draft"):
            raise UserError(
                self.env._(
                    "Only the campaign office changes the criteria of an "
                    "assessment, while it is a draft."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        parents = self.env[self._fields[self._parent_field].comodel_name].browse(
            [
                vals.get(self._parent_field)
                for vals in vals_list
                if vals.get(self._parent_field)
            ]
        )
        if (
            any(set(vals) & {"line_score", "passed"} for vals in vals_list)
            and not self.env.su
        ):
            raise UserError(self.env._("The score of a line is computed."))
        self._check_structure_editable(parents.sudo().with_env(self.env))
        return super().create(vals_list)

    def write(self, vals):
        parents = self._parents()
        parents._check_not_confirmed()
        if not self.env.su:
            self.check_access("write")
            fields_set = set(vals)
            review = {self._review_score_field}
            masses = {"masses_score", "masses_count"}
            if "self_score" in fields_set:
                parents._check_can_edit_self()
            if review & fields_set:
                parents._check_can_edit_review()
            if masses & fields_set:
                parents._check_can_edit_review(masses=True)
            if fields_set - review - masses - {"self_score"}:
                self._check_structure_editable(parents)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_structure_editable(self._parents())
