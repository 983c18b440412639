# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CxzyPartyMember(models.Model):
    _name = "cxzy.party.member"
    _description = "Party Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "organization_id, name, id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    # Identity comes from HR: never typed twice.
    name = fields.Char(
        related="employee_id.name", store=True, index=True, string="Name"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    job_id = fields.Many2one(related="employee_id.job_id", store=True)
    job_title = fields.Char(related="employee_id.job_title", store=True)
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="User"
    )
    image_128 = fields.Image(related="employee_id.image_128")
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Party Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    branch_id = fields.Many2one(
        related="organization_id.branch_id", store=True, index=True
    )
    membership_type = fields.Selection(
        [("full", "Full Member"), ("probationary", "Probationary Member")],
        required=True,
        default="full",
        tracking=True,
    )
    join_date = fields.Date(string="Date Joined", tracking=True)
    confirm_date = fields.Date(
        string="Date Confirmed",
        tracking=True,
        help="Date on which the probationary membership became full membership.",
    )
    party_post = fields.Char(tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(string="Notes")

    _sql_constraints = [
        (
            "employee_uniq",
            "unique(employee_id)",
            "An employee can have only one Party member record.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_employee_free([vals.get("employee_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("employee_id"):
            if len(self) > 1:
                raise ValidationError(
                    self.env._("An employee can have only one Party member record.")
                )
            self._check_employee_free([vals["employee_id"]])
        return super().write(vals)

    def _check_employee_free(self, employee_ids):
        """Refuse, before anything is written, a second record for an employee."""
        employee_ids = [eid for eid in employee_ids if eid]
        duplicates = {eid for eid in employee_ids if employee_ids.count(eid) > 1}
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search([("employee_id", "in", employee_ids), ("id", "not in", self.ids)])
        )
        employees = existing.employee_id | self.env["hr.employee"].sudo().browse(
            duplicates
        )
        if employees:
            raise ValidationError(
                self.env._(
                    "%(employees)s already has a Party member record (it may be "
                    "archived).",
                    employees=", ".join(employees.mapped("name")),
                )
            )

    @api.constrains("organization_id", "employee_id")
    def _check_organization_company(self):
        for member in self:
            if member.organization_id.company_id != member.company_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s belongs to %(company)s and cannot join "
                        "%(organization)s of another company.",
                        member=member.name,
                        company=member.company_id.name,
                        organization=member.organization_id.name,
                    )
                )

    @api.constrains("membership_type", "join_date", "confirm_date")
    def _check_dates(self):
        for member in self:
            if (
                member.join_date
                and member.confirm_date
                and member.confirm_date < member.join_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s: the date confirmed cannot be before the date "
                        "joined.",
                        member=member.name,
                    )
                )
            if member.membership_type == "probationary" and member.confirm_date:
                raise ValidationError(
                    self.env._(
                        "%(member)s is a probationary member and has no date "
                        "confirmed yet.",
                        member=member.name,
                    )
                )
