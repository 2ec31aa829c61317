"""Control characters in a request never reach a view (issue 18, point 1): NUL in a search
string answered 500 on SQLite (FTS5 syntax error) and every text filter did on PostgreSQL
(text cannot hold NUL). Rules in core/cleaning.py: NUL in the path, a query parameter or
a JSON string is refused with 400 and a Chinese message; in form fields every control
character is removed and the rest of what was typed is kept."""

from __future__ import annotations

import json
import re

import pytest

from fazhi.core.models import OrgUnit

pytestmark = pytest.mark.today(2025, 11, 10)

CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Every search box of the office and the portal (the ``q`` of each list page).
SEARCH_PAGES = [
    "/documents/",
    "/office/documents/",
    "/office/units/",
    "/office/users/",
    "/office/records/",
    "/office/legal/reviews/",
    "/office/legal/contracts/",
    "/office/decisions/",
    "/consultations/",
]


def _refused_page(resp):
    assert resp.status_code == 400, resp.status_code
    assert "空字符" in resp.content.decode()


@pytest.mark.parametrize("page", SEARCH_PAGES)
@pytest.mark.parametrize("q", ["a\x00b", "\x00", "规范性\x00文件"])
def test_nul_in_a_search_box_is_refused_not_500(people, login, page, q):
    resp = login(people["admin"]).get(page, {"q": q})
    _refused_page(resp)


@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_other_control_characters_are_removed_from_a_search(people, login, page):
    resp = login(people["admin"]).get(page, {"q": "a\x01\x1f\x7f\x85b"})
    assert resp.status_code == 200
    assert "a\x01" not in resp.content.decode()


def test_public_document_search_keeps_the_cleaned_words(db, client):
    resp = client.get("/documents/", {"q": "管理\x0b办法"})
    assert resp.status_code == 200
    assert 'value="管理办法"' in resp.content.decode()


def _api_text_params(client):
    """(path, parameter) for every string query parameter of every GET route, from the
    OpenAPI schema: a new text filter is covered without touching this test."""
    schema = client.get("/api/openapi.json").json()
    out = []
    for route, ops in schema["paths"].items():
        op = ops.get("get")
        if not op or "{" in route:
            continue
        for p in op.get("parameters", []):
            s = p.get("schema", {})
            types = {s.get("type")} | {a.get("type") for a in s.get("anyOf", [])}
            if p["in"] == "query" and "string" in types and s.get("format") != "date":
                out.append((route, p["name"]))
    return out


def test_nul_in_any_api_text_filter_is_refused_with_400(people, client):
    client.force_login(people["coordinator"])
    params = _api_text_params(client)
    assert len(params) >= 15, params
    failures = []
    for route, name in params:
        resp = client.get(route, {name: "a\x00b"})
        if resp.status_code != 400 or "空字符" not in resp.json().get("detail", ""):
            failures.append(f"{route}?{name}: {resp.status_code}")
        resp = client.get(route, {name: "a\x01b"})
        if resp.status_code >= 500:
            failures.append(f"{route}?{name}=a\\x01b: {resp.status_code}")
    assert not failures, failures


@pytest.mark.parametrize(
    "path", ["/api/documents/public/search?q=a%00b", "/api/units/a%00b", "/api/units?kind=%00"]
)
def test_api_answers_nul_in_json_with_chinese(db, client, path):
    resp = client.get(path)
    assert resp.status_code == 400
    assert resp["Content-Type"].startswith("application/json")
    assert CHINESE.search(resp.json()["detail"])


def test_nul_in_a_path_is_refused(people, login):
    assert login(people["coordinator"]).get("/office/units/a%00b/").status_code == 400


def test_nul_in_a_form_field_is_removed_and_the_rest_kept(district, people, login):
    resp = login(people["coordinator"]).post(
        "/office/units/new/",
        {
            "code": "D9\x00\x01",
            "name": "测试区\x00审计局\x0c",
            "kind": "department",
            "parent": district["gov"].pk,
            "sort_order": "0",
            "active": "on",
            "aliases": "审计\x7f局\n区审计局",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:500]
    unit = OrgUnit.objects.get(code="D9")
    assert unit.name == "测试区审计局"


def test_json_body_nul_refused_other_controls_removed(db, client):
    from django.test import Client

    from fazhi.core.cleaning import clean_json_body

    assert json.loads(clean_json_body(b'{"a\\u0001": ["x\\u0085y", 1]}')) == {"a": ["xy", 1]}
    assert clean_json_body(b'{"a": "plain"}') is None
    assert clean_json_body(b"not json") is None
    api = Client()
    for body in ('{"reason": "a\\u0000b"}', '{"reason": "\\ud800"}'):
        resp = api.post("/api/events", body, content_type="application/json")
        assert resp.status_code == 400, body
        assert CHINESE.search(resp.json()["detail"])


def test_a_cookie_carrying_nul_is_dropped(people, client):
    # Quoted with an octal escape, which Django's cookie parser turns into a NUL.
    client.cookies["sessionid"] = "\x00" + "a" * 31
    assert client.get("/office/login/").status_code == 200
    assert client.get("/").status_code == 200
