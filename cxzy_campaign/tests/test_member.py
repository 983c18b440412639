# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CxzyCase


@tagged("post_install", "-at_install")
class TestMember(CxzyCase):
    def test_identity_comes_from_hr(self):
        department = self.env["hr.department"].create({"name": "综合处"})
        job = self.env["hr.job"].create({"name": "主任科员"})
        self.emp_member.write(
            {"department_id": department.id, "job_id": job.id, "job_title": "主任科员"}
        )
        self.assertEqual(self.member_member.name, "张党员")
        self.assertEqual(self.member_member.department_id, department)
        self.assertEqual(self.member_member.job_id, job)
        self.assertEqual(self.member_member.job_title, "主任科员")
        self.assertEqual(self.member_member.user_id, self.user_member)
        self.emp_member.name = "张新名"
        self.assertEqual(self.member_member.name, "张新名")
        found = self.env["cxzy.party.member"].search([("name", "=", "张新名")])
        self.assertEqual(found, self.member_member)

    def test_second_member_for_employee_refused(self):
        Member = self.env["cxzy.party.member"]
        count = Member.search_count([])
        with self.assertRaises(ValidationError) as caught:
            Member.create(
                {"employee_id": self.emp_member.id, "organization_id": self.branch_2.id}
            )
        self.assertIn("张党员", str(caught.exception))
        # Also within one batch, and also when the first record is archived.
        with self.assertRaises(ValidationError):
            Member.create(
                [
                    {
                        "employee_id": self.emp_free_2.id,
                        "organization_id": self.branch_2.id,
                    },
                    {
                        "employee_id": self.emp_free_2.id,
                        "organization_id": self.branch_1.id,
                    },
                ]
            )
        self.member_other.active = False
        with self.assertRaises(ValidationError):
            Member.create(
                {"employee_id": self.emp_other.id, "organization_id": self.branch_2.id}
            )
        with self.assertRaises(ValidationError):
            self.member_group.employee_id = self.emp_member
        self.assertEqual(Member.search_count([]), count - 1)  # only the archive
        self.assertEqual(self.member_group.employee_id, self.emp_group)

    def test_other_company_organization_refused(self):
        Member = self.env["cxzy.party.member"]
        with self.assertRaises(ValidationError) as caught:
            Member.create(
                {"employee_id": self.emp_free_2.id, "organization_id": self.branch_b.id}
            )
        self.assertIn(self.branch_b.name, str(caught.exception))
        self.assertFalse(Member.search([("employee_id", "=", self.emp_free_2.id)]))
        with self.assertRaises(ValidationError):
            self.member_member.organization_id = self.branch_b
        self.assertEqual(self.member_member.organization_id, self.branch_1)

    def test_dates(self):
        with self.assertRaises(ValidationError):
            self.member_member.write(
                {"join_date": "2009-07-01", "confirm_date": "2009-06-30"}
            )
        with self.assertRaises(ValidationError):
            self.member_member.write(
                {"membership_type": "probationary", "confirm_date": "2010-07-01"}
            )
        self.member_member.write(
            {"join_date": "2009-07-01", "confirm_date": "2010-07-01"}
        )
        self.assertEqual(str(self.member_member.confirm_date), "2010-07-01")

    def test_employee_form_shows_and_creates_party_record(self):
        self.assertEqual(self.emp_member.cxzy_member_id, self.member_member)
        self.assertFalse(self.emp_free_2.cxzy_member_id)
        action = self.emp_free_2.action_open_cxzy_member()
        self.assertFalse(action["res_id"])
        self.assertEqual(action["context"]["default_employee_id"], self.emp_free_2.id)
        Member = self.env["cxzy.party.member"].with_context(**action["context"])
        with Form(Member) as form:
            form.organization_id = self.branch_2
            form.membership_type = "probationary"
            form.join_date = "2010-06-30"
        self.emp_free_2.invalidate_recordset(["cxzy_member_id"])
        self.assertEqual(self.emp_free_2.cxzy_member_id, form.record)
        self.assertEqual(form.record.name, "周群众")
        public = self.env["hr.employee.public"].browse(self.emp_member.id)
        self.assertEqual(public.cxzy_member_id, self.member_member)
        self.assertEqual(
            self.emp_member.action_open_cxzy_member()["res_id"], self.member_member.id
        )

    def test_employee_party_record_hidden_without_access(self):
        employee = self.emp_member.with_user(self.user_masses)
        public = self.env["hr.employee.public"].with_user(self.user_masses)
        self.assertFalse(public.browse(employee.id).cxzy_member_id)
