# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models
from odoo.exceptions import UserError

STEPS = [
    ("recommend", "Recommend"),
    ("study", "Study"),
    ("publicity", "Publicity"),
    ("objection", "Objection"),
    ("handle_objection", "Objections Handled"),
    ("decide", "Decide"),
    ("commend", "Commend"),
    ("reject", "Reject"),
]


class CxzyNominationStep(models.TransientModel):
    """What a level gives when it takes its step on a nomination: its
    opinion, the publicity's dates, the certificate, or the reason for a
    rejection. The nomination's own ``action_*`` checks and records it."""

    _name = "cxzy.nomination.step"
    _description = "Step on a Nomination"

    nomination_id = fields.Many2one(
        "cxzy.nomination", required=True, ondelete="cascade"
    )
    step = fields.Selection(STEPS, required=True, readonly=True)
    opinion = fields.Text(
        help="Recorded on the nomination with your name and the date, and posted "
        "in its chatter.",
    )
    publicity_required = fields.Boolean(
        string="Make Public First",
        help="Unset to let the leading group decide without a publicity period.",
    )
    publicity_start = fields.Date()
    publicity_end = fields.Date()
    commendation_date = fields.Date()
    certificate_number = fields.Char(
        help="Leave empty to take the next number of the certificates' sequence.",
    )

    def action_confirm(self):
        """Hand what was given to the nomination's step, which checks all of
        it (state, level, dates, quota) as for any other caller."""
        if len(self) != 1:
            raise UserError(self.env._("Confirm one step at a time."))
        nomination = self.nomination_id
        step = self.step
        if step == "recommend":
            nomination.action_recommend(self.opinion)
        elif step == "study":
            nomination.action_study(self.opinion, self.publicity_required)
        elif step == "publicity":
            nomination.action_start_publicity(self.publicity_start, self.publicity_end)
        elif step == "objection":
            nomination.action_note_objection(self.opinion)
        elif step == "handle_objection":
            nomination.action_handle_objection(self.opinion)
        elif step == "decide":
            nomination.action_decide(self.opinion)
        elif step == "commend":
            nomination.action_commend(self.commendation_date, self.certificate_number)
        elif step == "reject":
            nomination.action_reject(self.opinion)
        return {"type": "ir.actions.act_window_close"}
