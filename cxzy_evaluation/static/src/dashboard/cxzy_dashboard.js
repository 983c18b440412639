/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {Component, onWillStart, onWillUnmount, useEffect, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {loadBundle} from "@web/core/assets";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {KeepLast} from "@web/core/utils/concurrency";
import {useSetupAction} from "@web/search/action_hook";
import {Layout} from "@web/search/layout";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";

// Colours of the states and tiers, in the order the server lists them.
const PALETTE = ["#8f8f8f", "#3b82c4", "#17a2b8", "#f0ad4e", "#6f42c1", "#28a745", "#dc3545"];
const GREEN = "#28a745";
const BLUE = "#3b82c4";
const ORANGE = "#f0ad4e";
const RED = "#dc3545";
const GREY = "#8f8f8f";
const COLORS = {
    tier: {advanced: GREEN, middle: ORANGE, lagging: RED},
    grade: {excellent: GREEN, qualified: BLUE, basic: ORANGE, unqualified: RED},
    rating: {excellent: GREEN, good: BLUE, fair: ORANGE, poor: RED},
    nomination: {
        draft: GREY,
        recommended: BLUE,
        studied: "#17a2b8",
        publicity: ORANGE,
        decided: "#6f42c1",
        commended: GREEN,
        rejected: RED,
    },
    benchmark: {planned: GREY, in_progress: BLUE, achieved: GREEN, not_achieved: RED},
};

/**
 * A doughnut of Chart.js, drawn once Chart.js is loaded; a click on a slice
 * calls onSelect with the slice's item. Without Chart.js (it failed to load)
 * the legend beside it still tells the figures.
 */
export class CxzyDashboardDoughnut extends Component {
    static template = "cxzy_evaluation.DashboardDoughnut";
    static props = {
        items: Array,
        colors: {type: Object, optional: true},
        onSelect: {type: Function, optional: true},
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.chart = null;
        useEffect(
            () => {
                this.renderChart();
            },
            () => [JSON.stringify(this.props.items)]
        );
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    color(item, index) {
        return (this.props.colors && this.props.colors[item.key]) || PALETTE[index % PALETTE.length];
    }

    get total() {
        return this.props.items.reduce((sum, item) => sum + item.count, 0);
    }

    renderChart() {
        if (this.chart) {
            this.chart.destroy();
            this.chart = null;
        }
        if (!window.Chart || !this.canvasRef.el || !this.total) {
            return;
        }
        const items = this.props.items;
        this.chart = new window.Chart(this.canvasRef.el, {
            type: "doughnut",
            data: {
                labels: items.map((item) => item.label),
                datasets: [
                    {
                        data: items.map((item) => item.count),
                        backgroundColor: items.map((item, index) => this.color(item, index)),
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                cutout: "60%",
                animation: false,
                plugins: {legend: {display: false}},
                onClick: (event, elements) => {
                    if (elements.length && this.props.onSelect) {
                        this.props.onSelect(items[elements[0].index]);
                    }
                },
            },
        });
    }

    onLegendClick(item) {
        if (this.props.onSelect) {
            this.props.onSelect(item);
        }
    }
}

/**
 * The leading group's dashboard: one campaign at a glance. Everything comes
 * from one call, cxzy.campaign.get_dashboard_data; every figure opens the
 * records behind it.
 */
export class CxzyDashboard extends Component {
    static template = "cxzy_evaluation.Dashboard";
    static components = {Layout, CxzyDashboardDoughnut};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.keepLast = new KeepLast();
        const context = this.props.action.context || {};
        const fromContext = context.active_model === "cxzy.campaign" && context.active_id;
        this.state = useState({
            data: null,
            // Back from a list opened here, the same campaign shows again.
            campaignId: (this.props.state && this.props.state.campaignId) || fromContext || false,
        });
        useSetupAction({getLocalState: () => ({campaignId: this.state.campaignId})});
        this.colors = COLORS;
        onWillStart(async () => {
            await Promise.all([this.loadChartLib(), this.load()]);
        });
    }

    async loadChartLib() {
        try {
            await loadBundle("web.chartjs_lib");
        } catch {
            // The figures are still shown, without the doughnuts.
        }
    }

    async load() {
        const data = await this.keepLast.add(
            this.orm.call("cxzy.campaign", "get_dashboard_data", [this.state.campaignId || false])
        );
        this.state.data = data;
        if (data.campaign) {
            this.state.campaignId = data.campaign.id;
        }
    }

    async onCampaignChange(ev) {
        this.state.campaignId = parseInt(ev.target.value, 10) || false;
        await this.load();
    }

    get campaign() {
        return this.state.data && this.state.data.campaign;
    }

    get campaignDomain() {
        return [["campaign_id", "=", this.campaign.id]];
    }

    // ------------------------------------------------------------------
    // Sentences with figures, translated whole
    // ------------------------------------------------------------------
    phaseLine(phase, count) {
        return _t("Phase %(number)s of %(count)s, %(days)s days left", {
            number: phase.number,
            count,
            days: phase.days_left,
        });
    }

    assignmentsLine(done, total) {
        return _t("%(done)s of %(total)s assignments", {done, total});
    }

    overdueLabel(count) {
        return _t("%(count)s overdue", {count});
    }

    assessedLabel(count) {
        return _t("%(count)s assessed", {count});
    }

    votersLine(rounds) {
        return _t("%(voted)s of %(eligible)s voters, %(count)s open rounds", {
            voted: rounds.voted,
            eligible: rounds.eligible,
            count: rounds.count,
        });
    }

    resultsFromLine(count) {
        return _t("Results show from %(count)s voters.", {count});
    }

    benchmarksLabel(count) {
        return _t("%(count)s benchmarks", {count});
    }

    pledgeOwnersLine(pledges) {
        return _t("%(members)s by members, %(organizations)s by organisations", {
            members: pledges.members,
            organizations: pledges.organizations,
        });
    }

    notReviewedLabel(count) {
        return _t("%(count)s not reviewed yet", {count});
    }

    notAssessedLabel(count) {
        return _t("%(count)s not assessed yet", {count});
    }

    fiveModelsLine(members) {
        return _t("%(count)s Five Models members of %(total)s", {
            count: members.five_models,
            total: members.five_models_of,
        });
    }

    barStyle(rate, color) {
        const width = Math.max(0, Math.min(100, rate || 0));
        return `width: ${width}%;` + (color ? ` background-color: ${color};` : "");
    }

    rateClass(rate) {
        if (rate >= 80) {
            return "bg-success";
        }
        if (rate >= 50) {
            return "bg-warning";
        }
        return "bg-danger";
    }

    // ------------------------------------------------------------------
    // Links to the records behind the figures
    // ------------------------------------------------------------------
    openList(name, resModel, domain, context = {}) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: resModel,
            domain,
            context,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    openCampaign() {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "cxzy.campaign",
            res_id: this.campaign.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openAssignments(organization = null, overdue = false) {
        const domain = [...this.campaignDomain, ["state", "!=", "cancelled"]];
        let name = _t("Assignments");
        if (organization) {
            domain.push(["organization_id", "=", organization.id]);
            name = organization.name;
        }
        if (overdue) {
            domain.push(["is_overdue", "=", true]);
            name = _t("Overdue Assignments");
        }
        return this.openList(name, "cxzy.campaign.assignment", domain);
    }

    openPledges(states = null) {
        const domain = [...this.campaignDomain];
        if (states) {
            domain.push(["state", "in", states]);
        }
        return this.openList(_t("Pledges"), "cxzy.pledge", domain);
    }

    openPledgeRating(item) {
        return this.openList(_t("Pledges"), "cxzy.pledge", [
            ...this.campaignDomain,
            ["state", "=", "assessed"],
            ["assessment_rating", "=", item.key],
        ]);
    }

    openRounds(round = null) {
        if (round) {
            return this.actionService.doAction({
                type: "ir.actions.act_window",
                res_model: "cxzy.appraisal.round",
                res_id: round.id,
                views: [[false, "form"]],
                target: "current",
            });
        }
        return this.openList(_t("Open Appraisal Rounds"), "cxzy.appraisal.round", [
            ...this.campaignDomain,
            ["state", "=", "open"],
        ]);
    }

    openNominations(item = null) {
        const domain = [...this.campaignDomain];
        if (item) {
            domain.push(["state", "=", item.key]);
        }
        return this.openList(_t("Nominations"), "cxzy.nomination", domain);
    }

    openAssessments(item = null) {
        const period = this.state.data.tiers.period;
        const domain = [["period_id", "=", period.id]];
        if (item) {
            domain.push(["tier", "=", item.key]);
        }
        return this.openList(_t("Organisation Assessments"), "cxzy.org.assessment", domain);
    }

    openFiveGoods() {
        const period = this.state.data.tiers.period;
        return this.openList(_t("Five Goods Organisations"), "cxzy.org.assessment", [
            ["period_id", "=", period.id],
            ["state", "=", "confirmed"],
            ["five_goods", "=", true],
        ]);
    }

    openAppraisals(item = null) {
        const period = this.state.data.tiers.period;
        const domain = [["period_id", "=", period.id]];
        if (item) {
            domain.push(["grade", "=", item.key]);
        }
        return this.openList(_t("Member Appraisals"), "cxzy.member.appraisal", domain);
    }

    openExemplars() {
        return this.openList(_t("Exemplars"), "cxzy.exemplar", [
            ...this.campaignDomain,
            ["state", "=", "active"],
        ]);
    }

    openBenchmarks(item = null, overdue = false) {
        const domain = [...this.campaignDomain];
        if (item) {
            domain.push(["state", "=", item.key]);
        }
        if (overdue) {
            domain.push(["is_overdue", "=", true]);
        }
        return this.openList(_t("Benchmarks"), "cxzy.benchmark", domain);
    }
}

registry.category("actions").add("cxzy_evaluation.dashboard", CxzyDashboard);
