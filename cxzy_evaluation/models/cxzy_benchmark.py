# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

BENCHMARK_STATUSES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("achieved", "Achieved"),
    ("not_achieved", "Not Achieved"),
]
OPEN_STATUSES = ("planned", "in_progress")
# What a review settles: changed by the buttons only.
REVIEW_FIELDS = {"status", "review_date"}


class CxzyBenchmark(models.Model):
    """Benchmarking (对标定位): a branch or a member set against an exemplar of
    the campaign, with the gap found per criterion and the measures taken to
    catch up (跟进、赶超), an owner, a deadline, and a review of the result."""

    _name = "cxzy.benchmark"
    _description = "Benchmark"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index=True)
    exemplar_id = fields.Many2one(
        "cxzy.exemplar",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'active'), ('kind', '=?', subject_type)]",
        tracking=True,
    )
    campaign_id = fields.Many2one(
        related="exemplar_id.campaign_id", store=True, index=True, string="Campaign"
    )
    company_id = fields.Many2one(
        related="exemplar_id.company_id", store=True, index=True, precompute=True
    )
    subject_type = fields.Selection(
        [("organization", "Organisation"), ("member", "Member")],
        string="Benchmarked",
        required=True,
        default="organization",
        tracking=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch', 'group'))]",
        tracking=True,
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        index=True,
    )
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
    status = fields.Selection(
        BENCHMARK_STATUSES,
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    review_date = fields.Date(readonly=True, copy=False, tracking=True)
    review_note = fields.Text(copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

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

    @api.depends("subject_type", "member_id.branch_id", "organization_id.branch_id")
    def _compute_branch_id(self):
        for benchmark in self:
            benchmark.branch_id = benchmark._subject().branch_id

    @api.depends("deadline", "status")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for benchmark in self:
            benchmark.is_overdue = bool(
                benchmark.status in OPEN_STATUSES
                and benchmark.deadline
                and benchmark.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue benchmarks."))
        domain = [
            ("status", "in", OPEN_STATUSES),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.onchange("subject_type")
    def _onchange_subject_type(self):
        if self.subject_type == "member":
            self.organization_id = False
        else:
            self.member_id = False
        if self.exemplar_id and self.exemplar_id.kind != self.subject_type:
            self.exemplar_id = False

    def _subject(self):
        self.ensure_one()
        return self.member_id if self.subject_type == "member" else self.organization_id

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("exemplar_id", "subject_type", "member_id", "organization_id")
    def _check_exemplar(self):
        for benchmark in self:
            exemplar = benchmark.exemplar_id.sudo()
            if exemplar.kind != benchmark.subject_type:
                raise ValidationError(
                    self.env._(
                        "%(exemplar)s is an exemplar for %(kind)s: an organisation "
                        "benchmarks against an exemplary organisation, a member "
                        "against an exemplary member.",
                        exemplar=exemplar.name,
                        kind=dict(
                            exemplar._fields["kind"]._description_selection(self.env)
                        )[exemplar.kind].lower(),
                    )
                )
            if exemplar._subject() == benchmark.sudo()._subject():
                raise ValidationError(
                    self.env._(
                        "%(exemplar)s cannot benchmark against itself.",
                        exemplar=exemplar.name,
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(REVIEW_FIELDS & set(vals) for vals in vals_list):
            raise UserError(
                self.env._("A benchmark starts as planned and is reviewed later.")
            )
        benchmarks = super().create(vals_list)
        benchmarks._check_exemplar_active()
        for benchmark in benchmarks.sudo():
            partners = benchmark.owner_id.partner_id
            if benchmark.subject_type == "member":
                partners |= benchmark.member_id.user_id.partner_id
            benchmark.message_subscribe(partner_ids=partners.ids)
        return benchmarks

    def write(self, vals):
        if not self.env.su and REVIEW_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "The status of a benchmark changes through its buttons only."
                )
            )
        business = set(vals) - self._mail_fields() - REVIEW_FIELDS
        if business and not self.env.su:
            self._check_open()
        result = super().write(vals)
        if "exemplar_id" in vals:
            self._check_exemplar_active()
        if "owner_id" in vals:
            for benchmark in self:
                benchmark.message_subscribe(
                    partner_ids=benchmark.owner_id.partner_id.ids
                )
        return result

    def _mail_fields(self):
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _check_open(self):
        reviewed = self.filtered(lambda b: b.status not in OPEN_STATUSES)
        if reviewed:
            raise UserError(
                self.env._(
                    "%(benchmark)s has been reviewed and can no longer change. "
                    "Reopen it first.",
                    benchmark=reviewed[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        reviewed = self.filtered(lambda b: b.status not in OPEN_STATUSES)
        if reviewed:
            raise UserError(
                self.env._(
                    "%(benchmark)s has been reviewed and cannot be deleted.",
                    benchmark=reviewed[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_status(self, allowed):
        wrong = self.filtered(lambda b: b.status not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(benchmark)s is %(status)s: this step is not possible now.",
                    benchmark=wrong[0].name,
                    status=dict(
                        self._fields["status"]._description_selection(self.env)
                    )[wrong[0].status],
                )
            )

    def _set_status(self, values):
        # Rights to the record first (record rules), then the write itself,
        # which the ordinary write refuses for the status fields.
        self.check_access("write")
        self.sudo().write(values)

    def action_start(self):
        self._check_status(("planned",))
        self._set_status({"status": "in_progress"})

    def _review(self, status):
        self._check_status(("in_progress",))
        for benchmark in self:
            if not (benchmark.review_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the review note of %(benchmark)s: what has been "
                        "caught up and what has not.",
                        benchmark=benchmark.name,
                    )
                )
        self._set_status(
            {"status": status, "review_date": fields.Date.context_today(self)}
        )

    def action_achieved(self):
        self._review("achieved")

    def action_not_achieved(self):
        self._review("not_achieved")

    def action_reopen(self):
        self._check_status(("achieved", "not_achieved"))
        self._set_status({"status": "in_progress", "review_date": False})

    # ------------------------------------------------------------------
    # Gaps
    # ------------------------------------------------------------------
    def action_load_criteria(self):
        """One gap line per active criterion of the subject's kind that has no
        line yet, with the latest scores of the subject and of the exemplar in
        the campaign's assessments or appraisals, when there are any."""
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
            model = benchmark._latest_scores(benchmark.exemplar_id.sudo()._subject())
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

    def _latest_scores(self, subject):
        """{criterion id: score} of the latest reviewed or confirmed assessment
        (organisation) or appraisal (member) of ``subject`` in the campaign."""
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
        return {line.criterion_id.id: line.line_score for line in evaluation.line_ids}
