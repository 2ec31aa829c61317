"""The 主动公开 API: catalogue, releases and interpretations in the caller's scope, created,
published and withdrawn through the same services as the pages; a late publication
without a reason is refused with nothing moved; another unit's clerk gets 404 and
changes nothing; the leader only reads."""

from __future__ import annotations

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.disclosure.models import Interpretation, ProactiveRelease

pytestmark = pytest.mark.today(2025, 11, 10)
API = "/api/disclosure/"


def _post(c, path, data):
    return c.post(API + path, data, content_type="application/json")


def test_catalogue_release_publish_withdraw(login, people, district):
    c = login(people["scjg_clerk"])
    resp = _post(c, "catalogue", {"unit": "D23", "category": 7, "name": "财政预决算"})
    assert resp.status_code == 201, resp.content
    item = resp.json()
    assert (
        _post(c, "catalogue", {"unit": "D23", "category": 7, "name": "财政预决算"}).json()["detail"]
        == "本单位的公开目录中已有“财政预决算”"
    )
    assert _post(c, "catalogue", {"unit": "T01", "category": 7, "name": "x"}).status_code in (
        400,
        403,
    )
    resp = _post(c, "releases", {
        "catalogue": item["id"], "title": "2025年部门预算", "created_on": "2025-09-01",
        "body": "正文",
    })  # fmt: skip
    assert resp.status_code == 201, resp.content
    rel = resp.json()
    assert (
        rel["state"] == "draft" and rel["due_on"] == "2025-09-28"
    )  # the 28th: a Sunday worked for 国庆
    assert c.get(API + "releases").json()["count"] == 1
    assert c.get(API + "releases", {"state": "published"}).json()["count"] == 0
    assert c.get(API + "releases", {"state": "nope"}).status_code == 422
    obj = ProactiveRelease.objects.get(pk=rel["id"])
    with nothing_moved(obj):
        resp = _post(c, f"releases/{rel['id']}/publish", {"published_on": "2025-11-10"})
    assert resp.status_code == 400 and "请填写逾期公开的原因" in resp.json()["detail"]
    resp = _post(c, f"releases/{rel['id']}/publish",
                 {"published_on": "2025-11-10", "late_reason": "等待审批"})  # fmt: skip
    assert resp.status_code == 200 and resp.json()["late"] is True
    assert c.get(API + "releases", {"late": "true"}).json()["count"] == 1
    resp = _post(c, "interpretations", {
        "unit": "D23", "release": rel["id"], "title": "解读", "form": "text",
        "published_on": "2025-11-10", "body": "解读内容",
    })  # fmt: skip
    assert resp.status_code == 201, resp.content
    interp = resp.json()
    assert interp["document_title"] == "2025年部门预算"
    assert c.get(API + "interpretations").json()["count"] == 1
    resp = _post(c, f"interpretations/{interp['id']}/withdraw",
                 {"on": "2025-11-10", "reason": "有误"})  # fmt: skip
    assert resp.json()["withdrawn_on"] == "2025-11-10"
    resp = _post(c, f"releases/{rel['id']}/withdraw", {"on": "2025-11-10", "reason": "废止"})
    assert resp.json()["state"] == "withdrawn"


def test_other_unit_gets_404_and_changes_nothing(login, people, district):
    c = login(people["scjg_clerk"])
    item = _post(c, "catalogue", {"unit": "D23", "category": 7, "name": "财政预决算"}).json()
    rel = _post(c, "releases", {
        "catalogue": item["id"], "title": "预算", "created_on": "2025-11-03", "body": "正文",
    }).json()  # fmt: skip
    _post(c, f"releases/{rel['id']}/publish", {"published_on": "2025-11-05"})
    interp = _post(c, "interpretations", {
        "unit": "D23", "release": rel["id"], "title": "解读", "form": "text",
        "published_on": "2025-11-06", "body": "解读内容",
    }).json()  # fmt: skip
    obj = ProactiveRelease.objects.get(pk=rel["id"])
    inter = Interpretation.objects.get(pk=interp["id"])
    other = login(people["town_clerk"])
    assert other.get(API + "releases").json()["count"] == 0
    assert other.get(API + "catalogue").json()["count"] == 0
    assert other.get(API + "interpretations").json()["count"] == 0
    assert other.get(f"{API}releases/{rel['id']}").status_code == 404
    assert other.get(f"{API}catalogue/{item['id']}").status_code == 404
    assert other.get(f"{API}interpretations/{interp['id']}").status_code == 404
    with nothing_moved(obj, inter):
        assert _post(other, f"releases/{rel['id']}/withdraw",
                     {"on": "2025-11-10", "reason": "x"}).status_code == 404  # fmt: skip
        assert _post(other, f"interpretations/{interp['id']}/withdraw",
                     {"on": "2025-11-10", "reason": "x"}).status_code == 404  # fmt: skip
        resp = _post(other, "releases", {
            "catalogue": item["id"], "title": "冒名", "created_on": "2025-11-03", "body": "x",
        })  # fmt: skip
        assert resp.status_code == 400
        lead = login(people["leader"])
        assert lead.get(f"{API}releases/{rel['id']}").status_code == 200
        assert _post(lead, f"releases/{rel['id']}/withdraw",
                     {"on": "2025-11-10", "reason": "x"}).status_code == 403  # fmt: skip
    obj.refresh_from_db()
    assert obj.state == ProactiveRelease.State.PUBLISHED
    assert ProactiveRelease.objects.count() == 1
