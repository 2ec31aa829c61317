"""The notices of a 行政复议 as DOCX (补正通知书, 不予受理决定书, 受理通知书, 答复通知书): each
opens with python-docx and says what the 行政复议法 requires of it; its number is given the
first time it is made and stays the same; it is offered only when the record is in the
state the law needs (409 with the reason otherwise); another unit's clerk gets 404."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import Application, Case, NumberSequence
from fazhi.reconsideration.services import applications, cases

from .conftest import PERSON_ID

pytestmark = pytest.mark.django_db

BODY = "测试区人民政府"  # the 行政复议机关 the 司法局 acts for (第4条)


def text_of(resp) -> str:
    assert resp.status_code == 200, resp.content[:300]
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)


def app_url(app, kind):
    return f"/office/reconsideration/applications/{app.pk}/docx/{kind}/"


def case_url(case, kind):
    return f"/office/reconsideration/cases/{case.pk}/docx/{kind}/"


# --- 补正通知书 (第31条) --------------------------------------------------------------------


def test_correction_notice_lists_each_item_once_with_the_period_and_its_consequence(
    apply_, people, login, monkeypatch
):
    app, _ = apply_()
    client = login(people["sfj_clerk"])
    resp = client.get(app_url(app, "correction"))
    assert resp.status_code == 409 and "未通知补正" in resp.content.decode()
    freeze(monkeypatch, dt.date(2025, 3, 4))
    applications.request_correction(
        app,
        items="1. 申请人身份证明复印件；\n2、被申请复议的行政处罚决定书复印件\n申请人身份证明复印件",
        on=dt.date(2025, 3, 4),
        actor=people["sfj_clerk"],
    )
    text = text_of(client.get(app_url(app, "correction")))
    assert "补正通知书" in text and "王小明：" in text
    assert "测试区行复补〔2025〕1号" in text
    assert app.tracking_number in text
    assert text.count("申请人身份证明复印件") == 1
    assert "1．申请人身份证明复印件；" in text
    assert "2．被申请复议的行政处罚决定书复印件。" in text
    assert "第三十一条" in text and "一次性" in text
    assert "自收到本通知书之日起十个工作日内" in text
    assert "无正当理由逾期不补正的，视为你（单位）放弃行政复议申请" in text
    assert BODY in text and "2025年3月4日" in text


def test_a_notice_keeps_its_number_across_downloads_and_records_it_once(
    apply_, people, login, monkeypatch
):
    app, _ = apply_()
    freeze(monkeypatch, dt.date(2025, 3, 4))
    applications.request_correction(
        app, items="身份证明", on=dt.date(2025, 3, 4), actor=people["sfj_clerk"]
    )
    client = login(people["sfj_clerk"])
    first = text_of(client.get(app_url(app, "correction")))
    second = text_of(client.get(app_url(app, "correction")))
    assert first == second
    app.refresh_from_db()
    assert app.correction_notice_number == "测试区行复补〔2025〕1号"
    seq = NumberSequence.objects.get(kind="notice_correction")
    assert seq.last == 1
    events = Event.objects.filter(
        record_type="reconsideration.application",
        record_id=str(app.pk),
        action="recon_document_numbered",
    )
    assert events.count() == 1 and "测试区行复补〔2025〕1号" in events.get().summary
    # The next application's notice takes the next number.
    other, _ = apply_(received_on=dt.date(2025, 3, 4), applicant_phone="13900139000")
    applications.request_correction(
        other, items="委托书", on=dt.date(2025, 3, 4), actor=people["sfj_clerk"]
    )
    assert "测试区行复补〔2025〕2号" in text_of(client.get(app_url(other, "correction")))


# --- 不予受理决定书 (第30条第2款) -------------------------------------------------------------


def test_rejection_states_the_reason_the_article_and_the_right_to_sue(
    apply_, people, login, monkeypatch
):
    app, _ = apply_()
    client = login(people["sfj_clerk"])
    resp = client.get(app_url(app, "rejection"))
    assert resp.status_code == 409 and "待审查" in resp.content.decode()
    freeze(monkeypatch, dt.date(2025, 3, 5))
    applications.reject(
        app, on=dt.date(2025, 3, 5), reason="申请人与该行政行为没有利害关系",
        actor=people["sfj_clerk"],
    )  # fmt: skip
    text = text_of(client.get(app_url(app, "rejection")))
    assert "不予受理决定书" in text and "测试区行复不受〔2025〕1号" in text
    assert f"申请人：王小明，公民身份号码：{PERSON_ID}。" in text
    assert "被申请人：测试区市场监督管理局。" in text
    assert "罚款2000元的行政处罚决定（测市监罚〔2025〕12号）" in text
    assert "本机关认为：申请人与该行政行为没有利害关系。" in text
    assert "第三十条第二款" in text and "本机关决定：不予受理" in text
    assert "自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼" in text
    assert "《中华人民共和国行政诉讼法》第四十五条" in text
    assert BODY in text and "2025年3月5日" in text


def test_rejection_for_want_of_jurisdiction_names_the_competent_body(
    apply_, people, login, monkeypatch
):
    app, _ = apply_()
    freeze(monkeypatch, dt.date(2025, 3, 5))
    applications.refer(
        app, on=dt.date(2025, 3, 5), to="测试市人民政府", reason="被申请人为区人民政府",
        actor=people["sfj_clerk"],
    )  # fmt: skip
    text = text_of(login(people["sfj_clerk"]).get(app_url(app, "rejection")))
    assert "不属于本机关管辖" in text
    assert "有管辖权的行政复议机关为测试市人民政府" in text
    assert "十五日内" in text


# --- 受理通知书 (第30条, 第62条) ----------------------------------------------------------------


def test_acceptance_notice_gives_case_number_date_procedure_and_the_60_day_period(
    accepted_case, people, login
):
    case = accepted_case()
    text = text_of(login(people["sfj_clerk"]).get(case_url(case, "acceptance")))
    assert "受理通知书" in text and "测试区行复受〔2025〕1号" in text
    assert "王小明：" in text and case.number in text
    assert "2025年3月5日起予以受理" in text and "第三十条第一款" in text
    assert "适用普通程序审理" in text
    assert "自受理之日起六十日内作出行政复议决定" in text and "第六十二条" in text
    assert "延长期限最多不超过三十日" in text
    assert BODY in text and text.rstrip().endswith("2025年3月5日")


def test_acceptance_notice_of_a_simple_case_gives_30_days_and_the_ground(
    accepted_case, people, login
):
    case = accepted_case(procedure="simple", simple_ground="amount", amount=2000)
    text = text_of(login(people["sfj_clerk"]).get(case_url(case, "acceptance")))
    assert "适用简易程序" in text and "案件涉及款额三千元以下" in text
    assert "自受理之日起三十日内作出行政复议决定" in text
    assert "延长" not in text


def test_acceptance_notice_of_a_deemed_acceptance_says_so(apply_, people, login, monkeypatch):
    app, _ = apply_()  # received 2025-03-03 (Monday): 5 working days end on 03-10
    freeze(monkeypatch, dt.date(2025, 3, 12))
    applications.sweep(dt.date(2025, 3, 12))
    case = Case.objects.get(application=app)
    text = text_of(login(people["sfj_clerk"]).get(case_url(case, "acceptance")))
    assert "视为受理" in text and "第三十条第三款" in text
    assert "2025年3月10日" in text
    # The record says the same paragraph (第2款 is the 不予受理 decision).
    event = Event.objects.get(
        record_type="reconsideration.application", record_id=str(app.pk), action="recon_accepted"
    )
    assert "第三十条第三款" in event.summary


# --- 答复通知书 (第48条, 第54条) -----------------------------------------------------------------


def test_answer_notice_needs_the_copy_sent_and_gives_10_working_days(
    accepted_case, people, login, monkeypatch
):
    case = accepted_case()
    client = login(people["sfj_clerk"])
    resp = client.get(case_url(case, "answer"))
    assert resp.status_code == 409 and "申请书副本" in resp.content.decode()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    text = text_of(client.get(case_url(case, "answer")))
    assert "答复通知书" in text and "测试区行复答〔2025〕1号" in text
    assert "测试区市场监督管理局：" in text and case.number in text
    assert "第四十八条" in text
    assert "自收到之日起十个工作日内，提出书面答复，并提交作出该行政行为的证据、依据" in text
    assert "视为该行政行为没有证据、依据" in text and "第七十条" in text
    assert "不得自行向申请人和其他有关单位或者个人收集证据" in text
    assert "附件：行政复议申请书副本" in text
    assert "2025年3月6日" in text


def test_answer_notice_of_a_simple_case_gives_5_working_days(
    accepted_case, people, login, monkeypatch
):
    case = accepted_case(procedure="simple", simple_ground="warning")
    freeze(monkeypatch, dt.date(2025, 3, 6))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    text = text_of(login(people["sfj_clerk"]).get(case_url(case, "answer")))
    assert "第五十四条" in text and "自收到之日起五个工作日内" in text


def test_the_respondent_reads_a_notice_made_but_cannot_number_one(
    accepted_case, people, login, monkeypatch
):
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    respondent = login(people["scjg_clerk"])
    resp = respondent.get(case_url(case, "answer"))
    assert resp.status_code == 403 and "首次制作" in resp.content.decode()
    case.refresh_from_db()
    assert case.answer_notice_number == ""
    assert not NumberSequence.objects.filter(kind="notice_answer").exists()
    made = text_of(login(people["sfj_clerk"]).get(case_url(case, "answer")))
    assert text_of(login(people["scjg_clerk"]).get(case_url(case, "answer"))) == made


# --- scoping ----------------------------------------------------------------------------


def test_another_units_clerk_gets_404_and_nothing_is_numbered(
    accepted_case, apply_, people, login, monkeypatch
):
    case = accepted_case()
    app, _ = apply_(applicant_phone="13900139000")
    freeze(monkeypatch, dt.date(2025, 3, 4))
    applications.request_correction(
        app, items="身份证明", on=dt.date(2025, 3, 4), actor=people["sfj_clerk"]
    )
    outsider = login(people["town_clerk"])
    for kind in ("acceptance", "answer", "decision"):
        assert outsider.get(case_url(case, kind)).status_code == 404
    for kind in ("correction", "rejection"):
        assert outsider.get(app_url(app, kind)).status_code == 404
    case.refresh_from_db()
    app.refresh_from_db()
    assert case.acceptance_notice_number == "" and app.correction_notice_number == ""
    assert not NumberSequence.objects.filter(kind__startswith="notice_").exists()
    assert not Event.objects.filter(action="recon_document_numbered").exists()


def test_an_unknown_document_is_404(accepted_case, people, login):
    case = accepted_case()
    client = login(people["sfj_clerk"])
    assert client.get(case_url(case, "correction")).status_code == 404
    assert client.get(app_url(case.application, "decision")).status_code == 404
    assert Application.objects.filter(pk=case.application_id).exists()


def test_the_record_offers_the_documents_its_state_allows(
    accepted_case, people, login, monkeypatch
):
    from fazhi.reconsideration.views_docx import downloads

    case = accepted_case()
    assert [t for t, _ in downloads(case)] == ["受理通知书"]
    assert downloads(case.application) == []
    freeze(monkeypatch, dt.date(2025, 3, 6))
    case = cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    offered = dict(downloads(case))
    assert list(offered) == ["受理通知书", "答复通知书"]
    client = login(people["sfj_clerk"])
    assert client.get(offered["答复通知书"]).status_code == 200
    # A download is a read: a POST is refused and numbers nothing.
    assert client.post(case_url(case, "acceptance")).status_code == 405
    case.refresh_from_db()
    assert case.acceptance_notice_number == ""
