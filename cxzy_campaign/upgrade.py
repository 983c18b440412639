# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Helpers of the addons' migration scripts."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_manifest
from odoo.tools.convert import convert_file
from odoo.tools.misc import file_path


def reload_security(cr, module):
    """Load the module's security XML files again as at installation, and
    drop the record rules they no longer define.

    Their records live in ``noupdate`` blocks, which an update never
    rewrites; when a release changes the rules (a renamed field, a new
    workflow), the rules must follow the code."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    defined = set()
    for filename in get_manifest(module)["data"]:
        if filename.startswith("security/") and filename.endswith(".xml"):
            convert_file(env, module, filename, {}, mode="init", noupdate=True)
            tree = etree.parse(file_path(f"{module}/{filename}"))
            defined |= {
                rule.get("id").split(".")[-1]
                for rule in tree.iterfind(".//record[@model='ir.rule']")
            }
    stale = env["ir.model.data"].search(
        [
            ("module", "=", module),
            ("model", "=", "ir.rule"),
            ("name", "not in", list(defined)),
        ]
    )
    env["ir.rule"].browse(stale.mapped("res_id")).exists().unlink()
    stale.unlink()
