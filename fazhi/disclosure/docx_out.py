"""The documents an agency sends in an 依申请公开, as DOCX in 公文 layout, composed from the
request's record and numbered once (``services.documents``):

* 补正告知书 (条例 第三十条): every point to supplement, once; the period; no justified
  supplement in time = the request is deemed abandoned; the reply period runs from the
  day the supplemented request is received.
* 征求意见函 to a third party (第三十二条: 15 working days; silence → the agency decides;
  a justified objection → not disclosed, unless the public interest weighs more and the
  party is told in writing) or to a co-author agency (第三十四条: silence = consent).
* 延期答复告知书 (第三十三条第二款): approved by the head of the 政府信息公开工作机构, at most
  20 working days more, the new due day; consultation time not counted (第三款).
* 政府信息公开申请答复书 for each reply type of ``rules.REPLY_TYPES`` (第三十六条 一至七项,
  第三十七条 partial disclosure, 无法提供, 不予处理), in the words of its ground
  (``rules.GROUNDS_FOR``).
* 信息处理费收费通知 (第四十二条; 政府信息公开信息处理费管理办法, 国办函〔2020〕109号): the
  scale used (按件 or 按量, never both, 第三条), the amount, payment within
  ``conf.fee_payment_working_days()`` working days or the request is no longer handled.

The remedy (条例 第五十一条): a refusal to disclose — 不予公开, and the withheld part of a
部分公开 — must go to 行政复议 first: 行政复议法 (2023年修订) 第二十三条第一款第四项 "申请政府
信息公开，行政机关不予公开" is one of the cases where "申请人应当先向行政复议机关申请行政
复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼", and its 第二款 obliges the
agency to say so when it acts. Every other document gives the choice: 行政复议 within 60 days
(行政复议法 第二十条第一款) or 行政诉讼 within 6 months (行政诉讼法 第四十六条第一款). The
复议机关 of a department or a township is the government above it (行政复议法 第二十四条
第一款第一、二项). A letter to another agency (第三十四条) carries no remedy: 第五十一条 gives
it to 公民、法人或者其他组织 affected, not to a consulted agency.

A partial reply (第三十七条) lists what is given and what is withheld: the lines of the reply
text that start with 不予公开 are the withheld part, the other lines what is given; the reason
for withholding comes from the ground.

Documents go to the applicant, so the name is written as typed (no masking); dates are
written in Chinese (2025年3月2日). ``refusal`` says why a document cannot be made yet (the
view answers 409 with it).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import gongwen
from fazhi.core.calendar import calendar
from fazhi.core.deadlines import get_clock
from fazhi.core.models import OrgUnit
from fazhi.core.numbers import fmt_value
from fazhi.core.workdays import CalendarMissing

from . import conf, rules
from .deadlines import CORRECTION, REPLY
from .models import DisclosureRequest, ThirdPartyConsultation
from .services import documents

R = DisclosureRequest
REG = "《中华人民共和国政府信息公开条例》"
REVIEW_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

TITLES = {
    "correction": "补正告知书",
    "extension": "延期答复告知书",
    "reply": "政府信息公开申请答复书",
    "fee": "信息处理费收费通知",
    "consultation": "征求意见函",
}
REQUEST_DOCS = ("correction", "extension", "reply", "fee")

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals, as a period is written (七, 十五, 二十)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _sentence(text: str) -> str:
    text = gongwen.one_line(gongwen.clean(text or "")).strip()
    return text if not text or text[-1] in "。！？；：”" else text + "。"


def _quoted(text: str) -> str:
    """The applicant's description in a sentence: one line, no final stop."""
    return gongwen.one_line(gongwen.clean(text or "")).strip().rstrip("。.；;")


def _paragraphs(text: str) -> list[str]:
    return [_sentence(p) for p in gongwen.clean(text or "").split("\n") if p.strip()]


def _you(req: DisclosureRequest) -> str:
    return "你" if req.applicant_kind == R.ApplicantKind.PERSON else "你单位"


def review_body(unit: OrgUnit) -> str:
    """The 行政复议机关 for the agency's acts (行政复议法 第二十四条第一款第一、二项)."""
    parent = unit.parent if unit.parent_id else None
    if parent is not None and parent.kind == OrgUnit.Kind.GOVERNMENT:
        return parent.name
    return "上一级人民政府"


