"""The applicant's status page: by number + query code or by the secret link, the
application's own progress only; one message for a wrong number or code; guessing is
rate-limited; the page follows what the 复议机构 does."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.core.applicant_secrets import CODE_ALPHABET
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.public import NOT_FOUND
from fazhi.reconsideration.services import applications, cases

TRACK = "/reconsideration/track/"
D = dt.date


def look(client, number, code):
    return client.post(TRACK, {"tracking_number": number, "code": code})


@pytest.fixture
def two(apply_):
    """Two applications of two applicants, received on 2025-03-03."""
    a, code_a = apply_(act="罚款2000元的行政处罚决定")
    b, code_b = apply_(
        applicant_name="赵大山",
        applicant_id="11010519491231002X",
        applicant_phone="13912345678",
        act="责令停产停业的决定（乙案）",
    )
    return (a, code_a), (b, code_b)


def test_number_and_code_open_the_status_page(two):
    (a, code), _ = two
    resp = look(Client(), a.tracking_number, code.lower())
    text = resp.content.decode()
    assert resp.status_code == 200
    assert "待审查" in text and a.tracking_number in text and "受理审查中" in text
    # 5 working days from Monday 2025-03-03.
    assert "审查期限至2025年3月10日" in text
    assert resp["Cache-Control"] == "no-store, private"


def test_the_number_may_be_typed_with_ascii_brackets(two):
    (a, code), _ = two
    typed = a.tracking_number.replace("〔", "[").replace("〕", "]")
    assert look(Client(), f" {typed} ", code).status_code == 200


def test_the_secret_link_opens_the_same_page(two):
    (a, _), _ = two
    resp = Client().get(f"{TRACK}{a.link_token}/")
    assert resp.status_code == 200 and a.tracking_number in resp.content.decode()
    wrong = Client().get(f"{TRACK}{a.link_token[:-2]}xy/")
    assert wrong.status_code == 404 and a.tracking_number not in wrong.content.decode()


def test_other_tracking_numbers_are_never_read(two, settings):
    settings.FAZHI_RECON_STATUS_TRIES = 1000
    (a, code_a), (b, code_b) = two
    client = Client()
    answers = [
        look(client, b.tracking_number, code_a),  # my code, another's number
        look(client, b.tracking_number, code_a.lower()),
        look(client, b.tracking_number, ""),
        look(client, a.tracking_number, code_b),  # another's code on my number
    ]
    number = b.tracking_number
    for n in range(1, 40):  # numbers next to mine, with my code
        answers.append(look(client, number.replace(number[-6:-1], f"{n:04d}"), code_a))
    # One character off the real code (never the code itself: pick a different last one).
    near = code_b[:7] + ("2" if code_b[-1] != "2" else "3")
    for guess in ("AAAAAAAA", "23456789", CODE_ALPHABET[:8], near):
        answers.append(look(client, number, guess))
    for resp in answers:
        text = resp.content.decode()
        assert resp.status_code in (400, 404), resp.status_code
        assert "乙案" not in text and "赵大山" not in text and "办理过程" not in text
        assert "罚款2000元" not in text
    wrong = [r for r in answers if r.status_code == 404]
    assert wrong and all(NOT_FOUND in r.content.decode() for r in wrong)
    # The same words whether the number or the code was wrong.
    unknown = look(client, "测试区复议申〔2025〕9999号", code_a).content.decode()
    assert NOT_FOUND in unknown
    assert look(client, b.tracking_number, code_b).status_code == 200


def test_guessing_is_stopped_after_ten_failures(two, monkeypatch):
    (a, code), _ = two
    client = Client()
    for n in range(10):
        assert look(client, a.tracking_number, f"WRONG{n:03d}").status_code == 404
    blocked = look(client, a.tracking_number, code)
    assert blocked.status_code == 429
    assert "查询失败次数过多" in blocked.content.decode()
    assert a.tracking_number not in blocked.content.decode().split("</form>")[-1]
    # The link is held up too, another address is not.
    assert client.get(f"{TRACK}{a.link_token}/").status_code == 429
    assert look(Client(REMOTE_ADDR="10.1.2.3"), a.tracking_number, code).status_code == 200
    # An hour later the window is over.
    freeze(monkeypatch, D(2025, 3, 3), hour=12)
    assert look(client, a.tracking_number, code).status_code == 200


def test_right_look_ups_are_not_counted(two):
    (a, code), _ = two
    client = Client()
    for _ in range(15):
        assert look(client, a.tracking_number, code).status_code == 200
        assert client.get(f"{TRACK}{a.link_token}/").status_code == 200


def test_the_page_changes_after_the_clerk_accepts(two, people, monkeypatch):
    (a, _code), _ = two
    client = Client()
    link = f"{TRACK}{a.link_token}/"
    before = client.get(link).content.decode()
    assert "待审查" in before and "立案审理" not in before
    freeze(monkeypatch, D(2025, 3, 5))
    case = cases.accept(a, on=D(2025, 3, 5), actor=people["sfj_clerk"])
    after = client.get(link).content.decode()
    assert "审理中" in after and "决定受理" in after and case.number in after
    assert "普通程序" in after
    # 60 days from 2025-03-05.
    assert "应在2025年5月6日前作出行政复议决定" in after
    assert "受理审查中" not in after


def test_correction_shows_the_items_and_the_due_date(two, people, monkeypatch):
    (a, code), _ = two
    freeze(monkeypatch, D(2025, 3, 4))
    applications.request_correction(
        a, items="请补充行政处罚决定书复印件", on=D(2025, 3, 4), actor=people["sfj_clerk"]
    )
    text = look(Client(), a.tracking_number, code).content.decode()
    assert "补正中" in text and "请补充行政处罚决定书复印件" in text
    # 10 working days from 2025-03-04.
    assert "请于2025年3月18日前" in text


def test_a_rejection_shows_its_reason(two, people, monkeypatch):
    (a, code), _ = two
    freeze(monkeypatch, D(2025, 3, 4))
    applications.reject(a, on=D(2025, 3, 4), reason="不属于行政复议范围", actor=people["sfj_clerk"])
    text = look(Client(), a.tracking_number, code).content.decode()
    assert "不予受理" in text and "不属于行政复议范围" in text


def test_a_decided_case_shows_the_outcome_but_no_staff_and_no_answer(two, people, monkeypatch):
    (a, code), _ = two
    clerk = people["sfj_clerk"]
    freeze(monkeypatch, D(2025, 3, 5))
    case = cases.accept(a, on=D(2025, 3, 5), actor=clerk)
    freeze(monkeypatch, D(2025, 3, 12))
    cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    cases.answer(case, on=D(2025, 3, 12), summary="被申请人答复要点：证据确凿",
                 actor=people["scjg_clerk"])  # fmt: skip
    freeze(monkeypatch, D(2025, 4, 1))
    case = cases.decide(case, on=D(2025, 4, 1), outcome="revoke", summary="撤销原处罚决定",
                        actor=clerk)  # fmt: skip
    text = look(Client(), a.tracking_number, code).content.decode()
    assert "已作出决定：撤销" in text and case.decision_number in text
    assert "2025年4月1日" in text
    assert "证据确凿" not in text and "答复要点" not in text
    for staff in ("sfj_clerk", "scjg_clerk"):
        assert staff not in text
    # The applicant's own identity is not on the page either (the link may be forwarded).
    assert a.applicant_id not in text and a.applicant_phone not in text
    assert a.applicant_name not in text
