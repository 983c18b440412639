# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from lxml import etree

from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval
from odoo.tools.view_validation import get_expression_field_names

#: the demo roles, by login
ROLE_LOGINS = (
    "cxzy_masses",
    "cxzy_member",
    "cxzy_secretary",
    "cxzy_committee",
    "cxzy_leader",
    "cxzy_office",
)


class CampaignContextCase(TransactionCase):
    """新建 from a menu, on the demo agency: the running campaign is chosen
    already and the campaign field offers it, for every role that may create
    a record there. The checks are run by the tests of each addon's class
    (Odoo collects no inherited test method)."""

    #: models whose menus create records of a campaign
    context_models = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["cxzy.campaign"].search(
            [("is_template", "=", False), ("state", "=", "running")],
            order="date_start desc, id desc",
            limit=1,
        )
        cls.users = cls.env["res.users"].search([("login", "in", ROLE_LOGINS)])

    def _creators(self, model):
        """The demo users who may create records of ``model``."""
        creators = self.users.filtered(
            lambda user: (
                self.env["ir.model.access"]
                .with_user(user)
                .check(model, "create", raise_exception=False)
            )
        )
        self.assertTrue(creators, f"nobody creates {model}")
        return creators

    def _top_field_nodes(self, arch):
        """The field nodes of a form, not those of its x2many sub-views."""
        return [
            node
            for node in etree.fromstring(arch).iter("field")
            if not any(a.tag == "field" for a in node.iterancestors())
        ]

    def _check_menu_new_defaults_to_the_running_campaign(self):
        self.assertTrue(self.campaign)
        for model in self.context_models:
            for user in self._creators(model):
                with self.subTest(model=model, login=user.login):
                    Model = self.env[model].with_user(user)
                    form = Form(Model)
                    self.assertEqual(form.campaign_id, self.campaign)
                    if not Model._fields["campaign_id"].compute:
                        self.assertEqual(
                            Model.default_get(["campaign_id"])["campaign_id"],
                            self.campaign.id,
                        )

    def _check_campaign_field_offers_the_running_campaigns(self):
        Campaign = self.env["cxzy.campaign"]
        template = Campaign.search([("is_template", "=", True)], limit=1)
        draft = Campaign.create(
            {
                "name": "未启动的活动",
                "date_start": self.campaign.date_start,
                "date_end": self.campaign.date_end,
            }
        )
        for model in self.context_models:
            for user in self._creators(model):
                with self.subTest(model=model, login=user.login):
                    Model = self.env[model].with_user(user)
                    domain = Model.fields_get(["campaign_id"])["campaign_id"]["domain"]
                    # a domain that names no field of the record: the field
                    # can be searched before anything else is filled in
                    self.assertIsInstance(domain, list)
                    found = Campaign.browse(
                        [
                            cid
                            for cid, _name in Campaign.with_user(user).name_search(
                                "创先争优", args=domain
                            )
                        ]
                    )
                    self.assertIn(self.campaign, found)
                    self.assertNotIn(template, found)
                    self.assertNotIn(draft, found)

    def _check_campaign_field_never_creates(self):
        """Typing in the campaign field never offers to create a campaign
        named after the text."""
        for model in self.context_models:
            for user in self._creators(model):
                with self.subTest(model=model, login=user.login):
                    views = self.env[model].with_user(user).get_views([(False, "form")])
                    nodes = [
                        node
                        for node in self._top_field_nodes(
                            views["views"]["form"]["arch"]
                        )
                        if node.get("name") == "campaign_id"
                    ]
                    self.assertTrue(nodes)
                    for node in nodes:
                        options = safe_eval(node.get("options", "{}"))
                        self.assertTrue(options.get("no_create"), model)

    def _check_form_domains_can_be_evaluated(self, models=()):
        """Every editable field's domain in the form names fields the form
        holds for this user (the web client evaluates it on the record): a
        domain on ``company_id`` when ``company_id`` is shown to multi-company
        users only leaves the field empty for everyone else."""
        for model in self.context_models + tuple(models):
            for user in self._creators(model):
                with self.subTest(model=model, login=user.login):
                    Model = self.env[model].with_user(user)
                    views = Model.get_views([(False, "form")])
                    nodes = self._top_field_nodes(views["views"]["form"]["arch"])
                    present = {node.get("name") for node in nodes}
                    descriptions = views["models"][model]["fields"]
                    for node in nodes:
                        name = node.get("name")
                        if node.get("readonly") in ("1", "True"):
                            continue
                        domain = node.get("domain") or descriptions[name].get("domain")
                        if not isinstance(domain, str):
                            continue
                        used = {
                            fname.split(".")[0]
                            for fname in get_expression_field_names(domain)
                        } & set(Model._fields)
                        self.assertLessEqual(used, present, f"{name}: {domain}")


@tagged("post_install", "-at_install")
class TestCampaignContext(CampaignContextCase):
    context_models = (
        "cxzy.demonstration.post",
        "cxzy.campaign.event",
        "cxzy.party.spirit.report",
        "cxzy.duty.report",
        "cxzy.phase.summary",
        "cxzy.pledge",
        "cxzy.service.pairing",
    )

    def test_menu_new_defaults_to_the_running_campaign(self):
        self._check_menu_new_defaults_to_the_running_campaign()

    def test_campaign_field_offers_the_running_campaigns(self):
        self._check_campaign_field_offers_the_running_campaigns()

    def test_form_domains_can_be_evaluated(self):
        self._check_form_domains_can_be_evaluated()

    def test_campaign_field_never_creates(self):
        self._check_campaign_field_never_creates()
