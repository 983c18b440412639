# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models, tools
from odoo.tools import SQL


class CxzyPublicityNomination(models.Model):
    """A nomination under publicity (公示) as the 公示栏 shows it to every
    colleague, the masses included: the nominee, the award, the branch, the
    deeds and the publicity period, and nothing more.

    A read-only SQL view with these public fields only: the nomination itself
    (its dossier of grades, the votes, the opinions) stays with the branch,
    the committee and the leading group. Its id is the nomination's."""

    _name = "cxzy.publicity.nomination"
    _description = "Nomination under Publicity"
    _auto = False
    _order = "publicity_end, nominee_name, id"
    _rec_name = "nominee_name"
    # What the view reads: flushed before it is queried.
    _depends = {
        "cxzy.nomination": [
            "state",
            "active",
            "member_id",
            "organization_id",
            "award_type_id",
            "branch_id",
            "campaign_id",
            "subject_type",
            "deeds",
            "publicity_start",
            "publicity_end",
            "company_id",
        ],
        "cxzy.award.type": ["name", "objection_anonymous"],
        "cxzy.party.member": ["name"],
        "cxzy.party.organization": ["name"],
        "cxzy.campaign": ["name"],
    }

    nominee_name = fields.Char(string="Nominee", readonly=True)
    subject_type = fields.Selection(
        [("organization", "Organisation"), ("member", "Member")],
        string="Nominee Is",
        readonly=True,
    )
    award_name = fields.Char(string="Award", readonly=True)
    branch_name = fields.Char(string="Branch", readonly=True)
    campaign_name = fields.Char(string="Campaign", readonly=True)
    deeds = fields.Html(readonly=True, sanitize=False)
    publicity_start = fields.Date(readonly=True)
    publicity_end = fields.Date(readonly=True)
    anonymous_allowed = fields.Boolean(
        string="Anonymous Objections",
        readonly=True,
        help="The award accepts objections without the author's name.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    can_object = fields.Boolean(
        string="Open to Objections",
        compute="_compute_can_object",
        help="The publicity runs today: anyone may lodge an objection or an opinion.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT nomination.id AS id,
                           COALESCE(member.name, organization.name) AS nominee_name,
                           nomination.subject_type AS subject_type,
                           award.name AS award_name,
                           branch.name AS branch_name,
                           campaign.name AS campaign_name,
                           nomination.deeds AS deeds,
                           nomination.publicity_start AS publicity_start,
                           nomination.publicity_end AS publicity_end,
                           COALESCE(award.objection_anonymous, FALSE)
                               AS anonymous_allowed,
                           nomination.company_id AS company_id
                      FROM cxzy_nomination nomination
                      JOIN cxzy_award_type award
                        ON award.id = nomination.award_type_id
                      LEFT JOIN cxzy_party_member member
                        ON member.id = nomination.member_id
                      LEFT JOIN cxzy_party_organization organization
                        ON organization.id = nomination.organization_id
                      LEFT JOIN cxzy_party_organization branch
                        ON branch.id = nomination.branch_id
                      LEFT JOIN cxzy_campaign campaign
                        ON campaign.id = nomination.campaign_id
                     WHERE nomination.state = 'publicity'
                       AND nomination.active
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.depends("publicity_start", "publicity_end")
    @api.depends_context("tz")
    def _compute_can_object(self):
        today = fields.Date.context_today(self)
        for publicity in self:
            publicity.can_object = bool(
                publicity.publicity_start
                and publicity.publicity_end
                and publicity.publicity_start <= today <= publicity.publicity_end
            )

    @api.readonly
    def action_open_objection(self):
        """The form to lodge an objection or an opinion on this nominee."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Objection or Opinion"),
            "res_model": "cxzy.nomination.objection.lodge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_publicity_id": self.id},
        }
