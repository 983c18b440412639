# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

# Set by the transitions only.
WORKFLOW_FIELDS = {"state", "submitted_date", "reviewed_by", "reviewed_date"}
# Written by the member while the report is a draft.
AUTHOR_FIELDS = {"member_id", "campaign_id", "content", "attachment_ids"}


class CxzyPartySpiritReport(models.Model):
    """A member's party-spirit analysis (党性分析报告): written and submitted by
    the member, reviewed by the secretary of their branch."""

    _name = "cxzy.party.spirit.report"
    _description = "Party-spirit Analysis Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.unique.pair.mixin"]
    _cxzy_unique_pair = ("member_id", "campaign_id")
    _order = "campaign_id, branch_id, member_id, id"
    _check_company_auto = True

    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        default=lambda self: self._default_member_id(),
    )
    member_user_id = fields.Many2one(related="member_id.user_id", string="User")
    branch_id = fields.Many2one(
        related="member_id.branch_id", store=True, index=True, string="Branch"
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_template', '=', False)]",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    content = fields.Html(sanitize=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_party_spirit_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    submitted_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    review_comment = fields.Text(copy=False, tracking=True)
    reviewed_by = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_date = fields.Date(string="Reviewed On", readonly=True, copy=False)
    can_review = fields.Boolean(compute="_compute_can_review")

    _sql_constraints = [
        (
            "member_campaign_uniq",
            "unique(member_id, campaign_id)",
            "A member writes one party-spirit analysis report per campaign.",
        ),
    ]

    def _default_member_id(self):
        return (
            self.env["cxzy.party.member"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.env.uid),
                    ("company_id", "=", self.env.company.id),
                ],
                limit=1,
            )
            .id
        )

    @api.depends("member_id", "campaign_id")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Party-spirit Analysis of %(member)s",
                member=report.member_id.name or "",
            )

    @api.depends_context("uid")
    @api.depends("branch_id.manager_user_ids")
    def _compute_can_review(self):
        office = self._is_office()
        for report in self:
            # Nobody reviews their own analysis, but the office.
            report.can_review = office or (
                self.env.user in report.sudo().branch_id.manager_user_ids
                and report.sudo().member_id.user_id != self.env.user
            )

    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    def _check_write_allowed(self, vals):
        if self.env.su:
            return
        fields_set = set(vals)
        if fields_set & WORKFLOW_FIELDS:
            raise UserError(
                self.env._(
                    "The status of a party-spirit analysis report changes through "
                    "its buttons only."
                )
            )
        locked = self.filtered(lambda r: r.state != "draft")
        if fields_set & AUTHOR_FIELDS and locked:
            raise UserError(
                self.env._(
                    "The party-spirit analysis of %(member)s has been submitted "
                    "and can no longer be changed.",
                    member=locked[0].member_id.name,
                )
            )
        if "review_comment" in fields_set:
            for report in self:
                if report.state == "reviewed" or not report.can_review:
                    raise UserError(
                        self.env._(
                            "Only the secretary of %(branch)s comments on the "
                            "party-spirit analysis of %(member)s, before it is "
                            "reviewed.",
                            branch=report.sudo().branch_id.name,
                            member=report.member_id.name,
                        )
                    )

    def _cxzy_unique_pair_message(self, member, campaign):
        return self.env._(
            "%(member)s already has a party-spirit analysis report for %(campaign)s.",
            member=member.name,
            campaign=campaign.name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(vals) & (WORKFLOW_FIELDS | {"review_comment"}):
                    raise UserError(
                        self.env._(
                            "A party-spirit analysis report starts as a draft of "
                            "its member."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        self._check_write_allowed(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        reviewed = self.filtered(lambda r: r.state == "reviewed")
        if reviewed:
            raise UserError(
                self.env._(
                    "The party-spirit analysis of %(member)s has been reviewed "
                    "and cannot be deleted.",
                    member=reviewed[0].member_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.check_access("read")
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "The party-spirit analysis of %(member)s has already been "
                        "submitted.",
                        member=report.member_id.name,
                    )
                )
            if not self.env.su and report.member_id.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(member)s submits their own party-spirit analysis.",
                        member=report.member_id.name,
                    )
                )
            if is_html_empty(report.content) and not report.attachment_ids:
                raise UserError(
                    self.env._(
                        "Write the party-spirit analysis of %(member)s or attach "
                        "it before submitting.",
                        member=report.member_id.name,
                    )
                )
        self.check_access("write")
        self.sudo().write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )

    def _check_reviewer(self):
        for report in self:
            if report.state == "draft":
                raise UserError(
                    self.env._(
                        "%(member)s has not submitted the party-spirit analysis "
                        "yet: it cannot be reviewed before it is submitted.",
                        member=report.member_id.name,
                    )
                )
            if report.state == "reviewed":
                raise UserError(
                    self.env._(
                        "The party-spirit analysis of %(member)s has already been "
                        "reviewed.",
                        member=report.member_id.name,
                    )
                )
            if not report.can_review:
                raise UserError(
                    self.env._(
                        "Only the secretary of %(branch)s reviews the "
                        "party-spirit analysis of %(member)s.",
                        branch=report.sudo().branch_id.name,
                        member=report.member_id.name,
                    )
                )

    def action_review(self):
        self.check_access("read")
        self._check_reviewer()
        missing = self.filtered(lambda r: not (r.review_comment or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Write a review comment on the party-spirit analysis of "
                    "%(member)s first.",
                    member=missing[0].member_id.name,
                )
            )
        self.check_access("write")
        self.sudo().write(
            {
                "state": "reviewed",
                "reviewed_by": self.env.user.id,
                "reviewed_date": fields.Date.context_today(self),
            }
        )

    def action_return(self):
        """Send a submitted report back to its member for revision."""
        self.check_access("read")
        self._check_reviewer()
        self.check_access("write")
        self.sudo().write({"state": "draft", "submitted_date": False})
