# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError


class CxzyCampaignAttendance(models.Model):
    """Whether a member came to an activity: present, on leave or absent."""

    _name = "cxzy.campaign.attendance"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Activity Attendance"
    _order = "event_id, organization_id, member_id, id"
    _rec_name = "member_id"
    _check_company_auto = True
    #: a line stays the line of its member at its activity
    _cxzy_owner_fields = ("event_id", "member_id")

    event_id = fields.Many2one(
        "cxzy.campaign.event",
        string="Activity",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        readonly=True,
    )
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Organisation"
    )
    company_id = fields.Many2one(
        related="event_id.company_id", store=True, index=True, precompute=True
    )
    event_date = fields.Datetime(related="event_id.date", string="Date")
    status = fields.Selection(
        [("present", "Present"), ("leave", "On Leave"), ("absent", "Absent")],
        required=True,
        default="present",
    )
    note = fields.Char(help="E.g. the reason for the leave.")

    _sql_constraints = [
        (
            "event_member_uniq",
            "unique(event_id, member_id)",
            "A member appears once in the attendance of an activity.",
        ),
    ]

    # ------------------------------------------------------------------
    # The attendance of a done activity is on record
    # ------------------------------------------------------------------
    def _check_event_open(self, events):
        done = events.filtered(lambda e: e.state != "draft")
        if done:
            raise UserError(
                self.env._(
                    "%(event)s is %(state)s: its attendance is on record. Reset "
                    "the activity to draft to change it. Nothing was saved.",
                    event=done[0].name,
                    state=done._cxzy_state_label(done[0].state),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            # after the defaults: a line given its activity by the context too
            self._check_event_open(lines.sudo().event_id)
        return lines

    def _cxzy_check_not_locked(self, vals):
        self._check_event_open(self.sudo().event_id)
        return super()._cxzy_check_not_locked(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_events(self):
        if not self.env.su:
            self._check_event_open(self.sudo().event_id)
