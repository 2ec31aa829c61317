"""The documents of a 行政复议 as DOCX in 公文 layout, each numbered and dated from the record:

* to the applicant: 补正通知书 (第31条), 不予受理决定书 (第30条第2款), 受理通知书 (第30条,
  the procedure of 第53条 and the decision period of 第62条);
* to the respondent, with the application copy: 答复通知书 (第48条, 简易程序 第54条; the
  consequence of silence, 第70条; no evidence gathered afterwards, 第46条);
* to the parties: 行政复议决定书 (第61—69条, 第75条; the remedy of 行政诉讼法 第45条);
* to an agency: 行政复议意见书 (第76条: correction reported within 60 days) and 建议书.

Sources: 《中华人民共和国行政复议法》(2023年修订, 2024-01-01施行); its "五日、七日、十日"
are working days (第88条), the 60 / 30 days of 第62条 and of 第76条 calendar days.
The documents are issued in the name of the 行政复议机关 (第61条, 第75条: the decision is
made and sealed by the 机关) — the government whose 司法行政部门, the unit holding the
records, is its 行政复议机构 (第4条); a unit without a government above it signs itself.

Layout comes from ``fazhi.core.gongwen`` (GB/T 9704-2012), as in enforcement's docx_out;
this module only composes the text. ``refusal`` says why a document cannot be made yet (the
view answers 409 with it); the notices' own numbers come from ``services.documents``.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import gongwen
from fazhi.core.models import OrgUnit

from . import conf
from .models import Application, Case, OpinionLetter, Outcome, PartyKind
from .services import documents

LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

TITLES = {
    "correction": "补正通知书",
    "rejection": "不予受理决定书",
    "acceptance": "受理通知书",
    "answer": "答复通知书",
    "decision": "行政复议决定书",
}
APPLICATION_DOCS = ("correction", "rejection")
CASE_DOCS = ("acceptance", "answer", "decision")

# The decision's operative sentence and its article (第63—69条).
OUTCOME_TEXT = {
    Outcome.UPHOLD: ("第六十八条", "维持被申请人{act}。"),
    Outcome.REVOKE: ("第六十四条", "撤销被申请人{act}。"),
    Outcome.MODIFY: ("第六十三条", "变更被申请人{act}。"),
    Outcome.DECLARE_UNLAWFUL: ("第六十五条", "确认被申请人{act}违法。"),
    Outcome.DECLARE_VOID: ("第六十七条", "确认被申请人{act}无效。"),
    Outcome.ORDER_PERFORMANCE: ("第六十六条", "责令被申请人在一定期限内依法履行法定职责。"),
    Outcome.DISMISS: ("第六十九条", "驳回申请人的行政复议请求。"),
}
# 第70条 applies when the respondent did not answer and the act is set aside or found wanting.
NO_ANSWER_OUTCOMES = (
    Outcome.REVOKE,
    Outcome.DECLARE_UNLAWFUL,
    Outcome.DECLARE_VOID,
    Outcome.ORDER_PERFORMANCE,
)

REMEDY = (
    "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼"
    f"（{LITIGATION_LAW}第四十五条）。"
)
REJECTION_REMEDY = (
    "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼"
    f"（{LAW}第三十四条、{LITIGATION_LAW}第四十五条）。"
)

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals as a law writes a period (十, 十五, 六十)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _sentence(text: str) -> str:
    """Typed text as a sentence of the document: trimmed, ending with a full stop."""
    text = (text or "").strip()
    return text if not text or text[-1] in "。！？；：”）)" else text + "。"


def body_name(unit: OrgUnit) -> str:
    """The 行政复议机关 in whose name the documents go out (see the module docstring)."""
    parent = unit.parent
    if parent is not None and parent.kind == OrgUnit.Kind.GOVERNMENT:
        return parent.name
    return unit.name


# --- what the record can give now ---------------------------------------------------------


def refusal(obj, kind: str) -> str | None:
    """Why the document ``kind`` cannot be made from ``obj`` now; None when it can."""
    if isinstance(obj, Application):
        if kind == "correction":
            if not obj.correction_notified_on:
                return "该申请未通知补正，没有补正通知书"
            return None
        if kind == "rejection":
            if obj.state not in (Application.State.REJECTED, Application.State.REFERRED):
                return f"该申请{obj.get_state_display()}，未决定不予受理，不能制作不予受理决定书"
            return None
    if isinstance(obj, Case):
        if kind == "acceptance":
            return None
        if kind == "answer":
            if not obj.copy_sent_on:
                return (
                    "尚未登记向被申请人发送申请书副本：答复通知书随副本一并发送，"
                    "请先在案件页登记发送日期"
                )
            return None
        if kind == "decision":
            if obj.state == Case.State.DECIDED and obj.outcome in OUTCOME_TEXT:
                return None
            if obj.state == Case.State.CLOSED:
                return f"该案件以“{obj.get_outcome_display()}”结案，不制作行政复议决定书"
            return "该案件尚未作出行政复议决定，不能制作行政复议决定书"
    raise KeyError(kind)


def available(obj) -> list[str]:
    """The documents the record gives now (for the record page's download links)."""
    kinds = APPLICATION_DOCS if isinstance(obj, Application) else CASE_DOCS
    return [k for k in kinds if refusal(obj, k) is None]


# --- the parts the documents share --------------------------------------------------------


def _applicant_lines(app: Application) -> list[str]:
    """The applicant as the parties know them: the name as is, with the identity number."""
    if app.applicant_kind == PartyKind.PERSON:
        line = f"申请人：{app.applicant_name}，公民身份号码：{app.applicant_id}"
        if app.applicant_address:
            line += f"，住址：{app.applicant_address}"
    else:
        line = f"申请人：{app.applicant_name}，统一社会信用代码：{app.applicant_id}"
        if app.applicant_address:
            line += f"，住所：{app.applicant_address}"
    lines = [line + "。"]
    if app.agent_name:
        lines.append(f"委托代理人：{app.agent_name}。")
    return lines


def _act(app: Application) -> str:
    """The act challenged, as "作出的……" or the duty not performed."""
    if app.inaction:
        return f"未履行法定职责（{app.act}）"
    text = "作出的" if not app.act_on else f"于{_date(app.act_on)}作出的"
    text += app.act
    if app.act_number:
        text += f"（{app.act_number}）"
    return text


def _procedure(case: Case) -> str:
    if case.procedure == Case.Procedure.SIMPLE:
        ground = f"（{case.simple_ground}，{LAW}第五十三条）" if case.simple_ground else ""
        return f"简易程序{ground}"
    return "普通程序"


def _split_items(text: str) -> list[str]:
    """The 补正 items one by one, each once (第31条: listed once, all of them)."""
    items: list[str] = []
    for part in re.split(r"[\n；;]+", gongwen.clean(text)):
        item = re.sub(r"^\s*[（(]?[0-9一二三四五六七八九十]+[)）.．、]\s*", "", part)
        item = item.strip().rstrip("。.，,")
        if item and item not in items:
            items.append(item)
    return items


def _numbered(items: list[str]) -> list[str]:
    return [f"{i}．{item}" + ("。" if i == len(items) else "；") for i, item in enumerate(items, 1)]


# --- to the applicant ---------------------------------------------------------------------


def correction(app: Application, number: str) -> dict:
    days = cn_number(conf.correction_working_days())
    items = _split_items(app.correction_items)
    return {
        "title": TITLES["correction"],
        "preamble": [number],
        "addressee": f"{app.applicant_name}：",
        "body": [
            f"你（单位）于{_date(app.received_on)}提出的行政复议申请（申请编号"
            f"{app.tracking_number}，被申请人{app.respondent_name}，申请复议的行政行为："
            f"{app.act}），申请材料不齐全或者表述不清楚，本机关无法判断该申请是否符合"
            f"{LAW}第三十条第一款规定的受理条件。根据{LAW}第三十一条的规定，现一次性告知"
            "你（单位）需要补正的全部事项如下：",
            *_numbered(items),
            f"请你（单位）自收到本通知书之日起{days}个工作日内向本机关提交补正材料。有正当理由"
            "不能按期补正的，可以向本机关申请延长合理的补正期限；无正当理由逾期不补正的，视为"
            "你（单位）放弃行政复议申请，本机关将记录在案。",
            "本机关收到补正材料后，将依照《中华人民共和国行政复议法》第三十条的规定重新审查"
            "是否受理。",
        ],
        "signature": body_name(app.unit),
        "date": _date(app.correction_notified_on),
        "subject": f"{TITLES['correction']} {number}",
    }


def rejection(app: Application, number: str) -> dict:
    body = [
        *_applicant_lines(app),
        f"被申请人：{app.respondent_name}。",
        f"申请人不服被申请人{_act(app)}，于{_date(app.received_on)}向本机关申请行政复议"
        f"（申请编号{app.tracking_number}）。",
        f"经审查，本机关认为：{_sentence(app.reject_reason)}",
    ]
    if app.state == Application.State.REFERRED:
        body += [
            f"该申请不属于本机关管辖。根据{LAW}第三十条第二款的规定，本机关决定：不予受理。",
            f"有管辖权的行政复议机关为{app.referred_to}，申请人可以依法向其申请行政复议。",
        ]
    else:
        body.append(
            f"该申请不符合{LAW}第三十条第一款规定的受理条件。根据{LAW}第三十条第二款的规定，"
            "本机关决定：不予受理。"
        )
    body.append(REJECTION_REMEDY)
    return {
        "title": TITLES["rejection"],
        "preamble": [number],
        "body": body,
        "signature": body_name(app.unit),
        "date": _date(app.decided_on),
        "subject": f"{TITLES['rejection']} {number}",
    }


def acceptance(case: Case, number: str) -> dict:
    app = case.application
    simple = case.procedure == Case.Procedure.SIMPLE
    if app.deemed_accepted:
        accepted = (
            f"本机关未在审查期限内作出不予受理决定，依照{LAW}第三十条第三款的规定，该申请自"
            f"审查期限届满之日（{_date(case.accepted_on)}）起视为受理。"
        )
    else:
        accepted = (
            f"经审查，该申请符合{LAW}第三十条第一款规定的受理条件，本机关决定自"
            f"{_date(case.accepted_on)}起予以受理。"
        )
    period = (
        f"本机关将自受理之日起{cn_number(conf.decision_days(simple))}日内作出行政复议决定"
        f"（{LAW}第六十二条）"
    )
    if simple:
        period += "。"
    else:
        period += (
            f"；情况复杂，不能在规定期限内作出决定的，经行政复议机构负责人批准可以适当延长，"
            f"延长期限最多不超过{cn_number(conf.extension_days())}日，并书面告知你（单位）。"
        )
    return {
        "title": TITLES["acceptance"],
        "preamble": [number],
        "addressee": f"{app.applicant_name}：",
        "body": [
            f"你（单位）于{_date(app.received_on)}提出的行政复议申请（申请编号"
            f"{app.tracking_number}），被申请人为{case.respondent_name}，申请复议的行政行为："
            f"{app.act}。{accepted}",
            f"案号：{case.number}。本案适用{_procedure(case)}审理。",
            period,
            f"行政复议期间，你（单位）可以按照规定查阅、复制被申请人提出的书面答复、作出行政"
            f"行为的证据、依据和其他有关材料（{LAW}第四十七条）。行政复议决定作出前，你（单位）"
            f"可以撤回行政复议申请（{LAW}第七十四条）。",
        ],
        "signature": body_name(case.unit),
        "date": _date(case.accepted_on),
        "subject": f"{TITLES['acceptance']} {number}",
    }


# --- to the respondent --------------------------------------------------------------------


def answer(case: Case, number: str) -> dict:
    app = case.application
    simple = case.procedure == Case.Procedure.SIMPLE
    article = "第五十四条" if simple else "第四十八条"
    days = cn_number(conf.answer_working_days(simple))
    copy = (
        "行政复议申请笔录复印件"
        if app.channel == Application.Channel.ORAL
        else "行政复议申请书副本"
    )
    return {
        "title": TITLES["answer"],
        "preamble": [number],
        "addressee": f"{case.respondent_name}：",
        "body": [
            f"{app.applicant_name}不服你单位{_act(app)}，于{_date(app.received_on)}向本机关申请"
            f"行政复议。本机关已于{_date(case.accepted_on)}依法受理（案号：{case.number}），"
            f"适用{_procedure(case)}审理。",
            f"根据{LAW}{article}的规定，现将{copy}发送你单位。请你单位自收到之日起{days}个"
            "工作日内，提出书面答复，并提交作出该行政行为的证据、依据和其他有关材料。",
            f"你单位逾期不提出书面答复、不提交作出行政行为的证据、依据和其他有关材料的，视为该"
            f"行政行为没有证据、依据（{LAW}第七十条）。行政复议期间，你单位不得自行向申请人和"
            "其他有关单位或者个人收集证据；自行收集的证据不作为认定行政行为合法性、适当性的"
            f"依据（{LAW}第四十六条）。",
        ],
        "annex": [f"附件：{copy}"],
        "signature": body_name(case.unit),
        "date": _date(case.copy_sent_on),
        "subject": f"{TITLES['answer']} {number}",
    }


# --- to the parties -----------------------------------------------------------------------


def _course(case: Case) -> list[str]:
    """How the case went: acceptance, hearing, pause and extension as recorded."""
    app = case.application
    text = (
        f"申请人不服被申请人{_act(app)}，于{_date(app.received_on)}向本机关申请行政复议。"
        f"本机关于{_date(case.accepted_on)}依法受理（案号：{case.number}），适用"
        f"{_procedure(case)}审理。"
    )
    if case.suspended_on:
        text += f"本案于{_date(case.suspended_on)}中止审理"
        text += f"，于{_date(case.resumed_on)}恢复审理。" if case.resumed_on else "。"
    if case.extended_days:
        text += f"经行政复议机构负责人批准，审理期限延长{cn_number(case.extended_days)}日。"
    if case.hearing_on:
        text += f"本机关于{_date(case.hearing_on)}依法举行了听证。"
    return [text + "本案现已审理终结。"]


def decision(case: Case) -> dict:
    app = case.application
    outcome = Outcome(case.outcome)
    article, sentence = OUTCOME_TEXT[outcome]
    if case.no_answer:
        response = (
            "被申请人未在法定期限内提出书面答复、提交作出行政行为的证据、依据和其他有关材料，"
            f"依照{LAW}第七十条的规定，视为该行政行为没有证据、依据。"
        )
        if outcome in NO_ANSWER_OUTCOMES:
            article = f"第七十条、{article}"
    elif case.answered_on:
        response = (
            f"被申请人于{_date(case.answered_on)}提出书面答复，并提交了作出行政行为的证据、"
            "依据和其他有关材料。"
        )
    else:
        response = "被申请人未提出书面答复。"
    decided = [
        f"根据{LAW}{article}的规定，本机关决定：{sentence.format(act=_act(app))}",
        f"本决定书一经送达，即发生法律效力（{LAW}第七十五条）。",
    ]
    if outcome != Outcome.UPHOLD and outcome != Outcome.DISMISS:
        decided.append(f"被申请人应当履行本决定（{LAW}第七十七条）。")
    return {
        "title": TITLES["decision"],
        "preamble": [case.decision_number],
        "body": [*_applicant_lines(app), f"被申请人：{case.respondent_name}。", *_course(case)],
        "sections": [
            {
                "heading": "一、申请人的请求和理由",
                "paragraphs": [
                    f"申请人请求：{_sentence(app.requests)}",
                    f"申请人称：{_sentence(app.reasons)}",
                ],
            },
            {"heading": "二、被申请人的答复", "paragraphs": [response]},
            {
                "heading": "三、本机关查明的事实和认定",
                "paragraphs": [_sentence(case.decision_summary)],
            },
            {"heading": "四、行政复议决定", "paragraphs": decided},
            {"heading": "五、救济途径", "paragraphs": [REMEDY]},
        ],
        "signature": body_name(case.unit),
        "date": _date(case.decided_on),
        "subject": f"{TITLES['decision']} {case.decision_number}",
    }


def letter(item: OpinionLetter) -> dict:
    """行政复议意见书 (第76条) or 建议书, from the letter's own fields."""
    body = []
    if item.case_id:
        case = item.case
        body.append(
            f"本机关在办理{case.number}行政复议案件（申请人{case.application.applicant_name}，"
            f"被申请人{case.respondent_name}）过程中，发现以下问题："
        )
    body.append(_sentence(item.content))
    if item.kind == OpinionLetter.Kind.OPINION:
        body.append(
            f"根据{LAW}第七十六条的规定，请你单位自收到本意见书之日起"
            f"{cn_number(conf.opinion_report_days())}日内，将纠正相关违法或者不当行政行为的"
            "情况报送本机关。"
        )
    else:
        due = item.deadline.due_date if item.deadline_id and item.deadline.due_date else None
        body.append(
            "请你单位研究采纳，"
            + (f"并于{_date(due)}前将落实情况函告本机关。" if due else "并将落实情况函告本机关。")
        )
    title = item.get_kind_display()
    return {
        "title": title,
        "preamble": [item.number],
        "addressee": f"{item.addressee.name}：",
        "body": body,
        "signature": body_name(item.unit),
        "date": _date(item.issued_on),
        "subject": f"{title} {item.number}",
    }


# --- rendering ----------------------------------------------------------------------------


def _render(doc: dict) -> bytes:
    """``gongwen.render`` with the text before the headings called ``body`` (the number
    first, flush with the body) and an 附件说明 after the text (GB/T 9704-2012 7.3.4)."""
    document = gongwen.new_document(
        title=doc["title"], author=doc["signature"], subject=doc.get("subject", "")
    )
    gongwen.add_title(document, doc["title"])
    for line in doc.get("preamble") or ():
        p = gongwen.add_body(document, line)  # the 文号, centred under the title
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        gongwen.set_indent_chars(p.paragraph_format)
    if doc.get("addressee"):
        gongwen.add_addressee(document, doc["addressee"])
    for paragraph in doc.get("body") or ():
        gongwen.add_body(document, paragraph)
    for section in doc.get("sections") or ():
        gongwen.add_heading(document, section["heading"], 1)
        for paragraph in section.get("paragraphs") or ():
            gongwen.add_body(document, paragraph)
    for line in doc.get("annex") or ():
        gongwen.add_body(document, line)
    gongwen.add_closing(document, doc["signature"], doc.get("date", ""))
    return gongwen.to_bytes(document)


def compose(obj, kind: str, *, actor) -> dict:
    """The document ``kind`` of ``obj`` as a dict of strings, numbering a notice the first
    time it is made (``services.documents``). Call ``refusal`` first."""
    if isinstance(obj, OpinionLetter):
        return letter(obj)
    if kind == "decision":
        return decision(obj)
    dates = {
        "correction": lambda o: o.correction_notified_on,
        "rejection": lambda o: o.decided_on,
        "acceptance": lambda o: o.accepted_on,
        "answer": lambda o: o.copy_sent_on,
    }
    number = documents.notice_number(obj, kind, on=dates[kind](obj), actor=actor)
    return {
        "correction": correction,
        "rejection": rejection,
        "acceptance": acceptance,
        "answer": answer,
    }[kind](obj, number)


def render(obj, kind: str, *, actor) -> tuple[dict, bytes]:
    doc = compose(obj, kind, actor=actor)
    return doc, _render(doc)
