# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import time
from contextlib import contextmanager
from datetime import date, timedelta

from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.cxzy_campaign.tests.common import CxzyCase, RaceCase

DEEDS = "<p>带头完成重点调研课题，服务群众热情周到。</p>"
#: Queries of one decision: the lock, the checks, the quota's lock and count,
#: the write and the chatter line.
DECIDE_BUDGET = 20
#: Queries of the dossier of a list: one per source.
DOSSIER_BUDGET = 12
TODAY = fields.Date.today()


class NominationCase(CxzyCase):
    """A campaign of branch_1 and branch_2 with quotas, the shipped award types,
    a secretary for branch_2 and a second leading-group member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "表彰测试活动",
                "date_start": date(2010, 4, 1),
                "date_end": date(2012, 6, 30),
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.award_member = cls.env.ref("cxzy_evaluation.award_type_excellent_member")
        cls.award_branch = cls.env.ref("cxzy_evaluation.award_type_advanced_branch")
        cls.award_worker = cls.env.ref(
            "cxzy_evaluation.award_type_excellent_party_worker"
        )
        Quota = cls.env["cxzy.award.quota"]
        cls.quota_member = Quota.create(
            {
                "campaign_id": cls.campaign.id,
                "award_type_id": cls.award_member.id,
                "quota": 2,
            }
        )
        cls.quota_branch = Quota.create(
            {
                "campaign_id": cls.campaign.id,
                "award_type_id": cls.award_branch.id,
                "quota": 1,
            }
        )
        cls.user_secretary_2 = new_test_user(
            cls.env,
            login="cxzy_n_secretary_2",
            groups="cxzy_campaign.group_cxzy_secretary",
        )
        cls.member_secretary_2 = cls.env["cxzy.party.member"].create(
            {
                "employee_id": cls.env["hr.employee"]
                .create({"name": "周书记", "user_id": cls.user_secretary_2.id})
                .id,
                "organization_id": cls.branch_2.id,
            }
        )
        cls.branch_2.secretary_id = cls.member_secretary_2
        cls.user_leading_2 = new_test_user(
            cls.env,
            login="cxzy_n_leading_2",
            groups="cxzy_campaign.group_cxzy_leading",
        )
        cls.member_extra = cls.env["cxzy.party.member"].create(
            {
                "employee_id": cls.env["hr.employee"].create({"name": "吴党员"}).id,
                "organization_id": cls.branch_1.id,
            }
        )
        cls.Nomination = cls.env["cxzy.nomination"]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _nominate(self, nominee=None, award=None, user=None, tracking=False, **vals):
        nominee = nominee or self.member_member
        award = award or self.award_member
        values = {
            "campaign_id": self.campaign.id,
            "award_type_id": award.id,
            "deeds": DEEDS,
            "meeting_date": date(2011, 5, 10),
            "voters_entitled": 9,
            "voters_present": 8,
            "votes_favour": 7,
        }
        field = (
            "member_id" if nominee._name == "cxzy.party.member" else "organization_id"
        )
        values[field] = nominee.id
        values.update(vals)
        Nomination = self.Nomination.with_user(user) if user else self.Nomination
        if tracking:
            Nomination = Nomination.with_context(tracking_disable=False)
        return Nomination.create(values)

    def _as(self, nomination, user):
        return nomination.with_user(user).with_context(tracking_disable=False)

    def _recommend(self, nomination, user=None):
        if not user:
            user = (
                self.user_secretary_2
                if nomination.branch_id == self.branch_2
                else self.user_secretary
            )
        self._as(nomination, user).action_recommend("支部大会民主推荐，同意推荐。")

    def _study(self, nomination, publicity=True):
        self._as(nomination, self.user_committee).action_study(
            "经机关党委研究，同意推荐。", publicity
        )

    def _publicise(self, nomination, start=TODAY, end=TODAY + timedelta(days=6)):
        self._as(nomination, self.user_committee).action_start_publicity(start, end)

    @staticmethod
    def _let_publicity_pass(nomination):
        """Time passes in a test: the publicity that was made public today
        ran its course. Its period is moved back as the system, which no
        caller can do (test_publicity_rules decides after a real wait)."""
        days = (nomination.publicity_end - nomination.publicity_start).days
        nomination.sudo().write(
            {
                "publicity_start": TODAY - timedelta(days=days + 2),
                "publicity_end": TODAY - timedelta(days=1),
            }
        )

    def _decide(self, nomination, user=None, wait=True):
        """The leading group decides; ``wait``: once the publicity is over."""
        if wait and nomination.state == "publicity":
            self._let_publicity_pass(nomination)
        self._as(nomination, user or self.user_leading).action_decide(
            "经室党组研究，同意表彰。"
        )

    def _to(self, nomination, state):
        """Take the nomination by the regular steps to ``state``."""
        order = ["recommended", "studied", "publicity", "decided", "commended"]
        steps = {
            "recommended": lambda: self._recommend(nomination),
            "studied": lambda: self._study(nomination),
            "publicity": lambda: self._publicise(nomination),
            "decided": lambda: self._decide(nomination),
            "commended": lambda: self._as(nomination, self.user_leading).action_commend(
                TODAY
            ),
        }
        for step in order[: order.index(state) + 1]:
            steps[step]()
        self.assertEqual(nomination.state, state)
        return nomination

    def _snapshot(self, nomination):
        nomination.invalidate_recordset()
        return (
            nomination.read(
                [
                    "state",
                    "deeds",
                    "voters_entitled",
                    "voters_present",
                    "votes_favour",
                    "recommend_opinion",
                    "study_opinion",
                    "decide_opinion",
                    "publicity_required",
                    "active",
                ]
            ),
            len(nomination.message_ids),
        )

    @contextmanager
    def assertRefused(self, exception, message, *nominations):
        """The block raises ``exception`` with ``message`` and changes none of
        ``nominations`` (fields and chatter)."""
        # Pending tracking is written first: it is not the block's doing.
        self.env.flush_all()
        self.env.cr.flush()
        count = self.Nomination.with_context(active_test=False).search_count([])
        before = [self._snapshot(nomination) for nomination in nominations]
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(message, str(caught.exception))
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        self.assertEqual(
            self.Nomination.with_context(active_test=False).search_count([]), count
        )
        self.assertEqual(
            [self._snapshot(nomination) for nomination in nominations], before
        )


@tagged("post_install", "-at_install")
class TestAwardType(NominationCase):
    def test_shipped_award_types(self):
        self.assertEqual(self.award_branch.code, "advanced_branch")
        self.assertEqual(self.award_branch.subject_type, "organization")
        self.assertEqual(self.award_member.name, "优秀共产党员")
        self.assertEqual(self.award_member.subject_type, "member")
        self.assertEqual(self.award_worker.subject_type, "member")
        for award in (self.award_branch, self.award_member, self.award_worker):
            self.assertAlmostEqual(award.min_present_ratio, 2 / 3)
            self.assertEqual(award.min_favour_ratio, 0.5)
            self.assertTrue(award.favour_strict)
            self.assertTrue(award.publicity_required)

    def test_default_rule(self):
        issue = self.award_member._recommendation_issue
        # two thirds of 9 is 6: six present make the quorum, five do not
        self.assertFalse(issue(9, 6, 4))
        self.assertIn("Too few present", issue(9, 5, 5))
        self.assertIn("at least 2/3 (6)", issue(9, 5, 5))
        # more than half of 6 is 4: three in favour are not enough
        self.assertIn("Too few in favour", issue(9, 6, 3))
        self.assertIn("more than 1/2 (4)", issue(9, 6, 3))
        # 7 present of 10 (two thirds is 6.67): the quorum; 4 of 7 is a majority
        self.assertFalse(issue(10, 7, 4))
        self.assertIn("Too few present", issue(10, 6, 6))
        self.assertIn("more cannot be present", issue(9, 10, 5))
        self.assertIn("more cannot vote", issue(9, 6, 7))
        self.assertIn("negative", issue(9, -1, 0))
        self.assertIn("entitled to vote", issue(0, 0, 0))

    def test_configurable_rule(self):
        self.award_member.write(
            {"min_present_ratio": 0.5, "min_favour_ratio": 0.5, "favour_strict": False}
        )
        issue = self.award_member._recommendation_issue
        self.assertFalse(issue(10, 5, 3))  # half present, half of them in favour
        self.assertIn("at least 1/2 (3)", issue(10, 5, 2))
        self.award_member.min_favour_ratio = 2 / 3
        self.assertIn("at least 2/3 (4)", issue(10, 6, 3))
        self.assertFalse(issue(10, 6, 4))
        nomination = self._nominate(
            voters_entitled=10, voters_present=5, votes_favour=3
        )
        self.award_member.min_favour_ratio = 0.5
        self.assertTrue(nomination.recommendation_valid)
        self.award_member.min_present_ratio = 0.8
        self.assertFalse(nomination.recommendation_valid)
        self.assertIn("at least 4/5 (8)", nomination.recommendation_issue)

    def test_rule_ratios_checked(self):
        for ratio in (0.0, 1.5, -0.2):
            with self.assertRaises(ValidationError):
                self.award_member.min_present_ratio = ratio
        self.env.invalidate_all()
        self.assertAlmostEqual(self.award_member.min_present_ratio, 2 / 3)

    def test_kind_of_used_award_cannot_change(self):
        self._nominate()
        with self.assertRaises(UserError):
            self.award_member.subject_type = "organization"
        self.env.invalidate_all()
        self.assertEqual(self.award_member.subject_type, "member")
        with self.assertRaises(UserError):
            self.award_member.unlink()
        self.assertTrue(self.award_member.exists())


@tagged("post_install", "-at_install")
class TestNominationRecord(NominationCase):
    def test_nominee_branch_and_name(self):
        nomination = self._nominate(self.member_group)
        self.assertEqual(nomination.branch_id, self.branch_1)
        self.assertEqual(nomination.name, "孙组员 — 优秀共产党员")
        self.assertEqual(nomination.subject_type, "member")
        self.assertTrue(nomination.publicity_required)
        branch = self._nominate(self.branch_2, self.award_branch)
        self.assertEqual(branch.branch_id, self.branch_2)
        self.assertEqual(branch.company_id, self.company)

    def test_invalid_numbers_refused_on_create(self):
        cases = [
            ({"voters_present": 10}, "only 9 are entitled to vote"),
            ({"votes_favour": 9}, "only 8 members were present"),
            ({"voters_present": -1}, "cannot be negative"),
            ({"voters_entitled": -3}, "cannot be negative"),
            ({"votes_favour": -1}, "cannot be negative"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRefused(ValidationError, message):
                self._nominate(**vals)

    def test_invalid_numbers_refused_on_write(self):
        nomination = self._nominate()
        cases = [
            ({"voters_present": 10}, "only 9 are entitled to vote"),
            ({"voters_entitled": 7}, "only 7 are entitled to vote"),
            ({"votes_favour": 9}, "only 8 members were present"),
            ({"voters_present": -1}, "cannot be negative"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRefused(ValidationError, message, nomination),
            ):
                nomination.with_user(self.user_secretary).write(vals)

    def test_recommendation_refused_with_reasons(self):
        cases = [
            ({"voters_present": 5, "votes_favour": 5}, "Too few present"),
            ({"voters_present": 6, "votes_favour": 3}, "Too few in favour"),
            (
                {"voters_entitled": 0, "voters_present": 0, "votes_favour": 0},
                "entitled",
            ),
            ({"meeting_date": False}, "record the date"),
            ({"deeds": False}, "describe the nominee's deeds"),
        ]
        for vals, message in cases:
            nomination = self._nominate(**vals)
            with (
                self.subTest(vals=vals),
                self.assertRefused(UserError, message, nomination),
            ):
                self._recommend(nomination)
            nomination.unlink()
        nomination = self._nominate()
        with self.assertRefused(UserError, "branch's opinion", nomination):
            self._as(nomination, self.user_secretary).action_recommend("  ")

    def test_second_nomination_refused(self):
        first = self._nominate()
        with self.assertRefused(
            ValidationError,
            "张党员 is already nominated for 优秀共产党员 in 表彰测试活动",
        ):
            self._nominate()
        # even when the first is archived, or both come at once
        first.active = False
        with self.assertRefused(ValidationError, "already nominated"):
            self._nominate()
        with self.assertRefused(ValidationError, "already nominated"):
            self.Nomination.create(
                [
                    {
                        "campaign_id": self.campaign.id,
                        "award_type_id": self.award_member.id,
                        "member_id": self.member_group.id,
                    }
                ]
                * 2
            )
        # moving another nomination onto the same nominee
        other = self._nominate(self.member_group)
        with self.assertRefused(ValidationError, "already nominated", other):
            other.member_id = self.member_member
        # another award for the same member is another nomination
        self.assertTrue(self._nominate(award=self.award_worker))

    @mute_logger("odoo.sql_db")
    def test_second_nomination_refused_by_the_database(self):
        first = self._nominate()
        columns = "campaign_id, award_type_id, member_id, subject_type, state"
        values = (self.campaign.id, self.award_member.id, self.member_member.id)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                f"INSERT INTO cxzy_nomination ({columns}) "
                "VALUES (%s, %s, %s, 'member', 'draft')",
                values,
            )
        self.assertEqual(
            self.Nomination.search_count([("member_id", "=", self.member_member.id)]),
            1,
        )
        self.assertTrue(first.exists())

    def test_nominee_matches_the_award(self):
        with self.assertRefused(ValidationError, "conferred on a Party member"):
            self._nominate(self.branch_1, self.award_member)
        with self.assertRefused(ValidationError, "conferred on a Party organisation"):
            self._nominate(self.member_member, self.award_branch)
        with self.assertRefused(ValidationError, "is not a Party branch"):
            self._nominate(self.group_1, self.award_branch)
        template = self.env["cxzy.campaign"].create(
            {
                "name": "模板",
                "is_template": True,
                "date_start": date(2010, 1, 1),
                "date_end": date(2010, 12, 31),
            }
        )
        with self.assertRefused(ValidationError, "is a template"):
            self._nominate(campaign_id=template.id)

    def test_steps_only_through_buttons(self):
        nomination = self._nominate()
        for vals in (
            {"state": "decided"},
            {"recommend_opinion": "同意"},
            {"certificate_number": "X-1"},
            {"publicity_required": False},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefused(UserError, "cannot be written directly", nomination),
            ):
                nomination.with_user(self.user_office).write(vals)
        with self.assertRefused(UserError, "cannot be written directly"):
            self._nominate(self.member_group, user=self.user_secretary, state="decided")

    def test_draft_edited_by_the_branch_only_until_recommended(self):
        nomination = self._nominate(user=self.user_secretary)
        nomination.with_user(self.user_secretary).write(
            {"deeds": "<p>新的事迹</p>", "voters_present": 9}
        )
        self.assertEqual(nomination.voters_present, 9)
        self._recommend(nomination)
        for user in (self.user_secretary, self.user_office):
            with (
                self.subTest(user=user.login),
                self.assertRefused(
                    UserError, "only a draft can be changed", nomination
                ),
            ):
                nomination.with_user(user).write({"deeds": "<p>改过的事迹</p>"})

    def test_decided_nomination_is_on_record(self):
        nomination = self._to(self._nominate(), "decided")
        for user, vals, message in (
            (self.user_office, {"deeds": "<p>改过的事迹</p>"}, "is on record"),
            (self.user_office, {"votes_favour": 8}, "is on record"),
            (self.user_office, {"state": "draft"}, "cannot be written directly"),
        ):
            with self.assertRefused(UserError, message, nomination):
                nomination.with_user(user).write(vals)
        # not even as the system: only the steps write a decided nomination
        with self.assertRefused(UserError, "is on record", nomination):
            nomination.sudo().write({"deeds": "<p>悄悄改过</p>"})
        with self.assertRefused(UserError, "is on record", nomination):
            nomination.sudo().write({"decide_opinion": "悄悄改过"})
        with self.assertRefused(UserError, "cannot be deleted", nomination):
            nomination.with_user(self.user_office).unlink()
        with self.assertRefused(UserError, "cannot be deleted", nomination):
            nomination.sudo().unlink()
        # archived instead, by the office only, and it still takes its place
        with self.assertRefused(UserError, "Only the campaign office", nomination):
            nomination.with_user(self.user_secretary).active = False
        nomination.with_user(self.user_office).active = False
        self.assertFalse(nomination.active)
        self.assertEqual(self.quota_member.decided_count, 1)
        commended = self._to(self._nominate(self.member_group), "commended")
        with self.assertRefused(UserError, "is on record", commended):
            commended.sudo().write({"certificate_number": "伪造-1"})

    def test_under_way_not_deleted(self):
        draft = self._nominate(self.member_group, user=self.user_secretary)
        nomination = self._to(self._nominate(), "recommended")
        with self.assertRefused(UserError, "cannot be deleted", nomination):
            nomination.with_user(self.user_office).unlink()
        draft.with_user(self.user_secretary).unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestNominationSteps(NominationCase):
    def _messages(self, nomination, text):
        return nomination.message_ids.filtered(lambda m: text in (m.body or ""))

    def _end_of_request(self):
        """Each step is a request of its own in the web client: its tracking
        is written when it ends."""
        self.env.flush_all()
        self.env.cr.flush()

    def test_the_plans_order_with_publicity(self):
        nomination = self._nominate(tracking=True)
        self._end_of_request()
        self._recommend(nomination)
        self._end_of_request()
        self.assertEqual(nomination.state, "recommended")
        self.assertEqual(nomination.recommend_user_id, self.user_secretary)
        self.assertEqual(nomination.recommend_date, TODAY)
        self.assertEqual(nomination.recommend_opinion, "支部大会民主推荐，同意推荐。")
        self._study(nomination)
        self._end_of_request()
        self.assertEqual(nomination.state, "studied")
        self.assertEqual(nomination.study_user_id, self.user_committee)
        self.assertEqual(nomination.study_date, TODAY)
        self.assertEqual(nomination.study_opinion, "经机关党委研究，同意推荐。")
        self._publicise(nomination)
        self._end_of_request()
        self.assertEqual(nomination.state, "publicity")
        self.assertEqual(nomination.publicity_start, TODAY)
        self.assertEqual(nomination.publicity_end, TODAY + timedelta(days=6))
        self._as(nomination, self.user_committee).action_note_objection(
            "有群众反映其调研报告署名问题，经核实不属实。"
        )
        self.assertIn("经核实不属实", nomination.publicity_objection)
        self.assertIn(self.user_committee.name, nomination.publicity_objection)
        self.assertTrue(nomination.objection_open)
        self._as(nomination, self.user_committee).action_handle_objection(
            "经机关党委核实，反映问题不属实，已向反映人说明。"
        )
        self.assertFalse(nomination.objection_open)
        self.assertIn("已向反映人说明", nomination.publicity_objection)
        self._decide(nomination)
        self._end_of_request()
        self.assertEqual(nomination.state, "decided")
        self.assertEqual(nomination.decide_user_id, self.user_leading)
        self.assertEqual(nomination.decide_date, TODAY)
        self.assertEqual(nomination.decide_opinion, "经室党组研究，同意表彰。")
        self._as(nomination, self.user_leading).action_commend(
            date(2030, 6, 28), "冀研党表〔2011〕1号"
        )
        self._end_of_request()
        self.assertEqual(nomination.state, "commended")
        self.assertEqual(nomination.commendation_date, date(2030, 6, 28))
        self.assertEqual(nomination.certificate_number, "冀研党表〔2011〕1号")
        self.assertEqual(nomination.commend_user_id, self.user_leading)

        # Every step is in the chatter, once: the step, who, from → to and
        # what they said; the state is not tracked besides.
        end = fields.Date.to_string(TODAY + timedelta(days=6))
        for line, user, said in (
            ("Recommend by %s: Draft → Recommended.", self.user_secretary, "同意推荐"),
            ("Study by %s: Recommended → Studied.", self.user_committee, "同意推荐"),
            (
                "Make Public by %s: Studied → Publicity.",
                self.user_committee,
                f"Made public from {fields.Date.to_string(TODAY)} to {end}.",
            ),
            (
                "Note an Objection by %s: Publicity → Publicity.",
                self.user_committee,
                "署名问题",
            ),
            (
                "Handle the Objections by %s: Publicity → Publicity.",
                self.user_committee,
                "已向反映人说明",
            ),
            ("Decide by %s: Publicity → Decided.", self.user_leading, "同意表彰"),
            (
                "Commend by %s: Decided → Commended.",
                self.user_leading,
                "Certificate 冀研党表〔2011〕1号.",
            ),
        ):
            text = line % user.name
            message = self._messages(nomination, text)
            self.assertEqual(len(message), 1, text)
            self.assertEqual(message.author_id, user.partner_id, text)
            self.assertIn(said, message.body, text)
        nomination.invalidate_recordset(["message_ids"])
        tracked = nomination.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertFalse(tracked)

    def test_publicity_waived(self):
        nomination = self._nominate()
        self._recommend(nomination)
        self._study(nomination, publicity=False)
        self.assertFalse(nomination.publicity_required)
        with self.assertRefused(UserError, "has been waived", nomination):
            self._publicise(nomination)
        self._decide(nomination)
        self.assertEqual(nomination.state, "decided")
        self.assertFalse(nomination.publicity_start)

    def test_publicity_optional_per_award_type(self):
        self.award_worker.publicity_required = False
        nomination = self._nominate(award=self.award_worker)
        self.assertFalse(nomination.publicity_required)
        self.env["cxzy.award.quota"].create(
            {
                "campaign_id": self.campaign.id,
                "award_type_id": self.award_worker.id,
                "quota": 1,
            }
        )
        self._recommend(nomination)
        self._as(nomination, self.user_committee).action_study("同意")
        self._decide(nomination)
        self.assertEqual(nomination.state, "decided")

    def test_deciding_before_publicity_refused(self):
        nomination = self._to(self._nominate(), "studied")
        with self.assertRefused(UserError, "must be made public", nomination):
            self._decide(nomination)
        committee = self._as(nomination, self.user_committee)
        with self.assertRefused(UserError, "cannot start in the past", nomination):
            committee.action_start_publicity(
                TODAY - timedelta(days=2), TODAY + timedelta(days=6)
            )
        with self.assertRefused(UserError, "needs an end date", nomination):
            committee.action_start_publicity(TODAY + timedelta(days=7), TODAY)
        with self.assertRefused(UserError, "lasts at least 7 days", nomination):
            committee.action_start_publicity(TODAY, TODAY + timedelta(days=5))
        self._publicise(nomination)
        with self.assertRefused(UserError, "runs until", nomination):
            self._decide(nomination, wait=False)

    def test_steps_out_of_order_refused(self):
        nomination = self._nominate()
        refusals = [
            (
                lambda: self._study(nomination),
                "“Study” can be done only when it is Recommended",
            ),
            (
                lambda: self._decide(nomination),
                "“Decide” can be done only when it is Studied or Publicity",
            ),
            (
                lambda: self._as(nomination, self.user_leading).action_commend(),
                "“Commend” can be done only when it is Decided",
            ),
            (
                lambda: self._publicise(nomination),
                "“Make Public” can be done only when it is Studied",
            ),
            (
                lambda: self._as(nomination, self.user_secretary).action_reset_draft(),
                "“Reset to Draft” can be done only when it is Rejected",
            ),
        ]
        for call, message in refusals:
            with (
                self.subTest(message),
                self.assertRefused(UserError, message, nomination),
            ):
                call()
        self._to(nomination, "decided")
        with self.assertRefused(UserError, "is Decided: “Decide” can be", nomination):
            self._decide(nomination, self.user_leading_2)
        with self.assertRefused(UserError, "is Decided: “Reject” can be", nomination):
            self._as(nomination, self.user_leading).action_reject("不同意")
        with self.assertRefused(UserError, "“Recommend” can be done only", nomination):
            self._recommend(nomination)

    def test_each_step_by_its_level(self):
        nomination = self._nominate()
        only = "can be done only by"
        plan = [
            (
                "draft",
                None,
                [
                    (self.user_member, "action_recommend", ("同意",), ""),
                    (self.user_leading, "action_recommend", ("同意",), only),
                ],
            ),
            (
                "recommended",
                lambda: self._recommend(nomination),
                [
                    (self.user_secretary, "action_study", ("同意",), only),
                    (self.user_leading, "action_study", ("同意",), only),
                    (self.user_secretary, "action_reject", ("不同意",), only),
                    (self.user_leading, "action_reject", ("不同意",), only),
                ],
            ),
            (
                "studied",
                lambda: self._study(nomination),
                [
                    (
                        self.user_leading,
                        "action_start_publicity",
                        (TODAY, TODAY + timedelta(days=6)),
                        only,
                    ),
                    (self.user_secretary, "action_reject", ("不同意",), only),
                ],
            ),
            (
                "publicity",
                lambda: self._publicise(nomination),
                [
                    (self.user_committee, "action_decide", ("同意",), only),
                    (self.user_secretary, "action_decide", ("同意",), only),
                    (self.user_leading, "action_note_objection", ("有意见",), only),
                ],
            ),
            (
                "decided",
                lambda: self._decide(nomination),
                [
                    (self.user_committee, "action_commend", (), only),
                    (self.user_secretary, "action_commend", (), only),
                ],
            ),
        ]
        for state, step, refusals in plan:
            if step:
                step()
            self.assertEqual(nomination.state, state)
            for user, method, args, message in refusals:
                with (
                    self.subTest(state=state, user=user.login, method=method),
                    # AccessError (no read access) is a UserError too
                    self.assertRefused(UserError, message, nomination),
                ):
                    getattr(nomination.with_user(user), method)(*args)

    def test_a_secretary_recommends_only_their_branch(self):
        nomination = self._nominate(self.member_other)  # branch_2
        with self.assertRefused(AccessError, "", nomination):
            # secretary of branch_1 cannot even read it
            self._recommend(nomination, self.user_secretary)
        self._recommend(nomination, self.user_secretary_2)
        self.assertEqual(nomination.recommend_user_id, self.user_secretary_2)

    def test_no_step_on_ones_own_nomination(self):
        # the secretary of branch_1 is nominated: the committee's secretary
        # (above the branch) records the recommendation instead
        nomination = self._nominate(self.member_secretary, self.award_worker)
        with self.assertRefused(UserError, "on your own record", nomination):
            self._recommend(nomination, self.user_secretary)
        self._recommend(nomination, self.user_committee)
        self.assertEqual(nomination.state, "recommended")
        own = self._nominate(self.member_committee, self.award_worker)
        self._recommend(own, self.user_office)
        with self.assertRefused(UserError, "on your own record", own):
            self._study(own)

    def test_rejection_at_each_step(self):
        cases = (
            ("draft", self.user_secretary, self.member_member, self.award_member),
            ("recommended", self.user_committee, self.member_group, self.award_member),
            ("studied", self.user_leading, self.member_member, self.award_worker),
            ("publicity", self.user_committee, self.member_group, self.award_worker),
        )
        for state, user, nominee, award in cases:
            nomination = self._nominate(nominee, award)
            if state != "draft":
                self._to(nomination, state)
            with self.assertRefused(UserError, "Give the reason", nomination):
                self._as(nomination, user).action_reject("")
            self._as(nomination, user).action_reject("群众反映较多，暂不推荐。")
            self.assertEqual(nomination.state, "rejected")
            self.assertEqual(nomination.rejected_state, state)
            self.assertEqual(nomination.reject_user_id, user)
            self.assertEqual(nomination.reject_date, TODAY)
            self.assertEqual(nomination.reject_reason, "群众反映较多，暂不推荐。")
            message = nomination.message_ids.filtered(
                lambda m: "群众反映较多" in (m.body or "")
            )
            self.assertEqual(message.author_id, user.partner_id)
            self.assertIn(f"Reject by {user.name}: ", message.body)
            self.assertIn("→ Rejected.", message.body)
            # the branch may correct it and recommend it again
            self._as(nomination, self.user_secretary).action_reset_draft()
            self.assertEqual(nomination.state, "draft")
            self.assertFalse(nomination.study_opinion)
            self.assertEqual(nomination.reject_reason, "群众反映较多，暂不推荐。")
            self._recommend(nomination)
            self.assertFalse(nomination.reject_reason)
            self.assertEqual(nomination.state, "recommended")

    def test_quota_enforced_at_decision(self):
        first = self._to(self._nominate(self.member_member), "publicity")
        second = self._to(self._nominate(self.member_group), "publicity")
        third = self._to(self._nominate(self.member_extra), "publicity")
        self._decide(first)
        self._decide(second, self.user_leading_2)
        self.assertEqual(self.quota_member.decided_count, 2)
        self.assertEqual(self.quota_member.remaining, 0)
        with self.assertRefused(
            UserError,
            "The quota of 优秀共产党员 in 表彰测试活动 is full: 2 of 2",
            third,
        ):
            self._decide(third)
        # the quota cannot be lowered below what has been decided
        with self.assertRaises(ValidationError):
            self.quota_member.quota = 1
        self.env.invalidate_all()
        self.assertEqual(self.quota_member.quota, 2)
        self.quota_member.quota = 3
        self._decide(third)
        self.assertEqual(third.state, "decided")

    def test_decision_without_quota_refused(self):
        self.quota_branch.unlink()
        nomination = self._to(
            self._nominate(self.branch_1, self.award_branch), "publicity"
        )
        with self.assertRefused(
            UserError, "There is no quota for 先进党支部", nomination
        ):
            self._decide(nomination)

    def test_certificate_numbers(self):
        first = self._to(self._nominate(), "decided")
        second = self._to(self._nominate(self.member_group), "decided")
        self._as(first, self.user_leading).action_commend()
        self.assertEqual(first.commendation_date, TODAY)
        self.assertEqual(first.certificate_number, f"{TODAY.year}-001")
        with self.assertRefused(UserError, "has already been given", second):
            self._as(second, self.user_leading).action_commend(
                TODAY, first.certificate_number
            )
        with self.assertRefused(UserError, "cannot be commended before", second):
            self._as(second, self.user_leading).action_commend(date(2001, 1, 1))

    def test_header_buttons_open_the_steps(self):
        nomination = self._nominate()
        action = nomination.with_user(self.user_secretary).action_open_recommend()
        self.assertEqual(action["res_model"], "cxzy.nomination.step")
        wizard = (
            self.env["cxzy.nomination.step"]
            .with_user(self.user_secretary)
            .with_context(**action["context"])
            .create({"opinion": "同意推荐"})
        )
        wizard.action_confirm()
        self.assertEqual(nomination.state, "recommended")
        self.assertEqual(nomination.recommend_opinion, "同意推荐")
        # a level that is not the nomination's next one cannot even open it
        with self.assertRaisesRegex(UserError, "can be done only by"):
            nomination.with_user(self.user_leading).action_open_study()
        action = nomination.with_user(self.user_committee).action_open_study()
        self.assertTrue(action["context"]["default_publicity_required"])
        wizard = (
            self.env["cxzy.nomination.step"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"opinion": "同意", "publicity_required": False})
        )
        wizard.action_confirm()
        self.assertEqual(nomination.state, "studied")
        self.assertFalse(nomination.publicity_required)
        self.assertTrue(nomination.with_user(self.user_leading).can_reject)
        self.assertFalse(nomination.with_user(self.user_secretary).can_reject)

    def test_header_buttons_by_group_and_state(self):
        arch = self.env.ref("cxzy_evaluation.cxzy_nomination_view_form").arch
        expected = {
            "action_open_recommend": ("group_cxzy_secretary", "not can_recommend"),
            "action_open_study": ("group_cxzy_committee", "not can_study"),
            "action_open_publicity": ("group_cxzy_committee", "not can_publicity"),
            "action_open_objection": ("group_cxzy_committee", "not can_objection"),
            "action_open_handle_objection": (
                "group_cxzy_committee",
                "not can_handle_objection",
            ),
            "action_open_decide": ("group_cxzy_leading", "not can_decide"),
            "action_open_commend": ("group_cxzy_leading", "not can_commend"),
            "action_open_reject": ("group_cxzy_secretary", "not can_reject"),
            "action_reset_draft": ("group_cxzy_secretary", "not can_reset"),
        }
        for name, (group, invisible) in expected.items():
            start = arch.index(f'name="{name}"')
            button = arch[arch.rindex("<button", 0, start) : arch.index("/>", start)]
            self.assertIn(group, button, name)
            self.assertIn(invisible, button, name)
        # what each role sees in the header of a recommended nomination
        nomination = self._to(self._nominate(), "recommended")
        for user, visible in (
            (self.user_committee, True),
            (self.user_leading, False),
            (self.user_secretary, False),
        ):
            view = self.Nomination.with_user(user).get_views([(False, "form")])
            form = view["views"]["form"]["arch"]
            self.assertEqual('name="action_open_study"' in form, visible, user.login)
            # and the table's answer for the record
            self.assertEqual(nomination.with_user(user).can_study, visible, user.login)
        self.assertTrue(nomination.with_user(self.user_committee).can_reject)
        self.assertFalse(nomination.with_user(self.user_secretary).can_reject)


@tagged("post_install", "-at_install")
class TestNominationDossier(NominationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # pledges assessed in the campaign
        env["cxzy.pledge"].create(
            [
                {
                    "campaign_id": cls.campaign.id,
                    "subject_type": "member",
                    "member_id": cls.member_member.id,
                    "state": "assessed",
                    "assessment_rating": "excellent",
                },
                {
                    "campaign_id": cls.campaign.id,
                    "subject_type": "organization",
                    "organization_id": cls.branch_1.id,
                    "state": "assessed",
                    "assessment_rating": "good",
                },
            ]
        )
        # a confirmed demonstration post
        env["cxzy.demonstration.post"].create(
            {
                "campaign_id": cls.campaign.id,
                "organization_id": cls.branch_1.id,
                "member_id": cls.member_member.id,
                "title": "政策研究示范岗",
                "voters_present": 5,
                "votes_for": 5,
                "state": "confirmed",
                "slot": 1,
            }
        )
        # the secretary's duty report of branch_1, rated
        env["cxzy.duty.report"].create(
            {
                "campaign_id": cls.campaign.id,
                "organization_id": cls.branch_1.id,
                "state": "rated",
                "rating": "good",
            }
        )
        # two periods: the member's latest confirmed appraisal is the second
        Period = env["cxzy.assessment.period"]
        cls.period_1 = Period.create(
            {
                "name": "第一次考核",
                "campaign_id": cls.campaign.id,
                "date_start": date(2010, 4, 1),
                "date_end": date(2010, 12, 31),
            }
        )
        cls.period_2 = Period.create(
            {
                "name": "第二次考核",
                "campaign_id": cls.campaign.id,
                "date_start": date(2011, 1, 1),
                "date_end": date(2011, 5, 31),
            }
        )
        org_criteria = env["cxzy.criterion"].search([("target", "=", "organization")])
        member_criteria = env["cxzy.criterion"].search([("target", "=", "member")])

        def evaluate(model, period, subject_field, subject, criteria, score, review):
            record = env[model].create(
                {
                    "period_id": period.id,
                    subject_field: subject.id,
                    "line_ids": [
                        Command.create(
                            {
                                "criterion_id": criterion.id,
                                "passing_score": 60.0,
                                "self_score": score,
                                review: score,
                                "masses_score": score,
                            }
                        )
                        for criterion in criteria
                    ],
                }
            )
            record.write({"state": "confirmed"})
            return record

        for period, score in ((cls.period_1, 70.0), (cls.period_2, 95.0)):
            evaluate(
                "cxzy.member.appraisal",
                period,
                "member_id",
                cls.member_member,
                member_criteria,
                score,
                "branch_score",
            )
        evaluate(
            "cxzy.org.assessment",
            cls.period_2,
            "organization_id",
            cls.branch_1,
            org_criteria,
            90.0,
            "committee_score",
        )
        # an earlier campaign in which the member was commended
        cls.campaign_2009 = env["cxzy.campaign"].create(
            {
                "name": "2009年主题实践活动",
                "date_start": date(2009, 1, 1),
                "date_end": date(2009, 12, 31),
            }
        )
        cls.Nomination.create(
            {
                "campaign_id": cls.campaign_2009.id,
                "award_type_id": cls.award_member.id,
                "member_id": cls.member_member.id,
                "state": "commended",
                "certificate_number": "2009-007",
            }
        )

    def test_dossier_of_a_member(self):
        nomination = self._nominate(self.member_member)
        self.assertEqual(nomination.pledge_rating, "excellent")
        self.assertEqual(nomination.demonstration_post, "政策研究示范岗")
        self.assertEqual(nomination.dossier_period_id, self.period_2)
        self.assertEqual(nomination.dossier_grade, "excellent")
        self.assertTrue(nomination.dossier_five_models)
        self.assertEqual(nomination.dossier_total, 95.0)
        self.assertFalse(nomination.dossier_tier)
        self.assertFalse(nomination.duty_rating)  # not a secretary
        self.assertEqual(nomination.earlier_commendation_count, 1)
        self.assertEqual(
            nomination.earlier_commendations,
            "2009年主题实践活动: 优秀共产党员 (2009-007)",
        )

    def test_dossier_read_by_its_readers_only(self):
        """A member reads a commended nomination of another member: the
        nominee, the award and the deeds, not the grades, totals and
        ratings. The committee, the leading group, the office and the
        nominee's secretary read them all."""
        nomination = self._to(self._nominate(self.member_member), "commended")
        branch = self._to(self._nominate(self.branch_1, self.award_branch), "commended")
        details = [
            "pledge_rating",
            "dossier_period_id",
            "dossier_grade",
            "dossier_five_models",
            "dossier_total",
            "dossier_tier",
            "dossier_five_goods",
            "duty_rating",
            "demonstration_post",
            "earlier_commendations",
            "earlier_commendation_count",
        ]
        # the member of branch_2, and the secretary of branch_2 (a member too)
        for user in (self.user_other, self.user_secretary_2):
            self.env.invalidate_all()
            values = nomination.with_user(user).read(
                ["name", "award_type_id", "deeds", *details]
            )[0]
            self.assertEqual(values["name"], "张党员 — 优秀共产党员", user.login)
            self.assertEqual(values["award_type_id"][0], self.award_member.id)
            self.assertIn("带头完成重点调研课题", values["deeds"])
            for name in details:
                self.assertFalse(values[name], f"{user.login} read {name}")
            values = branch.with_user(user).read(["name", *details])[0]
            self.assertTrue(values["name"])
            for name in details:
                self.assertFalse(values[name], f"{user.login} read {name}")
        for user in (
            self.user_committee,
            self.user_leading,
            self.user_office,
            self.user_secretary,
        ):
            self.env.invalidate_all()
            values = nomination.with_user(user).read(details)[0]
            self.assertEqual(values["dossier_grade"], "excellent", user.login)
            self.assertEqual(values["dossier_total"], 95.0, user.login)
            self.assertEqual(values["pledge_rating"], "excellent", user.login)
            values = branch.with_user(user).read(details)[0]
            self.assertEqual(values["duty_rating"], "good", user.login)
            self.assertEqual(values["dossier_tier"], "advanced", user.login)

    def test_approval_form_shows_the_dossier_to_its_readers_only(self):
        Report = self.env["ir.actions.report"]
        approval = "cxzy_evaluation.action_report_cxzy_nomination_approval"
        nomination = self._to(self._nominate(self.member_member), "commended")
        html = (
            Report.with_user(self.user_committee)
            ._render_qweb_html(approval, nomination.ids)[0]
            .decode()
        )
        self.assertIn("第二次考核", html)
        self.assertIn("政策研究示范岗", html)
        html = (
            Report.with_user(self.user_other)
            ._render_qweb_html(approval, nomination.ids)[0]
            .decode()
        )
        self.assertIn("张党员", html)
        self.assertNotIn("第二次考核", html)
        self.assertNotIn("政策研究示范岗", html)

    def test_dossier_of_a_branch_and_of_a_secretary(self):
        branch = self._nominate(self.branch_1, self.award_branch)
        self.assertEqual(branch.pledge_rating, "good")
        self.assertEqual(branch.dossier_period_id, self.period_2)
        self.assertEqual(branch.dossier_tier, "advanced")
        self.assertTrue(branch.dossier_five_goods)
        self.assertFalse(branch.dossier_grade)
        self.assertEqual(branch.duty_rating, "good")
        self.assertFalse(branch.demonstration_post)
        self.assertFalse(branch.earlier_commendations)
        secretary = self._nominate(self.member_secretary, self.award_worker)
        self.assertEqual(secretary.duty_rating, "good")
        self.assertFalse(secretary.pledge_rating)
        self.assertFalse(secretary.dossier_period_id)
        self.assertEqual(secretary.earlier_commendation_count, 0)

    def test_dossier_in_batch(self):
        """The dossier of a list costs the same queries as of two nominations,
        one of each kind."""
        pair = self._nominate(self.member_member) | self._nominate(
            self.branch_1, self.award_branch
        )
        more = (
            pair
            | self._nominate(self.member_secretary, self.award_worker)
            | self._nominate(self.member_group)
            | self._nominate(self.member_other)
            | self._nominate(self.member_extra)
            | self._nominate(self.branch_2, self.award_branch)
            | self._nominate(self.member_member, self.award_worker)
        )
        names = [
            "pledge_rating",
            "dossier_grade",
            "dossier_tier",
            "demonstration_post",
            "duty_rating",
            "earlier_commendations",
        ]
        self.env.invalidate_all()
        more.read(names)  # warm up
        counts = []
        for records in (pair, more):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records.read(names)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        with self.assertQueryCount(DOSSIER_BUDGET):
            self.env.invalidate_all()
            more.read(names)


