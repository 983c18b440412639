# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: Nominations that take a place of the quota.
DECIDED_STATES = ("decided", "commended")


class CxzyAwardQuota(models.Model):
    """How many of an award the leading group may confer in a campaign (名额).
    Enforced when the leading group decides a nomination."""

    _name = "cxzy.award.quota"
    _description = "Award Quota"
    _order = "campaign_id desc, award_type_id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('is_template', '=', False)]",
    )
    award_type_id = fields.Many2one(
        "cxzy.award.type", string="Award", required=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    quota = fields.Integer(required=True, default=1)
    decided_count = fields.Integer(
        string="Decided",
        compute="_compute_decided_count",
        help="Nominations of the award decided or commended in the campaign.",
    )
    remaining = fields.Integer(compute="_compute_decided_count")

    _sql_constraints = [
        (
            "campaign_award_uniq",
            "unique(campaign_id, award_type_id)",
            "An award has one quota per campaign.",
        ),
        ("quota_check", "CHECK(quota >= 0)", "A quota cannot be negative."),
    ]

    @api.depends("campaign_id", "award_type_id")
    def _compute_display_name(self):
        for quota in self:
            quota.display_name = (
                f"{quota.award_type_id.name or ''} — {quota.campaign_id.name or ''}"
            )

    def _decided_counts(self):
        """{(campaign id, award type id): decided nominations}, archived ones
        included: an archived honour was still conferred."""
        groups = (
            self.env["cxzy.nomination"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("campaign_id", "in", self.campaign_id.ids),
                    ("award_type_id", "in", self.award_type_id.ids),
                    ("state", "in", DECIDED_STATES),
                ],
                ["campaign_id", "award_type_id"],
                ["__count"],
            )
        )
        return {(campaign.id, award.id): count for campaign, award, count in groups}

    def _compute_decided_count(self):
        counts = self._decided_counts()
        for quota in self:
            count = counts.get((quota.campaign_id.id, quota.award_type_id.id), 0)
            quota.decided_count = count
            quota.remaining = max(quota.quota - count, 0)

    @api.constrains("quota", "campaign_id", "award_type_id")
    def _check_quota(self):
        counts = self._decided_counts()
        for quota in self:
            if quota.quota < 0:
                raise ValidationError(self.env._("A quota cannot be negative."))
            if quota.campaign_id.is_template:
                raise ValidationError(
                    self.env._(
                        "%(campaign)s is a template: quotas belong to a campaign "
                        "that is run.",
                        campaign=quota.campaign_id.name,
                    )
                )
            count = counts.get((quota.campaign_id.id, quota.award_type_id.id), 0)
            if quota.quota < count:
                raise ValidationError(
                    self.env._(
                        "%(count)s nominations for %(award)s have already been "
                        "decided in %(campaign)s: the quota cannot be lower.",
                        count=count,
                        award=quota.award_type_id.name,
                        campaign=quota.campaign_id.name,
                    )
                )
