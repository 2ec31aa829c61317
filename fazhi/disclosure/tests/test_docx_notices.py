"""The notices of an 依申请公开 as DOCX — 补正告知书, 征求意见函 (third party / other agency),
延期答复告知书, 信息处理费收费通知 — each opens with python-docx and says what the regulation
requires of it; its number is given the first time it is made and stays the same; it is
offered only when the record holds the step (409 with the reason otherwise); another
unit's clerk gets 404 and numbers nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import services as core
from fazhi.core.models import Event
from fazhi.disclosure.deadlines import REPLY
from fazhi.disclosure.models import DisclosureRequest, NumberSequence, ThirdPartyConsultation

from .docx_fixtures import (
    RECEIVED,
    consultation,
    consultation_url,
    replied,
    request_row,
    request_url,
    text_of,
)

pytestmark = pytest.mark.django_db

__all__ = ["consultation", "replied", "request_row"]

REMEDY = "可以自收到本{doc}之日起六十日内向测试区人民政府申请行政复议"
SUIT = "也可以自收到本{doc}之日起六个月内依法向人民法院提起行政诉讼"


def numbered_events(req):
    return Event.objects.filter(
        record_type="disclosure.disclosurerequest",
        record_id=str(req.pk),
        action="disclosure_document_numbered",
    )


# --- 补正告知书 (第三十条) ----------------------------------------------------------------------


def test_correction_notice_lists_each_point_once_with_period_and_consequence(
    request_row, people, login
):
    req = request_row()
    client = login(people["scjg_clerk"])
    resp = client.get(request_url(req, "correction"))
    assert resp.status_code == 409 and "未告知补正" in resp.content.decode()
    DisclosureRequest.objects.filter(pk=req.pk).update(
        state="correction",
        correction_notified_on=dt.date(2025, 3, 5),
        correction_items="1. 所需信息的年份；\n2、许可事项的名称\n所需信息的年份",
    )
    text = text_of(client.get(request_url(req, "correction")))
    assert "补正告知书" in text and "测试区市场监管局公开补〔2025〕1号" in text
    assert "李小红：" in text and req.tracking_number in text
    assert "第三十条" in text and "一次性告知" in text
    assert text.count("所需信息的年份") == 1
    assert "1．所需信息的年份；" in text and "2．许可事项的名称。" in text
    # 15 working days from 2025-03-05 (Wednesday) end on 2025-03-26.
    assert "自本告知书发出之日起十五个工作日内（2025年3月26日前）" in text
    assert "答复期限自本机关收到补正的申请之日起计算" in text
    assert "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请" in text
    assert REMEDY.format(doc="告知书") in text and SUIT.format(doc="告知书") in text
    assert "第二十三条第一款第四项" not in text
    assert text.rstrip().endswith("测试区市场监督管理局\n2025年3月5日")


def test_a_document_keeps_its_number_across_downloads_and_is_recorded_once(
    request_row, people, login
):
    req = request_row(correction_notified_on=dt.date(2025, 3, 5), correction_items="年份")
    client = login(people["scjg_clerk"])
    first = text_of(client.get(request_url(req, "correction")))
    assert text_of(client.get(request_url(req, "correction"))) == first
    req.refresh_from_db()
    assert req.correction_number == "测试区市场监管局公开补〔2025〕1号"
    assert NumberSequence.objects.get(unit=req.unit, year=2025, kind="doc_correction").last == 1
    events = numbered_events(req)
    assert events.count() == 1 and "测试区市场监管局公开补〔2025〕1号" in events.get().summary
    # The next request's notice takes the next number; another kind starts at 1.
    other = request_row(correction_notified_on=dt.date(2025, 3, 6), correction_items="名称")
    assert "公开补〔2025〕2号" in text_of(client.get(request_url(other, "correction")))
    done = request_row(state="replied", reply_type="provide", result="disclose",
                        reply_text="附件", replied_on=dt.date(2025, 3, 20))  # fmt: skip
    assert "测试区市场监管局公开答〔2025〕1号" in text_of(client.get(request_url(done, "reply")))


def test_the_number_follows_the_year_of_the_document_and_the_configured_prefix(
    request_row, people, login, settings
):
    settings.FAZHI_DISCLOSURE_DOC_PREFIX = "D23=测市监,G00=测政"
    req = request_row(received_on=dt.date(2024, 12, 27),
                       correction_notified_on=dt.date(2025, 1, 2), correction_items="年份")  # fmt: skip
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "correction")))
    assert "测市监公开补〔2025〕1号" in text
    town = request_row(unit="town", correction_notified_on=dt.date(2025, 3, 5),
                        correction_items="年份")  # fmt: skip
    text = text_of(login(people["town_clerk"]).get(request_url(town, "correction")))
    assert "测试区城关街道公开补〔2025〕1号" in text and text.rstrip().endswith(
        "城关街道\n2025年3月5日"
    )


def test_staff_who_only_read_cannot_number_a_document_but_read_one_made(request_row, people, login):
    req = request_row(correction_notified_on=dt.date(2025, 3, 5), correction_items="年份")
    resp = login(people["leader"]).get(request_url(req, "correction"))
    assert resp.status_code == 403 and "首次制作" in resp.content.decode()
    req.refresh_from_db()
    assert req.correction_number == "" and not NumberSequence.objects.exists()
    made = text_of(login(people["scjg_clerk"]).get(request_url(req, "correction")))
    assert text_of(login(people["leader"]).get(request_url(req, "correction"))) == made


# --- 征求意见函 (第三十二条、第三十四条) ------------------------------------------------------------


def test_a_letter_to_a_third_party_gives_15_working_days_and_what_silence_means(
    consultation, people, login
):
    c = consultation()
    text = text_of(login(people["scjg_clerk"]).get(consultation_url(c)))
    assert "征求意见函" in text and "测试区市场监管局公开征〔2025〕1号" in text
    assert "测试食品有限公司：" in text and c.request.tracking_number in text
    assert "第三十二条" in text and "自收到本函之日起十五个工作日内" in text
    assert "逾期未提出意见的，由本机关依照" in text and "决定是否公开" in text
    assert "不同意公开且有合理理由的，本机关不予公开" in text
    assert "对公共利益造成重大影响的，可以决定予以公开" in text
    assert "行政复议或者提起行政诉讼" in text and "第五十一条" in text
    assert "视为同意公开" not in text
    # The applicant is not named to the third party.
    assert "李小红" not in text
    assert text.rstrip().endswith("2025年3月6日")
    c.refresh_from_db()
    assert c.letter_number == "测试区市场监管局公开征〔2025〕1号"
    assert numbered_events(c.request).get().summary.startswith("制作致测试食品有限公司的征求意见函")


def test_a_letter_to_another_agency_says_silence_is_consent(consultation, people, login):
    c = consultation(kind="agency", party="测试区卫生健康委员会")
    client = login(people["scjg_clerk"])
    text = text_of(client.get(consultation_url(c)))
    assert "测试区卫生健康委员会：" in text and "第三十四条" in text
    assert "由本机关与你单位共同制作" in text
    assert "自收到本函之日起十五个工作日内" in text and "逾期未提出意见的，视为同意公开" in text
    # A second letter of the same request takes the next number; each keeps its own.
    second = consultation(req=c.request, party="测试餐饮有限公司")
    assert "公开征〔2025〕2号" in text_of(client.get(consultation_url(second)))
    assert "公开征〔2025〕1号" in text_of(client.get(consultation_url(c)))


# --- 延期答复告知书 (第三十三条第二款) ------------------------------------------------------------


def test_extension_notice_gives_the_approval_and_the_new_due_day(request_row, people, login):
    req = request_row()
    client = login(people["scjg_clerk"])
    resp = client.get(request_url(req, "extension"))
    assert resp.status_code == 409 and "未经批准延长答复期限" in resp.content.decode()
    deadline = core.start_deadline(record=req, clock=REPLY, start=RECEIVED, unit=req.unit,
                                   title="答复", actor=None)  # fmt: skip
    assert deadline.due_date == dt.date(2025, 3, 31)
    approved = dt.date(2025, 3, 27)
    core.extend_deadline(deadline, days=20, reason="需要调取档案", approved_by="张科长",
                         approved_on=approved, actor=None)  # fmt: skip
    DisclosureRequest.objects.filter(pk=req.pk).update(
        deadline=deadline, extension_days=20, extension_approved_by="张科长",
        extension_approved_on=approved, extension_reason="所需信息需要从档案室调取并逐件核对",
    )  # fmt: skip
    text = text_of(client.get(request_url(req, "extension")))
    assert "延期答复告知书" in text and "测试区市场监管局公开延〔2025〕1号" in text
    assert "因所需信息需要从档案室调取并逐件核对，本机关不能在" in text
    assert "第三十三条第二款" in text and "经本机关政府信息公开工作机构负责人同意" in text
    # 2025-03-31 + 20 working days: 清明 (4/4) off, Sunday 4/27 a make-up working day.
    assert "答复期限延长二十个工作日，本机关将于2025年4月28日前作出答复" in text
    assert REMEDY.format(doc="告知书") in text
    assert text.rstrip().endswith("2025年3月27日")


def test_extension_notice_does_not_change_when_the_clock_stops_later(
    request_row, consultation, people, login
):
    req = request_row()
    deadline = core.start_deadline(record=req, clock=REPLY, start=RECEIVED, unit=req.unit,
                                   title="答复", actor=None)  # fmt: skip
    core.extend_deadline(deadline, days=10, reason="核对", approved_by="张科长",
                         approved_on=dt.date(2025, 3, 27), actor=None)  # fmt: skip
    DisclosureRequest.objects.filter(pk=req.pk).update(
        deadline=deadline, extension_days=10, extension_approved_on=dt.date(2025, 3, 27)
    )
    client = login(people["scjg_clerk"])
    before = text_of(client.get(request_url(req, "extension")))
    assert "本机关将于2025年4月15日前作出答复" in before
    core.pause_deadline(deadline, start=dt.date(2025, 4, 1), reason="征求第三方意见", actor=None)
    consultation(req=req)
    after = text_of(client.get(request_url(req, "extension")))
    assert "本机关将于2025年4月15日前作出答复" in after
    assert "征求第三方或者其他机关意见所需时间，不计算在答复期限内" in after


# --- 信息处理费收费通知 (国办函〔2020〕109号) ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "scale"),
    [
        ("count", "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费"),
        (
            "pages",
            "按量计收：同一申请30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页",
        ),
    ],
)
def test_fee_notice_gives_scale_amount_and_payment_period(
    request_row, people, login, method, scale
):  # and the way of paying (the setting's default here; see the next test)
    req = request_row()
    client = login(people["scjg_clerk"])
    resp = client.get(request_url(req, "fee"))
    assert resp.status_code == 409 and "未发出收费通知" in resp.content.decode()
    DisclosureRequest.objects.filter(pk=req.pk).update(
        state="fee", fee_method=method, fee_amount=Decimal("300.00"),
        fee_notified_on=dt.date(2025, 3, 10),
    )  # fmt: skip
    text = text_of(client.get(request_url(req, "fee")))
    assert "信息处理费收费通知" in text and "测试区市场监管局公开费〔2025〕1号" in text
    assert "第四十二条" in text and "国办函〔2020〕109号" in text
    assert scale in text and "每件申请只适用一种标准" in text
    assert "收费金额：人民币300元。" in text
    assert "缴纳方式：请与本机关政府信息公开工作机构联系办理缴费手续。" in text
    # 20 working days from 2025-03-10: 清明 (4/4) is not one of them.
    assert "自收到本通知之日起二十个工作日内（2025年4月8日前）缴纳" in text
    assert "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请" in text
    assert REMEDY.format(doc="通知") in text and SUIT.format(doc="通知") in text
    req.refresh_from_db()
    assert req.fee_number == "测试区市场监管局公开费〔2025〕1号"


# --- scoping and routes ----------------------------------------------------------------------


def test_another_units_clerk_gets_404_and_nothing_is_numbered(
    request_row, replied, consultation, people, login
):
    req = request_row(
        correction_notified_on=dt.date(2025, 3, 5), correction_items="年份", extension_days=5,
        extension_approved_on=dt.date(2025, 3, 20), fee_method="count", fee_amount=100,
        fee_notified_on=dt.date(2025, 3, 10),
    )  # fmt: skip
    done = replied("refuse", "secret")
    c = consultation()
    outsider = login(people["town_clerk"])
    for kind in ("correction", "extension", "fee"):
        assert outsider.get(request_url(req, kind)).status_code == 404
    assert outsider.get(request_url(done, "reply")).status_code == 404
    assert outsider.get(consultation_url(c)).status_code == 404
    req.refresh_from_db()
    done.refresh_from_db()
    c.refresh_from_db()
    assert (req.correction_number, req.extension_number, req.fee_number) == ("", "", "")
    assert done.reply_number == "" and c.letter_number == ""
    assert not NumberSequence.objects.exists()
    assert not Event.objects.filter(action="disclosure_document_numbered").exists()
    # The agency's own clerk reads them all.
    own = login(people["scjg_clerk"])
    for kind in ("correction", "extension", "fee"):
        assert own.get(request_url(req, kind)).status_code == 200


def test_an_unknown_document_is_404_and_a_post_is_refused(request_row, people, login):
    req = request_row(correction_notified_on=dt.date(2025, 3, 5), correction_items="年份")
    client = login(people["scjg_clerk"])
    assert client.get(request_url(req, "decision")).status_code == 404
    assert client.get("/office/disclosure/consultations/999999/docx/").status_code == 404
    assert client.post(request_url(req, "correction")).status_code == 405
    req.refresh_from_db()
    assert req.correction_number == ""


def test_the_record_offers_the_documents_its_state_allows(request_row, consultation, people):
    from fazhi.disclosure.views_docx import downloads

    req = request_row()
    assert downloads(req) == []
    DisclosureRequest.objects.filter(pk=req.pk).update(
        correction_notified_on=dt.date(2025, 3, 5), correction_items="年份",
        state="replied", reply_type="not_exist", result="unable_not_held",
        replied_on=dt.date(2025, 3, 25),
    )  # fmt: skip
    req.refresh_from_db()
    assert [t for t, _ in downloads(req)] == ["补正告知书", "政府信息公开申请答复书"]
    c = consultation()
    assert downloads(c) == [("征求意见函", f"/office/disclosure/consultations/{c.pk}/docx/")]
    assert isinstance(c, ThirdPartyConsultation)


def test_fee_notice_prints_the_configured_way_of_paying(request_row, people, login, settings):
    settings.FAZHI_DISCLOSURE_FEE_PAYMENT_WAY = "通过非税收入缴款码缴纳（缴款码随本通知送达）"
    req = request_row(state="fee", fee_method="count", fee_amount=Decimal("100"),
                      fee_notified_on=dt.date(2025, 3, 10))  # fmt: skip
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "fee")))
    assert "缴纳方式：通过非税收入缴款码缴纳（缴款码随本通知送达）。" in text
