# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

OFFICE = "cxzy_campaign.group_cxzy_office"
SECRETARY = "cxzy_campaign.group_cxzy_secretary"
COMMITTEE = "cxzy_campaign.group_cxzy_committee"

RATINGS = [
    ("good", "Good"),
    ("fairly_good", "Fairly Good"),
    ("average", "Average"),
    ("poor", "Poor"),
]


class CxzyDutyReport(models.Model):
    """A branch secretary's report on their Party-building work
    (支部书记党建工作述职), held as a meeting before the committee and rated by
    it."""

    _name = "cxzy.duty.report"
    _description = "Secretary's Duty Report"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.workflow.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.unique.pair.mixin",
    ]
    _cxzy_unique_pair = ("organization_id", "campaign_id")
    _order = "campaign_id, organization_id, id"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("submitted", _lt("Submitted")),
        ("rated", _lt("Rated")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            _lt("Submit"),
            ("draft",),
            "submitted",
            groups=(SECRETARY,),
            rule="_is_branch_secretary",
            who=_lt("the secretaries of the branch or the campaign office"),
            sets=("submitted_date",),
        ),
        Step(
            "rate",
            _lt("Rate"),
            ("submitted",),
            "rated",
            groups=(COMMITTEE,),
            not_own=True,
            sets=("rating", "rating_comment", "rated_by", "rated_date"),
        ),
        Step(
            "return",
            _lt("Return"),
            ("submitted",),
            "draft",
            groups=(COMMITTEE,),
            sets=("submitted_date",),
        ),
    )
    _cxzy_owner_fields = ("organization_id", "campaign_id")
    # Submitted: before the committee; rated: decided.
    _cxzy_locked_states = ("submitted", "rated")
    #: a submitted duty report waits for the committee's rating
    _cxzy_waits = {"submitted": ("rate",)}

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
        tracking=True,
    )
    campaign_id = fields.Many2one(readonly=True)
    secretary_id = fields.Many2one(
        "cxzy.party.member",
        compute="_compute_secretary_id",
        store=True,
        precompute=True,
        check_company=True,
        help="The branch's secretary when the report was created: who reports.",
    )
    due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The deadline of the campaign's organisational-innovation task "
        "(the plan: before the end of March 2011). The campaign office may "
        "change it.",
    )
    meeting_date = fields.Date(help="The day of the report before the committee.")
    report = fields.Html(sanitize=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_duty_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
    )
    rating = fields.Selection(RATINGS, readonly=True, copy=False)
    rating_comment = fields.Text(
        string="Committee's Comment", readonly=True, copy=False
    )
    rated_by = fields.Many2one("res.users", readonly=True, copy=False)
    rated_date = fields.Date(string="Rated On", readonly=True, copy=False)
    submitted_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        help="Submitted after the due date.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not submitted and past the due date, or submitted late.",
    )
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_rate = fields.Boolean(compute="_compute_cxzy_can")
    can_return = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "organization_campaign_uniq",
            "unique(organization_id, campaign_id)",
            "A branch gives one duty report per campaign.",
        ),
    ]

    @api.depends("organization_id", "campaign_id")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Duty Report of %(organization)s",
                organization=report.organization_id.name or "",
            )

    @api.depends("organization_id")
    def _compute_secretary_id(self):
        for report in self:
            report.secretary_id = report.organization_id.secretary_id

    @api.depends("campaign_id.task_ids.kind", "campaign_id.task_ids.deadline")
    def _compute_due_date(self):
        for report in self:
            tasks = report.campaign_id.task_ids.filtered(
                lambda t: t.kind == "innovation"
            )
            report.due_date = min(tasks.mapped("deadline"), default=False)

    @api.depends("submitted_date", "due_date")
    def _compute_is_late(self):
        for report in self:
            report.is_late = bool(
                report.submitted_date
                and report.due_date
                and report.submitted_date > report.due_date
            )

    @api.depends("state", "due_date", "is_late")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = report.is_late or (
                report.state == "draft"
                and bool(report.due_date)
                and today > report.due_date
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue duty reports."))
        domain = [
            "|",
            ("is_late", "=", True),
            "&",
            ("state", "=", "draft"),
            ("due_date", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    def _cxzy_unique_pair_message(self, organization, campaign):
        return self.env._(
            "%(organization)s already has a duty report for %(campaign)s.",
            organization=organization.name,
            campaign=campaign.name,
        )

    # ------------------------------------------------------------------
    # Integrity: the due date is the office's
    # ------------------------------------------------------------------
    def _check_due_date_writer(self, vals):
        if (
            "due_date" in vals
            and not self.env.su
            and not self.env.user.has_group(OFFICE)
        ):
            raise UserError(
                self.env._(
                    "Only the campaign office changes the due date of a duty report."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_due_date_writer(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_due_date_writer(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Who takes the steps
    # ------------------------------------------------------------------
    def _cxzy_is_own(self):
        """The reporting secretary does not rate their own report."""
        self.ensure_one()
        return self.sudo().secretary_id.user_id == self.env.user

    def _is_branch_secretary(self):
        return self._cxzy_office_or_secretary_of("organization_id")

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _cxzy_check_submit(self):
        for report in self:
            if is_html_empty(report.report) and not report.attachment_ids:
                raise UserError(
                    self.env._(
                        "Write the duty report of %(organization)s or attach it "
                        "before submitting.",
                        organization=report.organization_id.name,
                    )
                )

    def action_submit(self):
        return self._cxzy_do(
            "submit", {"submitted_date": fields.Date.context_today(self)}
        )

    def action_rate(self, rating=None, comment=None):
        """The committee's rating (one of ``RATINGS``), with its comment."""
        self._cxzy_check("rate")
        if not isinstance(rating, str) or rating not in dict(RATINGS):
            raise UserError(
                self.env._(
                    "Choose the committee's rating of the duty report of "
                    "%(organization)s first: good, fairly good, average or poor.",
                    organization=self[0].organization_id.name,
                )
            )
        comment = comment.strip() if isinstance(comment, str) else ""
        return self._cxzy_do(
            "rate",
            {
                "rating": rating,
                "rating_comment": comment or False,
                "rated_by": self.env.uid,
                "rated_date": fields.Date.context_today(self),
            },
            opinion=comment,
        )

    def action_return(self, comment=None):
        """The committee sends a submitted report back to the branch."""
        comment = comment.strip() if isinstance(comment, str) else ""
        return self._cxzy_do("return", {"submitted_date": False}, opinion=comment)

    def action_open_rate(self):
        return self.env["cxzy.document.step"]._open_for(self, "rate")
