/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

const NOMINEE = "杜建明";
const OBJECTION = "杜建明同志牵头的课题报告中有部分数据引自他人成果，请核实署名情况。";

// The masses open the publicity board on a phone, from the app's menu, read a
// nominee's deeds and lodge an objection.
registry.category("web_tour.tours").add("cxzy_publicity_objection_tour", {
    steps: () => [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "All the apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "Open the Party Building app",
            trigger: '.o_app_menu_sidebar .o_app[data-menu-xmlid="cxzy_campaign.menu_cxzy_root"]',
            run: "click",
        },
        {
            content: "Open the menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open the nominations under publicity on the 公示栏",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="cxzy_evaluation.menu_cxzy_publicity_nomination"]',
            run: "click",
        },
        {
            content: "The nominations under publicity are shown as cards",
            trigger: `.o_kanban_record:contains("${NOMINEE}"):contains("优秀共产党员")`,
            run: "click",
        },
        {
            content: "The deeds are shown, read-only",
            trigger: '.o_form_view .o_field_widget[name=deeds]:contains("宏观经济研究")',
        },
        {
            content: "Nothing more of the nomination: no grade, no vote",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=votes_favour]))",
        },
        {
            content: "Lodge an objection",
            trigger: ".o_form_view button[name=action_open_objection]",
            run: "click",
        },
        {
            content: "Write it down",
            trigger: ".modal .o_field_widget[name=content] textarea",
            run: `edit ${OBJECTION}`,
        },
        {
            content: "Lodge it",
            trigger: ".modal button[name=action_lodge]",
            run: "click",
        },
        {
            content: "Thanked, and told the committee checks it",
            // The demo's masses read Chinese; a user in English reads the source.
            trigger:
                '.o_notification:contains("您的异议已提交"), .o_notification:contains("your objection was lodged")',
        },
    ],
});

// The committee records how the objection was checked, on a phone too.
registry.category("web_tour.tours").add("cxzy_objection_check_tour", {
    steps: () => [
        {
            content: "The objection waits to be checked",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=content]:contains("署名情况")`,
            run: "click",
        },
        {
            // the form's menu, not the list's (it has one too for who may export)
            content: "On a phone, the header's buttons are in the actions menu",
            trigger: ".o_form_view .o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Record the check",
            trigger: ".o-dropdown--menu button[name=action_open_handle]",
            run: "click",
        },
        {
            content: "How it was checked",
            trigger: ".modal .o_field_widget[name=check_note] textarea",
            run: "edit 经与课题组成员及原始材料核对，引用数据均已注明出处，反映问题不属实。",
        },
        {
            content: "Not founded",
            trigger: ".modal .o_field_widget[name=outcome] input[data-value=unfounded]",
            run: "click",
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_handle]",
            run: "click",
        },
        {
            content: "The objection is handled",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value=handled]',
        },
    ],
});
