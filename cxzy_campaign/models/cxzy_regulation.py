# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class CxzyRegulation(models.Model):
    """A rule that makes what worked in the campaign permanent (制度,
    完善机制)."""

    _name = "cxzy.regulation"
    _description = "Regulation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, date_adopted desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        index=True,
        ondelete="set null",
        check_company=True,
        domain="[('is_template', '=', False)]",
        help="The campaign the regulation came out of.",
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Leave empty for a regulation of the whole agency.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    content = fields.Html(sanitize=True)
    date_adopted = fields.Date(copy=False, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("in_force", "In Force"), ("repealed", "Repealed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_regulation_attachment_rel",
        "regulation_id",
        "attachment_id",
        string="Attachments",
    )
    active = fields.Boolean(default=True, tracking=True)

    def write(self, vals):
        if not self.env.su and "state" in vals:
            raise UserError(
                self.env._(
                    "The status of a regulation changes through its buttons only."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_adopted(self):
        adopted = self.filtered(lambda r: r.state != "draft")
        if adopted:
            raise UserError(
                self.env._(
                    "%(regulation)s has been adopted and cannot be deleted: archive "
                    "it instead.",
                    regulation=adopted[0].name,
                )
            )

    def _check_state(self, allowed):
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(regulation)s is %(state)s: this step is not possible now.",
                    regulation=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def action_adopt(self):
        self.check_access("read")
        self._check_state(("draft",))
        empty = self.filtered(
            lambda r: is_html_empty(r.content) and not r.attachment_ids
        )
        if empty:
            raise UserError(
                self.env._(
                    "Write the text of %(regulation)s or attach it before adopting it.",
                    regulation=empty[0].name,
                )
            )
        self.check_access("write")
        today = fields.Date.context_today(self)
        for regulation in self:
            regulation.sudo().write(
                {"state": "in_force", "date_adopted": regulation.date_adopted or today}
            )

    def action_repeal(self):
        self.check_access("read")
        self._check_state(("in_force",))
        self.check_access("write")
        self.sudo().write({"state": "repealed"})
