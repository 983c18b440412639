# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Context defaults are the client's: ``default_state`` or
``default_assessment_rating`` in the context of a ``create`` would fill a
protected field after the guard has looked at the values. Drop them."""


def without_protected_defaults(records):
    """``records`` with a context that holds no ``default_<field>`` key of a
    field protected on creation (for non-superuser callers)."""
    if records.env.su:
        return records
    protected = records._cxzy_protected_on_create()
    if "state" in records._fields:
        protected = protected | {"state"}
    context = records.env.context
    stray = {
        key
        for key in context
        if key.startswith("default_") and key[len("default_") :] in protected
    }
    if not stray:
        return records
    return records.with_context(
        {key: value for key, value in context.items() if key not in stray}
    )