def _split_items(text: str) -> list[str]:
    """The 补正 points one by one, each once (第三十条: 一次性告知)."""
    items: list[str] = []
    for part in re.split(r"[\n；;]+", gongwen.clean(text)):
        item = re.sub(r"^\s*[（(]?[0-9一二三四五六七八九十]+[)）.．、]\s*", "", part)
        item = item.strip().rstrip("。.，,")
        if item and item not in items:
            items.append(item)
    return items


def _numbered(items: list[str]) -> list[str]:
    return [f"{i}．{item}" + ("。" if i == len(items) else "；") for i, item in enumerate(items, 1)]


# --- the remedy -----------------------------------------------------------------------------


def remedy(req: DisclosureRequest, doc: str, *, withheld: bool = False) -> list[str]:
    """The 救济途径 (条例 第五十一条); 复议前置 for a refusal (see the module docstring)."""
    you, body = _you(req), review_body(req.unit)
    choice = (
        f"{you}如对本{doc}不服，可以自收到本{doc}之日起六十日内向{body}申请行政复议"
        f"（{REVIEW_LAW}第二十条第一款），也可以自收到本{doc}之日起六个月内依法向人民法院提起"
        f"行政诉讼（{LITIGATION_LAW}第四十六条第一款）。"
    )
    if not withheld:
        return [f"根据{REG}第五十一条的规定，" + choice]
    first = (
        f"根据{REG}第五十一条和{REVIEW_LAW}第二十三条第一款第四项、第二款的规定，{you}如对本"
        f"{doc}中不予公开的决定不服，应当先自收到本{doc}之日起六十日内向{body}申请行政复议；"
        "对行政复议决定不服的，可以再依法向人民法院提起行政诉讼。"
    )
    if req.reply_type == "partial":
        rest = choice.replace(f"如对本{doc}不服", f"如对本{doc}的其他内容不服", 1)
        return [first, rest]
    return [first]


# --- what the record can give now -----------------------------------------------------------


def refusal(obj, kind: str) -> str | None:
    """Why the document ``kind`` cannot be made from ``obj`` now; None when it can."""
    if isinstance(obj, ThirdPartyConsultation):
        return None
    if kind == "correction":
        if not obj.correction_notified_on:
            return "该申请未告知补正，没有补正告知书"
        return None
    if kind == "extension":
        if not obj.extension_days or not obj.extension_approved_on:
            return "该申请未经批准延长答复期限，没有延期答复告知书"
        return None
    if kind == "fee":
        if not obj.fee_notified_on or not obj.fee_amount:
            return "该申请未发出收费通知，没有信息处理费收费通知"
        return None
    if kind == "reply":
        if obj.state == R.State.CLOSED:
            result = obj.get_result_display() if obj.result else "已终止处理"
            return f"该申请已终止处理（{result}），不制作答复书"
        if obj.state != R.State.REPLIED or not obj.reply_type or not obj.replied_on:
            return f"该申请{obj.get_state_display()}，尚未答复，不能制作答复书"
        if obj.reply_type not in rules.REPLY_LABELS:
            return "该申请的答复类型不在《条例》规定的答复类型中，不能制作答复书"
        if obj.reply_type in rules.GROUNDS_FOR and obj.ground not in dict(
            rules.grounds_for(obj.reply_type)
        ):
            return "该答复未登记理由，不能制作答复书，请先补充答复理由"
        return None
    raise KeyError(kind)


def available(req: DisclosureRequest) -> list[str]:
    """The documents the request gives now (for its page's download links)."""
    return [k for k in REQUEST_DOCS if refusal(req, k) is None]


# --- the parts the documents share ----------------------------------------------------------


def _received(req: DisclosureRequest) -> str:
    you = _you(req)
    return (
        f"本机关于{cn_date(req.received_on)}收到{you}提出的政府信息公开申请（申请编号"
        f"{req.tracking_number}），申请获取：{_quoted(req.description)}。"
    )


