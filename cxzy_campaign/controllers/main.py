# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import http
from odoo.http import content_disposition, request

DOCX_MIMETYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class CxzyDocxController(http.Controller):
    @http.route(
        "/cxzy/docx/<string:kind>/<int:record_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def cxzy_docx(self, kind, record_id):
        """The ``kind`` Word document of a record, for whoever may read the
        record; on a read-only cursor: a download writes nothing."""
        Template = request.env["cxzy.document.template"]
        spec = Template._cxzy_kinds().get(kind)
        if not spec:
            raise request.not_found()
        record = request.env[spec[0]].browse(record_id).exists()
        if not record:
            raise request.not_found()
        content, filename = Template._cxzy_render(kind, record)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", DOCX_MIMETYPE),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
