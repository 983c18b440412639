# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Party Building Campaign (创先争优)",
    "summary": "Party organisations, HR-linked Party members and roles for the "
    "创先争优 campaign",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/cxzy/cxzy",
    "author": "cxzy contributors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail"],
    "data": [
        "security/cxzy_campaign_security.xml",
        "security/ir.model.access.csv",
        "security/cxzy_pledge_security.xml",
        "data/mail_activity_type_data.xml",
        "data/cxzy_campaign_template_data.xml",
        "views/cxzy_party_organization_views.xml",
        "views/cxzy_party_member_views.xml",
        "views/hr_employee_views.xml",
        "views/cxzy_campaign_views.xml",
        "views/cxzy_campaign_assignment_views.xml",
        "wizard/cxzy_campaign_from_template_views.xml",
        "views/cxzy_pledge_views.xml",
        "wizard/cxzy_pledge_wizard_views.xml",
        "views/menus.xml",
        "views/cxzy_pledge_menus.xml",
    ],
    "demo": [
        "demo/hr_demo.xml",
        "demo/res_users_demo.xml",
        "demo/cxzy_party_organization_demo.xml",
        "demo/cxzy_party_member_demo.xml",
        "demo/cxzy_campaign_demo.xml",
        "demo/cxzy_pledge_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cxzy_campaign/static/tests/tours/*.js",
        ],
    },
}
