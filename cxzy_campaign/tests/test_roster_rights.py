# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_campaign import CampaignCase

LEADING = "cxzy_campaign.group_cxzy_leading"
OFFICE = "cxzy_campaign.group_cxzy_office"
COMMITTEE = "cxzy_campaign.group_cxzy_committee"
MEMBER = "cxzy_campaign.group_cxzy_member"


@tagged("post_install", "-at_install", "roster")
class TestRosterRights(CampaignCase):
    """The roster gives the 指导小组 its group and the office the office's;
    taking a person out takes away what the roster gave, never what was
    given by hand or by another running campaign's roster."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # chatter is read here
        cls.env = cls.env(
            context={
                key: value
                for key, value in cls.env.context.items()
                if key != "tracking_disable"
            }
        )
        cls.campaign = cls.campaign.with_env(cls.env)
        cls.user_plain = new_test_user(
            cls.env, login="cxzy_t_roster_plain", groups=MEMBER
        )
        cls.emp_plain = cls.env["hr.employee"].create(
            {"name": "吴指导", "user_id": cls.user_plain.id}
        )
        cls.Roster = cls.env["cxzy.campaign.roster"]

    def _line(self, employee, role, campaign=None, user=None):
        Roster = self.Roster.with_user(user or self.user_office)
        return Roster.create(
            {
                "campaign_id": (campaign or self.campaign).id,
                "employee_id": employee.id,
                "role": role,
            }
        )

    def _groups(self, user):
        user.invalidate_recordset(["groups_id"])
        return {
            xmlid
            for xmlid in (LEADING, OFFICE, COMMITTEE, MEMBER)
            if user.has_group(xmlid)
        }

    def _chatter(self):
        return " ".join(self.campaign.message_ids.mapped("body"))

    def test_leading_group_line_gives_and_takes_the_group(self):
        self.assertEqual(self._groups(self.user_plain), {MEMBER})
        line = self._line(self.emp_plain, "deputy_leader")
        self.assertEqual(self._groups(self.user_plain), {MEMBER, LEADING})
        grant = self.env["cxzy.campaign.roster.grant"].search(
            [("user_id", "=", self.user_plain.id)]
        )
        self.assertEqual(grant.group_id, self.env.ref(LEADING))
        self.assertIn(self.user_plain.name, self._chatter())
        # changing the role to the office gives the office, and the leading
        # group stays (the office implies it)
        line.with_user(self.user_office).role = "office_deputy"
        self.assertEqual(
            self._groups(self.user_plain), {MEMBER, LEADING, OFFICE, COMMITTEE}
        )
        line.with_user(self.user_office).role = "member"
        self.assertEqual(self._groups(self.user_plain), {MEMBER, LEADING})
        count = len(self.campaign.message_ids)
        line.with_user(self.user_office).unlink()
        self.assertEqual(self._groups(self.user_plain), {MEMBER})
        self.assertFalse(
            self.env["cxzy.campaign.roster.grant"].search(
                [("user_id", "=", self.user_plain.id)]
            )
        )
        self.assertGreater(len(self.campaign.message_ids), count)
        self.assertIn(self.user_plain.name, self.campaign.message_ids[0].body)

    def test_changed_employee_moves_the_rights(self):
        line = self._line(self.emp_plain, "office_staff")
        self.assertIn(OFFICE, self._groups(self.user_plain))
        line.with_user(self.user_office).employee_id = self.emp_other
        self.assertEqual(self._groups(self.user_plain), {MEMBER})
        self.assertIn(OFFICE, self._groups(self.user_other))

    def test_hand_given_group_is_never_taken(self):
        # the committee user holds the leading group by hand
        self.user_committee.groups_id = [Command.link(self.env.ref(LEADING).id)]
        line = self._line(self.emp_committee, "member")
        self.assertFalse(
            self.env["cxzy.campaign.roster.grant"].search(
                [("user_id", "=", self.user_committee.id)]
            )
        )
        line.with_user(self.user_office).unlink()
        self.assertIn(LEADING, self._groups(self.user_committee))
        self.assertIn(COMMITTEE, self._groups(self.user_committee))
        # the office given by the roster goes, the committee given by hand stays
        line = self._line(self.emp_committee, "office_director")
        self.assertIn(OFFICE, self._groups(self.user_committee))
        line.with_user(self.user_office).unlink()
        self.assertEqual(
            self._groups(self.user_committee), {MEMBER, LEADING, COMMITTEE}
        )

    def test_another_running_campaign_keeps_the_right(self):
        other = self.campaign.copy({"name": "另一次活动"})
        self._line(self.emp_plain, "leader", campaign=other)
        line = self._line(self.emp_plain, "member")
        self.assertIn(LEADING, self._groups(self.user_plain))
        line.with_user(self.user_office).unlink()
        self.assertIn(LEADING, self._groups(self.user_plain))
        # the other campaign cancelled: no reason left
        other.with_user(self.user_office).action_cancel()
        self.assertEqual(self._groups(self.user_plain), {MEMBER})
        # back to draft, it gives the group again
        other.with_user(self.user_office).action_reset_draft()
        self.assertIn(LEADING, self._groups(self.user_plain))

    def test_closing_the_campaign_ends_the_rights(self):
        self._line(self.emp_plain, "office_staff")
        self.campaign.with_user(self.user_office).action_start()
        self.assertIn(OFFICE, self._groups(self.user_plain))
        self.campaign.with_user(self.user_office).action_close()
        self.assertEqual(self._groups(self.user_plain), {MEMBER})
        self.assertIn(self.user_plain.name, self._chatter())

    def test_only_the_office_edits_the_roster(self):
        line = self._line(self.emp_plain, "member")
        for user in (
            self.user_secretary,
            self.user_member,
            self.user_committee,
            self.user_leading,
            self.user_masses,
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self._line(self.emp_free, "leader", user=user)
            with self.assertRaises(AccessError), self.cr.savepoint():
                line.with_user(user).write({"role": "office_director"})
            with self.assertRaises(AccessError), self.cr.savepoint():
                line.with_user(user).unlink()
            # the grants are the server's: nobody writes one
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.env["cxzy.campaign.roster.grant"].with_user(user).create(
                    {"user_id": user.id, "group_id": self.env.ref(OFFICE).id}
                )
            # nor their own groups
            with self.assertRaises(AccessError), self.cr.savepoint():
                user.with_user(user).write(
                    {"groups_id": [Command.link(self.env.ref(OFFICE).id)]}
                )
            self.assertNotIn(OFFICE, self._groups(user), user.login)
        self.assertEqual(line.role, "member")
        self.assertEqual(self._groups(self.user_plain), {MEMBER, LEADING})
        self.assertFalse(
            self.Roster.search(
                [
                    ("campaign_id", "=", self.campaign.id),
                    ("employee_id", "=", self.emp_free.id),
                ]
            )
        )
        # the office neither writes a user or a body into a line, nor
        # creates or changes a grant
        for vals in (
            {"user_id": self.user_masses.id},
            {"body": "office"},
        ):
            with self.assertRaises(UserError), self.cr.savepoint():
                line.with_user(self.user_office).write(vals)
        grant = self.env["cxzy.campaign.roster.grant"].search(
            [("user_id", "=", self.user_plain.id)]
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            grant.with_user(self.user_office).write({"user_id": self.user_masses.id})
        with self.assertRaises(AccessError), self.cr.savepoint():
            grant.with_user(self.user_office).unlink()
        # the office reads the grants of its agency, not another's
        Grant = self.env["cxzy.campaign.roster.grant"]
        self.assertEqual(
            Grant.with_user(self.user_office).search(
                [("user_id", "=", self.user_plain.id)]
            ),
            grant,
        )
        self.assertFalse(
            Grant.with_user(self.user_office_b).search(
                [("user_id", "=", self.user_plain.id)]
            )
        )
        self.assertNotIn(OFFICE, self._groups(self.user_masses))
        # an employee of another agency is not in this campaign's roster
        with self.assertRaises(UserError), self.cr.savepoint():
            self._line(self.emp_b, "leader")

    def test_hr_linking_a_user_grants_nothing(self):
        """Linking one's own user to a roster's employee (an HR officer may)
        gives nothing; the user who left the employee loses what the roster
        gave."""
        hr_officer = new_test_user(
            self.env, login="cxzy_t_roster_hr", groups="hr.group_hr_user," + MEMBER
        )
        self._line(self.emp_plain, "leader")
        self.emp_plain.with_user(hr_officer).user_id = hr_officer
        self.assertNotIn(LEADING, self._groups(hr_officer))
        self.assertEqual(self._groups(self.user_plain), {MEMBER})

    def _campaign_with_office(self, size, name):
        campaign = self.campaign.copy({"name": name})
        users = [
            new_test_user(self.env, login=f"cxzy_t_roster_{name}_{i}", groups=MEMBER)
            for i in range(size)
        ]
        employees = self.env["hr.employee"].create(
            [{"name": f"{name}{i}", "user_id": user.id} for i, user in enumerate(users)]
        )
        return campaign, employees

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_roster(self):
        """Giving and taking away the rights of a roster costs the same
        number of queries for 2 people as for 6."""
        counts = []
        for size, name in ((2, "小名单"), (6, "大名单")):
            campaign, employees = self._campaign_with_office(size, name)
            given = self._queries(
                lambda c=campaign, e=employees: self.Roster.with_user(
                    self.user_office
                ).create(
                    [
                        {
                            "campaign_id": c.id,
                            "employee_id": emp.id,
                            "role": "office_staff",
                        }
                        for emp in e
                    ]
                )
            )
            self.assertTrue(
                all(user.has_group(OFFICE) for user in employees.user_id), name
            )
            taken = self._queries(
                lambda c=campaign: c.with_user(self.user_office).action_cancel()
            )
            self.assertFalse(
                any(user.has_group(OFFICE) for user in employees.user_id), name
            )
            counts.append((given, taken))
        self.assertEqual(counts[0], counts[1])
