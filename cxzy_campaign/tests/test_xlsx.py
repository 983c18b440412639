# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import datetime
import io
import json
from datetime import timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged, users, warmup
from odoo.tools import mute_logger

from .common import CxzyCase
from .test_campaign import CampaignCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the words of the matrix's cells, as the plan's office reads them
CELL_WORDS = {
    "todo": "待办",
    "in_progress": "进行中",
    "done": "已完成",
    "cancelled": "已取消",
    "overdue": "逾期",
}


def open_workbook(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(sheet):
    """The rows of a sheet below its header, as tuples of values."""
    return list(sheet.iter_rows(min_row=2, values_only=True))


class XlsxMixin:
    def _export(self, kind, record, user, lang="zh_CN"):
        """(filename, workbook) of the export ``kind`` of ``record`` as
        ``user``, in ``lang``."""
        filename, content = (
            self.env["cxzy.xlsx"]
            .with_user(user)
            .with_context(lang=lang)
            ._cxzy_xlsx_export(kind, record.id)
        )
        self.assertTrue(content.startswith(b"PK"), "an .xlsx is a zip file")
        return filename, open_workbook(content)

    def _written_marks(self, *records):
        """What an export must not change: the number of attachments and
        messages, and the records' last write."""
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.env["ir.attachment"].sudo().search_count([]),
            self.env["mail.message"].sudo().search_count([]),
            [record.sudo().write_date for record in records],
        )

    def assertSheetLooks(self, sheet, headers):
        """A bold header row that stays in view, with these headers first."""
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[: len(headers)], headers)
        self.assertTrue(all(cell.font.b for cell in sheet[1]))
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertGreater(sheet.column_dimensions["A"].width, 10)


@tagged("post_install", "-at_install", "access_rights")
class TestListExportRights(CxzyCase):
    """The office, the committee and the leading group export lists (Odoo's
    export and the campaign's workbooks); members, secretaries and the masses
    do not."""

    def test_export_group_by_role(self):
        may = {
            self.user_office: True,
            self.user_committee: True,
            self.user_leading: True,
            self.user_member: False,
            self.user_secretary: False,
            self.user_masses: False,
        }
        for user, expected in may.items():
            with self.subTest(login=user.login):
                self.assertEqual(user.has_group("base.group_allow_export"), expected)
                self.assertEqual(
                    self.env["cxzy.xlsx"].with_user(user)._cxzy_xlsx_may_export(),
                    expected,
                )

    def test_campaign_users_made_from_the_template_do_not_export(self):
        member = self.env.ref("cxzy_campaign.group_cxzy_member")
        secretary = self.env.ref("cxzy_campaign.group_cxzy_secretary")
        leading = self.env.ref("cxzy_campaign.group_cxzy_leading")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        # Odoo's Default User Template grants export to every new user.
        user = Users.create({"name": "新用户", "login": "cxzy_t_new"})
        self.assertTrue(user.has_group("base.group_allow_export"))
        user.write({"groups_id": [Command.link(member.id)]})
        self.assertFalse(user.has_group("base.group_allow_export"))
        made_secretary = Users.create(
            {
                "name": "新书记",
                "login": "cxzy_t_new_secretary",
                "groups_id": [Command.link(self.env.ref("base.group_user").id)]
                + [Command.link(secretary.id)]
                + [Command.link(self.env.ref("base.group_allow_export").id)],
            }
        )
        self.assertFalse(made_secretary.has_group("base.group_allow_export"))
        # The leading group exports; taken out of it, no longer.
        made_secretary.write({"groups_id": [Command.link(leading.id)]})
        self.assertTrue(made_secretary.has_group("base.group_allow_export"))
        made_secretary.write({"groups_id": [Command.unlink(leading.id)]})
        self.assertFalse(made_secretary.has_group("base.group_allow_export"))

    def test_moved_down_from_the_committee_no_longer_exports(self):
        user = self.user_committee
        committee = self.env.ref("cxzy_campaign.group_cxzy_committee")
        secretary = self.env.ref("cxzy_campaign.group_cxzy_secretary")
        user.write(
            {"groups_id": [Command.unlink(committee.id), Command.link(secretary.id)]}
        )
        self.assertTrue(user.has_group("cxzy_campaign.group_cxzy_secretary"))
        self.assertFalse(user.has_group("base.group_allow_export"))
        with self.assertRaises(AccessError):
            self.env["cxzy.xlsx"].with_user(user)._cxzy_xlsx_export(
                "roster", self.branch_1.id
            )

    def test_buttons_shown_to_who_may_export(self):
        buttons = {
            "cxzy.campaign": "action_export_matrix_xlsx",
            "cxzy.party.organization": "action_export_roster_xlsx",
        }
        for user, shown in (
            (self.user_office, True),
            (self.user_committee, True),
            (self.user_leading, True),
            (self.user_secretary, False),
            (self.user_member, False),
        ):
            for model, button in buttons.items():
                with self.subTest(login=user.login, model=model):
                    arch = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, "form")])["views"]["form"]["arch"]
                    )
                    self.assertEqual(button in arch, shown)

    def test_odoo_export_refused_to_member(self):
        Member = self.env["cxzy.party.member"]
        with self.assertRaises(UserError):
            Member.with_user(self.user_member).search([]).export_data(["name"])
        with self.assertRaises(UserError):
            Member.with_user(self.user_secretary).search([]).export_data(["name"])
        rows = (
            Member.with_user(self.user_committee)
            .search([("organization_id", "=", self.branch_1.id)])
            .export_data(["name"])["datas"]
        )
        self.assertEqual(sorted(row[0] for row in rows), sorted(["李书记", "张党员"]))


