"""Garbage typed into every field of the 行政应诉 and 司法/检察建议 forms, lists and API is
answered with a Chinese message (400) or ignored, never a server error, and changes
nothing."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze, nothing_moved

from .lit_fixtures import court_case, suggestion

pytestmark = pytest.mark.django_db
GARBAGE = ["abc", "NaN", "9999-12-31", "-1", "1e999", "x" * 6000, "", "99999999999999999999", "²"]
PAGE_FIELDS = {
    "litigation/new/": ["unit", "court", "number", "instance", "previous", "plaintiff_kind",
                        "plaintiff_name", "cause", "act", "served_on", "reconsideration_case"],
    "suggestions/new/": ["unit", "kind", "issuer", "number", "received_on", "reply_due_on",
                         "subject", "content"],
}  # fmt: skip
ACTIONS = {
    "litigation": {"answer": ["on", "note"], "result": ["result", "on", "reasons"],
                   "hearing": ["held_on", "head_name", "head_role", "staff_names", "excuse_kind",
                               "excuse", "head_appeared"]},
    "suggestions": {"reply": ["on", "text"], "reassign": ["unit", "reason"]},
}  # fmt: skip


def test_garbage_never_breaks_a_page_or_the_api(district, people, client, monkeypatch):
    lit = court_case(
        monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 9, 1)
    )
    sug = suggestion(
        monkeypatch, district["scjg"], people["scjg_clerk"], received_on=dt.date(2025, 9, 1)
    )
    freeze(monkeypatch, dt.date(2025, 11, 10))
    client.force_login(people["scjg_clerk"])
    base = "/office/reconsideration/"
    with nothing_moved(lit, sug):
        for junk in GARBAGE:
            for path in (
                "litigation/",
                "suggestions/",
                "litigation/export.xlsx",
                "suggestions/export.xlsx",
            ):
                for p in (
                    "year",
                    "unit",
                    "instance",
                    "result",
                    "kind",
                    "state",
                    "q",
                    "figure",
                    "page",
                ):
                    assert client.get(base + path, {p: junk}).status_code == 200
            for path, fields in PAGE_FIELDS.items():
                for f in fields:
                    assert client.post(base + path, {f: junk}).status_code == 400
            for kind, obj in (("litigation", lit), ("suggestions", sug)):
                for action, fields in ACTIONS[kind].items():
                    for f in fields:
                        resp = client.post(
                            f"{base}{kind}/{obj.pk}/", {"action": action, f"{action}-{f}": junk}
                        )
                        assert resp.status_code == 400, (kind, action, f, junk)
                        resp = client.post(
                            f"/api/reconsideration/{kind}/{obj.pk}/actions/{action}", {f: junk}
                        )
                        assert resp.status_code in (400, 422), (
                            kind,
                            action,
                            f,
                            junk,
                            resp.content[:200],
                        )
            for path in ("litigation", "suggestions"):
                for p in (
                    "year",
                    "unit",
                    "instance",
                    "result",
                    "kind",
                    "state",
                    "q",
                    "figure",
                    "limit",
                ):
                    assert client.get(f"/api/reconsideration/{path}", {p: junk}).status_code in (
                        200,
                        422,
                    )
            assert client.post(f"{base}litigation/{lit.pk}/", {"action": junk}).status_code == 404
