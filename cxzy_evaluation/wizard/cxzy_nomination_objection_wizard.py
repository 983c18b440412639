# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

from ..models.cxzy_nomination_objection import OUTCOMES


class CxzyNominationObjectionLodge(models.TransientModel):
    """The form in which any colleague lodges an objection or an opinion on a
    nominee shown on the publicity board: it keeps nothing itself and hands
    the text to :meth:`cxzy.nomination.objection._cxzy_lodge`, which checks
    it."""

    _name = "cxzy.nomination.objection.lodge"
    _description = "Lodge an Objection"

    publicity_id = fields.Many2one(
        "cxzy.publicity.nomination", string="Nominee", required=True, readonly=True
    )
    award_name = fields.Char(related="publicity_id.award_name")
    publicity_end = fields.Date(related="publicity_id.publicity_end")
    anonymous_allowed = fields.Boolean(related="publicity_id.anonymous_allowed")
    content = fields.Text(string="Objection or Opinion", required=True)
    anonymous = fields.Boolean(
        string="Lodge Anonymously",
        help="Your name is not stored with the objection. Objections with a "
        "name are easier to check.",
    )

    @api.onchange("anonymous_allowed")
    def _onchange_anonymous_allowed(self):
        if not self.anonymous_allowed:
            self.anonymous = False

    def action_lodge(self):
        self.ensure_one()
        self.env["cxzy.nomination.objection"]._cxzy_lodge(
            self.publicity_id, self.content, self.anonymous
        )
        # The form's row would tie the author to the text until the vacuum:
        # it goes now. Nothing of the objection is read back: the author may
        # not read it.
        self.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Thank you: your objection was lodged. The agency Party "
                    "committee checks it before the leading group decides."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class CxzyNominationObjectionHandle(models.TransientModel):
    """The committee's record of how an objection was checked (核实情况)."""

    _name = "cxzy.nomination.objection.handle"
    _description = "Record How an Objection Was Checked"

    objection_id = fields.Many2one(
        "cxzy.nomination.objection", required=True, readonly=True
    )
    content = fields.Text(related="objection_id.content", string="Objection or Opinion")
    check_note = fields.Text(string="How It Was Checked", required=True)
    outcome = fields.Selection(OUTCOMES, required=True)

    def action_handle(self):
        self.ensure_one()
        self.objection_id.action_handle(self.check_note, self.outcome)
        return {"type": "ir.actions.act_window_close"}
