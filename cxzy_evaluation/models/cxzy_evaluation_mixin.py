# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

EVALUATION_STATES = [
    ("draft", "Draft"),
    ("self_assessed", "Self-assessed"),
    ("reviewed", "Reviewed"),
    ("confirmed", "Confirmed"),
]
# Set by the transitions only.
WORKFLOW_FIELDS = {
    "state",
    "self_assessed_by",
    "self_assessed_date",
    "reviewed_by",
    "reviewed_date",
    "confirmed_by",
    "confirmed_date",
}


class CxzyEvaluationMixin(models.AbstractModel):
    """What an organisation's assessment and a member's appraisal share: a
    period, one line per criterion scored by three sources, a weighted total,
    and the steps draft → self-assessed → reviewed → confirmed. A confirmed one
    is history: nobody changes or deletes it.

    Concrete models define the subject field, ``line_ids`` and the result
    (tier or grade), and say who self-assesses and who reviews."""

    _name = "cxzy.evaluation.mixin"
    _description = "Assessment or Appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    # Whoever reads an assessment may discuss it, even once it is confirmed.
    _mail_post_access = "read"

    # Field of the subject (organization_id / member_id) and of the review score
    # on the lines (committee_score / branch_score).
    _subject_field = None
    _review_score_field = None

    period_id = fields.Many2one(
        "cxzy.assessment.period",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    period_state = fields.Selection(related="period_id.state", string="Period State")
    campaign_id = fields.Many2one(
        related="period_id.campaign_id", store=True, index=True, string="Campaign"
    )
    company_id = fields.Many2one(
        related="period_id.company_id",
        store=True,
        index=True,
        precompute=True,
        string="Company",
    )
    state = fields.Selection(
        EVALUATION_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    total = fields.Float(
        compute="_compute_total",
        store=True,
        digits=(5, 2),
        aggregator="avg",
        help="The criteria's scores weighted by the criteria's weights.",
    )
    self_comment = fields.Text(string="Self-assessment Comment")
    review_comment = fields.Text()
    self_assessed_by = fields.Many2one(
        "res.users", string="Self-assessed By", readonly=True, copy=False
    )
    self_assessed_date = fields.Date(
        string="Self-assessed On", readonly=True, copy=False
    )
    reviewed_by = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_date = fields.Date(string="Reviewed On", readonly=True, copy=False)
    confirmed_by = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    can_self_assess = fields.Boolean(compute="_compute_permissions")
    can_review = fields.Boolean(compute="_compute_permissions")
    can_confirm = fields.Boolean(compute="_compute_permissions")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_total(self):
        for evaluation in self:
            lines = evaluation.line_ids
            weight = sum(lines.mapped("weight"))
            evaluation.total = (
                float_round(
                    sum(line.weight * line.line_score for line in lines) / weight, 2
                )
                if weight
                else 0.0
            )

    @api.depends_context("uid")
    def _compute_permissions(self):
        for evaluation in self:
            evaluation.can_self_assess = evaluation._is_self_assessor()
            evaluation.can_review = evaluation._is_reviewer()
            evaluation.can_confirm = evaluation._is_confirmer()

    def _subject(self):
        self.ensure_one()
        return self[self._subject_field]

    @api.depends(lambda self: [self._subject_field, "period_id"])
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "%(subject)s — %(period)s",
                subject=evaluation.sudo()._subject().name or "",
                period=evaluation.sudo().period_id.name or "",
            )

    # ------------------------------------------------------------------
    # Who may do what (overridden by the concrete models)
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _is_self_assessor(self):
        raise NotImplementedError

    def _is_reviewer(self):
        raise NotImplementedError

    def _is_confirmer(self):
        self.ensure_one()
        return self.env.su or self.env.user.has_group(
            "cxzy_campaign.group_cxzy_leading"
        )

    def _role_error(self, step):
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    def _mail_fields(self):
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _check_not_confirmed(self):
        confirmed = self.filtered(lambda e: e.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "%(evaluation)s has been confirmed by the leading group and can "
                    "no longer be changed or deleted.",
                    evaluation=confirmed[0].display_name,
                )
            )

    def _check_can_edit_self(self):
        """Self-assessment scores and comment: by the self-assessor, in draft."""
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "%(evaluation)s has been self-assessed: its self-assessment "
                        "can no longer change.",
                        evaluation=evaluation.display_name,
                    )
                )
            if not evaluation._is_self_assessor():
                raise AccessError(evaluation._role_error("self_assess"))

    def _check_can_edit_review(self, masses=False):
        """Review scores and comment, in self-assessed; the masses' scores, by
        the same reviewers, in draft or self-assessed."""
        allowed = ("draft", "self_assessed") if masses else ("self_assessed",)
        for evaluation in self:
            if evaluation.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(evaluation)s is not awaiting review: its review scores "
                        "cannot change now.",
                        evaluation=evaluation.display_name,
                    )
                )
            if not evaluation._is_reviewer():
                raise AccessError(evaluation._role_error("review"))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(vals) & WORKFLOW_FIELDS:
                    raise UserError(
                        self.env._(
                            "An assessment or appraisal starts as a draft: its "
                            "steps are taken with its buttons."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        fields_set = set(vals) - self._mail_fields()
        if fields_set:
            self._check_not_confirmed()
        if not self.env.su and fields_set:
            # Who may not write at all hears so first.
            self.check_access("write")
            if fields_set & WORKFLOW_FIELDS:
                raise UserError(
                    self.env._(
                        "The state of an assessment or appraisal changes through "
                        "its buttons only."
                    )
                )
            if fields_set & {"period_id", self._subject_field}:
                if not self._is_office() or self.filtered(lambda e: e.state != "draft"):
                    raise UserError(
                        self.env._(
                            "Only the campaign office changes the period or the "
                            "subject of an assessment, while it is a draft."
                        )
                    )
            if "self_comment" in fields_set:
                self._check_can_edit_self()
            if "review_comment" in fields_set:
                self._check_can_edit_review()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_not_confirmed()

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_step(self, state, step):
        """The evaluations are in ``state``, their period is open and the user
        takes ``step`` (self_assess / review / confirm)."""
        self.check_access("read")
        check = {
            "self_assess": "_is_self_assessor",
            "review": "_is_reviewer",
            "confirm": "_is_confirmer",
        }[step]
        for evaluation in self:
            if evaluation.state != state:
                raise UserError(evaluation._state_error(step))
            if evaluation.period_id.state != "open":
                raise UserError(
                    self.env._(
                        "The assessment period %(period)s is not open.",
                        period=evaluation.period_id.name,
                    )
                )
            if not getattr(evaluation, check)():
                raise AccessError(evaluation._role_error(step))

    def _state_error(self, step):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return self.env._(
            "%(evaluation)s is %(state)s: it cannot be %(step)s now.",
            evaluation=self.display_name,
            state=labels[self.state],
            step={
                "self_assess": self.env._("self-assessed"),
                "review": self.env._("reviewed"),
                "confirm": self.env._("confirmed"),
                "return": self.env._("returned"),
            }[step],
        )

    def _check_scored(self, field_name, label):
        for evaluation in self:
            missing = evaluation.line_ids.filtered(lambda line: not line[field_name])
            if missing or not evaluation.line_ids:
                raise UserError(
                    self.env._(
                        "%(evaluation)s: give the %(kind)s score of every "
                        "criterion first (missing: %(criteria)s).",
                        evaluation=evaluation.display_name,
                        kind=label,
                        criteria=", ".join(missing.criterion_id.mapped("name")) or "-",
                    )
                )

    def action_self_assess(self):
        self._check_step("draft", "self_assess")
        self._check_scored("self_score", self.env._("self-assessment"))
        self.sudo().write(
            {
                "state": "self_assessed",
                "self_assessed_by": self.env.uid,
                "self_assessed_date": fields.Date.context_today(self),
            }
        )

    def action_review(self):
        self._check_step("self_assessed", "review")
        self._check_scored(self._review_score_field, self.env._("review"))
        self.sudo().write(
            {
                "state": "reviewed",
                "reviewed_by": self.env.uid,
                "reviewed_date": fields.Date.context_today(self),
            }
        )

    def action_confirm(self):
        self._check_step("reviewed", "confirm")
        self.sudo().write(
            {
                "state": "confirmed",
                "confirmed_by": self.env.uid,
                "confirmed_date": fields.Date.context_today(self),
            }
        )
        self.env["cxzy.grade.history"].sudo().create(
            [evaluation.sudo()._history_values() for evaluation in self]
        )

    def action_return(self):
        """Send back one step: a self-assessed one to its self-assessor (by the
        reviewers), a reviewed one to its reviewers (by the leading group)."""
        self.check_access("read")
        for evaluation in self:
            if evaluation.state == "self_assessed":
                allowed = evaluation._is_reviewer()
                step = "review"
            elif evaluation.state == "reviewed":
                allowed = evaluation._is_confirmer()
                step = "confirm"
            else:
                raise UserError(evaluation._state_error("return"))
            if evaluation.period_id.state != "open":
                raise UserError(
                    self.env._(
                        "The assessment period %(period)s is not open.",
                        period=evaluation.period_id.name,
                    )
                )
            if not allowed:
                raise AccessError(evaluation._role_error(step))
        for evaluation in self:
            if evaluation.state == "self_assessed":
                evaluation.sudo().write(
                    {
                        "state": "draft",
                        "self_assessed_by": False,
                        "self_assessed_date": False,
                    }
                )
            else:
                evaluation.sudo().write(
                    {
                        "state": "self_assessed",
                        "reviewed_by": False,
                        "reviewed_date": False,
                    }
                )

    def _history_values(self):
        self.ensure_one()
        return {
            "period_id": self.period_id.id,
            "campaign_id": self.campaign_id.id,
            "company_id": self.company_id.id,
            "date": self.confirmed_date,
            "total": self.total,
        }

    # ------------------------------------------------------------------
    # The masses' appraisal
    # ------------------------------------------------------------------
    def _apply_masses_results(self, results):
        """Write the masses' scores found in ``results`` (see
        ``cxzy.assessment.period._masses_results``) on the lines of the
        evaluations that have not been reviewed yet."""
        if not results:
            return
        subject_type = (
            "organization" if self._subject_field == "organization_id" else "member"
        )
        open_ones = self.sudo().filtered(
            lambda e: e.state in ("draft", "self_assessed")
        )
        # One write per distinct result: the lines are updated in one batch.
        by_result = {}
        for evaluation in open_ones:
            subject_id = evaluation[self._subject_field].id
            for line in evaluation.line_ids:
                found = results.get(
                    (
                        evaluation.period_id.id,
                        subject_type,
                        subject_id,
                        line.criterion_id.id,
                    )
                )
                if found:
                    key = (found[0], float_round(found[1], 2))
                    by_result[key] = by_result.get(key, line.browse()) | line
        for (count, score), lines in by_result.items():
            lines.write({"masses_count": count, "masses_score": score})
