# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CxzyCampaignAssignment(models.Model):
    """A task as one organisation carries it out."""

    _name = "cxzy.campaign.assignment"
    _description = "Task Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, campaign_id, organization_id, id"
    _rec_name = "task_id"
    _check_company_auto = True

    task_id = fields.Many2one(
        "cxzy.campaign.task", required=True, ondelete="cascade", index=True
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    campaign_id = fields.Many2one(
        related="task_id.campaign_id", store=True, index=True, string="Campaign"
    )
    phase_id = fields.Many2one(
        related="task_id.phase_id", store=True, index=True, string="Phase"
    )
    kind = fields.Selection(related="task_id.kind", store=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
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

    _sql_constraints = [
        (
            "task_organization_uniq",
            "unique(task_id, organization_id)",
            "An organisation has one assignment per task.",
        ),
    ]

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
    )
    def _compute_responsible_user_ids(self):
        for assignment in self:
            organization = assignment.organization_id
            assignment.responsible_user_ids = (
                organization.secretary_id.user_id
                | organization.deputy_secretary_id.user_id
            )

    def _check_state(self, allowed):
        wrong = self.filtered(lambda a: a.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(task)s of %(organization)s is %(state)s: this step is not "
                    "possible now.",
                    task=wrong[0].task_id.name,
                    organization=wrong[0].organization_id.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_start(self):
        self._check_state(("todo",))
        self.write({"state": "in_progress"})

    def action_done(self):
        self._check_state(("todo", "in_progress"))
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        self.activity_unlink(
            [
                "cxzy_campaign.mail_activity_type_assignment_due",
                "cxzy_campaign.mail_activity_type_assignment_overdue",
            ]
        )

    def action_reopen(self):
        self._check_state(("done", "cancelled"))
        self.write({"state": "in_progress", "date_done": False})

    def action_cancel(self):
        self._check_state(("todo", "in_progress"))
        self.write({"state": "cancelled"})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda a: a.state != "todo")
        if started:
            raise UserError(
                self.env._(
                    "%(task)s of %(organization)s has been worked on and cannot be "
                    "deleted. Cancel it instead.",
                    task=started[0].task_id.name,
                    organization=started[0].organization_id.name,
                )
            )

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
            for user in assignment.responsible_user_ids:
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
                            deadline=assignment.deadline,
                        ),
                    }
                )
        self.env["mail.activity"].create(values)
