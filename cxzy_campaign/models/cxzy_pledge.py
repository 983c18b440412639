# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

PLEDGE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("published", "Published"),
    ("assessed", "Assessed"),
]
PUBLIC_STATES = ("published", "assessed")
RATINGS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
# Written only by the transitions (action_*), never directly.
TRANSITION_FIELDS = {
    "state",
    "published_date",
    "reject_reason",
    "assessment_rating",
    "assessment_comment",
    "assessed_by_id",
    "assessed_date",
}


class CxzyPledge(models.Model):
    """A public pledge (承诺) of a member or an organisation for a campaign."""

    _name = "cxzy.pledge"
    _description = "Pledge"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.campaign.bound.mixin"]
    _order = "campaign_id, subject_type, name, id"
    _check_company_auto = True
    # Published pledges are open to supervision: whoever reads one may comment.
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True, index=True)
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_template', '=', False)]",
        default=lambda self: self._default_campaign_id(),
        tracking=True,
    )
    subject_type = fields.Selection(
        [("member", "Member"), ("organization", "Organisation")],
        string="Pledged by",
        required=True,
        default="member",
        tracking=True,
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        index=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self._default_member_id(),
        tracking=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        index=True,
        help="The member's branch, or the branch of the pledging organisation: "
        "its secretaries review the pledge.",
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, string="Company"
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
    state = fields.Selection(
        PLEDGE_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reject_reason = fields.Text(
        string="Reason for Rejection", readonly=True, copy=False, tracking=True
    )
    published_date = fields.Date(string="Published On", readonly=True, copy=False)
    assessment_rating = fields.Selection(
        RATINGS, string="Rating", readonly=True, copy=False, tracking=True
    )
    assessment_comment = fields.Text(readonly=True, copy=False)
    assessed_by_id = fields.Many2one(
        "res.users", string="Assessed by", readonly=True, copy=False
    )
    assessed_date = fields.Date(string="Assessed On", readonly=True, copy=False)

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
        if self.env.context.get("default_owner_type", "member") != "member":
            return False
        return self.env["cxzy.party.member"].search(
            [("user_id", "=", self.env.uid), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    @api.depends(
        "subject_type", "member_id.name", "organization_id.name", "campaign_id.name"
    )
    def _compute_name(self):
        for pledge in self:
            owner = pledge._owner()
            if owner and pledge.campaign_id:
                pledge.name = f"{owner.name} — {pledge.campaign_id.name}"
            else:
                pledge.name = owner.name or pledge.campaign_id.name or False

    @api.depends("subject_type", "member_id.branch_id", "organization_id.branch_id")
    def _compute_branch_id(self):
        for pledge in self:
            if pledge.subject_type == "member":
                pledge.branch_id = pledge.member_id.branch_id
            else:
                pledge.branch_id = pledge.organization_id.branch_id

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

    @api.onchange("subject_type")
    def _onchange_owner_type(self):
        if self.subject_type == "member":
            self.organization_id = False
        else:
            self.member_id = False

    def _owner(self):
        self.ensure_one()
        return self.member_id if self.subject_type == "member" else self.organization_id

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
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
                ]
            )
            existing = (
                self.sudo()
                .search(expression.AND([domain, [("id", "not in", self.ids)]]), limit=1)
                .sudo()
            )
            if existing:
                duplicate = (
                    existing.campaign_id.id,
                    existing.subject_type,
                    existing._owner().id,
                )
        if duplicate:
            campaign_id, subject_type, owner_id = duplicate
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

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _is_own(self):
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

    def _is_reviewer(self):
        """Who approves, rejects, publishes and assesses the pledge: for a member,
        the secretaries of their branch; for an organisation, the agency Party
        committee; the campaign office for both. Never the owner."""
        self.ensure_one()
        if self.env.su:
            return True
        if self._is_own():
            return False
        if self._is_office():
            return True
        user = self.env.user
        if self.sudo().subject_type == "member":
            return (
                user.has_group("cxzy_campaign.group_cxzy_secretary")
                and user in self.sudo().branch_id.manager_user_ids
            )
        return user.has_group("cxzy_campaign.group_cxzy_committee")

    def _check_content_editable(self):
        """A draft is written by its owner; once submitted only its reviewers
        change it; once published only the campaign office does."""
        if self._is_office():
            return
        for pledge in self:
            if pledge.state in PUBLIC_STATES:
                raise UserError(
                    self.env._(
                        "%(pledge)s has been published: only the campaign office "
                        "can change it. Report the fulfilment of its items instead.",
                        pledge=pledge.name,
                    )
                )
            if pledge.state != "draft" and not pledge._is_reviewer():
                raise UserError(
                    self.env._(
                        "%(pledge)s has been submitted for approval: only its "
                        "reviewers can change it now. Ask them to reject it back to "
                        "draft.",
                        pledge=pledge.name,
                    )
                )

    def _check_fulfilment_editable(self):
        """The status and evidence of items: by the owner's side while the pledge
        is published, frozen once it is assessed."""
        if self._is_office():
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
                if not pledge._is_owner_side():
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
            self.check_access("create")
            for vals in vals_list:
                self._check_no_transition_fields(vals)
        self._check_owner_free(
            [
                (
                    vals.get("campaign_id"),
                    vals.get("subject_type", "member"),
                    vals.get("member_id")
                    if vals.get("subject_type", "member") == "member"
                    else vals.get("organization_id"),
                )
                for vals in vals_list
            ]
        )
        pledges = super().create(vals_list)
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
            self.check_access("write")
            self._check_no_transition_fields(vals)
            content = {
                name
                for name in vals
                if name != "item_ids" and not name.startswith(("message_", "activity_"))
            }
            if content:
                self._check_content_editable()
        if {"campaign_id", "subject_type", "member_id", "organization_id"} & set(vals):
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

    def _check_no_transition_fields(self, vals):
        locked = TRANSITION_FIELDS & set(vals)
        if locked:
            raise UserError(
                self.env._(
                    "%(fields)s of a pledge change only through its buttons "
                    "(submit, approve, reject, publish, assess).",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(locked)
                    ),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        for pledge in self:
            if pledge.state in PUBLIC_STATES:
                raise UserError(
                    self.env._(
                        "%(pledge)s has been published and cannot be deleted: it is "
                        "on record for supervision.",
                        pledge=pledge.name,
                    )
                )
        if not self.env.su:
            self._check_content_editable()

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _transition(self, vals, body):
        """Write the new state as the system once the checks have passed, and
        say in the chatter who did it."""
        for pledge in self:
            pledge.sudo().write(vals)
            pledge.sudo().message_post(
                body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note"
            )
        return True

    def _check_reviewer(self):
        for pledge in self:
            if pledge._is_reviewer():
                continue
            if pledge._is_own():
                raise UserError(
                    self.env._(
                        "You cannot review your own pledge %(pledge)s.",
                        pledge=pledge.name,
                    )
                )
            if pledge.subject_type == "member":
                raise UserError(
                    self.env._(
                        "Only the secretaries of %(branch)s or the campaign office "
                        "can review the pledge %(pledge)s.",
                        branch=pledge.branch_id.display_name,
                        pledge=pledge.name,
                    )
                )
            raise UserError(
                self.env._(
                    "Only the agency Party committee or the campaign office can "
                    "review the pledge of an organisation (%(pledge)s).",
                    pledge=pledge.name,
                )
            )

    def action_submit(self):
        for pledge in self:
            if pledge.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft can be submitted: %(pledge)s is %(state)s.",
                        pledge=pledge.name,
                        state=pledge._state_label(),
                    )
                )
            if not (pledge._is_owner_side() or pledge._is_office()):
                raise UserError(
                    self.env._(
                        "Only the owner of %(pledge)s or a secretary of their "
                        "organisation can submit it.",
                        pledge=pledge.name,
                    )
                )
            if not pledge.item_ids:
                raise UserError(
                    self.env._(
                        "%(pledge)s has no items: add what you pledge to do before "
                        "submitting it.",
                        pledge=pledge.name,
                    )
                )
        return self._transition(
            {"state": "submitted", "reject_reason": False},
            self.env._("Submitted for approval by %(user)s.", user=self.env.user.name),
        )

    def action_approve(self):
        for pledge in self:
            if pledge.state != "submitted":
                raise UserError(
                    self.env._(
                        "Only a submitted pledge can be approved: %(pledge)s is "
                        "%(state)s.",
                        pledge=pledge.name,
                        state=pledge._state_label(),
                    )
                )
        self._check_reviewer()
        return self._transition(
            {"state": "approved"},
            self.env._("Approved by %(user)s.", user=self.env.user.name),
        )

    def action_reject(self, reason=None):
        for pledge in self:
            if pledge.state != "submitted":
                raise UserError(
                    self.env._(
                        "Only a submitted pledge can be rejected: %(pledge)s is "
                        "%(state)s.",
                        pledge=pledge.name,
                        state=pledge._state_label(),
                    )
                )
        self._check_reviewer()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Give the reason for rejecting the pledge: its owner needs it "
                    "to revise the pledge."
                )
            )
        return self._transition(
            {"state": "draft", "reject_reason": reason},
            self.env._(
                "Rejected by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=reason,
            ),
        )

    def action_publish(self):
        for pledge in self:
            if pledge.state != "approved":
                raise UserError(
                    self.env._(
                        "Only an approved pledge can be published: %(pledge)s is "
                        "%(state)s.",
                        pledge=pledge.name,
                        state=pledge._state_label(),
                    )
                )
        self._check_reviewer()
        for pledge in self:
            if not pledge.item_ids:
                raise UserError(
                    self.env._(
                        "%(pledge)s has no items: a pledge without items cannot be "
                        "published.",
                        pledge=pledge.name,
                    )
                )
        return self._transition(
            {"state": "published", "published_date": fields.Date.context_today(self)},
            self.env._(
                "Published by %(user)s: every colleague can now read it and "
                "comment on it.",
                user=self.env.user.name,
            ),
        )

    def action_assess(self, rating=None, comment=None):
        for pledge in self:
            if pledge.state != "published":
                raise UserError(
                    self.env._(
                        "Only a published pledge can be assessed: %(pledge)s is "
                        "%(state)s.",
                        pledge=pledge.name,
                        state=pledge._state_label(),
                    )
                )
        self._check_reviewer()
        ratings = dict(
            self._fields["assessment_rating"]._description_selection(self.env)
        )
        if rating not in ratings:
            raise UserError(self.env._("Choose a rating to assess the pledge."))
        return self._transition(
            {
                "state": "assessed",
                "assessment_rating": rating,
                "assessment_comment": comment or False,
                "assessed_by_id": self.env.uid,
                "assessed_date": fields.Date.context_today(self),
            },
            self.env._(
                "Assessed by %(user)s: %(rating)s.",
                user=self.env.user.name,
                rating=ratings[rating],
            ),
        )

    def action_open_reject_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Pledge"),
            "res_model": "cxzy.pledge.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pledge_id": self.id},
        }

    def action_open_assess_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assess Pledge"),
            "res_model": "cxzy.pledge.assess",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pledge_id": self.id},
        }
