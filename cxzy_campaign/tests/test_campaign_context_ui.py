# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestCampaignContextUi(HttpCase):
    """On the demo agency: a branch secretary opens 党员示范岗 from the menu,
    presses New and finds the running campaign already chosen."""

    def test_secretary_creates_post_from_menu(self):
        campaign = self.env["cxzy.campaign"].search(
            [("is_template", "=", False), ("state", "=", "running")], limit=1
        )
        branch = self.env["cxzy.party.organization"].search(
            [("name", "=", "综合研究处党支部")]
        )
        # the demo branch holds its two posts: free one for the new post
        self.env["cxzy.demonstration.post"].search(
            [("organization_id", "=", branch.id), ("state", "=", "elected")]
        ).unlink()
        self.start_tour("/odoo", "cxzy_campaign_context_tour", login="cxzy_secretary")
        post = self.env["cxzy.demonstration.post"].search(
            [("title", "=", "调研课题示范岗")]
        )
        self.assertEqual(len(post), 1)
        self.assertEqual(post.campaign_id, campaign)
        self.assertEqual(post.organization_id, branch)
        self.assertEqual(post.member_id.name, "赵磊")

    def test_office_reads_the_completion_matrix(self):
        """The matrix shows, in the web client, each assignment's state in
        colour (it showed 0 or 1 in a pivot)."""
        self.start_tour("/odoo", "cxzy_completion_matrix_tour", login="cxzy_office")
