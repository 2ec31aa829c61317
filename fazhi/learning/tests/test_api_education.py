"""The 述法, 普法 and meetings API: the caller's scope, the same services as the pages (their
refusals as 400 with the Chinese message); another unit's clerk gets 404 and changes
nothing; the leader only reads; garbage never gives a 500."""

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.learning.models import LawDutyReport, LegalEducationActivity, LegalEducationDuty

from .education_fixtures import officials_fixture  # noqa: F401

pytestmark = pytest.mark.today(2026, 1, 20)
API = "/api/learning/"


def _post(c, path, data):
    return c.post(API + path, data, content_type="application/json")


def test_the_whole_round_through_the_api(login, people, district, officials):
    c = login(people["scjg_clerk"])
    r = _post(c, "duty-reports", {"official": officials["scjg_head"].pk, "year": 2025,
                                   "form": "meeting", "reported_on": "2026-01-15",
                                   "meeting": "", "content": "摘要"})  # fmt: skip
    assert r.status_code == 400 and r.json()["detail"] == "现场述法请填写述法会议的名称"
    r = _post(c, "duty-reports", {"official": officials["scjg_head"].pk, "year": 2025,
                                   "form": "written", "reported_on": "2026-01-15",
                                   "content": "摘要"})  # fmt: skip
    assert r.status_code == 201, r.content
    rep = r.json()
    r = _post(c, f"duty-reports/{rep['id']}/evaluate", {
        "evaluation": "excellent", "score": "95", "evaluated_by": "区委依法治区办",
        "evaluated_on": "2026-01-14"})  # fmt: skip
    assert r.json()["detail"] == "评议日期不能早于述法日期（2026-01-15）"
    r = _post(c, f"duty-reports/{rep['id']}/evaluate", {
        "evaluation": "excellent", "score": "95", "evaluated_by": "区委依法治区办",
        "evaluated_on": "2026-01-16"})  # fmt: skip
    assert r.status_code == 200 and r.json()["evaluation"] == "excellent"
    unit = district["scjg"].pk
    duty = _post(c, "education/duties", {"unit": unit, "year": 2025, "laws": "《食品安全法》",
                                          "audience": "enterprises",
                                          "planned_activities": "送法进企业"})  # fmt: skip
    assert duty.status_code == 201, duty.content
    assert _post(
        c, "education/duties/publish", {"unit": unit, "year": 2025, "on": "2026-01-19"}
    ).json() == {"published": 1}
    act = _post(c, "education/activities", {"unit": unit, "duty": duty.json()["id"],
                                            "held_on": "2025-06-01", "title": "进企业",
                                            "form": "enterprise", "reach": 50})  # fmt: skip
    assert act.status_code == 201, act.content
    assert _post(c, "education/activities", {"unit": unit, "held_on": "2025-06-01",
                                             "title": "x", "form": "street",
                                             "reach": -1}).status_code in (400, 422)  # fmt: skip
    pub = _post(c, f"education/activities/{act.json()['id']}/publish", {"on": "2026-01-19"})
    assert pub.json()["published_on"] == "2026-01-19"
    m = _post(c, "meetings", {"unit": unit, "kind": "special", "name": "局党组会议",
                              "held_on": "2025-12-01", "chaired_by": officials["scjg_head"].pk,
                              "topics": []})  # fmt: skip
    assert m.json()["detail"] == "请至少填写一项法治议题"
    m = _post(c, "meetings", {"unit": unit, "kind": "special", "name": "局党组会议",
                              "held_on": "2025-12-01", "chaired_by": officials["scjg_head"].pk,
                              "topics": [{"kind": "report", "title": "听取汇报"}]})  # fmt: skip
    assert m.status_code == 201 and m.json()["topics"][0]["title"] == "听取汇报"
    assert c.get(API + "meetings").json()["count"] == 1
    assert c.get(API + "duty-reports", {"year": 2025}).json()["count"] == 1


def test_other_unit_gets_404_and_changes_nothing(login, people, district, officials):
    c = login(people["scjg_clerk"])
    unit = district["scjg"].pk
    rep = _post(c, "duty-reports", {"official": officials["scjg_head"].pk, "year": 2025,
                                     "form": "written", "reported_on": "2026-01-15",
                                     "content": "摘要"}).json()  # fmt: skip
    duty = _post(c, "education/duties", {"unit": unit, "year": 2025, "laws": "《食品安全法》",
                                          "audience": "enterprises",
                                          "planned_activities": "送法进企业"}).json()  # fmt: skip
    act = _post(c, "education/activities", {"unit": unit, "duty": duty["id"],
                                            "held_on": "2025-06-01", "title": "进企业",
                                            "form": "enterprise", "reach": 50}).json()  # fmt: skip
    m = _post(c, "meetings", {"unit": unit, "kind": "special", "name": "局党组会议",
                              "held_on": "2025-12-01", "chaired_by": officials["scjg_head"].pk,
                              "topics": [{"kind": "report", "title": "听取汇报"}]}).json()  # fmt: skip
    records = (LawDutyReport.objects.get(pk=rep["id"]), LegalEducationDuty.objects.get(pk=duty["id"]),
               LegalEducationActivity.objects.get(pk=act["id"]))  # fmt: skip
    other = login(people["town_clerk"])
    for path in ("duty-reports", "education/duties", "education/activities", "meetings"):
        assert other.get(API + path).json()["count"] == 0
    for path in (f"duty-reports/{rep['id']}", f"education/duties/{duty['id']}",
                 f"education/activities/{act['id']}", f"meetings/{m['id']}"):  # fmt: skip
        assert other.get(API + path).status_code == 404
    with nothing_moved(*records):
        assert _post(other, f"duty-reports/{rep['id']}/evaluate", {
            "evaluation": "poor", "evaluated_by": "x", "evaluated_on": "2026-01-16",
        }).status_code == 404  # fmt: skip
        assert _post(other, f"education/activities/{act['id']}/publish",
                     {"on": "2026-01-19"}).status_code == 404  # fmt: skip
        assert (
            _post(
                other, "education/duties/publish", {"unit": unit, "year": 2025, "on": "2026-01-19"}
            ).status_code
            == 400
        )
        assert _post(other, "duty-reports", {"official": officials["scjg_deputy"].pk,
                                             "year": 2025, "form": "written",
                                             "reported_on": "2026-01-15",
                                             "content": "冒名"}).status_code == 400  # fmt: skip
        lead = login(people["leader"])
        assert lead.get(f"{API}duty-reports/{rep['id']}").status_code == 200
        assert _post(lead, f"education/activities/{act['id']}/publish",
                     {"on": "2026-01-19"}).status_code == 403  # fmt: skip


def test_garbage_never_gives_a_500(login, people, officials):
    c = login(people["scjg_clerk"])
    for g in ["'", "9" * 30, "-1", "２０２５", "<b>", "2025-13-45", "null"]:
        for path in ("duty-reports", "education/duties", "education/activities", "meetings"):
            assert (
                c.get(
                    API + path,
                    {"unit": g, "year": g, "q": g, "form": g, "kind": g, "limit": g, "offset": g},
                ).status_code
                < 500
            )
            assert (
                _post(
                    c,
                    path,
                    {"unit": g, "year": g, "official": g, "form": g, "held_on": g, "topics": g},
                ).status_code
                < 500
            )
            assert c.get(f"{API}{path}/{g}").status_code < 500
    assert c.post(API + "meetings", "{not json", content_type="application/json").status_code < 500
