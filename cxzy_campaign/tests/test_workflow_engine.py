# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The workflow engine on a test-only model: steps, can_<step>, protected
fields, owner fields, record rules after a write, locked and deletable
states, one chatter message per step."""

from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "workflow_integrity")
class TestWorkflowEngine(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .workflow_models import CxzyWorkflowTester

        cls.loader.update_registry((CxzyWorkflowTester,))
        model = cls.env["ir.model"]._get("cxzy.workflow.tester")
        cls.env["ir.model.access"].create(
            {
                "name": "tester",
                "model_id": model.id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        # Users write only what they author, like a record rule of a model.
        cls.env["ir.rule"].create(
            {
                "name": "own testers",
                "model_id": model.id,
                "domain_force": "[('author_id', '=', user.id)]",
                "groups": [(4, cls.env.ref("base.group_user").id)],
                "perm_read": False,
                "perm_create": True,
                "perm_write": True,
                "perm_unlink": True,
            }
        )
        cls.author = new_test_user(
            cls.env, "wf_author", groups="cxzy_campaign.group_cxzy_member"
        )
        cls.secretary = new_test_user(
            cls.env, "wf_secretary", groups="cxzy_campaign.group_cxzy_secretary"
        )
        cls.office = new_test_user(
            cls.env, "wf_office", groups="cxzy_campaign.group_cxzy_office"
        )
        cls.Tester = cls.env["cxzy.workflow.tester"]

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _new(self, user=None, **vals):
        user = user or self.author
        return (
            self.Tester.with_user(user)
            .create({"name": "记录", "author_id": user.id, "note": "n", **vals})
            .with_user(user)
        )

    # -- steps --------------------------------------------------------
    def test_steps_follow_the_table(self):
        record = self._new()
        self.assertEqual(record.state, "draft")
        self.assertTrue(record.can_submit)
        self.assertFalse(record.can_approve)
        record.action_submit()
        self.assertEqual(record.state, "submitted")
        as_secretary = record.with_user(self.secretary)
        self.assertTrue(as_secretary.can_approve)
        as_secretary.action_approve(opinion="同意")
        self.assertEqual(record.state, "approved")
        self.assertEqual(record.approver_id, self.secretary)
        self.assertEqual(record.opinion, "同意")

    def test_wrong_state_wrong_group_wrong_rule_own_record(self):
        record = self._new()
        with self.assertRaisesRegex(UserError, "Approve"):
            record.with_user(self.secretary).action_approve()
        # the rule: only the author submits
        with self.assertRaises(UserError):
            record.with_user(self.secretary).action_submit()
        self.assertFalse(record.with_user(self.secretary).can_submit)
        record.action_submit()
        # the group: a member does not approve
        with self.assertRaises(UserError):
            record.action_approve()
        # not on one's own record, even a secretary
        own = self._new(user=self.secretary)
        own.action_submit()
        self.assertFalse(own.can_approve)
        with self.assertRaisesRegex(UserError, "own record"):
            own.action_approve()
        self.assertEqual(own.state, "submitted")

    def test_step_hook_refuses_and_writes_nothing(self):
        record = self._new(note=False)
        record.action_submit()
        with self.assertRaisesRegex(UserError, "缺少备注"):
            record.with_user(self.secretary).action_approve()
        self.assertEqual(record.state, "submitted")
        self.assertFalse(record.approver_id)

    def test_empty_recordset_refused_with_a_message(self):
        with self.assertRaisesRegex(UserError, "Select"):
            self.Tester.with_user(self.author).action_submit()

    def test_one_message_per_step_with_who_and_states(self):
        record = self._new()
        before = len(record.message_ids)
        record.action_submit()
        messages = record.message_ids[: len(record.message_ids) - before]
        self.assertEqual(len(messages), 1)
        self.assertIn(self.author.name, messages.body)
        self.assertIn("Submitted", messages.body)
        self.assertEqual(messages.author_id, self.author.partner_id)

    # -- protected fields ---------------------------------------------
    def test_state_and_step_fields_never_written_directly(self):
        record = self._new()
        for vals in (
            {"state": "approved"},
            {"approver_id": self.secretary.id},
            {"opinion": "伪造"},
            {"name_length": 99},
        ):
            for context in ({}, {"cxzy_step": True, "install_mode": True}):
                with self.assertRaisesRegex(UserError, "cannot be written"):
                    record.with_context(**context).write(vals)
        self.assertEqual(record.state, "draft")
        self.assertFalse(record.approver_id)
        self.assertEqual(record.name_length, 2)
        # the office, too
        with self.assertRaises(UserError):
            record.with_user(self.office).write({"state": "closed"})

    def test_create_with_a_forged_state_or_result_is_refused(self):
        for vals in ({"state": "approved"}, {"opinion": "x"}, {"name_length": 3}):
            with self.assertRaises(UserError):
                self._new(**vals)
        self.assertFalse(self.Tester.search([]))
        # the initial state may be given
        self.assertEqual(self._new(state="draft").state, "draft")

    def test_owner_fields_fixed_after_creation(self):
        record = self._new()
        with self.assertRaisesRegex(UserError, "cannot be written"):
            record.write({"author_id": self.secretary.id})
        # writing the same owner again is harmless
        record.write({"author_id": self.author.id, "name": "新名"})
        self.assertEqual(record.name, "新名")

    def test_records_stay_within_the_writers_rules(self):
        # A field that decides the rule, not protected: moving the record
        # out of one's reach is refused after the write.
        record = self._new()
        self.env["ir.rule"].search(
            [("name", "=", "own testers")]
        ).domain_force = "[('author_id', '=', user.id), ('note', '!=', 'elsewhere')]"
        with self.assertRaises(AccessError):
            record.write({"note": "elsewhere"})

    def test_locked_state_and_deletion(self):
        record = self._new()
        record.action_submit()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            record.unlink()
        record.with_user(self.secretary).action_approve()
        record.with_user(self.office).action_close()
        with self.assertRaisesRegex(UserError, "no longer be changed"):
            record.with_user(self.office).write({"note": "改"})
        draft = self._new()
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_superuser_code_is_not_refused(self):
        record = self._new()
        record.sudo().write({"state": "approved"})
        self.assertEqual(record.state, "approved")

    def test_state_labels_come_from_the_table(self):
        labels = dict(self.Tester._fields["state"]._description_selection(self.env))
        self.assertEqual(list(labels), ["draft", "submitted", "approved", "closed"])
        self.assertEqual(labels["approved"], "Approved")

    def test_defaults_from_the_context_do_not_forge(self):
        forged = self.Tester.with_user(self.author).with_context(
            default_state="closed",
            default_opinion="伪造",
            default_name_length=9,
            default_note="默认备注",
        )
        record = forged.create({"name": "记录", "author_id": self.author.id})
        self.assertEqual(record.state, "draft")
        self.assertFalse(record.opinion)
        self.assertEqual(record.name_length, 2)
        # ordinary defaults still apply
        self.assertEqual(record.note, "默认备注")
