# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on pledges: the server is the only authority over their steps,
results and owners, whatever the caller sends."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RaceCase
from .test_pledge import PledgeCase

# A refusal is a UserError; AccessError (record rules) is one too.
CONTEXTS = (
    {},
    {"cxzy_pledge_step": True, "cxzy_step": True, "install_mode": True},
)
DUPLICATE = "already has a pledge for"


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPledgeProtectedFields(PledgeCase):
    def _roles(self):
        return (
            self.user_member,
            self.user_secretary,
            self.user_committee,
            self.user_office,
        )

    def test_steps_results_and_state_not_written(self):
        pledge = self._bring_to(self._member_pledge(), "published")
        forged = (
            {"state": "assessed"},
            {"state": "draft"},
            {"published_date": "2000-01-01"},
            {"reject_reason": "x"},
            {"assessment_rating": "excellent"},
            {"assessment_comment": "x"},
            {"assessed_by_id": self.user_office.id},
            {"assessed_date": "2030-01-01"},
            {"name": "改名"},
            {"branch_id": self.branch_2.id},
            {"company_id": self.company_b.id},
            {"item_count": 9},
        )
        for user in self._roles():
            for context in CONTEXTS:
                for vals in forged:
                    self.assertRefused(
                        pledge,
                        lambda user=user, context=context, vals=vals: (
                            pledge.with_user(user).with_context(**context).write(vals)
                        ),
                        exception=UserError,
                    )
        self.assertFalse(pledge.assessment_rating)

    def test_created_only_as_a_draft(self):
        Pledge = self.Pledge.with_user(self.user_member)
        for vals in (
            {"state": "published"},
            {"assessment_rating": "excellent"},
            {"published_date": "2000-01-01"},
            {"branch_id": self.branch_2.id},
        ):
            with self.assertRaises(UserError):
                Pledge.create(
                    {
                        "campaign_id": self.campaign.id,
                        "member_id": self.member_member.id,
                        **vals,
                    }
                )
        self.assertFalse(
            self.Pledge.search([("member_id", "=", self.member_member.id)])
        )
        # Defaults in the context are the client's too: they are ignored.
        pledge = Pledge.with_context(
            default_state="published",
            default_assessment_rating="excellent",
            default_published_date="2000-01-01",
        ).create({"campaign_id": self.campaign.id, "member_id": self.member_member.id})
        self.assertEqual(pledge.state, "draft")
        self.assertFalse(pledge.assessment_rating)
        self.assertFalse(pledge.published_date)

    def test_owner_and_scope_fixed(self):
        pledge = self._member_pledge()
        branch_pledge = self._branch_pledge()
        for user, record, vals in (
            # A member does not move their pledge to another member or branch.
            (self.user_member, pledge, {"member_id": self.member_other.id}),
            (self.user_member, pledge, {"member_id": self.member_group.id}),
            (self.user_member, pledge, {"branch_id": self.branch_2.id}),
            (self.user_member, pledge, {"campaign_id": self.campaign_2.id}),
            (
                self.user_member,
                pledge,
                {
                    "subject_type": "organization",
                    "member_id": False,
                    "organization_id": self.branch_1.id,
                },
            ),
            # A secretary does not move one to another branch's member, nor
            # to a member of their own branch.
            (self.user_secretary, pledge, {"member_id": self.member_other.id}),
            (self.user_secretary, pledge, {"member_id": self.member_group.id}),
            (
                self.user_secretary,
                branch_pledge,
                {"organization_id": self.group_1.id},
            ),
            # Nor does the office.
            (self.user_office, pledge, {"member_id": self.member_other.id}),
        ):
            for context in CONTEXTS:
                self.assertRefused(
                    record,
                    lambda user=user, record=record, vals=vals, context=context: (
                        record.with_user(user).with_context(**context).write(vals)
                    ),
                    exception=UserError,
                )
        self.assertEqual(pledge.member_id, self.member_member)
        self.assertEqual(pledge.branch_id, self.branch_1)
        self.assertEqual(branch_pledge.organization_id, self.branch_1)
        # Writing the same owner is no change, and allowed.
        pledge.with_user(self.user_member).write(
            {"member_id": self.member_member.id, "content": "<p>同一人</p>"}
        )
        self.assertEqual(pledge.content, "<p>同一人</p>")

    def test_items_keep_their_pledge(self):
        pledge = self._member_pledge()
        other = self._member_pledge(self.member_group)
        item = pledge.item_ids[0]
        for user in (self.user_member, self.user_secretary, self.user_office):
            with self.assertRaises(UserError):
                item.with_user(user).write({"pledge_id": other.id})
        self.assertEqual(item.pledge_id, pledge)
        with self.assertRaises(UserError):
            item.with_user(self.user_member).write({"company_id": self.company_b.id})


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPledgeItemsFreeze(PledgeCase):
    def _item_calls(self, pledge, user):
        item = pledge.item_ids[0].with_user(user)
        as_user = pledge.with_user(user)
        return (
            lambda: item.write({"content": "改了"}),
            lambda: item.write({"due_date": "2031-01-01"}),
            item.unlink,
            lambda: (
                self.env["cxzy.pledge.item"]
                .with_user(user)
                .create({"pledge_id": pledge.id, "content": "新增"})
            ),
            lambda: as_user.write({"item_ids": [Command.create({"content": "新增"})]}),
            lambda: as_user.write({"item_ids": [Command.delete(item.id)]}),
            lambda: as_user.write({"content": "<p>改了</p>"}),
        )

    def test_frozen_once_approved_for_everyone(self):
        for state in ("approved", "published", "assessed"):
            pledge = self._bring_to(
                self._member_pledge(
                    self.env["cxzy.party.member"].create(
                        {
                            "employee_id": self.env["hr.employee"]
                            .create({"name": f"冻结{state}"})
                            .id,
                            "organization_id": self.branch_1.id,
                        }
                    )
                ),
                state,
            )
            for user in (self.user_secretary, self.user_committee, self.user_office):
                for call in self._item_calls(pledge, user):
                    self.assertRefused(pledge, call, exception=UserError)
            self.assertEqual(len(pledge.item_ids), 2)

    def test_owner_revises_an_approved_pledge(self):
        pledge = self._bring_to(self._member_pledge(), "approved")
        for call in self._item_calls(pledge, self.user_member):
            self.assertRefused(pledge, call, message="Revise")
        # Neither a reviewer who is not on the owner's side nor the masses
        # take it back to draft.
        self.assertFalse(pledge.with_user(self.user_committee_plain).can_revise)
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_committee_plain).action_revise,
            message="only by the owner",
        )
        # The owner does: logged, then it is theirs to change and resubmit.
        as_member = pledge.with_user(self.user_member)
        self.assertTrue(as_member.can_revise)
        as_member.action_revise()
        self.assertEqual(pledge.state, "draft")
        self.assertIn(
            f"Revise by {self.user_member.name}: Approved → Draft.",
            pledge.message_ids[0].body,
        )
        as_member.write({"item_ids": [Command.create({"content": "第三项"})]})
        self.assertEqual(pledge.item_count, 3)
        as_member.action_submit()
        self.assertEqual(pledge.state, "submitted")
        # Revise is for an approved pledge only.
        self.assertRefused(pledge, as_member.action_revise, message="Approved")

    def test_fulfilment_reported_while_published(self):
        pledge = self._bring_to(self._member_pledge(), "published")
        item = pledge.item_ids[0]
        item.with_user(self.user_member).write({"status": "fulfilled", "note": "完成"})
        item.with_user(self.user_secretary).write({"status": "in_progress"})
        self.assertEqual(item.status, "in_progress")
        # Nobody else reports for the owner, and the approved pledge takes no
        # report before it is published.
        approved = self._bring_to(self._member_pledge(self.member_group), "approved")
        self.assertRefused(
            approved,
            lambda: (
                approved.item_ids[0]
                .with_user(self.user_member)
                .write({"status": "fulfilled"})
            ),
            exception=UserError,
        )
        self._bring_to(pledge, "assessed")
        for user in (self.user_member, self.user_secretary, self.user_office):
            self.assertRefused(
                pledge,
                lambda user=user: item.with_user(user).write({"note": "补记"}),
                message="assessed",
            )


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPledgeSteps(PledgeCase):
    def test_can_fields_follow_the_table(self):
        pledge = self._member_pledge()
        self.assertTrue(pledge.with_user(self.user_member).can_submit)
        self.assertFalse(pledge.with_user(self.user_committee_plain).can_submit)
        self._bring_to(pledge, "submitted")
        self.assertFalse(pledge.with_user(self.user_member).can_approve)
        self.assertTrue(pledge.with_user(self.user_secretary).can_approve)
        self.assertTrue(pledge.with_user(self.user_secretary).can_reject)
        self.assertFalse(pledge.with_user(self.user_leading).can_approve)
        self.assertTrue(pledge.with_user(self.user_office).can_approve)
        self.assertFalse(pledge.with_user(self.user_secretary).can_publish)

    def test_reviewers_never_review_their_own(self):
        # The secretary's own pledge: not by them, by the office.
        own = self._bring_to(self._member_pledge(self.member_secretary), "submitted")
        self.assertRefused(
            own, own.with_user(self.user_secretary).action_approve, message="own record"
        )
        own.with_user(self.user_office).action_approve()
        self.assertEqual(own.state, "approved")

    def test_empty_recordsets_refused(self):
        Pledge = self.Pledge.with_user(self.user_office)
        for call in (
            Pledge.action_submit,
            Pledge.action_approve,
            Pledge.action_revise,
            Pledge.action_publish,
            lambda: Pledge.action_reject("理由"),
            lambda: Pledge.action_assess(rating="good"),
            Pledge.action_open_reject_wizard,
            Pledge.action_open_assess_wizard,
        ):
            with self.assertRaises(UserError) as caught:
                call()
            self.assertIn("Select the records", str(caught.exception))
        office = self.env(user=self.user_office)
        for call in (
            office["cxzy.pledge.reject"].action_reject,
            office["cxzy.pledge.assess"].action_assess,
        ):
            with self.assertRaises(UserError) as caught:
                call()
            self.assertIn("one pledge", str(caught.exception))
        # A wizard made for a pledge its user may not review takes no step.
        pledge = self._bring_to(self._member_pledge(self.member_secretary), "submitted")
        wizard = (
            self.env["cxzy.pledge.reject"]
            .with_user(self.user_secretary)
            .create({"pledge_id": pledge.id, "reason": "自己驳回"})
        )
        self.assertRefused(pledge, wizard.action_reject, message="your own record")

    def test_bad_input_to_the_steps(self):
        pledge = self._bring_to(self._member_pledge(), "submitted")
        secretary = pledge.with_user(self.user_secretary)
        for reason in (None, 42, ["x"], {"a": 1}, "   "):
            self.assertRefused(
                pledge,
                lambda reason=reason: secretary.action_reject(reason),
                message="reason",
            )
        self._bring_to(pledge, "published")
        for rating in (None, 5, ["good"], {"good": 1}, "superb"):
            self.assertRefused(
                pledge,
                lambda rating=rating: secretary.action_assess(rating=rating),
                message="rating",
            )
        secretary.action_assess(rating="good", comment=["not", "text"])
        self.assertEqual(pledge.assessment_rating, "good")
        self.assertFalse(pledge.assessment_comment)

    def test_one_message_per_step(self):
        pledge = self._member_pledge()
        before = len(pledge.message_ids)
        pledge.with_user(self.user_member).action_submit()
        pledge.with_user(self.user_secretary).action_reject("请细化")
        self.env.cr.flush()
        pledge.invalidate_recordset()
        self.assertEqual(len(pledge.message_ids), before + 2)
        self.assertIn("请细化", pledge.message_ids[0].body)
        self.assertIn("Submitted → Draft", pledge.message_ids[0].body)

    def test_duplicate_owner_in_a_batch_and_sequence_same_message(self):
        self._member_pledge()
        with self.assertRaises(ValidationError) as sequential:
            self._member_pledge()
        self.assertIn(DUPLICATE, str(sequential.exception))


