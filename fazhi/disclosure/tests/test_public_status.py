"""The applicant's status page: by number + query code or by the secret link, that
request's own steps in plain Chinese — received, 补正 with its items and date, supplement
received, consultation without the third party's name, extension, fee notice, reply —
and never another request: one message for a wrong number or a wrong code, failed tries
limited per address."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.core.applicant_secrets import CODE_ALPHABET
from fazhi.core.tests.refusal import freeze
from fazhi.disclosure.public_requests import BAD_LINK, NOT_FOUND
from fazhi.disclosure.services import requests

TRACK = "/disclosure/status/"
D = dt.date


def look(client, number, code):
    return client.post(TRACK, {"tracking_number": number, "code": code})


@pytest.fixture
def two(make_request):
    """Two online requests of two applicants to the 市场监管局, received on 2025-03-03."""
    a, code_a = make_request(actor=None, channel="online", received_on=None,
                             today=D(2025, 3, 3), description="食品安全抽检结果（甲申请）")  # fmt: skip
    b, code_b = make_request(
        actor=None, channel="online", received_on=None, today=D(2025, 3, 3),
        applicant_name="赵大山", applicant_id="11010519491231002X",
        applicant_phone="13912345678", description="停车场收费标准的批复（乙申请）",
    )  # fmt: skip
    return (a, code_a), (b, code_b)


def test_number_and_code_open_the_status_page(two):
    (a, code), _ = two
    resp = look(Client(), a.tracking_number, code.lower())
    text = resp.content.decode()
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store, private"
    assert a.tracking_number in text and "收到申请" in text and "甲申请" in text
    # 20 working days from Monday 2025-03-03.
    assert "答复期限：2025年3月31日前" in text
    assert "乙申请" not in text


def test_the_number_may_be_typed_loosely(two):
    (a, code), _ = two
    typed = " " + a.tracking_number.lower().replace("-", "－", 1) + " "
    assert look(Client(), typed, code).status_code == 200


def test_the_secret_link_opens_the_same_page(two):
    (a, _), (b, _) = two
    resp = Client().get(f"{TRACK}{a.link_token}/")
    assert resp.status_code == 200 and a.tracking_number in resp.content.decode()
    wrong = Client().get(f"{TRACK}{a.link_token[:-2]}xy/")
    text = wrong.content.decode()
    assert wrong.status_code == 404 and BAD_LINK in text
    assert a.tracking_number not in text and b.tracking_number not in text


def test_other_numbers_and_guessed_codes_never_read_another_request(two, settings):
    settings.FAZHI_DISCLOSURE_STATUS_TRIES = 1000
    (a, code_a), (b, code_b) = two
    client = Client()
    answers = [
        look(client, b.tracking_number, code_a),  # my code, another's number
        look(client, b.tracking_number, code_a.lower()),
        look(client, a.tracking_number, code_b),  # another's code on my number
    ]
    head = b.tracking_number.rsplit("-", 1)[0]
    for n in range(1, 30):  # numbers next to mine, with my code
        if f"{head}-{n:04d}" != a.tracking_number:
            answers.append(look(client, f"{head}-{n:04d}", code_a))
    near = code_b[:7] + ("2" if code_b[-1] != "2" else "3")
    for guess in ("AAAAAAAA", "23456789", CODE_ALPHABET[:8], near, code_b[:7]):
        answers.append(look(client, b.tracking_number, guess))
    for resp in answers:
        text = resp.content.decode()
        assert resp.status_code == 404, resp.status_code
        assert NOT_FOUND in text
        assert "乙申请" not in text and "甲申请" not in text and "办理过程" not in text
    # The same words for a number nobody has.
    assert NOT_FOUND in look(client, "D23-依申请-2025-9999", code_a).content.decode()
    assert look(client, b.tracking_number, code_b).status_code == 200
    # An empty code is a form error, and shows nothing either.
    empty = look(client, b.tracking_number, "")
    assert empty.status_code == 400 and "请填写查询码" in empty.content.decode()
    assert "乙申请" not in empty.content.decode()


def test_guessing_is_stopped_after_ten_failures(two, monkeypatch):
    (a, code), _ = two
    client = Client()
    for n in range(10):
        assert look(client, a.tracking_number, f"WRONG{n:03d}").status_code == 404
    blocked = look(client, a.tracking_number, code)
    assert blocked.status_code == 429 and "查询失败次数过多" in blocked.content.decode()
    assert "甲申请" not in blocked.content.decode()
    assert client.get(f"{TRACK}{a.link_token}/").status_code == 429
    assert look(Client(REMOTE_ADDR="10.1.2.3"), a.tracking_number, code).status_code == 200
    freeze(monkeypatch, D(2025, 3, 3), hour=12)  # the hour is over
    assert look(client, a.tracking_number, code).status_code == 200


def test_right_look_ups_are_not_counted(two):
    (a, code), _ = two
    client = Client()
    for _ in range(12):
        assert look(client, a.tracking_number, code).status_code == 200
        assert client.get(f"{TRACK}{a.link_token}/").status_code == 200


def test_each_step_is_shown_in_plain_chinese(two, people, at):
    (a, code), _ = two
    clerk = people["scjg_clerk"]
    link = f"{TRACK}{a.link_token}/"
    at(D(2025, 3, 5))
    requests.request_correction(a, items="请写明抽检的年份和食品类别", on=D(2025, 3, 5),
                                actor=clerk)  # fmt: skip
    text = Client().get(link).content.decode()
    assert "补正中" in text and "告知补正" in text and "请写明抽检的年份和食品类别" in text
    assert "2025年3月5日" in text
    # 15 working days from 2025-03-05.
    assert "请于2025年3月26日前" in text and "暂停计算" in text

    at(D(2025, 3, 10))
    requests.supplement(a, on=D(2025, 3, 10), description="2024年度肉制品抽检结果",
                        actor=clerk)  # fmt: skip
    text = Client().get(link).content.decode()
    assert "收到补正后的申请" in text and "重新计算" in text and "请于2025年3月26日前" not in text
    assert "答复期限：2025年4月8日前" in text  # 20 working days from 2025-03-10 (清明 4-4)

    at(D(2025, 3, 12))
    requests.consult(a, kind="third_party", party="示范食品有限公司", sent_on=D(2025, 3, 12),
                     actor=clerk)  # fmt: skip
    text = Client().get(link).content.decode()
    assert "征求第三方意见" in text and "示范食品有限公司" not in text and "不计入答复期限" in text
    at(D(2025, 3, 20))
    c = a.consultations.get()
    requests.record_answer(c, answer="object", on=D(2025, 3, 20), note="涉及商业秘密",
                           actor=clerk)  # fmt: skip
    text = Client().get(link).content.decode()
    assert "征求意见结束" in text and "涉及商业秘密" not in text

    requests.extend(a, days=10, reason="需要调取档案", approved_by="李主任",
                    approved_on=D(2025, 3, 20), actor=clerk)  # fmt: skip
    text = Client().get(link).content.decode()
    assert "经批准延长答复期限10个工作日" in text and "需要调取档案" in text
    assert "李主任" not in text and "scjg_clerk" not in text

    at(D(2025, 4, 1))
    requests.reply(a, reply_type="partial", ground="third_party", on=D(2025, 4, 1),
                   text="王小明：经审查，现提供抽检结果，涉及企业商业秘密的部分不予公开。联系电话13800138000。",
                   actor=clerk)  # fmt: skip
    text = look(Client(), a.tracking_number, code).content.decode()
    assert "已答复" in text and "作出答复" in text and "2025年4月1日" in text
    assert "部分公开，区分处理" in text and "第三方合法权益" in text
    assert "现提供抽检结果" in text and "王**" in text
    assert "王小明" not in text and "13800138000" not in text


def test_a_fee_notice_shows_the_amount_and_the_day_to_pay(make_request, people, at):
    """The 11th request of one applicant in a month costs 100 元 (国办函〔2020〕109号)."""
    for day in range(1, 12):
        req, code = make_request(received_on=D(2025, 4, day), today=D(2025, 4, 11),
                                 description=f"第{day}件：不同的政府信息")  # fmt: skip
    at(D(2025, 4, 14))
    requests.notify_fee(req, method="count", on=D(2025, 4, 14), actor=people["scjg_clerk"])
    text = look(Client(), req.tracking_number, code).content.decode()
    assert "待缴纳信息处理费" in text and "收费通知" in text and "100.00元" in text
    assert "请于2025年5月" in text and "前缴纳" in text


def test_a_request_closed_without_supplement_says_so(make_request, people, at):
    req, code = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 4))
    requests.request_correction(req, items="请写明文件名称", on=D(2025, 3, 4),
                                actor=people["scjg_clerk"])  # fmt: skip
    requests.sweep(D(2025, 4, 30))
    text = look(Client(), req.tracking_number, code).content.decode()
    assert "已终止处理" in text and "未补正，该申请不再处理" in text
