# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The campaign's summary (活动总结, the 系统总结、完善机制 phase): figures
counted from the records when the office draws it up, the office's text, and
once issued, nothing changes it: the figures are stored lines, not computed
again."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

OFFICE = "cxzy_campaign.group_cxzy_office"

#: the sections of the figures, in the order the summary shows them
SECTIONS = [
    ("completion", "Completion of the Tasks"),
    ("pledge", "Pledges"),
    ("post", "Demonstration Posts"),
    ("service", "Service Pairing"),
    ("event", "Activities and Attendance"),
    ("grade", "Grade Moves"),
    ("honour", "Commendations and Exemplars"),
    ("achievement", "Achievements"),
]


class CxzyCampaignSummary(models.Model):
    """The summary of a campaign (one per campaign)."""

    _name = "cxzy.campaign.summary"
    _description = "Campaign Summary"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.workflow.mixin",
        "cxzy.campaign.bound.mixin",
    ]
    _order = "campaign_id desc, id desc"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("issued", _lt("Issued")),
    ]
    _cxzy_steps = (
        Step(
            "draw_up",
            _lt("Draw Up the Figures"),
            ("draft",),
            None,
            groups=(OFFICE,),
            sets=("line_ids", "achievement_ids", "drawn_date"),
        ),
        Step(
            "issue",
            _lt("Issue"),
            ("draft",),
            "issued",
            groups=(OFFICE,),
            sets=("issue_date", "issued_by_id"),
        ),
    )
    _cxzy_owner_fields = ("campaign_id",)
    #: an issued summary is on record: its text and its figures stay as issued
    _cxzy_locked_states = ("issued",)

    name = fields.Char(string="Title", required=True, tracking=True)
    campaign_id = fields.Many2one(tracking=True)
    text = fields.Html(
        sanitize=True,
        help="The office's summary: what was done, what was learnt, the "
        "shortcomings found and the measures to improve.",
    )
    line_ids = fields.One2many(
        "cxzy.campaign.summary.line", "summary_id", string="Figures", readonly=True
    )
    achievement_ids = fields.Many2many(
        "cxzy.achievement",
        "cxzy_campaign_summary_achievement_rel",
        "summary_id",
        "achievement_id",
        string="Achievements",
        readonly=True,
        help="The confirmed achievements when the figures were drawn up.",
    )
    measure_ids = fields.One2many(
        "cxzy.improvement.measure",
        "campaign_summary_id",
        string="Improvement Measures",
    )
    drawn_date = fields.Datetime(
        string="Figures Drawn Up On", readonly=True, copy=False
    )
    issue_date = fields.Date(string="Issued On", readonly=True, copy=False)
    issued_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    can_draw_up = fields.Boolean(compute="_compute_cxzy_can")
    can_issue = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "campaign_uniq",
            "unique(campaign_id)",
            "A campaign has one summary.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """One summary per campaign: said in the user's words before the
        database refuses the second one."""
        if not self.env.su:
            self.check_access("create")
        campaign_ids = [vals.get("campaign_id") for vals in vals_list]
        taken = self.sudo().search([("campaign_id", "in", campaign_ids)], limit=1)
        if taken or len(set(campaign_ids)) < len(campaign_ids):
            campaign = taken.campaign_id or self.env["cxzy.campaign"].browse(
                campaign_ids[0]
            )
            raise ValidationError(
                self.env._(
                    "%(campaign)s already has its summary: a campaign has one.",
                    campaign=campaign.sudo().name,
                )
            )
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        if "name" in fields_list and not defaults.get("name"):
            campaign = self.env["cxzy.campaign"].browse(defaults.get("campaign_id"))
            if campaign:
                defaults["name"] = self.env._(
                    "Summary of %(campaign)s", campaign=campaign.name
                )
        return defaults

    @api.onchange("campaign_id")
    def _onchange_campaign_id(self):
        if self.campaign_id and not self.name:
            self.name = self.env._(
                "Summary of %(campaign)s", campaign=self.campaign_id.name
            )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_draw_up(self):
        """Count the figures from the records now (replacing those drawn up
        before): a fixed number of grouped queries, however many branches."""
        self._cxzy_check("draw_up")
        figures = {summary: summary._cxzy_summary_figures() for summary in self}
        achievements = {
            summary: summary._cxzy_confirmed_achievements() for summary in self
        }
        now = fields.Datetime.now()
        return self._cxzy_do(
            "draw_up",
            lambda summary: {
                "line_ids": [Command.clear()]
                + [
                    Command.create(dict(values, sequence=index))
                    for index, values in enumerate(figures[summary])
                ],
                "achievement_ids": [Command.set(achievements[summary].ids)],
                "drawn_date": now,
            },
        )

    def _cxzy_check_issue(self):
        for summary in self:
            if not summary.drawn_date:
                raise UserError(
                    self.env._(
                        "Draw up the figures of %(summary)s before issuing it.",
                        summary=summary.name,
                    )
                )
            if is_html_empty(summary.text):
                raise UserError(
                    self.env._(
                        "Write the text of %(summary)s before issuing it.",
                        summary=summary.name,
                    )
                )

    def action_issue(self):
        """Issue the summary: from now on its text and figures are on record."""
        return self._cxzy_do(
            "issue",
            {
                "issue_date": fields.Date.context_today(self),
                "issued_by_id": self.env.user.id,
            },
        )

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------
    def _cxzy_confirmed_achievements(self):
        self.ensure_one()
        return (
            self.env["cxzy.achievement"]
            .sudo()
            .search(
                [("campaign_id", "=", self.campaign_id.id), ("state", "=", "confirmed")]
            )
        )

    def _cxzy_summary_figures(self):
        """The figures of the summary's campaign, counted over the whole
        campaign (only counts are read, as the system): a list of line
        values (section, key, label, value, base, organisation, phase).
        Grouped queries only: their number does not grow with the records.
        The evaluation addon adds its sections."""
        self.ensure_one()
        lines = []
        lines += self._cxzy_figures_completion()
        lines += self._cxzy_figures_pledges()
        lines += self._cxzy_figures_posts()
        lines += self._cxzy_figures_service()
        lines += self._cxzy_figures_events()
        lines += self._cxzy_figures_achievements()
        return lines

    def _cxzy_line(self, section, key, label, value, base=0.0, **extra):
        return {
            "section": section,
            "key": key,
            "label": label,
            "value": value or 0,
            "base": base or 0,
            "organization_id": extra.get("organization") and extra["organization"].id,
            "phase_id": extra.get("phase") and extra["phase"].id,
        }

    def _cxzy_figures_completion(self):
        """Assignments done of all (cancelled ones left out), per organisation
        and phase, and for the whole campaign."""
        Assignment = self.env["cxzy.campaign.assignment"].sudo()
        groups = Assignment._read_group(
            [("campaign_id", "=", self.campaign_id.id), ("state", "!=", "cancelled")],
            ["organization_id", "phase_id", "state"],
            ["__count"],
        )
        cells = {}
        for organization, phase, state, count in groups:
            cell = cells.setdefault((organization, phase), [0, 0])
            cell[1] += count
            if state == "done":
                cell[0] += count
        lines = []
        done_total = sum(cell[0] for cell in cells.values())
        total = sum(cell[1] for cell in cells.values())
        lines.append(
            self._cxzy_line(
                "completion",
                "completion_total",
                self.env._("Assignments done, whole campaign"),
                done_total,
                total,
            )
        )
        for (organization, phase), (done, count) in sorted(
            cells.items(),
            key=lambda item: (
                item[0][0].sequence,
                item[0][0].id,
                item[0][1].sequence,
                item[0][1].id,
            ),
        ):
            lines.append(
                self._cxzy_line(
                    "completion",
                    "completion",
                    self.env._(
                        "%(organization)s: %(phase)s",
                        organization=organization.name or self.env._("Campaign Office"),
                        phase=phase.name or "",
                    ),
                    done,
                    count,
                    organization=organization,
                    phase=phase,
                )
            )
        return lines

    def _cxzy_figures_pledges(self):
        """Pledges made, published (公示) and assessed (评诺), and the ratings."""
        Pledge = self.env["cxzy.pledge"].sudo()
        groups = Pledge._read_group(
            [("campaign_id", "=", self.campaign_id.id)],
            ["state", "assessment_rating"],
            ["__count"],
        )
        total = published = assessed = 0
        ratings = {}
        for state, rating, count in groups:
            total += count
            if state in ("published", "assessed"):
                published += count
            if state == "assessed":
                assessed += count
                if rating:
                    ratings[rating] = ratings.get(rating, 0) + count
        lines = [
            self._cxzy_line("pledge", "pledge_total", self.env._("Pledges"), total),
            self._cxzy_line(
                "pledge",
                "pledge_published",
                self.env._("Pledges published"),
                published,
                total,
            ),
            self._cxzy_line(
                "pledge",
                "pledge_assessed",
                self.env._("Pledges assessed"),
                assessed,
                total,
            ),
        ]
        labels = dict(
            Pledge._fields["assessment_rating"]._description_selection(self.env)
        )
        for key, label in labels.items():
            lines.append(
                self._cxzy_line(
                    "pledge",
                    f"pledge_rating_{key}",
                    self.env._("Pledges rated “%(rating)s”", rating=label),
                    ratings.get(key, 0),
                    assessed,
                )
            )
        return lines

    def _cxzy_figures_posts(self):
        """Demonstration posts confirmed, and the branches holding one."""
        Post = self.env["cxzy.demonstration.post"].sudo()
        domain = [
            ("campaign_id", "=", self.campaign_id.id),
            ("state", "=", "confirmed"),
        ]
        groups = Post._read_group(domain, ["organization_id"], ["__count"])
        branches = len(self.campaign_id.sudo().organization_ids)
        return [
            self._cxzy_line(
                "post",
                "post_confirmed",
                self.env._("Demonstration posts confirmed"),
                sum(count for _organization, count in groups),
            ),
            self._cxzy_line(
                "post",
                "post_branches",
                self.env._("Branches with a demonstration post"),
                len(groups),
                branches,
            ),
        ]

    def _cxzy_figures_service(self):
        """Pairings, their service records and the people served."""
        campaign = self.campaign_id.id
        Pairing = self.env["cxzy.service.pairing"].sudo()
        Record = self.env["cxzy.service.record"].sudo()
        pairings = dict(
            Pairing._read_group(
                [("campaign_id", "=", campaign)], ["state"], ["__count"]
            )
        )
        [(records, served)] = Record._read_group(
            [("campaign_id", "=", campaign)], [], ["__count", "people_served:sum"]
        )
        return [
            self._cxzy_line(
                "service",
                "pairing_total",
                self.env._("Service pairings"),
                sum(pairings.values()),
            ),
            self._cxzy_line(
                "service",
                "pairing_active",
                self.env._("Service pairings still active"),
                pairings.get("active", 0),
                sum(pairings.values()),
            ),
            self._cxzy_line(
                "service",
                "service_record_total",
                self.env._("Service records"),
                records,
            ),
            self._cxzy_line(
                "service", "people_served", self.env._("People served"), served
            ),
        ]

    def _cxzy_figures_events(self):
        """Activities held (done) and their attendance."""
        campaign = self.campaign_id.id
        Event = self.env["cxzy.campaign.event"].sudo()
        Attendance = self.env["cxzy.campaign.attendance"].sudo()
        events = dict(
            Event._read_group([("campaign_id", "=", campaign)], ["state"], ["__count"])
        )
        attendance = dict(
            Attendance._read_group(
                [
                    ("event_id.campaign_id", "=", campaign),
                    ("event_id.state", "=", "done"),
                ],
                ["status"],
                ["__count"],
            )
        )
        recorded = sum(attendance.values())
        labels = dict(Attendance._fields["status"]._description_selection(self.env))
        lines = [
            self._cxzy_line(
                "event",
                "event_done",
                self.env._("Activities held"),
                events.get("done", 0),
                sum(events.values()),
            )
        ]
        for key, label in labels.items():
            lines.append(
                self._cxzy_line(
                    "event",
                    f"attendance_{key}",
                    self.env._("Attendance: %(status)s", status=label),
                    attendance.get(key, 0),
                    recorded,
                )
            )
        return lines

    def _cxzy_figures_achievements(self):
        """Confirmed achievements, in all and per organisation."""
        Achievement = self.env["cxzy.achievement"].sudo()
        groups = Achievement._read_group(
            [("campaign_id", "=", self.campaign_id.id), ("state", "=", "confirmed")],
            ["organization_id"],
            ["__count"],
        )
        lines = [
            self._cxzy_line(
                "achievement",
                "achievement_total",
                self.env._("Achievements confirmed"),
                sum(count for _organization, count in groups),
            )
        ]
        for organization, count in sorted(
            groups, key=lambda group: (group[0].sequence, group[0].id)
        ):
            lines.append(
                self._cxzy_line(
                    "achievement",
                    "achievement",
                    organization.name,
                    count,
                    organization=organization,
                )
            )
        return lines

    def _cxzy_figure(self, key, organization=None, phase=None):
        """The stored line of ``key`` (for an organisation and phase)."""
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: (
                line.key == key
                and (organization is None or line.organization_id == organization)
                and (phase is None or line.phase_id == phase)
            )
        )

    # ------------------------------------------------------------------
    # For the Word document
    # ------------------------------------------------------------------
    def _cxzy_summary_docx_values(self):
        """The summary as plain values for the Word document (总结): nothing
        but strings, numbers, lists and dicts."""
        self.ensure_one()
        sections = dict(
            self.env["cxzy.campaign.summary.line"]
            ._fields["section"]
            ._description_selection(self.env)
        )
        tables = []
        for key in sections:
            lines = self.line_ids.filtered(lambda line, key=key: line.section == key)
            if not lines:
                continue
            tables.append(
                {
                    "section": key,
                    "title": sections[key],
                    "rows": [
                        {
                            "label": line.label,
                            "value": line.value,
                            "base": line.base,
                            "text": line.value_text,
                        }
                        for line in lines
                    ],
                }
            )
        return {
            "title": self.name,
            "campaign": self.campaign_id.name,
            "state": self.state,
            "issue_date": self._cxzy_date_text(self.issue_date),
            "drawn_date": self._cxzy_date_text(
                self.drawn_date
                and fields.Datetime.context_timestamp(self, self.drawn_date).date()
            ),
            "text": html2plaintext(self.text or "")
            if not is_html_empty(self.text)
            else "",
            "figures": tables,
            "achievements": [
                {
                    "title": achievement.name,
                    "organization": achievement.organization_id.name or "",
                    "change": html2plaintext(achievement.change or ""),
                }
                for achievement in self.sudo().achievement_ids
            ],
            "measures": [
                {
                    "shortcoming": measure.shortcoming or "",
                    "measure": measure.name,
                    "owner": measure.owner_user_id.name or "",
                    "deadline": self._cxzy_date_text(measure.deadline),
                    "state": measure._cxzy_state_label(measure.state),
                }
                for measure in self.measure_ids
            ],
        }


class CxzyCampaignSummaryLine(models.Model):
    """One figure of a campaign summary, stored as it was counted when the
    summary was drawn up. Written only by the summary's step (as the
    system): nobody has write access."""

    _name = "cxzy.campaign.summary.line"
    _description = "Campaign Summary Figure"
    _order = "summary_id, sequence, id"
    _rec_name = "label"

    summary_id = fields.Many2one(
        "cxzy.campaign.summary", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="summary_id.company_id", store=True, index=True
    )
    sequence = fields.Integer()
    section = fields.Selection(SECTIONS, required=True)
    key = fields.Char(required=True, help="What is counted (technical).")
    label = fields.Char(required=True, string="Figure")
    value = fields.Float(string="Number", digits=(16, 0))
    base = fields.Float(
        digits=(16, 0), string="Of", help="The whole the value is a part of."
    )
    share = fields.Float(compute="_compute_share", string="Share (%)", digits=(5, 1))
    value_text = fields.Char(compute="_compute_share", string="Value")
    organization_id = fields.Many2one(
        "cxzy.party.organization", string="Organisation", ondelete="set null"
    )
    phase_id = fields.Many2one("cxzy.campaign.phase", ondelete="set null")

    @api.depends("value", "base")
    def _compute_share(self):
        for line in self:
            line.share = 100.0 * line.value / line.base if line.base else 0.0
            line.value_text = (
                f"{line.value:.0f} / {line.base:.0f}"
                if line.base
                else f"{line.value:.0f}"
            )
