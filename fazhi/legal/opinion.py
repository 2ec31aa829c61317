"""The opinion letter (审查意见书) as DOCX in 公文 layout, rendered from a concluded review.

Layout and typography come from ``fazhi.core.gongwen`` (GB/T 9704-2012: A4, margins, 2号小标宋
title, 3号仿宋 body, 主送机关, signature and date); this module only composes the text.
"""

from __future__ import annotations

from fazhi.core import gongwen
from fazhi.core.calendar import calendar
from fazhi.core.workdays import CalendarMissing

from .models import LegalReview


def _date(d) -> str:
    """成文日期 in Arabic numerals, month and day without padding (GB/T 9704-2012 7.3.5.1)."""
    return f"{d.year}年{d.month}月{d.day}日"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def reviewed(review: LegalReview) -> list[str]:
    """What the opinion was given on: as fixed when it was given; for a review concluded
    before that was recorded (a ledger import), what is linked and attached now."""
    from .services import reviewed_materials

    return list(review.reviewed_materials) or reviewed_materials(review)


def letter(review: LegalReview) -> dict:
    """The letter as a ``gongwen.render`` document dict (paragraphs are strings)."""
    title = review.subject_title
    quoted = title if title.startswith("《") else f"“{title}”"
    pauses = []
    if review.deadline_id:
        pauses = [p for p in review.deadline.pauses.all() if p.end is not None]
    intro = (
        f"你单位于{_date(review.submitted_on)}送审的{quoted}及相关材料收悉。"
        f"我单位依法对其进行了{review.letter_title.removesuffix('意见书')}，现将意见函告如下。"
    )
    facts = [
        f"送审事项：{title}（{review.get_kind_display()}）。",
        f"送审单位：{review.unit.name}；送审日期：{_date(review.submitted_on)}。",
    ]
    materials = reviewed(review)
    if materials:
        facts.append(f"审查的材料：{'；'.join(materials)}。")
    for p in pauses:
        facts.append(f"{_date(p.start)}至{_date(p.end)}，送审单位补充材料，该期间不计入审查时间。")
    try:
        spent = calendar().working_days_between(
            review.submitted_on, review.concluded_on, [(p.start, p.end) for p in pauses]
        )
        facts.append(
            f"审查时间：{_date(review.submitted_on)}至{_date(review.concluded_on)}，"
            f"计{spent}个工作日" + ("（补充材料期间不计入）。" if pauses else "。")
        )
    except CalendarMissing:
        pass
    if review.early_reason:
        facts.append(f"提前出具意见的理由：{review.early_reason}。")
    conclusion = {
        LegalReview.Opinion.LAWFUL: "经审查，送审稿在制定主体、权限、程序和内容等方面符合有关法律、法规、规章和国家政策的规定，审查结论为：合法。",
        LegalReview.Opinion.LAWFUL_IF_AMENDED: "经审查，送审稿总体符合有关法律、法规、规章的规定，按照下列意见修改后合法。审查结论为：修改后合法。",
        LegalReview.Opinion.UNLAWFUL: "经审查，送审稿存在下列不合法情形，审查结论为：不合法。未经修改并重新审查，不得提交讨论决定或者签署、印发。",
    }[review.opinion]
    opinion_paras = [conclusion, *_paragraphs(review.reasons)]
    sections = [
        {"heading": "一、审查事项", "paragraphs": facts},
        {"heading": "二、审查意见", "paragraphs": opinion_paras},
    ]
    if review.adviser_id:
        a = review.adviser
        sections.append(
            {
                "heading": "三、法律顾问意见",
                "paragraphs": [
                    f"审查过程中征询了{a.get_kind_display()}{a.name}"
                    f"（{a.employer}）的法律意见，其意见已在本审查意见中予以吸收。"
                ],
            }
        )
    sections.append(
        {
            "heading": f"{'四' if review.adviser_id else '三'}、其他说明",
            "paragraphs": [
                "本意见仅对送审稿的合法性提出意见，不代替送审单位对其内容"
                "合理性、可行性的研究论证。请送审单位根据本意见修改完善，并将采纳情况"
                "随同送审稿一并提交讨论决定。"
            ],
        }
    )
    preamble = []
    if review.opinion_number:
        preamble.append(review.opinion_number)
    preamble.append(intro)
    return {
        "title": review.letter_title,
        "addressee": f"{review.unit.name}：",
        "preamble": preamble,
        "sections": sections,
        "signature": review.reviewer_unit.name,
        "date": _date(review.concluded_on),
        "subject": review.letter_title,
    }


def render(review: LegalReview) -> bytes:
    return gongwen.render(letter(review))
