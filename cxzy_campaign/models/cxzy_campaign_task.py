# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
        started on them.
        """
        tasks = self.filtered(lambda t: t.campaign_id.state == "running")
        if not tasks:
            return
        tasks._sync_office_assignments()
        existing = self.env["cxzy.campaign.assignment"].search(
            [("task_id", "in", tasks.ids), ("organization_id", "!=", False)]
        )
        by_key = {(a.task_id.id, a.organization_id.id): a for a in existing}
        to_create = []
        to_remove = self.env["cxzy.campaign.assignment"]
        for task in tasks:
            wanted = task._target_organizations()
            for organization in wanted:
                if (task.id, organization.id) not in by_key:
                    to_create.append(
                        {
                            "task_id": task.id,
                            "organization_id": organization.id,
                            "deadline": task.deadline,
                        }
                    )
            to_remove |= existing.filtered(
                lambda a, t=task, w=wanted: (
                    a.task_id == t and a.organization_id not in w
                )
            )
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
        self.env["cxzy.campaign.assignment"].create(to_create)

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
        Assignment.create(
            [
                {"task_id": task.id, "deadline": task.deadline}
                for task in self
                if not task.for_organizations and task.id not in have
            ]
        )
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
