# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"

EVENT_KINDS = [
    ("mobilization", "Mobilisation Meeting"),
    ("seminar", "Study Seminar"),
    ("party_spirit", "Party-spirit Education"),
    ("service", "Serving the Masses"),
    ("report", "Report Meeting"),
    ("exhibition", "Photo Exhibition"),
    ("other", "Other"),
]


class CxzyCampaignEvent(models.Model):
    """A meeting or event of a campaign (活动记录): who came, what was said,
    the photos taken."""

    _name = "cxzy.campaign.event"
    _description = "Activity Record"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    _cxzy_states = [("draft", _lt("Draft")), ("done", _lt("Done"))]
    _cxzy_steps = (
        Step(
            "done",
            _lt("Mark Done"),
            ("draft",),
            "done",
            groups=(SECRETARY,),
            rule="_cxzy_rule_runs_it",
            who=_lt(
                "the secretaries of its organisations, the agency Party committee "
                "or the campaign office"
            ),
        ),
        Step(
            "reset_draft",
            _lt("Reset to Draft"),
            ("done",),
            "draft",
            groups=(SECRETARY,),
            rule="_cxzy_rule_runs_it",
            who=_lt(
                "the secretaries of its organisations, the agency Party committee "
                "or the campaign office"
            ),
        ),
    )
    #: a done activity is on record: reset it to draft to change it
    _cxzy_locked_states = ("done",)
    #: an activity stays in its campaign
    _cxzy_owner_fields = ("campaign_id",)

    name = fields.Char(required=True, tracking=True)
    task_id = fields.Many2one(
        "cxzy.campaign.task",
        index=True,
        ondelete="set null",
        check_company=True,
        domain="[('campaign_id', '=', campaign_id)]",
        help="The campaign task this activity carries out.",
    )
    kind = fields.Selection(EVENT_KINDS, required=True, default="other", tracking=True)
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    place = fields.Char(tracking=True)
    organization_ids = fields.Many2many(
        "cxzy.party.organization",
        "cxzy_campaign_event_organization_rel",
        "event_id",
        "organization_id",
        string="Organisations",
        check_company=True,
        help="The organisations whose members attend; sub-organisations included.",
    )
    attendance_ids = fields.One2many("cxzy.campaign.attendance", "event_id")
    present_count = fields.Integer(string="Present", compute="_compute_attendance")
    leave_count = fields.Integer(string="On Leave", compute="_compute_attendance")
    absent_count = fields.Integer(string="Absent", compute="_compute_attendance")
    minutes = fields.Html(sanitize=True)
    photo_ids = fields.One2many("cxzy.campaign.photo", "event_id", string="Photos")
    photo_count = fields.Integer(compute="_compute_photo_count")
    can_done = fields.Boolean(compute="_compute_cxzy_can")
    can_reset_draft = fields.Boolean(compute="_compute_cxzy_can")

    @api.depends("attendance_ids.status")
    def _compute_attendance(self):
        # Aggregates only: a member who reads the record sees the totals even
        # though the lines of others stay hidden by the record rules.
        counts = {
            (event.id, status): count
            for event, status, count in self.env["cxzy.campaign.attendance"]
            .sudo()
            ._read_group(
                [("event_id", "in", self.ids)], ["event_id", "status"], ["__count"]
            )
        }
        for event in self:
            event.present_count = counts.get((event.id, "present"), 0)
            event.leave_count = counts.get((event.id, "leave"), 0)
            event.absent_count = counts.get((event.id, "absent"), 0)

    @api.depends("photo_ids")
    def _compute_photo_count(self):
        counts = dict(
            self.env["cxzy.campaign.photo"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.photo_count = counts.get(event, 0)

    @api.constrains("date", "campaign_id")
    def _check_date(self):
        for event in self:
            campaign = event.campaign_id
            day = fields.Datetime.context_timestamp(event, event.date).date()
            if not campaign.date_start <= day <= campaign.date_end:
                raise ValidationError(
                    self.env._(
                        "%(event)s takes place on %(date)s, outside its campaign "
                        "%(campaign)s (%(start)s – %(end)s).",
                        event=event.name,
                        date=day,
                        campaign=campaign.name,
                        start=campaign.date_start,
                        end=campaign.date_end,
                    )
                )

    @api.constrains("task_id", "campaign_id")
    def _check_task(self):
        for event in self:
            if event.task_id and event.task_id.campaign_id != event.campaign_id:
                raise ValidationError(
                    self.env._(
                        "The task %(task)s does not belong to the campaign "
                        "%(campaign)s.",
                        task=event.task_id.name,
                        campaign=event.campaign_id.name,
                    )
                )

    @api.onchange("campaign_id")
    def _onchange_campaign_id(self):
        if self.task_id.campaign_id != self.campaign_id:
            self.task_id = False

    def _cxzy_check_not_locked(self, vals):
        # Photos are still added to a done activity, for the exhibition.
        return super()._cxzy_check_not_locked(
            {name: value for name, value in vals.items() if name != "photo_ids"}
        )

    def _cxzy_rule_runs_it(self):
        """Whoever may change the activity under the record rules: the
        secretaries of all its organisations, the committee, the office."""
        self.ensure_one()
        return self.has_access("write")

    def action_load_members(self):
        """Attendance lines for every member of the event's organisations (their
        sub-organisations included) who has none yet: one search, one create,
        whatever the number of members."""
        if not self:
            raise UserError(self.env._("Select the activities to load the members of."))
        self.check_access("write")
        done = self.filtered(lambda e: e.state != "draft")
        if done:
            raise UserError(
                self.env._(
                    "%(event)s is %(state)s: reset it to draft to change its "
                    "attendance.",
                    event=done[0].name,
                    state=self._cxzy_state_label(done[0].state),
                )
            )
        events = self.filtered("organization_ids")
        if not events:
            raise UserError(
                self.env._("Choose the organisations that attend the activity first.")
            )
        Attendance = self.env["cxzy.campaign.attendance"]
        members_by_org = dict(
            self.env["cxzy.party.member"]._read_group(
                [("organization_id", "child_of", events.organization_ids.ids)],
                ["organization_id"],
                ["id:array_agg"],
            )
        )
        # Lines hidden from the user still count: never a second line.
        existing = {
            (event.id, member.id)
            for event, member in Attendance.sudo()._read_group(
                [("event_id", "in", events.ids)], ["event_id", "member_id"]
            )
        }
        values = []
        for event in events:
            prefixes = event.organization_ids.mapped("parent_path")
            seen = set()
            for organization, member_ids in members_by_org.items():
                if not any(organization.parent_path.startswith(p) for p in prefixes):
                    continue
                for member_id in member_ids:
                    if member_id in seen or (event.id, member_id) in existing:
                        continue
                    seen.add(member_id)
                    values.append(
                        {
                            "event_id": event.id,
                            "member_id": member_id,
                            "status": "present",
                        }
                    )
        Attendance.create(values)
        return True

    def action_done(self):
        return self._cxzy_do("done")

    def action_reset_draft(self):
        return self._cxzy_do("reset_draft")

    def action_view_photos(self):
        if len(self) != 1:
            raise UserError(self.env._("Open the photos of one activity at a time."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_photo_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
