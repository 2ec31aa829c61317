"""Garbage typed into the request screens and the API never makes the server answer 500
and never changes the request (the demo district walk of tests/test_no_500.py reaches
these pages only when the demo has requests; this walks them on a request of its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.disclosure import actions_requests

URL = "/office/disclosure/requests/"
API = "/api/disclosure/requests"
GARBAGE = ["abc", "-1", "9999-12-31", "1e999", "x" * 6000, "", "99999999999999999999", "²"]


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_garbage_in_every_field_of_every_step(make_request, people, login, at):
    req, _ = make_request(received_on=dt.date(2025, 3, 3))
    at(dt.date(2025, 3, 5))
    client = login(people["scjg_clerk"])
    for code, act in actions_requests.ACTIONS.items():
        fields = list(act.form(req).fields)
        for junk in GARBAGE:
            data = {"action": code, **{f"{code}-{f}": junk for f in fields if f != "attachments"}}
            with nothing_moved(req):
                resp = client.post(f"{URL}{req.pk}/", data)
            assert resp.status_code in (400, 403), (code, junk[:10], resp.status_code)
            with nothing_moved(req):
                resp = client.post(
                    f"{API}/{req.pk}/actions/{code}",
                    {f: junk for f in fields if f != "attachments"},
                )
            assert resp.status_code in (400, 422), (code, junk[:10], resp.status_code)
    for junk in GARBAGE:
        params = {k: junk for k in ("state", "year", "unit", "kind", "late", "overdue",
                                    "result", "q", "figure", "page")}  # fmt: skip
        assert client.get(URL, params).status_code == 200
        assert client.get(URL + "export.xlsx", params).status_code == 200
        assert client.get(API, params).status_code in (200, 422)
        assert client.get(f"{URL}{junk}/").status_code in (404,)
    form = {"channel": "letter", "applicant_kind": "person", "unit": "abc"}
    for junk in GARBAGE:
        resp = client.post(URL + "new/", {**form, "received_on": junk, "applicant_id": junk,
                                          "applicant_phone": junk, "description": junk})  # fmt: skip
        assert resp.status_code == 400
