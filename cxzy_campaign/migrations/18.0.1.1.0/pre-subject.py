# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""18.0.1.1.0: pledges take the subject mixin's field names (owner_type →
subject_type)."""

from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    if version and column_exists(cr, "cxzy_pledge", "owner_type"):
        rename_column(cr, "cxzy_pledge", "owner_type", "subject_type")
