# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty


class CxzyPhaseSummary(models.Model):
    """What an organisation did in one phase of a campaign (阶段小结)."""

    _name = "cxzy.phase.summary"
    _description = "Phase Summary"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.unique.pair.mixin"]
    _cxzy_unique_pair = ("organization_id", "phase_id")
    _order = "campaign_id, phase_id, organization_id, id"
    _check_company_auto = True

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_template', '=', False)]",
        tracking=True,
    )
    phase_id = fields.Many2one(
        "cxzy.campaign.phase",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('campaign_id', '=', campaign_id)]",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    content = fields.Html(sanitize=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    submitted_date = fields.Date(string="Submitted On", readonly=True, copy=False)

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            {"state", "submitted_date"} & set(vals) for vals in vals_list
        ):
            raise UserError(self.env._("A phase summary starts as a draft."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if {"state", "submitted_date"} & set(vals):
                raise UserError(
                    self.env._(
                        "The status of a phase summary changes through its buttons "
                        "only."
                    )
                )
            submitted = self.filtered(lambda s: s.state == "submitted")
            if submitted:
                raise UserError(
                    self.env._(
                        "The summary of %(organization)s has been submitted and "
                        "can no longer be changed.",
                        organization=submitted[0].organization_id.name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        submitted = self.filtered(lambda s: s.state == "submitted")
        if submitted:
            raise UserError(
                self.env._(
                    "The summary of %(organization)s has been submitted and cannot "
                    "be deleted.",
                    organization=submitted[0].organization_id.name,
                )
            )

    def action_submit(self):
        self.check_access("read")
        for summary in self:
            if summary.state != "draft":
                raise UserError(
                    self.env._(
                        "The summary of %(organization)s has already been submitted.",
                        organization=summary.organization_id.name,
                    )
                )
            if is_html_empty(summary.content):
                raise UserError(
                    self.env._(
                        "Write the summary of %(organization)s before submitting it.",
                        organization=summary.organization_id.name,
                    )
                )
        self.check_access("write")
        self.sudo().write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )

    def action_reset_draft(self):
        """The committee sends a submitted summary back to its organisation."""
        if not (
            self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_committee")
        ):
            raise UserError(
                self.env._("Only the agency Party committee returns phase summaries.")
            )
        self.check_access("read")
        for summary in self:
            if summary.state != "submitted":
                raise UserError(
                    self.env._(
                        "The summary of %(organization)s is still a draft.",
                        organization=summary.organization_id.name,
                    )
                )
        self.sudo().write({"state": "draft", "submitted_date": False})
