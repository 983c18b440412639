/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cxzy_organization_tour", {
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
            content: "Open the Party organisations",
            trigger: '.o_menu_sections [data-menu-xmlid="cxzy_campaign.menu_cxzy_organization"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="cxzy_campaign.menu_cxzy_party_organization"]',
            run: "click",
        },
        {
            content: "Create a branch",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit 巡视组党支部",
        },
        {
            trigger: ".o_field_widget[name=kind] select",
            run: 'select "branch"',
        },
        {
            trigger: ".o_field_widget[name=parent_id] input",
            run: "edit 巡视机关党委",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("巡视机关党委")',
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The branch is saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Open the branch's members",
            trigger: ".o_control_panel button[name=action_view_members]",
            run: "click",
        },
        {
            content: "Make an employee a member of the branch",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=employee_id] input",
            run: "edit 巡视员",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("巡视员甲")',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=organization_id] input:value("巡视组党支部")',
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The member is saved with HR's department",
            trigger: '.o_form_saved .o_field_widget[name=department_id]:contains("巡视处")',
        },
        {
            content: "The branch now counts one member",
            trigger: '.breadcrumb-item a:contains("巡视组党支部")',
            run: "click",
        },
        {
            trigger: '.o_control_panel button[name=action_view_members]:contains("1")',
        },
    ],
});
