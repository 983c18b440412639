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
    the criteria library later leaves past assessments as they were.

    Who writes what: the self-assessment score by the subject's side while
    the evaluation is a draft, the review score by its reviewers once it is
    self-assessed; the masses' score and its number of voters only by server
    code, from the closed appraisal rounds of the period (nobody types them);
    the evaluation and the criterion of a line never change."""

    _name = "cxzy.evaluation.line.mixin"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Assessment or Appraisal Line"
    _order = "sequence, id"

    # The evaluation the line belongs to, and the field of the review score.
    _parent_field = None
    _review_score_field = None
    _cxzy_step_fields = ("masses_score", "masses_count")

    criterion_id = fields.Many2one(
        "cxzy.criterion", required=True, ondelete="restrict", readonly=True
    )
    description = fields.Text(related="criterion_id.description")
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        compute="_compute_criterion_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        help="The criterion's weight when the line was made.",
    )
    passing_score = fields.Float(
        string="Bar",
        digits=(5, 2),
        compute="_compute_criterion_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        help="The criterion's bar when the line was made.",
    )
    self_score = fields.Float(string="Self-assessment", digits=(5, 2))
    masses_score = fields.Float(
        string="Masses",
        digits=(5, 2),
        readonly=True,
        help="The masses' average grade from the closed appraisal rounds of the "
        "period: filled by the server, never typed.",
    )
    masses_count = fields.Integer(
        string="Voters",
        readonly=True,
        help="How many voters of the masses gave the masses' score.",
    )
    line_score = fields.Float(
        string="Score", compute="_compute_line_score", store=True, digits=(5, 2)
    )
    passed = fields.Boolean(string="Reached", compute="_compute_line_score", store=True)

    _sql_constraints = [
        (
            "masses_count_not_negative",
            "CHECK(masses_count >= 0)",
            "The number of voters of the masses' score cannot be negative.",
        ),
    ]

    @api.depends("criterion_id")
    def _compute_criterion_snapshot(self):
        for line in self:
            line.weight = line.criterion_id.weight if line.criterion_id else 1.0
            line.passing_score = line.criterion_id.passing_score

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
        """Which criteria an evaluation has, and their order: set when the
        lines are made, by the office, while the evaluation is a draft."""
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

    def _cxzy_refuse_fields(self, names):
        if {"masses_score", "masses_count"} & set(names):
            raise UserError(
                self.env._(
                    "The masses' score and its number of voters come only from "
                    "the closed appraisal rounds of the period (%(fields)s): "
                    "nobody types them. Nothing was saved.",
                    fields=self._cxzy_field_names(names),
                )
            )
        return super()._cxzy_refuse_fields(names)

    @api.model_create_multi
    def create(self, vals_list):
        parent_ids = set()
        for vals in vals_list:
            try:
                parent_ids.add(int(vals.get(self._parent_field) or 0))
            except (TypeError, ValueError):
                raise UserError(
                    self.env._("Give the assessment or appraisal of the line.")
                ) from None
        parents = self.env[self._fields[self._parent_field].comodel_name].browse(
            parent_ids - {0}
        )
        self._check_structure_editable(parents.sudo().with_env(self.env))
        return super().create(vals_list)

    def write(self, vals):
        parents = self._parents()
        parents._check_not_confirmed()
        if not self.env.su:
            self.check_access("write")
            fields_set = set(vals) - self._cxzy_protected_on_write()
            review = {self._review_score_field}
            if "self_score" in fields_set:
                parents._check_can_score(
                    "self_assess", self.env._("self-assessment score")
                )
            if review & fields_set:
                parents._check_can_score("review", self.env._("review score"))
            if fields_set - review - {"self_score"}:
                self._check_structure_editable(parents)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_structure_editable(self._parents())
