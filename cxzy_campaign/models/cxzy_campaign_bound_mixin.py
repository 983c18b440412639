# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: what a campaign field offers: the campaigns that run (never a template,
#: nor one not started or closed); the multi-company rule on cxzy.campaign
#: keeps them to the user's companies
RUNNING_CAMPAIGNS = [("is_template", "=", False), ("state", "=", "running")]


class CxzyCampaignBoundMixin(models.AbstractModel):
    """A record that belongs to a campaign that is run, never to a template:
    pledges, demonstration posts, pairings, documents, evaluations, exemplars,
    nominations. ``campaign_id`` and ``company_id`` are declared here, once:
    the default is the running campaign of the current company, templates are
    refused, and the company is the campaign's."""

    _name = "cxzy.campaign.bound.mixin"
    _description = "Record of a Running Campaign"

    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        # The record's company is the campaign's (``company_id`` below), so a
        # company check of the campaign against it is circular; its domain
        # would name ``company_id``, which a form shows to multi-company users
        # only, and the field could not be searched by anyone else. The
        # campaign's multi-company rule keeps the choice to the user's
        # companies.
        check_company=False,
        domain=RUNNING_CAMPAIGNS,
        default=lambda self: self._default_campaign_id(),
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, string="Company"
    )

    @api.model
    def _default_campaign_id(self):
        """The running campaign of the user's current company: the only one,
        or the latest started."""
        return self.env["cxzy.campaign"].search(
            RUNNING_CAMPAIGNS + [("company_id", "=", self.env.company.id)],
            order="date_start desc, id desc",
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
