# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import threading
import time
from datetime import date

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


class CxzyCase(TransactionCase):
    """A small agency: a committee with two branches and a Party group, one
    user per role, and a second company with its own branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "另一机关"})
        Org = cls.env["cxzy.party.organization"]
        cls.committee = Org.create({"name": "机关党委", "kind": "committee"})
        cls.branch_1 = Org.create(
            {"name": "综合处党支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.branch_2 = Org.create(
            {"name": "经济处党支部", "kind": "branch", "parent_id": cls.committee.id}
        )
        cls.group_1 = Org.create(
            {"name": "综合处第一党小组", "kind": "group", "parent_id": cls.branch_1.id}
        )
        cls.branch_b = Org.create(
            {"name": "另一机关党支部", "kind": "branch", "company_id": cls.company_b.id}
        )

        def user(login, groups, company=None):
            company = company or cls.company
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )

        cls.user_secretary = user(
            "cxzy_t_secretary", "cxzy_campaign.group_cxzy_secretary"
        )
        cls.user_member = user("cxzy_t_member", "cxzy_campaign.group_cxzy_member")
        cls.user_other = user("cxzy_t_other", "cxzy_campaign.group_cxzy_member")
        cls.user_committee = user(
            "cxzy_t_committee", "cxzy_campaign.group_cxzy_committee"
        )
        cls.user_leading = user("cxzy_t_leading", "cxzy_campaign.group_cxzy_leading")
        cls.user_office = user("cxzy_t_office", "cxzy_campaign.group_cxzy_office")
        cls.user_masses = user("cxzy_t_masses", "base.group_user")
        cls.user_office_b = user(
            "cxzy_t_office_b", "cxzy_campaign.group_cxzy_office", cls.company_b
        )

        Employee = cls.env["hr.employee"]

        def employee(name, user=None, company=None):
            return Employee.create(
                {
                    "name": name,
                    "user_id": user.id if user else False,
                    "company_id": (company or cls.company).id,
                }
            )

        cls.emp_secretary = employee("李书记", cls.user_secretary)
        cls.emp_member = employee("张党员", cls.user_member)
        cls.emp_other = employee("王党员", cls.user_other)
        cls.emp_committee = employee("赵委员", cls.user_committee)
        cls.emp_group = employee("孙组员")
        cls.emp_free = employee("钱群众", cls.user_masses)
        cls.emp_free_2 = employee("周群众")
        cls.emp_b = employee("外单位党员", company=cls.company_b)

        Member = cls.env["cxzy.party.member"]
        cls.member_secretary = Member.create(
            {"employee_id": cls.emp_secretary.id, "organization_id": cls.branch_1.id}
        )
        cls.member_member = Member.create(
            {"employee_id": cls.emp_member.id, "organization_id": cls.branch_1.id}
        )
        cls.member_group = Member.create(
            {"employee_id": cls.emp_group.id, "organization_id": cls.group_1.id}
        )
        cls.member_other = Member.create(
            {"employee_id": cls.emp_other.id, "organization_id": cls.branch_2.id}
        )
        cls.member_committee = Member.create(
            {"employee_id": cls.emp_committee.id, "organization_id": cls.committee.id}
        )
        cls.member_b = Member.create(
            {"employee_id": cls.emp_b.id, "organization_id": cls.branch_b.id}
        )
        cls.branch_1.secretary_id = cls.member_secretary
        cls.committee.secretary_id = cls.member_committee
        # The database may hold demo data: tests compare within these records.
        cls.test_organizations = (
            cls.committee | cls.branch_1 | cls.branch_2 | cls.group_1 | cls.branch_b
        )
        cls.test_members = Member.search(
            [("organization_id", "in", cls.test_organizations.ids)]
        )


class RaceCase(TransactionCase):
    """Two real transactions at the same moment, the second waiting on the first.

    The data both need is committed in a cursor of its own (the test
    transaction's data is invisible to other cursors) and removed again at
    the end: an organisation, its members (one per name in
    ``race_employees``) and a campaign, in ``self.ids``; a subclass adds its
    own records in ``_race_records`` and removes them in ``_purge_records``.
    Its names are the subclass's, since the messages checked quote them.
    """

    race_organization = None
    race_employees = ()
    race_campaign = None
    race_dates = (date(2010, 4, 1), date(2012, 6, 30))
    #: Whether the campaign is for the organisation (its ``organization_ids``).
    race_scoped = True
    #: Models whose records on the campaign the default ``_purge_records``
    #: removes.
    race_models = ()

    @classmethod
    def _env(cls, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            organization = env["cxzy.party.organization"].create(
                {"name": self.race_organization, "kind": "branch"}
            )
            employees = env["hr.employee"].create(
                [{"name": name} for name in self.race_employees]
            )
            members = env["cxzy.party.member"].create(
                [
                    {"employee_id": employee.id, "organization_id": organization.id}
                    for employee in employees
                ]
            )
            date_start, date_end = self.race_dates
            campaign_vals = {
                "name": self.race_campaign,
                "date_start": date_start,
                "date_end": date_end,
            }
            if self.race_scoped:
                campaign_vals["organization_ids"] = [Command.set(organization.ids)]
            campaign = env["cxzy.campaign"].create(campaign_vals)
            self.ids = {
                "organization": organization.id,
                "employees": employees.ids,
                "partners": employees.work_contact_id.ids,
                "members": members.ids,
                "campaign": campaign.id,
            }
            self._race_records(env)
            # leaving the block commits
        self.addCleanup(self._purge)

    def _race_records(self, env):
        """Create the subclass's committed records, noting their ids in
        ``self.ids``."""

    def _purge(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self._purge_records(env)
            env["cxzy.campaign"].browse(self.ids["campaign"]).unlink()
            env["cxzy.party.member"].browse(self.ids["members"]).unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).exists().unlink()
            env["cxzy.party.organization"].browse(self.ids["organization"]).unlink()

    def _purge_records(self, env):
        """Remove the subclass's records before the fixture's own."""
        for model in self.race_models:
            env[model].search([("campaign_id", "=", self.ids["campaign"])]).unlink()

    @staticmethod
    def _waiting(cr, pid):
        """Whether the backend ``pid`` waits for a lock."""
        cr.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
        return bool(cr.rowcount)

    def _cursors(self):
        """Two cursors of their own, closed at the end."""
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        self.addCleanup(cr2.close)
        self.addCleanup(cr1.close)
        # Never hang the test run if something goes wrong.
        cr1.execute("SET lock_timeout = '20s'")
        cr2.execute("SET lock_timeout = '20s'")
        return cr1, cr2

    def _race(self, cr1, cr2, second, after=None, who="insert"):
        """Run ``second(env)`` on ``cr2`` in a thread while ``cr1`` holds its
        uncommitted work; once the thread waits for a lock ``cr1`` held,
        commit ``cr1``.

        Return what became of the second transaction: ``"result"``, what
        ``second`` returned, or ``"error"``, what it raised; with ``after``,
        also ``"after"``, what ``after(env)`` returned or raised then (is the
        loser's transaction still usable?). ``cr2`` is left uncommitted.
        """
        pid2 = cr2._cnx.get_backend_pid()
        outcome = {}
        # Made here: a new environment looks the registry up, whose lock the
        # test runner holds.
        env2 = self._env(cr2)

        @mute_logger("odoo.sql_db")
        def second_transaction():
            try:
                outcome["result"] = second(env2)
            except Exception as error:  # reported by the caller's assertions
                outcome["error"] = error
            if after is not None:
                try:
                    outcome["after"] = after(env2)
                except Exception as error:
                    outcome["after"] = error

        thread = threading.Thread(target=second_transaction, daemon=True)
        thread.start()
        # Wait until the second transaction is blocked by the first one's
        # uncommitted work (a row in a unique index, a locked row): its Python
        # checks passed.
        with self.registry.cursor() as watch:
            deadline = time.monotonic() + 15
            while not self._waiting(watch, pid2) and time.monotonic() < deadline:
                time.sleep(0.05)
            blocked = self._waiting(watch, pid2)
        cr1.commit()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertTrue(blocked, f"the second {who} never waited: {outcome}")
        return outcome
