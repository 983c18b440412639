# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Issue 7 on exemplars and benchmarks: the server is the only authority over
their steps, results and owners, whatever the caller and the context."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError

from .test_exemplar import ExemplarCase

# Context keys a client may send hoping to switch a check off: none may.
CONTEXTS = (
    {},
    {"cxzy_exemplar_step": True},
    {"cxzy_benchmark_step": True, "cxzy_nomination_step": True},
)
PROTECTED = "cannot be written directly"


class IntegrityCase(ExemplarCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "另一次活动",
                "date_start": cls.today - timedelta(days=10),
                "date_end": cls.today + timedelta(days=100),
                "organization_ids": [Command.set(cls.branch_1.ids)],
            }
        )
        cls.exemplar_group = cls.Exemplar.create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "organization",
                "organization_id": cls.group_1.id,
                "deeds": "<p>小组学习制度化。</p>",
            }
        )
        cls.exemplar_group.action_activate()
        cls.exemplar_member = cls.Exemplar.create(
            {"nomination_id": cls.nomination.id, "deeds": "<p>事迹</p>"}
        )
        cls.exemplar_member.action_activate()
        cls.Line = cls.env["cxzy.benchmark.line"]

    def assertRefusedUnchanged(self, record, names, call, exception, pattern=None):
        """``call()`` raises ``exception`` (with ``pattern``) and the fields
        ``names`` of ``record`` read the same as before."""
        record.invalidate_recordset()
        before = record.sudo().read(names)
        with self.assertRaises(exception) as catcher:
            call()
        if pattern:
            self.assertRegex(str(catcher.exception), pattern)
        record.invalidate_recordset()
        self.assertEqual(record.sudo().read(names), before)

    def assertWritesRefused(self, record, users, values, pattern=PROTECTED):
        """Each user, with each context, writing each value is refused and
        leaves the record as it was."""
        for user in users:
            for context in CONTEXTS:
                for name, value in values.items():
                    as_user = record.with_user(user).with_context(**context)
                    with self.subTest(user=user.login, field=name, context=context):
                        self.assertRefusedUnchanged(
                            record,
                            list(values),
                            lambda as_user=as_user, name=name, value=value: (
                                as_user.write({name: value})
                            ),
                            UserError,
                            pattern,
                        )

    def _reviewed(self, benchmark):
        benchmark.action_start()
        benchmark.review_note = "已对照整改"
        benchmark.action_achieved()
        return benchmark


