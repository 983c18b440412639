# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import SUPERUSER_ID, fields
from odoo.tests import HttpCase, tagged

from ..models.cxzy_award_quota import DECIDED_STATES


@tagged("post_install", "-at_install", "is_tour")
class TestPublicityUi(HttpCase):
    """On a phone, one of the masses opens the publicity board and lodges an
    objection to a nominee of the demo data; the committee records how it was
    checked; then the leading group decides."""

    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.nomination = self.env.ref(
            "cxzy_evaluation.demo_nomination_member_du_jianming"
        )
        self.assertEqual(self.nomination.state, "publicity")
        # The demo's publicity runs today, whenever the database was made.
        today = fields.Date.context_today(self.nomination)
        self.nomination.sudo().write(
            {
                "publicity_start": today - timedelta(days=2),
                "publicity_end": today + timedelta(days=5),
            }
        )

    def test_masses_object_committee_checks_leading_group_decides(self):
        masses = self.env.ref("cxzy_campaign.user_cxzy_masses")
        self.start_tour(
            "/odoo",
            "cxzy_publicity_objection_tour",
            login="cxzy_masses",
        )
        objection = self.env["cxzy.nomination.objection"].search(
            [("nomination_id", "=", self.nomination.id)]
        )
        self.assertEqual(len(objection), 1)
        self.assertIn("署名情况", objection.content)
        self.assertEqual(objection.author_id, masses)
        self.assertEqual(objection.create_uid.id, SUPERUSER_ID)
        self.assertEqual(objection.state, "open")

        self.start_tour(
            "/odoo/action-cxzy_evaluation.cxzy_nomination_objection_action",
            "cxzy_objection_check_tour",
            login="cxzy_committee",
        )
        self.assertEqual(objection.state, "handled")
        self.assertEqual(objection.outcome, "unfounded")
        self.assertEqual(
            objection.handled_by_id, self.env.ref("cxzy_campaign.user_cxzy_committee")
        )
        self.assertIn("反映问题不属实", objection.check_note)

        # The publicity runs its course; a place is left in the quota.
        today = fields.Date.context_today(self.nomination)
        self.nomination.sudo().write(
            {
                "publicity_start": today - timedelta(days=8),
                "publicity_end": today - timedelta(days=1),
            }
        )
        quota = self.env["cxzy.award.quota"].search(
            [
                ("campaign_id", "=", self.nomination.campaign_id.id),
                ("award_type_id", "=", self.nomination.award_type_id.id),
            ]
        )
        quota.quota = 1 + self.env["cxzy.nomination"].search_count(
            [
                ("campaign_id", "=", self.nomination.campaign_id.id),
                ("award_type_id", "=", self.nomination.award_type_id.id),
                ("state", "in", DECIDED_STATES),
            ]
        )
        leader = self.env.ref("cxzy_campaign.user_cxzy_leader")
        self.nomination.with_user(leader).action_decide(
            "经室党组研究，异议已核实不属实，同意授予杜建明同志“优秀共产党员”称号。"
        )
        self.assertEqual(self.nomination.state, "decided")
