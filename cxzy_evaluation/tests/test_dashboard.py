# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.cxzy_campaign.tests.common import CxzyCase

# Queries of one call of the dashboard, caches warm: the same whatever the
# number of organisations, assignments, pledges, rounds or nominations.
# Two of them count the Five Goods / Five Models share with the definition the
# upgrade report shares (cxzy.assessment.period._model_shares).
DASHBOARD_QUERIES = 21


class DashboardCase(CxzyCase):
    """A running campaign of three branches in its second phase, with work at
    every step: assignments done, late and cancelled; pledges from draft to
    assessed; an open appraisal round half voted; nominations; a closed and an
    open assessment period with tiers and grades; an exemplar and benchmarks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.today = fields.Date.context_today(cls.env.user)
        Org = cls.env["cxzy.party.organization"]
        cls.branch_3 = Org.create(
            {"name": "农村处党支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.branches = cls.branch_1 | cls.branch_2 | cls.branch_3
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "看板测试活动",
                "date_start": today - timedelta(days=60),
                "date_end": today + timedelta(days=300),
                "organization_ids": [Command.set(cls.branches.ids)],
                "phase_ids": [
                    Command.create(
                        {
                            "name": "广泛发动",
                            "sequence": 1,
                            "date_start": today - timedelta(days=60),
                            "date_end": today - timedelta(days=31),
                            "task_ids": [
                                Command.create(
                                    {
                                        "name": "制定支部方案",
                                        "kind": "plan",
                                        "deadline": today - timedelta(days=40),
                                    }
                                )
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "全面争创",
                            "sequence": 2,
                            "date_start": today - timedelta(days=30),
                            "date_end": today + timedelta(days=100),
                            "task_ids": [
                                Command.create(
                                    {
                                        "name": "组织集中学习",
                                        "kind": "study",
                                        "deadline": today + timedelta(days=30),
                                    }
                                ),
                                Command.create(
                                    {
                                        "name": "活动办公室检查",
                                        "kind": "other",
                                        "for_organizations": False,
                                        "deadline": today + timedelta(days=40),
                                    }
                                ),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "对标定位",
                            "sequence": 3,
                            "date_start": today + timedelta(days=101),
                            "date_end": today + timedelta(days=300),
                        }
                    ),
                ],
            }
        )
        cls.campaign.with_user(cls.user_office).action_start()
        cls._work_on_assignments()
        cls._make_pledges()
        cls._make_round()
        cls._make_nominations()
        cls._make_periods()
        cls._make_exemplar()

    # ------------------------------------------------------------------
    # The campaign's data
    # ------------------------------------------------------------------
    @classmethod
    def _assignment(cls, organization, kind):
        return cls.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == organization and a.kind == kind
        )

    @classmethod
    def _work_on_assignments(cls):
        """branch_1 did both tasks, branch_2 the plan and is studying,
        branch_3 is late with its plan and its study was cancelled."""
        cls._assignment(cls.branch_1, "plan").action_done()
        cls._assignment(cls.branch_1, "study").action_done()
        cls._assignment(cls.branch_2, "plan").action_done()
        cls._assignment(cls.branch_2, "study").action_start()
        cls._assignment(cls.branch_3, "study").action_cancel()

    @classmethod
    def _make_pledges(cls):
        Pledge = cls.env["cxzy.pledge"]

        def pledge(state, rating=False, **owner):
            values = {"campaign_id": cls.campaign.id, "state": state, **owner}
            if rating:
                values["assessment_rating"] = rating
            return Pledge.create(values)

        pledge("published", member_id=cls.member_member.id)
        pledge("assessed", "excellent", member_id=cls.member_other.id)
        pledge("draft", member_id=cls.member_secretary.id)
        pledge(
            "submitted",
            subject_type="organization",
            member_id=False,
            organization_id=cls.branch_1.id,
        )

    @classmethod
    def _make_round(cls, name="党支部群众评议", voted=2):
        """An open round of four eligible voters, ``voted`` of whom vote."""
        now = fields.Datetime.now()
        voters = cls.emp_secretary | cls.emp_member | cls.emp_other | cls.emp_free
        appraisal_round = (
            cls.env["cxzy.appraisal.round"]
            .with_user(cls.user_office)
            .create(
                {
                    "name": name,
                    "campaign_id": cls.campaign.id,
                    "subject_type": "organization",
                    "organization_ids": [Command.set(cls.branches.ids)],
                    "voter_ids": [Command.set(voters.ids)],
                    "date_open": now - timedelta(hours=1),
                    "date_close": now + timedelta(days=3),
                    "min_voters": 3,
                }
            )
        )
        appraisal_round.action_open()
        cls.env["cxzy.appraisal.demo"]._demo_cast_ballots(
            appraisal_round.id, voters[:voted].ids
        )
        return appraisal_round

    @classmethod
    def _nomination(cls, nominee, state):
        is_member = nominee._name == "cxzy.party.member"
        award = "excellent_member" if is_member else "advanced_branch"
        return cls.env["cxzy.nomination"].create(
            {
                "campaign_id": cls.campaign.id,
                "award_type_id": cls.env.ref(f"cxzy_evaluation.award_type_{award}").id,
                "member_id": nominee.id if is_member else False,
                "organization_id": False if is_member else nominee.id,
                "voters_entitled": 9,
                "voters_present": 9,
                "votes_favour": 9,
                "state": state,
            }
        )

    @classmethod
    def _make_nominations(cls):
        cls.nomination = cls._nomination(cls.member_member, "commended")
        cls._nomination(cls.member_other, "recommended")
        cls._nomination(cls.branch_2, "draft")

    @classmethod
    def _assess(cls, period, organization, score, state):
        evaluation = cls.env["cxzy.org.assessment"].create(
            {
                "period_id": period.id,
                "organization_id": organization.id,
                "state": "reviewed" if state == "confirmed" else state,
                "line_ids": [
                    Command.create(
                        {
                            "criterion_id": cls.criterion_org.id,
                            "passing_score": 80,
                            "self_score": score,
                            "committee_score": score,
                            "masses_score": score,
                        }
                    )
                ]
                if score
                else [],
            }
        )
        if state == "confirmed":
            # Confirmed ones are on record: write the state once they are made.
            evaluation.write({"state": "confirmed"})
        return evaluation

    @classmethod
    def _appraise(cls, period, member, score, state):
        evaluation = cls.env["cxzy.member.appraisal"].create(
            {
                "period_id": period.id,
                "member_id": member.id,
                "state": "reviewed" if state == "confirmed" else state,
                "line_ids": [
                    Command.create(
                        {
                            "criterion_id": cls.criterion_member.id,
                            "passing_score": 80,
                            "self_score": score,
                            "branch_score": score,
                            "masses_score": score,
                        }
                    )
                ]
                if score
                else [],
            }
        )
        if state == "confirmed":
            # Confirmed ones are on record: write the state once they are made.
            evaluation.write({"state": "confirmed"})
        return evaluation

    @classmethod
    def _make_periods(cls):
        """A closed period where every branch lagged, then the open one, the
        latest: branch_1 advanced and Five Goods, branch_2 in the middle,
        branch_3 not reviewed yet; one member excellent and Five Models, one
        not assessed yet."""
        Period = cls.env["cxzy.assessment.period"]
        Criterion = cls.env["cxzy.criterion"]
        cls.criterion_org = Criterion.create(
            {"name": "看板测试：领导班子好", "target": "organization"}
        )
        cls.criterion_member = Criterion.create(
            {"name": "看板测试：自觉学习的模范", "target": "member"}
        )
        cls.old_period = Period.create(
            {
                "name": "第一次考核",
                "campaign_id": cls.campaign.id,
                "date_start": cls.today - timedelta(days=60),
                "date_end": cls.today - timedelta(days=31),
            }
        )
        for branch in cls.branches:
            cls._assess(cls.old_period, branch, 50, "confirmed")
        cls.old_period.write({"state": "closed"})
        cls.period = Period.create(
            {
                "name": "第二次考核",
                "campaign_id": cls.campaign.id,
                "date_start": cls.today - timedelta(days=30),
                "date_end": cls.today + timedelta(days=30),
            }
        )
        cls.period.action_open()
        cls._assess(cls.period, cls.branch_1, 90, "reviewed")
        cls._assess(cls.period, cls.branch_2, 70, "confirmed")
        cls._assess(cls.period, cls.branch_3, 0, "draft")
        cls._appraise(cls.period, cls.member_member, 95, "reviewed")
        cls._appraise(cls.period, cls.member_other, 0, "draft")
        # A draft period after it is not the latest opened one.
        Period.create(
            {
                "name": "第三次考核",
                "campaign_id": cls.campaign.id,
                "date_start": cls.today + timedelta(days=31),
                "date_end": cls.today + timedelta(days=60),
            }
        )

    @classmethod
    def _make_exemplar(cls):
        exemplar = cls.env["cxzy.exemplar"].create(
            {"nomination_id": cls.nomination.id, "deeds": "<p>事迹</p>"}
        )
        exemplar.action_activate()
        Benchmark = cls.env["cxzy.benchmark"]
        late = Benchmark.create(
            {
                "exemplar_id": exemplar.id,
                "subject_type": "member",
                "member_id": cls.member_other.id,
                "deadline": cls.today - timedelta(days=1),
            }
        )
        late.action_start()
        Benchmark.create(
            {
                "exemplar_id": exemplar.id,
                "subject_type": "member",
                "member_id": cls.member_secretary.id,
                "deadline": cls.today + timedelta(days=30),
            }
        )
        # Not counted: a draft exemplar of the campaign.
        cls.env["cxzy.exemplar"].create(
            {"campaign_id": cls.campaign.id, "member_id": cls.member_group.id}
        )

    def _dashboard(self, user=None, campaign=None):
        Campaign = self.env["cxzy.campaign"].with_user(user or self.user_leading)
        return Campaign.get_dashboard_data((campaign or self.campaign).id)


class TestDashboard(DashboardCase):
    def test_campaign_and_phase(self):
        data = self._dashboard()
        self.assertEqual(data["campaign"]["id"], self.campaign.id)
        self.assertEqual(data["campaign"]["name"], "看板测试活动")
        self.assertEqual(data["campaign"]["state"], "running")
        # 60 of the campaign's 360 days have passed.
        self.assertEqual(data["campaign"]["time_elapsed"], 16.7)
        self.assertEqual(
            [(p["name"], p["status"]) for p in data["phases"]],
            [("广泛发动", "past"), ("全面争创", "current"), ("对标定位", "future")],
        )
        self.assertEqual(data["current_phase"]["name"], "全面争创")
        self.assertEqual(data["current_phase"]["number"], 2)
        self.assertEqual(data["current_phase"]["days_left"], 100)
        self.assertIn(
            {"id": self.campaign.id, "name": "看板测试活动"}, data["campaigns"]
        )

    def test_task_completion(self):
        """Six assignments (the cancelled one left out, the office's own
        task is one too), three done, one late."""
        tasks = self._dashboard()["tasks"]
        self.assertEqual(
            (tasks["total"], tasks["done"], tasks["overdue"], tasks["rate"]),
            (6, 3, 1, 50.0),
        )
        rows = [
            (row["name"], row["done"], row["total"], row["overdue"], row["rate"])
            for row in tasks["organizations"]
            if row["id"]
        ]
        self.assertEqual(
            rows,
            [
                (self.branch_1.name, 2, 2, 0, 100.0),
                (self.branch_2.name, 1, 2, 0, 50.0),
                (self.branch_3.name, 0, 1, 1, 0.0),
            ],
        )
        # the office's own task: a row of its own, named after the office
        office = [row for row in tasks["organizations"] if not row["id"]]
        self.assertEqual(
            [(row["done"], row["total"], row["overdue"]) for row in office],
            [(0, 1, 0)],
        )
        self.assertIn(office[0]["name"], ("Campaign Office", "活动办公室"))

    def test_pledges(self):
        pledges = self._dashboard()["pledges"]
        self.assertEqual(
            (
                pledges["total"],
                pledges["published"],
                pledges["assessed"],
                pledges["members"],
                pledges["organizations"],
            ),
            (4, 2, 1, 3, 1),
        )
        self.assertEqual(
            {row["key"]: row["count"] for row in pledges["by_state"]},
            {"draft": 1, "submitted": 1, "approved": 0, "published": 1, "assessed": 1},
        )
        self.assertEqual(
            {row["key"]: row["count"] for row in pledges["ratings"]},
            {"excellent": 1, "good": 0, "fair": 0, "poor": 0},
        )

    def test_round_turnout(self):
        rounds = self._dashboard()["rounds"]
        self.assertEqual(
            (rounds["count"], rounds["voted"], rounds["eligible"], rounds["turnout"]),
            (1, 2, 4, 50.0),
        )
        self.assertEqual(rounds["items"][0]["name"], "党支部群众评议")
        self.assertEqual(rounds["items"][0]["min_voters"], 3)

    def test_nominations(self):
        nominations = self._dashboard()["nominations"]
        self.assertTrue(nominations["available"])
        self.assertEqual(nominations["total"], 3)
        counts = {row["key"]: row["count"] for row in nominations["by_state"]}
        self.assertEqual(
            (counts["draft"], counts["recommended"], counts["commended"]), (1, 1, 1)
        )
        self.assertEqual(sum(counts.values()), 3)

    def test_tiers_of_the_latest_period(self):
        tiers = self._dashboard()["tiers"]
        self.assertEqual(tiers["period"]["id"], self.period.id)
        self.assertEqual(tiers["period"]["state"], "open")
        organizations = tiers["organizations"]
        self.assertEqual(
            {row["key"]: row["count"] for row in organizations["by_tier"]},
            {"advanced": 1, "middle": 1, "lagging": 0},
        )
        self.assertEqual(
            (
                organizations["total"],
                organizations["rated"],
                organizations["not_rated"],
                organizations["five_goods"],
                organizations["confirmed"],
            ),
            (3, 2, 1, 0, 1),
        )
        # branch_1 is Five Goods but not confirmed yet: the share counts the
        # confirmed assessments only (branch_2, in the middle)
        self.assertEqual(
            (
                organizations["five_goods"],
                organizations["five_goods_of"],
                organizations["five_goods_share"],
            ),
            (0, 1, 0.0),
        )
        members = tiers["members"]
        self.assertEqual(
            {row["key"]: row["count"] for row in members["by_grade"]},
            {"excellent": 1, "qualified": 0, "basic": 0, "unqualified": 0},
        )
        self.assertEqual(
            (members["total"], members["not_rated"], members["five_models"]),
            (2, 1, 0),
        )
        self.assertEqual(members["five_models_of"], 0)

    def test_five_goods_share_is_the_upgrade_report_s(self):
        """One definition of the share: the dashboard and the upgrade report
        give the same figure, an unconfirmed Five Goods assessment counting in
        neither, then once it is confirmed."""
        Assessment = self.env["cxzy.org.assessment"]

        def both():
            tiers = self._dashboard()["tiers"]
            report = self.env["report.cxzy_evaluation.report_upgrade"]
            figures = report._get_report_values(self.period.ids)["figures"]
            return (
                (
                    tiers["organizations"]["five_goods"],
                    tiers["organizations"]["five_goods_of"],
                    tiers["organizations"]["five_goods_share"],
                ),
                (
                    figures[self.period]["organization"]["model_count"],
                    figures[self.period]["organization"]["count"],
                    round(figures[self.period]["organization"]["share"], 1),
                ),
            )

        dashboard, report = both()
        self.assertEqual(dashboard, report)
        self.assertEqual(dashboard, (0, 1, 0.0))
        branch_1 = Assessment.search(
            [
                ("period_id", "=", self.period.id),
                ("organization_id", "=", self.branch_1.id),
            ]
        )
        self.assertTrue(branch_1.five_goods)
        branch_1.write({"state": "confirmed"})
        dashboard, report = both()
        self.assertEqual(dashboard, report)
        self.assertEqual(dashboard, (1, 2, 50.0))

    def test_exemplars_and_benchmarks(self):
        exemplars = self._dashboard()["exemplars"]
        self.assertEqual(
            (
                exemplars["active"],
                exemplars["total"],
                exemplars["benchmarks"],
                exemplars["overdue"],
            ),
            (1, 2, 2, 1),
        )
        self.assertEqual(
            {row["key"]: row["count"] for row in exemplars["by_status"]},
            {"planned": 1, "in_progress": 1, "achieved": 0, "not_achieved": 0},
        )

    def test_default_campaign_is_a_running_one(self):
        data = (
            self.env["cxzy.campaign"].with_user(self.user_leading).get_dashboard_data()
        )
        self.assertEqual(data["campaign"]["state"], "running")
        self.assertEqual(data["campaign"]["id"], data["campaigns"][0]["id"])

    def test_no_dashboard_of_a_template(self):
        template = self.env["cxzy.campaign"].create(
            {
                "name": "模板",
                "is_template": True,
                "date_start": "2010-04-01",
                "date_end": "2012-11-07",
            }
        )
        with self.assertRaisesRegex(UserError, "is a template"):
            self._dashboard(campaign=template)
        data = self._dashboard()
        self.assertNotIn(template.id, [c["id"] for c in data["campaigns"]])

    def test_who_sees_the_dashboard(self):
        for user in (self.user_leading, self.user_committee, self.user_office):
            self.assertEqual(self._dashboard(user)["tasks"]["total"], 6, user.login)
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.assertRaises(AccessError):
                self._dashboard(user)
        # Another agency's office sees none of this campaign.
        with self.assertRaises(AccessError):
            self._dashboard(self.user_office_b)
        data = (
            self.env["cxzy.campaign"].with_user(self.user_office_b).get_dashboard_data()
        )
        self.assertNotIn(self.campaign.id, [c["id"] for c in data["campaigns"]])

    def test_query_budget(self):
        """The queries do not grow with the organisations, their assignments,
        the pledges, the rounds or the nominations."""
        self._dashboard()  # warm the caches (access rules, selections)
        self.env.invalidate_all()
        with self.assertQueryCount(DASHBOARD_QUERIES):
            self._dashboard()

        Org = self.env["cxzy.party.organization"]
        more = Org.create(
            [
                {
                    "name": f"新增党支部{i}",
                    "kind": "branch",
                    "parent_id": self.committee.id,
                }
                for i in range(4)
            ]
        )
        self.campaign.organization_ids = [Command.link(org.id) for org in more]
        for org in more:
            self.env["cxzy.pledge"].create(
                {
                    "campaign_id": self.campaign.id,
                    "subject_type": "organization",
                    "organization_id": org.id,
                    "state": "published",
                }
            )
            self._nomination(org, "recommended")
            self._assess(self.period, org, 88, "reviewed")
        self._make_round("第二轮群众评议", voted=3)

        data = self._dashboard()
        self.assertEqual(data["tasks"]["total"], 6 + 2 * 4)
        self.assertEqual(data["pledges"]["published"], 2 + 4)
        self.assertEqual(data["nominations"]["total"], 3 + 4)
        self.assertEqual(data["rounds"]["count"], 2)
        self.assertEqual(data["tiers"]["organizations"]["total"], 3 + 4)
        self.env.invalidate_all()
        with self.assertQueryCount(DASHBOARD_QUERIES):
            self._dashboard()
