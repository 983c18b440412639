# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from contextlib import contextmanager
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.modules import module
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

from .cxzy_appraisal_tally import (
    GRADE_CODES,
    GRADE_SCORES,
    GRADES,
    MIN_VOTERS,
    ensure_ballot_tables,
)

_lt = LazyTranslate(__name__)

__all__ = ["GRADES", "GRADE_SCORES", "MIN_VOTERS"]

#: When a round's storage could not be cleaned, the cron tries again after:
CLEANUP_RETRY = timedelta(minutes=5)

# What defines a round's ballot and its bar: fixed once the round is opened,
# for everybody (the ballot box's rows are made from them).
BALLOT_FIELDS = {
    "period_id",
    "subject_type",
    "organization_ids",
    "member_ids",
    "criterion_ids",
    "voter_ids",
    "min_voters",
}
# The voting window: fixed too once opened, for every caller but server code.
WINDOW_FIELDS = {"date_open", "date_close"}


class CxzyAppraisalRound(models.Model):
    """An appraisal round of the masses (群众评议): its subjects (organisations
    or members), the criteria they are graded on, the eligible voters (any
    employee with a user, Party member or not), a voting window and the
    minimum number of voters (never under 3) before any result shows.

    The office opens, closes and (before any vote) takes back a round through
    its steps. A ballot is never stored: the votes are counted in the ballot
    box, ``cxzy.appraisal.tally``, and who has voted is kept in
    ``cxzy.appraisal.participation``; their module docstrings say how a
    ballot stays secret and what that does not protect against. A voter who
    is a subject of a member round does not grade themself.
    """

    _name = "cxzy.appraisal.round"
    _description = "Appraisal Round"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "date_open desc, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("open", _lt("Open")),
        ("closed", _lt("Closed")),
    ]
    _cxzy_steps = (
        Step(
            "open",
            _lt("Open"),
            ("draft",),
            "open",
            groups=("cxzy_campaign.group_cxzy_office",),
        ),
        Step(
            "close",
            _lt("Close"),
            ("open",),
            "closed",
            groups=("cxzy_campaign.group_cxzy_office",),
        ),
        Step(
            "draft",
            _lt("Back to Draft"),
            ("open",),
            "draft",
            groups=("cxzy_campaign.group_cxzy_office",),
        ),
    )
    _cxzy_owner_fields = ("campaign_id",)
    #: written by the cleanup of the ballot storage only
    _cxzy_step_fields = ("storage_cleaned",)
    _cxzy_locked_states = ("closed",)
    #: a round being prepared waits for the office to open it
    _cxzy_waits = {"draft": ("open",)}

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(
        compute="_compute_campaign_id",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
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
        help="No result shows before this many voters have voted, and never "
        "for fewer than 3.",
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
    storage_cleaned = fields.Boolean(
        readonly=True,
        copy=False,
        help="Once the round is closed, its ballot storage is rewritten so that "
        "nothing in the database links a voter to their grades. Until then, "
        "it is retried every few minutes.",
    )
    can_open = fields.Boolean(compute="_compute_cxzy_can")
    can_close = fields.Boolean(compute="_compute_cxzy_can")
    can_draft = fields.Boolean(compute="_compute_cxzy_can")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def init(self):
        # the ballot tables refer to the rounds' table: on a first
        # installation it may not exist yet when their models' init runs
        ensure_ballot_tables(self.env.cr)

    @api.depends("period_id")
    def _compute_campaign_id(self):
        """At creation: the period's campaign, or the running one. Then it is
        the round's owner: never recomputed from another period."""
        for appraisal_round in self:
            appraisal_round.campaign_id = (
                appraisal_round.campaign_id
                or appraisal_round.period_id.campaign_id
                or self._default_campaign_id()
            )

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
        return self.env["cxzy.appraisal.participation"]._turnout(self)

    @api.depends("state", "min_voters")
    def _compute_turnout(self):
        counts = self._turnout_counts()
        for appraisal_round in self:
            voted, total = counts.get(appraisal_round.id, (0, 0))
            appraisal_round.voted_count = voted
            appraisal_round.turnout = 100.0 * voted / total if total else 0.0
            appraisal_round.results_visible = (
                appraisal_round.state == "closed"
                and voted >= appraisal_round._minimum()
            )

    @api.depends_context("uid")
    @api.depends("state", "date_open", "date_close")
    def _compute_my_status(self):
        voted = self.env["cxzy.appraisal.participation"]._voted_by_user(
            self, self.env.uid
        )
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

    def _minimum(self):
        """The minimum of voters in force: never under 3, whatever a row
        written before the rule (or by SQL) holds."""
        self.ensure_one()
        return max(self.min_voters, MIN_VOTERS)

    def _subjects(self):
        self.ensure_one()
        if self.subject_type == "organization":
            return self.organization_ids
        return self.member_ids

    def _subject_column(self):
        self.ensure_one()
        return "organization_id" if self.subject_type == "organization" else "member_id"

    def _self_graders(self):
        """{member id: voters of the round who are that member}: the voters
        who are subjects of this member round and do not grade themselves."""
        self.ensure_one()
        if self.subject_type != "member":
            return {}
        return {
            member.id: self.voter_ids & member.employee_id
            for member in self.member_ids
            if member.employee_id & self.voter_ids
        }

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
            if appraisal_round.min_voters < MIN_VOTERS:
                raise ValidationError(
                    self.env._(
                        "The round %(round)s needs a minimum of at least %(floor)s "
                        "voters before it shows results: with fewer, a result "
                        "would tell how each voted.",
                        round=appraisal_round.name,
                        floor=MIN_VOTERS,
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
    def _convert_min_voters(self, vals):
        """An RPC caller may send anything for the minimum: a whole number is
        taken (also as text), anything else (nothing, either) gets a message."""
        return self._cxzy_whole_numbers(
            vals, ["min_voters"], minimum=MIN_VOTERS, empty=None
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._convert_min_voters(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        vals = self._convert_min_voters(vals)
        frozen = BALLOT_FIELDS & set(vals)
        if not self.env.su:
            frozen |= WINDOW_FIELDS & set(vals)
        if frozen:
            started = self.filtered(lambda r: r.state != "draft")
            if started:
                raise UserError(
                    self.env._(
                        "The round %(round)s has been opened: its subjects, "
                        "criteria, voters, voting window and minimum of voters "
                        "can no longer change. Nothing was saved.",
                        round=started[0].name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Steps (the campaign office)
    # ------------------------------------------------------------------
    def action_open(self):
        """Open the rounds: fix their ballot and create, in one go and in a
        fixed order, every participation row and every tally row they will
        ever have."""
        self._cxzy_do("open")
        rounds = self.sudo()
        self.env["cxzy.appraisal.tally"].sudo()._make_partitions(rounds)
        self.env["cxzy.appraisal.participation"].sudo()._open_boxes(rounds)
        self.env["cxzy.appraisal.tally"].sudo()._open_boxes(rounds)
        return True

    def _cxzy_check_open(self):
        for appraisal_round in self:
            appraisal_round._check_ready()

    def _check_ready(self):
        self.ensure_one()
        appraisal_round = self.sudo()
        if not appraisal_round._subjects():
            raise UserError(
                self.env._(
                    "The round %(round)s has no subjects to appraise.", round=self.name
                )
            )
        if not appraisal_round.criterion_ids:
            raise UserError(
                self.env._("The round %(round)s has no criteria.", round=self.name)
            )
        voters = len(appraisal_round.voter_ids)
        minimum = appraisal_round._minimum()
        if voters < minimum:
            raise UserError(
                self.env._(
                    "The round %(round)s has %(count)s eligible voters, fewer than "
                    "its minimum of %(minimum)s: its results could never show.",
                    round=self.name,
                    count=voters,
                    minimum=minimum,
                )
            )
        for member_id, selves in appraisal_round._self_graders().items():
            if voters - len(selves) < minimum:
                raise UserError(
                    self.env._(
                        "In the round %(round)s, %(member)s is both a subject and "
                        "a voter and does not grade themself: %(count)s eligible "
                        "voters are left to grade them, fewer than the minimum "
                        "of %(minimum)s, so their results could never show.",
                        round=self.name,
                        member=self.env["cxzy.party.member"]
                        .browse(member_id)
                        .sudo()
                        .display_name,
                        count=voters - len(selves),
                        minimum=minimum,
                    )
                )

    def action_close(self):
        """Close the rounds and count their sealed ballots; the cleanup of
        their storage runs after, in the cron (see the tally's docstring)."""
        self._cxzy_do("close")
        Tally = self.env["cxzy.appraisal.tally"].sudo()
        for round_id in self.ids:
            Tally._count_sealed(round_id)
        self.env.ref("cxzy_evaluation.ir_cron_ballot_boxes").sudo()._trigger()
        return True

    def action_draft(self):
        """Back to draft, to fix the ballot, as long as nobody has voted."""
        self._cxzy_do("draft")
        rounds = self.sudo()
        self.env["cxzy.appraisal.tally"].sudo()._clear_boxes(rounds)
        self.env["cxzy.appraisal.participation"].sudo()._clear_boxes(rounds)
        return True

    def _cxzy_check_draft(self):
        counts = self._turnout_counts()
        for appraisal_round in self:
            if counts.get(appraisal_round.id, (0, 0))[0]:
                raise UserError(
                    self.env._(
                        "Voters have already voted in the round %(round)s: it "
                        "cannot go back to draft.",
                        round=appraisal_round.name,
                    )
                )

    @api.model
    def _cron_close_ended(self):
        """Close the open rounds whose window has ended."""
        ended = self.sudo().search(
            [("state", "=", "open"), ("date_close", "<", fields.Datetime.now())]
        )
        if ended:
            ended.action_close()

    @contextmanager
    def _own_transaction(self):
        """An environment on a transaction of its own, ``READ COMMITTED`` (each
        statement sees what is committed when it starts), committed when the
        block ends, rolled back if it raises. In tests, a savepoint of the
        test's transaction, which holds the data the test made."""
        if self.pool.in_test_mode() or module.current_test:
            with self.env.cr.savepoint():
                yield self.env
        else:
            with self.pool.cursor() as cr:
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                yield self.env(cr=cr)
        self.env.invalidate_all()

    @api.model
    def _cron_ballot_boxes(self):
        """Count the sealed ballots of the open rounds (in batches of at
        least ``MIN_VOTERS``) and clean the storage of the closed rounds not
        cleaned yet: each round in a transaction of its own, so that one
        round's locks never wait for another's. A round whose storage could
        not be cleaned (its partitions stayed locked) is tried again in
        ``CLEANUP_RETRY``. Returns the rounds that failed."""
        waiting = self.env["cxzy.appraisal.tally"].sudo()._rounds_with_sealed()
        rounds = self.sudo().search(
            [
                "|",
                ("id", "in", list(waiting)),
                "&",
                ("state", "=", "closed"),
                ("storage_cleaned", "=", False),
            ],
            order="id",
        )
        failed = self.browse()
        for appraisal_round in rounds:
            closed = appraisal_round.state == "closed"
            try:
                with self._own_transaction() as env:
                    Tally = env["cxzy.appraisal.tally"].sudo()
                    if closed:
                        Tally._clean_round_storage(appraisal_round.id)
                    else:
                        Tally._count_sealed(appraisal_round.id, MIN_VOTERS)
            except (
                psycopg2.errors.LockNotAvailable,
                psycopg2.errors.SerializationFailure,
                psycopg2.errors.DeadlockDetected,
            ):
                if closed:
                    failed |= appraisal_round
        if failed:
            self.env.ref("cxzy_evaluation.ir_cron_ballot_boxes").sudo()._trigger(
                fields.Datetime.now() + CLEANUP_RETRY
            )
        return failed

    # ------------------------------------------------------------------
    # Voting: no step of the engine, which would log and write the round
    # ------------------------------------------------------------------
    def _ensure_one_round(self, what):
        """A button of one round, called on one round: a message otherwise."""
        if len(self) != 1:
            raise UserError(
                self.env._(
                    "Select one appraisal round to %(what)s (%(count)s selected).",
                    what=what,
                    count=len(self),
                )
            )

    def _my_seat(self, lock=False):
        """(participation row id, ids of the round's subjects that are the
        voter themself) of the current user in the round, if the round is
        open for voting now, the user is eligible and has not voted yet; a
        translated error otherwise. One query besides the round's fields.
        ``lock``: lock the voter's row until the vote commits."""
        self._ensure_one_round(self.env._("vote in"))
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
        seat = self.env["cxzy.appraisal.participation"]._seat(
            appraisal_round, self.env.uid, lock=lock
        )
        if not seat:
            raise UserError(
                self.env._(
                    "You are not an eligible voter of the round %(round)s.",
                    round=appraisal_round.name,
                )
            )
        seat_id, has_voted, member_ids = seat
        if has_voted:
            raise UserError(
                self.env._(
                    "You have already voted in the round %(round)s: each voter votes "
                    "once.",
                    round=appraisal_round.name,
                )
            )
        own = frozenset()
        if appraisal_round.subject_type == "member" and member_ids:
            own = frozenset(member_ids) & frozenset(appraisal_round.member_ids.ids)
        return seat_id, own

    def _my_participation(self):
        """The id of the current user's participation row (see
        :meth:`_my_seat`)."""
        return self._my_seat()[0]

    def action_vote(self):
        """Open the ballot of the round for the current user."""
        self._my_seat()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ballot: %(round)s", round=self.sudo().name),
            "res_model": "cxzy.appraisal.ballot",
            "view_mode": "form",
            "target": "new",
            "context": {"default_round_id": self.id},
        }

    def _ballot_template(self, own=()):
        """The lines of the round's ballot: one per subject and criterion,
        without the subjects in ``own`` (the voter themself)."""
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
            if subject.id not in own
            for criterion in appraisal_round.criterion_ids.sorted(
                lambda c: (c.sequence, c.id)
            )
        ]

    def _my_ballot_template(self):
        """The current voter's ballot lines: without their own subject."""
        return self._ballot_template(self._my_seat()[1])

    def _cast_ballot(self, marks):
        """Count one ballot of the current user: ``marks`` is an iterable of
        (subject id, criterion id, grade), one for every subject and criterion
        of the round but the voter themself. All of it is counted, or nothing
        (a translated error). What is written, and why: see
        ``cxzy_appraisal_tally.py``."""
        seat_id, own = self._my_seat(lock=True)
        appraisal_round = self.sudo()
        expected = {
            (subject_id, criterion_id)
            for subject_id in appraisal_round._subjects().ids
            if subject_id not in own
            for criterion_id in appraisal_round.criterion_ids.ids
        }
        mismatch = UserError(
            self.env._(
                "This ballot does not match the round %(round)s: open the "
                "ballot again from the round.",
                round=appraisal_round.name,
            )
        )
        ballot = {}
        for mark in marks:
            try:
                subject_id, criterion_id, grade = mark
                key = (int(subject_id), int(criterion_id))
            except (TypeError, ValueError, OverflowError):
                raise mismatch from None
            if key not in expected or key in ballot:
                raise mismatch
            if grade and (not isinstance(grade, str) or grade not in GRADE_SCORES):
                raise UserError(
                    self.env._("%(grade)s is not a grade.", grade=str(grade)[:64])
                )
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
        # Sealed: one grade code per cell of the round, in the order of the
        # subjects' and criteria's ids (the tally's), 0 for the voter's own.
        marks = [
            GRADE_CODES[ballot[(subject_id, criterion_id)]]
            if subject_id not in own
            else 0
            for subject_id in sorted(appraisal_round._subjects().ids)
            for criterion_id in sorted(appraisal_round.criterion_ids.ids)
        ]
        self.env["cxzy.appraisal.tally"]._seal_ballot(appraisal_round, marks)
        if not self.env["cxzy.appraisal.participation"]._mark_voted(
            appraisal_round, seat_id
        ):
            raise UserError(
                self.env._(
                    "You have already voted in the round %(round)s: each voter votes "
                    "once.",
                    round=appraisal_round.name,
                )
            )
        self.invalidate_recordset(["voted_count", "turnout", "results_visible"])
        self.invalidate_recordset(["my_status"])
        return True

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def _results(self):
        """The results of the round, for each subject and criterion graded by
        at least ``min_voters`` voters once at least ``min_voters`` have
        voted: {(subject id, criterion id): {"count": voters, "score":
        average 0–100, "excellent": n, "good": n, "fair": n, "poor": n}}; an
        empty dict before. The subject is an organisation or a member, as
        ``subject_type`` says. One query, whatever the number of voters and
        subjects."""
        self.ensure_one()
        self.flush_recordset(["min_voters"])
        return self.env["cxzy.appraisal.tally"]._results_of(self)

    @api.readonly
    def action_view_results(self):
        self._ensure_one_round(self.env._("see the results of"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_appraisal_result_action"
        )
        action["domain"] = [("round_id", "=", self.id)]
        action["context"] = {"search_default_group_subject": 1}
        return action
