/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cxzy_campaign_context_tour", {
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
            content: "Open the campaign menu",
            trigger: '.o_menu_sections [data-menu-xmlid="cxzy_campaign.menu_cxzy_campaign_top"]',
            run: "click",
        },
        {
            content: "Open the demonstration posts",
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_demonstration_post"]',
            run: "click",
        },
        {
            content: "Create a post from the menu",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The running campaign is preselected",
            trigger: ".o_field_widget[name=campaign_id] input",
            run() {
                const value = this.anchor.value;
                if (!value.includes("创先争优活动")) {
                    throw new Error(`The campaign is not preselected: "${value}"`);
                }
            },
        },
        {
            content: "The campaign field lists the running campaign",
            trigger: ".o_field_widget[name=campaign_id] input",
            run: "edit 创先争优",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("创先争优活动")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=title] input",
            run: "edit 调研课题示范岗",
        },
        {
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit 综合研究处",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("综合研究处党支部")',
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=member_id] input",
            run: "edit 赵磊",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("赵磊")',
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The post is saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("cxzy_completion_matrix_tour", {
    url: "/odoo",
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: '.o_app[data-menu-xmlid="cxzy_campaign.menu_cxzy_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="cxzy_campaign.menu_cxzy_campaign_top"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_campaign"]',
            run: "click",
        },
        {
            content: "Open the running campaign",
            trigger: '.o_data_row td:contains("创先争优活动")',
            run: "click",
        },
        {
            content: "The task button counts done of all",
            trigger: 'button[name=action_view_assignments] .o_stat_value:contains("/")',
        },
        {
            content: "Open the completion matrix",
            trigger: "button[name=action_view_matrix]",
            run: "click",
        },
        {
            content: "Each cell shows its state in colour",
            trigger: ".o_cxzy_completion_matrix td span.badge.text-bg-success[data-state=done]",
        },
        {
            trigger: ".o_cxzy_completion_matrix td span.badge[data-state=todo], .o_cxzy_completion_matrix td span.badge[data-state=in_progress], .o_cxzy_completion_matrix td span.badge[data-state=overdue]",
        },
        {
            content: "A small campaign shows every cell, on one page",
            trigger: ".o_field_widget[name=page_count]:contains(1)",
        },
        {
            content: "Choose one organisation",
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit 综合研究处",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(综合研究处党支部)",
            run: "click",
        },
        {
            content: "Its row only",
            trigger: ".o_field_widget[name=row_count]:contains(1)",
        },
        {
            trigger: ".o_cxzy_completion_matrix tbody th:contains(综合研究处党支部)",
        },
        {
            content: "Keep the choice",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
