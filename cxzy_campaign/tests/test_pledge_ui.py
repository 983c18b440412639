# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestPledgeUi(HttpCase):
    """A branch submits its pledge, the office approves and publishes it, and a
    colleague who is not a Party member comments on it from the Pledge Board."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env, login=login, groups=groups, tz="Asia/Shanghai"
            )

        cls.secretary = user(
            "cxzy_tour_p_secretary", "cxzy_campaign.group_cxzy_secretary"
        )
        cls.office = user("cxzy_tour_p_office", "cxzy_campaign.group_cxzy_office")
        cls.masses = user("cxzy_tour_p_masses", "base.group_user")
        Org = cls.env["cxzy.party.organization"]
        committee = Org.create({"name": "巡视机关党委", "kind": "committee"})
        cls.branch = Org.create(
            {"name": "巡视组党支部", "kind": "branch", "parent_id": committee.id}
        )
        employee = cls.env["hr.employee"].create(
            {"name": "巡视书记", "user_id": cls.secretary.id}
        )
        cls.branch.secretary_id = cls.env["cxzy.party.member"].create(
            {"employee_id": employee.id, "organization_id": cls.branch.id}
        )
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "巡视承诺活动",
                "date_start": "2030-04-01",
                "date_end": "2031-06-30",
            }
        )
        cls.pledge = cls.env["cxzy.pledge"].create(
            {
                "campaign_id": campaign.id,
                "subject_type": "organization",
                "organization_id": cls.branch.id,
                "item_ids": [
                    (0, 0, {"content": "每月开展一次集中学习"}),
                    (0, 0, {"content": "设立党员示范岗两个"}),
                ],
            }
        )

    def _messages(self, text):
        return self.pledge.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_pledge_submit_approve_publish_comment(self):
        self.start_tour("/odoo", "cxzy_pledge_submit_tour", login=self.secretary.login)
        self.assertEqual(self.pledge.state, "submitted")
        submitted = self._messages("Submit by")
        self.assertEqual(submitted.author_id, self.secretary.partner_id)

        self.start_tour("/odoo", "cxzy_pledge_approve_tour", login=self.office.login)
        self.assertEqual(self.pledge.state, "published")
        self.assertTrue(self.pledge.published_date)
        self.assertEqual(self._messages("Publish by").author_id, self.office.partner_id)

        self.start_tour("/odoo", "cxzy_pledge_board_tour", login=self.masses.login)
        comment = self._messages("希望支部早日兑现集中学习的承诺")
        self.assertEqual(comment.author_id, self.masses.partner_id)
        self.assertEqual(comment.message_type, "comment")
