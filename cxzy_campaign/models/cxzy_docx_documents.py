# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The values of each Word document (下载 Word) of the campaign addon: one
small extension per model, kept together so that the documents read as one
set (see ``cxzy.docx.mixin`` and ``cxzy.document.template``)."""

from odoo import api, fields, models


def _dates(record, start, end):
    """A date window as the body of a document prints it."""
    return {
        "date_start": record._chinese_date(start),
        "date_end": record._chinese_date(end),
        "date_start_upper": record._chinese_date_upper(start),
        "date_end_upper": record._chinese_date_upper(end),
    }


class CxzyCampaign(models.Model):
    _name = "cxzy.campaign"
    _inherit = ["cxzy.campaign", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "campaign_plan"

    @api.readonly
    def action_download_summary_docx(self):
        """The button 下载总结 (Word): the campaign's overall summary."""
        return self._cxzy_docx_action("campaign_summary")

    def _cxzy_docx_values(self):
        """实施方案: aims, contents (criteria, added by the evaluation addon),
        phases with their dates and tasks, and the leading group."""
        self.ensure_one()
        phases = []
        for number, phase in enumerate(self.phase_ids.sorted("sequence"), 1):
            tasks = [
                {
                    "number": index,
                    "ordinal": self._chinese_numeral(index),
                    "name": task.name,
                    "kind": self._selection_label(task, "kind"),
                    "description": task.description or "",
                    "deadline": self._chinese_date(task.deadline),
                    "organizations": "、".join(task.organization_ids.mapped("name")),
                }
                for index, task in enumerate(phase.task_ids.sorted("sequence"), 1)
            ]
            phases.append(
                {
                    "number": number,
                    "ordinal": self._chinese_numeral(number),
                    "name": phase.name,
                    "description": self._text_paragraphs(phase.description),
                    "tasks": tasks,
                    **_dates(self, phase.date_start, phase.date_end),
                }
            )
        roster = {"leading_group": [], "office": []}
        for line in self.roster_ids.sorted(lambda line: (line.sequence, line.id)):
            roster.setdefault(line.body, []).append(
                {
                    "body": self._selection_label(line, "body"),
                    "role": self._selection_label(line, "role"),
                    "name": line.name or "",
                    "job_title": line.job_title or "",
                }
            )
        return {
            "name": self.name,
            # The document is Chinese by nature, as the printed forms are.
            "title": f"关于开展{self.name}的实施方案",
            "goal": self.goal or "",
            "theme": self.theme or "",
            "main_line": self.main_line or "",
            "requirement": self._html_paragraphs(self.requirement),
            "organizations": "、".join(self.organization_ids.mapped("name")),
            "phase_count": self._chinese_numeral(len(phases)),
            "phases": phases,
            "roster": roster["leading_group"] + roster["office"],
            "leading_group": roster["leading_group"],
            "office": roster["office"],
            "criteria_organization": [],
            "criteria_member": [],
            **_dates(self, self.date_start, self.date_end),
        }

    def _cxzy_progress_docx_values(self):
        """总结 without a drawn-up summary: the campaign's progress.
        Keys: title, sections ``[{heading, ordinal, paragraphs}]``, figures
        ``[{label, value}]``, date_upper."""
        self.ensure_one()
        return {
            "name": self.name,
            "title": f"{self.name}工作总结",
            "sections": [],
            "figures": [
                {"label": "工作任务（项）", "value": self.assignment_count},
                {"label": "已完成（项）", "value": self.assignment_done_count},
                {"label": "逾期未完成（项）", "value": self.overdue_count},
                {"label": "承诺（份）", "value": self.pledge_count},
                {"label": "已公示承诺（份）", "value": self.pledge_published_count},
            ],
            "date_upper": self._chinese_date_upper(self.date_end),
            **_dates(self, self.date_start, self.date_end),
        }

    def _cxzy_summary_docx_values(self):
        """总结 (Word): the campaign's summary when one is drawn up — its
        text, achievements and improvement measures as sections, its figures
        as the appended table; else the campaign's progress."""
        values = self._cxzy_progress_docx_values()
        summary = self.env["cxzy.campaign.summary"].search(
            [("campaign_id", "=", self.id)], limit=1
        )
        if not summary:
            return values
        data = summary._cxzy_summary_docx_values()
        sections = []

        def section(heading, paragraphs):
            if paragraphs:
                sections.append(
                    {
                        "ordinal": self._chinese_numeral(len(sections) + 1),
                        "heading": heading,
                        "paragraphs": paragraphs,
                    }
                )

        # The document is Chinese by nature, as the printed forms are.
        section("主要做法和成效", self._text_paragraphs(data["text"]))
        section(
            "成果展示",
            [
                f"{item['title']}（{item['organization']}）：{item['change'].strip()}"
                if item["organization"]
                else f"{item['title']}：{item['change'].strip()}"
                for item in data["achievements"]
            ],
        )
        section(
            "存在不足和改进措施",
            [
                f"{item['shortcoming']}——{item['measure']}"
                f"（责任人：{item['owner']}；完成时限：{item['deadline']}；{item['state']}）"
                for item in data["measures"]
            ],
        )
        date = summary.issue_date or (
            summary.drawn_date
            and fields.Datetime.context_timestamp(summary, summary.drawn_date).date()
        )
        values.update(
            title=data["title"],
            sections=sections,
            figures=[
                {"label": f"{table['title']}：{row['label']}", "value": row["text"]}
                for table in data["figures"]
                for row in table["rows"]
            ],
            date_upper=self._chinese_date_upper(date) if date else values["date_upper"],
        )
        return values