@tagged("post_install", "-at_install", "workflow_integrity")
class TestPledgeDuplicateRace(RaceCase):
    """Two transactions create the same member's pledge for a campaign at the
    same moment: both pass the Python check, the unique index makes the second
    insert wait for the first transaction and fail once it commits. The loser
    gets the same message as a sequential duplicate."""

    race_organization = "承诺并发党支部"
    race_employees = ("承诺并发党员",)
    race_campaign = "承诺并发活动"
    race_dates = ("2030-04-01", "2031-06-30")
    race_scoped = False
    race_models = ("cxzy.pledge",)

    def _vals(self):
        return {
            "campaign_id": self.ids["campaign"],
            "subject_type": "member",
            "member_id": self.ids["members"][0],
            "item_ids": [Command.create({"content": "承诺一"})],
        }

    def test_loser_of_a_race_gets_the_same_message(self):
        cr1, cr2 = self._cursors()
        winner = self._env(cr1)["cxzy.pledge"].create(self._vals())
        self.assertTrue(winner.id)
        outcome = self._race(
            cr1, cr2, lambda env: env["cxzy.pledge"].create(self._vals()).id
        )
        self.assertNotIn("result", outcome, "the database accepted a duplicate")
        error = outcome.get("error")
        self.assertIsInstance(error, ValidationError)
        self.assertIn(DUPLICATE, str(error))
        self.assertIn("承诺并发党员", str(error))
        self.assertIn("承诺并发活动", str(error))
        # The loser's transaction is still usable after the refused insert.
        cr2.execute("SELECT 1")
        cr2.rollback()
        with self.registry.cursor() as cr:
            self.assertEqual(
                self._env(cr)["cxzy.pledge"].search_count(
                    [("campaign_id", "=", self.ids["campaign"])]
                ),
                1,
            )
