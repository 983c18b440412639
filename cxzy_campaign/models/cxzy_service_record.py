# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

#: more people than one visit serves: a typing error, refused
MAX_PEOPLE = 10**7


class CxzyServiceRecord(models.Model):
    """One visit of a branch to the grassroots unit it is paired with. Its
    pairing is fixed once created (``cxzy.guard.mixin``); the branch, unit,
    campaign and company are its pairing's."""

    _name = "cxzy.service.record"
    _description = "Service Record"
    _inherit = ["mail.thread", "cxzy.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _cxzy_owner_fields = ("pairing_id",)

    pairing_id = fields.Many2one(
        "cxzy.service.pairing",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    organization_id = fields.Many2one(
        related="pairing_id.organization_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="pairing_id.partner_id", store=True)
    campaign_id = fields.Many2one(
        related="pairing_id.campaign_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="pairing_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(
        string="Visit Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    problems_found = fields.Text()
    help_given = fields.Text()
    people_served = fields.Integer(tracking=True)
    status = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("follow_up", "Follow-up Needed")],
        default="planned",
        required=True,
        tracking=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_service_record_attachment_rel",
        "record_id",
        "attachment_id",
        string="Attachments",
    )

    @api.depends("pairing_id.display_name", "date")
    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"{record.pairing_id.display_name} {record.date or ''}".strip()
            )

    @api.constrains("people_served")
    def _check_people_served(self):
        for record in self:
            if record.people_served < 0:
                raise ValidationError(
                    self.env._(
                        "The number of people served cannot be negative "
                        "(%(pairing)s, %(date)s).",
                        pairing=record.pairing_id.display_name,
                        date=record.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            self._cxzy_whole_numbers(vals, ["people_served"], maximum=MAX_PEOPLE)
            for vals in vals_list
        ]
        pairing_ids = set()
        for vals in vals_list:
            try:
                pairing_ids.add(int(vals.get("pairing_id") or 0))
            except (TypeError, ValueError):
                continue
        pairings = self.env["cxzy.service.pairing"].browse(pairing_ids - {0}).exists()
        closed = pairings.filtered(lambda pairing: pairing.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "%(pairing)s is closed: reopen it to record another visit.",
                    pairing=closed[0].display_name,
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        return super().write(
            self._cxzy_whole_numbers(vals, ["people_served"], maximum=MAX_PEOPLE)
        )
