# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import datetime
import io
import re

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError

#: who may export lists, in the web client and as these workbooks: the office,
#: the agency Party committee and the leading group imply it
EXPORT_GROUP = "base.group_allow_export"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: characters Excel refuses in a sheet name
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class CxzyXlsx(models.AbstractModel):
    """The campaign's Excel exports: one way to write a sheet, one way to
    deliver a workbook.

    Each kind of export names the model of its source record and the method
    of that record that lists its sheets (see ``_cxzy_xlsx_kinds``). The
    workbook is built with the ORM as the user who asks for it: the source
    record must be readable by them, the rows are those their access rules
    let them read, and nothing is written while exporting (the workbook is
    sent, not stored)."""

    _name = "cxzy.xlsx"
    _description = "Excel Export"

    @api.model
    def _cxzy_xlsx_kinds(self):
        """{kind: (model, method)}: the method of a record of the model
        returns ``(filename, sheets)``; a sheet is a dict with ``name``,
        ``columns`` (a list of ``(header, width)``) and ``rows`` (lists of
        values: text, numbers, ``date``, naive ``datetime`` in the user's
        time zone, or ``None`` for an empty cell)."""
        return {
            "matrix": ("cxzy.campaign", "_cxzy_xlsx_matrix"),
            "roster": ("cxzy.party.organization", "_cxzy_xlsx_roster"),
        }

    @api.model
    def _cxzy_xlsx_may_export(self):
        return self.env.user.has_group(EXPORT_GROUP)

    @api.model
    def _cxzy_xlsx_source(self, kind, res_id):
        """The record to export as ``kind``, once the user may export lists
        and read it; raises otherwise."""
        kinds = self._cxzy_xlsx_kinds()
        if kind not in kinds:
            raise UserError(self.env._("There is no export %(kind)s.", kind=kind))
        if not self._cxzy_xlsx_may_export():
            raise AccessError(
                self.env._(
                    "Only the campaign office, the agency Party committee and the "
                    "leading group may export lists."
                )
            )
        model, method = kinds[kind]
        record = self.env[model].browse(res_id).exists()
        if not record:
            raise MissingError(self.env._("The record to export no longer exists."))
        record.check_access("read")
        return record, method

    @api.model
    def _cxzy_xlsx_action(self, kind, record):
        """The button's action: download the workbook of ``record`` (one)
        through the export route, once the user may."""
        record.ensure_one()
        record, method = self._cxzy_xlsx_source(kind, record.id)
        # Refuse here already what the export would refuse (e.g. results not
        # yet visible), so that the user gets the message in the web client.
        check = getattr(record, f"{method}_check", None)
        if check:
            check()
        return {
            "type": "ir.actions.act_url",
            "url": f"/cxzy/xlsx/{kind}/{record.id}",
            "target": "self",
        }

    @api.model
    def _cxzy_xlsx_export(self, kind, res_id):
        """``(filename, content)`` of the workbook ``kind`` of the record
        ``res_id``, built as the current user."""
        record, method = self._cxzy_xlsx_source(kind, res_id)
        filename, sheets = getattr(record, method)()
        return filename, self._cxzy_xlsx_workbook(sheets)

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_xlsx_sheet_name(self, name, taken):
        name = SHEET_NAME_FORBIDDEN.sub(" ", name or "").strip()[:31] or "Sheet"
        base, number = name, 2
        while name.lower() in taken:
            suffix = f" ({number})"
            name = base[: 31 - len(suffix)] + suffix
            number += 1
        taken.add(name.lower())
        return name

    @api.model
    def _cxzy_xlsx_workbook(self, sheets):
        """The workbook of ``sheets`` (see ``_cxzy_xlsx_kinds``) as bytes:
        a bold header row that stays in view, the columns' widths, dates
        written as dates."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "vcenter", "bottom": 1}
        )
        date_format = workbook.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
        datetime_format = workbook.add_format(
            {"num_format": 'yyyy"年"m"月"d"日" hh:mm'}
        )
        taken = set()
        for spec in sheets:
            sheet = workbook.add_worksheet(
                self._cxzy_xlsx_sheet_name(spec["name"], taken)
            )
            columns = spec["columns"]
            for col, (title, width) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write_string(0, col, title, header)
            sheet.freeze_panes(1, 0)
            for row, values in enumerate(spec["rows"], start=1):
                for col, value in enumerate(values):
                    if value is None or value is False or value == "":
                        continue
                    if isinstance(value, datetime.datetime):
                        sheet.write_datetime(row, col, value, datetime_format)
                    elif isinstance(value, datetime.date):
                        sheet.write_datetime(
                            row,
                            col,
                            datetime.datetime.combine(value, datetime.time()),
                            date_format,
                        )
                    elif isinstance(value, int | float):
                        sheet.write_number(row, col, value)
                    else:
                        sheet.write_string(row, col, str(value))
            if spec["rows"]:
                sheet.autofilter(0, 0, len(spec["rows"]), max(len(columns) - 1, 0))
        workbook.close()
        return output.getvalue()

    @api.model
    def _cxzy_xlsx_user_datetime(self, value):
        """A stored datetime in the user's time zone, without its zone, as a
        spreadsheet wants it."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    @api.model
    def _cxzy_xlsx_yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    @api.model
    def _cxzy_xlsx_labels(self, model, field):
        """{key: label} of a selection field, in the user's language."""
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    @api.model
    def _cxzy_xlsx_string(self, model, field):
        """A field's label in the user's language."""
        return self.env[model]._fields[field]._description_string(self.env)


class CxzyPartyOrganization(models.Model):
    _inherit = "cxzy.party.organization"

    def action_export_roster_xlsx(self):
        return self.env["cxzy.xlsx"]._cxzy_xlsx_action("roster", self)

    def _cxzy_xlsx_roster(self):
        """The Party members of the organisation (one) and of the
        organisations below it that the user may read."""
        self.ensure_one()
        Xlsx = self.env["cxzy.xlsx"]
        Member = self.env["cxzy.party.member"]
        members = Member.search([("organization_id", "child_of", self.id)])
        membership = Xlsx._cxzy_xlsx_labels(Member._name, "membership_type")
        widths = {
            "name": 12,
            "organization_id": 24,
            "branch_id": 24,
            "membership_type": 12,
            "department_id": 18,
            "job_title": 16,
            "party_post": 14,
            "join_date": 14,
            "confirm_date": 14,
        }
        rows = [
            [
                member.name,
                member.organization_id.display_name,
                member.branch_id.display_name,
                membership.get(member.membership_type),
                member.department_id.name,
                member.job_title,
                member.party_post,
                member.join_date,
                member.confirm_date,
            ]
            for member in members
        ]
        return (
            self.env._("Member Roster %(organization)s.xlsx", organization=self.name),
            [
                {
                    "name": self.env._("Member Roster"),
                    "columns": [
                        (self.env._("Member Name"), widths.pop("name")),
                        *(
                            (Xlsx._cxzy_xlsx_string(Member._name, field), width)
                            for field, width in widths.items()
                        ),
                    ],
                    "rows": rows,
                }
            ],
        )
