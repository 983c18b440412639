# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import io

import docx

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cxzy_campaign.models.cxzy_docx_mixin import chinese_date_upper

from .test_nomination import NominationCase


def docx_lines(data):
    document = docx.Document(io.BytesIO(data))
    return [paragraph.text for paragraph in document.paragraphs]


def docx_rows(data):
    document = docx.Document(io.BytesIO(data))
    return [
        [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows
    ]


@tagged("post_install", "-at_install", "cxzy_docx")
class TestDocxEvaluation(NominationCase):
    """推荐审批表 beside the PDF, the 表彰决定 with its honours list, and the
    criteria in the campaign's implementation plan."""

    def _render(self, kind, record, user):
        Template = self.env["cxzy.document.template"].with_user(user)
        data, filename = Template._cxzy_render(kind, record.with_user(user))
        self.assertTrue(filename.endswith(".docx"))
        return data

    def test_approval_form_holds_the_nomination(self):
        nomination = self._to(self._nominate(), "studied")
        data = self._render("nomination", nomination, self.user_committee)
        self.assertIn("优秀共产党员推荐审批表", docx_lines(data))
        rows = {row[0]: row[1] for row in docx_rows(data)}
        self.assertEqual(rows["姓　　名"], "张党员")
        self.assertEqual(rows["所在支部"], "综合处党支部")
        self.assertEqual(rows["主要事迹"], "带头完成重点调研课题，服务群众热情周到。")
        self.assertEqual(
            rows["民主推荐"],
            "2011年5月10日召开支部党员大会，应到9人，实到8人，赞成7票。",
        )
        self.assertIn("支部大会民主推荐，同意推荐。", rows["党支部意见"])
        self.assertIn(self.user_secretary.name, rows["党支部意见"])
        self.assertIn("经机关党委研究，同意推荐。", rows["机关党委意见"])
        # Not decided yet: the leading group's opinion is empty.
        self.assertEqual(rows["室党组意见"].splitlines()[0], "")

    def test_approval_form_by_role(self):
        nomination = self._nominate()
        for user in (self.user_secretary, self.user_office):
            self._render("nomination", nomination, user)
        for user in (self.user_masses, self.user_other, self.user_office_b):
            with self.assertRaises(AccessError):
                self._render("nomination", nomination, user)
            with self.assertRaises(AccessError):
                nomination.with_user(user).action_download_docx()

    def test_commendation_decision_lists_the_decided(self):
        first = self._to(self._nominate(), "decided")
        second = self._to(self._nominate(nominee=self.member_extra), "commended")
        branch = self._to(
            self._nominate(nominee=self.branch_1, award=self.award_branch), "decided"
        )
        self._nominate(nominee=self.member_other)  # a draft: not in the decision
        data = self._render("commendation", self.campaign, self.user_office)
        lines = docx_lines(data)
        self.assertIn(f"关于表彰{self.campaign.name}先进集体和先进个人的决定", lines)
        self.assertIn("一、先进党支部（1）", lines)
        self.assertEqual(lines[lines.index("一、先进党支部（1）") + 1], "综合处党支部")
        self.assertIn("二、优秀共产党员（2）", lines)
        self.assertEqual(
            lines[lines.index("二、优秀共产党员（2）") + 1], "张党员、吴党员"
        )
        self.assertNotIn("王党员", "".join(lines))
        decided = max((first | second | branch).mapped("decide_date"))
        self.assertIn(chinese_date_upper(decided), lines)
        honours = [row for row in docx_rows(data) if row[0].isdigit()]
        self.assertEqual(
            honours,
            [
                ["1", "先进党支部", "综合处党支部", "综合处党支部"],
                ["2", "优秀共产党员", "张党员", "综合处党支部"],
                ["3", "优秀共产党员", "吴党员", "综合处党支部"],
            ],
        )

    def _queries(self, kind, record, user):
        """Queries of one download once the caches are warm (the counts
        settle after a couple of downloads)."""
        self.env.flush_all()
        counts = []
        for _attempt in range(3):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._render(kind, record, user)
            counts.append(self.env.cr.sql_log_count - before)
        return counts[-1]

    def test_decision_queries_do_not_grow_with_the_honours(self):
        self.env["cxzy.award.quota"].create(
            {
                "campaign_id": self.campaign.id,
                "award_type_id": self.award_worker.id,
                "quota": 2,
            }
        )
        # Every award and both branches from the start...
        self._to(self._nominate(), "decided")
        self._to(
            self._nominate(nominee=self.member_other, award=self.award_worker),
            "decided",
        )
        self._to(
            self._nominate(nominee=self.branch_1, award=self.award_branch), "decided"
        )
        three = self._queries("commendation", self.campaign, self.user_office)
        # ... then more honourees: the same queries.
        self._to(self._nominate(nominee=self.member_extra), "decided")
        self._to(
            self._nominate(nominee=self.member_group, award=self.award_worker),
            "decided",
        )
        data = self._render("commendation", self.campaign, self.user_office)
        self.assertEqual(len([r for r in docx_rows(data) if r[0].isdigit()]), 5)
        self.assertEqual(
            self._queries("commendation", self.campaign, self.user_office), three
        )

    def test_plan_holds_the_criteria(self):
        data = self._render("campaign_plan", self.campaign, self.user_member)
        lines = docx_lines(data)
        criteria = self.env["cxzy.criterion"].search([("target", "=", "organization")])
        self.assertTrue(criteria)
        first = criteria[0]
        self.assertIn(f"一是{first.name}。{first.description or ''}", lines)
        self.assertIn("优秀共产党员的基本要求是，努力争当“五个模范”：", lines)
