# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "cxzy_summary")
class TestCampaignSummaryEvaluationFigures(TransactionCase):
    """On the demo agency: the campaign's summary counts grade moves,
    commendations decided and exemplars as the records hold them."""

    def test_grades_and_honours_equal_independent_counts(self):
        summary = self.env.ref("cxzy_campaign.demo_campaign_summary")
        office = self.env["res.users"].search([("login", "=", "cxzy_office")])
        summary.with_user(office).action_draw_up()
        campaign = [("campaign_id", "=", summary.campaign_id.id)]

        def value(key):
            line = summary._cxzy_figure(key)
            self.assertEqual(len(line), 1, key)
            return line.value

        History = self.env["cxzy.grade.history"]
        Report = self.env["cxzy.upgrade.report"]
        for subject_type in ("organization", "member"):
            where = campaign + [("subject_type", "=", subject_type)]
            self.assertEqual(
                value(f"graded_{subject_type}"), History.search_count(where)
            )
            moves = Report.search(where)
            self.assertEqual(value(f"up_{subject_type}"), sum(moves.mapped("moved_up")))
            self.assertEqual(
                value(f"down_{subject_type}"), sum(moves.mapped("moved_down"))
            )
        self.assertTrue(value("graded_member"))
        self.assertTrue(value("up_organization"))
        Nomination = self.env["cxzy.nomination"]
        decided = Nomination.search(
            campaign + [("state", "in", ("decided", "commended"))]
        )
        self.assertTrue(decided)
        self.assertEqual(value("commendation_total"), len(decided))
        for award in decided.award_type_id:
            self.assertEqual(
                value(f"commendation_{award.code}"),
                len(decided.filtered(lambda n, award=award: n.award_type_id == award)),
            )
        self.assertEqual(
            value("exemplar_active"),
            self.env["cxzy.exemplar"].search_count(
                campaign + [("state", "=", "active")]
            ),
        )
        # grades and honours come before the achievements, in their sections
        sections = summary.line_ids.mapped("section")
        self.assertLess(sections.index("grade"), sections.index("achievement"))
