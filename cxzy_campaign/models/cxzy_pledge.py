# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

PUBLIC_STATES = ("published", "assessed")
#: once approved, the pledge and its items are what was approved
FROZEN_STATES = ("approved", "published", "assessed")
RATINGS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
#: the unique partial indexes: one pledge per subject and campaign
UNIQUE_INDEXES = {
    "cxzy_pledge_member_campaign_uniq": "member",
    "cxzy_pledge_organization_campaign_uniq": "organization",
}
_REVIEWERS = _lt(
    "its reviewers: the secretaries of the member's branch for a member's "
    "pledge, the agency Party committee for an organisation's pledge, or the "
    "campaign office"
)
_OWNER_SIDE = _lt(
    "the owner of the pledge or a secretary of their organisation, or the "
    "campaign office"
)


class CxzyPledge(models.Model):
    """A public pledge (承诺) of a member or an organisation for a campaign."""

    _name = "cxzy.pledge"
    _description = "Pledge"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.subject.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "campaign_id, subject_type, name, id"
    _check_company_auto = True
    # Published pledges are open to supervision: whoever reads one may comment.
    _mail_post_access = "read"

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("submitted", _lt("Submitted")),
        ("approved", _lt("Approved")),
        ("published", _lt("Published")),
        ("assessed", _lt("Assessed")),
    ]
    _cxzy_steps = (
        Step(
            "submit",
            _lt("Submit"),
            ("draft",),
            "submitted",
            rule="_is_owner_side_or_office",
            who=_OWNER_SIDE,
            sets=("reject_reason",),
        ),
        Step(
            "approve",
            _lt("Approve"),
            ("submitted",),
            "approved",
            rule="_is_reviewer",
            who=_REVIEWERS,
            not_own=True,
        ),
        Step(
            "reject",
            _lt("Reject"),
            ("submitted",),
            "draft",
            rule="_is_reviewer",
            who=_REVIEWERS,
            not_own=True,
            sets=("reject_reason",),
        ),
        # The items freeze once approved: to change an approved pledge before
        # it is published, its owner's side takes it back to draft (logged),
        # and it is submitted and approved again.
        Step(
            "revise",
            _lt("Revise"),
            ("approved",),
            "draft",
            rule="_is_owner_side",
            who=_lt("the owner of the pledge or a secretary of their organisation"),
        ),
        Step(
            "publish",
            _lt("Publish"),
            ("approved",),
            "published",
            rule="_is_reviewer",
            who=_REVIEWERS,
            not_own=True,
            sets=("published_date",),
        ),
        Step(
            "assess",
            _lt("Assess"),
            ("published",),
            "assessed",
            rule="_is_reviewer",
            who=_REVIEWERS,
            not_own=True,
            sets=(
                "assessment_rating",
                "assessment_comment",
                "assessed_by_id",
                "assessed_date",
            ),
        ),
    )
    _cxzy_owner_fields = ("campaign_id", "subject_type", "member_id", "organization_id")
    _cxzy_locked_states = ("assessed",)
    #: a submitted pledge waits for its reviewers
    _cxzy_waits = {"submitted": ("approve",)}

    name = fields.Char(compute="_compute_name", store=True, index=True, size=256)
    campaign_id = fields.Many2one(readonly=True, tracking=True)
    subject_type = fields.Selection(string="Pledged by", readonly=True, tracking=True)
    member_id = fields.Many2one(
        readonly=True,
        default=lambda self: self._default_member_id(),
        tracking=True,
    )
    organization_id = fields.Many2one(readonly=True, tracking=True)
    branch_id = fields.Many2one(
        help="The member's branch, or the branch of the pledging organisation: "
        "its secretaries review the pledge.",
    )
    content = fields.Html(
        string="Pledge",
        sanitize=True,
        help="The pledge in the owner's words: what they commit to and why.",
    )
    item_ids = fields.One2many("cxzy.pledge.item", "pledge_id", string="Items")
    item_count = fields.Integer(
        compute="_compute_item_counts", string="Number of Items"
    )
    item_fulfilled_count = fields.Integer(
        compute="_compute_item_counts", string="Fulfilled Items"
    )
    item_summary = fields.Text(
        compute="_compute_item_summary",
        string="What Is Pledged",
        help="The items of the pledge, one per line.",
    )
    reject_reason = fields.Text(
        string="Reason for Rejection", readonly=True, copy=False
    )
    published_date = fields.Date(string="Published On", readonly=True, copy=False)
    assessment_rating = fields.Selection(
        RATINGS, string="Rating", readonly=True, copy=False
    )
    assessment_comment = fields.Text(readonly=True, copy=False)
    assessed_by_id = fields.Many2one(
        "res.users", string="Assessed by", readonly=True, copy=False
    )
    assessed_date = fields.Date(string="Assessed On", readonly=True, copy=False)
    can_submit = fields.Boolean(compute="_compute_cxzy_can")
    can_approve = fields.Boolean(compute="_compute_cxzy_can")
    can_reject = fields.Boolean(compute="_compute_cxzy_can")
    can_revise = fields.Boolean(compute="_compute_cxzy_can")
    can_publish = fields.Boolean(compute="_compute_cxzy_can")
    can_assess = fields.Boolean(compute="_compute_cxzy_can")

    _sql_constraints = [
        (
            "owner_check",
            "CHECK((subject_type = 'member' AND member_id IS NOT NULL "
            "AND organization_id IS NULL) OR (subject_type = 'organization' "
            "AND organization_id IS NOT NULL AND member_id IS NULL))",
            "A pledge belongs either to one member or to one organisation.",
        ),
    ]

    def init(self):
        # One pledge per owner per campaign, for both kinds of owner.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS cxzy_pledge_member_campaign_uniq
                ON cxzy_pledge (campaign_id, member_id)
                WHERE subject_type = 'member';
            CREATE UNIQUE INDEX IF NOT EXISTS cxzy_pledge_organization_campaign_uniq
                ON cxzy_pledge (campaign_id, organization_id)
                WHERE subject_type = 'organization';
            """
        )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_member_id(self):
        if self.env.context.get("default_subject_type", "member") != "member":
            return False
        return self.env["cxzy.party.member"].search(
            [("user_id", "=", self.env.uid), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    @api.depends(
        "subject_type",
        "member_id.name",
        "organization_id.name",
        "organization_id.short_name",
        "campaign_id.name",
    )
    def _compute_name(self):
        # An organisation by its short name: the pledge's name fits a list.
        for pledge in self:
            owner = pledge._subject()
            owner_name = owner.display_name if owner else False
            if owner and pledge.campaign_id:
                pledge.name = f"{owner_name} — {pledge.campaign_id.name}"
            else:
                pledge.name = owner_name or pledge.campaign_id.name or False

    @api.depends("item_ids.content", "item_ids.sequence")
    def _compute_item_summary(self):
        for pledge in self:
            pledge.item_summary = (
                "\n".join(
                    f"{index}. {item.content}"
                    for index, item in enumerate(pledge.item_ids, start=1)
                )
                or False
            )

    @api.depends("item_ids.status")
    def _compute_item_counts(self):
        Item = self.env["cxzy.pledge.item"]
        domain = [("pledge_id", "in", self.ids)]
        totals = dict(Item._read_group(domain, ["pledge_id"], ["__count"]))
        fulfilled = dict(
            Item._read_group(
                domain + [("status", "=", "fulfilled")], ["pledge_id"], ["__count"]
            )
        )
        for pledge in self:
            pledge.item_count = totals.get(pledge, 0)
            pledge.item_fulfilled_count = fulfilled.get(pledge, 0)

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    def _raise_duplicate(self, campaign_id, subject_type, owner_id):
        model = (
            "cxzy.party.member"
            if subject_type == "member"
            else "cxzy.party.organization"
        )
        raise ValidationError(
            self.env._(
                "%(owner)s already has a pledge for %(campaign)s: there is one "
                "pledge per member or organisation and campaign.",
                owner=self.env[model].sudo().browse(owner_id).name,
                campaign=self.env["cxzy.campaign"].sudo().browse(campaign_id).name,
            )
        )

    def _check_owner_free(self, keys):
        """Refuse, before anything is written, a second pledge of an owner for a
        campaign. ``keys`` are (campaign id, owner type, owner id) triples."""
        keys = [key for key in keys if all(key)]
        if not keys:
            return
        duplicate = next((key for key in keys if keys.count(key) > 1), None)
        if not duplicate:
            field_of = {"member": "member_id", "organization": "organization_id"}
            domain = expression.OR(
                [
                    [
                        ("campaign_id", "=", campaign_id),
                        ("subject_type", "=", subject_type),
                        (field_of[subject_type], "=", owner_id),
                    ]
                    for campaign_id, subject_type, owner_id in keys
                    if subject_type in field_of
                ]
                or [expression.FALSE_DOMAIN]
            )
            existing = self.sudo().search(
                expression.AND([domain, [("id", "not in", self.ids)]]), limit=1
            )
            if existing:
                duplicate = (
                    existing.campaign_id.id,
                    existing.subject_type,
                    existing._subject().id,
                )
        if duplicate:
            self._raise_duplicate(*duplicate)

    @staticmethod
    def _new_key(vals):
        subject_type = vals.get("subject_type", "member")
        field = "organization_id" if subject_type == "organization" else "member_id"
        return (vals.get("campaign_id"), subject_type, vals.get(field))

    def _race_lost(self, error, vals_list):
        """Another transaction created the same owner's pledge between our
        check and our insert: the unique index refused the row. Say it as the
        check does."""
        subject_type = UNIQUE_INDEXES.get(error.diag.constraint_name)
        if not subject_type:
            raise error
        for vals in vals_list:
            key = self._new_key(vals)
            if key[1] == subject_type and all(key):
                self._raise_duplicate(*key)
        raise error

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _cxzy_is_own(self):
        """The current user is the owner: the member, or the secretary or deputy
        secretary of the pledging organisation."""
        self.ensure_one()
        user = self.env.user
        pledge = self.sudo()
        if pledge.subject_type == "member":
            return pledge.member_id.user_id == user
        organization = pledge.organization_id
        return user in (
            organization.secretary_id.user_id | organization.deputy_secretary_id.user_id
        )

    def _is_owner_side(self):
        """The owner, or a secretary who manages the owner: they write the pledge
        and report its fulfilment."""
        self.ensure_one()
        user = self.env.user
        pledge = self.sudo()
        if pledge.subject_type == "member":
            return (
                pledge.member_id.user_id == user
                or user in pledge.branch_id.manager_user_ids
            )
        return user in pledge.organization_id.manager_user_ids

    def _is_owner_side_or_office(self):
        return self._is_office() or self._is_owner_side()

    def _is_reviewer(self):
        """Who approves, rejects, publishes and assesses the pledge: for a member,
        the secretaries of their branch; for an organisation, the agency Party
        committee; the campaign office for both. Never the owner: the steps
        say ``not_own``."""
        self.ensure_one()
        if self._is_office():
            return True
        user = self.env.user
        if self.sudo().subject_type == "member":
            return (
                user.has_group("cxzy_campaign.group_cxzy_secretary")
                and user in self.sudo().branch_id.manager_user_ids
            )
        return user.has_group("cxzy_campaign.group_cxzy_committee")

    def _cxzy_todo_tiers(self, step):
        """A member's pledge is reviewed by the managers of their branch."""
        if self.sudo().subject_type == "member":
            return self._cxzy_manager_tiers("branch_id")
        return super()._cxzy_todo_tiers(step)

    def _check_content_editable(self):
        """A draft is written by its owner's side; once submitted only its
        reviewers change it; once approved its content and items are frozen for
        everyone (the owner's side takes an approved pledge back to draft with
        Revise)."""
        if self.env.su:
            return
        for pledge in self:
            if pledge.state in PUBLIC_STATES:
                raise UserError(
                    self.env._(
                        "%(pledge)s has been published: its content and items are "
                        "on record and no longer change. Report the fulfilment of "
                        "its items instead.",
                        pledge=pledge.name,
                    )
                )
            if pledge.state == "approved":
                raise UserError(
                    self.env._(
                        "%(pledge)s has been approved: its content and items are "
                        "frozen. Its owner can take it back to draft with Revise, "
                        "change it and submit it again.",
                        pledge=pledge.name,
                    )
                )
            if pledge.state == "submitted" and not (
                pledge._is_reviewer() and not pledge._cxzy_is_own()
            ):
                raise UserError(
                    self.env._(
                        "%(pledge)s has been submitted for approval: only its "
                        "reviewers can change it now. Ask them to reject it back to "
                        "draft.",
                        pledge=pledge.name,
                    )
                )

    def _check_fulfilment_editable(self):
        """The status and evidence of items: by the owner's side (or the office)
        while the pledge is published, frozen once it is assessed."""
        if self.env.su:
            return
        for pledge in self:
            if pledge.state == "assessed":
                raise UserError(
                    self.env._(
                        "%(pledge)s has been assessed: its items can no longer change.",
                        pledge=pledge.name,
                    )
                )
            if pledge.state == "published":
                if not pledge._is_owner_side_or_office():
                    raise UserError(
                        self.env._(
                            "Only the owner of %(pledge)s reports the fulfilment of "
                            "its items.",
                            pledge=pledge.name,
                        )
                    )
            else:
                pledge._check_content_editable()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("subject_type") == "organization":
                # No default member on an organisation's pledge.
                vals.setdefault("member_id", False)
        if not self.env.su:
            # Who may not create at all hears that before any duplicate.
            self.browse().check_access("create")
        self._check_owner_free([self._new_key(vals) for vals in vals_list])
        try:
            with self.env.cr.savepoint():
                pledges = super().create(vals_list)
        except UniqueViolation as error:
            self._race_lost(error, vals_list)
        for pledge in pledges.sudo():
            followers = (
                pledge.member_id.user_id.partner_id
                if pledge.subject_type == "member"
                else (
                    pledge.organization_id.secretary_id.user_id
                    | pledge.organization_id.deputy_secretary_id.user_id
                ).partner_id
            )
            if followers:
                pledge.message_subscribe(partner_ids=followers.ids)
        return pledges

    def write(self, vals):
        if not self.env.su:
            ignored = (
                self._cxzy_free_fields()
                | self._cxzy_protected_on_write()
                | {"item_ids"}
            )
            content = set(vals) - ignored
            if content:
                self.check_access("write")
                self._check_content_editable()
        if self.env.su and set(self._cxzy_owner_fields) & set(vals):
            # Only the system moves a pledge (the guard refuses anyone else):
            # not onto an owner who has one.
            keys = []
            for pledge in self:
                subject_type = vals.get("subject_type", pledge.subject_type)
                field = "member_id" if subject_type == "member" else "organization_id"
                keys.append(
                    (
                        vals.get("campaign_id", pledge.campaign_id.id),
                        subject_type,
                        vals[field] if field in vals else pledge[field].id,
                    )
                )
            self._check_owner_free(keys)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_editable(self):
        self._check_content_editable()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _check_has_items(self):
        for pledge in self:
            if not pledge.item_ids:
                raise UserError(
                    self.env._(
                        "%(pledge)s has no items: add what you pledge to do before "
                        "it is submitted or published.",
                        pledge=pledge.name,
                    )
                )

    def _cxzy_check_submit(self):
        self._check_has_items()

    def _cxzy_check_publish(self):
        self._check_has_items()

    def action_submit(self):
        return self._cxzy_do("submit", {"reject_reason": False})

    def action_approve(self):
        return self._cxzy_do("approve")

    def action_reject(self, reason=None):
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            self._cxzy_check("reject")
            raise UserError(
                self.env._(
                    "Give the reason for rejecting the pledge: its owner needs it "
                    "to revise the pledge."
                )
            )
        return self._cxzy_do("reject", {"reject_reason": reason}, opinion=reason)

    def action_revise(self):
        return self._cxzy_do("revise")

    def action_publish(self):
        return self._cxzy_do(
            "publish", {"published_date": fields.Date.context_today(self)}
        )

    def action_assess(self, rating=None, comment=None):
        ratings = dict(
            self._fields["assessment_rating"]._description_selection(self.env)
        )
        if not isinstance(rating, str) or rating not in ratings:
            self._cxzy_check("assess")
            raise UserError(self.env._("Choose a rating to assess the pledge."))
        comment = comment.strip() if isinstance(comment, str) else ""
        opinion = ratings[rating]
        if comment:
            opinion = f"{opinion}: {comment}"
        return self._cxzy_do(
            "assess",
            {
                "assessment_rating": rating,
                "assessment_comment": comment or False,
                "assessed_by_id": self.env.uid,
                "assessed_date": fields.Date.context_today(self),
            },
            opinion=opinion,
        )

    def _open_wizard(self, step, model, name):
        self._cxzy_check(step)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_pledge_id": self.id},
        }

    def action_open_reject_wizard(self):
        return self._open_wizard(
            "reject", "cxzy.pledge.reject", self.env._("Reject Pledge")
        )

    def action_open_assess_wizard(self):
        return self._open_wizard(
            "assess", "cxzy.pledge.assess", self.env._("Assess Pledge")
        )
