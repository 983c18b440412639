# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

from .cxzy_member_appraisal import GRADES
from .cxzy_org_assessment import TIERS


class CxzyGradeHistory(models.Model):
    """The tier of an organisation or the grade of a member in a period, kept
    as it was when the leading group confirmed it (晋档升级). Written by the
    confirmation only; later changes to periods, criteria or organisations do
    not touch it."""

    _name = "cxzy.grade.history"
    _description = "Grade over Time"
    _order = "date desc, subject_type, id"
    _rec_name = "period_id"
    _check_company_auto = True

    period_id = fields.Many2one(
        "cxzy.assessment.period",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    campaign_id = fields.Many2one("cxzy.campaign", index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    subject_type = fields.Selection(
        [("organization", "Organisation"), ("member", "Member")],
        string="Subject",
        required=True,
        readonly=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization", string="Organisation", index=True, readonly=True
    )
    member_id = fields.Many2one("cxzy.party.member", index=True, readonly=True)
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        index=True,
        readonly=True,
        help="The organisation itself, or the member's branch at the time.",
    )
    assessment_id = fields.Many2one(
        "cxzy.org.assessment", ondelete="set null", readonly=True
    )
    appraisal_id = fields.Many2one(
        "cxzy.member.appraisal", ondelete="set null", readonly=True
    )
    tier = fields.Selection(TIERS, readonly=True)
    grade = fields.Selection(GRADES, readonly=True)
    level = fields.Integer(
        readonly=True,
        aggregator=False,
        help="Rank of the tier (1 lagging – 3 advanced) or of the grade "
        "(1 unqualified – 4 excellent).",
    )
    five_goods = fields.Boolean(readonly=True)
    five_models = fields.Boolean(readonly=True)
    total = fields.Float(digits=(5, 2), readonly=True, aggregator="avg")
    date = fields.Date(string="Confirmed On", readonly=True)

    _sql_constraints = [
        (
            "period_organization_uniq",
            "unique(period_id, organization_id)",
            "An organisation has one tier per period.",
        ),
        (
            "period_member_uniq",
            "unique(period_id, member_id)",
            "A member has one grade per period.",
        ),
        (
            "subject_check",
            "CHECK((subject_type = 'organization' AND organization_id IS NOT NULL "
            "AND member_id IS NULL) OR (subject_type = 'member' "
            "AND member_id IS NOT NULL AND organization_id IS NULL))",
            "A grade belongs to one organisation or to one member.",
        ),
    ]

    @api.depends("subject_type", "organization_id", "member_id", "period_id")
    def _compute_display_name(self):
        for line in self:
            subject = line.organization_id or line.member_id
            line.display_name = f"{subject.name} — {line.period_id.name}"
