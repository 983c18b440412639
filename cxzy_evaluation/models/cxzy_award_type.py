# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import math
from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

#: Float ratios are compared with this tolerance: 2/3 stored as a double must
#: accept 6 members present out of 9.
RATIO_EPSILON = 1e-9
#: The publicity lasts at least this many days by default, never fewer than
#: the floor.
PUBLICITY_MIN_DAYS = 7
PUBLICITY_FLOOR_DAYS = 5


def ratio_label(ratio):
    """A ratio as people say it: 2/3, 1/2, 3/5."""
    fraction = Fraction(ratio).limit_denominator(100)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    return f"{fraction.numerator}/{fraction.denominator}"


class CxzyAwardType(models.Model):
    """An honour the leading group confers (表彰): 先进党支部, 优秀共产党员,
    优秀党务工作者, with the rule that makes a branch's democratic
    recommendation valid."""

    _name = "cxzy.award.type"
    _description = "Award Type"
    _order = "sequence, id"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        help="Technical code, e.g. advanced_branch, excellent_member.",
    )
    sequence = fields.Integer(default=10)
    subject_type = fields.Selection(
        [("organization", "Organisation"), ("member", "Member")],
        required=True,
        default="member",
        help="Whether a Party organisation or a Party member is nominated.",
    )
    publicity_required = fields.Boolean(
        default=True,
        help="Nominations of this type are made public (公示) before the leading "
        "group decides. The committee may still waive it for one nomination "
        "when it studies it.",
    )
    publicity_days = fields.Integer(
        default=7,
        help="Proposed length of the publicity period, in days, both ends included.",
    )
    publicity_min_days = fields.Integer(
        string="Minimum Publicity",
        default=PUBLICITY_MIN_DAYS,
        help="The publicity (公示) lasts at least this many days, both ends "
        "included; never fewer than 5.",
    )
    objection_anonymous = fields.Boolean(
        string="Anonymous Objections",
        default=True,
        help="During the publicity, colleagues may lodge an objection to a "
        "nominee without giving their name; otherwise with their name only.",
    )
    min_present_ratio = fields.Float(
        string="Minimum Share Present",
        default=2 / 3,
        help="At least this share of the members entitled to vote must attend "
        "the branch's recommendation meeting (default two thirds).",
    )
    min_favour_ratio = fields.Float(
        string="Share in Favour",
        default=0.5,
        help="Share of the members present who must vote for the nominee "
        "(default: more than half).",
    )
    favour_strict = fields.Boolean(
        string="Strictly More",
        default=True,
        help="Set: more than the share must vote in favour; unset: at least the share.",
    )
    certificate_title = fields.Char(
        help="The honour as written on the certificate; the name by default.",
    )
    description = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an award type must be unique."),
    ]

    @api.constrains("publicity_min_days", "publicity_days")
    def _check_publicity_days(self):
        for award in self:
            if award.publicity_min_days < PUBLICITY_FLOOR_DAYS:
                raise ValidationError(
                    self.env._(
                        "The publicity of %(award)s lasts at least %(floor)s days: "
                        "its minimum cannot be %(days)s.",
                        award=award.name,
                        floor=PUBLICITY_FLOOR_DAYS,
                        days=award.publicity_min_days,
                    )
                )
            if award.publicity_days < award.publicity_min_days:
                raise ValidationError(
                    self.env._(
                        "The proposed publicity of %(award)s (%(days)s days) is "
                        "shorter than its minimum (%(minimum)s days).",
                        award=award.name,
                        days=award.publicity_days,
                        minimum=award.publicity_min_days,
                    )
                )

    def _publicity_minimum(self):
        """The fewest days a publicity of this award lasts, both ends
        included."""
        self.ensure_one()
        return max(self.publicity_min_days or 0, PUBLICITY_FLOOR_DAYS)

    @api.constrains("min_present_ratio", "min_favour_ratio", "publicity_days")
    def _check_ratios(self):
        for award in self:
            for ratio in (award.min_present_ratio, award.min_favour_ratio):
                if not 0 < ratio <= 1:
                    raise ValidationError(
                        self.env._(
                            "The shares of the recommendation rule of %(award)s "
                            "must lie between 0 (excluded) and 1.",
                            award=award.name,
                        )
                    )
            if award.publicity_days < 0:
                raise ValidationError(
                    self.env._(
                        "The publicity of %(award)s cannot last a negative number "
                        "of days.",
                        award=award.name,
                    )
                )

    def write(self, vals):
        if "subject_type" in vals:
            used = self.env["cxzy.nomination"].sudo().with_context(active_test=False)
            used = used.search(
                [
                    ("award_type_id", "in", self.ids),
                    ("subject_type", "!=", vals["subject_type"]),
                ],
                limit=1,
            )
            if used:
                raise UserError(
                    self.env._(
                        "%(award)s already has nominations: whether it honours "
                        "organisations or members can no longer change.",
                        award=used.award_type_id.name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["cxzy.nomination"]
            .sudo()
            .with_context(active_test=False)
            .search([("award_type_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._(
                    "%(award)s has nominations and cannot be deleted: archive it "
                    "instead.",
                    award=used.award_type_id.name,
                )
            )

    # ------------------------------------------------------------------
    # The recommendation rule
    # ------------------------------------------------------------------
    def _min_present(self, entitled):
        """The fewest members present that make a quorum of ``entitled``."""
        self.ensure_one()
        return math.ceil(self.min_present_ratio * entitled - RATIO_EPSILON)

    def _min_favour(self, present):
        """The fewest votes in favour that carry a meeting of ``present``."""
        self.ensure_one()
        needed = self.min_favour_ratio * present
        if self.favour_strict:
            # more than the share: the next whole number above it
            return math.floor(needed + RATIO_EPSILON) + 1
        return math.ceil(needed - RATIO_EPSILON)

    def _recommendation_issue(self, entitled, present, favour):
        """Why a recommendation record is not valid under this award's rule,
        or ``False``."""
        self.ensure_one()
        if min(entitled, present, favour) < 0:
            return self.env._("The numbers of the recommendation cannot be negative.")
        if not entitled:
            return self.env._(
                "Record how many members were entitled to vote at the "
                "recommendation meeting."
            )
        if present > entitled:
            return self.env._(
                "%(present)s members present, but only %(entitled)s are entitled "
                "to vote: more cannot be present.",
                present=present,
                entitled=entitled,
            )
        if favour > present:
            return self.env._(
                "%(favour)s votes in favour, but only %(present)s members were "
                "present: more cannot vote.",
                favour=favour,
                present=present,
            )
        min_present = self._min_present(entitled)
        if present < min_present:
            return self.env._(
                "Too few present: %(present)s of %(entitled)s members entitled "
                "attended, at least %(ratio)s (%(count)s) must attend.",
                present=present,
                entitled=entitled,
                ratio=ratio_label(self.min_present_ratio),
                count=min_present,
            )
        min_favour = self._min_favour(present)
        if favour < min_favour:
            if self.favour_strict:
                return self.env._(
                    "Too few in favour: %(favour)s of %(present)s members present "
                    "voted for the nominee, more than %(ratio)s (%(count)s) must.",
                    favour=favour,
                    present=present,
                    ratio=ratio_label(self.min_favour_ratio),
                    count=min_favour,
                )
            return self.env._(
                "Too few in favour: %(favour)s of %(present)s members present "
                "voted for the nominee, at least %(ratio)s (%(count)s) must.",
                favour=favour,
                present=present,
                ratio=ratio_label(self.min_favour_ratio),
                count=min_favour,
            )
        return False
