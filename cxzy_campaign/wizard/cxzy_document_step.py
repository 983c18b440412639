# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.cxzy_duty_report import RATINGS

DOCUMENT_MODELS = [
    ("cxzy.party.spirit.report", "Party-spirit Analysis Report"),
    ("cxzy.duty.report", "Secretary's Duty Report"),
    ("cxzy.regulation", "Regulation"),
    ("cxzy.phase.summary", "Phase Summary"),
    ("cxzy.improvement.measure", "Improvement Measure"),
    ("cxzy.achievement", "Achievement"),
]
STEPS = [
    ("review", "Review"),
    ("return", "Return for Revision"),
    ("rate", "Rate"),
    ("adopt", "Adopt"),
    ("done", "Mark Done"),
]


class CxzyDocumentStep(models.TransientModel):
    """What the reviewer gives when taking a step on a campaign document: the
    comment of a review or a return, the committee's rating, the day a
    regulation was adopted. The document's own ``action_*`` checks the step
    and records it; this dialog only collects the values."""

    _name = "cxzy.document.step"
    _description = "Step on a Campaign Document"

    res_model = fields.Selection(DOCUMENT_MODELS, required=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True)
    step = fields.Selection(STEPS, required=True)
    comment = fields.Text()
    rating = fields.Selection(RATINGS)
    date = fields.Date(default=fields.Date.context_today)

    @api.model
    def _open_for(self, records, step):
        """The dialog in which the user gives what ``step`` records (a
        comment, a rating, a date) on one record; the record's step is checked
        first, so a refused step is refused before the dialog opens."""
        records._cxzy_check(step)
        if len(records) > 1:
            raise UserError(self.env._("Take this step on one record at a time."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(records._cxzy_step(step).label),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": records._name,
                "default_res_id": records.id,
                "default_step": step,
            },
        }

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def action_confirm(self):
        self.ensure_one()
        # The dialog's context holds its own defaults (default_res_id, …):
        # they must not become defaults of what the step creates.
        context = {
            name: value
            for name, value in self.env.context.items()
            if not name.startswith("default_")
        }
        document = self._document().with_env(self.env(context=context))
        key = (self.res_model, self.step)
        if key == ("cxzy.party.spirit.report", "review"):
            document.action_review(self.comment)
        elif key == ("cxzy.party.spirit.report", "return"):
            document.action_return(self.comment)
        elif key == ("cxzy.duty.report", "rate"):
            document.action_rate(self.rating, self.comment)
        elif key == ("cxzy.regulation", "adopt"):
            document.action_adopt(self.date)
        elif key in (
            ("cxzy.phase.summary", "return"),
            ("cxzy.achievement", "return"),
        ):
            document.action_return(self.comment)
        elif key == ("cxzy.improvement.measure", "done"):
            document.action_done(self.comment)
        else:
            raise UserError(self.env._("This step is not taken in this dialog."))
        return {"type": "ir.actions.act_window_close"}
