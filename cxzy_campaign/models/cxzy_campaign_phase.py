# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class CxzyCampaignPhase(models.Model):
    _name = "cxzy.campaign.phase"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Campaign Phase"
    _order = "campaign_id, sequence, date_start, id"
    #: a phase stays in its campaign (or template)
    _cxzy_owner_fields = ("campaign_id",)

    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text()
    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date", required=True)
    task_ids = fields.One2many("cxzy.campaign.task", "phase_id", string="Tasks")

    @api.constrains("date_start", "date_end", "campaign_id")
    def _check_dates(self):
        for phase in self:
            campaign = phase.campaign_id
            if phase.date_end < phase.date_start:
                raise ValidationError(
                    self.env._(
                        "Phase %(phase)s ends before it starts.", phase=phase.name
                    )
                )
            if (
                phase.date_start < campaign.date_start
                or phase.date_end > campaign.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "Phase %(phase)s (%(start)s – %(end)s) lies outside its "
                        "campaign %(campaign)s (%(campaign_start)s – "
                        "%(campaign_end)s).",
                        phase=phase.name,
                        start=phase.date_start,
                        end=phase.date_end,
                        campaign=campaign.name,
                        campaign_start=campaign.date_start,
                        campaign_end=campaign.date_end,
                    )
                )
        self.task_ids._check_deadline()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_worked_on(self):
        self.with_context(active_test=False).task_ids._check_no_work_lost()

    def _shifted_values(self, delta):
        """Values to copy this phase and its tasks, dates shifted by ``delta``."""
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "name": self.name,
            "description": self.description,
            "date_start": self.date_start + delta,
            "date_end": self.date_end + delta,
            "task_ids": [
                Command.create(task._shifted_values(delta)) for task in self.task_ids
            ],
        }
