"""The 矛盾纠纷 office screens of a township's clerk: the 排查登记 (parties in rows, what
was typed kept on every error), the daily list (filters, search, XLSX), the dispute's page
with its clocks, timeline and one form per step; another township's clerk gets 404 and
changes nothing; the leader only reads; garbage gives a Chinese message, never a 500."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.core.models import Event, User
from fazhi.core.tests.refusal import nothing_moved
from fazhi.mediation.models import Dispute

from .fixtures_screens import *  # noqa: F403  (fixtures)
from .fixtures_screens import ID_A, parties

URL = "/office/mediation/disputes/"
D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


def fresh(d):
    return Dispute.objects.get(pk=d.pk)


def _text(resp) -> str:
    return resp.content.decode()


def _act(client, d, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"{URL}{d.pk}/", data)


def record_post(unit, **kw) -> dict:
    """The 排查登记 form as a browser posts it: two parties, a blank third row."""
    data = {
        "unit": unit.pk, "found_on": "2025-09-01", "source": "grid", "type": "neighbour",
        "place": "东门社区", "summary": "两户因排水沟堵塞发生争执", "amount": "",
        "people_involved": "2", "found_by": "网格员周", "petition_number": "",
        "party-TOTAL_FORMS": "3", "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "0", "party-MAX_NUM_FORMS": "12",
    }  # fmt: skip
    for i, p in enumerate([*parties(), {"side": "respondent", "kind": "person"}]):
        for k, v in p.items():
            data[f"party-{i}-{k}"] = v
    data.update(kw)
    return data


def test_a_clerk_records_a_dispute_and_takes_it_to_a_confirmed_agreement(
    district, people, login, at, make_body
):
    body = make_body(district["town"])
    at(D(2025, 9, 3))
    client = login(people["town_clerk"])
    assert "排查登记" in _text(client.get(URL))
    resp = client.post(URL + "new/", record_post(district["town"]))
    d = Dispute.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"{URL}{d.pk}/"
    assert d.unit == district["town"] and d.state == "found"
    assert sorted(d.parties.values_list("name", flat=True)) == ["张大山", "李小河"]
    text = _text(client.get(resp["Location"]))
    assert d.number in text and "张大山" in text and 'id="form-accept"' in text
    # 受理调解 on 09-03: 30 days end on 10-03, inside the 国庆、中秋 holiday (10-01…10-08,
    # 2025), so the period ends on the next working day, 10-09.
    resp = _act(client, d, "accept", body=body.pk, accepted_on="2025-09-03",
                mediators="赵主任、钱副主任")  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    text = _text(client.get(f"{URL}{d.pk}/"))
    assert "调解中" in text and "调解期限" in text and "2025-10-09" in text
    assert 'id="form-session"' in text and 'id="form-conclude"' in text
    at(D(2025, 9, 10))
    client = login(people["town_clerk"])
    resp = _act(client, d, "session", held_on="2025-09-10", mediators="赵主任、钱副主任",
                notes="双方同意共同出资疏通排水沟", place="社区调解室")  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    resp = _act(client, d, "conclude", outcome="success", concluded_on="2025-09-10",
                agreement_form="written", agreement_number="城关调〔2025〕1号",
                agreement_terms="双方各承担疏通费用一半", agreement_amount="600")  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    d = fresh(d)
    assert d.state == "settled" and d.agreement_amount == 600
    text = _text(client.get(f"{URL}{d.pk}/"))
    assert "双方同意共同出资疏通排水沟" in text and "城关调〔2025〕1号" in text
    assert 'id="form-apply_confirmation"' in text and 'id="form-follow_up"' in text
    resp = _act(client, d, "apply_confirmation", applied_on="2025-09-10", court="测试区人民法院")
    assert resp.status_code == 302, _text(resp)
    resp = _act(client, d, "record_confirmation", result="confirmed", confirmed_on="2025-09-10")
    assert resp.status_code == 302, _text(resp)
    resp = _act(client, d, "follow_up", followed_up_on="2025-09-10", performed="yes",
                note="排水沟已疏通")  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    d = fresh(d)
    assert d.confirmation_result == "confirmed" and d.performed is True
    text = _text(client.get(f"{URL}{d.pk}/"))
    assert "测试区人民法院" in text and "裁定确认有效" in text and "协议已履行" in text
    # The timeline has every step, in order.
    assert Event.objects.filter(record_type="mediation.dispute", record_id=str(d.pk)).count() >= 6
    assert "全过程记录" in text and 'id="form-' not in text  # nothing left to do


def test_a_refused_record_keeps_what_was_typed(district, people, login, at):
    at(D(2025, 9, 3))
    client = login(people["town_clerk"])
    assert _text(client.get(URL + "new/")).count('class="fz-party"') == 3
    bad_id = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    resp = client.post(URL + "new/", record_post(district["town"], **{"party-0-id_number": bad_id}))
    text = _text(resp)
    assert resp.status_code == 400 and "居民身份证号码校验位应为" in text
    # Said at the party's own field, not only at the top.
    assert 'invalid-feedback d-block">居民身份证号码校验位应为' in text
    assert bad_id in text and "张大山" in text and "两户因排水沟堵塞发生争执" in text
    assert "城关街道东门社区5号" in text and text.count('class="fz-party"') == 3
    # No party at all.
    empty = {f"party-{i}-{k}": "" for i in range(3) for k in ("name", "id_number", "phone",
                                                              "address")}  # fmt: skip
    resp = client.post(URL + "new/", record_post(district["town"], **empty))
    assert resp.status_code == 400 and "请至少填写一名当事人" in _text(resp)
    # A party row with a phone but no name.
    resp = client.post(URL + "new/", record_post(district["town"], **{"party-2-phone": "139"}))
    assert resp.status_code == 400 and "请填写当事人的姓名或名称" in _text(resp)
    # Garbage: a date, an amount, a count, a choice.
    resp = client.post(URL + "new/", record_post(
        district["town"], found_on="2025-13-45", amount="十万", people_involved="-3",
        type="nonsense",
    ))  # fmt: skip
    text = _text(resp)
    assert resp.status_code == 400 and "十万" in text and "两户因排水沟堵塞发生争执" in text
    # A day in the future (the service's rule), another unit (not offered).
    resp = client.post(URL + "new/", record_post(district["town"], found_on="2025-09-20"))
    assert resp.status_code == 400 and "张大山" in _text(resp)
    resp = client.post(URL + "new/", record_post(district["scjg"]))
    assert resp.status_code == 400
    assert not Dispute.objects.exists()
    # The leader reads, never records.
    client = login(people["leader"])
    assert client.get(URL + "new/").status_code == 403
    assert client.post(URL + "new/", record_post(district["town"])).status_code == 403
    assert not Dispute.objects.exists()


def test_another_townships_clerk_neither_reads_nor_changes(
    make_dispute, make_body, district, people, south, login, at
):
    body = make_body(district["town"])
    d = make_dispute()
    at(D(2025, 9, 5))
    client = login(south["clerk"])
    assert client.get(f"{URL}{d.pk}/").status_code == 404
    assert client.get(f"{URL}{d.pk}/edit/").status_code == 404
    assert d.number not in _text(client.get(URL))
    assert "共0件" in _text(client.get(URL + f"?q={d.number}"))
    with nothing_moved(d):
        resp = _act(client, d, "accept", body=body.pk, accepted_on="2025-09-05", mediators="某")
        assert resp.status_code == 404
        resp = client.post(
            f"{URL}{d.pk}/edit/", {"type": "family", "summary": "改", "people_involved": 2}
        )
        assert resp.status_code == 404
    assert fresh(d).state == "found" and fresh(d).summary == "两户因排水沟堵塞发生争执"
    # The leader reads the page but has no form and cannot take a step.
    client = login(people["leader"])
    text = _text(client.get(f"{URL}{d.pk}/"))
    assert d.number in text and 'id="form-' not in text
    with nothing_moved(d):
        resp = _act(client, d, "accept", body=body.pk, accepted_on="2025-09-05", mediators="某")
    assert resp.status_code in (400, 403) and fresh(d).state == "found"


def test_the_list_filters_searches_and_exports(make_dispute, district, people, south, login, at):
    a = make_dispute(found_on=D(2025, 9, 1))
    b = make_dispute(found_on=D(2025, 10, 9), type="family", source="visit",
                     summary="赡养老人费用分担", parties=parties("王老汉", "王大"))  # fmt: skip
    c = make_dispute(found_on=D(2025, 9, 2), actor=south["clerk"], unit=south["unit"],
                     summary="城南的纠纷", parties=parties("冯南", "陈南"))  # fmt: skip
    at(D(2025, 10, 10))
    client = login(people["town_clerk"])
    text = _text(client.get(URL))
    assert a.number in text and b.number in text and c.number not in text
    text = _text(client.get(URL + "?type=family"))
    assert b.number in text and a.number not in text
    text = _text(client.get(URL + "?month=2025-09"))
    assert a.number in text and b.number not in text
    text = _text(client.get(URL + "?q=王老汉"))  # a party's name
    assert b.number in text and a.number not in text
    text = _text(client.get(URL + f"?q={a.number}"))
    assert a.number in text and b.number not in text
    text = _text(client.get(URL + "?source=visit&state=found"))
    assert b.number in text and a.number not in text
    from openpyxl import load_workbook

    resp = client.get(URL + "export.xlsx?type=neighbour")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "纠纷编号" and [r[0] for r in rows[1:]] == [a.number]
    assert "张大山" in rows[1][5] and rows[1][4] == "邻里纠纷"
    resp = client.get(URL + "export.xlsx")
    numbers = [r[0] for r in load_workbook(io.BytesIO(resp.content)).active.iter_rows(
        min_row=2, values_only=True)]  # fmt: skip
    assert numbers == [b.number, a.number]  # the list's order; never the other township's


def test_garbage_in_the_list_and_the_steps_gives_chinese_not_500(
    make_dispute, make_body, district, people, login, at
):
    make_body(district["town"])
    d = make_dispute()
    at(D(2025, 9, 5))
    client = login(people["town_clerk"])
    for q in ("?state=x&type=y&month=2025-99&year=abc&unit=10000000000000000000000&body=-1&page=zz",
              "?q=" + "长" * 500, "?figure=nonsense&year=2025", "?month=abcd-ef"):  # fmt: skip
        assert client.get(URL + q).status_code == 200, q
        assert client.get(URL + "export.xlsx" + q).status_code == 200, q
    assert client.post(f"{URL}{d.pk}/", {"action": "nonsense"}).status_code == 404
    with nothing_moved(d):
        resp = _act(client, d, "accept", body="99999999999999999999999", accepted_on="昨天",
                    mediators="赵主任")  # fmt: skip
    assert resp.status_code == 400 and "赵主任" in _text(resp)
    # A success before acceptance: refused in Chinese, the form kept.
    with nothing_moved(d):
        resp = _act(client, d, "conclude", outcome="success", concluded_on="2025-09-05",
                    agreement_terms="口头约定")  # fmt: skip
    assert resp.status_code in (400, 403) and "口头约定" in _text(resp)
    assert fresh(d).state == "found"


def test_a_form_opened_before_a_colleagues_step_is_refused(
    make_dispute, make_body, district, people, login, at
):
    from fazhi.mediation.services import disputes

    body = make_body(district["town"])
    d = make_dispute()
    at(D(2025, 9, 5))
    client = login(people["town_clerk"])
    page = _text(client.get(f"{URL}{d.pk}/"))
    token = page.split('name="lock" value="')[1].split('"')[0]
    from fazhi.core import services

    colleague = services.save_user(
        User(username="town_clerk2", full_name="同事", unit=district["town"]), ["clerk"], None
    )
    disputes.update_dispute(colleague, fresh(d), version=fresh(d).version,
                            summary="两户因排水沟堵塞发生争执，已报社区")  # fmt: skip
    post = {"action": "accept", "lock": token, "accept-body": body.pk,
            "accept-accepted_on": "2025-09-05", "accept-mediators": "赵主任"}  # fmt: skip
    with nothing_moved(fresh(d)):
        resp = client.post(f"{URL}{d.pk}/", post)
    text = _text(resp)
    assert resp.status_code == 400 and "你打开后" in text and "赵主任" in text
    post["lock"] = text.split('name="lock" value="')[1].split('"')[0]
    resp = client.post(f"{URL}{d.pk}/", post)
    assert resp.status_code == 302 and fresh(d).state == "mediating"


def test_pages_show_names_not_codes(make_dispute, make_body, district, people, login, at):
    from tests.internal_codes import enum_values, find_codes, visible_text

    make_body(district["town"])
    d = make_dispute()
    at(D(2025, 9, 5))
    client = login(people["coordinator"])
    enums = enum_values() - {"coordinator"}
    for url in (URL, f"{URL}{d.pk}/", URL + "new/", f"{URL}{d.pk}/edit/"):
        text = visible_text(_text(client.get(url)))
        assert find_codes(text, enums) == [], (url, find_codes(text, enums))
        assert "T01" not in text


def test_the_mediation_clock_across_the_spring_festival_and_an_extension(
    make_dispute, make_body, district, people, login, at
):
    body = make_body(district["town"], on=D(2024, 12, 2))
    d = make_dispute(found_on=D(2024, 12, 27), today=D(2024, 12, 30))
    client = login(people["town_clerk"])
    # Accepted 2024-12-30: day 1 is 12-31, day 30 is 2025-01-29, inside the 春节 holiday
    # (2025-01-28…02-04), so the period ends on the next working day, 2025-02-05.
    resp = _act(client, d, "accept", body=body.pk, accepted_on="2024-12-30", mediators="赵主任")
    assert resp.status_code == 302, _text(resp)
    assert fresh(d).deadline.due_date == D(2025, 2, 5)
    assert "2025-02-05" in _text(client.get(f"{URL}{d.pk}/"))
    at(D(2025, 1, 10))
    client = login(people["town_clerk"])
    # The parties agree to more time: 01-10…01-19 (10 days) are not counted, so day 30
    # moves from 01-29 to 02-08 — a Saturday that is a 调休 working day in 2025.
    with nothing_moved(d):
        resp = _act(client, d, "extend", start="2025-01-19", end="2025-01-10",
                    reason="双方同意再协商")  # fmt: skip
    assert resp.status_code == 400 and "双方同意再协商" in _text(resp)
    resp = _act(client, d, "extend", start="2025-01-10", end="2025-01-19", reason="双方同意再协商")
    assert resp.status_code == 302, _text(resp)
    text = _text(client.get(f"{URL}{d.pk}/"))
    assert "当事人同意延长调解期限" in text and "2025-01-10 至 2025-01-19" in text
    assert fresh(d).deadline.due_date == D(2025, 2, 8) and "2025-02-08" in text


def test_the_menu_and_the_workbench_show_what_waits(
    make_dispute, make_body, district, people, south, login, at
):
    body = make_body(district["town"])
    found = make_dispute(found_on=D(2025, 9, 1))
    mediating = make_dispute(found_on=D(2025, 9, 2), summary="租金纠纷")
    from fazhi.mediation.services import disputes

    disputes.accept(people["town_clerk"], mediating, body=body, accepted_on=D(2025, 9, 2),
                    mediators="赵主任")  # fmt: skip
    at(D(2025, 9, 5))
    client = login(people["town_clerk"])
    text = _text(client.get("/office/"))
    assert "矛盾纠纷" in text and "调解组织" in text  # the menu
    assert "调解中的矛盾纠纷" in text and "已排查待受理调解的矛盾纠纷" in text
    assert mediating.number in text and found.number in text
    text = _text(login(south["clerk"]).get("/office/"))
    assert mediating.number not in text and found.number not in text


def test_the_ledger_import_page(make_body, district, people, south, login, at):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_body(district["town"])
    at(D(2025, 9, 5))
    client = login(people["town_clerk"])
    assert "导入台账" in _text(client.get(URL))
    header = "排查发现日期,来源,纠纷类型,纠纷简要情况,申请方当事人,对方当事人"
    good = f"{header}\n2025-09-01,走访排查,邻里纠纷,院墙排水争执,王大山,李秀英\n"
    bad = f"{header}\n2025-09-01,走访排查,外星纠纷,院墙排水争执,王大山,李秀英\n"

    def upload(text, name="台账.csv", unit=district["town"]):
        f = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
        return client.post(URL + "import/", {"unit": unit.pk, "file": f})

    resp = upload(bad)
    assert resp.status_code == 400 and "第2行" in _text(resp) and "未导入任何纠纷" in _text(resp)
    assert upload("不是表格", name="x.xlsx").status_code == 400
    assert upload(good, unit=south["unit"]).status_code == 400  # not the clerk's unit
    assert not Dispute.objects.exists()
    resp = upload(good)
    assert resp.status_code == 302, _text(resp)
    d = Dispute.objects.get()
    assert d.unit == district["town"] and d.summary == "院墙排水争执"
    assert client.get(resp["Location"]).status_code == 200
    assert login(people["leader"]).get(URL + "import/").status_code == 403
