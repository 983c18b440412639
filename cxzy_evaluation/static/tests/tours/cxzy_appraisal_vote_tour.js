/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const ROUND = "导览党支部群众评议";
const LINES = 10;

function gradeLine(index) {
    const row = `.modal .o_field_widget[name=line_ids] .o_data_row:eq(${index})`;
    return [
        {
            content: `Edit ballot line ${index + 1}`,
            trigger: `${row} .o_data_cell[name=grade]`,
            run: "click",
        },
        {
            content: `Grade line ${index + 1}: good`,
            trigger: `${row} .o_data_cell[name=grade] select`,
            run: 'select "good"',
        },
    ];
}

registry.category("web_tour.tours").add("cxzy_appraisal_vote_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the masses' appraisal app",
            trigger: '.o_app[data-menu-xmlid="cxzy_evaluation.menu_cxzy_appraisal_root"]',
            run: "click",
        },
        {
            content: "Vote in the open round",
            trigger: `.o_kanban_record:contains("${ROUND}") button[name=action_vote]`,
            run: "click",
        },
        {
            content: "The ballot lists every subject and criterion",
            trigger: `.modal .o_field_widget[name=line_ids] .o_data_row:eq(${LINES - 1})`,
        },
        ...[...Array(LINES - 1).keys()].flatMap(gradeLine),
        {
            content: "The grades are the words of the instructions",
            trigger: `.modal:contains(good, fairly good, average or poor) .o_data_row:eq(0) .o_data_cell[name=grade]:contains("Fairly Good")`,
        },
        {
            content: "Cast an incomplete ballot",
            trigger: '.modal-footer button:contains("Cast Ballot")',
            run: "click",
        },
        {
            content: "The ballot is checked before anything is confirmed",
            trigger: ".o_notification:contains(1 of the 10 grades are missing)",
        },
        {
            content: "No confirmation was asked: the ballot is still the active dialog",
            trigger: ".modal:not(.o_inactive_modal) .o_field_widget[name=line_ids]",
        },
        ...gradeLine(LINES - 1),
        {
            content: "Cast the ballot",
            trigger: '.modal-footer button:contains("Cast Ballot")',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal:not(.o_inactive_modal) .modal-footer .btn-primary:contains(Ok)",
            run: "click",
        },
        {
            content: "The round now shows the ballot as cast",
            trigger: `.o_kanban_record:contains("${ROUND}"):contains("Voted")`,
        },
    ],
});
