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


class HrEmployeePublic(models.Model):
    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "cxzy.employee.party.mixin"]
