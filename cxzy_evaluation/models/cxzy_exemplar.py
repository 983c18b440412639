# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

EXEMPLAR_KINDS = [("member", "Member"), ("organization", "Organisation")]


class CxzyExemplar(models.Model):
    """An exemplar (先进典型) of a campaign: a commended member or organisation
    that the leading group holds up as a model, with the post where it sets
    the example, its deeds and the meeting where its deeds were reported
    (典型事迹报告会). Branches and members benchmark themselves against it."""

    _name = "cxzy.exemplar"
    _description = "Exemplar"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.campaign.bound.mixin"]
    _order = "campaign_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index=True)
    sequence = fields.Integer(default=10)
    nomination_id = fields.Many2one(
        "cxzy.nomination",
        string="Commendation",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'commended')]",
        tracking=True,
        help="The commendation the exemplar comes from. Leave empty to name a "
        "member or an organisation directly.",
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
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
    kind = fields.Selection(
        EXEMPLAR_KINDS,
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch', 'group'))]",
        tracking=True,
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        index=True,
        help="The member's branch, or the organisation's own branch.",
    )
    post = fields.Char(
        tracking=True,
        help="The post or position where the exemplar sets the example, e.g. "
        "综合研究处副处长 or 文稿起草岗.",
    )
    deeds = fields.Html(
        compute="_compute_deeds",
        store=True,
        readonly=False,
        sanitize=True,
        help="The exemplary deeds (典型事迹) that are reported; those of the "
        "commendation to begin with.",
    )
    report_event_id = fields.Many2one(
        "cxzy.campaign.event",
        string="Report Meeting Record",
        index=True,
        ondelete="set null",
        check_company=True,
        domain="[('campaign_id', '=', campaign_id), ('kind', '=', 'report')]",
        help="The activity record of the deeds report meeting, if one was kept.",
    )
    report_date = fields.Datetime(
        string="Report Meeting",
        compute="_compute_report_meeting",
        store=True,
        readonly=False,
        tracking=True,
        help="When the exemplar reported its deeds.",
    )
    report_place = fields.Char(
        string="Meeting Place",
        compute="_compute_report_meeting",
        store=True,
        readonly=False,
    )
    report_audience = fields.Char(
        string="Audience", help="Who heard the report, e.g. 全室党员干部."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    benchmark_ids = fields.One2many(
        "cxzy.benchmark", "exemplar_id", string="Benchmarks"
    )
    benchmark_count = fields.Integer(compute="_compute_benchmark_count")

    _sql_constraints = [
        (
            "subject_check",
            "CHECK((kind = 'member' AND member_id IS NOT NULL "
            "AND organization_id IS NULL) OR (kind = 'organization' "
            "AND organization_id IS NOT NULL AND member_id IS NULL))",
            "An exemplar is either one member or one organisation.",
        ),
        (
            "campaign_member_uniq",
            "unique(campaign_id, member_id)",
            "A member is an exemplar once per campaign.",
        ),
        (
            "campaign_organization_uniq",
            "unique(campaign_id, organization_id)",
            "An organisation is an exemplar once per campaign.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("kind", "member_id.name", "organization_id.name")
    def _compute_name(self):
        for exemplar in self:
            exemplar.name = exemplar._subject().name or False

    @api.depends("nomination_id")
    def _compute_from_nomination(self):
        for exemplar in self:
            nomination = exemplar.nomination_id.sudo()
            if not nomination:
                # A member by default, or the one chosen.
                exemplar.kind = exemplar.kind or "member"
                continue
            exemplar.campaign_id = nomination.campaign_id
            exemplar.kind = nomination.subject_type
            exemplar.member_id = nomination.member_id
            exemplar.organization_id = nomination.organization_id

    @api.depends("nomination_id")
    def _compute_deeds(self):
        for exemplar in self:
            nomination = exemplar.nomination_id.sudo()
            if nomination and is_html_empty(exemplar.deeds):
                exemplar.deeds = nomination.deeds

    @api.depends("kind", "member_id.branch_id", "organization_id.branch_id")
    def _compute_branch_id(self):
        for exemplar in self:
            exemplar.branch_id = exemplar._subject().branch_id

    @api.depends("report_event_id")
    def _compute_report_meeting(self):
        for exemplar in self:
            event = exemplar.report_event_id
            if event:
                exemplar.report_date = event.date
                exemplar.report_place = event.place or exemplar.report_place

    def _compute_benchmark_count(self):
        counts = dict(
            self.env["cxzy.benchmark"]._read_group(
                [("exemplar_id", "in", self.ids)], ["exemplar_id"], ["__count"]
            )
        )
        for exemplar in self:
            exemplar.benchmark_count = counts.get(exemplar, 0)

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "member":
            self.organization_id = False
        else:
            self.member_id = False

    def _subject(self):
        self.ensure_one()
        return self.member_id if self.kind == "member" else self.organization_id

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("nomination_id", "campaign_id", "member_id", "organization_id")
    def _check_nomination(self):
        for exemplar in self.filtered("nomination_id"):
            nomination = exemplar.nomination_id.sudo()
            if nomination.state != "commended":
                raise ValidationError(
                    self.env._(
                        "%(nomination)s has not been commended: an exemplar is "
                        "chosen from the commended.",
                        nomination=nomination.display_name,
                    )
                )
            if (
                nomination.campaign_id != exemplar.campaign_id
                or nomination.member_id != exemplar.member_id
                or nomination.organization_id != exemplar.organization_id
            ):
                raise ValidationError(
                    self.env._(
                        "The exemplar %(exemplar)s must be the nominee of its "
                        "commendation %(nomination)s, in the same campaign.",
                        exemplar=exemplar.name,
                        nomination=nomination.display_name,
                    )
                )

    @api.constrains("report_event_id", "campaign_id")
    def _check_report_event(self):
        for exemplar in self.filtered("report_event_id"):
            event = exemplar.report_event_id
            if event.campaign_id != exemplar.campaign_id or event.kind != "report":
                raise ValidationError(
                    self.env._(
                        "The deeds report of %(exemplar)s must be a report meeting "
                        "of the campaign %(campaign)s.",
                        exemplar=exemplar.name,
                        campaign=exemplar.campaign_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_state(self, allowed):
        wrong = self.filtered(lambda e: e.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The exemplar %(exemplar)s is %(state)s: this step is not "
                    "possible now.",
                    exemplar=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_activate(self):
        """Hold the exemplar up as a model: from now on branches and members
        benchmark themselves against it."""
        self._check_state(("draft",))
        for exemplar in self:
            if is_html_empty(exemplar.deeds):
                raise UserError(
                    self.env._(
                        "Write the deeds of %(exemplar)s before holding it up as "
                        "an exemplar.",
                        exemplar=exemplar.name,
                    )
                )
        self.write({"state": "active"})

    def action_set_archived(self):
        """The exemplar's time is over; its benchmarks stay as they are."""
        self._check_state(("active",))
        self.write({"state": "archived"})

    def action_reset_draft(self):
        self._check_state(("active", "archived"))
        if self.benchmark_ids:
            raise UserError(
                self.env._(
                    "Branches or members already benchmark themselves against "
                    "%(exemplar)s: it cannot go back to draft. Archive it instead.",
                    exemplar=self.benchmark_ids[0].exemplar_id.name,
                )
            )
        self.write({"state": "draft"})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        held_up = self.filtered(lambda e: e.state != "draft")
        if held_up:
            raise UserError(
                self.env._(
                    "The exemplar %(exemplar)s has been held up as a model and "
                    "cannot be deleted. Archive it instead.",
                    exemplar=held_up[0].name,
                )
            )

    def action_view_benchmarks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_benchmark_action"
        )
        action["domain"] = [("exemplar_id", "=", self.id)]
        action["context"] = {"default_exemplar_id": self.id}
        return action
