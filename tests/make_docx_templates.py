#!/usr/bin/env python3
# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Write the default Word templates (docxtpl placeholders) of both addons in
the style of the 2010 plan: 方正小标宋 title, 黑体/楷体 headings, 仿宋 body
(三号, 28 pt lines, two-character indent), A4 with the official margins, and
an optional red header (红头) shown when the office ticks it.

Kept out of the addons: run it once after changing a layout, and commit the
.docx files it writes (``python3 tests/make_docx_templates.py``)."""

import pathlib
import sys

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = pathlib.Path(__file__).resolve().parent.parent
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
RED = RGBColor(0xFF, 0x00, 0x00)


def set_font(run_or_style, name, size=None, bold=None, color=None):
    font = run_or_style.font
    font.name = name
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attribute), name)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color


def new_document():
    document = Document()
    for section in document.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, 16)
    paragraph = normal.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(28)
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.first_line_indent = Pt(32)
    return document


def para(
    document,
    text="",
    font=BODY_FONT,
    size=16,
    align=None,
    indent=True,
    bold=None,
    color=None,
):
    paragraph = document.add_paragraph()
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
    if align:
        paragraph.alignment = align
    if text:
        set_font(paragraph.add_run(text), font, size, bold, color)
    return paragraph


def tag(document, text):
    """A docxtpl paragraph tag ({%p ... %}): the paragraph goes away."""
    return para(document, text, indent=False)


def title(document, text):
    para(document, "", indent=False)
    para(document, text, TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, False)
    para(document, "", indent=False)


def subtitle(document, text):
    para(document, text, SUBHEADING_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, False)


def heading(document, text):
    para(document, text, HEADING_FONT, 16)


def subheading(document, text):
    para(document, text, SUBHEADING_FONT, 16)


def red_header(document):
    tag(document, "{%p if red_header %}")
    para(
        document,
        "{{ issuer }}",
        TITLE_FONT,
        26,
        WD_ALIGN_PARAGRAPH.CENTER,
        False,
        color=RED,
    )
    line = para(document, "", indent=False)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "1"),
        ("w:color", "FF0000"),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    line._p.get_or_add_pPr().append(borders)
    tag(document, "{%p endif %}")


def loop(document, items, text, **kwargs):
    tag(document, "{%p for " + items + " %}")
    para(document, text, **kwargs)
    tag(document, "{%p endfor %}")


def signature(document, *lines):
    for text in lines:
        para(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def cell_text(cell, text, font=BODY_FONT, size=12, bold=None, center=False):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(20)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        set_font(paragraph.add_run(text), font, size, bold)


def loop_table(document, headers, cells, loop_expr):
    """A table: a header row, then one row per item of ``loop_expr``."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, text, HEADING_FONT, 12, center=True)
    cell_text(table.rows[1].cells[0], "{%tr for " + loop_expr + " %}")
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell_text(cell, text)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    return table


def form_table(document, rows):
    """A two-column form: label, value (a value starting with {%p is a
    paragraph loop inside the cell)."""
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Mm(35), Mm(121)
        cell_text(row.cells[0], label, HEADING_FONT, 12, center=True)
        if isinstance(value, tuple):
            cell_text(row.cells[1], value[0])
            for text in value[1:]:
                paragraph = row.cells[1].add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(0)
                set_font(paragraph.add_run(text), BODY_FONT, 12)
        else:
            cell_text(row.cells[1], value)
    return table


