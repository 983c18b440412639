# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from contextlib import contextmanager
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CxzyCase


class ServicePairingCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "2010年创先争优活动",
                "date_start": date(2010, 4, 1),
                "date_end": date(2012, 6, 30),
            }
        )
        Partner = cls.env["res.partner"]
        cls.village = Partner.create(
            {"name": "平山县西柏坡镇梁家沟村", "is_company": True}
        )
        cls.community = Partner.create(
            {"name": "石家庄市长安区育才街道建华社区", "is_company": True}
        )
        cls.Pairing = cls.env["cxzy.service.pairing"]
        cls.Record = cls.env["cxzy.service.record"]
        cls.pairing_1 = cls.Pairing.create(
            {
                "organization_id": cls.branch_1.id,
                "partner_id": cls.village.id,
                "campaign_id": cls.campaign.id,
                "date_start": date(2010, 6, 1),
                "goals": "<p>帮助发展核桃种植。</p>",
            }
        )
        cls.pairing_2 = cls.Pairing.create(
            {
                "organization_id": cls.branch_2.id,
                "partner_id": cls.community.id,
                "campaign_id": cls.campaign.id,
            }
        )
        cls.record_1 = cls.Record.create(
            {
                "pairing_id": cls.pairing_1.id,
                "date": date(2010, 6, 20),
                "problems_found": "核桃品种老化。",
                "help_given": "请专家讲授嫁接技术。",
                "people_served": 80,
                "status": "done",
            }
        )
        cls.record_2 = cls.Record.create(
            {"pairing_id": cls.pairing_2.id, "people_served": 30}
        )

    @contextmanager
    def assertRefused(self, exception, message):
        """assertRaises (rolled back to a savepoint, so the test can check that
        nothing was written) and the message the user reads."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(message, str(caught.exception))


@tagged("post_install", "-at_install")
class TestServicePairing(ServicePairingCase):
    def test_pairing_and_records(self):
        self.assertEqual(self.pairing_1.state, "active")
        self.assertEqual(
            self.pairing_1.display_name, "综合处党支部 ↔ 平山县西柏坡镇梁家沟村"
        )
        self.assertEqual(self.record_1.organization_id, self.branch_1)
        self.assertEqual(self.record_1.partner_id, self.village)
        self.assertEqual(self.record_1.campaign_id, self.campaign)
        self.assertEqual(self.record_1.company_id, self.company)
        self.assertEqual(self.record_2.status, "planned")

    def test_counts(self):
        self.Record.create(
            [
                {"pairing_id": self.pairing_1.id, "people_served": 12},
                {"pairing_id": self.pairing_1.id, "people_served": 0},
            ]
        )
        pairings = self.pairing_1 | self.pairing_2
        pairings.invalidate_recordset()
        self.assertEqual(pairings.mapped("record_count"), [3, 1])
        self.assertEqual(pairings.mapped("people_served"), [92, 30])
        empty = self.Pairing.create(
            {"organization_id": self.branch_2.id, "partner_id": self.village.id}
        )
        self.assertEqual((empty.record_count, empty.people_served), (0, 0))

    def test_counts_in_one_query(self):
        pairings = self.pairing_1 | self.pairing_2
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            pairings.mapped("people_served")
            pairings.mapped("record_count")

    def test_people_served_not_negative(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.Record.create({"pairing_id": self.pairing_1.id, "people_served": -1})
        self.assertEqual(self.Record.search_count([("people_served", "<", 0)]), 0)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.record_1.people_served = -5
        self.assertEqual(self.record_1.people_served, 80)

    def test_only_branches_pair(self):
        for organization in (self.group_1, self.committee):
            with self.assertRefused(ValidationError, "is not a Party branch"):
                self.Pairing.create(
                    {"organization_id": organization.id, "partner_id": self.village.id}
                )
        self.assertEqual(
            self.Pairing.search_count(
                [("organization_id", "in", (self.group_1 | self.committee).ids)]
            ),
            0,
        )

    def test_not_in_a_template(self):
        template = self.env["cxzy.campaign"].create(
            {
                "name": "模板",
                "is_template": True,
                "date_start": date(2010, 4, 1),
                "date_end": date(2012, 6, 30),
            }
        )
        with self.assertRefused(ValidationError, "is a template"):
            self.Pairing.create(
                {
                    "organization_id": self.branch_1.id,
                    "partner_id": self.village.id,
                    "campaign_id": template.id,
                }
            )
        self.assertEqual(
            self.Pairing.search_count([("campaign_id", "=", template.id)]), 0
        )

    def test_closed_pairing_takes_no_records(self):
        secretary = self.pairing_1.with_user(self.user_secretary)
        secretary.action_close()
        self.assertEqual(self.pairing_1.state, "closed")
        self.assertTrue(self.pairing_1.date_end)
        with self.assertRefused(UserError, "is closed"):
            self.Record.with_user(self.user_secretary).create(
                {"pairing_id": self.pairing_1.id, "people_served": 5}
            )
        self.assertEqual(self.pairing_1.record_count, 1)
        with self.assertRefused(UserError, "can be done only when it is Active"):
            secretary.action_close()
        secretary.action_reopen()
        self.assertEqual(
            (self.pairing_1.state, self.pairing_1.date_end), ("active", False)
        )
        self.Record.with_user(self.user_secretary).create(
            {"pairing_id": self.pairing_1.id, "people_served": 5}
        )
        self.pairing_1.invalidate_recordset()
        self.assertEqual(self.pairing_1.record_count, 2)
        with self.assertRefused(UserError, "can be done only when it is Closed"):
            secretary.action_reopen()

    def test_pairing_with_records_not_deleted(self):
        with self.assertRefused(UserError, "cannot be deleted"):
            self.pairing_1.with_user(self.user_office).unlink()
        self.assertTrue(self.pairing_1.exists())
        self.assertTrue(self.record_1.exists())
        empty = self.Pairing.with_user(self.user_secretary).create(
            {"organization_id": self.branch_1.id, "partner_id": self.community.id}
        )
        empty.unlink()
        self.assertFalse(empty.exists())

    def _visible(self, model, user, records):
        return self.env[model].with_user(user).search([]).sudo() & records

    def test_secretary_manages_own_branch(self):
        user = self.user_secretary
        Pairing = self.Pairing.with_user(user)
        pairing = Pairing.create(
            {"organization_id": self.branch_1.id, "partner_id": self.community.id}
        )
        pairing.write({"goals": "<p>关心空巢老人。</p>"})
        record = self.Record.with_user(user).create(
            {"pairing_id": pairing.id, "people_served": 7, "status": "done"}
        )
        record.write({"help_given": "送去米面油。"})
        self.assertEqual(record.help_given, "送去米面油。")
        self.assertEqual(
            self._visible(
                "cxzy.service.pairing", user, self.pairing_1 | self.pairing_2
            ),
            self.pairing_1,
        )
        # Nothing in another branch.
        with self.assertRaises(AccessError):
            Pairing.create(
                {"organization_id": self.branch_2.id, "partner_id": self.village.id}
            )
        self.assertEqual(
            self.Pairing.search_count([("organization_id", "=", self.branch_2.id)]), 1
        )
        with self.assertRaises(AccessError):
            self.pairing_2.with_user(user).write({"goals": "<p>X</p>"})
        with self.assertRaises(AccessError):
            self.Record.with_user(user).create(
                {"pairing_id": self.pairing_2.id, "people_served": 1}
            )
        with self.assertRaises(AccessError):
            self.record_2.with_user(user).write({"people_served": 99})
        with self.assertRaises(AccessError):
            self.pairing_2.with_user(user).action_close()
        self.assertEqual(self.record_2.people_served, 30)
        self.assertEqual(self.pairing_2.state, "active")
        self.assertEqual(
            self.Record.search_count([("pairing_id", "=", self.pairing_2.id)]), 1
        )

    def test_members_read_their_branch(self):
        pairings = self.pairing_1 | self.pairing_2
        records = self.record_1 | self.record_2
        for user, pairing, record in (
            (self.user_member, self.pairing_1, self.record_1),
            (self.user_other, self.pairing_2, self.record_2),
        ):
            self.assertEqual(
                self._visible("cxzy.service.pairing", user, pairings), pairing
            )
            self.assertEqual(
                self._visible("cxzy.service.record", user, records), record
            )
            with self.assertRaises(AccessError):
                pairing.with_user(user).write({"goals": "<p>X</p>"})
            with self.assertRaises(AccessError):
                record.with_user(user).write({"people_served": 1})
            with self.assertRaises(AccessError):
                self.Record.with_user(user).create({"pairing_id": pairing.id})
        with self.assertRaises(AccessError):
            self.record_2.with_user(self.user_member).read(["problems_found"])
        self.assertEqual(self.record_1.people_served, 80)

    def test_committee_and_leading_read_all(self):
        pairings = self.pairing_1 | self.pairing_2
        records = self.record_1 | self.record_2
        for user in (self.user_committee, self.user_leading):
            self.assertEqual(
                self._visible("cxzy.service.pairing", user, pairings), pairings
            )
            self.assertEqual(
                self._visible("cxzy.service.record", user, records), records
            )
        with self.assertRaises(AccessError):
            self.pairing_2.with_user(self.user_leading).write({"goals": "<p>X</p>"})
        with self.assertRaises(AccessError):
            self.record_2.with_user(self.user_leading).write({"people_served": 1})
        self.assertEqual(self.record_2.people_served, 30)

    def test_office_and_other_roles(self):
        office = self.user_office
        self.pairing_2.with_user(office).write({"goals": "<p>办公室改</p>"})
        self.record_2.with_user(office).write({"people_served": 31})
        self.assertEqual(self.record_2.people_served, 31)
        self.Pairing.with_user(office).create(
            {"organization_id": self.branch_2.id, "partner_id": self.village.id}
        )
        pairings = self.pairing_1 | self.pairing_2
        self.assertFalse(
            self._visible("cxzy.service.pairing", self.user_office_b, pairings)
        )
        self.assertFalse(
            self._visible("cxzy.service.record", self.user_office_b, self.record_1)
        )
        for model in ("cxzy.service.pairing", "cxzy.service.record"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_masses).search([])
