# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import logging
import random
from contextlib import closing

import psycopg2

from odoo import api, fields, models, sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The grades a voter gives, and what each is worth in a 0–100 score.
# In the Chinese interface: 好 / 较好 / 一般 / 差.
GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
GRADE_SCORES = {"excellent": 100, "good": 80, "fair": 60, "poor": 40}

# What defines a round's ballot and its bar: fixed once the round is opened.
LOCKED_ONCE_OPEN = {
    "campaign_id",
    "period_id",
    "subject_type",
    "organization_ids",
    "member_ids",
    "criterion_ids",
    "voter_ids",
    "min_voters",
}


def _rewrite_ballot_boxes(dbname):
    """Once a round is closed (after the commit), rewrite the tally and
    participation tables so that the superseded row versions its votes
    left behind leave the data files (see the class docstring). Best
    effort: if the tables stay locked for long, PostgreSQL's autovacuum
    removes them later."""
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


class CxzyAppraisalRound(models.Model):
    """An appraisal round of the masses (群众评议): its subjects (organisations
    or members), the criteria they are graded on, the eligible voters (any
    employee with a user, Party member or not), a voting window and the
    minimum number of voters before any result shows.

    How a ballot is kept secret
    ===========================

    The requirement: nothing stored lets anyone, an administrator reading the
    database with SQL included, tell how a given voter voted. A ballot is
    therefore never stored. What is stored is split in two tables that share
    nothing but the round:

    ``cxzy_appraisal_participation`` (who may vote, who has voted)
        One row per round and eligible voter, all inserted when the round is
        opened, in the order of the employees' ids: their ids and physical
        order say nothing about who voted when. The model has no
        ``create_uid``/``create_date``/``write_uid``/``write_date``
        (``_log_access = False``) and no timestamp of its own: ``has_voted``
        flips without a date.

    ``cxzy_appraisal_tally`` (the ballot box, already counted)
        One row per round, subject and criterion, also inserted at opening,
        holding four counters: how many voters gave each grade. A vote adds
        one to one counter of every row; no row per ballot or per mark ever
        exists, so there is no voter column, no ballot id, no id sequence and
        no insertion order that could follow the order of the votes. No log
        access columns either.

    One vote is one transaction that updates *every* tally row of the round
    and *every* participation row of the round (``has_voted = has_voted OR
    id = me``). PostgreSQL stamps each row version with the id of the
    transaction that wrote it (the hidden ``xmin`` column) and writes new
    versions in the order the rows are updated; had a vote touched only the
    voter's own row and the counters it raised, ``xmin`` and the physical
    order would tell which voter went with which counters. Touching all of
    them leaves every live row of the round with the ``xmin`` of the *last*
    vote and the same layout whatever the order of the votes.

    The ballot form is a transient wizard whose lines live in the browser
    only: saving the wizard *is* the vote (``create`` counts the grades and
    stores a blank receipt, created as the superuser, with no round, no
    lines and no voter), so no draft ballot is ever written to a table.
    Nothing posts a chatter message, the round itself is not written to
    (its ``write_uid``/``write_date`` stay those of the office), and the code
    logs nothing about a vote.

    Nobody reads the two tables through the ORM: they have no access rights
    for any group, the administrator included. Results are aggregates only,
    from :meth:`_results` and the ``cxzy.appraisal.result`` view, and only
    once at least ``min_voters`` have voted (the view: once the round is
    closed, too, so that results cannot be watched change vote by vote).

    What this does not protect against, stated plainly:

    * Someone who can watch the database while the round runs (read the
      tally before and after one vote, or follow the server's SQL statements
      with ``log_statement``/``log_min_duration_statement`` in PostgreSQL or
      ``--log-sql`` in Odoo) sees each vote as it happens.
    * While a round is open, the superseded row versions (dead tuples) stay
      in the data files until they are vacuumed, each with the ``xmin`` of
      its vote: a superuser reading the raw pages (``pageinspect``) can
      replay the votes. Closing a round rewrites both tables
      (``VACUUM FULL``, after the commit) to remove them; autovacuum frees
      them earlier, but plain ``VACUUM`` may leave the old bytes in free
      space. The write-ahead log, a replica, and any WAL archive or backup
      taken during the round hold the same history: keep them as secret as
      the ballots, or let them expire.
    * The tally is the sum of the ballots: with one voter it *is* that
      voter's ballot, and a unanimous result tells everyone how each voted.
      ``min_voters`` keeps the views and ``_results()`` empty below the bar;
      it cannot stop an SQL reader of the raw counters.
    * The web server's access log, Odoo's device log (``res.device.log``)
      and the receipts' ``create_date`` tell who was active, and when a
      ballot was cast; that is who voted when, never how.

    Every vote rewrites the same rows, so the votes of one round are
    counted one after the other: a voter submitting at the same instant as
    another waits for them, or Odoo retries the request.
    """

    _name = "cxzy.appraisal.round"
    _description = "Appraisal Round"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_open desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        compute="_compute_campaign_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_template', '=', False)]",
        tracking=True,
    )
    period_id = fields.Many2one(
        "cxzy.assessment.period",
        string="Assessment Period",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('campaign_id', '=?', campaign_id)]",
        tracking=True,
        help="The results of the round feed the masses' scores of this period's "
        "assessments and appraisals.",
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    campaign_name = fields.Char(related="campaign_id.name", string="Campaign Name")
    description = fields.Text(
        string="Instructions", help="Shown to the voters above their ballot."
    )
    subject_type = fields.Selection(
        [("organization", "Party Organisations"), ("member", "Party Members")],
        string="Subjects",
        required=True,
        default="organization",
    )
    organization_ids = fields.Many2many(
        "cxzy.party.organization",
        "cxzy_appraisal_round_organization_rel",
        "round_id",
        "organization_id",
        string="Organisations",
        check_company=True,
    )
    member_ids = fields.Many2many(
        "cxzy.party.member",
        "cxzy_appraisal_round_member_rel",
        "round_id",
        "member_id",
        string="Members",
        check_company=True,
    )
    criterion_ids = fields.Many2many(
        "cxzy.criterion",
        "cxzy_appraisal_round_criterion_rel",
        "round_id",
        "criterion_id",
        string="Criteria",
        compute="_compute_criterion_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('target', '=', subject_type)]",
    )
    voter_ids = fields.Many2many(
        "hr.employee",
        "cxzy_appraisal_round_voter_rel",
        "round_id",
        "employee_id",
        string="Eligible Voters",
        check_company=True,
        domain="[('user_id', '!=', False)]",
        help="Employees with a user, Party members or not.",
    )
    date_open = fields.Datetime(string="Opens", required=True, tracking=True)
    date_close = fields.Datetime(string="Closes", required=True, tracking=True)
    min_voters = fields.Integer(
        string="Minimum Voters",
        default=5,
        required=True,
        tracking=True,
        help="No result shows before this many voters have voted.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    subject_count = fields.Integer(compute="_compute_counts")
    subject_names = fields.Text(
        compute="_compute_subject_names",
        string="Subjects to Appraise",
        compute_sudo=True,
        help="The subjects of the round, for voters who cannot open their records.",
    )
    voter_count = fields.Integer(compute="_compute_counts", string="Eligible")
    voted_count = fields.Integer(compute="_compute_turnout", string="Voted")
    turnout = fields.Float(
        compute="_compute_turnout", digits=(5, 1), help="Share of voters who voted."
    )
    results_visible = fields.Boolean(
        compute="_compute_turnout",
        help="The round is closed and enough voters have voted.",
    )
    result_ids = fields.One2many(
        "cxzy.appraisal.result",
        "round_id",
        string="Results",
        groups="cxzy_campaign.group_cxzy_committee,cxzy_campaign.group_cxzy_leading",
    )
    my_status = fields.Selection(
        [
            ("to_vote", "To Vote"),
            ("voted", "Voted"),
            ("upcoming", "Not Open Yet"),
            ("ended", "Ended"),
            ("not_eligible", "Not Eligible"),
        ],
        string="My Ballot",
        compute="_compute_my_status",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("period_id")
    def _compute_campaign_id(self):
        for appraisal_round in self:
            if appraisal_round.period_id:
                appraisal_round.campaign_id = appraisal_round.period_id.campaign_id

    @api.depends("subject_type")
    def _compute_criterion_ids(self):
        Criterion = self.env["cxzy.criterion"]
        by_target = {}  # one search per kind of subject, not per round
        for appraisal_round in self:
            if appraisal_round.state not in (False, "draft"):
                appraisal_round.criterion_ids = appraisal_round.criterion_ids
                continue
            target = appraisal_round.subject_type
            if target not in by_target:
                by_target[target] = Criterion.search([("target", "=", target)])
            appraisal_round.criterion_ids = by_target[target]

    @api.depends("subject_type", "organization_ids", "member_ids", "voter_ids")
    def _compute_counts(self):
        for appraisal_round in self:
            appraisal_round.subject_count = len(appraisal_round._subjects())
            appraisal_round.voter_count = len(appraisal_round.voter_ids)

    @api.depends("subject_type", "organization_ids", "member_ids")
    def _compute_subject_names(self):
        for appraisal_round in self:
            appraisal_round.subject_names = "\n".join(
                appraisal_round._subjects().mapped("display_name")
            )

    def _turnout_counts(self):
        """{round id: (voted, eligible)} for the opened rounds of ``self``, in
        one query; rounds in draft have no participation rows yet."""
        if not self.ids:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT round_id, COUNT(*) FILTER (WHERE has_voted), COUNT(*)
                     FROM cxzy_appraisal_participation
                    WHERE round_id IN %s
                 GROUP BY round_id""",
                tuple(self.ids),
            )
        )
        return {
            round_id: (voted, total)
            for round_id, voted, total in self.env.cr.fetchall()
        }

    @api.depends("state", "min_voters")
    def _compute_turnout(self):
        counts = self._turnout_counts()
        for appraisal_round in self:
            voted, total = counts.get(appraisal_round.id, (0, 0))
            appraisal_round.voted_count = voted
            appraisal_round.turnout = 100.0 * voted / total if total else 0.0
            appraisal_round.results_visible = (
                appraisal_round.state == "closed"
                and voted >= appraisal_round.min_voters
            )

    @api.depends_context("uid")
    @api.depends("state", "date_open", "date_close")
    def _compute_my_status(self):
        voted = {}
        if self.ids:
            self.env.cr.execute(
                SQL(
                    """SELECT p.round_id, p.has_voted
                         FROM cxzy_appraisal_participation p
                         JOIN hr_employee e ON e.id = p.employee_id
                        WHERE p.round_id IN %s AND e.user_id = %s""",
                    tuple(self.ids),
                    self.env.uid,
                )
            )
            voted = dict(self.env.cr.fetchall())
        now = fields.Datetime.now()
        for appraisal_round in self:
            if appraisal_round.id not in voted:
                status = "not_eligible"
            elif voted[appraisal_round.id]:
                status = "voted"
            elif appraisal_round.state == "closed" or now > appraisal_round.date_close:
                status = "ended"
            elif appraisal_round.state == "draft" or now < appraisal_round.date_open:
                status = "upcoming"
            else:
                status = "to_vote"
            appraisal_round.my_status = status

    def _subjects(self):
        self.ensure_one()
        if self.subject_type == "organization":
            return self.organization_ids
        return self.member_ids

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("subject_type", "criterion_ids")
    def _check_criteria_target(self):
        for appraisal_round in self:
            wrong = appraisal_round.criterion_ids.filtered(
                lambda c, r=appraisal_round: c.target != r.subject_type
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "The criterion %(criterion)s does not apply to the subjects "
                        "of the round %(round)s.",
                        criterion=wrong[0].name,
                        round=appraisal_round.name,
                    )
                )

    @api.constrains("date_open", "date_close", "min_voters")
    def _check_window(self):
        for appraisal_round in self:
            if appraisal_round.date_close <= appraisal_round.date_open:
                raise ValidationError(
                    self.env._(
                        "The round %(round)s must close after it opens.",
                        round=appraisal_round.name,
                    )
                )
            if appraisal_round.min_voters < 1:
                raise ValidationError(
                    self.env._(
                        "At least one voter must vote before the round %(round)s "
                        "shows results.",
                        round=appraisal_round.name,
                    )
                )

    @api.constrains("voter_ids")
    def _check_voters(self):
        for appraisal_round in self:
            without_user = appraisal_round.voter_ids.filtered(lambda e: not e.user_id)
            if without_user:
                raise ValidationError(
                    self.env._(
                        "%(employee)s has no user and cannot vote in the round "
                        "%(round)s.",
                        employee=without_user[0].name,
                        round=appraisal_round.name,
                    )
                )
            users = appraisal_round.voter_ids.user_id
            if len(users) < len(appraisal_round.voter_ids):
                raise ValidationError(
                    self.env._(
                        "Two eligible voters of the round %(round)s share a user: "
                        "each person votes once.",
                        round=appraisal_round.name,
                    )
                )

    @api.constrains("period_id", "campaign_id")
    def _check_period_campaign(self):
        for appraisal_round in self:
            period = appraisal_round.period_id
            if period and period.campaign_id != appraisal_round.campaign_id:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s belongs to another campaign than "
                        "the round %(round)s.",
                        period=period.name,
                        round=appraisal_round.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("state" in vals for vals in vals_list):
            raise UserError(
                self.env._("An appraisal round starts as a draft and is opened.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "state" in vals:
            raise UserError(
                self.env._(
                    "The state of an appraisal round changes through its buttons only."
                )
            )
        if LOCKED_ONCE_OPEN & set(vals):
            started = self.filtered(lambda r: r.state != "draft")
            if started:
                raise UserError(
                    self.env._(
                        "The round %(round)s has been opened: its subjects, criteria, "
                        "voters and minimum of voters can no longer change.",
                        round=started[0].name,
                    )
                )
        if {"date_open", "date_close"} & set(vals):
            closed = self.filtered(lambda r: r.state == "closed")
            if closed:
                raise UserError(
                    self.env._(
                        "The round %(round)s is closed: its window can no longer "
                        "change.",
                        round=closed[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        started = self.filtered(lambda r: r.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "The round %(round)s has been opened and cannot be deleted: its "
                    "votes are kept.",
                    round=started[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Transitions (the campaign office)
    # ------------------------------------------------------------------
    def _check_office(self):
        if not (
            self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")
        ):
            raise AccessError(
                self.env._("Only the campaign office manages appraisal rounds.")
            )

    def action_open(self):
        """Open the rounds: fix their ballot and create, in one go and in a
        fixed order, every participation row and every tally row they will
        ever have."""
        self._check_office()
        for appraisal_round in self:
            if appraisal_round.state != "draft":
                raise UserError(
                    self.env._(
                        "The round %(round)s is already open or closed.",
                        round=appraisal_round.name,
                    )
                )
            appraisal_round._check_ready()
        for appraisal_round in self.sudo():
            column = appraisal_round._subject_column()
            self.env.cr.execute(
                SQL(
                    """INSERT INTO cxzy_appraisal_participation
                            (round_id, employee_id, has_voted)
                       SELECT %(round)s, employee_id, FALSE
                         FROM cxzy_appraisal_round_voter_rel
                        WHERE round_id = %(round)s
                     ORDER BY employee_id""",
                    round=appraisal_round.id,
                )
            )
            self.env.cr.execute(
                SQL(
                    """INSERT INTO cxzy_appraisal_tally
                            (round_id, %(column)s, criterion_id, votes_excellent,
                             votes_good, votes_fair, votes_poor)
                       SELECT %(round)s, subject.id, criterion.id, 0, 0, 0, 0
                         FROM unnest(%(subjects)s::int[]) AS subject(id)
                   CROSS JOIN unnest(%(criteria)s::int[]) AS criterion(id)
                     ORDER BY subject.id, criterion.id""",
                    column=SQL.identifier(column),
                    round=appraisal_round.id,
                    subjects=appraisal_round._subjects().ids,
                    criteria=appraisal_round.criterion_ids.ids,
                )
            )
        self.env["cxzy.appraisal.participation"].invalidate_model()
        self.env["cxzy.appraisal.tally"].invalidate_model()
        self.sudo().write({"state": "open"})
        return True

    def _check_ready(self):
        self.ensure_one()
        if not self._subjects():
            raise UserError(
                self.env._(
                    "The round %(round)s has no subjects to appraise.", round=self.name
                )
            )
        if not self.criterion_ids:
            raise UserError(
                self.env._("The round %(round)s has no criteria.", round=self.name)
            )
        if len(self.voter_ids) < self.min_voters:
            raise UserError(
                self.env._(
                    "The round %(round)s has %(count)s eligible voters, fewer than "
                    "its minimum of %(minimum)s: its results could never show.",
                    round=self.name,
                    count=len(self.voter_ids),
                    minimum=self.min_voters,
                )
            )

    def _subject_column(self):
        self.ensure_one()
        return "organization_id" if self.subject_type == "organization" else "member_id"

    def action_close(self):
        self._check_office()
        for appraisal_round in self:
            if appraisal_round.state != "open":
                raise UserError(
                    self.env._(
                        "Only an open round can be closed; %(round)s is not open.",
                        round=appraisal_round.name,
                    )
                )
        self.sudo().write({"state": "closed"})
        dbname = self.env.cr.dbname
        self.env.cr.postcommit.add(lambda: _rewrite_ballot_boxes(dbname))
        return True

    def action_draft(self):
        """Back to draft, to fix the ballot, as long as nobody has voted."""
        self._check_office()
        counts = self._turnout_counts()
        for appraisal_round in self:
            if appraisal_round.state != "open":
                raise UserError(
                    self.env._(
                        "Only an open round goes back to draft; %(round)s is not open.",
                        round=appraisal_round.name,
                    )
                )
            if counts.get(appraisal_round.id, (0, 0))[0]:
                raise UserError(
                    self.env._(
                        "Voters have already voted in the round %(round)s: it "
                        "cannot go back to draft.",
                        round=appraisal_round.name,
                    )
                )
        for table in ("cxzy_appraisal_tally", "cxzy_appraisal_participation"):
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE round_id IN %s",
                    SQL.identifier(table),
                    tuple(self.ids),
                )
            )
        self.env["cxzy.appraisal.participation"].invalidate_model()
        self.env["cxzy.appraisal.tally"].invalidate_model()
        self.sudo().write({"state": "draft"})
        return True

    @api.model
    def _cron_close_ended(self):
        """Close the open rounds whose window has ended."""
        ended = self.sudo().search(
            [("state", "=", "open"), ("date_close", "<", fields.Datetime.now())]
        )
        ended.action_close()

    # ------------------------------------------------------------------
    # Voting
    # ------------------------------------------------------------------
    def _my_participation(self):
        """The id of the current user's participation row in the round, if
        the round is open for voting now, the user is eligible and has not
        voted yet; a translated error otherwise."""
        self.ensure_one()
        appraisal_round = self.sudo()
        now = fields.Datetime.now()
        if (
            appraisal_round.state != "open"
            or now < appraisal_round.date_open
            or now > appraisal_round.date_close
        ):
            raise UserError(
                self.env._(
                    "The round %(round)s is not open for voting: it takes votes "
                    "from %(open)s to %(close)s.",
                    round=appraisal_round.name,
                    open=fields.Datetime.context_timestamp(
                        self, appraisal_round.date_open
                    ).strftime("%Y-%m-%d %H:%M"),
                    close=fields.Datetime.context_timestamp(
                        self, appraisal_round.date_close
                    ).strftime("%Y-%m-%d %H:%M"),
                )
            )
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.has_voted
                     FROM cxzy_appraisal_participation p
                     JOIN hr_employee e ON e.id = p.employee_id
                    WHERE p.round_id = %s AND e.user_id = %s""",
                appraisal_round.id,
                self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(
                self.env._(
                    "You are not an eligible voter of the round %(round)s.",
                    round=appraisal_round.name,
                )
            )
        participation_id, has_voted = row
        if has_voted:
            raise UserError(
                self.env._(
                    "You have already voted in the round %(round)s: each voter votes "
                    "once.",
                    round=appraisal_round.name,
                )
            )
        return participation_id

    def action_vote(self):
        """Open the ballot of the round for the current user."""
        self.ensure_one()
        self._my_participation()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ballot: %(round)s", round=self.sudo().name),
            "res_model": "cxzy.appraisal.ballot",
            "view_mode": "form",
            "target": "new",
            "context": {"default_round_id": self.id},
        }

    def _ballot_template(self):
        """The lines of the round's ballot: one per subject and criterion."""
        self.ensure_one()
        appraisal_round = self.sudo()
        return [
            {
                "subject_id": subject.id,
                "subject_name": subject.display_name,
                "criterion_id": criterion.id,
                "criterion_name": criterion.name,
                "criterion_description": criterion.description,
            }
            for subject in appraisal_round._subjects().sorted(
                lambda s: (s.display_name, s.id)
            )
            for criterion in appraisal_round.criterion_ids.sorted(
                lambda c: (c.sequence, c.id)
            )
        ]

    def _cast_ballot(self, marks):
        """Count one ballot of the current user: ``marks`` is an iterable of
        (subject id, criterion id, grade), one for every subject and criterion
        of the round. All of it is counted, or nothing (a translated error).
        See the class docstring for what is written and why."""
        self.ensure_one()
        participation_id = self._my_participation()
        appraisal_round = self.sudo()
        expected = {
            (subject_id, criterion_id)
            for subject_id in appraisal_round._subjects().ids
            for criterion_id in appraisal_round.criterion_ids.ids
        }
        ballot = {}
        for subject_id, criterion_id, grade in marks:
            key = (subject_id, criterion_id)
            if key not in expected or key in ballot:
                raise UserError(
                    self.env._(
                        "This ballot does not match the round %(round)s: open the "
                        "ballot again from the round.",
                        round=appraisal_round.name,
                    )
                )
            if grade and grade not in GRADE_SCORES:
                raise UserError(self.env._("%(grade)s is not a grade.", grade=grade))
            ballot[key] = grade
        missing = len(expected) - sum(1 for grade in ballot.values() if grade)
        if missing:
            raise UserError(
                self.env._(
                    "Your ballot is incomplete: %(missing)s of its %(total)s grades "
                    "are missing. Grade every subject on every criterion; nothing "
                    "was recorded.",
                    missing=missing,
                    total=len(expected),
                )
            )
        keys = sorted(ballot)
        self.env.cr.execute(
            SQL(
                """UPDATE cxzy_appraisal_tally AS tally
                      SET votes_excellent = tally.votes_excellent
                                            + (mark.grade = 'excellent')::int,
                          votes_good = tally.votes_good + (mark.grade = 'good')::int,
                          votes_fair = tally.votes_fair + (mark.grade = 'fair')::int,
                          votes_poor = tally.votes_poor + (mark.grade = 'poor')::int
                     FROM unnest(%(subjects)s::int[], %(criteria)s::int[],
                                 %(grades)s::varchar[])
                          AS mark(subject_id, criterion_id, grade)
                    WHERE tally.round_id = %(round)s
                      AND tally.%(column)s = mark.subject_id
                      AND tally.criterion_id = mark.criterion_id""",
                subjects=[key[0] for key in keys],
                criteria=[key[1] for key in keys],
                grades=[ballot[key] for key in keys],
                round=appraisal_round.id,
                column=SQL.identifier(appraisal_round._subject_column()),
            )
        )
        if self.env.cr.rowcount != len(expected):
            # The tally rows are made at opening and never deleted while open.
            raise UserError(
                self.env._(
                    "The ballot box of the round %(round)s is damaged; nothing was "
                    "recorded. Tell the campaign office.",
                    round=appraisal_round.name,
                )
            )
        # Every participation row of the round is rewritten, not only the
        # voter's: see the class docstring.
        self.env.cr.execute(
            SQL(
                """UPDATE cxzy_appraisal_participation
                      SET has_voted = has_voted OR id = %s
                    WHERE round_id = %s""",
                participation_id,
                appraisal_round.id,
            )
        )
        self.env["cxzy.appraisal.participation"].invalidate_model(["has_voted"])
        self.env["cxzy.appraisal.tally"].invalidate_model()
        self.invalidate_recordset(["voted_count", "turnout", "results_visible"])
        self.invalidate_recordset(["my_status"])
        return True

    def _demo_cast_ballots(self, employee_ids):
        """Demo data: each of these employees casts a ballot in the round, as
        themselves and through :meth:`_cast_ballot`, with grades drawn from a
        generator seeded by the round's name (mostly good, as in the plan's
        agency)."""
        self.ensure_one()
        draw = random.Random(self.name)
        grades = [grade for grade, __ in GRADES]
        for employee in self.env["hr.employee"].browse(employee_ids):
            marks = [
                (
                    line["subject_id"],
                    line["criterion_id"],
                    draw.choices(grades, weights=(50, 32, 14, 4))[0],
                )
                for line in self._ballot_template()
            ]
            self.with_user(employee.user_id)._cast_ballot(marks)
        return True

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def _results(self):
        """The results of the round, once at least ``min_voters`` have voted:
        {(subject id, criterion id): {"count": voters, "score": average 0–100,
        "excellent": n, "good": n, "fair": n, "poor": n}}; an empty dict
        before. The subject is an organisation or a member, as
        ``subject_type`` says. One query, whatever the number of voters and
        subjects."""
        self.ensure_one()
        self.flush_recordset(["min_voters"])
        # One query: the round's rows, provided enough voters have voted.
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
                      AND round.min_voters <= (
                              SELECT COUNT(*)
                                FROM cxzy_appraisal_participation participation
                               WHERE participation.round_id = %(round)s
                                 AND participation.has_voted)""",
                round=self.id,
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

    def action_view_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_appraisal_result_action"
        )
        action["domain"] = [("round_id", "=", self.id)]
        action["context"] = {"search_default_group_subject": 1}
        return action
