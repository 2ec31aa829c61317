"""The 意见书 / 建议书 pages: the 复议机构 issues, the addressee reads and reports, another
unit's clerk sees nothing; a refused form keeps what was typed."""

import datetime as dt

from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import OpinionLetter
from fazhi.reconsideration.services import letters

D = dt.date


def _letter(district, people, monkeypatch):
    freeze(monkeypatch, D(2025, 8, 1))
    return letters.issue(kind="opinion", addressee=district["scjg"], issued_on=D(2025, 8, 1),
                         content="请纠正同类案件中未告知陈述申辩权利的问题", actor=people["sfj_clerk"])  # fmt: skip


def test_body_issues_through_the_form_and_a_refusal_keeps_the_text(
    login, people, district, monkeypatch
):
    freeze(monkeypatch, D(2025, 8, 1))
    c = login(people["sfj_clerk"])
    data = {"kind": "opinion", "addressee": district["scjg"].pk, "issued_on": "2025-08-02",
            "content": "未告知陈述申辩权利"}  # fmt: skip
    r = c.post("/office/reconsideration/letters/new/", data)
    assert r.status_code == 400 and "不能晚于今天" in r.content.decode()
    assert "未告知陈述申辩权利" in r.content.decode()
    assert not OpinionLetter.objects.exists()
    r = c.post("/office/reconsideration/letters/new/", data | {"issued_on": "2025-08-01"})
    letter = OpinionLetter.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/office/reconsideration/letters/{letter.pk}/"
    page = c.get(r["Location"]).content.decode()
    assert letter.number in page and "2025-09-30" in page  # the 60-day report clock


def test_other_units_cannot_issue(login, people, district, monkeypatch):
    freeze(monkeypatch, D(2025, 8, 1))
    c = login(people["scjg_clerk"])
    r = c.post("/office/reconsideration/letters/new/", {
        "kind": "opinion", "addressee": district["town"].pk, "issued_on": "2025-08-01",
        "content": "x"})  # fmt: skip
    assert r.status_code == 403 and not OpinionLetter.objects.exists()


def test_addressee_reports_and_another_unit_sees_nothing(login, people, district, monkeypatch):
    letter = _letter(district, people, monkeypatch)
    url = f"/office/reconsideration/letters/{letter.pk}/"
    town = login(people["town_clerk"])
    assert town.get(url).status_code == 404
    assert town.post(url, {"reported_on": "2025-08-01", "report": "x"}).status_code == 404
    assert letter.number not in town.get("/office/reconsideration/letters/").content.decode()
    letter.refresh_from_db()
    assert letter.reported_on is None
    freeze(monkeypatch, D(2025, 9, 10))
    scjg = login(people["scjg_clerk"])
    assert letter.number in scjg.get("/office/reconsideration/letters/").content.decode()
    r = scjg.post(url, {"reported_on": "2025-09-10", "report": "已对同类案件开展自查"})
    assert r.status_code == 302, r.content.decode()[-3000:]
    assert r["Location"] == url, r["Location"]
    letter.refresh_from_db()
    assert letter.reported_on == D(2025, 9, 10) and letter.report == "已对同类案件开展自查"
    assert 'name="report"' not in scjg.get(url).content.decode()  # reported once: no form


def test_leader_reads_but_cannot_report(login, people, district, monkeypatch):
    letter = _letter(district, people, monkeypatch)
    c = login(people["leader"])
    url = f"/office/reconsideration/letters/{letter.pk}/"
    assert c.get(url).status_code == 200
    r = c.post(url, {"reported_on": "2025-08-01", "report": "x"})
    assert r.status_code == 403
    letter.refresh_from_db()
    assert letter.reported_on is None
