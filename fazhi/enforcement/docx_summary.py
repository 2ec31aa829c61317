"""The 当场行政处罚决定书 of a 简易程序 case as DOCX, numbered with its decision number.

行政处罚法 第52条: the officers fill in a 预定格式、编有号码 decision on the spot stating 当事人
的违法行为, 行政处罚的种类和依据, 罚款数额, 时间, 地点, 申请行政复议、提起行政诉讼的途径和
期限 and 行政机关名称, signed or sealed by the officers, and hand it to the party. The
place is the one recorded with the decision (``services.decision.summary_place``); the
officers are the case's, with their certificate numbers (第55条: 出示执法证件). Payment:
第67条 (fifteen days, a bank or electronic payment), 第68—70条 (当场收缴 with a receipt),
第72条 (3% a day when late).
"""

from __future__ import annotations

from .docx_out import _basis, _date, _party_lines, _penalty_text
from .models import Case, CaseOfficer
from .services.decision import summary_place

TITLE = "当场行政处罚决定书"
NUMERALS = "一二三四五六七八九十"
DEFAULT_REMEDIES = (
    "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)


def _officers(case: Case) -> str:
    """The officers who acted, the 主办 first, each with the certificate shown (第55条)."""
    rows = sorted(
        case.assignments.select_related("officer"),
        key=lambda a: (a.role != CaseOfficer.Role.LEAD, a.pk),
    )
    return "、".join(f"{a.officer.name}（执法证号{a.officer.certificate_number}）" for a in rows)


def available(case: Case) -> bool:
    return case.procedure == Case.Procedure.SUMMARY and bool(case.decided_on)


def summary(case: Case) -> dict:
    place = summary_place(case)
    penalty = _penalty_text(case.fine, 0, False)
    parts = [
        ("当事人", _party_lines(case)),
        (
            "违法行为",
            [
                f"时间：{_date(case.decided_on)}。",
                f"地点：{place}。" if place else "地点：（作出决定时未登记）。",
                f"违法事实：{case.facts or case.title}。",
            ],
        ),
        (
            "行政处罚的种类和依据",
            [
                f"依据{_basis(case)}，依照《中华人民共和国行政处罚法》第五十一条、第五十二条的"
                f"规定，当场作出如下行政处罚：{penalty}。",
                f"罚款数额：人民币{case.fine:.2f}元。" if case.fine else "罚款数额：无（警告）。",
            ],
        ),
    ]
    if case.fine:
        parts.append(
            (
                "履行方式和期限",
                [
                    "请于收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款"
                    "（《中华人民共和国行政处罚法》第六十七条）；依法当场收缴罚款的，执法人员"
                    "当场出具专用票据（第六十八条、第七十条）。到期不缴纳罚款的，每日按罚款数额"
                    "的百分之三加处罚款（第七十二条）。"
                ],
            )
        )
    parts.append(
        ("申请行政复议、提起行政诉讼的途径和期限", [case.agency.remedies or DEFAULT_REMEDIES])
    )
    parts.append(
        (
            "执法人员",
            [
                f"{_officers(case)}。",
                "执法人员签名：",
                "当事人签收：（当事人拒绝签收的，由执法人员在本决定书上注明）",
            ],
        )
    )
    return {
        "title": TITLE,
        "preamble": [case.decision_number],
        "sections": [
            {"heading": f"{NUMERALS[i]}、{heading}", "paragraphs": paragraphs}
            for i, (heading, paragraphs) in enumerate(parts)
        ],
        "signature": case.agency.name,
        "date": _date(case.decided_on),
        "subject": f"{TITLE} {case.decision_number}",
    }
