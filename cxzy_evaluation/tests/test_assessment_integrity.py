# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on periods, assessments and appraisals: the server is the only
authority over their steps, results, masses' scores and owners, for every
role and whatever the context holds."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .assessment_common import AssessmentCase

# Context keys a client may send, hoping one of them switches a check off.
CONTEXTS = (
    {},
    {"cxzy_nomination_step": True},
    {"cxzy_evaluation_step": True, "cxzy_assessment_step": True},
    {"tracking_disable": True, "mail_notrack": True, "install_mode": True},
)
REFUSED = (AccessError, UserError)


@tagged("post_install", "-at_install", "workflow_integrity")
class TestAssessmentIntegrity(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assessments = cls._assessments()
        cls.a1 = assessments[cls.branch_1]
        cls.a2 = assessments[cls.branch_2]
        appraisals = cls._appraisals()
        cls.ap_member = appraisals[cls.member_member]
        cls.ap_other = appraisals[cls.member_other]
        cls.roles = (
            cls.user_member,
            cls.user_secretary,
            cls.user_committee,
            cls.user_leading,
            cls.user_office,
        )

    def _snapshot(self, records, names):
        records.invalidate_recordset()
        return records.read(names)

    def assertRefused(self, func, exception=REFUSED):
        """``func`` raises one of ``exception`` (a refusal: not readable, or
        refused with a message) and its writes are rolled back."""
        try:
            with self.env.cr.savepoint():
                func()
        except exception:
            self.env.invalidate_all()
            return
        self.fail(f"{func} was not refused")

    def _refused_everywhere(self, records, values, users=None, exception=REFUSED):
        """``values`` written by every role, in every context, are refused and
        leave ``records`` as they were."""
        before = self._snapshot(records, list(values))
        for user in users or self.roles:
            for context in CONTEXTS:
                with self.subTest(user=user.login, context=context, values=values):
                    self.assertRefused(
                        lambda user=user, context=context: (
                            records.with_user(user)
                            .with_context(**context)
                            .write(values)
                        ),
                        exception,
                    )
        self.assertEqual(self._snapshot(records, list(values)), before)

    # ------------------------------------------------------------------
    # Results: the member's forged grade
    # ------------------------------------------------------------------
    def test_member_does_not_write_their_results(self):
        self._score(self.ap_member, {self.m1: (60, 60, 60), self.m2: (60, 60, 60)})
        for values in (
            {"grade": "excellent"},
            {"total": 99.0},
            {"five_models": True},
            {"grade": "excellent", "total": 99.0, "five_models": True},
        ):
            self._refused_everywhere(self.ap_member, values, exception=UserError)
        line = self.ap_member.line_ids[0]
        for values in ({"line_score": 100.0}, {"passed": True}, {"weight": 9.0}):
            self._refused_everywhere(line, values)
        self._refused_everywhere(
            self.a1, {"tier": "advanced", "five_goods": True, "total": 100.0}
        )

    def test_confirmation_keeps_the_grade_the_scores_give(self):
        """Whatever a result column holds when the leading group confirms, the
        grades over time get what the scores give."""
        self._grade(
            self.ap_member, {self.m1: (60, 60, 60), self.m2: (60, 60, 60)}, False
        )
        self.assertEqual(self.ap_member.grade, "basic")
        # A forged result reaches the table behind the ORM's back.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE cxzy_member_appraisal SET grade = 'excellent', total = 99, "
            "five_models = TRUE WHERE id = %s",
            [self.ap_member.id],
        )
        self.env.cr.execute(
            "UPDATE cxzy_member_appraisal_line SET line_score = 99, passed = TRUE "
            "WHERE appraisal_id = %s",
            [self.ap_member.id],
        )
        self.env.invalidate_all()
        self.ap_member.with_user(self.user_leading).action_confirm()
        history = self.History.search([("appraisal_id", "=", self.ap_member.id)])
        self.assertRecordValues(
            history,
            [{"grade": "basic", "level": 2, "total": 60.0, "five_models": False}],
        )
        self.assertRecordValues(
            self.ap_member,
            [{"grade": "basic", "total": 60.0, "five_models": False}],
        )

    def test_context_defaults_do_not_fill_protected_fields(self):
        Assessment = self.Assessment.with_user(self.user_office).with_context(
            default_state="confirmed",
            default_total=100.0,
            default_tier="advanced",
            default_confirmed_by=self.user_office.id,
        )
        period = self._new_period("默认值", "2030-10-01", "2030-12-31")
        assessment = Assessment.create(
            {"period_id": period.id, "organization_id": self.branch_1.id}
        )
        self.assertRecordValues(
            assessment,
            [{"state": "draft", "total": 0.0, "tier": False, "confirmed_by": False}],
        )
        line = (
            self.env["cxzy.org.assessment.line"]
            .with_user(self.user_office)
            .with_context(default_masses_score=100.0, default_masses_count=50)
            .create({"assessment_id": assessment.id, "criterion_id": self.c1.id})
        )
        self.assertRecordValues(
            line,
            [{"masses_score": 0.0, "masses_count": 0, "weight": 2.0}],
        )

    # ------------------------------------------------------------------
    # The masses' scores: only from a closed round
    # ------------------------------------------------------------------
    def test_nobody_types_the_masses_scores(self):
        self.a1.line_ids.sudo().write({"self_score": 90})
        self.a1.sudo().action_self_assess()
        self.ap_member.line_ids.sudo().write({"self_score": 90})
        self.ap_member.sudo().action_self_assess()
        for lines in (self.a1.line_ids, self.ap_member.line_ids):
            for values in (
                {"masses_score": 100.0, "masses_count": 50},
                {"masses_score": 100.0},
                {"masses_count": -3},
            ):
                self._refused_everywhere(lines, values)
        # The reviewers' message says where the masses' scores come from.
        with self.assertRaises(UserError) as caught:
            self.a1.line_ids.with_user(self.user_committee).write(
                {"masses_score": 100.0, "masses_count": 50}
            )
        self.assertIn("closed appraisal rounds", str(caught.exception))
        # Nor through the evaluation's lines, nor at creation.
        with self.assertRaises(UserError):
            self.a1.with_user(self.user_office).write(
                {
                    "line_ids": [
                        Command.update(self.a1.line_ids[0].id, {"masses_score": 100})
                    ]
                }
            )
        period = self._new_period("手填", "2030-10-01", "2030-12-31")
        with self.assertRaises(UserError):
            self.Assessment.with_user(self.user_office).create(
                {
                    "period_id": period.id,
                    "organization_id": self.branch_1.id,
                    "line_ids": [
                        Command.create(
                            {
                                "criterion_id": self.c1.id,
                                "masses_score": 100,
                                "masses_count": 50,
                            }
                        )
                    ],
                }
            )
        self.assertFalse(period.assessment_ids)
        self.assertEqual(self.a1.line_ids.mapped("masses_score"), [0.0, 0.0])

    def test_voter_counts_never_negative(self):
        line = self.a1.line_ids[0]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            with self.env.cr.savepoint():
                line.sudo().write({"masses_count": -1})
                self.env.flush_all()
        self.assertIn("masses_count_not_negative", str(caught.exception))
        messages = dict(
            (name, message) for name, _definition, message in line._sql_constraints
        )
        self.assertIn("cannot be negative", messages["masses_count_not_negative"])
        # A round's result never brings a negative count either.
        results = {
            (self.period.id, "organization", self.branch_1.id, self.c1.id): (-5, 70.0)
        }
        self.a1._apply_masses_results(results)
        self.assertRecordValues(
            self._line(self.a1, self.c1), [{"masses_count": 0, "masses_score": 0.0}]
        )

    # ------------------------------------------------------------------
    # Scores by the right side, in the right state
    # ------------------------------------------------------------------
    def test_each_side_scores_only_its_column(self):
        # Draft: the member's own review score and comment are refused.
        line = self.ap_member.line_ids[0].with_user(self.user_member)
        self.assertRefused(lambda: line.write({"branch_score": 100}))
        with self.assertRaises(UserError):
            self.ap_member.with_user(self.user_member).write({"review_comment": "好"})
        self._score(self.ap_member, {self.m1: (90, 0, 0), self.m2: (90, 0, 0)})
        self.ap_member.with_user(self.user_member).action_self_assess()
        # Self-assessed: the member no longer changes theirs; the secretary
        # gives the review, never the self-assessment.
        with self.assertRaises(UserError):
            line.write({"self_score": 100})
        with self.assertRaises(UserError):
            line.with_user(self.user_secretary).write({"self_score": 100})
        line.with_user(self.user_secretary).write({"branch_score": 88})
        self.assertRecordValues(line, [{"self_score": 90, "branch_score": 88}])

    # ------------------------------------------------------------------
    # Steps, step fields and owners
    # ------------------------------------------------------------------
    def test_state_and_step_fields_change_by_steps_only(self):
        for records in (self.a1, self.ap_member):
            for values in (
                {"state": "confirmed"},
                {"state": "reviewed"},
                {"confirmed_by": self.user_leading.id},
                {"self_assessed_date": "2030-05-01"},
                {"reviewed_by": self.user_committee.id},
            ):
                self._refused_everywhere(records, values)
        self._refused_everywhere(
            self.period, {"state": "closed"}, users=(self.user_office,)
        )

    def test_owners_are_fixed(self):
        period = self._new_period("下半年", "2030-10-01", "2031-03-31")
        self._refused_everywhere(self.a1, {"organization_id": self.branch_2.id})
        self._refused_everywhere(self.a1, {"period_id": period.id})
        self._refused_everywhere(self.ap_member, {"member_id": self.member_other.id})
        self._refused_everywhere(self.ap_member, {"period_id": period.id})
        line = self._line(self.a1, self.c1)
        self._refused_everywhere(line, {"criterion_id": self.c2.id})
        self._refused_everywhere(line, {"assessment_id": self.a2.id})
        other_campaign = self.env["cxzy.campaign"].create(
            {"name": "另一活动", "date_start": "2030-01-01", "date_end": "2031-12-31"}
        )
        self._refused_everywhere(
            self.period, {"campaign_id": other_campaign.id}, users=(self.user_office,)
        )
        # Writing the same owner back is harmless.
        self.a1.with_user(self.user_office).write(
            {"organization_id": self.branch_1.id, "self_comment": "对照检查"}
        )
        self.assertEqual(self.a1.organization_id, self.branch_1)

    def test_steps_refuse_empty_recordsets(self):
        for records, method in (
            (self.Assessment, "action_self_assess"),
            (self.Assessment, "action_review"),
            (self.Assessment, "action_confirm"),
            (self.Assessment, "action_return"),
            (self.Appraisal, "action_confirm"),
            (self.Period, "action_open"),
            (self.Period, "action_close"),
            (self.Period, "action_create_assessments"),
            (self.Period, "action_fetch_masses_scores"),
            (self.Appraisal, "action_view_spirit_report"),
        ):
            with self.subTest(model=records._name, method=method):
                with self.assertRaises(UserError):
                    getattr(records.with_user(self.user_office), method)()

    def test_only_drafts_are_deleted(self):
        self._score(self.a2, {self.c1: (80, 80, 80), self.c2: (80, 80, 80)})
        self.a2.sudo().action_self_assess()
        with self.assertRaises(UserError):
            self.a2.with_user(self.user_office).unlink()
        with self.assertRaises(UserError):
            self.a2.line_ids.with_user(self.user_office).unlink()
        self.assertTrue(self.a2.exists())
        self.assertEqual(len(self.a2.line_ids), 2)

    def test_one_chatter_note_per_step(self):
        self._score(self.a1, {self.c1: (90, 80, 70), self.c2: (90, 80, 70)})
        (self.a1 | self.a2).invalidate_recordset()
        before = len(self.a1.message_ids)
        self.a1.with_user(self.user_secretary).action_self_assess()
        notes = self.a1.message_ids[: len(self.a1.message_ids) - before]
        self.assertEqual(len(notes), 1)
        self.assertIn(self.user_secretary.name, notes.body)
        self.assertEqual(notes.author_id, self.user_secretary.partner_id)
        self.assertEqual(len(self.a2.message_ids.filtered("body")), 0)

    def test_can_fields_follow_the_table(self):
        a1 = self.a1.with_user(self.user_secretary)
        self.assertTrue(a1.can_self_assess)
        self.assertFalse(a1.can_review)
        self.assertFalse(self.a1.with_user(self.user_committee).can_self_assess)
        self.assertFalse(self.period.with_user(self.user_secretary).can_close)
        self.assertTrue(self.period.with_user(self.user_office).can_create_assessments)
        self.assertFalse(
            self.period.with_user(self.user_secretary).can_fetch_masses_scores
        )

    def test_demo_builders_left_the_period(self):
        self.assertFalse(hasattr(self.Period, "_demo_fill"))
        self.assertTrue(hasattr(self.env["cxzy.assessment.demo"], "_demo_fill"))