@tagged("post_install", "-at_install", "xlsx")
class TestMatrixXlsx(XlsxMixin, CampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.with_user(cls.user_office).action_start()

    def _assignment(self, organization, task_name):
        return self.campaign.assignment_ids.filtered(
            lambda a: a.organization_id == organization and a.task_id.name == task_name
        )

    def test_matrix_cells_are_the_assignments_states(self):
        study = self._assignment(self.branch_1, "组织学习")
        study.with_user(self.user_secretary).action_start()
        study.with_user(self.user_secretary).action_done()
        spirit = self._assignment(self.branch_1, "党性分析周")
        spirit.with_user(self.user_secretary).action_start()
        self._assignment(self.branch_2, "组织学习").with_user(
            self.user_office
        ).action_cancel()
        # After phase one: its open work is overdue.
        today = self.campaign.phase_ids[0].date_end + timedelta(days=1)
        marks = self._written_marks(self.campaign, study)
        with freeze_time(today):
            filename, book = self._export("matrix", self.campaign, self.user_office)
        self.assertEqual(marks, self._written_marks(self.campaign, study))
        self.assertIn(self.campaign.name, filename)
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.title, "完成情况矩阵")

        # Expected, independently: each assignment's state, overdue when
        # open past its deadline on that day.
        # (the organisations' assignments: the office's own tasks are not a
        # row of the matrix)
        assignments = self.env["cxzy.campaign.assignment"].search(
            [("campaign_id", "=", self.campaign.id), ("organization_id", "!=", False)]
        )
        tasks = assignments.task_id.sorted()
        self.assertSheetLooks(sheet, ["党组织", *tasks.mapped("name")])
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[-2:], ["已完成", "任务数"])
        rows = {row[0]: row for row in sheet_rows(sheet)}
        self.assertEqual(set(rows), {"综合处党支部", "经济处党支部"})
        seen = set()
        for assignment in assignments:
            state = assignment.state
            if state in ("todo", "in_progress") and assignment.deadline < today:
                state = "overdue"
            row = rows[assignment.organization_id.name]
            column = header.index(assignment.task_id.name)
            self.assertEqual(row[column], CELL_WORDS[state], assignment.task_id.name)
            seen.add(state)
        self.assertEqual(seen, set(CELL_WORDS))
        for organization in self.branch_1 | self.branch_2:
            row = rows[organization.name]
            done = self.env["cxzy.campaign.assignment"].search_count(
                [
                    ("campaign_id", "=", self.campaign.id),
                    ("organization_id", "=", organization.id),
                    ("state", "=", "done"),
                ]
            )
            self.assertEqual(row[-2], done)
            self.assertEqual(row[-1], 11)
        self.assertEqual(rows["综合处党支部"][-2], 1)

    def test_matrix_refused_to_who_may_not_export(self):
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self._export("matrix", self.campaign, user)
                with self.assertRaises(AccessError):
                    self.campaign.with_user(user).action_export_matrix_xlsx()

    def test_matrix_refused_to_another_agency(self):
        # The other company's office may export lists, not read this campaign.
        with self.assertRaises(AccessError):
            self._export("matrix", self.campaign, self.user_office_b)

    def test_button_downloads_through_the_route(self):
        action = self.campaign.with_user(
            self.user_committee
        ).action_export_matrix_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/cxzy/xlsx/matrix/{self.campaign.id}")

    def test_unknown_kind_or_record_refused(self):
        Xlsx = self.env["cxzy.xlsx"].with_user(self.user_office)
        with self.assertRaises(UserError):
            Xlsx._cxzy_xlsx_export("secrets", self.campaign.id)
        with self.assertRaises(UserError):
            Xlsx._cxzy_xlsx_export("matrix", 0)


