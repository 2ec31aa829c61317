"""The 政府信息公开申请答复书 as DOCX, for every reply type of 第三十六条 (and 第三十七条,
无法提供, 不予处理) and every ground of the template: it opens with python-docx, names the
article the answer rests on and the ground in the regulation's words, and states the
remedy — 复议前置 for a refusal to disclose (行政复议法 第二十三条第一款第四项), otherwise
复议 within 60 days or 诉讼 within 6 months. It exists only once the request is answered."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.disclosure import rules
from fazhi.disclosure.models import DisclosureRequest, ThirdPartyConsultation

from .docx_fixtures import SHOP_USCC, replied, request_row, request_url, text_of

pytestmark = pytest.mark.django_db

__all__ = ["replied", "request_row"]

AGENCY = "测试区市场监督管理局"
MANDATORY = "第二十三条第一款第四项"
CHOICE = "可以自收到本答复书之日起六十日内向测试区人民政府申请行政复议"
SUIT = "也可以自收到本答复书之日起六个月内依法向人民法院提起行政诉讼"

# The article each answer rests on, written here independently of docx_out.
FIXED = {
    "already_public": "第三十六条第一项",
    "provide": "第三十六条第二项",
    "not_exist": "第三十六条第四项",
    "not_this_agency": "第三十六条第五项",
    "special_law": "第三十六条第七项",
}
BY_GROUND = {
    ("refuse", "secret"): "第十四条",
    ("refuse", "law"): "第十四条",
    ("refuse", "safety"): "第十四条",
    ("refuse", "third_party"): "第十五条",
    ("refuse", "internal"): "第十六条第一款",
    ("refuse", "process"): "第十六条第二款",
    ("refuse", "case_file"): "第十六条第二款",
    ("refuse", "inquiry"): "行政查询事项",
    ("unable", "not_held"): "第三十六条第四项",
    ("unable", "create"): "第三十八条",
    ("unable", "unclear"): "第三十条",
    ("reject", "petition"): "第三十九条第一款",
    ("reject", "repeat"): "第三十六条第六项",
    ("reject", "publication"): "第三十九条第二款",
    ("reject", "excessive"): "第三十五条",
    ("reject", "confirm"): "确认或者重新出具",
}
# A phrase of each ground's reason as the reply must state it.
FACT = {
    ("refuse", "secret"): "国家秘密",
    ("refuse", "law"): "法律、行政法规禁止公开",
    ("refuse", "safety"): "危及国家安全、公共安全、经济安全、社会稳定",
    ("refuse", "third_party"): "商业秘密、个人隐私",
    ("refuse", "internal"): "内部事务信息",
    ("refuse", "process"): "过程性信息",
    ("refuse", "case_file"): "行政执法案卷信息",
    ("refuse", "inquiry"): "查询程序",
    ("unable", "not_held"): "本机关不掌握",
    ("unable", "create"): "加工、分析",
    ("unable", "unclear"): "补正后申请内容仍不明确",
    ("reject", "petition"): "信访、投诉、举报",
    ("reject", "repeat"): "不予重复处理",
    ("reject", "publication"): "公开出版物",
    ("reject", "excessive"): "数量、频次明显超过合理范围",
    ("reject", "confirm"): "确认或者重新出具",
}
PAIRS = [(t, "") for t, _ in rules.REPLY_TYPES if t not in rules.GROUNDS_FOR] + [
    (t, g) for t in rules.GROUNDS_FOR for g, _ in rules.grounds_for(t)
]


def test_the_tables_cover_every_reply_type_and_ground():
    covered = {(t, "") for t in FIXED} | set(BY_GROUND) | {("partial", g) for _, g in PAIRS}
    assert set(PAIRS) <= covered
    assert set(FACT) == set(BY_GROUND)
    assert {t for t, _ in PAIRS} == {t for t, _ in rules.REPLY_TYPES}


@pytest.mark.parametrize(("reply_type", "ground"), PAIRS)
def test_every_reply_names_its_basis_and_the_remedy(replied, people, login, reply_type, ground):
    extra = {"other_agency": "测试区住房和城乡建设局（电话010-12345678）"}
    req = replied(reply_type, ground, **(extra if reply_type == "not_this_agency" else {}))
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "reply")))
    assert "政府信息公开申请答复书" in text and "李小红：" in text
    assert "测试区市场监管局公开答〔2025〕1号" in text
    assert req.tracking_number in text and "2024年本辖区食品经营许可的审批结果" in text
    assert "本机关于2025年3月3日收到你提出的政府信息公开申请" in text
    assert "《中华人民共和国政府信息公开条例》第五十一条" in text
    if reply_type == "partial":
        basis = "第三十七条"
        assert BY_GROUND[("refuse", ground)] in text
    else:
        basis = FIXED.get(reply_type) or BY_GROUND[(reply_type, ground)]
    assert basis in text
    if ground:
        key = ("refuse", ground) if reply_type == "partial" else (reply_type, ground)
        assert FACT[key] in text
    if reply_type in ("refuse", "partial"):
        assert MANDATORY in text and "应当先自收到本答复书之日起六十日内" in text
        assert "对行政复议决定不服的，可以再依法向人民法院提起行政诉讼" in text
    else:
        assert MANDATORY not in text
        assert CHOICE in text and SUIT in text and "第四十六条第一款" in text
    assert text.rstrip().endswith(f"{AGENCY}\n2025年3月25日")


def test_a_partial_reply_lists_what_is_given_and_what_is_withheld_and_why(replied, people, login):
    req = replied(
        "partial", "third_party",
        reply_text="提供2024年食品经营许可审批结果清单（共12页）\n"
        "不予公开：清单中经营者负责人的身份证号码和住址",
    )  # fmt: skip
    ThirdPartyConsultation.objects.create(
        request=req, kind="third_party", party="测试食品有限公司", sent_on=dt.date(2025, 3, 6),
        answer="object", answered_on=dt.date(2025, 3, 14),
    )  # fmt: skip
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "reply")))
    given = text.index("一、予以公开的内容")
    withheld = text.index("二、不予公开的内容及理由")
    assert given < text.index("提供2024年食品经营许可审批结果清单（共12页）。") < withheld
    assert withheld < text.index("不予公开：清单中经营者负责人的身份证号码和住址。")
    assert "第三方（测试食品有限公司）不同意公开" in text
    assert "公开会对第三方合法权益造成损害。根据《中华人民共和国政府信息公开条例》第十五条" in text
    assert "本机关依法书面征求了测试食品有限公司的意见" in text
    # The refusal of the withheld part goes to 复议 first; the rest may go to court directly.
    assert "如对本答复书中不予公开的决定不服，应当先" in text
    assert "如对本答复书的其他内容不服，可以自收到本答复书之日起六十日内" in text


def test_a_reply_to_an_organisation_says_you_unit_and_the_name_as_typed(replied, people, login):
    req = replied(
        "provide", applicant_kind="commercial", applicant_name="测试 餐饮 有限公司",
        applicant_id=SHOP_USCC, delivery="纸质",
    )  # fmt: skip
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "reply")))
    assert "测试 餐饮 有限公司：" in text
    assert "收到你单位提出的政府信息公开申请" in text and "（提供方式：纸质）" in text
    assert "你单位如对本答复书不服" in text


def test_a_repeat_request_names_the_earlier_reply(replied, people, login):
    first = replied("provide")
    again = replied("reject", "repeat", repeat_of=first, replied_on=dt.date(2025, 4, 2))
    text = text_of(login(people["scjg_clerk"]).get(request_url(again, "reply")))
    assert (
        f"本机关已于2025年3月25日就你提出的相同政府信息公开申请（申请编号{first.tracking_number}）作出答复"
        in text
    )
    assert "不予重复处理" in text


def test_the_course_of_the_request_is_told_before_the_answer(replied, people, login):
    req = replied(
        "provide", correction_notified_on=dt.date(2025, 3, 5), correction_items="写明年份",
        corrected_on=dt.date(2025, 3, 10), extension_days=10,
        extension_approved_on=dt.date(2025, 4, 1), fee_method="count", fee_amount=100,
        fee_notified_on=dt.date(2025, 3, 11), fee_paid_on=dt.date(2025, 3, 12),
    )  # fmt: skip
    text = text_of(login(people["scjg_clerk"]).get(request_url(req, "reply")))
    assert "你于2025年3月10日补正了申请，答复期限自该日起计算" in text
    assert "答复期限延长十个工作日" in text and "你已于2025年3月12日缴纳信息处理费" in text


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({}, "办理中，尚未答复"),
        ({"state": "correction"}, "补正中，尚未答复"),
        ({"state": "closed", "result": "other_no_correction"}, "已终止处理（（六）其他处理1.申请人无正当理由逾期不补正"),
        ({"state": "replied", "reply_type": "refuse", "replied_on": dt.date(2025, 3, 25)}, "未登记理由"),
    ],
)  # fmt: skip
def test_no_reply_document_before_a_reply(request_row, people, login, fields, why):
    from fazhi.disclosure.models import NumberSequence

    req = request_row(**fields)
    resp = login(people["scjg_clerk"]).get(request_url(req, "reply"))
    assert resp.status_code == 409 and why in resp.content.decode()
    req.refresh_from_db()
    assert req.reply_number == "" and not NumberSequence.objects.exists()
    assert DisclosureRequest.objects.get(pk=req.pk).state == (fields.get("state") or "received")
