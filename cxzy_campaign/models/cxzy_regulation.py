# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"
COMMITTEE = "cxzy_campaign.group_cxzy_committee"
_KEEPERS = _lt(
    "the secretaries of its organisation, the agency Party committee or the "
    "campaign office"
)


class CxzyRegulation(models.Model):
    """A rule that makes what worked in the campaign permanent (制度,
    完善机制)."""

    _name = "cxzy.regulation"
    _description = "Regulation"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.workflow.mixin"]
    _order = "state, date_adopted desc, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("in_force", _lt("In Force")),
        ("repealed", _lt("Repealed")),
    ]
    _cxzy_steps = (
        Step(
            "adopt",
            _lt("Adopt"),
            ("draft",),
            "in_force",
            groups=(SECRETARY,),
            rule="_is_keeper",
            who=_KEEPERS,
            sets=("date_adopted",),
        ),
        Step(
            "repeal",
            _lt("Repeal"),
            ("in_force",),
            "repealed",
            groups=(SECRETARY,),
            rule="_is_keeper",
            who=_KEEPERS,
        ),
    )
    # Whose regulation it is (which decides who keeps it), and where it came
    # from: fixed once created.
    _cxzy_owner_fields = ("organization_id", "campaign_id", "company_id")
    # Adopted (then repealed): the text on record changes no more; archiving
    # stays possible.
    _cxzy_locked_states = ("in_force", "repealed")

    name = fields.Char(required=True, size=256, tracking=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        readonly=True,
        index=True,
        ondelete="set null",
        check_company=True,
        domain="[('is_template', '=', False)]",
        help="The campaign the regulation came out of.",
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Leave empty for a regulation of the whole agency.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda s: s.env.company,
    )
    content = fields.Html(sanitize=True)
    date_adopted = fields.Date(readonly=True, copy=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_regulation_attachment_rel",
        "regulation_id",
        "attachment_id",
        string="Attachments",
    )
    active = fields.Boolean(default=True, tracking=True)
    can_adopt = fields.Boolean(compute="_compute_cxzy_can")
    can_repeal = fields.Boolean(compute="_compute_cxzy_can")

    def _cxzy_check_not_locked(self, vals):
        # An adopted regulation is archived, never edited nor deleted.
        return super()._cxzy_check_not_locked(
            {name: value for name, value in vals.items() if name != "active"}
        )

    def _is_keeper(self):
        self.ensure_one()
        user = self.env.user
        return user.has_group(COMMITTEE) or (
            user in self.sudo().organization_id.manager_user_ids
        )

    def _cxzy_check_adopt(self):
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

    @api.model
    def _adoption_date(self, value):
        """The day of adoption the caller gives: today by default, never in
        the future."""
        today = fields.Date.context_today(self)
        if not value:
            return today
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if not isinstance(day, date):
            raise UserError(
                self.env._("%(value)s is not a date.", value=str(value)[:64])
            )
        if day > today:
            raise UserError(
                self.env._(
                    "A regulation is adopted on %(day)s at the latest (today), "
                    "not on %(date)s.",
                    day=fields.Date.to_string(today),
                    date=fields.Date.to_string(day),
                )
            )
        return day

    def action_adopt(self, date_adopted=None):
        """Put the regulations in force, adopted on ``date_adopted`` (today by
        default; an earlier day when the meeting that adopted them was)."""
        day = self._adoption_date(date_adopted)
        return self._cxzy_do("adopt", {"date_adopted": day})

    def action_repeal(self):
        return self._cxzy_do("repeal")

    def action_open_adopt(self):
        return self.env["cxzy.document.step"]._open_for(self, "adopt")
