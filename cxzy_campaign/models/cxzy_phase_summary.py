# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"
COMMITTEE = "cxzy_campaign.group_cxzy_committee"


class CxzyPhaseSummary(models.Model):
    """What an organisation did in one phase of a campaign (阶段小结)."""

    _name = "cxzy.phase.summary"
    _description = "Phase Summary"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.workflow.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.unique.pair.mixin",
    ]
    _cxzy_unique_pair = ("organization_id", "phase_id")
    _order = "campaign_id, phase_id, organization_id, id"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("submitted", _lt("Submitted")),
        ("accepted", _lt("Accepted")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            _lt("Submit"),
            ("draft",),
            "submitted",
            groups=(SECRETARY,),
            rule="_is_organization_secretary",
            who=_lt("the secretaries of the organisation or the campaign office"),
            sets=("submitted_date",),
        ),
        Step(
            "accept",
            _lt("Accept"),
            ("submitted",),
            "accepted",
            groups=(COMMITTEE,),
            sets=("accepted_date", "accepted_by_id"),
        ),
        Step(
            "return",
            _lt("Return"),
            ("submitted",),
            "draft",
            groups=(COMMITTEE,),
            sets=("submitted_date", "return_reason", "returned_date"),
        ),
    )
    #: the committee reviews a submitted summary; a returned one waits for its
    #: secretaries to submit it again
    _cxzy_waits = {"submitted": ("accept",), "draft": ("submit",)}
    _cxzy_owner_fields = ("organization_id", "campaign_id", "phase_id")
    _cxzy_locked_states = ("submitted", "accepted")

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    campaign_id = fields.Many2one(readonly=True)
    phase_id = fields.Many2one(
        "cxzy.campaign.phase",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('campaign_id', '=', campaign_id)]",
        tracking=True,
    )
    content = fields.Html(sanitize=True)
    submitted_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    return_reason = fields.Text(
        string="Reason for Return",
        readonly=True,
        copy=False,
        help="Why the committee returned the summary: what to complete before "
        "submitting it again.",
    )
    returned_date = fields.Date(string="Returned On", readonly=True, copy=False)
    accepted_date = fields.Date(string="Accepted On", readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    measure_ids = fields.One2many(
        "cxzy.improvement.measure",
        "phase_summary_id",
        string="Improvement Measures",
    )
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_accept = fields.Boolean(compute="_compute_cxzy_can")
    can_return = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "organization_phase_uniq",
            "unique(organization_id, phase_id)",
            "An organisation writes one summary per phase.",
        ),
    ]

    @api.depends("organization_id", "phase_id")
    def _compute_display_name(self):
        for summary in self:
            summary.display_name = self.env._(
                "%(organization)s: %(phase)s",
                organization=summary.organization_id.name or "",
                phase=summary.phase_id.name or "",
            )

    @api.onchange("campaign_id")
    def _onchange_campaign_id(self):
        if self.phase_id.campaign_id != self.campaign_id:
            self.phase_id = self.campaign_id.current_phase_id

    @api.constrains("phase_id", "campaign_id")
    def _check_phase(self):
        for summary in self:
            if summary.phase_id.campaign_id != summary.campaign_id:
                raise ValidationError(
                    self.env._(
                        "The phase %(phase)s does not belong to the campaign "
                        "%(campaign)s.",
                        phase=summary.phase_id.name,
                        campaign=summary.campaign_id.name,
                    )
                )

    def _cxzy_unique_pair_message(self, organization, phase):
        return self.env._(
            "%(organization)s already has a summary of the phase %(phase)s.",
            organization=organization.name,
            phase=phase.name,
        )

    def _is_organization_secretary(self):
        return self._cxzy_office_or_secretary_of("organization_id")

    def _cxzy_check_submit(self):
        for summary in self:
            if is_html_empty(summary.content):
                raise UserError(
                    self.env._(
                        "Write the summary of %(organization)s before submitting it.",
                        organization=summary.organization_id.name,
                    )
                )

    def action_submit(self):
        return self._cxzy_do(
            "submit", {"submitted_date": fields.Date.context_today(self)}
        )

    def _cxzy_waiting_steps(self):
        # a draft waits for its secretaries only once the committee returned it
        if self.state == "draft" and not self.return_reason:
            return ()
        return super()._cxzy_waiting_steps()

    def _cxzy_todo_tiers(self, step):
        if step.name == "submit":
            return self._cxzy_manager_tiers("organization_id")
        return super()._cxzy_todo_tiers(step)

    def action_accept(self, comment=None):
        """The committee accepts a submitted summary."""
        comment = comment.strip() if isinstance(comment, str) else ""
        return self._cxzy_do(
            "accept",
            {
                "accepted_date": fields.Date.context_today(self),
                "accepted_by_id": self.env.user.id,
            },
            opinion=comment,
        )

    def action_return(self, comment=None):
        """The committee sends a submitted summary back to its organisation,
        with the reason: the secretaries complete it and submit it again."""
        comment = comment.strip() if isinstance(comment, str) else ""
        if not comment:
            self._cxzy_check("return")
            raise UserError(
                self.env._(
                    "Give the reason for returning the summary: its "
                    "organisation needs it to complete the summary."
                )
            )
        return self._cxzy_do(
            "return",
            {
                "submitted_date": False,
                "return_reason": comment,
                "returned_date": fields.Date.context_today(self),
            },
            opinion=comment,
        )

    def action_open_return(self):
        return self.env["cxzy.document.step"]._open_for(self, "return")
