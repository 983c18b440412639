# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"
OFFICE = "cxzy_campaign.group_cxzy_office"
COMMITTEE = "cxzy_campaign.group_cxzy_committee"
#: what the organisation reports of its work: its secretaries write it
COMPLETION_FIELDS = ("completion_note", "evidence_ids")
#: the office sets the deadlines
OFFICE_FIELDS = ("deadline",)


class CxzyCampaignAssignment(models.Model):
    """A task as one organisation carries it out."""

    _name = "cxzy.campaign.assignment"
    _description = "Task Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.workflow.mixin"]
    _order = "deadline, campaign_id, organization_id, id"
    _rec_name = "task_id"
    _check_company_auto = True

    _cxzy_states = [
        ("todo", _lt("To Do")),
        ("in_progress", _lt("In Progress")),
        ("done", _lt("Done")),
        ("cancelled", _lt("Cancelled")),
    ]
    _cxzy_steps = (
        Step(
            "start",
            _lt("Start"),
            ("todo",),
            "in_progress",
            groups=(SECRETARY,),
            rule="_cxzy_rule_organization_secretary",
            who=_lt("the secretaries of the organisation"),
        ),
        Step(
            "done",
            _lt("Mark Done"),
            ("todo", "in_progress"),
            "done",
            groups=(SECRETARY,),
            rule="_cxzy_rule_organization_secretary",
            who=_lt("the secretaries of the organisation"),
            sets=("date_done",),
        ),
        Step(
            "reopen",
            _lt("Reopen"),
            ("done", "cancelled"),
            "in_progress",
            groups=(SECRETARY,),
            rule="_cxzy_rule_organization_secretary_or_office",
            who=_lt("the secretaries of the organisation or the campaign office"),
            sets=("date_done",),
        ),
        Step(
            "cancel",
            _lt("Cancel"),
            ("todo", "in_progress"),
            "cancelled",
            groups=(OFFICE,),
        ),
    )
    #: done or cancelled work is on record: reopen it to change it
    _cxzy_locked_states = ("done", "cancelled")
    #: open work waits to be done; only the office's own tasks give to-dos
    #: through the engine (:meth:`_cxzy_waiting_steps`), the branches'
    #: have the reminders of :meth:`_cron_remind`
    _cxzy_waits = {"todo": ("done",), "in_progress": ("done",)}
    #: the task and the organisation that carries it out are fixed
    _cxzy_owner_fields = ("task_id", "organization_id")

    task_id = fields.Many2one(
        "cxzy.campaign.task",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        ondelete="restrict",
        index=True,
        check_company=True,
        readonly=True,
        help="The organisation that carries the task out; empty for the "
        "campaign office's own tasks (动员部署, 集中表彰, …).",
    )
    campaign_id = fields.Many2one(
        related="task_id.campaign_id", store=True, index=True, string="Campaign"
    )
    phase_id = fields.Many2one(
        related="task_id.phase_id", store=True, index=True, string="Phase"
    )
    parent_organization_id = fields.Many2one(
        related="organization_id.parent_id",
        string="Parent Organisation",
        help="The completion matrix of a large campaign counts the assignments "
        "by parent organisation.",
    )
    kind = fields.Selection(related="task_id.kind", store=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    deadline = fields.Date(required=True, tracking=True)
    is_done = fields.Integer(
        string="Done",
        compute="_compute_is_done",
        store=True,
        aggregator="sum",
        help="1 when done: the completion matrix sums it.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    task_description = fields.Text(related="task_id.description")
    completion_note = fields.Html()
    date_done = fields.Date(string="Completed On", readonly=True, copy=False)
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_campaign_assignment_attachment_rel",
        "assignment_id",
        "attachment_id",
    )
    responsible_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_responsible_user_ids",
        string="Responsible",
        help="The secretary and deputy secretary of the organisation.",
    )
    can_start = fields.Boolean(compute="_compute_cxzy_can")
    can_done = fields.Boolean(compute="_compute_cxzy_can")
    can_reopen = fields.Boolean(compute="_compute_cxzy_can")
    can_cancel = fields.Boolean(compute="_compute_cxzy_can")
    can_urge = fields.Boolean(
        compute="_compute_can_urge",
        help="The campaign office and the agency Party committee urge a branch "
        "on overdue work (催办).",
    )
    can_edit_completion = fields.Boolean(
        compute="_compute_can_edit_completion",
        help="The secretaries of the organisation report the work while it is open.",
    )

    _sql_constraints = [
        (
            "task_organization_uniq",
            "unique(task_id, organization_id)",
            "An organisation has one assignment per task.",
        ),
    ]

    def init(self):
        # the office carries one assignment per task of its own (a NULL
        # organisation is not caught by the unique constraint above)
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS cxzy_campaign_assignment_office_uniq "
            "ON cxzy_campaign_assignment (task_id) WHERE organization_id IS NULL"
        )

    @api.constrains("organization_id", "task_id")
    def _check_office_task(self):
        for assignment in self:
            if not assignment.organization_id and assignment.task_id.for_organizations:
                raise ValidationError(
                    self.env._(
                        "%(task)s is done by each organisation: its assignments "
                        "name the organisation.",
                        task=assignment.task_id.name,
                    )
                )

    def _cxzy_carrier_name(self):
        """Who carries the assignment (one) out, in words: its organisation,
        or the campaign office for the office's own tasks."""
        self.ensure_one()
        if self.organization_id:
            return self.organization_id.name
        return self.env._("the campaign office")

    @api.depends("state")
    def _compute_is_done(self):
        for assignment in self:
            assignment.is_done = int(assignment.state == "done")

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            assignment.is_overdue = (
                assignment.state in ("todo", "in_progress")
                and assignment.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue assignments."))
        domain = [
            ("state", "in", ("todo", "in_progress")),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends(
        "organization_id.secretary_id.user_id",
        "organization_id.deputy_secretary_id.user_id",
        "campaign_id.roster_ids.user_id",
        "campaign_id.roster_ids.body",
    )
    def _compute_responsible_user_ids(self):
        for assignment in self:
            organization = assignment.organization_id
            if not organization:
                # the office's own task: the office of the campaign's roster
                assignment.responsible_user_ids = assignment._cxzy_roster_office()
                continue
            assignment.responsible_user_ids = (
                organization.secretary_id.user_id
                | organization.deputy_secretary_id.user_id
            )

    def _cxzy_roster_office(self):
        """The users of the office in the campaign's roster (active ones)."""
        self.ensure_one()
        return (
            self.sudo()
            .campaign_id.roster_ids.filtered(lambda line: line.body == "office")
            .user_id.filtered("active")
            .sudo(False)
        )

    @api.depends("state", "organization_id.manager_user_ids")
    @api.depends_context("uid")
    def _compute_can_edit_completion(self):
        for assignment in self:
            assignment.can_edit_completion = assignment.state in (
                "todo",
                "in_progress",
            ) and (self.env.su or assignment._cxzy_rule_organization_secretary())

    @api.depends("state", "deadline")
    @api.depends_context("uid")
    def _compute_can_urge(self):
        may = self._cxzy_may_urge()
        for assignment in self:
            assignment.can_urge = may and assignment.is_overdue

    # ------------------------------------------------------------------
    # Who
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_may_urge(self):
        user = self.env.user
        return self.env.su or user.has_group(OFFICE) or user.has_group(COMMITTEE)

    def _cxzy_reminded_users(self):
        """Whom the reminders of the assignment (one) reach: its
        organisation's secretary and deputy; when neither has a user, the
        campaign office of its company, so that no overdue work goes
        unnoticed."""
        self.ensure_one()
        users = self.responsible_user_ids.filtered("active")
        if users:
            return users
        return self._cxzy_group_users((OFFICE,)).filtered(
            lambda user: self.company_id in user.company_ids
        )

    def _cxzy_rule_organization_secretary(self):
        """The secretaries of the organisation (and of those above it): the
        users who manage it; for the office's own tasks, the campaign office."""
        self.ensure_one()
        if not self.organization_id:
            return self.env.user.has_group(OFFICE)
        return self.env.user in self.sudo().organization_id.manager_user_ids

    # ------------------------------------------------------------------
    # The office's own tasks: to-dos through the engine
    # ------------------------------------------------------------------
    def _cxzy_who(self, step):
        if not self.organization_id:
            return self.env._("the campaign office")
        return super()._cxzy_who(step)

    def _cxzy_waiting_steps(self):
        # the office's own open work waits while its campaign runs
        if self.organization_id or self.sudo().campaign_id.state != "running":
            return ()
        return super()._cxzy_waiting_steps()

    def _cxzy_sync_todos(self):
        # the branches' assignments have no to-dos from the engine: no query
        # for them on every step
        return super(
            CxzyCampaignAssignment, self.filtered(lambda a: not a.organization_id)
        )._cxzy_sync_todos()

    def _cxzy_todo_tiers(self, step):
        """The office's own task waits for the office of the campaign's
        roster, else for the whole campaign office."""
        office = self._cxzy_group_users((OFFICE,))
        return [self._cxzy_roster_office() & office, office]

    def _cxzy_todo_deadline(self, step):
        return self.deadline

    def _cxzy_rule_organization_secretary_or_office(self):
        return self._cxzy_rule_organization_secretary() or self.env.user.has_group(
            OFFICE
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                given = set(vals) & set(COMPLETION_FIELDS)
                if given:
                    raise UserError(
                        self.env._(
                            "A new assignment has no report yet: its "
                            "organisation's secretaries write %(fields)s once it "
                            "exists. Nothing was saved.",
                            fields=self._cxzy_field_names(given),
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_completion_writers(vals)
        return super().write(vals)

    def _check_completion_writers(self, vals):
        """The completion note and the evidence are the organisation's report:
        only its secretaries write them; the deadline is the office's."""
        given = set(vals)
        if given & set(COMPLETION_FIELDS):
            others = self.filtered(lambda a: not a._cxzy_rule_organization_secretary())
            if others and not others[0].organization_id:
                raise UserError(
                    self.env._(
                        "Only the campaign office reports its own work on "
                        "%(task)s (%(fields)s). Nothing was saved.",
                        task=others[0].task_id.name,
                        fields=self._cxzy_field_names(given & set(COMPLETION_FIELDS)),
                    )
                )
            if others:
                raise UserError(
                    self.env._(
                        "Only the secretaries of %(organization)s report its work "
                        "on %(task)s (%(fields)s). Nothing was saved.",
                        organization=others[0].organization_id.name,
                        task=others[0].task_id.name,
                        fields=self._cxzy_field_names(given & set(COMPLETION_FIELDS)),
                    )
                )
        if given & set(OFFICE_FIELDS) and not self.env.user.has_group(OFFICE):
            changed = {
                name
                for name in given & set(OFFICE_FIELDS)
                if not self._cxzy_unchanged(name, vals[name])
            }
            if changed:
                raise UserError(
                    self.env._(
                        "Only the campaign office sets %(fields)s of an assignment. "
                        "Nothing was saved.",
                        fields=self._cxzy_field_names(changed),
                    )
                )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _check_campaign_running(self):
        """Work is reported while its campaign runs, not after it closed."""
        stopped = self.sudo().filtered(lambda a: a.campaign_id.state != "running")
        if stopped:
            campaign = stopped[0].campaign_id
            raise UserError(
                self.env._(
                    "%(campaign)s is %(state)s: its assignments no longer change.",
                    campaign=campaign.name,
                    state=campaign._cxzy_state_label(campaign.state),
                )
            )

    def _cxzy_check_start(self):
        self._check_campaign_running()

    def _cxzy_check_done(self):
        self._check_campaign_running()

    def _cxzy_check_reopen(self):
        self._check_campaign_running()

    def _cxzy_check_cancel(self):
        self._check_campaign_running()

    def action_start(self):
        return self._cxzy_do("start")

    def action_done(self):
        self._cxzy_do("done", {"date_done": fields.Date.context_today(self)})
        self.sudo().activity_unlink(
            [
                "cxzy_campaign.mail_activity_type_assignment_due",
                "cxzy_campaign.mail_activity_type_assignment_overdue",
                "cxzy_campaign.mail_activity_type_assignment_urge",
            ]
        )
        return True

    def action_reopen(self):
        return self._cxzy_do("reopen", {"date_done": False})

    def action_cancel(self):
        return self._cxzy_do("cancel")

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind(self):
        """To-dos for the responsible secretaries: one before the deadline, one
        when overdue; never twice for the same assignment and person."""
        today = fields.Date.context_today(self)
        due_type = self.env.ref("cxzy_campaign.mail_activity_type_assignment_due")
        overdue_type = self.env.ref(
            "cxzy_campaign.mail_activity_type_assignment_overdue"
        )
        open_assignments = self.search(
            [
                ("state", "in", ("todo", "in_progress")),
                ("campaign_id.state", "=", "running"),
                ("deadline", "<=", today + timedelta(days=60)),
                # the office's own tasks have their to-dos from the engine
                ("organization_id", "!=", False),
            ]
        )
        candidates = open_assignments.filtered(
            lambda a: (
                a.deadline < today
                or a.deadline <= today + timedelta(days=a.campaign_id.reminder_days)
            )
        )
        if not candidates:
            return
        existing = self.env["mail.activity"].search_read(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", candidates.ids),
                ("activity_type_id", "in", (due_type | overdue_type).ids),
            ],
            ["res_id", "user_id", "activity_type_id"],
        )
        known = {
            (row["res_id"], row["user_id"][0], row["activity_type_id"][0])
            for row in existing
        }
        values = []
        model_id = self.env["ir.model"]._get_id(self._name)
        for assignment in candidates:
            activity_type = overdue_type if assignment.deadline < today else due_type
            for user in assignment._cxzy_reminded_users():
                key = (assignment.id, user.id, activity_type.id)
                if key in known:
                    continue
                known.add(key)
                values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": assignment.id,
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "user_id": user.id,
                        "date_deadline": assignment.deadline,
                        "summary": activity_type.summary,
                        "note": self.env._(
                            "%(task)s of %(organization)s is due on %(deadline)s.",
                            task=assignment.task_id.name,
                            organization=assignment.organization_id.name,
                            deadline=assignment._cxzy_date_text(assignment.deadline),
                        ),
                    }
                )
        self.env["mail.activity"].create(values)

    # ------------------------------------------------------------------
    # 催办
    # ------------------------------------------------------------------
    def action_urge(self):
        """催办: the office or the committee urges the organisations of overdue
        assignments. The secretaries (or, when the organisation has none with
        a user, the campaign office) get the message from the template in
        their inbox and a to-do; it changes nothing else."""
        if not self._cxzy_may_urge():
            raise UserError(
                self.env._(
                    "Only the campaign office or the agency Party committee urges "
                    "a branch on its work."
                )
            )
        if not self:
            raise UserError(self.env._("Select the overdue assignments to urge."))
        self.check_access("read")
        not_overdue = self.filtered(lambda a: not a.is_overdue)
        if not_overdue:
            raise UserError(
                self.env._(
                    "%(task)s of %(organization)s is not overdue: only overdue "
                    "work is urged.",
                    task=not_overdue[0].task_id.name,
                    organization=not_overdue[0]._cxzy_carrier_name(),
                )
            )
        template = self.env.ref("cxzy_campaign.mail_template_assignment_urge")
        urge_type = self.env.ref("cxzy_campaign.mail_activity_type_assignment_urge")
        model_id = self.env["ir.model"]._get_id(self._name)
        author = self.env.user.partner_id
        activities = []
        for assignment in self.sudo():
            users = assignment._cxzy_reminded_users()
            # the e-mails go out with the mail queue, not within the click
            assignment.with_context(
                lang=users[:1].lang or self.env.lang, mail_notify_force_send=False
            ).message_post_with_source(
                template,
                author_id=author.id,
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
            activities += [
                {
                    "res_model_id": model_id,
                    "res_id": assignment.id,
                    "activity_type_id": urge_type.id,
                    "automated": True,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": urge_type.with_context(
                        lang=user.lang or self.env.lang
                    ).summary,
                }
                for user in users
            ]
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        return True
