# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestDashboardUi(HttpCase):
    """A member of the leading group opens the app, lands on the dashboard,
    chooses a campaign, reads its KPI cards and opens the assignments of a
    branch from its completion bar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            login="cxzy_tour_d_leader",
            groups="cxzy_campaign.group_cxzy_leading",
            tz="Asia/Shanghai",
        )
        today = fields.Date.context_today(cls.leader)
        Org = cls.env["cxzy.party.organization"]
        committee = Org.create({"name": "巡检机关党委", "kind": "committee"})
        branches = Org.create(
            [
                {"name": name, "kind": "branch", "parent_id": committee.id}
                for name in ("巡检一支部", "巡检二支部")
            ]
        )
        cls.campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "看板巡检活动",
                "date_start": today - timedelta(days=10),
                "date_end": today + timedelta(days=100),
                "organization_ids": [Command.set(branches.ids)],
                "phase_ids": [
                    Command.create(
                        {
                            "name": "全面争创",
                            "date_start": today - timedelta(days=10),
                            "date_end": today + timedelta(days=100),
                            "task_ids": [
                                Command.create(
                                    {
                                        "name": "制定支部方案",
                                        "kind": "plan",
                                        "deadline": today + timedelta(days=20),
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        cls.campaign.action_start()
        # Started later, this one shows first: the tour chooses its campaign,
        # and finds it again when it comes back from a list.
        # A campaign starts with its plan and a participating branch; its
        # only task is the office's, so it gives the branches no assignment.
        other = cls.env["cxzy.campaign"].create(
            {
                "name": "另一项活动",
                "date_start": today - timedelta(days=1),
                "date_end": today + timedelta(days=100),
                "organization_ids": [Command.set(branches[:1].ids)],
                "phase_ids": [
                    Command.create(
                        {
                            "name": "动员部署",
                            "date_start": today - timedelta(days=1),
                            "date_end": today + timedelta(days=100),
                            "task_ids": [
                                Command.create(
                                    {
                                        "name": "召开动员大会",
                                        "kind": "mobilize",
                                        "for_organizations": False,
                                        "deadline": today + timedelta(days=10),
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        other.action_start()
        cls.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == branches[0]
        ).action_done()
        for branch, state in zip(branches, ("published", "draft"), strict=True):
            cls.env["cxzy.pledge"].create(
                {
                    "campaign_id": cls.campaign.id,
                    "subject_type": "organization",
                    "organization_id": branch.id,
                    "state": state,
                }
            )

    def test_dashboard_tour(self):
        Campaign = self.env["cxzy.campaign"].with_user(self.leader)
        self.assertNotEqual(
            Campaign.get_dashboard_data()["campaign"]["name"], "看板巡检活动"
        )
        data = Campaign.get_dashboard_data(self.campaign.id)
        self.assertEqual(data["tasks"]["rate"], 50.0)
        self.assertEqual(data["pledges"]["published"], 1)
        self.start_tour("/odoo", "cxzy_dashboard_tour", login=self.leader.login)
