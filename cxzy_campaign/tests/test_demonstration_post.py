# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.cxzy_campaign.models.cxzy_demonstration_post import (
    CxzyDemonstrationPost,
)

from .common import CxzyCase, RaceCase

REPORT = "cxzy_campaign.action_report_cxzy_demonstration_post"
FULL = "already has two demonstration posts"


class PostCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "2010年创先争优活动",
                "date_start": date(2010, 4, 1),
                "date_end": date(2012, 6, 30),
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.Post = cls.env["cxzy.demonstration.post"]

    @contextmanager
    def assertRefused(self, exception, message):
        """assertRaises (which rolls back to a savepoint, so that the test can
        check nothing was written) and the message the user reads."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(message, str(caught.exception))

    def _vals(self, **values):
        return {
            "campaign_id": self.campaign.id,
            "organization_id": self.branch_1.id,
            "member_id": self.member_member.id,
            "title": "政策研究示范岗",
            "service_standard": "每季度完成一篇调研报告。",
            **values,
        }

    def _post(self, user=None, **values):
        Post = self.Post.with_user(user) if user else self.Post
        return Post.create(self._vals(**values))

    def _elected(self, **values):
        post = self._post(
            election_date=date(2010, 7, 1), voters_present=6, votes_for=5, **values
        )
        post.action_elect()
        return post

    def _count(self, **values):
        domain = [(name, "=", value) for name, value in values.items()]
        return self.Post.search_count(domain)


@tagged("post_install", "-at_install")
class TestDemonstrationPost(PostCase):
    def test_secretary_sets_up_a_post(self):
        post = self._post(self.user_secretary)
        self.assertEqual(post.state, "draft")
        self.assertEqual(post.slot, 1)
        self.assertEqual(post.term_start, self.campaign.date_start)
        self.assertEqual(post.term_end, self.campaign.date_end)
        self.assertEqual(post.company_id, self.company)
        self.assertEqual(post.display_name, "政策研究示范岗 (张党员)")
        # A member of a Party group of the branch may hold its post.
        second = self._post(self.user_secretary, member_id=self.member_group.id)
        self.assertEqual(second.slot, 2)

    def test_member_must_belong_to_the_branch(self):
        with self.assertRefused(ValidationError, "is not a member of"):
            self._post(member_id=self.member_other.id)
        self.assertEqual(self._count(member_id=self.member_other.id), 0)
        post = self._post()
        with self.assertRefused(ValidationError, "is not a member of"):
            post.member_id = self.member_other
        self.assertEqual(post.member_id, self.member_member)

    def test_only_branches_hold_posts(self):
        for organization in (self.group_1, self.committee):
            with self.assertRefused(ValidationError, "is not a Party branch"):
                self._post(
                    organization_id=organization.id,
                    member_id=self.member_group.id
                    if organization == self.group_1
                    else self.member_committee.id,
                )
        self.assertEqual(
            self.Post.search_count(
                [("organization_id", "in", (self.group_1 | self.committee).ids)]
            ),
            0,
        )
        general = self.env["cxzy.party.organization"].create(
            {
                "name": "机关总支",
                "kind": "general_branch",
                "parent_id": self.committee.id,
            }
        )
        self.branch_2.parent_id = general
        # A general branch's posts may go to members of the branches below it.
        post = self._post(organization_id=general.id, member_id=self.member_other.id)
        self.assertEqual(post.slot, 1)

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
            self._post(campaign_id=template.id)
        self.assertEqual(self._count(campaign_id=template.id), 0)

    def test_term_lies_within_the_campaign(self):
        for start, end in (
            (date(2010, 3, 31), date(2011, 1, 1)),
            (date(2010, 5, 1), date(2012, 7, 1)),
        ):
            with self.assertRefused(ValidationError, "must lie within"):
                self._post(term_start=start, term_end=end)
        with self.assertRefused(ValidationError, "ends before it starts"):
            self._post(term_start=date(2011, 1, 1), term_end=date(2010, 12, 31))
        self.assertEqual(self._count(campaign_id=self.campaign.id), 0)
        post = self._post(term_start=date(2010, 7, 1), term_end=date(2011, 6, 30))
        with self.assertRefused(ValidationError, "must lie within"):
            post.term_end = date(2013, 1, 1)
        self.assertEqual(post.term_end, date(2011, 6, 30))

    def test_vote_counts_are_checked(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._post(voters_present=-1)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._post(voters_present=3, votes_for=-1)
        with self.assertRefused(ValidationError, "more than the 6 voters present"):
            self._post(voters_present=6, votes_for=7)
        self.assertEqual(self._count(campaign_id=self.campaign.id), 0)
        post = self._post(voters_present=6, votes_for=3)
        self.assertFalse(post.election_valid)
        with self.assertRefused(ValidationError, "more than the 6 voters present"):
            post.votes_for = 8
        self.assertEqual(post.votes_for, 3)

    def test_election_needs_more_than_half(self):
        post = self._post(self.user_secretary, voters_present=6, votes_for=4)
        with self.assertRefused(UserError, "date of the branch election"):
            post.with_user(self.user_secretary).action_elect()
        self.assertEqual(post.state, "draft")
        # Exactly half is not enough.
        post.with_user(self.user_secretary).write(
            {"election_date": date(2010, 7, 1), "votes_for": 3}
        )
        with self.assertRefused(UserError, "is not more than half"):
            post.with_user(self.user_secretary).action_elect()
        self.assertEqual(post.state, "draft")
        post.with_user(self.user_secretary).votes_for = 4
        self.assertTrue(post.election_valid)
        post.with_user(self.user_secretary).action_elect()
        self.assertEqual(post.state, "elected")
        # The election's record no longer changes, nor can the system turn it
        # invalid.
        with self.assertRefused(UserError, "has been recorded"):
            post.with_user(self.user_secretary).votes_for = 2
        with self.assertRefused(ValidationError, "must remain more than half"):
            post.sudo().votes_for = 2
        self.assertEqual(post.votes_for, 4)
        with self.assertRefused(UserError, "can be done only when it is Draft"):
            post.with_user(self.user_secretary).action_elect()

    def test_only_the_branch_records_the_election(self):
        post = self._post(
            organization_id=self.branch_2.id,
            member_id=self.member_other.id,
            election_date=date(2010, 7, 1),
            voters_present=5,
            votes_for=5,
        )
        # Another branch's secretary does not even read it; its member and the
        # leading group read it but do not record the election.
        with self.assertRaises(AccessError):
            post.with_user(self.user_secretary).action_elect()
        for user in (self.user_other, self.user_leading):
            with self.assertRefused(UserError, "can be done only by the secretary"):
                post.with_user(user).action_elect()
        self.assertEqual(post.state, "draft")
        # The committee's secretary leads every branch below it.
        post.with_user(self.user_committee).action_elect()
        self.assertEqual(post.state, "elected")

    def test_committee_confirms(self):
        post = self._elected()
        for user in (self.user_secretary, self.user_leading):
            with self.assertRefused(UserError, "only by the agency Party committee"):
                post.with_user(user).action_confirm()
        self.assertEqual(post.state, "elected")
        self.assertFalse(post.confirmed_by)
        post.with_user(self.user_committee).action_confirm()
        self.assertEqual(post.state, "confirmed")
        self.assertEqual(post.confirmed_by, self.user_committee)
        self.assertTrue(post.confirmed_date)
        draft = self._post(member_id=self.member_secretary.id)
        with self.assertRefused(UserError, "can be done only when it is Elected"):
            draft.with_user(self.user_committee).action_confirm()
        self.assertEqual(draft.state, "draft")

    def test_status_only_through_the_buttons(self):
        post = self._post(self.user_secretary)
        for vals in (
            {"state": "confirmed"},
            {"slot": 2},
            {"confirmed_by": self.user_secretary.id},
        ):
            with self.assertRefused(UserError, "only through the record's steps"):
                post.with_user(self.user_secretary).write(vals)
        self.assertEqual((post.state, post.slot), ("draft", 1))
        self.assertFalse(post.confirmed_by)
        # Nor can it be created confirmed.
        for vals in ({"state": "confirmed"}, {"slot": 2}):
            with self.assertRefused(UserError, "cannot be written directly"):
                self._post(self.user_secretary, member_id=self.member_group.id, **vals)
        self.assertEqual(self._count(member_id=self.member_group.id), 0)
        by_context = (
            self.Post.with_user(self.user_secretary)
            .with_context(default_state="confirmed", default_slot=2)
            .create(self._vals(member_id=self.member_group.id))
        )
        self.assertEqual(by_context.state, "draft")
        with self.assertRefused(UserError, "cannot be written directly"):
            post.with_user(self.user_office).organization_id = self.branch_2
        with self.assertRefused(UserError, "cannot move"):
            post.sudo().organization_id = self.branch_2
        with self.assertRefused(UserError, "cannot be written directly"):
            post.with_user(self.user_office).campaign_id = self.env[
                "cxzy.campaign"
            ].create(
                {
                    "name": "另一活动",
                    "date_start": date(2010, 4, 1),
                    "date_end": date(2012, 6, 30),
                }
            )
        self.assertEqual(post.organization_id, self.branch_1)
        self.assertEqual(post.campaign_id, self.campaign)

    def test_confirmed_post_is_locked(self):
        post = self._elected()
        post.with_user(self.user_committee).action_confirm()
        # Nobody edits a confirmed post: it is on record.
        for user in (self.user_secretary, self.user_office):
            with self.assertRefused(UserError, "on record"):
                post.with_user(user).write({"title": "改名"})
        with self.assertRaises(AccessError):
            post.with_user(self.user_secretary).unlink()
        with self.assertRefused(UserError, "cannot be deleted"):
            post.with_user(self.user_office).unlink()
        self.assertTrue(post.exists())
        self.assertEqual(post.title, "政策研究示范岗")
        # The secretary cannot withdraw it; the committee can, freeing the slot.
        with self.assertRefused(UserError, "the agency Party committee once"):
            post.with_user(self.user_secretary).action_cancel()
        self.assertEqual(post.state, "confirmed")
        post.with_user(self.user_committee).action_cancel()
        self.assertEqual(post.state, "cancelled")
        # Unconfirmed posts are the secretary's to delete.
        draft = self._post(self.user_secretary, member_id=self.member_group.id)
        draft.with_user(self.user_secretary).unlink()
        self.assertFalse(draft.exists())

    def test_third_post_refused(self):
        first = self._post(self.user_secretary)
        self._post(self.user_secretary, member_id=self.member_group.id)
        with self.assertRefused(UserError, FULL) as caught:
            self._post(self.user_secretary, member_id=self.member_secretary.id)
        self.assertIn(self.branch_1.name, str(caught.exception))
        self.assertEqual(self._count(organization_id=self.branch_1.id), 2)
        # Two at once in one call: the same.
        first.with_user(self.user_secretary).action_cancel()
        with self.assertRefused(UserError, FULL):
            self.Post.with_user(self.user_secretary).create(
                [
                    self._vals(member_id=self.member_secretary.id),
                    self._vals(member_id=self.member_member.id, title="二"),
                ]
            )
        self.assertEqual(
            self.Post.search_count(
                [
                    ("organization_id", "=", self.branch_1.id),
                    ("state", "!=", "cancelled"),
                ]
            ),
            1,
        )
        # Cancelling freed slot 1: a new post takes it.
        third = self._post(self.user_secretary, member_id=self.member_secretary.id)
        self.assertEqual(third.slot, first.slot)
        # The cancelled post cannot come back while the branch is full...
        with self.assertRefused(UserError, FULL):
            first.with_user(self.user_secretary).action_reset_draft()
        self.assertEqual(first.state, "cancelled")
        # ...and can once a slot is free again.
        third.with_user(self.user_secretary).action_cancel()
        first.with_user(self.user_secretary).action_reset_draft()
        self.assertEqual((first.state, first.slot), ("draft", 1))

    def test_slots_are_per_branch_and_campaign(self):
        self._post()
        self._post(member_id=self.member_group.id)
        other = self._post(
            organization_id=self.branch_2.id, member_id=self.member_other.id
        )
        self.assertEqual(other.slot, 1)
        campaign_2 = self.campaign.copy({"name": "2012年活动"})
        again = self._post(campaign_id=campaign_2.id)
        self.assertEqual(again.slot, 1)

    def test_database_refuses_a_third_post_behind_the_check(self):
        """Whatever the Python check says, the unique index refuses a third live
        post, and the user gets the same clear error, the transaction intact."""
        self._post()
        self._post(member_id=self.member_group.id)
        with (
            patch.object(CxzyDemonstrationPost, "_take_slots", return_value=[2]),
            mute_logger("odoo.sql_db"),
            self.assertRefused(UserError, FULL),
        ):
            self._post(member_id=self.member_secretary.id)
        self.assertEqual(self._count(organization_id=self.branch_1.id), 2)
        # The cursor still works after the refused insert.
        self.assertEqual(
            self._post(
                organization_id=self.branch_2.id, member_id=self.member_other.id
            ).slot,
            1,
        )

    def test_roles_read(self):
        draft_1 = self._post()
        draft_2 = self._post(
            organization_id=self.branch_2.id, member_id=self.member_other.id
        )
        confirmed_2 = self._post(
            organization_id=self.branch_2.id,
            member_id=self.member_other.id,
            title="服务示范岗",
            election_date=date(2010, 7, 1),
            voters_present=3,
            votes_for=2,
        )
        confirmed_2.action_elect()
        confirmed_2.action_confirm()
        posts = draft_1 | draft_2 | confirmed_2

        def visible(user):
            return self.Post.with_user(user).search([]).sudo() & posts

        # Members: their branch's, and confirmed ones.
        self.assertEqual(visible(self.user_member), draft_1 | confirmed_2)
        self.assertEqual(visible(self.user_other), draft_2 | confirmed_2)
        with self.assertRaises(AccessError):
            draft_2.with_user(self.user_member).read(["title"])
        with self.assertRaises(AccessError):
            draft_1.with_user(self.user_member).write({"title": "X"})
        with self.assertRaises(AccessError):
            self._post(self.user_member, member_id=self.member_group.id)
        # Secretaries: what they lead, and confirmed ones; nothing else to edit.
        self.assertEqual(visible(self.user_secretary), draft_1 | confirmed_2)
        with self.assertRaises(AccessError):
            self._post(
                self.user_secretary,
                organization_id=self.branch_2.id,
                member_id=self.member_other.id,
            )
        self.assertEqual(self._count(organization_id=self.branch_2.id), 2)
        # The committee and the leading group read all; the leading group edits
        # nothing.
        self.assertEqual(visible(self.user_committee), posts)
        self.assertEqual(visible(self.user_leading), posts)
        with self.assertRaises(AccessError):
            draft_2.with_user(self.user_leading).write({"title": "X"})
        self.assertEqual(draft_2.title, "政策研究示范岗")
        # The office manages all; other companies and non-members see nothing.
        self.assertEqual(visible(self.user_office), posts)
        draft_2.with_user(self.user_office).write({"title": "办公室改"})
        self.assertEqual(draft_2.title, "办公室改")
        self.assertFalse(visible(self.user_office_b))
        with self.assertRaises(AccessError):
            self.Post.with_user(self.user_masses).search([])


@tagged("post_install", "-at_install")
class TestBranchesWithoutPost(PostCase):
    def test_campaign_lists_branches_without_post(self):
        branch_3 = self.env["cxzy.party.organization"].create(
            {"name": "信息处党支部", "kind": "branch", "parent_id": self.committee.id}
        )
        self.campaign.organization_ids |= branch_3
        self.assertEqual(self.campaign.post_missing_count, 3)
        self._post()
        cancelled = self._post(
            organization_id=self.branch_2.id, member_id=self.member_other.id
        )
        cancelled.action_cancel()
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.demonstration_post_count, 1)
        self.assertEqual(self.campaign.post_missing_count, 2)
        self.assertEqual(
            self.campaign._organizations_without_post(), self.branch_2 | branch_3
        )
        action = self.campaign.action_view_branches_without_post()
        self.assertEqual(action["res_model"], "cxzy.party.organization")
        found = self.env["cxzy.party.organization"].search(action["domain"])
        self.assertEqual(found, self.branch_2 | branch_3)
        posts = self.env["cxzy.demonstration.post"].search(
            self.campaign.action_view_demonstration_posts()["domain"]
        )
        self.assertEqual(posts.organization_id, self.branch_1 | self.branch_2)

    def test_counts_do_not_grow_with_campaigns(self):
        campaigns = self.campaign | self.campaign.copy() | self.campaign.copy()
        self._post()
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.campaign.mapped("post_missing_count")
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            campaigns.mapped("post_missing_count")
        self.assertEqual(campaigns.mapped("post_missing_count"), [1, 2, 2])
        # Everyone sees the same number of branches without a post: it is a
        # fact of the campaign; the posts counted are those the user may read.
        as_other = self.campaign.with_user(self.user_other)
        self.assertEqual(as_other.post_missing_count, 1)
        self.assertEqual(as_other.demonstration_post_count, 0)
        self.assertEqual(self.campaign.demonstration_post_count, 1)


@tagged("post_install", "-at_install")
class TestPostCard(HttpCase, PostCase):
    """An HttpCase: wkhtmltopdf fetches the report's assets from the server,
    which can only answer while the registry is in test mode."""

    def test_card_renders(self):
        post = self._elected()
        post.action_confirm()
        html, kind = self.env["ir.actions.report"]._render_qweb_html(REPORT, post.ids)
        self.assertEqual(kind, "html")
        html = html.decode() if isinstance(html, bytes) else str(html)
        for text in (
            "党员示范岗",
            "张党员",
            "政策研究示范岗",
            "综合处党支部",
            "接受群众监督",
        ):
            self.assertIn(text, html)
        self.assertIn("每季度完成一篇调研报告。", html)
        # A member of another branch prints the confirmed card too.
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_other)
            ._render_qweb_html(REPORT, post.ids)
        )
        self.assertIn("张党员", str(html.decode()))
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, post.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestPostSlotRace(RaceCase):
    """Two transactions add a branch's second post at the same moment.

    Each one's Python check sees one post and a free slot, so both insert into
    slot 2; the partial unique index makes the second insert wait for the
    first transaction and fail once it commits.
    """

    race_organization = "并发测试党支部"
    race_employees = tuple(f"并发测试党员{i}" for i in range(3))
    race_campaign = "并发测试活动"
    race_models = ("cxzy.demonstration.post",)

    def _race_records(self, env):
        env["cxzy.demonstration.post"].create(self._vals(0, "第一岗"))

    def _vals(self, member_index, title):
        return {
            "campaign_id": self.ids["campaign"],
            "organization_id": self.ids["organization"],
            "member_id": self.ids["members"][member_index],
            "title": title,
        }

    def test_two_transactions_cannot_both_take_the_last_slot(self):
        cr1, cr2 = self._cursors()
        winner = self._env(cr1)["cxzy.demonstration.post"].create(
            self._vals(1, "第二岗")
        )
        self.assertEqual(winner.slot, 2)
        outcome = self._race(
            cr1,
            cr2,
            lambda env: (
                env["cxzy.demonstration.post"].create(self._vals(2, "第三岗")).slot
            ),
        )
        self.assertNotIn("result", outcome, "the database accepted a third post")
        self.assertIsInstance(outcome.get("error"), UserError)
        self.assertIn(FULL, str(outcome["error"]))
        self.assertIn("并发测试党支部", str(outcome["error"]))
        cr2.rollback()
        with self.registry.cursor() as cr:
            posts = self._env(cr)["cxzy.demonstration.post"].search(
                [("campaign_id", "=", self.ids["campaign"])]
            )
            self.assertEqual(sorted(posts.mapped("slot")), [1, 2])
            self.assertEqual(sorted(posts.mapped("title")), ["第一岗", "第二岗"])
