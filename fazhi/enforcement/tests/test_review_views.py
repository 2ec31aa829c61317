"""Screens of 案卷评查 and supervision: the coordinator's pages, an agency clerk's own
results only, another unit's clerk neither reads nor changes (re-read to prove it), forms
keep what was typed, and the portal page carries no personal data."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.enforcement import services as s
from fazhi.enforcement.models import (
    AnnualDataPublication,
    CaseFileReview,
    EnforcementComplaint,
    SupervisionFinding,
)

from .test_review_services import campaign, closed_case, full_marks

D = dt.date
TODAY = D(2026, 3, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze(monkeypatch, TODAY)


@pytest.fixture
def world(enf, people, district):
    coordinator = people["coordinator"]
    for i in range(3):
        closed_case(enf, people, D(2025, 4, 1 + i))
        closed_case(enf, people, D(2025, 5, 1 + i), agency="town")
    sheet = s.default_sheet(unit=district["sfj"], actor=coordinator)
    c = s.draw(campaign(enf, people, sheet, per_agency=2), on=TODAY, seed="w", actor=coordinator)
    check = s.record_check(
        agency=enf["scjg"],
        checked_on=D(2026, 3, 2),
        subject="处罚案件检查",
        actor=coordinator,
        findings=[("未按期公示", D(2026, 4, 30))],
    )
    complaint = s.receive_complaint(
        agency=enf["scjg"],
        received_on=D(2026, 3, 3),
        matter="执法人员态度粗暴",
        complainant="张三",
        contact="13800138000",
        actor=people["scjg_clerk"],
    )
    return {"campaign": c, "sheet": sheet, "check": check, "complaint": complaint}


def text(resp) -> str:
    return resp.content.decode()


def test_coordinator_pages_render(world, people, login):
    client = login(people["coordinator"])
    c = world["campaign"]
    f = c.files.first()
    for url in (
        "/office/enforcement/review/",
        f"/office/enforcement/review/{c.pk}/",
        "/office/enforcement/review/new/",
        "/office/enforcement/review/files/?year=2026",
        f"/office/enforcement/review/files/{f.pk}/",
        "/office/enforcement/review/sheets/",
        f"/office/enforcement/review/sheets/{world['sheet'].pk}/",
        "/office/enforcement/review/sheets/new/",
        "/office/enforcement/supervision/checks/",
        f"/office/enforcement/supervision/checks/{world['check'].pk}/",
        "/office/enforcement/supervision/checks/new/",
        "/office/enforcement/supervision/complaints/",
        f"/office/enforcement/supervision/complaints/{world['complaint'].pk}/",
        "/office/enforcement/supervision/complaints/new/",
        "/office/enforcement/supervision/supervisors/",
        "/office/enforcement/supervision/annual-data/?year=2025",
    ):
        assert client.get(url).status_code == 200, url
    page = text(client.get(f"/office/enforcement/review/{c.pk}/"))
    assert "结果与已抽取的案卷一致" in page and "测试区市场监督管理局" in page


def test_scoring_through_the_page_keeps_typed_values_on_error(world, people, login):
    client = login(people["coordinator"])
    f = world["campaign"].files.first()
    items = list(world["sheet"].items.all())
    data = {"on": "2026-03-20", "comment": "总体规范"}
    for i in items:
        data[f"score_{i.pk}"] = str(i.weight)
    data[f"score_{items[0].pk}"] = "7.5"  # deducted without a reason
    resp = client.post(f"/office/enforcement/review/files/{f.pk}/", data)
    assert resp.status_code == 400
    assert "扣分理由" in text(resp) and 'value="7.5"' in text(resp) and "总体规范" in text(resp)
    f.refresh_from_db()
    assert f.scored_on is None
    data[f"why_{items[0].pk}"] = "主体资格材料缺失"
    resp = client.post(f"/office/enforcement/review/files/{f.pk}/", data)
    assert resp.status_code == 302
    f.refresh_from_db()
    assert f.total == Decimal("97.5") and f.passed


def test_agency_clerk_sees_own_files_only_and_cannot_score(world, people, login, enf):
    client = login(people["scjg_clerk"])
    own = CaseFileReview.objects.filter(agency=enf["scjg"]).first()
    other = CaseFileReview.objects.filter(agency=enf["town"]).first()
    listing = text(client.get("/office/enforcement/review/files/"))
    assert own.case.number in listing and other.case.number not in listing
    assert client.get(f"/office/enforcement/review/files/{own.pk}/").status_code == 200
    assert client.get(f"/office/enforcement/review/files/{other.pk}/").status_code == 404
    # The campaign (the 司法局's record) is not theirs to open; their results are on the list.
    assert client.get(f"/office/enforcement/review/{world['campaign'].pk}/").status_code == 404
    summary = text(client.get("/office/enforcement/review/"))
    assert "本单位被评查案卷" in summary and "城关街道办事处" not in summary
    data = {
        "on": "2026-03-20",
        **{f"score_{k}": str(v[0]) for k, v in full_marks(world["sheet"]).items()},
    }
    assert client.post(f"/office/enforcement/review/files/{own.pk}/", data).status_code == 403
    assert client.post(f"/office/enforcement/review/files/{other.pk}/", data).status_code == 404
    for f in (own, other):
        f.refresh_from_db()
        assert f.scored_on is None


def test_another_units_clerk_neither_reads_nor_changes_supervision(world, people, login):
    client = login(people["town_clerk"])
    check, complaint = world["check"], world["complaint"]
    finding = check.findings.get()
    assert client.get(f"/office/enforcement/supervision/checks/{check.pk}/").status_code == 404
    assert "处罚案件检查" not in text(client.get("/office/enforcement/supervision/checks/"))
    resp = client.post(
        f"/office/enforcement/supervision/checks/{check.pk}/",
        {"action": "rectify", "rectify-finding": finding.pk, "rectify-on": "2026-03-20",
         "rectify-rectification": "x"},
    )  # fmt: skip
    assert resp.status_code == 404
    finding.refresh_from_db()
    assert finding.rectified_on is None
    url = f"/office/enforcement/supervision/complaints/{complaint.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"on": "2026-03-20", "reply": "x"}).status_code == 404
    complaint.refresh_from_db()
    assert complaint.state == "open"
    assert "态度粗暴" not in text(client.get("/office/enforcement/supervision/complaints/"))
    resp = client.post(
        "/office/enforcement/supervision/annual-data/?year=2025",
        {
            "agency": world["campaign"].agencies.get(name="测试区市场监督管理局").pk,
            "on": "2026-01-20",
        },
    )
    assert resp.status_code == 403
    assert not AnnualDataPublication.objects.exists()


def test_agency_clerk_reports_rectification_and_coordinator_closes(world, people, login):
    check = world["check"]
    finding = check.findings.get()
    url = f"/office/enforcement/supervision/checks/{check.pk}/"
    coordinator = login(people["coordinator"])
    resp = coordinator.post(url, {"action": "close", "close-on": "2026-03-20", "close-note": ""})
    assert resp.status_code == 400 and "未报告整改情况" in text(resp)
    clerk = login(people["scjg_clerk"])
    resp = clerk.post(
        url,
        {"action": "rectify", "rectify-finding": finding.pk, "rectify-on": "2026-03-01",
         "rectify-rectification": "已补充公示"},
    )  # fmt: skip
    # Before the check itself: refused, and what was typed is still there.
    assert resp.status_code == 400 and "不能早于检查日期" in text(resp)
    assert 'value="2026-03-01"' in text(resp) and 'value="已补充公示"' in text(resp)
    resp = clerk.post(
        url,
        {"action": "rectify", "rectify-finding": finding.pk, "rectify-on": "2026-03-18",
         "rectify-rectification": "已补充公示"},
    )  # fmt: skip
    assert resp.status_code == 302
    assert SupervisionFinding.objects.get(pk=finding.pk).rectified_on == D(2026, 3, 18)
    assert clerk.post(url, {"action": "close", "close-on": "2026-03-20"}).status_code == 403
    coordinator = login(people["coordinator"])
    assert coordinator.post(url, {"action": "close", "close-on": "2026-03-20"}).status_code == 302
    check.refresh_from_db()
    assert check.state == "closed"


def test_complaint_form_keeps_typed_values(world, people, login, enf):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/enforcement/supervision/complaints/new/",
        {"agency": enf["scjg"].pk, "received_on": "2026-03-25", "matter": "多次重复检查"},
    )
    assert resp.status_code == 400
    assert "不能晚于今天" in text(resp) and "多次重复检查" in text(resp)
    assert EnforcementComplaint.objects.count() == 1


def test_portal_shows_figures_and_results_without_personal_data(world, people, client, enf):
    coordinator = people["coordinator"]
    c = world["campaign"]
    for f in c.files.all():
        s.score_file(f, scores=full_marks(world["sheet"]), on=TODAY, actor=coordinator)
    s.close_campaign(c, on=TODAY, actor=coordinator)
    s.publish_annual_data(enf["scjg"], year=2025, on=D(2026, 2, 2), actor=people["scjg_clerk"])
    page = text(client.get("/enforcement/data/"))
    assert "测试区市场监督管理局" in page and "逾期公开" in page
    assert "2026年度行政执法案卷评查" in page and "100.0%" in page
    for secret in ("张三", "13800138000", "好邻居", "罚简", coordinator.username):
        assert secret not in page


def test_figure_links_list_exactly_the_counted_records_and_export(world, people, login, enf):
    import io

    from openpyxl import load_workbook

    from fazhi.enforcement import indicators_review as ind
    from fazhi.indicators.registry import COMPUTED

    coordinator = people["coordinator"]
    scored = world["campaign"].files.filter(agency=enf["scjg"]).first()
    s.score_file(scored, scores=full_marks(world["sheet"]), on=TODAY, actor=coordinator)
    client = login(coordinator)
    url = COMPUTED["enforcement.case_files_reviewed"].records_url(enf["scjg"].unit_id, 2026)
    page = text(client.get(url))
    unscored = world["campaign"].files.exclude(pk=scored.pk)
    assert scored.case.number in page
    assert not any(f.case.number in page for f in unscored)
    assert ind.case_files_reviewed(2026)[enf["scjg"].unit_id] == 1
    resp = client.get(url + "&format=xlsx")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[2:]] == [scored.case.number]
    url = COMPUTED["enforcement.supervision_checks"].records_url(None, 2026)
    resp = client.get(url + "&format=xlsx")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[2:]] == ["处罚案件检查"] and rows[2][4] == 1


def test_what_waits_on_the_board_per_person(world, people):
    from fazhi.core.waiting import PROVIDERS

    def titles(code, who):
        return [i.title for i in PROVIDERS[code].items(people[who])]

    assert titles("enforcement.rectification", "scjg_clerk") == [
        "测试区市场监督管理局：处罚案件检查"
    ]
    assert PROVIDERS["enforcement.rectification"].items(people["scjg_clerk"])[0].due == D(
        2026, 4, 30
    )
    assert titles("enforcement.rectification", "town_clerk") == []
    assert titles("enforcement.complaint", "scjg_clerk") == [
        "对测试区市场监督管理局的投诉举报（2026-03-03受理）"
    ]
    assert titles("enforcement.complaint", "town_clerk") == []
    assert titles("enforcement.casefile_score", "coordinator") == ["2026年度行政执法案卷评查"]
    assert titles("enforcement.casefile_score", "scjg_clerk") == []
    finding = world["check"].findings.get()
    s.report_rectification(finding, on=TODAY, rectification="已整改", actor=people["scjg_clerk"])
    assert titles("enforcement.rectification", "scjg_clerk") == []


def test_supervisor_roster_page(people, login, district):
    client = login(people["coordinator"])
    url = "/office/enforcement/supervision/supervisors/"
    data = {
        "name": "陈监督",
        "work_unit": "区人大代表",
        "term_start": "2026-01-01",
        "term_end": "2025-12-31",
    }
    resp = client.post(url, data)
    assert resp.status_code == 400 and "聘期结束日期应晚于开始日期" in text(resp)
    assert 'value="区人大代表"' in text(resp)
    data["term_end"] = "2028-12-31"
    assert client.post(url, data).status_code == 302
    from fazhi.enforcement.models import SpecialSupervisor

    p = SpecialSupervisor.objects.get()
    resp = client.post(url, {"dismiss": p.pk, "reason": ""})
    assert resp.status_code == 400 and "请填写解聘原因" in text(resp)
    assert "请填写此字段" not in text(resp) and "这个字段是必填项" not in text(resp)
    assert client.post(url, {"dismiss": p.pk, "reason": "调离"}).status_code == 302
    p.refresh_from_db()
    assert not p.active
    clerk = login(people["scjg_clerk"])
    assert clerk.post(url, data).status_code == 403
    assert SpecialSupervisor.objects.count() == 1
