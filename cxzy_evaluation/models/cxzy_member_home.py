# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models


class CxzyPartyMember(models.Model):
    """My home (我的), with the evaluation: the appraisal rounds waiting for
    my ballot."""

    _inherit = "cxzy.party.member"

    home_vote_count = fields.Integer(
        compute="_compute_home", string="Ballots Waiting for Me"
    )

    def _home_empty_values(self):
        return dict(super()._home_empty_values(), home_vote_count=0)

    def _home_values(self):
        return dict(super()._home_values(), home_vote_count=len(self._home_rounds()))

    def _home_rounds(self):
        """The open rounds where the current user has a ballot to cast."""
        rounds = self.env["cxzy.appraisal.round"].search(
            [("state", "=", "open"), ("voter_ids.user_id", "=", self.env.uid)]
        )
        return rounds.filtered(lambda r: r.my_status == "to_vote")

    def action_home_votes(self):
        self._check_home_owner()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxzy_evaluation.cxzy_appraisal_round_action_my"
        )
        action["domain"] = [("id", "in", self._home_rounds().ids)]
        action["context"] = {"create": False}
        return action
