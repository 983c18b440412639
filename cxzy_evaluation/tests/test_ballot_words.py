# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import re

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .test_appraisal_round import AppraisalCase

#: the grades of the plan's appraisal, as the demo rounds' instructions say
PLAN_GRADES = ("好", "较好", "一般", "差")


def _po_translations(path):
    """{msgid: msgstr} of the single-line entries of a .po file."""
    with open(file_path(path), encoding="utf-8") as po:
        text = po.read()
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, re.MULTILINE))


@tagged("post_install", "-at_install", "i18n")
class TestBallotWords(AppraisalCase):
    """The ballot's choices are the words its instructions and the plan use:
    好、较好、一般、差 (good, fairly good, average, poor)."""

    def _labels(self):
        Line = self.env["cxzy.appraisal.ballot.line"]
        return [label for __, label in Line._fields["grade"].selection]

    def test_the_grades_are_the_words_of_the_instructions(self):
        labels = self._labels()
        self.assertEqual(labels, ["Good", "Fairly Good", "Average", "Poor"])
        # The form's instructions name the same grades, in the same order.
        arch = etree.fromstring(
            self.env["cxzy.appraisal.ballot"].get_view(view_type="form")["arch"]
        )
        instructions = " ".join(
            " ".join(arch.xpath("//div[hasclass('alert')]//text()")).split()
        )
        self.assertIn(
            "good, fairly good, average or poor",
            instructions,
        )
        self.assertEqual(
            ", ".join(labels[:-1]).lower() + " or " + labels[-1].lower(),
            "good, fairly good, average or poor",
        )
        # In Chinese, the words of the plan.
        zh = _po_translations("cxzy_evaluation/i18n/zh_CN.po")
        self.assertEqual(tuple(zh.get(label) for label in labels), PLAN_GRADES)
        # ... which the demo rounds' instructions give the voters.
        demo = self.env.ref(
            "cxzy_evaluation.demo_round_branches", raise_if_not_found=False
        )
        if demo:
            self.assertIn("、".join(PLAN_GRADES), demo.description)

    def test_the_results_use_the_same_words(self):
        Result = self.env["cxzy.appraisal.result"]
        self.assertEqual(
            [
                Result._fields[name].string
                for name in (
                    "votes_excellent",
                    "votes_good",
                    "votes_fair",
                    "votes_poor",
                )
            ],
            self._labels(),
        )

    def test_an_incomplete_ballot_is_refused_and_counts_nothing(self):
        """The server refuses an incomplete ballot whatever the browser did
        (which checks it before asking to confirm, see the vote tour)."""
        appraisal_round = self._open_round()
        lines = self._lines(appraisal_round, user=self.user_member)
        with self.assertRaisesRegex(UserError, "incomplete: 1 of its"):
            self.env["cxzy.appraisal.ballot"].with_user(self.user_member).create(
                {"round_id": appraisal_round.id, "line_ids": lines[1:]}
            )
        self.assertEqual(self._votes_cast(appraisal_round), 0)
        self.assertEqual(
            appraisal_round.with_user(self.user_member).my_status, "to_vote"
        )

    def test_my_home_counts_my_ballots_to_cast(self):
        appraisal_round = self._open_round()
        home = self.member_member.with_user(self.user_member)
        self.assertEqual(home.home_vote_count, 1)
        action = home.action_home_votes()
        self.assertEqual(
            self.env["cxzy.appraisal.round"]
            .with_user(self.user_member)
            .search(action["domain"]),
            appraisal_round,
        )
        self._vote(appraisal_round, self.user_member)
        home.invalidate_recordset(["home_vote_count"])
        self.assertEqual(home.home_vote_count, 0)
        # Another member's home says nothing of their ballots.
        theirs = self.member_secretary.with_user(self.user_member)
        self.assertEqual(theirs.home_vote_count, 0)
        with self.assertRaises(AccessError):
            theirs.action_home_votes()