def _course(req: DisclosureRequest) -> str:
    """What happened before the reply: 补正, consultation, extension, fee."""
    you, text = _you(req), ""
    if req.corrected_on:
        text += f"{you}于{cn_date(req.corrected_on)}补正了申请，答复期限自该日起计算。"
    consulted = list(req.consultations.all())
    if consulted:
        parties = "、".join(c.party for c in consulted)
        text += (
            f"本机关依法书面征求了{parties}的意见，征求意见所需时间不计算在答复期限内"
            f"（{REG}第三十三条第三款）。"
        )
    if req.extension_days:
        text += (
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长"
            f"{cn_number(req.extension_days)}个工作日。"
        )
    if req.fee_paid_on:
        text += f"{you}已于{cn_date(req.fee_paid_on)}缴纳信息处理费。"
    return text


def _doc(kind: str, number: str, req: DisclosureRequest, body: list[str], date) -> dict:
    return {
        "title": TITLES[kind],
        "preamble": [number],
        "addressee": f"{req.applicant_name}：",
        "body": body,
        "signature": req.unit.name,
        "date": cn_date(date),
        "subject": f"{TITLES[kind]} {number}",
    }


# --- 补正告知书 (第三十条) ----------------------------------------------------------------------


def _correction_due(req: DisclosureRequest) -> dt.date | None:
    d = req.correction_deadline
    if d is not None and d.clock == CORRECTION and d.start_date == req.correction_notified_on:
        return d.due_date
    try:
        return (
            calendar()
            .add_working_days(req.correction_notified_on, conf.correction_working_days())
            .due
        )
    except CalendarMissing:
        return None


def correction(req: DisclosureRequest, number: str) -> dict:
    you = _you(req)
    due = _correction_due(req)
    period = f"自本告知书发出之日起{cn_number(conf.correction_working_days())}个工作日内"
    if due:
        period += f"（{cn_date(due)}前）"
    return _doc("correction", number, req, [
        _received(req)
        + f"经审查，该申请内容不明确，本机关无法据此确定{you}所需的政府信息。根据{REG}第三十条"
        f"的规定，现一次性告知{you}需要补正的事项如下：",
        *_numbered(_split_items(req.correction_items)),
        f"请{you}{period}向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。",
        f"{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        *remedy(req, "告知书"),
    ], req.correction_notified_on)  # fmt: skip


# --- 延期答复告知书 (第三十三条第二款) ------------------------------------------------------------


def extended_due(req: DisclosureRequest) -> dt.date | None:
    """The due day as it stood when the extension was approved (so every copy says the
    same); None when the clock was stopped then (a consultation or fee notice out)."""
    d = req.deadline
    on = req.extension_approved_on
    if d is None or on is None:
        return None
    pauses = [(p.start, p.end) for p in d.pauses.all() if p.start <= on]
    if any(end is None or end > on for _, end in pauses):
        return None
    length = get_clock(REPLY).length + sum(
        e.days for e in d.extensions.all() if e.approved_on <= on
    )
    try:
        return calendar().add_working_days(d.start_date, length, pauses=pauses).due
    except CalendarMissing:
        return None


def extension(req: DisclosureRequest, number: str) -> dict:
    due = extended_due(req)
    reason = _quoted(req.extension_reason)
    body = [
        _received(req)
        + (f"因{reason}，" if reason else "")
        + f"本机关不能在{REG}第三十三条第二款规定的"
        f"{cn_number(conf.reply_working_days())}个工作日内作出答复。",
        f"根据{REG}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
        f"{cn_number(req.extension_days)}个工作日"
        + (f"，本机关将于{cn_date(due)}前作出答复。" if due else "。"),
    ]
    if req.consultations.exists():
        body.append(
            f"本机关征求第三方或者其他机关意见所需时间，不计算在答复期限内（{REG}第三十三条"
            "第三款）。"
        )
    body += remedy(req, "告知书")
    return _doc("extension", number, req, body, req.extension_approved_on)


# --- 信息处理费收费通知 (第四十二条; 国办函〔2020〕109号) ------------------------------------------


