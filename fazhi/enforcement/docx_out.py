"""The case's 文书 as DOCX in 公文 layout: 立案审批表, 行政处罚告知书, 听证告知书 and
行政处罚决定书, each numbered with the case number (决定书: the decision number); a
简易程序 case's 当场行政处罚决定书 (``docx_summary``).

Layout comes from ``fazhi.core.gongwen`` (GB/T 9704-2012), as the 审查意见书 of legal; this
module only composes the text from the case. The contents follow 行政处罚法 第44条 (告知:
拟作出的处罚内容及事实、理由、依据, 陈述、申辩、要求听证的权利), 第63—64条 (听证), and
第59条 (决定书: 当事人, 违法事实和证据, 依据, 处罚种类和依据, 履行方式和期限, 救济途径,
机关名称和日期). The proposal of a 告知书 is the one typed on the case page (``proposal``);
once decided, the decision's own figures.
"""

from __future__ import annotations

from decimal import Decimal

from fazhi.core import gongwen

from .models import Case, CaseKind, Party

TITLES = {
    "filing": "立案审批表",
    "notice": "行政处罚告知书",
    "hearing": "听证告知书",
    "decision": "行政处罚决定书",
    "summary": "当场行政处罚决定书",
}


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def available(case: Case) -> list[str]:
    """Which 文书 the case can give now: the 立案审批表 always; the 告知书 of a penalty
    case in the ordinary procedure once investigated; the 决定书 once decided."""
    if case.procedure == Case.Procedure.SUMMARY:
        from .docx_summary import available as summary_available

        return ["summary"] if summary_available(case) else []
    if case.procedure != Case.Procedure.ORDINARY:
        return []
    out = ["filing"]
    if case.kind == CaseKind.PENALTY:
        if case.stage != Case.Stage.FILED:
            out += ["notice", "hearing"]
        if case.decided_on:
            out.append("decision")
    return out


def _party_lines(case: Case) -> list[str]:
    lines = []
    for p in case.parties.all():
        if p.kind == Party.Kind.PERSON:
            line = f"当事人：{p.name}，身份证号：{p.id_number}"
        else:
            line = f"当事人：{p.name}，统一社会信用代码：{p.uscc}"
            if p.representative:
                line += f"，法定代表人（负责人）：{p.representative}"
        if p.address:
            line += f"，住址（住所）：{p.address}"
        lines.append(line + "。")
    return lines


def _addressee(case: Case) -> str:
    return "、".join(p.name for p in case.parties.all()) + "："


def _basis(case: Case) -> str:
    if case.power_id:
        return f"{case.power.legal_basis}（执法事项：{case.power.code} {case.power.name}）"
    return "（未关联权责清单事项）"


def _penalty_text(fine: Decimal, confiscation: Decimal, revocation: bool) -> str:
    parts = []
    if fine:
        parts.append(f"罚款人民币{fine:.2f}元")
    if confiscation:
        parts.append(f"没收违法所得、非法财物人民币{confiscation:.2f}元")
    if revocation:
        parts.append("吊销许可证件（责令关闭、限制从业）")
    return "、".join(parts) or "警告"


def _officers(case: Case) -> str:
    return "、".join(
        f"{a.officer.name}（执法证号{a.officer.certificate_number}）"
        for a in case.assignments.select_related("officer")
    )


def filing(case: Case) -> dict:
    facts = [
        f"案件类别：{case.get_kind_display()}（{case.get_procedure_display()}）。",
        f"案由：{case.title}。",
        *_party_lines(case),
        f"执法依据：{_basis(case)}。",
    ]
    if case.facts:
        facts.append(f"基本案情：{case.facts}")
    return {
        "title": TITLES["filing"],
        "preamble": [f"案号：{case.number}"],
        "sections": [
            {"heading": "一、案件基本情况", "paragraphs": facts},
            {
                "heading": "二、承办人员",
                "paragraphs": [
                    f"{_officers(case)}。"
                    + ("现场执法，由两名以上执法人员实施。" if case.on_site else "")
                ],
            },
            {
                "heading": "三、审批意见",
                "paragraphs": [
                    f"经审查，符合立案条件，同意立案。立案日期：{_date(case.filed_on)}。"
                ],
            },
        ],
        "signature": case.agency.name,
        "date": _date(case.filed_on),
        "subject": f"{TITLES['filing']} {case.number}",
    }


def _proposal(case: Case, proposal: dict | None) -> tuple[Decimal, Decimal, bool]:
    if case.decided_on:
        return case.fine, case.confiscation, case.revokes_license
    p = proposal or {}
    return (
        Decimal(str(p.get("fine") or 0)),
        Decimal(str(p.get("confiscation") or 0)),
        bool(p.get("revocation")),
    )


