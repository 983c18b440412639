# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models, tools
from odoo.tools import SQL


class CxzyPublicityPost(models.Model):
    """A confirmed demonstration post as the 公示栏 shows it (亮牌): who holds
    it, in which branch, its service standard and its term, for every
    colleague to supervise, the masses included.

    A read-only SQL view with the public fields only: the post itself (its
    election's numbers, its chatter) stays with the members' rules, and a card
    opens this record, which every internal user may read."""

    _name = "cxzy.publicity.post"
    _description = "Demonstration Post on the Publicity Board"
    _auto = False
    _order = "term_start desc, branch_name, id"
    _rec_name = "title"
    # What the view reads: flushed before it is queried.
    _depends = {
        "cxzy.demonstration.post": [
            "state",
            "title",
            "member_id",
            "organization_id",
            "campaign_id",
            "service_standard",
            "term_start",
            "term_end",
            "confirmed_date",
            "company_id",
        ],
        "cxzy.party.member": ["name", "job_title"],
        "cxzy.party.organization": ["name"],
        "cxzy.campaign": ["name", "active"],
    }

    title = fields.Char(string="Post Title", readonly=True)
    member_name = fields.Char(string="Holder", readonly=True)
    job_title = fields.Char(readonly=True)
    branch_name = fields.Char(string="Branch", readonly=True)
    campaign_name = fields.Char(string="Campaign", readonly=True)
    service_standard = fields.Text(readonly=True)
    term_start = fields.Date(readonly=True)
    term_end = fields.Date(readonly=True)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT post.id AS id,
                           post.title AS title,
                           member.name AS member_name,
                           member.job_title AS job_title,
                           branch.name AS branch_name,
                           campaign.name AS campaign_name,
                           post.service_standard AS service_standard,
                           post.term_start AS term_start,
                           post.term_end AS term_end,
                           post.confirmed_date AS confirmed_date,
                           post.company_id AS company_id
                      FROM cxzy_demonstration_post post
                      JOIN cxzy_party_member member ON member.id = post.member_id
                      JOIN cxzy_party_organization branch
                        ON branch.id = post.organization_id
                      LEFT JOIN cxzy_campaign campaign
                        ON campaign.id = post.campaign_id
                     WHERE post.state = 'confirmed'
                       AND campaign.active IS NOT FALSE
                )
                """,
                SQL.identifier(self._table),
            )
        )