@tagged("post_install", "-at_install", "xlsx")
class TestRosterXlsx(XlsxMixin, CxzyCase):
    def test_roster_is_the_subtree(self):
        self.member_member.sudo().write(
            {"join_date": "2001-07-01", "membership_type": "full"}
        )
        self.member_group.sudo().write({"membership_type": "probationary"})
        # Independently: the members of the fixture's subtrees.
        expected = {
            self.committee: {"李书记", "张党员", "孙组员", "王党员", "赵委员"},
            self.branch_1: {"李书记", "张党员", "孙组员"},
            self.group_1: {"孙组员"},
        }
        for organization, names in expected.items():
            with self.subTest(organization=organization.name):
                filename, book = self._export(
                    "roster", organization, self.user_committee
                )
                self.assertIn(organization.name, filename)
                sheet = book.worksheets[0]
                self.assertEqual(sheet.title, "党员名册")
                self.assertSheetLooks(sheet, ["姓名", "党组织", "所属支部", "党员类别"])
                rows = sheet_rows(sheet)
                self.assertEqual(len(rows), len(names))
                self.assertEqual({row[0] for row in rows}, names)
        _filename, book = self._export("roster", self.branch_1, self.user_leading)
        sheet = book.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        rows = {row[0]: row for row in sheet_rows(sheet)}
        member = rows["张党员"]
        self.assertEqual(member[1], "综合处党支部")
        self.assertEqual(member[3], "正式党员")
        self.assertEqual(rows["孙组员"][1], "综合处第一党小组")
        self.assertEqual(rows["孙组员"][2], "综合处党支部")
        self.assertEqual(rows["孙组员"][3], "预备党员")
        # Dates are dates, shown the Chinese way.
        joined = header.index("入党日期")
        self.assertEqual(member[joined], datetime.datetime(2001, 7, 1))
        cell = sheet.cell(row=2 + list(rows).index("张党员"), column=joined + 1)
        self.assertTrue(cell.is_date)
        self.assertIn("年", cell.number_format)

    def test_roster_refused_to_who_may_not_export(self):
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self._export("roster", self.branch_1, user)
        with self.assertRaises(AccessError):
            self._export("roster", self.branch_1, self.user_office_b)

    def test_roster_writes_nothing(self):
        marks = self._written_marks(self.branch_1, self.member_member)
        self._export("roster", self.committee, self.user_office)
        self.assertEqual(marks, self._written_marks(self.branch_1, self.member_member))


