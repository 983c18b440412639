# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from contextlib import contextmanager
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.cxzy_campaign.tests.common import CxzyCase


class ExemplarCase(CxzyCase):
    """A campaign of branch_1 and branch_2, a member of branch_1 commended as
    优秀共产党员 and branch_2 held up as an exemplary branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "对标定位测试活动",
                "date_start": cls.today - timedelta(days=200),
                "date_end": cls.today + timedelta(days=200),
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.Exemplar = cls.env["cxzy.exemplar"]
        cls.Benchmark = cls.env["cxzy.benchmark"]
        cls.Nomination = cls.env["cxzy.nomination"]
        cls.award_member = cls.env.ref("cxzy_evaluation.award_type_excellent_member")
        cls.award_branch = cls.env.ref("cxzy_evaluation.award_type_advanced_branch")
        cls.nomination = cls._nomination(cls.member_member, "commended")
        cls.criteria_org = cls.env["cxzy.criterion"].search(
            [("target", "=", "organization")]
        )
        cls.criteria_member = cls.env["cxzy.criterion"].search(
            [("target", "=", "member")]
        )
        cls.exemplar_branch = cls.Exemplar.create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "organization",
                "organization_id": cls.branch_2.id,
                "post": "机关党支部",
                "deeds": "<p>建立学习、调研、服务三项制度。</p>",
            }
        )
        cls.exemplar_branch.action_activate()

    @classmethod
    def _nomination(cls, nominee, state, award=None):
        """A nomination in ``state``, written directly as the superuser (the
        steps themselves are tested with the nominations)."""
        is_member = nominee._name == "cxzy.party.member"
        return cls.Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "award_type_id": (
                    award or (cls.award_member if is_member else cls.award_branch)
                ).id,
                "member_id": nominee.id if is_member else False,
                "organization_id": False if is_member else nominee.id,
                "deeds": "<p>承诺事项全部兑现，调研报告获省领导批示。</p>",
                "voters_entitled": 9,
                "voters_present": 8,
                "votes_favour": 8,
                "state": state,
            }
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint what was written) and
        the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    def _benchmark(self, user=None, **values):
        vals = {
            "exemplar_id": self.exemplar_branch.id,
            "subject_type": "organization",
            "organization_id": self.branch_1.id,
            "deadline": self.today + timedelta(days=60),
        }
        vals.update(values)
        Benchmark = self.Benchmark.with_user(user) if user else self.Benchmark
        return Benchmark.create(vals)


class TestExemplar(ExemplarCase):
    def test_exemplar_from_commended_nomination(self):
        """Chosen from a commendation, the exemplar takes its campaign, nominee
        and deeds; the leading group holds it up."""
        exemplar = self.Exemplar.with_user(self.user_leading).create(
            {"nomination_id": self.nomination.id, "post": "综合处文稿起草岗"}
        )
        self.assertEqual(exemplar.campaign_id, self.campaign)
        self.assertEqual(exemplar.subject_type, "member")
        self.assertEqual(exemplar.member_id, self.member_member)
        self.assertFalse(exemplar.organization_id)
        self.assertEqual(exemplar.name, self.member_member.name)
        self.assertEqual(exemplar.branch_id, self.branch_1)
        self.assertIn("调研报告获省领导批示", exemplar.deeds)
        self.assertEqual(exemplar.state, "draft")
        exemplar.with_user(self.user_leading).action_activate()
        self.assertEqual(exemplar.state, "active")

    def test_exemplar_from_organisation_commendation(self):
        nomination = self._nomination(self.branch_1, "commended")
        exemplar = self.Exemplar.create({"nomination_id": nomination.id})
        self.assertEqual(exemplar.subject_type, "organization")
        self.assertEqual(exemplar.organization_id, self.branch_1)
        self.assertFalse(exemplar.member_id)

    def test_exemplar_only_from_the_commended(self):
        studied = self._nomination(self.member_other, "studied")
        before = self.Exemplar.search_count([])
        with self.assertRefused(ValidationError, "has not been commended"):
            self.Exemplar.create({"nomination_id": studied.id})
        self.assertEqual(self.Exemplar.search_count([]), before)

    def test_exemplar_must_be_the_nominee(self):
        with self.assertRefused(ValidationError, "must be the nominee"):
            self.Exemplar.create(
                {
                    "nomination_id": self.nomination.id,
                    "member_id": self.member_other.id,
                }
            )
        self.assertFalse(
            self.Exemplar.search([("member_id", "=", self.member_other.id)])
        )

    def test_exemplar_directly_without_nomination(self):
        exemplar = self.Exemplar.with_user(self.user_office).create(
            {
                "campaign_id": self.campaign.id,
                "member_id": self.member_other.id,
                "post": "经济处调研岗",
            }
        )
        self.assertEqual(exemplar.subject_type, "member")
        self.assertFalse(exemplar.nomination_id)
        self.assertEqual(exemplar.branch_id, self.branch_2)

    def test_exemplar_subject_matches_kind(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Exemplar.create(
                {
                    "campaign_id": self.campaign.id,
                    "subject_type": "organization",
                    "member_id": self.member_other.id,
                }
            )

    def test_exemplar_once_per_campaign(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Exemplar.create(
                {
                    "campaign_id": self.campaign.id,
                    "subject_type": "organization",
                    "organization_id": self.branch_2.id,
                }
            )

    def test_exemplar_not_in_a_template(self):
        template = self.env["cxzy.campaign"].create(
            {
                "name": "模板",
                "is_template": True,
                "date_start": "2010-04-01",
                "date_end": "2012-11-07",
            }
        )
        with self.assertRefused(ValidationError, "is a template"):
            self.Exemplar.create(
                {"campaign_id": template.id, "member_id": self.member_other.id}
            )

    def test_report_meeting(self):
        """The deeds report meeting is a report meeting of the campaign; its
        date and place come from its activity record."""
        Event = self.env["cxzy.campaign.event"]
        date = (fields.Datetime.now() - timedelta(days=3)).replace(microsecond=0)
        report = Event.create(
            {
                "name": "先进典型事迹报告会",
                "campaign_id": self.campaign.id,
                "kind": "report",
                "date": date,
                "place": "三楼大会议室",
            }
        )
        seminar = Event.create(
            {
                "name": "学习研讨会",
                "campaign_id": self.campaign.id,
                "kind": "seminar",
                "date": date,
            }
        )
        exemplar = self.exemplar_branch
        exemplar.write({"report_event_id": report.id, "report_audience": "全体党员"})
        self.assertEqual(exemplar.report_date, date)
        self.assertEqual(exemplar.report_place, "三楼大会议室")
        with self.assertRefused(ValidationError, "must be a report meeting"):
            exemplar.write({"report_event_id": seminar.id})
        self.assertEqual(exemplar.report_event_id, report)

    def test_activate_needs_deeds(self):
        exemplar = self.Exemplar.create(
            {"campaign_id": self.campaign.id, "member_id": self.member_other.id}
        )
        with self.assertRefused(UserError, "Write the deeds"):
            exemplar.with_user(self.user_leading).action_activate()
        self.assertEqual(exemplar.state, "draft")

    def test_states(self):
        exemplar = self.exemplar_branch.with_user(self.user_leading)
        with self.assertRefused(UserError, "can be done only when it is Draft"):
            exemplar.action_activate()
        exemplar.action_set_archived()
        self.assertEqual(exemplar.state, "archived")
        exemplar.action_reset_draft()
        self.assertEqual(exemplar.state, "draft")

    def test_held_up_exemplar_is_not_deleted(self):
        with self.assertRefused(UserError, "cannot be deleted"):
            self.exemplar_branch.with_user(self.user_office).unlink()
        self.assertTrue(self.exemplar_branch.exists())
        draft = self.Exemplar.create(
            {"campaign_id": self.campaign.id, "member_id": self.member_other.id}
        )
        draft.with_user(self.user_office).unlink()
        self.assertFalse(draft.exists())

    def test_no_draft_once_benchmarked(self):
        self._benchmark()
        with self.assertRefused(UserError, "cannot go back to draft"):
            self.exemplar_branch.with_user(self.user_leading).action_reset_draft()
        self.assertEqual(self.exemplar_branch.state, "active")
        self.assertEqual(self.exemplar_branch.benchmark_count, 1)

    def test_exemplar_access(self):
        """Members read the exemplars held up, not the drafts; the committee
        reads all; the leading group and the office manage them."""
        draft = self.Exemplar.create(
            {"campaign_id": self.campaign.id, "member_id": self.member_other.id}
        )
        mine = self.exemplar_branch | draft
        as_member = self.Exemplar.with_user(self.user_member)
        self.assertEqual(
            as_member.search([("id", "in", mine.ids)]), self.exemplar_branch
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.user_member).read(["name"])
        with self.assertRaises(AccessError):
            self.exemplar_branch.with_user(self.user_secretary).write({"post": "x"})
        with self.assertRaises(AccessError):
            as_member.create(
                {"campaign_id": self.campaign.id, "member_id": self.member_group.id}
            )
        self.assertFalse(
            self.Exemplar.search([("member_id", "=", self.member_group.id)])
        )
        self.assertEqual(
            self.Exemplar.with_user(self.user_committee).search(
                [("id", "in", mine.ids)]
            ),
            mine,
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.user_committee).write({"post": "x"})
        draft.with_user(self.user_leading).write({"post": "经济处调研岗"})
        self.assertEqual(draft.post, "经济处调研岗")
        with self.assertRaises(AccessError):
            draft.with_user(self.user_leading).unlink()
        self.assertTrue(draft.exists())
        self.assertFalse(
            self.Exemplar.with_user(self.user_office_b).search([("id", "in", mine.ids)])
        )


class TestBenchmark(ExemplarCase):
    def test_secretary_benchmarks_their_branch(self):
        benchmark = self._benchmark(
            user=self.user_secretary,
            line_ids=[
                Command.create(
                    {
                        "criterion_id": self.criteria_org[0].id,
                        "gap": "学习制度执行不经常",
                        "own_score": 78,
                        "exemplar_score": 92,
                        "measure": "每月集中学习一次",
                    }
                )
            ],
        )
        self.assertEqual(benchmark.state, "planned")
        self.assertEqual(benchmark.owner_id, self.user_secretary)
        self.assertEqual(benchmark.campaign_id, self.campaign)
        self.assertEqual(benchmark.branch_id, self.branch_1)
        self.assertEqual(benchmark.name, f"{self.branch_1.name} → {self.branch_2.name}")
        self.assertEqual(benchmark.line_ids.score_gap, 14.0)

    def test_secretary_not_for_other_branches(self):
        with self.assertRaises(AccessError):
            self._benchmark(
                user=self.user_secretary,
                organization_id=self.committee.id,
                exemplar_id=self.exemplar_branch.id,
            )
        self.assertFalse(
            self.Benchmark.search([("exemplar_id", "=", self.exemplar_branch.id)])
        )

    def test_only_against_an_active_exemplar(self):
        draft = self.Exemplar.create(
            {
                "campaign_id": self.campaign.id,
                "subject_type": "organization",
                "organization_id": self.group_1.id,
            }
        )
        with self.assertRefused(UserError, "not an active exemplar"):
            self._benchmark(user=self.user_secretary, exemplar_id=draft.id)
        self.assertFalse(self.Benchmark.search([("exemplar_id", "=", draft.id)]))

    def test_like_against_like(self):
        exemplar_member = self.Exemplar.create(
            {
                "nomination_id": self.nomination.id,
                "deeds": "<p>事迹</p>",
            }
        )
        exemplar_member.action_activate()
        with self.assertRefused(ValidationError, "an organisation benchmarks"):
            self._benchmark(exemplar_id=exemplar_member.id)
        with self.assertRefused(ValidationError, "against itself"):
            self._benchmark(
                exemplar_id=exemplar_member.id,
                subject_type="member",
                organization_id=False,
                member_id=self.member_member.id,
            )
        benchmark = self._benchmark(
            exemplar_id=exemplar_member.id,
            subject_type="member",
            organization_id=False,
            member_id=self.member_other.id,
        )
        self.assertEqual(benchmark.branch_id, self.branch_2)
        self.assertEqual(
            self.Benchmark.search([("campaign_id", "=", self.campaign.id)]), benchmark
        )

    def test_gap_scores_and_criteria(self):
        benchmark = self._benchmark()
        Line = self.env["cxzy.benchmark.line"]
        with self.assertRefused(ValidationError, "between 0 and 100"):
            Line.create(
                {
                    "benchmark_id": benchmark.id,
                    "criterion_id": self.criteria_org[0].id,
                    "own_score": 120,
                }
            )
        with self.assertRefused(ValidationError, "not a criterion for"):
            Line.create(
                {
                    "benchmark_id": benchmark.id,
                    "criterion_id": self.criteria_member[0].id,
                }
            )
        self.assertFalse(benchmark.line_ids)

    def test_load_criteria_with_latest_scores(self):
        """One line per active criterion of the subject's kind, with the scores
        of the latest reviewed assessments of both sides."""
        period = self.env["cxzy.assessment.period"].create(
            {
                "name": "第一次考核",
                "campaign_id": self.campaign.id,
                "date_start": self.today - timedelta(days=100),
                "date_end": self.today,
            }
        )
        criterion = self.criteria_org[0]

        def assessment(organization, score):
            return self.env["cxzy.org.assessment"].create(
                {
                    "period_id": period.id,
                    "organization_id": organization.id,
                    "state": "reviewed",
                    "line_ids": [
                        Command.create(
                            {
                                "criterion_id": criterion.id,
                                "passing_score": 80,
                                "self_score": score,
                                "committee_score": score,
                                "masses_score": score,
                            }
                        )
                    ],
                }
            )

        assessment(self.branch_1, 72)
        assessment(self.branch_2, 94)
        benchmark = self._benchmark(user=self.user_secretary)
        benchmark.with_user(self.user_secretary).action_load_criteria()
        self.assertEqual(
            set(benchmark.line_ids.criterion_id.ids), set(self.criteria_org.ids)
        )
        line = benchmark.line_ids.filtered(lambda li: li.criterion_id == criterion)
        self.assertEqual((line.own_score, line.exemplar_score), (72.0, 94.0))
        self.assertEqual(line.score_gap, 22.0)
        # A second time adds nothing.
        benchmark.with_user(self.user_secretary).action_load_criteria()
        self.assertEqual(len(benchmark.line_ids), len(self.criteria_org))

    def test_status_and_review(self):
        benchmark = self._benchmark(user=self.user_secretary)
        as_secretary = benchmark.with_user(self.user_secretary)
        with self.assertRefused(UserError, "only through the record's steps"):
            as_secretary.write({"state": "achieved"})
        with self.assertRefused(UserError, "can be done only when it is In Progress"):
            as_secretary.action_achieved()
        as_secretary.action_start()
        self.assertEqual(benchmark.state, "in_progress")
        with self.assertRefused(UserError, "Write the review note"):
            as_secretary.action_achieved()
        self.assertEqual(benchmark.state, "in_progress")
        as_secretary.write({"review_note": "三项制度已建立并坚持执行"})
        as_secretary.action_achieved()
        self.assertEqual(benchmark.state, "achieved")
        self.assertEqual(benchmark.review_date, fields.Date.context_today(benchmark))
        # Reviewed: nothing changes any more, lines included, nor is it deleted.
        with self.assertRefused(UserError, "on record and can no longer be changed"):
            as_secretary.write({"deadline": self.today + timedelta(days=90)})
        with self.assertRefused(UserError, "has been reviewed"):
            self.env["cxzy.benchmark.line"].with_user(self.user_secretary).create(
                {"benchmark_id": benchmark.id, "criterion_id": self.criteria_org[0].id}
            )
        with self.assertRefused(UserError, "cannot be deleted"):
            as_secretary.unlink()
        self.assertEqual(benchmark.deadline, self.today + timedelta(days=60))
        self.assertFalse(benchmark.line_ids)
        as_secretary.action_reopen()
        self.assertEqual(benchmark.state, "in_progress")
        self.assertFalse(benchmark.review_date)
        as_secretary.action_not_achieved()
        self.assertEqual(benchmark.state, "not_achieved")

    def test_no_status_at_creation(self):
        with self.assertRefused(UserError, "only through the record's steps"):
            self._benchmark(user=self.user_secretary, state="achieved")
        self.assertFalse(
            self.Benchmark.search([("campaign_id", "=", self.campaign.id)])
        )

    def test_overdue(self):
        late = self._benchmark(deadline=self.today - timedelta(days=1))
        on_time = self._benchmark(
            organization_id=self.group_1.id, deadline=self.today + timedelta(days=1)
        )
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        mine = [("campaign_id", "=", self.campaign.id)]
        self.assertEqual(
            self.Benchmark.search(mine + [("is_overdue", "=", True)]), late
        )
        self.assertEqual(
            self.Benchmark.search(mine + [("is_overdue", "=", False)]), on_time
        )
        late.action_start()
        late.review_note = "已完成"
        late.action_achieved()
        self.assertFalse(late.is_overdue)

    def test_benchmark_access(self):
        """Secretaries manage the benchmarks of the organisations they lead and
        their members; members read their own; the committee and the leading
        group read all; the office manages all."""
        exemplar_member = self.Exemplar.create(
            {"nomination_id": self.nomination.id, "deeds": "<p>事迹</p>"}
        )
        exemplar_member.action_activate()
        branch_1 = self._benchmark()
        group_1 = self._benchmark(organization_id=self.group_1.id)
        other = self._benchmark(
            exemplar_id=exemplar_member.id,
            subject_type="member",
            organization_id=False,
            member_id=self.member_other.id,
        )
        group_member = self._benchmark(
            exemplar_id=exemplar_member.id,
            subject_type="member",
            organization_id=False,
            member_id=self.member_group.id,
        )
        everything = branch_1 | group_1 | other | group_member

        def visible(user):
            return self.Benchmark.with_user(user).search([("id", "in", everything.ids)])

        self.assertEqual(
            visible(self.user_secretary), branch_1 | group_1 | group_member
        )
        self.assertEqual(visible(self.user_other), other)
        self.assertEqual(visible(self.user_member), self.Benchmark)
        self.assertEqual(visible(self.user_committee), everything)
        self.assertEqual(visible(self.user_leading), everything)
        self.assertEqual(visible(self.user_office), everything)
        self.assertEqual(visible(self.user_office_b), self.Benchmark)
        self.assertEqual(
            self.env["cxzy.benchmark.line"]
            .with_user(self.user_other)
            .search([("benchmark_id", "in", everything.ids)]),
            other.line_ids,
        )

        with self.assertRaises(AccessError):
            other.with_user(self.user_other).write({"deadline": self.today})
        with self.assertRefused(UserError, "can be done only by the secretaries"):
            other.with_user(self.user_other).action_start()
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary).write({"deadline": self.today})
        with self.assertRefused(UserError, "can be done only by the secretaries"):
            other.with_user(self.user_leading).action_start()
        self.assertEqual(other.state, "planned")
        self.assertEqual(other.deadline, self.today + timedelta(days=60))

        group_member.with_user(self.user_secretary).action_start()
        self.assertEqual(group_member.state, "in_progress")
        other.with_user(self.user_office).write({"deadline": self.today})
        self.assertEqual(other.deadline, self.today)
        group_1.with_user(self.user_secretary).unlink()
        self.assertFalse(group_1.exists())
