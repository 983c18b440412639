# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models
from odoo.exceptions import UserError


class CxzyXlsx(models.AbstractModel):
    _inherit = "cxzy.xlsx"

    @api.model
    def _cxzy_xlsx_kinds(self):
        return {
            **super()._cxzy_xlsx_kinds(),
            "period": ("cxzy.assessment.period", "_cxzy_xlsx_period"),
            "honours": ("cxzy.campaign", "_cxzy_xlsx_honours"),
            "round": ("cxzy.appraisal.round", "_cxzy_xlsx_round"),
        }

    @api.model
    def _cxzy_xlsx_evaluation_sheet(self, name, evaluations, line_model, subject):
        """A sheet of organisation assessments or member appraisals: the
        subject, its state, the score of each criterion, the total, the
        tier or grade, 五个好 or 五个模范, the confirmation date. Two queries
        for the lines and their criteria, whatever the number of rows."""
        model = evaluations._name
        Line = self.env[line_model]
        link = "assessment_id" if "assessment_id" in Line._fields else "appraisal_id"
        scores = {}
        for line in Line.search([(link, "in", evaluations.ids)]):
            scores[line[link].id, line.criterion_id.id] = line.line_score
        criteria = self.env["cxzy.criterion"].browse(
            sorted({criterion_id for _evaluation, criterion_id in scores})
        )
        criteria = criteria.with_context(active_test=False).sorted()
        states = self._cxzy_xlsx_labels(model, "state")
        result, model_flag = (
            ("tier", "five_goods")
            if model == "cxzy.org.assessment"
            else ("grade", "five_models")
        )
        results = self._cxzy_xlsx_labels(model, result)
        string = self._cxzy_xlsx_string
        columns = [
            (string(model, subject), 24),
            *(
                [(string(model, "branch_id"), 24)]
                if model == "cxzy.member.appraisal"
                else []
            ),
            (string(model, "state"), 10),
            *((criterion.name, 14) for criterion in criteria),
            (string(model, "total"), 10),
            (string(model, result), 10),
            (string(model, model_flag), 10),
            (string(model, "confirmed_date"), 14),
        ]
        rows = []
        for evaluation in evaluations:
            rows.append(
                [
                    evaluation[subject].display_name,
                    *(
                        [evaluation.branch_id.display_name]
                        if model == "cxzy.member.appraisal"
                        else []
                    ),
                    states.get(evaluation.state),
                    *(
                        scores.get((evaluation.id, criterion.id))
                        for criterion in criteria
                    ),
                    evaluation.total,
                    results.get(evaluation[result]),
                    self._cxzy_xlsx_yes_no(evaluation[model_flag]),
                    evaluation.confirmed_date,
                ]
            )
        return {"name": name, "columns": columns, "rows": rows}


class CxzyAssessmentPeriod(models.Model):
    _inherit = "cxzy.assessment.period"

    def action_export_results_xlsx(self):
        return self.env["cxzy.xlsx"]._cxzy_xlsx_action("period", self)

    def _cxzy_xlsx_period(self):
        """The assessments of the organisations and the appraisals of the
        members of the period (one) that the user may read, with each
        criterion's score, the total and the result."""
        self.ensure_one()
        Xlsx = self.env["cxzy.xlsx"]
        assessments = self.env["cxzy.org.assessment"].search(
            [("period_id", "=", self.id)]
        )
        appraisals = self.env["cxzy.member.appraisal"].search(
            [("period_id", "=", self.id)]
        )
        return (
            self.env._(
                "Assessment Results %(campaign)s %(period)s.xlsx",
                campaign=self.campaign_id.name,
                period=self.name,
            ),
            [
                Xlsx._cxzy_xlsx_evaluation_sheet(
                    Xlsx._cxzy_xlsx_string(self._name, "assessment_ids"),
                    assessments,
                    "cxzy.org.assessment.line",
                    "organization_id",
                ),
                Xlsx._cxzy_xlsx_evaluation_sheet(
                    Xlsx._cxzy_xlsx_string(self._name, "appraisal_ids"),
                    appraisals,
                    "cxzy.member.appraisal.line",
                    "member_id",
                ),
            ],
        )


class CxzyAppraisalRound(models.Model):
    _inherit = "cxzy.appraisal.round"

    def action_export_results_xlsx(self):
        return self.env["cxzy.xlsx"]._cxzy_xlsx_action("round", self)

    def _cxzy_xlsx_round_check(self):
        """The results of a round show once it is closed and enough voters
        have voted, to whom may read them: so does their export."""
        self.ensure_one()
        if not self.results_visible:
            raise UserError(
                self.env._(
                    "The results of the round %(round)s are not visible yet: they "
                    "show once the round is closed and at least %(minimum)s voters "
                    "have voted.",
                    round=self.name,
                    minimum=self.min_voters,
                )
            )

    def _cxzy_xlsx_round(self):
        """The tallied results of the round (one): per subject and criterion,
        the voters per grade, the voters and the average score, as the
        results view shows them."""
        self._cxzy_xlsx_round_check()
        Xlsx = self.env["cxzy.xlsx"]
        Result = self.env["cxzy.appraisal.result"]
        results = Result.search([("round_id", "=", self.id)])
        figures = (
            "votes_excellent",
            "votes_good",
            "votes_fair",
            "votes_poor",
            "votes",
            "score",
        )
        return (
            self.env._("Appraisal Results %(round)s.xlsx", round=self.name),
            [
                {
                    "name": self.env._("Tallied Results"),
                    "columns": [
                        (Xlsx._cxzy_xlsx_string(Result._name, "subject_name"), 24),
                        (Xlsx._cxzy_xlsx_string(Result._name, "criterion_id"), 24),
                        *(
                            (Xlsx._cxzy_xlsx_string(Result._name, field), 10)
                            for field in figures
                        ),
                    ],
                    "rows": [
                        [
                            result.subject_name,
                            result.criterion_id.name,
                            *(result[field] for field in figures[:-1]),
                            round(result.score, 2),
                        ]
                        for result in results
                    ],
                }
            ],
        )
