# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from collections import defaultdict
from datetime import timedelta

from psycopg2.errors import LockNotAvailable, UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, is_html_empty
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step, chinese_date

from .cxzy_award_quota import DECIDED_STATES

_lt = LazyTranslate(__name__)

GROUP_SECRETARY = "cxzy_campaign.group_cxzy_secretary"
GROUP_COMMITTEE = "cxzy_campaign.group_cxzy_committee"
GROUP_LEADING = "cxzy_campaign.group_cxzy_leading"
GROUP_OFFICE = "cxzy_campaign.group_cxzy_office"

#: What the branch records and proposes: changed in draft only.
SUBSTANTIVE_FIELDS = {
    "deeds",
    "meeting_date",
    "voters_entitled",
    "voters_present",
    "votes_favour",
}
#: The numbers of the recommendation meeting: whole numbers.
NUMBER_FIELDS = ("voters_entitled", "voters_present", "votes_favour")
#: Certificate numbers are bounded: e.g. 冀研党表〔2011〕1号.
CERTIFICATE_SIZE = 64
#: The branch's recommendation and the levels after it, cleared when a
#: rejected nomination goes back to the branch.
RESET_VALUES = {
    "recommend_opinion": False,
    "recommend_user_id": False,
    "recommend_date": False,
    "study_opinion": False,
    "study_user_id": False,
    "study_date": False,
    "publicity_start": False,
    "publicity_end": False,
    "publicity_objection": False,
    "objection_open": False,
    "publicity_user_id": False,
}
REJECT_FIELDS = ("reject_reason", "rejected_state", "reject_user_id", "reject_date")
BRANCH_WHO = _lt("the secretaries of the nominee's branch or the campaign office")
COMMITTEE_WHO = _lt("the agency Party committee")
LEADING_WHO = _lt("the leading group")


