# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)
_BRANCH = _lt(
    "the secretary or deputy secretary of the pairing's branch (or of an "
    "organisation above it), or the campaign office"
)


class CxzyServicePairing(models.Model):
    """A branch paired with a grassroots unit it helps (结对帮扶)."""

    _name = "cxzy.service.pairing"
    _description = "Service Pairing"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "state, date_start desc, id desc"
    _check_company_auto = True

    _cxzy_states = [("active", _lt("Active")), ("closed", _lt("Closed"))]
    _cxzy_steps = (
        Step(
            "close",
            _lt("Close Pairing"),
            ("active",),
            "closed",
            rule="_is_branch_manager",
            who=_BRANCH,
            sets=("date_end",),
        ),
        Step(
            "reopen",
            _lt("Reopen"),
            ("closed",),
            "active",
            rule="_is_branch_manager",
            who=_BRANCH,
            sets=("date_end",),
        ),
    )
    # The branch and the unit it serves are what the pairing is: fixed, like
    # its campaign and company (a new pairing is made for another unit).
    _cxzy_owner_fields = ("organization_id", "partner_id", "campaign_id", "company_id")
    _cxzy_locked_states = ("closed",)
    # Deleted in any state while it has no service records (checked below).
    _cxzy_deletable_states = ("active", "closed")

    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Grassroots Unit",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="The village, community or enterprise the branch serves.",
    )
    campaign_id = fields.Many2one(readonly=True, tracking=True)
    goals = fields.Html(sanitize=True)
    date_start = fields.Date(
        string="Paired Since",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Closed On", readonly=True, copy=False)
    record_ids = fields.One2many(
        "cxzy.service.record", "pairing_id", string="Service Records"
    )
    record_count = fields.Integer(compute="_compute_record_stats")
    people_served = fields.Integer(compute="_compute_record_stats")
    can_close = fields.Boolean(compute="_compute_cxzy_can")
    can_reopen = fields.Boolean(compute="_compute_cxzy_can")

    @api.depends("organization_id.name", "partner_id.name")
    def _compute_display_name(self):
        for pairing in self:
            pairing.display_name = " ↔ ".join(
                name
                for name in (pairing.organization_id.name, pairing.partner_id.name)
                if name
            )

    def _compute_record_stats(self):
        groups = self.env["cxzy.service.record"]._read_group(
            [("pairing_id", "in", self.ids)],
            ["pairing_id"],
            ["__count", "people_served:sum"],
        )
        stats = {pairing: (count, people) for pairing, count, people in groups}
        for pairing in self:
            pairing.record_count, pairing.people_served = stats.get(pairing, (0, 0))

    @api.constrains("organization_id")
    def _check_branch(self):
        for pairing in self:
            if pairing.organization_id.kind not in ("branch", "general_branch"):
                raise ValidationError(
                    self.env._(
                        "%(organization)s is not a Party branch: service pairings "
                        "are made by branches and general branches.",
                        organization=pairing.organization_id.name,
                    )
                )

    def _is_branch_manager(self):
        return self._cxzy_office_or_secretary_of("organization_id")

    def action_close(self):
        return self._cxzy_do("close", {"date_end": fields.Date.context_today(self)})

    def action_reopen(self):
        return self._cxzy_do("reopen", {"date_end": False})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_records(self):
        with_records = self.filtered("record_ids")
        if with_records:
            raise UserError(
                self.env._(
                    "%(pairing)s has service records and cannot be deleted. Close "
                    "it instead.",
                    pairing=with_records[0].display_name,
                )
            )

    def action_view_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_service_record_action"
        )
        action["domain"] = [("pairing_id", "=", self.id)]
        action["context"] = {"default_pairing_id": self.id}
        return action
