"""The office screens of 述法, 普法 and the leaders' meetings: lists with filters, search
and XLSX export; forms that keep what was typed; another unit's clerk gets 404 and changes
nothing; the 述法 round page and a unit's 普法 list with planned and done activities;
garbage in the address or a form never gives a 500."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from fazhi.core.tests.refusal import nothing_moved
from fazhi.learning.models import LawDutyReport, LegalEducationActivity, LegalEducationDuty
from fazhi.learning.services import duty_reports, education, meetings

from .education_fixtures import officials_fixture  # noqa: F401

pytestmark = pytest.mark.today(2026, 1, 20)


@pytest.fixture
def records(district, people, officials):
    clerk = people["scjg_clerk"]
    rep = duty_reports.record_report(
        official=officials["scjg_head"], year=2025, form="meeting",
        reported_on=dt.date(2026, 1, 15), meeting="2025年度述法评议会",
        content="推进法治建设情况", actor=clerk,
    )  # fmt: skip
    duty = education.add_duty(
        unit=district["scjg"], year=2025, laws="《中华人民共和国食品安全法》",
        audience="enterprises", planned_activities="送法进企业", planned_count=3, actor=clerk,
    )  # fmt: skip
    act = education.record_activity(
        unit=district["scjg"], duty=duty, held_on=dt.date(2025, 6, 1), title="食品安全进企业",
        form="enterprise", reach=80, actor=clerk,
    )  # fmt: skip
    mtg = meetings.record_meeting(
        unit=district["gov"], kind="executive", name="区政府第50次常务会议",
        held_on=dt.date(2025, 12, 30), chaired_by=officials["gov_head"],
        topics=[{"kind": "plan", "title": "研究部署2026年法治政府建设工作"}],
        actor=people["coordinator"],
    )  # fmt: skip
    return {"rep": rep, "duty": duty, "act": act, "mtg": mtg}


LISTS = ["learning:duty_reports", "learning:duties", "learning:activities", "learning:meetings"]
EXPORTS = ["learning:duty_report_export", "learning:duty_export", "learning:activity_export",
           "learning:meeting_export"]  # fmt: skip


def test_lists_filter_search_and_export(login, people, records):
    c = login(people["scjg_clerk"])
    html = c.get(reverse("learning:duty_reports"), {"q": "周建国", "year": "2025"}).content
    assert "周建国" in html.decode()
    assert "周建国" not in c.get(reverse("learning:duty_reports"), {"q": "无此人"}).content.decode()
    assert "食品安全进企业" in c.get(reverse("learning:activities"), {"form": "enterprise"}
                                  ).content.decode()  # fmt: skip
    from openpyxl import load_workbook

    for name in EXPORTS:
        r = c.get(reverse(name), {"year": "2025"})
        assert r.status_code == 200, name
        wb = load_workbook(io.BytesIO(r.content))
        assert wb.active.max_row >= 1
    rows = list(load_workbook(io.BytesIO(c.get(reverse("learning:duty_report_export")).content))
                .active.values)  # fmt: skip
    assert rows[1][2] == "周建国"


def test_another_units_clerk_gets_404_and_changes_nothing(login, people, records):
    c = login(people["sfj_clerk"])
    pages = [("learning:duty_report", records["rep"]), ("learning:duty_report_edit", records["rep"]),
             ("learning:duty", records["duty"]), ("learning:duty_edit", records["duty"]),
             ("learning:activity", records["act"]), ("learning:activity_edit", records["act"]),
             ("learning:meeting", records["mtg"]), ("learning:meeting_edit", records["mtg"])]  # fmt: skip
    for name, obj in pages:
        url = reverse(name, args=[obj.pk])
        assert c.get(url).status_code == 404, name
        with nothing_moved(*records.values()):
            r = c.post(url, {"action": "publish", "pub-on": "2026-01-19", "title": "改",
                             "ev-evaluation": "poor", "ev-evaluated_by": "x",
                             "ev-evaluated_on": "2026-01-19"})  # fmt: skip
            assert r.status_code == 404, name
    # Nor through the list page of another unit's 普法 list.
    assert c.get(reverse("learning:education_plan"),
                 {"unit": records["duty"].unit_id}).status_code == 404  # fmt: skip
    with nothing_moved(records["duty"]):
        r = c.post(reverse("learning:education_plan") + f"?unit={records['duty'].unit_id}&year=2025",
                   {"action": "publish", "pub-on": "2026-01-19"})  # fmt: skip
        assert r.status_code == 404
    # And the lists do not show it.
    assert "周建国" not in c.get(reverse("learning:duty_reports")).content.decode()


def test_a_refused_form_keeps_what_was_typed(login, people, officials):
    c = login(people["scjg_clerk"])
    r = c.post(reverse("learning:duty_report_new"), {
        "official": officials["scjg_staff"].pk, "year": "2025", "form": "written",
        "reported_on": "2026-01-10", "content": "保留我输入的摘要",
    })  # fmt: skip
    html = r.content.decode()
    assert (
        r.status_code == 400 and "只有党政主要负责人或领导班子成员述法" not in html
    )  # not a leader: not offered
    assert "保留我输入的摘要" in html
    r = c.post(reverse("learning:meeting_new"), {
        "unit": officials["scjg_head"].unit_id, "kind": "special", "name": "专题会议甲",
        "held_on": "2026-01-10", "chaired_by": officials["scjg_head"].pk,
    })  # fmt: skip
    assert r.status_code == 400
    html = r.content.decode()
    assert "请至少填写一项法治议题" in html and 'value="专题会议甲"' in html


def test_publishing_a_list_from_its_page(login, people, records, district):
    c = login(people["scjg_clerk"])
    url = reverse("learning:education_plan") + f"?unit={district['scjg'].pk}&year=2025"
    html = c.get(url).content.decode()
    assert "食品安全法" in html and "80" in html and "未完成" in html
    r = c.post(url, {"action": "publish", "pub-on": "2026-01-19"})
    assert r.status_code == 302
    duty = LegalEducationDuty.objects.get(pk=records["duty"].pk)
    assert duty.published_on == dt.date(2026, 1, 19)


def test_the_round_page_names_who_has_not_reported(login, people, records):
    html = login(people["coordinator"]).get(reverse("learning:duty_report_round"),
                                            {"year": "2025"}).content.decode()  # fmt: skip
    assert "周建国" in html and "钱明" in html and "尚未述法" in html
    assert "党政主要负责人应述法4人，已述法1人，尚未述法3人" in html


def test_evaluate_and_publish_from_the_record_pages(login, people, records):
    c = login(people["scjg_clerk"])
    url = reverse("learning:duty_report", args=[records["rep"].pk])
    r = c.post(url, {"action": "evaluate", "ev-evaluation": "good", "ev-score": "120",
                     "ev-evaluated_by": "区委依法治区办", "ev-evaluated_on": "2026-01-16"})  # fmt: skip
    assert r.status_code == 400 and "区委依法治区办" in r.content.decode()
    r = c.post(url, {"action": "evaluate", "ev-evaluation": "good", "ev-score": "88",
                     "ev-evaluated_by": "区委依法治区办", "ev-evaluated_on": "2026-01-16"})  # fmt: skip
    assert r.status_code == 302
    assert LawDutyReport.objects.get(pk=records["rep"].pk).evaluation == "good"
    url = reverse("learning:activity", args=[records["act"].pk])
    assert c.post(url, {"action": "publish", "pub-on": "2026-01-19"}).status_code == 302
    assert LegalEducationActivity.objects.get(pk=records["act"].pk).published_on


GARBAGE = ["'", "%00", "9" * 30, "-1", "２０２５", "<script>", "2025-13-45"]


def test_garbage_never_gives_a_500(login, people, records):
    c = login(people["scjg_clerk"])
    for name in [*LISTS, *EXPORTS, "learning:duty_report_round", "learning:education_plan",
                 "learning:duty_report_new", "learning:duty_new", "learning:activity_new",
                 "learning:meeting_new"]:  # fmt: skip
        for g in GARBAGE:
            params = {k: g for k in ("unit", "year", "q", "page", "form", "evaluation",
                                     "audience", "published", "duty", "kind", "topic")}  # fmt: skip
            assert c.get(reverse(name), params).status_code < 500, (name, g)
    for name, obj in [("learning:duty_report_new", None), ("learning:duty_new", None),
                      ("learning:activity_new", None), ("learning:meeting_new", None),
                      ("learning:duty_report_edit", records["rep"]),
                      ("learning:duty_edit", records["duty"]),
                      ("learning:activity_edit", records["act"]),
                      ("learning:duty_report", records["rep"]),
                      ("learning:activity", records["act"])]:  # fmt: skip
        url = reverse(name, args=[obj.pk]) if obj else reverse(name)
        for g in GARBAGE:
            data = {k: g for k in ("official", "year", "form", "reported_on", "unit", "duty",
                                   "held_on", "reach", "materials", "planned_count", "audience",
                                   "lock", "ev-score", "ev-evaluated_on", "pub-on")}  # fmt: skip
            data["action"] = "evaluate" if name == "learning:duty_report" else "publish"
            assert c.post(url, data).status_code < 500, (name, g)
    # An unknown action on a record page.
    url = reverse("learning:duty_report", args=[records["rep"].pk])
    assert c.post(url, {"action": "drop"}).status_code == 404


@pytest.mark.today(2026, 3, 1)
def test_the_demo_step(demo_units, client):
    """The demo's 述法 round, 普法 lists and activities and the government's meetings, built
    through the services on the demo district's units."""
    from fazhi.core.models import Event
    from fazhi.learning import demo_education
    from fazhi.learning.models import LeadershipMeeting

    demo_education.build(demo_units)
    assert LawDutyReport.objects.filter(year=2025).count() == 19
    assert LawDutyReport.objects.filter(year=2025, form="meeting").count() == 11
    assert LawDutyReport.objects.filter(year=2025, evaluation="").count() == 1
    assert LegalEducationActivity.objects.filter(held_on__year=2025).count() == 200
    assert LegalEducationActivity.objects.filter(published_on__isnull=False).count() == 140
    assert not LegalEducationDuty.objects.filter(published_on__isnull=True).exists()
    assert set(LegalEducationDuty.objects.values_list("year", flat=True)) == {2025, 2026}
    assert LeadershipMeeting.objects.filter(held_on__year=2025).count() == 7
    assert {m.chaired_by.level for m in LeadershipMeeting.objects.all()} == {"principal"}
    # Every record has its creation event.
    for model in (LawDutyReport, LegalEducationDuty, LegalEducationActivity, LeadershipMeeting):
        label = model._meta.label_lower
        with_event = set(
            Event.objects.filter(record_type=label).values_list("record_id", flat=True)
        )
        assert {str(pk) for pk in model.objects.values_list("pk", flat=True)} <= with_event
    client.force_login(demo_units.users["coordinator"])
    html = client.get(reverse("learning:duty_report_round"), {"year": "2025"}).content.decode()
    assert "党政主要负责人应述法21人，已述法19人，尚未述法2人" in html
