# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .test_campaign_document import DocumentCase


class TodoCase(DocumentCase):
    """The to-dos of the waiting steps, on the document case's campaign (two
    branches: the first with its secretary, the second with its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Steps are tracked here: the chatter is read.
        cls.env = cls.env(
            context={
                key: value
                for key, value in cls.env.context.items()
                if key != "tracking_disable"
            }
        )
        cls.todo_type = cls.env.ref("cxzy_campaign.mail_activity_type_cxzy_todo")
        cls.user_committee_plain = new_test_user(
            cls.env,
            login="cxzy_t_todo_committee",
            groups="cxzy_campaign.group_cxzy_committee",
        )
        cls.office_users = (
            cls.env.ref("cxzy_campaign.group_cxzy_office")
            .users.filtered(lambda u: cls.company in u.company_ids)
            .filtered("active")
        )

    def _todos(self, records):
        # new records get their to-dos before the commit
        self.env.cr.precommit.run()
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.todo_type.id),
            ]
        )

    def _may(self, record, step, users):
        """The users among ``users`` who may take ``step`` on ``record``."""
        step = record._cxzy_step(step)
        return users.filtered(lambda u: not record.with_user(u)._cxzy_refusal(step))

    def _member_pledge(self, member=None):
        member = member or self.member_member
        return self.env["cxzy.pledge"].create(
            {
                "campaign_id": self.campaign.id,
                "subject_type": "member",
                "member_id": member.id,
                "content": "<p>立足岗位作贡献</p>",
                "item_ids": [(0, 0, {"content": "承诺事项", "due_date": "2030-12-31"})],
            }
        )


@tagged("post_install", "-at_install", "todo")
class TestWaitingTodos(TodoCase):
    def test_pledge_review_todo_for_the_branch_and_gone_when_taken(self):
        pledge = self._member_pledge()
        self.assertFalse(self._todos(pledge), "a draft waits for nobody")
        pledge.with_user(self.user_member).action_submit()
        todos = self._todos(pledge)
        # The managers of branch 1 (its secretary, and the committee's
        # secretary above it), once each; nobody else.
        self.assertEqual(todos.user_id, self.user_secretary | self.user_committee)
        self.assertEqual(len(todos), 2)
        self.assertEqual(set(todos.mapped("cxzy_step")), {"approve"})
        everyone = (
            self.user_secretary
            | self.user_secretary_2
            | self.user_member
            | self.user_other
            | self.user_committee
            | self.user_committee_plain
            | self.user_leading
            | self.user_masses
        )
        self.assertEqual(
            todos.user_id, self._may(pledge, "approve", everyone), "exactly who may"
        )
        for outsider in (self.user_secretary_2, self.user_member, self.user_office):
            self.assertNotIn(outsider, todos.user_id)
        # Rejected: the wait is over, the to-dos go.
        pledge.with_user(self.user_secretary).action_reject("请细化承诺事项")
        self.assertEqual(pledge.state, "draft")
        self.assertFalse(self._todos(pledge))
        # Submitted again, then approved: one to-do each again, then none.
        pledge.with_user(self.user_member).action_submit()
        self.assertEqual(len(self._todos(pledge)), 2)
        self.assertEqual(set(self._todos(pledge).mapped("summary")), {"Approve"})
        pledge.with_user(self.user_secretary).action_approve()
        self.assertFalse(self._todos(pledge))

    def test_organisation_pledge_waits_for_the_committee(self):
        pledge = self.env["cxzy.pledge"].create(
            {
                "campaign_id": self.campaign.id,
                "subject_type": "organization",
                "organization_id": self.branch_2.id,
                "item_ids": [(0, 0, {"content": "每月集中学习"})],
            }
        )
        pledge.with_user(self.user_secretary_2).action_submit()
        users = self._todos(pledge).user_id
        self.assertIn(self.user_committee, users)
        self.assertIn(self.user_committee_plain, users)
        self.assertNotIn(self.user_secretary_2, users, "never the owner")
        self.assertNotIn(self.user_secretary, users)
        self.assertNotIn(self.user_office, users, "the office only as a fallback")
        self.assertEqual(users, self._may(pledge, "approve", users))

    def test_nobody_else_may_take_it_then_the_office(self):
        # Branch 2 without secretaries, and nobody above it with a user.
        self.branch_2.secretary_id = False
        self.committee.secretary_id = False
        pledge = self._member_pledge(self.member_other)
        pledge.with_user(self.user_office).action_submit()
        todos = self._todos(pledge)
        self.assertIn(self.user_office, todos.user_id)
        self.assertEqual(todos.user_id, self.office_users)
        self.assertNotIn(self.user_office_b, todos.user_id, "another agency's office")

    def test_party_spirit_report_review(self):
        report = self.env["cxzy.party.spirit.report"].create(
            {
                "member_id": self.member_member.id,
                "campaign_id": self.campaign.id,
                "content": "<p>对照五个模范查找差距。</p>",
            }
        )
        report.with_user(self.user_member).action_submit()
        todos = self._todos(report)
        self.assertEqual(todos.user_id, self.user_secretary | self.user_committee)
        self.assertNotIn(self.user_member, todos.user_id)
        report.with_user(self.user_secretary).action_return("请补充整改措施")
        self.assertFalse(self._todos(report), "returned: no longer waiting")
        report.with_user(self.user_member).action_submit()
        report.with_user(self.user_committee).action_review("剖析深刻")
        self.assertFalse(self._todos(report))

    def test_duty_report_rating_waits_for_the_committee(self):
        duty = self.env["cxzy.duty.report"].create(
            {
                "organization_id": self.branch_1.id,
                "campaign_id": self.campaign.id,
                "report": "<p>履行一岗双责情况。</p>",
            }
        )
        duty.with_user(self.user_secretary).action_submit()
        users = self._todos(duty).user_id
        self.assertIn(self.user_committee_plain, users)
        self.assertNotIn(self.user_secretary, users)
        self.assertNotIn(self.user_office, users)
        self.assertEqual(users, self._may(duty, "rate", users))
        duty.with_user(self.user_committee_plain).action_rate("good", "认真履职")
        self.assertFalse(self._todos(duty))

    def test_update_gives_waiting_records_their_todos(self):
        """Records that waited before the to-dos existed get them when the
        module is updated (the data file calls the sync of every model)."""
        pledge = self._member_pledge()
        pledge.with_user(self.user_member).action_submit()
        self._todos(pledge).unlink()
        self.env["cxzy.pledge"]._cxzy_sync_waiting_todos()
        self.assertEqual(
            self._todos(pledge).user_id, self.user_secretary | self.user_committee
        )
        self.env["cxzy.pledge"]._cxzy_sync_waiting_todos()
        self.assertEqual(len(self._todos(pledge)), 2, "never twice")

    def test_sync_query_budget_does_not_grow_with_records(self):
        """The to-dos of a batch: the same queries for one record or six."""
        employees = self.env["hr.employee"].create(
            [{"name": f"批量党员{i}"} for i in range(5)]
        )
        members = self.env["cxzy.party.member"].create(
            [
                {"employee_id": employee.id, "organization_id": self.branch_1.id}
                for employee in employees
            ]
        )
        pledges = self.env["cxzy.pledge"]
        for member in members:
            pledges |= self._member_pledge(member)
        pledges._cxzy_do("submit")
        self.assertTrue(self._todos(pledges))

        def count(records):
            self._todos(records).unlink()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records._cxzy_sync_todos()
            return self.env.cr.sql_log_count - before

        one = count(pledges[:1])
        self.assertEqual(count(pledges), one)
        self.assertEqual(len(self._todos(pledges)), 2 * len(pledges))
        self.assertEqual(len(self._todos(pledges[:1])), 2)


@tagged("post_install", "-at_install", "todo")
class TestAssignmentReminders(TodoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.action_start()
        cls.study = cls.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == cls.branch_1 and a.task_id.name == "组织学习"
        )
        cls.study_2 = cls.campaign.assignment_ids.filtered(
            lambda a: (
                a.organization_id == cls.branch_2 and a.task_id == cls.study.task_id
            )
        )

    def _reminders(self, assignment):
        return self.env["mail.activity"].search(
            [("res_model", "=", assignment._name), ("res_id", "=", assignment.id)]
        )

    def test_branch_without_secretary_user_reminds_the_office(self):
        self.branch_2.secretary_id = False
        with freeze_time(self.study.deadline + timedelta(days=2)):
            self.env["cxzy.campaign.assignment"]._cron_remind()
            self.assertEqual(self._reminders(self.study).user_id, self.user_secretary)
            reminders = self._reminders(self.study_2)
            self.assertEqual(reminders.user_id, self.office_users)
            self.assertNotIn(self.user_office_b, reminders.user_id)

    def test_demo_overdue_assignments_get_reminders(self):
        overdue = (
            self.env["cxzy.campaign.assignment"]
            .search([("is_overdue", "=", True), ("campaign_id.state", "=", "running")])
            .filtered(lambda a: a.deadline >= fields.Date.today() - timedelta(days=60))
        )
        self.env["cxzy.campaign.assignment"]._cron_remind()
        for assignment in overdue:
            self.assertTrue(
                self._reminders(assignment).filtered(
                    lambda a: (
                        a.activity_type_id
                        == self.env.ref(
                            "cxzy_campaign.mail_activity_type_assignment_overdue"
                        )
                    )
                ),
                f"{assignment.display_name} of {assignment.organization_id.name}",
            )

    def test_urge_overdue_work(self):
        with freeze_time(self.study.deadline + timedelta(days=2)):
            study = self.study.with_user(self.user_office)
            self.assertTrue(study.can_urge)
            for user in (self.user_member, self.user_secretary, self.user_masses):
                self.assertFalse(self.study.with_user(user).can_urge)
                with self.assertRaises(UserError):
                    self.study.with_user(user).action_urge()
            before = self.study.message_ids
            self.study.with_user(self.user_committee_plain).action_urge()
            message = self.study.message_ids - before
            self.assertEqual(len(message), 1)
            self.assertEqual(message.partner_ids, self.user_secretary.partner_id)
            self.assertEqual(message.author_id, self.user_committee_plain.partner_id)
            self.assertIn("组织学习", message.body)
            urged = self._reminders(self.study).filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("cxzy_campaign.mail_activity_type_assignment_urge")
                )
            )
            self.assertEqual(urged.user_id, self.user_secretary)
            # A branch without a secretary with a user: the office is told.
            self.branch_2.secretary_id = False
            self.study_2.with_user(self.user_office).action_urge()
            self.assertEqual(
                (self.study_2.message_ids[:1]).partner_ids,
                self.office_users.partner_id,
            )
            self.study.with_user(self.user_secretary).action_done()
            self.assertFalse(self._reminders(self.study))
        # Work not overdue is not urged.
        with freeze_time(self.study.deadline - timedelta(days=10)):
            with self.assertRaises(UserError):
                self.study_2.with_user(self.user_office).action_urge()


@tagged("post_install", "-at_install", "todo")
class TestChatterOneMessage(TodoCase):
    def test_one_message_per_step_with_its_tracked_changes(self):
        self.campaign.action_start()
        study = self.campaign.assignment_ids.filtered(
            lambda a: (
                a.organization_id == self.branch_1 and a.task_id.name == "组织学习"
            )
        ).with_env(self.env)
        self.env.cr.precommit.run()
        before = study.message_ids
        new_deadline = study.deadline + timedelta(days=7)
        # The office moves the deadline and the secretary starts the work in
        # the same transaction: one message, the step's, with the change.
        study.with_user(self.user_office).write({"deadline": new_deadline})
        study.with_user(self.user_secretary).action_start()
        self.env.cr.precommit.run()
        messages = study.message_ids - before
        self.assertEqual(len(messages), 1)
        self.assertIn("Start", messages.body)
        self.assertEqual(messages.author_id, self.user_secretary.partner_id)
        self.assertEqual(
            messages.tracking_value_ids.field_id.name, "deadline", "the change is kept"
        )
        # A step alone: one message.
        before = study.message_ids
        study.with_user(self.user_secretary).action_done()
        self.env.cr.precommit.run()
        self.assertEqual(len(study.message_ids - before), 1)

    def test_creation_message_in_one_language(self):
        Org = self.env["cxzy.party.organization"]
        zh = Org.with_context(lang="zh_CN").create(
            {"name": "测试支部", "kind": "branch"}
        )
        body = zh.message_ids[-1:].body
        expected = self.env(context={"lang": "zh_CN"})._(
            "Created by %(user)s.", user=self.env.user.name
        )
        self.assertIn(expected, body)
        self.assertNotIn("Party Organisation", body, "no English model name")
        # Without a language in the context: the user's, for every word.
        no_lang = Org.with_context(lang=None).create(
            {"name": "测试支部二", "kind": "branch"}
        )
        lang = self.env.user.lang
        self.assertIn(
            self.env(context={"lang": lang})._(
                "Created by %(user)s.", user=self.env.user.name
            ),
            no_lang.message_ids[-1:].body,
        )


@tagged("post_install", "-at_install", "todo")
class TestChineseDates(TodoCase):
    def test_date_text(self):
        Post = self.env["cxzy.demonstration.post"]
        self.assertEqual(
            Post.with_context(lang="zh_CN")._cxzy_date_text(date(2010, 4, 1)),
            "2010年4月1日",
        )
        self.assertEqual(
            Post.with_context(lang="en_US")._cxzy_date_text(date(2010, 4, 1)),
            "04/01/2010",
        )
        self.assertEqual(Post._cxzy_date_text(False), "")

    def test_demonstration_post_card_in_chinese_dates(self):
        post = self.env["cxzy.demonstration.post"].search(
            [("term_start", "!=", False), ("term_end", "!=", False)], limit=1
        )
        self.assertTrue(post, "the demo has demonstration posts")
        html, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(
                "cxzy_campaign.action_report_cxzy_demonstration_post", post.ids
            )
        )
        html = html.decode()
        start = post.term_start
        self.assertIn(f"{start.year}年{start.month}月{start.day}日", html)
        self.assertNotIn(start.strftime("%m/%d/%Y"), html)
