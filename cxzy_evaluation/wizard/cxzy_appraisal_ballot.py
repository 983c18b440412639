# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError

from ..models.cxzy_appraisal_tally import GRADES


class CxzyAppraisalBallot(models.TransientModel):
    """A voter's ballot in an appraisal round, filled in the browser.

    Saving the ballot casts the vote: :meth:`create` hands the grades to
    ``cxzy.appraisal.round._cast_ballot`` and stores only a blank receipt —
    created as the superuser, without the round and without the lines — so
    that the web client can close the dialog. The grades themselves are never
    written to this table or to its lines' table, not even as a draft: an
    incomplete ballot cannot be saved (every grade is required in the form)
    and a refused one rolls back."""

    _name = "cxzy.appraisal.ballot"
    _description = "Appraisal Ballot"

    round_id = fields.Many2one("cxzy.appraisal.round", readonly=True)
    instructions = fields.Text(readonly=True)
    line_ids = fields.One2many(
        "cxzy.appraisal.ballot.line", "ballot_id", string="Grades"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        appraisal_round = self._round_of(values)
        if appraisal_round:
            # Refuse to show a ballot that could not be cast; the voter's
            # own subject is left out of it.
            template = appraisal_round._my_ballot_template()
            values["round_id"] = appraisal_round.id
            if "instructions" in fields_list:
                values["instructions"] = appraisal_round.sudo().description
            if "line_ids" in fields_list:
                values["line_ids"] = [
                    Command.create(dict(line, sequence=sequence))
                    for sequence, line in enumerate(template, start=1)
                ]
        return values

    def onchange(self, values, field_names, fields_spec):
        """The ballot form's first call: the voter's template as it is.

        Odoo's generic onchange makes a new record per line and diffs two
        snapshots of them: a quarter of a second for a province's ballot of
        2,500 marks, more than casting it. On the first call of a new
        ballot nothing has changed yet, so the defaults are sent in the form
        the generic one gives (checked by the tests); later calls, if any,
        take the generic way."""
        lines_spec = fields_spec.get("line_ids")
        if self or field_names or values or not lines_spec:
            return super().onchange(values, field_names, fields_spec)
        defaults = self.default_get(list(fields_spec))
        lines = defaults.pop("line_ids", None) or []
        simple_spec = {
            name: spec
            for name, spec in fields_spec.items()
            if name not in ("id", "line_ids")
        }
        [value] = self.new(defaults).web_read(simple_spec)
        value.pop("id", None)
        line_fields = [name for name in lines_spec.get("fields") or {} if name != "id"]
        value["line_ids"] = [
            (
                Command.CREATE,
                0,
                {
                    name: False if line.get(name) is None else line[name]
                    for name in line_fields
                },
            )
            for _command, _id, line in lines
        ]
        return {"value": value}

    @api.model
    def _round_of(self, vals):
        """The round the ballot is for, from the values or the context; an
        empty recordset when there is none (whatever a caller sent)."""
        Round = self.env["cxzy.appraisal.round"]
        round_id = vals.get("round_id") or self.env.context.get("default_round_id")
        if isinstance(round_id, (list, tuple)) and round_id:
            round_id = round_id[0]
        try:
            round_id = int(round_id or 0)
        except (TypeError, ValueError, OverflowError):
            return Round
        if not 0 < round_id < 2**31:
            return Round
        return Round.browse(round_id).sudo().exists().with_env(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        receipts = []
        for vals in vals_list:
            appraisal_round = self._round_of(vals)
            lines = vals.get("line_ids")
            if not isinstance(lines, (list, tuple)):
                lines = []
            marks = [
                (
                    command[2].get("subject_id"),
                    command[2].get("criterion_id"),
                    command[2].get("grade"),
                )
                for command in lines
                if isinstance(command, (list, tuple))
                and len(command) == 3
                and command[0] == Command.CREATE
                and isinstance(command[2], dict)
            ]
            if not appraisal_round:
                raise UserError(
                    self.env._("Open the ballot from the round you vote in.")
                )
            appraisal_round._cast_ballot(marks)
            receipts.append({})
        # The receipt: no round, no lines, and the superuser as its author.
        Receipt = self.with_user(SUPERUSER_ID).with_context(
            default_round_id=False, default_instructions=False, default_line_ids=False
        )
        return super(CxzyAppraisalBallot, Receipt).create(receipts).with_env(self.env)

    def write(self, vals):
        if {"round_id", "line_ids"} & set(vals):
            raise UserError(
                self.env._("This ballot has been cast: a ballot cannot be changed.")
            )
        return super().write(vals)


class CxzyAppraisalBallotLine(models.TransientModel):
    """One grade of a ballot: a subject on a criterion. Lives in the browser
    only (see ``cxzy.appraisal.ballot``)."""

    _name = "cxzy.appraisal.ballot.line"
    _description = "Appraisal Ballot Line"
    _order = "sequence, id"

    ballot_id = fields.Many2one(
        "cxzy.appraisal.ballot", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    subject_id = fields.Integer(string="Subject ID")
    subject_name = fields.Char(string="Subject")
    criterion_id = fields.Integer(string="Criterion ID")
    criterion_name = fields.Char(string="Criterion")
    criterion_description = fields.Text(string="Standard")
    grade = fields.Selection(GRADES)
