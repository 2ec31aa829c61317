"""The JSON API answers bad requests in JSON with a Chinese ``detail``: page sizes and
offsets are validated (never a 500), and ninja's and Django's English messages — method
not allowed, validation errors, unknown paths — are translated."""

import datetime as dt
import re

import pytest

from fazhi.core import services

LATIN_SENTENCE = re.compile(r"[A-Za-z]{4,} [A-Za-z]{2,}")


def _chinese_json(resp, status):
    assert resp.status_code == status, resp.content[:300]
    assert resp["Content-Type"].startswith("application/json")
    detail = resp.json()["detail"]
    assert isinstance(detail, str) and re.search(r"[\u4e00-\u9fff]", detail), detail
    assert not LATIN_SENTENCE.search(detail), detail
    return detail


@pytest.mark.parametrize(
    "query, words",
    [
        ({"limit": "-1"}, "limit不能小于1"),
        ({"limit": "0"}, "limit不能小于1"),
        ({"limit": "501"}, "limit不能大于500"),
        ({"limit": "99999999999999999999"}, "limit不能大于500"),
        ({"limit": "abc"}, "limit应为整数"),
        ({"offset": "abc"}, "offset应为整数"),
        ({"offset": "-1"}, "offset不能小于0"),
        ({"offset": "99999999999999999999"}, "offset不能大于"),
    ],
)
@pytest.mark.parametrize(
    "route", ["/api/units", "/api/deadlines", "/api/events", "/api/plans/tasks"]
)
def test_page_size_and_offset_are_validated(people, client, route, query, words):
    """D7: limit/offset overflow or negative answered 500."""
    client.force_login(people["coordinator"])
    detail = _chinese_json(client.get(route, query), 422)
    assert words in detail


def test_page_size_up_to_500_is_served(people, client):
    client.force_login(people["coordinator"])
    resp = client.get("/api/units", {"limit": "500", "offset": "0"})
    assert resp.status_code == 200 and resp.json()["count"] == 5


@pytest.mark.parametrize("plan", ["99999999999999999999", "-1", "abc"])
def test_task_filter_with_a_garbage_plan_id(people, client, plan):
    client.force_login(people["coordinator"])
    _chinese_json(client.get("/api/plans/tasks", {"plan": plan}), 422)


@pytest.fixture
def deadline(district, clocks):
    return services.start_deadline(
        record_type="t",
        record_id="1",
        clock="test.reply",
        start=dt.date(2025, 9, 26),
        unit=district["sfj"],
        title="申请",
    )


def test_parameter_validation_is_answered_in_chinese(client, db):
    """D17: ninja's 422 messages ("Field required", "Input should be a valid date")."""
    url = "/api/workdays/add"
    resp = client.get(url, {"start": "2025-10-09"})
    assert "缺少参数days" in _chinese_json(resp, 422)
    resp = client.get(url, {"start": "tomorrow", "days": "5"})
    assert "参数start应为日期" in _chinese_json(resp, 422)
    assert all(re.search(r"[\u4e00-\u9fff]", e["msg"]) for e in resp.json()["errors"])


def test_wrong_method_is_answered_in_chinese(people, client, deadline):
    """D17: "Method not allowed" as plain text. The API writes nothing: a POST to any route,
    including the removed generic deadline actions, changes nothing."""
    client.force_login(people["sfj_clerk"])
    resp = client.post(f"/api/deadlines/{deadline.pk}", {}, content_type="application/json")
    assert "POST" in _chinese_json(resp, 405)
    assert "GET" in resp["Allow"]
    _chinese_json(client.delete("/api/units"), 405)
    for action in ("complete", "pause"):
        resp = client.post(
            f"/api/deadlines/{deadline.pk}/{action}",
            {"on": "2025-10-09", "start": "2025-10-09", "reason": "补正"},
            content_type="application/json",
        )
        assert "接口不存在" in _chinese_json(resp, 404)
    deadline.refresh_from_db()
    assert deadline.state == "running"


@pytest.mark.parametrize("path", ["/api/no-such-route", "/api/units/x/y/z", "/api/units/"])
def test_unknown_api_path_is_answered_in_json(client, db, path):
    """D17: an unknown /api/ path answered the portal's HTML 404 page."""
    assert "接口不存在" in _chinese_json(client.get(path), 404)
    assert "接口不存在" in _chinese_json(client.post(path, {"a": "b"}), 404)


def test_pages_outside_the_api_keep_their_html_404(client, db):
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404 and resp["Content-Type"].startswith("text/html")
