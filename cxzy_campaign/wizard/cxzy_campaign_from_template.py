# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError


class CxzyCampaignFromTemplate(models.TransientModel):
    _name = "cxzy.campaign.from.template"
    _description = "New Campaign from Template"

    template_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        domain="[('is_template', '=', True)]",
        default=lambda self: self.env.ref(
            "cxzy_campaign.campaign_template_2010", raise_if_not_found=False
        ),
    )
    name = fields.Char(required=True)
    date_start = fields.Date(
        string="Start Date",
        required=True,
        help="Every phase and deadline of the template moves by the same number "
        "of days; each window keeps its length.",
    )
    organization_ids = fields.Many2many(
        "cxzy.party.organization",
        string="Participating Organisations",
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )

    def action_create(self):
        if len(self) != 1:
            raise UserError(self.env._("Fill in one form to create a campaign."))
        template = self.template_id
        if not template.is_template:
            raise UserError(
                self.env._(
                    "%(campaign)s is not a template: a campaign is created from "
                    "a template.",
                    campaign=template.name,
                )
            )
        campaign = self.env["cxzy.campaign"].create(
            {
                "name": self.name,
                "is_template": False,
                "date_start": self.date_start,
                "date_end": template.date_end + (self.date_start - template.date_start),
                "organization_ids": [fields.Command.set(self.organization_ids.ids)],
            }
        )
        campaign._copy_plan_from(template)
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxzy.campaign",
            "res_id": campaign.id,
            "view_mode": "form",
            "target": "current",
        }
