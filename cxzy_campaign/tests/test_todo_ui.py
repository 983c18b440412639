# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour", "todo")
class TestTodoUi(HttpCase):
    """On a phone, the demo's member submits their pledge; the secretary of
    their branch finds the to-do in the activity menu and opens the pledge."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"]
        cls.member_user = Users.search([("login", "=", "cxzy_member")])
        cls.secretary_user = Users.search([("login", "=", "cxzy_secretary")])
        member = cls.env["cxzy.party.member"].search(
            [("user_id", "=", cls.member_user.id)], limit=1
        )
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "手机承诺活动",
                "date_start": "2030-04-01",
                "date_end": "2031-06-30",
            }
        )
        cls.pledge = cls.env["cxzy.pledge"].create(
            {
                "campaign_id": campaign.id,
                "subject_type": "member",
                "member_id": member.id,
                "content": "<p>立足岗位作贡献</p>",
                "item_ids": [(0, 0, {"content": "每周走访一户群众"})],
            }
        )

    def _todos(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "cxzy.pledge"),
                ("res_id", "=", self.pledge.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("cxzy_campaign.mail_activity_type_cxzy_todo").id,
                ),
            ]
        )

    def test_member_submits_on_a_phone_and_the_secretary_sees_the_todo(self):
        self.assertTrue(self.member_user and self.secretary_user, "demo users")
        self.assertFalse(self._todos())
        action = self.env.ref("cxzy_campaign.cxzy_pledge_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{self.pledge.id}",
            "cxzy_todo_member_submit_tour",
            login="cxzy_member",
        )
        self.assertEqual(self.pledge.state, "submitted")
        todos = self._todos()
        self.assertIn(self.secretary_user, todos.user_id)
        self.assertNotIn(self.member_user, todos.user_id)
        self.start_tour("/odoo", "cxzy_todo_secretary_tour", login="cxzy_secretary")
