# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on service pairings: closing and reopening are steps, the branch
and the campaign of a pairing and the pairing of a record are fixed."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_service_pairing import ServicePairingCase

# A refusal is a UserError; AccessError (record rules) is one too.
CONTEXTS = ({}, {"cxzy_step": True, "install_mode": True})


@tagged("post_install", "-at_install", "workflow_integrity")
class TestServicePairingIntegrity(ServicePairingCase):
    def test_state_and_owners_not_written(self):
        pairing = self.pairing_1
        forged = (
            {"state": "closed"},
            {"date_end": "2011-01-01"},
            {"organization_id": self.branch_2.id},
            {"partner_id": self.community.id},
            {"campaign_id": False},
            {"company_id": self.company_b.id},
            {"record_count": 9},
            {"people_served": 9},
        )
        for user in (self.user_secretary, self.user_office):
            for context in CONTEXTS:
                for vals in forged:
                    with self.assertRaises(UserError):
                        pairing.with_user(user).with_context(**context).write(vals)
        self.assertEqual(
            (pairing.state, pairing.date_end, pairing.organization_id),
            ("active", False, self.branch_1),
        )
        self.assertEqual(pairing.campaign_id, self.campaign)
        self.assertEqual(pairing.partner_id, self.village)
        with self.assertRefused(UserError, "cannot be written directly"):
            self.Pairing.with_user(self.user_secretary).create(
                {
                    "organization_id": self.branch_1.id,
                    "partner_id": self.community.id,
                    "state": "closed",
                }
            )

    def test_closed_pairing_is_locked(self):
        self.pairing_1.with_user(self.user_secretary).action_close()
        notes = self.pairing_1.message_ids.filtered(lambda m: "→" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("Active → Closed", notes.body)
        with self.assertRefused(UserError, "on record"):
            self.pairing_1.with_user(self.user_office).write({"goals": "<p>X</p>"})
        self.assertTrue(self.pairing_1.with_user(self.user_secretary).can_reopen)
        self.assertFalse(self.pairing_1.with_user(self.user_member).can_reopen)
        with self.assertRefused(UserError, "can be done only by"):
            self.pairing_1.with_user(self.user_member).action_reopen()
        self.assertEqual(self.pairing_1.state, "closed")

    def test_records_keep_their_pairing(self):
        for user in (self.user_secretary, self.user_office):
            for vals in (
                {"pairing_id": self.pairing_2.id},
                {"organization_id": self.branch_2.id},
                {"campaign_id": False},
            ):
                with self.assertRaises(UserError):
                    self.record_1.with_user(user).write(vals)
        self.assertEqual(self.record_1.pairing_id, self.pairing_1)
        self.assertEqual(self.record_1.organization_id, self.branch_1)

    def test_people_served_is_a_number(self):
        for value in ("abc", [1], 1.5, 10**12):
            with self.assertRefused(UserError, "must be a whole number"):
                self.record_1.with_user(self.user_secretary).write(
                    {"people_served": value}
                )
            with self.assertRefused(UserError, "must be a whole number"):
                self.Record.with_user(self.user_secretary).create(
                    {"pairing_id": self.pairing_1.id, "people_served": value}
                )
        self.assertEqual(self.record_1.people_served, 80)
        self.record_1.with_user(self.user_secretary).write({"people_served": "81"})
        self.assertEqual(self.record_1.people_served, 81)

    def test_steps_on_empty_recordsets_refused(self):
        for call in (
            self.Pairing.with_user(self.user_office).action_close,
            self.Pairing.with_user(self.user_office).action_reopen,
        ):
            with self.assertRefused(UserError, "Select the records"):
                call()