def campaign_plan():
    document = new_document()
    red_header(document)
    title(document, "{{ title }}")
    para(
        document,
        "根据上级党组织的部署，决定在{{ company }}深入开展{{ name }}"
        "（{{ date_start }}至{{ date_end }}）。现提出如下实施方案。",
    )
    heading(document, "一、总体要求")
    para(
        document,
        "{% if theme %}以{{ theme }}为主题，{% endif %}"
        "{% if main_line %}以“{{ main_line }}”为主线，{% endif %}"
        "{% if goal %}围绕“{{ goal }}”目标，{% endif %}"
        "充分发挥党支部的战斗堡垒作用和共产党员的先锋模范作用。",
    )
    loop(document, "text in requirement", "{{ text }}")
    heading(document, "二、主要内容")
    tag(document, "{%p if criteria_organization %}")
    para(document, "先进党支部的基本要求是，努力做到“五个好”：")
    loop(
        document,
        "criterion in criteria_organization",
        "{{ criterion.ordinal }}是{{ criterion.name }}。{{ criterion.description }}",
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p if criteria_member %}")
    para(document, "优秀共产党员的基本要求是，努力争当“五个模范”：")
    loop(
        document,
        "criterion in criteria_member",
        "{{ criterion.ordinal }}是{{ criterion.name }}。{{ criterion.description }}",
    )
    tag(document, "{%p endif %}")
    heading(document, "三、方法步骤")
    para(document, "开展{{ name }}，分{{ phase_count }}个步骤进行。")
    tag(document, "{%p for phase in phases %}")
    subheading(
        document,
        "（{{ phase.ordinal }}）{{ phase.name }}"
        "（{{ phase.date_start }}—{{ phase.date_end }}）",
    )
    loop(document, "text in phase.description", "{{ text }}")
    loop(
        document,
        "task in phase.tasks",
        "{{ task.number }}．{{ task.name }}。{{ task.description }}"
        "（完成时限：{{ task.deadline }}）",
    )
    tag(document, "{%p endfor %}")
    heading(document, "四、组织领导")
    para(
        document,
        "成立{{ name }}指导小组，下设办公室，具体负责活动的组织实施。组成人员如下：",
    )
    loop_table(
        document,
        ["机构", "小组职务", "姓名", "工作职务"],
        [
            "{{ person.body }}",
            "{{ person.role }}",
            "{{ person.name }}",
            "{{ person.job_title }}",
        ],
        "person in roster",
    )
    para(document, "")
    signature(document, "{{ company }}", "{{ today_upper }}")
    return document


def pledge():
    document = new_document()
    red_header(document)
    title(document, "承　诺　书")
    subtitle(document, "（{{ campaign }}）")
    para(
        document,
        "{% if is_member %}承诺人：{{ owner }}　　所在支部：{{ branch }}"
        "{% if job_title %}　　职务：{{ job_title }}{% endif %}"
        "{% else %}承诺单位：{{ owner }}{% endif %}",
        indent=False,
    )
    loop(document, "text in content", "{{ text }}")
    para(
        document,
        "在{{ campaign }}中，{% if is_member %}本人{% else %}本支部{% endif %}"
        "郑重承诺如下：",
    )
    loop_table(
        document,
        ["序号", "承诺事项", "完成时限", "完成情况"],
        [
            "{{ item.ordinal }}",
            "{{ item.content }}",
            "{{ item.due_date }}",
            "{{ item.status }}",
        ],
        "item in items",
    )
    para(document, "以上承诺，请党组织和群众监督。")
    tag(document, "{%p if published_date %}")
    para(document, "公示日期：{{ published_date }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if rating %}")
    para(document, "评诺等次：{{ rating }}。{{ assessment_comment }}")
    tag(document, "{%p endif %}")
    para(document, "")
    signature(document, "{{ signer_label }}：＿＿＿＿＿＿＿＿", "年　　月　　日")
    return document


def duty_report():
    document = new_document()
    title(document, "{{ organization }}书记抓党建工作述职报告")
    subtitle(document, "述职人：{{ secretary }}")
    subtitle(
        document,
        "（{% if meeting_date %}{{ meeting_date }}{% else %}"
        "{{ due_date }}前{% endif %}）",
    )
    loop(document, "text in report", "{{ text }}")
    tag(document, "{%p if rating %}")
    heading(document, "机关党委评议意见")
    para(document, "评议等次：{{ rating }}。{{ rating_comment }}")
    tag(document, "{%p endif %}")
    para(document, "")
    signature(
        document,
        "述职人（签字）：＿＿＿＿＿＿",
        "{% if submitted_date_upper %}{{ submitted_date_upper }}"
        "{% else %}年　　月　　日{% endif %}",
    )
    return document


def party_spirit_report():
    document = new_document()
    title(document, "党性分析报告")
    subtitle(document, "（{{ campaign }}）")
    para(
        document,
        "姓名：{{ member }}　　所在支部：{{ branch }}"
        "{% if job_title %}　　职务：{{ job_title }}{% endif %}",
        indent=False,
    )
    loop(document, "text in content", "{{ text }}")
    tag(document, "{%p if review_comment %}")
    heading(document, "党支部评议意见")
    para(document, "{{ review_comment }}（{{ reviewed_date }}）")
    tag(document, "{%p endif %}")
    para(document, "")
    signature(
        document,
        "本人签字：＿＿＿＿＿＿",
        "{% if submitted_date_upper %}{{ submitted_date_upper }}"
        "{% else %}年　　月　　日{% endif %}",
    )
    return document


