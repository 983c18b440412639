# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

ROSTER_ROLES = [
    ("leader", "Leader"),
    ("deputy_leader", "Deputy Leader"),
    ("member", "Leading Group Member"),
    ("office_director", "Office Director"),
    ("office_deputy", "Office Deputy Director"),
    ("office_staff", "Office Staff"),
]
OFFICE_ROLES = ("office_director", "office_deputy", "office_staff")
#: kinds of organisation that take part in a campaign
BRANCH_KINDS = ("branch", "general_branch")
OFFICE = "cxzy_campaign.group_cxzy_office"


class CxzyCampaign(models.Model):
    _name = "cxzy.campaign"
    _description = "Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.workflow.mixin"]
    _order = "is_template desc, date_start desc, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("running", _lt("Running")),
        ("done", _lt("Closed")),
        ("cancelled", _lt("Cancelled")),
    ]
    _cxzy_steps = (
        Step(
            "start",
            _lt("Start"),
            ("draft",),
            "running",
            groups=(OFFICE,),
            rule="_cxzy_rule_not_template",
            who=_lt("the campaign office, on a campaign (a template is never run)"),
        ),
        Step(
            "close",
            _lt("Close"),
            ("running",),
            "done",
            groups=(OFFICE,),
            rule="_cxzy_rule_not_template",
            who=_lt("the campaign office, on a campaign (a template is never run)"),
        ),
        Step(
            "cancel",
            _lt("Cancel"),
            ("draft", "running"),
            "cancelled",
            groups=(OFFICE,),
            rule="_cxzy_rule_not_template",
            who=_lt("the campaign office, on a campaign (a template is never run)"),
        ),
        Step(
            "reset_draft",
            _lt("Reset to Draft"),
            ("cancelled",),
            "draft",
            groups=(OFFICE,),
            rule="_cxzy_rule_not_template",
            who=_lt("the campaign office, on a campaign (a template is never run)"),
        ),
    )
    #: a closed campaign is on record
    _cxzy_locked_states = ("done",)
    #: the agency a campaign belongs to, and whether it is a template (a
    #: template never becomes a campaign: campaigns are created from it)
    _cxzy_owner_fields = ("company_id", "is_template")

    name = fields.Char(required=True, tracking=True)
    is_template = fields.Boolean(
        string="Template",
        readonly=True,
        help="A template is not run: new campaigns are created from it with "
        "their own dates.",
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    goal = fields.Char(help="What the campaign serves, e.g. 科学发展、富民强省.")
    theme = fields.Char(help="The campaign's theme.")
    main_line = fields.Char(help="The campaign's main line.")
    requirement = fields.Html(string="General Requirements", sanitize=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda s: s.env.company,
    )
    organization_ids = fields.Many2many(
        "cxzy.party.organization",
        "cxzy_campaign_organization_rel",
        "campaign_id",
        "organization_id",
        string="Participating Organisations",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    roster_ids = fields.One2many(
        "cxzy.campaign.roster", "campaign_id", string="Leading Group and Office"
    )
    phase_ids = fields.One2many("cxzy.campaign.phase", "campaign_id", string="Phases")
    task_ids = fields.One2many("cxzy.campaign.task", "campaign_id", string="Tasks")
    assignment_ids = fields.One2many(
        "cxzy.campaign.assignment", "campaign_id", string="Assignments"
    )
    office_assignment_ids = fields.One2many(
        "cxzy.campaign.assignment",
        "campaign_id",
        string="Office's Own Tasks",
        domain=[("organization_id", "=", False)],
        help="The tasks the campaign office carries out itself (动员部署, "
        "重温入党誓词, 集中表彰, …), with their state and evidence.",
    )
    reminder_days = fields.Integer(
        default=7,
        help="Secretaries get a to-do this many days before an assignment's deadline.",
    )
    current_phase_id = fields.Many2one(
        "cxzy.campaign.phase", compute="_compute_current_phase_id"
    )
    assignment_count = fields.Integer(compute="_compute_progress")
    assignment_done_count = fields.Integer(compute="_compute_progress")
    overdue_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(
        compute="_compute_progress", help="Share of the assignments that are done."
    )
    pledge_count = fields.Integer(compute="_compute_pledge_counts")
    pledge_published_count = fields.Integer(
        string="Published Pledges", compute="_compute_pledge_counts"
    )
    active = fields.Boolean(default=True)
    can_start = fields.Boolean(compute="_compute_cxzy_can")
    can_close = fields.Boolean(compute="_compute_cxzy_can")
    can_cancel = fields.Boolean(compute="_compute_cxzy_can")
    can_reset_draft = fields.Boolean(compute="_compute_cxzy_can")

    @api.depends("phase_ids.date_start", "phase_ids.date_end")
    def _compute_current_phase_id(self):
        today = fields.Date.context_today(self)
        for campaign in self:
            current = campaign.phase_ids.filtered(
                lambda p: p.date_start <= today <= p.date_end
            )
            campaign.current_phase_id = current[:1]

    def _compute_progress(self):
        """The campaign's figures count all its assignments, whoever looks: a
        secretary sees the same progress as the office. Only counts are read
        as the system; no assignment is shown."""
        Assignment = self.env["cxzy.campaign.assignment"].sudo()
        domain = [("campaign_id", "in", self.ids), ("state", "!=", "cancelled")]
        totals = dict(Assignment._read_group(domain, ["campaign_id"], ["__count"]))
        done = dict(
            Assignment._read_group(
                domain + [("state", "=", "done")], ["campaign_id"], ["__count"]
            )
        )
        overdue = dict(
            Assignment._read_group(
                domain + [("is_overdue", "=", True)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            total = totals.get(campaign, 0)
            campaign.assignment_count = total
            campaign.assignment_done_count = done.get(campaign, 0)
            campaign.overdue_count = overdue.get(campaign, 0)
            campaign.progress = (
                100.0 * campaign.assignment_done_count / total if total else 0.0
            )

    def _compute_pledge_counts(self):
        """All the campaign's pledges, whoever looks (counts only)."""
        groups = (
            self.env["cxzy.pledge"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
            )
        )
        totals, published = {}, {}
        for campaign, state, count in groups:
            totals[campaign] = totals.get(campaign, 0) + count
            if state in ("published", "assessed"):
                published[campaign] = published.get(campaign, 0) + count
        for campaign in self:
            campaign.pledge_count = totals.get(campaign, 0)
            campaign.pledge_published_count = published.get(campaign, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "%(campaign)s ends before it starts.", campaign=campaign.name
                    )
                )
        self.phase_ids._check_dates()

    def write(self, vals):
        result = super().write(vals)
        if "organization_ids" in vals:
            self.task_ids._sync_assignments()
        if {"state", "active", "is_template"} & set(vals):
            # closing, cancelling or archiving ends the rights its roster gave
            self.env["cxzy.campaign.roster.grant"]._cxzy_sync_campaigns(self)
        if "state" in vals:
            # the office's own open work waits only while the campaign runs
            self.sudo().office_assignment_ids._cxzy_sync_todos()
        return result

    def unlink(self):
        users = self.sudo().roster_ids.user_id
        result = super().unlink()
        self.env["cxzy.campaign.roster.grant"]._cxzy_sync(users)
        return result

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        for campaign in self:
            if campaign.reminder_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(campaign)s: the reminder comes a number of days before "
                        "the deadline, never a negative one.",
                        campaign=campaign.name,
                    )
                )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_worked_on(self):
        # a campaign started once and reset to draft keeps its branches' work
        self.task_ids._check_no_work_lost()

    def _cxzy_rule_not_template(self):
        return not self.is_template

    def _cxzy_check_start(self):
        """A campaign starts only with its plan (phases and tasks) and at least
        one participating branch."""
        for campaign in self:
            if not campaign.phase_ids:
                raise UserError(
                    self.env._(
                        "%(campaign)s has no phases yet: a campaign starts with "
                        "its plan.",
                        campaign=campaign.name,
                    )
                )
            if not campaign.task_ids:
                raise UserError(
                    self.env._(
                        "%(campaign)s has no tasks yet: a campaign starts with "
                        "its plan.",
                        campaign=campaign.name,
                    )
                )
            if not campaign.organization_ids.filtered(lambda o: o.kind in BRANCH_KINDS):
                raise UserError(
                    self.env._(
                        "%(campaign)s has no participating branch yet: choose "
                        "the Party branches that take part before starting it.",
                        campaign=campaign.name,
                    )
                )

    def action_start(self):
        self._cxzy_do("start")
        self.task_ids._sync_assignments()
        return True

    def action_close(self):
        return self._cxzy_do("close")

    def action_cancel(self):
        return self._cxzy_do("cancel")

    def action_reset_draft(self):
        return self._cxzy_do("reset_draft")

    # ------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------
    def _copy_plan_from(self, template):
        """Copy the phases and tasks of ``template`` into each campaign of
        ``self``, every date shifted by the gap between the two start dates."""
        template = self.browse(template) if isinstance(template, int) else template
        for campaign in self:
            if campaign.phase_ids:
                raise UserError(
                    self.env._(
                        "%(campaign)s already has phases: a template can only be "
                        "applied to an empty campaign.",
                        campaign=campaign.name,
                    )
                )
            delta = campaign.date_start - template.date_start
            campaign.write(
                {
                    "date_end": template.date_end + delta,
                    "goal": campaign.goal or template.goal,
                    "theme": campaign.theme or template.theme,
                    "main_line": campaign.main_line or template.main_line,
                    "requirement": campaign.requirement or template.requirement,
                    "phase_ids": [
                        Command.create(phase._shifted_values(delta))
                        for phase in template.phase_ids
                    ],
                }
            )
        return True

    def _check_one_campaign(self):
        if len(self) != 1:
            raise UserError(self.env._("Open one campaign at a time."))

    @api.readonly
    def action_view_assignments(self):
        self._check_one_campaign()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_assignment_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"search_default_group_organization": 1}
        return action

    @api.readonly
    def action_view_pledges(self):
        self._check_one_campaign()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_pledge_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    def action_view_matrix(self):
        """The completion matrix of the campaign, on a screen of its own (a
        transient record: created on the primary, not @api.readonly)."""
        self._check_one_campaign()
        self.check_access("read")
        matrix = self.env["cxzy.campaign.matrix"].create({"campaign_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Completion Matrix"),
            "res_model": "cxzy.campaign.matrix",
            "res_id": matrix.id,
            "views": [
                (
                    self.env.ref("cxzy_campaign.cxzy_campaign_matrix_view_form").id,
                    "form",
                )
            ],
            "target": "current",
        }

    def action_view_summary(self):
        """The campaign's summary: the one drawn up, or a new one (for the
        office) with the campaign's title."""
        self.ensure_one()
        summary = self.env["cxzy.campaign.summary"].search(
            [("campaign_id", "=", self.id)], limit=1
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_summary_action"
        )
        action["context"] = {"default_campaign_id": self.id}
        if summary:
            action.update(res_id=summary.id, view_mode="form", views=[(False, "form")])
        else:
            action.update(view_mode="form", views=[(False, "form")])
        return action

    # Excel: the completion matrix (see cxzy_xlsx.py)
    def action_export_matrix_xlsx(self):
        return self.env["cxzy.xlsx"]._cxzy_xlsx_action("matrix", self)

    def _cxzy_xlsx_matrix(self):
        """The completion matrix of the campaign (one): a row per
        organisation, a column per task, each cell the assignment's state
        (待办, 进行中, 已完成, 已取消) or 逾期 for open work past its deadline;
        the assignments the user may read, in one query."""
        self.ensure_one()
        Xlsx = self.env["cxzy.xlsx"]
        Assignment = self.env["cxzy.campaign.assignment"]
        labels = Xlsx._cxzy_xlsx_labels(Assignment._name, "state")
        labels["overdue"] = Xlsx._cxzy_xlsx_string(Assignment._name, "is_overdue")
        today = fields.Date.context_today(self)
        cells = {}
        for organization, task, state, deadline in Assignment._read_group(
            # the office's own tasks are listed on the campaign, not here
            [("campaign_id", "=", self.id), ("organization_id", "!=", False)],
            ["organization_id", "task_id", "state", "deadline:day"],
        ):
            if state in ("todo", "in_progress") and deadline and deadline < today:
                state = "overdue"
            cells.setdefault(organization, {})[task] = state
        organizations = self.env["cxzy.party.organization"].union(*cells).sorted()
        tasks = (
            self.env["cxzy.campaign.task"]
            .union(*(task for row in cells.values() for task in row))
            .sorted()
        )
        rows = []
        for organization in organizations:
            row = cells[organization]
            rows.append(
                [
                    organization.display_name,
                    *(labels[row[task]] if task in row else None for task in tasks),
                    sum(1 for state in row.values() if state == "done"),
                    len(row),
                ]
            )
        columns = [
            (Xlsx._cxzy_xlsx_string(Assignment._name, "organization_id"), 24),
            *((task.name, 14) for task in tasks),
            (self.env._("Done"), 8),
            (self.env._("Tasks Assigned"), 8),
        ]
        return (
            self.env._("Completion Matrix %(campaign)s.xlsx", campaign=self.name),
            [
                {
                    "name": self.env._("Completion Matrix"),
                    "columns": columns,
                    "rows": rows,
                }
            ],
        )

    def _completion_matrix_cells(self, domain=None):
        """{organisation: {task: cell state}}, a cell state being the
        assignment's state, or ``overdue`` for open work past its deadline;
        the assignments the user may read (of ``domain``, by default all the
        campaign's), in one query."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        groups = self.env["cxzy.campaign.assignment"]._read_group(
            # the office's own tasks are listed on the campaign, not here
            (domain or [("campaign_id", "=", self.id)])
            + [("organization_id", "!=", False)],
            ["organization_id", "task_id", "state", "deadline:day"],
        )
        cells = {}
        for organization, task, state, deadline in groups:
            if state in ("todo", "in_progress") and deadline and deadline < today:
                state = "overdue"
            cells.setdefault(organization, {})[task] = state
        return cells

    def _completion_matrix(self):
        """{organisation: {task: state}} for the campaign, in fixed queries."""
        self.ensure_one()
        groups = self.env["cxzy.campaign.assignment"]._read_group(
            [("campaign_id", "=", self.id), ("organization_id", "!=", False)],
            ["organization_id", "task_id", "state"],
        )
        matrix = {}
        for organization, task, state in groups:
            matrix.setdefault(organization, {})[task] = state
        return matrix


class CxzyCampaignRoster(models.Model):
    """The 指导小组 and its office. A line gives its employee's user the
    group of its body while the campaign is in draft or running
    (``cxzy.campaign.roster.grant``)."""

    _name = "cxzy.campaign.roster"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Campaign Leading Group and Office Member"
    _order = "campaign_id, sequence, id"
    _cxzy_owner_fields = ("campaign_id",)
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "cxzy.campaign", required=True, ondelete="cascade", index=True, readonly=True
    )
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="restrict", check_company=True
    )
    name = fields.Char(related="employee_id.name")
    job_title = fields.Char(related="employee_id.job_title")
    user_id = fields.Many2one(related="employee_id.user_id")
    role = fields.Selection(ROSTER_ROLES, required=True, default="member")
    body = fields.Selection(
        [("leading_group", "Leading Group"), ("office", "Office")],
        compute="_compute_body",
        store=True,
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)

    _sql_constraints = [
        (
            "employee_campaign_uniq",
            "unique(campaign_id, employee_id)",
            "An employee appears once in a campaign's roster.",
        ),
    ]

    @api.depends("role")
    def _compute_body(self):
        for line in self:
            line.body = "office" if line.role in OFFICE_ROLES else "leading_group"

    # ------------------------------------------------------------------
    # Rights: the roster gives its people the group of their body
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["cxzy.campaign.roster.grant"]._cxzy_sync(lines.sudo().user_id)
        return lines

    def write(self, vals):
        users = self.sudo().user_id
        result = super().write(vals)
        # any change of the office's to a line follows the roster as it stands
        self.env["cxzy.campaign.roster.grant"]._cxzy_sync(users | self.sudo().user_id)
        return result

    def unlink(self):
        users = self.sudo().user_id
        result = super().unlink()
        self.env["cxzy.campaign.roster.grant"]._cxzy_sync(users)
        return result
