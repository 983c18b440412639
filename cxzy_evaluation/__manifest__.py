# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Party Building Campaign: Evaluation (创先争优考核评议)",
    "summary": "Criteria, assessments, anonymous appraisal rounds, commendations, "
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/cxzy/cxzy",
    "author": "cxzy contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["cxzy_campaign"],
    "data": [
        "security/ir.model.access.csv",
        "security/cxzy_assessment_security.xml",
        "security/cxzy_appraisal_security.xml",
        "security/cxzy_nomination_security.xml",
        "data/cxzy_criterion_data.xml",
        "data/cxzy_appraisal_round_data.xml",
        "data/cxzy_award_type_data.xml",
        "views/cxzy_criterion_views.xml",
        "views/cxzy_assessment_period_views.xml",
        "views/cxzy_org_assessment_views.xml",
        "views/cxzy_member_appraisal_views.xml",
        "views/cxzy_grade_history_views.xml",
        "views/cxzy_upgrade_report_views.xml",
        "views/cxzy_campaign_views.xml",
        "report/cxzy_upgrade_report.xml",
        "views/cxzy_appraisal_round_views.xml",
        "wizard/cxzy_appraisal_ballot_views.xml",
        "views/cxzy_nomination_views.xml",
        "wizard/cxzy_nomination_step_views.xml",
        "report/cxzy_nomination_report.xml",
        "views/menus.xml",
        "views/cxzy_assessment_menus.xml",
        "views/cxzy_appraisal_menus.xml",
        "views/cxzy_nomination_menus.xml",
    ],
    "demo": [
        "demo/cxzy_assessment_demo.xml",
        "demo/cxzy_appraisal_round_demo.xml",
        "demo/cxzy_nomination_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
        ],
        "web.assets_tests": [
            "cxzy_evaluation/static/tests/tours/*.js",
        ],
    },
}
