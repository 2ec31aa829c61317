"""The 学法用法 API: officials, sessions, trainings, court observations, exams and hours in
the caller's scope, changed through the same services as the pages; refusals are 400 with
the Chinese message and nothing moved; another unit's clerk gets 404 and changes nothing;
garbage is a 4xx, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.learning.models import Official, StudySession, Training
from fazhi.learning.services import credits

from . import study_data

staff = study_data.staff  # the fixture

pytestmark = pytest.mark.today(2025, 11, 10)
API = "/api/learning/"


def _post(c, path, data):
    return c.post(API + path, data, content_type="application/json")


def test_officials_scoped_and_created(login, people, staff):
    c = login(people["scjg_clerk"])
    listed = c.get(API + "officials").json()
    assert {o["name"] for o in listed["items"]} == {"刘局长", "孙科员"}
    assert c.get(API + f"officials/{staff['sfj_a'].pk}").status_code == 404
    resp = _post(c, "officials", {"unit": "D23", "name": "钱科员", "post": "科员"})
    assert resp.status_code == 201 and resp.json()["level"] == "staff"
    resp = _post(c, "officials", {"unit": "D23", "name": "钱科员", "post": "科员"})
    assert resp.status_code == 400
    assert resp.json()["detail"] == "本单位已有在岗人员“钱科员”，同名人员请填写人员编号以区分"
    other = staff["sfj_a"]
    with nothing_moved(other):
        assert _post(c, f"officials/{other.pk}/leave", {"left_on": "2025-11-01"}).status_code == 404
        resp = c.put(API + f"officials/{other.pk}", {"name": "x", "post": "x", "level": "staff"},
                     content_type="application/json")  # fmt: skip
        assert resp.status_code == 404


def test_session_training_court_exam_and_hours(login, people, staff):
    c = login(people["scjg_clerk"])
    head, a = staff["scjg_head"], staff["scjg_a"]
    body = {"unit": "D23", "kind": "collective", "held_on": "2025-10-15", "topic": "学习《行政处罚法》",
            "laws": "行政处罚法", "hours": "2", "attendance": [{"official": head.pk},
                                                           {"official": a.pk}]}  # fmt: skip
    resp = _post(c, "sessions", body)
    assert resp.status_code == 201, resp.content
    assert len(resp.json()["attendance"]) == 2
    with nothing_moved(a):
        resp = _post(c, "sessions", body | {"held_on": "2025-11-11"})
    assert resp.status_code == 400
    assert resp.json()["detail"] == "学法日期不能晚于今天（2025-11-10），不能预先登记"
    resp = _post(c, "sessions", body | {"attendance": [{"official": staff["sfj_a"].pk}]})
    assert resp.status_code == 400 and "无权访问" in resp.json()["detail"]

    resp = _post(c, "trainings", {"unit": "D23", "kind": "enforcement", "name": "执法培训",
                                  "starts_on": "2025-09-01", "ends_on": "2025-09-02",
                                  "hours": "12"})  # fmt: skip
    assert resp.status_code == 201, resp.content
    tid = resp.json()["id"]
    resp = _post(c, f"trainings/{tid}/attendance", {"official": a.pk, "hours": "13"})
    assert resp.status_code == 400 and resp.json()["detail"] == "获得学时不能超过培训学时（12.0）"
    assert _post(c, f"trainings/{tid}/attendance", {"official": a.pk}).status_code == 200

    resp = _post(c, "court", {"unit": "D23", "held_on": "2025-06-01", "court": "测试区人民法院",
                              "case_name": "行政处罚纠纷", "attendees": [a.pk]})  # fmt: skip
    assert resp.status_code == 201 and resp.json()["hours"] == "4.0"

    resp = _post(c, "exams", {"unit": "D23", "year": 2025, "name": "考法",
                              "held_on": "2025-10-20"})  # fmt: skip
    assert resp.status_code == 201 and resp.json()["pass_mark"] == "60.0"
    eid = resp.json()["id"]
    assert _post(c, f"exams/{eid}/results", {"official": a.pk, "score": "75"}).status_code == 200
    resp = _post(c, f"exams/{eid}/results", {"official": head.pk})
    assert resp.json()["detail"] == "请填写刘局长的成绩，或登记为缺考"

    credits.add_credit(official=a, earned_on=dt.date(2025, 3, 1), source="online_platform",
                       description="网上学法", hours=22, actor=None)  # fmt: skip
    rows = {r["name"]: r for r in c.get(API + "hours", {"year": 2025}).json()["items"]}
    # 孙科员: session 2 + training 12 + court 4 + credits 22 = 40, exactly the minimum
    assert rows["孙科员"]["total"] == "40.0" and rows["孙科员"]["under"] is False
    assert rows["刘局长"]["total"] == "2.0" and rows["刘局长"]["under"] is True
    assert c.get(API + "hours", {"year": 2025, "under": "true"}).json()["count"] == 1


def test_another_units_clerk_gets_404(login, people, staff, district):
    owner = login(people["sfj_clerk"])
    resp = _post(owner, "trainings", {"unit": "D08", "kind": "officials", "name": "培训",
                                      "starts_on": "2025-09-01", "ends_on": "2025-09-02",
                                      "hours": "8"})  # fmt: skip
    t = Training.objects.get(pk=resp.json()["id"])
    study_data.session(district["sfj"], [staff["sfj_a"]])
    s = StudySession.objects.get()
    c = login(people["scjg_clerk"])
    with nothing_moved(t, s):
        assert c.get(API + f"trainings/{t.pk}").status_code == 404
        assert c.get(API + f"sessions/{s.pk}").status_code == 404
        assert _post(c, f"trainings/{t.pk}/attendance",
                     {"official": staff["scjg_a"].pk}).status_code == 404  # fmt: skip
    assert c.get(API + "sessions").json()["count"] == 0


def test_garbage_is_4xx(login, people, staff):
    c = login(people["scjg_clerk"])
    for path in ("officials/abc", "officials/0", "sessions/99999999999999999999",
                 "hours?year=abc", "hours", "exams?year=1", "officials?level=boss"):  # fmt: skip
        assert 400 <= c.get(API + path).status_code < 500
    assert _post(c, "sessions", {"unit": "D23", "attendance": "x"}).status_code == 422
    assert _post(c, "court", {"unit": "D23", "held_on": "2025-06-01", "court": "法院",
                              "case_name": "x", "attendees": [2**60]}).status_code == 400  # fmt: skip
    assert Official.objects.count() == 10
