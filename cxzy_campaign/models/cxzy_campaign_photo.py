# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models


class CxzyCampaignPhoto(models.Model):
    """A photo of an activity; those marked for the exhibition form the
    campaign's photo exhibition (图片展)."""

    _name = "cxzy.campaign.photo"
    _inherit = ["cxzy.guard.mixin"]
    _description = "Activity Photo"
    _order = "campaign_id, sequence, taken_on desc, id"
    _rec_name = "caption"
    _check_company_auto = True
    #: a photo stays a photo of its activity
    _cxzy_owner_fields = ("event_id",)

    event_id = fields.Many2one(
        "cxzy.campaign.event",
        string="Activity",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        related="event_id.campaign_id", store=True, index=True, string="Campaign"
    )
    event_kind = fields.Selection(related="event_id.kind", string="Activity Kind")
    company_id = fields.Many2one(
        related="event_id.company_id", store=True, index=True, precompute=True
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

    @api.depends("event_id.date")
    def _compute_taken_on(self):
        for photo in self:
            if not photo.taken_on and photo.event_id.date:
                photo.taken_on = fields.Datetime.context_timestamp(
                    photo, photo.event_id.date
                ).date()

    @api.depends("caption", "event_id.name")
    def _compute_display_name(self):
        for photo in self:
            photo.display_name = photo.caption or photo.event_id.name or ""
