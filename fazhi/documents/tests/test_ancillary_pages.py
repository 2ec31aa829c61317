"""The office pages of 规范性文件附带审查: the list with its clocks, the record page's
actions (a refused form keeps what was typed), and another unit's clerk neither reading
nor changing a review."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.documents.models import AncillaryReview
from fazhi.documents.services import ancillary

pytestmark = pytest.mark.today(2025, 11, 10)
D = dt.date


@pytest.fixture
def review(district, people):
    return ancillary.receive(
        source_ref="reconsideration.case:3",
        case_number="测试区行复〔2025〕3号",
        requester="王小明",
        document_title="测试区城市道路临时占用管理办法",
        document_number="测试区政规〔2024〕2号",
        received_on=D(2025, 11, 3),
        unit=district["sfj"],
        actor=people["sfj_clerk"],
    )


def _text(resp) -> str:
    return resp.content.decode()


def test_the_list_shows_each_review_with_its_running_clocks(review, people, login):
    resp = login(people["sfj_clerk"]).get("/office/documents/ancillary/")
    page = _text(resp)
    assert resp.status_code == 200
    assert "测试区行复〔2025〕3号" in page
    # 30 days from 3 November: 3 December; 7 working days: 12 November.
    assert "处理期限（30日）：2025-12-03" in page
    assert "转送期限（7个工作日）：2025-11-12" in page
    assert "附带审查" in _text(login(people["sfj_clerk"]).get("/office/"))


def test_a_refused_route_keeps_what_was_typed_and_a_good_one_moves_on(review, people, login):
    client = login(people["sfj_clerk"])
    url = f"/office/documents/ancillary/{review.pk}/"
    with nothing_moved(review):
        resp = client.post(url, {"action": "route", "route-route": "forward",
                                 "route-on": "2025-11-05", "route-maker_name": ""})  # fmt: skip
    assert resp.status_code == 400
    page = _text(resp)
    assert "请填写转送的有权处理机关" in page
    assert 'value="2025-11-05"' in page
    resp = client.post(url, {"action": "route", "route-route": "forward", "route-on": "2025-11-05",
                             "route-forwarded_to": "市人民政府"})  # fmt: skip
    assert resp.status_code == 302
    review.refresh_from_db()
    assert review.state == AncillaryReview.State.FORWARDED and review.forwarded_to == "市人民政府"
    page = _text(client.get(url))
    # 60 days from 5 November: Sunday 4 January 2026, a worked day (元旦调休): it stays.
    assert "接受转送机关回复期限（60日）：2026-01-04" in page
    assert "转送市人民政府依法处理" in page  # the full-process record


def test_another_units_clerk_neither_reads_nor_changes_it(review, people, login):
    client = login(people["scjg_clerk"])
    url = f"/office/documents/ancillary/{review.pk}/"
    assert client.get(url).status_code == 404
    assert "测试区行复〔2025〕3号" not in _text(client.get("/office/documents/ancillary/"))
    with nothing_moved(review):
        resp = client.post(url, {"action": "route", "route-route": "handle",
                                 "route-on": "2025-11-05", "route-maker_name": "区政府"})  # fmt: skip
    assert resp.status_code == 404
    review.refresh_from_db()
    assert review.state == AncillaryReview.State.RECEIVED


def test_the_coordinator_reads_it_and_the_leader_cannot_change_it(review, people, login):
    assert (
        login(people["coordinator"]).get(f"/office/documents/ancillary/{review.pk}/").status_code
        == 200
    )
    client = login(people["leader"])
    url = f"/office/documents/ancillary/{review.pk}/"
    assert client.get(url).status_code == 200
    with nothing_moved(review):
        resp = client.post(url, {"action": "route", "route-route": "handle",
                                 "route-on": "2025-11-05", "route-maker_name": "区政府"})  # fmt: skip
    assert resp.status_code in (403, 404)


def _sheet(resp) -> list[list]:
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_the_export_lists_what_the_list_shows_without_the_applicant(review, people, login):
    rows = _sheet(login(people["sfj_clerk"]).get("/office/documents/ancillary/export.xlsx"))
    assert rows[0][0] == "行政复议案号" and len(rows) == 2
    assert rows[1][0] == "测试区行复〔2025〕3号" and rows[1][4] == "待处理"
    assert "转送期限（7个工作日）至2025-11-12" in rows[1][11]
    assert not any("王小明" in str(v) for row in rows for v in row)
    assert len(_sheet(login(people["sfj_clerk"]).get(
        "/office/documents/ancillary/export.xlsx?state=concluded"))) == 1  # fmt: skip
    assert (
        len(_sheet(login(people["scjg_clerk"]).get("/office/documents/ancillary/export.xlsx"))) == 1
    )
