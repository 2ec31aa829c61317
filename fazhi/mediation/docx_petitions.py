"""The written instruments of a 信访事项 as DOCX in 公文 layout (core.gongwen): the 受理告知书
or 不予受理告知书 (信访工作条例 第二十三条、第三十二条) and the 信访处理意见书 of a 申诉求决
petition (第三十四条), with the petitioner's right to 复查 (第三十五条). Built from the
record as it stands; the 处理意见书's number is the one the handling unit gave it."""

from __future__ import annotations

import datetime as dt

from fazhi.core import gongwen

from .models import Petition

KINDS = ("notice", "opinion")


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def refusal(p: Petition, kind: str) -> str:
    """Why the record cannot give the document yet ("" when it can)."""
    if kind == "notice" and p.notified_on is None:
        return "尚未登记书面告知是否受理，不能制作告知书"
    if kind == "opinion" and (p.category != "claim" or p.concluded_on is None):
        return "只有已办结的申诉求决类信访事项有信访处理意见书"
    return ""


def _opening(p: Petition) -> str:
    return (
        f"你{'们' if p.is_group else ''}于{cn_date(p.received_on)}提出的关于“{p.subject}”的"
        f"信访事项（编号{p.number}）"
    )


def document(p: Petition, kind: str) -> dict:
    unit = p.handling_unit or p.unit
    if kind == "notice":
        if p.accepted:
            then = (
                "本机关将自受理之日起60日内办结，并出具信访处理意见书。"
                if p.category == "claim"
                else "本机关将依法处理，并将处理情况答复你。"
            )
            body = (
                f"{_opening(p)}，本机关已收到。经审查，该信访事项属于本机关职权范围，根据"
                f"《信访工作条例》第二十三条、第三十二条的规定，本机关决定自{cn_date(p.accepted_on)}"
                f"起予以受理。{then}"
            )
            title = "信访事项受理告知书"
        else:
            body = (
                f"{_opening(p)}，本机关已收到。经审查，{p.get_not_accepted_ground_display()}，"
                "根据《信访工作条例》的有关规定，本机关决定不予受理。"
            )
            title = "信访事项不予受理告知书"
        return {"title": title, "preamble": [], "addressee": f"{p.petitioner_name}：",
                "sections": [], "signature": unit.name, "date": cn_date(p.notified_on),
                "subject": p.number, "body": [body, "特此告知。"]}  # fmt: skip
    body = [
        f"{_opening(p)}，本机关于{cn_date(p.accepted_on)}受理。经调查核实，现提出处理意见如下：",
        *[line for line in p.opinion.splitlines() if line.strip()],
        f"处理结果：{p.get_result_display()}。",
        "如对本处理意见不服，可以自收到本意见书之日起30日内请求本机关的上一级行政机关复查"
        "（《信访工作条例》第三十五条）。",
    ]
    return {"title": "信访处理意见书", "preamble": [p.opinion_number], "addressee":
            f"{p.petitioner_name}：", "sections": [], "signature": unit.name,
            "date": cn_date(p.concluded_on), "subject": p.number, "body": body}  # fmt: skip


def render(p: Petition, kind: str) -> tuple[dict, bytes]:
    doc = document(p, kind)
    document_ = gongwen.new_document(title=doc["title"], author=doc["signature"],
                                     subject=doc["subject"])  # fmt: skip
    gongwen.add_title(document_, doc["title"])
    for line in doc["preamble"]:
        gongwen.add_body(document_, line)
    gongwen.add_addressee(document_, doc["addressee"])
    for line in doc["body"]:
        gongwen.add_body(document_, line)
    gongwen.add_closing(document_, doc["signature"], doc["date"])
    return doc, gongwen.to_bytes(document_)
