# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

CERTIFICATE = "cxzy_evaluation.report_cxzy_nomination_certificate"
APPROVAL = "cxzy_evaluation.report_cxzy_nomination_approval"


@tagged("post_install", "-at_install", "is_tour")
class TestNominationUi(HttpCase):
    """A committee member studies a recommended nomination with the header
    button, a leading-group member decides it, and the certificate of the
    commended member renders, in HTML and as a PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env, login=login, groups=groups, tz="Asia/Shanghai"
            )

        cls.committee_user = user(
            "cxzy_tour_n_committee", "cxzy_campaign.group_cxzy_committee"
        )
        cls.leading_user = user(
            "cxzy_tour_n_leading", "cxzy_campaign.group_cxzy_leading"
        )
        cls.office_user = user("cxzy_tour_n_office", "cxzy_campaign.group_cxzy_office")
        cls.member_user = user("cxzy_tour_n_member", "cxzy_campaign.group_cxzy_member")
        Org = cls.env["cxzy.party.organization"]
        committee = Org.create({"name": "导览机关党委", "kind": "committee"})
        branch = Org.create(
            {"name": "导览党支部", "kind": "branch", "parent_id": committee.id}
        )
        Member = cls.env["cxzy.party.member"]
        Employee = cls.env["hr.employee"]
        nominee = Member.create(
            {
                "employee_id": Employee.create({"name": "导览党员"}).id,
                "organization_id": branch.id,
            }
        )
        Member.create(
            {
                "employee_id": Employee.create(
                    {"name": "导览同事", "user_id": cls.member_user.id}
                ).id,
                "organization_id": branch.id,
            }
        )
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "导览表彰活动",
                "date_start": "2010-04-01",
                "date_end": "2012-06-30",
            }
        )
        award = cls.env.ref("cxzy_evaluation.award_type_excellent_member")
        cls.env["cxzy.award.quota"].create(
            {"campaign_id": campaign.id, "award_type_id": award.id, "quota": 3}
        )
        cls.nomination = cls.env["cxzy.nomination"].create(
            {
                "campaign_id": campaign.id,
                "award_type_id": award.id,
                "member_id": nominee.id,
                "deeds": "<p>带头完成导览课题，服务群众热情周到。</p>",
                "meeting_date": "2011-05-10",
                "voters_entitled": 9,
                "voters_present": 8,
                "votes_favour": 8,
            }
        )
        cls.nomination.with_user(cls.office_user).action_recommend("同意推荐。")

    def _message(self, text):
        return self.nomination.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_study_decide_and_print(self):
        self.start_tour(
            "/odoo", "cxzy_nomination_study_tour", login=self.committee_user.login
        )
        self.assertEqual(self.nomination.state, "studied")
        self.assertFalse(self.nomination.publicity_required)
        self.assertEqual(self.nomination.study_user_id, self.committee_user)
        self.assertIn("同意推荐，报室党组审定", self.nomination.study_opinion)
        self.assertEqual(
            self._message("同意推荐，报室党组审定").author_id,
            self.committee_user.partner_id,
        )

        self.start_tour(
            "/odoo", "cxzy_nomination_decide_tour", login=self.leading_user.login
        )
        self.assertEqual(self.nomination.state, "decided")
        self.assertEqual(self.nomination.decide_user_id, self.leading_user)
        # the day in the decider's time zone
        today = fields.Date.context_today(self.nomination.with_user(self.leading_user))
        self.assertEqual(self.nomination.decide_date, today)
        self.assertEqual(
            self._message("授予优秀共产党员称号").author_id,
            self.leading_user.partner_id,
        )

        self.nomination.with_user(self.office_user).action_commend(
            today, "冀研党表〔2011〕9号"
        )
        # Any member reads the honour and prints the certificate.
        self.authenticate(self.member_user.login, self.member_user.login)
        url = f"/report/html/{CERTIFICATE}/{self.nomination.id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        for text in ("荣誉证书", "导览党员", "优秀共产党员", "冀研党表〔2011〕9号"):
            self.assertIn(text, response.text)
        # Outside tests the PDF is always rendered; in tests only when asked.
        # Rendered in the test's thread: wkhtmltopdf fetches the assets from
        # the test server, which must be free to answer.
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.member_user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(CERTIFICATE, self.nomination.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # The approval form shows each level's opinion, who and when.
        self.authenticate(self.leading_user.login, self.leading_user.login)
        response = self.url_open(f"/report/html/{APPROVAL}/{self.nomination.id}")
        self.assertEqual(response.status_code, 200)
        for text in (
            "优秀共产党员推荐审批表",
            "同意推荐。",
            "同意推荐，报室党组审定",
            "授予优秀共产党员称号",
            self.committee_user.name,
            self.leading_user.name,
        ):
            self.assertIn(text, response.text)
