# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models


class CxzyCampaignAttendance(models.Model):
    """Whether a member came to an activity: present, on leave or absent."""

    _name = "cxzy.campaign.attendance"
    _description = "Activity Attendance"
    _order = "event_id, organization_id, member_id, id"
    _rec_name = "member_id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "cxzy.campaign.event",
        string="Activity",
        required=True,
        index=True,
        ondelete="cascade",
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
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
