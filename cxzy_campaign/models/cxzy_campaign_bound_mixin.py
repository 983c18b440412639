# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models
from odoo.exceptions import ValidationError


class CxzyCampaignBoundMixin(models.AbstractModel):
    """A record that belongs to a campaign that is run, never to a template:
    pledges, demonstration posts, pairings, exemplars, nominations. The model
    declares its own ``campaign_id``; the mixin gives the default (the running
    campaign of the current company) and refuses templates."""

    _name = "cxzy.campaign.bound.mixin"
    _description = "Record of a Running Campaign"

    @api.model
    def _default_campaign_id(self):
        return self.env["cxzy.campaign"].search(
            [
                ("is_template", "=", False),
                ("state", "=", "running"),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )

    @api.constrains("campaign_id")
    def _check_campaign_not_template(self):
        templates = self.campaign_id.filtered("is_template")
        if templates:
            raise ValidationError(
                self.env._(
                    "%(campaign)s is a template: create a campaign from it and "
                    "record the work in that campaign.",
                    campaign=templates[0].name,
                )
            )
