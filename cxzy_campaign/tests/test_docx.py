# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import base64
import io
from unittest.mock import patch

import docx

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.cxzy_docx_mixin import (
    chinese_date_upper,
    chinese_numeral,
    html_paragraphs,
)
from .test_campaign_document import DocumentCase


def docx_text(data):
    """The document's paragraphs, then its tables' rows (cells joined by |),
    as python-docx reads them: one line each."""
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("|".join(cell.text for cell in row.cells))
    return lines


def docx_paragraphs(data):
    """The document's paragraphs only, in order."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def docx_tables(data):
    """The rows of every table: lists of cell texts."""
    document = docx.Document(io.BytesIO(data))
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


def make_docx(*paragraphs):
    """A .docx holding ``paragraphs`` (docxtpl placeholders allowed)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


class DocxCase(DocumentCase):
    """The documents of a campaign drawn from the 2010 plan: its roster, a
    member's pledge, the branch's duty report and phase summary and the
    member's party-spirit report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["cxzy.document.template"]
        # the roster's people without a login: a roster line grants its
        # body's rights to a user, and these tests keep the roles they set
        leader, director = cls.env["hr.employee"].create(
            [{"name": cls.emp_committee.name}, {"name": cls.emp_secretary.name}]
        )
        cls.campaign.write(
            {
                "roster_ids": [
                    Command.create({"employee_id": leader.id, "role": "leader"}),
                    Command.create(
                        {
                            "employee_id": director.id,
                            "role": "office_director",
                        }
                    ),
                ]
            }
        )
        cls.pledge = cls.env["cxzy.pledge"].create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "member",
                "member_id": cls.member_member.id,
                "content": "<p>立足岗位<strong>作贡献</strong></p><p>接受群众监督</p>",
                "item_ids": [
                    Command.create(
                        {
                            "content": "每月撰写一篇学习心得 & 体会",
                            "due_date": "2030-12-31",
                            "sequence": 1,
                        }
                    ),
                    Command.create({"content": "结对帮扶一户困难群众", "sequence": 2}),
                ],
            }
        )
        cls.duty = cls.env["cxzy.duty.report"].create(
            {
                "organization_id": cls.branch_1.id,
                "campaign_id": cls.campaign.id,
                "meeting_date": "2031-03-20",
                "report": "<p>一、履行一岗双责情况。</p><p>二、存在的不足。</p>",
            }
        )
        cls.spirit = cls.env["cxzy.party.spirit.report"].create(
            {
                "campaign_id": cls.campaign.id,
                "member_id": cls.member_member.id,
                "content": "<p>对照五个模范查找差距。</p>",
            }
        )
        cls.phase_1 = cls.campaign.phase_ids.sorted("sequence")[0]
        cls.summary = cls.env["cxzy.phase.summary"].create(
            {
                "organization_id": cls.branch_1.id,
                "campaign_id": cls.campaign.id,
                "phase_id": cls.phase_1.id,
                "content": "<p>第一阶段小结：动员部署按期完成。</p>",
            }
        )

    def _render(self, kind, record, user=None):
        if user:
            record = record.with_user(user)
        Template = self.Template.with_user(user) if user else self.Template
        data, filename = Template._cxzy_render(kind, record)
        self.assertTrue(filename.endswith(".docx"))
        self.assertEqual(data[:2], b"PK")
        return data


@tagged("post_install", "-at_install", "cxzy_docx")
class TestDocxHelpers(DocxCase):
    def test_chinese_numbers_and_dates(self):
        self.assertEqual(
            [chinese_numeral(n) for n in (1, 4, 10, 11, 20, 31, 99)],
            ["一", "四", "十", "十一", "二十", "三十一", "九十九"],
        )
        self.assertEqual(chinese_numeral(120), "120")
        self.assertEqual(chinese_date_upper("2010-04-29"), "二〇一〇年四月二十九日")
        self.assertEqual(chinese_date_upper("2012-10-01", day=False), "二〇一二年十月")
        self.assertEqual(chinese_date_upper(False), "")

    def test_html_paragraphs(self):
        self.assertEqual(
            html_paragraphs(
                "<p><strong>一、情况</strong>：好<br>第二行</p>"
                "<ul><li>甲 &amp; 乙</li><li>丙</li></ul>"
            ),
            ["一、情况：好", "第二行", "甲 & 乙", "丙"],
        )
        self.assertEqual(html_paragraphs("<p><br></p>"), [])
        self.assertEqual(html_paragraphs(False), [])


@tagged("post_install", "-at_install", "cxzy_docx")
class TestDocxKinds(DocxCase):
    """Each kind renders with its default template, opens with python-docx
    and holds the record's text where the document prints it."""

    def test_every_kind_has_its_template_and_default_file(self):
        kinds = set(self.Template._cxzy_kinds())
        self.assertLessEqual(
            {
                "campaign_plan",
                "pledge",
                "duty_report",
                "party_spirit_report",
                "phase_summary",
                "campaign_summary",
            },
            kinds,
        )
        templates = self.Template.search([("company_id", "=", self.company.id)])
        self.assertEqual(set(templates.mapped("kind")), kinds)
        for template in templates:
            self.assertFalse(template.is_custom)
            data = base64.b64decode(template.default_file)
            self.assertIsInstance(
                docx.Document(io.BytesIO(data)), type(docx.Document())
            )

    def test_pledge_items_in_the_table(self):
        data = self._render("pledge", self.pledge, self.user_member)
        lines = docx_text(data)
        self.assertIn("承　诺　书", lines)
        self.assertIn(f"（{self.campaign.name}）", lines)
        self.assertIn("承诺人：张党员　　所在支部：综合处党支部", lines)
        # The pledge's words, one paragraph each, without markup.
        self.assertIn("立足岗位作贡献", lines)
        self.assertIn("接受群众监督", lines)
        items = docx_tables(data)[0]
        self.assertEqual(items[0], ["序号", "承诺事项", "完成时限", "完成情况"])
        self.assertEqual(len(items), 3)
        self.assertEqual(
            items[1][:3], ["一", "每月撰写一篇学习心得 & 体会", "2030年12月31日"]
        )
        self.assertEqual(items[2][:3], ["二", "结对帮扶一户困难群众", ""])
        self.assertIn(
            dict(
                self.pledge.item_ids._fields["status"]._description_selection(
                    self.env(context={"lang": "zh_CN"})
                )
            )["planned"],
            items[1][3],
        )
        self.assertIn("承诺人（签字）：＿＿＿＿＿＿＿＿", lines)
        # Not published yet: no publicity date, no rating.
        self.assertFalse([line for line in lines if line.startswith("公示日期")])

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

    def test_queries_do_not_grow_with_the_items(self):
        big = self.env["cxzy.pledge"].create(
            {
                "campaign_id": self.campaign.id,
                "subject_type": "member",
                "member_id": self.member_secretary.id,
                "item_ids": [
                    Command.create({"content": f"承诺{i}", "due_date": "2030-12-31"})
                    for i in range(30)
                ],
            }
        )
        small = self._queries("pledge", self.pledge, self.user_office)
        self.assertEqual(self._queries("pledge", big, self.user_office), small)
        self.assertLessEqual(small, 25)

    def test_campaign_plan(self):
        data = self._render("campaign_plan", self.campaign, self.user_member)
        lines = docx_text(data)
        self.assertIn("关于开展文档测试活动的实施方案", lines)
        # The red header is on for the plan: the agency's name in red.
        self.assertEqual(lines[0], self.company.name)
        self.assertIn("一、总体要求", lines)
        self.assertIn("开展文档测试活动，分四个步骤进行。", lines)
        phase = self.phase_1
        self.assertIn(
            f"（一）{phase.name}（2030年4月1日—"
            f"{phase.date_end.year}年{phase.date_end.month}月{phase.date_end.day}日）",
            lines,
        )
        task = phase.task_ids.sorted("sequence")[0]
        self.assertTrue(
            [line for line in lines if line.startswith(f"1．{task.name}。")], lines
        )
        last_phase = self.campaign.phase_ids.sorted("sequence")[-1]
        self.assertTrue([line for line in lines if line.startswith("（四）")])
        self.assertTrue([line for line in lines if last_phase.name in line])
        roster = docx_tables(data)[0]
        self.assertEqual(roster[1][2:], ["赵委员", ""])
        self.assertEqual(roster[2][2], "李书记")
        # The date of issue as official documents print it.
        today = fields.Date.context_today(self.campaign)
        last = docx_paragraphs(data)[-1]
        self.assertEqual(last, chinese_date_upper(today))
        self.assertTrue(last.startswith("二〇"))
        # 仿宋 body as the plan is printed.
        normal = docx.Document(io.BytesIO(data)).styles["Normal"]
        fonts = normal.element.rPr.rFonts
        self.assertEqual(fonts.get(docx.oxml.ns.qn("w:eastAsia")), "仿宋")

    def test_duty_report(self):
        self.duty.with_user(self.user_secretary).action_submit()
        data = self._render("duty_report", self.duty, self.user_secretary)
        lines = docx_text(data)
        self.assertIn("综合处党支部书记抓党建工作述职报告", lines)
        self.assertIn("述职人：李书记", lines)
        self.assertIn("（2031年3月20日）", lines)
        self.assertIn("一、履行一岗双责情况。", lines)
        self.assertIn("二、存在的不足。", lines)
        self.assertIn(chinese_date_upper(self.duty.submitted_date), lines)
        self.assertNotIn("机关党委评议意见", lines)

    def test_party_spirit_report(self):
        data = self._render("party_spirit_report", self.spirit, self.user_member)
        lines = docx_text(data)
        self.assertIn("党性分析报告", lines)
        self.assertIn("姓名：张党员　　所在支部：综合处党支部", lines)
        self.assertIn("对照五个模范查找差距。", lines)
        # Not submitted: a blank date to fill in by hand.
        self.assertIn("年　　月　　日", lines)

    def test_phase_summary(self):
        self.summary.with_user(self.user_secretary).action_submit()
        data = self._render("phase_summary", self.summary, self.user_secretary)
        lines = docx_text(data)
        self.assertIn(f"综合处党支部{self.phase_1.name}阶段工作总结", lines)
        self.assertIn("第一阶段小结：动员部署按期完成。", lines)
        self.assertEqual(lines[-1], chinese_date_upper(self.summary.submitted_date))

    def test_campaign_summary_renders_what_the_record_gives(self):
        data = self._render("campaign_summary", self.campaign, self.user_office)
        lines = docx_text(data)
        self.assertIn("文档测试活动工作总结", lines)
        self.assertIn("附：主要数据", lines)
        figures = dict(row for row in docx_tables(data)[0][1:])
        self.assertEqual(figures["工作任务（项）"], str(self.campaign.assignment_count))

        def values(record):
            return {
                "title": "全面总结",
                "sections": [
                    {"ordinal": "一", "heading": "主要做法", "paragraphs": ["甲", "乙"]}
                ],
                "figures": [],
                "date_upper": "二〇一二年十月",
            }

        Campaign = type(self.campaign)
        with patch.object(Campaign, "_cxzy_summary_docx_values", values):
            lines = docx_text(self._render("campaign_summary", self.campaign))
        self.assertIn("全面总结", lines)
        self.assertIn("一、主要做法", lines)
        self.assertEqual(lines[lines.index("一、主要做法") + 1 :][:2], ["甲", "乙"])
        self.assertEqual(lines[-1], "二〇一二年十月")
        self.assertNotIn("附：主要数据", lines)


