# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

RATINGS = [
    ("good", "Good"),
    ("fairly_good", "Fairly Good"),
    ("average", "Average"),
    ("poor", "Poor"),
]
# Set by the transitions only.
WORKFLOW_FIELDS = {"state", "submitted_date", "rated_by", "rated_date"}
# The committee's part.
RATING_FIELDS = {"rating", "rating_comment"}


class CxzyDutyReport(models.Model):
    """A branch secretary's report on their Party-building work
    (支部书记党建工作述职), held as a meeting before the committee and rated by
    it."""

    _name = "cxzy.duty.report"
    _description = "Secretary's Duty Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.unique.pair.mixin"]
    _cxzy_unique_pair = ("organization_id", "campaign_id")
    _order = "campaign_id, organization_id, id"
    _check_company_auto = True

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
        tracking=True,
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
    secretary_id = fields.Many2one(
        "cxzy.party.member",
        compute="_compute_secretary_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
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
    rating = fields.Selection(RATINGS, copy=False, tracking=True)
    rating_comment = fields.Text(string="Committee's Comment", copy=False)
    rated_by = fields.Many2one("res.users", readonly=True, copy=False)
    rated_date = fields.Date(string="Rated On", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("rated", "Rated")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
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

    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _is_committee(self):
        return self.env.su or self.env.user.has_group(
            "cxzy_campaign.group_cxzy_committee"
        )

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    def _check_vals_allowed(self, vals):
        if self.env.su:
            return
        fields_set = set(vals)
        if fields_set & WORKFLOW_FIELDS:
            raise UserError(
                self.env._(
                    "The status of a duty report changes through its buttons only."
                )
            )
        if "due_date" in fields_set and not self._is_office():
            raise UserError(
                self.env._(
                    "Only the campaign office changes the due date of a duty report."
                )
            )
        if fields_set & RATING_FIELDS and not self._is_committee():
            raise UserError(
                self.env._("Only the agency Party committee rates duty reports.")
            )

    def _cxzy_unique_pair_message(self, organization, campaign):
        return self.env._(
            "%(organization)s already has a duty report for %(campaign)s.",
            organization=organization.name,
            campaign=campaign.name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_vals_allowed(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_vals_allowed(vals)
        if not self.env.su:
            rated = self.filtered(lambda r: r.state == "rated")
            if rated:
                raise UserError(
                    self.env._(
                        "The duty report of %(organization)s has been rated and "
                        "cannot be changed.",
                        organization=rated[0].organization_id.name,
                    )
                )
            submitted = self.filtered(lambda r: r.state == "submitted")
            if submitted and set(vals) - RATING_FIELDS:
                raise UserError(
                    self.env._(
                        "The duty report of %(organization)s has been submitted: "
                        "only the committee's rating can be added now.",
                        organization=submitted[0].organization_id.name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        rated = self.filtered(lambda r: r.state == "rated")
        if rated:
            raise UserError(
                self.env._(
                    "The duty report of %(organization)s has been rated and cannot "
                    "be deleted.",
                    organization=rated[0].organization_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_state(self, allowed):
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The duty report of %(organization)s is %(state)s: this step "
                    "is not possible now.",
                    organization=wrong[0].organization_id.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_submit(self):
        self.check_access("read")
        self._check_state(("draft",))
        for report in self:
            if not (
                self._is_office()
                or self.env.user in report.organization_id.manager_user_ids
            ):
                raise UserError(
                    self.env._(
                        "Only the secretary of %(organization)s submits its duty "
                        "report.",
                        organization=report.organization_id.name,
                    )
                )
            if is_html_empty(report.report) and not report.attachment_ids:
                raise UserError(
                    self.env._(
                        "Write the duty report of %(organization)s or attach it "
                        "before submitting.",
                        organization=report.organization_id.name,
                    )
                )
        self.check_access("write")
        self.sudo().write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )

    def action_rate(self):
        if not self._is_committee():
            raise UserError(
                self.env._("Only the agency Party committee rates duty reports.")
            )
        self.check_access("read")
        self._check_state(("submitted",))
        unrated = self.filtered(lambda r: not r.rating)
        if unrated:
            raise UserError(
                self.env._(
                    "Choose the committee's rating of the duty report of "
                    "%(organization)s first.",
                    organization=unrated[0].organization_id.name,
                )
            )
        self.check_access("write")
        self.sudo().write(
            {
                "state": "rated",
                "rated_by": self.env.user.id,
                "rated_date": fields.Date.context_today(self),
            }
        )

    def action_return(self):
        """The committee sends a submitted report back to the branch."""
        if not self._is_committee():
            raise UserError(
                self.env._("Only the agency Party committee returns duty reports.")
            )
        self.check_access("read")
        self._check_state(("submitted",))
        self.check_access("write")
        self.sudo().write({"state": "draft", "submitted_date": False})