def notice(case: Case, proposal: dict | None = None) -> dict:
    fine, confiscation, revocation = _proposal(case, proposal)
    step = case.steps.filter(stage=Case.Stage.NOTIFIED).order_by("on").first()
    day = step.on if step else None
    rights = (
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、"
        "申辩的权利。如有陈述、申辩意见，请于收到本告知书之日起五个工作日内向本机关提出；"
        "逾期未提出的，视为放弃上述权利。"
    )
    return {
        "title": TITLES["notice"],
        "addressee": _addressee(case),
        "preamble": [
            f"{case.number}",
            f"本机关于{_date(case.filed_on)}对你（单位）{case.title}一案立案调查。"
            f"经查，{case.facts or case.title}。",
        ],
        "sections": [
            {"heading": "一、当事人", "paragraphs": _party_lines(case)},
            {
                "heading": "二、拟作出的行政处罚",
                "paragraphs": [
                    f"依据{_basis(case)}，本机关拟对你（单位）作出如下行政处罚："
                    f"{_penalty_text(fine, confiscation, revocation)}。"
                ],
            },
            {"heading": "三、当事人的权利", "paragraphs": [rights]},
        ],
        "signature": case.agency.name,
        "date": _date(day),
        "subject": f"{TITLES['notice']} {case.number}",
    }


def hearing(case: Case, proposal: dict | None = None) -> dict:
    fine, confiscation, revocation = _proposal(case, proposal)
    return {
        "title": TITLES["hearing"],
        "addressee": _addressee(case),
        "preamble": [
            f"{case.number}",
            f"本机关拟对你（单位）{case.title}一案作出"
            f"{_penalty_text(fine, confiscation, revocation)}的行政处罚。",
        ],
        "sections": [
            {
                "heading": "一、听证权利",
                "paragraphs": [
                    "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）"
                    "有权要求举行听证。如要求听证，请于收到本告知书之日起五个工作日内向本机关"
                    "提出；逾期未提出的，视为放弃听证权利。",
                    "本机关将在举行听证的七日前，通知你（单位）举行听证的时间、地点。",
                ],
            },
            {"heading": "二、依据", "paragraphs": [f"{_basis(case)}。"]},
        ],
        "signature": case.agency.name,
        "date": _date(case.hearing_notified_on),
        "subject": f"{TITLES['hearing']} {case.number}",
    }


def decision(case: Case) -> dict:
    result = case.get_outcome_display()
    if case.outcome in (Case.Outcome.PENALTY, Case.Outcome.LIGHT_PENALTY):
        result = _penalty_text(case.fine, case.confiscation, case.revokes_license)
    sections = [
        {"heading": "一、当事人", "paragraphs": _party_lines(case)},
        {
            "heading": "二、违法事实和证据",
            "paragraphs": [
                f"本机关于{_date(case.filed_on)}对{case.title}一案立案调查。",
                case.facts or "违法事实见案卷所附调查笔录及证据材料。",
            ],
        },
        {
            "heading": "三、处罚依据和决定",
            "paragraphs": [f"依据{_basis(case)}，本机关决定：{result}。"],
        },
    ]
    if case.band_id:
        sections[-1]["paragraphs"].append(
            f"适用裁量基准：{case.band.standard.code} {case.band.standard.violation}，"
            f"{case.band.get_circumstance_display()}情节。"
        )
    if case.outside_band_reason:
        sections[-1]["paragraphs"].append(f"超出裁量阶次的理由：{case.outside_band_reason}")
    if case.fine or case.confiscation:
        sections.append(
            {
                "heading": "四、履行方式和期限",
                "paragraphs": [
                    "请于收到本决定书之日起十五日内缴纳罚没款。到期不缴纳的，本机关可以依照"
                    "《中华人民共和国行政处罚法》第七十二条的规定每日按罚款数额的百分之三加处罚款。"
                ],
            }
        )
    sections.append(
        {
            "heading": f"{'五' if len(sections) == 4 else '四'}、救济途径",
            "paragraphs": [
                case.agency.remedies
                or "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，"
                "或者在六个月内依法向人民法院提起行政诉讼。"
            ],
        }
    )
    return {
        "title": TITLES["decision"],
        "preamble": [case.decision_number],
        "sections": sections,
        "signature": case.agency.name,
        "date": _date(case.decided_on),
        "subject": f"{TITLES['decision']} {case.decision_number}",
    }


def render(case: Case, doc: str, proposal: dict | None = None) -> bytes:
    if doc == "filing":
        return gongwen.render(filing(case))
    if doc == "notice":
        return gongwen.render(notice(case, proposal))
    if doc == "hearing":
        return gongwen.render(hearing(case, proposal))
    if doc == "decision":
        return gongwen.render(decision(case))
    if doc == "summary":
        from .docx_summary import summary

        return gongwen.render(summary(case))
    raise KeyError(doc)