@tagged("post_install", "-at_install", "cxzy_docx")
class TestDocxTemplates(DocxCase):
    """The office uploads its own template per kind and goes back to the
    default; nothing but a .docx with sound placeholders is taken."""

    def _pledge_template(self):
        return self.env.ref("cxzy_campaign.cxzy_document_template_pledge")

    def test_own_template_then_default(self):
        template = self._pledge_template().with_user(self.user_office)
        template.write(
            {
                "template_file": base64.b64encode(
                    make_docx(
                        "自定义承诺书：{{ owner }}",
                        "{%p for item in items %}",
                        "{{ item.ordinal }}、{{ item.content }}",
                        "{%p endfor %}",
                    )
                ),
                "template_filename": "我的承诺书.docx",
            }
        )
        self.assertTrue(template.is_custom)
        lines = docx_text(self._render("pledge", self.pledge, self.user_member))
        self.assertEqual(
            [line for line in lines if line],
            [
                "自定义承诺书：张党员",
                "一、每月撰写一篇学习心得 & 体会",
                "二、结对帮扶一户困难群众",
            ],
        )
        template.action_reset_default()
        self.assertFalse(template.is_custom)
        self.assertFalse(template.template_file)
        lines = docx_text(self._render("pledge", self.pledge, self.user_member))
        self.assertIn("承　诺　书", lines)
        self.assertNotIn("自定义承诺书：张党员", lines)

    def test_each_agency_its_own_templates(self):
        campaign_b = self.env["cxzy.campaign"].create(
            {
                "name": "另一机关活动",
                "date_start": "2030-04-01",
                "date_end": "2031-06-30",
                "company_id": self.company_b.id,
            }
        )
        pledge_b = self.env["cxzy.pledge"].create(
            {
                "campaign_id": campaign_b.id,
                "subject_type": "member",
                "member_id": self.member_b.id,
                "item_ids": [Command.create({"content": "外单位承诺"})],
            }
        )
        office_b = self.user_office_b
        # The other agency's office neither sees nor changes this agency's.
        template = self._pledge_template()
        Template_b = self.Template.with_user(office_b)
        self.assertFalse(Template_b.search([("id", "=", template.id)]))
        with self.assertRaises(AccessError):
            template.with_user(office_b).write({"red_header": True})
        # Nor does it make templates for every agency, or for this one.
        for company in (False, self.company.id):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Template_b.create({"kind": "duty_report", "company_id": company})
        # Without its own, it prints with the default file.
        lines = docx_text(self._render("pledge", pledge_b, office_b))
        self.assertIn("承　诺　书", lines)
        own = Template_b.create(
            {
                "kind": "pledge",
                "company_id": self.company_b.id,
                "template_file": base64.b64encode(make_docx("另一机关 {{ owner }}")),
                "template_filename": "另一机关.docx",
            }
        )
        self.assertEqual(own.company_id, self.company_b)
        lines = docx_text(self._render("pledge", pledge_b, office_b))
        self.assertIn("另一机关 外单位党员", lines)
        # This agency's documents keep this agency's template.
        lines = docx_text(self._render("pledge", self.pledge, self.user_office))
        self.assertIn("承　诺　书", lines)
        # One template per kind and agency.
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Template_b.create({"kind": "pledge", "company_id": self.company_b.id})
        # A template stays of its kind and agency.
        with self.assertRaises(UserError), self.cr.savepoint():
            own.write({"kind": "duty_report"})
        self.assertEqual(own.kind, "pledge")

    def test_red_header_optional(self):
        template = self._pledge_template().with_user(self.user_office)
        self.assertFalse(template.red_header)
        lines = docx_text(self._render("pledge", self.pledge))
        self.assertNotIn("中共测试机关党组文件", lines)
        template.write({"red_header": True, "issuer": "中共测试机关党组文件"})
        lines = docx_text(self._render("pledge", self.pledge))
        self.assertEqual(lines[0], "中共测试机关党组文件")

    def test_not_a_docx_is_refused(self):
        template = self._pledge_template().with_user(self.user_office)
        cases = [
            (b"%PDF-1.4 not a word file", "承诺书.docx", "is not a Word document"),
            (make_docx("{{ owner }}"), "承诺书.doc", "is not a Word document"),
            (make_docx("{{ owner "), "承诺书.docx", "placeholders"),
            (make_docx("{{ owner|no_such_filter }}"), "承诺书.docx", "placeholders"),
            (b"PK\x03\x04 broken zip", "承诺书.docx", "is not a Word document"),
        ]
        for data, filename, message in cases:
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                template.write(
                    {
                        "template_file": base64.b64encode(data),
                        "template_filename": filename,
                    }
                )
        template.invalidate_recordset()
        self.assertFalse(template.template_file)

    def test_refusal_is_translated(self):
        template = (
            self._pledge_template()
            .with_user(self.user_office)
            .with_context(lang="zh_CN")
        )
        with self.assertRaisesRegex(ValidationError, "不是 Word 文档"):
            template.write(
                {
                    "template_file": base64.b64encode(b"plain text"),
                    "template_filename": "承诺书.txt",
                }
            )

    def test_only_the_office_changes_templates(self):
        template = self._pledge_template()
        upload = {
            "template_file": base64.b64encode(make_docx("{{ owner }}")),
            "template_filename": "x.docx",
        }
        for user in (
            self.user_member,
            self.user_secretary,
            self.user_committee,
            self.user_leading,
            self.user_masses,
        ):
            with self.assertRaises(AccessError):
                template.with_user(user).write(upload)
            with self.assertRaises(AccessError):
                template.with_user(user).action_reset_default()
            with self.assertRaises(AccessError):
                self.Template.with_user(user).create({"kind": "pledge"})
            # Everybody reads them: the download reads the template.
            self.assertEqual(template.with_user(user).kind, "pledge")
        self.assertFalse(template.template_file)

    def test_broken_own_template_gives_a_clear_error(self):
        template = self._pledge_template()
        template.write(
            {
                "template_file": base64.b64encode(
                    make_docx("{{ owner.no_such_field.deeper }}")
                ),
                "template_filename": "x.docx",
            }
        )
        with self.assertRaisesRegex(UserError, "cannot be filled in"):
            self._render("pledge", self.pledge, self.user_member)


