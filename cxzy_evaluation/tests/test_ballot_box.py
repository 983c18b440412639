# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The ballot box at scale: a vote touches its own rows only, whatever the
electorate; the sealed ballots are counted in batches; closing rewrites the
round's partitions and nothing else, and is retried until done; two voters of
one round, or a voter and the cleanup of another round, never wait for each
other (real concurrent transactions)."""

import re
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.api import call_kw
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.web.models.models import Base as WebBase

from ..models.cxzy_appraisal_tally import (
    BALLOT_TABLES,
    MIN_VOTERS,
    CxzyAppraisalTally,
    partition_name,
)
from .test_appraisal_round import GRADE_CYCLE, AppraisalCase

TABLES = [table for table, *_ in BALLOT_TABLES]


def _ballot_lines(appraisal_round):
    """The lines of the current user's complete ballot, graded in a cycle."""
    return [
        Command.create(dict(line, grade=GRADE_CYCLE[index % 4]))
        for index, line in enumerate(appraisal_round._my_ballot_template())
    ]


class BallotBoxCase(AppraisalCase):
    def _filenode(self, table, appraisal_round):
        self.env.cr.execute(
            "SELECT pg_relation_filenode(%s::regclass)",
            [partition_name(table, appraisal_round.id)],
        )
        return self.env.cr.fetchone()[0]

    def _xmin_of(self, table, appraisal_round):
        """{row id: xmin} of the round's rows of a table with ids."""
        self.env.cr.execute(
            f"SELECT id, xmin::text FROM {table} WHERE round_id = %s",
            [appraisal_round.id],
        )
        return dict(self.env.cr.fetchall())

    def _sealed(self, appraisal_round):
        self.env.cr.execute(
            "SELECT cardinality(marks) FROM cxzy_appraisal_sealed WHERE round_id = %s",
            [appraisal_round.id],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _assert_rewritten(self, appraisal_round):
        """The round's partitions as the cleanup leaves them: no sealed
        ballot; in each of the two others, one xmin for every row (the same
        in both), rows on disk in the order of their ids, and line pointers
        dense from the first page on (a dead row version would leave a
        hole), in a file no longer than those rows."""
        self.assertEqual(self._sealed(appraisal_round), [])
        xmins = set()
        for table in ("cxzy_appraisal_participation", "cxzy_appraisal_tally"):
            name = partition_name(table, appraisal_round.id)
            self.env.cr.execute(
                f"SELECT id, ctid::text AS place, xmin::text FROM {name} ORDER BY ctid"
            )
            rows = self.env.cr.fetchall()
            self.assertTrue(rows)
            ids = [row[0] for row in rows]
            self.assertEqual(ids, sorted(ids), table)
            xmins |= {row[2] for row in rows}
            pages = [tuple(map(int, re.findall(r"\d+", row[1]))) for row in rows]
            expected, page, item = [], 0, 0
            for this_page, _this_item in pages:
                if this_page != page:
                    page, item = this_page, 0
                    self.assertEqual(page, expected[-1][0] + 1, table)
                item += 1
                expected.append((page, item))
            self.assertEqual(pages, expected, table)
            self.env.cr.execute("SELECT pg_relation_size(%s::regclass)", [name])
            self.assertEqual(self.env.cr.fetchone()[0], (pages[-1][0] + 1) * 8192)
        self.assertEqual(len(xmins), 1)
        self.assertTrue(appraisal_round.storage_cleaned)

    def _cells(self, appraisal_round):
        return len(appraisal_round._subjects()) * len(appraisal_round.criterion_ids)


@tagged("post_install", "-at_install", "cxzy_secrecy")
class TestBallotBoxStorage(BallotBoxCase):
    def test_a_vote_touches_its_own_rows_only(self):
        appraisal_round = self._open_round()
        self.env.flush_all()
        tally = self._xmin_of("cxzy_appraisal_tally", appraisal_round)
        seats = self._xmin_of("cxzy_appraisal_participation", appraisal_round)
        with self.env.cr.savepoint():
            self._vote(appraisal_round, self.user_masses)
        # One sealed ballot, one grade per cell, no voter.
        self.assertEqual(self._sealed(appraisal_round), [self._cells(appraisal_round)])
        # The counters wait for the batch; one participation row changed.
        self.assertEqual(self._xmin_of("cxzy_appraisal_tally", appraisal_round), tally)
        after = self._xmin_of("cxzy_appraisal_participation", appraisal_round)
        changed = [row for row in after if after[row] != seats[row]]
        self.assertEqual(len(changed), 1)
        self.assertEqual(appraisal_round.voted_count, 1)

    def test_batches_wait_for_three_ballots_and_results_include_them(self):
        appraisal_round = self._open_round()
        for user in (self.user_member, self.user_other):
            self._vote(appraisal_round, user)
        self.Round._cron_ballot_boxes()
        self.assertEqual(len(self._sealed(appraisal_round)), 2)
        self._vote(appraisal_round, self.user_masses)
        # An open round's results add the sealed ballots to the counters.
        before = appraisal_round._results()
        self.assertEqual({value["count"] for value in before.values()}, {3})
        self.Round._cron_ballot_boxes()
        self.assertEqual(self._sealed(appraisal_round), [])
        self.assertEqual(appraisal_round._results(), before)
        # Accepted votes × cells = the tally's total.
        self.assertEqual(self._votes_cast(appraisal_round), 3 * 10)

    def test_cleanup_touches_its_round_only(self):
        closing = self._open_round()
        other = self._open_round()
        for user in (self.user_member, self.user_other, self.user_masses):
            self._vote(closing, user)
        self._vote(other, self.user_member)
        self.env.flush_all()
        before = (
            {table: self._filenode(table, other) for table in TABLES},
            self._xmin_of("cxzy_appraisal_participation", other),
        )
        closing_files = {table: self._filenode(table, closing) for table in TABLES}
        closing.with_user(self.user_office).action_close()
        # Closing counts the sealed ballots and triggers the cleanup.
        closing.invalidate_recordset()
        self.assertEqual(self._sealed(closing), [])
        self.assertEqual(len(closing.result_ids), 10)
        self.assertFalse(closing.storage_cleaned)
        cron = self.env.ref("cxzy_evaluation.ir_cron_ballot_boxes")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        self.assertNotIn(closing, self.Round._cron_ballot_boxes())
        closing.invalidate_recordset()
        self._assert_rewritten(closing)
        self.assertEqual(self._votes_cast(closing), 3 * 10)
        self.assertEqual(len(closing.result_ids), 10)
        for table in TABLES:
            self.assertNotEqual(self._filenode(table, closing), closing_files[table])
        # The other round: same files, same rows, its sealed ballot waiting.
        self.assertEqual(
            (
                {table: self._filenode(table, other) for table in TABLES},
                self._xmin_of("cxzy_appraisal_participation", other),
            ),
            before,
        )
        self.assertEqual(len(self._sealed(other)), 1)
        self.assertFalse(other.storage_cleaned)

    def test_a_failed_cleanup_is_retried_until_done(self):
        appraisal_round = self._open_round()
        for user in (self.user_member, self.user_other, self.user_masses):
            self._vote(appraisal_round, user)
        appraisal_round.with_user(self.user_office).action_close()
        cron = self.env.ref("cxzy_evaluation.ir_cron_ballot_boxes")
        Trigger = self.env["ir.cron.trigger"]
        Trigger.search([("cron_id", "=", cron.id)]).unlink()
        busy = psycopg2.errors.LockNotAvailable("canceling statement: lock timeout")
        with patch.object(CxzyAppraisalTally, "_clean_round_storage", side_effect=busy):
            self.assertIn(appraisal_round, self.Round._cron_ballot_boxes())
        self.assertFalse(appraisal_round.storage_cleaned)
        retry = Trigger.search([("cron_id", "=", cron.id)])
        self.assertEqual(len(retry), 1)
        self.assertGreaterEqual(
            retry.call_at, fields.Datetime.now() + timedelta(minutes=4)
        )
        self.assertEqual(len(appraisal_round.result_ids), 10)
        # The next run cleans it, and then leaves it alone.
        self.assertNotIn(appraisal_round, self.Round._cron_ballot_boxes())
        appraisal_round.invalidate_recordset()
        self._assert_rewritten(appraisal_round)
        files = {table: self._filenode(table, appraisal_round) for table in TABLES}
        self.Round._cron_ballot_boxes()
        self.assertEqual(
            {table: self._filenode(table, appraisal_round) for table in TABLES}, files
        )

    def test_nobody_sets_storage_cleaned(self):
        appraisal_round = self._open_round()
        appraisal_round.with_user(self.user_office).action_close()
        with self.assertRefused(UserError, "Storage Cleaned|存储已清理"):
            appraisal_round.with_user(self.user_office).write({"storage_cleaned": True})
        with self.assertRefused(UserError, "Storage Cleaned|存储已清理"):
            self._round(storage_cleaned=True)
        self.assertFalse(appraisal_round.storage_cleaned)


@tagged("post_install", "-at_install", "cxzy_performance")
class TestBallotBoxCost(BallotBoxCase):
    def test_a_vote_costs_the_same_for_10_and_200_voters(self):
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {"name": f"群众{index:03d}", "login": f"cxzy_masses_{index:03d}"}
                    for index in range(200)
                ]
            )
        )
        employees = self.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in users]
        )
        counts = []
        for size in (10, 200):
            voters = employees[:size]
            appraisal_round = self._open_round(voter_ids=[Command.set(voters.ids)])
            for voter in users[: MIN_VOTERS + 1]:
                self._vote(appraisal_round, voter)
            voter = users[size - 1]
            lines = self._lines(appraisal_round, user=voter)
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.cr.sql_log_count
            self.env["cxzy.appraisal.ballot"].with_user(voter).create(
                {"round_id": appraisal_round.id, "line_ids": lines}
            )
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(appraisal_round.voted_count, MIN_VOTERS + 2)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 12)


