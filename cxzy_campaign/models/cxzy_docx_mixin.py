# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Word documents (.docx) of a record, rendered from the office's template of
their kind (``cxzy.document.template``) with docxtpl.

A model that hands in a document inherits ``cxzy.docx.mixin``, names its kind
in ``_cxzy_docx_kind`` and returns the template's values from
``_cxzy_docx_values()``; its form shows a 下载 Word button calling
``action_download_docx``. The helpers below write what the documents print in
Chinese conventions."""

import lxml.html

from odoo import api, fields, models, tools

from .cxzy_workflow_mixin import chinese_date

_DIGITS = "〇一二三四五六七八九"
_UNITS = "零一二三四五六七八九"
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")


def chinese_numeral(number):
    """A whole number from 0 to 99 in Chinese numerals as official documents
    number their headings: 一, 十, 十二, 二十, 二十一; larger ones as digits."""
    if not isinstance(number, int) or not 0 <= number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if not tens:
        return _UNITS[units] if units else "〇"
    return ("" if tens == 1 else _UNITS[tens]) + "十" + (_UNITS[units] if units else "")


def chinese_date_upper(date, day=True):
    """A date as the date of issue (成文日期) prints it: 二〇一〇年四月二十九日,
    or 二〇一〇年四月 with ``day=False``."""
    if not date:
        return ""
    date = fields.Date.to_date(date)
    year = "".join(_DIGITS[int(digit)] for digit in str(date.year))
    text = f"{year}年{chinese_numeral(date.month)}月"
    return text + (f"{chinese_numeral(date.day)}日" if day else "")


def html_paragraphs(html):
    """The paragraphs of an HTML field as plain text: one per block (p, li,
    heading…) and line break, without markup."""
    if tools.is_html_empty(html):
        return []
    root = lxml.html.fragment_fromstring(str(html), create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = []
    blocks = [node for node in root.iter(*_BLOCKS) if not node.findall(".//p")]
    for block in blocks or [root]:
        lines.extend(block.text_content().splitlines())
    return [line.strip() for line in lines if line.strip()]


def text_paragraphs(text):
    """The paragraphs of a text field, one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def selection_label(record, field_name):
    """The label of a selection field's value, in the record's language."""
    value = record[field_name]
    if not value:
        return ""
    field = record._fields[field_name]
    return dict(field._description_selection(record.env)).get(value, value)


class CxzyDocxMixin(models.AbstractModel):
    _name = "cxzy.docx.mixin"
    _description = "Word Documents of a Record"

    #: the kind of ``cxzy.document.template`` the 下载 Word button renders
    _cxzy_docx_kind = None

    # Helpers for the values methods (and for the models that extend them).
    _chinese_date = staticmethod(chinese_date)
    _chinese_date_upper = staticmethod(chinese_date_upper)
    _chinese_numeral = staticmethod(chinese_numeral)
    _html_paragraphs = staticmethod(html_paragraphs)
    _text_paragraphs = staticmethod(text_paragraphs)
    _selection_label = staticmethod(selection_label)

    @api.readonly
    def action_download_docx(self):
        """The button 下载 Word: the document of ``_cxzy_docx_kind``."""
        return self._cxzy_docx_action(self._cxzy_docx_kind)

    def _cxzy_docx_action(self, kind):
        """An action downloading the ``kind`` document of this record from
        the controller, which checks again, on its own, who asks."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/cxzy/docx/{kind}/{self.id}",
            "target": "self",
        }

    def _cxzy_docx_values(self):
        """The values of the record's document (overridden by each model)."""
        self.ensure_one()
        return {"name": self.display_name}

    def _cxzy_docx_filename(self, kind):
        """The file name of the record's ``kind`` document."""
        self.ensure_one()
        template = self.env["cxzy.document.template"]
        label = dict(template._fields["kind"]._description_selection(self.env))
        return f"{label.get(kind, kind)} - {self.display_name}.docx"
