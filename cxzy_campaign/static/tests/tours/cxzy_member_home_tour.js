/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const ITEM = "每周读一本理论书";

// On a phone: a member opens My Home (the first menu of the app, see
// test_member_home.py), sees their pledge and its items, opens
// it and submits it with a button shown on the form itself (not in the ⚙
// action menu, where the header's buttons go on small screens).
registry.category("web_tour.tours").add("cxzy_member_home_tour", {
    url: "/odoo/action-cxzy_campaign.cxzy_member_home_action",
    steps: () => [
        {
            content: "My Home is the member's first screen: my pledge and its items",
            trigger: `.o_kanban_view .o_cxzy_home_pledge:contains("${ITEM}")`,
        },
        {
            content: "Open my pledge",
            trigger: ".o_kanban_record button[name=action_home_pledge]",
            run: "click",
        },
        {
            content: "Its items are whole, one card each",
            trigger: `.o_field_widget[name=item_ids] .o_kanban_record:contains("${ITEM}")`,
        },
        {
            content: "Submit it, with the button on the form",
            trigger:
                ".o_form_view .o_cxzy_phone_steps button[name=action_submit]:not(.dropdown-menu *)",
            run: "click",
        },
        {
            content: "It is submitted: the button is gone",
            trigger:
                ".o_form_view:not(:has(.o_cxzy_phone_steps button[name=action_submit])) .o_field_widget[name=item_ids]",
        },
    ],
});
