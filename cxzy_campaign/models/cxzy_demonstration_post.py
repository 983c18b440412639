# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from collections import defaultdict

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import Step

_lt = LazyTranslate(__name__)

#: A branch holds at most this many posts per campaign (亮牌示范: 1-2 posts).
POST_SLOTS = (1, 2)
SLOT_INDEX = "cxzy_demonstration_post_slot_uniq"
#: The branch meeting's record: fixed once the post is elected.
ELECTION_FIELDS = ("election_date", "voters_present", "votes_for")
#: Bounds of the numbers of a branch meeting.
MAX_VOTERS = 100000
_BRANCH = _lt(
    "the secretary or deputy secretary of the post's branch (or of an "
    "organisation above it), or the campaign office"
)


class CxzyDemonstrationPost(models.Model):
    """A Party member's demonstration post (党员示范岗), chosen by the branch."""

    _name = "cxzy.demonstration.post"
    _description = "Demonstration Post"
    _cxzy_translates_races = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "cxzy.campaign.bound.mixin",
        "cxzy.workflow.mixin",
    ]
    _order = "campaign_id desc, organization_id, slot, id"
    _rec_name = "title"
    _check_company_auto = True

    _cxzy_states = [
        ("draft", _lt("Draft")),
        ("elected", _lt("Elected")),
        ("confirmed", _lt("Confirmed")),
        ("cancelled", _lt("Cancelled")),
    ]
    _cxzy_steps = (
        Step(
            "elect",
            _lt("Record Election"),
            ("draft",),
            "elected",
            rule="_is_branch_manager",
            who=_BRANCH,
        ),
        Step(
            "confirm",
            _lt("Confirm"),
            ("elected",),
            "confirmed",
            groups=("cxzy_campaign.group_cxzy_committee",),
            who=_lt("the agency Party committee"),
            sets=("confirmed_by", "confirmed_date"),
        ),
        # Before confirmation the branch cancels its post; once confirmed only
        # the committee withdraws it. Either frees the branch's slot.
        Step(
            "cancel",
            _lt("Cancel"),
            ("draft", "elected", "confirmed"),
            "cancelled",
            rule="_may_cancel",
            who=_lt(
                "the post's branch before it is confirmed, the agency Party "
                "committee once it is confirmed"
            ),
        ),
        Step(
            "reset_draft",
            _lt("Reset to Draft"),
            ("cancelled",),
            "draft",
            rule="_is_branch_manager",
            who=_BRANCH,
            sets=("slot", "confirmed_by", "confirmed_date"),
        ),
    )
    _cxzy_owner_fields = ("campaign_id", "organization_id", "member_id")
    _cxzy_locked_states = ("confirmed",)
    _cxzy_deletable_states = ("draft", "elected", "cancelled")

    campaign_id = fields.Many2one(readonly=True, tracking=True)
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Branch",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        required=True,
        readonly=True,
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
        size=256,
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
        help="More than half of the members present voted for the post: "
        "computed from the numbers, never typed.",
    )
    slot = fields.Integer(
        required=True,
        readonly=True,
        copy=False,
        help="Which of the branch's two posts of the campaign this is.",
    )
    confirmed_by = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    can_elect = fields.Boolean(compute="_compute_cxzy_can")
    can_confirm = fields.Boolean(compute="_compute_cxzy_can")
    can_cancel = fields.Boolean(compute="_compute_cxzy_can")
    can_reset_draft = fields.Boolean(compute="_compute_cxzy_can")

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

    @staticmethod
    def _is_valid_election(voters_present, votes_for):
        """More than half of the members present voted for the post."""
        return voters_present > 0 and votes_for * 2 > voters_present

    @api.depends("voters_present", "votes_for")
    def _compute_election_valid(self):
        for post in self:
            post.election_valid = self._is_valid_election(
                post.voters_present or 0, post.votes_for or 0
            )

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
            if post.state in ("elected", "confirmed") and not self._is_valid_election(
                post.voters_present, post.votes_for
            ):
                raise ValidationError(
                    self.env._(
                        "%(post)s has been elected: its votes for must remain more "
                        "than half of the voters present.",
                        post=post.display_name,
                    )
                )

    def _clean_numbers(self, vals):
        """The numbers of the branch meeting as whole numbers, whatever the
        caller sent ('abc', None, 2.5, huge): a clear message, never a
        TypeError from our comparisons."""
        return self._cxzy_whole_numbers(
            vals,
            {
                "voters_present": self.env._("Voters present"),
                "votes_for": self.env._("Votes for"),
            },
            maximum=MAX_VOTERS,
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _cxzy_protected_on_create(self):
        # The server gives the slot at creation (below), after refusing one
        # given by the caller.
        return super()._cxzy_protected_on_create() - {"slot"}

    @api.model
    def _cxzy_protected_on_write(self):
        return super()._cxzy_protected_on_write() | {"slot"}

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._clean_numbers(vals) for vals in vals_list]
        if not self.env.su:
            # Refuse who may not create before telling whether a branch is full.
            self.browse().check_access("create")
            if any("slot" in vals for vals in vals_list):
                self._cxzy_refuse_fields({"slot"})
            organization_ids = set()
            for vals in vals_list:
                try:
                    organization_ids.add(int(vals.get("organization_id") or 0))
                except (TypeError, ValueError):
                    continue
            self._check_manages(
                self.env["cxzy.party.organization"]
                .browse(organization_ids - {0})
                .exists()
            )
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
                return super().create(vals_list)
        except UniqueViolation as error:
            self._slot_race_lost(error, pairs)

    def write(self, vals):
        vals = self._clean_numbers(vals)
        if not self.env.su:
            recorded = self.filtered(
                lambda post: post.state not in ("draft", "cancelled")
            )
            if recorded and set(ELECTION_FIELDS) & set(vals):
                raise UserError(
                    self.env._(
                        "The election of %(post)s has been recorded: its date and "
                        "numbers no longer change. Cancel the post and reset it "
                        "to draft to correct them.",
                        post=recorded[0].display_name,
                    )
                )
        elif {"campaign_id", "organization_id"} & set(vals):
            # Owner fields are the guard's for everyone else; the system keeps
            # the slots right too.
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

    # ------------------------------------------------------------------
    # Who may take a step
    # ------------------------------------------------------------------
    def _is_office(self):
        return self.env.su or self.env.user.has_group("cxzy_campaign.group_cxzy_office")

    def _check_manages(self, organizations):
        """Only the branch's secretary or deputy (or those above them) and the
        office set up posts for the branch."""
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

    def _is_branch_manager(self):
        return self._cxzy_office_or_secretary_of("organization_id")

    def _may_cancel(self):
        self.ensure_one()
        if self.state == "confirmed":
            return self.env.user.has_group("cxzy_campaign.group_cxzy_committee")
        return self._is_branch_manager()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _check_valid_election(self):
        """The validity comes from the numbers of the meeting, never from the
        stored flag."""
        for post in self:
            if not self._is_valid_election(post.voters_present, post.votes_for):
                raise UserError(
                    self.env._(
                        "%(post)s is not elected: %(votes)s votes for out of "
                        "%(present)s voters present is not more than half.",
                        post=post.display_name,
                        votes=post.votes_for,
                        present=post.voters_present,
                    )
                )

    def _cxzy_check_elect(self):
        for post in self:
            if not post.election_date:
                raise UserError(
                    self.env._(
                        "Record the date of the branch election of %(post)s first.",
                        post=post.display_name,
                    )
                )
        self._check_valid_election()

    def _cxzy_check_confirm(self):
        self._check_valid_election()

    def action_elect(self):
        """The branch secretary records the election (推选)."""
        return self._cxzy_do("elect")

    def action_confirm(self):
        """The agency Party committee confirms the elected post."""
        return self._cxzy_do(
            "confirm",
            {
                "confirmed_by": self.env.uid,
                "confirmed_date": fields.Date.context_today(self),
            },
        )

    def action_cancel(self):
        """Cancelling (or withdrawing a confirmed post) frees the slot."""
        return self._cxzy_do("cancel")

    def action_reset_draft(self):
        """A cancelled post comes back to draft if its branch has a free slot."""
        self._cxzy_check("reset_draft")
        pairs = [(post.campaign_id.id, post.organization_id.id) for post in self]
        slots = dict(zip(self.ids, self._take_slots(pairs), strict=True))
        try:
            with self.env.cr.savepoint():
                return self._cxzy_do(
                    "reset_draft",
                    lambda post: {
                        "slot": slots[post.id],
                        "confirmed_by": False,
                        "confirmed_date": False,
                    },
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
