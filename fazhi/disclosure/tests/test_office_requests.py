"""The 依申请公开 office screens of an agency's clerk: the counter entry, the daily list
(filters, search, the records a figure counts, XLSX) and the request's page with its clocks
and one form per step; a refused step keeps what was typed and moves nothing; another
unit's clerk gets 404 and the leader only reads."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.core.models import Deadline, Event
from fazhi.core.tests.refusal import nothing_moved
from fazhi.disclosure.indicators import RECORDS
from fazhi.disclosure.models import DisclosureRequest
from fazhi.indicators.registry import COMPUTED

from .conftest import PERSON_ID, SHOP_USCC

URL = "/office/disclosure/requests/"
D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


@pytest.fixture
def later(login, people, at):
    """later(day): today moves to ``day`` and the clerk signs in again (a frozen clock
    jumping weeks ends the session as idle)."""

    def go(day, who="scjg_clerk"):
        at(day)
        return login(people[who])

    return go


def _text(resp) -> str:
    return resp.content.decode()


def fresh(req):
    return DisclosureRequest.objects.select_related("deadline").get(pk=req.pk)


def _act(client, req, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"{URL}{req.pk}/", data)


def _counter(**kw) -> dict:
    data = {
        "channel": "letter",
        "received_on": "2025-03-03",
        "applicant_kind": "person",
        "applicant_name": "李秀英",
        "applicant_id": PERSON_ID,
        "applicant_phone": "13900139000",
        "description": "本局2024年度行政许可办理结果统计",
        "delivery": "邮寄纸质",
    }
    data.update(kw)
    return data


def test_a_clerk_enters_a_letter_and_sees_its_clocks(district, people, login, at):
    at(D(2025, 3, 4))
    client = login(people["scjg_clerk"])
    assert "窗口登记" in _text(client.get(URL))
    resp = client.post(URL + "new/", _counter(unit=district["scjg"].pk))
    req = DisclosureRequest.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"{URL}{req.pk}/"
    assert req.channel == "letter" and req.recorded_by == people["scjg_clerk"]
    assert req.unit == district["scjg"] and req.received_on == D(2025, 3, 3)
    text = _text(client.get(resp["Location"]))
    assert "申请人查询码" in text and req.tracking_number in text  # shown once
    # 20 working days from 03-03: 03-04…07 = 4, 10…14 = 9, 17…21 = 14, 24…28 = 19, 03-31.
    assert "答复期限" in text and "2025-03-31" in text
    # 7 working days to notify a 补正: 03-04…07 = 4, 03-10…12 = 7.
    assert "一次性告知补正期限" in text and "2025-03-12" in text
    assert Event.objects.filter(record_id=str(req.pk), action="disclosure_request_received")


def test_a_refused_entry_keeps_what_was_typed(district, people, login, at):
    at(D(2025, 3, 4))
    client = login(people["scjg_clerk"])
    # A form error (no channel) and a service refusal (a bad ID number), each kept.
    resp = client.post(URL + "new/", _counter(unit=district["scjg"].pk, channel=""))
    assert resp.status_code == 400 and "李秀英" in _text(resp)
    resp = client.post(URL + "new/", _counter(unit=district["scjg"].pk, applicant_id="123"))
    assert resp.status_code == 400
    text = _text(resp)
    assert "身份证" in text and "本局2024年度行政许可办理结果统计" in text
    # Another unit is not offered and not accepted.
    resp = client.post(URL + "new/", _counter(unit=district["town"].pk))
    assert resp.status_code == 400
    # A day of receipt in the future is refused in Chinese.
    resp = client.post(URL + "new/", _counter(unit=district["scjg"].pk, received_on="2025-03-09"))
    assert resp.status_code == 400 and "不能晚于今天" in _text(resp)
    assert not DisclosureRequest.objects.exists()
    # The leader reads, never enters.
    client = login(people["leader"])
    assert client.get(URL + "new/").status_code == 403
    assert client.post(URL + "new/", _counter(unit=district["scjg"].pk)).status_code == 403
    assert not DisclosureRequest.objects.exists()


def test_the_list_filters_searches_and_exports(make_request, district, people, login, at):
    a, _ = make_request(received_on=D(2025, 3, 3), applicant_name="张自然人")
    b, _ = make_request(received_on=D(2025, 3, 4), applicant_name="某商贸公司",
                        applicant_kind="commercial", applicant_id=SHOP_USCC,
                        description="本局2024年度部门决算公开情况")  # fmt: skip
    c, _ = make_request(received_on=D(2024, 12, 2), applicant_name="钱去年", today=D(2024, 12, 2))
    t, _ = make_request(received_on=D(2025, 3, 3), unit="town", actor="town_clerk",
                        applicant_name="孙镇里")  # fmt: skip
    from fazhi.disclosure.services import requests

    at(D(2025, 3, 5))
    requests.reply(a, reply_type="refuse", ground="process", on=D(2025, 3, 5), text="不予公开。",
                   actor=people["scjg_clerk"])  # fmt: skip
    client = login(people["scjg_clerk"])
    text = _text(client.get(URL))
    for r in (a, b, c):
        assert r.tracking_number in text
    assert t.tracking_number not in text  # another unit's request

    def shown(**q):
        resp = client.get(URL, q)
        assert resp.status_code == 200
        body = _text(resp)
        return {r.applicant_name for r in (a, b, c, t) if r.tracking_number in body}

    assert shown(state="replied") == {"张自然人"}
    assert shown(kind="commercial") == {"某商贸公司"}
    assert shown(year="2024") == {"钱去年"}
    assert shown(result="refuse_process") == {"张自然人"}
    assert shown(q="部门决算") == {"某商贸公司"}
    assert shown(q=c.tracking_number) == {"钱去年"}
    assert shown(unit=district["scjg"].pk) == {"张自然人", "某商贸公司", "钱去年"}
    assert shown(unit=district["town"].pk) == set()
    assert shown(late="1") == set()
    # 2024-12-02's period ran out on 2024-12-30: open and overdue on 2025-03-05.
    assert shown(overdue="1") == {"钱去年"}
    assert shown(year="abc", late="x", unit="zz", state="nope", result="?") == {
        "张自然人", "某商贸公司", "钱去年"
    }  # fmt: skip
    resp = client.get(URL + "export.xlsx", {"year": "2025"})
    assert resp.status_code == 200
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and len(rows) == 3
    by_number = {r[0]: r for r in rows[1:]}
    assert set(by_number) == {a.tracking_number, b.tracking_number}
    assert by_number[a.tracking_number][12].endswith("6.属于四类过程性信息")
    assert by_number[b.tracking_number][5] == "商业企业"
    assert by_number[b.tracking_number][2] == dt.datetime(2025, 3, 4)


def test_figure_links_show_exactly_what_the_figure_counts(make_request, district, people,
                                                          login, at):  # fmt: skip
    from fazhi.disclosure.services import requests

    clerk = people["scjg_clerk"]
    made = [make_request(received_on=D(2025, 3, d), description=f"第{d}项信息")[0]
            for d in (3, 4, 5)]  # fmt: skip
    make_request(received_on=D(2024, 12, 2), today=D(2024, 12, 2), description="去年的申请")
    make_request(received_on=D(2025, 3, 3), unit="town", actor="town_clerk")
    at(D(2025, 3, 10))
    requests.reply(made[0], reply_type="provide", on=D(2025, 3, 10), text="现提供。", actor=clerk)
    requests.withdraw(made[1], on=D(2025, 3, 10), reason="申请人撤回", actor=clerk)
    client = login(people["coordinator"])
    scjg, town, gov = district["scjg"].pk, district["town"].pk, district["gov"].pk

    def count(code, unit):
        link = COMPUTED[code].records_url(unit, 2025)
        assert link.startswith(URL)
        body = _text(client.get(link))
        assert "计入的政府信息公开申请" in body
        return int(body.split('id="count">共')[1].split("件")[0])

    # What the list shows is what the figure counts, per unit and for the district.
    for code in ("disclosure.requests", "disclosure.requests_concluded"):
        counted = COMPUTED[code].compute(2025)
        for unit in (scjg, town, None):
            assert count(code, unit) == int(counted.get(unit or gov, 0)), (code, unit)
    for code in ("disclosure.on_time_rate", "disclosure.fee_notices"):
        for unit in (scjg, None):
            base = RECORDS[code](2025).filter(**({"unit_id": unit} if unit else {}))
            assert count(code, unit) == base.count(), (code, unit)
    # The numbers themselves, as a hand count: 3 received by the 市场监管局 in 2025, 2
    # concluded (one reply, one withdrawal), 1 answered (the on-time rate's base).
    assert count("disclosure.requests", scjg) == 3
    assert count("disclosure.requests", None) == 4
    assert count("disclosure.requests_concluded", scjg) == 2
    assert count("disclosure.on_time_rate", scjg) == 1


def test_correction_then_supplement_on_the_page(make_request, people, login, at, later):
    req, _ = make_request(received_on=D(2025, 1, 20))
    at(D(2025, 1, 24))
    client = login(people["scjg_clerk"])
    page = _text(client.get(f"{URL}{req.pk}/"))
    for offered in ("correction", "consult", "extend", "fee", "reply", "withdraw"):
        assert f'id="form-{offered}"' in page
    for not_now in ("supplement", "answer", "fee_paid"):
        assert f'id="form-{not_now}"' not in page
    # A refused notice (a date before receipt) keeps what was typed.
    with nothing_moved(req):
        resp = _act(client, req, "correction", on="2025-01-10", items="请写明文号或形成时间")
    assert resp.status_code == 400
    assert "不能早于收到申请日期" in _text(resp) and "请写明文号或形成时间" in _text(resp)
    resp = _act(client, req, "correction", on="2025-01-24", items="请写明文号或形成时间")
    assert resp.status_code == 302
    assert fresh(req).state == "correction" and fresh(req).deadline.state == "paused"
    text = _text(client.get(f"{URL}{req.pk}/"))
    assert "申请人补正期限" in text and "2025-02-20" in text  # 15 working days
    assert "暂停计时：" in text and "告知申请人补正" in text
    assert f"{URL}{req.pk}/docx/correction/" in text  # the 补正告知书 to download
    assert 'id="form-correction"' not in text  # once only
    assert 'id="form-supplement"' in text
    client = later(D(2025, 2, 10))
    resp = _act(client, req, "supplement", on="2025-02-10",
                description="2024年度本区食品安全监督抽检结果（区市场监管局发布）")  # fmt: skip
    assert resp.status_code == 302
    r = fresh(req)
    assert r.state == "received" and r.corrected_on == D(2025, 2, 10)
    assert r.deadline.due_date == D(2025, 3, 10) and r.description.endswith("发布）")
    assert "2025-03-10" in _text(client.get(f"{URL}{req.pk}/"))


def test_consultation_extension_and_reply_with_a_ground(make_request, people, login, at, later):
    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    client = login(people["scjg_clerk"])
    resp = _act(client, req, "consult", kind="third_party", party="某食品有限公司",
                sent_on="2025-03-05")  # fmt: skip
    assert resp.status_code == 302 and fresh(req).state == "consulting"
    text = _text(client.get(f"{URL}{req.pk}/"))
    assert "某食品有限公司提出意见期限" in text and "登记意见" in text
    c = req.consultations.get()
    assert f"/office/disclosure/consultations/{c.pk}/docx/" in text  # the 征求意见函
    client = later(D(2025, 3, 12))
    # Silence cannot be recorded before the 15 days run out: refused, typed note kept.
    with nothing_moved(req):
        resp = _act(client, req, "answer", consultation=c.pk, answer="none", on="2025-03-12",
                    note="电话联系未果")  # fmt: skip
    assert resp.status_code == 400 and "届满前不能登记为逾期未提出意见" in _text(resp)
    assert "电话联系未果" in _text(resp)
    resp = _act(client, req, "answer", consultation=c.pk, answer="object", on="2025-03-12",
                note="涉及商业秘密")  # fmt: skip
    assert resp.status_code == 302
    r = fresh(req)
    assert r.state == "received" and r.deadline.state == "running"
    due_before = r.deadline.due_date
    resp = _act(client, req, "extend", days="20", reason="需要汇总多个科室的材料",
                approved_by="办公室主任王某", approved_on="2025-03-12")  # fmt: skip
    assert resp.status_code == 302
    r = fresh(req)
    assert r.extension_days == 20 and r.deadline.due_date > due_before
    text = _text(client.get(f"{URL}{req.pk}/"))
    assert "经办公室主任王某批准延长20个工作日" in text
    # 不予公开 without its ground: refused by the rule table, everything typed kept.
    with nothing_moved(req):
        resp = _act(client, req, "reply", reply_type="refuse", on="2025-03-12",
                    text="经审查，不予公开。")  # fmt: skip
    assert resp.status_code == 400
    text = _text(resp)
    assert "选择理由" in text and "经审查，不予公开。" in text
    assert 'value="refuse" selected' in text
    # 第三十六条第五项 without the agency: refused.
    with nothing_moved(req):
        resp = _act(client, req, "reply", reply_type="not_this_agency", on="2025-03-12",
                    text="不属于本机关负责公开。")  # fmt: skip
    assert resp.status_code == 400 and "请填写该机关的名称和联系方式" in _text(resp)
    resp = _act(client, req, "reply", reply_type="refuse", ground="third_party",
                on="2025-03-12", text="经征求第三方意见，不予公开。")  # fmt: skip
    assert resp.status_code == 302
    r = fresh(req)
    assert r.state == "replied" and r.result == "refuse_third_party" and not r.late
    assert r.deadline.state == Deadline.State.DONE
    text = _text(client.get(f"{URL}{req.pk}/"))
    assert "4.保护第三方合法权益" in text
    assert 'id="form-' not in text  # nothing left to do on a replied request
    # The reply form's script: a static file (CSP) fed by json_script.
    assert "disclosure/reply_grounds.js" in text and 'id="reply-grounds"' in text


def test_fee_notice_shows_the_amount_and_payment_resumes(make_request, people, login, at, later):
    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    client = login(people["scjg_clerk"])
    page = _text(client.get(f"{URL}{req.pk}/"))
    assert "本月向本机关提出的第1件申请" in page and "按件计收：0元" in page
    # 按件 for the first request of the month: refused, nothing moves.
    with nothing_moved(req):
        resp = _act(client, req, "fee", method="count", on="2025-03-05")
    assert resp.status_code == 400 and "不收费" in _text(resp)
    # The typed pages are priced on the refused form: 31–100 at 10 元 → 45 pages = 150 元.
    with nothing_moved(req):
        resp = _act(client, req, "fee", method="pages", on="2025-03-09", pages="45")
    assert resp.status_code == 400 and "按量计收（45页）：150元" in _text(resp)
    resp = _act(client, req, "fee", method="pages", on="2025-03-05", pages="45")
    assert resp.status_code == 302
    r = fresh(req)
    assert r.state == "fee" and r.fee_amount == 150 and r.deadline.state == "paused"
    text = _text(client.get(f"{URL}{req.pk}/"))
    assert "申请人缴纳信息处理费期限" in text and "150" in text
    client = later(D(2025, 3, 7))
    assert _act(client, req, "fee_paid", on="2025-03-07").status_code == 302
    r = fresh(req)
    assert r.state == "received" and r.fee_paid_on == D(2025, 3, 7)
    assert r.deadline.state == "running"


def test_withdraw_and_a_repeat_hint(make_request, people, login, at):
    first, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    from fazhi.disclosure.services import requests

    requests.reply(first, reply_type="provide", on=D(2025, 3, 5), text="现提供。",
                   actor=people["scjg_clerk"])  # fmt: skip
    again, _ = make_request(received_on=D(2025, 3, 6))
    assert again.repeat_of_id == first.pk
    client = login(people["scjg_clerk"])
    text = _text(client.get(f"{URL}{again.pk}/"))
    assert "可能属于重复申请" in text and first.tracking_number in text
    assert "可能重复申请" in _text(client.get(URL))
    resp = _act(client, again, "withdraw", on="2025-03-06", reason="申请人书面撤回")
    assert resp.status_code == 302
    r = fresh(again)
    assert r.state == "closed" and r.result == "other"
    # A step on a closed request: a Chinese refusal, no change, no 500.
    with nothing_moved(again):
        resp = _act(client, again, "reply", reply_type="provide", on="2025-03-06", text="x")
    assert resp.status_code == 400 and "不能再办理" in _text(resp)
    assert client.post(f"{URL}{again.pk}/", {"action": "nonsense"}).status_code == 404


def test_a_form_opened_before_a_colleagues_step_is_refused(make_request, people, login, at):
    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    client = login(people["scjg_clerk"])
    page = _text(client.get(f"{URL}{req.pk}/"))
    token = page.split('name="lock" value="')[1].split('"')[0]
    from fazhi.disclosure.services import requests

    requests.consult(req, kind="agency", party="区财政局", sent_on=D(2025, 3, 5),
                     actor=people["coordinator"])  # fmt: skip
    req = fresh(req)
    with nothing_moved(req):
        resp = client.post(f"{URL}{req.pk}/", {
            "action": "withdraw", "lock": token, "withdraw-on": "2025-03-05",
            "withdraw-reason": "申请人电话撤回",
        })  # fmt: skip
    assert resp.status_code == 400
    text = _text(resp)
    assert "你打开后" in text and "申请人电话撤回" in text
    # Sent again with the new token the page now carries: done.
    token = text.split('name="lock" value="')[1].split('"')[0]
    resp = client.post(f"{URL}{req.pk}/", {
        "action": "withdraw", "lock": token, "withdraw-on": "2025-03-05",
        "withdraw-reason": "申请人电话撤回",
    })  # fmt: skip
    assert resp.status_code == 302 and fresh(req).state == "closed"


def test_scoping_of_the_request_page(make_request, people, login, at):
    req, _ = make_request(received_on=D(2025, 3, 3), today=D(2025, 3, 4))
    # Another unit's clerk: 404 on the page and on every step, the row unchanged.
    client = login(people["town_clerk"])
    assert client.get(f"{URL}{req.pk}/").status_code == 404
    assert req.tracking_number not in _text(client.get(URL))
    assert client.get(URL + "export.xlsx").status_code == 200
    with nothing_moved(req):
        resp = _act(client, req, "withdraw", on="2025-03-04", reason="x")
    assert resp.status_code == 404
    with nothing_moved(req):
        resp = _act(client, req, "reply", reply_type="provide", on="2025-03-04", text="x")
    assert resp.status_code == 404
    assert fresh(req).state == "received"
    # The leader reads every unit's requests and cannot act.
    client = login(people["leader"])
    page = client.get(f"{URL}{req.pk}/")
    assert page.status_code == 200 and 'id="form-' not in _text(page)
    assert req.tracking_number in _text(client.get(URL))
    with nothing_moved(req):
        resp = _act(client, req, "withdraw", on="2025-03-04", reason="x")
    assert resp.status_code == 403
    assert fresh(req).state == "received"
    # The coordinator reads and acts for every unit.
    client = login(people["coordinator"])
    assert 'id="form-reply"' in _text(client.get(f"{URL}{req.pk}/"))


def test_waiting_items_and_the_menu(make_request, people, login, at):
    from fazhi.core.waiting import PROVIDERS

    fresh_one, _ = make_request(received_on=D(2025, 3, 3))
    old, _ = make_request(received_on=D(2024, 12, 2), today=D(2024, 12, 2), description="旧申请")
    at(D(2025, 3, 5))
    clerk = people["scjg_clerk"]

    def titles(code, user):
        return {i.title.split()[0] for i in PROVIDERS[code].items(user)}

    assert titles("disclosure.requests_to_answer", clerk) == {
        fresh_one.tracking_number, old.tracking_number
    }  # fmt: skip
    # The old one is past its reply day: first in the list, and in the list's filter.
    first = PROVIDERS["disclosure.requests_to_answer"].items(clerk)[0]
    assert first.title.startswith(old.tracking_number) and first.due == D(2024, 12, 30)
    from fazhi.disclosure.services import requests

    requests.consult(old, kind="agency", party="区财政局", sent_on=D(2025, 3, 5), actor=clerk)
    assert titles("disclosure.corrections_to_notify", clerk) == {fresh_one.tracking_number}
    requests.request_correction(fresh_one, items="请写明文号", on=D(2025, 3, 5), actor=clerk)
    assert titles("disclosure.corrections_to_notify", clerk) == set()
    assert titles("disclosure.requests_to_answer", clerk) == {old.tracking_number}
    for code in ("disclosure.requests_to_answer", "disclosure.corrections_to_notify"):
        assert titles(code, people["town_clerk"]) == set()
    client = login(clerk)
    board = _text(client.get("/office/"))
    assert "待答复的政府信息公开申请" in board and old.tracking_number in board
    assert 'href="/office/disclosure/requests/"' in board  # the menu
