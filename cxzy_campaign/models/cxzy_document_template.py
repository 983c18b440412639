# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import base64
import io
import logging
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import file_open

from .cxzy_docx_mixin import chinese_date, chinese_date_upper

_logger = logging.getLogger(__name__)

try:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
except ImportError:  # pragma: no cover - declared in external_dependencies
    _logger.debug("docxtpl is not installed: Word documents cannot be rendered")
    DocxTemplate = None
    TemplateError = Exception

KINDS = [
    ("campaign_plan", "Implementation Plan"),
    ("pledge", "Pledge Letter"),
    ("duty_report", "Duty Report"),
    ("party_spirit_report", "Party-Spirit Analysis Report"),
    ("phase_summary", "Phase Summary"),
    ("campaign_summary", "Campaign Summary"),
]
#: the largest template the office may upload
MAX_TEMPLATE_SIZE = 10 * 1024 * 1024


class CxzyDocumentTemplate(models.Model):
    """The Word template (.docx) of one kind of document: the one shipped in
    the addon, or the office's own upload, until it goes back to the default.

    A kind is declared in :meth:`_cxzy_kinds`: the model of its records, the
    method returning the template's values, and the default file."""

    _name = "cxzy.document.template"
    _description = "Word Template"
    _inherit = ["cxzy.guard.mixin"]
    _order = "kind, company_id, id"
    #: a template stays of its kind and agency
    _cxzy_owner_fields = ("kind", "company_id")

    kind = fields.Selection(KINDS, required=True)
    company_id = fields.Many2one(
        "res.company",
        help="The agency this template is for; empty: every agency without its own.",
    )
    template_file = fields.Binary(
        string="Own Template (.docx)",
        attachment=True,
        copy=False,
        help="The office's own Word template, with docxtpl placeholders: start "
        "from the default template, which holds every placeholder of its kind. "
        "Empty: the default template is used.",
    )
    template_filename = fields.Char(string="Template File Name", copy=False)
    is_custom = fields.Boolean(
        string="Own Template", compute="_compute_is_custom", store=True
    )
    default_file = fields.Binary(
        string="Default Template",
        compute="_compute_default_file",
        help="The template shipped with the addon: download it to start an own one.",
    )
    default_filename = fields.Char(compute="_compute_default_file")
    red_header = fields.Boolean(
        help="Print the issuing body's red header (红头) above the title.",
    )
    issuer = fields.Char(
        string="Issuing Body",
        help="The red header's text, e.g. 中共河北省人民政府研究室党组文件; "
        "empty: the agency's name.",
    )
    active = fields.Boolean(default=True)

    @api.model
    def _cxzy_kinds(self):
        """``{kind: (model, values method, default file)}``. The values
        method is a method of the record without arguments; a record without
        it gives its ``_cxzy_docx_values()``."""
        return {
            "campaign_plan": (
                "cxzy.campaign",
                "_cxzy_docx_values",
                "cxzy_campaign/data/docx/campaign_plan.docx",
            ),
            "pledge": (
                "cxzy.pledge",
                "_cxzy_docx_values",
                "cxzy_campaign/data/docx/pledge.docx",
            ),
            "duty_report": (
                "cxzy.duty.report",
                "_cxzy_docx_values",
                "cxzy_campaign/data/docx/duty_report.docx",
            ),
            "party_spirit_report": (
                "cxzy.party.spirit.report",
                "_cxzy_docx_values",
                "cxzy_campaign/data/docx/party_spirit_report.docx",
            ),
            "phase_summary": (
                "cxzy.phase.summary",
                "_cxzy_docx_values",
                "cxzy_campaign/data/docx/phase_summary.docx",
            ),
            # The campaign's overall summary: its values come from
            # _cxzy_summary_docx_values() when the record has it.
            "campaign_summary": (
                "cxzy.campaign",
                "_cxzy_summary_docx_values",
                "cxzy_campaign/data/docx/campaign_summary.docx",
            ),
        }

    @api.depends("kind", "company_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for template in self:
            label = labels.get(template.kind, "")
            template.display_name = (
                f"{label} ({template.company_id.name})"
                if template.company_id
                else label
            )

    @api.depends("template_file")
    def _compute_is_custom(self):
        for template in self:
            template.is_custom = bool(template.template_file)

    @api.depends("kind")
    def _compute_default_file(self):
        kinds = self._cxzy_kinds()
        for template in self:
            spec = kinds.get(template.kind)
            data = self._cxzy_default_bytes(template.kind) if spec else False
            template.default_file = base64.b64encode(data) if data else False
            template.default_filename = (
                f"{template.kind}.docx" if template.kind else False
            )

    @api.model
    def _cxzy_default_bytes(self, kind):
        with file_open(self._cxzy_kinds()[kind][2], "rb") as handle:
            return handle.read()

    @api.constrains("kind", "company_id", "active")
    def _check_one_per_kind(self):
        for template in self.filtered("active"):
            if self.search_count(
                [
                    ("id", "!=", template.id),
                    ("kind", "=", template.kind),
                    ("company_id", "=", template.company_id.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "There is already a Word template of the kind %(kind)s "
                        "for this agency: upload the new file on that one.",
                        kind=dict(
                            self._fields["kind"]._description_selection(self.env)
                        )[template.kind],
                    )
                )

    @api.constrains("template_file", "template_filename")
    def _check_template_file(self):
        for template in self.filtered("template_file"):
            filename = template.template_filename or ""
            if filename and not filename.lower().endswith(".docx"):
                raise ValidationError(self._cxzy_not_docx_message(filename))
            data = base64.b64decode(template.with_context(bin_size=False).template_file)
            self._cxzy_check_docx(data, filename)

    def _cxzy_not_docx_message(self, filename):
        return self.env._(
            "%(file)s is not a Word document: upload a .docx file (Word 2007 "
            "or later; save an old .doc or a WPS file as .docx first).",
            file=filename or self.env._("The uploaded file"),
        )

    @api.model
    def _cxzy_check_docx(self, data, filename=""):
        """Refuse what is not a .docx template docxtpl can read."""
        if len(data) > MAX_TEMPLATE_SIZE:
            raise ValidationError(
                self.env._("A Word template may not be larger than 10 MB.")
            )
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" not in names:
            raise ValidationError(self._cxzy_not_docx_message(filename))
        try:
            DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
        except TemplateError as error:
            raise ValidationError(
                self.env._(
                    "The placeholders of the Word template are wrong: %(error)s",
                    error=error,
                )
            ) from error
        except Exception as error:
            raise ValidationError(self._cxzy_not_docx_message(filename)) from error

    def action_reset_default(self):
        """Go back to the template shipped with the addon."""
        self.write({"template_file": False, "template_filename": False})
        return True

    @api.model
    def _cxzy_template_for(self, kind, company):
        """The active template of ``kind`` for ``company``: the company's
        own, else the one for every agency (empty when there is none)."""
        templates = self.search(
            [("kind", "=", kind), ("company_id", "in", [company.id, False])]
        )
        return templates.filtered("company_id")[:1] or templates[:1]

    def _cxzy_common_values(self, record, company):
        """What every document may print: the red header and today."""
        today = fields.Date.context_today(record)
        return {
            "red_header": bool(self.red_header),
            "issuer": self.issuer or company.name or "",
            "company": company.name or "",
            "today": chinese_date(today),
            "today_upper": chinese_date_upper(today),
        }

    @api.model
    def _cxzy_render(self, kind, record):
        """``(content, filename)`` of the ``kind`` document of ``record``,
        for whoever may read it. Reads only: downloading writes nothing."""
        spec = self._cxzy_kinds().get(kind)
        if not spec or record._name != spec[0] or len(record) != 1:
            raise UserError(self.env._("There is no such Word document."))
        record.check_access("read")
        lang = (
            "zh_CN"
            if "zh_CN" in dict(self.env["res.lang"].get_installed())
            else (self.env.lang or "en_US")
        )
        record = record.with_context(lang=lang)
        company = (
            record.company_id
            if "company_id" in record._fields and record.company_id
            else self.env.company
        )
        template = self.with_context(lang=lang)._cxzy_template_for(kind, company)
        values_method = getattr(record, spec[1], None) or record._cxzy_docx_values
        values = dict(values_method())
        values.update(template._cxzy_common_values(record, company))
        if template.template_file:
            data = base64.b64decode(template.with_context(bin_size=False).template_file)
        else:
            data = self._cxzy_default_bytes(kind)
        try:
            document = DocxTemplate(io.BytesIO(data))
            document.render(values, autoescape=True)
            output = io.BytesIO()
            document.save(output)
        except TemplateError as error:
            raise UserError(
                self.env._(
                    "The Word template %(template)s cannot be filled in: "
                    "%(error)s. The office may correct it or go back to the "
                    "default template.",
                    template=template.display_name or kind,
                    error=error,
                )
            ) from error
        return output.getvalue(), record._cxzy_docx_filename(kind)
