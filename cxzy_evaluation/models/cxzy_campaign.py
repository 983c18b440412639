# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models


class CxzyCampaign(models.Model):
    _inherit = "cxzy.campaign"

    assessment_period_ids = fields.One2many(
        "cxzy.assessment.period", "campaign_id", string="Assessment Periods"
    )
    assessment_period_count = fields.Integer(compute="_compute_assessment_period_count")

    def _compute_assessment_period_count(self):
        counts = dict(
            self.env["cxzy.assessment.period"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.assessment_period_count = counts.get(campaign, 0)

    @api.constrains("date_start", "date_end")
    def _check_assessment_periods_inside(self):
        """Moving the campaign's dates may not leave a period outside it."""
        self.env["cxzy.assessment.period"].sudo().search(
            [("campaign_id", "in", self.ids)]
        )._check_inside_campaign()

    @api.readonly
    def action_view_assessment_periods(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_assessment_period_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    @api.readonly
    @api.model
    def get_dashboard_data(self, campaign_id=False):
        """Everything the leading group's dashboard shows of one campaign (by
        default the latest running one), as plain values, in a fixed number of
        queries: see ``cxzy.campaign.dashboard``."""
        return self.env["cxzy.campaign.dashboard"]._get_data(campaign_id)
