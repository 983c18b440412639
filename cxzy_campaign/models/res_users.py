# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command, api, models

EXPORT_GROUP = "base.group_allow_export"
MEMBER_GROUP = "cxzy_campaign.group_cxzy_member"
#: the roles that export lists (the office implies the committee)
EXPORTING_GROUPS = (
    "cxzy_campaign.group_cxzy_committee",
    "cxzy_campaign.group_cxzy_leading",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._cxzy_sync_export_right()
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        ):
            self._cxzy_sync_export_right()
        return result

    def _cxzy_sync_export_right(self):
        """Members and secretaries of the campaign do not export lists, only
        the committee, the leading group and the office do. Odoo gives export
        to every user made from the Default User Template, and keeps an
        implied group when the role that implied it is taken away: take it
        off a campaign user who holds no exporting role."""
        export = self.env.ref(EXPORT_GROUP, raise_if_not_found=False)
        member = self.env.ref(MEMBER_GROUP, raise_if_not_found=False)
        if not export or not member:
            return
        exporting = self.env["res.groups"].browse(
            self.env.ref(xmlid).id for xmlid in EXPORTING_GROUPS
        )
        users = self.filtered(
            lambda user: (
                export in user.groups_id
                and member in user.groups_id
                and not (user.groups_id & exporting)
            )
        )
        if users:
            users.sudo().write({"groups_id": [Command.unlink(export.id)]})
