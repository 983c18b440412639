# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

OPEN_STATES = ("planned", "in_progress")
REVIEWED_STATES = ("achieved", "not_achieved")
SECRETARY = ("cxzy_campaign.group_cxzy_secretary",)
OFFICE = "cxzy_campaign.group_cxzy_office"
# Who the rule of every step admits, for the refusals.
MANAGERS = _lt("the secretaries of the benchmarked organisation or the office")


class CxzyBenchmark(models.Model):
    """Benchmarking (对标定位): a branch or a member set against an exemplar of
    the campaign, with the gap found per criterion and the measures taken to
    catch up (跟进、赶超), an owner, a deadline, and a review of the result.

    Who is benchmarked, against which exemplar and in which campaign is fixed
    once created. It starts, is reviewed (achieved or not) and reopened only
    through its steps, by the secretaries of the benchmarked organisation (or
    of the member's) and the office; a reviewed benchmark is on record: it
    changes only by reopening it and is not deleted."""

    _name = "cxzy.benchmark"
    _description = "Benchmark"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.subject.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "deadline, id"
    _check_company_auto = True

    _cxzy_states = [
        ("planned", _lt("Planned")),
        ("in_progress", _lt("In Progress")),
        ("achieved", _lt("Achieved")),
        ("not_achieved", _lt("Not Achieved")),
    ]
    _cxzy_steps = (
        Step(
            "start",
            _lt("Start"),
            ("planned",),
            "in_progress",
            SECRETARY,
            rule="_cxzy_is_manager",
            who=MANAGERS,
        ),
        Step(
            "achieved",
            _lt("Achieved"),
            ("in_progress",),
            "achieved",
            SECRETARY,
            rule="_cxzy_is_manager",
            who=MANAGERS,
            not_own=True,
            sets=("review_date", "reviewer_id"),
        ),
        Step(
            "not_achieved",
            _lt("Not Achieved"),
            ("in_progress",),
            "not_achieved",
            SECRETARY,
            rule="_cxzy_is_manager",
            who=MANAGERS,
            not_own=True,
            sets=("review_date", "reviewer_id"),
        ),
        Step(
            "reopen",
            _lt("Reopen"),
            REVIEWED_STATES,
            "in_progress",
            SECRETARY,
            rule="_cxzy_is_manager",
            who=MANAGERS,
            sets=("review_date", "reviewer_id"),
        ),
    )
    _cxzy_owner_fields = (
        "exemplar_id",
        "subject_type",
        "member_id",
        "organization_id",
    )
    _cxzy_locked_states = REVIEWED_STATES
    _cxzy_deletable_states = OPEN_STATES

    name = fields.Char(compute="_compute_name", store=True, index=True)
    exemplar_id = fields.Many2one(
        "cxzy.exemplar",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'active'), ('subject_type', '=?', subject_type)]",
    )
    # The exemplar's campaign: never given, never written.
    campaign_id = fields.Many2one(
        related="exemplar_id.campaign_id", store=True, precompute=True, default=None
    )
    subject_type = fields.Selection(
        string="Benchmarked", default="organization", readonly=True
    )
    organization_id = fields.Many2one(
        readonly=True,
        domain="[('kind', 'in', ('branch', 'general_branch', 'group'))]",
    )
    member_id = fields.Many2one(readonly=True)
    line_ids = fields.One2many("cxzy.benchmark.line", "benchmark_id", string="Gaps")
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Who sees to it that the measures are carried out.",
    )
    deadline = fields.Date(required=True, tracking=True)
    review_date = fields.Date(readonly=True, copy=False)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False
    )
    review_note = fields.Text(
        copy=False,
        help="What has been caught up and what has not: written before the "
        "review, on record once reviewed.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    can_start = fields.Boolean(compute="_compute_cxzy_can")
    can_achieved = fields.Boolean(compute="_compute_cxzy_can")
    can_not_achieved = fields.Boolean(compute="_compute_cxzy_can")
    can_reopen = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "subject_check",
            "CHECK((subject_type = 'member' AND member_id IS NOT NULL "
            "AND organization_id IS NULL) OR (subject_type = 'organization' "
            "AND organization_id IS NOT NULL AND member_id IS NULL))",
            "A benchmark sets either one member or one organisation against an "
            "exemplar.",
        ),
        (
            "exemplar_member_uniq",
            "unique(exemplar_id, member_id)",
            "A member benchmarks against the same exemplar once.",
        ),
        (
            "exemplar_organization_uniq",
            "unique(exemplar_id, organization_id)",
            "An organisation benchmarks against the same exemplar once.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "subject_type", "member_id.name", "organization_id.name", "exemplar_id.name"
    )
    def _compute_name(self):
        # Stored, hence free of words: it reads the same in every language.
        for benchmark in self:
            subject = benchmark._subject()
            benchmark.name = (
                f"{subject.name} → {benchmark.exemplar_id.name}"
                if subject and benchmark.exemplar_id
                else subject.name or False
            )

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for benchmark in self:
            benchmark.is_overdue = bool(
                benchmark.state in OPEN_STATES
                and benchmark.deadline
                and benchmark.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue benchmarks."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.onchange("subject_type")
    def _onchange_subject_type(self):
        result = super()._onchange_subject_type()
        if self.exemplar_id and self.exemplar_id.subject_type != self.subject_type:
            self.exemplar_id = False
        return result

    # ------------------------------------------------------------------
    # Who takes the steps
    # ------------------------------------------------------------------
    def _cxzy_is_manager(self):
        """The office, or a secretary of the benchmarked organisation or of
        the member's organisation (the record rule of the secretaries)."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(OFFICE):
            return True
        benchmark = self.sudo()
        organization = (
            benchmark.member_id.organization_id
            if benchmark.subject_type == "member"
            else benchmark.organization_id
        )
        return user in organization.manager_user_ids

    def _cxzy_is_own(self):
        """One's own benchmark as a member: not reviewed by oneself."""
        self.ensure_one()
        benchmark = self.sudo()
        return (
            benchmark.subject_type == "member"
            and benchmark.member_id.user_id == self.env.user
        )

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("exemplar_id", "subject_type", "member_id", "organization_id")
    def _check_exemplar(self):
        labels = dict(self._fields["subject_type"]._description_selection(self.env))
        for benchmark in self:
            exemplar = benchmark.exemplar_id.sudo()
            if exemplar.subject_type != benchmark.subject_type:
                raise ValidationError(
                    self.env._(
                        "%(exemplar)s is an exemplar for %(kind)s: an organisation "
                        "benchmarks against an exemplary organisation, a member "
                        "against an exemplary member.",
                        exemplar=exemplar.name,
                        kind=labels.get(exemplar.subject_type, "").lower(),
                    )
                )
            if exemplar._subject() == benchmark.sudo()._subject():
                raise ValidationError(
                    self.env._(
                        "%(exemplar)s cannot benchmark against itself.",
                        exemplar=exemplar.name,
                    )
                )

    @api.constrains("owner_id")
    def _check_owner_internal(self):
        for benchmark in self:
            if benchmark.owner_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an internal user: the measures of "
                        "%(benchmark)s are seen to by someone of the agency.",
                        user=benchmark.owner_id.name,
                        benchmark=benchmark.name,
                    )
                )

    def _check_exemplar_active(self):
        inactive = self.exemplar_id.sudo().filtered(lambda e: e.state != "active")
        if inactive:
            raise UserError(
                self.env._(
                    "%(exemplar)s is not an active exemplar: benchmark against an "
                    "exemplar that the leading group holds up now.",
                    exemplar=inactive[0].name,
                )
            )

    def _check_open(self):
        """Refuse to change the gaps of a reviewed benchmark."""
        reviewed = self.sudo().filtered(lambda b: b.state not in OPEN_STATES)
        if reviewed:
            raise UserError(
                self.env._(
                    "%(benchmark)s has been reviewed and can no longer change. "
                    "Reopen it first.",
                    benchmark=reviewed[0].name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        benchmarks = super().create(vals_list)
        benchmarks._check_exemplar_active()
        for benchmark in benchmarks.sudo():
            partners = benchmark.owner_id.partner_id
            if benchmark.subject_type == "member":
                partners |= benchmark.member_id.user_id.partner_id
            benchmark.message_subscribe(partner_ids=partners.ids)
        return benchmarks

    def write(self, vals):
        result = super().write(vals)
        if "owner_id" in vals:
            for benchmark in self.sudo():
                benchmark.message_subscribe(
                    partner_ids=benchmark.owner_id.partner_id.ids
                )
        return result

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_start(self):
        return self._cxzy_do("start")

    def _cxzy_check_review(self):
        for benchmark in self:
            if not (benchmark.review_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the review note of %(benchmark)s: what has been "
                        "caught up and what has not.",
                        benchmark=benchmark.name,
                    )
                )

    def _review(self, step):
        if len(self) > 1:
            # One step per benchmark, each with its own note in its chatter.
            for benchmark in self:
                benchmark._review(step)
            return True
        # The note, typed before the review, goes on record with the step.
        return self._cxzy_do(
            step,
            {
                "review_date": fields.Date.context_today(self),
                "reviewer_id": self.env.uid,
            },
            opinion=self.review_note,
        )

    def action_achieved(self):
        return self._review("achieved")

    def _cxzy_check_achieved(self):
        self._cxzy_check_review()

    def action_not_achieved(self):
        return self._review("not_achieved")

    def _cxzy_check_not_achieved(self):
        self._cxzy_check_review()

    def action_reopen(self):
        return self._cxzy_do("reopen", {"review_date": False, "reviewer_id": False})

    # ------------------------------------------------------------------
    # Gaps
    # ------------------------------------------------------------------
    def action_load_criteria(self):
        """One gap line per active criterion of the subject's kind that has no
        line yet, with the latest scores of the subject and of the exemplar in
        the campaign's assessments or appraisals, when there are any."""
        if not self:
            raise UserError(self.env._("Select the benchmarks to add the criteria to."))
        self.check_access("write")
        self._check_open()
        Criterion = self.env["cxzy.criterion"]
        for benchmark in self:
            criteria = Criterion.search(
                [
                    ("target", "=", benchmark.subject_type),
                    ("id", "not in", benchmark.line_ids.criterion_id.ids),
                ]
            )
            if not criteria:
                continue
            own = benchmark._latest_scores(benchmark._subject())
            # A member's appraisal is no one else's business: the exemplar's
            # scores come only from an appraisal the user may read.
            model = benchmark._latest_scores(
                benchmark.exemplar_id.sudo()._subject(),
                readable_only=benchmark.subject_type == "member",
            )
            benchmark.line_ids = [
                Command.create(
                    {
                        "criterion_id": criterion.id,
                        "sequence": criterion.sequence,
                        "own_score": own.get(criterion.id, 0.0),
                        "exemplar_score": model.get(criterion.id, 0.0),
                    }
                )
                for criterion in criteria
            ]
        return True

    def _latest_scores(self, subject, readable_only=False):
        """{criterion id: score} of the latest reviewed or confirmed assessment
        (organisation) or appraisal (member) of ``subject`` in the campaign;
        ``readable_only``: nothing unless the user may read it."""
        self.ensure_one()
        if self.subject_type == "member":
            model, field = "cxzy.member.appraisal", "member_id"
        else:
            model, field = "cxzy.org.assessment", "organization_id"
        evaluation = (
            self.env[model]
            .sudo()
            .search(
                [
                    (field, "=", subject.id),
                    ("campaign_id", "=", self.campaign_id.id),
                    ("state", "in", ("reviewed", "confirmed")),
                ]
            )
            .sorted(lambda e: (e.period_id.date_start, e.id), reverse=True)[:1]
        )
        if readable_only and not evaluation.with_env(self.env).has_access("read"):
            return {}
        return {line.criterion_id.id: line.line_score for line in evaluation.line_ids}
