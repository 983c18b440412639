# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import http
from odoo.http import content_disposition, request

from ..models.cxzy_xlsx import XLSX_MIMETYPE


class CxzyXlsxController(http.Controller):
    @http.route(
        "/cxzy/xlsx/<string:kind>/<int:res_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def cxzy_xlsx(self, kind, res_id):
        """The workbook ``kind`` of the record ``res_id``, built with the
        ORM as the logged-in user: refused (403) to a user who may not
        export lists or read the record, 400 for a refused export (e.g. a
        round whose results are not visible yet). Nothing is stored."""
        filename, content = request.env["cxzy.xlsx"]._cxzy_xlsx_export(kind, res_id)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
                ("Content-Length", len(content)),
            ],
        )
