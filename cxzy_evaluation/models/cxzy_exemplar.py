# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

LEADING = ("cxzy_campaign.group_cxzy_leading",)


class CxzyExemplar(models.Model):
    """An exemplar (先进典型) of a campaign: a commended member or organisation
    that the leading group holds up as a model, with the post where it sets
    the example, its deeds and the meeting where its deeds were reported
    (典型事迹报告会). Branches and members benchmark themselves against it.

    Who it is (member or organisation, campaign, commendation) is fixed once
    it is created; held up, archived and back to draft only through its steps,
    by the leading group (and the office, which includes it)."""

    _name = "cxzy.exemplar"
    _description = "Exemplar"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.subject.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "campaign_id, sequence, id"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("active", _lt("Active")),
        ("archived", _lt("Archived")),
    ]
    _cxzy_steps = (
        Step("activate", _lt("Hold Up as Exemplar"), ("draft",), "active", LEADING),
        Step(
            "archive",
            _lt("Archive"),
            ("active",),
            "archived",
            LEADING,
            method="action_set_archived",
        ),
        Step(
            "reset_draft",
            _lt("Reset to Draft"),
            ("active", "archived"),
            "draft",
            LEADING,
        ),
    )
    _cxzy_owner_fields = (
        "nomination_id",
        "campaign_id",
        "subject_type",
        "member_id",
        "organization_id",
    )
    _cxzy_locked_states = ("archived",)

    name = fields.Char(compute="_compute_name", store=True, index=True)
    sequence = fields.Integer(default=10)
    nomination_id = fields.Many2one(
        "cxzy.nomination",
        string="Commendation",
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'commended')]",
        help="The commendation the exemplar comes from. Leave empty to name a "
        "member or an organisation directly.",
    )
    # Subject and campaign: the commendation's, or given when there is none;
    # fixed once created (owner fields). Editable computes, as precomputed
    # read-only fields could not be given at creation.
    campaign_id = fields.Many2one(
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
    )
    subject_type = fields.Selection(
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
    )
    member_id = fields.Many2one(
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
    )
    organization_id = fields.Many2one(
        compute="_compute_from_nomination",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('kind', 'in', ('branch', 'general_branch', 'group'))]",
    )
    branch_id = fields.Many2one(
        help="The member's branch, or the organisation's own branch."
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
    benchmark_ids = fields.One2many(
        "cxzy.benchmark", "exemplar_id", string="Benchmarks", readonly=True
    )
    benchmark_count = fields.Integer(compute="_compute_benchmark_count")
    can_activate = fields.Boolean(compute="_compute_cxzy_can")
    can_archive = fields.Boolean(compute="_compute_cxzy_can")
    can_reset_draft = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "subject_check",
            "CHECK((subject_type = 'member' AND member_id IS NOT NULL "
            "AND organization_id IS NULL) OR (subject_type = 'organization' "
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
    @api.depends("subject_type", "member_id.name", "organization_id.name")
    def _compute_name(self):
        for exemplar in self:
            exemplar.name = exemplar._subject().name or False

    @api.depends("nomination_id")
    def _compute_from_nomination(self):
        for exemplar in self:
            nomination = exemplar.nomination_id.sudo()
            if not nomination:
                # A member by default, or the one chosen; the running
                # campaign by default, or the one chosen.
                exemplar.subject_type = exemplar.subject_type or "member"
                exemplar.campaign_id = (
                    exemplar.campaign_id or self._default_campaign_id()
                )
                continue
            exemplar.campaign_id = nomination.campaign_id
            exemplar.subject_type = nomination.subject_type
            exemplar.member_id = nomination.member_id
            exemplar.organization_id = nomination.organization_id

    @api.depends("nomination_id")
    def _compute_deeds(self):
        for exemplar in self:
            nomination = exemplar.nomination_id.sudo()
            if nomination and is_html_empty(exemplar.deeds):
                exemplar.deeds = nomination.deeds

    @api.depends("report_event_id")
    def _compute_report_meeting(self):
        for exemplar in self:
            event = exemplar.report_event_id
            if event:
                exemplar.report_date = event.date
                exemplar.report_place = event.place or exemplar.report_place

    def _compute_benchmark_count(self):
        counts = self._benchmark_counts()
        for exemplar in self:
            exemplar.benchmark_count = counts.get(exemplar.id, 0)

    def _benchmark_counts(self, sudo=False):
        """{exemplar id: number of benchmarks} (those the user reads, or all)."""
        Benchmark = self.env["cxzy.benchmark"]
        if sudo:
            Benchmark = Benchmark.sudo()
        return {
            exemplar.id: count
            for exemplar, count in Benchmark._read_group(
                [("exemplar_id", "in", self.ids)], ["exemplar_id"], ["__count"]
            )
        }

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
            event = exemplar.report_event_id.sudo()
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
    # Steps
    # ------------------------------------------------------------------
    def action_activate(self):
        """Hold the exemplar up as a model: from now on branches and members
        benchmark themselves against it."""
        return self._cxzy_do("activate")

    def _cxzy_check_activate(self):
        for exemplar in self:
            if is_html_empty(exemplar.deeds):
                raise UserError(
                    self.env._(
                        "Write the deeds of %(exemplar)s before holding it up as "
                        "an exemplar.",
                        exemplar=exemplar.name,
                    )
                )

    def action_set_archived(self):
        """The exemplar's time is over; its benchmarks stay as they are."""
        return self._cxzy_do("archive")

    def action_reset_draft(self):
        return self._cxzy_do("reset_draft")

    def _cxzy_check_reset_draft(self):
        # Every benchmark counts, also those the user does not read.
        counts = self._benchmark_counts(sudo=True)
        benchmarked = self.filtered(lambda e: counts.get(e.id))
        if benchmarked:
            raise UserError(
                self.env._(
                    "Branches or members already benchmark themselves against "
                    "%(exemplar)s: it cannot go back to draft. Archive it instead.",
                    exemplar=benchmarked[0].name,
                )
            )

    def action_view_benchmarks(self):
        if len(self) != 1:
            raise UserError(
                self.env._("Open the benchmarks of one exemplar at a time.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_benchmark_action"
        )
        action["domain"] = [("exemplar_id", "=", self.id)]
        action["context"] = {"default_exemplar_id": self.id}
        return action
