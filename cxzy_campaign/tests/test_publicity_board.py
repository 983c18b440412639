# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_demonstration_post import PostCase

#: What the publicity board shows of a post (亮牌), and nothing more.
POST_FIELDS = {
    "title",
    "member_name",
    "job_title",
    "branch_name",
    "campaign_name",
    "service_standard",
    "term_start",
    "term_end",
    "confirmed_date",
    "company_id",
}


@tagged("post_install", "-at_install", "access_rights")
class TestPublicityPost(PostCase):
    """Confirmed demonstration posts on the publicity board (公示栏): every
    colleague, the masses included, reads them with their service standard;
    nobody reads more of the post there than the card shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.confirmed = cls._elected_post(cls.member_member)
        cls.confirmed.with_user(cls.user_committee).action_confirm()
        cls.elected = cls._elected_post(cls.member_secretary)
        cls.Board = cls.env["cxzy.publicity.post"]
        cls.users = {
            "masses": cls.user_masses,
            "member": cls.user_member,
            "secretary": cls.user_secretary,
            "committee": cls.user_committee,
            "leading": cls.user_leading,
            "office": cls.user_office,
        }

    @classmethod
    def _elected_post(cls, member):
        post = cls.Post.create(
            {
                "campaign_id": cls.campaign.id,
                "organization_id": cls.branch_1.id,
                "member_id": member.id,
                "title": "政策研究示范岗",
                "service_standard": "每季度完成一篇调研报告。",
                "election_date": "2010-07-01",
                "voters_present": 6,
                "votes_for": 5,
            }
        )
        post.action_elect()
        return post

    def test_every_role_reads_the_confirmed_posts(self):
        self.assertEqual(self.confirmed.state, "confirmed")
        for role, user in self.users.items():
            with self.subTest(role=role):
                Board = self.Board.with_user(user)
                seen = Board.search([("id", "in", (self.confirmed | self.elected).ids)])
                # Only the confirmed post; its card, read as the viewer.
                self.assertEqual(seen.ids, self.confirmed.ids)
                [card] = seen.read(
                    ["title", "member_name", "branch_name", "service_standard"]
                )
                self.assertEqual(card["title"], "政策研究示范岗")
                self.assertEqual(card["member_name"], "张党员")
                self.assertEqual(card["branch_name"], "综合处党支部")
                self.assertEqual(card["service_standard"], "每季度完成一篇调研报告。")
                # Searchable by the holder's name.
                self.assertEqual(
                    Board.search(
                        [("member_name", "ilike", "张党"), ("id", "in", seen.ids)]
                    ),
                    seen,
                )

    def test_the_masses_read_no_more_than_the_card(self):
        Board = self.Board.with_user(self.user_masses)
        self.assertEqual(
            set(Board._fields) - {"id", "display_name"} - set(self.env["base"]._fields),
            POST_FIELDS,
        )
        for name in ("votes_for", "voters_present", "election_date", "member_id"):
            with self.subTest(field=name), self.assertRaises(ValueError):
                Board.browse(self.confirmed.id).read([name])
        # The post itself stays closed to them.
        with self.assertRaises(AccessError):
            self.Post.with_user(self.user_masses).browse(self.confirmed.id).read(
                ["title"]
            )
        # The board is read-only for everyone.
        for role, user in self.users.items():
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.Board.with_user(user).browse(self.confirmed.id).write(
                    {"title": "改过的"}
                )

    def test_another_company_sees_none(self):
        self.assertFalse(
            self.Board.with_user(self.user_office_b).search(
                [("id", "=", self.confirmed.id)]
            )
        )

    def test_the_masses_find_the_publicity_board_in_the_app(self):
        Menu = self.env["ir.ui.menu"]
        visible = Menu.with_user(self.user_masses)._visible_menu_ids()
        for xmlid in (
            "cxzy_campaign.menu_cxzy_root",
            "cxzy_campaign.menu_cxzy_publicity",
            "cxzy_campaign.menu_cxzy_publicity_post",
            "cxzy_campaign.menu_cxzy_pledge_board",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(xmlid).id, visible)
        self.assertEqual(
            self.env.ref("cxzy_campaign.menu_cxzy_pledge_board").parent_id,
            self.env.ref("cxzy_campaign.menu_cxzy_publicity"),
        )
