# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.cxzy_pledge import RATINGS


class CxzyPledgeAssess(models.TransientModel):
    _name = "cxzy.pledge.assess"
    _description = "Assess a Pledge"

    pledge_id = fields.Many2one("cxzy.pledge", required=True, ondelete="cascade")
    rating = fields.Selection(RATINGS, required=True)
    comment = fields.Text(
        help="How the owner kept the pledge, as seen by the branch or the "
        "committee and by the masses' comments."
    )

    def action_assess(self):
        if len(self) != 1:
            raise UserError(self.env._("Open the wizard from one pledge."))
        self.pledge_id.action_assess(rating=self.rating, comment=self.comment)
        return {"type": "ir.actions.act_window_close"}
