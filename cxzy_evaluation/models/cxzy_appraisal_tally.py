# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models


class CxzyAppraisalTally(models.Model):
    """The ballot box of a round, counted as the votes come in: per subject
    and criterion, how many voters gave each grade. There is no row per
    ballot or per mark, no voter, no timestamp and no author; all the rows of
    a round are created when it opens and every vote rewrites all of them
    (see ``cxzy.appraisal.round``'s docstring). No group has access rights:
    results are read through ``cxzy.appraisal.round._results()`` and
    ``cxzy.appraisal.result`` only."""

    _name = "cxzy.appraisal.tally"
    _description = "Appraisal Tally"
    _order = "round_id, id"
    _log_access = False

    round_id = fields.Many2one(
        "cxzy.appraisal.round",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization", readonly=True, ondelete="restrict"
    )
    member_id = fields.Many2one("cxzy.party.member", readonly=True, ondelete="restrict")
    criterion_id = fields.Many2one(
        "cxzy.criterion", required=True, readonly=True, ondelete="restrict"
    )
    votes_excellent = fields.Integer(readonly=True)
    votes_good = fields.Integer(readonly=True)
    votes_fair = fields.Integer(readonly=True)
    votes_poor = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "one_subject",
            "CHECK ((organization_id IS NULL) <> (member_id IS NULL))",
            "A tally row counts the votes on one organisation or one member.",
        ),
    ]
