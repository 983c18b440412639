# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models


class CxzyEmployeePartyMixin(models.AbstractModel):
    """The Party record shown on the employee's private and public forms."""

    _name = "cxzy.employee.party.mixin"
    _description = "Employee Party Record"

    cxzy_member_id = fields.Many2one(
        "cxzy.party.member",
        string="Party Member Record",
        compute="_compute_cxzy_member_id",
    )

    def _compute_cxzy_member_id(self):
        Member = self.env["cxzy.party.member"]
        if not Member.has_access("read"):
            self.cxzy_member_id = False
            return
        members = Member.with_context(active_test=False).search(
            [("employee_id", "in", self.ids)]
        )
        by_employee = {member.employee_id.id: member for member in members}
        for employee in self:
            employee.cxzy_member_id = by_employee.get(employee.id, False)

    def action_open_cxzy_member(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxzy.party.member",
            "view_mode": "form",
            "res_id": self.cxzy_member_id.id,
            "context": {"default_employee_id": self.id},
        }


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "cxzy.employee.party.mixin"]

    def write(self, vals):
        if "user_id" not in vals:
            return super().write(vals)
        before = self.sudo().user_id
        result = super().write(vals)
        # the user who left a roster's employee loses what the roster gave;
        # the new user gets it only from the campaign office (an HR officer
        # linking a user to an employee of the roster grants nothing)
        users = before
        if self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office"):
            users |= self.sudo().user_id
        self.env["cxzy.campaign.roster.grant"]._cxzy_sync(users)
        return result


class HrEmployeePublic(models.Model):
    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "cxzy.employee.party.mixin"]