class CxzyPledge(models.Model):
    _name = "cxzy.pledge"
    _inherit = ["cxzy.pledge", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "pledge"

    def _cxzy_docx_values(self):
        """承诺书: the owner, the pledge's words, its items in a table and
        the signature lines."""
        self.ensure_one()
        is_member = self.subject_type == "member"
        # Whoever reads the pledge reads whose it is (the name says it): a
        # published pledge is read by the masses, who read no campaign,
        # member or organisation records.
        public = self.sudo()
        owner = public.member_id if is_member else public.organization_id
        items = [
            {
                "number": index,
                "ordinal": self._chinese_numeral(index),
                "content": item.content or "",
                "due_date": self._chinese_date(item.due_date),
                "status": self._selection_label(item, "status"),
                "note": item.note or "",
            }
            for index, item in enumerate(
                self.item_ids.sorted(lambda item: (item.sequence, item.id)), 1
            )
        ]
        return {
            "name": self.name,
            "campaign": public.campaign_id.name or "",
            "is_member": is_member,
            "owner": owner.name or "",
            "branch": public.branch_id.name or "",
            "job_title": (public.member_id.job_title or "") if is_member else "",
            "content": self._html_paragraphs(self.content),
            "items": items,
            "state": self._selection_label(self, "state"),
            "published_date": self._chinese_date(self.published_date),
            "rating": self._selection_label(self, "assessment_rating"),
            "assessment_comment": self.assessment_comment or "",
            "signer_label": "承诺人（签字）" if is_member else "党支部（盖章）",
        }


class CxzyDutyReport(models.Model):
    _name = "cxzy.duty.report"
    _inherit = ["cxzy.duty.report", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "duty_report"

    def _cxzy_docx_values(self):
        """述职报告: the branch, its secretary, the report and the
        committee's rating."""
        self.ensure_one()
        return {
            "name": self.display_name,
            "campaign": self.campaign_id.name or "",
            "organization": self.organization_id.name or "",
            "secretary": self.secretary_id.name or "",
            "due_date": self._chinese_date(self.due_date),
            "meeting_date": self._chinese_date(self.meeting_date),
            "submitted_date": self._chinese_date(self.submitted_date),
            "submitted_date_upper": self._chinese_date_upper(self.submitted_date),
            "report": self._html_paragraphs(self.report),
            "rating": self._selection_label(self, "rating"),
            "rating_comment": self.rating_comment or "",
            "rated_date": self._chinese_date(self.rated_date),
        }


class CxzyPartySpiritReport(models.Model):
    _name = "cxzy.party.spirit.report"
    _inherit = ["cxzy.party.spirit.report", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "party_spirit_report"

    def _cxzy_docx_values(self):
        """党性分析报告: the member, the analysis and the branch's review."""
        self.ensure_one()
        return {
            "name": self.display_name,
            "campaign": self.campaign_id.name or "",
            "member": self.member_id.name or "",
            "branch": self.branch_id.name or "",
            "job_title": self.member_id.job_title or "",
            "content": self._html_paragraphs(self.content),
            "submitted_date": self._chinese_date(self.submitted_date),
            "submitted_date_upper": self._chinese_date_upper(self.submitted_date),
            "review_comment": self.review_comment or "",
            "reviewed_date": self._chinese_date(self.reviewed_date),
        }


class CxzyPhaseSummary(models.Model):
    _name = "cxzy.phase.summary"
    _inherit = ["cxzy.phase.summary", "cxzy.docx.mixin"]
    _cxzy_docx_kind = "phase_summary"

    def _cxzy_docx_values(self):
        """阶段总结: the organisation's summary of one phase."""
        self.ensure_one()
        phase = self.phase_id
        return {
            "name": self.display_name,
            "campaign": self.campaign_id.name or "",
            "organization": self.organization_id.name or "",
            "phase": phase.name or "",
            "content": self._html_paragraphs(self.content),
            "submitted_date": self._chinese_date(self.submitted_date),
            "submitted_date_upper": self._chinese_date_upper(self.submitted_date),
            **_dates(self, phase.date_start, phase.date_end),
        }
