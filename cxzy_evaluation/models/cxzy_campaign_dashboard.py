# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# The groups that see the dashboard (the office has both).
DASHBOARD_GROUPS = (
    "cxzy_campaign.group_cxzy_leading",
    "cxzy_campaign.group_cxzy_committee",
)
# Pledges that have been made public (公示), assessed ones included.
PUBLIC_PLEDGE_STATES = ("published", "assessed")


class CxzyCampaignDashboard(models.AbstractModel):
    """What the leading group's dashboard shows of a campaign, gathered with
    aggregates in a fixed number of queries, whatever the number of
    organisations, pledges, rounds or nominations: the current phase, task
    completion per organisation, pledges, the turnout of open appraisal rounds,
    nominations per state, the tiers and grades of the latest assessment
    period, and the exemplars and benchmarks.

    Reached through ``cxzy.campaign.get_dashboard_data``; the campaign is
    chosen with the user's own rights, and its figures are counted as the
    system over the whole campaign, so that they do not depend on who looks;
    only counts and names are returned, as plain values for the web client."""

    _name = "cxzy.campaign.dashboard"
    _description = "Leading Group Dashboard"

    @api.model
    def _get_data(self, campaign_id=False):
        user = self.env.user
        if not self.env.su and not any(user.has_group(g) for g in DASHBOARD_GROUPS):
            raise AccessError(
                self.env._(
                    "The dashboard is for the leading group, the agency Party "
                    "committee and the campaign office."
                )
            )
        campaigns = self._campaign_choices()
        campaign = self._pick_campaign(campaign_id, campaigns)
        if not campaign:
            return {"campaign": False, "campaigns": campaigns}
        today = fields.Date.context_today(self)
        data = {
            "campaign": self._campaign_values(campaign, today),
            "campaigns": campaigns,
            "today": fields.Date.to_string(today),
        }
        data.update(self._phase_values(campaign, today))
        data["tasks"] = self._task_values(campaign)
        data["pledges"] = self._pledge_values(campaign)
        data["rounds"] = self._round_values(campaign)
        data["nominations"] = self._nomination_values(campaign)
        data["tiers"] = self._tier_values(campaign)
        data["exemplars"] = self._exemplar_values(campaign)
        return data

    # ------------------------------------------------------------------
    # Campaign and phase
    # ------------------------------------------------------------------
    def _campaign_choices(self):
        """The campaigns one can look at: running ones first, newest first."""
        rows = self.env["cxzy.campaign"].search_read(
            [("is_template", "=", False), ("state", "!=", "cancelled")],
            ["name", "state", "date_start"],
            order="date_start desc, id desc",
        )
        rows.sort(key=lambda row: row["state"] != "running")
        return [{"id": row["id"], "name": row["name"]} for row in rows]

    def _pick_campaign(self, campaign_id, choices):
        Campaign = self.env["cxzy.campaign"]
        if campaign_id:
            campaign = Campaign.browse(int(campaign_id)).exists()
            if not campaign or campaign.is_template:
                raise UserError(
                    self.env._("This campaign does not exist or is a template.")
                )
            return campaign
        return Campaign.browse(choices[0]["id"]) if choices else Campaign

    def _selection_labels(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    def _campaign_values(self, campaign, today):
        states = self._selection_labels("cxzy.campaign", "state")
        days = (campaign.date_end - campaign.date_start).days or 1
        elapsed = min(max((today - campaign.date_start).days, 0), days)
        return {
            "id": campaign.id,
            "name": campaign.name,
            "state": campaign.state,
            "state_label": states[campaign.state],
            "date_start": fields.Date.to_string(campaign.date_start),
            "date_end": fields.Date.to_string(campaign.date_end),
            "time_elapsed": round(100.0 * elapsed / days, 1),
        }

    def _phase_values(self, campaign, today):
        phases = self.env["cxzy.campaign.phase"].search_fetch(
            [("campaign_id", "=", campaign.id)],
            ["name", "date_start", "date_end", "sequence"],
        )
        rows = []
        current = False
        for index, phase in enumerate(phases, start=1):
            row = {
                "id": phase.id,
                "name": phase.name,
                "number": index,
                "date_start": fields.Date.to_string(phase.date_start),
                "date_end": fields.Date.to_string(phase.date_end),
                "status": (
                    "past"
                    if phase.date_end < today
                    else "future"
                    if phase.date_start > today
                    else "current"
                ),
            }
            if row["status"] == "current" and not current:
                current = dict(row, days_left=(phase.date_end - today).days)
            rows.append(row)
        return {"phases": rows, "current_phase": current}

    # ------------------------------------------------------------------
    # Tasks, pledges
    # ------------------------------------------------------------------
    def _task_values(self, campaign):
        """Assignments per organisation (cancelled ones left out): how many,
        how many done, how many overdue."""
        Assignment = self.env["cxzy.campaign.assignment"].sudo()
        domain = [("campaign_id", "=", campaign.id), ("state", "!=", "cancelled")]
        per_org = {}
        for organization, state, count in Assignment._read_group(
            domain, ["organization_id", "state"], ["__count"]
        ):
            entry = per_org.setdefault(
                organization, {"total": 0, "done": 0, "overdue": 0}
            )
            entry["total"] += count
            if state == "done":
                entry["done"] += count
        for organization, count in Assignment._read_group(
            domain + [("is_overdue", "=", True)], ["organization_id"], ["__count"]
        ):
            per_org.setdefault(organization, {"total": 0, "done": 0, "overdue": 0})[
                "overdue"
            ] = count
        organizations = []
        for organization, entry in per_org.items():
            organizations.append(
                dict(
                    entry,
                    # the office's own tasks have no organisation: a row too
                    id=organization.id,
                    name=organization.name or self.env._("Campaign Office"),
                    rate=self._rate(entry["done"], entry["total"]),
                )
            )
        organizations.sort(key=lambda row: (-row["rate"], row["name"], row["id"]))
        total = sum(row["total"] for row in organizations)
        done = sum(row["done"] for row in organizations)
        return {
            "total": total,
            "done": done,
            "overdue": sum(row["overdue"] for row in organizations),
            "rate": self._rate(done, total),
            "organizations": organizations,
        }

    def _pledge_values(self, campaign):
        states = self._selection_labels("cxzy.pledge", "state")
        ratings = self._selection_labels("cxzy.pledge", "assessment_rating")
        by_state = dict.fromkeys(states, 0)
        by_rating = dict.fromkeys(ratings, 0)
        by_owner = {"member": 0, "organization": 0}
        Pledge = self.env["cxzy.pledge"].sudo()
        for state, subject_type, rating, count in Pledge._read_group(
            [("campaign_id", "=", campaign.id)],
            ["state", "subject_type", "assessment_rating"],
            ["__count"],
        ):
            by_state[state] += count
            by_owner[subject_type] += count
            if state == "assessed" and rating:
                by_rating[rating] += count
        return {
            "total": sum(by_state.values()),
            "published": sum(by_state[s] for s in PUBLIC_PLEDGE_STATES),
            "assessed": by_state["assessed"],
            "members": by_owner["member"],
            "organizations": by_owner["organization"],
            "by_state": [
                {"key": key, "label": label, "count": by_state[key]}
                for key, label in states.items()
            ],
            "ratings": [
                {"key": key, "label": label, "count": by_rating[key]}
                for key, label in ratings.items()
            ],
        }

    # ------------------------------------------------------------------
    # Appraisal rounds, nominations
    # ------------------------------------------------------------------
    def _round_values(self, campaign):
        """The open appraisal rounds with their turnout: how many of the
        eligible voters have voted (never who)."""
        rounds = (
            self.env["cxzy.appraisal.round"]
            .sudo()
            .search_fetch(
                [("campaign_id", "=", campaign.id), ("state", "=", "open")],
                ["name", "date_close", "min_voters", "subject_type"],
                order="date_close, id",
            )
        )
        counts = rounds._turnout_counts()
        items = []
        for appraisal_round in rounds:
            voted, eligible = counts.get(appraisal_round.id, (0, 0))
            items.append(
                {
                    "id": appraisal_round.id,
                    "name": appraisal_round.name,
                    "date_close": fields.Datetime.to_string(appraisal_round.date_close),
                    "voted": voted,
                    "eligible": eligible,
                    "min_voters": appraisal_round.min_voters,
                    "turnout": self._rate(voted, eligible),
                }
            )
        voted = sum(item["voted"] for item in items)
        eligible = sum(item["eligible"] for item in items)
        return {
            "count": len(items),
            "voted": voted,
            "eligible": eligible,
            "turnout": self._rate(voted, eligible),
            "items": items,
        }

    def _nomination_values(self, campaign):
        if "cxzy.nomination" not in self.env:
            return {"available": False, "total": 0, "by_state": []}
        Nomination = self.env["cxzy.nomination"].sudo()
        states = self._selection_labels("cxzy.nomination", "state")
        counts = dict(
            Nomination._read_group(
                [("campaign_id", "=", campaign.id)], ["state"], ["__count"]
            )
        )
        return {
            "available": True,
            "total": sum(counts.values()),
            "by_state": [
                {"key": key, "label": label, "count": counts.get(key, 0)}
                for key, label in states.items()
            ],
        }

    # ------------------------------------------------------------------
    # Tiers and grades, exemplars and benchmarks
    # ------------------------------------------------------------------
    def _tier_values(self, campaign):
        """The tiers of the organisations and the grades of the members in the
        latest period of the campaign that has been opened. An assessment has a
        tier once it is reviewed; the others count as not rated yet."""
        period = (
            self.env["cxzy.assessment.period"]
            .sudo()
            .search_fetch(
                [
                    ("campaign_id", "=", campaign.id),
                    ("state", "in", ("open", "closed")),
                ],
                ["name", "state", "date_start", "date_end"],
                order="date_start desc, id desc",
                limit=1,
            )
        )
        if not period:
            return {"period": False}
        tiers = self._selection_labels("cxzy.org.assessment", "tier")
        grades = self._selection_labels("cxzy.member.appraisal", "grade")
        tier_counts = dict.fromkeys(tiers, 0)
        organizations = {"total": 0, "rated": 0, "confirmed": 0}
        for tier, state, count in (
            self.env["cxzy.org.assessment"]
            .sudo()
            ._read_group(
                [("period_id", "=", period.id)],
                ["tier", "state"],
                ["__count"],
            )
        ):
            organizations["total"] += count
            if tier:
                tier_counts[tier] += count
                organizations["rated"] += count
            if state == "confirmed":
                organizations["confirmed"] += count
        grade_counts = dict.fromkeys(grades, 0)
        members = {"total": 0, "rated": 0, "confirmed": 0}
        for grade, state, count in (
            self.env["cxzy.member.appraisal"]
            .sudo()
            ._read_group(
                [("period_id", "=", period.id)],
                ["grade", "state"],
                ["__count"],
            )
        ):
            members["total"] += count
            if grade:
                grade_counts[grade] += count
                members["rated"] += count
            if state == "confirmed":
                members["confirmed"] += count
        # The Five Goods / Five Models share: the one definition the upgrade
        # report uses too (confirmed assessments of the period).
        shares = period._model_shares()[period]
        for figures, subject_type, key in (
            (organizations, "organization", "five_goods"),
            (members, "member", "five_models"),
        ):
            share = shares[subject_type]
            figures.update(
                {
                    key: share["model_count"],
                    f"{key}_of": share["count"],
                    f"{key}_share": round(share["share"], 1),
                }
            )
        period_states = self._selection_labels("cxzy.assessment.period", "state")
        return {
            "period": {
                "id": period.id,
                "name": period.name,
                "state": period.state,
                "state_label": period_states[period.state],
                "date_start": fields.Date.to_string(period.date_start),
                "date_end": fields.Date.to_string(period.date_end),
            },
            "organizations": dict(
                organizations,
                not_rated=organizations["total"] - organizations["rated"],
                by_tier=[
                    {"key": key, "label": label, "count": tier_counts[key]}
                    for key, label in tiers.items()
                ],
            ),
            "members": dict(
                members,
                not_rated=members["total"] - members["rated"],
                by_grade=[
                    {"key": key, "label": label, "count": grade_counts[key]}
                    for key, label in grades.items()
                ],
            ),
        }

    def _exemplar_values(self, campaign):
        exemplars = dict(
            self.env["cxzy.exemplar"]
            .sudo()
            ._read_group([("campaign_id", "=", campaign.id)], ["state"], ["__count"])
        )
        Benchmark = self.env["cxzy.benchmark"].sudo()
        domain = [("campaign_id", "=", campaign.id)]
        statuses = self._selection_labels("cxzy.benchmark", "state")
        benchmarks = dict(Benchmark._read_group(domain, ["state"], ["__count"]))
        overdue = Benchmark.search_count(domain + [("is_overdue", "=", True)])
        return {
            "active": exemplars.get("active", 0),
            "total": sum(exemplars.values()),
            "benchmarks": sum(benchmarks.values()),
            "overdue": overdue,
            "by_status": [
                {"key": key, "label": label, "count": benchmarks.get(key, 0)}
                for key, label in statuses.items()
            ],
        }

    @staticmethod
    def _rate(part, whole):
        return round(100.0 * part / whole, 1) if whole else 0.0
