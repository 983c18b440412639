# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

GROUP_COMMITTEE = "cxzy_campaign.group_cxzy_committee"
#: An objection or an opinion is a few paragraphs, not a file.
CONTENT_SIZE = 4000

OUTCOMES = [
    ("founded", "Founded"),
    ("partly", "Partly Founded"),
    ("unfounded", "Unfounded"),
]


class CxzyNominationObjection(models.Model):
    """An objection or an opinion on a nomination under publicity (公示期间的
    异议或意见), lodged by any colleague, the masses included, named or — where
    the award allows it — anonymous; the committee records how it was checked
    (核实情况) and its outcome, and the leading group decides the nomination
    only once every objection is handled.

    Nobody writes these records through the ORM (no access row grants it):
    the lodging is :meth:`_cxzy_lodge`, the check is the engine's one step.
    Every record is created by the superuser, so that ``create_uid`` names
    nobody; the author of a named objection is in ``author_id``, that of an
    anonymous one is stored nowhere. Only the committee and the leading group
    read them. No chatter: followers and messages would name people."""

    _name = "cxzy.nomination.objection"
    _description = "Objection to a Nomination"
    _inherit = ["cxzy.workflow.mixin"]
    _order = "state, lodged_date desc, id desc"
    _rec_name = "nomination_id"

    _cxzy_states = [
        ("open", _lt("To Check")),
        ("handled", _lt("Handled")),
    ]
    _cxzy_steps = (
        # 核实: the committee records how it was checked
        Step(
            "handle",
            _lt("Record the Check"),
            ("open",),
            "handled",
            groups=(GROUP_COMMITTEE,),
            who=_lt("the agency Party committee"),
            not_own=True,
            sets=("check_note", "outcome", "handled_by_id", "handled_date"),
        ),
    )
    _cxzy_owner_fields = ("nomination_id", "author_id", "anonymous", "content")
    _cxzy_locked_states = ("handled",)

    nomination_id = fields.Many2one(
        "cxzy.nomination",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    # Computed in the creation itself: a later flush would write it in the
    # author's name (write_uid).
    company_id = fields.Many2one(
        related="nomination_id.company_id", store=True, index=True, precompute=True
    )
    content = fields.Text(string="Objection or Opinion", required=True, readonly=True)
    anonymous = fields.Boolean(readonly=True)
    author_id = fields.Many2one(
        "res.users",
        string="Lodged by",
        readonly=True,
        help="Empty when the objection was lodged anonymously: its author is "
        "stored nowhere.",
    )
    lodged_date = fields.Date(string="Lodged On", readonly=True)
    check_note = fields.Text(
        string="How It Was Checked",
        readonly=True,
        help="核实情况: how the committee looked into the objection.",
    )
    outcome = fields.Selection(OUTCOMES, readonly=True)
    handled_by_id = fields.Many2one("res.users", string="Checked by", readonly=True)
    handled_date = fields.Date(string="Checked On", readonly=True)
    can_handle = fields.Boolean(compute="_compute_cxzy_can")

    def _cxzy_is_own(self):
        """An objection to one's own nomination is checked by the others."""
        self.ensure_one()
        user = self.sudo().nomination_id.member_id.user_id
        return bool(user) and user == self.env.user

    @api.depends("nomination_id", "lodged_date")
    def _compute_display_name(self):
        for objection in self:
            objection.display_name = self.env._(
                "Objection to %(nomination)s",
                nomination=objection.sudo().nomination_id.name or "",
            )

    # ------------------------------------------------------------------
    # Lodging: any colleague, during the publicity
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_lodge(self, publicity, content, anonymous=False):
        """Lodge an objection or an opinion on the nomination behind
        ``publicity`` (a ``cxzy.publicity.nomination`` the caller may read)
        as the current user, and return it (as the system).

        Refused outside the publicity period, on a nomination no longer under
        publicity, anonymously when the award does not allow it, and without
        content."""
        publicity.ensure_one()
        # The caller reads the publicity board of their company.
        publicity.check_access("read")
        if not isinstance(content, str) or not content.strip():
            raise UserError(self.env._("Write down your objection or opinion."))
        content = content.strip()
        if len(content) > CONTENT_SIZE:
            raise UserError(
                self.env._(
                    "An objection has at most %(size)s characters (%(length)s given).",
                    size=CONTENT_SIZE,
                    length=len(content),
                )
            )
        nomination = self.env["cxzy.nomination"].sudo().browse(publicity.id)
        # Against a decision taken at this very moment: the decision locks the
        # row for update, this waits for it (and is retried on its commit, to
        # find it decided); two objections lodged together do not wait.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM cxzy_nomination WHERE id = %s FOR SHARE",
                nomination.id,
            )
        )
        nomination.invalidate_recordset(["state", "active"])
        today = fields.Date.context_today(self)
        if not (
            nomination.exists()
            and nomination.active
            and nomination.state == "publicity"
            and nomination.publicity_start
            and nomination.publicity_end
            and nomination.publicity_start <= today <= nomination.publicity_end
        ):
            raise UserError(
                self.env._(
                    "%(nomination)s is not under publicity today: objections are "
                    "lodged during the publicity period.",
                    nomination=nomination.name or publicity.display_name,
                )
            )
        anonymous = bool(anonymous)
        if anonymous and not nomination.award_type_id.objection_anonymous:
            raise UserError(
                self.env._(
                    "Objections to a nomination for %(award)s are lodged with "
                    "your name.",
                    award=nomination.award_type_id.name,
                )
            )
        # As the superuser, and written at once: create_uid and write_uid
        # name nobody.
        objection = (
            self.with_user(SUPERUSER_ID)
            .with_context(tracking_disable=True)
            .create(
                {
                    "nomination_id": nomination.id,
                    "content": content,
                    "anonymous": anonymous,
                    "author_id": False if anonymous else self.env.uid,
                    "lodged_date": today,
                }
            )
        )
        objection.flush_recordset()
        return objection

    # ------------------------------------------------------------------
    # Handling: the committee records how it was checked
    # ------------------------------------------------------------------
    def action_handle(self, check_note=None, outcome=None):
        """核实情况: the committee records how the objection was checked and
        its outcome; the objection no longer holds the decision."""
        self._cxzy_check("handle")
        note = check_note.strip() if isinstance(check_note, str) else ""
        if not note:
            raise UserError(self.env._("Say how the objection was checked."))
        if outcome not in dict(OUTCOMES):
            raise UserError(self.env._("Say whether the objection was founded or not."))
        return self._cxzy_do(
            "handle",
            {
                "check_note": note,
                "outcome": outcome,
                "handled_by_id": self.env.uid,
                "handled_date": fields.Date.context_today(self),
            },
        )

    def action_open_handle(self):
        self._cxzy_check("handle")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Check"),
            "res_model": "cxzy.nomination.objection.handle",
            "view_mode": "form",
            "target": "new",
            "context": {"default_objection_id": self.id},
        }
