# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models

from ..models.cxzy_member_appraisal import GRADES
from ..models.cxzy_org_assessment import TIERS


class ReportCxzyUpgrade(models.AbstractModel):
    """Values of the printable upgrade report (晋档升级)."""

    _name = "report.cxzy_evaluation.report_upgrade"
    _description = "Upgrade Report (printout)"

    @api.model
    def _get_report_values(self, docids, data=None):
        periods = (
            self.env["cxzy.assessment.period"]
            .browse(docids)
            .sorted(lambda p: (p.campaign_id.id, p.date_start, p.id))
        )
        tier_labels = dict(
            self.env["cxzy.org.assessment"]
            ._fields["tier"]
            ._description_selection(self.env)
        )
        grade_labels = dict(
            self.env["cxzy.member.appraisal"]
            ._fields["grade"]
            ._description_selection(self.env)
        )
        return {
            "doc_ids": periods.ids,
            "doc_model": "cxzy.assessment.period",
            "docs": periods,
            "campaigns": periods.campaign_id,
            "figures": periods._upgrade_figures(),
            "tiers": [(key, tier_labels[key]) for key, _label in TIERS],
            "grades": [(key, grade_labels[key]) for key, _label in GRADES],
        }
