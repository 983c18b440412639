# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError

GRADES = [
    ("excellent", "Excellent"),
    ("qualified", "Qualified"),
    ("basic", "Basically Qualified"),
    ("unqualified", "Unqualified"),
]
# Rank of a grade in the grades over time: a higher rank is a better grade.
GRADE_LEVELS = {"unqualified": 1, "basic": 2, "qualified": 3, "excellent": 4}


class CxzyMemberAppraisal(models.Model):
    """The democratic appraisal (民主评议) of a member in a period against the
    Five Models (五个模范): self-assessed by the member, assessed by the
    secretaries of their branch, confirmed by the leading group."""

    _name = "cxzy.member.appraisal"
    _description = "Member Appraisal"
    _inherit = ["cxzy.evaluation.mixin"]
    _order = "period_id desc, branch_id, total desc, id"
    _check_company_auto = True
    _subject_field = "member_id"
    _review_score_field = "branch_score"
    _cxzy_owner_fields = ("period_id", "member_id")
    _result_fields = ("total", "grade", "five_models")

    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        readonly=True,
    )
    member_user_id = fields.Many2one(related="member_id.user_id", string="User")
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        index=True,
        help="The member's branch when the appraisal was made: its secretaries "
        "assess the member.",
    )
    line_ids = fields.One2many(
        "cxzy.member.appraisal.line", "appraisal_id", string="Criteria"
    )
    grade = fields.Selection(
        GRADES,
        compute="_compute_result",
        store=True,
        index=True,
        help="Set once the branch has assessed the member, by the period's bars: "
        "excellent (优秀), qualified (合格), basically qualified (基本合格) or "
        "unqualified (不合格).",
    )
    five_models = fields.Boolean(
        compute="_compute_result",
        store=True,
        help="Every criterion reaches its bar (set once reviewed).",
    )
    spirit_report_id = fields.Many2one(
        "cxzy.party.spirit.report",
        string="Party-spirit Analysis",
        compute="_compute_spirit_report_id",
        help="The member's party-spirit analysis report (党性分析报告) for the "
        "campaign.",
    )

    _sql_constraints = [
        (
            "period_member_uniq",
            "unique(period_id, member_id)",
            "A member is appraised once per period.",
        ),
    ]

    @api.model
    def _latest_unqualified(self, members):
        """``{member id: appraisal}`` for the members whose latest confirmed
        appraisal graded them unqualified (不合格), in one query."""
        appraisals = self.sudo().search_fetch(
            [("member_id", "in", members.ids), ("state", "=", "confirmed")],
            ["member_id", "grade", "period_id"],
            order="member_id, period_id, id desc",
        )
        latest = {}
        for appraisal in appraisals:
            latest.setdefault(appraisal.member_id.id, appraisal)
        return {
            member_id: appraisal
            for member_id, appraisal in latest.items()
            if appraisal.grade == "unqualified"
        }

    @api.depends("member_id")
    def _compute_branch_id(self):
        for appraisal in self:
            appraisal.branch_id = appraisal.member_id.branch_id

    @api.depends("line_ids.line_score", "line_ids.weight")
    def _compute_total(self):
        return super()._compute_total()

    @api.depends(
        "state",
        "total",
        "line_ids.passed",
        "period_id.grade_excellent",
        "period_id.grade_qualified",
        "period_id.grade_basic",
    )
    def _compute_result(self):
        for appraisal in self:
            if appraisal.state not in ("reviewed", "confirmed"):
                appraisal.grade = False
                appraisal.five_models = False
                continue
            period = appraisal.period_id
            total = appraisal.total
            if total >= period.grade_excellent:
                appraisal.grade = "excellent"
            elif total >= period.grade_qualified:
                appraisal.grade = "qualified"
            elif total >= period.grade_basic:
                appraisal.grade = "basic"
            else:
                appraisal.grade = "unqualified"
            lines = appraisal.line_ids
            appraisal.five_models = bool(lines) and all(lines.mapped("passed"))

    @api.depends("member_id", "campaign_id")
    def _compute_spirit_report_id(self):
        Report = self.env["cxzy.party.spirit.report"]
        reports = {
            (report.member_id.id, report.campaign_id.id): report.id
            for report in Report.search_fetch(
                [
                    ("member_id", "in", self.member_id.ids),
                    ("campaign_id", "in", self.campaign_id.ids),
                ],
                ["member_id", "campaign_id"],
            )
        }
        for appraisal in self:
            appraisal.spirit_report_id = reports.get(
                (appraisal.member_id.id, appraisal.campaign_id.id), False
            )

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _cxzy_is_own(self):
        """The member's own appraisal: they self-assess it, never review nor
        confirm it."""
        self.ensure_one()
        return self.sudo().member_id.user_id == self.env.user

    def _is_self_assessor(self):
        """The member, or the office."""
        self.ensure_one()
        return self._is_office() or self._cxzy_is_own()

    def _cxzy_todo_tiers(self, step):
        if step.rule == "_is_reviewer":
            return self._cxzy_manager_tiers("branch_id")
        return super()._cxzy_todo_tiers(step)

    def _is_reviewer(self):
        """The secretaries of the member's branch (and above it); the office."""
        self.ensure_one()
        if self._is_office():
            return True
        return (
            self.env.user.has_group("cxzy_campaign.group_cxzy_secretary")
            and self.env.user in self.sudo().branch_id.manager_user_ids
        )

    def _cxzy_who(self, step):
        member = self.sudo().member_id.name
        if step.name == "self_assess":
            return self.env._("%(member)s or the campaign office", member=member)
        if step.name in ("review", "return_self_assessment"):
            return self.env._(
                "the secretary of %(branch)s or the campaign office, never for "
                "their own appraisal",
                branch=self.sudo().branch_id.name,
            )
        return self.env._("the leading group, never for their own appraisal")

    def _history_values(self):
        values = super()._history_values()
        values.update(
            subject_type="member",
            member_id=self.member_id.id,
            branch_id=self.branch_id.id,
            appraisal_id=self.id,
            grade=self.grade,
            level=GRADE_LEVELS[self.grade],
            five_models=self.five_models,
        )
        return values

    def action_view_spirit_report(self):
        if len(self) != 1:
            raise UserError(
                self.env._("Open the party-spirit analysis of one appraisal.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "cxzy.party.spirit.report",
            "res_id": self.spirit_report_id.id,
            "view_mode": "form",
        }
