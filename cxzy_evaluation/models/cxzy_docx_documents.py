# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The Word documents of the evaluation addon: the recommendation approval
form (推荐审批表, beside the PDF), the commendation decision (表彰决定) with
its honours list, and the criteria in the campaign's implementation plan."""

from odoo import api, fields, models

from .cxzy_award_quota import DECIDED_STATES


class CxzyDocumentTemplate(models.Model):
    _inherit = "cxzy.document.template"

    kind = fields.Selection(
        selection_add=[
            ("nomination", "Recommendation Approval Form"),
            ("commendation", "Commendation Decision"),
        ],
        ondelete={"nomination": "cascade", "commendation": "cascade"},
    )

    @api.model
    def _cxzy_kinds(self):
        kinds = super()._cxzy_kinds()
        kinds.update(
            {
                "nomination": (
                    "cxzy.nomination",
                    "_cxzy_docx_values",
                    "cxzy_evaluation/data/docx/nomination.docx",
                ),
                "commendation": (
                    "cxzy.campaign",
                    "_cxzy_commendation_docx_values",
                    "cxzy_evaluation/data/docx/commendation.docx",
                ),
            }
        )
        return kinds


class CxzyCampaign(models.Model):
    _inherit = "cxzy.campaign"

    @api.readonly
    def action_download_commendation_docx(self):
        """The button 下载表彰决定: the decision with its honours list."""
        return self._cxzy_docx_action("commendation")

    def _cxzy_docx_values(self):
        """The plan's contents: the 五个好 and 五个模范 criteria."""
        values = super()._cxzy_docx_values()
        Criterion = self.env["cxzy.criterion"]
        if Criterion.has_access("read"):
            criteria = Criterion.search([])
            for target in ("organization", "member"):
                values[f"criteria_{target}"] = [
                    {
                        "ordinal": self._chinese_numeral(index),
                        "name": criterion.name,
                        "description": criterion.description or "",
                    }
                    for index, criterion in enumerate(
                        criteria.filtered(lambda c, t=target: c.target == t), 1
                    )
                ]
        return values

    def _cxzy_commendation_docx_values(self):
        """表彰决定: the decided and commended nominations of the campaign
        that the reader may read, by award, and the honours list."""
        self.ensure_one()
        Nomination = self.env["cxzy.nomination"]
        nominations = Nomination.browse()
        if Nomination.has_access("read"):
            nominations = Nomination.search(
                [("campaign_id", "=", self.id), ("state", "in", DECIDED_STATES)]
            ).sorted(lambda n: (n.award_type_id.sequence, n.award_type_id.id, n.id))
        awards, honourees = [], []
        for nomination in nominations:
            award = nomination.award_type_id
            if not awards or awards[-1]["id"] != award.id:
                awards.append(
                    {
                        "id": award.id,
                        "ordinal": self._chinese_numeral(len(awards) + 1),
                        "name": award.name,
                        "list": [],
                    }
                )
            name = nomination._cxzy_nominee_name()
            awards[-1]["list"].append(name)
            honourees.append(
                {
                    "number": len(honourees) + 1,
                    "award": award.name,
                    "name": name,
                    "branch": nomination.branch_id.name or "",
                }
            )
        for award in awards:
            award["names"] = "、".join(award["list"])
            award["count"] = len(award["list"])
        decided = [date for date in nominations.mapped("decide_date") if date]
        decision_date = max(decided) if decided else fields.Date.context_today(self)
        return {
            "name": self.name,
            "campaign": self.name,
            "title": f"关于表彰{self.name}先进集体和先进个人的决定",
            "awards": awards,
            "honourees": honourees,
            "honouree_count": len(honourees),
            "issuer_name": self.company_id.name or "",
            "decision_date": self._chinese_date(decision_date),
            "decision_date_upper": self._chinese_date_upper(decision_date),
        }


class CxzyNomination(models.Model):
    _name = "cxzy.nomination"
    _inherit = ["cxzy.nomination", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "nomination"

    def _cxzy_nominee_name(self):
        self.ensure_one()
        if self.subject_type == "organization":
            return self.organization_id.name or ""
        return self.member_id.name or ""

    def _cxzy_docx_values(self):
        """推荐审批表: the nominee, the deeds, the branch's recommendation and
        each level's opinion, who gave it and when."""
        self.ensure_one()
        is_member = self.subject_type != "organization"
        return {
            "name": self.name,
            "campaign": self.campaign_id.name or "",
            "award": self.award_type_id.name or "",
            "is_member": is_member,
            "nominee": self._cxzy_nominee_name(),
            "branch": self.branch_id.name or "",
            "job_title": (self.member_id.job_title or "") if is_member else "",
            "join_date": self._chinese_date(self.member_id.join_date)
            if is_member
            else "",
            "deeds": self._html_paragraphs(self.deeds),
            "meeting_date": self._chinese_date(self.meeting_date),
            "voters_entitled": self.voters_entitled,
            "voters_present": self.voters_present,
            "votes_favour": self.votes_favour,
            "recommend_opinion": self.recommend_opinion or "",
            "recommend_user": self.recommend_user_id.name or "",
            "recommend_date": self._chinese_date(self.recommend_date),
            "study_opinion": self.study_opinion or "",
            "study_user": self.study_user_id.name or "",
            "study_date": self._chinese_date(self.study_date),
            "decide_opinion": self.decide_opinion or "",
            "decide_user": self.decide_user_id.name or "",
            "decide_date": self._chinese_date(self.decide_date),
            "state": self._selection_label(self, "state"),
        }
