/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const CAMPAIGN = "手机承诺活动";

/** Click the header button ``name``: on a phone Odoo puts the header's
 * buttons in the control panel's cog menu. */
function clickHeaderButton(name) {
    return {
        content: `Click ${name} (in the header or its dropdown)`,
        trigger: ".o_form_view .o_form_statusbar",
        async run() {
            const selector = `button[name=${name}]`;
            let button = document.querySelector(selector);
            if (!button) {
                const toggle = document.querySelector(
                    ".o_control_panel .o_cp_action_menus .dropdown-toggle"
                );
                if (toggle) {
                    toggle.click();
                    for (let i = 0; i < 50 && !document.querySelector(selector); i++) {
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                }
                button = document.querySelector(selector);
            }
            if (!button) {
                throw new Error(`No button ${name} in the header or the cog menu`);
            }
            button.click();
        },
    };
}

registry.category("web_tour.tours").add("cxzy_todo_member_submit_tour", {
    steps: () => [
        {
            content: "The member's draft pledge is open",
            trigger: `.o_form_view .o_field_widget[name=item_ids]:contains("每周走访一户群众")`,
        },
        clickHeaderButton("action_submit"),
        {
            content: "The step is written in the chatter (from → to)",
            trigger: '.o-mail-Message-body:contains("→")',
        },
    ],
});

registry.category("web_tour.tours").add("cxzy_todo_secretary_tour", {
    steps: () => [
        {
            content: "The secretary has a to-do in the activity menu",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
        },
        {
            content: "Open the activity menu",
            trigger: ".o_menu_systray button:has(i.fa-clock-o)",
            run: "click",
        },
        {
            content: "Open the pledges waiting for them",
            trigger: '.o-mail-ActivityGroup[data-model_name="cxzy.pledge"]',
            run: "click",
        },
        {
            content: "Open the submitted pledge",
            trigger: `.o_kanban_record:contains("${CAMPAIGN}"), .o_data_row .o_data_cell:contains("${CAMPAIGN}")`,
            run: "click",
        },
        {
            content: "The to-do is on the pledge",
            trigger: ".o-mail-Chatter .o-mail-ActivityList",
        },
        {
            content: "Open the cog menu of the phone's control panel",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "The secretary may approve it",
            trigger: "button[name=action_approve]",
        },
    ],
});