def _scale(method: str) -> str:
    if method == "count":
        return (
            "按件计收：同一申请人一个自然月内累计申请"
            f"{conf.PER_REQUEST_FREE}件以下（含{conf.PER_REQUEST_FREE}件）的，不收费；"
            f"{conf.PER_REQUEST_FREE + 1}—{conf.PER_REQUEST_FIRST_BAND_END}件"
            f"（含{conf.PER_REQUEST_FIRST_BAND_END}件）的部分，{conf.PER_REQUEST_FIRST_RATE}元/件；"
            f"{conf.PER_REQUEST_FIRST_BAND_END + 1}件以上的部分，以{conf.PER_REQUEST_BAND}件为一档，"
            f"每增加一档，收费标准提高{conf.PER_REQUEST_STEP}元/件"
        )
    bands = conf.PAGE_BANDS
    parts = [f"同一申请{bands[0][0] - 1}页以下（含{bands[0][0] - 1}页）的，不收费"]
    for i, (low, price) in enumerate(bands):
        if i + 1 < len(bands):
            high = bands[i + 1][0] - 1
            parts.append(f"{low}—{high}页（含{high}页）的部分，{price}元/页")
        else:
            parts.append(f"{low}页以上的部分，{price}元/页")
    return "按量计收：" + "；".join(parts)


def fee_payment_way() -> str:
    """How to pay, which the notice must say (国办函〔2020〕109号 asks the notice to state the
    basis, scale, amount and way of payment): the agency's own arrangement, a setting."""
    return (
        getattr(settings, "FAZHI_DISCLOSURE_FEE_PAYMENT_WAY", "")
        or "请与本机关政府信息公开工作机构联系办理缴费手续"
    )


def fee_due(req: DisclosureRequest) -> dt.date | None:
    try:
        return calendar().add_working_days(req.fee_notified_on, conf.fee_payment_working_days()).due
    except CalendarMissing:
        return None


def fee(req: DisclosureRequest, number: str) -> dict:
    you = _you(req)
    due = fee_due(req)
    period = f"自收到本通知之日起{cn_number(conf.fee_payment_working_days())}个工作日内"
    if due:
        period += f"（{cn_date(due)}前）"
    amount = fmt_value(req.fee_amount)
    return _doc("fee", number, req, [
        _received(req)
        + f"{you}申请公开政府信息的数量、频次明显超过合理范围。根据{REG}第四十二条和"
        f"{FEE_RULES}的规定，本机关对该申请收取信息处理费。",
        f"收费依据：{REG}第四十二条，{FEE_RULES}。",
        f"收费标准：{_scale(req.fee_method)}（每件申请只适用一种标准）。",
        f"收费金额：人民币{amount}元。",
        f"缴纳方式：{_sentence(fee_payment_way())}",
        f"请{you}{period}缴纳上述费用。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息"
        "公开申请。自本通知发出之日至缴纳费用之日的时间，不计算在答复期限内。",
        *remedy(req, "通知"),
    ], req.fee_notified_on)  # fmt: skip


# --- 征求意见函 (第三十二条、第三十四条) ------------------------------------------------------------


def consultation(c: ThirdPartyConsultation, number: str) -> dict:
    req = c.request
    days = cn_number(conf.consultation_working_days())
    asked = (
        f"本机关于{cn_date(req.received_on)}收到政府信息公开申请（申请编号"
        f"{req.tracking_number}），申请获取：{_quoted(req.description)}。"
    )
    if c.kind == ThirdPartyConsultation.Kind.AGENCY:
        body = [
            asked + f"经审查，该政府信息由本机关与你单位共同制作。根据{REG}第三十四条的规定，"
            "现征求你单位对公开该政府信息的意见。",
            f"请你单位自收到本函之日起{days}个工作日内向本机关书面提出意见；逾期未提出意见的，"
            "视为同意公开。",
        ]
    else:
        body = [
            asked + f"经审查，该政府信息的公开可能损害你（单位）的合法权益。根据{REG}"
            "第三十二条的规定，现书面征求你（单位）的意见。",
            f"请你（单位）自收到本函之日起{days}个工作日内向本机关书面提出是否同意公开的意见；"
            "不同意公开的，请说明理由。逾期未提出意见的，由本机关依照"
            f"{REG}的规定决定是否公开。",
            "你（单位）不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成"
            f"重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你（单位）"
            f"（{REG}第十五条、第三十二条）。",
            f"你（单位）认为本机关在政府信息公开工作中侵犯你（单位）合法权益的，可以依法申请"
            f"行政复议或者提起行政诉讼（{REG}第五十一条）。",
        ]
    return {
        "title": TITLES["consultation"],
        "preamble": [number],
        "addressee": f"{c.party}：",
        "body": body,
        "signature": req.unit.name,
        "date": cn_date(c.sent_on),
        "subject": f"{TITLES['consultation']} {number}",
    }