@tagged("post_install", "-at_install", "cxzy_concurrency")
class TestBallotBoxConcurrency(BaseCase):
    """Real transactions on connections of their own, as two Odoo workers
    have: the data are committed first and removed at the end."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            office = env.ref("cxzy_campaign.group_cxzy_office").users.filtered(
                lambda user: user.id != SUPERUSER_ID and not user.share
            )[:1]
            voters = env["hr.employee"].search(
                [("user_id.active", "=", True), ("user_id.share", "=", False)],
                limit=4,
                order="id",
            )
            organizations = env["cxzy.party.organization"].search([], limit=2)
            now = fields.Datetime.now()
            rounds = env["cxzy.appraisal.round"]
            for name in ("并发测试一", "并发测试二"):
                rounds |= rounds.with_user(office).create(
                    {
                        "name": name,
                        "subject_type": "organization",
                        "organization_ids": [Command.set(organizations.ids)],
                        "voter_ids": [Command.set(voters.ids)],
                        "date_open": now - timedelta(hours=1),
                        "date_close": now + timedelta(hours=1),
                        "min_voters": 3,
                    }
                )
            rounds.with_user(office).action_open()
            self.office_uid = office.id
            self.round_ids = rounds.ids
            self.voter_uids = voters.user_id.ids
        self.addCleanup(self._remove_rounds)

    def _remove_rounds(self):
        with self.registry.cursor() as cr:
            for table in TABLES:
                for round_id in self.round_ids:
                    cr.execute(
                        f'DROP TABLE IF EXISTS "{partition_name(table, round_id)}"'
                    )
            ids = tuple(self.round_ids)
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = "
                "'cxzy.appraisal.round' AND res_id IN %s",
                [ids],
            )
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'cxzy.appraisal.round' "
                "AND res_id IN %s",
                [ids],
            )
            cr.execute("DELETE FROM cxzy_appraisal_round WHERE id IN %s", [ids])

    def _env(self, cr, uid):
        return api.Environment(cr, uid, {})

    def _cast(self, cr, uid, round_id):
        """One vote of user ``uid`` in the round on cursor ``cr``, as the
        web client does it (ballot form's defaults, then save); a lock that
        is not granted at once fails instead of waiting."""
        cr.execute("SET LOCAL lock_timeout = '2s'")
        env = self._env(cr, uid)
        appraisal_round = env["cxzy.appraisal.round"].browse(round_id)
        env["cxzy.appraisal.ballot"].create(
            {"round_id": round_id, "line_ids": _ballot_lines(appraisal_round)}
        )

    def test_two_voters_of_one_round_at_once(self):
        round_id = self.round_ids[0]
        first, second = self.registry.cursor(), self.registry.cursor()
        try:
            self._cast(first, self.voter_uids[0], round_id)
            # The first vote is not committed: the second neither waits nor
            # fails, and both commit (no serialization failure).
            self._cast(second, self.voter_uids[1], round_id)
            first.commit()
            second.commit()
        finally:
            first.close()
            second.close()
        with self.registry.cursor() as cr:
            appraisal_round = self._env(cr, SUPERUSER_ID)[
                "cxzy.appraisal.round"
            ].browse(round_id)
            self.assertEqual(appraisal_round.voted_count, 2)
            cr.execute(
                "SELECT COUNT(*) FROM cxzy_appraisal_sealed WHERE round_id = %s",
                [round_id],
            )
            self.assertEqual(cr.fetchone()[0], 2)
        # The same voter twice at once: the second waits for the first's row
        # and is refused (here: its lock wait gives up), never counted.
        third, again = self.registry.cursor(), self.registry.cursor()
        try:
            self._cast(third, self.voter_uids[2], round_id)
            with (
                self.assertRaises(psycopg2.errors.LockNotAvailable),
                mute_logger("odoo.sql_db"),
            ):
                self._cast(again, self.voter_uids[2], round_id)
            again.rollback()
            third.commit()
        finally:
            third.close()
            again.close()

    def test_the_cleanup_of_a_round_does_not_block_another(self):
        closing, running = self.round_ids
        for uid in self.voter_uids[:3]:
            with self.registry.cursor() as voter_cr:
                self._cast(voter_cr, uid, closing)
        with self.registry.cursor() as cr:
            self._env(cr, self.office_uid)["cxzy.appraisal.round"].browse(
                closing
            ).action_close()
        cleanup, vote = self.registry.cursor(), self.registry.cursor()
        try:
            cleanup.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            self._env(cleanup, SUPERUSER_ID)[
                "cxzy.appraisal.tally"
            ]._clean_round_storage(closing)
            # The cleanup holds the closing round's partitions: a vote in
            # the running round goes through meanwhile.
            self._cast(vote, self.voter_uids[0], running)
            vote.commit()
            cleanup.commit()
        finally:
            cleanup.close()
            vote.close()
        with self.registry.cursor() as cr:
            Round = self._env(cr, SUPERUSER_ID)["cxzy.appraisal.round"]
            self.assertTrue(Round.browse(closing).storage_cleaned)
            self.assertEqual(Round.browse(running).voted_count, 1)
            cr.execute(
                """SELECT SUM(votes_excellent + votes_good + votes_fair
                              + votes_poor), COUNT(*)
                     FROM cxzy_appraisal_tally WHERE round_id = %s""",
                [closing],
            )
            total, cells = cr.fetchone()
            self.assertEqual(total, 3 * cells)


@tagged("post_install", "-at_install", "cxzy_performance")
class TestBallotFormFirstCall(BallotBoxCase):
    """The ballot form's first onchange is sent without Odoo's generic
    snapshots of every line, in the very form the generic one gives."""

    SPEC = {
        "round_id": {"fields": {"display_name": {}}},
        "instructions": {},
        "line_ids": {
            "fields": {
                "sequence": {},
                "subject_id": {},
                "criterion_id": {},
                "subject_name": {},
                "criterion_name": {},
                "criterion_description": {},
                "grade": {},
            }
        },
    }

    def test_first_call_is_the_generic_one(self):
        appraisal_round = self._open_round()
        appraisal_round.sudo().description = "按好、较好、一般、差评议。"
        context = appraisal_round.with_user(self.user_masses).action_vote()["context"]
        Ballot = (
            self.env["cxzy.appraisal.ballot"]
            .with_user(self.user_masses)
            .with_context(**context)
        )
        # as the web client calls it: a method of an empty recordset
        fast = call_kw(
            Ballot, "onchange", [[], {}, [], self.SPEC], {"context": context}
        )
        # Odoo's generic onchange (module web's), on the same ballot
        generic = WebBase.onchange(Ballot, {}, [], self.SPEC)
        self.assertEqual(fast, generic)
        lines = fast["value"]["line_ids"]
        self.assertEqual(
            len(lines),
            len(appraisal_round.with_user(self.user_masses)._my_ballot_template()),
        )
        self.assertTrue(lines and all(line[0] == Command.CREATE for line in lines))
        self.assertEqual(fast["value"]["round_id"]["id"], appraisal_round.id)
        # a later call (a grade changed) takes the generic way
        later = Ballot.onchange(
            {"line_ids": [lines[0][:2] + (dict(lines[0][2], grade="good"),)]},
            ["line_ids"],
            self.SPEC,
        )
        self.assertIsInstance(later, dict)

    def test_a_ballot_that_cannot_be_cast_is_not_shown(self):
        appraisal_round = self._open_round()
        context = appraisal_round.with_user(self.user_masses).action_vote()["context"]
        self._vote(appraisal_round, self.user_masses)
        Ballot = (
            self.env["cxzy.appraisal.ballot"]
            .with_user(self.user_masses)
            .with_context(**context)
        )
        with self.assertRaises(UserError):
            Ballot.onchange({}, [], self.SPEC)
