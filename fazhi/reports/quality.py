"""Quality check of a report: the five required parts (厅字〔2019〕28号), figures without a
source, sections without figures, and lateness against the deadlines (rules.md §7)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from fazhi.indicators.registry import indicator_name

from .deadlines import publish_due, report_due
from .export import iter_figures

REQUIRED = [
    ("主要举措和成效", ("举措", "成效")),
    ("存在的不足和原因", ("不足",)),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", ("第一责任人",)),
    ("下一年度主要安排", ("安排", "打算", "计划")),
    ("其他需要报告的情况", ("其他",)),
]
# A number typed into the text with a counting unit, e.g. "56件", "98.5%", "3000余人次".
# Years, dates, 〔2025〕3号 document numbers and 第N条 article numbers are not figures.
TYPED_FIGURE = re.compile(
    r"(?<![〔\[（(第\d.])(\d+(?:\.\d+)?)(余|多)?(万)?"
    r"(件|项|次|人次|人|名|%|条|份|卷|家|户|个|场次|场|期|本|万元|元)"
)
NOT_FIGURE = re.compile(r"\d{4}年|\d{1,2}月|\d{1,2}日|〔\d{4}〕\d+号|第\d+")
PLACEHOLDER = re.compile(r"\{[^}]*\}|【[^】]*】|XX|××|＿＿|__")


@dataclass
class Quality:
    missing_sections: list[str] = field(default_factory=list)
    # Required parts present only as a heading, with nothing written under them.
    empty_sections: list[str] = field(default_factory=list)
    unsourced: list[str] = field(default_factory=list)
    sections_without_figures: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    # Figures that went the wrong way with no cause given (填报说明 or the editor's words).
    unexplained: list[str] = field(default_factory=list)
    figures: int = 0
    lateness: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing_sections or self.unsourced or self.placeholders)


def _text_segments(paragraph):
    """Text typed by hand: not a figure, not quoted from a record."""
    return [seg["text"] for seg in paragraph if not ({"figure", "origin", "derived"} & seg.keys())]


def _is_required(heading: str) -> bool:
    return any(any(w in heading for w in words) for _, words in REQUIRED)


def _has_text(section) -> bool:
    """Does the section (or a subsection) hold a paragraph with any visible text?"""
    for p in section.get("paragraphs", []):
        if "".join(seg.get("text", "") for seg in p).strip():
            return True
    return any(_has_text(s) for s in section.get("subsections", []))


def publication_blockers(q: Quality, *, year: int, on: dt.date) -> list[str]:
    """What stops publication unless an approver records a reason: a required part
    missing or empty (厅字〔2019〕28号 第24条 lists the five parts the report covers), or a
    report for a year that has not ended (it reports on the whole year)."""
    out = []
    if q.missing_sections:
        out.append(f"缺少必备部分：{'、'.join(q.missing_sections)}")
    if q.empty_sections:
        out.append(f"必备部分没有内容：{'、'.join(q.empty_sections)}")
    if on <= dt.date(year, 12, 31):
        out.append(f"{year}年度尚未结束（{on:%Y年%m月%d日}），报告应在年度结束后发布")
    return out


def _walk(sections, path=()):
    for s in sections:
        here = (*path, s["heading"])
        yield here, s
        yield from _walk(s.get("subsections", []), here)


def check(
    doc: dict, *, year: int, published_on: dt.date | None = None, today: dt.date | None = None
) -> Quality:
    q = Quality()
    headings = [s["heading"] for s in doc.get("sections", [])]
    for name, words in REQUIRED:
        if not any(any(w in h for w in words) for h in headings):
            q.missing_sections.append(name)
    for s in doc.get("sections", []):
        if _is_required(s["heading"]) and not _has_text(s):
            q.empty_sections.append(s["heading"])
    q.figures = sum(1 for _ in iter_figures(doc))
    for ref in iter_figures(doc):
        fig = ref.figure
        if not fig.get("source_url"):
            q.unsourced.append(f"{ref.where}：“{ref.text}”没有来源")
        if fig.get("lag_explained") is False:
            name = indicator_name(fig.get("code", ""))
            q.unexplained.append(f"{name}{ref.text}较上年回落，尚未说明原因")
    paragraphs = [([], p) for p in doc.get("preamble", [])]
    for path, s in _walk(doc.get("sections", [])):
        paragraphs += [(path, p) for p in s.get("paragraphs", [])]
    for path, p in paragraphs:
        for text in _text_segments(p):
            cleaned = NOT_FIGURE.sub(" ", text)
            for m in TYPED_FIGURE.finditer(cleaned):
                where = path[-1] if path else "开头"
                q.unsourced.append(f"{where}：手工输入的数字“{m.group(0)}”没有关联数据来源")
            for m in PLACEHOLDER.finditer(text):
                q.placeholders.append(f"{path[-1] if path else '开头'}：“{m.group(0)}”")
    for s in doc.get("sections", []):
        has = any(True for _ in iter_figures({"title": "x", "sections": [s]}))
        if not has:
            q.sections_without_figures.append(s["heading"])
    today = today or timezone.localdate()
    due, pub_due = report_due(year), publish_due(year)
    if published_on is None:
        if today > pub_due:
            q.lateness.append(f"应于{pub_due:%Y年%m月%d日}前向社会公开，至今未发布")
    elif published_on > pub_due:
        q.lateness.append(
            f"于{published_on:%Y年%m月%d日}发布，晚于{pub_due:%Y年%m月%d日}的公开期限"
        )
    if published_on is None and today > due:
        q.lateness.append(f"应于{due:%Y年%m月%d日}前报送上级，请核实报送情况")
    return q
