# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import api, fields, models

#: the colour of each state in the completion matrix
MATRIX_COLOURS = {
    "todo": "text-bg-secondary",
    "in_progress": "text-bg-info",
    "done": "text-bg-success",
    "overdue": "text-bg-danger",
    "cancelled": "text-bg-light",
}
#: rows (organisations, or parent organisations in the summary) per page
PAGE_SIZE = 50


class CxzyCampaignMatrix(models.TransientModel):
    """The completion matrix of a campaign, as one user opens it.

    A campaign of up to ``PAGE_SIZE`` organisations shows every cell: one row
    per organisation, one column per task, the state in colour. A larger one
    (2,000 branches × 15 tasks is 30,000 cells, more than the eye takes) opens
    on a summary: one row per parent organisation, one column per phase, the
    counts of its branches' assignments by state, counted by the database
    (GROUP BY); choosing an organisation drills down to the cells of its
    branches. Both are paged. The user sees the assignments they may read,
    as in the lists."""

    _name = "cxzy.campaign.matrix"
    _description = "Completion Matrix"

    campaign_id = fields.Many2one(
        "cxzy.campaign", required=True, readonly=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(
        "cxzy.party.organization",
        string="Organisation",
        help="Show the cells of this organisation and of the organisations under it.",
    )
    page = fields.Integer(default=1)
    page_count = fields.Integer(compute="_compute_matrix")
    row_count = fields.Integer(
        compute="_compute_matrix", help="Rows of the table, on every page."
    )
    is_summary = fields.Boolean(
        compute="_compute_matrix",
        help="The table counts the assignments of each parent organisation "
        "by phase instead of showing each cell.",
    )
    matrix_html = fields.Html(
        string="Completion Matrix",
        compute="_compute_matrix",
        sanitize=False,
        help="Each organisation's assignments, task by task, with their state: "
        "to do, in progress, done or overdue.",
    )

    @api.onchange("organization_id")
    def _onchange_organization_id(self):
        self.page = 1

    def _labels(self):
        Assignment = self.env["cxzy.campaign.assignment"]
        labels = dict(Assignment._fields["state"]._description_selection(self.env))
        labels["overdue"] = Assignment._fields["is_overdue"]._description_string(
            self.env
        )
        return labels

    def _legend(self, labels):
        return [
            (state, labels[state], MATRIX_COLOURS[state])
            for state in ("todo", "in_progress", "done", "overdue")
        ]

    def web_read(self, specification):
        return super().web_read(specification)

    # The screen is read right after the button created it on the primary:
    # a read replica may not have the record yet, so its reads stay on the
    # primary (Odoo takes the first ``_readonly`` it finds in the MRO).
    web_read._readonly = False

    def _domain(self):
        # the office's own tasks (no organisation) are listed on the campaign
        domain = [
            ("campaign_id", "=", self.campaign_id.id),
            ("organization_id", "!=", False),
        ]
        if self.organization_id:
            domain.append(("organization_id", "child_of", self.organization_id.id))
        return domain

    @api.depends("campaign_id", "organization_id", "page")
    def _compute_matrix(self):
        labels = self._labels()
        for matrix in self:
            if not matrix.campaign_id:
                matrix.update(
                    {
                        "matrix_html": False,
                        "page_count": 0,
                        "row_count": 0,
                        "is_summary": False,
                    }
                )
                continue
            Assignment = self.env["cxzy.campaign.assignment"]
            domain = matrix._domain()
            organizations = self.env["cxzy.party.organization"].browse(
                organization.id
                for [organization] in Assignment._read_group(
                    domain, ["organization_id"]
                )
            )
            summary = not matrix.organization_id and len(organizations) > PAGE_SIZE
            if summary:
                values = matrix._summary(domain, labels)
            else:
                values = matrix._cells(domain, organizations, labels)
            matrix.update(values)

    def _page_of(self, rows):
        """(rows of the current page, number of pages)"""
        page_count = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(max(self.page, 1), page_count)
        return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], page_count

    def _cells(self, domain, organizations, labels):
        """Every cell of the current page's organisations."""
        ordered = organizations.sorted(lambda o: (o.name, o.id))
        shown, page_count = self._page_of(ordered)
        cells = self.campaign_id._completion_matrix_cells(
            domain + [("organization_id", "in", shown.ids)]
        )
        tasks = (
            self.env["cxzy.campaign.task"]
            .browse({task.id for row in cells.values() for task in row})
            .sorted(lambda t: (t.phase_id.sequence, t.phase_id.id, t.sequence, t.id))
        )
        rows = [
            {
                "organization": organization,
                "cells": [
                    cells.get(organization, {}).get(task)
                    and {
                        "state": cells[organization][task],
                        "label": labels[cells[organization][task]],
                        "css": MATRIX_COLOURS[cells[organization][task]],
                    }
                    for task in tasks
                ],
            }
            for organization in shown
        ]
        return {
            "is_summary": False,
            "page_count": page_count,
            "row_count": len(ordered),
            "matrix_html": self.env["ir.qweb"]._render(
                "cxzy_campaign.completion_matrix",
                {"tasks": tasks, "rows": rows, "legend": self._legend(labels)},
            ),
        }

    @api.model
    def _summary_counts(self, domain):
        """{parent organisation: {phase: {state: count}}} of the assignments
        of ``domain`` the user may read, ``overdue`` counting the open ones
        past their deadline: two grouped queries whatever the number of
        branches."""
        Assignment = self.env["cxzy.campaign.assignment"]
        counts = {}
        for parent, phase, state, count in Assignment._read_group(
            domain, ["parent_organization_id", "phase_id", "state"], ["__count"]
        ):
            counts.setdefault(parent, {}).setdefault(phase, {})[state] = count
        for parent, phase, count in Assignment._read_group(
            domain + [("is_overdue", "=", True)],
            ["parent_organization_id", "phase_id"],
            ["__count"],
        ):
            counts[parent][phase]["overdue"] = count
        return counts

    def _summary(self, domain, labels):
        """Per parent organisation and phase, the assignments by state."""
        counts = self._summary_counts(domain)
        parents = sorted(counts, key=lambda p: (not p, p.name or "", p.id or 0))
        phases = self.campaign_id.phase_ids.filtered(
            lambda p: any(p in by_phase for by_phase in counts.values())
        ).sorted(lambda p: (p.sequence, p.id))
        shown, page_count = self._page_of(parents)
        rows = []
        for parent in shown:
            row_cells = []
            for phase in phases:
                by_state = counts[parent].get(phase)
                if not by_state:
                    row_cells.append(False)
                    continue
                total = sum(
                    count for state, count in by_state.items() if state != "overdue"
                )
                row_cells.append(
                    {
                        "total": total,
                        "states": [
                            (state, labels[state], MATRIX_COLOURS[state], count)
                            for state in (
                                "done",
                                "in_progress",
                                "todo",
                                "overdue",
                                "cancelled",
                            )
                            if (count := by_state.get(state))
                        ],
                    }
                )
            rows.append({"organization": parent, "cells": row_cells})
        return {
            "is_summary": True,
            "page_count": page_count,
            "row_count": len(parents),
            "matrix_html": self.env["ir.qweb"]._render(
                "cxzy_campaign.completion_matrix_summary",
                {
                    "phases": phases,
                    "rows": rows,
                    "legend": self._legend(labels),
                    "note": self.env._(
                        "Too many organisations to show each cell: each row counts "
                        "the assignments of the organisations under one parent "
                        "organisation, phase by phase (done, in progress, to do, "
                        "cancelled; overdue counts the late ones among those to do "
                        "or in progress). Choose an organisation above to see the "
                        "cells of its branches."
                    ),
                },
            ),
        }

    def action_next_page(self):
        self.ensure_one()
        self.page = min(self.page + 1, self.page_count)
        return True

    def action_previous_page(self):
        self.ensure_one()
        self.page = max(self.page - 1, 1)
        return True
