# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CxzyCase


class PledgeCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Transitions are tracked: these tests read the chatter.
        cls.env = cls.env(
            context={
                key: value
                for key, value in cls.env.context.items()
                if key != "tracking_disable"
            }
        )
        Campaign = cls.env["cxzy.campaign"]
        cls.campaign = Campaign.create(
            {
                "name": "承诺测试活动",
                "date_start": "2030-04-01",
                "date_end": "2031-06-30",
                "organization_ids": [(6, 0, (cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.campaign_2 = Campaign.create(
            {
                "name": "下一年度活动",
                "date_start": "2031-04-01",
                "date_end": "2032-06-30",
            }
        )
        # A committee member who leads no organisation, and the secretary of
        # the second branch.
        cls.user_committee_plain = new_test_user(
            cls.env,
            login="cxzy_t_committee_plain",
            groups="cxzy_campaign.group_cxzy_committee",
        )
        cls.user_secretary_2 = new_test_user(
            cls.env,
            login="cxzy_t_secretary_2",
            groups="cxzy_campaign.group_cxzy_secretary",
        )
        emp_secretary_2 = cls.env["hr.employee"].create(
            {"name": "吴书记", "user_id": cls.user_secretary_2.id}
        )
        cls.member_secretary_2 = cls.env["cxzy.party.member"].create(
            {"employee_id": emp_secretary_2.id, "organization_id": cls.branch_2.id}
        )
        cls.branch_2.secretary_id = cls.member_secretary_2
        cls.Pledge = cls.env["cxzy.pledge"]

    @classmethod
    def _member_pledge(cls, member=None, items=2, **vals):
        member = member or cls.member_member
        return cls.Pledge.create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "member",
                "member_id": member.id,
                "content": "<p>立足岗位作贡献</p>",
                "item_ids": [
                    (0, 0, {"content": f"承诺事项{i}", "due_date": "2030-12-31"})
                    for i in range(1, items + 1)
                ],
                **vals,
            }
        )

    @classmethod
    def _branch_pledge(cls, organization=None, items=2):
        return cls.Pledge.create(
            {
                "campaign_id": cls.campaign.id,
                "subject_type": "organization",
                "organization_id": (organization or cls.branch_1).id,
                "item_ids": [
                    (0, 0, {"content": f"支部承诺{i}"}) for i in range(1, items + 1)
                ],
            }
        )

    def _bring_to(self, pledge, state):
        """Move a pledge forward as the campaign office (the system)."""
        steps = ["draft", "submitted", "approved", "published", "assessed"]
        pledge = pledge.sudo()
        for step in steps[steps.index(pledge.state) + 1 : steps.index(state) + 1]:
            if step == "submitted":
                pledge.action_submit()
            elif step == "approved":
                pledge.action_approve()
            elif step == "published":
                pledge.action_publish()
            else:
                pledge.action_assess(rating="good")
        self.assertEqual(pledge.state, state)
        return pledge.sudo(False)

    def _snapshot(self, pledge):
        # Post the pending tracking messages first, as a commit would.
        self.env.cr.flush()
        pledge.invalidate_recordset()
        pledge.item_ids.invalidate_recordset()
        return (
            pledge.state,
            pledge.content,
            pledge.reject_reason,
            pledge.published_date,
            pledge.assessment_rating,
            pledge.assessed_by_id,
            len(pledge.message_ids),
            [(i.content, i.status, i.note) for i in pledge.item_ids],
        )

    def assertRefused(self, pledge, call, exception=UserError, message=None):
        """``call`` raises ``exception`` and leaves ``pledge`` as it was."""
        before = self._snapshot(pledge)
        with self.assertRaises(exception) as caught:
            call()
        if message:
            self.assertIn(message, str(caught.exception))
        self.assertEqual(self._snapshot(pledge), before)


@tagged("post_install", "-at_install")
class TestPledgeFlow(PledgeCase):
    def test_member_pledge_full_cycle(self):
        # The member writes their own pledge: they are the default owner.
        with Form(self.Pledge.with_user(self.user_member)) as form:
            form.campaign_id = self.campaign
            self.assertEqual(form.subject_type, "member")
            self.assertEqual(form.member_id, self.member_member)
            with form.item_ids.new() as item:
                item.content = "每月撰写一篇学习心得"
                item.due_date = fields.Date.to_date("2030-12-31")
            with form.item_ids.new() as item:
                item.content = "结对帮扶一户困难群众"
        pledge = form.record
        self.env.cr.precommit.run()  # the next steps are later requests
        self.assertEqual(pledge.name, "张党员 — 承诺测试活动")
        self.assertEqual(pledge.branch_id, self.branch_1)
        self.assertEqual(pledge.company_id, self.company)
        self.assertEqual(pledge.item_count, 2)

        pledge.with_user(self.user_member).action_submit()
        self.env.cr.precommit.run()
        self.assertEqual(pledge.state, "submitted")
        self.assertIn(
            self.user_member.name, pledge.message_ids.filtered("body")[0].body
        )
        self.assertEqual(
            pledge.message_ids.filtered("body")[0].author_id,
            self.user_member.partner_id,
        )

        pledge.with_user(self.user_secretary).action_approve()
        self.assertEqual(pledge.state, "approved")
        self.assertIn(
            self.user_secretary.name, pledge.message_ids.filtered("body")[0].body
        )
        self.env.cr.precommit.run()

        pledge.with_user(self.user_secretary).action_publish()
        self.env.cr.precommit.run()
        self.assertEqual(pledge.state, "published")
        self.assertEqual(pledge.published_date, fields.Date.context_today(pledge))

        # The owner reports the fulfilment of the items of the published pledge.
        first = pledge.item_ids[0]
        first.with_user(self.user_member).write(
            {"status": "fulfilled", "note": "已完成全年学习心得"}
        )
        self.assertEqual(first.status, "fulfilled")
        self.assertEqual(pledge.item_fulfilled_count, 1)

        pledge.with_user(self.user_secretary).action_assess(
            rating="excellent", comment="兑现承诺，群众认可"
        )
        self.assertEqual(pledge.state, "assessed")
        self.assertEqual(pledge.assessment_rating, "excellent")
        self.assertEqual(pledge.assessment_comment, "兑现承诺，群众认可")
        self.assertEqual(pledge.assessed_by_id, self.user_secretary)
        self.assertEqual(pledge.assessed_date, fields.Date.context_today(pledge))

        # Every step says once in the chatter who took it, from → to.
        self.env.cr.precommit.run()
        bodies = pledge.sudo().message_ids.mapped("body")
        for line in (
            f"Submit by {self.user_member.name}: Draft → Submitted.",
            f"Approve by {self.user_secretary.name}: Submitted → Approved.",
            f"Publish by {self.user_secretary.name}: Approved → Published.",
            f"Assess by {self.user_secretary.name}: Published → Assessed.",
        ):
            self.assertEqual(len([b for b in bodies if line in b]), 1, line)
        # The state is not tracked besides: one message per step.
        self.assertFalse(
            pledge.sudo().message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "state"
            )
        )

    def test_organization_pledge_full_cycle(self):
        pledge = self.Pledge.with_user(self.user_secretary).create(
            {
                "campaign_id": self.campaign.id,
                "subject_type": "organization",
                "organization_id": self.branch_1.id,
                "item_ids": [
                    (0, 0, {"content": "每月开展一次集中学习"}),
                    (0, 0, {"content": "设立党员示范岗两个"}),
                ],
            }
        )
        self.assertEqual(pledge.name, "综合处党支部 — 承诺测试活动")
        self.assertEqual(pledge.branch_id, self.branch_1)
        pledge.with_user(self.user_secretary).action_submit()
        self.assertEqual(pledge.state, "submitted")
        # The branch's own secretary does not approve the branch's pledge.
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_secretary).action_approve,
            message="your own record",
        )
        pledge.with_user(self.user_committee_plain).action_approve()
        self.assertEqual(pledge.state, "approved")
        pledge.with_user(self.user_office).action_publish()
        self.assertEqual(pledge.state, "published")
        self.assertIn(
            self.user_office.name, pledge.message_ids.filtered("body")[0].body
        )
        # The branch reports the fulfilment; the committee assesses.
        pledge.item_ids[1].with_user(self.user_secretary).status = "fulfilled"
        pledge.with_user(self.user_committee_plain).action_assess(rating="good")
        self.assertEqual(pledge.state, "assessed")
        self.assertEqual(pledge.assessed_by_id, self.user_committee_plain)

    def test_reject_with_reason_back_to_draft(self):
        pledge = self._member_pledge()
        # A pledge written for a member is followed by the member.
        self.assertIn(self.user_member.partner_id, pledge.message_partner_ids)
        pledge.with_user(self.user_member).action_submit()
        wizard_action = pledge.with_user(
            self.user_secretary
        ).action_open_reject_wizard()
        self.assertEqual(wizard_action["res_model"], "cxzy.pledge.reject")
        wizard = (
            self.env["cxzy.pledge.reject"]
            .with_user(self.user_secretary)
            .with_context(**wizard_action["context"])
            .create({"reason": "承诺事项不够具体，请补充完成时限"})
        )
        wizard.action_reject()
        self.assertEqual(pledge.state, "draft")
        self.assertEqual(pledge.reject_reason, "承诺事项不够具体，请补充完成时限")
        self.assertIn("承诺事项不够具体", pledge.message_ids.filtered("body")[0].body)
        self.assertIn(
            self.user_secretary.name, pledge.message_ids.filtered("body")[0].body
        )
        # The owner revises it and submits again: the reason is cleared.
        pledge.item_ids[0].with_user(self.user_member).due_date = "2030-06-30"
        pledge.with_user(self.user_member).action_submit()
        self.assertEqual(pledge.state, "submitted")
        self.assertFalse(pledge.reject_reason)

    def test_reject_needs_reason(self):
        pledge = self._bring_to(self._member_pledge(), "submitted")
        self.assertRefused(
            pledge, lambda: pledge.with_user(self.user_secretary).action_reject("  ")
        )

    def test_assess_through_wizard(self):
        pledge = self._bring_to(self._branch_pledge(), "published")
        action = pledge.with_user(self.user_committee).action_open_assess_wizard()
        wizard = (
            self.env["cxzy.pledge.assess"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"rating": "fair", "comment": "部分事项尚未兑现"})
        )
        wizard.action_assess()
        self.assertEqual(pledge.state, "assessed")
        self.assertEqual(pledge.assessment_rating, "fair")
        self.assertEqual(pledge.assessment_comment, "部分事项尚未兑现")


