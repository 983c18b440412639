# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import base64
import io

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from odoo.addons.cxzy_campaign.models.cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

_OFFICE = ("cxzy_campaign.group_cxzy_office",)

# Changing these would change the totals, tiers and grades of confirmed records.
SCORING_FIELDS = {
    "campaign_id",
    "threshold_advanced",
    "threshold_lagging",
    "weight_self",
    "weight_committee",
    "weight_masses",
    "grade_excellent",
    "grade_qualified",
    "grade_basic",
}


class CxzyAssessmentPeriod(models.Model):
    """An assessment period (考核周期) of a campaign: the window in which the
    organisations are assessed (五个好) and the members appraised (五个模范),
    with the weights of the three sources and the bars of tiers and grades."""

    _name = "cxzy.assessment.period"
    _description = "Assessment Period"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("open", _lt("Open")),
        ("closed", _lt("Closed")),
    ]
    _cxzy_steps = (
        Step("open", _lt("Open"), ("draft",), "open", groups=_OFFICE),
        Step("close", _lt("Close"), ("open",), "closed", groups=_OFFICE),
        # Steps that keep the state: filling the period, checked by the same
        # table (they are not logged: they only create or fill records that
        # log their own steps).
        Step(
            "create_assessments",
            _lt("Create Assessments"),
            ("draft", "open"),
            groups=_OFFICE,
        ),
        Step(
            "create_appraisals",
            _lt("Create Appraisals"),
            ("draft", "open"),
            groups=_OFFICE,
        ),
        Step(
            "fetch_masses_scores",
            _lt("Fetch Masses' Scores"),
            ("draft", "open"),
            groups=("cxzy_campaign.group_cxzy_committee",),
        ),
    )
    _cxzy_locked_states = ("closed",)
    _cxzy_owner_fields = ("campaign_id",)

    name = fields.Char(required=True, tracking=True)
    campaign_id = fields.Many2one(tracking=True, readonly=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    threshold_advanced = fields.Float(
        string="Advanced from",
        default=85.0,
        digits=(5, 2),
        tracking=True,
        help="An organisation whose total reaches this score is advanced (先进).",
    )
    threshold_lagging = fields.Float(
        string="Lagging below",
        default=60.0,
        digits=(5, 2),
        tracking=True,
        help="An organisation whose total is below this score is lagging (后进); "
        "between the two bars it is in the middle (中间).",
    )
    weight_self = fields.Float(
        string="Self-assessment Weight",
        default=0.2,
        tracking=True,
        help="Weight of the self-assessment in each criterion's score.",
    )
    weight_committee = fields.Float(
        string="Review Weight",
        default=0.5,
        tracking=True,
        help="Weight of the review in each criterion's score: the committee's "
        "assessment of an organisation, the branch's assessment of a member.",
    )
    weight_masses = fields.Float(
        string="Masses Weight",
        default=0.3,
        tracking=True,
        help="Weight of the masses' appraisal in each criterion's score.",
    )
    grade_excellent = fields.Float(
        string="Excellent from",
        default=90.0,
        digits=(5, 2),
        tracking=True,
        help="A member whose total reaches this score is excellent (优秀).",
    )
    grade_qualified = fields.Float(
        string="Qualified from",
        default=75.0,
        digits=(5, 2),
        tracking=True,
        help="A member whose total reaches this score is qualified (合格).",
    )
    grade_basic = fields.Float(
        string="Basically Qualified from",
        default=60.0,
        digits=(5, 2),
        tracking=True,
        help="A member whose total reaches this score is basically qualified "
        "(基本合格); below it, unqualified (不合格).",
    )
    assessment_ids = fields.One2many(
        "cxzy.org.assessment", "period_id", string="Organisation Assessments"
    )
    appraisal_ids = fields.One2many(
        "cxzy.member.appraisal", "period_id", string="Member Appraisals"
    )
    assessment_count = fields.Integer(compute="_compute_counts")
    appraisal_count = fields.Integer(compute="_compute_counts")
    pending_count = fields.Integer(
        compute="_compute_counts",
        string="Not Confirmed",
        help="Assessments and appraisals of the period not confirmed yet.",
    )
    note = fields.Text(string="Notes")
    can_open = fields.Boolean(compute="_compute_cxzy_can")
    can_close = fields.Boolean(compute="_compute_cxzy_can")
    can_create_assessments = fields.Boolean(compute="_compute_cxzy_can")
    can_create_appraisals = fields.Boolean(compute="_compute_cxzy_can")
    can_fetch_masses_scores = fields.Boolean(compute="_compute_cxzy_can")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_counts(self):
        counts = {}
        for model in ("cxzy.org.assessment", "cxzy.member.appraisal"):
            for period, state, count in self.env[model]._read_group(
                [("period_id", "in", self.ids)], ["period_id", "state"], ["__count"]
            ):
                entry = counts.setdefault(period.id, {})
                entry[model] = entry.get(model, 0) + count
                if state != "confirmed":
                    entry["pending"] = entry.get("pending", 0) + count
        for period in self:
            entry = counts.get(period.id, {})
            period.assessment_count = entry.get("cxzy.org.assessment", 0)
            period.appraisal_count = entry.get("cxzy.member.appraisal", 0)
            period.pending_count = entry.get("pending", 0)

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("campaign_id", "date_start", "date_end")
    def _check_inside_campaign(self):
        for period in self:
            campaign = period.campaign_id
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._(
                        "The assessment period %(period)s ends before it starts.",
                        period=period.name,
                    )
                )
            if (
                period.date_start < campaign.date_start
                or period.date_end > campaign.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The assessment period %(period)s (%(start)s – %(end)s) "
                        "lies outside its campaign %(campaign)s (%(campaign_start)s "
                        "– %(campaign_end)s).",
                        period=period.name,
                        start=period.date_start,
                        end=period.date_end,
                        campaign=campaign.name,
                        campaign_start=campaign.date_start,
                        campaign_end=campaign.date_end,
                    )
                )

    @api.constrains(
        "threshold_advanced",
        "threshold_lagging",
        "grade_excellent",
        "grade_qualified",
        "grade_basic",
    )
    def _check_thresholds(self):
        for period in self:
            bars = (
                period.threshold_lagging,
                period.threshold_advanced,
                period.grade_basic,
                period.grade_qualified,
                period.grade_excellent,
            )
            if any(not 0 <= bar <= 100 for bar in bars):
                raise ValidationError(
                    self.env._(
                        "The bars of the tiers and grades of %(period)s must lie "
                        "between 0 and 100.",
                        period=period.name,
                    )
                )
            if period.threshold_lagging >= period.threshold_advanced:
                raise ValidationError(
                    self.env._(
                        "In %(period)s the bar of the lagging tier must be below "
                        "the bar of the advanced tier.",
                        period=period.name,
                    )
                )
            if not (
                period.grade_basic < period.grade_qualified < period.grade_excellent
            ):
                raise ValidationError(
                    self.env._(
                        "In %(period)s the grade bars must rise from basically "
                        "qualified to qualified to excellent.",
                        period=period.name,
                    )
                )

    @api.constrains("weight_self", "weight_committee", "weight_masses")
    def _check_weights(self):
        for period in self:
            weights = period._source_weights()
            if any(weight < 0 for weight in weights) or sum(weights) <= 0:
                raise ValidationError(
                    self.env._(
                        "The weights of the self-assessment, the review and the "
                        "masses in %(period)s cannot be negative and must not all "
                        "be zero.",
                        period=period.name,
                    )
                )

    def _source_weights(self):
        self.ensure_one()
        return (self.weight_self, self.weight_committee, self.weight_masses)

    def _has_confirmed(self):
        """Periods of ``self`` holding a confirmed assessment or appraisal."""
        period_ids = set()
        for model in ("cxzy.org.assessment", "cxzy.member.appraisal"):
            period_ids.update(
                period.id
                for [period] in self.env[model]
                .sudo()
                ._read_group(
                    [("period_id", "in", self.ids), ("state", "=", "confirmed")],
                    ["period_id"],
                )
            )
        return self.filtered(lambda p: p.id in period_ids)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if SCORING_FIELDS & set(vals):
            # Not even server code changes how confirmed results were made.
            locked = self._has_confirmed()
            if locked:
                raise UserError(
                    self.env._(
                        "%(period)s already has confirmed assessments: its campaign, "
                        "weights and bars can no longer change.",
                        period=locked[0].name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_open(self):
        return self._cxzy_do("open")

    def _cxzy_check_close(self):
        for period in self:
            pending = period.sudo().pending_count
            if pending:
                raise UserError(
                    self.env._(
                        "%(period)s still has %(count)s assessments or appraisals "
                        "that the leading group has not confirmed.",
                        period=period.name,
                        count=pending,
                    )
                )

    def action_close(self):
        return self._cxzy_do("close")

    def action_create_assessments(self):
        """One assessment per participating organisation of the campaign, with
        one line per active Five Goods criterion; organisations already assessed
        in the period are skipped."""
        self._cxzy_check("create_assessments")
        Assessment = self.env["cxzy.org.assessment"]
        criteria = self.env["cxzy.criterion"].search([("target", "=", "organization")])
        if not criteria:
            raise UserError(self.env._("There is no active Five Goods criterion."))
        lines = self._criterion_snapshots(criteria)
        existing = {
            (a.period_id.id, a.organization_id.id)
            for a in Assessment.sudo().search_fetch(
                [("period_id", "in", self.ids)], ["period_id", "organization_id"]
            )
        }
        vals_list = [
            {
                "period_id": period.id,
                "organization_id": organization.id,
                "line_ids": [Command.create(line) for line in lines],
            }
            for period in self
            for organization in period.campaign_id.organization_ids
            if (period.id, organization.id) not in existing
        ]
        assessments = Assessment.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(vals_list)
        assessments._apply_masses_results(self._masses_results())
        return self.action_view_assessments()

    def action_create_appraisals(self):
        """One appraisal per member of the participating organisations, with one
        line per active Five Models criterion; members already appraised in the
        period are skipped."""
        self._cxzy_check("create_appraisals")
        Appraisal = self.env["cxzy.member.appraisal"]
        criteria = self.env["cxzy.criterion"].search([("target", "=", "member")])
        if not criteria:
            raise UserError(self.env._("There is no active Five Models criterion."))
        lines = self._criterion_snapshots(criteria)
        existing = {
            (a.period_id.id, a.member_id.id)
            for a in Appraisal.sudo().search_fetch(
                [("period_id", "in", self.ids)], ["period_id", "member_id"]
            )
        }
        members = self.env["cxzy.party.member"].search_fetch(
            [("branch_id", "in", self.campaign_id.organization_ids.ids)],
            ["branch_id"],
        )
        vals_list = [
            {
                "period_id": period.id,
                "member_id": member.id,
                "line_ids": [Command.create(line) for line in lines],
            }
            for period in self
            for member in members
            if member.branch_id in period.campaign_id.organization_ids
            and (period.id, member.id) not in existing
        ]
        appraisals = Appraisal.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(vals_list)
        appraisals._apply_masses_results(self._masses_results())
        return self.action_view_appraisals()

    @api.model
    def _criterion_snapshots(self, criteria):
        """Line values of the criteria: the lines copy each criterion's weight
        and bar when they are made, so that editing the library later does
        not change a past assessment."""
        return [
            {"criterion_id": criterion.id, "sequence": criterion.sequence}
            for criterion in criteria
        ]

    # ------------------------------------------------------------------
    # The masses' appraisal
    # ------------------------------------------------------------------
    def _masses_results(self):
        """Results of the closed appraisal rounds of the periods:
        {(period id, subject type, subject id, criterion id): (count, score)}.
        Two rounds on the same subject and criterion are merged, weighted by
        their number of voters."""
        if "cxzy.appraisal.round" not in self.env or not self:
            return {}
        rounds = (
            self.env["cxzy.appraisal.round"]
            .sudo()
            .search([("period_id", "in", self.ids), ("state", "=", "closed")])
        )
        merged = {}
        for appraisal_round in rounds:
            for (subject_id, criterion_id), result in (
                appraisal_round._results() or {}
            ).items():
                key = (
                    appraisal_round.period_id.id,
                    appraisal_round.subject_type,
                    subject_id,
                    criterion_id,
                )
                count, score = merged.get(key, (0, 0.0))
                new_count = result.get("count") or 0
                if not new_count:
                    continue
                merged[key] = (
                    count + new_count,
                    (score * count + result["score"] * new_count) / (count + new_count),
                )
        return merged

    def action_fetch_masses_scores(self):
        """Fill the masses' scores of the assessments and appraisals still open
        to review from the results of the period's closed rounds: the only
        way a masses' score gets on a line."""
        self._cxzy_check("fetch_masses_scores")
        results = self._masses_results()
        domain = [("period_id", "in", self.ids)]
        self.env["cxzy.org.assessment"].search(domain)._apply_masses_results(results)
        self.env["cxzy.member.appraisal"].search(domain)._apply_masses_results(results)
        return True

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------
    @api.readonly
    def action_view_assessments(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_org_assessment_action"
        )
        action["domain"] = [("period_id", "in", self.ids)]
        action["context"] = {"default_period_id": self[:1].id}
        return action

    @api.readonly
    def action_view_appraisals(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_member_appraisal_action"
        )
        action["domain"] = [("period_id", "in", self.ids)]
        action["context"] = {"default_period_id": self[:1].id}
        return action

    @api.readonly
    def action_view_upgrade_report(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_upgrade_report_action"
        )
        action["domain"] = [("campaign_id", "in", self.campaign_id.ids)]
        return action

    # ------------------------------------------------------------------
    # Grades over time (晋档升级)
    # ------------------------------------------------------------------
    def _model_shares(self):
        """The one definition of the Five Goods / Five Models share, for the
        dashboard and the upgrade report alike: among the assessments of each
        period that the leading group has confirmed, how many organisations
        are Five Goods and how many members Five Models (an assessment not yet
        confirmed counts in neither part). Counted over the whole period,
        whoever looks: only counts are read as the system.

        {period: {"organization": {"count", "model_count", "share"},
                  "member": {...}}}, in two queries."""
        shares = {
            period: {
                subject_type: {"count": 0, "model_count": 0, "share": 0.0}
                for subject_type in ("organization", "member")
            }
            for period in self
        }
        domain = [("period_id", "in", self.ids), ("state", "=", "confirmed")]
        for model, subject_type, flag in (
            ("cxzy.org.assessment", "organization", "five_goods"),
            ("cxzy.member.appraisal", "member", "five_models"),
        ):
            for period, is_model, count in (
                self.env[model]
                .sudo()
                ._read_group(domain, ["period_id", flag], ["__count"])
            ):
                entry = shares[period][subject_type]
                entry["count"] += count
                if is_model:
                    entry["model_count"] += count
        for figures in shares.values():
            for entry in figures.values():
                entry["share"] = (
                    100.0 * entry["model_count"] / entry["count"]
                    if entry["count"]
                    else 0.0
                )
        return shares

    def _upgrade_figures(self):
        """Per period of ``self``: the organisations and members graded, how
        many are Five Goods / Five Models and their share, how many per tier or
        grade, and how many moved up or down since their previous period.
        {period: {"organization": {...}, "member": {...}}}, in fixed queries,
        counted over the whole period whoever looks (counts only)."""
        Report = self.env["cxzy.upgrade.report"].sudo()
        domain = [("period_id", "in", self.ids)]
        figures = {
            period: {
                subject_type: {
                    "count": 0,
                    "model_count": 0,
                    "share": 0.0,
                    "up": 0,
                    "down": 0,
                    "levels": {},
                }
                for subject_type in ("organization", "member")
            }
            for period in self
        }
        for period, subject_type, up, down in Report._read_group(
            domain,
            ["period_id", "subject_type"],
            ["moved_up:sum", "moved_down:sum"],
        ):
            figures[period][subject_type].update(up=up, down=down)
        for period, shares in self._model_shares().items():
            for subject_type, entry in shares.items():
                figures[period][subject_type].update(entry)
        for period, subject_type, tier, grade, count in Report._read_group(
            domain, ["period_id", "subject_type", "tier", "grade"], ["__count"]
        ):
            key = tier if subject_type == "organization" else grade
            figures[period][subject_type]["levels"][key] = count
        return figures

    @api.readonly
    def action_print_upgrade_report(self):
        return self.env.ref("cxzy_evaluation.action_report_upgrade").report_action(
            self.sorted(lambda p: (p.date_start, p.id))
        )

    def action_export_upgrade_xlsx(self):
        """The upgrade report of the periods as an Excel workbook: the figures
        per period, then each organisation's tier and each member's grade over
        the periods."""
        if not self:
            raise UserError(self.env._("Select the periods to export."))
        content = self._upgrade_xlsx()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Upgrade Report %(campaign)s.xlsx",
                    campaign=", ".join(self.campaign_id.mapped("name")),
                ),
                "datas": base64.b64encode(content),
                # Attached to nothing: only its requester downloads it.
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _upgrade_xlsx(self):
        periods = self.sorted(lambda p: (p.date_start, p.id))
        figures = periods._upgrade_figures()
        _ = self.env._
        tiers = dict(
            self.env["cxzy.org.assessment"]
            ._fields["tier"]
            ._description_selection(self.env)
        )
        grades = dict(
            self.env["cxzy.member.appraisal"]
            ._fields["grade"]
            ._description_selection(self.env)
        )
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "text_wrap": True})
        percent = workbook.add_format({"num_format": "0.0"})

        sheet = workbook.add_worksheet(_("Figures"))
        header = [
            _("Campaign"),
            _("Period"),
            _("Start Date"),
            _("End Date"),
            _("Organisations"),
            _("Five Goods"),
            _("Five Goods %"),
            *(tiers[key] for key in ("advanced", "middle", "lagging")),
            _("Organisations Moved Up"),
            _("Organisations Moved Down"),
            _("Members"),
            _("Five Models"),
            _("Five Models %"),
            *(
                grades[key]
                for key in ("excellent", "qualified", "basic", "unqualified")
            ),
            _("Members Moved Up"),
            _("Members Moved Down"),
        ]
        sheet.write_row(0, 0, header, bold)
        for row, period in enumerate(periods, start=1):
            org = figures[period]["organization"]
            member = figures[period]["member"]
            values = [
                period.campaign_id.name,
                period.name,
                fields.Date.to_string(period.date_start),
                fields.Date.to_string(period.date_end),
                org["count"],
                org["model_count"],
                org["share"],
                *(
                    org["levels"].get(key, 0)
                    for key in ("advanced", "middle", "lagging")
                ),
                org["up"],
                org["down"],
                member["count"],
                member["model_count"],
                member["share"],
                *(
                    member["levels"].get(key, 0)
                    for key in ("excellent", "qualified", "basic", "unqualified")
                ),
                member["up"],
                member["down"],
            ]
            sheet.write_row(row, 0, values)
            sheet.write_number(row, 6, org["share"], percent)
            sheet.write_number(row, 14, member["share"], percent)
        sheet.set_column(0, 1, 24)
        sheet.set_column(2, len(header), 12)

        history = self.env["cxzy.grade.history"].search(
            [("period_id", "in", periods.ids)]
        )
        column_of = {period: col for col, period in enumerate(periods, start=1)}
        for subject_type, title, label in (
            ("organization", _("Organisations"), tiers),
            ("member", _("Members"), grades),
        ):
            sheet = workbook.add_worksheet(title)
            sheet.write_row(0, 0, [title, *periods.mapped("name")], bold)
            rows = history.filtered(lambda h, t=subject_type: h.subject_type == t)
            subjects = rows.mapped(
                "organization_id" if subject_type == "organization" else "member_id"
            ).sorted(lambda s: (s.display_name, s.id))
            row_of = {subject: row for row, subject in enumerate(subjects, start=1)}
            for subject, row in row_of.items():
                sheet.write(row, 0, subject.display_name)
            for line in rows:
                subject = line.organization_id or line.member_id
                value = label.get(line.tier or line.grade, "")
                if line.five_goods or line.five_models:
                    value = f"{value} ★"
                sheet.write(row_of[subject], column_of[line.period_id], value)
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, len(periods), 16)
        workbook.close()
        return output.getvalue()
