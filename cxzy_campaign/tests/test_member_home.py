# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .test_pledge import PledgeCase

HOME_FIELDS = (
    "home_pledge_id",
    "home_pledge_state",
    "home_pledge_items",
    "home_task_count",
    "home_report_id",
    "home_duty_report_id",
    "home_post_id",
)


@tagged("post_install", "-at_install", "access_rights")
class TestMemberHome(PledgeCase):
    """My home (我的) shows the current member their own things, and nobody's
    else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.my_pledge = cls._member_pledge()
        # A member of the same branch, whose record I may read.
        cls.their_pledge = cls._member_pledge(cls.member_secretary)
        cls.Member = cls.env["cxzy.party.member"]

    def _home_action_records(self, user):
        action = self.env.ref("cxzy_campaign.cxzy_member_home_action")
        domain = safe_eval(action.domain, {"uid": user.id})
        return self.Member.with_user(user).search(domain)

    def test_my_home_shows_my_pledge_and_its_items(self):
        home = self._home_action_records(self.user_member)
        self.assertEqual(home, self.member_member)
        self.assertTrue(home.is_me)
        self.assertEqual(home.home_pledge_id, self.my_pledge)
        self.assertEqual(home.home_pledge_state, "draft")
        self.assertEqual(home.home_pledge_items, "1. 承诺事项1\n2. 承诺事项2")
        self.assertEqual(home.branch_id, self.branch_1)
        action = home.action_home_pledge()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("cxzy.pledge", self.my_pledge.id)
        )
        # No report yet: the button opens a new one, mine by default.
        self.assertFalse(home.home_report_id)
        action = home.action_home_report()
        self.assertEqual(action["views"], [(False, "form")])
        self.assertFalse(action.get("res_id"))
        Report = self.env["cxzy.party.spirit.report"].with_user(self.user_member)
        self.assertEqual(Report.default_get(["member_id"])["member_id"], home.id)

    def test_my_branch_open_tasks_are_counted(self):
        home = self.member_member.with_user(self.user_member)
        Assignment = self.env["cxzy.campaign.assignment"].with_user(self.user_member)
        expected = Assignment.search_count(
            [
                ("organization_id", "=", self.branch_1.id),
                ("state", "in", ("todo", "in_progress")),
            ]
        )
        self.assertEqual(home.home_task_count, expected)
        action = home.action_home_tasks()
        self.assertEqual(Assignment.search_count(action["domain"]), expected)

    def test_another_members_home_is_empty_and_closed(self):
        theirs = self.member_secretary.with_user(self.user_member)
        # Their record is readable (same branch), their home is not.
        self.assertEqual(theirs.name, self.member_secretary.name)
        self.assertFalse(theirs.is_me)
        for field in HOME_FIELDS:
            self.assertFalse(theirs[field], field)
        for method in (
            "action_home_pledge",
            "action_home_tasks",
            "action_home_report",
            "action_home_duty_report",
            "action_home_post",
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(theirs, method)()
        # Even read in one go with mine, each record has its own owner's home.
        both = (self.member_member | self.member_secretary).with_user(self.user_member)
        self.assertEqual(
            both.mapped("home_pledge_id"), self.my_pledge, "only my pledge shows"
        )
        # The secretary's own home is theirs, not mine.
        self.assertEqual(
            self.member_secretary.with_user(self.user_secretary).home_pledge_id,
            self.their_pledge,
        )
        # The home action lists my record only.
        self.assertEqual(
            self._home_action_records(self.user_secretary), self.member_secretary
        )

    def test_my_home_is_the_first_screen_of_a_member(self):
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.user_member)
            .load_web_menus(debug=False)
        )
        root = self.env.ref("cxzy_campaign.menu_cxzy_root")
        home = self.env.ref("cxzy_campaign.cxzy_member_home_action")
        self.assertEqual(menus[root.id]["actionID"], home.id)

    def test_the_steps_stay_on_the_form_on_a_phone(self):
        """The header's buttons fold into the ⚙ menu on small screens: each
        step of a member's pledge and reports is also on the sheet, for
        small screens only."""
        for model, view in (
            ("cxzy.pledge", "cxzy_campaign.cxzy_pledge_view_form"),
            (
                "cxzy.party.spirit.report",
                "cxzy_campaign.cxzy_party_spirit_report_view_form",
            ),
            ("cxzy.duty.report", "cxzy_campaign.cxzy_duty_report_view_form"),
        ):
            with self.subTest(model=model):
                arch = etree.fromstring(
                    self.env[model].get_view(self.env.ref(view).id, "form")["arch"]
                )
                header = {b.get("name") for b in arch.xpath("//header/button")}
                phone = arch.xpath("//sheet/div[@name='phone_steps']")
                self.assertEqual(len(phone), 1)
                self.assertIn("d-md-none", phone[0].get("class").split())
                self.assertEqual(
                    {b.get("name") for b in phone[0].xpath("./button")}, header
                )


class TestShortNames(PledgeCase):
    def test_an_organisation_shows_its_short_name(self):
        branch = self.env["cxzy.party.organization"].create(
            {
                "name": "中共某某研究室综合研究处支部委员会",
                "short_name": "综合研究处党支部",
                "kind": "branch",
                "parent_id": self.committee.id,
            }
        )
        self.assertEqual(branch.display_name, "综合研究处党支部")
        self.assertEqual(self.branch_2.display_name, self.branch_2.name)
        Org = self.env["cxzy.party.organization"]
        for name in ("综合研究处党支部", "支部委员会"):
            self.assertIn(branch, Org.search([("display_name", "ilike", name)]))
        pledge = self._branch_pledge(branch)
        self.assertEqual(pledge.name, "综合研究处党支部 — 承诺测试活动")

    def test_lists_show_the_short_name(self):
        Org = self.env["cxzy.party.organization"]
        arch = etree.fromstring(Org.get_view(view_type="list")["arch"])
        columns = [f.get("name") for f in arch.xpath("/list/field")]
        self.assertIn("display_name", columns)
        self.assertLess(columns.index("display_name"), columns.index("name"))
        self.assertEqual(
            arch.xpath("/list/field[@name='name']")[0].get("optional"), "hide"
        )


class TestPledgeBoardItems(PledgeCase):
    def test_board_cards_show_what_was_pledged(self):
        pledge = self._member_pledge(items=3)
        self.assertEqual(
            pledge.item_summary, "1. 承诺事项1\n2. 承诺事项2\n3. 承诺事项3"
        )
        board = self.env.ref("cxzy_campaign.cxzy_pledge_view_kanban_board")
        arch = etree.fromstring(
            self.env["cxzy.pledge"].get_view(board.id, "kanban")["arch"]
        )
        self.assertTrue(arch.xpath("//t[@t-name='card']//field[@name='item_summary']"))
        # A colleague who is not a Party member reads it once published.
        self._bring_to(pledge, "published")
        masses = pledge.with_user(self.user_masses)
        self.assertIn("承诺事项3", masses.item_summary)


@tagged("post_install", "-at_install", "access_rights")
class TestMemberHomeUi(HttpCase):
    """On a phone, a member opens My Home, sees their pledge, opens it and
    submits it with a button that is on the screen."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="cxzy_home_member",
            groups="cxzy_campaign.group_cxzy_member",
            tz="Asia/Shanghai",
        )
        branch = cls.env["cxzy.party.organization"].create(
            {
                "name": "中共某某研究室手机测试处支部委员会",
                "short_name": "手机测试处党支部",
                "kind": "branch",
            }
        )
        employee = cls.env["hr.employee"].create(
            {"name": "手机党员", "user_id": cls.user.id}
        )
        member = cls.env["cxzy.party.member"].create(
            {"employee_id": employee.id, "organization_id": branch.id}
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
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "content": "每周读一本理论书，写一篇读书笔记，"
                            "在支部学习会上交流"
                        },
                    ),
                    (0, 0, {"content": "为群众办一件实事"}),
                ],
            }
        )

    def test_submit_my_pledge_on_a_phone(self):
        self.start_tour(
            "/odoo/action-cxzy_campaign.cxzy_member_home_action",
            "cxzy_member_home_tour",
            login=self.user.login,
        )
        self.assertEqual(self.pledge.state, "submitted")
