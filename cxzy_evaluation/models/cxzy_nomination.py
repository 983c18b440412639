# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, is_html_empty

from odoo.addons.cxzy_campaign.models.cxzy_duty_report import (
    RATINGS as DUTY_RATINGS,
)
from odoo.addons.cxzy_campaign.models.cxzy_pledge import RATINGS as PLEDGE_RATINGS

from .cxzy_award_quota import DECIDED_STATES
from .cxzy_member_appraisal import GRADES
from .cxzy_org_assessment import TIERS

#: The plan's order: 支部民主推荐 → 机关党委研究 → (公示) → 室党组决定 → 表彰.
NOMINATION_STATES = [
    ("draft", "Draft"),
    ("recommended", "Recommended"),
    ("studied", "Studied"),
    ("publicity", "Publicity"),
    ("decided", "Decided"),
    ("commended", "Commended"),
    ("rejected", "Rejected"),
]
#: What the branch records and proposes: changed in draft only, never once
#: decided.
SUBSTANTIVE_FIELDS = {
    "campaign_id",
    "award_type_id",
    "member_id",
    "organization_id",
    "deeds",
    "meeting_date",
    "voters_entitled",
    "voters_present",
    "votes_favour",
}
#: Written by the steps (action_*) only.
STEP_FIELDS = {
    "state",
    "publicity_required",
    "recommend_opinion",
    "recommend_user_id",
    "recommend_date",
    "study_opinion",
    "study_user_id",
    "study_date",
    "publicity_start",
    "publicity_end",
    "publicity_objection",
    "publicity_user_id",
    "decide_opinion",
    "decide_user_id",
    "decide_date",
    "commendation_date",
    "certificate_number",
    "commend_user_id",
    "reject_reason",
    "rejected_state",
    "reject_user_id",
    "reject_date",
}
#: Set by the steps in their own write.
STEP_CONTEXT = "cxzy_nomination_step"

GROUP_SECRETARY = "cxzy_campaign.group_cxzy_secretary"
GROUP_COMMITTEE = "cxzy_campaign.group_cxzy_committee"
GROUP_LEADING = "cxzy_campaign.group_cxzy_leading"
GROUP_OFFICE = "cxzy_campaign.group_cxzy_office"


