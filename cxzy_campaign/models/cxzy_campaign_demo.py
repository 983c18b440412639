# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models


class CxzyCampaignDemo(models.AbstractModel):
    """Builders of the demo data, kept out of the business models: they write
    as the system what in real life the branches did over months."""

    _name = "cxzy.campaign.demo"
    _description = "Campaign Demo Data Builder"

    @api.model
    def _demo_archive_odoo_placeholders(self):
        """Odoo's own HR demo (Mitchell Admin, Ronnie Hart, … with US phone
        numbers) has no place in a Chinese agency's staff list: archived, so
        the agency's directory is its own 74 staff."""
        placeholders = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "hr"), ("model", "=", "hr.employee")])
        )
        self.env["hr.employee"].sudo().browse(
            placeholders.mapped("res_id")
        ).exists().write({"active": False})

    @api.model
    def _demo_complete_past_work(self, campaign_ids):
        """The assignments whose deadline has passed are done, but for one
        branch that lags behind, so the office sees overdue work."""
        campaigns = self.env["cxzy.campaign"].sudo().browse(campaign_ids)
        today = fields.Date.context_today(self)
        past = campaigns.assignment_ids.filtered(
            lambda a: a.state in ("todo", "in_progress") and a.deadline < today
        )
        lagging = past.organization_id.sorted("id")[-1:]
        for assignment in past.filtered(lambda a: a.organization_id != lagging):
            assignment.write(
                {
                    "state": "done",
                    "date_done": assignment.deadline,
                    "completion_note": "<p>按计划完成。</p>",
                }
            )
        return True
