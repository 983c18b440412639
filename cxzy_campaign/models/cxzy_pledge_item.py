# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

# What the owner updates on a published pledge to show it is kept.
FULFILMENT_FIELDS = {"status", "evidence_ids", "note"}


class CxzyPledgeItem(models.Model):
    """One concrete commitment of a pledge, with its fulfilment.

    Its pledge is fixed once created (``cxzy.guard.mixin``). Its content is
    written while the pledge is a draft (by the owner's side) or submitted (by
    the reviewers), and freezes once the pledge is approved, for everyone; its
    fulfilment is reported while the pledge is published and freezes once it
    is assessed."""

    _name = "cxzy.pledge.item"
    _description = "Pledge Item"
    _inherit = ["cxzy.guard.mixin"]
    _order = "pledge_id, sequence, id"
    _rec_name = "content"

    _cxzy_owner_fields = ("pledge_id",)

    pledge_id = fields.Many2one(
        "cxzy.pledge", required=True, index=True, ondelete="cascade", readonly=True
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
        items = self
        if not self.env.su:
            self.browse().check_access("create")
            pledge_ids = set()
            for vals in vals_list:
                try:
                    pledge_ids.add(int(vals.get("pledge_id") or 0))
                except (TypeError, ValueError):
                    continue
            pledges = self.env["cxzy.pledge"].browse(pledge_ids - {0}).exists()
            pledges.check_access("read")
            pledges._check_content_editable()
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
        result = super().write(vals)
        if "evidence_ids" in vals:
            self._link_evidence()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
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