@tagged("post_install", "-at_install")
class TestNominationSecurity(NominationCase):
    def test_secretary_nominates_their_branch(self):
        Nomination = self.Nomination.with_user(self.user_secretary)
        mine = self._nominate(self.member_group, user=self.user_secretary)
        self.assertEqual(mine.create_uid, self.user_secretary)
        with self.assertRefused(AccessError, ""):
            self._nominate(self.member_other, user=self.user_secretary)
        other = self._nominate(self.member_other, user=self.user_secretary_2)
        self.assertEqual(Nomination.search([("id", "in", (mine | other).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary).read(["name"])
        with self.assertRefused(AccessError, "", other):
            other.with_user(self.user_secretary).write({"deeds": "<p>改</p>"})

    def test_committee_and_leading_group_read_all_write_none(self):
        nominations = self._nominate() | self._nominate(self.member_other)
        for user in (self.user_committee, self.user_leading):
            found = self.Nomination.with_user(user).search(
                [("id", "in", nominations.ids)]
            )
            self.assertEqual(found, nominations, user.login)
        with self.assertRefused(AccessError, "", *nominations):
            nominations.with_user(self.user_leading).write({"deeds": "<p>改</p>"})
        with self.assertRefused(AccessError, ""):
            self._nominate(self.member_group, user=self.user_leading)

    def test_members_read_the_commended(self):
        commended = self._to(self._nominate(), "commended")
        decided = self._to(self._nominate(self.member_group), "decided")
        draft = self._nominate(self.member_secretary, self.award_worker)
        found = self.Nomination.with_user(self.user_other).search(
            [("id", "in", (commended | decided | draft).ids)]
        )
        self.assertEqual(found, commended)
        self.assertEqual(
            commended.with_user(self.user_other).certificate_number,
            f"{TODAY.year}-001",
        )
        with self.assertRaises(AccessError):
            decided.with_user(self.user_other).read(["name"])
        with self.assertRefused(AccessError, "", commended):
            commended.with_user(self.user_other).write({"active": False})
        # the masses are not in the campaign's groups
        with self.assertRaises(AccessError):
            self.Nomination.with_user(self.user_masses).search([])

    def test_office_manages_its_company_only(self):
        nomination = self._nominate()
        self.assertEqual(
            self.Nomination.with_user(self.user_office).search(
                [("id", "=", nomination.id)]
            ),
            nomination,
        )
        self.assertFalse(
            self.Nomination.with_user(self.user_office_b).search(
                [("id", "=", nomination.id)]
            )
        )
        with self.assertRaises(AccessError):
            nomination.with_user(self.user_office_b).read(["name"])

    def test_quotas_and_award_types_set_by_the_office(self):
        for user in (self.user_committee, self.user_leading, self.user_secretary):
            with self.assertRaises(AccessError):
                self.quota_member.with_user(user).quota = 9
            with self.assertRaises(AccessError):
                self.award_member.with_user(user).min_present_ratio = 0.5
        self.quota_member.with_user(self.user_office).quota = 5
        self.assertEqual(self.quota_member.quota, 5)
        self.assertEqual(
            self.quota_member.with_user(self.user_member).read(["quota"])[0]["quota"], 5
        )

    def test_reports_follow_the_access(self):
        Report = self.env["ir.actions.report"]
        approval = "cxzy_evaluation.action_report_cxzy_nomination_approval"
        certificate = "cxzy_evaluation.action_report_cxzy_nomination_certificate"
        nomination = self._to(self._nominate(), "decided")
        with self.assertRaises(UserError):
            Report._render_qweb_html(certificate, nomination.ids)
        html, _kind = Report.with_user(self.user_committee)._render_qweb_html(
            approval, nomination.ids
        )
        html = html.decode()
        for text in (
            "优秀共产党员推荐审批表",
            "张党员",
            "支部大会民主推荐，同意推荐。",
            "经机关党委研究，同意推荐。",
            "经室党组研究，同意表彰。",
            self.user_secretary.name,
            self.user_committee.name,
            self.user_leading.name,
        ):
            self.assertIn(text, html)
        self.assertIn(
            f"{TODAY.year}年{TODAY.month}月{TODAY.day}日", html, "each level's date"
        )
        with self.assertRaises(AccessError):
            Report.with_user(self.user_other)._render_qweb_html(
                approval, nomination.ids
            )


@tagged("post_install", "-at_install")
class TestNominationPerformance(NominationCase):
    def _grow(self, count):
        Org = self.env["cxzy.party.organization"]
        branch = Org.create(
            {
                "name": f"扩容支部{count}",
                "kind": "branch",
                "parent_id": self.committee.id,
            }
        )
        employees = self.env["hr.employee"].create(
            [{"name": f"扩容党员{count}-{i}"} for i in range(count)]
        )
        members = self.env["cxzy.party.member"].create(
            [{"employee_id": e.id, "organization_id": branch.id} for e in employees]
        )
        self.Nomination.create(
            [
                {
                    "campaign_id": self.campaign.id,
                    "award_type_id": self.award_member.id,
                    "member_id": member.id,
                    "deeds": DEEDS,
                    "meeting_date": date(2011, 5, 10),
                    "voters_entitled": 9,
                    "voters_present": 8,
                    "votes_favour": 7,
                    "state": "studied" if i % 2 else "decided",
                }
                for i, member in enumerate(members)
            ]
        )
        self.quota_member.quota = count + 10

    def _decide_counting(self, nomination):
        self._let_publicity_pass(nomination)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        nomination.with_user(self.user_leading).action_decide("同意")
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_one_decision_costs_the_same_whatever_the_number(self):
        small = self._to(self._nominate(), "publicity")
        large = self._to(self._nominate(self.member_group), "publicity")
        warm = self._to(self._nominate(self.member_other), "publicity")
        self._decide_counting(warm)  # warm the caches
        self._grow(4)
        few = self._decide_counting(small)
        self._grow(40)
        many = self._decide_counting(large)
        self.assertEqual(few, many)
        # and within a fixed budget
        third = self._to(self._nominate(self.member_extra), "publicity")
        self._let_publicity_pass(third)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(DECIDE_BUDGET):
            third.with_user(self.user_leading).action_decide("同意")
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestNominationRace(RaceCase):
    """Two leading-group members decide at the same moment."""

    race_organization = "并发表彰党支部"
    race_employees = tuple(f"并发表彰党员{i}" for i in range(2))
    race_campaign = "并发表彰活动"
    race_scoped = False

    def _race_records(self, env):
        award = env.ref("cxzy_evaluation.award_type_excellent_member")
        quota = env["cxzy.award.quota"].create(
            {"campaign_id": self.ids["campaign"], "award_type_id": award.id, "quota": 1}
        )
        nominations = env["cxzy.nomination"].create(
            [
                {
                    "campaign_id": self.ids["campaign"],
                    "award_type_id": award.id,
                    "member_id": member_id,
                    "deeds": DEEDS,
                    "meeting_date": date(2011, 5, 10),
                    "voters_entitled": 9,
                    "voters_present": 8,
                    "votes_favour": 7,
                    "state": "studied",
                    "publicity_required": False,
                }
                for member_id in self.ids["members"]
            ]
        )
        self.ids.update(quota=quota.id, nominations=nominations.ids)

    def _purge_records(self, env):
        cr = env.cr
        ids = tuple(self.ids["nominations"])
        cr.execute(
            "DELETE FROM mail_message WHERE model = 'cxzy.nomination' AND res_id IN %s",
            [ids],
        )
        cr.execute(
            "DELETE FROM mail_followers WHERE res_model = 'cxzy.nomination' "
            "AND res_id IN %s",
            [ids],
        )
        # decided nominations refuse to be deleted through the ORM
        cr.execute("DELETE FROM cxzy_nomination WHERE id IN %s", [ids])
        env["cxzy.award.quota"].browse(self.ids["quota"]).unlink()

    def _decided(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM cxzy_nomination WHERE id IN %s AND state = 'decided'",
                [tuple(self.ids["nominations"])],
            )
            return [row[0] for row in cr.fetchall()]

    def test_the_same_nomination_decided_twice_at_once(self):
        cr1, cr2 = self._cursors()
        first_id = self.ids["nominations"][0]
        env1, env2 = self._env(cr1), self._env(cr2)
        env1["cxzy.nomination"].browse(first_id).action_decide("同意（甲）")
        # The first decider has not committed: the second is refused at once,
        # without waiting.
        started = time.monotonic()
        with self.assertRaises(UserError) as caught, mute_logger("odoo.sql_db"):
            env2["cxzy.nomination"].browse(first_id).action_decide("同意（乙）")
        self.assertLess(time.monotonic() - started, 5)
        self.assertIn("Someone else is taking a step", str(caught.exception))
        cr2.rollback()
        cr1.commit()
        self.assertEqual(self._decided(), [first_id])
        with self.registry.cursor() as cr:
            nomination = self._env(cr)["cxzy.nomination"].browse(first_id)
            self.assertEqual(nomination.decide_opinion, "同意（甲）")
            # One note of the decision, with the first decider's opinion (in
            # whatever language the system user writes), none of the second.
            decisions = nomination.message_ids.filtered(
                lambda m: "同意（甲）" in (m.body or "")
            )
            self.assertEqual(len(decisions), 1)
            self.assertFalse(
                nomination.message_ids.filtered(
                    lambda m: "同意（乙）" in (m.body or "")
                )
            )
        # Later, the second decider tries again: it is decided already.
        with self.registry.cursor() as cr, self.assertRaises(UserError) as caught:
            self._env(cr)["cxzy.nomination"].browse(first_id).action_decide("同意")
        self.assertIn("“Decide” can be done only when", str(caught.exception))

    def test_two_nominations_for_the_last_place(self):
        cr1, cr2 = self._cursors()
        first_id, second_id = self.ids["nominations"]
        env1 = self._env(cr1)
        env1["cxzy.nomination"].browse(first_id).action_decide("同意")
        # The second transaction has its snapshot before the first commits.
        self._env(cr2)["cxzy.nomination"].browse(second_id).mapped("state")
        # The second decider waits for the quota row the first one holds.
        outcome = self._race(
            cr1,
            cr2,
            lambda env: env["cxzy.nomination"].browse(second_id).action_decide("同意"),
            who="decider",
        )
        self.assertNotIn("result", outcome, "both took the last place")
        # Under repeatable read the second transaction cannot go on with its
        # old snapshot: it fails and is retried (as the web client's request
        # is), and then the quota is full.
        self.assertIsInstance(outcome.get("error"), SerializationFailure)
        cr2.rollback()
        with self.registry.cursor() as cr, self.assertRaises(UserError) as caught:
            self._env(cr)["cxzy.nomination"].browse(second_id).action_decide("同意")
        self.assertIn("is full: 1 of 1", str(caught.exception))
        self.assertEqual(self._decided(), [first_id])
