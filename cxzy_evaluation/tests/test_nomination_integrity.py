# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on nominations: the calls an outside client made, each refused
with a message and nothing written."""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_nomination import TODAY, NominationCase

STEP_CONTEXT = {"cxzy_nomination_step": True}


@tagged("post_install", "-at_install", "workflow_integrity")
class TestNominationIntegrity(NominationCase):
    def _roles(self):
        return (
            self.user_secretary,
            self.user_office,
            self.user_committee,
            self.user_leading,
        )

    def _contexts(self):
        return ({}, STEP_CONTEXT)

    def _full_snapshot(self, nomination):
        nomination.invalidate_recordset()
        return nomination.sudo().read(
            [
                "state",
                "member_id",
                "award_type_id",
                "campaign_id",
                "branch_id",
                "deeds",
                "votes_favour",
                "decide_opinion",
                "decide_user_id",
                "certificate_number",
                "commendation_date",
                "publicity_start",
                "publicity_end",
                "active",
            ]
        )

    def _refused(self, nomination, call, message=""):
        """``call`` raises a UserError (an AccessError is one) saying
        ``message`` and changes nothing of ``nomination``."""
        before = self._full_snapshot(nomination)
        with self.assertRaises(UserError) as caught:
            call()
        self.assertIn(message, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self._full_snapshot(nomination), before)

    # ------------------------------------------------------------------
    # Forged steps
    # ------------------------------------------------------------------
    def test_forged_decision_and_commendation_refused_for_every_role(self):
        draft = self._nominate(user=self.user_secretary)
        studied = self._to(self._nominate(self.member_group), "studied")
        forged = (
            {"state": "decided"},
            {"state": "commended", "certificate_number": "伪造〔2011〕1号"},
            {"state": "commended"},
            {"certificate_number": "伪造〔2011〕2号"},
            {"decide_opinion": "同意", "decide_user_id": self.user_leading.id},
        )
        for nomination in (draft, studied):
            for user in self._roles():
                for context in self._contexts():
                    for vals in forged:
                        with self.subTest(
                            state=nomination.state,
                            user=user.login,
                            context=context,
                            vals=vals,
                        ):
                            self._refused(
                                nomination,
                                lambda n=nomination, u=user, c=context, v=vals: (
                                    n.with_user(u).with_context(**c).write(v)
                                ),
                            )
        self.assertEqual(draft.state, "draft")
        self.assertEqual(studied.state, "studied")
        self.assertFalse(studied.certificate_number)
        # nor created so
        for context in self._contexts():
            with self.assertRaisesRegex(UserError, "cannot be written directly"):
                self.Nomination.with_user(self.user_secretary).with_context(
                    **context
                ).create(
                    {
                        "campaign_id": self.campaign.id,
                        "award_type_id": self.award_worker.id,
                        "member_id": self.member_member.id,
                        "state": "decided",
                    }
                )
        self.assertFalse(
            self.Nomination.search(
                [
                    ("campaign_id", "=", self.campaign.id),
                    ("award_type_id", "=", self.award_worker.id),
                ]
            )
        )

    def test_decided_and_commended_change_for_nobody(self):
        decided = self._to(self._nominate(), "decided")
        commended = self._to(self._nominate(self.member_group), "commended")
        edits = (
            {"deeds": "<p>改过的事迹</p>"},
            {"votes_favour": 8},
            {"decide_opinion": "改过的决定"},
            {"certificate_number": "伪造-9"},
            {"publicity_end": fields_date(TODAY)},
            {"state": "draft"},
        )
        for nomination in (decided, commended):
            for user in self._roles():
                for context in self._contexts():
                    for vals in edits:
                        with self.subTest(
                            state=nomination.state, user=user.login, vals=vals
                        ):
                            self._refused(
                                nomination,
                                lambda n=nomination, u=user, c=context, v=vals: (
                                    n.with_user(u).with_context(**c).write(v)
                                ),
                            )
        # archiving: the office only
        for user in (self.user_secretary, self.user_committee, self.user_leading):
            self._refused(
                decided,
                lambda u=user: decided.with_user(u).write({"active": False}),
            )
        decided.with_user(self.user_office).write({"active": False})
        self.assertFalse(decided.active)
        commended.with_user(self.user_office).with_context(**STEP_CONTEXT).write(
            {"active": False}
        )
        self.assertFalse(commended.active)

    def test_owner_and_scope_fixed_after_creation(self):
        self.other_campaign = self.campaign.copy({"name": "另一活动"})
        nomination = self._nominate(user=self.user_secretary)
        moves = (
            {"member_id": self.member_other.id},  # another branch's member
            {"member_id": self.member_group.id},  # another member of the branch
            {"award_type_id": self.award_worker.id},
            {"campaign_id": self.other_campaign.id},
            {"branch_id": self.branch_2.id},
            {"subject_type": "organization"},
        )
        for user in (self.user_secretary, self.user_office):
            for context in self._contexts():
                for vals in moves:
                    with self.subTest(user=user.login, vals=vals):
                        self._refused(
                            nomination,
                            lambda u=user, c=context, v=vals: (
                                nomination.with_user(u).with_context(**c).write(v)
                            ),
                        )
        self.assertEqual(nomination.member_id, self.member_member)
        self.assertEqual(nomination.branch_id, self.branch_1)
        # writing the same owner is no move
        nomination.with_user(self.user_secretary).write(
            {"member_id": self.member_member.id, "deeds": "<p>补充事迹</p>"}
        )
        self.assertEqual(nomination.deeds, "<p>补充事迹</p>")

    # ------------------------------------------------------------------
    # 公示
    # ------------------------------------------------------------------
    def test_publicity_rules(self):
        nomination = self._to(self._nominate(), "studied")
        committee = nomination.with_user(self.user_committee)
        for start, end, message in (
            ("2000-01-01", "2000-01-02", "cannot start in the past"),
            (TODAY - timedelta(days=1), TODAY + timedelta(days=10), "in the past"),
            (TODAY, TODAY, "lasts at least 7 days"),
            (TODAY, TODAY + timedelta(days=5), "lasts at least 7 days"),
            (TODAY + timedelta(days=3), TODAY + timedelta(days=1), "needs an end"),
            (TODAY, None, "needs an end date"),
            ("abc", TODAY + timedelta(days=10), "is not a date"),
        ):
            with self.subTest(start=start, end=end):
                self._refused(
                    nomination,
                    lambda s=start, e=end: committee.action_start_publicity(s, e),
                    message,
                )
        # the wizard of the header button enforces the same
        action = committee.action_open_publicity()
        self.assertEqual(
            action["context"]["default_publicity_end"],
            fields_date(TODAY + timedelta(days=6)),
        )
        wizard = (
            self.env["cxzy.nomination.step"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"publicity_start": "2000-01-01", "publicity_end": "2000-01-02"})
        )
        self._refused(nomination, wizard.action_confirm, "cannot start in the past")

        # seven days, both ends included, from today
        committee.action_start_publicity(TODAY, TODAY + timedelta(days=6))
        self.assertEqual(nomination.state, "publicity")
        leading = nomination.with_user(self.user_leading)
        for day in (0, 3, 6):
            with freeze_time(TODAY + timedelta(days=day)):
                self._refused(nomination, lambda: leading.action_decide("同意"), "runs")
        # an objection is noted: no decision before it is handled
        committee.action_note_objection("有群众反映其事迹材料不实。")
        self.assertTrue(nomination.objection_open)
        with freeze_time(TODAY + timedelta(days=7)):
            self._refused(
                nomination, lambda: leading.action_decide("同意"), "Objections to"
            )
            # only the committee records how it was handled
            self._refused(
                nomination,
                lambda: leading.action_handle_objection("已核实"),
                "can be done only by",
            )
            committee.action_handle_objection("经核实，反映问题不属实。")
            self.assertFalse(nomination.objection_open)
            self._refused(
                nomination,
                lambda: committee.action_handle_objection("再次处理"),
                "no objection waiting",
            )
            leading.action_decide("经室党组研究，同意表彰。")
        self.assertEqual(nomination.state, "decided")
        self.assertEqual(nomination.decide_date, TODAY + timedelta(days=7))

    def test_award_type_publicity_minimum(self):
        award = self.award_member
        self.assertEqual(award.publicity_min_days, 7)
        for days in (4, 0, -1):
            with self.subTest(days=days), self.assertRaises(ValidationError):
                award.publicity_min_days = days
        self.env.invalidate_all()
        self.assertEqual(award.publicity_min_days, 7)
        with self.assertRaises(ValidationError):
            award.write({"publicity_min_days": 8, "publicity_days": 7})
        award.write({"publicity_min_days": 5, "publicity_days": 5})
        nomination = self._to(self._nominate(), "studied")
        committee = nomination.with_user(self.user_committee)
        self._refused(
            nomination,
            lambda: committee.action_start_publicity(TODAY, TODAY + timedelta(days=3)),
            "lasts at least 5 days",
        )
        committee.action_start_publicity(TODAY, TODAY + timedelta(days=4))
        self.assertEqual(nomination.publicity_end, TODAY + timedelta(days=4))

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_numbers_converted_before_compared(self):
        for value in ("abc", "3.5", 3.5, 10**12, [1], {"a": 1}, True):
            with self.subTest(value=value):
                with self.assertRaisesRegex(UserError, "must be a whole number"):
                    self._nominate(voters_present=value)
        nomination = self._nominate(user=self.user_secretary)
        as_secretary = nomination.with_user(self.user_secretary)
        for value in ("abc", "", 2.5, 10**12):
            with self.subTest(value=value):
                self._refused(
                    nomination,
                    lambda v=value: as_secretary.write({"voters_present": v}),
                    "must be a whole number",
                )
        # what is a whole number is taken as one
        as_secretary.write({"voters_present": "7", "votes_favour": 6.0})
        self.assertEqual(nomination.voters_present, 7)
        self.assertEqual(nomination.votes_favour, 6)
        as_secretary.write({"votes_favour": None})
        self.assertEqual(nomination.votes_favour, 0)

    def test_certificate_number_bounded(self):
        nomination = self._to(self._nominate(), "decided")
        leading = nomination.with_user(self.user_leading)
        self._refused(
            nomination,
            lambda: leading.action_commend(TODAY, "号" * 100_000),
            "at most 64 characters",
        )
        leading.action_commend(TODAY, "冀" * 64)
        self.assertEqual(nomination.certificate_number, "冀" * 64)

    def test_steps_on_no_record_refused(self):
        empty = self.Nomination.with_user(self.user_office)
        calls = {
            "action_recommend": ("同意",),
            "action_study": ("同意",),
            "action_start_publicity": (TODAY, TODAY + timedelta(days=6)),
            "action_note_objection": ("意见",),
            "action_handle_objection": ("已处理",),
            "action_decide": ("同意",),
            "action_commend": (),
            "action_reject": ("理由",),
            "action_reset_draft": (),
            "action_open_recommend": (),
            "action_open_study": (),
            "action_open_publicity": (),
            "action_open_objection": (),
            "action_open_handle_objection": (),
            "action_open_decide": (),
            "action_open_commend": (),
            "action_open_reject": (),
        }
        for method, args in calls.items():
            with (
                self.subTest(method=method),
                self.assertRaisesRegex(UserError, "Select the records"),
            ):
                getattr(empty, method)(*args)
        with self.assertRaisesRegex(UserError, "one step at a time"):
            self.env["cxzy.nomination.step"].action_confirm()

    def test_duplicate_race_loser_gets_the_same_message(self):
        """The second of two branches nominating the same member at the same
        moment passes the check (it cannot see the first one's row yet) and
        hits the unique index: it gets the sequential duplicate's message."""
        self._nominate()
        with (
            patch.object(
                type(self.Nomination), "_check_nominee_free", lambda self, keys: None
            ),
            self.assertRaisesRegex(
                ValidationError, "张党员 is already nominated for 优秀共产党员"
            ),
            mute_logger("odoo.sql_db"),
        ):
            self._nominate()
        self.assertEqual(
            self.Nomination.search_count([("member_id", "=", self.member_member.id)]),
            1,
        )

    def test_certificate_race_loser_gets_the_same_message(self):
        """Two commendations given the same number at the same moment: the
        second passes the check (it cannot see the first one's number yet)
        and hits the unique index; it gets the sequential message and
        nothing of it is written."""
        first = self._to(self._nominate(), "decided")
        second = self._to(self._nominate(self.member_group), "decided")
        first.with_user(self.user_leading).action_commend(TODAY, "冀研党表〔2011〕5号")
        Nomination = type(self.Nomination)
        search_count = Nomination.search_count

        def blind(records, domain, *args, **kwargs):
            if any(term[0] == "certificate_number" for term in domain):
                return 0
            return search_count(records, domain, *args, **kwargs)

        with (
            patch.object(Nomination, "search_count", blind),
            mute_logger("odoo.sql_db"),
        ):
            self._refused(
                second,
                lambda: second.with_user(self.user_leading).action_commend(
                    TODAY, "冀研党表〔2011〕5号"
                ),
                "The certificate number 冀研党表〔2011〕5号 has already been given",
            )
        self.assertEqual(second.state, "decided")


def fields_date(value):
    return value.isoformat()
