# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_docx import docx_tables, docx_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@tagged("post_install", "-at_install", "cxzy_docx", "is_tour")
class TestDocxDownload(HttpCase):
    """下载 Word over HTTP: the member downloads their pledge from its form;
    the route checks on its own who asks, and writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env, login=login, groups=groups, tz="Asia/Shanghai"
            )

        cls.member = user("cxzy_tour_d_member", "cxzy_campaign.group_cxzy_member")
        cls.other = user("cxzy_tour_d_other", "cxzy_campaign.group_cxzy_member")
        cls.masses = user("cxzy_tour_d_masses", "base.group_user")
        cls.office = user("cxzy_tour_d_office", "cxzy_campaign.group_cxzy_office")
        Org = cls.env["cxzy.party.organization"]
        committee = Org.create({"name": "下载机关党委", "kind": "committee"})
        branch = Org.create(
            {"name": "下载处党支部", "kind": "branch", "parent_id": committee.id}
        )
        other_branch = Org.create(
            {"name": "另一处党支部", "kind": "branch", "parent_id": committee.id}
        )
        Member = cls.env["cxzy.party.member"]
        for login_user, name, org in (
            (cls.member, "下载党员", branch),
            (cls.other, "旁观党员", other_branch),
        ):
            Member.create(
                {
                    "employee_id": cls.env["hr.employee"]
                    .create({"name": name, "user_id": login_user.id})
                    .id,
                    "organization_id": org.id,
                }
            )
        campaign = cls.env["cxzy.campaign"].create(
            {
                "name": "下载测试活动",
                "date_start": "2030-04-01",
                "date_end": "2031-06-30",
            }
        )
        cls.pledge = cls.env["cxzy.pledge"].create(
            {
                "campaign_id": campaign.id,
                "subject_type": "member",
                "member_id": Member.search([("user_id", "=", cls.member.id)]).id,
                "item_ids": [
                    Command.create(
                        {"content": "每月撰写一篇学习心得", "due_date": "2030-12-31"}
                    ),
                    Command.create({"content": "结对帮扶一户困难群众"}),
                ],
            }
        )
        cls.url = f"/cxzy/docx/pledge/{cls.pledge.id}"

    def _get(self, login, url=None):
        self.authenticate(login, login)
        return self.url_open(url or self.url, allow_redirects=False)

    def test_route_by_role_and_read_only(self):
        # A read-only request: a write would be retried on a read/write
        # cursor with a warning; there is none.
        with self.assertNoLogs("odoo.http", level="WARNING"):
            response = self._get(self.member.login)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], DOCX)
        self.assertIn(".docx", response.headers["Content-Disposition"])
        self.assertIn("每月撰写一篇学习心得", docx_tables(response.content)[0][1])
        self.assertEqual(self._get(self.office.login).status_code, 200)
        # A draft pledge: neither another member nor the masses read it.
        for login in (self.other.login, self.masses.login):
            with mute_logger("odoo.http"):
                response = self._get(login)
            self.assertEqual(response.status_code, 403, login)
            self.assertNotIn(b"PK", response.content[:2])
        self.assertEqual(
            self._get(self.member.login, "/cxzy/docx/nothing/1").status_code, 404
        )
        self.assertEqual(
            self._get(self.member.login, "/cxzy/docx/pledge/999999999").status_code,
            404,
        )
        self.authenticate(None, None)
        response = self.url_open(self.url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)

    def test_member_downloads_the_pledge_from_its_form(self):
        Template = type(self.env["cxzy.document.template"])
        original = Template._cxzy_render
        rendered = []

        def spy(model, kind, record):
            result = original(model, kind, record)
            rendered.append((kind, record.id, model.env.uid, result[0]))
            return result

        Template._cxzy_render = spy
        try:
            self.start_tour("/odoo", "cxzy_docx_pledge_tour", login=self.member.login)
            # The download runs in a tab of its own: wait for it.
            deadline = time.time() + 20
            while not rendered and time.time() < deadline:
                time.sleep(0.2)
        finally:
            Template._cxzy_render = original
        self.assertEqual(len(rendered), 1)
        kind, record_id, uid, content = rendered[0]
        self.assertEqual(
            (kind, record_id, uid), ("pledge", self.pledge.id, self.member.id)
        )
        lines = docx_text(content)
        self.assertIn("承　诺　书", lines)
        self.assertIn("承诺人：下载党员　　所在支部：下载处党支部", lines)
