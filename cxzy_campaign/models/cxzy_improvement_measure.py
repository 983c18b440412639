# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""查找不足、改进措施: the shortcomings a summary finds and the measures
taken against them, each with its owner and deadline, followed up to done."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

OFFICE = "cxzy_campaign.group_cxzy_office"


class CxzyImprovementMeasure(models.Model):
    """An improvement measure of a summary (a branch's phase summary or the
    campaign's summary)."""

    _name = "cxzy.improvement.measure"
    _description = "Improvement Measure"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.workflow.mixin"]
    _order = "state, deadline, id"
    _check_company_auto = True

    _cxzy_states = [
        ("open", _lt("Open")),
        ("done", _lt("Done")),
    ]
    _cxzy_steps = (
        Step(
            "done",
            _lt("Mark Done"),
            ("open",),
            "done",
            rule="_cxzy_rule_owner_or_office",
            who=_lt("the owner of the measure or the campaign office"),
            sets=("done_note", "done_date", "done_by_id"),
        ),
        Step(
            "reopen",
            _lt("Reopen"),
            ("done",),
            "open",
            groups=(OFFICE,),
            sets=("done_note", "done_date", "done_by_id"),
        ),
    )
    _cxzy_waits = {"open": ("done",)}
    _cxzy_owner_fields = ("campaign_summary_id", "phase_summary_id")
    _cxzy_locked_states = ("done",)

    name = fields.Text(string="Measure", required=True, tracking=True)
    shortcoming = fields.Text(help="The shortcoming found (查找不足).")
    campaign_summary_id = fields.Many2one(
        "cxzy.campaign.summary",
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    phase_summary_id = fields.Many2one(
        "cxzy.phase.summary",
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        compute="_compute_origin",
        store=True,
        index=True,
        precompute=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        compute="_compute_origin",
        store=True,
        index=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_origin",
        store=True,
        index=True,
        precompute=True,
    )
    owner_employee_id = fields.Many2one(
        "hr.employee", string="Owner", tracking=True, check_company=True
    )
    owner_user_id = fields.Many2one(
        "res.users",
        string="Owner's User",
        compute="_compute_owner_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
    )
    deadline = fields.Date(required=True, tracking=True)
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    done_note = fields.Text(string="Note on Completion", readonly=True, copy=False)
    done_date = fields.Date(string="Done On", readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    can_done = fields.Boolean(compute="_compute_cxzy_can")
    can_reopen = fields.Boolean(compute="_compute_cxzy_can")

    @api.depends(
        "campaign_summary_id.campaign_id",
        "phase_summary_id.campaign_id",
        "phase_summary_id.organization_id",
    )
    def _compute_origin(self):
        for measure in self:
            summary = measure.phase_summary_id or measure.campaign_summary_id
            measure.campaign_id = summary.campaign_id
            measure.company_id = summary.company_id
            measure.organization_id = measure.phase_summary_id.organization_id

    @api.depends("owner_employee_id")
    def _compute_owner_user_id(self):
        for measure in self:
            if measure.owner_employee_id.user_id:
                measure.owner_user_id = measure.owner_employee_id.user_id

    @api.depends("deadline", "state")
    @api.depends_context("uid")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for measure in self:
            measure.is_overdue = (
                measure.state == "open"
                and bool(measure.deadline)
                and measure.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = [
            ("state", "=", "open"),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.constrains("campaign_summary_id", "phase_summary_id")
    def _check_one_summary(self):
        for measure in self:
            if bool(measure.campaign_summary_id) == bool(measure.phase_summary_id):
                raise ValidationError(
                    self.env._(
                        "An improvement measure belongs to one summary: a phase "
                        "summary or the campaign's summary."
                    )
                )

    @api.depends("name")
    def _compute_display_name(self):
        for measure in self:
            text = (measure.name or "").strip().splitlines()
            measure.display_name = text[0][:60] if text else ""

    # ------------------------------------------------------------------
    # Only while the summary is being written
    # ------------------------------------------------------------------
    def _cxzy_check_summary_open(self):
        """Measures are set down with their summary: once it is submitted or
        issued, they change only through their steps."""
        for measure in self:
            summary = measure.phase_summary_id or measure.campaign_summary_id
            if summary.state != "draft":
                raise UserError(
                    self.env._(
                        "%(summary)s is %(state)s: its improvement measures are "
                        "on record and change only by being marked done. Nothing "
                        "was saved.",
                        summary=summary.display_name,
                        state=summary._cxzy_state_label(summary.state),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        measures = super().create(vals_list)
        # the constraint is not run when neither summary is given
        measures._check_one_summary()
        if not self.env.su:
            measures._cxzy_check_summary_open()
        return measures

    def write(self, vals):
        if not self.env.su and set(vals) - self._cxzy_free_fields():
            self._cxzy_check_summary_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_summary_open(self):
        if not self.env.su:
            self._cxzy_check_summary_open()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _cxzy_rule_owner_or_office(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group(OFFICE)
            or (bool(self.owner_user_id) and self.owner_user_id == user)
        )

    def _cxzy_todo_tiers(self, step):
        if step.name == "done":
            office = self._cxzy_group_users((OFFICE,))
            return [self.sudo().owner_user_id, office]
        return super()._cxzy_todo_tiers(step)

    def _cxzy_todo_deadline(self, step):
        return self.deadline

    def action_done(self, note=None):
        """The owner (or the office) marks the measure done, with a note on
        what was done."""
        note = note.strip() if isinstance(note, str) else ""
        if not note:
            self._cxzy_check("done")
            raise UserError(
                self.env._(
                    "Say what was done: the note on completion is kept with the "
                    "measure."
                )
            )
        return self._cxzy_do(
            "done",
            {
                "done_note": note,
                "done_date": fields.Date.context_today(self),
                "done_by_id": self.env.user.id,
            },
            opinion=note,
        )

    def action_reopen(self, comment=None):
        comment = comment.strip() if isinstance(comment, str) else ""
        return self._cxzy_do(
            "reopen",
            {"done_note": False, "done_date": False, "done_by_id": False},
            opinion=comment,
        )

    def action_open_done(self):
        return self.env["cxzy.document.step"]._open_for(self, "done")
