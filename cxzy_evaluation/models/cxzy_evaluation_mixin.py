# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).


from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_round
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

EVALUATION_STATES = [
    ("draft", _lt("Draft")),
    ("self_assessed", _lt("Self-assessed")),
    ("reviewed", _lt("Reviewed")),
    ("confirmed", _lt("Confirmed")),
]


class CxzyEvaluationMixin(models.AbstractModel):
    """What an organisation's assessment and a member's appraisal share: a
    period, one line per criterion scored by three sources, a weighted total,
    and the steps draft → self-assessed → reviewed → confirmed. A confirmed one
    is history: nobody changes or deletes it.

    The steps are declared once, below; the concrete models define the subject
    field, ``line_ids``, the result (tier or grade) and the record-level rules
    (who is the subject's side, who reviews, what is one's own)."""

    _name = "cxzy.evaluation.mixin"
    _description = "Assessment or Appraisal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    # Whoever reads an assessment may discuss it, even once it is confirmed.
    _mail_post_access = "read"

    _cxzy_states = EVALUATION_STATES
    #: the self-assessment waits for its reviewers, the review for the
    #: leading group's confirmation
    _cxzy_waits = {"self_assessed": ("review",), "reviewed": ("confirm",)}
    _cxzy_steps = (
        Step(
            "self_assess",
            _lt("Submit Self-assessment"),
            ("draft",),
            "self_assessed",
            rule="_is_self_assessor",
            who=_lt("the subject's side or the campaign office"),
            sets=("self_assessed_by", "self_assessed_date"),
        ),
        Step(
            "review",
            _lt("Review"),
            ("self_assessed",),
            "reviewed",
            rule="_is_reviewer",
            who=_lt("its reviewers"),
            not_own=True,
            sets=("reviewed_by", "reviewed_date"),
        ),
        Step(
            "confirm",
            _lt("Confirm"),
            ("reviewed",),
            "confirmed",
            groups=("cxzy_campaign.group_cxzy_leading",),
            not_own=True,
            sets=("confirmed_by", "confirmed_date"),
        ),
        Step(
            "return_self_assessment",
            _lt("Return to Self-assessment"),
            ("self_assessed",),
            "draft",
            rule="_is_reviewer",
            who=_lt("its reviewers"),
            not_own=True,
            sets=("self_assessed_by", "self_assessed_date"),
            method="action_return",
        ),
        Step(
            "return_review",
            _lt("Return to Review"),
            ("reviewed",),
            "self_assessed",
            groups=("cxzy_campaign.group_cxzy_leading",),
            not_own=True,
            sets=("reviewed_by", "reviewed_date"),
            method="action_return",
        ),
    )
    _cxzy_locked_states = ("confirmed",)
    _cxzy_owner_fields = ("period_id",)

    # Field of the subject (organization_id / member_id) and of the review score
    # on the lines (committee_score / branch_score).
    _subject_field = None
    _review_score_field = None
    # The stored results that the confirmation recomputes before it keeps them.
    _result_fields = ("total",)

    period_id = fields.Many2one(
        "cxzy.assessment.period",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        readonly=True,
    )
    period_state = fields.Selection(related="period_id.state", string="Period State")
    campaign_id = fields.Many2one(
        compute="_compute_campaign_id",
        store=True,
        readonly=True,
        precompute=True,
        default=None,
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
    can_self_assess = fields.Boolean(compute="_compute_cxzy_can")
    can_review = fields.Boolean(compute="_compute_cxzy_can")
    can_confirm = fields.Boolean(compute="_compute_cxzy_can")
    can_return_self_assessment = fields.Boolean(compute="_compute_cxzy_can")
    can_return_review = fields.Boolean(compute="_compute_cxzy_can")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("period_id")
    def _compute_campaign_id(self):
        for evaluation in self:
            evaluation.campaign_id = evaluation.period_id.campaign_id

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

    @api.depends("state", "period_id.state")
    @api.depends_context("uid")
    def _compute_cxzy_can(self):
        return super()._compute_cxzy_can()

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
    # Who may do what (the rules of the table; the concrete models say who)
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _is_self_assessor(self):
        raise NotImplementedError

    def _is_reviewer(self):
        raise NotImplementedError

    def _cxzy_refusal(self, step):
        """The table's refusal, and no step outside an open period."""
        refusal = super()._cxzy_refusal(step)
        if refusal is None and self.sudo().period_id.state != "open":
            return self._period_not_open()
        return refusal

    def _period_not_open(self):
        return self.env._(
            "The assessment period %(period)s is not open.",
            period=self.sudo().period_id.name,
        )

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    def _check_not_confirmed(self):
        """Confirmed ones are history: not even server code changes them."""
        confirmed = self.filtered(lambda e: e.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "%(evaluation)s has been confirmed by the leading group and can "
                    "no longer be changed or deleted.",
                    evaluation=confirmed[0].display_name,
                )
            )

    def _check_can_score(self, step_name, kind):
        """The scores and comment of one side (``kind``): given by whoever may
        take ``step_name`` (the self-assessment by the subject's side, the
        review by the reviewers), in that step's state, in an open period."""
        if self.env.su:
            return
        step = self._cxzy_step(step_name)
        for evaluation in self:
            if evaluation.state not in step.from_states:
                raise UserError(
                    self.env._(
                        "%(evaluation)s is %(state)s: its %(kind)s cannot change now.",
                        evaluation=evaluation.display_name,
                        state=evaluation._cxzy_state_label(evaluation.state),
                        kind=kind,
                    )
                )
            if evaluation.sudo().period_id.state != "open":
                raise UserError(evaluation._period_not_open())
            if evaluation._cxzy_refusal(step):
                raise AccessError(
                    self.env._(
                        "The %(kind)s of %(evaluation)s is given only by %(who)s.",
                        kind=kind,
                        evaluation=evaluation.display_name,
                        who=evaluation._cxzy_who(step),
                    )
                )

    def write(self, vals):
        fields_set = set(vals) - self._cxzy_free_fields()
        if fields_set:
            self._check_not_confirmed()
        if not self.env.su and fields_set:
            # Who may not write at all hears so first.
            self.check_access("write")
            if "self_comment" in fields_set:
                self._check_can_score("self_assess", self.env._("self-assessment"))
            if "review_comment" in fields_set:
                self._check_can_score("review", self.env._("review"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_not_confirmed()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _check_scored(self, field_name, label):
        for evaluation in self:
            lines = evaluation.sudo().line_ids
            missing = lines.filtered(lambda line: not line[field_name])
            if missing or not lines:
                raise UserError(
                    self.env._(
                        "%(evaluation)s: give the %(kind)s score of every "
                        "criterion first (missing: %(criteria)s).",
                        evaluation=evaluation.display_name,
                        kind=label,
                        criteria=", ".join(missing.criterion_id.mapped("name")) or "-",
                    )
                )

    def _cxzy_check_self_assess(self):
        self._check_scored("self_score", self.env._("self-assessment"))

    def _cxzy_check_review(self):
        self._check_scored(self._review_score_field, self.env._("review"))

    def _step_values(self, who_field, date_field):
        return {
            who_field: self.env.uid,
            date_field: fields.Date.context_today(self),
        }

    def action_self_assess(self):
        return self._cxzy_do(
            "self_assess", self._step_values("self_assessed_by", "self_assessed_date")
        )

    def action_review(self):
        return self._cxzy_do(
            "review", self._step_values("reviewed_by", "reviewed_date")
        )

    def action_confirm(self):
        """Confirm, recompute the results from the scores and keep them in the
        grades over time: whatever a result field holds, the history gets what
        the scores give."""
        self._cxzy_do("confirm", self._step_values("confirmed_by", "confirmed_date"))
        confirmed = self.sudo()
        confirmed._recompute_results()
        self.env["cxzy.grade.history"].sudo().create(
            [evaluation._history_values() for evaluation in confirmed]
        )
        return True

    def _recompute_results(self):
        """Recompute the lines' scores and the results of ``self`` from the
        scores, now."""
        lines = self.line_ids
        for name in ("line_score", "passed"):
            self.env.add_to_compute(lines._fields[name], lines)
        for name in self._result_fields:
            self.env.add_to_compute(self._fields[name], self)
        self.env.flush_all()

    def action_return(self):
        """Send back one step: a self-assessed one to its self-assessor (by the
        reviewers), a reviewed one to its reviewers (by the leading group)."""
        to_self = self.filtered(lambda e: e.state == "self_assessed")
        to_review = self - to_self
        if to_review or not self:
            to_review._cxzy_check("return_review")
        if to_self:
            to_self._cxzy_do(
                "return_self_assessment",
                {"self_assessed_by": False, "self_assessed_date": False},
            )
        if to_review:
            to_review._cxzy_do(
                "return_review", {"reviewed_by": False, "reviewed_date": False}
            )
        return True

    def _cxzy_lock(self):
        """The engine's row lock, reading the locked rows' state in the same
        query (a step is often taken on a whole period at once)."""
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "SELECT id, state FROM %s WHERE id IN %s FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        states = dict(self.env.cr.fetchall())
        self.env.cache.update(
            self, self._fields["state"], [states.get(id_) for id_ in self._ids]
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
        ``cxzy.assessment.period._masses_results``: the closed appraisal
        rounds of the period) on the lines of the evaluations that have not
        been reviewed yet. Server code only: nobody types them."""
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
                    count = max(int(found[0] or 0), 0)
                    key = (count, float_round(found[1], 2) if count else 0.0)
                    by_result[key] = by_result.get(key, line.browse()) | line
        for (count, score), lines in by_result.items():
            lines.write({"masses_count": count, "masses_score": score})
