# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import ast
import base64
import io

from PIL import Image
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

from .common import CxzyCase

# Loading the members of an organisation: a fixed number of queries, whatever
# the number of members.
LOAD_BUDGET = 10


def _jpeg(width, height, colour=(200, 16, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return base64.b64encode(buffer.getvalue())


class EventCase(CxzyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        template = cls.env.ref("cxzy_campaign.campaign_template_2010")
        wizard = cls.env["cxzy.campaign.from.template"].create(
            {
                "template_id": template.id,
                "name": "活动记录测试",
                "date_start": "2030-04-01",
                "organization_ids": [Command.set((cls.branch_1 | cls.branch_2).ids)],
            }
        )
        cls.campaign = cls.env["cxzy.campaign"].browse(wizard.action_create()["res_id"])
        cls.Event = cls.env["cxzy.campaign.event"]
        cls.Attendance = cls.env["cxzy.campaign.attendance"]
        cls.Photo = cls.env["cxzy.campaign.photo"]
        cls.event = cls.Event.create(
            {
                "name": "综合处支部学习研讨会",
                "campaign_id": cls.campaign.id,
                "kind": "seminar",
                "date": "2030-05-10 01:30:00",
                "place": "综合处会议室",
                "organization_ids": [Command.set(cls.branch_1.ids)],
            }
        )
        cls.event_all = cls.Event.create(
            {
                "name": "全体党员动员大会",
                "campaign_id": cls.campaign.id,
                "kind": "mobilization",
                "date": "2030-04-15 01:30:00",
                "organization_ids": [Command.set(cls.committee.ids)],
            }
        )

    def _attendees(self, event):
        return event.attendance_ids.member_id


@tagged("post_install", "-at_install")
class TestCampaignEvent(EventCase):
    def test_kinds_of_the_plan(self):
        kinds = dict(self.Event._fields["kind"]._description_selection(self.env))
        self.assertEqual(
            set(kinds),
            {
                "mobilization",
                "seminar",
                "party_spirit",
                "service",
                "report",
                "exhibition",
                "other",
            },
        )

    def test_load_members_of_the_organisations_and_below(self):
        self.event.with_user(self.user_secretary).action_load_members()
        # The branch's own members and those of its Party group; nobody else.
        self.assertEqual(
            self._attendees(self.event),
            self.member_secretary | self.member_member | self.member_group,
        )
        self.assertEqual(set(self.event.attendance_ids.mapped("status")), {"present"})
        self.assertEqual(self.event.present_count, 3)

    def test_load_members_of_the_committee_reaches_every_branch(self):
        self.event_all.with_user(self.user_office).action_load_members()
        self.assertEqual(
            self._attendees(self.event_all),
            self.test_members - self.member_b,
        )

    def test_load_members_keeps_lines_already_there(self):
        self.Attendance.create(
            {
                "event_id": self.event.id,
                "member_id": self.member_member.id,
                "status": "leave",
                "note": "出差",
            }
        )
        self.event.action_load_members()
        self.event.action_load_members()
        self.assertEqual(len(self.event.attendance_ids), 3)
        line = self.event.attendance_ids.filtered(
            lambda a: a.member_id == self.member_member
        )
        self.assertEqual((line.status, line.note), ("leave", "出差"))

    def test_load_members_refused(self):
        self.event.action_done()
        with self.assertRaises(UserError):
            self.event.action_load_members()
        self.assertFalse(self.event.attendance_ids)
        nobody = self.Event.create(
            {
                "name": "未定参加组织的活动",
                "campaign_id": self.campaign.id,
                "date": "2030-05-10 01:30:00",
            }
        )
        with self.assertRaises(UserError):
            nobody.action_load_members()
        self.assertFalse(nobody.attendance_ids)

    def test_attendance_unique_per_event_and_member(self):
        self.event.action_load_members()
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Attendance.create(
                {"event_id": self.event.id, "member_id": self.member_member.id}
            )
        self.assertEqual(
            self.Attendance.search_count(
                [
                    ("event_id", "=", self.event.id),
                    ("member_id", "=", self.member_member.id),
                ]
            ),
            1,
        )

    def test_attendance_counts(self):
        self.event.action_load_members()
        lines = {line.member_id: line for line in self.event.attendance_ids}
        lines[self.member_member].status = "leave"
        lines[self.member_group].status = "absent"
        self.assertEqual(
            (
                self.event.present_count,
                self.event.leave_count,
                self.event.absent_count,
            ),
            (1, 1, 1),
        )
        # A member sees the totals and only their own line.
        event = self.event.with_user(self.user_member)
        event.invalidate_recordset()
        self.assertEqual(
            (event.present_count, event.leave_count, event.absent_count), (1, 1, 1)
        )
        self.assertEqual(event.attendance_ids.member_id, self.member_member)

    def test_date_must_lie_inside_the_campaign(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Event.create(
                {
                    "name": "活动开始前的会议",
                    "campaign_id": self.campaign.id,
                    "date": "2030-03-20 01:30:00",
                }
            )
        self.assertFalse(self.Event.search([("name", "=", "活动开始前的会议")]))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.event.write({"date": "2033-01-05 01:30:00"})
        self.assertEqual(str(self.event.date), "2030-05-10 01:30:00")
        # The campaign's first and last days are inside.
        self.event.date = "2030-04-01 01:30:00"
        self.event.date = str(self.campaign.date_end) + " 01:30:00"

    def test_task_must_belong_to_the_campaign(self):
        other_task = self.env.ref("cxzy_campaign.template_task_1_mobilize")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.event.write({"task_id": other_task.id})
        self.assertFalse(self.event.task_id)
        task = self.campaign.task_ids.filtered(lambda t: t.kind == "study")
        self.event.task_id = task
        self.assertEqual(self.event.task_id, task)

    def test_done_and_back(self):
        self.event.action_done()
        self.assertEqual(self.event.state, "done")
        with self.assertRaises(UserError):
            self.event.action_done()
        self.assertEqual(self.event.state, "done")
        self.event.action_reset_draft()
        self.assertEqual(self.event.state, "draft")
        with self.assertRaises(UserError):
            self.event.action_reset_draft()
        self.assertEqual(self.event.state, "draft")

    def test_campaign_form_opens_its_activities(self):
        view = self.env.ref("cxzy_campaign.cxzy_campaign_view_form_event")
        action = self.env.ref("cxzy_campaign.cxzy_campaign_event_action")
        self.assertIn(f'name="{action.id}"', view.arch)
        # The button filters the activities on the campaign.
        self.assertIn("'search_default_campaign_id': id", view.arch)
        self.assertEqual(
            self.Event.search([("campaign_id", "=", self.campaign.id)]),
            self.event | self.event_all,
        )


@tagged("post_install", "-at_install")
class TestCampaignEventSecurity(EventCase):
    def test_member_reads_but_writes_nothing(self):
        self.event.action_load_members()
        user = self.user_member
        self.assertIn(self.event_all, self.Event.with_user(user).search([]))
        self.event.with_user(user).read(["name", "minutes", "present_count"])
        with self.assertRaises(AccessError):
            self.event.with_user(user).write({"name": "改名"})
        self.assertEqual(self.event.name, "综合处支部学习研讨会")
        with self.assertRaises(AccessError):
            self.event.with_user(user).action_load_members()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Event.with_user(user).create(
                {
                    "name": "党员自建活动",
                    "campaign_id": self.campaign.id,
                    "date": "2030-05-10 01:30:00",
                    "organization_ids": [Command.set(self.branch_1.ids)],
                }
            )
        self.assertFalse(self.Event.search([("name", "=", "党员自建活动")]))
        own = self.event.attendance_ids.filtered(
            lambda a: a.member_id == self.member_member
        )
        # Their own line: readable, not writable; the others' lines: hidden.
        self.assertEqual(self.Attendance.with_user(user).search([]), own)
        with self.assertRaises(AccessError):
            own.with_user(user).write({"status": "absent"})
        self.assertEqual(own.status, "present")

    def test_masses_have_no_access(self):
        with self.assertRaises(AccessError):
            self.event.with_user(self.user_masses).read(["name"])

    def test_secretary_runs_the_activities_of_their_branch(self):
        user = self.user_secretary
        self.event.with_user(user).write({"place": "三楼会议室"})
        self.event.with_user(user).action_load_members()
        self.event.with_user(user).action_done()
        self.assertEqual(self.event.state, "done")
        created = self.Event.with_user(user).create(
            {
                "name": "党小组学习",
                "campaign_id": self.campaign.id,
                "date": "2030-06-01 01:30:00",
                "organization_ids": [Command.set(self.group_1.ids)],
            }
        )
        self.assertEqual(created.organization_ids, self.group_1)

    def test_secretary_refused_outside_their_branch(self):
        user = self.user_secretary
        # The committee's meeting and a meeting shared with another branch are
        # not theirs to run.
        with self.assertRaises(AccessError):
            self.event_all.with_user(user).write({"place": "礼堂"})
        self.assertFalse(self.event_all.place)
        with self.assertRaises(AccessError):
            self.event_all.with_user(user).action_load_members()
        self.assertFalse(self.event_all.attendance_ids)
        for organizations in (self.branch_2, self.branch_1 | self.branch_2):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.Event.with_user(user).create(
                    {
                        "name": "越权活动",
                        "campaign_id": self.campaign.id,
                        "date": "2030-06-01 01:30:00",
                        "organization_ids": [Command.set(organizations.ids)],
                    }
                )
            self.assertFalse(self.Event.search([("name", "=", "越权活动")]))

    def test_secretary_reads_the_attendance_of_their_members(self):
        self.event_all.action_load_members()
        found = self.Attendance.with_user(self.user_secretary).search(
            [("event_id", "=", self.event_all.id)]
        )
        self.assertEqual(
            found.member_id,
            self.member_secretary | self.member_member | self.member_group,
        )
        with self.assertRaises(AccessError):
            found[0].with_user(self.user_secretary).write({"status": "absent"})
        self.assertEqual(found[0].status, "present")

    def test_committee_and_office_run_all(self):
        self.event_all.with_user(self.user_committee).action_load_members()
        self.assertEqual(len(self.event_all.attendance_ids), 5)
        line = self.event_all.attendance_ids[:1]
        line.with_user(self.user_committee).write({"status": "leave"})
        self.event.with_user(self.user_office).write({"place": "礼堂"})
        self.assertEqual(line.status, "leave")
        self.assertEqual(self.event.place, "礼堂")

    def test_leading_group_reads_all_attendance(self):
        self.event_all.action_load_members()
        found = self.Attendance.with_user(self.user_leading).search(
            [("event_id", "=", self.event_all.id)]
        )
        self.assertEqual(found, self.event_all.attendance_ids)
        with self.assertRaises(AccessError):
            found[0].with_user(self.user_leading).write({"status": "absent"})
        self.assertEqual(found[0].status, "present")

    def test_other_company_sees_nothing(self):
        self.assertFalse(
            self.Event.with_user(self.user_office_b).search(
                [("id", "in", (self.event | self.event_all).ids)]
            )
        )
        with self.assertRaises(AccessError):
            self.event.with_user(self.user_office_b).read(["name"])


@tagged("post_install", "-at_install")
class TestPhotoExhibition(EventCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open("cxzy_campaign/static/img/demo/xibaipo_oath.jpg", "rb") as f:
            image = base64.b64encode(f.read())
        cls.photo_shown = cls.Photo.create(
            {
                "event_id": cls.event_all.id,
                "image": image,
                "caption": "重温入党誓词",
                "for_exhibition": True,
            }
        )
        cls.photo_kept = cls.Photo.create(
            {"event_id": cls.event_all.id, "image": image, "caption": "会场一角"}
        )
        other = cls.env["cxzy.campaign"].create(
            {"name": "另一活动", "date_start": "2030-01-01", "date_end": "2030-12-31"}
        )
        other_event = cls.Event.create(
            {
                "name": "另一活动的会议",
                "campaign_id": other.id,
                "date": "2030-06-01 01:30:00",
            }
        )
        cls.photo_other = cls.Photo.create(
            {"event_id": other_event.id, "image": image, "for_exhibition": True}
        )

    def test_gallery_action_shows_exhibition_photos_only(self):
        action = self.env.ref("cxzy_campaign.cxzy_campaign_photo_exhibition_action")
        self.assertEqual(action.res_model, "cxzy.campaign.photo")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        domain = ast.literal_eval(action.domain)
        self.assertEqual(domain, [("for_exhibition", "=", True)])
        found = self.Photo.search(domain)
        self.assertIn(self.photo_shown, found)
        self.assertIn(self.photo_other, found)
        self.assertNotIn(self.photo_kept, found)

    def test_campaign_smart_button_opens_its_own_exhibition(self):
        action = self.env.ref("cxzy_campaign.cxzy_campaign_photo_exhibition_action")
        view = self.env["cxzy.campaign"].get_view(
            self.env.ref("cxzy_campaign.cxzy_campaign_view_form").id, "form"
        )
        self.assertIn(f'name="{action.id}"', view["arch"])
        # The exhibition's domain and the campaign filter of the button.
        domain = ast.literal_eval(action.domain) + [
            ("campaign_id", "=", self.campaign.id)
        ]
        self.assertEqual(self.Photo.search(domain), self.photo_shown)
        self.photo_kept.for_exhibition = True
        self.assertEqual(self.Photo.search(domain), self.photo_shown | self.photo_kept)

    def test_photo_follows_its_event(self):
        self.assertEqual(self.photo_shown.campaign_id, self.campaign)
        self.assertEqual(str(self.photo_shown.taken_on), "2030-04-15")
        self.assertEqual(self.event_all.photo_count, 2)
        self.assertEqual(self.photo_shown.display_name, "重温入党誓词")

    def test_large_image_is_scaled_down(self):
        photo = self.Photo.create(
            {"event_id": self.event.id, "image": _jpeg(3000, 2000)}
        )
        with Image.open(io.BytesIO(base64.b64decode(photo.image))) as image:
            self.assertEqual(image.size, (1920, 1280))
        with Image.open(io.BytesIO(base64.b64decode(photo.image_512))) as image:
            self.assertEqual(image.size, (512, 341))

    def test_every_member_sees_the_exhibition(self):
        found = self.Photo.with_user(self.user_member).search(
            [("for_exhibition", "=", True)]
        )
        self.assertIn(self.photo_shown, found)
        with self.assertRaises(AccessError):
            self.photo_shown.with_user(self.user_member).write({"caption": "改"})
        self.assertEqual(self.photo_shown.caption, "重温入党誓词")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Photo.with_user(self.user_member).create(
                {"event_id": self.event.id, "image": _jpeg(10, 10)}
            )
        self.assertEqual(self.event.photo_count, 0)

    def test_secretary_keeps_the_photos_of_their_activities(self):
        user = self.user_secretary
        photo = self.Photo.with_user(user).create(
            {
                "event_id": self.event.id,
                "image": _jpeg(10, 10),
                "for_exhibition": True,
            }
        )
        self.assertTrue(photo.for_exhibition)
        with self.assertRaises(AccessError):
            self.photo_shown.with_user(user).write({"for_exhibition": False})
        self.assertTrue(self.photo_shown.for_exhibition)


@tagged("post_install", "-at_install")
class TestCampaignEventPerformance(EventCase):
    def _event_with_members(self, count):
        branch = self.env["cxzy.party.organization"].create(
            {
                "name": f"性能支部{count}",
                "kind": "branch",
                "parent_id": self.committee.id,
            }
        )
        group = self.env["cxzy.party.organization"].create(
            {"name": f"性能小组{count}", "kind": "group", "parent_id": branch.id}
        )
        employees = self.env["hr.employee"].create(
            [{"name": f"性能党员{count}-{i}"} for i in range(count)]
        )
        self.env["cxzy.party.member"].create(
            [
                {
                    "employee_id": employee.id,
                    "organization_id": (branch if i % 2 else group).id,
                }
                for i, employee in enumerate(employees)
            ]
        )
        event = self.Event.create(
            {
                "name": f"性能测试会议{count}",
                "campaign_id": self.campaign.id,
                "date": "2030-06-01 01:30:00",
                "organization_ids": [Command.set(branch.ids)],
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return event

    def test_load_members_in_fixed_queries(self):
        user = self.user_office
        # Warm the caches of the registry (rules, groups).
        self._event_with_members(2).with_user(user).action_load_members()
        for count in (4, 40):
            event = self._event_with_members(count)
            with self.assertQueryCount(LOAD_BUDGET):
                event.with_user(user).action_load_members()
            self.assertEqual(len(event.attendance_ids), count)