class TestExemplarIntegrity(IntegrityCase):
    def test_owner_fields_fixed_after_creation(self):
        """The commendation, campaign and subject of an exemplar are fixed
        once it is created, for the leading group and the office alike."""
        nomination = self._nomination(self.member_group, "commended")
        exemplar = self.Exemplar.with_user(self.user_leading).create(
            {"nomination_id": nomination.id, "post": "调研岗"}
        )
        other = self._nomination(self.member_other, "commended")
        self.assertWritesRefused(
            exemplar,
            self.user_leading | self.user_office,
            {
                "nomination_id": other.id,
                "campaign_id": self.other_campaign.id,
                "subject_type": "organization",
                "member_id": self.member_other.id,
                "organization_id": self.branch_1.id,
            },
        )
        # The same value, as the web client may send it, is no change.
        exemplar.with_user(self.user_leading).write(
            {"member_id": self.member_group.id, "post": "文稿起草岗"}
        )
        self.assertEqual(exemplar.post, "文稿起草岗")

    def test_state_and_results_not_written(self):
        exemplar = self.exemplar_branch
        self.assertWritesRefused(
            exemplar,
            self.user_leading | self.user_office,
            {
                "state": "archived",
                "name": "伪造的名称",
                "branch_id": self.branch_1.id,
                "company_id": self.company_b.id,
            },
        )
        for values in (
            {"state": "active"},
            {"name": "伪造的名称"},
            {"branch_id": self.branch_1.id},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(UserError, PROTECTED),
            ):
                self.Exemplar.with_user(self.user_office).with_context(
                    cxzy_exemplar_step=True
                ).create(
                    {
                        "campaign_id": self.campaign.id,
                        "member_id": self.member_other.id,
                        **values,
                    }
                )
        self.assertFalse(
            self.Exemplar.search([("member_id", "=", self.member_other.id)])
        )

    def test_steps_by_the_leading_group_only(self):
        draft = self.Exemplar.create(
            {
                "campaign_id": self.campaign.id,
                "member_id": self.member_other.id,
                "deeds": "<p>事迹</p>",
            }
        )
        self.assertTrue(draft.with_user(self.user_leading).can_activate)
        self.assertFalse(draft.with_user(self.user_committee).can_activate)
        self.assertRefusedUnchanged(
            draft,
            ["state"],
            draft.with_user(self.user_committee).action_activate,
            UserError,
            "can be done only by",
        )
        # A member (or secretary) does not even read a draft.
        self.assertRefusedUnchanged(
            draft,
            ["state"],
            draft.with_user(self.user_secretary).action_activate,
            AccessError,
        )
        active = self.exemplar_branch
        self.assertRefusedUnchanged(
            active,
            ["state"],
            active.with_user(self.user_member).action_set_archived,
            UserError,
            "can be done only by",
        )
        self.assertRefusedUnchanged(
            active,
            ["state"],
            active.with_user(self.user_leading).action_activate,
            UserError,
            "can be done only when it is Draft",
        )
        draft.with_user(self.user_office).action_activate()
        self.assertEqual(draft.state, "active")

    def test_archived_is_locked_and_kept(self):
        exemplar = self.exemplar_group.with_user(self.user_leading)
        exemplar.action_set_archived()
        self.assertEqual(exemplar.state, "archived")
        for user in self.user_leading | self.user_office:
            self.assertRefusedUnchanged(
                exemplar,
                ["post", "deeds", "report_audience"],
                lambda user=user: exemplar.with_user(user).write({"post": "x"}),
                UserError,
                "on record and can no longer be changed",
            )
        self.assertRefusedUnchanged(
            exemplar,
            ["state"],
            exemplar.with_user(self.user_office).unlink,
            UserError,
            "cannot be deleted",
        )
        # Only a step brings it back, and then it may change again.
        exemplar.action_reset_draft()
        self.assertEqual(exemplar.state, "draft")
        exemplar.write({"post": "第一党小组"})
        self.assertEqual(exemplar.post, "第一党小组")

    def test_one_message_per_step(self):
        exemplar = self.Exemplar.create(
            {
                "campaign_id": self.campaign.id,
                "member_id": self.member_other.id,
                "deeds": "<p>事迹</p>",
            }
        )
        before = exemplar.message_ids
        exemplar.with_user(self.user_leading).action_activate()
        new = exemplar.message_ids - before
        self.assertEqual(len(new), 1)
        self.assertIn("Hold Up as Exemplar", new.body)
        self.assertIn(self.user_leading.name, new.body)

    def test_buttons_on_empty_recordsets(self):
        Exemplar = self.Exemplar.with_user(self.user_leading)
        for method in (
            "action_activate",
            "action_set_archived",
            "action_reset_draft",
            "action_view_benchmarks",
        ):
            with self.subTest(method=method), self.assertRaises(UserError) as caught:
                getattr(Exemplar.browse(), method)()
            self.assertNotIn("singleton", str(caught.exception))


