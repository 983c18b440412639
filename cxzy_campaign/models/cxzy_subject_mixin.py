# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SUBJECT_TYPES = [("member", "Member"), ("organization", "Organisation")]


class CxzySubjectMixin(models.AbstractModel):
    """A record about one member or one Party organisation (a pledge, a
    nomination, an exemplar, a benchmark), with one set of field names:
    ``subject_type``, ``member_id``, ``organization_id``, and the branch whose
    secretaries look after it (``branch_id``)."""

    _name = "cxzy.subject.mixin"
    _description = "Member or Organisation"

    subject_type = fields.Selection(
        SUBJECT_TYPES, string="Member or Organisation", required=True, default="member"
    )
    member_id = fields.Many2one(
        "cxzy.party.member",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    branch_id = fields.Many2one(
        "cxzy.party.organization",
        compute="_compute_branch_id",
        store=True,
        index=True,
        help="The member's branch, or the branch of the organisation: its "
        "secretaries look after the record.",
    )

    @api.depends("subject_type", "member_id.branch_id", "organization_id.branch_id")
    def _compute_branch_id(self):
        for record in self:
            record.branch_id = record._subject().branch_id

    def _subject(self):
        """The member or the organisation the record is about."""
        self.ensure_one()
        if self.subject_type == "organization":
            return self.organization_id
        return self.member_id

    @api.onchange("subject_type")
    def _onchange_subject_type(self):
        if self.subject_type == "member":
            self.organization_id = False
        else:
            self.member_id = False

    @api.constrains("subject_type", "member_id", "organization_id")
    def _check_one_subject(self):
        for record in self:
            member, organization = record.member_id, record.organization_id
            if record.subject_type == "member":
                ok = member and not organization
            else:
                ok = organization and not member
            if not ok:
                raise ValidationError(
                    self.env._(
                        "%(record)s is about either one member or one "
                        "organisation, as its type says.",
                        record=record.display_name,
                    )
                )
