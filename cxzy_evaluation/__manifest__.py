# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Party Building Campaign: Evaluation (创先争优考核评议)",
    "summary": "Criteria of the 五个好 branches and 五个模范 members for the "
    "创先争优 campaign",
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
        "data/cxzy_criterion_data.xml",
        "views/cxzy_criterion_views.xml",
        "views/menus.xml",
    ],
}
