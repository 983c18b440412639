# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ORGANIZATION_KINDS = [
    ("leading_group", "Leading Party Group"),
    ("committee", "Agency Party Committee"),
    ("general_branch", "General Party Branch"),
    ("branch", "Party Branch"),
    ("group", "Party Group"),
]


class CxzyPartyOrganization(models.Model):
    _name = "cxzy.party.organization"
    _description = "Party Organisation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _parent_store = True
    _order = "sequence, parent_path, id"
    _check_company_auto = True
    # Found by either of its names; shown by the short one (display_name).
    _rec_names_search = ["name", "short_name"]

    name = fields.Char(required=True, tracking=True)
    short_name = fields.Char(
        tracking=True,
        help="The name used day to day, shown in lists and on small screens "
        "(e.g. Party Leading Group for the full name of the Party leading "
        "group). The full name stays on the organisation's form and in "
        "documents.",
    )
    code = fields.Char()
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        ORGANIZATION_KINDS, required=True, default="branch", tracking=True
    )
    parent_id = fields.Many2one(
        "cxzy.party.organization",
        string="Parent Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "cxzy.party.organization", "parent_id", string="Sub-organisations"
    )
    secretary_id = fields.Many2one(
        "cxzy.party.member",
        check_company=True,
        tracking=True,
    )
    deputy_secretary_id = fields.Many2one(
        "cxzy.party.member",
        check_company=True,
        tracking=True,
    )
    committee_member_ids = fields.Many2many(
        "cxzy.party.member",
        "cxzy_party_organization_committee_rel",
        "organization_id",
        "member_id",
        string="Committee Members",
        check_company=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        "cxzy_party_organization_department_rel",
        "organization_id",
        "department_id",
        string="Departments Covered",
        check_company=True,
        help="The HR departments (处室) whose staff belong to this organisation.",
    )
    member_ids = fields.One2many(
        "cxzy.party.member", "organization_id", string="Members"
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        recursive=True,
        index=True,
        help="The organisation a Party group belongs to; any other organisation "
        "is its own branch.",
    )
    branch_member_ids = fields.One2many(
        "cxzy.party.member",
        "branch_id",
        string="Branch Members",
        help="Members of the branch, its Party groups included.",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    manager_user_ids = fields.Many2many(
        "res.users",
        "cxzy_party_organization_manager_rel",
        "organization_id",
        "user_id",
        string="Managing Users",
        compute="_compute_manager_user_ids",
        store=True,
        recursive=True,
        help="Users of the secretaries and deputy secretaries of this organisation "
        "and of every organisation above it: they manage this organisation.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(string="Notes")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a Party organisation must be unique per company.",
        ),
    ]

    @api.depends("name", "short_name")
    def _compute_display_name(self):
        for organization in self:
            organization.display_name = organization.short_name or organization.name

    @api.depends(
        "parent_id.manager_user_ids",
        "secretary_id.user_id",
        "deputy_secretary_id.user_id",
    )
    def _compute_manager_user_ids(self):
        for organization in self:
            organization.manager_user_ids = (
                organization.parent_id.manager_user_ids
                | organization.secretary_id.user_id
                | organization.deputy_secretary_id.user_id
            )

    @api.depends("kind", "parent_id.branch_id")
    def _compute_branch_id(self):
        for organization in self:
            if organization.kind == "group" and organization.parent_id:
                organization.branch_id = organization.parent_id.branch_id
            else:
                organization.branch_id = organization

    def _compute_member_count(self):
        """Members of the organisation and of every organisation below it,
        whoever looks: a member sees the real count of another branch, whose
        members they cannot read (counts only are read as the system)."""
        groups = (
            self.env["cxzy.party.member"]
            .sudo()
            ._read_group(
                [("organization_id", "child_of", self.ids)],
                ["organization_id"],
                ["__count"],
            )
        )
        for organization in self:
            prefix = organization.parent_path or ""
            organization.member_count = sum(
                count
                for group_org, count in groups
                if prefix and group_org.parent_path.startswith(prefix)
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A Party organisation cannot be its own ancestor.")
            )

    @api.constrains("secretary_id", "deputy_secretary_id", "committee_member_ids")
    def _check_leaders_are_members(self):
        for organization in self:
            leaders = (
                organization.secretary_id
                | organization.deputy_secretary_id
                | organization.committee_member_ids
            )
            inactive = leaders.filtered(lambda member: not member.active)
            if inactive:
                raise ValidationError(
                    self.env._(
                        "%(members)s cannot lead %(organization)s: their Party "
                        "membership is archived.",
                        members=", ".join(inactive.mapped("name")),
                        organization=organization.name,
                    )
                )

    def _check_parent_managed(self, parent_ids):
        """Non-office users may only attach organisations under one they manage."""
        if self.env.is_superuser() or self.env.user.has_group(
            "cxzy_campaign.group_cxzy_office"
        ):
            return
        parents = self.browse([pid for pid in parent_ids if pid]).sudo()
        if not all(parent_ids) or any(
            self.env.user not in parent.manager_user_ids for parent in parents
        ):
            raise AccessError(
                self.env._(
                    "You may only place an organisation under one that you "
                    "manage as secretary or deputy secretary."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_parent_managed({vals.get("parent_id") for vals in vals_list})
        return super().create(vals_list)

    def write(self, vals):
        if "parent_id" in vals:
            self._check_parent_managed({vals["parent_id"]})
            if vals["parent_id"] and self.search_count(
                [("id", "child_of", self.ids), ("id", "=", vals["parent_id"])]
            ):
                raise ValidationError(
                    self.env._("A Party organisation cannot be its own ancestor.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_members_or_children(self):
        with_members = (
            self.env["cxzy.party.member"]
            .with_context(active_test=False)
            ._read_group([("organization_id", "in", self.ids)], ["organization_id"])
        )
        if with_members:
            raise UserError(
                self.env._(
                    "%(organization)s still has Party members: move or archive "
                    "them before deleting the organisation.",
                    organization=with_members[0][0].name,
                )
            )
        children = self.with_context(active_test=False).search(
            [("parent_id", "in", self.ids), ("id", "not in", self.ids)], limit=1
        )
        if children:
            raise UserError(
                self.env._(
                    "%(organization)s still has sub-organisations: delete or move "
                    "them first.",
                    organization=children.parent_id.name,
                )
            )

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_party_member_action"
        )
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {
            "default_organization_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action
