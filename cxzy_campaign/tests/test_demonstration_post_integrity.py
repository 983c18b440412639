# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on demonstration posts: the election's validity is computed from
the numbers of the branch meeting, the steps check it, and nobody writes the
state, the step fields, the results or the owners."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_demonstration_post import PostCase

# A refusal is a UserError; AccessError (record rules) is one too.
CONTEXTS = ({}, {"cxzy_post_step": True, "cxzy_step": True, "install_mode": True})


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPostIntegrity(PostCase):
    def _snapshot(self, post):
        self.env.flush_all()
        post.invalidate_recordset()
        return post.read(
            [
                "state",
                "slot",
                "member_id",
                "organization_id",
                "campaign_id",
                "election_valid",
                "voters_present",
                "votes_for",
                "confirmed_by",
                "confirmed_date",
            ]
        )

    def test_forged_validity_is_refused_and_never_elects(self):
        post = self._post(
            self.user_secretary,
            election_date=date(2010, 7, 1),
            voters_present=10,
            votes_for=2,
        )
        self.assertFalse(post.election_valid)
        before = self._snapshot(post)
        for context in CONTEXTS:
            with self.assertRefused(UserError, "Valid Election"):
                post.with_user(self.user_secretary).with_context(**context).write(
                    {"election_valid": True}
                )
        with self.assertRaises(UserError):
            self._post(
                self.user_secretary,
                member_id=self.member_group.id,
                voters_present=10,
                votes_for=2,
                election_valid=True,
            )
        self.assertEqual(self._snapshot(post), before)
        # Even if the stored flag were forged, the step counts the votes.
        post.sudo().write({"election_valid": True})
        with self.assertRefused(UserError, "2 votes for out of 10"):
            post.with_user(self.user_secretary).action_elect()
        self.assertEqual(post.state, "draft")

    def test_numbers_are_converted_with_a_clear_message(self):
        post = self._post(self.user_secretary)
        as_secretary = post.with_user(self.user_secretary)
        for value in ("abc", [3], {"n": 1}, 2.5, "1e3", 10**12):
            with self.assertRefused(UserError, "Voters present"):
                as_secretary.write({"voters_present": value})
            with self.assertRefused(UserError, "Votes for"):
                self._post(
                    self.user_secretary,
                    member_id=self.member_group.id,
                    votes_for=value,
                )
        as_secretary.write({"voters_present": " 7 ", "votes_for": 5.0})
        self.assertEqual((post.voters_present, post.votes_for), (7, 5))
        as_secretary.write({"voters_present": None, "votes_for": False})
        self.assertEqual((post.voters_present, post.votes_for), (0, 0))
        # Nobody present elects nobody.
        as_secretary.write({"election_date": date(2010, 7, 1)})
        with self.assertRefused(UserError, "is not more than half"):
            as_secretary.action_elect()

    def test_election_record_fixed_once_elected(self):
        post = self._elected()
        before = self._snapshot(post)
        for vals in (
            {"voters_present": 100},
            {"votes_for": 6},
            {"election_date": date(2010, 8, 1)},
        ):
            with self.assertRefused(UserError, "has been recorded"):
                post.with_user(self.user_secretary).write(vals)
        self.assertEqual(self._snapshot(post), before)
        # Cancelled and back to draft, it is corrected and elected again.
        post.with_user(self.user_secretary).action_cancel()
        post.with_user(self.user_secretary).action_reset_draft()
        post.with_user(self.user_secretary).write({"voters_present": 7})
        post.with_user(self.user_secretary).action_elect()
        self.assertEqual(post.state, "elected")

    def test_steps_fields_and_owners_not_written(self):
        post = self._elected()
        before = self._snapshot(post)
        forged = (
            {"state": "confirmed"},
            {"slot": 2},
            {"confirmed_by": self.user_committee.id},
            {"confirmed_date": date(2010, 8, 1)},
            {"election_valid": False},
            {"member_id": self.member_group.id},
            {"organization_id": self.branch_2.id},
            {"campaign_id": self.campaign.copy().id},
            {"company_id": self.company_b.id},
            {"member_name": "冒名"},
        )
        for user in (self.user_secretary, self.user_committee, self.user_office):
            for context in CONTEXTS:
                for vals in forged:
                    with self.assertRaises(UserError):
                        post.with_user(user).with_context(**context).write(vals)
        self.assertEqual(self._snapshot(post), before)

    def test_confirm_checks_the_numbers(self):
        post = self._elected()
        # Only the system could make the record inconsistent; the step still
        # counts the votes rather than trusting the flag.
        self.env.cr.execute(
            "UPDATE cxzy_demonstration_post SET votes_for = 1 WHERE id = %s",
            [post.id],
        )
        post.invalidate_recordset()
        with self.assertRefused(UserError, "is not more than half"):
            post.with_user(self.user_committee).action_confirm()
        self.assertEqual(post.state, "elected")

    def test_steps_on_empty_recordsets_refused(self):
        Post = self.Post.with_user(self.user_office)
        for call in (
            Post.action_elect,
            Post.action_confirm,
            Post.action_cancel,
            Post.action_reset_draft,
        ):
            with self.assertRefused(UserError, "Select the records"):
                call()

    def test_can_fields_and_one_message_per_step(self):
        post = self._post(election_date=date(2010, 7, 1), voters_present=6, votes_for=5)
        self.assertTrue(post.with_user(self.user_secretary).can_elect)
        self.assertFalse(post.with_user(self.user_member).can_elect)
        self.assertFalse(post.with_user(self.user_secretary).can_confirm)
        post.with_user(self.user_secretary).action_elect()
        self.assertTrue(post.with_user(self.user_committee).can_confirm)
        self.assertFalse(post.with_user(self.user_leading).can_confirm)
        self.assertTrue(post.with_user(self.user_secretary).can_cancel)
        post.with_user(self.user_committee).action_confirm()
        self.assertFalse(post.with_user(self.user_secretary).can_cancel)
        self.assertTrue(post.with_user(self.user_committee).can_cancel)
        notes = post.message_ids.filtered(lambda m: "→" in (m.body or ""))
        self.assertEqual(len(notes), 2)
        self.assertIn(
            f"Confirm by {self.user_committee.name}: Elected → Confirmed.",
            notes[0].body,
        )
