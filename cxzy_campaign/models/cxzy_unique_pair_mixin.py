# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, models
from odoo.exceptions import ValidationError


class CxzyUniquePairMixin(models.AbstractModel):
    """One record per pair of many2one values (a member's report per campaign, a
    branch's summary per phase, …), refused with a clear message before anything
    is written; the models keep a database constraint as the last guard."""

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
            vals.get(name, defaults.get(name)) for name in self._cxzy_unique_pair
        )

    def _cxzy_check_unique_pairs(self, pairs):
        pairs = [pair for pair in pairs if all(pair)]
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
            first_id, second_id = sorted(duplicates)[0]
            raise ValidationError(
                self._cxzy_unique_pair_message(
                    self.env[self._fields[first].comodel_name].sudo().browse(first_id),
                    self.env[self._fields[second].comodel_name]
                    .sudo()
                    .browse(second_id),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._cxzy_check_unique_pairs([self._cxzy_new_pair(vals) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if set(self._cxzy_unique_pair) & set(vals):
            self._cxzy_check_unique_pairs(
                [
                    tuple(
                        vals.get(name, record[name].id)
                        for name in self._cxzy_unique_pair
                    )
                    for record in self
                ]
            )
        return super().write(vals)
