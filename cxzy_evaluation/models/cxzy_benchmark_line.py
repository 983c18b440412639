# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CxzyBenchmarkLine(models.Model):
    """One gap of a benchmark: against one criterion, what the subject lacks
    compared with the exemplar and the measure taken to catch up.

    Its benchmark and criterion are fixed once created, its score gap is a
    result; the lines of a reviewed benchmark change for nobody."""

    _name = "cxzy.benchmark.line"
    _description = "Benchmark Gap"
    _inherit = ["cxzy.guard.mixin"]
    _order = "benchmark_id, sequence, id"
    _check_company_auto = True

    _cxzy_owner_fields = ("benchmark_id", "criterion_id")

    benchmark_id = fields.Many2one(
        "cxzy.benchmark", required=True, readonly=True, index=True, ondelete="cascade"
    )
    subject_type = fields.Selection(related="benchmark_id.subject_type")
    company_id = fields.Many2one(
        related="benchmark_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    criterion_id = fields.Many2one(
        "cxzy.criterion",
        required=True,
        readonly=True,
        ondelete="restrict",
        domain="[('target', '=', subject_type)]",
    )
    gap = fields.Text(help="Where the subject falls short of the exemplar.")
    own_score = fields.Float(
        digits=(5, 2), help="The subject's own score on the criterion (0–100)."
    )
    exemplar_score = fields.Float(
        digits=(5, 2), help="The exemplar's score on the criterion (0–100)."
    )
    score_gap = fields.Float(
        compute="_compute_score_gap",
        store=True,
        digits=(5, 2),
        aggregator="avg",
        help="The exemplar's score less the subject's, when both are given.",
    )
    measure = fields.Text(
        string="Catch-up Measure", help="What is done to catch up (跟进、赶超)."
    )

    _sql_constraints = [
        (
            "benchmark_criterion_uniq",
            "unique(benchmark_id, criterion_id)",
            "A criterion appears once in a benchmark.",
        ),
    ]

    @api.depends("own_score", "exemplar_score")
    def _compute_score_gap(self):
        for line in self:
            line.score_gap = (
                line.exemplar_score - line.own_score
                if line.own_score and line.exemplar_score
                else 0.0
            )

    @api.constrains("own_score", "exemplar_score")
    def _check_scores(self):
        for line in self:
            for name in ("own_score", "exemplar_score"):
                if not 0 <= line[name] <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(kind)s of %(criterion)s must lie between 0 and 100 "
                            "(given: %(score)s).",
                            kind=self._fields[name].get_description(self.env)["string"],
                            criterion=line.criterion_id.name,
                            score=line[name],
                        )
                    )

    @api.constrains("criterion_id", "benchmark_id")
    def _check_criterion_target(self):
        for line in self:
            if line.criterion_id.target != line.benchmark_id.subject_type:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is not a criterion for the subject of "
                        "%(benchmark)s.",
                        criterion=line.criterion_id.name,
                        benchmark=line.benchmark_id.name,
                    )
                )

    def _check_numbers(self, vals):
        """Numbers come as numbers: a caller's text or a non-finite number is
        refused with a message before the ORM compares or stores it."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or field.type not in ("float", "integer") or not value:
                continue
            try:
                if field.type == "integer":
                    number = int(value)
                    ok = -(2**31) <= number < 2**31
                else:
                    ok = math.isfinite(float(value))
            except (TypeError, ValueError, OverflowError):
                ok = False
            if not ok:
                raise UserError(
                    self.env._(
                        "%(field)s must be a number (given: %(value)s).",
                        field=field.get_description(self.env)["string"],
                        value=str(value)[:40],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_numbers(vals)
        lines = super().create(vals_list)
        if not self.env.su:
            lines.benchmark_id._check_open()
        return lines

    def write(self, vals):
        self._check_numbers(vals)
        return super().write(vals)

    def _cxzy_check_not_locked(self, vals):
        result = super()._cxzy_check_not_locked(vals)
        self.benchmark_id._check_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        if not self.env.su:
            self.benchmark_id._check_open()
