# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The workflow engine: one table of steps per model, and the server as the
only authority over every step, result and owner.

A model that has a state inherits ``cxzy.workflow.mixin`` and declares, once:

``_cxzy_states``
    ``[(key, _lt("Label")), …]``: the states, the first one is where a record
    starts. The ``state`` field and its labels come from here.
``_cxzy_steps``
    a tuple of :class:`Step`: name, from-states, to-state, who may take it
    (groups, and a record-level rule: a method name returning a bool, with
    ``who`` saying in words who that is; ``not_own`` refuses the step on one's
    own record), and the fields the step sets.
``_cxzy_waits``
    ``{state: (step, …)}``: the states in which the record waits for someone
    to take one of these steps. Whoever may take them (the step's groups and
    rule, the nearest first: :meth:`_cxzy_todo_tiers`) gets one to-do (a mail
    activity); it goes away when the step is taken or the record leaves the
    state (:meth:`_cxzy_sync_todos`).
``can_<step>``
    one computed boolean per step, ``compute="_compute_cxzy_can"``, for the
    buttons of the views (``invisible="not can_<step>"``).

From that table, and nowhere else, come the server-side check of every step
(:meth:`_cxzy_do`), the ``can_<step>`` values, the state labels, the refusal
messages and one chatter message per step (who, when, from → to, opinion).

Every model inheriting ``cxzy.guard.mixin`` (the workflow mixin does) has its
protected fields enforced in ``create`` and ``write`` for every caller and
every context: the state, every field a step sets, every read-only computed or
related field (results), and the owner fields once created
(``_cxzy_owner_fields``). Only server code writes them: the steps, which write
as the system (``sudo()``, which no RPC caller can obtain) after their checks.
After every create and write the records must still lie within the writer's
record rules. Records in ``_cxzy_locked_states`` change for nobody outside a
step; only records in ``_cxzy_deletable_states`` can be deleted.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from psycopg2 import IntegrityError, errors

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.service.model import _as_validation_error
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

#: fields of Odoo's own mixins that the engine never protects
_FREE_FIELDS = frozenset(
    {
        "display_name",
        "id",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
    }
)
#: the largest whole number an Integer column holds
MAX_INTEGER = 2**31 - 1
#: a whole number written as text: digits, a sign, spaces around
_WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")


def chinese_date(date):
    """A date as Chinese documents print it: 2010年4月1日 (no leading zeros)."""
    if not date:
        return ""
    date = fields.Date.to_date(date)
    return f"{date.year}年{date.month}月{date.day}日"


def written_language(env):
    """The language of what the server writes down for the people who read
    the records (chatter notes): the request's, else the acting user's,
    since a data load or a scheduled job has none."""
    return env.lang or env.user.lang or "en_US"


def _whole_number(value, empty, maximum):
    """``value`` as a whole number of at most ``maximum`` either way, or
    None: a whole number (also as a float or as text), ``empty`` for an
    empty value (None: not accepted), nothing else."""
    if value is None or value is False:
        return empty
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        try:
            number = int(value)
        except ValueError:  # more digits than Python converts
            return None
    if number is None or abs(number) > maximum:
        return None
    return number


@dataclass(frozen=True)
class Step:
    """One step of a workflow: one row of the model's table."""

    name: str
    label: object  # a LazyGettext: the button and the step in messages
    from_states: tuple
    to_state: str | None = None  # None: the step keeps the state
    groups: tuple = ()  # xml ids; any of them (empty: any internal user)
    rule: str | None = None  # method name: record -> bool
    who: object = None  # a LazyGettext: who the rule lets take the step
    not_own: bool = False  # refused on one's own record (_cxzy_is_own)
    sets: tuple = ()  # the fields the step writes besides the state
    method: str | None = None  # the server method, when not action_<name>

    @property
    def action(self):
        """The name of the method that takes the step."""
        return self.method or f"action_{self.name}"


