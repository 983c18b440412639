# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

# What the owner updates on a published pledge to show it is kept.
FULFILMENT_FIELDS = {"status", "evidence_ids", "note"}


class CxzyPledgeItem(models.Model):
    """One concrete commitment of a pledge, with its fulfilment."""

    _name = "cxzy.pledge.item"
    _description = "Pledge Item"
    _order = "pledge_id, sequence, id"
    _rec_name = "content"

    pledge_id = fields.Many2one(
        "cxzy.pledge", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    content = fields.Text(string="Commitment", required=True)
    due_date = fields.Date()
    status = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("fulfilled", "Fulfilled"),
            ("not_fulfilled", "Not Fulfilled"),
        ],
        default="planned",
        required=True,
    )
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_pledge_item_attachment_rel",
        "item_id",
        "attachment_id",
    )
    note = fields.Text(
        string="Fulfilment Note", help="What was done to keep this commitment."
    )
    company_id = fields.Many2one(
        related="pledge_id.company_id", store=True, index=True, string="Company"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
            self.env["cxzy.pledge"].browse(
                {vals.get("pledge_id") for vals in vals_list if vals.get("pledge_id")}
            )._check_content_editable()
        items = super().create(vals_list)
        items._link_evidence()
        return items

    def write(self, vals):
        if not self.env.su and vals:
            self.check_access("write")
            if set(vals) <= FULFILMENT_FIELDS:
                self.pledge_id._check_fulfilment_editable()
            else:
                self.pledge_id._check_content_editable()
                if vals.get("pledge_id"):
                    self.env["cxzy.pledge"].browse(
                        vals["pledge_id"]
                    )._check_content_editable()
        result = super().write(vals)
        if "evidence_ids" in vals:
            self._link_evidence()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if not self.env.su:
            self.pledge_id._check_content_editable()

    def _link_evidence(self):
        """Attach evidence uploaded before the item was saved to the item, so that
        whoever may read the item may read its evidence too."""
        for item in self:
            orphans = item.evidence_ids.sudo().filtered(
                lambda a: (
                    not a.res_id
                    and a.create_uid == self.env.user
                    and a.res_model in (False, self._name, "cxzy.pledge")
                )
            )
            if orphans:
                orphans.write({"res_model": self._name, "res_id": item.id})
