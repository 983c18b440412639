# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

from .cxzy_award_quota import DECIDED_STATES


class CxzyCampaign(models.Model):
    _inherit = "cxzy.campaign"

    assessment_period_ids = fields.One2many(
        "cxzy.assessment.period", "campaign_id", string="Assessment Periods"
    )
    assessment_period_count = fields.Integer(compute="_compute_assessment_period_count")

    def _compute_assessment_period_count(self):
        counts = dict(
            self.env["cxzy.assessment.period"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.assessment_period_count = counts.get(campaign, 0)

    @api.constrains("date_start", "date_end")
    def _check_assessment_periods_inside(self):
        """Moving the campaign's dates may not leave a period outside it."""
        self.env["cxzy.assessment.period"].sudo().search(
            [("campaign_id", "in", self.ids)]
        )._check_inside_campaign()

    @api.readonly
    def action_view_assessment_periods(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_assessment_period_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    @api.readonly
    @api.model
    def get_dashboard_data(self, campaign_id=False):
        """Everything the leading group's dashboard shows of one campaign (by
        default the latest running one), as plain values, in a fixed number of
        queries: see ``cxzy.campaign.dashboard``."""
        return self.env["cxzy.campaign.dashboard"]._get_data(campaign_id)

    # Excel: the honours list (see cxzy_xlsx.py)
    def action_export_honours_xlsx(self):
        return self.env["cxzy.xlsx"]._cxzy_xlsx_action("honours", self)

    def _cxzy_xlsx_honours(self):
        """The honours list of the campaign (one): the nominations the
        leading group has decided (and those commended since), and the
        exemplars set up from them or named directly."""
        self.ensure_one()
        Xlsx = self.env["cxzy.xlsx"]
        string = Xlsx._cxzy_xlsx_string
        Nomination = self.env["cxzy.nomination"]
        nominations = Nomination.search(
            [("campaign_id", "=", self.id), ("state", "in", ("decided", "commended"))]
        )
        nomination_states = Xlsx._cxzy_xlsx_labels(Nomination._name, "state")
        Exemplar = self.env["cxzy.exemplar"]
        exemplars = Exemplar.search(
            [("campaign_id", "=", self.id), ("state", "in", ("active", "archived"))]
        )
        exemplar_states = Xlsx._cxzy_xlsx_labels(Exemplar._name, "state")
        subject_types = Xlsx._cxzy_xlsx_labels(Exemplar._name, "subject_type")
        return (
            self.env._("Honours List %(campaign)s.xlsx", campaign=self.name),
            [
                {
                    "name": self.env._("Commendation List"),
                    "columns": [
                        (string(Nomination._name, "award_type_id"), 18),
                        (self.env._("Honoured Member or Organisation"), 24),
                        (string(Nomination._name, "branch_id"), 24),
                        (string(Nomination._name, "state"), 10),
                        (string(Nomination._name, "decide_date"), 14),
                        (string(Nomination._name, "commendation_date"), 14),
                        (string(Nomination._name, "certificate_number"), 16),
                    ],
                    "rows": [
                        [
                            nomination.award_type_id.name,
                            (
                                nomination.member_id or nomination.organization_id
                            ).display_name,
                            nomination.branch_id.display_name,
                            nomination_states.get(nomination.state),
                            nomination.decide_date,
                            nomination.commendation_date,
                            nomination.certificate_number,
                        ]
                        for nomination in nominations
                    ],
                },
                {
                    "name": self.env._("Exemplar List"),
                    "columns": [
                        (self.env._("Exemplar Name"), 24),
                        (string(Exemplar._name, "subject_type"), 12),
                        (string(Exemplar._name, "branch_id"), 24),
                        (string(Exemplar._name, "post"), 18),
                        (string(Exemplar._name, "nomination_id"), 24),
                        (string(Exemplar._name, "report_date"), 18),
                        (string(Exemplar._name, "state"), 10),
                    ],
                    "rows": [
                        [
                            (
                                exemplar.member_id or exemplar.organization_id
                            ).display_name,
                            subject_types.get(exemplar.subject_type),
                            exemplar.branch_id.display_name,
                            exemplar.post,
                            exemplar.nomination_id.award_type_id.name,
                            Xlsx._cxzy_xlsx_user_datetime(exemplar.report_date),
                            exemplar_states.get(exemplar.state),
                        ]
                        for exemplar in exemplars
                    ],
                },
            ],
        )

    # Word: the 表彰决定 and the plan's criteria (see cxzy_docx_documents.py)
    @api.readonly
    def action_download_commendation_docx(self):
        """The button 下载表彰决定: the decision with its honours list."""
        return self._cxzy_docx_action("commendation")

    def _cxzy_docx_values(self):
        """The plan's contents: the 五个好 and 五个模范 criteria."""
        values = super()._cxzy_docx_values()
        Criterion = self.env["cxzy.criterion"]
        if Criterion.has_access("read"):
            criteria = Criterion.search([])
            for target in ("organization", "member"):
                values[f"criteria_{target}"] = [
                    {
                        "ordinal": self._chinese_numeral(index),
                        "name": criterion.name,
                        "description": criterion.description or "",
                    }
                    for index, criterion in enumerate(
                        criteria.filtered(lambda c, t=target: c.target == t), 1
                    )
                ]
        return values

    def _cxzy_commendation_docx_values(self):
        """表彰决定: the decided and commended nominations of the campaign
        that the reader may read, by award, and the honours list."""
        self.ensure_one()
        Nomination = self.env["cxzy.nomination"]
        nominations = Nomination.browse()
        if Nomination.has_access("read"):
            nominations = Nomination.search(
                [("campaign_id", "=", self.id), ("state", "in", DECIDED_STATES)]
            ).sorted(lambda n: (n.award_type_id.sequence, n.award_type_id.id, n.id))
        awards, honourees = [], []
        for nomination in nominations:
            award = nomination.award_type_id
            if not awards or awards[-1]["id"] != award.id:
                awards.append(
                    {
                        "id": award.id,
                        "ordinal": self._chinese_numeral(len(awards) + 1),
                        "name": award.name,
                        "list": [],
                    }
                )
            name = nomination._cxzy_nominee_name()
            awards[-1]["list"].append(name)
            honourees.append(
                {
                    "number": len(honourees) + 1,
                    "award": award.name,
                    "name": name,
                    "branch": nomination.branch_id.name or "",
                }
            )
        for award in awards:
            award["names"] = "、".join(award["list"])
            award["count"] = len(award["list"])
        decided = [date for date in nominations.mapped("decide_date") if date]
        decision_date = max(decided) if decided else fields.Date.context_today(self)
        return {
            "name": self.name,
            "campaign": self.name,
            "title": f"关于表彰{self.name}先进集体和先进个人的决定",
            "awards": awards,
            "honourees": honourees,
            "honouree_count": len(honourees),
            "issuer_name": self.company_id.name or "",
            "decision_date": self._chinese_date(decision_date),
            "decision_date_upper": self._chinese_date_upper(decision_date),
        }
