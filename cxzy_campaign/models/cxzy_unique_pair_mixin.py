# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import re

from psycopg2.errors import UniqueViolation

from odoo import api, models
from odoo.exceptions import ValidationError

#: "Key (member_id, campaign_id)=(12, 3) already exists."
_KEY_DETAIL = re.compile(r"Key \(([^)]*)\)=\(([^)]*)\)")


class CxzyUniquePairMixin(models.AbstractModel):
    """One record per pair of many2one values (a member's report per campaign, a
    branch's summary per phase, …), refused with a clear message before anything
    is written; the models keep a database constraint as the last guard.

    Two transactions that add the same pair at the same moment both pass the
    check (neither sees the other's uncommitted row); the database's unique
    constraint makes the second insert wait for the first transaction and fail
    once it commits. The insert runs in a savepoint so that this failure
    becomes the same message as the sequential duplicate, and the caller's
    transaction stays usable."""

    _name = "cxzy.unique.pair.mixin"
    _description = "One Record per Pair"

    #: the two many2one fields whose pair is unique
    _cxzy_unique_pair = ()

    def _cxzy_unique_pair_message(self, first, second):
        """The error for a second record of ``first`` and ``second``."""
        raise NotImplementedError

    def _cxzy_new_pair(self, vals):
        """The pair a record created with ``vals`` gets, defaults included."""
        missing = [name for name in self._cxzy_unique_pair if name not in vals]
        defaults = self.default_get(missing) if missing else {}
        return tuple(
            self._cxzy_pair_id(vals.get(name, defaults.get(name)))
            for name in self._cxzy_unique_pair
        )

    @staticmethod
    def _cxzy_pair_id(value):
        """The id of a many2one value as given (an id, a record, or junk)."""
        if isinstance(value, models.BaseModel):
            return value.id
        if isinstance(value, bool) or not isinstance(value, int):
            return value or False
        return value

    def _cxzy_pair_error(self, first_id, second_id):
        first, second = self._cxzy_unique_pair
        return ValidationError(
            self._cxzy_unique_pair_message(
                self.env[self._fields[first].comodel_name].sudo().browse(first_id),
                self.env[self._fields[second].comodel_name].sudo().browse(second_id),
            )
        )

    def _cxzy_check_unique_pairs(self, pairs):
        pairs = [
            pair
            for pair in pairs
            if all(isinstance(value, int) and value for value in pair)
        ]
        if not pairs:
            return
        first, second = self._cxzy_unique_pair
        duplicates = {pair for pair in pairs if pairs.count(pair) > 1}
        existing = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    (first, "in", [pair[0] for pair in pairs]),
                    (second, "in", [pair[1] for pair in pairs]),
                    ("id", "not in", self.ids),
                ],
                [first, second],
            )
        )
        duplicates |= {(a.id, b.id) for a, b in existing} & set(pairs)
        if duplicates:
            raise self._cxzy_pair_error(*sorted(duplicates)[0])

    def _cxzy_race_lost(self, error, pairs):
        """Turn the unique violation of a concurrent duplicate into the message
        of a sequential one; any other violation is raised as it is."""
        detail = getattr(error.diag, "message_detail", None) or ""
        match = _KEY_DETAIL.search(detail)
        if match:
            columns = [name.strip() for name in match.group(1).split(",")]
            values = [value.strip() for value in match.group(2).split(",")]
            if sorted(columns) != sorted(self._cxzy_unique_pair):
                raise error
            try:
                by_column = {
                    column: int(value)
                    for column, value in zip(columns, values, strict=True)
                }
            except ValueError:
                raise error from None
            pair = tuple(by_column[name] for name in self._cxzy_unique_pair)
        else:
            pairs = [pair for pair in pairs if all(pair)]
            if not pairs:
                raise error
            pair = pairs[0]
        raise self._cxzy_pair_error(*pair) from None

    @api.model_create_multi
    def create(self, vals_list):
        pairs = [self._cxzy_new_pair(vals) for vals in vals_list]
        self._cxzy_check_unique_pairs(pairs)
        try:
            with self.env.cr.savepoint():
                return super().create(vals_list)
        except UniqueViolation as error:
            self._cxzy_race_lost(error, pairs)

    def write(self, vals):
        if not set(self._cxzy_unique_pair) & set(vals):
            return super().write(vals)
        pairs = [
            tuple(
                self._cxzy_pair_id(vals[name]) if name in vals else record[name].id
                for name in self._cxzy_unique_pair
            )
            for record in self
        ]
        self._cxzy_check_unique_pairs(pairs)
        try:
            with self.env.cr.savepoint():
                return super().write(vals)
        except UniqueViolation as error:
            self._cxzy_race_lost(error, pairs)
