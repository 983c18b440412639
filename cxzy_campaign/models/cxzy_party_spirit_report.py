# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"


class CxzyPartySpiritReport(models.Model):
    """A member's party-spirit analysis (党性分析报告): written and submitted by
    the member, reviewed by the secretary of their branch."""

    _name = "cxzy.party.spirit.report"
    _description = "Party-spirit Analysis Report"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.workflow.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.unique.pair.mixin",
    ]
    _cxzy_unique_pair = ("member_id", "campaign_id")
    _order = "campaign_id, branch_id, member_id, id"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("submitted", _lt("Submitted")),
        ("reviewed", _lt("Reviewed")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            _lt("Submit"),
            ("draft",),
            "submitted",
            rule="_is_author",
            who=_lt("the member who wrote it"),
            sets=("submitted_date",),
        ),
        Step(
            "review",
            _lt("Mark Reviewed"),
            ("submitted",),
            "reviewed",
            groups=(SECRETARY,),
            rule="_is_branch_reviewer",
            who=_lt("the secretaries of the member's branch or the campaign office"),
            not_own=True,
            sets=("review_comment", "reviewed_by", "reviewed_date"),
        ),
        Step(
            "return",
            _lt("Return for Revision"),
            ("submitted",),
            "draft",
            groups=(SECRETARY,),
            rule="_is_branch_reviewer",
            who=_lt("the secretaries of the member's branch or the campaign office"),
            not_own=True,
            sets=("submitted_date", "review_comment"),
        ),
    )
    # Who wrote it and for which campaign: fixed once created (the branch,
    # which decides who reviews it, follows from the member).
    _cxzy_owner_fields = ("member_id", "campaign_id")
    # Submitted: the member's text is on record; reviewed: decided.
    _cxzy_locked_states = ("submitted", "reviewed")
    #: a submitted report waits for the branch's review
    _cxzy_waits = {"submitted": ("review",)}

    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        readonly=True,
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
    campaign_id = fields.Many2one(readonly=True)
    content = fields.Html(sanitize=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_party_spirit_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
    )
    submitted_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    review_comment = fields.Text(readonly=True, copy=False)
    reviewed_by = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_date = fields.Date(string="Reviewed On", readonly=True, copy=False)
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_review = fields.Boolean(compute="_compute_cxzy_can")
    can_return = fields.Boolean(compute="_compute_cxzy_can")

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

    def _cxzy_unique_pair_message(self, member, campaign):
        return self.env._(
            "%(member)s already has a party-spirit analysis report for %(campaign)s.",
            member=member.name,
            campaign=campaign.name,
        )

    # ------------------------------------------------------------------
    # Who takes the steps
    # ------------------------------------------------------------------
    def _cxzy_is_own(self):
        self.ensure_one()
        return self.sudo().member_id.user_id == self.env.user

    def _is_author(self):
        return self._cxzy_is_own()

    def _is_branch_reviewer(self):
        return self._cxzy_office_or_secretary_of("branch_id")

    def _cxzy_todo_tiers(self, step):
        if step.rule == "_is_branch_reviewer":
            return self._cxzy_manager_tiers("branch_id")
        return super()._cxzy_todo_tiers(step)

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _cxzy_check_submit(self):
        for report in self:
            if is_html_empty(report.content) and not report.attachment_ids:
                raise UserError(
                    self.env._(
                        "Write the party-spirit analysis of %(member)s or attach "
                        "it before submitting.",
                        member=report.member_id.name,
                    )
                )

    def action_submit(self):
        return self._cxzy_do(
            "submit", {"submitted_date": fields.Date.context_today(self)}
        )

    @api.model
    def _cxzy_comment(self, comment):
        """The reviewer's comment as text, whatever the caller sent."""
        if not comment or not isinstance(comment, str):
            return ""
        return comment.strip()

    def action_review(self, comment=None):
        """The branch's review: ``comment`` is required and recorded on the
        report and in its chatter."""
        comment = self._cxzy_comment(comment)
        self._cxzy_check("review")
        if not comment:
            raise UserError(
                self.env._(
                    "Write a review comment on the party-spirit analysis of "
                    "%(member)s first.",
                    member=self[0].member_id.name,
                )
            )
        return self._cxzy_do(
            "review",
            {
                "review_comment": comment,
                "reviewed_by": self.env.uid,
                "reviewed_date": fields.Date.context_today(self),
            },
            opinion=comment,
        )

    def action_return(self, comment=None):
        """Send a submitted report back to its member for revision, with what
        to revise (kept as the review comment until the report is reviewed)."""
        comment = self._cxzy_comment(comment)
        return self._cxzy_do(
            "return",
            {"submitted_date": False, "review_comment": comment or False},
            opinion=comment,
        )

    def action_open_review(self):
        return self.env["cxzy.document.step"]._open_for(self, "review")

    def action_open_return(self):
        return self.env["cxzy.document.step"]._open_for(self, "return")
