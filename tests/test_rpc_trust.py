# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The server is the only authority: every demo role, over XML-RPC, tries
what an outside client can send (issue 7) and is refused, with nothing written.

Each demo login (password = login, language zh_CN) attacks the records of every
model that has a state, found in the demo data by searching as admin:

- writes of the state, of the fields only a step sets, of computed results and
  of owner/scope fields, each plainly and with a forged context
  (``cxzy_nomination_step`` and other keys a client could hope the server
  reads);
- creation with a forged state;
- steps in a state they do not start from, steps by a role that may not take
  them, steps on an empty id list;
- the rules of the steps: back-dated, zero-day or short publicity, a decision
  before the publicity ends, a round with a minimum under 3, with fewer voters
  than its minimum or a single voter, a voter grading themself, a member
  reading another member's dossier, typed masses' scores, deleting the items
  of a published pledge, editing a decided nomination, starting an empty
  campaign;
- bad input: ``'abc'`` for an integer, a 100,000-character certificate number.

Every such call must end in an XML-RPC Fault of the UserError/ValidationError
(code 2) or AccessError (code 4) family whose message is in Chinese (the
client sends the user's own context, as the web client does), and the record,
read by admin before and after, must be unchanged. One test per role x model x
class of call; its failure lists every field or step that leaked:

    LEAK        the call was accepted and changed the record
    ACCEPTED    the call returned normally (nothing visible changed)
    CRASH       refused by an error of our code (a traceback, Fault code 1)
    UNTRANSLATED  refused, but the message is not in Chinese

A record changed by a leak is put back directly in PostgreSQL (it is the
test's own copy of the database), so that one leak does not hide the next.
"""

import datetime
import hashlib
import json
import re
import types
import urllib.request
import xmlrpc.client
from dataclasses import dataclass, field

import psycopg2.extras
import pytest
from psycopg2 import sql

ROLES = ("office", "leader", "committee", "secretary", "member", "masses")
REFUSED_CODES = {2: "UserError", 3: "AccessDenied", 4: "AccessError"}

#: keys a hostile client may hope the server reads as a permission
FORGED_CONTEXT = {
    "cxzy_nomination_step": True,
    "cxzy_step": True,
    "cxzy_workflow_step": True,
    "cxzy_pledge_step": True,
    "cxzy_evaluation_step": True,
    "cxzy_force": True,
    "install_mode": True,
    "import_file": True,
    "tracking_disable": True,
    "mail_notrack": True,
}
CONTEXTS = (("plain", {}), ("forged context", FORGED_CONTEXT))

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: four English words in a row: a sentence nobody translated
ENGLISH_RUN = re.compile(r"[A-Za-z']+(?:[ ,]+[A-Za-z']+){3,}")

EXCEPTION_LINE = re.compile(r"^(\w+\.)*[A-Z]\w+(: |$)")

TODAY = datetime.date.today()
#: 100,000 characters that do not compress (PostgreSQL compresses a repeated
#: character below the size limit of an index entry)
HUGE = "".join(
    hashlib.sha256(str(index).encode()).hexdigest() for index in range(100_000 // 64)
).ljust(100_000, "0")
FORGED_TEXT = "RPC伪造 forged"
FORGED_DATE = "2001-02-03"
FORGED_DATETIME = "2001-02-03 04:05:06"


# ----------------------------------------------------------------------
# What each model protects (field names of the current code)
# ----------------------------------------------------------------------
@dataclass(frozen=True)
class StepSpec:
    """A step: its method, the states it starts from, the roles that may take
    it on some record (never called by them here), its arguments."""

    method: str
    from_states: tuple
    allowed: tuple = ROLES
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Spec:
    key: str
    model: str
    step_fields: tuple = ()
    results: tuple = ()
    owners: tuple = ()
    forge_states: tuple = ()
    steps: tuple = ()
    state_field: str = "state"


REVIEWERS = ("office", "leader", "committee", "secretary")
MANAGERS = ("office", "leader", "committee")
OPINION = {"opinion": "同意。"}

SPECS = (
    Spec(
        "campaign",
        "cxzy.campaign",
        results=("progress", "assignment_count", "pledge_count", "current_phase_id"),
        forge_states=("running", "done"),
        steps=(
            StepSpec("action_start", ("draft",), MANAGERS),
            StepSpec("action_close", ("running",), MANAGERS),
            StepSpec("action_cancel", ("draft", "running"), MANAGERS),
            StepSpec("action_reset_draft", ("cancelled",), MANAGERS),
        ),
    ),
    Spec(
        "assignment",
        "cxzy.campaign.assignment",
        step_fields=("date_done",),
        results=("is_done", "is_overdue", "campaign_id", "phase_id", "kind"),
        owners=("task_id", "organization_id"),
        forge_states=("done", "cancelled"),
        steps=(
            StepSpec("action_start", ("todo",), REVIEWERS),
            StepSpec("action_done", ("todo", "in_progress"), REVIEWERS),
            StepSpec("action_reopen", ("done", "cancelled"), REVIEWERS),
            StepSpec("action_cancel", ("todo", "in_progress"), REVIEWERS),
        ),
    ),
    Spec(
        "pledge",
        "cxzy.pledge",
        step_fields=(
            "reject_reason",
            "published_date",
            "assessment_rating",
            "assessment_comment",
            "assessed_by_id",
            "assessed_date",
        ),
        results=("name", "branch_id", "item_count", "item_fulfilled_count"),
        owners=("member_id", "organization_id", "campaign_id", "subject_type"),
        forge_states=("published", "assessed", "approved"),
        steps=(
            StepSpec("action_submit", ("draft",), ("member",) + REVIEWERS),
            StepSpec("action_approve", ("submitted",), REVIEWERS),
            StepSpec("action_reject", ("submitted",), REVIEWERS, {"reason": "退回"}),
            StepSpec("action_publish", ("approved",), REVIEWERS),
            StepSpec(
                "action_assess",
                ("published",),
                REVIEWERS,
                {"rating": "excellent", "comment": "好"},
            ),
        ),
    ),
    Spec(
        "demonstration_post",
        "cxzy.demonstration.post",
        step_fields=("confirmed_by", "confirmed_date", "slot"),
        results=("election_valid", "member_name"),
        owners=("member_id", "organization_id", "campaign_id"),
        forge_states=("confirmed", "elected"),
        steps=(
            StepSpec("action_elect", ("draft",), REVIEWERS),
            StepSpec("action_confirm", ("elected",), MANAGERS),
            StepSpec("action_cancel", ("draft", "elected", "confirmed"), REVIEWERS),
            StepSpec("action_reset_draft", ("cancelled",), REVIEWERS),
        ),
    ),
    Spec(
        "service_pairing",
        "cxzy.service.pairing",
        step_fields=("date_end",),
        results=("record_count", "people_served"),
        owners=("organization_id", "partner_id", "campaign_id"),
        forge_states=("closed",),
        steps=(
            StepSpec("action_close", ("active",), REVIEWERS),
            StepSpec("action_reopen", ("closed",), REVIEWERS),
        ),
    ),
    Spec(
        "activity_record",
        "cxzy.campaign.event",
        results=("present_count", "leave_count", "absent_count", "photo_count"),
        owners=("campaign_id", "task_id"),
        forge_states=("done",),
        steps=(
            StepSpec("action_done", ("draft",), REVIEWERS),
            StepSpec("action_reset_draft", ("done",), REVIEWERS),
        ),
    ),
    Spec(
        "party_spirit_report",
        "cxzy.party.spirit.report",
        step_fields=("submitted_date", "reviewed_by", "reviewed_date"),
        results=("branch_id", "member_user_id"),
        owners=("member_id", "campaign_id", "branch_id"),
        forge_states=("reviewed", "submitted"),
        steps=(
            StepSpec("action_submit", ("draft",), ("member", "secretary")),
            StepSpec("action_review", ("submitted",), REVIEWERS),
            StepSpec("action_return", ("submitted",), REVIEWERS),
        ),
    ),
    Spec(
        "duty_report",
        "cxzy.duty.report",
        step_fields=("rating", "rated_by", "rated_date", "submitted_date"),
        results=("is_late", "is_overdue"),
        owners=("organization_id", "campaign_id"),
        forge_states=("rated", "submitted"),
        steps=(
            StepSpec("action_submit", ("draft",), ("secretary", "office")),
            StepSpec("action_rate", ("submitted",), MANAGERS),
            StepSpec("action_return", ("submitted",), MANAGERS),
        ),
    ),
    Spec(
        "phase_summary",
        "cxzy.phase.summary",
        step_fields=("submitted_date",),
        owners=("organization_id", "campaign_id", "phase_id"),
        forge_states=("submitted",),
        steps=(
            StepSpec("action_submit", ("draft",), REVIEWERS),
            StepSpec("action_return", ("submitted",), MANAGERS),
        ),
    ),
    Spec(
        "regulation",
        "cxzy.regulation",
        owners=("organization_id", "campaign_id", "company_id"),
        forge_states=("in_force", "repealed"),
        steps=(
            StepSpec("action_adopt", ("draft",), REVIEWERS),
            StepSpec("action_repeal", ("in_force",), REVIEWERS),
        ),
    ),
    Spec(
        "assessment_period",
        "cxzy.assessment.period",
        results=("assessment_count", "appraisal_count", "pending_count"),
        owners=("campaign_id",),
        forge_states=("closed", "open"),
        steps=(
            StepSpec("action_open", ("draft",), MANAGERS),
            StepSpec("action_close", ("open",), MANAGERS),
        ),
    ),
    Spec(
        "branch_assessment",
        "cxzy.org.assessment",
        step_fields=(
            "self_assessed_by",
            "self_assessed_date",
            "reviewed_by",
            "reviewed_date",
            "confirmed_by",
            "confirmed_date",
        ),
        results=("total", "tier", "five_goods", "campaign_id"),
        owners=("period_id", "organization_id"),
        forge_states=("confirmed", "reviewed"),
        steps=(
            StepSpec("action_self_assess", ("draft",), REVIEWERS),
            StepSpec("action_review", ("self_assessed",), MANAGERS),
            StepSpec("action_confirm", ("reviewed",), MANAGERS),
            StepSpec("action_return", ("self_assessed", "reviewed"), MANAGERS),
        ),
    ),
    Spec(
        "member_appraisal",
        "cxzy.member.appraisal",
        step_fields=(
            "self_assessed_by",
            "self_assessed_date",
            "reviewed_by",
            "reviewed_date",
            "confirmed_by",
            "confirmed_date",
        ),
        results=("total", "grade", "five_models", "campaign_id"),
        owners=("period_id", "member_id", "branch_id"),
        forge_states=("confirmed", "reviewed"),
        steps=(
            StepSpec("action_self_assess", ("draft",), ("member",) + REVIEWERS),
            StepSpec("action_review", ("self_assessed",), REVIEWERS),
            StepSpec("action_confirm", ("reviewed",), MANAGERS),
            StepSpec("action_return", ("self_assessed", "reviewed"), REVIEWERS),
        ),
    ),
    Spec(
        "appraisal_round",
        "cxzy.appraisal.round",
        results=("campaign_id", "voter_count", "voted_count", "results_visible"),
        owners=("period_id",),
        forge_states=("closed", "open"),
        steps=(
            StepSpec("action_open", ("draft",), MANAGERS),
            StepSpec("action_close", ("open",), MANAGERS),
            StepSpec("action_draft", ("open", "closed"), MANAGERS),
            StepSpec("action_vote", ("open",), ROLES),
        ),
    ),
    Spec(
        "nomination",
        "cxzy.nomination",
        step_fields=(
            "recommend_opinion",
            "recommend_user_id",
            "recommend_date",
            "study_opinion",
            "study_user_id",
            "study_date",
            "publicity_start",
            "publicity_end",
            "publicity_objection",
            "publicity_user_id",
            "decide_opinion",
            "decide_user_id",
            "decide_date",
            "commendation_date",
            "certificate_number",
            "commend_user_id",
            "reject_reason",
            "rejected_state",
            "reject_user_id",
            "reject_date",
        ),
        results=(
            "name",
            "branch_id",
            "subject_type",
            "recommendation_valid",
            "pledge_rating",
            "dossier_grade",
            "dossier_total",
            "dossier_tier",
            "dossier_five_models",
            "dossier_five_goods",
            "duty_rating",
        ),
        owners=("member_id", "organization_id", "campaign_id", "award_type_id"),
        forge_states=("decided", "commended", "publicity"),
        steps=(
            StepSpec("action_recommend", ("draft",), REVIEWERS, OPINION),
            StepSpec("action_study", ("recommended",), MANAGERS, OPINION),
            StepSpec(
                "action_start_publicity",
                ("studied",),
                MANAGERS,
                {
                    "date_start": TODAY.isoformat(),
                    "date_end": (TODAY + datetime.timedelta(days=10)).isoformat(),
                },
            ),
            # 公示 is public: anyone may object while it runs.
            StepSpec("action_note_objection", ("publicity",), ROLES, {"note": "异议"}),
            StepSpec("action_decide", ("publicity", "studied"), MANAGERS, OPINION),
            StepSpec(
                "action_commend",
                ("decided",),
                MANAGERS,
                {"certificate_number": "RPC-FORGED-1"},
            ),
            StepSpec(
                "action_reject",
                ("draft", "recommended", "studied", "publicity"),
                REVIEWERS,
                {"reason": "不同意"},
            ),
            StepSpec("action_reset_draft", ("rejected",), REVIEWERS),
        ),
    ),
    Spec(
        "exemplar",
        "cxzy.exemplar",
        results=("name", "branch_id", "benchmark_count"),
        owners=("nomination_id", "member_id", "organization_id", "subject_type"),
        forge_states=("active", "archived"),
        steps=(
            StepSpec("action_activate", ("draft",), MANAGERS),
            StepSpec("action_set_archived", ("active",), MANAGERS),
            StepSpec("action_reset_draft", ("active", "archived"), MANAGERS),
        ),
    ),
    Spec(
        "benchmark",
        "cxzy.benchmark",
        step_fields=("review_date",),
        results=("name", "branch_id", "campaign_id", "is_overdue"),
        owners=("exemplar_id", "member_id", "organization_id", "subject_type"),
        forge_states=("achieved", "not_achieved"),
        steps=(
            StepSpec("action_start", ("planned",), REVIEWERS + ("member",)),
            StepSpec("action_achieved", ("in_progress",), REVIEWERS + ("member",)),
            StepSpec("action_not_achieved", ("in_progress",), REVIEWERS + ("member",)),
            StepSpec(
                "action_reopen", ("achieved", "not_achieved"), REVIEWERS + ("member",)
            ),
        ),
        state_field="status",
    ),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}

#: line models whose masses' score comes only from a closed round
LINE_SPECS = {
    "branch_assessment": ("cxzy.org.assessment.line", "assessment_id"),
    "member_appraisal": ("cxzy.member.appraisal.line", "appraisal_id"),
}
LINE_PROTECTED = ("masses_score", "masses_count", "line_score", "passed")


# ----------------------------------------------------------------------
# The session: admin, one client per role, the demo records
# ----------------------------------------------------------------------
class Client:
    """An XML-RPC client that sends its user's context with every call, as
    the web client does, plus whatever the caller adds."""

    def __init__(self, rpc, role):
        self.rpc = rpc
        self.role = role
        self.uid = rpc.uid
        self.context = rpc("res.users", "context_get")

    def __call__(self, model, method, *args, context=None, **kwargs):
        kwargs["context"] = {**self.context, **(context or {})}
        return self.rpc(model, method, *args, **kwargs)


@dataclass
class Outcome:
    refused: bool
    problem: str | None = None
    result: object = None


class Trust:
    """Everything the tests share: the clients, field metadata, targets."""

    def __init__(self, admin_rpc, rpc_login, pg):
        self.admin = Client(admin_rpc, "admin")
        self.pg = pg
        users = self.admin(
            "res.users",
            "search_read",
            [("login", "in", [f"cxzy_{role}" for role in ROLES])],
            fields=["login", "lang", "name"],
        )
        if len(users) != len(ROLES):
            pytest.fail(f"demo logins missing: found {[u['login'] for u in users]}")
        not_chinese = [user["id"] for user in users if user["lang"] != "zh_CN"]
        if not_chinese:
            self.admin("res.users", "write", not_chinese, {"lang": "zh_CN"})
        self.user_names = [user["name"] for user in users]
        self.clients = {
            role: Client(rpc_login(f"cxzy_{role}", f"cxzy_{role}"), role)
            for role in ROLES
        }
        members = self.admin(
            "cxzy.party.member",
            "search_read",
            [("user_id", "in", [client.uid for client in self.clients.values()])],
            fields=["user_id", "organization_id", "employee_id"],
        )
        self.member_of = {row["user_id"][0]: row for row in members}
        self._meta = {}
        self._targets = {}
        self._records = {}
        self._names = None

    # -- metadata -------------------------------------------------------
    def meta(self, model):
        if model not in self._meta:
            self._meta[model] = self.admin(
                model,
                "fields_get",
                attributes=[
                    "type",
                    "selection",
                    "relation",
                    "store",
                    "translate",
                    "related",
                ],
            )
        return self._meta[model]

    def present(self, model, names):
        meta = self.meta(model)
        return [name for name in names if name in meta]

    def state_field(self, spec):
        meta = self.meta(spec.model)
        for name in (spec.state_field, "state", "status"):
            if name in meta:
                return name
        pytest.fail(f"{spec.model} has no state field")

    def states(self, spec):
        return [
            key
            for key, _label in self.meta(spec.model)[self.state_field(spec)][
                "selection"
            ]
        ]

    def names(self):
        """Display names of the demo's people and organisations: a message
        quoting them is not yet a translated message."""
        if self._names is None:
            names = set(self.user_names)
            for model in (
                "cxzy.party.member",
                "cxzy.party.organization",
                "cxzy.campaign",
                "cxzy.campaign.phase",
                "cxzy.campaign.task",
                "cxzy.assessment.period",
                "cxzy.award.type",
                "cxzy.nomination",
                "cxzy.pledge",
                "cxzy.appraisal.round",
                "cxzy.exemplar",
                "cxzy.benchmark",
                "cxzy.regulation",
                "cxzy.campaign.event",
                "cxzy.criterion",
                "hr.employee",
                "res.partner",
            ):
                rows = self.admin(
                    model,
                    "search_read",
                    [],
                    fields=["display_name"],
                    context={"active_test": False},
                )
                names.update(row["display_name"] for row in rows)
            self._names = sorted(
                (name for name in names if name), key=len, reverse=True
            )
        return self._names

    # -- records --------------------------------------------------------
    def read(self, model, record_id, names):
        rows = self.admin(
            model,
            "read",
            [record_id],
            fields=list(names),
            context={"active_test": False},
        )
        if not rows:
            return None
        return {name: normalise(rows[0].get(name)) for name in names}

    def search(self, model, domain, client=None, limit=None):
        client = client or self.admin
        kwargs = {"order": "id", "context": {"active_test": False}}
        if limit:
            kwargs["limit"] = limit
        return client(model, "search", domain, **kwargs)

    def visible(self, role, model, domain):
        try:
            return self.search(model, domain, client=self.clients[role])
        except xmlrpc.client.Fault:
            return []

    def writable(self, role, model, record_id):
        try:
            return bool(self.clients[role](model, "has_access", [record_id], "write"))
        except xmlrpc.client.Fault:
            return False

    def target(self, role, spec):
        """The record of ``spec`` the role attacks: one it may write if there
        is one (so that only the protection can refuse), else one it sees,
        else any; the earliest state first."""
        key = (role, spec.key)
        if key not in self._targets:
            state = self.state_field(spec)
            order = {name: index for index, name in enumerate(self.states(spec))}
            rows = self.admin(
                spec.model,
                "search_read",
                [],
                fields=[state],
                order="id",
                context={"active_test": False},
            )
            if not rows:
                pytest.fail(f"no {spec.model} in the demo data to attack")
            rows.sort(key=lambda row: (order.get(row[state], 99), row["id"]))
            seen = set(self.visible(role, spec.model, []))
            candidates = [row["id"] for row in rows if row["id"] in seen]
            chosen = next(
                (rid for rid in candidates if self.writable(role, spec.model, rid)),
                candidates[0] if candidates else rows[0]["id"],
            )
            self._targets[key] = chosen
        return self._targets[key]

    def record_in(self, role, spec, states):
        """A record whose state is in ``states``, one the role sees if any."""
        key = (role, spec.key, tuple(sorted(states)))
        if key not in self._records:
            self._records[key] = self._record_in(role, spec, states)
        return self._records[key]

    def _record_in(self, role, spec, states):
        state = self.state_field(spec)
        ids = self.search(spec.model, [(state, "in", list(states))])
        if not ids:
            return None
        seen = set(self.visible(role, spec.model, [("id", "in", ids)]))
        return next((rid for rid in ids if rid in seen), ids[0])

    def other_id(self, relation, current, role):
        """Another record of ``relation`` than ``current`` (the role's own
        user for a user field: forging "reviewed by me")."""
        if relation == "res.users":
            for uid in (self.clients[role].uid, self.admin.uid):
                if uid != current:
                    return uid
        ids = self.search(relation, [("id", "!=", current or 0)], limit=20)
        return ids[len(ids) // 2] if ids else None

    def forged_value(self, model, name, current, role):
        meta = self.meta(model)[name]
        kind = meta["type"]
        if kind in ("char", "text", "html"):
            return FORGED_TEXT
        if kind == "selection":
            keys = [key for key, _label in meta["selection"] if key != current]
            return keys[-1]
        if kind == "boolean":
            return not current
        if kind == "integer":
            return (current or 0) + 7
        if kind in ("float", "monetary"):
            return (current or 0) + 7.5
        if kind == "date":
            return FORGED_DATE
        if kind == "datetime":
            return FORGED_DATETIME
        if kind == "many2one":
            return self.other_id(meta["relation"], current, role)
        if kind == "many2many":
            other = self.other_id(meta["relation"], None, role)
            return other and [(6, 0, [other])]
        pytest.fail(f"no forged value for {model}.{name} ({kind})")

    # -- restoring after a leak ----------------------------------------
    def restore(self, model, record_id, before):
        """Put back, directly in the database, what a leak changed (the
        record followed by a related field included)."""
        meta = self.meta(model)
        current = self.read(model, record_id, list(before)) or {}
        columns = {}
        for name, value in before.items():
            info = meta.get(name, {})
            if current.get(name) == value or info.get("translate"):
                continue
            if info.get("type") in ("one2many", "many2many"):
                continue
            if info["type"] == "many2one":
                value = value or None
            elif info["type"] != "boolean" and value is False:
                value = None
            if info.get("related"):
                self._restore_related(model, record_id, info["related"], value)
            if info.get("store"):
                columns[name] = value
        if columns:
            self._update(model, record_id, columns)

    def _restore_related(self, model, record_id, path, value):
        """A related field writes through to the record it follows: put that
        record back too."""
        *hops, last = path.split(".")
        for hop in hops:
            row = self.admin(model, "read", [record_id], fields=[hop])
            if not row or not row[0][hop]:
                return
            record_id = row[0][hop][0]
            model = self.meta(model)[hop]["relation"]
        info = self.meta(model).get(last, {})
        if info.get("related"):
            self._restore_related(model, record_id, info["related"], value)
        if info.get("store") and not info.get("translate"):
            self._update(model, record_id, {last: value})

    def _update(self, model, record_id, columns):
        table = model.replace(".", "_")
        with self.pg.cursor() as cr:
            cr.execute(
                sql.SQL("UPDATE {} SET {} WHERE id = %s").format(
                    sql.Identifier(table),
                    sql.SQL(", ").join(
                        sql.SQL("{} = %s").format(sql.Identifier(name))
                        for name in columns
                    ),
                ),
                [*columns.values(), record_id],
            )

    def save_rows(self, model, record_ids):
        """The table rows of these records, to put back a deletion that
        leaked."""
        with self.pg.cursor() as cr:
            cr.execute(
                sql.SQL("SELECT * FROM {} WHERE id = ANY(%s)").format(
                    sql.Identifier(model.replace(".", "_"))
                ),
                [list(record_ids)],
            )
            columns = [column.name for column in cr.description]
            return [dict(zip(columns, row, strict=True)) for row in cr.fetchall()]

    def put_back_rows(self, model, rows):
        table = sql.Identifier(model.replace(".", "_"))
        with self.pg.cursor() as cr:
            for row in rows:
                cr.execute(
                    sql.SQL(
                        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING"
                    ).format(
                        table,
                        sql.SQL(", ").join(map(sql.Identifier, row)),
                        sql.SQL(", ").join(sql.Placeholder() * len(row)),
                    ),
                    [
                        psycopg2.extras.Json(v) if isinstance(v, dict) else v
                        for v in row.values()
                    ],
                )

    def delete(self, model, record_ids):
        with self.pg.cursor() as cr:
            cr.execute(
                sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(
                    sql.Identifier(model.replace(".", "_"))
                ),
                [list(record_ids)],
            )

    # -- the attack -----------------------------------------------------
    def attempt(self, role, model, method, args, kwargs=None, context=None, names=()):
        """Call as ``role``; an Outcome saying whether it was refused as it
        should be (a translated UserError/AccessError)."""
        client = self.clients[role]
        try:
            result = client(model, method, *args, context=context, **(kwargs or {}))
        except xmlrpc.client.Fault as fault:
            return Outcome(True, self.fault_problem(fault, names))
        return Outcome(False, f"ACCEPTED (returned {short(result)})", result)

    def fault_problem(self, fault, names=()):
        """None for a proper refusal, else what is wrong with it."""
        message = fault.faultString or ""
        if "cannot marshal None" in message:
            # The method ran (and committed); only its None result could not
            # be sent back over XML-RPC.
            return "ACCEPTED (returned None)"
        if fault.faultCode not in REFUSED_CODES:
            return f"CRASH (Fault {fault.faultCode}): {exception_line(message)}"
        if not translated(message, [*names, *self.names()]):
            return f"UNTRANSLATED: {one_line(message)}"
        return None

    def forge_write(
        self,
        role,
        model,
        record_id,
        vals,
        label,
        problems,
        watch=None,
        contexts=CONTEXTS,
        before=None,
    ):
        """Write ``vals`` as ``role`` plainly and with a forged context; every
        way it was not refused, or changed the record, goes to ``problems``."""
        watch = list(watch or vals)
        if before is None:
            before = self.read(model, record_id, watch)
        else:
            before = {name: before[name] for name in watch}
        if before is None:
            pytest.fail(f"{model}({record_id}) vanished")
        where = f"{role} {model}({record_id}) {label}"
        for ctx_name, ctx in contexts:
            outcome = self.attempt(
                role,
                model,
                "write",
                [[record_id], vals],
                context=ctx,
                names=[str(v) for v in vals.values()],
            )
            if outcome.refused:
                if outcome.problem:
                    problems.append(f"{outcome.problem} {where} [{ctx_name}]")
                continue
            changed = diff(before, self.read(model, record_id, watch))
            if changed:
                problems.append(f"LEAK {where} [{ctx_name}]: {changed}")
                self.restore(model, record_id, before)
            else:
                problems.append(f"{outcome.problem} {where} [{ctx_name}]")
        # Refused calls roll back; check it, once for all of them.
        changed = diff(before, self.read(model, record_id, watch))
        if changed:
            problems.append(f"LEAK {where} (refused, yet): {changed}")
            self.restore(model, record_id, before)


def normalise(value):
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
        return value[0]  # many2one: its id
    return value


def diff(before, after):
    if after is None:
        return {"record": "deleted"}
    return {
        name: f"{before[name]!r} -> {after[name]!r}"
        for name in before
        if before[name] != after[name]
    }


def exception_line(traceback_text):
    """The line of a traceback that names the exception."""
    lines = [line.strip() for line in traceback_text.strip().splitlines()]
    for line in reversed(lines):
        if EXCEPTION_LINE.match(line):
            return one_line(line)
    return one_line(lines[-1] if lines else "")


def short(value, size=120):
    text = repr(value)
    return text if len(text) <= size else text[:size] + "..."


def one_line(text, size=200):
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "..."


def translated(message, names):
    """The message speaks Chinese: CJK left once the quoted names are gone,
    and no English sentence in it."""
    text = message
    for name in names:
        if name and len(name) > 1:
            text = text.replace(name, " ")
    return bool(CJK.search(text)) and not ENGLISH_RUN.search(text)


def assert_no_problems(problems, what):
    assert not problems, f"{what}: {len(problems)} problem(s)\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def trust(admin, rpc_login, db_copy_connection):
    return Trust(admin, rpc_login, db_copy_connection)


# ----------------------------------------------------------------------
# Writes of protected fields
# ----------------------------------------------------------------------
WRITE_CLASSES = ("state", "step_fields", "results", "owners")


def _write_cases():
    for role in ROLES:
        for spec in SPECS:
            for cls in WRITE_CLASSES:
                if cls == "state" or getattr(spec, cls):
                    yield pytest.param(
                        role, spec.key, cls, id=f"{role}-{spec.key}-{cls}"
                    )


@pytest.mark.parametrize(("role", "key", "cls"), list(_write_cases()))
def test_protected_write(trust, role, key, cls):
    """Writing the state, a step's field, a result or an owner is refused,
    with or without a forged context, and nothing changes."""
    spec = SPEC_BY_KEY[key]
    record_id = trust.target(role, spec)
    problems = []
    if cls == "state":
        state = trust.state_field(spec)
        current = trust.read(spec.model, record_id, [state])[state]
        options = [s for s in spec.forge_states if s != current] or [
            s for s in trust.states(spec) if s != current
        ]
        trust.forge_write(
            role, spec.model, record_id, {state: options[0]}, state, problems
        )
    else:
        names = trust.present(spec.model, getattr(spec, cls))
        assert names, f"{spec.model}: none of {getattr(spec, cls)} exists any more"
        current = trust.read(spec.model, record_id, names)
        attacked = 0
        for name in names:
            value = trust.forged_value(spec.model, name, current[name], role)
            if value is None:
                continue  # nothing else to move it to (a single company)
            attacked += 1
            trust.forge_write(
                role,
                spec.model,
                record_id,
                {name: value},
                name,
                problems,
                before=current,
            )
        assert attacked, f"{spec.model}: nothing to attack among {names}"
    assert_no_problems(problems, f"{role} writing {cls} of {spec.model}({record_id})")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(LINE_SPECS))
def test_typed_masses_scores(trust, role, key):
    """The masses' verdict on assessment/appraisal lines comes only from a
    closed round: typing it on the line, or through the parent's lines, or a
    negative count, is refused."""
    spec = SPEC_BY_KEY[key]
    line_model, parent_field = LINE_SPECS[key]
    record_id = trust.target(role, spec)
    lines = trust.search(line_model, [(parent_field, "=", record_id)])
    assert lines, f"{spec.model}({record_id}) has no lines to attack"
    line_id = lines[0]
    names = trust.present(line_model, LINE_PROTECTED)
    problems = []
    watch = [*names, parent_field, "criterion_id"]
    forged = [
        ("masses typed", {"masses_score": 100.0, "masses_count": 50}),
        ("negative count", {"masses_count": -5}),
    ]
    current = trust.read(line_model, line_id, names)
    forged += [
        (name, {name: trust.forged_value(line_model, name, current[name], role)})
        for name in names
    ]
    other_parent = trust.other_id(spec.model, record_id, role)
    forged.append((parent_field, {parent_field: other_parent}))
    for label, vals in forged:
        trust.forge_write(role, line_model, line_id, vals, label, problems, watch)
        # the same through the parent's one2many
        before = trust.read(line_model, line_id, watch)
        for ctx_name, ctx in CONTEXTS:
            outcome = trust.attempt(
                role,
                spec.model,
                "write",
                [[record_id], {"line_ids": [(1, line_id, vals)]}],
                context=ctx,
            )
            after = trust.read(line_model, line_id, watch)
            where = f"{role} {spec.model}.line_ids {label} [{ctx_name}]"
            if diff(before, after):
                problems.append(f"LEAK {where}: {diff(before, after)}")
                trust.restore(line_model, line_id, before)
            elif outcome.problem:
                problems.append(f"{outcome.problem} {where}")
    assert_no_problems(problems, f"{role} typing masses' scores on {line_model}")


# ----------------------------------------------------------------------
# Creation with a forged state
# ----------------------------------------------------------------------
def _ids(trust, model, domain, limit=1):
    ids = trust.search(model, domain, limit=limit)
    if len(ids) < limit:
        pytest.fail(f"demo data: no {model} matching {domain}")
    return ids


def _free(trust, model, field, candidates, domain):
    """The first of ``candidates`` not yet used in ``field`` of ``model``
    under ``domain`` (the demo's unique keys)."""
    used = {
        row[field][0]
        for row in trust.admin(
            model,
            "search_read",
            domain,
            fields=[field],
            context={"active_test": False},
        )
        if row[field]
    }
    free = [candidate for candidate in candidates if candidate not in used]
    if not free:
        pytest.fail(f"demo data: every {field} is taken in {model} {domain}")
    return free[0]


def _members(trust, c):
    """Members of the demo member's branch first, then the others."""
    same = trust.search("cxzy.party.member", [("organization_id", "=", c.branch_id)])
    return same + [m for m in trust.search("cxzy.party.member", []) if m not in same]


def _branches(trust, c):
    branches = trust.search("cxzy.party.organization", [("kind", "=", "branch")])
    return [c.branch_id] + [b for b in branches if b != c.branch_id]


def _new_campaign(trust, c):
    return (
        {"name": "RPC伪造活动", "date_start": c.day, "date_end": c.later},
        {"state": "running"},
    )


def _new_assignment(trust, c):
    task = _ids(trust, "cxzy.campaign.task", [("campaign_id", "=", c.draft_campaign)])
    return (
        {"task_id": task[0], "organization_id": c.branch_id, "deadline": c.later},
        {"state": "done", "date_done": c.day},
    )


def _new_pledge(trust, c):
    member = _free(
        trust,
        "cxzy.pledge",
        "member_id",
        _members(trust, c),
        [("campaign_id", "=", c.running)],
    )
    return (
        {
            "campaign_id": c.running,
            "subject_type": "member",
            "member_id": member,
            "content": "<p>伪造承诺</p>",
        },
        {"state": "published", "published_date": c.day},
    )


def _new_demonstration_post(trust, c):
    branch = _free(
        trust,
        "cxzy.demonstration.post",
        "organization_id",
        _branches(trust, c),
        [("campaign_id", "=", c.running)],
    )
    member = trust.search("cxzy.party.member", [("organization_id", "=", branch)])
    return (
        {
            "campaign_id": c.running,
            "organization_id": branch,
            "member_id": member[0],
            "title": "伪造示范岗",
        },
        {"state": "confirmed", "election_valid": True},
    )


def _new_service_pairing(trust, c):
    partner = _ids(trust, "res.partner", [("is_company", "=", True)])
    return (
        {
            "campaign_id": c.running,
            "organization_id": c.branch_id,
            "partner_id": partner[0],
            "date_start": c.day,
        },
        {"state": "closed", "date_end": c.day},
    )


def _new_activity_record(trust, c):
    return (
        {
            "name": "伪造活动记录",
            "campaign_id": c.running,
            "date": f"{c.day} 02:00:00",
        },
        {"state": "done"},
    )


def _new_party_spirit_report(trust, c):
    member = _free(
        trust,
        "cxzy.party.spirit.report",
        "member_id",
        _members(trust, c),
        [("campaign_id", "=", c.running)],
    )
    return (
        {"member_id": member, "campaign_id": c.running},
        {"state": "reviewed", "reviewed_by": c.user, "reviewed_date": c.day},
    )


def _new_duty_report(trust, c):
    branch = _free(
        trust,
        "cxzy.duty.report",
        "organization_id",
        _branches(trust, c),
        [("campaign_id", "=", c.running)],
    )
    return (
        {"organization_id": branch, "campaign_id": c.running},
        {"state": "rated", "rating": "excellent"},
    )


def _new_phase_summary(trust, c):
    phase = _ids(trust, "cxzy.campaign.phase", [("campaign_id", "=", c.running)])[-1]
    branch = _free(
        trust,
        "cxzy.phase.summary",
        "organization_id",
        _branches(trust, c),
        [("phase_id", "=", phase)],
    )
    return (
        {
            "organization_id": branch,
            "campaign_id": c.running,
            "phase_id": phase,
        },
        {"state": "submitted", "submitted_date": c.day},
    )


def _new_regulation(trust, c):
    return (
        {"name": "伪造制度", "organization_id": c.branch_id, "campaign_id": c.running},
        {"state": "in_force"},
    )


def _new_assessment_period(trust, c):
    return (
        {
            "name": "伪造考核期",
            "campaign_id": c.running,
            "date_start": c.day,
            "date_end": c.later,
        },
        {"state": "closed"},
    )


def _new_branch_assessment(trust, c):
    return (
        {"period_id": trust.spare_period, "organization_id": c.branch_id},
        {"state": "confirmed", "total": 99.0, "tier": "advanced"},
    )


def _new_member_appraisal(trust, c):
    return (
        {"period_id": trust.spare_period, "member_id": c.member_id},
        {"state": "confirmed", "grade": "excellent", "total": 99.0},
    )


def _new_appraisal_round(trust, c):
    return (
        {
            "name": "伪造评议",
            "period_id": _ids(
                trust, "cxzy.assessment.period", [("state", "=", "open")]
            )[0],
            "subject_type": "member",
            "date_open": FORGED_DATETIME,
            "date_close": f"{c.later} 00:00:00",
            "min_voters": 3,
        },
        {"state": "open"},
    )


def _new_nomination(trust, c):
    award = _ids(trust, "cxzy.award.type", [("subject_type", "=", "member")])[0]
    member = _free(
        trust,
        "cxzy.nomination",
        "member_id",
        _members(trust, c),
        [("campaign_id", "=", c.running), ("award_type_id", "=", award)],
    )
    return (
        {
            "campaign_id": c.running,
            "award_type_id": award,
            "member_id": member,
            "deeds": "<p>伪造事迹</p>",
        },
        {"state": "commended", "certificate_number": "RPC-FORGED-2"},
    )


def _new_exemplar(trust, c):
    nomination = _ids(trust, "cxzy.nomination", [("state", "=", "commended")])
    used = {
        row["nomination_id"][0]
        for row in trust.admin(
            "cxzy.exemplar", "search_read", [], fields=["nomination_id"]
        )
        if row["nomination_id"]
    }
    free = [n for n in nomination if n not in used] or nomination
    return ({"nomination_id": free[0]}, {"state": "active"})


def _new_benchmark(trust, c):
    exemplar = _ids(trust, "cxzy.exemplar", [])[0]
    [row] = trust.admin("cxzy.exemplar", "read", [exemplar], fields=["member_id"])
    candidates = [m for m in _members(trust, c) if m != (row["member_id"] or [0])[0]]
    member = _free(
        trust,
        "cxzy.benchmark",
        "member_id",
        candidates,
        [("exemplar_id", "=", exemplar)],
    )
    return (
        {
            "exemplar_id": exemplar,
            "subject_type": "member",
            "member_id": member,
            "owner_id": c.user,
            "deadline": c.later,
        },
        {"status": "achieved", "review_date": c.day},
    )


def _create_values(trust, key):
    """(valid values as the demo allows them, forged values added to them)."""
    member = trust.member_of[trust.clients["member"].uid]
    c = types.SimpleNamespace(
        member_id=member["id"],
        branch_id=member["organization_id"][0],
        draft_campaign=_ids(trust, "cxzy.campaign", [("state", "=", "draft")])[0],
        running=_ids(trust, "cxzy.campaign", [("state", "=", "running")])[0],
        user=trust.clients["member"].uid,
        day=TODAY.isoformat(),
        later=(TODAY + datetime.timedelta(days=30)).isoformat(),
    )
    return globals()[f"_new_{key}"](trust, c)


@pytest.fixture(scope="module")
def create_baselines(trust):
    """Check once, as admin, that each model's values without the forged part
    make a valid record (created and deleted again): a refusal of the forged
    create is then the protection's, not a mistake of ours."""
    period = trust.admin(
        "cxzy.assessment.period",
        "create",
        {
            "name": "RPC考核期",
            "campaign_id": _ids(trust, "cxzy.campaign", [("state", "=", "running")])[0],
            "date_start": TODAY.isoformat(),
            "date_end": (TODAY + datetime.timedelta(days=60)).isoformat(),
        },
    )
    trust.spare_period = period
    errors = {}
    for spec in SPECS:
        valid, _forged = _create_values(trust, spec.key)
        try:
            new_id = trust.admin(spec.model, "create", valid)
        except xmlrpc.client.Fault as fault:
            errors[spec.key] = one_line(fault.faultString, 400)
            continue
        try:
            trust.admin(spec.model, "unlink", [new_id])
        except xmlrpc.client.Fault:
            trust.delete(spec.model, [new_id])
    return errors


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", [spec.key for spec in SPECS])
def test_create_with_forged_state(trust, create_baselines, role, key):
    """Creating a record already in a later state, with its step fields or
    results filled in, is refused and creates nothing."""
    spec = SPEC_BY_KEY[key]
    assert key not in create_baselines, (
        f"harness: the valid values for {spec.model} are refused for admin: "
        f"{create_baselines[key]}"
    )
    valid, forged = _create_values(trust, key)
    state = trust.state_field(spec)
    forged = {
        state if name in ("state", "status") else name: value
        for name, value in forged.items()
        if name in trust.meta(spec.model) or name in ("state", "status")
    }
    problems = []
    for ctx_name, ctx in CONTEXTS:
        existing = set(trust.search(spec.model, []))
        outcome = trust.attempt(
            role, spec.model, "create", [{**valid, **forged}], context=ctx
        )
        created = set(trust.search(spec.model, [])) - existing
        where = f"{role} create {spec.model} with {sorted(forged)} [{ctx_name}]"
        if created:
            problems.append(f"LEAK {where}: created {sorted(created)}")
            trust.delete(spec.model, created)
        elif outcome.problem:
            problems.append(f"{outcome.problem} {where}")
    assert_no_problems(problems, f"{role} creating a forged {spec.model}")


# ----------------------------------------------------------------------
# Steps: wrong state, wrong role, empty id list
# ----------------------------------------------------------------------
def _watch(trust, spec):
    meta = trust.meta(spec.model)
    names = [trust.state_field(spec), *trust.present(spec.model, spec.step_fields)]
    names += [
        name
        for name in trust.present(spec.model, spec.results + spec.owners)
        if meta[name].get("store")
    ]
    return names


def _step(trust, role, spec, step, record_id, label, problems):
    watch = _watch(trust, spec)
    before = trust.read(spec.model, record_id, watch)
    outcome = trust.attempt(role, spec.model, step.method, [[record_id]], step.kwargs)
    after = trust.read(spec.model, record_id, watch)
    label = label.format(state=before[watch[0]])
    where = f"{role} {spec.model}({record_id}).{step.method} {label}"
    if diff(before, after):
        problems.append(f"LEAK {where}: {diff(before, after)}")
        trust.restore(spec.model, record_id, before)
    elif outcome.problem:
        problems.append(f"{outcome.problem} {where}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", [spec.key for spec in SPECS])
def test_step_in_wrong_state(trust, role, key):
    """A step called on a record in a state it does not start from is refused
    (for every role, the one entitled to the step included)."""
    spec = SPEC_BY_KEY[key]
    problems, tried = [], 0
    for step in spec.steps:
        wrong = [s for s in trust.states(spec) if s not in step.from_states]
        record_id = trust.record_in(role, spec, wrong)
        if record_id is None:
            continue
        tried += 1
        _step(trust, role, spec, step, record_id, "in state {state}", problems)
    assert tried, f"demo data: no {spec.model} in a wrong state for any step"
    assert_no_problems(
        problems, f"{role} taking steps of {spec.model} in the wrong state"
    )


def _wrong_role_cases():
    for role in ROLES:
        for spec in SPECS:
            if any(role not in step.allowed for step in spec.steps):
                yield pytest.param(role, spec.key, id=f"{role}-{spec.key}")


@pytest.mark.parametrize(("role", "key"), list(_wrong_role_cases()))
def test_step_by_wrong_role(trust, role, key):
    """A step taken by a role that may never take it, on a record in the
    right state, is refused."""
    spec = SPEC_BY_KEY[key]
    problems, tried = [], 0
    for step in spec.steps:
        if role in step.allowed:
            continue
        record_id = trust.record_in(role, spec, step.from_states)
        if record_id is None:
            continue
        tried += 1
        _step(
            trust,
            role,
            spec,
            step,
            record_id,
            "in state {state} (wrong role)",
            problems,
        )
    assert tried, f"demo data: no {spec.model} in a state to try its steps"
    assert_no_problems(problems, f"{role} taking steps of {spec.model} not theirs")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", [spec.key for spec in SPECS])
def test_step_on_empty_recordset(trust, role, key):
    """``action_*`` on an empty id list refuses with a message (not True, not
    "Expected singleton")."""
    spec = SPEC_BY_KEY[key]
    problems = []
    for step in spec.steps:
        outcome = trust.attempt(role, spec.model, step.method, [[]], step.kwargs)
        if outcome.problem:
            problems.append(f"{outcome.problem} {role} {spec.model}.{step.method}([])")
    assert_no_problems(problems, f"{role} calling steps of {spec.model} on no record")


# ----------------------------------------------------------------------
# The rules of the steps
# ----------------------------------------------------------------------
NOMINATION = SPEC_BY_KEY["nomination"]
PUBLICITY_CASES = {
    "back-dated": ("2000-01-01", "2000-01-02"),
    "zero-day": (TODAY.isoformat(), TODAY.isoformat()),
    "four-day": (TODAY.isoformat(), (TODAY + datetime.timedelta(days=3)).isoformat()),
    "starts-yesterday": (
        (TODAY - datetime.timedelta(days=1)).isoformat(),
        (TODAY + datetime.timedelta(days=10)).isoformat(),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(PUBLICITY_CASES))
def test_publicity_dates(trust, role, case):
    """公示 starts today or later and lasts at least 5 days (the award's
    minimum): back-dated, zero-day or short publicity is refused."""
    record_id = trust.record_in(role, NOMINATION, ("studied",))
    assert record_id, "demo data: no studied nomination"
    start, end = PUBLICITY_CASES[case]
    step = StepSpec(
        "action_start_publicity",
        ("studied",),
        (),
        {"date_start": start, "date_end": end},
    )
    problems = []
    _step(trust, role, NOMINATION, step, record_id, case, problems)
    assert_no_problems(problems, f"{role} starting a {case} publicity")


@pytest.fixture(scope="module")
def publicity_running(trust):
    """The demo nomination in publicity, its publicity ending in 10 days."""
    record_id = trust.record_in("office", NOMINATION, ("publicity",))
    assert record_id, "demo data: no nomination in publicity"
    with trust.pg.cursor() as cr:
        cr.execute(
            "UPDATE cxzy_nomination SET publicity_start = %s, publicity_end = %s "
            "WHERE id = %s",
            [TODAY, TODAY + datetime.timedelta(days=10), record_id],
        )
    return record_id


@pytest.mark.parametrize("role", ROLES)
def test_no_decision_during_publicity(trust, publicity_running, role):
    """No decision (nor commendation) comes before the publicity ends."""
    problems = []
    for step in (
        StepSpec("action_decide", (), (), OPINION),
        StepSpec("action_commend", (), (), {"certificate_number": "RPC-EARLY"}),
    ):
        _step(trust, role, NOMINATION, step, publicity_running, "during 公示", problems)
    assert_no_problems(problems, f"{role} deciding during the publicity")


ROUND = SPEC_BY_KEY["appraisal_round"]


def _round_values(trust, name, voters, minimum, subjects=None):
    period = _ids(trust, "cxzy.assessment.period", [("state", "=", "open")])[0]
    subjects = subjects or _ids(trust, "cxzy.party.member", [], limit=4)
    return {
        "name": name,
        "period_id": period,
        "subject_type": "member",
        "member_ids": [(6, 0, subjects)],
        "voter_ids": [(6, 0, voters)],
        "date_open": f"{TODAY.isoformat()} 00:00:00",
        "date_close": f"{(TODAY + datetime.timedelta(days=7)).isoformat()} 00:00:00",
        "min_voters": minimum,
    }


def _admin_create(trust, model, values):
    """Create as admin; (id, None), or (None, the refusal's Fault)."""
    try:
        return trust.admin(model, "create", values), None
    except xmlrpc.client.Fault as fault:
        return None, fault


@pytest.fixture(scope="module")
def voters(trust):
    return _ids(trust, "hr.employee", [("user_id", "!=", False)], limit=6)


@pytest.fixture(scope="module")
def draft_rounds(trust, voters):
    """Two draft rounds made by admin: a valid one (minimum 3, 6 voters) and
    one with a minimum of 5 and only 3 voters."""
    valid = trust.admin(
        ROUND.model, "create", _round_values(trust, "RPC评议-有效", voters, 3)
    )
    # Refusing it at creation already is one way to keep the rule.
    short = _admin_create(
        trust, ROUND.model, _round_values(trust, "RPC评议-人数不足", voters[:3], 5)
    )
    return {"valid": valid, "short": short}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("minimum", (1, 2))
def test_round_minimum_under_three(trust, voters, role, minimum):
    """A round never has a minimum under 3, nor opens with a single voter."""
    problems = []
    values = _round_values(trust, f"RPC评议-最少{minimum}", voters[:minimum], minimum)
    existing = set(trust.search(ROUND.model, []))
    outcome = trust.attempt(role, ROUND.model, "create", [values])
    created = set(trust.search(ROUND.model, [])) - existing
    if created:
        problems.append(f"LEAK {role} created a round with min_voters={minimum}")
        opened = trust.attempt("office", ROUND.model, "action_open", [sorted(created)])
        if not opened.refused:
            problems.append(
                f"LEAK office opened a round of {minimum} voter(s) with minimum "
                f"{minimum}"
            )
        trust.delete(ROUND.model, created)
    elif outcome.problem:
        problems.append(f"{outcome.problem} {role} create min_voters={minimum}")
    assert_no_problems(problems, f"{role}: a round with a minimum of {minimum}")


@pytest.mark.parametrize("role", ROLES)
def test_round_minimum_lowered(trust, draft_rounds, role):
    """Lowering a draft round's minimum under 3 is refused."""
    problems = []
    for minimum in (2, 0, -1):
        trust.forge_write(
            role,
            ROUND.model,
            draft_rounds["valid"],
            {"min_voters": minimum},
            f"min_voters={minimum}",
            problems,
            contexts=CONTEXTS[:1],
        )
    trust.forge_write(
        role,
        ROUND.model,
        draft_rounds["valid"],
        {"min_voters": "abc"},
        "min_voters='abc'",
        problems,
        contexts=CONTEXTS[:1],
    )
    assert_no_problems(problems, f"{role} lowering a round's minimum")


@pytest.mark.parametrize("role", ROLES)
def test_round_fewer_voters_than_minimum(trust, draft_rounds, role):
    """A round cannot open with fewer eligible voters than its minimum."""
    problems = []
    short, refused = draft_rounds["short"]
    if refused:
        problem = trust.fault_problem(refused)
        assert not problem, f"admin creating a round short of voters: {problem}"
        return
    step = StepSpec("action_open", ("draft",))
    _step(trust, role, ROUND, step, short, "3 voters, min 5", problems)
    assert_no_problems(problems, f"{role} opening a round short of voters")


@pytest.fixture(scope="module")
def self_round(trust, voters):
    """An open round in which the demo member is both a voter and a subject."""
    member = trust.member_of[trust.clients["member"].uid]
    employee = member["employee_id"][0]
    others = [v for v in voters if v != employee][:3]
    subjects = [
        member["id"],
        *_ids(trust, "cxzy.party.member", [("id", "!=", member["id"])], limit=2),
    ]
    round_id, refused = _admin_create(
        trust,
        ROUND.model,
        _round_values(trust, "RPC评议-自评", [employee, *others], 3, subjects),
    )
    opened = refused and Outcome(True, trust.fault_problem(refused))
    if round_id:
        opened = trust.attempt("office", ROUND.model, "action_open", [[round_id]])
    return {
        "id": round_id,
        "open": not opened.refused,
        "refusal": opened.problem,
        "member": member["id"],
    }


def test_no_voter_grades_themself(trust, self_round):
    """A voter who is also a subject of the round cannot grade themself."""
    if not self_round["open"]:
        # Refusing to create or open such a round is one way to keep the rule.
        assert not self_round["refusal"], self_round["refusal"]
        if self_round["id"]:
            state = trust.read(ROUND.model, self_round["id"], ["state"])["state"]
            assert state == "draft", f"a refused opening left the round {state}"
        return
    round_id = self_round["id"]
    criteria = trust.admin(ROUND.model, "read", [round_id], fields=["criterion_ids"])[
        0
    ]["criterion_ids"]
    subjects = trust.admin(ROUND.model, "read", [round_id], fields=["member_ids"])[0][
        "member_ids"
    ]
    marks = [
        (0, 0, {"subject_id": subject, "criterion_id": criterion, "grade": "excellent"})
        for subject in subjects
        for criterion in criteria
    ]
    watch = ["voted_count", "state"]
    before = trust.read(ROUND.model, round_id, watch)
    problems = []
    outcome = trust.attempt(
        "member",
        "cxzy.appraisal.ballot",
        "create",
        [{"round_id": round_id, "line_ids": marks}],
        context={"default_round_id": round_id},
    )
    after = trust.read(ROUND.model, round_id, watch)
    if diff(before, after) or not outcome.refused:
        problems.append(
            f"LEAK member graded themself (member {self_round['member']}) in round "
            f"{round_id}: {diff(before, after) or outcome.problem}"
        )
    elif outcome.problem:
        problems.append(f"{outcome.problem} member self-grading")
    assert_no_problems(problems, "a voter grading themself")


DOSSIER_FIELDS = (
    "dossier_grade",
    "dossier_total",
    "dossier_tier",
    "dossier_five_models",
    "dossier_five_goods",
    "pledge_rating",
    "duty_rating",
)


@pytest.mark.parametrize("login", ("cxzy_member", "cxzy_masses", "cxzy_secretary2"))
def test_dossier_hidden(trust, rpc_login, login):
    """Dossier details (grades, totals, ratings) of a commended nominee are for
    the committee, the leading group, the office and the nominee's secretary:
    another member, the masses and another branch's secretary see none."""
    client = Client(rpc_login(login, login), login)
    names = trust.present(NOMINATION.model, DOSSIER_FIELDS)
    own = trust.admin(
        "cxzy.party.member",
        "search_read",
        [("user_id", "=", client.uid)],
        fields=["organization_id"],
    )
    own_member = own[0]["id"] if own else None
    own_branch = (
        own[0]["organization_id"][0] if own and own[0]["organization_id"] else None
    )
    domain = [("state", "=", "commended")]
    if own_member:
        domain.append(("member_id", "!=", own_member))
    if login == "cxzy_secretary2" and own_branch:
        domain.append(("branch_id", "!=", own_branch))
    records = trust.admin(NOMINATION.model, "search_read", domain, fields=names)
    secret = [
        r for r in records if any(r[name] not in (False, 0, 0.0) for name in names)
    ]
    assert secret, "demo data: no commended nomination with a dossier to hide"
    problems = []
    for record in secret:
        for method, args, kwargs in (
            ("read", [[record["id"]]], {"fields": names}),
            ("search_read", [[("id", "=", record["id"])]], {"fields": names}),
        ):
            try:
                rows = client(NOMINATION.model, method, *args, **kwargs)
            except xmlrpc.client.Fault as fault:
                if fault.faultCode not in REFUSED_CODES:
                    problems.append(
                        f"CRASH {login} {method} dossier: {fault.faultCode}"
                    )
                continue
            for row in rows:
                leaked = {
                    name: row[name]
                    for name in names
                    if record[name] not in (False, 0, 0.0) and row[name] == record[name]
                }
                if leaked:
                    problems.append(
                        f"LEAK {login} {method} nomination({record['id']}): {leaked}"
                    )
    assert_no_problems(problems, f"{login} reading commended nominees' dossiers")


# ----------------------------------------------------------------------
# Bad input
# ----------------------------------------------------------------------
def _garbage_cases(trust, case):
    """(model, record id, values, watched fields)"""
    if case == "nomination voters_present 'abc'":
        record_id = trust.record_in("secretary", NOMINATION, ("draft",))
        return NOMINATION.model, record_id, {"voters_present": "abc"}
    if case == "nomination voters_present -3":
        record_id = trust.record_in("secretary", NOMINATION, ("draft",))
        return NOMINATION.model, record_id, {"voters_present": -3}
    if case == "post voters_present 'abc'":
        spec = SPEC_BY_KEY["demonstration_post"]
        record_id = trust.record_in("secretary", spec, ("draft",))
        return spec.model, record_id, {"voters_present": "abc", "votes_for": None}
    if case == "certificate number of 100,000 characters":
        record_id = trust.record_in("office", NOMINATION, ("decided",))
        return NOMINATION.model, record_id, {"certificate_number": HUGE}
    raise AssertionError(case)


GARBAGE = (
    "nomination voters_present 'abc'",
    "nomination voters_present -3",
    "post voters_present 'abc'",
    "certificate number of 100,000 characters",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", GARBAGE)
def test_type_garbage(trust, role, case):
    """Values of the wrong type or size get a message, not a traceback."""
    model, record_id, vals = _garbage_cases(trust, case)
    assert record_id, f"demo data: no record for {case}"
    problems = []
    trust.forge_write(
        role,
        model,
        record_id,
        vals,
        case,
        problems,
        watch=list(vals),
        contexts=CONTEXTS[:1],
    )
    assert_no_problems(problems, f"{role} writing {case}")


@pytest.mark.parametrize("role", ROLES)
def test_commend_huge_certificate_number(trust, role):
    """action_commend with a 100,000-character certificate number is refused
    with a message and the nomination stays decided."""
    record_id = trust.record_in(role, NOMINATION, ("decided",))
    assert record_id, "demo data: no decided nomination"
    step = StepSpec("action_commend", ("decided",), (), {"certificate_number": HUGE})
    problems = []
    _step(
        trust, role, NOMINATION, step, record_id, "certificate of 100k chars", problems
    )
    assert_no_problems(problems, f"{role} commending with a huge certificate number")


# ----------------------------------------------------------------------
# Frozen records
# ----------------------------------------------------------------------
PLEDGE = SPEC_BY_KEY["pledge"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ("published", "assessed"))
def test_pledge_items_frozen(trust, role, state):
    """The items of a published or assessed pledge are neither deleted nor
    moved to another pledge."""
    record_id = trust.record_in(role, PLEDGE, (state,))
    assert record_id, f"demo data: no {state} pledge"
    items = trust.search("cxzy.pledge.item", [("pledge_id", "=", record_id)])
    assert items, f"demo data: the {state} pledge {record_id} has no items"
    problems = []
    saved = trust.save_rows("cxzy.pledge.item", items)
    outcome = trust.attempt(role, "cxzy.pledge.item", "unlink", [items[:1]])
    if not trust.search("cxzy.pledge.item", [("id", "=", items[0])]):
        problems.append(f"LEAK {role} deleted item {items[0]} of a {state} pledge")
        trust.put_back_rows("cxzy.pledge.item", saved)
    elif outcome.problem:
        problems.append(f"{outcome.problem} {role} unlink item of a {state} pledge")
    outcome = trust.attempt(
        role, PLEDGE.model, "write", [[record_id], {"item_ids": [(2, items[-1])]}]
    )
    if not trust.search("cxzy.pledge.item", [("id", "=", items[-1])]):
        problems.append(f"LEAK {role} deleted item {items[-1]} through the pledge")
        trust.put_back_rows("cxzy.pledge.item", saved)
    elif outcome.problem:
        problems.append(
            f"{outcome.problem} {role} item_ids (2, id) on a {state} pledge"
        )
    other = trust.other_id(PLEDGE.model, record_id, role)
    trust.forge_write(
        role, "cxzy.pledge.item", items[0], {"pledge_id": other}, "pledge_id", problems
    )
    assert_no_problems(problems, f"{role} changing the items of a {state} pledge")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ("decided", "commended"))
def test_decided_nomination_locked(trust, role, state):
    """Nobody edits a decided or commended nomination outside its steps."""
    record_id = trust.record_in(role, NOMINATION, (state,))
    assert record_id, f"demo data: no {state} nomination"
    problems = []
    for vals in ({"deeds": "<p>改写的事迹</p>"}, {"meeting_date": FORGED_DATE}):
        trust.forge_write(
            role,
            NOMINATION.model,
            record_id,
            vals,
            f"{list(vals)[0]} when {state}",
            problems,
        )
    assert_no_problems(problems, f"{role} editing a {state} nomination")


@pytest.fixture(scope="module")
def empty_campaign(trust):
    """A draft campaign without phases, tasks or branches."""
    return trust.admin(
        "cxzy.campaign",
        "create",
        {
            "name": "RPC空活动",
            "date_start": TODAY.isoformat(),
            "date_end": (TODAY + datetime.timedelta(days=30)).isoformat(),
        },
    )


@pytest.mark.parametrize("role", ROLES)
def test_empty_campaign_does_not_start(trust, empty_campaign, role):
    """A campaign starts only with phases, tasks and at least one branch."""
    spec = SPEC_BY_KEY["campaign"]
    problems = []
    _step(
        trust,
        role,
        spec,
        StepSpec("action_start", ("draft",)),
        empty_campaign,
        "without phases, tasks or branches",
        problems,
    )
    assert_no_problems(problems, f"{role} starting an empty campaign")


# ----------------------------------------------------------------------
# The exception class, as /jsonrpc names it
# ----------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_jsonrpc_names_the_refusal(trust, role):
    """Over /jsonrpc the same forged state write is refused by an exception
    of the UserError/AccessError family, with a Chinese message."""
    record_id = trust.target(role, PLEDGE)
    client = trust.clients[role]
    before = trust.read(PLEDGE.model, record_id, ["state"])
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [
                client.rpc.db,
                client.uid,
                client.rpc.password,
                PLEDGE.model,
                "write",
                [
                    [record_id],
                    {
                        "state": "published"
                        if before["state"] != "published"
                        else "assessed"
                    },
                ],
                {"context": {**client.context, **FORGED_CONTEXT}},
            ],
        },
    }
    request = urllib.request.Request(
        f"{client.rpc.url}/jsonrpc",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        answer = json.load(reply)
    after = trust.read(PLEDGE.model, record_id, ["state"])
    if after != before:
        trust.restore(PLEDGE.model, record_id, before)
    assert after == before, f"LEAK {role} pledge({record_id}) state over /jsonrpc"
    assert "error" in answer, f"ACCEPTED {role} pledge state over /jsonrpc"
    data = answer["error"]["data"]
    assert data["name"] in (
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
        "odoo.exceptions.AccessError",
    ), data["name"]
    assert translated(data["message"], trust.names()), data["message"]