class CxzyGuardMixin(models.AbstractModel):
    """Protected fields, enforced in the ORM for every caller and context."""

    _name = "cxzy.guard.mixin"
    _description = "Protected Fields"

    #: fields that say whom the record belongs to: set at creation, then
    #: changed only by server code (an explicit, logged step)
    _cxzy_owner_fields = ()
    #: further fields that only server code writes
    _cxzy_step_fields = ()
    #: read-only computed fields that stay writable (none by default)
    _cxzy_free_computed = ()

    # ------------------------------------------------------------------
    # Which fields are protected
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_free_fields(self):
        free = set(_FREE_FIELDS) | set(self._cxzy_free_computed)
        for mixin in (
            "mail.thread",
            "mail.activity.mixin",
            "mail.thread.main.attachment",
        ):
            if mixin in self.env:
                free |= set(self.env[mixin]._fields)
        return free

    @api.model
    @tools.ormcache()
    def _cxzy_result_fields(self):
        """Read-only computed and related fields: results, never typed.
        Computed once per model (every write of a user asks)."""
        free = self._cxzy_free_fields()
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.compute
            and field.readonly
            and name not in free
            and not name.startswith("can_")
        )

    @api.model
    def _cxzy_protected_on_create(self):
        """Fields nobody gives at creation (the owner fields are given then)."""
        return set(self._cxzy_step_fields) | self._cxzy_result_fields()

    @api.model
    def _cxzy_protected_on_write(self):
        return self._cxzy_protected_on_create() | set(self._cxzy_owner_fields)

    def _cxzy_field_names(self, names):
        return ", ".join(
            sorted(
                self._fields[name].get_description(self.env)["string"]
                for name in names
                if name in self._fields
            )
        )

    def _cxzy_refuse_fields(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s cannot be written directly: they change "
                "only through the record's steps (its buttons), which the server "
                "checks. Nothing was saved.",
                fields=self._cxzy_field_names(names),
                model=self.env["ir.model"]._get(self._name).name,
            )
        )

    def _cxzy_unchanged(self, name, value):
        """Whether writing ``value`` into ``name`` leaves every record as is."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return False
        for record in self:
            try:
                new = field.convert_to_record(
                    field.convert_to_cache(value, record), record
                )
            except (ValueError, TypeError):
                return False
            if new != record[name]:
                return False
        return True

    # ------------------------------------------------------------------
    # Dates in documents
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_date_text(self, date):
        """A date as the documents print it: 2010年4月1日 in Chinese (no
        leading zeros), the language's own format otherwise."""
        if not date:
            return ""
        if (self.env.lang or "").startswith("zh"):
            return chinese_date(date)
        return tools.format_date(self.env, date)

    # ------------------------------------------------------------------
    # Numbers sent by a caller
    # ------------------------------------------------------------------
    def _cxzy_whole_numbers(self, vals, names, minimum=0, maximum=None, empty=0):
        """A copy of ``vals`` with the fields ``names`` as whole numbers,
        whatever an RPC caller sent (``'abc'``, ``3.5``, ``True``, a list, a
        number beyond any column): anything else is refused with a message
        naming the field, before the model compares or stores it.

        ``names`` are field names, or a dict {field name: label} when the
        model words its fields otherwise than their labels. ``minimum`` is
        said in the message (the model's constraints refuse a smaller number
        in their own words); ``maximum`` (default: what the column holds) is
        refused here, either way. ``empty`` is what None and False become
        (None: they are refused as well)."""
        converted = dict(vals)
        for name in names:
            if name not in vals:
                continue
            value = vals[name]
            number = _whole_number(value, empty, maximum or MAX_INTEGER)
            if number is None:
                label = (
                    names[name]
                    if isinstance(names, dict)
                    else self._fields[name].get_description(self.env)["string"]
                )
                if maximum:
                    message = self.env._(
                        "%(field)s must be a whole number from %(minimum)s to "
                        "%(maximum)s, not “%(value)s”.",
                        field=label,
                        minimum=minimum,
                        maximum=maximum,
                        value=str(value)[:50],
                    )
                else:
                    message = self.env._(
                        "%(field)s must be a whole number, at least %(minimum)s, "
                        "not “%(value)s”.",
                        field=label,
                        minimum=minimum,
                        value=str(value)[:50],
                    )
                raise UserError(message)
            converted[name] = number
        return converted

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            protected = self._cxzy_protected_on_create()
            for vals in vals_list:
                given = protected & set(vals)
                if given:
                    self._cxzy_refuse_fields(given)
        try:
            records = super().create(vals_list)
        except IntegrityError as error:
            self._cxzy_integrity_error(error)
        if not self.env.su:
            records._cxzy_check_within_rules("create")
        return records

    #: the model turns the unique violations of a race into its own message
    _cxzy_translates_races = False

    def _cxzy_integrity_error(self, error):
        """Refuse what the database refused with its constraint's message in
        the caller's language (Odoo's RPC layer answers in English: it
        reads the error without the caller's context)."""
        if self.env.su or (
            self._cxzy_translates_races and isinstance(error, errors.UniqueViolation)
        ):
            raise error
        raise _as_validation_error(self.env, error) from None

    @api.model
    def _cxzy_defaulted_protected(self):
        """The protected fields that only their own default may fill."""
        return self._cxzy_protected_on_create()

    @api.model
    def default_get(self, fields_list):
        """A ``default_<field>`` key in the context (the client's) or a user
        default never fills a protected field of a record a user creates:
        only the field's own default does."""
        defaults = super().default_get(fields_list)
        if self.env.su:
            return defaults
        for name in self._cxzy_defaulted_protected() & set(defaults):
            field = self._fields[name]
            if field.default is not None:
                defaults[name] = field.convert_to_write(field.default(self), self)
            else:
                del defaults[name]
        return defaults

    def write(self, vals):
        if not self.env.su:
            protected = self._cxzy_protected_on_write() & set(vals)
            changed = {
                name for name in protected if not self._cxzy_unchanged(name, vals[name])
            }
            if changed:
                self._cxzy_refuse_fields(changed)
            self._cxzy_check_not_locked(vals)
        try:
            result = super().write(vals)
            if not self.env.su:
                # the database checks its constraints now, not after the call
                self.flush_recordset([name for name in vals if name in self._fields])
        except IntegrityError as error:
            self._cxzy_integrity_error(error)
        if not self.env.su:
            self._cxzy_check_within_rules("write")
        return result

    def _cxzy_check_not_locked(self, vals):
        """Hook: refuse a write outside the steps (decided records)."""

    def _cxzy_check_within_rules(self, operation):
        """After the values are written the records must still be the writer's
        to write: no moving a record out of one's own reach (to another
        member, branch or company)."""
        try:
            self.check_access(operation)
        except AccessError:
            raise AccessError(
                self.env._(
                    "These values would move the record out of what you may "
                    "change (another member, organisation or company). Nothing "
                    "was saved."
                )
            ) from None


