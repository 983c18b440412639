# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models, tools

from ..models.cxzy_member_appraisal import GRADES
from ..models.cxzy_org_assessment import TIERS


class CxzyUpgradeReport(models.Model):
    """Grades over time (晋档升级), one row per organisation or member and
    confirmed period, set against the same subject's previous confirmed period:
    grouped by period, it gives the share of Five Goods organisations and Five
    Models members and how many moved up or down."""

    _name = "cxzy.upgrade.report"
    _description = "Upgrade Report"
    _auto = False
    _order = "period_date desc, subject_type, id"
    _rec_name = "period_id"

    period_id = fields.Many2one("cxzy.assessment.period", readonly=True)
    period_date = fields.Date(string="Period Start", readonly=True)
    campaign_id = fields.Many2one("cxzy.campaign", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    subject_type = fields.Selection(
        [("organization", "Organisation"), ("member", "Member")],
        string="Subject",
        readonly=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization", string="Organisation", readonly=True
    )
    member_id = fields.Many2one("cxzy.party.member", readonly=True)
    branch_id = fields.Many2one("cxzy.party.organization", readonly=True)
    tier = fields.Selection(TIERS, readonly=True)
    grade = fields.Selection(GRADES, readonly=True)
    level = fields.Integer(readonly=True, aggregator=False)
    previous_level = fields.Integer(readonly=True, aggregator=False)
    move = fields.Selection(
        [
            ("new", "First Period"),
            ("up", "Moved Up"),
            ("same", "Unchanged"),
            ("down", "Moved Down"),
        ],
        readonly=True,
    )
    is_model = fields.Boolean(string="Five Goods / Five Models", readonly=True)
    model_count = fields.Integer(
        string="Five Goods / Five Models Count", readonly=True, aggregator="sum"
    )
    model_share = fields.Float(
        string="Five Goods / Five Models (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the organisations (or members) of the group that are "
        "Five Goods (or Five Models).",
    )
    moved_up = fields.Integer(readonly=True, aggregator="sum")
    moved_down = fields.Integer(readonly=True, aggregator="sum")
    total = fields.Float(readonly=True, aggregator="avg", digits=(5, 2))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT h.id,
                       h.period_id,
                       p.date_start AS period_date,
                       h.campaign_id,
                       h.company_id,
                       h.subject_type,
                       h.organization_id,
                       h.member_id,
                       h.branch_id,
                       h.tier,
                       h.grade,
                       h.level,
                       h.previous_level,
                       CASE
                           WHEN h.previous_level IS NULL THEN 'new'
                           WHEN h.level > h.previous_level THEN 'up'
                           WHEN h.level < h.previous_level THEN 'down'
                           ELSE 'same'
                       END AS move,
                       h.is_model,
                       h.is_model::int AS model_count,
                       CASE WHEN h.is_model THEN 100.0 ELSE 0.0 END AS model_share,
                       COALESCE((h.level > h.previous_level)::int, 0) AS moved_up,
                       COALESCE((h.level < h.previous_level)::int, 0) AS moved_down,
                       h.total
                  FROM (
                      SELECT g.*,
                             COALESCE(g.five_goods, FALSE)
                                 OR COALESCE(g.five_models, FALSE) AS is_model,
                             LAG(g.level) OVER (
                                 PARTITION BY g.subject_type, g.organization_id,
                                              g.member_id
                                 ORDER BY gp.date_start, gp.id
                             ) AS previous_level
                        FROM cxzy_grade_history g
                        JOIN cxzy_assessment_period gp ON gp.id = g.period_id
                  ) h
                  JOIN cxzy_assessment_period p ON p.id = h.period_id
            )
            """
        )
