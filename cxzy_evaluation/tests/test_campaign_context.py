# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import tagged

from odoo.addons.cxzy_campaign.tests.test_campaign_context import (
    CampaignContextCase,
)


@tagged("post_install", "-at_install")
class TestEvaluationCampaignContext(CampaignContextCase):
    context_models = (
        "cxzy.appraisal.round",
        "cxzy.assessment.period",
        "cxzy.exemplar",
        "cxzy.nomination",
    )

    def test_menu_new_defaults_to_the_running_campaign(self):
        self._check_menu_new_defaults_to_the_running_campaign()

    def test_campaign_field_offers_the_running_campaigns(self):
        self._check_campaign_field_offers_the_running_campaigns()

    def test_form_domains_can_be_evaluated(self):
        # a benchmark's campaign is its exemplar's: only its form is checked
        self._check_form_domains_can_be_evaluated(["cxzy.benchmark"])

    def test_campaign_field_never_creates(self):
        self._check_campaign_field_never_creates()
