# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CxzyCampaignPhoto(models.Model):
    """A photo of an activity or of an achievement (成果展示); those marked
    for the exhibition form the campaign's photo exhibition (图片展): an
    achievement's photos join it when the office confirms the achievement."""

    _name = "cxzy.campaign.photo"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Activity Photo"
    _order = "campaign_id, sequence, taken_on desc, id"
    _rec_name = "caption"
    _check_company_auto = True
    #: a photo stays a photo of its activity or achievement
    _cxzy_owner_fields = ("event_id", "achievement_id")

    event_id = fields.Many2one(
        "cxzy.campaign.event",
        string="Activity",
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    achievement_id = fields.Many2one(
        "cxzy.achievement",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        "cxzy.campaign",
        compute="_compute_origin",
        store=True,
        index=True,
        precompute=True,
    )
    event_kind = fields.Selection(related="event_id.kind", string="Activity Kind")
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_origin",
        store=True,
        index=True,
        precompute=True,
    )
    sequence = fields.Integer(default=10)
    image = fields.Image(required=True, max_width=1920, max_height=1920)
    image_512 = fields.Image(
        related="image", max_width=512, max_height=512, store=True, string="Thumbnail"
    )
    caption = fields.Char()
    taken_on = fields.Date(
        compute="_compute_taken_on",
        store=True,
        readonly=False,
        precompute=True,
    )
    for_exhibition = fields.Boolean(
        string="In the Exhibition",
        help="Shown in the campaign's photo exhibition (图片展).",
    )

    @api.depends("event_id.campaign_id", "achievement_id.campaign_id")
    def _compute_origin(self):
        for photo in self:
            origin = photo.event_id or photo.achievement_id
            photo.campaign_id = origin.campaign_id
            photo.company_id = origin.company_id

    @api.model_create_multi
    def create(self, vals_list):
        photos = super().create(vals_list)
        # the constraint is not run when neither is given
        photos._check_one_origin()
        if not self.env.su:
            photos.filtered("for_exhibition")._check_achievement_exhibited()
        return photos

    def write(self, vals):
        if vals.get("for_exhibition") and not self.env.su:
            self._check_achievement_exhibited()
        return super().write(vals)

    def _check_achievement_exhibited(self):
        """An achievement's photos join the exhibition when the office
        confirms the achievement (its step), not before."""
        pending = self.filtered(
            lambda photo: (
                photo.achievement_id and photo.achievement_id.state != "confirmed"
            )
        )
        if pending:
            raise UserError(
                self.env._(
                    "The photos of %(achievement)s join the photo exhibition when "
                    "the campaign office confirms the achievement. Nothing was "
                    "saved.",
                    achievement=pending[0].achievement_id.name,
                )
            )

    @api.constrains("event_id", "achievement_id")
    def _check_one_origin(self):
        for photo in self:
            if bool(photo.event_id) == bool(photo.achievement_id):
                raise ValidationError(
                    self.env._("A photo belongs to one activity or to one achievement.")
                )

    @api.depends("event_id.date")
    def _compute_taken_on(self):
        for photo in self:
            if not photo.taken_on and photo.event_id.date:
                photo.taken_on = fields.Datetime.context_timestamp(
                    photo, photo.event_id.date
                ).date()

    @api.depends("caption", "event_id.name", "achievement_id.name")
    def _compute_display_name(self):
        for photo in self:
            photo.display_name = (
                photo.caption or photo.event_id.name or photo.achievement_id.name or ""
            )
