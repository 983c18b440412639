/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const NOMINATION = "导览党员 — 优秀共产党员";

function openNomination() {
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
            content: "Open the evaluation menu",
            trigger: '.o_menu_sections [data-menu-xmlid="cxzy_evaluation.menu_cxzy_evaluation"]',
            run: "click",
        },
        {
            content: "Open the nominations",
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_evaluation.menu_cxzy_nomination"]',
            run: "click",
        },
        {
            content: "Open the nomination",
            trigger: `.o_list_view .o_data_cell[name=name]:contains("${NOMINATION}")`,
            run: "click",
        },
        {
            content: "Its deeds are shown",
            trigger: '.o_field_widget[name=deeds]:contains("带头完成导览课题")',
        },
    ];
}

registry.category("web_tour.tours").add("cxzy_nomination_study_tour", {
    url: "/odoo",
    steps: () => [
        ...openNomination(),
        {
            content: "Study it with the header button",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_study]",
            run: "click",
        },
        {
            content: "Give the committee's opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 经机关党委会议研究，同意推荐，报室党组审定。",
        },
        {
            content: "Waive the publicity",
            trigger: ".modal .o_field_widget[name=publicity_required] input:checked",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=publicity_required] input:not(:checked)",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is studied",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value=studied]',
        },
        {
            content: "Who studied it is said in the chatter",
            trigger: '.o-mail-Message-body:contains("经机关党委会议研究，同意推荐，报室党组审定")',
        },
        {
            content: "The leading group decides next: no button for the committee",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_open_decide]))",
        },
    ],
});

registry.category("web_tour.tours").add("cxzy_nomination_decide_tour", {
    url: "/odoo",
    steps: () => [
        ...openNomination(),
        {
            content: "Open the opinions",
            trigger: '.o_notebook .nav-link[name=opinions]',
            run: "click",
        },
        {
            content: "The committee's opinion is on record",
            trigger: '.o_field_widget[name=study_opinion]:contains("同意推荐，报室党组审定")',
        },
        {
            content: "Decide it with the header button",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_decide]",
            run: "click",
        },
        {
            content: "Give the leading group's decision",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 经室党组会议研究决定，授予优秀共产党员称号。",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is decided",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value=decided]',
        },
        {
            content: "Who decided it is said in the chatter",
            trigger: '.o-mail-Message-body:contains("授予优秀共产党员称号")',
        },
        {
            content: "The commendation is the next step",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_commend]",
        },
    ],
});