@tagged("post_install", "-at_install")
class TestPledgeRefusals(PledgeCase):
    def test_wrong_state_refused(self):
        pledge = self._member_pledge()
        secretary = pledge.with_user(self.user_secretary)
        self.assertRefused(
            pledge, secretary.action_approve, message="only when it is Submitted"
        )
        self.assertRefused(
            pledge, secretary.action_publish, message="only when it is Approved"
        )
        self.assertRefused(
            pledge,
            lambda: secretary.action_reject("不合格"),
            message="only when it is Submitted",
        )
        self._bring_to(pledge, "submitted")
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_member).action_submit,
            message="only when it is Draft",
        )
        self.assertRefused(pledge, secretary.action_publish)
        self._bring_to(pledge, "approved")
        self.assertRefused(pledge, secretary.action_approve)
        self.assertRefused(pledge, lambda: secretary.action_reject("迟了"))
        self._bring_to(pledge, "assessed")
        self.assertRefused(pledge, lambda: secretary.action_assess(rating="poor"))
        self.assertRefused(pledge, secretary.action_publish)

    def test_assess_unpublished_refused(self):
        pledge = self._member_pledge()
        secretary = pledge.with_user(self.user_secretary)
        for state in ("draft", "submitted", "approved"):
            self._bring_to(pledge, state)
            self.assertRefused(
                pledge,
                lambda: secretary.action_assess(rating="good"),
                message="only when it is Published",
            )
        # Published: a rating is required.
        self._bring_to(pledge, "published")
        self.assertRefused(pledge, secretary.action_assess, message="rating")
        self.assertRefused(pledge, lambda: secretary.action_assess(rating="superb"))

    def test_wrong_group_refused(self):
        pledge = self._member_pledge()
        # Only the owner's side submits: not a committee member who reads it.
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_committee_plain).action_submit,
            message="can be done only by the owner of the pledge",
        )
        self._bring_to(pledge, "submitted")
        # The owner does not approve their own pledge.
        self.assertRefused(
            pledge, pledge.with_user(self.user_member).action_approve, message="own"
        )
        # The leading group reads it but does not review member pledges; nor does
        # a committee member who leads no organisation above the member.
        for user in (self.user_leading, self.user_committee_plain):
            self.assertRefused(
                pledge,
                pledge.with_user(user).action_approve,
                message="can be done only by its reviewers: the secretaries",
            )
        # Another branch's secretary does not even see it.
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_secretary_2).action_approve,
            exception=AccessError,
        )
        # An organisation's pledge is reviewed by the committee, not a secretary.
        branch_pledge = self._bring_to(self._branch_pledge(self.branch_2), "submitted")
        self.assertRefused(
            branch_pledge,
            branch_pledge.with_user(self.user_secretary_2).action_approve,
            message="your own record",
        )
        self._bring_to(branch_pledge, "approved")
        self.assertRefused(
            branch_pledge,
            branch_pledge.with_user(self.user_secretary_2).action_publish,
        )
        self.assertRefused(
            branch_pledge,
            branch_pledge.with_user(self.user_leading).action_publish,
            message="committee",
        )
        self._bring_to(branch_pledge, "published")
        self.assertRefused(
            branch_pledge,
            lambda: branch_pledge.with_user(self.user_secretary_2).action_assess(
                rating="excellent"
            ),
        )

    def test_submit_and_publish_without_items_refused(self):
        pledge = self._member_pledge(items=0)
        self.assertRefused(
            pledge, pledge.with_user(self.user_member).action_submit, message="no items"
        )
        # The items of an approved pledge are frozen: its reviewer does not
        # remove them...
        pledge = self._bring_to(self._branch_pledge(), "approved")
        self.assertRefused(
            pledge,
            pledge.item_ids.with_user(self.user_committee).unlink,
            message="frozen",
        )
        # ...and should the system have, it is not published without items.
        pledge.item_ids.sudo().unlink()
        self.assertRefused(
            pledge,
            pledge.with_user(self.user_committee).action_publish,
            message="no items",
        )

    def test_one_pledge_per_owner_and_campaign(self):
        pledge = self._member_pledge()
        count = self.Pledge.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._member_pledge()
        self.assertIn("张党员 already has a pledge", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.Pledge.with_user(self.user_member).create(
                {"campaign_id": self.campaign.id, "member_id": self.member_member.id}
            )
        self._branch_pledge()
        with self.assertRaises(ValidationError):
            self._branch_pledge()
        # Twice in one batch.
        with self.assertRaises(ValidationError):
            self.Pledge.create(
                [
                    {"campaign_id": self.campaign.id, "member_id": m.id}
                    for m in (self.member_other, self.member_other)
                ]
            )
        # Moving another pledge onto the same owner is refused too.
        other = self._member_pledge(self.member_other)
        with self.assertRaises(ValidationError):
            other.write({"member_id": self.member_member.id})
        self.assertEqual(other.member_id, self.member_other)
        self.assertEqual(self.Pledge.search_count([]), count + 2)
        # Another campaign, or the same id as the other kind of owner, is fine.
        self._member_pledge(campaign_id=self.campaign_2.id)
        self.assertEqual(pledge.member_id, self.member_member)

    def test_one_pledge_per_owner_enforced_by_database(self):
        pledge = self._member_pledge()
        branch_pledge = self._branch_pledge()
        self.env.flush_all()
        for subject_type, column, owner in (
            ("member", "member_id", pledge.member_id),
            ("organization", "organization_id", branch_pledge.organization_id),
        ):
            with (
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(
                    f"""INSERT INTO cxzy_pledge
                        (campaign_id, subject_type, {column}, state, company_id)
                        VALUES (%s, %s, %s, 'draft', %s)""",
                    (self.campaign.id, subject_type, owner.id, self.company.id),
                )
        # A pledge of nobody, or of both, is refused as well.
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                """INSERT INTO cxzy_pledge
                    (campaign_id, subject_type, member_id, organization_id, state)
                    VALUES (%s, 'member', %s, %s, 'draft')""",
                (self.campaign_2.id, self.member_other.id, self.branch_2.id),
            )
        self.assertEqual(
            self.Pledge.search_count([("campaign_id", "=", self.campaign.id)]), 2
        )

    def test_template_campaign_refused(self):
        template = self.env.ref("cxzy_campaign.campaign_template_2010")
        with self.assertRaises(ValidationError):
            self._member_pledge(campaign_id=template.id)
        self.assertFalse(self.Pledge.search([("campaign_id", "=", template.id)]))

    def test_published_cannot_be_deleted(self):
        draft = self._member_pledge(self.member_other)
        draft.with_user(self.user_other).unlink()
        self.assertFalse(draft.exists())
        pledge = self._bring_to(self._member_pledge(), "published")
        for user in (self.user_office, self.user_secretary, self.user_member):
            self.assertRefused(
                pledge, pledge.with_user(user).unlink, message="cannot be deleted"
            )
        self._bring_to(pledge, "assessed")
        self.assertRefused(pledge, pledge.with_user(self.user_office).unlink)
        self.assertTrue(pledge.exists())

    def test_published_content_locked_but_fulfilment_open(self):
        pledge = self._bring_to(self._member_pledge(), "published")
        item = pledge.item_ids[0]
        member_pledge = pledge.with_user(self.user_member)
        self.assertRefused(
            pledge,
            lambda: member_pledge.write({"content": "<p>改了</p>"}),
            message="on record and no longer change",
        )
        self.assertRefused(
            pledge,
            lambda: pledge.with_user(self.user_secretary).write(
                {"content": "<p>改了</p>"}
            ),
        )
        self.assertRefused(
            pledge, lambda: item.with_user(self.user_member).write({"content": "改"})
        )
        self.assertRefused(
            pledge,
            lambda: member_pledge.write({"item_ids": [(0, 0, {"content": "新增"})]}),
        )
        self.assertRefused(pledge, item.with_user(self.user_member).unlink)
        # The states and dates only change through the buttons.
        self.assertRefused(pledge, lambda: member_pledge.write({"state": "draft"}))
        # The owner reports fulfilment, from the item or from the pledge form.
        member_pledge.write(
            {"item_ids": [(1, item.id, {"status": "in_progress", "note": "进行中"})]}
        )
        self.assertEqual(item.status, "in_progress")
        # Masses and other members read it but do not report for the owner.
        self.assertRefused(
            pledge,
            lambda: item.with_user(self.user_other).write({"status": "fulfilled"}),
            exception=AccessError,
        )

        # Not even the office changes what was published, nor removes items.
        office = pledge.with_user(self.user_office)
        self.assertRefused(pledge, lambda: office.write({"content": "<p>更正</p>"}))
        self.assertRefused(pledge, item.with_user(self.user_office).unlink)
        self.assertRefused(
            pledge,
            lambda: office.write({"item_ids": [(2, item.id)]}),
            message="on record",
        )
        # Once assessed the items are frozen for everyone.
        self._bring_to(pledge, "assessed")
        for user in (self.user_member, self.user_secretary, self.user_office):
            self.assertRefused(
                pledge,
                lambda user=user: item.with_user(user).write({"status": "fulfilled"}),
                message="assessed",
            )
        self.assertRefused(pledge, item.with_user(self.user_office).unlink)

    def test_submitted_content_locked_for_owner(self):
        pledge = self._bring_to(self._member_pledge(), "submitted")
        self.assertRefused(
            pledge,
            lambda: pledge.with_user(self.user_member).write({"content": "<p>x</p>"}),
            message="submitted for approval",
        )
        # Its reviewer may still correct it before approving.
        pledge.with_user(self.user_secretary).write({"content": "<p>修订</p>"})
        self.assertEqual(pledge.content, "<p>修订</p>")


@tagged("post_install", "-at_install")
class TestPledgeVisibility(PledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_draft = cls._member_pledge(cls.member_group)
        cls.member_submitted = cls._member_pledge()
        cls.member_submitted.sudo().action_submit()
        cls.branch_draft = cls._branch_pledge()
        cls.other_published = cls._member_pledge(cls.member_other)
        other = cls.other_published.sudo()
        other.action_submit()
        other.action_approve()
        other.action_publish()
        cls.test_pledges = (
            cls.member_draft
            | cls.member_submitted
            | cls.branch_draft
            | cls.other_published
        )

    def _seen(self, user):
        return self.Pledge.with_user(user).search([]).sudo() & self.test_pledges

    def test_masses_read_and_comment_published_only(self):
        user = self.user_masses
        self.assertEqual(self._seen(user), self.other_published)
        with self.assertRaises(AccessError):
            self.member_draft.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.member_submitted.item_ids.with_user(user).read(["content"])
        published = self.other_published.with_user(user)
        published.read(["name", "content", "item_ids", "state"])
        published.item_ids.read(["content", "status", "evidence_ids"])
        # 接受监督: they comment on it in the chatter.
        message = published.message_post(
            body="希望早日兑现第二项承诺", message_type="comment"
        )
        self.assertEqual(message.author_id, user.partner_id)
        self.assertIn(message, self.other_published.message_ids)
        # They cannot comment on a draft, nor change the published pledge.
        with self.assertRaises(AccessError):
            self.member_draft.with_user(user).message_post(
                body="看看", message_type="comment"
            )
        with self.assertRaises(AccessError):
            published.write({"content": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.Pledge.with_user(user).create(
                {"campaign_id": self.campaign.id, "member_id": self.member_member.id}
            )

    def test_evidence_readable_with_the_pledge(self):
        item = self.other_published.item_ids[0]
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.user_other)
            .create(
                {
                    "name": "走访记录.txt",
                    "raw": b"2030-05-01 visit",
                    "res_model": "cxzy.pledge.item",
                    "res_id": 0,
                }
            )
        )
        with self.assertRaises(AccessError):
            evidence.with_user(self.user_masses).read(["name"])
        item.with_user(self.user_other).write({"evidence_ids": [(4, evidence.id)]})
        self.assertEqual((evidence.res_model, evidence.res_id), (item._name, item.id))
        # Whoever supervises the pledge sees its evidence.
        evidence.with_user(self.user_masses).read(["name", "datas"])
        self.assertEqual(item.with_user(self.user_masses).evidence_ids, evidence)

    def test_member_sees_own_and_published(self):
        self.assertEqual(
            self._seen(self.user_member), self.member_submitted | self.other_published
        )
        # Another branch's member does not see the submitted pledge.
        self.assertEqual(self._seen(self.user_other), self.other_published)
        with self.assertRaises(AccessError):
            self.member_submitted.with_user(self.user_other).read(["name"])

    def test_member_creates_only_own_pledge(self):
        Pledge = self.Pledge.with_user(self.user_other)
        with self.assertRaises(AccessError):
            Pledge.create(
                {"campaign_id": self.campaign_2.id, "member_id": self.member_member.id}
            )
        with self.assertRaises(AccessError):
            Pledge.create(
                {
                    "campaign_id": self.campaign_2.id,
                    "subject_type": "organization",
                    "organization_id": self.branch_2.id,
                }
            )
        own = Pledge.create(
            {"campaign_id": self.campaign_2.id, "member_id": self.member_other.id}
        )
        self.assertEqual(own.sudo().member_id, self.member_other)

    def test_secretary_sees_and_manages_branch(self):
        # Their branch's pledges (the Party group's member included), and the
        # published ones.
        self.assertEqual(self._seen(self.user_secretary), self.test_pledges)
        self.assertEqual(self._seen(self.user_secretary_2), self.other_published)
        with self.assertRaises(AccessError):
            self.member_draft.with_user(self.user_secretary_2).read(["name"])
        # They write the pledges of their branch's members and of the branch.
        Pledge = self.Pledge.with_user(self.user_secretary)
        created = Pledge.create(
            {"campaign_id": self.campaign_2.id, "member_id": self.member_member.id}
        )
        self.assertEqual(created.sudo().branch_id, self.branch_1)
        Pledge.create(
            {
                "campaign_id": self.campaign_2.id,
                "subject_type": "organization",
                "organization_id": self.group_1.id,
            }
        )
        with self.assertRaises(AccessError):
            Pledge.create(
                {
                    "campaign_id": self.campaign_2.id,
                    "subject_type": "organization",
                    "organization_id": self.branch_2.id,
                }
            )

    def test_committee_and_leading_read_all(self):
        for user in (self.user_committee_plain, self.user_leading):
            self.assertEqual(self._seen(user), self.test_pledges)
            self.member_draft.with_user(user).item_ids.read(["content"])
            with self.assertRaises(AccessError):
                self.member_draft.with_user(user).write({"content": "<p>x</p>"})
        self.assertEqual(self._seen(self.user_office), self.test_pledges)
        # Another company's office sees none of them.
        self.assertFalse(self._seen(self.user_office_b))

    def test_menus(self):
        Menu = self.env["ir.ui.menu"]
        root = self.env.ref("cxzy_campaign.menu_cxzy_root")
        board = self.env.ref("cxzy_campaign.menu_cxzy_pledge_board")
        pledges = self.env.ref("cxzy_campaign.menu_cxzy_pledge")
        app_menus = Menu.search([("id", "child_of", root.id)])
        # The masses open the app and find the publicity board there, with the
        # Pledge Board in it, and nothing else of the campaign.
        publicity = self.env.ref("cxzy_campaign.menu_cxzy_publicity")
        visible = Menu.browse(Menu.with_user(self.user_masses)._visible_menu_ids())
        self.assertIn(board, visible)
        self.assertEqual(
            visible & app_menus,
            root | publicity | (visible & publicity.child_id),
        )
        member_visible = Menu.with_user(self.user_member)._visible_menu_ids()
        self.assertIn(board.id, member_visible)
        self.assertIn(pledges.id, member_visible)
        self.assertIn(
            self.env.ref("cxzy_campaign.menu_cxzy_party_member").id, member_visible
        )
