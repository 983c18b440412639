# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .cxzy_workflow_mixin import written_language

TASK_KINDS = [
    ("mobilize", "Mobilisation"),
    ("plan", "Drawing up the Plan"),
    ("study", "Organised Study"),
    ("party_spirit", "Party-spirit Education"),
    ("serve_masses", "Serving the Masses"),
    ("demonstration", "Demonstration Posts"),
    ("innovation", "Organisational Innovation"),
    ("commendation", "Commendation"),
    ("exemplar", "Setting up Exemplars"),
    ("benchmark", "Benchmarking"),
    ("upgrade", "Upgrading"),
    ("showcase", "Showing the Results"),
    ("summary", "Summing up"),
    ("appraisal", "Assessment and Appraisal"),
    ("mechanism", "Institutionalising"),
    ("other", "Other"),
]


class CxzyCampaignTask(models.Model):
    _name = "cxzy.campaign.task"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Campaign Task"
    _order = "campaign_id, phase_sequence, sequence, deadline, id"
    #: a task stays in its phase (and so in its campaign or template)
    _cxzy_owner_fields = ("phase_id",)

    phase_id = fields.Many2one(
        "cxzy.campaign.phase",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    phase_sequence = fields.Integer(
        related="phase_id.sequence", store=True, string="Phase Sequence"
    )
    campaign_id = fields.Many2one(
        related="phase_id.campaign_id", store=True, index=True, string="Campaign"
    )
    company_id = fields.Many2one(related="phase_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    kind = fields.Selection(TASK_KINDS, required=True, default="other")
    description = fields.Text(help="The task in the plan's own words.")
    deadline = fields.Date(required=True)
    for_organizations = fields.Boolean(
        string="Done by Each Organisation",
        default=True,
        help="Each participating organisation gets its own assignment of this task; "
        "otherwise the campaign office carries it out.",
    )
    organization_ids = fields.Many2many(
        "cxzy.party.organization",
        "cxzy_campaign_task_organization_rel",
        "task_id",
        "organization_id",
        string="Assigned Organisations",
        help="Leave empty to assign the task to every participating organisation.",
    )
    assignment_ids = fields.One2many(
        "cxzy.campaign.assignment", "task_id", string="Assignments"
    )

    @api.constrains("deadline", "phase_id")
    def _check_deadline(self):
        for task in self:
            phase = task.phase_id
            if not phase.date_start <= task.deadline <= phase.date_end:
                raise ValidationError(
                    self.env._(
                        "The deadline of %(task)s (%(deadline)s) lies outside its "
                        "phase %(phase)s (%(start)s – %(end)s).",
                        task=task.name,
                        deadline=task.deadline,
                        phase=phase.name,
                        start=phase.date_start,
                        end=phase.date_end,
                    )
                )

    def _shifted_values(self, delta):
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "deadline": self.deadline + delta,
            "for_organizations": self.for_organizations,
        }

    def _target_organizations(self):
        self.ensure_one()
        if not self.for_organizations:
            return self.env["cxzy.party.organization"]
        return self.organization_ids or self.campaign_id.organization_ids

    def _sync_assignments(self):
        """One assignment per task and organisation of running campaigns.

        Creates the missing ones; removes those no longer wanted unless work has
        started on them. In a fixed number of queries whatever the number of
        organisations: the existing pairs are read in one grouped query, the
        new assignments created in one batch, without a chatter message or a
        follower each; each campaign logs one summary message instead.
        """
        tasks = self.filtered(lambda t: t.campaign_id.state == "running")
        if not tasks:
            return
        tasks._sync_office_assignments()
        Assignment = self.env["cxzy.campaign.assignment"]
        # {(task id, organisation id): (assignment id, state)}, read as
        # arrays per task and state: a handful of rows, not one per assignment
        existing = {}
        for task, state, organization_ids, ids in Assignment._read_group(
            [("task_id", "in", tasks.ids), ("organization_id", "!=", False)],
            ["task_id", "state"],
            ["organization_id:array_agg", "id:array_agg"],
        ):
            for organization_id, assignment_id in zip(
                organization_ids, ids, strict=True
            ):
                existing[task.id, organization_id] = (assignment_id, state)
        wanted_of = {task.id: set(task._target_organizations().ids) for task in tasks}
        to_create = []
        remove_ids, started = [], []
        for task in tasks:
            wanted = wanted_of[task.id]
            to_create += [
                {"task_id": task.id, "organization_id": organization_id}
                for organization_id in sorted(wanted)
                if (task.id, organization_id) not in existing
            ]
        for (task_id, organization_id), (assignment_id, state) in existing.items():
            if organization_id not in wanted_of[task_id]:
                remove_ids.append(assignment_id)
                if state != "todo":
                    started.append(assignment_id)
        if started:
            assignment = Assignment.browse(started[0])
            raise UserError(
                self.env._(
                    "%(organization)s has already worked on %(task)s: its assignment "
                    "cannot be removed. Cancel it instead.",
                    organization=assignment._cxzy_carrier_name(),
                    task=assignment.task_id.name,
                )
            )
        Assignment.browse(remove_ids).unlink()
        tasks._insert_assignments(to_create)
        self._log_created_summary(tasks, to_create)

    def _insert_assignments(self, vals_list):
        """Create the assignments of ``vals_list`` (task, organisation) in one
        INSERT: a campaign of 2,000 branches has 30,000 of them, which the
        ORM's create takes tens of seconds over (one defaults and one
        cache round per record, a chatter message each). The values are
        the server's own (the task's campaign, phase, kind, company and
        deadline, state "to do"); the same checks as the ORM's create run
        around it: the right to create assignments, the organisations'
        company, the record rules on the new assignments."""
        if not vals_list:
            return self.env["cxzy.campaign.assignment"]
        Assignment = self.env["cxzy.campaign.assignment"]
        Assignment.check_access("create")
        company_of = {task.id: task.company_id.id for task in self}
        # the office's own tasks have no organisation (None)
        pairs = {
            (company_of[vals["task_id"]], vals["organization_id"])
            for vals in vals_list
            if vals["organization_id"]
        }
        organizations = self.env["cxzy.party.organization"].browse(
            {organization_id for __, organization_id in pairs}
        )
        organization_company = {o.id: o.company_id.id for o in organizations}
        for company_id, organization_id in pairs:
            if organization_company[organization_id] not in (False, company_id):
                organization = organizations.browse(organization_id)
                raise UserError(
                    self.env._(
                        "%(organization)s belongs to another company than the "
                        "campaign: it takes no part in it.",
                        organization=organization.name,
                    )
                )
        self.flush_recordset(["campaign_id", "phase_id", "company_id", "kind"])
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxzy_campaign_assignment
                        (task_id, organization_id, campaign_id, phase_id,
                         company_id, kind, deadline, state, is_done, create_uid,
                         write_uid, create_date, write_date)
                   SELECT t.id, p.organization_id, t.campaign_id, t.phase_id,
                          t.company_id, t.kind, t.deadline, 'todo', 0, %(uid)s,
                          %(uid)s, %(now)s, %(now)s
                     FROM unnest(%(tasks)s::int[], %(organizations)s::int[])
                              AS p(task_id, organization_id)
                     JOIN cxzy_campaign_task t ON t.id = p.task_id
                       ON CONFLICT DO NOTHING
                RETURNING id""",
                uid=self.env.uid,
                now=self.env.cr.now(),
                tasks=[vals["task_id"] for vals in vals_list],
                organizations=[vals["organization_id"] for vals in vals_list],
            )
        )
        created = Assignment.browse(row[0] for row in self.env.cr.fetchall())
        # the inserted rows are not in the caches: what lists them reads anew
        self.invalidate_recordset(["assignment_ids"])
        self.campaign_id.invalidate_recordset(
            ["assignment_ids", "office_assignment_ids"]
        )
        if not self.env.su:
            created._cxzy_check_within_rules("create")
        return created

    @api.model
    def _log_created_summary(self, tasks, vals_list):
        """One message on each campaign for the assignments created from
        ``vals_list``, in place of one message per assignment."""
        campaign_of = {task.id: task.campaign_id for task in tasks}
        created = {}
        for vals in vals_list:
            count = created.setdefault(campaign_of[vals["task_id"]], [0, set()])
            count[0] += 1
            count[1].add(vals["organization_id"])
        env = self.with_context(lang=written_language(self.env)).env
        for campaign, (count, organizations) in created.items():
            campaign._message_log(
                body=env._(
                    "%(count)s assignments created for %(organizations)s "
                    "organisations.",
                    count=count,
                    organizations=len(organizations),
                )
            )

    def _sync_office_assignments(self):
        """One assignment of the campaign office per task it carries out
        itself (动员部署, 集中表彰, …: not done by each organisation), so
        that its own work has a state, evidence and a place in the
        progress; removed when the task goes to the organisations, unless
        the office has worked on it."""
        Assignment = self.env["cxzy.campaign.assignment"]
        existing = Assignment.search(
            [("task_id", "in", self.ids), ("organization_id", "=", False)]
        )
        have = set(existing.task_id.ids)
        created = self._insert_assignments(
            [
                {"task_id": task.id, "organization_id": None}
                for task in self
                if not task.for_organizations and task.id not in have
            ]
        )
        # created by SQL: give the waiting ones their to-dos as create would
        created.filtered(lambda a: a._cxzy_waiting_steps())._cxzy_todos_later()
        to_remove = existing.filtered(lambda a: a.task_id.for_organizations)
        started = to_remove.filtered(lambda a: a.state != "todo")
        if started:
            raise UserError(
                self.env._(
                    "%(organization)s has already worked on %(task)s: its assignment "
                    "cannot be removed. Cancel it instead.",
                    organization=started[0]._cxzy_carrier_name(),
                    task=started[0].task_id.name,
                )
            )
        to_remove.unlink()

    @api.model
    def _sync_running_office_assignments(self):
        """On installation and update: the office's own tasks of the running
        campaigns get their assignments (campaigns started before they
        existed)."""
        self.sudo().search(
            [("for_organizations", "=", False), ("campaign_id.state", "=", "running")]
        )._sync_office_assignments()
        return True

    def _check_no_work_lost(self):
        """Deleting a task deletes its assignments: never those an
        organisation has worked on."""
        worked = (
            self.env["cxzy.campaign.assignment"]
            .sudo()
            .search([("task_id", "in", self.ids), ("state", "!=", "todo")], limit=1)
        )
        if worked:
            raise UserError(
                self.env._(
                    "%(organization)s has already worked on %(task)s: the task "
                    "cannot be deleted. Cancel its assignments instead.",
                    organization=worked._cxzy_carrier_name(),
                    task=worked.task_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_worked_on(self):
        self._check_no_work_lost()

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._sync_assignments()
        return tasks

    def write(self, vals):
        result = super().write(vals)
        if {"organization_ids", "for_organizations"} & set(vals):
            self._sync_assignments()
        if "deadline" in vals:
            self.assignment_ids.filtered(
                lambda a: a.state in ("todo", "in_progress")
            ).write({"deadline": vals["deadline"]})
        return result
