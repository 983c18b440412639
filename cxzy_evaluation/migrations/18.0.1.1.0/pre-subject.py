# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""18.0.1.1.0: nominations, award types and exemplars take the subject
mixin's field names (nominee_kind / kind → subject_type)."""

from odoo.tools.sql import column_exists, rename_column

RENAMED = (
    ("cxzy_nomination", "nominee_kind"),
    ("cxzy_award_type", "nominee_kind"),
    ("cxzy_exemplar", "kind"),
)


def migrate(cr, version):
    if not version:
        return
    for table, old in RENAMED:
        if column_exists(cr, table, old):
            rename_column(cr, table, old, "subject_type")
