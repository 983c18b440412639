/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const BRANCH = "巡视组党支部";
const CAMPAIGN = "巡视承诺活动";
const PLEDGE = `${BRANCH} — ${CAMPAIGN}`;

function openApp() {
    return [
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
    ];
}

function openPledge() {
    return [
        ...openApp(),
        {
            content: "Open the pledges",
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_pledge"]',
            run: "click",
        },
        {
            content: "Open the branch's pledge",
            trigger: `.o_list_view .o_data_cell[name=name]:contains("${PLEDGE}")`,
            run: "click",
        },
        {
            content: "Its items are there",
            trigger: '.o_field_widget[name=item_ids] .o_data_cell:contains("每月开展一次集中学习")',
        },
    ];
}

registry.category("web_tour.tours").add("cxzy_pledge_submit_tour", {
    url: "/odoo",
    steps: () => [
        ...openPledge(),
        {
            content: "Submit it for approval",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit]",
            run: "click",
        },
        {
            content: "It is submitted",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Submitted")',
        },
        {
            content: "Who submitted it is said in the chatter",
            trigger: '.o-mail-Message-body:contains("Submit by")',
        },
    ],
});

registry.category("web_tour.tours").add("cxzy_pledge_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openPledge(),
        {
            content: "Approve it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Approved")',
        },
        {
            content: "Publish it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_publish]",
            run: "click",
        },
        {
            content: "It is published",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Published")',
        },
        {
            content: "The assessment can now be recorded",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_assess_wizard]",
        },
    ],
});

registry.category("web_tour.tours").add("cxzy_pledge_board_tour", {
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
            content: "Open the publicity board (公示栏)",
            trigger: '.o_menu_sections [data-menu-xmlid="cxzy_campaign.menu_cxzy_publicity"]',
            run: "click",
        },
        {
            content: "Open the pledge board",
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_pledge_board"]',
            run: "click",
        },
        {
            content: "Open the published pledge",
            trigger: `.o_kanban_record:contains("${BRANCH}"):contains("${CAMPAIGN}")`,
            run: "click",
        },
        {
            content: "Its items are shown",
            trigger: '.o_field_widget[name=item_ids] .o_data_cell:contains("每月开展一次集中学习")',
        },
        {
            content: "The branch is named, not a link into a record the masses cannot open",
            trigger: `.o_field_widget[name=organization_id]:contains("${BRANCH}"):not(:has(a))`,
        },
        {
            content: "Write a message",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit 希望支部早日兑现集中学习的承诺",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The comment is posted",
            trigger: '.o-mail-Message-body:contains("希望支部早日兑现集中学习的承诺")',
        },
    ],
});
