# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from collections import defaultdict

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

#: A branch holds at most this many posts per campaign (亮牌示范: 1-2 posts).
POST_SLOTS = (1, 2)
SLOT_INDEX = "cxzy_demonstration_post_slot_uniq"
#: Fields that change only through the transition buttons.
STATE_FIELDS = ("state", "slot", "confirmed_by", "confirmed_date")


class CxzyDemonstrationPost(models.Model):
    """A Party member's demonstration post (党员示范岗), chosen by the branch."""

    _name = "cxzy.demonstration.post"
    _description = "Demonstration Post"
    _inherit = ["mail.thread", "mail.activity.mixin", "cxzy.campaign.bound.mixin"]
    _order = "campaign_id desc, organization_id, slot, id"
    _rec_name = "title"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "cxzy.campaign",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('is_template', '=', False)]",
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('organization_id', 'child_of', organization_id)]",
    )
    # Related fields read as superuser: whoever may read the post (every member,
    # once it is confirmed) sees who holds it, on the card too.
    member_name = fields.Char(related="member_id.name")
    member_job_title = fields.Char(related="member_id.job_title", string="Job Title")
    member_user_id = fields.Many2one(related="member_id.user_id", string="User")
    department_id = fields.Many2one(related="member_id.department_id")
    title = fields.Char(
        string="Post Title",
        required=True,
        tracking=True,
        help="The name of the post, e.g. 政策研究示范岗.",
    )
    service_standard = fields.Text(
        help="What the member commits to, as shown on the post card.",
    )
    term_start = fields.Date(
        required=True,
        compute="_compute_term",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    term_end = fields.Date(
        required=True,
        compute="_compute_term",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    election_date = fields.Date(tracking=True)
    voters_present = fields.Integer(
        tracking=True,
        help="Members present at the branch meeting that elected the post.",
    )
    votes_for = fields.Integer(tracking=True)
    election_valid = fields.Boolean(
        string="Valid Election",
        compute="_compute_election_valid",
        store=True,
        help="More than half of the members present voted for the post.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("elected", "Elected"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    slot = fields.Integer(
        required=True,
        readonly=True,
        copy=False,
        help="Which of the branch's two posts of the campaign this is.",
    )
    confirmed_by = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    company_id = fields.Many2one(
        related="campaign_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )

    _sql_constraints = [
        (
            "slot_check",
            "CHECK(slot IN (1, 2))",
            "A branch holds at most two demonstration posts per campaign.",
        ),
    ]

    def init(self):
        # One live post per slot: two slots per branch and campaign, enforced by
        # the database even when two transactions add a post at the same moment.
        # Cancelled posts leave the index and free their slot.
        if not index_exists(self.env.cr, SLOT_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON %s (campaign_id, organization_id, slot)"
                    " WHERE state != 'cancelled'",
                    SQL.identifier(SLOT_INDEX),
                    SQL.identifier(self._table),
                )
            )

    @api.depends("campaign_id")
    def _compute_term(self):
        for post in self:
            if not post.term_start:
                post.term_start = post.campaign_id.date_start
            if not post.term_end:
                post.term_end = post.campaign_id.date_end

    @api.depends("voters_present", "votes_for")
    def _compute_election_valid(self):
        for post in self:
            post.election_valid = post.votes_for * 2 > post.voters_present

    @api.depends("title", "member_id.name")
    def _compute_display_name(self):
        for post in self:
            post.display_name = (
                f"{post.title} ({post.member_id.name})"
                if post.member_id
                else post.title or ""
            )

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------
    @api.constrains("organization_id", "member_id")
    def _check_branch_member(self):
        for post in self:
            organization = post.organization_id
            if organization.kind not in ("branch", "general_branch"):
                raise ValidationError(
                    self.env._(
                        "%(organization)s is not a Party branch: demonstration "
                        "posts are set up by branches and general branches.",
                        organization=organization.name,
                    )
                )
            member_path = post.member_id.organization_id.parent_path or ""
            if not member_path.startswith(organization.parent_path or "/"):
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(organization)s and cannot "
                        "hold one of its demonstration posts.",
                        member=post.member_id.name,
                        organization=organization.name,
                    )
                )

    @api.constrains("term_start", "term_end", "campaign_id")
    def _check_term(self):
        for post in self:
            campaign = post.campaign_id
            if post.term_end < post.term_start:
                raise ValidationError(
                    self.env._(
                        "The term of %(post)s ends before it starts.",
                        post=post.display_name,
                    )
                )
            if post.term_start < campaign.date_start or (
                post.term_end > campaign.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The term of %(post)s must lie within the campaign "
                        "%(campaign)s (%(start)s to %(end)s).",
                        post=post.display_name,
                        campaign=campaign.name,
                        start=campaign.date_start,
                        end=campaign.date_end,
                    )
                )

    @api.constrains("voters_present", "votes_for", "state")
    def _check_votes(self):
        for post in self:
            if post.voters_present < 0 or post.votes_for < 0:
                raise ValidationError(
                    self.env._(
                        "%(post)s: the numbers of voters present and of votes for "
                        "cannot be negative.",
                        post=post.display_name,
                    )
                )
            if post.votes_for > post.voters_present:
                raise ValidationError(
                    self.env._(
                        "%(post)s: %(votes)s votes for is more than the "
                        "%(present)s voters present.",
                        post=post.display_name,
                        votes=post.votes_for,
                        present=post.voters_present,
                    )
                )
            if post.state in ("elected", "confirmed") and not post.election_valid:
                raise ValidationError(
                    self.env._(
                        "%(post)s has been elected: its votes for must remain more "
                        "than half of the voters present.",
                        post=post.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Slots: at most two live posts per branch and campaign
    # ------------------------------------------------------------------
    def _raise_slots_full(self, campaign, organization):
        raise UserError(
            self.env._(
                "%(organization)s already has two demonstration posts in "
                "%(campaign)s: a branch sets up one or two posts. Cancel one "
                "before adding another.",
                organization=organization.name,
                campaign=campaign.name,
            )
        )

    def _take_slots(self, pairs):
        """The first free slot for each (campaign id, organisation id) of
        ``pairs``, in order; raise the clear error when a branch is full.

        Live posts of ``self`` are ignored: they are the ones moving."""
        pairs = [(c or False, o or False) for c, o in pairs]
        groups = self.sudo()._read_group(
            [
                ("campaign_id", "in", [c for c, _o in pairs if c]),
                ("organization_id", "in", [o for _c, o in pairs if o]),
                ("state", "!=", "cancelled"),
                ("id", "not in", self.ids),
            ],
            ["campaign_id", "organization_id", "slot"],
        )
        taken = defaultdict(set)
        for campaign, organization, slot in groups:
            taken[campaign.id, organization.id].add(slot)
        slots = []
        for pair in pairs:
            free = [slot for slot in POST_SLOTS if slot not in taken[pair]]
            if not free:
                self._raise_slots_full(
                    self.env["cxzy.campaign"].sudo().browse(pair[0]),
                    self.env["cxzy.party.organization"].sudo().browse(pair[1]),
                )
            taken[pair].add(free[0])
            slots.append(free[0])
        return slots

    def _slot_race_lost(self, error, pairs):
        """Another transaction took the slot between our check and our write:
        the unique index refused the row. Explain it like the check does."""
        if error.diag.constraint_name != SLOT_INDEX:
            raise error
        # Our savepoint is rolled back; the winner's row is now visible.
        self._take_slots(pairs)
        campaign_id, organization_id = pairs[0]
        self._raise_slots_full(
            self.env["cxzy.campaign"].sudo().browse(campaign_id),
            self.env["cxzy.party.organization"].sudo().browse(organization_id),
        )

    @api.model_create_multi
    def create(self, vals_list):
        posts = self
        if not self.env.su:
            # Refuse who may not create before telling whether a branch is full.
            self.browse().check_access("create")
            self._check_manages(
                self.env["cxzy.party.organization"].browse(
                    {vals.get("organization_id") for vals in vals_list} - {None, False}
                )
            )
            # A new post starts as a draft, whatever the values or the context say.
            for vals in vals_list:
                for name in STATE_FIELDS:
                    vals.pop(name, None)
            defaults = {f"default_{name}" for name in STATE_FIELDS}
            context = {
                key: value
                for key, value in self.env.context.items()
                if key not in defaults
            }
            posts = self.with_env(self.env(context=context))
        live = [vals for vals in vals_list if vals.get("state") != "cancelled"]
        pairs = [
            (vals.get("campaign_id"), vals.get("organization_id")) for vals in live
        ]
        for vals, slot in zip(live, self._take_slots(pairs), strict=True):
            vals["slot"] = slot
        for vals in vals_list:
            vals.setdefault("slot", POST_SLOTS[0])
        try:
            with self.env.cr.savepoint():
                return super(CxzyDemonstrationPost, posts).create(vals_list)
        except UniqueViolation as error:
            self._slot_race_lost(error, pairs)

    def write(self, vals):
        protected = [name for name in STATE_FIELDS if name in vals]
        if protected and not self.env.su:
            raise UserError(
                self.env._(
                    "The status of a demonstration post changes only through its "
                    "buttons (elect, confirm, cancel)."
                )
            )
        if {"campaign_id", "organization_id"} & set(vals):
            moving = self.filtered(
                lambda post: (
                    post.campaign_id.id != vals.get("campaign_id", post.campaign_id.id)
                    or post.organization_id.id
                    != vals.get("organization_id", post.organization_id.id)
                )
            )
            if moving:
                raise UserError(
                    self.env._(
                        "%(post)s cannot move to another campaign or branch: "
                        "cancel it and set up a new post instead.",
                        post=moving[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        confirmed = self.filtered(lambda post: post.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "%(post)s has been confirmed by the Party committee and cannot "
                    "be deleted. Cancel it instead.",
                    post=confirmed[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # State
    # ------------------------------------------------------------------
    def _check_state(self, allowed):
        wrong = self.filtered(lambda post: post.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(post)s is %(state)s: this step is not possible now.",
                    post=wrong[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _is_office(self):
        return self.env.is_superuser() or self.env.user.has_group(
            "cxzy_campaign.group_cxzy_office"
        )

    def _check_manages(self, organizations):
        """Only the branch's secretary or deputy (or those above them) and the
        office act for the branch."""
        if self._is_office():
            return
        for organization in organizations.sudo():
            if self.env.user not in organization.manager_user_ids:
                raise AccessError(
                    self.env._(
                        "Only the secretary or deputy secretary of %(organization)s "
                        "can do this for its demonstration posts.",
                        organization=organization.name,
                    )
                )

    def _check_branch_manager(self):
        self._check_manages(self.organization_id)

    def _check_committee(self):
        if not self.env.is_superuser() and not self.env.user.has_group(
            "cxzy_campaign.group_cxzy_committee"
        ):
            raise AccessError(
                self.env._(
                    "Only the agency Party committee confirms or withdraws "
                    "confirmed demonstration posts."
                )
            )

    def action_elect(self):
        """The branch secretary records the election (推选)."""
        self._check_state(("draft",))
        self._check_branch_manager()
        for post in self:
            if not post.election_date:
                raise UserError(
                    self.env._(
                        "Record the date of the branch election of %(post)s first.",
                        post=post.display_name,
                    )
                )
            if not post.election_valid:
                raise UserError(
                    self.env._(
                        "%(post)s is not elected: %(votes)s votes for out of "
                        "%(present)s voters present is not more than half.",
                        post=post.display_name,
                        votes=post.votes_for,
                        present=post.voters_present,
                    )
                )
        self.sudo().write({"state": "elected"})

    def action_confirm(self):
        """The agency Party committee confirms the elected post."""
        self._check_state(("elected",))
        self._check_committee()
        self.sudo().write(
            {
                "state": "confirmed",
                "confirmed_by": self.env.user.id,
                "confirmed_date": fields.Date.context_today(self),
            }
        )

    def action_cancel(self):
        """Cancelling frees the branch's slot."""
        self._check_state(("draft", "elected", "confirmed"))
        confirmed = self.filtered(lambda post: post.state == "confirmed")
        if confirmed:
            confirmed._check_committee()
        (self - confirmed)._check_branch_manager()
        self.sudo().write({"state": "cancelled"})

    def action_reset_draft(self):
        """A cancelled post comes back to draft if its branch has a free slot."""
        self._check_state(("cancelled",))
        self._check_branch_manager()
        pairs = [(post.campaign_id.id, post.organization_id.id) for post in self]
        slots = self._take_slots(pairs)
        try:
            with self.env.cr.savepoint():
                for post, slot in zip(self, slots, strict=True):
                    post.sudo().write(
                        {
                            "state": "draft",
                            "slot": slot,
                            "confirmed_by": False,
                            "confirmed_date": False,
                        }
                    )
        except UniqueViolation as error:
            self._slot_race_lost(error, pairs)


class CxzyCampaign(models.Model):
    _inherit = "cxzy.campaign"

    demonstration_post_ids = fields.One2many(
        "cxzy.demonstration.post", "campaign_id", string="Demonstration Posts"
    )
    demonstration_post_count = fields.Integer(
        compute="_compute_demonstration_post_counts",
    )
    post_missing_count = fields.Integer(
        string="Branches without a Post",
        compute="_compute_demonstration_post_counts",
        help="Participating branches that have no demonstration post yet.",
    )

    def _organizations_with_post(self):
        """{campaign id: ids of organisations with a live post}, in one query.

        Computed as superuser: a missing post is a fact about the campaign,
        whatever posts the current user may read."""
        groups = (
            self.env["cxzy.demonstration.post"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["campaign_id", "organization_id"],
                ["__count"],
            )
        )
        with_post = defaultdict(set)
        for campaign, organization, _count in groups:
            with_post[campaign.id].add(organization.id)
        return with_post

    @api.depends_context("uid")
    def _compute_demonstration_post_counts(self):
        counts = dict(
            self.env["cxzy.demonstration.post"]._read_group(
                [("campaign_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["campaign_id"],
                ["__count"],
            )
        )
        with_post = self._organizations_with_post()
        for campaign in self:
            campaign.demonstration_post_count = counts.get(campaign, 0)
            campaign.post_missing_count = len(
                set(campaign.organization_ids.ids) - with_post[campaign.id]
            )

    def _organizations_without_post(self):
        self.ensure_one()
        with_post = self._organizations_with_post()[self.id]
        return self.organization_ids.filtered(lambda org: org.id not in with_post)

    def action_view_demonstration_posts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_demonstration_post_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {
            "default_campaign_id": self.id,
            "search_default_group_organization": 1,
        }
        return action

    def action_view_branches_without_post(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_party_organization_action"
        )
        action.update(
            {
                "name": self.env._("Branches without a Demonstration Post"),
                "domain": [("id", "in", self._organizations_without_post().ids)],
                "context": {"create": False},
            }
        )
        return action
