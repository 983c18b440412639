# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import models


class CxzyCampaignSummary(models.Model):
    """The campaign's summary counts the evaluation too: grade moves (晋档升级),
    commendations decided and exemplars."""

    _inherit = "cxzy.campaign.summary"

    def _cxzy_summary_figures(self):
        lines = super()._cxzy_summary_figures()
        insert_at = next(
            (
                index
                for index, line in enumerate(lines)
                if line["section"] == "achievement"
            ),
            len(lines),
        )
        lines[insert_at:insert_at] = (
            self._cxzy_figures_grades() + self._cxzy_figures_honours()
        )
        return lines

    def _cxzy_figures_grades(self):
        """Tiers and grades kept per period (grade history) and the moves up
        and down between periods, for organisations and members."""
        campaign = self.campaign_id.id
        History = self.env["cxzy.grade.history"].sudo()
        Report = self.env["cxzy.upgrade.report"].sudo()
        kept = dict(
            History._read_group(
                [("campaign_id", "=", campaign)], ["subject_type"], ["__count"]
            )
        )
        moves = {
            subject_type: (up, down)
            for subject_type, up, down in Report._read_group(
                [("campaign_id", "=", campaign)],
                ["subject_type"],
                ["moved_up:sum", "moved_down:sum"],
            )
        }
        lines = []
        for subject_type, graded, up, down in (
            (
                "organization",
                self.env._("Organisations graded (all periods)"),
                self.env._("Organisations moved up a tier"),
                self.env._("Organisations moved down a tier"),
            ),
            (
                "member",
                self.env._("Members graded (all periods)"),
                self.env._("Members moved up a grade"),
                self.env._("Members moved down a grade"),
            ),
        ):
            moved_up, moved_down = moves.get(subject_type, (0, 0))
            lines += [
                self._cxzy_line(
                    "grade", f"graded_{subject_type}", graded, kept.get(subject_type, 0)
                ),
                self._cxzy_line("grade", f"up_{subject_type}", up, moved_up),
                self._cxzy_line("grade", f"down_{subject_type}", down, moved_down),
            ]
        return lines

    def _cxzy_figures_honours(self):
        """Commendations decided (室党组决定, then commended) per award type,
        and the exemplars set up (树立典型)."""
        campaign = self.campaign_id.id
        Nomination = self.env["cxzy.nomination"].sudo()
        Exemplar = self.env["cxzy.exemplar"].sudo()
        groups = Nomination._read_group(
            [("campaign_id", "=", campaign), ("state", "in", ("decided", "commended"))],
            ["award_type_id"],
            ["__count"],
        )
        exemplars = dict(
            Exemplar._read_group(
                [("campaign_id", "=", campaign)], ["state"], ["__count"]
            )
        )
        lines = [
            self._cxzy_line(
                "honour",
                "commendation_total",
                self.env._("Commendations decided"),
                sum(count for _award, count in groups),
            )
        ]
        for award, count in sorted(groups, key=lambda group: group[0].sequence):
            lines.append(
                self._cxzy_line(
                    "honour",
                    f"commendation_{award.code or award.id}",
                    self.env._("Commended: %(award)s", award=award.name),
                    count,
                )
            )
        lines.append(
            self._cxzy_line(
                "honour",
                "exemplar_active",
                self.env._("Exemplars set up"),
                exemplars.get("active", 0),
            )
        )
        return lines
