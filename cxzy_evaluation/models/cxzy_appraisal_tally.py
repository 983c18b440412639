# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The ballot box of an appraisal round (群众评议), and how a ballot stays
secret.

The requirement
===============

Nothing stored lets anyone, an administrator reading the database with SQL
included, tell how a given voter voted once a round is closed; one vote costs
what its ballot costs, whatever the size of the electorate; two voters of a
round voting at the same instant never wait for each other nor get refused.

The storage: three tables, each split into one partition per round
===================================================================

Each table below is partitioned by round (PostgreSQL ``PARTITION BY LIST
(round_id)``, partitions ``<table>_<round id>`` made when the round opens),
so that whatever is done to the storage of one round — counting its sealed
ballots, rewriting it once closed — touches the files and locks of that round
only. None of them has log access columns, a timestamp, or a column naming
the voter of a ballot.

``cxzy_appraisal_participation`` (who may vote, who has voted)
    One row per eligible voter, inserted when the round opens in the order of
    the employees' ids. A vote flips ``has_voted`` on the voter's own row
    only, after locking that row (``SELECT ... FOR UPDATE``): a second ballot
    of the same voter waits for the first and is refused. See
    ``cxzy_appraisal_participation.py``.

``cxzy_appraisal_sealed`` (ballots not counted yet)
    A vote inserts one row: the round and an array of small integers, one
    grade per cell of the round's ballot (subject × criterion, in the order
    of the subjects' and criteria's ids; 0 for the voter's own subject). No
    id, no sequence, no voter. Inserting never conflicts with another
    transaction, so concurrent voters of a round never serialize (Odoo runs
    ``REPEATABLE READ``: two transactions updating one row make the second
    fail, which is what the counters updated by every vote used to do).

``cxzy_appraisal_tally`` (the counted ballot box: this model)
    One row per subject and criterion, inserted at opening, with four
    counters: how many voters gave each grade. The sealed ballots are added
    to it in batches (:meth:`CxzyAppraisalTally._count_sealed`): a batch takes
    *all* the sealed ballots of the round, sums them in one statement and
    rewrites *every* counter of the round once, so a batch has no order and
    its row versions say how many ballots it held, never which. During a
    round a batch waits for at least ``MIN_VOTERS`` ballots; the cron
    ``Campaign: count and clean the appraisal ballot boxes`` runs it every few
    minutes, and closing a round counts the rest. The results of an open
    round (``_results()``) add the sealed ballots to the counters in the same
    query; the ``cxzy.appraisal.result`` view shows a round only once it is
    closed and has no sealed ballot left.

Closing: the cleanup
====================