class CxzyNomination(models.Model):
    """A nomination for an honour (表彰): the branch's democratic
    recommendation, the committee's study, the publicity, the leading group's
    decision and the commendation, each with its opinion, who and when."""

    _name = "cxzy.nomination"
    _description = "Nomination"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.campaign.bound.mixin"]
    _order = "campaign_id desc, award_type_id, state, name, id"
    _check_company_auto = True
    # Whoever may read a nomination may discuss it; the steps write as the
    # system after their own checks.
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True, index=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_template', '=', False)]",
        default=lambda self: self._default_campaign_id(),
        tracking=True,
    )
    award_type_id = fields.Many2one(
        "cxzy.award.type",
        string="Award",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    subject_type = fields.Selection(
        related="award_type_id.subject_type", store=True, precompute=True
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
        tracking=True,
    )
    nominee_user_id = fields.Many2one(
        related="member_id.user_id", string="Nominee's User"
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        string="Nominee's Branch",
        compute="_compute_branch_id",
        store=True,
        index=True,
        precompute=True,
        help="The branch that recommends the nominee: the member's branch, or "
        "the nominated branch itself, when the nomination was made.",
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
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
    state = fields.Selection(
        NOMINATION_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    # One opinion per level, with who and when.
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
    publicity_start = fields.Date(readonly=True, copy=False, tracking=True)
    publicity_end = fields.Date(readonly=True, copy=False, tracking=True)
    publicity_objection = fields.Text(
        string="Objections", readonly=True, copy=False, tracking=True
    )
    publicity_user_id = fields.Many2one(
        "res.users", string="Published by", readonly=True, copy=False
    )
    decide_opinion = fields.Text(
        string="Leading Group's Decision", readonly=True, copy=False
    )
    decide_user_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    decide_date = fields.Date(string="Decided On", readonly=True, copy=False)
    commendation_date = fields.Date(readonly=True, copy=False, tracking=True)
    certificate_number = fields.Char(readonly=True, copy=False, tracking=True)
    commend_user_id = fields.Many2one(
        "res.users", string="Commended by", readonly=True, copy=False
    )
    reject_reason = fields.Text(
        string="Reason for Rejection", readonly=True, copy=False, tracking=True
    )
    rejected_state = fields.Selection(
        NOMINATION_STATES, string="Rejected at", readonly=True, copy=False
    )
    reject_user_id = fields.Many2one(
        "res.users", string="Rejected by", readonly=True, copy=False
    )
    reject_date = fields.Date(string="Rejected On", readonly=True, copy=False)
    can_reject = fields.Boolean(compute="_compute_can_reject")
    active = fields.Boolean(default=True, tracking=True)

    # The dossier (材料), gathered from the records of the campaign.
    pledge_rating = fields.Selection(
        PLEDGE_RATINGS,
        compute="_compute_dossier",
        help="The rating of the nominee's pledge (承诺) in the campaign.",
    )
    dossier_period_id = fields.Many2one(
        "cxzy.assessment.period",
        string="Latest Confirmed Period",
        compute="_compute_dossier",
    )
    dossier_tier = fields.Selection(TIERS, string="Tier", compute="_compute_dossier")
    dossier_five_goods = fields.Boolean(string="Five Goods", compute="_compute_dossier")
    dossier_grade = fields.Selection(GRADES, string="Grade", compute="_compute_dossier")
    dossier_five_models = fields.Boolean(
        string="Five Models", compute="_compute_dossier"
    )
    dossier_total = fields.Float(
        string="Score", digits=(5, 2), compute="_compute_dossier"
    )
    demonstration_post = fields.Char(
        compute="_compute_dossier",
        help="The member's confirmed demonstration post (党员示范岗) in the campaign.",
    )
    duty_rating = fields.Selection(
        DUTY_RATINGS,
        string="Duty Report Rating",
        compute="_compute_dossier",
        help="The committee's rating of the branch secretary's duty report "
        "(述职): the nominated branch's, or the nominee's as a secretary.",
    )
    earlier_commendations = fields.Text(
        compute="_compute_dossier",
        help="Honours decided for the nominee in earlier campaigns.",
    )
    earlier_commendation_count = fields.Integer(compute="_compute_dossier")

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
    # Defaults and computes
    # ------------------------------------------------------------------
    def _nominee(self):
        self.ensure_one()
        return self.member_id if self.subject_type == "member" else self.organization_id

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

    @api.depends("state", "branch_id")
    @api.depends_context("uid")
    def _compute_can_reject(self):
        for nomination in self:
            nomination.can_reject = nomination._may("reject")

    @api.onchange("award_type_id")
    def _onchange_award_type_id(self):
        if self.award_type_id.subject_type == "member":
            self.organization_id = False
        elif self.award_type_id.subject_type == "organization":
            self.member_id = False

    # ------------------------------------------------------------------
    # The dossier, gathered in batch: one query per source for all records.
    # ------------------------------------------------------------------
    @api.depends("campaign_id", "member_id", "organization_id", "subject_type")
    def _compute_dossier(self):
        records = self.sudo()
        campaigns = records.campaign_id
        members = records.member_id
        organizations = records.organization_id
        pledges = self._dossier_pledges(campaigns, members, organizations)
        evaluations = self._dossier_evaluations(campaigns, members, organizations)
        posts = self._dossier_posts(campaigns, members)
        duties = self._dossier_duty_ratings(campaigns, members, organizations)
        earlier = self._dossier_earlier(members, organizations)
        for nomination in self:
            record = nomination.sudo()
            campaign = record.campaign_id
            if record.subject_type == "member":
                key = ("member", record.member_id.id)
            else:
                key = ("organization", record.organization_id.id)
            nomination.pledge_rating = pledges.get((campaign.id, *key), False)
            evaluation = evaluations.get((campaign.id, *key))
            nomination.dossier_period_id = evaluation.period_id if evaluation else False
            nomination.dossier_total = evaluation.total if evaluation else 0.0
            is_org = key[0] == "organization"
            nomination.dossier_tier = (
                evaluation.tier if evaluation and is_org else False
            )
            nomination.dossier_five_goods = bool(
                evaluation and is_org and evaluation.five_goods
            )
            nomination.dossier_grade = (
                evaluation.grade if evaluation and not is_org else False
            )
            nomination.dossier_five_models = bool(
                evaluation and not is_org and evaluation.five_models
            )
            nomination.demonstration_post = (
                posts.get((campaign.id, key[1]), False) if not is_org else False
            )
            nomination.duty_rating = duties.get((campaign.id, *key), False)
            honours = [
                other
                for other in (earlier.get(key, []) if campaign else [])
                if other.campaign_id != campaign
                and other.campaign_id.date_start < campaign.date_start
            ]
            nomination.earlier_commendation_count = len(honours)
            nomination.earlier_commendations = (
                "\n".join(
                    self.env._(
                        "%(campaign)s: %(award)s",
                        campaign=other.campaign_id.name,
                        award=other.award_type_id.name,
                    )
                    + (
                        f" ({other.certificate_number})"
                        if other.certificate_number
                        else ""
                    )
                    for other in honours
                )
                or False
            )

    def _dossier_pledges(self, campaigns, members, organizations):
        if not campaigns:
            return {}
        pledges = (
            self.env["cxzy.pledge"]
            .sudo()
            .search_fetch(
                [
                    ("campaign_id", "in", campaigns.ids),
                    "|",
                    ("member_id", "in", members.ids),
                    ("organization_id", "in", organizations.ids),
                ],
                ["campaign_id", "subject_type", "member_id", "organization_id"]
                + ["assessment_rating"],
            )
        )
        return {
            (
                pledge.campaign_id.id,
                pledge.subject_type,
                (pledge.member_id or pledge.organization_id).id,
            ): pledge.assessment_rating
            for pledge in pledges
        }

    def _dossier_evaluations(self, campaigns, members, organizations):
        """The confirmed assessment or appraisal of each nominee in the
        latest period of the campaign."""
        result = {}
        sources = (
            (
                "cxzy.org.assessment",
                "organization",
                organizations,
                "organization_id",
                ["tier", "five_goods"],
            ),
            (
                "cxzy.member.appraisal",
                "member",
                members,
                "member_id",
                ["grade", "five_models"],
            ),
        )
        for model, kind, subjects, field, results in sources:
            if not subjects or not campaigns:
                continue
            found = (
                self.env[model]
                .sudo()
                .search_fetch(
                    [
                        ("campaign_id", "in", campaigns.ids),
                        (field, "in", subjects.ids),
                        ("state", "=", "confirmed"),
                    ],
                    ["campaign_id", "period_id", field, "total", *results],
                )
            )
            # Prefetch the periods' dates and the results in one query each.
            found.period_id.mapped("date_end")
            for evaluation in found.sorted(
                lambda e: (e.period_id.date_end, e.period_id.id)
            ):
                result[(evaluation.campaign_id.id, kind, evaluation[field].id)] = (
                    evaluation
                )
        return result

    def _dossier_posts(self, campaigns, members):
        if not members or not campaigns:
            return {}
        posts = (
            self.env["cxzy.demonstration.post"]
            .sudo()
            .search_fetch(
                [
                    ("campaign_id", "in", campaigns.ids),
                    ("member_id", "in", members.ids),
                    ("state", "=", "confirmed"),
                ],
                ["campaign_id", "member_id", "title"],
            )
        )
        return {(post.campaign_id.id, post.member_id.id): post.title for post in posts}

    def _dossier_duty_ratings(self, campaigns, members, organizations):
        if not campaigns or not (members or organizations):
            return {}
        reports = (
            self.env["cxzy.duty.report"]
            .sudo()
            .search_fetch(
                [
                    ("campaign_id", "in", campaigns.ids),
                    ("state", "=", "rated"),
                    "|",
                    ("organization_id", "in", organizations.ids),
                    ("secretary_id", "in", members.ids),
                ],
                ["campaign_id", "organization_id", "secretary_id", "rating"],
            )
        )
        result = {}
        for report in reports:
            campaign = report.campaign_id.id
            result[(campaign, "organization", report.organization_id.id)] = (
                report.rating
            )
            if report.secretary_id:
                result[(campaign, "member", report.secretary_id.id)] = report.rating
        return result

    def _dossier_earlier(self, members, organizations):
        if not (members or organizations):
            return {}
        honours = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("state", "in", DECIDED_STATES),
                    "|",
                    ("member_id", "in", members.ids),
                    ("organization_id", "in", organizations.ids),
                ],
                ["campaign_id", "award_type_id", "subject_type", "member_id"]
                + ["organization_id", "certificate_number"],
            )
        )
        honours.campaign_id.mapped("date_start")
        honours.award_type_id.mapped("name")
        result = defaultdict(list)
        for honour in honours.sorted(lambda h: (h.campaign_id.date_start, h.id)):
            if honour.subject_type == "member":
                result[("member", honour.member_id.id)].append(honour)
            else:
                result[("organization", honour.organization_id.id)].append(honour)
        return result

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
        refused, not the record.)"""
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
            campaign_id, award_id, member_id, organization_id = duplicate
            nominee = (
                self.env["cxzy.party.member"].browse(member_id)
                if member_id
                else self.env["cxzy.party.organization"].browse(organization_id)
            )
            raise ValidationError(
                self.env._(
                    "%(nominee)s is already nominated for %(award)s in %(campaign)s: "
                    "there is one nomination per nominee, award and campaign.",
                    nominee=nominee.sudo().name,
                    award=self.env["cxzy.award.type"].sudo().browse(award_id).name,
                    campaign=self.env["cxzy.campaign"].sudo().browse(campaign_id).name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _mail_fields(self):
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                locked = STEP_FIELDS & set(vals)
                if locked:
                    raise UserError(self._step_fields_error(locked))
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
        self._check_nominee_free(
            [
                (
                    vals.get("campaign_id", defaults.get("campaign_id")),
                    vals.get("award_type_id"),
                    vals.get("member_id"),
                    vals.get("organization_id"),
                )
                for vals in vals_list
            ]
        )
        nominations = super().create(vals_list)
        return nominations

    def write(self, vals):
        fields_set = set(vals) - self._mail_fields()
        if fields_set and not self.env.context.get(STEP_CONTEXT):
            self._check_write(fields_set)
        if fields_set & {
            "campaign_id",
            "award_type_id",
            "member_id",
            "organization_id",
        }:
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

    def _check_write(self, fields_set):
        """Outside the steps: the branch edits a draft; a decided or commended
        nomination is on record and changes for nobody (archive it instead)."""
        decided = self.filtered(lambda n: n.state in DECIDED_STATES)
        if decided and fields_set & (SUBSTANTIVE_FIELDS | STEP_FIELDS):
            raise UserError(
                self.env._(
                    "%(nomination)s has been decided by the leading group: it is on "
                    "record and can no longer be changed. Archive it if it must be "
                    "withdrawn.",
                    nomination=decided[0].name,
                )
            )
        if self.env.su:
            return
        self.check_access("write")
        if decided and "active" in fields_set and not self._is_office():
            raise UserError(
                self.env._(
                    "Only the campaign office archives a decided nomination "
                    "(%(nomination)s).",
                    nomination=decided[0].name,
                )
            )
        if fields_set & STEP_FIELDS:
            raise UserError(self._step_fields_error(fields_set & STEP_FIELDS))
        started = self.filtered(lambda n: n.state != "draft")
        if started and fields_set & SUBSTANTIVE_FIELDS:
            raise UserError(
                self.env._(
                    "%(nomination)s is %(state)s: only a draft can be changed. "
                    "The nominee, the deeds and the recommendation meeting are "
                    "those the branch recommended.",
                    nomination=started[0].name,
                    state=started[0]._state_label(),
                )
            )

    def _step_fields_error(self, names):
        return self.env._(
            "%(fields)s of a nomination change only through its buttons "
            "(recommend, study, publicity, decide, commend, reject).",
            fields=", ".join(
                self._fields[name].get_description(self.env)["string"]
                for name in sorted(names)
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_under_way(self):
        for nomination in self:
            if nomination.state in DECIDED_STATES:
                raise UserError(
                    self.env._(
                        "%(nomination)s has been decided by the leading group and "
                        "cannot be deleted: archive it instead.",
                        nomination=nomination.name,
                    )
                )
            if nomination.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._(
                        "%(nomination)s is under way (%(state)s) and cannot be "
                        "deleted: reject it with a reason instead.",
                        nomination=nomination.name,
                        state=nomination._state_label(),
                    )
                )

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _in_group(self, xmlid):
        return self.env.su or self.env.user.has_group(xmlid)

    def _is_office(self):
        return self._in_group(GROUP_OFFICE)

    def _is_nominee(self):
        self.ensure_one()
        member = self.sudo().member_id
        return bool(member.user_id) and member.user_id == self.env.user

    def _is_branch_secretary(self):
        """A secretary or deputy secretary of the nominee's branch or of an
        organisation above it."""
        self.ensure_one()
        return self._in_group(GROUP_SECRETARY) and (
            self.env.su or self.env.user in self.sudo().branch_id.manager_user_ids
        )

    def _may(self, step):
        """Whether the current user may take ``step`` on the nomination in its
        current state (the state itself is checked by ``_check_step``)."""
        self.ensure_one()
        if self.env.su:
            return True
        if self._is_nominee():
            return False
        office = self._is_office()
        committee = self._in_group(GROUP_COMMITTEE)
        leading = self._in_group(GROUP_LEADING)
        if step in ("recommend", "reset"):
            return office or self._is_branch_secretary()
        if step in ("study", "publicity", "objection"):
            return committee
        if step in ("decide", "commend"):
            return leading
        if step == "reject":
            if self.state == "draft":
                return office or self._is_branch_secretary()
            if self.state == "recommended":
                return committee
            if self.state in ("studied", "publicity"):
                return committee or leading
        return False

    #: The states a step starts from.
    _STEP_FROM = {
        "recommend": ("draft",),
        "study": ("recommended",),
        "publicity": ("studied",),
        "objection": ("publicity",),
        "decide": ("studied", "publicity"),
        "commend": ("decided",),
        "reject": ("draft", "recommended", "studied", "publicity"),
        "reset": ("rejected",),
    }

    def _step_label(self, step):
        return {
            "recommend": self.env._("recommended"),
            "study": self.env._("studied"),
            "publicity": self.env._("made public"),
            "objection": self.env._("given an objection"),
            "decide": self.env._("decided"),
            "commend": self.env._("commended"),
            "reject": self.env._("rejected"),
            "reset": self.env._("reset to draft"),
        }[step]

    def _role_error(self, step):
        self.ensure_one()
        if self._is_nominee():
            return self.env._(
                "You are the nominee of %(nomination)s: you take no step on your "
                "own nomination.",
                nomination=self.name,
            )
        who = {
            "recommend": self.env._(
                "the secretaries of %(branch)s", branch=self.sudo().branch_id.name
            ),
            "reset": self.env._(
                "the secretaries of %(branch)s", branch=self.sudo().branch_id.name
            ),
            "study": self.env._("the agency Party committee"),
            "publicity": self.env._("the agency Party committee"),
            "objection": self.env._("the agency Party committee"),
            "decide": self.env._("the leading group"),
            "commend": self.env._("the leading group"),
            "reject": self.env._("the level the nomination is before"),
        }[step]
        return self.env._(
            "%(nomination)s can be %(step)s only by %(who)s or the campaign office.",
            nomination=self.name,
            step=self._step_label(step),
            who=who,
        )

    def _check_step(self, step):
        """The user may read the nominations, they are in a state the step
        starts from and the user's role takes the step."""
        self.check_access("read")
        for nomination in self:
            if nomination.state not in self._STEP_FROM[step]:
                raise UserError(
                    self.env._(
                        "%(nomination)s is %(state)s: it cannot be %(step)s now.",
                        nomination=nomination.name,
                        state=nomination._state_label(),
                        step=self._step_label(step),
                    )
                )
            if not nomination._may(step):
                raise AccessError(nomination._role_error(step))

    def _lock(self):
        """Take the nominations' rows for this transaction, or refuse at once
        when someone else is taking a step on one of them."""
        if not self:
            return
        self.check_access("read")
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
                    nomination=", ".join(self.sudo().mapped("name")),
                )
            ) from None
        # Read the state as it is now that the rows are ours.
        self.invalidate_recordset(["state"])

    def _transition(self, vals, body):
        """Write the step as the system once its checks have passed, and say
        in the chatter who took it and when."""
        for nomination in self:
            nomination.sudo().with_context(**{STEP_CONTEXT: True}).write(vals)
            nomination.sudo().message_post(
                body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note"
            )
        return True

    def _today(self):
        return fields.Date.context_today(self)

    def _says(self, what, opinion=None):
        """A chatter line: the step, who took it and on which day, and the
        opinion given."""
        values = {
            "step": what,
            "user": self.env.user.name,
            "date": fields.Date.to_string(self._today()),
        }
        if opinion:
            return self.env._(
                "%(step)s (%(user)s, %(date)s): %(opinion)s", opinion=opinion, **values
            )
        return self.env._("%(step)s (%(user)s, %(date)s).", **values)

    @staticmethod
    def _clean(text):
        return (text or "").strip()

    def _require(self, text, message):
        text = self._clean(text)
        if not text:
            raise UserError(message)
        return text

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_recommend(self, opinion=None):
        """支部民主推荐: the branch's secretary records the meeting's valid
        recommendation with the branch's opinion."""
        self._lock()
        self._check_step("recommend")
        opinion = self._require(
            opinion, self.env._("Give the branch's opinion on the nominee.")
        )
        for nomination in self:
            record = nomination.sudo()
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
        return self._transition(
            {
                "state": "recommended",
                "recommend_opinion": opinion,
                "recommend_user_id": self.env.uid,
                "recommend_date": self._today(),
                "reject_reason": False,
                "rejected_state": False,
                "reject_user_id": False,
                "reject_date": False,
            },
            self._says(self.env._("Recommended by the branch"), opinion),
        )

    def action_study(self, opinion=None, publicity_required=None):
        """机关党委研究: the committee's opinion; it may waive the publicity."""
        self._lock()
        self._check_step("study")
        opinion = self._require(
            opinion, self.env._("Give the committee's opinion on the nomination.")
        )
        vals = {
            "state": "studied",
            "study_opinion": opinion,
            "study_user_id": self.env.uid,
            "study_date": self._today(),
        }
        if publicity_required is not None:
            vals["publicity_required"] = bool(publicity_required)
        return self._transition(
            vals, self._says(self.env._("Studied by the committee"), opinion)
        )

    def action_start_publicity(self, date_start=None, date_end=None):
        """公示: the committee makes the nomination public for a period."""
        self._lock()
        self._check_step("publicity")
        not_required = self.filtered(lambda n: not n.publicity_required)
        if not_required:
            raise UserError(
                self.env._(
                    "The publicity of %(nomination)s has been waived: the leading "
                    "group decides it directly.",
                    nomination=not_required[0].name,
                )
            )
        date_start = fields.Date.to_date(date_start) or self._today()
        date_end = fields.Date.to_date(date_end)
        if not date_end or date_end < date_start:
            raise UserError(
                self.env._(
                    "The publicity needs an end date on or after its start "
                    "(%(start)s).",
                    start=fields.Date.to_string(date_start),
                )
            )
        return self._transition(
            {
                "state": "publicity",
                "publicity_start": date_start,
                "publicity_end": date_end,
                "publicity_user_id": self.env.uid,
            },
            self._says(
                self.env._(
                    "Made public from %(start)s to %(end)s",
                    start=fields.Date.to_string(date_start),
                    end=fields.Date.to_string(date_end),
                )
            ),
        )

    def action_note_objection(self, note=None):
        """An objection raised during the publicity, noted for the leading
        group."""
        self._lock()
        self._check_step("objection")
        note = self._require(note, self.env._("Write down the objection."))
        for nomination in self:
            line = self.env._(
                "%(date)s, noted by %(user)s: %(note)s",
                date=fields.Date.to_string(self._today()),
                user=self.env.user.name,
                note=note,
            )
            previous = nomination.sudo().publicity_objection
            nomination._transition(
                {"publicity_objection": f"{previous}\n{line}" if previous else line},
                self._says(self.env._("Objection noted"), note),
            )
        return True

    def action_decide(self, opinion=None):
        """室党组决定: the leading group decides, within the award's quota."""
        self._lock()
        self._check_step("decide")
        opinion = self._require(
            opinion, self.env._("Give the leading group's decision.")
        )
        today = self._today()
        for nomination in self:
            if nomination.state == "studied" and nomination.publicity_required:
                raise UserError(
                    self.env._(
                        "%(nomination)s must be made public before the leading "
                        "group decides it.",
                        nomination=nomination.name,
                    )
                )
            if nomination.state == "publicity" and nomination.publicity_end >= today:
                raise UserError(
                    self.env._(
                        "The publicity of %(nomination)s runs until %(end)s: the "
                        "leading group decides once it is over.",
                        nomination=nomination.name,
                        end=fields.Date.to_string(nomination.publicity_end),
                    )
                )
        self._check_quota()
        return self._transition(
            {
                "state": "decided",
                "decide_opinion": opinion,
                "decide_user_id": self.env.uid,
                "decide_date": today,
            },
            self._says(self.env._("Decided by the leading group"), opinion),
        )

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
        for nomination in self:
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

    def action_commend(self, commendation_date=None, certificate_number=None):
        """表彰: the honour is conferred, with its certificate."""
        self._lock()
        self._check_step("commend")
        commendation_date = fields.Date.to_date(commendation_date) or self._today()
        number = self._clean(certificate_number)
        if number and len(self) > 1:
            raise UserError(
                self.env._("Give the certificate numbers one nomination at a time.")
            )
        for nomination in self:
            if nomination.decide_date and commendation_date < nomination.decide_date:
                raise UserError(
                    self.env._(
                        "%(nomination)s was decided on %(decided)s: it cannot be "
                        "commended before.",
                        nomination=nomination.name,
                        decided=fields.Date.to_string(nomination.decide_date),
                    )
                )
            certificate = number or self.env["ir.sequence"].sudo().next_by_code(
                "cxzy.nomination.certificate", sequence_date=commendation_date
            )
            taken = (
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [
                        ("company_id", "=", nomination.company_id.id),
                        ("certificate_number", "=", certificate),
                        ("id", "!=", nomination.id),
                    ],
                    limit=1,
                )
            )
            if taken:
                raise UserError(
                    self.env._(
                        "The certificate number %(number)s has already been given.",
                        number=certificate,
                    )
                )
            nomination._transition(
                {
                    "state": "commended",
                    "commendation_date": commendation_date,
                    "certificate_number": certificate,
                    "commend_user_id": self.env.uid,
                },
                self._says(
                    self.env._(
                        "Commended with certificate %(number)s",
                        number=certificate,
                    )
                ),
            )
        return True

    def action_reject(self, reason=None):
        """Rejected at the current step, with the reason."""
        self._lock()
        self._check_step("reject")
        reason = self._require(
            reason,
            self.env._(
                "Give the reason for rejecting the nomination: the branch and the "
                "nominee are told of it."
            ),
        )
        for nomination in self:
            nomination._transition(
                {
                    "state": "rejected",
                    "rejected_state": nomination.state,
                    "reject_reason": reason,
                    "reject_user_id": self.env.uid,
                    "reject_date": self._today(),
                },
                self._says(
                    self.env._(
                        "Rejected at the step %(state)s",
                        state=nomination._state_label(),
                    ),
                    reason,
                ),
            )
        return True

    def action_reset_draft(self):
        """A rejected nomination goes back to the branch, which may correct it
        and recommend it again."""
        self._lock()
        self._check_step("reset")
        return self._transition(
            {
                "state": "draft",
                "recommend_opinion": False,
                "recommend_user_id": False,
                "recommend_date": False,
                "study_opinion": False,
                "study_user_id": False,
                "study_date": False,
                "publicity_start": False,
                "publicity_end": False,
                "publicity_objection": False,
                "publicity_user_id": False,
            },
            self._says(self.env._("Reset to draft")),
        )

    # ------------------------------------------------------------------
    # The header buttons open the step's wizard for its opinion.
    # ------------------------------------------------------------------
    def _open_step(self, step, title):
        self.ensure_one()
        self._check_step(step)
        context = {"default_nomination_id": self.id, "default_step": step}
        if step == "study":
            context["default_publicity_required"] = self.publicity_required
        elif step == "publicity":
            start = self._today()
            context["default_publicity_start"] = fields.Date.to_string(start)
            context["default_publicity_end"] = fields.Date.to_string(
                start + timedelta(days=self.award_type_id.publicity_days)
            )
        elif step == "commend":
            context["default_commendation_date"] = fields.Date.to_string(self._today())
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "cxzy.nomination.step",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_open_recommend(self):
        return self._open_step("recommend", self.env._("Recommend"))

    def action_open_study(self):
        return self._open_step("study", self.env._("Study"))

    def action_open_publicity(self):
        return self._open_step("publicity", self.env._("Publicity"))

    def action_open_objection(self):
        return self._open_step("objection", self.env._("Note an Objection"))

    def action_open_decide(self):
        return self._open_step("decide", self.env._("Decide"))

    def action_open_commend(self):
        return self._open_step("commend", self.env._("Commend"))

    def action_open_reject(self):
        return self._open_step("reject", self.env._("Reject"))

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

    @staticmethod
    def _chinese_date(date):
        return f"{date.year}年{date.month}月{date.day}日" if date else ""
