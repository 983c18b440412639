# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import re

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

CXZY_MODULES = ["cxzy_campaign", "cxzy_evaluation"]
LATIN = re.compile(r"[A-Za-z]{2,}")


def untranslated_terms(env, modules, lang="zh_CN"):
    """Every user-facing term of ``modules`` that has no ``lang`` translation.

    Loads the modules' .po files first, then reads every exportable term the way
    Odoo exports a .pot (field labels and help, selection values, menus, actions,
    views, groups, code messages), with the value users of ``lang`` see. Terms
    without Latin words (already Chinese, or placeholders only) need none.
    """
    installed = env["ir.module.module"].search(
        [("name", "in", modules), ("state", "=", "installed")]
    )
    env["res.lang"]._activate_lang(lang)
    env["ir.module.module"]._load_module_terms(installed.mapped("name"), [lang], True)
    env.flush_all()
    reader = TranslationModuleReader(env.cr, installed.mapped("name"), lang)
    missing = set()
    for module, ttype, name, _res_id, source, value, _comments in reader:
        if LATIN.search(source) and not (value or "").strip():
            missing.add(f"{module} {ttype} {name}: {source!r}")
    return sorted(missing)


@tagged("post_install", "-at_install", "i18n")
class TestTranslations(TransactionCase):
    def test_every_user_facing_string_has_chinese(self):
        missing = untranslated_terms(self.env, CXZY_MODULES)
        self.assertFalse(
            missing,
            "Strings with no zh_CN translation:\n" + "\n".join(missing),
        )

    def test_detector_finds_an_untranslated_label(self):
        # The check above must be able to fail: a new label with no translation
        # is reported.
        self.env["res.lang"]._activate_lang("zh_CN")
        field = self.env["ir.model.fields"]._get("cxzy.party.member", "party_post")
        field.with_context(lang="zh_CN").field_description = "Party Post"
        self.env.flush_all()
        reader = TranslationModuleReader(self.env.cr, ["cxzy_campaign"], "zh_CN")
        values = {
            (source, value)
            for _m, _t, name, _r, source, value, _c in reader
            if name == "ir.model.fields,field_description"
        }
        self.assertIn(("Party Post", ""), values)

    def test_chinese_users_see_chinese(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(CXZY_MODULES, ["zh_CN"], True)
        root = env.ref("cxzy_campaign.menu_cxzy_root")
        self.assertEqual(root.name, "创先争优")
        self.assertEqual(env.ref("cxzy_campaign.group_cxzy_secretary").name, "支部书记")
        kinds = dict(
            env["cxzy.party.organization"]._fields["kind"]._description_selection(env)
        )
        self.assertEqual(kinds["branch"], "党支部")
        self.assertEqual(kinds["group"], "党小组")