class CxzyNomination(models.Model):
    """A nomination for an honour (表彰): the branch's democratic
    recommendation, the committee's study, the publicity, the leading group's
    decision and the commendation, each with its opinion, who and when.

    The plan's order (支部民主推荐 → 机关党委研究 → 公示 → 室党组决定 → 表彰) is
    the table of steps below; the nominee takes no step on their own
    nomination."""

    _name = "cxzy.nomination"
    _description = "Nomination"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.nomination.dossier",
        "cxzy.workflow.mixin",
    ]
    _order = "campaign_id desc, award_type_id, state, name, id"
    _check_company_auto = True
    # Whoever may read a nomination may discuss it; the steps write as the
    # system after their own checks.
    _mail_post_access = "read"

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("recommended", _lt("Recommended")),
        ("studied", _lt("Studied")),
        ("publicity", _lt("Publicity")),
        ("decided", _lt("Decided")),
        ("commended", _lt("Commended")),
        ("rejected", _lt("Rejected")),
    ]
    _cxzy_steps = (
        # 支部民主推荐
        Step(
            "recommend",
            _lt("Recommend"),
            ("draft",),
            "recommended",
            groups=(GROUP_SECRETARY,),
            rule="_is_branch_secretary",
            who=BRANCH_WHO,
            not_own=True,
            sets=("recommend_opinion", "recommend_user_id", "recommend_date")
            + REJECT_FIELDS,
        ),
        # 机关党委研究
        Step(
            "study",
            _lt("Study"),
            ("recommended",),
            "studied",
            groups=(GROUP_COMMITTEE,),
            who=COMMITTEE_WHO,
            not_own=True,
            sets=("study_opinion", "study_user_id", "study_date", "publicity_required"),
        ),
        # 公示
        Step(
            "publicity",
            _lt("Make Public"),
            ("studied",),
            "publicity",
            groups=(GROUP_COMMITTEE,),
            who=COMMITTEE_WHO,
            not_own=True,
            sets=("publicity_start", "publicity_end", "publicity_user_id"),
            method="action_start_publicity",
        ),
        Step(
            "objection",
            _lt("Note an Objection"),
            ("publicity",),
            groups=(GROUP_COMMITTEE,),
            who=COMMITTEE_WHO,
            not_own=True,
            sets=("publicity_objection", "objection_open"),
            method="action_note_objection",
        ),
        Step(
            "handle_objection",
            _lt("Handle the Objections"),
            ("publicity",),
            groups=(GROUP_COMMITTEE,),
            who=COMMITTEE_WHO,
            not_own=True,
            sets=("publicity_objection", "objection_open"),
        ),
        # 室党组决定
        Step(
            "decide",
            _lt("Decide"),
            ("studied", "publicity"),
            "decided",
            groups=(GROUP_LEADING,),
            who=LEADING_WHO,
            not_own=True,
            sets=("decide_opinion", "decide_user_id", "decide_date"),
        ),
        # 表彰
        Step(
            "commend",
            _lt("Commend"),
            ("decided",),
            "commended",
            groups=(GROUP_LEADING,),
            who=LEADING_WHO,
            not_own=True,
            sets=("commendation_date", "certificate_number", "commend_user_id"),
        ),
        Step(
            "reject",
            _lt("Reject"),
            ("draft", "recommended", "studied", "publicity"),
            "rejected",
            groups=(GROUP_SECRETARY, GROUP_LEADING),
            rule="_may_reject",
            who=_lt(
                "the level the nomination is before (the branch's secretaries "
                "for a draft, the committee once recommended, the committee or "
                "the leading group once studied) or the campaign office"
            ),
            not_own=True,
            sets=REJECT_FIELDS,
        ),
        Step(
            "reset",
            _lt("Reset to Draft"),
            ("rejected",),
            "draft",
            groups=(GROUP_SECRETARY,),
            rule="_is_branch_secretary",
            who=BRANCH_WHO,
            not_own=True,
            sets=tuple(RESET_VALUES),
            method="action_reset_draft",
        ),
    )
    #: whom the nomination is about and for what: fixed once created
    _cxzy_owner_fields = (
        "campaign_id",
        "award_type_id",
        "member_id",
        "organization_id",
    )
    #: on record: nothing but a step changes them (the office may archive)
    _cxzy_locked_states = DECIDED_STATES
    #: 支部民主推荐 → 机关党委研究 → (公示) → 室党组决定: who each level waits for
    _cxzy_waits = {
        "draft": ("recommend",),
        "recommended": ("study",),
        "studied": ("decide",),
        "publicity": ("decide",),
    }
    _cxzy_deletable_states = ("draft", "rejected")

    name = fields.Char(compute="_compute_name", store=True, index=True, size=256)
    campaign_id = fields.Many2one(readonly=True, tracking=True)
    award_type_id = fields.Many2one(
        "cxzy.award.type",
        string="Award",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        tracking=True,
    )
    # The award says whether a member or an organisation is nominated.
    subject_type = fields.Selection(
        compute="_compute_subject_type",
        store=True,
        precompute=True,
        default=None,
        readonly=True,
    )
    member_id = fields.Many2one(readonly=True, tracking=True)
    organization_id = fields.Many2one(
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
        readonly=True,
        tracking=True,
    )
    branch_id = fields.Many2one(
        string="Nominee's Branch",
        help="The branch that recommends the nominee: the member's branch, or "
        "the nominated branch itself, when the nomination was made.",
    )
    nominee_user_id = fields.Many2one(
        related="member_id.user_id", string="Nominee's User"
    )
    deeds = fields.Html(
        sanitize=True,
        help="The nominee's deeds (事迹), as the branch presents them.",
    )
    # The branch's democratic recommendation (支部民主推荐)
    meeting_date = fields.Date(
        tracking=True,
        help="The day of the branch meeting that recommended the nominee.",
    )
    voters_entitled = fields.Integer(
        string="Entitled to Vote",
        tracking=True,
        help="Members of the branch entitled to vote at the meeting.",
    )
    voters_present = fields.Integer(string="Present", tracking=True)
    votes_favour = fields.Integer(string="In Favour", tracking=True)
    recommendation_valid = fields.Boolean(
        string="Valid Recommendation",
        compute="_compute_recommendation_valid",
        help="The meeting had its quorum and enough votes in favour under the "
        "award's rule.",
    )
    recommendation_issue = fields.Char(
        compute="_compute_recommendation_valid",
    )
    publicity_required = fields.Boolean(
        string="Publicity",
        compute="_compute_publicity_required",
        store=True,
        readonly=False,
        precompute=True,
        help="The nomination is made public (公示) before the decision; the "
        "committee may waive it when it studies the nomination.",
    )
    # One opinion per level, with who and when: written by the steps only.
    recommend_opinion = fields.Text(
        string="Branch's Opinion", readonly=True, copy=False
    )
    recommend_user_id = fields.Many2one(
        "res.users", string="Recommended by", readonly=True, copy=False
    )
    recommend_date = fields.Date(string="Recommended On", readonly=True, copy=False)
    study_opinion = fields.Text(string="Committee's Opinion", readonly=True, copy=False)
    study_user_id = fields.Many2one(
        "res.users", string="Studied by", readonly=True, copy=False
    )
    study_date = fields.Date(string="Studied On", readonly=True, copy=False)
    publicity_start = fields.Date(readonly=True, copy=False)
    publicity_end = fields.Date(readonly=True, copy=False)
    publicity_objection = fields.Text(string="Objections", readonly=True, copy=False)
    objection_open = fields.Boolean(
        string="Objections to Handle",
        readonly=True,
        copy=False,
        help="An objection was noted during the publicity and the committee has "
        "not yet recorded how it was handled: the leading group cannot decide.",
    )
    publicity_user_id = fields.Many2one(
        "res.users", string="Published by", readonly=True, copy=False
    )
    # Lodged by anyone on the publicity board; read by the committee and the
    # leading group only.
    objection_ids = fields.One2many(
        "cxzy.nomination.objection",
        "nomination_id",
        string="Objections Lodged",
        readonly=True,
        groups="cxzy_campaign.group_cxzy_committee,cxzy_campaign.group_cxzy_leading",
    )
    objection_to_check_count = fields.Integer(
        string="Objections to Check",
        compute="_compute_objection_to_check_count",
        groups="cxzy_campaign.group_cxzy_committee,cxzy_campaign.group_cxzy_leading",
    )
    decide_opinion = fields.Text(
        string="Leading Group's Decision", readonly=True, copy=False
    )
    decide_user_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    decide_date = fields.Date(string="Decided On", readonly=True, copy=False)
    commendation_date = fields.Date(readonly=True, copy=False)
    certificate_number = fields.Char(size=CERTIFICATE_SIZE, readonly=True, copy=False)
    commend_user_id = fields.Many2one(
        "res.users", string="Commended by", readonly=True, copy=False
    )
    reject_reason = fields.Text(
        string="Reason for Rejection", readonly=True, copy=False
    )
    rejected_state = fields.Selection(
        selection="_cxzy_state_selection",
        string="Rejected at",
        readonly=True,
        copy=False,
    )
    reject_user_id = fields.Many2one(
        "res.users", string="Rejected by", readonly=True, copy=False
    )
    reject_date = fields.Date(string="Rejected On", readonly=True, copy=False)
    active = fields.Boolean(default=True, tracking=True)

    can_recommend = fields.Boolean(compute="_compute_cxzy_can")
    can_study = fields.Boolean(compute="_compute_cxzy_can")
    can_publicity = fields.Boolean(compute="_compute_cxzy_can")
    can_objection = fields.Boolean(compute="_compute_cxzy_can")
    can_handle_objection = fields.Boolean(compute="_compute_cxzy_can")
    can_decide = fields.Boolean(compute="_compute_cxzy_can")
    can_commend = fields.Boolean(compute="_compute_cxzy_can")
    can_reject = fields.Boolean(compute="_compute_cxzy_can")
    can_reset = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "member_award_campaign_uniq",
            "unique(campaign_id, award_type_id, member_id)",
            "This member already has a nomination for this award in this campaign.",
        ),
        (
            "organization_award_campaign_uniq",
            "unique(campaign_id, award_type_id, organization_id)",
            "This organisation already has a nomination for this award in this "
            "campaign.",
        ),
        (
            "nominee_check",
            "CHECK((subject_type = 'member' AND member_id IS NOT NULL "
            "AND organization_id IS NULL) OR (subject_type = 'organization' "
            "AND organization_id IS NOT NULL AND member_id IS NULL))",
            "A nomination is for one member or for one organisation, as its award "
            "says.",
        ),
        (
            "certificate_uniq",
            "unique(company_id, certificate_number)",
            "This certificate number has already been given.",
        ),
        (
            "recommendation_check",
            "CHECK(voters_entitled >= 0 AND voters_present >= 0 "
            "AND votes_favour >= 0 AND voters_present <= voters_entitled "
            "AND votes_favour <= voters_present)",
            "The numbers of the recommendation meeting are inconsistent.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _nominee(self):
        self.ensure_one()
        return self._subject()

    @api.depends("member_id.name", "organization_id.name", "award_type_id.name")
    def _compute_name(self):
        for nomination in self:
            nominee = nomination.member_id or nomination.organization_id
            nomination.name = " — ".join(
                name for name in (nominee.name, nomination.award_type_id.name) if name
            )

    # Not on the member's later moves: the branch that recommended stays.
    @api.depends("member_id", "organization_id")
    def _compute_branch_id(self):
        for nomination in self:
            nominee = nomination.member_id or nomination.organization_id
            nomination.branch_id = nominee.branch_id

    @api.depends("award_type_id")
    def _compute_publicity_required(self):
        for nomination in self:
            nomination.publicity_required = nomination.award_type_id.publicity_required

    @api.depends(
        "voters_entitled",
        "voters_present",
        "votes_favour",
        "award_type_id.min_present_ratio",
        "award_type_id.min_favour_ratio",
        "award_type_id.favour_strict",
    )
    def _compute_recommendation_valid(self):
        for nomination in self:
            issue = (
                nomination.award_type_id._recommendation_issue(
                    nomination.voters_entitled,
                    nomination.voters_present,
                    nomination.votes_favour,
                )
                if nomination.award_type_id
                else False
            )
            nomination.recommendation_issue = issue
            nomination.recommendation_valid = not issue

    @api.depends("state", "publicity_required", "branch_id")
    @api.depends_context("uid")
    def _compute_cxzy_can(self):
        """The table's answer, and the buttons of steps the nomination is not
        ready for hidden: no publicity once waived, no decision before the
        publicity that is required, nor while an objection lodged on the
        publicity board is being checked."""
        res = super()._compute_cxzy_can()
        to_check = self._objections_to_check()
        for nomination in self:
            if not nomination.publicity_required:
                nomination.can_publicity = False
            elif nomination.state == "studied":
                nomination.can_decide = False
            if to_check.get(nomination.id):
                nomination.can_decide = False
        return res

    def _objections_to_check(self):
        """{nomination id: number of its objections not yet checked}, in one
        query, whoever asks."""
        ids = [nomination_id for nomination_id in self.ids if nomination_id]
        if not ids:
            return {}
        groups = (
            self.env["cxzy.nomination.objection"]
            .sudo()
            ._read_group(
                [("nomination_id", "in", ids), ("state", "=", "open")],
                ["nomination_id"],
                ["__count"],
            )
        )
        return {nomination.id: count for nomination, count in groups}

    def _compute_objection_to_check_count(self):
        to_check = self._objections_to_check()
        for nomination in self:
            nomination.objection_to_check_count = to_check.get(nomination.id, 0)

    @api.onchange("award_type_id")
    def _onchange_award_type_id(self):
        if self.award_type_id.subject_type == "member":
            self.organization_id = False
        elif self.award_type_id.subject_type == "organization":
            self.member_id = False

    @api.depends("award_type_id.subject_type")
    def _compute_subject_type(self):
        for nomination in self:
            nomination.subject_type = nomination.award_type_id.subject_type

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("campaign_id", "award_type_id", "member_id", "organization_id")
    def _check_nominee(self):
        for nomination in self:
            error = self._nominee_error(
                nomination.campaign_id,
                nomination.award_type_id,
                nomination.member_id,
                nomination.organization_id,
            )
            if error:
                raise ValidationError(error)
        self._check_nominee_not_unqualified(ValidationError)

    def _check_nominee_not_unqualified(self, error_class=UserError):
        """No honour for a member whose latest confirmed appraisal graded them
        不合格: checked when nominated and again at every step that moves the
        nomination on, since an appraisal may be confirmed in between."""
        members = self.sudo().member_id
        if not members:
            return
        unqualified = self.env["cxzy.member.appraisal"]._latest_unqualified(members)
        for nomination in self.sudo():
            appraisal = unqualified.get(nomination.member_id.id)
            if appraisal:
                raise error_class(
                    self.env._(
                        "%(member)s cannot be nominated: their latest confirmed "
                        "appraisal (%(period)s) graded them unqualified.",
                        member=nomination.member_id.name,
                        period=appraisal.period_id.display_name,
                    )
                )

    def _nominee_error(self, campaign, award, member, organization):
        """Why this nominee cannot be nominated for this award in this
        campaign, or ``False``."""
        if campaign.is_template:
            return self.env._(
                "%(campaign)s is a template: nominations are made in a campaign "
                "that is run.",
                campaign=campaign.name,
            )
        if award.subject_type == "member" and (not member or organization):
            return self.env._(
                "%(award)s is conferred on a Party member: choose the member, not "
                "an organisation.",
                award=award.name,
            )
        if award.subject_type == "organization":
            if not organization or member:
                return self.env._(
                    "%(award)s is conferred on a Party organisation: choose the "
                    "organisation, not a member.",
                    award=award.name,
                )
            if organization.kind not in ("branch", "general_branch"):
                return self.env._(
                    "%(organization)s is not a Party branch: %(award)s is "
                    "conferred on branches and general branches.",
                    organization=organization.name,
                    award=award.name,
                )
        return False

    @api.constrains("voters_entitled", "voters_present", "votes_favour")
    def _check_recommendation_numbers(self):
        for nomination in self:
            nomination._check_numbers(
                nomination.voters_entitled,
                nomination.voters_present,
                nomination.votes_favour,
            )

    def _check_numbers(self, entitled, present, favour):
        """Refuse a recommendation record that cannot be: negative numbers,
        more present than entitled, more in favour than present. (Too few
        present or in favour is a record of fact: the recommendation is then
        refused, not the record.) The numbers are whole numbers already
        (:meth:`_convert_numbers`)."""
        entitled, present, favour = entitled or 0, present or 0, favour or 0
        if min(entitled, present, favour) < 0:
            raise ValidationError(
                self.env._(
                    "The numbers of the recommendation meeting cannot be negative."
                )
            )
        if present > entitled:
            raise ValidationError(
                self.env._(
                    "%(present)s members present at the recommendation meeting, "
                    "but only %(entitled)s are entitled to vote: more cannot be "
                    "present.",
                    present=present,
                    entitled=entitled,
                )
            )
        if favour > present:
            raise ValidationError(
                self.env._(
                    "%(favour)s votes in favour at the recommendation meeting, but "
                    "only %(present)s members were present: more cannot vote.",
                    favour=favour,
                    present=present,
                )
            )

    def _convert_numbers(self, vals):
        """The numbers of the recommendation meeting as whole numbers, before
        anything compares them: an RPC caller may send ``'abc'``, ``None``,
        ``3.5`` or a number beyond any meeting."""
        return self._cxzy_whole_numbers(vals, NUMBER_FIELDS)

    def _duplicate_error(self, key):
        campaign_id, award_id, member_id, organization_id = key
        nominee = (
            self.env["cxzy.party.member"].browse(member_id)
            if member_id
            else self.env["cxzy.party.organization"].browse(organization_id)
        )
        return ValidationError(
            self.env._(
                "%(nominee)s is already nominated for %(award)s in %(campaign)s: "
                "there is one nomination per nominee, award and campaign.",
                nominee=nominee.sudo().name,
                award=self.env["cxzy.award.type"].sudo().browse(award_id).name,
                campaign=self.env["cxzy.campaign"].sudo().browse(campaign_id).name,
            )
        )

    def _check_nominee_free(self, keys):
        """Refuse, before anything is written, a second nomination of a nominee
        for an award in a campaign. ``keys`` are (campaign id, award type id,
        member id, organisation id) quadruples."""
        keys = [key for key in keys if key[0] and key[1] and (key[2] or key[3])]
        if not keys:
            return
        duplicate = next((key for key in keys if keys.count(key) > 1), None)
        if not duplicate:
            domain = expression.OR(
                [
                    [
                        ("campaign_id", "=", campaign_id),
                        ("award_type_id", "=", award_id),
                        ("member_id", "=", member_id or False),
                        ("organization_id", "=", organization_id or False),
                    ]
                    for campaign_id, award_id, member_id, organization_id in keys
                ]
            )
            existing = (
                self.sudo()
                .with_context(active_test=False)
                .search(expression.AND([domain, [("id", "not in", self.ids)]]), limit=1)
            )
            if existing:
                duplicate = (
                    existing.campaign_id.id,
                    existing.award_type_id.id,
                    existing.member_id.id,
                    existing.organization_id.id,
                )
        if duplicate:
            raise self._duplicate_error(duplicate)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._convert_numbers(vals) for vals in vals_list]
        for vals in vals_list:
            self._check_numbers(
                vals.get("voters_entitled", 0),
                vals.get("voters_present", 0),
                vals.get("votes_favour", 0),
            )
        missing = {"campaign_id"} - set().union(*vals_list) if vals_list else set()
        defaults = self.default_get(list(missing)) if missing else {}
        # Before the database's own check: a clear message.
        for vals in vals_list:
            error = self._nominee_error(
                self.env["cxzy.campaign"]
                .sudo()
                .browse(vals.get("campaign_id", defaults.get("campaign_id"))),
                self.env["cxzy.award.type"].sudo().browse(vals.get("award_type_id")),
                self.env["cxzy.party.member"].sudo().browse(vals.get("member_id")),
                self.env["cxzy.party.organization"]
                .sudo()
                .browse(vals.get("organization_id")),
            )
            if error:
                raise ValidationError(error)
        keys = [
            (
                vals.get("campaign_id", defaults.get("campaign_id")),
                vals.get("award_type_id"),
                vals.get("member_id"),
                vals.get("organization_id"),
            )
            for vals in vals_list
        ]
        self._check_nominee_free(keys)
        # Two branches nominating the same member at the same moment: the
        # loser of the race is told as if it came second.
        try:
            with self.env.cr.savepoint(flush=False):
                return super().create(vals_list)
        except UniqueViolation as error:
            if error.diag.constraint_name in (
                f"{self._table}_member_award_campaign_uniq",
                f"{self._table}_organization_award_campaign_uniq",
            ):
                raise self._duplicate_error(keys[0]) from None
            raise

    def write(self, vals):
        vals = self._convert_numbers(vals)
        if self.env.su:
            self._check_on_record(vals)
        # Only server code moves a nomination (the guard refuses everyone
        # else): not onto a nominee who has one already.
        if self.env.su and set(self._cxzy_owner_fields) & set(vals):
            self._check_nominee_free(
                [
                    (
                        vals.get("campaign_id", nomination.campaign_id.id),
                        vals.get("award_type_id", nomination.award_type_id.id),
                        vals["member_id"]
                        if "member_id" in vals
                        else nomination.member_id.id,
                        vals["organization_id"]
                        if "organization_id" in vals
                        else nomination.organization_id.id,
                    )
                    for nomination in self
                ]
            )
        return super().write(vals)

    def _check_on_record(self, vals):
        """Even server code writes a decided or commended nomination only
        through the steps that start from its state (the commendation of a
        decided one); archiving stays possible."""
        allowed = self._cxzy_free_fields() | {"active", "state"}
        for nomination in self.filtered(lambda n: n.state in DECIDED_STATES):
            step_fields = set()
            for step in self._cxzy_steps:
                if nomination.state in step.from_states:
                    step_fields |= set(step.sets)
            changed = {
                name
                for name in set(vals) - allowed - step_fields
                if name in self._fields
                and not nomination._cxzy_unchanged(name, vals[name])
            }
            if changed:
                self._cxzy_refuse_on_record(nomination)

    def _cxzy_refuse_on_record(self, nomination):
        raise UserError(
            self.env._(
                "%(record)s is %(state)s: it is on record and can no longer be "
                "changed. Archive it if it must be withdrawn. Nothing was saved.",
                record=nomination.display_name,
                state=nomination._cxzy_state_label(nomination.state),
            )
        )

    def _cxzy_check_not_locked(self, vals):
        """Outside the steps: the branch edits a draft; a decided or
        commended nomination changes for nobody but the office, which may
        archive it."""
        # Who may not write at all is told so first.
        self.check_access("write")
        changed = set(vals) - self._cxzy_free_fields()
        decided = self.filtered(lambda n: n.state in DECIDED_STATES)
        if changed == {"active"}:
            if decided and not self.env.user.has_group(GROUP_OFFICE):
                raise UserError(
                    self.env._(
                        "Only the campaign office archives a decided nomination "
                        "(%(nomination)s).",
                        nomination=decided[0].display_name,
                    )
                )
            return
        if decided and changed:
            self._cxzy_refuse_on_record(decided[0])
        super()._cxzy_check_not_locked(vals)
        started = self.filtered(lambda n: n.state != "draft")
        if started and changed & SUBSTANTIVE_FIELDS:
            raise UserError(
                self.env._(
                    "%(nomination)s is %(state)s: only a draft can be changed. "
                    "The deeds and the recommendation meeting are those the "
                    "branch recommended.",
                    nomination=started[0].display_name,
                    state=started[0]._cxzy_state_label(started[0].state),
                )
            )

    # ------------------------------------------------------------------
    # Who may take a step (the rules of the table)
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group(GROUP_OFFICE)

    def _cxzy_is_own(self):
        """The nominee takes no step on their own nomination."""
        self.ensure_one()
        user = self.sudo().member_id.user_id
        return bool(user) and user == self.env.user

    def _cxzy_waiting_steps(self):
        """A studied nomination that must be made public first waits for the
        committee to start its publicity, not for the decision."""
        if self.state == "studied" and self.publicity_required:
            return ("publicity",)
        return super()._cxzy_waiting_steps()

    def _cxzy_todo_deadline(self, step):
        """The decision on a nomination in publicity is due when it ends."""
        if self.state == "publicity" and self.publicity_end:
            return self.publicity_end
        return super()._cxzy_todo_deadline(step)

    def _cxzy_todo_tiers(self, step):
        if step.rule == "_is_branch_secretary":
            return self._cxzy_manager_tiers("branch_id")
        return super()._cxzy_todo_tiers(step)

    def _is_branch_secretary(self):
        """The office, or a secretary or deputy secretary of the nominee's
        branch or of an organisation above it."""
        return self._cxzy_office_or_secretary_of("branch_id")

    def _may_reject(self):
        """The level the nomination is before rejects it: the branch a
        draft, the committee a recommended one, the committee or the leading
        group a studied one or one in publicity."""
        self.ensure_one()
        if self._is_office():
            return True
        user = self.env.user
        if self.state == "draft":
            return self._is_branch_secretary()
        if self.state == "recommended":
            return user.has_group(GROUP_COMMITTEE)
        return user.has_group(GROUP_COMMITTEE) or user.has_group(GROUP_LEADING)

    def _cxzy_lock(self):
        """Take the nominations' rows for this transaction, or refuse at once
        when someone else is taking a step on one of them."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    )
                )
        except LockNotAvailable:
            raise UserError(
                self.env._(
                    "Someone else is taking a step on %(nomination)s at this very "
                    "moment. Reload it and try again.",
                    nomination=", ".join(self.sudo().mapped("display_name")),
                )
            ) from None
        # Read the state as it is now that the rows are ours.
        self.invalidate_recordset(["state"])

    def _today(self):
        return fields.Date.context_today(self)

    @staticmethod
    def _clean(text):
        return text.strip() if isinstance(text, str) else ""

    def _require(self, text, message):
        text = self._clean(text)
        if not text:
            raise UserError(message)
        return text

    def _to_date(self, value, label):
        """A date given by the caller, or a message saying it is not one."""
        if not value:
            return False
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError):
            raise UserError(
                self.env._(
                    "%(label)s is not a date: “%(value)s”.",
                    label=label,
                    value=str(value)[:40],
                )
            ) from None

    # ------------------------------------------------------------------
    # Steps: each goes through the table (_cxzy_do); what is the
    # nomination's own is in _cxzy_check_<step>.
    # ------------------------------------------------------------------
    def action_recommend(self, opinion=None):
        """支部民主推荐: the branch's secretary records the meeting's valid
        recommendation with the branch's opinion."""
        self._cxzy_check("recommend")
        opinion = self._require(
            opinion, self.env._("Give the branch's opinion on the nominee.")
        )
        values = {
            "recommend_opinion": opinion,
            "recommend_user_id": self.env.uid,
            "recommend_date": self._today(),
        }
        values.update(dict.fromkeys(REJECT_FIELDS, False))
        return self._cxzy_do("recommend", values, opinion=opinion)

    def _cxzy_check_recommend(self):
        self._check_nominee_not_unqualified()
        for record in self.sudo():
            if is_html_empty(record.deeds):
                raise UserError(
                    self.env._(
                        "%(nomination)s: describe the nominee's deeds before "
                        "recommending.",
                        nomination=record.name,
                    )
                )
            if not record.meeting_date:
                raise UserError(
                    self.env._(
                        "%(nomination)s: record the date of the branch's "
                        "recommendation meeting.",
                        nomination=record.name,
                    )
                )
            if record.recommendation_issue:
                raise UserError(
                    self.env._(
                        "%(nomination)s cannot be recommended: %(issue)s",
                        nomination=record.name,
                        issue=record.recommendation_issue,
                    )
                )

    def action_study(self, opinion=None, publicity_required=None):
        """机关党委研究: the committee's opinion; it may waive the publicity."""
        self._cxzy_check("study")
        opinion = self._require(
            opinion, self.env._("Give the committee's opinion on the nomination.")
        )

        def values(nomination):
            vals = {
                "study_opinion": opinion,
                "study_user_id": self.env.uid,
                "study_date": self._today(),
            }
            if publicity_required is not None:
                vals["publicity_required"] = bool(publicity_required)
            return vals

        return self._cxzy_do("study", values, opinion=opinion)

    def _publicity_period(self, date_start, date_end):
        """The publicity's start and end as given, checked: it starts today or
        later and lasts at least the award's minimum, both days included."""
        today = self._today()
        date_start = self._to_date(date_start, self.env._("The publicity's start"))
        date_end = self._to_date(date_end, self.env._("The publicity's end"))
        date_start = date_start or today
        if date_start < today:
            raise UserError(
                self.env._(
                    "The publicity cannot start in the past (%(start)s): it starts "
                    "today (%(today)s) or later, when the nominee is made public.",
                    start=fields.Date.to_string(date_start),
                    today=fields.Date.to_string(today),
                )
            )
        if not date_end or date_end < date_start:
            raise UserError(
                self.env._(
                    "The publicity needs an end date on or after its start "
                    "(%(start)s).",
                    start=fields.Date.to_string(date_start),
                )
            )
        for nomination in self.sudo():
            minimum = nomination.award_type_id._publicity_minimum()
            days = (date_end - date_start).days + 1
            if days < minimum:
                raise UserError(
                    self.env._(
                        "The publicity of %(nomination)s lasts at least %(minimum)s "
                        "days, both ends included: from %(start)s it ends on "
                        "%(end)s at the earliest (%(days)s days given).",
                        nomination=nomination.name,
                        minimum=minimum,
                        start=fields.Date.to_string(date_start),
                        end=fields.Date.to_string(
                            date_start + timedelta(days=minimum - 1)
                        ),
                        days=days,
                    )
                )
        return date_start, date_end

    def action_start_publicity(self, date_start=None, date_end=None):
        """公示: the committee makes the nomination public for a period."""
        self._cxzy_check("publicity")
        date_start, date_end = self._publicity_period(date_start, date_end)
        period = self.env._(
            "Made public from %(start)s to %(end)s.",
            start=fields.Date.to_string(date_start),
            end=fields.Date.to_string(date_end),
        )
        return self._cxzy_do(
            "publicity",
            {
                "publicity_start": date_start,
                "publicity_end": date_end,
                "publicity_user_id": self.env.uid,
            },
            opinion=period,
        )

    def _cxzy_check_publicity(self):
        waived = self.filtered(lambda n: not n.sudo().publicity_required)
        if waived:
            raise UserError(
                self.env._(
                    "The publicity of %(nomination)s has been waived: the leading "
                    "group decides it directly.",
                    nomination=waived[0].sudo().name,
                )
            )

    def _objection_values(self, nomination, line, still_open):
        previous = nomination.sudo().publicity_objection
        return {
            "publicity_objection": f"{previous}\n{line}" if previous else line,
            "objection_open": still_open,
        }

    def action_note_objection(self, note=None):
        """An objection raised during the publicity, noted for the committee
        to look into: the leading group decides once it is handled."""
        self._cxzy_check("objection")
        note = self._require(note, self.env._("Write down the objection."))
        line = self.env._(
            "%(date)s, noted by %(user)s: %(note)s",
            date=fields.Date.to_string(self._today()),
            user=self.env.user.name,
            note=note,
        )
        return self._cxzy_do(
            "objection",
            lambda nomination: self._objection_values(nomination, line, True),
            opinion=note,
        )

    def action_handle_objection(self, note=None):
        """The committee records how the objections were looked into and
        settled."""
        self._cxzy_check("handle_objection")
        note = self._require(
            note, self.env._("Say how the objections were looked into and settled.")
        )
        pending = self.filtered(lambda n: not n.sudo().objection_open)
        if pending:
            raise UserError(
                self.env._(
                    "%(nomination)s has no objection waiting to be handled.",
                    nomination=pending[0].sudo().name,
                )
            )
        line = self.env._(
            "%(date)s, handled by %(user)s: %(note)s",
            date=fields.Date.to_string(self._today()),
            user=self.env.user.name,
            note=note,
        )
        return self._cxzy_do(
            "handle_objection",
            lambda nomination: self._objection_values(nomination, line, False),
            opinion=note,
        )

    def action_decide(self, opinion=None):
        """室党组决定: the leading group decides, within the award's quota,
        once the publicity is over and its objections handled."""
        self._cxzy_check("decide")
        opinion = self._require(
            opinion, self.env._("Give the leading group's decision.")
        )
        return self._cxzy_do(
            "decide",
            {
                "decide_opinion": opinion,
                "decide_user_id": self.env.uid,
                "decide_date": self._today(),
            },
            opinion=opinion,
        )

    def _cxzy_check_decide(self):
        self._check_nominee_not_unqualified()
        today = self._today()
        to_check = self._objections_to_check()
        for nomination in self.sudo():
            if to_check.get(nomination.id):
                raise UserError(
                    self.env._(
                        "%(count)s objection(s) lodged against %(nomination)s "
                        "during the publicity are not checked yet: the committee "
                        "records how each was checked before the leading group "
                        "decides.",
                        count=to_check[nomination.id],
                        nomination=nomination.name,
                    )
                )
            if nomination.state == "studied" and nomination.publicity_required:
                raise UserError(
                    self.env._(
                        "%(nomination)s must be made public before the leading "
                        "group decides it.",
                        nomination=nomination.name,
                    )
                )
            if nomination.state != "publicity":
                continue
            if not nomination.publicity_end or nomination.publicity_end >= today:
                raise UserError(
                    self.env._(
                        "The publicity of %(nomination)s runs until %(end)s: the "
                        "leading group decides once it is over.",
                        nomination=nomination.name,
                        end=fields.Date.to_string(nomination.publicity_end),
                    )
                )
            if nomination.objection_open:
                raise UserError(
                    self.env._(
                        "Objections to %(nomination)s were raised during the "
                        "publicity: the committee records how they were handled "
                        "before the leading group decides.",
                        nomination=nomination.name,
                    )
                )
        self._check_quota()

    def _check_quota(self):
        """Hold each quota row concerned until the transaction ends, count the
        decided nominations under that lock and refuse when the quota is full.

        The quota row is also touched: under repeatable read, a second decider
        waiting for it fails with a serialization error once the first one
        commits (and is retried), instead of counting from its older snapshot.
        """
        cr = self.env.cr
        self.env["cxzy.nomination"].flush_model(
            ["state", "campaign_id", "award_type_id"]
        )
        self.env["cxzy.award.quota"].flush_model(
            ["quota", "campaign_id", "award_type_id"]
        )
        by_quota = defaultdict(lambda: self.browse())
        for nomination in self.sudo():
            by_quota[(nomination.campaign_id, nomination.award_type_id)] |= nomination
        # A stable order: two deciders never wait on each other in a cycle.
        for (campaign, award), nominations in sorted(
            by_quota.items(), key=lambda item: (item[0][0].id, item[0][1].id)
        ):
            cr.execute(
                SQL(
                    "SELECT id, quota FROM cxzy_award_quota "
                    "WHERE campaign_id = %s AND award_type_id = %s FOR UPDATE",
                    campaign.id,
                    award.id,
                )
            )
            row = cr.fetchone()
            if not row:
                raise UserError(
                    self.env._(
                        "There is no quota for %(award)s in %(campaign)s: the "
                        "campaign office sets it before the leading group decides.",
                        award=award.sudo().name,
                        campaign=campaign.sudo().name,
                    )
                )
            quota_id, quota = row
            cr.execute(
                SQL(
                    "UPDATE cxzy_award_quota SET write_uid = %s, write_date = %s "
                    "WHERE id = %s",
                    self.env.uid,
                    fields.Datetime.now(),
                    quota_id,
                )
            )
            cr.execute(
                SQL(
                    "SELECT count(*) FROM cxzy_nomination WHERE campaign_id = %s "
                    "AND award_type_id = %s AND state IN %s",
                    campaign.id,
                    award.id,
                    DECIDED_STATES,
                )
            )
            decided = cr.fetchone()[0]
            if decided + len(nominations) > quota:
                raise UserError(
                    self.env._(
                        "The quota of %(award)s in %(campaign)s is full: %(count)s "
                        "of %(quota)s places are taken. %(nomination)s cannot be "
                        "decided.",
                        award=award.sudo().name,
                        campaign=campaign.sudo().name,
                        count=decided,
                        quota=quota,
                        nomination=", ".join(nominations.sudo().mapped("name")),
                    )
                )
        self.env["cxzy.award.quota"].invalidate_model(["write_uid", "write_date"])

    def _certificate_taken_error(self, number):
        return UserError(
            self.env._(
                "The certificate number %(number)s has already been given.",
                number=number,
            )
        )

    def action_commend(self, commendation_date=None, certificate_number=None):
        """表彰: the honour is conferred, with its certificate."""
        self._cxzy_check("commend")
        self._check_nominee_not_unqualified()
        commendation_date = (
            self._to_date(commendation_date, self.env._("The commendation's date"))
            or self._today()
        )
        if certificate_number not in (None, False) and not isinstance(
            certificate_number, str
        ):
            certificate_number = str(certificate_number)
        number = self._clean(certificate_number)
        if len(number) > CERTIFICATE_SIZE:
            raise UserError(
                self.env._(
                    "A certificate number has at most %(size)s characters "
                    "(%(length)s given).",
                    size=CERTIFICATE_SIZE,
                    length=len(number),
                )
            )
        if number and len(self) > 1:
            raise UserError(
                self.env._("Give the certificate numbers one nomination at a time.")
            )
        for nomination in self.sudo():
            if nomination.decide_date and commendation_date < nomination.decide_date:
                raise UserError(
                    self.env._(
                        "%(nomination)s was decided on %(decided)s: it cannot be "
                        "commended before.",
                        nomination=nomination.name,
                        decided=fields.Date.to_string(nomination.decide_date),
                    )
                )
        certificates = {}
        Nomination = self.sudo().with_context(active_test=False)
        for nomination in self.sudo():
            certificate = number or self.env["ir.sequence"].sudo().next_by_code(
                "cxzy.nomination.certificate", sequence_date=commendation_date
            )
            if Nomination.search_count(
                [
                    ("company_id", "=", nomination.company_id.id),
                    ("certificate_number", "=", certificate),
                    ("id", "!=", nomination.id),
                ],
                limit=1,
            ):
                raise self._certificate_taken_error(certificate)
            certificates[nomination.id] = certificate
        # Two deciders giving the same number at the same moment: the loser is
        # told as if it came second.
        try:
            with self.env.cr.savepoint():
                for nomination in self:
                    certificate = certificates[nomination.id]
                    nomination._cxzy_do(
                        "commend",
                        {
                            "commendation_date": commendation_date,
                            "certificate_number": certificate,
                            "commend_user_id": self.env.uid,
                        },
                        opinion=self.env._(
                            "Certificate %(number)s.", number=certificate
                        ),
                    )
        except UniqueViolation as error:
            if error.diag.constraint_name == f"{self._table}_certificate_uniq":
                raise self._certificate_taken_error(
                    number or ", ".join(certificates.values())
                ) from None
            raise
        return True

    def action_reject(self, reason=None):
        """Rejected at the current step, with the reason."""
        self._cxzy_check("reject")
        reason = self._require(
            reason,
            self.env._(
                "Give the reason for rejecting the nomination: the branch and the "
                "nominee are told of it."
            ),
        )
        return self._cxzy_do(
            "reject",
            lambda nomination: {
                "rejected_state": nomination.state,
                "reject_reason": reason,
                "reject_user_id": self.env.uid,
                "reject_date": self._today(),
            },
            opinion=reason,
        )

    def action_reset_draft(self):
        """A rejected nomination goes back to the branch, which may correct it
        and recommend it again."""
        return self._cxzy_do("reset", RESET_VALUES)

    # ------------------------------------------------------------------
    # The header buttons open the step's wizard for its opinion.
    # ------------------------------------------------------------------
    def _open_step(self, step):
        self._cxzy_check(step)
        if len(self) > 1:
            raise UserError(
                self.env._("Take this step on one nomination at a time here.")
            )
        context = {"default_nomination_id": self.id, "default_step": step}
        if step == "study":
            context["default_publicity_required"] = self.publicity_required
        elif step == "publicity":
            start = self._today()
            days = self.sudo().award_type_id._publicity_minimum()
            days = max(days, self.sudo().award_type_id.publicity_days or 0)
            context["default_publicity_start"] = fields.Date.to_string(start)
            context["default_publicity_end"] = fields.Date.to_string(
                start + timedelta(days=days - 1)
            )
        elif step == "commend":
            context["default_commendation_date"] = fields.Date.to_string(self._today())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(self._cxzy_step(step).label),
            "res_model": "cxzy.nomination.step",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_open_recommend(self):
        return self._open_step("recommend")

    def action_open_study(self):
        return self._open_step("study")

    def action_open_publicity(self):
        return self._open_step("publicity")

    def action_open_objection(self):
        return self._open_step("objection")

    def action_open_handle_objection(self):
        return self._open_step("handle_objection")

    def action_open_decide(self):
        return self._open_step("decide")

    def action_open_commend(self):
        return self._open_step("commend")

    def action_open_reject(self):
        return self._open_step("reject")

    # ------------------------------------------------------------------
    # Reports
    # ------------------------------------------------------------------
    def _certificate_issuer(self):
        """Who confers the honour: the leading Party group of the company
        (室党组), or the company."""
        self.ensure_one()
        leading = (
            self.env["cxzy.party.organization"]
            .sudo()
            .search(
                [
                    ("kind", "=", "leading_group"),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        return leading.name or self.company_id.name

    def _certificate_title(self):
        self.ensure_one()
        award = self.sudo().award_type_id
        return award.certificate_title or award.name

    # The approval form and the certificate are Chinese documents, whatever
    # the reader's language.
    _chinese_date = staticmethod(chinese_date)
