# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command
from odoo.tests import tagged

from .assessment_common import AssessmentCase

# Queries to create a period's assessments, score every criterion, take them
# through the three steps and keep their tiers, whatever the number of
# organisations (Odoo writes rows in batches of 100, so past 100 lines one
# INSERT or UPDATE more per hundred lines). 23 before the workflow engine:
# each of the three steps now locks the rows it checks and reads their state
# in one query (SELECT … FOR UPDATE, after flushing the previous step's
# UPDATE) and logs one chatter note per record in a single INSERT: three
# queries more per step, whatever the number of organisations. Each of the
# two users' score writes is flushed at once, so that a refused constraint
# answers in the user's language: one UPDATE each that was merged before.
GRADING_BUDGET = 34
#: The to-dos of the steps that wait for someone (the review by the committee,
#: the confirmation by the leading group): each step searches the records'
#: to-dos, reads who may take the next step, deletes the to-dos of the wait
#: that is over and creates the new ones in one INSERT: seven queries for
#: each of the three steps, whatever the number of organisations ...
TODO_BUDGET = 21
#: ... and Odoo subscribes each user asked to the records they are asked
#: about: a few queries per user, not per record.
TODO_PER_USER = 5


@tagged("post_install", "-at_install", "is_query_count")
class TestAssessmentPerformance(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["cxzy.party.organization"]
        organizations = Org.create(
            [
                {
                    "name": f"测试党支部{i:02d}",
                    "kind": "branch",
                    "parent_id": cls.committee.id,
                }
                for i in range(45)
            ]
        )
        cls.periods = {}
        for size in (5, 10, 40):
            campaign = cls.env["cxzy.campaign"].create(
                {
                    "name": f"规模测试{size}",
                    "date_start": "2030-01-01",
                    "date_end": "2030-12-31",
                    "organization_ids": [Command.set(organizations[:size].ids)],
                }
            )
            cls.periods[size] = cls._new_period(
                f"规模{size}", "2030-01-01", "2030-06-30", campaign=campaign
            )

    def _grade_all(self, period):
        period = period.with_user(self.user_office)
        period.action_create_assessments()
        assessments = period.assessment_ids
        assessments.line_ids.write({"self_score": 90})
        # The masses' scores of a closed round: server code.
        assessments.line_ids.sudo().write({"masses_score": 80, "masses_count": 12})
        assessments.action_self_assess()
        assessments.line_ids.write({"committee_score": 85})
        assessments.action_review()
        assessments.action_confirm()
        self.env.flush_all()
        return assessments

    def test_grading_does_not_grow_with_organisations(self):
        # Warm the caches (access rights, rules, groups) on a small period.
        self.env.invalidate_all()
        self._grade_all(self.periods[5])
        office = self.env.ref("cxzy_campaign.group_cxzy_office").users
        asked = (
            self.env.ref("cxzy_campaign.group_cxzy_committee").users
            | self.env.ref("cxzy_campaign.group_cxzy_leading").users
        ).filtered(lambda u: u.active and self.env.company in u.company_ids) - office
        budget = GRADING_BUDGET + TODO_BUDGET + TODO_PER_USER * len(asked)
        for size in (10, 40):
            self.env.invalidate_all()
            with self.subTest(size=size), self.assertQueryCount(budget):
                assessments = self._grade_all(self.periods[size])
            self.assertEqual(len(assessments), size)
            # 0.2×90 + 0.5×85 + 0.3×80 = 84.5 on every criterion: middle.
            self.assertEqual(set(assessments.mapped("total")), {84.5})
            self.assertEqual(set(assessments.mapped("tier")), {"middle"})
            self.assertTrue(all(assessments.mapped("five_goods")))
            self.assertEqual(
                self.History.search_count([("period_id", "=", self.periods[size].id)]),
                size,
            )
