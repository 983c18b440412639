# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestAppraisalUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.masses = new_test_user(
            cls.env,
            login="cxzy_ui_masses",
            groups="base.group_user",
            tz="Asia/Shanghai",
        )
        colleague = new_test_user(
            cls.env, login="cxzy_ui_colleague", groups="base.group_user"
        )
        neighbour = new_test_user(
            cls.env, login="cxzy_ui_neighbour", groups="base.group_user"
        )
        Employee = cls.env["hr.employee"]
        cls.voters = Employee.create(
            [
                {"name": "导览群众", "user_id": cls.masses.id},
                {"name": "导览同事", "user_id": colleague.id},
                {"name": "导览邻居", "user_id": neighbour.id},
            ]
        )
        Org = cls.env["cxzy.party.organization"]
        branches = Org.create(
            [
                {"name": "导览第一党支部", "kind": "branch"},
                {"name": "导览第二党支部", "kind": "branch"},
            ]
        )
        today = fields.Date.today()
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "导览活动",
                "date_start": today - timedelta(days=10),
                "date_end": today + timedelta(days=10),
            }
        )
        now = fields.Datetime.now()
        cls.round = cls.env["cxzy.appraisal.round"].create(
            {
                "name": "导览党支部群众评议",
                "campaign_id": campaign.id,
                "organization_ids": [Command.set(branches.ids)],
                "voter_ids": [Command.set(cls.voters.ids)],
                "date_open": now - timedelta(hours=1),
                "date_close": now + timedelta(hours=1),
                "min_voters": 3,
            }
        )
        cls.round.action_open()

    def test_the_masses_vote_in_the_web_client(self):
        self.start_tour("/odoo", "cxzy_appraisal_vote_tour", login=self.masses.login)
        # The vote was sealed; the batch that counts it is the cron's.
        self.env["cxzy.appraisal.tally"]._count_sealed(self.round.id)
        self.env.cr.execute(
            """SELECT SUM(votes_good), SUM(votes_excellent + votes_fair + votes_poor)
                 FROM cxzy_appraisal_tally WHERE round_id = %s""",
            [self.round.id],
        )
        self.assertEqual(self.env.cr.fetchone(), (10, 0))
        self.assertEqual(self.round.with_user(self.masses).my_status, "voted")
        self.env.cr.execute("SELECT COUNT(*) FROM cxzy_appraisal_ballot_line")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