@tagged("post_install", "-at_install", "xlsx", "is_query_count")
class TestXlsxPerformance(XlsxMixin, CxzyCase):
    """The roster and the matrix are built in a number of queries that does
    not grow with the members or the organisations."""

    def _grow(self, count):
        env = self.env(su=True)
        employees = env["hr.employee"].create(
            [{"name": f"名册党员{len(self.grown) + i}"} for i in range(count)]
        )
        self.grown += env["cxzy.party.member"].create(
            [
                {"employee_id": employee.id, "organization_id": self.branch_2.id}
                for employee in employees
            ]
        )
        self.env.flush_all()

    def _roster(self):
        self.env.invalidate_all()
        _filename, book = self._export("roster", self.committee, self.env.user)
        return book.worksheets[0].max_row - 1

    @users("cxzy_t_office")
    @warmup
    def test_roster_queries_do_not_grow(self):
        self.grown = self.env["cxzy.party.member"]
        self._grow(2)
        count0 = self.cr.sql_log_count
        self.assertEqual(self._roster(), 5 + 2)
        small = self.cr.sql_log_count - count0
        self._grow(40)
        with self.assertQueryCount(small):
            self.assertEqual(self._roster(), 5 + 42)


@tagged("post_install", "-at_install", "xlsx", "is_query_count")
class TestMatrixXlsxPerformance(XlsxMixin, CampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign.action_start()

    def _add_branches(self, count):
        Org = self.env["cxzy.party.organization"].sudo()
        orgs = Org.create(
            [
                {
                    "name": f"导出支部{len(self.campaign.organization_ids) + i}",
                    "kind": "branch",
                    "parent_id": self.committee.id,
                }
                for i in range(count)
            ]
        )
        self.campaign.sudo().organization_ids |= orgs
        self.env.flush_all()

    def _matrix(self):
        self.env.invalidate_all()
        _filename, book = self._export("matrix", self.campaign, self.env.user)
        return book.worksheets[0].max_row - 1

    @users("cxzy_t_office")
    @warmup
    def test_matrix_queries_do_not_grow(self):
        self._add_branches(1)
        count0 = self.cr.sql_log_count
        rows = self._matrix()
        small = self.cr.sql_log_count - count0
        self._add_branches(20)
        with self.assertQueryCount(small):
            self.assertEqual(self._matrix(), rows + 20)


@tagged("post_install", "-at_install", "xlsx", "access_rights")
class TestXlsxRoute(HttpCase, CxzyCase):
    """The route delivers the workbook to who may export lists and read the
    record, and nothing to anyone else; Odoo's own list export refuses a
    member."""

    def test_route_delivers_to_committee_only(self):
        url = f"/cxzy/xlsx/roster/{self.branch_1.id}"
        self.authenticate(self.user_committee.login, self.user_committee.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = open_workbook(response.content)
        names = {row[0] for row in sheet_rows(book.worksheets[0])}
        self.assertEqual(names, {"李书记", "张党员", "孙组员"})
        for user in (self.user_member, self.user_secretary, self.user_masses):
            with self.subTest(login=user.login):
                self.authenticate(user.login, user.login)
                with mute_logger("odoo.http"):
                    response = self.url_open(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(b"PK", response.content[:2])
        # A record of another agency: refused to its office too.
        self.authenticate(self.user_office_b.login, self.user_office_b.login)
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 403)

    def test_web_export_xlsx_refuses_a_member(self):
        data = json.dumps(
            {
                "model": "cxzy.party.member",
                "fields": [{"name": "name", "label": "Name"}],
                "ids": self.member_member.ids,
                "domain": [],
                "import_compat": False,
            }
        )
        self.authenticate(self.user_member.login, self.user_member.login)
        with mute_logger("odoo.http", "odoo.addons.web.controllers.export"):
            response = self.url_open(
                "/web/export/xlsx",
                data={"data": data, "csrf_token": http.Request.csrf_token(self)},
            )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)
        self.authenticate(self.user_committee.login, self.user_committee.login)
        response = self.url_open(
            "/web/export/xlsx",
            data={"data": data, "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        book = open_workbook(response.content)
        self.assertEqual(book.worksheets[0]["A2"].value, "张党员")
