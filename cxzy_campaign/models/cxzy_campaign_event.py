# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('is_template', '=', False)]",
        tracking=True,
    )
    task_id = fields.Many2one(
        "cxzy.campaign.task",
        index=True,
        ondelete="set null",
        check_company=True,
        domain="[('campaign_id', '=', campaign_id)]",
        help="The campaign task this activity carries out.",
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
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
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )

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

    def _check_state(self, allowed):
        wrong = self.filtered(lambda e: e.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(event)s is already %(state)s: this step is not possible now.",
                    event=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_load_members(self):
        """Attendance lines for every member of the event's organisations (their
        sub-organisations included) who has none yet: one search, one create,
        whatever the number of members."""
        self.check_access("write")
        self._check_state(("draft",))
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
        self._check_state(("draft",))
        self.write({"state": "done"})

    def action_reset_draft(self):
        self._check_state(("done",))
        self.write({"state": "draft"})

    def action_view_photos(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_photo_action"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
