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
        self.assertEqual(len(users), 8)
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
