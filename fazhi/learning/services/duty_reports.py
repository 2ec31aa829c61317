"""述法: a leader's annual report on performing the duties of 法治建设, written or at a
meeting, and the evaluation it received (《关于完善国家工作人员学法用法制度的意见》(2016): 述法
as part of the annual 述职; 《党政主要负责人履行推进法治建设第一责任人职责规定》第十条: 述法
on the principal leaders' 法治 duties). One report per official and year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.rule_checks import need_change, past, record, required

from .. import rules
from ..models import LawDutyReport, Official

REP = LawDutyReport
WHAT = "本单位的述法"
SNAPSHOT = ("form", "reported_on", "meeting", "evaluation", "score", "evaluated_on",
            "evaluated_by")  # fmt: skip
FIRST_YEAR = 2004


def snap(rep: LawDutyReport) -> dict:
    return {f: getattr(rep, f) for f in SNAPSHOT}


def check_year(year, today: dt.date) -> int:
    """A 述法 year that has begun (a year's report may be given early the next year)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("请填写述法年度") from None
    if year < FIRST_YEAR or year > today.year:
        raise ValidationError(f"述法年度应在{FIRST_YEAR}年至{today.year}年之间")
    return year


def _check_leader(official: Official) -> None:
    if official.level not in rules.LEADER_LEVELS:
        raise ValidationError("只有党政主要负责人或领导班子成员述法")


def _check_form(form: str, meeting: str) -> str:
    if form not in dict(rules.DUTY_REPORT_FORMS):
        raise ValidationError("请选择述法形式（现场述法或书面述法）")
    meeting = (meeting or "").strip()
    if form == "meeting" and not meeting:
        raise ValidationError("现场述法请填写述法会议的名称")
    if len(meeting) > 120:
        raise ValidationError("述法会议不能超过120字")
    return meeting if form == "meeting" else ""


def _check_date(reported_on: dt.date | None, year: int) -> dt.date:
    """The report looks back on the year: given in that year or the next one."""
    reported_on = past(reported_on, "述法日期")
    if reported_on.year not in (year, year + 1):
        raise ValidationError(f"{year}年度的述法日期应在{year}年或{year + 1}年内")
    return reported_on


@transaction.atomic
def record_report(
    *, official: Official, year, form: str, reported_on: dt.date, meeting: str = "",
    content: str, actor,
) -> LawDutyReport:  # fmt: skip
    """Register a leader's 述法 for a year."""
    from fazhi.core.rule_checks import today

    if official is None:
        raise ValidationError("请选择述法人")
    need_change(actor, official.unit, WHAT)
    _check_leader(official)
    year = check_year(year, today())
    meeting = _check_form(form, meeting)
    reported_on = _check_date(reported_on, year)
    content = required(content, "述法内容摘要", 20000)
    if REP.objects.filter(official=official, year=year).exists():
        raise ValidationError(f"{official.name}已有{year}年度的述法记录")
    rep = REP.objects.create(
        unit=official.unit, official=official, year=year, form=form, reported_on=reported_on,
        meeting=meeting, content=content, recorded_by=actor,
    )  # fmt: skip
    where = f"在{meeting}" if meeting else "书面"
    record(rep, "learning_duty_report_recorded", actor, rep.unit,
           f"登记{official.name}{year}年度述法（{reported_on:%Y-%m-%d}{where}述法）",
           after=snap(rep))  # fmt: skip
    return rep


@transaction.atomic
def edit_report(
    rep: LawDutyReport, *, form: str, reported_on: dt.date, meeting: str = "", content: str,
    version=None, actor,
) -> LawDutyReport:  # fmt: skip
    """Correct a registered 述法 (form, date, meeting, content); the event keeps both."""
    rep = REP.objects.select_for_update(of=("self",)).get(pk=rep.pk)
    need_change(actor, rep.unit, WHAT)
    meeting = _check_form(form, meeting)
    reported_on = _check_date(reported_on, rep.year)
    if rep.evaluated_on and reported_on > rep.evaluated_on:
        raise ValidationError("述法日期不能晚于评议日期")
    content = required(content, "述法内容摘要", 20000)
    claim(rep, version)
    before = snap(rep) | {"content": rep.content}
    rep.form, rep.reported_on, rep.meeting, rep.content = form, reported_on, meeting, content
    rep.save()
    record(rep, "learning_duty_report_edited", actor, rep.unit, "更正述法记录", before,
           snap(rep) | {"content": rep.content})  # fmt: skip
    return rep


def _score(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError("评议得分应为0至100之间的数") from None
    if not score.is_finite() or score < 0 or score > 100:
        raise ValidationError("评议得分应为0至100之间的数")
    return score.quantize(Decimal("0.1"))


@transaction.atomic
def evaluate(
    rep: LawDutyReport, *, evaluation: str, score=None, evaluated_by: str,
    evaluated_on: dt.date, version=None, actor,
) -> LawDutyReport:  # fmt: skip
    """Record the evaluation (评议) of a 述法: result, score out of 100, by whom and when. A
    later evaluation replaces the earlier one; the event keeps both."""
    rep = REP.objects.select_for_update(of=("self",)).get(pk=rep.pk)
    need_change(actor, rep.unit, WHAT)
    if evaluation not in dict(rules.EVALUATIONS):
        raise ValidationError("请选择评议结果")
    score = _score(score)
    evaluated_by = required(evaluated_by, "评议主体", 120)
    evaluated_on = past(evaluated_on, "评议日期")
    if evaluated_on < rep.reported_on:
        raise ValidationError(f"评议日期不能早于述法日期（{rep.reported_on:%Y-%m-%d}）")
    claim(rep, version)
    before = snap(rep)
    rep.evaluation, rep.score = evaluation, score
    rep.evaluated_by, rep.evaluated_on = evaluated_by, evaluated_on
    rep.save()
    label = rules.label(rules.EVALUATIONS, evaluation)
    record(rep, "learning_duty_report_evaluated", actor, rep.unit,
           f"述法评议：{label}" + (f"（{score}分）" if score is not None else "") + f"，{evaluated_by}",
           before, snap(rep))  # fmt: skip
    return rep
