# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.tests import tagged

from .assessment_common import AssessmentCase
from .test_appraisal_round import AppraisalCase
from .test_nomination import NominationCase


class TodoMixin:
    def _todos(self, records):
        # new records get their to-dos before the commit
        self.env.cr.precommit.run()
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("cxzy_campaign.mail_activity_type_cxzy_todo").id,
                ),
            ]
        )

    def _group_users(self, xmlid, but=()):
        """The active users of the group in this company, without those of
        the groups ``but``."""
        users = self.env.ref(xmlid).users.filtered(
            lambda u: u.active and self.env.company in u.company_ids
        )
        for other in but:
            users -= self.env.ref(other).users
        return users

    def _assert_waits_for(self, record, step, users):
        todos = self._todos(record)
        self.assertEqual(todos.user_id, users)
        self.assertEqual(len(todos), len(users), "one to-do per person")
        self.assertEqual(set(todos.mapped("cxzy_step")), {step})
        refused = users.filtered(
            lambda u: record.with_user(u)._cxzy_refusal(record._cxzy_step(step))
        )
        self.assertFalse(refused, "only people who may take the step")


OFFICE = "cxzy_campaign.group_cxzy_office"


@tagged("post_install", "-at_install", "todo")
class TestNominationTodos(TodoMixin, NominationCase):
    def test_each_level_is_asked_in_turn(self):
        nomination = self._nominate()
        # 支部民主推荐: the managers of branch 1, not the nominee.
        self._assert_waits_for(
            nomination, "recommend", self.user_secretary | self.user_committee
        )
        self._recommend(nomination)
        # 机关党委研究: the committee (the office is not asked).
        committee = self._group_users("cxzy_campaign.group_cxzy_committee", [OFFICE])
        self.assertIn(self.user_committee, committee)
        self._assert_waits_for(nomination, "study", committee)
        self._study(nomination)
        # The publicity is required: the committee starts it.
        self._assert_waits_for(nomination, "publicity", committee)
        self._publicise(nomination)
        # 室党组决定: the leading group, by the end of the publicity.
        leading = self._group_users("cxzy_campaign.group_cxzy_leading", [OFFICE])
        self.assertIn(self.user_leading_2, leading)
        self._assert_waits_for(nomination, "decide", leading)
        self.assertEqual(
            set(self._todos(nomination).mapped("date_deadline")),
            {nomination.publicity_end},
        )
        self._decide(nomination)
        self.assertFalse(self._todos(nomination), "decided: nobody is waited for")

    def test_rejected_nomination_leaves_no_todo(self):
        nomination = self._nominate()
        self._recommend(nomination)
        self.assertTrue(self._todos(nomination))
        self._as(nomination, self.user_committee).action_reject("材料不实")
        self.assertEqual(nomination.state, "rejected")
        self.assertFalse(self._todos(nomination))


@tagged("post_install", "-at_install", "todo")
class TestAssessmentTodos(TodoMixin, AssessmentCase):
    def test_review_then_confirmation(self):
        assessment = self._assessments()[self.branch_1]
        self._score(assessment, {self.c1: (90, 90, 90), self.c2: (80, 80, 80)})
        self.assertFalse(self._todos(assessment), "a draft waits for its own side")
        assessment.with_user(self.user_secretary).action_self_assess()
        committee = self._group_users("cxzy_campaign.group_cxzy_committee", [OFFICE])
        self._assert_waits_for(assessment, "review", committee)
        self.assertNotIn(self.user_secretary, self._todos(assessment).user_id)
        assessment.with_user(self.user_committee).action_review()
        leading = self._group_users("cxzy_campaign.group_cxzy_leading", [OFFICE])
        self._assert_waits_for(assessment, "confirm", leading)
        # Sent back to review: the committee again, the leading group no more.
        assessment.with_user(self.user_leading).action_return()
        self._assert_waits_for(assessment, "review", committee)
        assessment.with_user(self.user_committee).action_review()
        assessment.with_user(self.user_leading).action_confirm()
        self.assertFalse(self._todos(assessment))

    def test_member_appraisal_review_by_the_branch(self):
        appraisal = self._appraisals()[self.member_member]
        self._score(appraisal, {self.m1: (90, 90, 90), self.m2: (80, 80, 80)})
        appraisal.with_user(self.user_member).action_self_assess()
        self._assert_waits_for(
            appraisal, "review", self.user_secretary | self.user_committee
        )
        appraisal.with_user(self.user_secretary).action_return()
        self.assertFalse(self._todos(appraisal))


@tagged("post_install", "-at_install", "todo")
class TestRoundTodos(TodoMixin, AppraisalCase):
    def test_a_round_in_preparation_waits_for_the_office(self):
        appraisal_round = self._round()
        office = self._group_users(OFFICE)
        self.assertIn(self.user_office, office)
        self._assert_waits_for(appraisal_round, "open", office)
        self.assertNotIn(self.user_office_b, self._todos(appraisal_round).user_id)
        appraisal_round.with_user(self.user_office).action_open()
        self.assertFalse(self._todos(appraisal_round))

    def test_creator_asked_too_follows_once(self):
        """The office creates a round that waits for the office: mail.thread
        makes the creator a follower, the to-do does not add them twice."""
        self.Round = self.Round.with_context(tracking_disable=False)
        appraisal_round = self._round()
        self.assertIn(self.user_office, self._todos(appraisal_round).user_id)
        followers = appraisal_round.message_follower_ids.filtered(
            lambda f: f.partner_id == self.user_office.partner_id
        )
        self.assertEqual(len(followers), 1)