class CxzyWorkflowMixin(models.AbstractModel):
    """A record with a state that only its steps change."""

    _name = "cxzy.workflow.mixin"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Workflow"

    #: [(key, _lt(label)), …]; the first state is the initial one
    _cxzy_states = []
    #: the table of steps
    _cxzy_steps = ()
    #: states in which nothing but a step changes the record
    _cxzy_locked_states = ()
    #: states from which a record may be deleted (default: the initial one)
    _cxzy_deletable_states = None
    #: {state: (step name, …)}: the states that wait for someone to take a step
    _cxzy_waits = {}

    state = fields.Selection(
        selection="_cxzy_state_selection",
        string="Status",
        default=lambda self: self._cxzy_states[0][0],
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )

    @api.model
    def _cxzy_state_selection(self):
        return [(key, self.env._(label)) for key, label in self._cxzy_states]

    # ------------------------------------------------------------------
    # The table
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_step(self, name):
        for step in self._cxzy_steps:
            if step.name == name:
                return step
        raise KeyError(f"{self._name} has no step {name!r}")

    @api.model
    def _cxzy_state_label(self, state):
        for key, label in self._cxzy_states:
            if key == state:
                return self.env._(label)
        return state or ""

    @api.model
    def _cxzy_protected_on_create(self):
        fields_set = super()._cxzy_protected_on_create()
        for step in self._cxzy_steps:
            fields_set |= set(step.sets)
        return fields_set

    @api.model
    def _cxzy_protected_on_write(self):
        return super()._cxzy_protected_on_write() | {"state"}

    @api.model
    def _cxzy_defaulted_protected(self):
        return super()._cxzy_defaulted_protected() | {"state"}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            initial = self._cxzy_states[0][0]
            for vals in vals_list:
                if vals.get("state", initial) != initial:
                    self._cxzy_refuse_fields({"state"})
        records = super().create(vals_list)
        if self._cxzy_waits:
            # a new record has no to-dos yet: only those that wait need any
            records.filtered(lambda r: r._cxzy_waiting_steps())._cxzy_todos_later()
        return records

    def _cxzy_todos_later(self):
        """Give new records their to-dos before the transaction commits, not
        now: mail.thread subscribes the creator after this ``create``
        returns, without looking for followers a to-do already added."""
        if not self:
            return
        key = f"cxzy.todos.{self._name}"
        pending = self.env.cr.precommit.data.get(key)
        if pending is None:
            pending = self.env.cr.precommit.data[key] = set()
            self.env.cr.precommit.add(self.browse()._cxzy_sync_created_todos)
        pending.update(self.ids)

    @api.model
    def _cxzy_sync_created_todos(self):
        ids = self.env.cr.precommit.data.pop(f"cxzy.todos.{self._name}", ())
        self.sudo().browse(ids).exists()._cxzy_sync_todos()
        self.env.flush_all()

    def _cxzy_check_not_locked(self, vals):
        super()._cxzy_check_not_locked(vals)
        free = self._cxzy_free_fields()
        if not set(vals) - free:
            return
        locked = self.filtered(lambda r: r.state in self._cxzy_locked_states)
        if locked:
            raise UserError(
                self.env._(
                    "%(record)s is %(state)s: it is on record and can no longer "
                    "be changed. Nothing was saved.",
                    record=locked[0].display_name,
                    state=self._cxzy_state_label(locked[0].state),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_cxzy_only_deletable_states(self):
        deletable = self._cxzy_deletable_states
        if deletable is None:
            deletable = (self._cxzy_states[0][0],)
        for record in self:
            if record.state not in deletable:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s and cannot be deleted: it is on "
                        "record.",
                        record=record.display_name,
                        state=self._cxzy_state_label(record.state),
                    )
                )

    # ------------------------------------------------------------------
    # Who may take a step
    # ------------------------------------------------------------------
    def _cxzy_is_own(self):
        """Hook: the record is the current user's own (their pledge, their
        nomination, their appraisal)."""
        self.ensure_one()
        return False

    def _cxzy_office_or_secretary_of(self, field):
        """Rule: the current user is the campaign office, or a secretary or
        deputy secretary of the organisation in ``field`` (or of one above
        it)."""
        self.ensure_one()
        user = self.env.user
        return (
            self.env.su
            or user.has_group("cxzy_campaign.group_cxzy_office")
            or user in self.sudo()[field].manager_user_ids
        )

    def _cxzy_in_groups(self, step):
        if self.env.su or not step.groups:
            return True
        user = self.env.user
        return any(user.has_group(xmlid) for xmlid in step.groups)

    def _cxzy_who(self, step):
        if step.who:
            return self.env._(step.who)
        names = [
            self.env.ref(xmlid).sudo().name
            for xmlid in step.groups
            if self.env.ref(xmlid, False)
        ]
        return self.env._(" or ").join(names) if names else self.env._("its users")

    def _cxzy_refusal(self, step):
        """Why the current user cannot take ``step`` on the record now, or
        None when they can."""
        self.ensure_one()
        step_label = self.env._(step.label)
        if self.state not in step.from_states:
            return self.env._(
                "%(record)s is %(state)s: “%(step)s” can be done only when it is "
                "%(states)s.",
                record=self.display_name,
                state=self._cxzy_state_label(self.state),
                step=step_label,
                states=self.env._(" or ").join(
                    self._cxzy_state_label(state) for state in step.from_states
                ),
            )
        if self.env.su:
            return None
        if step.not_own and self._cxzy_is_own():
            return self.env._(
                "“%(step)s” cannot be done on your own record %(record)s.",
                step=step_label,
                record=self.display_name,
            )
        if not self._cxzy_in_groups(step) or (
            step.rule and not getattr(self, step.rule)()
        ):
            return self.env._(
                "“%(step)s” on %(record)s can be done only by %(who)s.",
                step=step_label,
                record=self.display_name,
                who=self._cxzy_who(step),
            )
        return None

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_cxzy_can(self):
        for step in self._cxzy_steps:
            name = f"can_{step.name}"
            if name not in self._fields:
                continue
            for record in self:
                record[name] = bool(record.id) and not record._cxzy_refusal(step)

    # ------------------------------------------------------------------
    # Taking a step
    # ------------------------------------------------------------------
    def _cxzy_check(self, name):
        """Raise the refusal of step ``name`` for the first record that
        refuses it. An empty recordset is refused too."""
        step = self._cxzy_step(name)
        if not self:
            raise UserError(
                self.env._(
                    "Select the records to take the step “%(step)s” on.",
                    step=self.env._(step.label),
                )
            )
        self.check_access("read")
        for record in self:
            refusal = record._cxzy_refusal(step)
            if refusal:
                raise UserError(refusal)
        return step

    def _cxzy_lock(self):
        """Take the records' rows for this transaction, so that two steps on
        one record never both pass their checks."""
        self.env.cr.execute(
            f'SELECT id FROM "{self._table}" WHERE id IN %s FOR UPDATE',
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["state"])

    def _cxzy_do(self, name, values=None, opinion=None):
        """Take step ``name`` on every record of ``self``: check it (state,
        group, rule) for all of them, then write the new state and
        ``values`` (only fields of the step) as the system, and post one
        chatter message per record. ``values`` may be a dict or a function of
        the record returning a dict."""
        step = self._cxzy_step(name)
        if self:
            self._cxzy_lock()
        self._cxzy_check(name)
        check = getattr(self, f"_cxzy_check_{name}", None)
        if check:
            check()
        bodies = {}
        for record in self:
            vals = values(record) if callable(values) else dict(values or {})
            stray = set(vals) - set(step.sets)
            if stray:
                raise ValueError(f"step {name!r} does not set {sorted(stray)}")
            before = record.state
            if step.to_state:
                vals["state"] = step.to_state
            record.sudo().write(vals)
            bodies[record.id] = record._cxzy_log_body(step, before, opinion)
        self._cxzy_log(bodies)
        if self._cxzy_waits:
            self._cxzy_sync_todos()
        return True

    def _cxzy_log_body(self, step, before, opinion=None):
        """The chatter note of a step: which, who, from → to, the opinion."""
        self.ensure_one()
        record = self.with_context(lang=written_language(self.env))
        line = record.env._(
            "%(step)s by %(user)s: %(before)s → %(after)s.",
            step=record.env._(step.label),
            user=self.env.user.name,
            before=record._cxzy_state_label(before),
            after=record._cxzy_state_label(self.state),
        )
        body = Markup("<p>%s</p>") % line
        opinion = (opinion or "").strip() if isinstance(opinion, str) else opinion
        if opinion:
            body += Markup("<p>%s</p>") % escape(opinion)
        return body

    def _cxzy_log(self, bodies):
        """One note per record and step, by the current user: the changes of
        tracked fields the step (or the wizard before it) made are shown in
        that note, not in a second message."""
        if not bodies or not hasattr(self, "_message_log_batch"):
            return
        records = self.sudo().browse(list(bodies))
        tracking = records._cxzy_take_tracking()
        author_id = self.env.user.partner_id.id
        plain = {rid: body for rid, body in bodies.items() if rid not in tracking}
        if plain:
            records.browse(list(plain))._message_log_batch(
                bodies=plain, author_id=author_id
            )
        for record in records.browse(list(tracking)):
            record._message_log(
                body=bodies[record.id],
                author_id=author_id,
                tracking_value_ids=tracking[record.id],
            )

    def _cxzy_take_tracking(self):
        """The pending tracking values of the records ({id: commands}), taken
        away from Odoo's own tracking message (which would be a second message
        for the same step)."""
        if not hasattr(self, "_track_get_fields"):
            return {}
        pending = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}")
        if not pending:
            return {}
        initial = {rid: pending[rid] for rid in self.ids if pending.get(rid)}
        if not initial:
            return {}
        fnames = self._track_get_fields()
        described = self.fields_get(
            fnames, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self.browse(list(initial)):
            fields_initial = initial[record.id]
            tracked = {
                name: described[name] for name in fields_initial if name in described
            }
            _changes, commands = record._mail_track(tracked, fields_initial)
            if commands:
                tracking[record.id] = commands
            # taken: Odoo's tracking will not log it again (later writes in
            # the transaction are tracked afresh)
            del pending[record.id]
        return tracking

    # ------------------------------------------------------------------
    # To-dos: who the record waits for
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_todo_type(self):
        # the id is cached: no query per step
        return self.env["mail.activity.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "cxzy_campaign.mail_activity_type_cxzy_todo"
            )
        )

    @api.model
    def _cxzy_group_users(self, xmlids):
        """The active internal users of the groups (implied groups included)."""
        # the ids are cached: no query per record asking
        ids = [
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in xmlids
        ]
        groups = self.env["res.groups"].sudo().browse([gid for gid in ids if gid])
        return groups.users.filtered(lambda user: user.active and not user.share)

    def _cxzy_todo_tiers(self, step):
        """Whom to ask to take ``step`` on the record, nearest first: a list of
        users; the to-do goes to those of the first list who may take the step
        (its groups and rule, :meth:`_cxzy_refusal`). By default the users of
        the step's groups (of the secretary group, the committee's included,
        for a step that only has a rule) but the campaign office, then the
        office: it sees everything, and is asked only when nobody else may
        take the step."""
        office = self._cxzy_group_users(("cxzy_campaign.group_cxzy_office",))
        users = self._cxzy_group_users(
            step.groups or ("cxzy_campaign.group_cxzy_secretary",)
        )
        return [users - office, office]

    def _cxzy_manager_tiers(self, field):
        """Tiers for a step whose rule is "the office or a secretary of the
        organisation in ``field``": its managing users, then the office (the
        same people as the default, without asking every secretary)."""
        office = self._cxzy_group_users(("cxzy_campaign.group_cxzy_office",))
        return [self.sudo()[field].manager_user_ids - office, office]

    def _cxzy_waiting_users(self, step):
        """The users to whom the record (one) waits for ``step``: those of the
        first tier who may take it, within the record's company."""
        self.ensure_one()
        record = self.sudo(False)
        company = record.sudo()["company_id"] if "company_id" in self._fields else None
        for tier in record._cxzy_todo_tiers(step):
            if company:
                tier = tier.filtered(lambda user: company in user.company_ids)
            users = tier.filtered(
                lambda user: not record.with_user(user)._cxzy_refusal(step)
            )
            if users:
                return users
        return self.env["res.users"]

    def _cxzy_sync_todos(self):
        """Give the records' to-dos to whom they wait for now, and remove the
        to-dos of waits that are over (the step was taken, the record left
        the state): one search, one unlink, one create for all the records."""
        if not self:
            return
        Activity = self.env["mail.activity"].sudo()
        todo_type = self._cxzy_todo_type()
        existing = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", todo_type.id),
            ]
        )
        have = {(a.res_id, a.user_id.id, a.cxzy_step): a for a in existing}
        want = {}
        records = self.sudo()
        for record in records:
            for name in record._cxzy_waiting_steps():
                step = self._cxzy_step(name)
                for user in record._cxzy_waiting_users(step):
                    key = (record.id, user.id, name)
                    want.setdefault(key, (record, user, step))
        values = []
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        for key, (record, user, step) in want.items():
            if key in have:
                continue
            values.append(record._cxzy_todo_values(step, user, todo_type, today))
            values[-1].update(res_model_id=model_id)
        stale = existing.filtered(
            lambda a: (a.res_id, a.user_id.id, a.cxzy_step) not in want
        )
        if stale:
            self._cxzy_drop_todos(stale)
        if values:
            # the to-do is shown to its user (activity counter, the record's
            # chatter): no e-mail per to-do
            Activity.with_context(mail_activity_quick_update=True).create(values)

    def _cxzy_drop_todos(self, activities):
        """Remove the to-dos ``activities`` (on records of ``self``) whose wait
        is over. Not with ``unlink``: it empties the whole cache (Odoo does
        not know what an unlink touches), and the step's caller would read
        every record again, one query per record. These activities have no
        attachments nor anything else to cascade; the users' activity
        counters are told as ``unlink`` does."""
        today = fields.Date.context_today(self)
        users = activities.filtered(lambda a: a.date_deadline <= today).user_id
        res_ids = set(activities.mapped("res_id"))
        activities.flush_recordset()
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE id IN %s", [tuple(activities.ids)]
        )
        activities.invalidate_model()
        mixin_fields = [
            name
            for name in self.env["mail.activity.mixin"]._fields
            if name in self._fields
        ]
        self.browse(res_ids).invalidate_recordset(mixin_fields)
        if users:
            users._bus_send("mail.activity/updated", {"activity_deleted": True})

    @api.model
    def _cxzy_sync_waiting_todos(self):
        """The to-dos of every record of the model that waits for someone (on
        installation and update: records that were waiting before the to-dos
        existed get theirs)."""
        if self._cxzy_waits:
            self.sudo().search(
                [("state", "in", list(self._cxzy_waits))]
            )._cxzy_sync_todos()
        return True

    def _cxzy_waiting_steps(self):
        """The steps the record (one) waits for in its state."""
        return self._cxzy_waits.get(self.state, ())

    def _cxzy_todo_values(self, step, user, todo_type, today):
        """The mail.activity values of the to-do of ``user`` for ``step``, in
        the user's language."""
        self.ensure_one()
        env = self.env(context=dict(self.env.context, lang=user.lang or self.env.lang))
        step_label = env._(step.label)
        state = dict(self._cxzy_states).get(self.state)
        return {
            "res_id": self.id,
            "activity_type_id": todo_type.id,
            "automated": True,
            "user_id": user.id,
            "date_deadline": self._cxzy_todo_deadline(step) or today,
            "summary": step_label,
            "cxzy_step": step.name,
            "note": env._(
                "%(record)s is %(state)s and waits for you: “%(step)s”.",
                record=self.display_name,
                state=env._(state) if state else self.state,
                step=step_label,
            ),
        }

    def _cxzy_todo_deadline(self, step):
        """Hook: the date by which ``step`` is due (default: today)."""
        return False
