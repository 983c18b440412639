# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""18.0.1.1.0: pledges take the subject mixin's field names (owner_type →
subject_type), and the record rules, rewritten for the workflow engine, are
loaded again although their file is noupdate."""

from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "cxzy_pledge", "owner_type"):
        rename_column(cr, "cxzy_pledge", "owner_type", "subject_type")
    cr.execute(
        "UPDATE ir_model_data SET noupdate = false "
        "WHERE module = 'cxzy_campaign' AND model = 'ir.rule'"
    )
