# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError


class CxzyPledgeReject(models.TransientModel):
    _name = "cxzy.pledge.reject"
    _description = "Reject a Pledge"

    pledge_id = fields.Many2one("cxzy.pledge", required=True, ondelete="cascade")
    reason = fields.Text(
        required=True,
        help="Posted in the pledge's chatter: the owner revises the pledge with it.",
    )

    def action_reject(self):
        if len(self) != 1:
            raise UserError(self.env._("Open the wizard from one pledge."))
        self.pledge_id.action_reject(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
