# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.cxzy_campaign.models.cxzy_duty_report import (
    RATINGS as DUTY_RATINGS,
)
from odoo.addons.cxzy_campaign.models.cxzy_pledge import RATINGS as PLEDGE_RATINGS

from .cxzy_award_quota import DECIDED_STATES
from .cxzy_member_appraisal import GRADES
from .cxzy_org_assessment import TIERS

#: Who reads every dossier; the secretaries read those of their branches.
READERS = (
    "cxzy_campaign.group_cxzy_committee",
    "cxzy_campaign.group_cxzy_leading",
    "cxzy_campaign.group_cxzy_office",
)
#: What anyone else gets: nothing.
EMPTY_DOSSIER = {
    "pledge_rating": False,
    "dossier_period_id": False,
    "dossier_tier": False,
    "dossier_five_goods": False,
    "dossier_grade": False,
    "dossier_five_models": False,
    "dossier_total": 0.0,
    "demonstration_post": False,
    "duty_rating": False,
    "earlier_commendations": False,
    "earlier_commendation_count": 0,
}


class CxzyNominationDossier(models.AbstractModel):
    """The dossier (材料) of a nominee, gathered from the records of the
    campaign: the pledge's rating, the latest confirmed assessment or
    appraisal (grade or tier, total), the demonstration post, the duty
    report's rating and the honours of earlier campaigns.

    Its values are computed as the reader (``compute_sudo=False``): the
    committee, the leading group, the office and the secretaries of the
    nominee's branch read them; anyone else who may read the record (every
    member reads a commended nomination: the honour is public) gets empty
    values, not the nominee's grades and ratings."""

    _name = "cxzy.nomination.dossier"
    _description = "Nominee's Dossier"
    _inherit = ["cxzy.subject.mixin", "cxzy.campaign.bound.mixin"]

    pledge_rating = fields.Selection(
        PLEDGE_RATINGS,
        compute="_compute_dossier",
        compute_sudo=False,
        help="The rating of the nominee's pledge (承诺) in the campaign.",
    )
    dossier_period_id = fields.Many2one(
        "cxzy.assessment.period",
        string="Latest Confirmed Period",
        compute="_compute_dossier",
        compute_sudo=False,
    )
    dossier_tier = fields.Selection(
        TIERS, string="Tier", compute="_compute_dossier", compute_sudo=False
    )
    dossier_five_goods = fields.Boolean(
        string="Five Goods", compute="_compute_dossier", compute_sudo=False
    )
    dossier_grade = fields.Selection(
        GRADES, string="Grade", compute="_compute_dossier", compute_sudo=False
    )
    dossier_five_models = fields.Boolean(
        string="Five Models", compute="_compute_dossier", compute_sudo=False
    )
    dossier_total = fields.Float(
        string="Score",
        digits=(5, 2),
        compute="_compute_dossier",
        compute_sudo=False,
    )
    demonstration_post = fields.Char(
        compute="_compute_dossier",
        compute_sudo=False,
        help="The member's confirmed demonstration post (党员示范岗) in the campaign.",
    )
    duty_rating = fields.Selection(
        DUTY_RATINGS,
        string="Duty Report Rating",
        compute="_compute_dossier",
        compute_sudo=False,
        help="The committee's rating of the branch secretary's duty report "
        "(述职): the nominated branch's, or the nominee's as a secretary.",
    )
    earlier_commendations = fields.Text(
        compute="_compute_dossier",
        compute_sudo=False,
        help="Honours decided for the nominee in earlier campaigns.",
    )
    earlier_commendation_count = fields.Integer(
        compute="_compute_dossier", compute_sudo=False
    )

    # ------------------------------------------------------------------
    # The dossier, gathered in batch: one query per source for all records.
    # ------------------------------------------------------------------
    @api.depends(
        "campaign_id", "member_id", "organization_id", "subject_type", "branch_id"
    )
    @api.depends_context("uid")
    def _compute_dossier(self):
        readable = self._dossier_readable()
        for nomination in self - readable:
            nomination.update(EMPTY_DOSSIER)
        if readable:
            readable._compute_dossier_values()

    def _dossier_readable(self):
        """The records whose dossier the current user may read: all of them
        for the committee, the leading group and the office; those of their
        branches for its secretaries (and those above them); none for
        anyone else, whatever else of the record they may read."""
        if self.env.su or any(self.env.user.has_group(xmlid) for xmlid in READERS):
            return self
        uid = self.env.uid
        return self.filtered(lambda r: uid in r.sudo().branch_id.manager_user_ids.ids)

    def _compute_dossier_values(self):
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
            self.env["cxzy.nomination"]
            .sudo()
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
