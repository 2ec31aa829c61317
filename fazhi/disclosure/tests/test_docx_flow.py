"""The documents of one request walked through the real services (services/requests/):
each appears when its step is recorded, carries the dates the clocks computed, and keeps
its number; a request closed for want of a supplement has no 答复书."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import events
from fazhi.core.models import Event
from fazhi.disclosure.services import requests

from .docx_fixtures import consultation_url, request_url, text_of

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_request_from_correction_to_partial_reply(make_request, people, login, at):
    clerk = people["scjg_clerk"]

    def get(url):  # signed in again on each frozen day (the session is dated too)
        return login(clerk).get(url)

    req, _ = make_request()  # received Monday 2025-03-03
    assert get(request_url(req, "correction")).status_code == 409

    at(D(2025, 3, 5))
    req = requests.request_correction(req, items="所需信息的年份；抽检批次", on=D(2025, 3, 5),
                                      actor=clerk)  # fmt: skip
    text = text_of(get(request_url(req, "correction")))
    assert "测试区市场监管局公开补〔2025〕1号" in text and "王小明：" in text
    assert "1．所需信息的年份；" in text and "2．抽检批次。" in text
    assert f"（{req.correction_deadline.due_date.year}年3月26日前）" in text

    at(D(2025, 3, 10))
    req = requests.supplement(req, on=D(2025, 3, 10), actor=clerk)
    at(D(2025, 3, 12))
    letter = requests.consult(req, kind="third_party", party="测试食品有限公司",
                              sent_on=D(2025, 3, 12), actor=clerk)  # fmt: skip
    text = text_of(get(consultation_url(letter)))
    assert "测试区市场监管局公开征〔2025〕1号" in text and "测试食品有限公司：" in text
    at(D(2025, 3, 20))
    requests.record_answer(letter, answer="object", on=D(2025, 3, 20), note="涉及商业秘密",
                           actor=clerk)  # fmt: skip

    at(D(2025, 3, 27))
    req = requests.extend(req, days=20, reason="需要逐项核对抽检报告", approved_by="张科长",
                          approved_on=D(2025, 3, 27), actor=clerk)  # fmt: skip
    due = req.deadline.due_date
    assert due == D(2025, 5, 19)  # 3-10 restart, 3-12…3-20 not counted, +20, 劳动节 off
    text = text_of(get(request_url(req, "extension")))
    assert "测试区市场监管局公开延〔2025〕1号" in text
    assert "因需要逐项核对抽检报告" in text and "本机关将于2025年5月19日前作出答复" in text
    assert "征求第三方或者其他机关意见所需时间，不计算在答复期限内" in text

    at(D(2025, 4, 10))
    req = requests.reply(
        req, reply_type="partial", ground="third_party", on=D(2025, 4, 10), actor=clerk,
        text="提供2024年度监督抽检结果汇总表\n不予公开：抽检报告中企业的配方和工艺参数",
    )  # fmt: skip
    text = text_of(get(request_url(req, "reply")))
    assert "测试区市场监管局公开答〔2025〕1号" in text
    assert "你于2025年3月10日补正了申请，答复期限自该日起计算" in text
    assert "本机关依法书面征求了测试食品有限公司的意见" in text
    assert "答复期限延长二十个工作日" in text
    assert "第三十七条" in text and "第三方（测试食品有限公司）不同意公开" in text
    assert "不予公开：抽检报告中企业的配方和工艺参数。" in text
    assert "第二十三条第一款第四项" in text
    assert text.rstrip().endswith("测试区市场监督管理局\n2025年4月10日")

    numbered = Event.objects.filter(
        record_id=str(req.pk), action="disclosure_document_numbered"
    ).values_list("summary", flat=True)
    assert len(numbered) == 4
    # Later copies are the same documents.
    req.refresh_from_db()
    assert text_of(get(request_url(req, "reply"))) == text
    assert req.reply_number == "测试区市场监管局公开答〔2025〕1号"
    # Every number written is in the full-process record: the rows match their last events.
    assert list(events.verify_states()) == []


def test_fee_notice_from_the_fee_service(make_request, people, login, at):
    clerk = people["scjg_clerk"]
    req, _ = make_request()
    at(D(2025, 3, 10))
    req = requests.notify_fee(req, method="pages", pages=50, on=D(2025, 3, 10), actor=clerk)
    text = text_of(login(clerk).get(request_url(req, "fee")))
    assert "收费金额：人民币200元。" in text  # pages 31–50 at 10 元
    assert "按量计收" in text and "（2025年4月8日前）" in text
    assert requests.fee_deadline(req).due_date == D(2025, 4, 8)


def test_no_reply_document_for_a_request_closed_without_supplement(make_request, people, login, at):
    clerk = people["scjg_clerk"]
    req, _ = make_request()
    at(D(2025, 3, 5))
    req = requests.request_correction(req, items="年份", on=D(2025, 3, 5), actor=clerk)
    at(D(2025, 3, 28))
    requests.sweep(D(2025, 3, 28))
    req.refresh_from_db()
    assert req.state == "closed"
    resp = login(clerk).get(request_url(req, "reply"))
    assert resp.status_code == 409 and "已终止处理" in resp.content.decode()
    # The 补正告知书 that was sent is still there.
    assert "公开补〔2025〕1号" in text_of(login(clerk).get(request_url(req, "correction")))
