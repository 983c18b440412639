# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models


class CxzyAppraisalParticipation(models.Model):
    """Who may vote in a round and whether they have voted — never when, and
    never how. All the rows of a round are created when it opens and every
    vote rewrites all of them: see ``cxzy.appraisal.round``'s docstring.
    No group has access rights: only the round's code reads and writes it."""

    _name = "cxzy.appraisal.participation"
    _description = "Appraisal Participation"
    _order = "round_id, id"
    _log_access = False

    round_id = fields.Many2one(
        "cxzy.appraisal.round",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Voter", required=True, readonly=True, ondelete="restrict"
    )
    has_voted = fields.Boolean(readonly=True)

    _sql_constraints = [
        (
            "voter_unique",
            "UNIQUE (round_id, employee_id)",
            "An employee takes part in a round once.",
        ),
    ]
