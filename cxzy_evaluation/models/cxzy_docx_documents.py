# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The Word documents of the evaluation addon: the recommendation approval
form (推荐审批表, beside the PDF), the commendation decision (表彰决定) with
its honours list, and the criteria in the campaign's implementation plan."""

from odoo import api, fields, models


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
