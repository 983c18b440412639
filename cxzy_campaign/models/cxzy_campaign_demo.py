# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from passlib.context import CryptContext

from odoo import Command, api, fields, models

#: Rounds of the demo logins' password hashes: each password is the login, so
#: the full work factor Odoo gives real passwords (about a second each) would
#: only slow the install down.
DEMO_PASSWORD_ROUNDS = 1000


class CxzyCampaignDemo(models.AbstractModel):
    """Builders of the demo data, kept out of the business models: they write
    as the system what in real life the branches did over months."""

    _name = "cxzy.campaign.demo"
    _description = "Campaign Demo Data Builder"

    @api.model
    def _demo_load_batch(self, model, rows):
        """Demo records of ``model``, ``(xmlid, values)`` each, created in one
        batch with their external ids, as Odoo loads demo records (never
        deleted or rewritten by an update): one ``create`` of 74 employees
        instead of 74 saves most of the install's time on the demo staff."""
        return self.env[model]._load_records(
            [
                {
                    "xml_id": xmlid if "." in xmlid else f"cxzy_campaign.{xmlid}",
                    "values": values,
                    "noupdate": True,
                }
                for xmlid, values in rows
            ],
            update=True,
        )

    @api.model
    def _demo_create_users(self, users):
        """The demo logins, ``(xmlid, name, login, email, group id)`` each,
        created in one batch with their external ids (the password of each is
        its login); one ``create`` instead of one per user saves the group
        recomputations that each user's creation triggers."""
        company = self.env.ref("base.main_company")
        # The agency works in Chinese, when Chinese is loaded (make run does).
        chinese = {"lang": "zh_CN"} if self.env["res.lang"]._lang_get("zh_CN") else {}
        created = self.with_context(no_reset_password=True)._demo_load_batch(
            "res.users",
            [
                (
                    xmlid,
                    {
                        "name": name,
                        "login": login,
                        "email": email,
                        "tz": "Asia/Shanghai",
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.link(group_id)],
                        **chinese,
                    },
                )
                for xmlid, name, login, email, group_id in users
            ],
        )
        if chinese:
            # OdooBot, who loads the demo and runs the scheduled jobs, writes
            # its chatter notes in the agency's language too.
            self.env.ref("base.user_root").partner_id.lang = "zh_CN"
        # The scheme Odoo verifies, with fewer rounds.
        crypt = CryptContext(
            ["pbkdf2_sha512"], pbkdf2_sha512__rounds=DEMO_PASSWORD_ROUNDS
        )
        for user in created:
            created._set_encrypted_password(user.id, crypt.hash(user.login))

    @api.model
    def _demo_archive_odoo_placeholders(self):
        """Odoo's own HR demo (Mitchell Admin, Ronnie Hart, … with US phone
        numbers) has no place in a Chinese agency's staff list: archived, so
        the agency's directory is its own 74 staff."""
        placeholders = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "hr"), ("model", "=", "hr.employee")])
        )
        self.env["hr.employee"].sudo().browse(
            placeholders.mapped("res_id")
        ).exists().write({"active": False})

    @api.model
    def _demo_complete_past_work(self, campaign_ids):
        """The assignments whose deadline has passed are done, but for one
        branch that lags behind, so the office sees overdue work."""
        campaigns = self.env["cxzy.campaign"].sudo().browse(campaign_ids)
        today = fields.Date.context_today(self)
        past = campaigns.assignment_ids.filtered(
            lambda a: a.state in ("todo", "in_progress") and a.deadline < today
        )
        lagging = past.organization_id.sorted("id")[-1:]
        for assignment in past.filtered(lambda a: a.organization_id != lagging):
            assignment.write(
                {
                    "state": "done",
                    "date_done": assignment.deadline,
                    "completion_note": "<p>按计划完成。</p>",
                }
            )
        return True

    @api.model
    def _demo_draw_up_summary(self, summary_ids):
        """The campaign's summary with its figures drawn up from the demo
        records, as the office would have done."""
        summaries = self.env["cxzy.campaign.summary"].sudo().browse(summary_ids)
        summaries.filtered(lambda summary: summary.state == "draft").action_draw_up()
        return True
