# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models
from odoo.exceptions import UserError


class ReportCxzyNominationCertificate(models.AbstractModel):
    """The certificate of honour (荣誉证书): printed for commended nominations
    only."""

    _name = "report.cxzy_evaluation.report_cxzy_nomination_certificate"
    _description = "Certificate of Honour"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["cxzy.nomination"].browse(docids)
        docs.check_access("read")
        pending = docs.filtered(lambda n: n.state != "commended")
        if pending:
            raise UserError(
                self.env._(
                    "%(nomination)s has not been commended: its certificate cannot "
                    "be printed yet.",
                    nomination=pending[0].name,
                )
            )
        return {
            "doc_ids": docs.ids,
            "doc_model": "cxzy.nomination",
            "docs": docs,
        }


class ReportCxzyNominationApproval(models.AbstractModel):
    """The recommendation approval form (推荐审批表), for whoever may read the
    nomination."""

    _name = "report.cxzy_evaluation.report_cxzy_nomination_approval"
    _description = "Recommendation Approval Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["cxzy.nomination"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": "cxzy.nomination",
            "docs": docs,
        }
