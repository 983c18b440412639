# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Benchmarks take the workflow engine's state field: status → state (same
keys: planned, in_progress, achieved, not_achieved)."""

from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "cxzy_benchmark", "status") and not column_exists(
        cr, "cxzy_benchmark", "state"
    ):
        rename_column(cr, "cxzy_benchmark", "status", "state")
        cr.execute(
            "ALTER INDEX IF EXISTS cxzy_benchmark__status_index "
            "RENAME TO cxzy_benchmark__state_index"
        )