class TestBenchmarkIntegrity(IntegrityCase):
    def test_owner_fields_fixed_after_creation(self):
        """Who is benchmarked, against which exemplar and in which campaign
        is fixed once created: neither the secretary nor the office moves it
        (not even within the secretary's own organisations)."""
        benchmark = self._benchmark(user=self.user_secretary)
        self.assertWritesRefused(
            benchmark,
            self.user_secretary | self.user_office,
            {
                "exemplar_id": self.exemplar_group.id,
                "subject_type": "member",
                "organization_id": self.group_1.id,
                "member_id": self.member_member.id,
                "campaign_id": self.other_campaign.id,
            },
        )

    def test_steps_fields_and_results_not_written(self):
        benchmark = self._benchmark(user=self.user_secretary)
        self.assertWritesRefused(
            benchmark,
            self.user_secretary | self.user_office,
            {
                "state": "achieved",
                "review_date": fields.Date.today(),
                "reviewer_id": self.user_office.id,
                "name": "伪造",
                "branch_id": self.branch_2.id,
                "is_overdue": True,
                "company_id": self.company_b.id,
            },
        )
        for values in (
            {"state": "achieved"},
            {"review_date": fields.Date.today()},
            {"reviewer_id": self.user_office.id},
            {"campaign_id": self.other_campaign.id},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(UserError, PROTECTED),
            ):
                self._benchmark(
                    user=self.user_secretary,
                    organization_id=self.group_1.id,
                    **values,
                )
        self.assertFalse(
            self.Benchmark.search([("organization_id", "=", self.group_1.id)])
        )

    def test_steps_by_the_managing_secretaries(self):
        """The secretaries of the benchmarked organisation and the office take
        the steps; the leading group and the member who owns the measures do
        not; steps in the wrong state are refused."""
        benchmark = self._benchmark(owner_id=self.user_member.id)
        for user in (self.user_leading, self.user_member):
            self.assertFalse(benchmark.with_user(user).can_start)
            self.assertRefusedUnchanged(
                benchmark,
                ["state"],
                benchmark.with_user(user).action_start,
                UserError,
                "can be done only by the secretaries",
            )
        other = self._benchmark(
            exemplar_id=self.exemplar_member.id,
            subject_type="member",
            organization_id=False,
            member_id=self.member_other.id,
        )
        # Another branch's benchmark: not even read by the secretary.
        self.assertRefusedUnchanged(
            other,
            ["state"],
            other.with_user(self.user_secretary).action_start,
            AccessError,
        )
        self.assertRefusedUnchanged(
            benchmark,
            ["state", "review_date"],
            benchmark.with_user(self.user_secretary).action_achieved,
            UserError,
            "can be done only when it is In Progress",
        )
        self.assertTrue(benchmark.with_user(self.user_secretary).can_start)
        benchmark.with_user(self.user_secretary).action_start()
        other.with_user(self.user_office).action_start()
        self.assertEqual((benchmark | other).mapped("state"), ["in_progress"] * 2)

    def test_not_reviewed_by_oneself(self):
        """A secretary does not review their own benchmark as a member; the
        review records who and when, and the note goes into the chatter."""
        own = self._benchmark(
            exemplar_id=self.exemplar_member.id,
            subject_type="member",
            organization_id=False,
            member_id=self.member_secretary.id,
        )
        own.action_start()
        own.review_note = "调研次数已达标"
        as_secretary = own.with_user(self.user_secretary)
        self.assertFalse(as_secretary.can_achieved)
        self.assertRefusedUnchanged(
            own,
            ["state", "review_date", "reviewer_id"],
            as_secretary.action_achieved,
            UserError,
            "your own record",
        )
        before = own.message_ids
        own.with_user(self.user_committee).action_achieved()
        self.assertEqual(own.state, "achieved")
        self.assertEqual(own.reviewer_id, self.user_committee)
        self.assertEqual(own.review_date, fields.Date.context_today(own))
        new = own.message_ids - before
        self.assertEqual(len(new), 1)
        self.assertIn("调研次数已达标", new.body)

    def test_reviewed_is_locked_gaps_included(self):
        benchmark = self._benchmark(
            user=self.user_secretary,
            line_ids=[
                Command.create(
                    {"criterion_id": self.criteria_org[0].id, "gap": "学习不经常"}
                )
            ],
        )
        line = benchmark.line_ids
        self._reviewed(benchmark.with_user(self.user_secretary))
        for user in self.user_secretary | self.user_office:
            for values in (
                {"deadline": self.today + timedelta(days=5)},
                {"review_note": "改写的结论"},
                {"owner_id": user.id},
                {"line_ids": [Command.delete(line.id)]},
            ):
                with self.subTest(user=user.login, values=values):
                    self.assertRefusedUnchanged(
                        benchmark,
                        ["deadline", "review_note", "owner_id", "line_ids"],
                        lambda user=user, values=values: benchmark.with_user(
                            user
                        ).write(values),
                        UserError,
                        "on record and can no longer be changed",
                    )
            as_user = self.Line.with_user(user)
            self.assertRefusedUnchanged(
                line,
                ["gap"],
                lambda as_user=as_user: as_user.browse(line.id).write({"gap": "x"}),
                UserError,
                "has been reviewed",
            )
            self.assertRefusedUnchanged(
                line,
                ["gap"],
                as_user.browse(line.id).unlink,
                UserError,
                "has been reviewed",
            )
            with self.assertRefused(UserError, "has been reviewed"):
                as_user.create(
                    {
                        "benchmark_id": benchmark.id,
                        "criterion_id": self.criteria_org[1].id,
                    }
                )
            self.assertRefusedUnchanged(
                benchmark,
                ["line_ids"],
                benchmark.with_user(user).action_load_criteria,
                UserError,
                "has been reviewed",
            )
            self.assertRefusedUnchanged(
                benchmark,
                ["state"],
                benchmark.with_user(user).unlink,
                UserError,
                "cannot be deleted",
            )
        # Reopening is the way back; it clears the review, and it is logged.
        before = benchmark.message_ids
        benchmark.with_user(self.user_secretary).action_reopen()
        self.assertEqual(benchmark.state, "in_progress")
        self.assertFalse(benchmark.review_date or benchmark.reviewer_id)
        self.assertEqual(len(benchmark.message_ids - before), 1)
        line.with_user(self.user_secretary).write({"gap": "仍需加强"})
        self.assertEqual(line.gap, "仍需加强")

    def test_gap_parent_criterion_and_result_fixed(self):
        benchmark = self._benchmark(user=self.user_secretary)
        other = self._benchmark(
            user=self.user_secretary, organization_id=self.group_1.id
        )
        line = self.Line.with_user(self.user_secretary).create(
            {
                "benchmark_id": benchmark.id,
                "criterion_id": self.criteria_org[0].id,
                "own_score": 70,
                "exemplar_score": 90,
            }
        )
        self.assertEqual(line.score_gap, 20.0)
        self.assertWritesRefused(
            line,
            self.user_secretary | self.user_office,
            {
                "benchmark_id": other.id,
                "criterion_id": self.criteria_org[1].id,
                "score_gap": 0.0,
                "company_id": self.company_b.id,
            },
        )
        with self.assertRefused(UserError, PROTECTED):
            self.Line.with_user(self.user_secretary).create(
                {
                    "benchmark_id": other.id,
                    "criterion_id": self.criteria_org[0].id,
                    "score_gap": 50.0,
                }
            )
        self.assertFalse(other.line_ids)

    def test_numbers_are_numbers(self):
        benchmark = self._benchmark(user=self.user_secretary)
        Line = self.Line.with_user(self.user_secretary)
        for values in (
            {"own_score": "abc"},
            {"exemplar_score": "nan"},
            {"own_score": "1e999"},
            {"own_score": 10**400},
            {"own_score": [1]},
            {"sequence": "x"},
            {"sequence": 2**40},
        ):
            with (
                self.subTest(values=values),
                self.assertRefused(UserError, "must be a number"),
            ):
                Line.create(
                    {
                        "benchmark_id": benchmark.id,
                        "criterion_id": self.criteria_org[0].id,
                        **values,
                    }
                )
        self.assertFalse(benchmark.line_ids)
        line = Line.create(
            {
                "benchmark_id": benchmark.id,
                "criterion_id": self.criteria_org[0].id,
                "own_score": "75.5",
                "exemplar_score": None,
            }
        )
        self.assertEqual((line.own_score, line.exemplar_score), (75.5, 0.0))
        self.assertRefusedUnchanged(
            line,
            ["own_score"],
            lambda: line.write({"own_score": "eighty"}),
            UserError,
            "must be a number",
        )
        self.assertRefusedUnchanged(
            line,
            ["own_score"],
            lambda: line.write({"own_score": -5}),
            UserError,
            "between 0 and 100",
        )

    def test_exemplar_appraisal_scores_only_when_readable(self):
        """Loading the criteria copies an exemplary member's appraisal scores
        only for a user who may read that appraisal: a benchmark is no way
        round the appraisal's record rules."""
        period = self.env["cxzy.assessment.period"].create(
            {
                "name": "第一次评议",
                "campaign_id": self.campaign.id,
                "date_start": self.today - timedelta(days=100),
                "date_end": self.today,
            }
        )
        criterion = self.criteria_member[0]
        for member, score in ((self.member_group, 70), (self.member_other, 95)):
            self.env["cxzy.member.appraisal"].create(
                {
                    "period_id": period.id,
                    "member_id": member.id,
                    "state": "reviewed",
                    "line_ids": [
                        Command.create(
                            {
                                "criterion_id": criterion.id,
                                "passing_score": 80,
                                "self_score": score,
                                "branch_score": score,
                                "masses_score": score,
                            }
                        )
                    ],
                }
            )
        exemplar = self.Exemplar.create(
            {
                "nomination_id": self._nomination(self.member_other, "commended").id,
                "deeds": "<p>事迹</p>",
            }
        )
        exemplar.action_activate()

        def load(member, user):
            benchmark = self._benchmark(
                exemplar_id=exemplar.id,
                subject_type="member",
                organization_id=False,
                member_id=member.id,
            )
            benchmark.with_user(user).action_load_criteria()
            line = benchmark.line_ids.filtered(lambda li: li.criterion_id == criterion)
            return line.own_score, line.exemplar_score

        # branch_1's secretary does not read branch_2's appraisals.
        self.assertEqual(load(self.member_group, self.user_secretary), (70.0, 0.0))
        self.assertEqual(load(self.member_member, self.user_office), (0.0, 95.0))

    def test_buttons_on_empty_recordsets(self):
        Benchmark = self.Benchmark.with_user(self.user_secretary)
        for method in (
            "action_start",
            "action_achieved",
            "action_not_achieved",
            "action_reopen",
            "action_load_criteria",
        ):
            with self.subTest(method=method), self.assertRaises(UserError) as caught:
                getattr(Benchmark.browse(), method)()
            self.assertNotIn("singleton", str(caught.exception))
