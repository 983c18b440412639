# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 8: the demo is a Chinese agency a Party-affairs office can show."""

import re

from odoo.tests import TransactionCase, tagged

LATIN = re.compile(r"[A-Za-z]")
CHINESE_PHONE = re.compile(r"^(\+86|0)[\d \-]+$")


@tagged("post_install", "-at_install", "demo")
class TestDemoCredible(TransactionCase):
    def test_company_is_a_hebei_agency_in_yuan(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "河北省人民政府研究室")
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_HE"))
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertFalse(company.phone and not CHINESE_PHONE.match(company.phone))

    def test_staff_directory_is_the_agency_own(self):
        staff = self.env["hr.employee"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertGreaterEqual(len(staff), 70)
        for employee in staff:
            with self.subTest(employee=employee.name):
                self.assertFalse(LATIN.search(employee.name))
                for phone in (employee.work_phone, employee.mobile_phone):
                    self.assertFalse(phone and not CHINESE_PHONE.match(phone))

    def test_demo_logins_work_in_chinese(self):
        users = self.env["res.users"].search([("login", "=like", "cxzy\\_%")])
        self.assertEqual(len(users), 9)
        self.assertEqual(set(users.mapped("lang")), {"zh_CN"})

    def test_demo_chatter_is_chinese(self):
        """The notes the demo's steps and creations left (written by OdooBot
        and the demo users while loading) are in Chinese."""
        messages = self.env["mail.message"].search(
            [("model", "=like", "cxzy.%"), ("message_type", "=", "notification")]
        )
        self.assertTrue(messages)
        english = messages.filtered(
            lambda m: re.search(r"Created by|\bby\b.*→", str(m.body))
        )
        self.assertFalse(english.mapped("body")[:5])


@tagged("post_install", "-at_install", "demo", "roster")
class TestDemoRoster(TransactionCase):
    """Issue 9: the demo's people hold what the campaign's roster says."""

    def test_office_deputy_holds_what_the_roster_says(self):
        campaign = self.env.ref("cxzy_campaign.demo_campaign")
        chen = self.env.ref("cxzy_campaign.user_cxzy_office_deputy")
        line = self.env.ref("cxzy_campaign.demo_roster_chen_heping")
        self.assertEqual(line.user_id, chen)
        self.assertEqual(line.role, "office_deputy")
        office = self.env.ref("cxzy_campaign.group_cxzy_office")
        member = self.env.ref("cxzy_campaign.group_cxzy_member")
        # the office (with what it implies) from the roster, the member group
        # as a Party member, nothing else of the campaign's
        cxzy_groups = chen.groups_id.filtered(
            lambda g: (
                g.category_id
                in (
                    self.env.ref("cxzy_campaign.module_category_cxzy")
                    | self.env.ref("cxzy_campaign.module_category_cxzy_leading")
                )
            )
        )
        self.assertEqual(cxzy_groups, office | office.trans_implied_ids & cxzy_groups)
        self.assertIn(member, cxzy_groups)
        grant = self.env["cxzy.campaign.roster.grant"].search(
            [("user_id", "=", chen.id)]
        )
        self.assertEqual(grant.group_id, office)
        self.assertEqual(grant.campaign_id, campaign)
        self.assertIn("名单", " ".join(campaign.message_ids.mapped("body")))
        # every roster line with a user gives its body's group
        bodies = {
            "leading_group": self.env.ref("cxzy_campaign.group_cxzy_leading"),
            "office": office,
        }
        for line in campaign.roster_ids.filtered("user_id"):
            self.assertIn(bodies[line.body], line.user_id.groups_id, line.name)
        # the committee's login is a committee member outside the roster
        committee = self.env.ref("cxzy_campaign.user_cxzy_committee")
        self.assertNotIn(committee, campaign.roster_ids.user_id)
        self.assertNotIn(office, committee.groups_id)

    def test_office_tasks_some_done(self):
        campaign = self.env.ref("cxzy_campaign.demo_campaign")
        states = campaign.office_assignment_ids.mapped("state")
        self.assertEqual(len(states), 6)
        self.assertIn("done", states)
        self.assertIn("todo", states)
