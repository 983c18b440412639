# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Every model with a state of both addons runs on the workflow engine, and
no role writes its state, step fields or results directly, whatever the
context says. Runs on the demo records, as the most powerful role (the
campaign office, which implies every other group)."""

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

WORKFLOW_MODELS = {
    "cxzy.campaign",
    "cxzy.campaign.assignment",
    "cxzy.campaign.event",
    "cxzy.pledge",
    "cxzy.demonstration.post",
    "cxzy.service.pairing",
    "cxzy.party.spirit.report",
    "cxzy.duty.report",
    "cxzy.phase.summary",
    "cxzy.campaign.summary",
    "cxzy.improvement.measure",
    "cxzy.achievement",
    "cxzy.regulation",
    "cxzy.assessment.period",
    "cxzy.org.assessment",
    "cxzy.member.appraisal",
    "cxzy.appraisal.round",
    "cxzy.nomination",
    "cxzy.nomination.objection",
    "cxzy.exemplar",
    "cxzy.benchmark",
}
#: context keys an RPC caller may send, hoping one switches a check off
FORGED_CONTEXT = {
    "cxzy_nomination_step": True,
    "cxzy_step": True,
    "cxzy_transition": True,
    "install_mode": True,
    "tracking_disable": True,
}


@tagged("post_install", "-at_install", "workflow_integrity")
class TestEveryWorkflowModel(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = new_test_user(
            cls.env,
            "wf_models_office",
            groups="cxzy_campaign.group_cxzy_office,base.group_user",
        )

    def _engine_models(self):
        # By the classes' model names: the registry's classes are rebuilt when
        # a test loads a model, but the engine's own class stays in the MRO.
        return {
            name
            for name, model in self.env.registry.items()
            if not model._abstract
            and any(
                getattr(cls, "_name", None) == "cxzy.workflow.mixin"
                for cls in model.__mro__
            )
        }

    def test_every_model_with_a_state_is_on_the_engine(self):
        stateful = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("cxzy.")
            and not model._abstract
            and not model._transient
            and "state" in model._fields
            and model._fields["state"].store
            and not model._fields["state"].related
        }
        self.assertEqual(stateful, WORKFLOW_MODELS)
        self.assertEqual(self._engine_models(), WORKFLOW_MODELS)

    def test_every_step_has_its_button_field_and_method(self):
        for name in sorted(WORKFLOW_MODELS):
            model = self.env[name]
            states = {key for key, _label in model._cxzy_states}
            names = [step.name for step in model._cxzy_steps]
            self.assertTrue(names, f"{name} declares no step")
            self.assertEqual(len(names), len(set(names)), f"{name}: a step twice")
            for step in model._cxzy_steps:
                can = f"can_{step.name}"
                self.assertIn(can, model._fields, f"{name} has no {can}")
                self.assertEqual(model._fields[can].compute, "_compute_cxzy_can")
                self.assertTrue(
                    hasattr(model, step.action), f"{name} has no {step.action}"
                )
                self.assertLessEqual(set(step.from_states), states, name)
                self.assertTrue(step.to_state in states | {None}, name)
                for field in step.sets:
                    self.assertIn(field, model._fields, f"{name}.{field}")

    def test_buttons_show_from_the_table(self):
        """A button that takes a step (or opens its wizard) is shown by the
        step's can_<step>, not by a hand-copied expression of the rule."""
        views = self.env["ir.ui.view"].search(
            [("model", "in", list(WORKFLOW_MODELS)), ("type", "=", "form")]
        )
        checked = 0
        for view in views:
            model = self.env[view.model]
            steps = {step.action: step.name for step in model._cxzy_steps}
            steps.update(
                {f"action_open_{step.name}": step.name for step in model._cxzy_steps}
            )
            arch = etree.fromstring(view.arch_db)
            for button in arch.iter("button"):
                method = button.get("name") or ""
                step = steps.get(method)
                if button.get("type") != "object" or not step:
                    continue
                checked += 1
                self.assertIn(
                    f"can_{step}",
                    button.get("invisible") or "",
                    f"{view.xml_id or view.name}: button {method}",
                )
        self.assertGreater(checked, len(WORKFLOW_MODELS))

    def _dummy(self, record, name):
        """A value of the right type that differs from the record's."""
        field = record._fields[name]
        current = record[name]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id
        if field.type == "selection":
            keys = [
                key
                for key, _label in field._description_selection(self.env)
                if key != current
            ]
            return keys[0] if keys else False
        if field.type == "boolean":
            return not current
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if field.type == "date":
            return fields.Date.to_string(fields.Date.from_string("2000-01-02"))
        if field.type == "datetime":
            return "2000-01-02 03:04:05"
        if field.type in ("char", "text", "html"):
            return "伪造"
        return None

    def _protected(self, model):
        fields_set = set(model._cxzy_protected_on_write())
        return {
            name
            for name in fields_set
            if model._fields[name].store
            and model._fields[name].type not in ("one2many", "many2many", "binary")
        }

    def test_no_direct_write_of_state_step_fields_results_or_owners(self):
        # UserError covers AccessError, its subclass.
        covered = set()
        for name in sorted(WORKFLOW_MODELS):
            record = self.env[name].sudo().search([], limit=1)
            if not record:
                continue
            covered.add(name)
            as_office = record.with_user(self.office).with_context(**FORGED_CONTEXT)
            for field in sorted(self._protected(self.env[name])):
                value = self._dummy(record, field)
                if value is None:
                    continue
                before = record[field]
                with self.subTest(model=name, field=field):
                    with self.assertRaises(UserError):
                        as_office.write({field: value})
                    record.invalidate_recordset()
                    self.assertEqual(record[field], before)
        # The demo holds a record of every model: every one was tried.
        self.assertEqual(covered, WORKFLOW_MODELS)

    def test_no_record_is_created_in_a_later_state(self):
        for name in sorted(WORKFLOW_MODELS):
            model = self.env[name]
            record = model.sudo().search([], limit=1)
            vals = record.copy_data()[0]
            final = model._cxzy_states[-1][0]
            vals["state"] = final
            count = model.sudo().search_count([("state", "=", final)])
            with self.subTest(model=name):
                with self.assertRaises(UserError):
                    model.with_user(self.office).with_context(**FORGED_CONTEXT).create(
                        vals
                    )
                self.assertEqual(
                    model.sudo().search_count([("state", "=", final)]), count
                )

    def test_steps_on_nothing_are_refused_with_a_message(self):
        for name in sorted(WORKFLOW_MODELS):
            model = self.env[name].with_user(self.office)
            for step in model._cxzy_steps:
                with self.subTest(model=name, step=step.name):
                    with self.assertRaises(UserError):
                        getattr(model, step.action)()