@tagged("post_install", "-at_install", "cxzy_docx")
class TestDocxAccess(DocxCase):
    """Who may read the record may download its document; nobody else."""

    def _refused(self, kind, record, user):
        with self.assertRaises(AccessError):
            self.Template.with_user(user)._cxzy_render(kind, record.with_user(user))
        with self.assertRaises(AccessError):
            record.with_user(user).action_download_docx()

    def test_pledge_role_by_role(self):
        action = self.pledge.with_user(self.user_member).action_download_docx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/cxzy/docx/pledge/{self.pledge.id}")
        for user in (self.user_member, self.user_secretary, self.user_office):
            self._render("pledge", self.pledge, user)
        # A draft pledge is its owner's and its reviewers' only.
        for user in (self.user_other, self.user_masses, self.user_office_b):
            self._refused("pledge", self.pledge, user)
        # Published (公示): every internal user reads it, and downloads it.
        self.pledge.sudo().action_submit()
        self.pledge.sudo().action_approve()
        self.pledge.sudo().action_publish()
        lines = docx_text(self._render("pledge", self.pledge, self.user_masses))
        self.assertTrue([line for line in lines if line.startswith("公示日期：")])
        self._render("pledge", self.pledge, self.user_other)
        self._refused("pledge", self.pledge, self.user_office_b)

    def test_reports_role_by_role(self):
        self._render("party_spirit_report", self.spirit, self.user_member)
        self._render("party_spirit_report", self.spirit, self.user_office)
        for user in (self.user_other, self.user_masses, self.user_office_b):
            self._refused("party_spirit_report", self.spirit, user)
        self._render("duty_report", self.duty, self.user_secretary)
        self._render("duty_report", self.duty, self.user_committee)
        for user in (self.user_masses, self.user_office_b):
            self._refused("duty_report", self.duty, user)
        self._render("phase_summary", self.summary, self.user_office)
        for user in (self.user_masses, self.user_office_b):
            self._refused("phase_summary", self.summary, user)
        for user in (self.user_office_b,):
            self._refused("campaign_plan", self.campaign, user)

    def test_kind_and_record_must_match(self):
        with self.assertRaises(UserError):
            self.Template._cxzy_render("pledge", self.duty)
        with self.assertRaises(UserError):
            self.Template._cxzy_render("no_such_kind", self.pledge)