def phase_summary():
    document = new_document()
    title(document, "{{ organization }}{{ phase }}阶段工作总结")
    subtitle(document, "（{{ date_start }}—{{ date_end }}）")
    loop(document, "text in content", "{{ text }}")
    para(document, "")
    signature(
        document,
        "{{ organization }}",
        "{% if submitted_date_upper %}{{ submitted_date_upper }}"
        "{% else %}年　　月　　日{% endif %}",
    )
    return document


def campaign_summary():
    document = new_document()
    red_header(document)
    title(document, "{{ title }}")
    tag(document, "{%p for section in sections %}")
    heading(document, "{{ section.ordinal }}、{{ section.heading }}")
    loop(document, "text in section.paragraphs", "{{ text }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if figures %}")
    heading(document, "附：主要数据")
    loop_table(
        document,
        ["项目", "数量"],
        ["{{ figure.label }}", "{{ figure.value }}"],
        "figure in figures",
    )
    tag(document, "{%p endif %}")
    para(document, "")
    signature(document, "{{ company }}", "{{ date_upper or today_upper }}")
    return document


def nomination():
    document = new_document()
    title(document, "{{ award }}推荐审批表")
    form_table(
        document,
        [
            ("{% if is_member %}姓　　名{% else %}党组织{% endif %}", "{{ nominee }}"),
            ("所在支部", "{{ branch }}"),
            ("职　　务", "{{ job_title }}"),
            ("入党时间", "{{ join_date }}"),
            ("主要事迹", ("{%p for text in deeds %}", "{{ text }}", "{%p endfor %}")),
            (
                "民主推荐",
                "{% if meeting_date %}{{ meeting_date }}召开支部党员大会，"
                "应到{{ voters_entitled }}人，实到{{ voters_present }}人，"
                "赞成{{ votes_favour }}票。{% endif %}",
            ),
            (
                "党支部意见",
                (
                    "{{ recommend_opinion }}",
                    "签字：{{ recommend_user }}　{{ recommend_date }}",
                ),
            ),
            (
                "机关党委意见",
                ("{{ study_opinion }}", "签字：{{ study_user }}　{{ study_date }}"),
            ),
            (
                "室党组意见",
                ("{{ decide_opinion }}", "签字：{{ decide_user }}　{{ decide_date }}"),
            ),
        ],
    )
    return document


def commendation():
    document = new_document()
    red_header(document)
    title(document, "{{ title }}")
    para(document, "各党支部：", indent=False)
    para(
        document,
        "{{ campaign }}开展以来，各党支部和广大党员积极投身活动，涌现出"
        "一批先进典型。为表彰先进、树立典型，经支部民主推荐、机关党委研究、"
        "室党组决定，对以下{{ honouree_count }}个先进集体和个人予以表彰：",
    )
    tag(document, "{%p for award in awards %}")
    heading(document, "{{ award.ordinal }}、{{ award.name }}（{{ award.count }}）")
    para(document, "{{ award.names }}")
    tag(document, "{%p endfor %}")
    para(
        document,
        "希望受到表彰的党支部和个人珍惜荣誉，再接再厉，充分发挥示范带动"
        "作用。各党支部和全体党员要以先进为榜样，比学赶帮超，推动创先争优活动"
        "深入开展。",
    )
    para(document, "附件：表彰名单")
    para(document, "")
    signature(document, "{{ issuer_name }}", "{{ decision_date_upper }}")
    para(document, "")
    para(document, "表彰名单", TITLE_FONT, 18, WD_ALIGN_PARAGRAPH.CENTER, False)
    loop_table(
        document,
        ["序号", "荣誉称号", "姓名（名称）", "所在支部"],
        [
            "{{ honouree.number }}",
            "{{ honouree.award }}",
            "{{ honouree.name }}",
            "{{ honouree.branch }}",
        ],
        "honouree in honourees",
    )
    return document


TEMPLATES = {
    "cxzy_campaign/data/docx/campaign_plan.docx": campaign_plan,
    "cxzy_campaign/data/docx/pledge.docx": pledge,
    "cxzy_campaign/data/docx/duty_report.docx": duty_report,
    "cxzy_campaign/data/docx/party_spirit_report.docx": party_spirit_report,
    "cxzy_campaign/data/docx/phase_summary.docx": phase_summary,
    "cxzy_campaign/data/docx/campaign_summary.docx": campaign_summary,
    "cxzy_evaluation/data/docx/nomination.docx": nomination,
    "cxzy_evaluation/data/docx/commendation.docx": commendation,
}


def main():
    for path, build in TEMPLATES.items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        build().save(target)
        sys.stdout.write(f"{path}: {target.stat().st_size} bytes\n")


if __name__ == "__main__":
    main()
