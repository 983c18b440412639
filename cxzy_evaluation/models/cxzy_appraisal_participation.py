# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .cxzy_appraisal_tally import ensure_ballot_tables


class CxzyAppraisalParticipation(models.Model):
    """Who may vote in a round and whether they have voted — never when, and
    never how.

    All the rows of a round are created when it opens, in the order of the
    employees' ids, in the round's own partition. A vote locks and flips the
    voter's own row only, so voters never wait for each other; while the
    round is open that row's ``xmin`` is the vote's transaction, and closing
    rewrites the round's partition (every row then has the cleanup's
    ``xmin``, the physical order of the ids, no dead version). No log access
    columns, no timestamp. Nobody reads or writes it through the ORM: no
    access rights for any group, a record rule matching nothing, and
    ``create``/``write`` refused to every caller; only the SQL below, called
    by the round. The threat model and its limits are in
    ``cxzy_appraisal_tally.py``."""

    _name = "cxzy.appraisal.participation"
    _description = "Appraisal Participation"
    _order = "round_id, id"
    _log_access = False
    # A partitioned table, made by init(): the ORM makes plain tables only,
    # and takes a partitioned one for a missing one unless it reads a query.
    _auto = False
    _table_query = "SELECT * FROM cxzy_appraisal_participation"

    round_id = fields.Many2one(
        "cxzy.appraisal.round",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Voter", required=True, readonly=True, ondelete="restrict"
    )
    has_voted = fields.Boolean(readonly=True)

    _sql_constraints = [
        (
            "voter_unique",
            "UNIQUE (round_id, employee_id)",
            "An employee takes part in a round once.",
        ),
    ]

    def init(self):
        ensure_ballot_tables(self.env.cr)

    # ------------------------------------------------------------------
    # Never through the ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(
            self.env._("Who takes part in an appraisal round is set when it opens.")
        )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            self.env._("Who takes part in an appraisal round is set when it opens.")
        )

    # ------------------------------------------------------------------
    # The participation's SQL, called by the round
    # ------------------------------------------------------------------
    @api.model
    def _open_boxes(self, rounds):
        """One row per round and eligible voter, in one query, in the order
        of the rounds and the employees' ids."""
        if not rounds:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxzy_appraisal_participation
                        (round_id, employee_id, has_voted)
                   SELECT round_id, employee_id, FALSE
                     FROM cxzy_appraisal_round_voter_rel
                    WHERE round_id IN %s
                 ORDER BY round_id, employee_id""",
                tuple(rounds.ids),
            )
        )
        self.invalidate_model()

    @api.model
    def _clear_boxes(self, rounds):
        self.env.cr.execute(
            SQL(
                "DELETE FROM cxzy_appraisal_participation WHERE round_id IN %s",
                tuple(rounds.ids),
            )
        )
        self.invalidate_model()

    @api.model
    def _turnout(self, rounds):
        """{round id: (voted, eligible)} for the opened rounds, in one query;
        rounds in draft have no rows yet."""
        if not rounds.ids:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT round_id, COUNT(*) FILTER (WHERE has_voted), COUNT(*)
                     FROM cxzy_appraisal_participation
                    WHERE round_id IN %s
                 GROUP BY round_id""",
                tuple(rounds.ids),
            )
        )
        return {
            round_id: (voted, total)
            for round_id, voted, total in self.env.cr.fetchall()
        }

    @api.model
    def _voted_by_user(self, rounds, uid):
        """{round id: has voted} for the rounds where user ``uid`` is an
        eligible voter, in one query."""
        if not rounds.ids:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT p.round_id, p.has_voted
                     FROM cxzy_appraisal_participation p
                     JOIN hr_employee e ON e.id = p.employee_id
                    WHERE p.round_id IN %s AND e.user_id = %s""",
                tuple(rounds.ids),
                uid,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _seat(self, appraisal_round, uid, lock=False):
        """User ``uid``'s row in the round: (row id, has voted, ids of the
        Party members that are this voter — their own subjects in a member
        round), or None when they are not an eligible voter. One query.
        ``lock``: lock that row (and no other) until the transaction ends, so
        that a second ballot of the same voter waits and is refused."""
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.has_voted,
                          ARRAY(SELECT m.id FROM cxzy_party_member m
                                 WHERE m.employee_id = p.employee_id)
                     FROM cxzy_appraisal_participation p
                     JOIN hr_employee e ON e.id = p.employee_id
                    WHERE p.round_id = %s AND e.user_id = %s
                    %s""",
                appraisal_round.id,
                uid,
                SQL("FOR UPDATE OF p") if lock else SQL(),
            )
        )
        return self.env.cr.fetchone()

    @api.model
    def _mark_voted(self, appraisal_round, seat_id):
        """Mark row ``seat_id`` of the round as voted, that row only; True if
        it was not yet (see the class docstring)."""
        self.env.cr.execute(
            SQL(
                """UPDATE cxzy_appraisal_participation SET has_voted = TRUE
                    WHERE round_id = %s AND id = %s AND NOT has_voted""",
                appraisal_round.id,
                seat_id,
            )
        )
        self.invalidate_model(["has_voted"])
        return self.env.cr.rowcount == 1
