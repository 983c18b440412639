# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from datetime import timedelta

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user, tagged

from .test_nomination import TODAY, NominationCase

#: What the publicity board shows of a nomination, and nothing more.
PUBLIC_FIELDS = {
    "nominee_name",
    "subject_type",
    "award_name",
    "branch_name",
    "campaign_name",
    "deeds",
    "publicity_start",
    "publicity_end",
    "anonymous_allowed",
    "company_id",
    "can_object",
}


class PublicityCase(NominationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Board = cls.env["cxzy.publicity.nomination"]
        cls.Objection = cls.env["cxzy.nomination.objection"]
        cls.users = {
            "masses": cls.user_masses,
            "member": cls.user_member,
            "secretary": cls.user_secretary,
            "committee": cls.user_committee,
            "leading": cls.user_leading,
            "office": cls.user_office,
        }

    def setUp(self):
        super().setUp()
        self.public = self._to(self._nominate(), "publicity")
        self.studied = self._to(self._nominate(self.member_other), "studied")

    def _lodge(
        self,
        user,
        content="该同志所在处室反映其考勤不够严格，请核实。",
        anonymous=False,
        nomination=None,
    ):
        """Lodge through the form, as the web client does."""
        nomination = nomination or self.public
        wizard = (
            self.env["cxzy.nomination.objection.lodge"]
            .with_user(user)
            .create(
                {
                    "publicity_id": nomination.id,
                    "content": content,
                    "anonymous": anonymous,
                }
            )
        )
        return wizard.action_lodge()

    def _objections(self, nomination=None):
        return self.Objection.sudo().search(
            [("nomination_id", "=", (nomination or self.public).id)]
        )


@tagged("post_install", "-at_install")
class TestPublicityBoard(PublicityCase):
    def test_every_role_reads_the_nomination_under_publicity(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                Board = self.Board.with_user(user)
                seen = Board.search([("id", "in", (self.public | self.studied).ids)])
                # The nomination under publicity, not the one still studied.
                self.assertEqual(seen.ids, self.public.ids)
                [card] = seen.read(
                    [
                        "nominee_name",
                        "award_name",
                        "branch_name",
                        "deeds",
                        "publicity_start",
                        "publicity_end",
                        "can_object",
                    ]
                )
                self.assertEqual(card["nominee_name"], "张党员")
                self.assertEqual(card["award_name"], "优秀共产党员")
                self.assertEqual(card["branch_name"], "综合处党支部")
                self.assertIn("带头完成重点调研课题", card["deeds"])
                self.assertEqual(card["publicity_start"], TODAY)
                self.assertEqual(card["publicity_end"], TODAY + timedelta(days=6))
                self.assertTrue(card["can_object"])
                # Searchable by nominee, award or branch.
                for field, text in (
                    ("nominee_name", "张党"),
                    ("award_name", "优秀"),
                    ("branch_name", "综合处"),
                ):
                    self.assertEqual(
                        Board.search([(field, "ilike", text), ("id", "=", seen.id)]),
                        seen,
                    )

    def test_decided_nominations_leave_the_board(self):
        self._decide(self.public)
        self.assertFalse(
            self.Board.with_user(self.user_masses).search([("id", "=", self.public.id)])
        )

    def test_another_company_sees_none(self):
        self.assertFalse(
            self.Board.with_user(self.user_office_b).search(
                [("id", "=", self.public.id)]
            )
        )

    def test_no_dossier_nor_grade_reachable(self):
        """The masses and members read the board, never the nomination behind
        it, its dossier of grades or its votes."""
        base = set(self.env["base"]._fields) | {"id", "display_name"}
        self.assertEqual(set(self.Board._fields) - base, PUBLIC_FIELDS)
        hidden = (
            (
                set(self.env["cxzy.nomination.dossier"]._fields)
                | {"votes_favour", "voters_present", "study_opinion", "objection_ids"}
            )
            - base
            - PUBLIC_FIELDS
        )
        self.assertIn("dossier_grade", hidden)
        for user in (self.user_masses, self.user_member):
            Board = self.Board.with_user(user)
            for name in sorted(hidden):
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(ValueError):
                        Board.browse(self.public.id).read([name])
                    with self.assertRaises(ValueError):
                        Board.search_read([("id", "=", self.public.id)], [name])
            with self.assertRaises(AccessError):
                self.Nomination.with_user(user).browse(self.public.id).read(["name"])
        # The board is read-only for everyone.
        for role, user in self.users.items():
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.Board.with_user(user).browse(self.public.id).write(
                    {"nominee_name": "改过的"}
                )

    def test_the_masses_find_the_nominations_on_the_board(self):
        Menu = self.env["ir.ui.menu"]
        menu = self.env.ref("cxzy_evaluation.menu_cxzy_publicity_nomination")
        self.assertEqual(
            menu.parent_id, self.env.ref("cxzy_campaign.menu_cxzy_publicity")
        )
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.assertIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        objections = self.env.ref("cxzy_evaluation.menu_cxzy_nomination_objection")
        for user in (self.user_masses, self.user_member, self.user_secretary):
            self.assertNotIn(objections.id, Menu.with_user(user)._visible_menu_ids())
        for user in (self.user_committee, self.user_leading):
            self.assertIn(objections.id, Menu.with_user(user)._visible_menu_ids())


@tagged("post_install", "-at_install")
class TestNominationObjection(PublicityCase):
    def test_anyone_lodges_a_named_objection(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                before = self._objections()
                self._lodge(user, f"{role}的意见：请核实其调研报告的署名情况。")
                objection = self._objections() - before
                self.assertEqual(len(objection), 1)
                self.assertEqual(objection.author_id, user)
                self.assertFalse(objection.anonymous)
                self.assertEqual(objection.state, "open")
                self.assertEqual(objection.lodged_date, TODAY)
                self.assertIn("调研报告的署名", objection.content)
        # The form's rows, tying authors to texts, are gone.
        self.assertFalse(self.env["cxzy.nomination.objection.lodge"].sudo().search([]))

    def test_anonymous_objection_stores_no_author(self):
        self._lodge(
            self.user_masses, "匿名反映：该同志曾违规报销差旅费。", anonymous=True
        )
        objection = self._objections()
        self.assertEqual(len(objection), 1)
        self.assertTrue(objection.anonymous)
        self.assertFalse(objection.author_id)
        # Neither the record's own columns name the author.
        self.assertEqual(objection.create_uid.id, SUPERUSER_ID)
        self.assertEqual(objection.write_uid.id, SUPERUSER_ID)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT create_uid, write_uid, author_id FROM cxzy_nomination_objection "
            "WHERE id = %s",
            [objection.id],
        )
        self.assertEqual(self.env.cr.fetchone(), (SUPERUSER_ID, SUPERUSER_ID, None))
        self.assertNotIn(
            self.user_masses.partner_id,
            self.public.sudo().message_ids.author_id,
        )

    def test_anonymous_refused_where_the_award_forbids_it(self):
        self.award_member.objection_anonymous = False
        with self.assertRaisesRegex(UserError, "with your name"):
            self._lodge(self.user_masses, "匿名反映。", anonymous=True)
        self.assertFalse(self._objections())
        # Named, it is lodged.
        self._lodge(self.user_masses, "实名反映。")
        self.assertEqual(self._objections().author_id, self.user_masses)

    def test_refused_outside_the_publicity(self):
        # Not under publicity: not on the board, nothing to object to.
        with self.assertRaises(MissingError):
            self._lodge(self.user_masses, nomination=self.studied)
        self.assertFalse(self._objections(self.studied))
        # Not before the publicity starts…
        later = self._to(self._nominate(self.member_extra), "studied")
        self._publicise(later, TODAY + timedelta(days=2), TODAY + timedelta(days=8))
        self.assertFalse(self.Board.browse(later.id).can_object)
        with self.assertRaisesRegex(UserError, "not under publicity today"):
            self._lodge(self.user_masses, nomination=later)
        # …nor once it is over…
        self._let_publicity_pass(self.public)
        with self.assertRaisesRegex(UserError, "not under publicity today"):
            self._lodge(self.user_member)
        # …nor on another company's board.
        self.assertFalse(self._objections() | self._objections(later))

    def test_refused_from_another_company(self):
        with self.assertRaises(AccessError):
            self._lodge(self.user_office_b)
        self.assertFalse(self._objections())

    def test_empty_or_oversized_refused(self):
        with self.assertRaisesRegex(UserError, "Write down"):
            self.Objection.with_user(self.user_masses)._cxzy_lodge(
                self.Board.with_user(self.user_masses).browse(self.public.id), "   "
            )
        with self.assertRaisesRegex(UserError, "at most"):
            self._lodge(self.user_masses, "很" * 4001)
        self.assertFalse(self._objections())

    def test_nobody_writes_objections_through_the_orm(self):
        """Hostile callers: no role creates, forges or rewrites an objection
        but through the lodging and the check."""
        self._lodge(self.user_masses)
        objection = self._objections()
        count = self.Objection.sudo().search_count([])
        for role, user in self.users.items():
            Objection = self.Objection.with_user(user)
            with self.subTest(role=role):
                # Forged: refused by the engine (UserError; AccessError is one).
                with self.assertRaises(UserError):
                    Objection.create(
                        {
                            "nomination_id": self.public.id,
                            "content": "伪造",
                            "state": "handled",
                            "author_id": self.user_leading.id,
                        }
                    )
                with self.assertRaises(UserError):
                    objection.with_user(user).write(
                        {"state": "handled", "outcome": "unfounded"}
                    )
                with self.assertRaises(UserError):
                    objection.with_user(user).write({"content": "改过的"})
                # Plain: no role creates, writes or deletes one at all.
                with self.assertRaises(AccessError):
                    Objection.create(
                        {"nomination_id": self.public.id, "content": "直接写入"}
                    )
                with self.assertRaises(AccessError):
                    objection.with_user(user).write({"lodged_date": "2000-01-01"})
                with self.assertRaises(AccessError):
                    objection.with_user(user).unlink()
        self.assertEqual(self.Objection.sudo().search_count([]), count)
        self.assertEqual(objection.state, "open")
        self.assertFalse(objection.outcome)

    def test_only_the_committee_and_leading_group_read_objections(self):
        self._lodge(self.user_member)
        objection = self._objections()
        for user in (self.user_masses, self.user_member, self.user_secretary):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    objection.with_user(user).read(["content"])
                with self.assertRaises(AccessError):
                    self.Objection.with_user(user).search([])
                # Nor through the nomination (the branch's secretary reads it).
                with self.assertRaises(AccessError):
                    self.public.with_user(user).read(["objection_ids"])
        for user in (self.user_committee, self.user_leading, self.user_office):
            with self.subTest(user=user.login):
                self.assertEqual(self.public.with_user(user).objection_ids, objection)
                self.assertEqual(
                    objection.with_user(user).read(["content"])[0]["content"],
                    "该同志所在处室反映其考勤不够严格，请核实。",
                )
        self.assertFalse(self.Objection.with_user(self.user_office_b).search([]))

    def test_the_committee_records_the_check(self):
        self._lodge(self.user_masses)
        objection = self._objections()
        with self.assertRaisesRegex(UserError, "only by the agency Party committee"):
            objection.with_user(self.user_leading).action_handle(
                "已核实。", "unfounded"
            )
        with self.assertRaises(AccessError):
            objection.with_user(self.user_masses).action_handle("已核实。", "unfounded")
        mine = objection.with_user(self.user_committee)
        with self.assertRaisesRegex(UserError, "how the objection was checked"):
            mine.action_handle("  ", "unfounded")
        with self.assertRaisesRegex(UserError, "founded or not"):
            mine.action_handle("已核实。", "handled")
        self.assertEqual(objection.state, "open")
        # Through the committee's form.
        wizard = (
            self.env["cxzy.nomination.objection.handle"]
            .with_user(self.user_committee)
            .create(
                {
                    "objection_id": objection.id,
                    "check_note": "经与处室负责人及考勤记录核对，反映情况不属实。",
                    "outcome": "unfounded",
                }
            )
        )
        wizard.action_handle()
        self.assertEqual(objection.state, "handled")
        self.assertEqual(objection.outcome, "unfounded")
        self.assertEqual(objection.handled_by_id, self.user_committee)
        self.assertEqual(objection.handled_date, TODAY)
        self.assertIn("考勤记录核对", objection.check_note)
        with self.assertRaisesRegex(UserError, "can be done only when it is To Check"):
            mine.action_handle("再次核实。", "founded")

    def test_no_decision_while_an_objection_is_open(self):
        self._lodge(self.user_masses, anonymous=True)
        self._let_publicity_pass(self.public)
        leading = self.public.with_user(self.user_leading)
        self.assertFalse(leading.can_decide)
        self.assertEqual(leading.objection_to_check_count, 1)
        with self.assertRefused(UserError, "not checked yet", self.public):
            leading.action_decide("经室党组研究，同意表彰。")
        self._objections().with_user(self.user_committee).action_handle(
            "经核实，反映问题不属实。", "unfounded"
        )
        self.public.invalidate_recordset()
        self.assertTrue(leading.can_decide)
        leading.action_decide("经室党组研究，同意表彰。")
        self.assertEqual(self.public.state, "decided")

    def test_nominees_do_not_read_objections_to_themselves(self):
        """A committee member nominated reads and checks the objections to
        others' nominations, never to their own; organisations' nominations
        are read as well."""
        nominee = new_test_user(
            self.env,
            login="cxzy_t_committee_nominee",
            groups="cxzy_campaign.group_cxzy_committee",
        )
        member = self.env["cxzy.party.member"].create(
            {
                "employee_id": self.env["hr.employee"]
                .create({"name": "郑委员", "user_id": nominee.id})
                .id,
                "organization_id": self.branch_1.id,
            }
        )
        own = self._to(self._nominate(member), "publicity")
        branch = self._to(self._nominate(self.branch_2, self.award_branch), "publicity")
        # A member without a user of their own.
        userless = self._to(self._nominate(self.member_extra), "publicity")
        others = branch | userless | self.public
        for nomination in own | others:
            self._lodge(self.user_masses, nomination=nomination)
        Objection = self.Objection.with_user(nominee)
        seen = Objection.search([("nomination_id", "in", (own | others).ids)])
        self.assertEqual(seen.nomination_id, others)
        with self.assertRaises(AccessError):
            self._objections(own).with_user(nominee).read(["content"])
        self.assertFalse(own.with_user(nominee).objection_ids)
        # Nor would check them, were the rule lifted: the step is not theirs.
        self.assertTrue(self._objections(own).with_user(nominee)._cxzy_is_own())
        self.assertFalse(
            self._objections(own).with_user(self.user_committee)._cxzy_is_own()
        )
        # The others read and check it.
        self.assertEqual(
            self.Objection.with_user(self.user_leading).search(
                [("nomination_id", "=", own.id)]
            ),
            self._objections(own),
        )
        self._objections(own).with_user(self.user_committee).action_handle(
            "经核实，反映情况不属实。", "unfounded"
        )
        self.assertEqual(self._objections(own).state, "handled")
