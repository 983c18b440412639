# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools.translate import LazyTranslate

from .cxzy_workflow_mixin import written_language

_lt = LazyTranslate(__name__)

#: the group each body of the roster gives
BODY_GROUPS = {
    "leading_group": "cxzy_campaign.group_cxzy_leading",
    "office": "cxzy_campaign.group_cxzy_office",
}
#: the groups' names in the chatter notes (code translations: readable in
#: Chinese also while the demo loads, before the groups' names are)
GROUP_LABELS = {
    "cxzy_campaign.group_cxzy_leading": _lt("Steering Group"),
    "cxzy_campaign.group_cxzy_office": _lt("Campaign Office"),
}
#: the campaigns whose roster gives rights: being prepared or running
GRANTING_STATES = ("draft", "running")


class CxzyCampaignRosterGrant(models.Model):
    """A group the roster gave a user, and only the roster: the groups it
    added to the user then (the group and those it implies that the user
    did not hold). A group the user held already (given by hand, or implied
    by another group) has no grant and is never taken away by the roster.

    Only the server writes grants (no access right lets anyone create,
    change or delete one); the office reads them."""

    _name = "cxzy.campaign.roster.grant"
    _description = "Group Given by a Campaign Roster"
    _order = "user_id, group_id"
    _rec_name = "group_id"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", index=True, readonly=True
    )
    group_id = fields.Many2one(
        "res.groups", required=True, ondelete="cascade", readonly=True
    )
    added_group_ids = fields.Many2many(
        "res.groups",
        "cxzy_campaign_roster_grant_group_rel",
        "grant_id",
        "group_id",
        string="Groups Added",
        readonly=True,
        help="The groups the user did not hold before the roster gave this one "
        "(it and the groups it implies): they go when it goes.",
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        ondelete="set null",
        readonly=True,
        help="A campaign whose roster gives the group.",
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "user_group_uniq",
            "unique(user_id, group_id)",
            "A user is given a group by the roster once.",
        ),
    ]

    @api.model
    def _cxzy_sync_all(self):
        """On installation and update: every roster's people hold what the
        rosters say (also rosters filled in before they granted rights)."""
        lines = self.env["cxzy.campaign.roster"].sudo().search([])
        self._cxzy_sync(lines.user_id | self.sudo().search([]).user_id)
        return True

    @api.model
    def _cxzy_sync_campaigns(self, campaigns):
        self._cxzy_sync(campaigns.sudo().roster_ids.user_id)

    @api.model
    def _cxzy_wanted(self, users):
        """{(user, group): campaign}: the groups the rosters give ``users``
        now, each with one campaign that gives it."""
        lines = (
            self.env["cxzy.campaign.roster"]
            .sudo()
            .with_context(active_test=False)
            .search([("employee_id.user_id", "in", users.ids)])
        )
        groups = {
            body: self.env.ref(xmlid).sudo() for body, xmlid in BODY_GROUPS.items()
        }
        wanted = {}
        for line in lines.sorted(lambda line: (line.campaign_id.id, line.id)):
            campaign = line.campaign_id
            if (
                campaign.state in GRANTING_STATES
                and campaign.active
                and not campaign.is_template
                and line.user_id in users
            ):
                wanted.setdefault((line.user_id, groups[line.body]), campaign)
        return wanted

    @api.model
    def _cxzy_sync(self, users):
        """Make the roster-given groups of ``users`` what the rosters say:
        take away those no roster gives any more (with the groups they
        added), then give those a roster gives and the user lacks; each
        change in the chatter of the campaign concerned."""
        users = users.sudo().filtered(lambda user: user and not user.share)
        if not users:
            return
        wanted = self._cxzy_wanted(users)
        grants = self.sudo().search([("user_id", "in", users.ids)])
        # taken away by hand meanwhile: nothing left to take away
        gone = grants.filtered(lambda g: g.group_id not in g.user_id.groups_id)
        grants -= gone
        ended = grants.filtered(lambda g: (g.user_id, g.group_id) not in wanted)
        for grant in grants - ended:
            campaign = wanted[grant.user_id, grant.group_id]
            if grant.campaign_id != campaign:
                grant.campaign_id = campaign
        logs = [
            (grant.campaign_id, "revoke", grant.user_id, grant.group_id)
            for grant in ended
        ]
        removed = {}
        for grant in ended:
            removed.setdefault(grant.user_id, self.env["res.groups"].sudo())
            removed[grant.user_id] |= grant.added_group_ids
        (gone | ended).unlink()
        self._cxzy_take_away(removed)
        # one write per group for all the users who lack it; the office
        # first: it implies the leading group
        Users = self.env["res.users"].sudo()
        values = []
        for group in sorted(
            {group for _user, group in wanted}, key=lambda g: -len(g.trans_implied_ids)
        ):
            lacking = Users.union(
                *(
                    user
                    for user, wanted_group in wanted
                    if wanted_group == group and group not in user.groups_id
                )
            )
            if not lacking:
                continue
            before = {user: user.groups_id for user in lacking}
            lacking.write({"groups_id": [Command.link(group.id)]})
            for user in lacking:
                campaign = wanted[user, group]
                values.append(
                    {
                        "user_id": user.id,
                        "group_id": group.id,
                        "campaign_id": campaign.id,
                        "added_group_ids": [
                            Command.set((user.groups_id - before[user]).ids)
                        ],
                    }
                )
                logs.append((campaign, "grant", user, group))
        self.sudo().create(values)
        self._cxzy_log(logs)

    @api.model
    def _cxzy_take_away(self, removed):
        """Take the groups ``removed`` ({user: groups}) away, one write for
        the users who lose the same groups; a group the user still holds
        implies stays (given by hand since, e.g.)."""
        by_groups = {}
        for user, groups in removed.items():
            key = tuple(sorted(groups.ids))
            by_groups[key] = by_groups.get(key, user.browse()) | user
        for key, users in by_groups.items():
            users.write({"groups_id": [Command.unlink(gid) for gid in key]})
        users = self.env["res.users"].sudo().union(*removed)
        for user in users:
            missing = user.groups_id.trans_implied_ids - user.groups_id
            if missing:
                user.write({"groups_id": [Command.link(g.id) for g in missing]})

    @api.model
    def _cxzy_log(self, logs):
        """One chatter note per campaign whose roster made changes, a line
        per change, by the user who changed the roster."""
        author = self.env.user.partner_id.id
        labels = {
            self.env.ref(xmlid).id: label for xmlid, label in GROUP_LABELS.items()
        }
        # the names of all the users at once
        names = dict(
            self.env["res.users"]
            .sudo()
            .browse({user.id for _c, _k, user, _g in logs})
            .mapped(lambda user: (user.id, user.name))
        )
        lines = {}
        for campaign, kind, user, group in logs:
            if not campaign:
                continue
            env = campaign.with_context(lang=written_language(self.env)).env
            if kind == "grant":
                line = env._(
                    "Roster: %(user)s was given the rights of “%(group)s”.",
                    user=names[user.id],
                    group=env._(labels[group.id]),
                )
            else:
                line = env._(
                    "Roster: %(user)s no longer holds the rights of “%(group)s” "
                    "(no roster of a campaign in preparation or running gives them).",
                    user=names[user.id],
                    group=env._(labels[group.id]),
                )
            lines.setdefault(campaign, []).append(Markup("<p>%s</p>") % line)
        for campaign, paragraphs in lines.items():
            campaign.sudo()._message_log(
                body=Markup("").join(paragraphs), author_id=author
            )
