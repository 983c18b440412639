# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The achievements register (成果展示): what a branch changed in the
campaign, with evidence and photos. The secretaries record their branch's,
the office confirms them; confirmed achievements count in the campaign's
summary and their photos join the photo exhibition (图片展)."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

SECRETARY = "cxzy_campaign.group_cxzy_secretary"
OFFICE = "cxzy_campaign.group_cxzy_office"


class CxzyAchievement(models.Model):
    _name = "cxzy.achievement"
    _description = "Achievement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.workflow.mixin",
        "cxzy.campaign.bound.mixin",
    ]
    _order = "campaign_id desc, organization_id, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("submitted", _lt("Submitted")),
        ("confirmed", _lt("Confirmed")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            _lt("Submit"),
            ("draft",),
            "submitted",
            groups=(SECRETARY,),
            rule="_is_organization_secretary",
            who=_lt("the secretaries of the organisation or the campaign office"),
            sets=("return_reason",),
        ),
        Step(
            "confirm",
            _lt("Confirm"),
            ("submitted",),
            "confirmed",
            groups=(OFFICE,),
            sets=("confirmed_date", "confirmed_by_id"),
        ),
        Step(
            "return",
            _lt("Return"),
            ("submitted",),
            "draft",
            groups=(OFFICE,),
            sets=("return_reason",),
        ),
    )
    _cxzy_waits = {"submitted": ("confirm",)}
    _cxzy_owner_fields = ("campaign_id", "organization_id")
    _cxzy_locked_states = ("submitted", "confirmed")

    name = fields.Char(string="Title", required=True, tracking=True)
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    change = fields.Html(
        string="What Changed",
        sanitize=True,
        help="What the branch changed: in its work, its service, its members.",
    )
    evidence = fields.Html(
        sanitize=True, help="What shows it: figures, documents, people's words."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "cxzy_achievement_attachment_rel",
        "achievement_id",
        "attachment_id",
        string="Evidence Files",
    )
    photo_ids = fields.One2many(
        "cxzy.campaign.photo", "achievement_id", string="Photos"
    )
    photo_count = fields.Integer(compute="_compute_photo_count")
    return_reason = fields.Text(readonly=True, copy=False)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_confirm = fields.Boolean(compute="_compute_cxzy_can")
    can_return = fields.Boolean(compute="_compute_cxzy_can")

    def _compute_photo_count(self):
        counts = dict(
            self.env["cxzy.campaign.photo"]._read_group(
                [("achievement_id", "in", self.ids)], ["achievement_id"], ["__count"]
            )
        )
        for achievement in self:
            achievement.photo_count = counts.get(achievement, 0)

    def _is_organization_secretary(self):
        return self._cxzy_office_or_secretary_of("organization_id")

    def _cxzy_check_submit(self):
        for achievement in self:
            if is_html_empty(achievement.change):
                raise UserError(
                    self.env._(
                        "Say what changed before submitting %(achievement)s.",
                        achievement=achievement.name,
                    )
                )

    def action_submit(self):
        return self._cxzy_do("submit", {"return_reason": False})

    def action_confirm(self):
        """The office confirms the achievement: it counts in the summary and
        its photos join the photo exhibition."""
        result = self._cxzy_do(
            "confirm",
            {
                "confirmed_date": fields.Date.context_today(self),
                "confirmed_by_id": self.env.user.id,
            },
        )
        self.sudo().photo_ids.write({"for_exhibition": True})
        return result

    def action_return(self, reason=None):
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            self._cxzy_check("return")
            raise UserError(
                self.env._(
                    "Give the reason for returning the achievement: the branch "
                    "needs it to complete it."
                )
            )
        return self._cxzy_do("return", {"return_reason": reason}, opinion=reason)

    def action_open_return(self):
        return self.env["cxzy.document.step"]._open_for(self, "return")

    def action_view_photos(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_photo_exhibition_action"
        )
        action["domain"] = [("achievement_id", "=", self.id)]
        action["context"] = {"default_achievement_id": self.id}
        return action

    @api.depends("name", "organization_id")
    def _compute_display_name(self):
        for achievement in self:
            achievement.display_name = achievement.name or ""
