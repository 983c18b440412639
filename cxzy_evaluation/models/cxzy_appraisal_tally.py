# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The ballot box of an appraisal round (群众评议), and how a ballot stays
secret.

The requirement
===============

Nothing stored lets anyone, an administrator reading the database with SQL
included, tell how a given voter voted. A ballot is therefore never stored.
What is stored is split in two tables that share nothing but the round:

``cxzy_appraisal_participation`` (who may vote, who has voted)
    One row per round and eligible voter, all inserted when the round is
    opened, in the order of the employees' ids: their ids and physical order
    say nothing about who voted when. No ``create_uid``/``create_date``/
    ``write_uid``/``write_date`` (``_log_access = False``) and no timestamp of
    its own: ``has_voted`` flips without a date. See
    ``cxzy_appraisal_participation.py``.

``cxzy_appraisal_tally`` (the ballot box, already counted: this model)
    One row per round, subject and criterion, also inserted at opening,
    holding four counters: how many voters gave each grade. A vote adds one
    to one counter of every row it grades; no row per ballot or per mark ever
    exists, so there is no voter column, no ballot id, no id sequence and no
    insertion order that could follow the order of the votes. No log access
    columns either.

One vote is one transaction that updates *every* tally row of the round
(those the voter does not grade, their own subject, by zero) and *every*
participation row of the round (``has_voted = has_voted OR id = me``).
PostgreSQL stamps each row version with the id of the transaction that wrote
it (the hidden ``xmin`` column) and writes new versions in the order the rows
are updated; had a vote touched only the voter's own row and the counters it
raised, ``xmin`` and the physical order would tell which voter went with
which counters. Touching all of them leaves every live row of the round with
the ``xmin`` of the *last* vote and the same layout whatever the order of the
votes.

The ballot form is a transient wizard whose lines live in the browser only:
saving the wizard *is* the vote (``create`` counts the grades and stores a
blank receipt, created as the superuser, with no round, no lines and no
voter), so no draft ballot is ever written to a table. Nothing posts a
chatter message, the round itself is not written to (its ``write_uid``/
``write_date`` stay those of the office), and the code logs nothing about a
vote.

Nobody reads or writes the two tables through the ORM: they have no access
rights for any group, the administrator included, record rules that match
nothing in case someone grants some, and ``create``/``write`` refuse every
caller, the superuser included. Only the SQL of this module and of
``cxzy_appraisal_participation.py`` touches them, called by the round.
Results are aggregates only, from :meth:`_results_of` (the round's
``_results()``) and the ``cxzy.appraisal.result`` view, and only for a
subject and criterion graded by at least ``min_voters`` voters, once at least
``min_voters`` have voted (the view: once the round is closed, too, so that
results cannot be watched change vote by vote).

What this does not protect against
==================================

* Someone who can watch the database while the round runs (read the tally
  before and after one vote, or follow the server's SQL statements with
  ``log_statement``/``log_min_duration_statement`` in PostgreSQL or
  ``--log-sql`` in Odoo) sees each vote as it happens.
* While a round is open, the superseded row versions (dead tuples) stay in
  the data files until they are vacuumed, each with the ``xmin`` of its vote:
  a superuser reading the raw pages (``pageinspect``) can replay the votes.
  Closing a round rewrites both tables (``VACUUM FULL``, after the commit:
  :func:`rewrite_ballot_boxes`) to remove them; autovacuum frees them earlier,
  but plain ``VACUUM`` may leave the old bytes in free space. The write-ahead
  log, a replica, and any WAL archive or backup taken during the round hold
  the same history: keep them as secret as the ballots, or let them expire.
* The tally is the sum of the ballots: with one voter it *is* that voter's
  ballot, and a unanimous result tells everyone how each voted. A round
  therefore never has a minimum under 3, cannot open with fewer eligible
  voters (other than the subject) than its minimum, and ``min_voters`` keeps
  the views and ``_results()`` empty below the bar; it cannot stop an SQL
  reader of the raw counters.
* A voter who is a subject of a member round does not grade themself: the
  rows of their own subject have one vote fewer once they voted. That tells
  an SQL reader that this subject voted, which the participation rows say
  anyway; never how.
* The web server's access log, Odoo's device log (``res.device.log``) and
  the receipts' ``create_date`` tell who was active, and when a ballot was
  cast; that is who voted when, never how.