Closing a round triggers the same cron (``_trigger()``), which, in its own
``READ COMMITTED`` transaction per round (:meth:`_clean_round_storage`):
locks the round's three partitions (``ACCESS EXCLUSIVE``, with a lock
timeout: ``LOCK_TIMEOUT``), counts the last sealed ballots, copies the
participation and tally rows aside, ``TRUNCATE`` s the three partitions and
inserts the rows back in the order of their ids, then sets the round's
``storage_cleaned``. ``TRUNCATE`` gives each partition a new, empty file and
unlinks the old one at commit: no dead row version is left, every row of the
round carries the same ``xmin`` (the cleanup's), their physical order is that
of the ids (fixed at opening), and no sealed ballot is left. Nothing of
another round is locked or read: votes of other rounds go on (the planner
prunes their statements to their own partitions). When a lock is not granted
in time (a report, a ``pg_dump`` reading the round), the cleanup rolls back,
the round stays "storage not cleaned" and the cron triggers itself again a
few minutes later, until it succeeds.

Nobody reads or writes these tables through the ORM: the two models have no
access rights for any group, the administrator included, record rules that
match nothing, and ``create``/``write`` refuse every caller, the superuser
included; the sealed ballots have no model at all. Results are aggregates
only, and only for a subject and criterion graded by at least ``min_voters``
voters, once at least ``min_voters`` have voted.

The ballot form is a transient wizard whose lines live in the browser only:
saving the wizard *is* the vote (``create`` seals the grades and stores a
blank receipt, created as the superuser, with no round, no lines and no
voter). Nothing posts a chatter message, the round itself is not written to
by a vote, and the code logs nothing about a vote.

What this does not protect against (the threat model's limits)
==============================================================

* An observer of the live database *while the round is open*: a sealed ballot
  and the voter's participation row are written by the same transaction, so
  until the ballot is counted and, for the dead row versions, until the round
  is cleaned, their ``xmin`` links them, and so does reading the tables
  before and after one vote. Whoever can read the server's SQL
  (``log_statement``, ``--log-sql``) or the pages (``pageinspect``) during
  the round sees each vote. Closing and cleaning removes this from the
  database, not from what was copied before.
* The write-ahead log, a streaming replica, a WAL archive and any backup
  (``pg_dump``, a file-system copy) taken while a round is open or before
  its storage is cleaned hold the same history; keep them as secret as the
  ballots or let them expire. The old data files are unlinked, not wiped:
  the file system's free blocks may keep their bytes until reused.
* A ``REPEATABLE READ`` reader whose snapshot predates the cleanup and who
  first reads the round's partitions after it sees them empty
  (``TRUNCATE`` is not MVCC-safe): a report at that instant shows no result
  for the round, and the next one does.
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
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import table_exists

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
#: A grade in a sealed ballot (0: the cell is the voter's own subject).
GRADE_CODES = {"excellent": 1, "good": 2, "fair": 3, "poor": 4}

#: No round shows a result of fewer voters, whatever its minimum says.
MIN_VOTERS = 3

#: How long the cleanup waits for the locks of a round's partitions.
LOCK_TIMEOUT = "5s"

#: Key (first half) of the advisory locks that let one batch at a time count
#: the sealed ballots of a round (second half: the round's id).
COUNTING_LOCK = 0x43585A59  # "CXZY"

PARTICIPATION = "cxzy_appraisal_participation"
TALLY = "cxzy_appraisal_tally"
SEALED = "cxzy_appraisal_sealed"

# The partitioned tables: (name, columns and constraints, column names).
BALLOT_TABLES = (
    (
        PARTICIPATION,
        """id integer NOT NULL
               DEFAULT nextval('cxzy_appraisal_participation_id_seq'),
           round_id integer NOT NULL
               REFERENCES cxzy_appraisal_round (id) ON DELETE RESTRICT,
           employee_id integer NOT NULL
               REFERENCES hr_employee (id) ON DELETE RESTRICT,
           has_voted boolean,
           PRIMARY KEY (round_id, id),
           CONSTRAINT cxzy_appraisal_participation_voter_unique
               UNIQUE (round_id, employee_id)""",
        ("id", "round_id", "employee_id", "has_voted"),
    ),
    (
        TALLY,
        """id integer NOT NULL DEFAULT nextval('cxzy_appraisal_tally_id_seq'),
           round_id integer NOT NULL
               REFERENCES cxzy_appraisal_round (id) ON DELETE RESTRICT,
           organization_id integer
               REFERENCES cxzy_party_organization (id) ON DELETE RESTRICT,
           member_id integer REFERENCES cxzy_party_member (id) ON DELETE RESTRICT,
           criterion_id integer NOT NULL
               REFERENCES cxzy_criterion (id) ON DELETE RESTRICT,
           votes_excellent integer,
           votes_good integer,
           votes_fair integer,
           votes_poor integer,
           PRIMARY KEY (round_id, id),
           CONSTRAINT cxzy_appraisal_tally_one_subject
               CHECK ((organization_id IS NULL) <> (member_id IS NULL))""",
        (
            "id",
            "round_id",
            "organization_id",
            "member_id",
            "criterion_id",
            "votes_excellent",
            "votes_good",
            "votes_fair",
            "votes_poor",
        ),
    ),
    (
        SEALED,
        # No foreign key: its check would lock the round's row at each vote.
        """round_id integer NOT NULL, marks smallint[] NOT NULL""",
        ("round_id", "marks"),
    ),
)


def partition_name(table, round_id):
    return f"{table}_{int(round_id)}"


def _relkind(cr, table):
    cr.execute(
        "SELECT relkind FROM pg_class WHERE relname = %s "
        "AND relnamespace = current_schema()::regnamespace",
        [table],
    )
    row = cr.fetchone()
    return row and row[0]


def create_partitions(cr, round_ids, tables=None):
    """Give each round its partition of the three tables, unless it has it.
    The partition is made aside and attached (``SHARE UPDATE EXCLUSIVE`` on
    the parent): ``CREATE TABLE ... PARTITION OF`` would lock the parent
    ``ACCESS EXCLUSIVE`` and stop the votes of every round meanwhile."""
    for table, _columns, _names in BALLOT_TABLES:
        if tables and table not in tables:
            continue
        for round_id in sorted(set(round_ids)):
            name = partition_name(table, round_id)
            if _relkind(cr, name):
                continue
            cr.execute(
                SQL(
                    """CREATE TABLE %(name)s (LIKE %(table)s INCLUDING DEFAULTS
                           INCLUDING CONSTRAINTS INCLUDING INDEXES);
                       ALTER TABLE %(name)s ADD CONSTRAINT %(check)s
                           CHECK (round_id IS NOT NULL AND round_id = %(round)s);
                       ALTER TABLE %(table)s ATTACH PARTITION %(name)s
                           FOR VALUES IN (%(round)s)""",
                    name=SQL.identifier(name),
                    table=SQL.identifier(table),
                    check=SQL.identifier(f"{name}_round"),
                    round=int(round_id),
                )
            )


#: the tables the ballot tables refer to
REFERENCED_TABLES = (
    "cxzy_appraisal_round",
    "hr_employee",
    "cxzy_party_organization",
    "cxzy_party_member",
    "cxzy_criterion",
)


def ensure_ballot_tables(cr):
    """Create the three partitioned tables, or turn the plain tables of an
    older version into partitioned ones (one partition per round, rows
    copied in the order of their ids). Idempotent. Does nothing until the
    tables they refer to exist: on a first installation the models' ``init``
    may run before the round's table is made (the round's ``init`` calls it
    again)."""
    if not all(table_exists(cr, table) for table in REFERENCED_TABLES):
        return False
    converted = False
    for table, columns, names in BALLOT_TABLES:
        has_id = "id" in names
        kind = _relkind(cr, table)
        if kind == "p":
            continue
        sequence = SQL.identifier(f"{table}_id_seq")
        if has_id:
            cr.execute(SQL("CREATE SEQUENCE IF NOT EXISTS %s", sequence))
        legacy = []
        if kind:
            cr.execute(
                SQL(
                    """CREATE TEMP TABLE cxzy_ballot_legacy ON COMMIT DROP AS
                       SELECT * FROM %s""",
                    SQL.identifier(table),
                )
            )
            cr.execute("SELECT DISTINCT round_id FROM cxzy_ballot_legacy")
            legacy = [row[0] for row in cr.fetchall()]
            if has_id:
                cr.execute(SQL("ALTER SEQUENCE %s OWNED BY NONE", sequence))
            # The result view reads the old table: it is made again below.
            cr.execute(SQL("DROP TABLE %s CASCADE", SQL.identifier(table)))
            converted = True
        cr.execute(
            SQL(
                "CREATE TABLE %s (%s) PARTITION BY LIST (round_id)",
                SQL.identifier(table),
                SQL(columns),
            )
        )
        if has_id:
            cr.execute(
                SQL(
                    "ALTER SEQUENCE %s OWNED BY %s.id",
                    sequence,
                    SQL.identifier(table),
                )
            )
        if kind:
            create_partitions(cr, legacy, [table])
            cr.execute(
                SQL(
                    """INSERT INTO %(table)s (%(columns)s)
                       SELECT %(columns)s FROM cxzy_ballot_legacy %(order)s""",
                    table=SQL.identifier(table),
                    columns=SQL(", ").join(SQL.identifier(n) for n in names),
                    order=SQL("ORDER BY id") if has_id else SQL(),
                )
            )
            cr.execute("DROP TABLE cxzy_ballot_legacy")
    return converted


class CxzyAppraisalTally(models.Model):
    """The ballot box of a round, counted in batches: per subject and
    criterion, how many voters gave each grade. See the module docstring for
    what is stored, why, and what it does not protect against."""

    _name = "cxzy.appraisal.tally"
    _description = "Appraisal Tally"
    _order = "round_id, id"
    _log_access = False
    # A partitioned table, made by init(): the ORM makes plain tables only,
    # and takes a partitioned one for a missing one unless it reads a query.
    _auto = False
    _table_query = "SELECT * FROM cxzy_appraisal_tally"

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

    def init(self):
        if ensure_ballot_tables(self.env.cr) and "cxzy.appraisal.result" in self.env:
            self.env["cxzy.appraisal.result"].init()

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
        rounds will ever have: one per subject and criterion, all at zero
        (their partitions exist: :meth:`_make_partitions`)."""
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
    def _make_partitions(self, rounds):
        create_partitions(self.env.cr, rounds.ids)

    @api.model
    def _clear_boxes(self, rounds):
        """Delete the rows of rounds nobody has voted in (back to draft); their
        partitions stay, for the next opening."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM cxzy_appraisal_tally WHERE round_id IN %s",
                tuple(rounds.ids),
            )
        )
        self.invalidate_model()

    @api.model
    def _seal_ballot(self, appraisal_round, marks):
        """Store one sealed ballot of the round: ``marks``, one grade code per
        cell in the order of :meth:`_cells_order` (0 for the voter's own
        subject). One insert, which conflicts with no other vote."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO cxzy_appraisal_sealed (round_id, marks) "
                "VALUES (%s, %s::smallint[])",
                appraisal_round.id,
                list(marks),
            )
        )

    _CELLS = """SELECT id, votes_excellent, votes_good, votes_fair, votes_poor,
                       COALESCE(organization_id, member_id) AS subject_id,
                       criterion_id,
                       row_number() OVER (ORDER BY COALESCE(organization_id,
                                          member_id), criterion_id) AS position
                  FROM cxzy_appraisal_tally WHERE round_id = %(round)s"""
    _COUNTED = """SELECT mark.position,
                         COUNT(*) FILTER (WHERE mark.grade = 1) AS excellent,
                         COUNT(*) FILTER (WHERE mark.grade = 2) AS good,
                         COUNT(*) FILTER (WHERE mark.grade = 3) AS fair,
                         COUNT(*) FILTER (WHERE mark.grade = 4) AS poor
                    FROM %(sealed)s AS sealed,
                         unnest(sealed.marks) WITH ORDINALITY
                             AS mark(grade, position)
                GROUP BY mark.position"""

    @api.model
    def _count_sealed(self, round_id, minimum=1):
        """Add the sealed ballots of round ``round_id`` to its counters, all
        of them in one batch, if there are at least ``minimum``; the batch
        rewrites every counter of the round once. Only one batch per round at
        a time (an advisory lock; a batch that cannot have it counts nothing
        and leaves the ballots to the next). Returns the number of ballots
        counted. A ballot whose size is not that of the round's box is never
        counted: the whole batch is refused."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                COUNTING_LOCK,
                int(round_id),
            )
        )
        if not cr.fetchone()[0]:
            return 0
        cr.execute(
            SQL(
                "SELECT COUNT(*) FROM cxzy_appraisal_sealed WHERE round_id = %s",
                int(round_id),
            )
        )
        if cr.fetchone()[0] < max(minimum, 1):
            return 0
        cr.execute(
            SQL(
                """WITH taken AS (
                        DELETE FROM cxzy_appraisal_sealed WHERE round_id = %(round)s
                        RETURNING marks),
                   counted AS (%(counted)s),
                   cells AS (%(cells)s),
                   updated AS (
                        UPDATE cxzy_appraisal_tally AS tally
                           SET votes_excellent = tally.votes_excellent
                                   + COALESCE(counted.excellent, 0),
                               votes_good = tally.votes_good
                                   + COALESCE(counted.good, 0),
                               votes_fair = tally.votes_fair
                                   + COALESCE(counted.fair, 0),
                               votes_poor = tally.votes_poor
                                   + COALESCE(counted.poor, 0)
                          FROM cells LEFT JOIN counted USING (position)
                         WHERE tally.round_id = %(round)s AND tally.id = cells.id
                     RETURNING 1)
                   SELECT (SELECT COUNT(*) FROM taken),
                          (SELECT COUNT(*) FROM taken
                            WHERE cardinality(marks) <> (SELECT COUNT(*) FROM cells)),
                          (SELECT COUNT(*) FROM updated)""",
                round=int(round_id),
                counted=SQL(self._COUNTED, sealed=SQL("taken")),
                cells=SQL(self._CELLS, round=int(round_id)),
            )
        )
        ballots, wrong, _rows = cr.fetchone()
        if wrong:
            raise UserError(
                self.env._(
                    "The ballot box of an appraisal round is damaged: %(count)s "
                    "sealed ballots do not fit it. Nothing was counted; tell the "
                    "campaign office.",
                    count=wrong,
                )
            )
        self.invalidate_model()
        return ballots

    @api.model
    def _clean_round_storage(self, round_id):
        """Count the last sealed ballots of the closed round and rewrite its
        three partitions (see the module docstring), in the transaction of
        ``self.env.cr``, which must be a ``READ COMMITTED`` one of its own:
        once the partitions are locked, each statement sees every committed
        vote. Raises ``psycopg2.errors.LockNotAvailable`` when a partition
        stays locked longer than ``LOCK_TIMEOUT``."""
        cr = self.env.cr
        # (A round opened before the partitions may miss one.)
        create_partitions(cr, [round_id])
        names = {table: partition_name(table, round_id) for table, *_ in BALLOT_TABLES}
        cr.execute("SELECT current_setting('lock_timeout')")
        timeout = cr.fetchone()[0]
        cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", LOCK_TIMEOUT))
        cr.execute(
            SQL(
                "LOCK TABLE %s IN ACCESS EXCLUSIVE MODE",
                SQL(", ").join(SQL.identifier(name) for name in names.values()),
            )
        )
        cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", timeout))
        self._count_sealed(round_id)
        for table in (PARTICIPATION, TALLY):
            cr.execute(
                SQL(
                    """CREATE TEMP TABLE cxzy_ballot_keep ON COMMIT DROP AS
                            SELECT * FROM %(name)s ORDER BY id;
                       TRUNCATE %(name)s;
                       INSERT INTO %(name)s SELECT * FROM cxzy_ballot_keep ORDER BY id;
                       DROP TABLE cxzy_ballot_keep""",
                    name=SQL.identifier(names[table]),
                )
            )
        cr.execute(SQL("TRUNCATE %s", SQL.identifier(names[SEALED])))
        cr.execute(
            SQL(
                """UPDATE cxzy_appraisal_round SET storage_cleaned = TRUE
                    WHERE id = %s AND state = 'closed'""",
                int(round_id),
            )
        )
        self.env.invalidate_all()

    @api.model
    def _rounds_with_sealed(self):
        """{round id: sealed ballots waiting} of every round."""
        self.env.cr.execute(
            "SELECT round_id, COUNT(*) FROM cxzy_appraisal_sealed GROUP BY round_id"
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _results_of(self, appraisal_round):
        """The results of the round, its counters plus its sealed ballots:
        {(subject id, criterion id): {"count": voters, "score": average 0–100,
        "excellent": n, "good": n, "fair": n, "poor": n}} for the subjects and
        criteria graded by at least ``min_voters`` voters, once at least
        ``min_voters`` have voted; an empty dict before. One query."""
        self.env.cr.execute(
            SQL(
                """WITH sealed AS (
                        SELECT marks FROM cxzy_appraisal_sealed
                         WHERE round_id = %(round)s),
                   counted AS (%(counted)s),
                   cells AS (%(cells)s),
                   tally AS (
                        SELECT cells.subject_id, cells.criterion_id,
                               cells.votes_excellent
                                   + COALESCE(counted.excellent, 0) AS excellent,
                               cells.votes_good + COALESCE(counted.good, 0) AS good,
                               cells.votes_fair + COALESCE(counted.fair, 0) AS fair,
                               cells.votes_poor + COALESCE(counted.poor, 0) AS poor
                          FROM cells LEFT JOIN counted USING (position))
                   SELECT tally.subject_id, tally.criterion_id, tally.excellent,
                          tally.good, tally.fair, tally.poor, votes.count,
                          CASE WHEN votes.count > 0 THEN
                               (%(excellent_score)s * tally.excellent
                                + %(good_score)s * tally.good
                                + %(fair_score)s * tally.fair
                                + %(poor_score)s * tally.poor)::float / votes.count
                          ELSE 0.0 END
                     FROM tally
                     JOIN cxzy_appraisal_round round ON round.id = %(round)s
               CROSS JOIN LATERAL (
                          SELECT tally.excellent + tally.good + tally.fair
                                 + tally.poor AS count
                          ) votes
                    WHERE votes.count >= GREATEST(round.min_voters, %(floor)s)
                      AND GREATEST(round.min_voters, %(floor)s) <= (
                              SELECT COUNT(*)
                                FROM cxzy_appraisal_participation participation
                               WHERE participation.round_id = %(round)s
                                 AND participation.has_voted)""",
                round=appraisal_round.id,
                floor=MIN_VOTERS,
                counted=SQL(self._COUNTED, sealed=SQL("sealed")),
                cells=SQL(self._CELLS, round=appraisal_round.id),
                excellent_score=GRADE_SCORES["excellent"],
                good_score=GRADE_SCORES["good"],
                fair_score=GRADE_SCORES["fair"],
                poor_score=GRADE_SCORES["poor"],
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
