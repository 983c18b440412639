# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoFiveGoodsShare(TransactionCase):
    """On the demo agency the dashboard and the upgrade report give the same
    Five Goods and Five Models shares, whoever looks."""

    def test_dashboard_share_is_the_report_share(self):
        leader = self.env["res.users"].search([("login", "=", "cxzy_leader")])
        office = self.env["res.users"].search([("login", "=", "cxzy_office")])
        data = self.env["cxzy.campaign"].with_user(leader).get_dashboard_data()
        tiers = data["tiers"]
        self.assertTrue(tiers["period"])
        period = self.env["cxzy.assessment.period"].browse(tiers["period"]["id"])
        figures = (
            self.env["report.cxzy_evaluation.report_upgrade"]
            .with_user(office)
            ._get_report_values(period.ids)["figures"][period]
        )
        for subject_type, key in (
            ("organization", "five_goods"),
            ("member", "five_models"),
        ):
            with self.subTest(subject_type=subject_type):
                figure = figures[subject_type]
                dashboard = tiers[f"{subject_type}s"]
                self.assertEqual(
                    (
                        dashboard[key],
                        dashboard[f"{key}_of"],
                        dashboard[f"{key}_share"],
                    ),
                    (
                        figure["model_count"],
                        figure["count"],
                        round(figure["share"], 1),
                    ),
                )
        # the share is of the confirmed assessments, not of all of them
        confirmed = self.env["cxzy.org.assessment"].search_count(
            [("period_id", "=", period.id), ("state", "=", "confirmed")]
        )
        self.assertTrue(confirmed)
        self.assertEqual(tiers["organizations"]["five_goods_of"], confirmed)
        self.assertLess(confirmed, tiers["organizations"]["total"])