Every vote rewrites the same rows, so the votes of one round are counted one
after the other: a voter submitting at the same instant as another waits for
them, or Odoo retries the request.
"""

import logging
from contextlib import closing

import psycopg2

from odoo import api, fields, models, sql_db
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The grades a voter gives, and what each is worth in a 0–100 score. Their
# words are those of the plan's appraisal (and of the duty reports' rating):
# 好 / 较好 / 一般 / 差 — the keys are older than the words and stay as they
# are, for the ballot boxes already counted.
GRADES = [
    ("excellent", "Good"),
    ("good", "Fairly Good"),
    ("fair", "Average"),
    ("poor", "Poor"),
]
GRADE_SCORES = {"excellent": 100, "good": 80, "fair": 60, "poor": 40}

#: No round shows a result of fewer voters, whatever its minimum says.
MIN_VOTERS = 3


def rewrite_ballot_boxes(dbname):
    """Once a round is closed (after the commit), rewrite the tally and
    participation tables so that the superseded row versions its votes left
    behind leave the data files (see the module docstring). Best effort: if
    the tables stay locked for long, PostgreSQL's autovacuum removes them
    later."""
    try:
        with closing(sql_db.db_connect(dbname).cursor()) as cr:
            cr._cnx.autocommit = True
            cr.execute("SET lock_timeout = '10s'")
            cr.execute("VACUUM FULL cxzy_appraisal_tally, cxzy_appraisal_participation")
    except psycopg2.Error as error:
        _logger.warning(
            "The ballot boxes were not rewritten after a round closed (%s); "
            "run VACUUM FULL on cxzy_appraisal_tally and "
            "cxzy_appraisal_participation.",
            error,
        )


class CxzyAppraisalTally(models.Model):
    """The ballot box of a round, counted as the votes come in: per subject
    and criterion, how many voters gave each grade. See the module docstring
    for what is stored, why, and what it does not protect against."""

    _name = "cxzy.appraisal.tally"
    _description = "Appraisal Tally"
    _order = "round_id, id"
    _log_access = False

    round_id = fields.Many2one(
        "cxzy.appraisal.round",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization", readonly=True, ondelete="restrict"
    )
    member_id = fields.Many2one("cxzy.party.member", readonly=True, ondelete="restrict")
    criterion_id = fields.Many2one(
        "cxzy.criterion", required=True, readonly=True, ondelete="restrict"
    )
    votes_excellent = fields.Integer(readonly=True)
    votes_good = fields.Integer(readonly=True)
    votes_fair = fields.Integer(readonly=True)
    votes_poor = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "one_subject",
            "CHECK ((organization_id IS NULL) <> (member_id IS NULL))",
            "A tally row counts the votes on one organisation or one member.",
        ),
    ]

    # ------------------------------------------------------------------
    # Never through the ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(
            self.env._(
                "The ballot box of an appraisal round is filled by its votes only."
            )
        )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            self.env._(
                "The ballot box of an appraisal round is filled by its votes only."
            )
        )

    # ------------------------------------------------------------------
    # The ballot box's SQL, called by the round
    # ------------------------------------------------------------------
    @api.model
    def _open_boxes(self, rounds):
        """Create, in one query and in a fixed order, every tally row the
        rounds will ever have: one per subject and criterion, all at zero."""
        keys = sorted(
            (appraisal_round.id, subject_id, criterion_id, appraisal_round.subject_type)
            for appraisal_round in rounds
            for subject_id in appraisal_round._subjects().ids
            for criterion_id in appraisal_round.criterion_ids.ids
        )
        if not keys:
            return
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxzy_appraisal_tally
                        (round_id, organization_id, member_id, criterion_id,
                         votes_excellent, votes_good, votes_fair, votes_poor)
                   SELECT box.round_id,
                          CASE WHEN box.kind = 'organization' THEN box.subject_id END,
                          CASE WHEN box.kind = 'member' THEN box.subject_id END,
                          box.criterion_id, 0, 0, 0, 0
                     FROM unnest(%(rounds)s::int[], %(subjects)s::int[],
                                 %(criteria)s::int[], %(kinds)s::varchar[])
                          WITH ORDINALITY
                          AS box(round_id, subject_id, criterion_id, kind, position)
                 ORDER BY box.position""",
                rounds=[key[0] for key in keys],
                subjects=[key[1] for key in keys],
                criteria=[key[2] for key in keys],
                kinds=[key[3] for key in keys],
            )
        )
        self.invalidate_model()

    @api.model
    def _clear_boxes(self, rounds):
        """Delete the rows of rounds nobody has voted in (back to draft)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM cxzy_appraisal_tally WHERE round_id IN %s",
                tuple(rounds.ids),
            )
        )
        self.invalidate_model()

    @api.model
    def _count_ballot(self, appraisal_round, ballot):
        """Add one ballot, ``{(subject id, criterion id): grade}``, to the
        round's counters. Every row of the round is rewritten, those the
        ballot does not grade by zero (see the module docstring). Returns
        (rows of the round, rows graded)."""
        keys = sorted(ballot)
        column = (
            "organization_id"
            if appraisal_round.subject_type == "organization"
            else "member_id"
        )
        self.env.cr.execute(
            SQL(
                """UPDATE cxzy_appraisal_tally AS tally
                      SET votes_excellent = tally.votes_excellent
                              + COALESCE((mark.grade = 'excellent')::int, 0),
                          votes_good = tally.votes_good
                              + COALESCE((mark.grade = 'good')::int, 0),
                          votes_fair = tally.votes_fair
                              + COALESCE((mark.grade = 'fair')::int, 0),
                          votes_poor = tally.votes_poor
                              + COALESCE((mark.grade = 'poor')::int, 0)
                     FROM cxzy_appraisal_tally AS box
                LEFT JOIN unnest(%(subjects)s::int[], %(criteria)s::int[],
                                 %(grades)s::varchar[])
                          AS mark(subject_id, criterion_id, grade)
                       ON mark.subject_id = box.%(column)s
                      AND mark.criterion_id = box.criterion_id
                    WHERE tally.id = box.id AND box.round_id = %(round)s
                RETURNING mark.grade IS NOT NULL""",
                subjects=[key[0] for key in keys],
                criteria=[key[1] for key in keys],
                grades=[ballot[key] for key in keys],
                round=appraisal_round.id,
                column=SQL.identifier(column),
            )
        )
        graded = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model()
        return len(graded), sum(graded)

    @api.model
    def _results_of(self, appraisal_round):
        """The results of the round: {(subject id, criterion id): {"count":
        voters, "score": average 0–100, "excellent": n, "good": n, "fair": n,
        "poor": n}} for the subjects and criteria graded by at least
        ``min_voters`` voters, once at least ``min_voters`` have voted; an
        empty dict before. One query."""
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(tally.organization_id, tally.member_id),
                          tally.criterion_id, tally.votes_excellent, tally.votes_good,
                          tally.votes_fair, tally.votes_poor, votes.count,
                          CASE WHEN votes.count > 0 THEN
                               (%(excellent)s * tally.votes_excellent
                                + %(good)s * tally.votes_good
                                + %(fair)s * tally.votes_fair
                                + %(poor)s * tally.votes_poor)::float / votes.count
                          ELSE 0.0 END
                     FROM cxzy_appraisal_tally tally
                     JOIN cxzy_appraisal_round round ON round.id = tally.round_id
               CROSS JOIN LATERAL (
                          SELECT tally.votes_excellent + tally.votes_good
                                 + tally.votes_fair + tally.votes_poor AS count
                          ) votes
                    WHERE tally.round_id = %(round)s
                      AND votes.count >= GREATEST(round.min_voters, %(floor)s)
                      AND GREATEST(round.min_voters, %(floor)s) <= (
                              SELECT COUNT(*)
                                FROM cxzy_appraisal_participation participation
                               WHERE participation.round_id = %(round)s
                                 AND participation.has_voted)""",
                round=appraisal_round.id,
                floor=MIN_VOTERS,
                **GRADE_SCORES,
            )
        )
        return {
            (subject_id, criterion_id): {
                "count": count,
                "score": score,
                "excellent": excellent,
                "good": good,
                "fair": fair,
                "poor": poor,
            }
            for (
                subject_id,
                criterion_id,
                excellent,
                good,
                fair,
                poor,
                count,
                score,
            ) in self.env.cr.fetchall()
        }
