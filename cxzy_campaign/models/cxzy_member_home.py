# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError

#: the states of a branch's assignment that still wait for work
OPEN_ASSIGNMENT_STATES = ("todo", "in_progress")


class CxzyPartyMember(models.Model):
    """My home (我的): what a member has to do in the campaign, on one card of
    their own Party member record — their branch, their pledge and its items,
    their branch's open tasks, their party-spirit analysis report, their
    demonstration post (and, with the evaluation, their ballots and their
    branch's duty report).

    The ``home_*`` fields are filled for the current user's own record only:
    on anybody else's record they are empty, whoever reads it, and the
    ``action_home_*`` buttons refuse it."""

    _inherit = "cxzy.party.member"

    is_me = fields.Boolean(compute="_compute_home")
    home_pledge_id = fields.Many2one(
        "cxzy.pledge", compute="_compute_home", string="My Pledge"
    )
    home_pledge_state = fields.Selection(
        lambda self: (
            self.env["cxzy.pledge"]._fields["state"]._description_selection(self.env)
        ),
        compute="_compute_home",
        string="My Pledge's State",
    )
    home_pledge_items = fields.Text(compute="_compute_home", string="What I Pledge")
    home_task_count = fields.Integer(
        compute="_compute_home", string="My Branch's Open Tasks"
    )
    home_report_id = fields.Many2one(
        "cxzy.party.spirit.report",
        compute="_compute_home",
        string="My Party-Spirit Analysis Report",
    )
    home_report_state = fields.Selection(
        lambda self: (
            self.env["cxzy.party.spirit.report"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        compute="_compute_home",
        string="My Report's State",
    )
    home_duty_report_id = fields.Many2one(
        "cxzy.duty.report",
        compute="_compute_home",
        string="My Branch's Duty Report",
        help="The duty report of the branch whose secretary I am.",
    )
    home_duty_report_state = fields.Selection(
        lambda self: (
            self.env["cxzy.duty.report"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        compute="_compute_home",
        string="Duty Report's State",
    )
    home_post_id = fields.Many2one(
        "cxzy.demonstration.post",
        compute="_compute_home",
        string="My Demonstration Post",
    )
    home_post_state = fields.Selection(
        lambda self: (
            self.env["cxzy.demonstration.post"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        compute="_compute_home",
        string="My Post's State",
    )

    def _home_members(self):
        """The records of ``self`` that are the current user's own."""
        return self.filtered(lambda member: member.user_id == self.env.user)

    @api.depends_context("uid")
    def _compute_home(self):
        own = self._home_members()
        for member in self - own:
            member.update(self._home_empty_values())
        # A user has one member record per company: a handful of records.
        # The states are read here, not related: a non-stored record cannot
        # carry a dependency on its states.
        for member in own:
            values = member._home_values()
            for name, (record, field) in self._HOME_STATES.items():
                values[name] = values[record][field]
            member.update(values)

    _HOME_STATES = {  # noqa: RUF012
        "home_pledge_state": ("home_pledge_id", "state"),
        "home_pledge_items": ("home_pledge_id", "item_summary"),
        "home_report_state": ("home_report_id", "state"),
        "home_duty_report_state": ("home_duty_report_id", "state"),
        "home_post_state": ("home_post_id", "state"),
    }

    @api.model
    def _home_empty_values(self):
        return {
            **dict.fromkeys(self._HOME_STATES, False),
            "is_me": False,
            "home_pledge_id": False,
            "home_task_count": 0,
            "home_report_id": False,
            "home_duty_report_id": False,
            "home_post_id": False,
        }

    def _home_values(self):
        """The home of ``self``, the current user's member record, searched
        with the user's own access rights."""
        self.ensure_one()
        env = self.env
        return {
            "is_me": True,
            "home_pledge_id": env["cxzy.pledge"].search(
                [("subject_type", "=", "member"), ("member_id", "=", self.id)],
                order="id desc",
                limit=1,
            ),
            "home_task_count": env["cxzy.campaign.assignment"].search_count(
                self._home_task_domain()
            ),
            "home_report_id": env["cxzy.party.spirit.report"].search(
                [("member_id", "=", self.id)], order="id desc", limit=1
            ),
            "home_duty_report_id": env["cxzy.duty.report"].search(
                [("secretary_id", "=", self.id)], order="id desc", limit=1
            ),
            "home_post_id": env["cxzy.demonstration.post"].search(
                [("member_id", "=", self.id), ("state", "!=", "cancelled")],
                order="id desc",
                limit=1,
            ),
        }

    def _home_task_domain(self):
        return [
            ("organization_id", "=", self.branch_id.id),
            ("state", "in", OPEN_ASSIGNMENT_STATES),
        ]

    def _check_home_owner(self):
        self.ensure_one()
        if self.user_id != self.env.user:
            raise AccessError(
                self.env._("This is the home of another member: open your own.")
            )

    def _home_open(self, record, action_xmlid, domain, context=None, new=False):
        """Open ``record`` in a form; when there is none, a new one if ``new``
        (what the member writes), else the list of the action
        ``action_xmlid`` restricted to ``domain``."""
        self._check_home_owner()
        action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        action["context"] = context or {}
        if record or new:
            action.update({"view_mode": "form", "views": [(False, "form")]})
            if record:
                action["res_id"] = record.id
        else:
            action["domain"] = domain
        return action

    def action_home_pledge(self):
        """My pledge; a new one for the running campaign when I have none."""
        return self._home_open(
            self.home_pledge_id,
            "cxzy_campaign.cxzy_pledge_action",
            [("subject_type", "=", "member"), ("member_id", "=", self.id)],
            {"default_subject_type": "member"},
            new=True,
        )

    def action_home_tasks(self):
        self._check_home_owner()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_campaign.cxzy_campaign_assignment_action"
        )
        action["domain"] = self._home_task_domain()
        action["context"] = {"create": False}
        return action

    def action_home_report(self):
        return self._home_open(
            self.home_report_id,
            "cxzy_campaign.cxzy_party_spirit_report_action",
            [("member_id", "=", self.id)],
            new=True,
        )

    def action_home_duty_report(self):
        return self._home_open(
            self.home_duty_report_id,
            "cxzy_campaign.cxzy_duty_report_action",
            [("secretary_id", "=", self.id)],
        )

    def action_home_post(self):
        return self._home_open(
            self.home_post_id,
            "cxzy_campaign.cxzy_demonstration_post_action",
            [("member_id", "=", self.id)],
        )
