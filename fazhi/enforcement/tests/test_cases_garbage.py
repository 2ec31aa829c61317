"""Garbage typed into any field of any case form is refused with a message, never a 500
(today fixed)."""

from __future__ import annotations

import pytest

from fazhi.enforcement import views_cases

from . import cases_flow as flow

pytestmark = [pytest.mark.today(2025, 11, 10), pytest.mark.strict_db]

GARBAGE = ["abc", "NaN", "9999-12-31", "0001-01-01", "-1", "1e999", "x" * 5000, "", "²",
           "99999999999999999999"]  # fmt: skip


@pytest.mark.django_db
def test_no_case_form_answers_500(enf, people, open_penalty, client):
    client.raise_request_exception = True
    filed = open_penalty(flow.FILED)
    decided = flow.decided(open_penalty, enf, people["scjg_clerk"])
    client.force_login(people["scjg_clerk"])
    for case in (filed, decided):
        page = f"/office/enforcement/cases/{case.pk}/"
        for action, form_class in views_cases.FORMS.items():
            fields = list(form_class(case, prefix=action).fields)
            for value in GARBAGE:
                data = {"action": action, **{f"{action}-{f}": value for f in fields}}
                resp = client.post(page, data)
                assert resp.status_code in (302, 400, 403), (action, value, resp.status_code)
                api = f"/api/enforcement/cases/{case.pk}/actions/{action}"
                resp = client.post(api, {f: value for f in fields})
                assert resp.status_code in (200, 400, 403, 422), (action, value)
    for url in ("/office/enforcement/cases/new/", "/office/enforcement/cases/summary/"):
        for value in GARBAGE:
            data = {k: value for k in ("agency", "kind", "power", "title", "filed_on", "on",
                                       "fine", "officers", "party0-kind", "party0-name",
                                       "party0-id_number", "party0-uscc")}  # fmt: skip
            assert client.post(url, data).status_code == 400, (url, value)
    for value in GARBAGE:
        q = {k: value for k in ("agency", "kind", "stage", "year", "clock", "q", "sort", "page")}
        assert client.get("/office/enforcement/cases/", q).status_code == 200
        assert client.get("/office/enforcement/cases/export.xlsx", q).status_code == 200
        assert client.get("/enforcement/decisions/", q).status_code == 200
        assert client.get("/api/enforcement/cases", q).status_code in (200, 422)
