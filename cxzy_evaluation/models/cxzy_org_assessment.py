# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

TIERS = [("advanced", "Advanced"), ("middle", "Middle"), ("lagging", "Lagging")]
# Rank of a tier in the grades over time: a higher rank is a better tier.
TIER_LEVELS = {"lagging": 1, "middle": 2, "advanced": 3}


class CxzyOrgAssessment(models.Model):
    """The assessment of a participating organisation in a period against the
    Five Goods (五个好): self-assessed by the branch, reviewed by the agency
    Party committee, confirmed by the leading group."""

    _name = "cxzy.org.assessment"
    _description = "Organisation Assessment"
    _inherit = ["cxzy.evaluation.mixin"]
    _order = "period_id desc, total desc, id"
    _check_company_auto = True
    _subject_field = "organization_id"
    _review_score_field = "committee_score"
    _cxzy_owner_fields = ("period_id", "organization_id")
    _result_fields = ("total", "tier", "five_goods")

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        readonly=True,
    )
    line_ids = fields.One2many(
        "cxzy.org.assessment.line", "assessment_id", string="Criteria"
    )
    tier = fields.Selection(
        TIERS,
        compute="_compute_result",
        store=True,
        index=True,
        help="Set once the committee has reviewed the assessment, by the period's "
        "bars: advanced (先进), middle (中间) or lagging (后进).",
    )
    five_goods = fields.Boolean(
        compute="_compute_result",
        store=True,
        help="Every criterion reaches its bar (set once reviewed).",
    )

    _sql_constraints = [
        (
            "period_organization_uniq",
            "unique(period_id, organization_id)",
            "An organisation is assessed once per period.",
        ),
    ]

    @api.depends("line_ids.line_score", "line_ids.weight")
    def _compute_total(self):
        return super()._compute_total()

    @api.depends(
        "state",
        "total",
        "line_ids.passed",
        "period_id.threshold_advanced",
        "period_id.threshold_lagging",
    )
    def _compute_result(self):
        for assessment in self:
            if assessment.state not in ("reviewed", "confirmed"):
                assessment.tier = False
                assessment.five_goods = False
                continue
            period = assessment.period_id
            if assessment.total >= period.threshold_advanced:
                assessment.tier = "advanced"
            elif assessment.total < period.threshold_lagging:
                assessment.tier = "lagging"
            else:
                assessment.tier = "middle"
            lines = assessment.line_ids
            assessment.five_goods = bool(lines) and all(lines.mapped("passed"))

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _leaders(self):
        organization = self.sudo().organization_id
        return (
            organization.secretary_id.user_id | organization.deputy_secretary_id.user_id
        )

    def _cxzy_is_own(self):
        """The organisation the user leads as secretary or deputy secretary:
        they self-assess it, never review nor confirm it."""
        self.ensure_one()
        return self.env.user in self._leaders()

    def _is_self_assessor(self):
        """The secretary or deputy secretary of the organisation, or the office."""
        self.ensure_one()
        return self._is_office() or self._cxzy_is_own()

    def _is_reviewer(self):
        """The agency Party committee (the office is part of it)."""
        self.ensure_one()
        return self.env.su or self.env.user.has_group(
            "cxzy_campaign.group_cxzy_committee"
        )

    def _cxzy_who(self, step):
        organization = self.sudo().organization_id.name
        if step.name == "self_assess":
            return self.env._(
                "the secretary of %(organization)s or the campaign office",
                organization=organization,
            )
        if step.name in ("review", "return_self_assessment"):
            return self.env._(
                "the agency Party committee, except the secretaries of "
                "%(organization)s",
                organization=organization,
            )
        return self.env._(
            "the leading group, except the secretaries of %(organization)s",
            organization=organization,
        )

    def _history_values(self):
        values = super()._history_values()
        values.update(
            subject_type="organization",
            organization_id=self.organization_id.id,
            branch_id=self.organization_id.branch_id.id or self.organization_id.id,
            assessment_id=self.id,
            tier=self.tier,
            level=TIER_LEVELS[self.tier],
            five_goods=self.five_goods,
        )
        return values
