# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.cxzy_appraisal_tally import (
    GRADE_SCORES,
    MIN_VOTERS,
    ensure_ballot_tables,
)


class CxzyAppraisalResult(models.Model):
    """The results of the closed appraisal rounds that reached their minimum
    of voters: per subject and criterion, the voters per grade and the
    average score. A database view over the tally: rounds still open, or
    with too few voters, have no rows at all, and neither has a subject
    graded by fewer voters than the minimum (a voter who is the subject does
    not grade themself). A closed round shows once its last sealed ballots
    are counted (closing counts them)."""

    _name = "cxzy.appraisal.result"
    _description = "Appraisal Result"
    _auto = False
    _order = "round_id, subject_name, criterion_sequence, criterion_id"
    _rec_name = "subject_name"
    _depends = {
        "cxzy.appraisal.round": [
            "state",
            "min_voters",
            "campaign_id",
            "period_id",
            "company_id",
            "subject_type",
        ],
        "cxzy.appraisal.tally": [
            "round_id",
            "organization_id",
            "member_id",
            "criterion_id",
            "votes_excellent",
            "votes_good",
            "votes_fair",
            "votes_poor",
        ],
        "cxzy.appraisal.participation": ["round_id", "has_voted"],
        "cxzy.party.organization": ["name"],
        "cxzy.party.member": ["name"],
        "cxzy.criterion": ["sequence"],
    }

    round_id = fields.Many2one("cxzy.appraisal.round", readonly=True)
    campaign_id = fields.Many2one("cxzy.campaign", readonly=True)
    period_id = fields.Many2one(
        "cxzy.assessment.period", string="Assessment Period", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    subject_type = fields.Selection(
        [("organization", "Party Organisation"), ("member", "Party Member")],
        readonly=True,
    )
    organization_id = fields.Many2one("cxzy.party.organization", readonly=True)
    member_id = fields.Many2one("cxzy.party.member", readonly=True)
    subject_name = fields.Char(string="Subject", readonly=True)
    criterion_id = fields.Many2one("cxzy.criterion", readonly=True)
    criterion_sequence = fields.Integer(readonly=True)
    # The grades' words (see GRADES).
    votes_excellent = fields.Integer(string="Good", readonly=True)
    votes_good = fields.Integer(string="Fairly Good", readonly=True)
    votes_fair = fields.Integer(string="Average", readonly=True)
    votes_poor = fields.Integer(string="Poor", readonly=True)
    votes = fields.Integer(string="Voters", readonly=True)
    score = fields.Float(digits=(5, 2), readonly=True, aggregator="avg")

    def init(self):
        ensure_ballot_tables(self.env.cr)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %(view)s AS (
                SELECT tally.id,
                       tally.round_id,
                       round.campaign_id,
                       round.period_id,
                       round.company_id,
                       round.subject_type,
                       tally.organization_id,
                       tally.member_id,
                       COALESCE(organization.name, member.name) AS subject_name,
                       tally.criterion_id,
                       criterion.sequence AS criterion_sequence,
                       tally.votes_excellent,
                       tally.votes_good,
                       tally.votes_fair,
                       tally.votes_poor,
                       tally.votes_excellent + tally.votes_good + tally.votes_fair
                           + tally.votes_poor AS votes,
                       (%(excellent)s * tally.votes_excellent
                        + %(good)s * tally.votes_good
                        + %(fair)s * tally.votes_fair
                        + %(poor)s * tally.votes_poor)::numeric
                       / NULLIF(tally.votes_excellent + tally.votes_good
                                + tally.votes_fair + tally.votes_poor, 0) AS score
                  FROM cxzy_appraisal_tally tally
                  JOIN cxzy_appraisal_round round ON round.id = tally.round_id
                  JOIN cxzy_criterion criterion ON criterion.id = tally.criterion_id
             LEFT JOIN cxzy_party_organization organization
                       ON organization.id = tally.organization_id
             LEFT JOIN cxzy_party_member member ON member.id = tally.member_id
                 WHERE round.state = 'closed'
                   AND NOT EXISTS (
                           SELECT 1 FROM cxzy_appraisal_sealed sealed
                            WHERE sealed.round_id = round.id)
                   AND tally.votes_excellent + tally.votes_good + tally.votes_fair
                           + tally.votes_poor >= GREATEST(round.min_voters, %(floor)s)
                   AND GREATEST(round.min_voters, %(floor)s) <= (
                           SELECT COUNT(*)
                             FROM cxzy_appraisal_participation participation
                            WHERE participation.round_id = round.id
                              AND participation.has_voted)
            )""",
                view=SQL.identifier(self._table),
                floor=MIN_VOTERS,
                excellent=GRADE_SCORES["excellent"],
                good=GRADE_SCORES["good"],
                fair=GRADE_SCORES["fair"],
                poor=GRADE_SCORES["poor"],
            )
        )
