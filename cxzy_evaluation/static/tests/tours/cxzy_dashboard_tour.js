/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const CAMPAIGN = "看板巡检活动";
const BRANCH = "巡检一支部";

registry.category("web_tour.tours").add("cxzy_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Party Building app",
            trigger: '.o_app[data-menu-xmlid="cxzy_campaign.menu_cxzy_root"]',
            run: "click",
        },
        {
            content: "The dashboard is the app's first screen",
            trigger: ".o_cxzy_dashboard .o_cxzy_kpis .o_cxzy_kpi_tasks",
        },
        {
            content: "The latest campaign shows first",
            trigger: '.o_cxzy_dashboard .o_cxzy_campaign_name:contains("另一项活动")',
        },
        {
            content: "Choose the campaign",
            trigger: ".o_cxzy_dashboard select.o_cxzy_campaign_select",
            run: `selectByLabel ${CAMPAIGN}`,
        },
        {
            content: "The campaign's name heads the dashboard",
            trigger: `.o_cxzy_dashboard .o_cxzy_campaign_name:contains(${CAMPAIGN})`,
        },
        {
            content: "Its current phase",
            trigger: '.o_cxzy_kpi_phase:contains("全面争创")',
        },
        {
            content: "Half of its assignments are done",
            trigger: '.o_cxzy_kpi_tasks .o_cxzy_value:contains("50")',
        },
        {
            content: "One of its two pledges is published",
            trigger: '.o_cxzy_kpi_pledges .o_cxzy_value:contains("1")',
        },
        {
            content: "The completion of each branch",
            trigger: `.o_cxzy_completion .o_cxzy_org_name:contains(${BRANCH})`,
        },
        {
            content: "Open the assignments of the branch",
            trigger: `.o_cxzy_completion .o_cxzy_bar_row:contains(${BRANCH})`,
            run: "click",
        },
        {
            content: "They are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The same campaign shows again",
            trigger: `.o_cxzy_dashboard .o_cxzy_campaign_name:contains(${CAMPAIGN})`,
        },
    ],
});
