# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""A test-only model of the workflow engine, loaded by odoo_test_helper."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

# Not named _lt: the test model's labels are not shipped, so not exported.
label = LazyTranslate(__name__)


class CxzyWorkflowTester(models.Model):
    _name = "cxzy.workflow.tester"
    _description = "Workflow Tester"
    _inherit = ["mail.thread", "cxzy.workflow.mixin"]
    _order = "id"

    _cxzy_states = [
        ("draft", label("Draft")),
        ("submitted", label("Submitted")),
        ("approved", label("Approved")),
        ("closed", label("Closed")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            label("Submit"),
            ("draft",),
            "submitted",
            rule="_is_author",
            who=label("its author"),
        ),
        Step(
            "approve",
            label("Approve"),
            ("submitted",),
            "approved",
            groups=("cxzy_campaign.group_cxzy_secretary",),
            not_own=True,
            sets=("approver_id", "opinion"),
        ),
        Step(
            "close",
            label("Close"),
            ("approved",),
            "closed",
            groups=("cxzy_campaign.group_cxzy_office",),
            sets=("closed_on",),
        ),
    )
    _cxzy_owner_fields = ("author_id",)
    _cxzy_locked_states = ("closed",)

    name = fields.Char(required=True)
    note = fields.Text()
    author_id = fields.Many2one("res.users", required=True)
    approver_id = fields.Many2one("res.users", readonly=True)
    opinion = fields.Text(readonly=True)
    closed_on = fields.Date(readonly=True)
    name_length = fields.Integer(compute="_compute_name_length", store=True)
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_approve = fields.Boolean(compute="_compute_cxzy_can")
    can_close = fields.Boolean(compute="_compute_cxzy_can")

    @api.depends("name")
    def _compute_name_length(self):
        for record in self:
            record.name_length = len(record.name or "")

    def _is_author(self):
        return self.author_id == self.env.user

    def _cxzy_is_own(self):
        return self.author_id == self.env.user

    def _cxzy_check_approve(self):
        for record in self:
            if not record.note:
                raise UserError(self.env._("缺少备注"))

    def action_submit(self):
        return self._cxzy_do("submit")

    def action_approve(self, opinion=None):
        return self._cxzy_do(
            "approve",
            {"approver_id": self.env.uid, "opinion": opinion},
            opinion=opinion,
        )

    def action_close(self):
        return self._cxzy_do("close", {"closed_on": fields.Date.today()})
