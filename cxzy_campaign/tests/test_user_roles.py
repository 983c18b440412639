# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from lxml import etree

from odoo.tests import TransactionCase, tagged

from odoo.addons.base.models.res_users import name_selection_groups


@tagged("post_install", "-at_install")
class TestUserRoles(TransactionCase):
    """The campaign's roles are chosen on the user form (Access Rights tab)
    like any app's: one selection, shown without debug mode."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.chain = (
            ref("cxzy_campaign.group_cxzy_member")
            | ref("cxzy_campaign.group_cxzy_secretary")
            | ref("cxzy_campaign.group_cxzy_committee")
            | ref("cxzy_campaign.group_cxzy_office")
        )
        cls.leading = ref("cxzy_campaign.group_cxzy_leading")
        cls.env["res.groups"]._update_user_groups_view()
        cls.arch = etree.fromstring(ref("base.user_groups_view").arch)

    def _node(self, field_name):
        nodes = self.arch.xpath(f"//field[@name='{field_name}']")
        # the visible node; the hidden copies only save the defaults
        nodes = [n for n in nodes if n.get("invisible") != "True"]
        self.assertEqual(len(nodes), 1, field_name)
        return nodes[0]

    def _check_shown_without_debug(self, node):
        for element in [node, *node.iterancestors()]:
            self.assertNotIn("base.group_no_one", element.get("groups", ""))

    def test_roles_are_one_selection(self):
        by_app = {
            app: (kind, groups)
            for app, kind, groups, _category in self.env[
                "res.groups"
            ].get_groups_by_application()
        }
        category = self.env.ref("cxzy_campaign.module_category_cxzy")
        kind, groups = by_app[category]
        self.assertEqual(kind, "selection")
        # from the least to the most rights
        self.assertEqual(
            groups.mapped("name"),
            [
                "Party Member",
                "Branch Secretary",
                "Agency Party Committee",
                "Campaign Office",
            ],
        )
        self.assertEqual(
            category.parent_id, self.env.ref("base.module_category_human_resources")
        )
        node = self._node(name_selection_groups(self.chain.ids))
        self._check_shown_without_debug(node)
        description = self.env["res.users"].fields_get(
            [name_selection_groups(self.chain.ids)]
        )
        field = description[name_selection_groups(self.chain.ids)]
        self.assertEqual(field["type"], "selection")
        self.assertEqual(field["string"], category.name)
        self.assertEqual([v for v, _label in field["selection"]][1:], self.chain.ids)

    def test_leading_group_is_its_own_choice(self):
        kind = {
            app: kind
            for app, kind, _groups, _category in self.env[
                "res.groups"
            ].get_groups_by_application()
        }[self.leading.category_id]
        self.assertEqual(kind, "selection")
        self._check_shown_without_debug(
            self._node(name_selection_groups(self.leading.ids))
        )

    def test_choosing_a_role_on_the_user_form(self):
        user = self.env["res.users"].create({"name": "新同志", "login": "cxzy_t_new"})
        field = name_selection_groups(self.chain.ids)
        secretary = self.env.ref("cxzy_campaign.group_cxzy_secretary")
        user.write({field: secretary.id})
        self.assertTrue(user.has_group("cxzy_campaign.group_cxzy_secretary"))
        self.assertTrue(user.has_group("cxzy_campaign.group_cxzy_member"))
        self.assertFalse(user.has_group("cxzy_campaign.group_cxzy_committee"))
        # the office is the leading group's office too
        user.write({field: self.env.ref("cxzy_campaign.group_cxzy_office").id})
        self.assertTrue(user.has_group("cxzy_campaign.group_cxzy_leading"))
        leading_field = name_selection_groups(self.leading.ids)
        self.assertEqual(user.read([leading_field])[0][leading_field], self.leading.id)
