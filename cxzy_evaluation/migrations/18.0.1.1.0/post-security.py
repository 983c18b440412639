# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""18.0.1.1.0: the record rules, rewritten for the workflow engine and the
renamed subject fields, replace those of the installed release."""

from odoo.addons.cxzy_campaign.upgrade import reload_security


def migrate(cr, version):
    if version:
        reload_security(cr, "cxzy_evaluation")
