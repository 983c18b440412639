/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

// The member opens their pledge from the menu and downloads it as Word.
registry.category("web_tour.tours").add("cxzy_docx_pledge_tour", {
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
            content: "Open the pledges",
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_pledge"]',
            run: "click",
        },
        {
            content: "Open my pledge",
            trigger: '.o_list_view .o_data_cell[name=name]:contains("下载测试活动")',
            run: "click",
        },
        {
            content: "Its items are there",
            trigger: '.o_field_widget[name=item_ids] .o_data_cell:contains("每月撰写一篇学习心得")',
        },
        {
            content: "Download it as Word",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_download_docx]",
            run: "click",
        },
        {
            content: "The form stays open",
            trigger: '.o_form_view .o_field_widget[name=item_ids] .o_data_cell:contains("每月撰写一篇学习心得")',
        },
    ],
});
