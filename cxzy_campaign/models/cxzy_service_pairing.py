# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CxzyServicePairing(models.Model):
    """A branch paired with a grassroots unit it helps (结对帮扶)."""

    _name = "cxzy.service.pairing"
    _description = "Service Pairing"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.campaign.bound.mixin"]
    _order = "state, date_start desc, id desc"
    _check_company_auto = True

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Grassroots Unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="The village, community or enterprise the branch serves.",
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('is_template', '=', False)]",
    )
    goals = fields.Html(sanitize=True)
    date_start = fields.Date(
        string="Paired Since",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")],
        default="active",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    record_ids = fields.One2many(
        "cxzy.service.record", "pairing_id", string="Service Records"
    )
    record_count = fields.Integer(compute="_compute_record_stats")
    people_served = fields.Integer(compute="_compute_record_stats")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("organization_id.name", "partner_id.name")
    def _compute_display_name(self):
        for pairing in self:
            pairing.display_name = " ↔ ".join(
                name
                for name in (pairing.organization_id.name, pairing.partner_id.name)
                if name
            )

    def _compute_record_stats(self):
        groups = self.env["cxzy.service.record"]._read_group(
            [("pairing_id", "in", self.ids)],
            ["pairing_id"],
            ["__count", "people_served:sum"],
        )
        stats = {pairing: (count, people) for pairing, count, people in groups}
        for pairing in self:
            pairing.record_count, pairing.people_served = stats.get(pairing, (0, 0))

    @api.constrains("organization_id")
    def _check_branch(self):
        for pairing in self:
            if pairing.organization_id.kind not in ("branch", "general_branch"):
                raise ValidationError(
                    self.env._(
                        "%(organization)s is not a Party branch: service pairings "
                        "are made by branches and general branches.",
                        organization=pairing.organization_id.name,
                    )
                )

    def _check_state(self, allowed):
        wrong = self.filtered(lambda pairing: pairing.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(pairing)s is %(state)s: this step is not possible now.",
                    pairing=wrong[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_close(self):
        self._check_state(("active",))
        self.write({"state": "closed", "date_end": fields.Date.context_today(self)})

    def action_reopen(self):
        self._check_state(("closed",))
        self.write({"state": "active", "date_end": False})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_records(self):
        with_records = self.filtered("record_ids")
        if with_records:
            raise UserError(
                self.env._(
                    "%(pairing)s has service records and cannot be deleted. Close "
                    "it instead.",
                    pairing=with_records[0].display_name,
                )
            )

    def action_view_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_service_record_action"
        )
        action["domain"] = [("pairing_id", "=", self.id)]
        action["context"] = {"default_pairing_id": self.id}
        return action