# --- 答复书 (第三十六条、第三十七条) --------------------------------------------------------------


# The refusal grounds in the reply's words, with their article (第十四、十五、十六条).
REFUSAL_TEXT = {
    "secret": ("属于依法确定为国家秘密的政府信息", "第十四条"),
    "law": ("属于法律、行政法规禁止公开的政府信息", "第十四条"),
    "safety": ("公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条"),
    "third_party": ("涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害", "第十五条"),
    "internal": (
        "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
        "第十六条第一款",
    ),
    "process": (
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等"
        "过程性信息",
        "第十六条第二款",
    ),
    "case_file": ("属于行政执法案卷信息", "第十六条第二款"),
    # The template's own row (国办公开办函〔2021〕30号): no article of the regulation.
    "inquiry": ("属于行政查询事项，应当按照有关法律、法规规定的查询程序办理", ""),
}


def _third_party_view(req: DisclosureRequest) -> str:
    objected = [
        c.party
        for c in req.consultations.all()
        if c.kind == ThirdPartyConsultation.Kind.THIRD_PARTY
        and c.answer == ThirdPartyConsultation.Answer.OBJECT
    ]
    if not objected:
        return ""
    return f"经书面征求意见，第三方（{'、'.join(objected)}）不同意公开（{REG}第三十二条）。"


def _refused_because(req: DisclosureRequest, *more: str) -> str:
    """The fact and the article(s) of a refusal: "…。根据《条例》第十四条、… 的规定"."""
    fact, article = REFUSAL_TEXT[req.ground]
    articles = "、".join(a for a in (article, *more) if a)
    return f"{fact}。根据{REG}{articles}的规定"


def _reply_body(req: DisclosureRequest) -> list[str]:
    you, t = _you(req), req.reply_type
    text = _paragraphs(req.reply_text)
    if t == "already_public":
        return [
            f"经审查，{you}申请获取的政府信息本机关已经主动公开。根据{REG}第三十六条第一项的"
            f"规定，现告知{you}获取该政府信息的方式、途径：",
            *text,
        ]
    if t == "provide":
        return [
            f"经审查，{you}申请获取的政府信息属于可以公开的政府信息。根据{REG}第三十六条第二项"
            f"的规定，本机关决定予以公开，向{you}提供该政府信息（提供方式：{req.delivery}）：",
            *text,
        ]
    if t == "partial":
        withheld = [p for p in text if p.startswith(("不予公开", "不公开"))]
        provided = [p for p in text if p not in withheld]
        why = _third_party_view(req) + "该部分内容" + _refused_because(req) + "，不予公开"
        return [
            f"经审查，{you}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据"
            f"{REG}第三十七条的规定，本机关向{you}提供可以公开的政府信息内容，并对不予公开的"
            "内容说明理由：",
            "一、予以公开的内容（提供方式：" + req.delivery + "）：",
            *(provided or ["除下列不予公开的内容以外的其他内容。"]),
            "二、不予公开的内容及理由：",
            *(withheld or ["上述予以公开内容以外的部分。"]),
            f"不予公开的理由：{why}。",
        ]
    if t == "refuse":
        return [
            f"经审查，{_third_party_view(req)}{you}申请获取的政府信息"
            f"{_refused_because(req, '第三十六条第三项')}，本机关决定不予公开。",
            *text,
        ]
    if t == "not_exist":
        return [
            f"经检索，本机关没有{you}所申请公开的政府信息。根据{REG}第三十六条第四项的规定，"
            f"告知{you}该政府信息不存在。",
            *text,
        ]
    if t == "not_this_agency":
        return [
            f"经审查，{you}所申请公开的政府信息不属于本机关负责公开。根据{REG}第三十六条第五项"
            f"的规定，告知{you}：该政府信息由{_quoted(req.other_agency)}负责公开，请{you}向其"
            "提出申请。",
            *text,
        ]
    if t == "special_law":
        return [
            f"经审查，{you}所申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对"
            f"信息的获取有特别规定。根据{REG}第三十六条第七项的规定，请{you}依照有关法律、"
            "行政法规的规定办理：",
            *text,
        ]
    if t == "unable":
        return [_unable(req), *text]
    if t == "reject":
        return [_reject(req), *text]
    raise KeyError(t)


