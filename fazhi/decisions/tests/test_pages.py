"""Back-office pages, the portal and the API: scoping, refusals as pages (never a 500),
forms that keep their input, history on every page, nothing personal in public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.models import Attachment, Event
from fazhi.core.registry import NAV, PUBLIC
from fazhi.decisions import services
from fazhi.decisions.models import MajorDecision

from .conftest import decided, pdf, prepare, published

TODAY = dt.date(2025, 6, 16)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)

STEPS = [
    "",
    "participation/",
    "expert/",
    "risk/",
    "legality/",
    "meeting/",
    "party/",
    "publish/",
    "execution/",
    "evaluation/",
    "archive/",
]


def url(decision, step=""):
    return f"/office/decisions/{decision.pk}/{step}"


def test_nav_and_public_section_registered():
    assert {"decisions:list", "decisions:catalogs"} <= {i.url_name for i in NAV}
    assert any(i.group == "重大行政决策" for i in NAV)
    assert "decisions_public:list" in {s.url_name for s in PUBLIC}


def test_every_step_page_renders_with_history(decision, people, login):
    client = login(people["sfj_clerk"])
    for step in STEPS:
        resp = client.get(url(decision, step))
        assert resp.status_code == 200, step
        assert "全过程记录" in resp.content.decode()
    for name in ("decisions:list", "decisions:catalogs"):
        assert client.get(reverse(name)).status_code == 200
    assert (
        client.get(reverse("decisions:catalog", args=[decision.item.catalog_id])).status_code == 200
    )


def test_other_units_clerk_cannot_read_a_draft_by_page_or_api(decision, people, login):
    client = login(people["scjg_clerk"])
    for step in STEPS:
        assert client.get(url(decision, step)).status_code == 404, step
    assert client.get(f"/office/decisions/{decision.pk}/archive.zip").status_code == 404
    assert decision.title not in client.get("/office/decisions/").content.decode()
    assert client.get(f"/api/decisions/{decision.pk}").status_code == 404
    listed = client.get("/api/decisions").json()
    assert decision.pk not in [d["id"] for d in listed["items"]]
    # Its own unit sees it.
    own = login(people["sfj_clerk"])
    assert own.get(f"/api/decisions/{decision.pk}").json()["title"] == decision.title


def test_published_decision_stays_with_its_unit_in_the_back_office(
    decision, people, adviser, login
):
    """A published decision is on the portal; its back-office record (deliberations,
    attachments, archive package) stays with its unit: another unit's clerk gets 404 by
    page, by API and for the ZIP, and cannot change it."""
    published(decision, people, adviser)
    client = login(people["scjg_clerk"])
    for step in STEPS:
        assert client.get(url(decision, step)).status_code == 404, step
    assert client.get(f"/office/decisions/{decision.pk}/archive.zip").status_code == 404
    assert client.get(f"/api/decisions/{decision.pk}").status_code == 404
    resp = client.post(
        url(decision, "execution/"),
        {"action": "schedule", "schedule-due": "2030-01-01", "schedule-unit": decision.unit_id},
    )
    assert resp.status_code == 404
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200  # the portal


def test_executing_unit_asked_to_report_reads_and_reports(
    decision, people, district, adviser, login
):
    """The decision body asks another unit to report on execution (条例第34–35条): that
    unit then reads the decision and records its report, but changes nothing else."""
    published(decision, people, adviser)
    due = TODAY + dt.timedelta(days=30)
    services.schedule_execution_report(
        decision, due=due, unit=district["scjg"], actor=people["sfj_clerk"]
    )
    client = login(people["scjg_clerk"])
    assert client.get(url(decision, "execution/")).status_code == 200
    resp = client.post(
        url(decision, "execution/"),
        {
            "action": "note",
            "note-on": TODAY.isoformat(),
            "note-unit": district["scjg"].pk,
            "note-note": "已完成停车泊位改造",
            "note-problems": "",
            "note-file": pdf("执行情况报告.pdf", b"exec"),
        },
    )
    assert resp.status_code == 302, resp.content.decode()[-2000:]
    note = decision.execution_notes.get()
    assert note.unit == district["scjg"]
    # Its attachment follows the record: the decision's unit downloads it, the town not.
    att = Attachment.objects.get(record_type="decisions.executionnote", record_id=str(note.pk))
    assert att.unit == district["scjg"]
    assert login(people["sfj_clerk"]).get(f"/office/attachments/{att.pk}/").status_code == 200
    assert login(people["town_clerk"]).get(f"/office/attachments/{att.pk}/").status_code == 404
    client = login(people["scjg_clerk"])
    resp = client.post(
        url(decision, "execution/"),
        {"action": "schedule", "schedule-due": "2030-01-01", "schedule-unit": decision.unit_id},
    )
    assert resp.status_code == 403
    # The town was not asked: still 404.
    assert login(people["town_clerk"]).get(url(decision)).status_code == 404


def test_leader_reads_but_cannot_change(decision, people, login):
    client = login(people["leader"])
    assert client.get(url(decision, "participation/")).status_code == 200
    before = Event.objects.count()
    resp = client.post(
        url(decision, "participation/"),
        {"action": "exempt", "exempt-reason": "理由", "exempt-approved_by": "副区长"},
    )
    assert resp.status_code == 403
    assert "无权" in resp.content.decode()
    assert Event.objects.count() == before
    decision.refresh_from_db()
    assert decision.participation == ""


def test_refused_step_keeps_input_and_says_why(decision, people, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        url(decision, "meeting/"),
        {
            "action": "meeting",
            "meeting-meeting_kind": "executive",
            "meeting-meeting_name": "区政府第99次常务会议",
            "meeting-meeting_on": "2025-06-01",
            "meeting-attendees": "11",
            "meeting-outcome": "approved",
            "meeting-dissent": "无",
            "meeting-head_decision": "同意",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "不得提交集体讨论" in body and "区政府第99次常务会议" in body
    assert not decision.meetings.exists()


def test_consultation_shorter_than_30_days_refused_on_the_page(decision, people, login):
    client = login(people["sfj_clerk"])
    today = TODAY
    resp = client.post(
        url(decision, "participation/"),
        {
            "action": "consult",
            "consult-opens_on": today.isoformat(),
            "consult-closes_on": (today + dt.timedelta(days=10)).isoformat(),
            "consult-urgent_reason": "",
        },
    )
    assert resp.status_code == 400
    assert "不少于30日" in resp.content.decode()


def test_invalid_form_keeps_input(decision, people, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        url(decision, "risk/"),
        {
            "action": "risk",
            "risk-assessor": "某评估中心",
            "risk-method": "问卷",
            "risk-level": "high",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "某评估中心" in body


def test_upload_of_disguised_file_refused_on_page(decision, people, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(people["sfj_clerk"])
    exe = SimpleUploadedFile("意见.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    resp = client.post(
        url(decision, "expert/"),
        {
            "action": "expert",
            "expert-held_on": "2025-04-01",
            "expert-form": "论证会",
            "expert-organizer": "某学院",
            "expert-experts": "甲",
            "expert-opinions": "可行",
            "expert-adoption": "采纳",
            "expert-file": exe,
        },
    )
    assert resp.status_code == 400 and "可执行" in resp.content.decode()
    assert not decision.expert_reviews.exists()


def test_steps_through_the_pages(decision, people, adviser, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        url(decision, "participation/"),
        {"action": "exempt", "exempt-reason": "依法不予公开的事项", "exempt-approved_by": "副区长"},
    )
    assert resp.status_code == 302
    resp = client.post(
        url(decision, "expert/"), {"action": "waive", "waive-reason": "不涉及专业技术问题"}
    )
    assert resp.status_code == 302
    resp = client.post(
        url(decision, "risk/"),
        {
            "action": "risk",
            "risk-assessed_on": "2025-04-01",
            "risk-assessor": "某评估中心",
            "risk-method": "问卷",
            "risk-level": "low",
            "risk-conclusion": "可控",
            "risk-file": pdf("风险评估.pdf"),
        },
    )
    assert resp.status_code == 302
    resp = client.post(url(decision, "legality/"), {"action": "request"})
    assert resp.status_code == 302
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.UNDER_REVIEW
    page = client.get(url(decision, "legality/")).content.decode()
    assert "送" in page and "审查" in page


def test_catalogue_pages(people, district, login):
    coord = login(people["coordinator"])
    resp = coord.post("/office/decisions/catalogs/new/", {"year": 2026, "unit": district["gov"].pk})
    assert resp.status_code == 302
    cat_url = resp["Location"]
    clerk = login(people["sfj_clerk"])
    resp = clerk.post(
        cat_url,
        {
            "action": "propose",
            "propose-unit": district["sfj"].pk,
            "propose-title": "某管理办法",
            "propose-category": "policy",
        },
    )
    assert resp.status_code == 302
    coord = login(people["coordinator"])
    page = coord.get(cat_url).content.decode()
    assert "某管理办法" in page and "不列入" in page
    from fazhi.decisions.models import CatalogItem

    item = CatalogItem.objects.get(title="某管理办法")
    resp = coord.post(cat_url, {"action": "reject", "item": item.pk, "reject-reason": ""})
    assert resp.status_code == 400 and "不列入目录的理由" in resp.content.decode()
    assert coord.post(cat_url, {"action": "include", "item": item.pk}).status_code == 302
    resp = coord.post(cat_url, {"action": "publish", "publish-published_on": "2026-03-01"})
    assert resp.status_code == 403  # not agreed yet: no publish form offered


def test_portal_shows_published_only_and_nothing_personal(decision, people, adviser, client):
    other = services.start_decision(
        decision.item.catalog.items.get(unit__code="D23"),
        actor=people["scjg_clerk"],
        draft="草案",
        explanation="说明",
    )
    published(decision, people, adviser)
    home = client.get("/decisions/").content.decode()
    assert decision.title in home and other.title not in home
    assert client.get(f"/decisions/{other.pk}/").status_code == 404
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "测试区行政执法辅助人员管理办法全文" in page and "专家意见已采纳" in page
    for personal in ("甲教授", "sfj_clerk", "legal", "周律师", "coordinator"):
        assert personal not in page, personal
    assert client.get(f"/decisions/catalogs/{decision.item.catalog_id}/").status_code == 200
    api = client.get("/api/decisions/public/catalogs").json()
    assert api[0]["items"][0]["title"]
    assert client.get("/api/decisions").status_code == 401


def test_portal_links_the_consultation(decision, people, client):
    today = TODAY
    c = services.open_consultation(
        decision, opens_on=today, closes_on=today + dt.timedelta(days=30), actor=people["sfj_clerk"]
    )
    from fazhi.decisions.public import consultation_link

    assert consultation_link(decision) == f"/consultations/{c.pk}/"


@pytest.mark.parametrize("step", ["", "meeting/", "archive/"])
def test_decided_pages_render(decision, people, adviser, login, step):
    decided(decision, people, adviser)
    assert login(people["sfj_clerk"]).get(url(decision, step)).status_code == 200


def test_prepare_pages_show_records(decision, people, login):
    prepare(decision, people)
    body = login(people["sfj_clerk"]).get(url(decision, "expert/")).content.decode()
    assert "测试学院法学院" in body and "专家论证意见.pdf" in body


def test_portal_masks_personal_data_quoted_in_the_adoption_note(decision, people, adviser, client):
    """The note on how public comments were taken up may quote a commenter: the portal
    shows it masked like every text the public typed."""
    from fazhi.core.identifiers import make_id_number

    published(decision, people, adviser)
    id_number = make_id_number("110105", dt.date(1980, 5, 6), "123")
    MajorDecision.objects.filter(pk=decision.pk).update(
        adoption_note=f"采纳市民（电话13812345678，身份证{id_number}）关于第三条的意见。"
    )
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "13812345678" not in page and id_number not in page
    assert "138****5678" in page