def _unable(req: DisclosureRequest) -> str:
    you, g = _you(req), req.ground
    if g == "not_held":
        head = f"经检索，本机关不掌握{you}所申请公开的政府信息。根据{REG}第三十六条第四项的规定"
    elif g == "create":
        head = (
            f"经审查，本机关没有{you}所申请的现成信息，需要对现有政府信息进行加工、分析才能形成。"
            f"根据{REG}第三十八条的规定"
        )
    else:  # unclear
        notified = cn_date(req.correction_notified_on)
        head = (
            f"本机关已于{notified}告知{you}补正申请，" if notified else ""
        ) + f"补正后申请内容仍不明确，本机关无法确定{you}所需的政府信息。根据{REG}第三十条的规定"
    return f"{head}，本机关无法向{you}提供该政府信息。"


def _reject(req: DisclosureRequest) -> str:
    you, g = _you(req), req.ground
    if g == "petition":
        return (
            f"经审查，{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{REG}第三十九条"
            f"第一款的规定，本机关不作为政府信息公开申请处理，{you}可以通过信访、投诉、举报等相应"
            f"渠道提出。"
        )
    if g == "repeat":
        old = req.repeat_of
        earlier = (
            f"本机关已于{cn_date(old.replied_on)}就{you}提出的相同政府信息公开申请（申请编号"
            f"{old.tracking_number}）作出答复"
            if old is not None and old.replied_on
            else f"本机关已就{you}提出的相同政府信息公开申请作出答复"
        )
        return (
            f"经审查，{earlier}，{you}重复申请公开相同政府信息。根据{REG}第三十六条第六项的规定，"
            f"告知{you}不予重复处理。"
        )
    if g == "publication":
        return (
            f"经审查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。根据{REG}第三十九条"
            f"第二款的规定，本机关不作为政府信息公开申请处理，并告知{you}获取的途径："
        )
    if g == "excessive":
        return (
            f"经审查，{you}申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，"
            f"{you}的申请理由不合理。根据{REG}第三十五条的规定，本机关不予处理。"
        )
    # confirm
    return (
        f"经审查，{you}要求本机关确认或者重新出具{you}已获取的政府信息，不属于{REG}规定的"
        f"政府信息公开申请，本机关不予处理。"
    )


def reply(req: DisclosureRequest, number: str) -> dict:
    refused = req.reply_type in ("refuse", "partial")
    body = [_received(req) + _course(req), *_reply_body(req), *remedy(req, "答复书",
            withheld=refused)]  # fmt: skip
    return _doc("reply", number, req, body, req.replied_on)


# --- rendering ------------------------------------------------------------------------------

BUILDERS = {"correction": correction, "extension": extension, "reply": reply, "fee": fee}
DATES = {
    "correction": lambda r: r.correction_notified_on,
    "extension": lambda r: r.extension_approved_on,
    "reply": lambda r: r.replied_on,
    "fee": lambda r: r.fee_notified_on,
}


def compose(obj, kind: str, *, actor) -> dict:
    """The document as a dict of strings, numbering it the first time it is made. Call
    ``refusal`` first."""
    if isinstance(obj, ThirdPartyConsultation):
        given = documents.number(obj, "consultation", on=obj.sent_on, actor=actor)
        return consultation(obj, given)
    given = documents.number(obj, kind, on=DATES[kind](obj), actor=actor)
    return BUILDERS[kind](obj, given)


def _render(doc: dict) -> bytes:
    document = gongwen.new_document(
        title=doc["title"], author=doc["signature"], subject=doc.get("subject", "")
    )
    gongwen.add_title(document, doc["title"])
    for line in doc.get("preamble") or ():
        p = gongwen.add_body(document, line)  # the 发文字号, centred under the title
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        gongwen.set_indent_chars(p.paragraph_format)
    gongwen.add_addressee(document, doc["addressee"])
    for paragraph in doc["body"]:
        gongwen.add_body(document, paragraph)
    gongwen.add_closing(document, doc["signature"], doc.get("date", ""))
    return gongwen.to_bytes(document)


def render(obj, kind: str, *, actor) -> tuple[dict, bytes]:
    doc = compose(obj, kind, actor=actor)
    return doc, _render(doc)
