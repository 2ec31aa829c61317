"""学法用法, 普法 and leadership figures computed from the records: one grouped query per
figure (a few for the hours) for all units, the government's unit carrying the district
figure (as every module does).

* learning.study_sessions — 会前学法 sessions held in the year before a 常务会议, by the
  unit that held them. The district's figure is the government's own (区政府常务会议会前
  学法, as the report's sentence says), not a sum over the townships' meetings.
* learning.collective_study — the other 学法 sessions held in the year (理论学习中心组、集体
  学法、法治讲座), summed over the units.
* learning.trainings — training courses (期) opened in the year; learning.training_attendees
  — their attendance (人次), by the unit that held them.
* learning.court_observers — distinct officials who attended a 旁听庭审 in the year, by
  the official's unit.
* learning.law_duty_reports — officials who gave their 述法 for the year at a meeting
  (现场述法); learning.law_duty_reports_written — in writing; by the official's unit.
* learning.exam_participants — distinct officials who sat the year's 法治理论知识考试 (not
  absent); learning.exam_pass_rate — the share of them who reached the exam's pass mark, %.
* learning.hours_below_minimum — officials whose 学法 hours of the year (sessions attended,
  training hours earned, 旁听庭审, other credited hours) fall short of the district's
  minimum (conf.py; the leaders' minimum for 领导干部), by their unit: counted by
  ``hours.py``, as the 学法学时 page shows them (in service in the year and not since
  left).
* learning.legal_education_activities / learning.legal_education_reach — 普法 activities
  held in the year and their audience (人次), by the unit that held them (谁执法谁普法).
* leadership.rule_of_law_topics — 法治 items on the agendas of the 常务会议 held in the year;
  leadership.rule_of_law_meetings — the 常务会议 with at least one. The district's figure
  is the government's own (区政府常务会议), like the 会前学法.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum

from fazhi.indicators.registry import (
    government,
    pooled_rates,
    register,
    with_total,
)

from . import conf, hours, rules
from .models import (
    CourtObservation,
    Exam,
    ExamResult,
    LawDutyReport,
    LeadershipMeeting,
    LegalEducationActivity,
    MeetingTopic,
    Official,
    StudySession,
    Training,
)

BASE = "/office/learning/"
SESSIONS = f"{BASE}sessions/"
TRAININGS = f"{BASE}trainings/"
COURT = f"{BASE}court/"
DUTY_REPORTS = f"{BASE}duty-reports/"
EXAMS = f"{BASE}exams/"
HOURS = f"{BASE}hours/"
ACTIVITIES = f"{BASE}education/activities/"
MEETINGS = f"{BASE}meetings/"

PRE_MEETING = StudySession.Kind.PRE_MEETING
EXECUTIVE = LeadershipMeeting.Kind.EXECUTIVE


# --- the records each figure counts (code → fn(year) → queryset), for the lists' ?figure= --


def pre_meeting(year: int):
    return StudySession.objects.filter(kind=PRE_MEETING, held_on__year=year)


def collective(year: int):
    return StudySession.objects.filter(held_on__year=year).exclude(kind=PRE_MEETING)


def trainings_opened(year: int):
    return Training.objects.filter(starts_on__year=year)


def observers(year: int):
    return Official.objects.filter(
        pk__in=CourtObservation.attendees.through.objects.filter(
            courtobservation__held_on__year=year
        ).values("official_id")
    )


def duty_reports(year: int, form: str):
    return LawDutyReport.objects.filter(year=year, form=form)


def sat(year: int):
    """The results of the year's exams of those who sat them (not absent, a score)."""
    return ExamResult.objects.filter(exam__year=year, absent=False, score__isnull=False)


def below_minimum(year: int):
    return Official.objects.filter(pk__in=_below_minimum_ids(year))


def activities(year: int):
    return LegalEducationActivity.objects.filter(held_on__year=year)


def executive_topics(year: int):
    return MeetingTopic.objects.filter(meeting__kind=EXECUTIVE, meeting__held_on__year=year)


def executive_meetings(year: int):
    return LeadershipMeeting.objects.filter(
        kind=EXECUTIVE, held_on__year=year, pk__in=MeetingTopic.objects.values("meeting_id")
    )


RECORDS = {
    "learning.study_sessions": pre_meeting,
    "learning.collective_study": collective,
    "learning.trainings": trainings_opened,
    "learning.training_attendees": trainings_opened,
    "learning.court_observers": observers,
    "learning.law_duty_reports": lambda y: duty_reports(y, LawDutyReport.Form.MEETING),
    "learning.law_duty_reports_written": lambda y: duty_reports(y, LawDutyReport.Form.WRITTEN),
    "learning.exam_participants": lambda y: Exam.objects.filter(year=y),
    "learning.exam_pass_rate": lambda y: Exam.objects.filter(year=y),
    "learning.hours_below_minimum": below_minimum,
    "learning.legal_education_activities": activities,
    "learning.legal_education_reach": activities,
    "leadership.rule_of_law_topics": executive_meetings,
    "leadership.rule_of_law_meetings": executive_meetings,
}


# --- hours (hours.py: the same count the 学法学时 page shows) ---------------------------


def _hour_rows(year: int) -> list:
    return hours.year_rows(Official.objects.all(), year)


def hours_by_official(year: int) -> dict[int, Decimal]:
    """{official: 学法 hours of the year} for the officials in service in the year, as
    ``hours.py`` counts them (sessions attended, training hours earned in courses that ended
    in the year, 旁听庭审, other credited hours: four grouped queries)."""
    return {row.official.pk: row.total for row in _hour_rows(year)}


def _below_minimum_ids(year: int) -> list[int]:
    return [row.official.pk for row in _hour_rows(year) if row.under]


# --- helpers -----------------------------------------------------------------------------


def _link(base: str, *, own: bool = False, by_unit: bool = True, **params):
    """A ``records_url``: the module's list, filtered the way the list filters (年度, 形式…),
    narrowed to the unit for a unit's figure — to the government's unit for a figure the
    district reports as the government's own (``own``); not narrowed where the list's unit
    is not the figure's (an exam or a 旁听庭审 is organised by one unit for officials of
    others)."""

    def url(unit_id: int | None, year: int) -> str:
        gov = government()
        district = unit_id is None or (gov is not None and unit_id == gov.pk)
        query = {"year": year, **params}
        if by_unit and not district:
            query["unit"] = unit_id
        elif own and gov is not None:
            query["unit"] = gov.pk
        return f"{base}?{urlencode(query)}"

    return url


def _rows(qs, field: str = "unit_id", n=None):
    return qs.values(field).annotate(n=n or Count("pk")).values_list(field, "n").order_by()


def _count(qs, field: str = "unit_id", n=None):
    return with_total(_rows(qs, field, n))


def _own(qs, field: str = "unit_id") -> dict[int, Decimal]:
    """{unit: n} with the government's unit carrying only its own records: for the figures
    the report words as the district government's own meetings."""
    return {u: Decimal(n) for u, n in _rows(qs, field) if n}


def _only(qs, unit_id: int | None, field: str = "unit_id"):
    return qs if unit_id is None else qs.filter(**{field: unit_id})


def _own_unit(unit_id: int | None) -> int | None:
    """The unit an "own records" figure's explanation is about: the government's own for
    the district."""
    if unit_id is not None:
        return unit_id
    gov = government()
    return gov.pk if gov is not None else None


def _labels(counts: dict, choices, noun: str) -> str:
    """ "name n noun" for each choice with a count, in the list's own order."""
    return "、".join(f"{name}{counts[k]}{noun}" for k, name in choices if counts.get(k))


# --- explanations --------------------------------------------------------------------------


def explain_study_sessions(year: int, unit_id: int | None) -> str:
    qs = _only(pre_meeting(year), _own_unit(unit_id))
    rows = list(qs.order_by("held_on").values_list("held_on", "topic"))
    if not rows:
        return ""
    listed = "、".join(f"{d.month}月{d.day}日“{t}”" for d, t in rows[:3])
    who = "区政府" if unit_id is None else "本单位"
    return f"按{who}常务会议前组织学法的记录计，{year}年共{len(rows)}次，如{listed}" + (
        "等" if len(rows) > 3 else ""
    )


def explain_collective_study(year: int, unit_id: int | None) -> str:
    qs = _only(collective(year), unit_id)
    by_kind = dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())
    if not by_kind:
        return ""
    return f"{year}年会前学法以外的学法活动：{_labels(by_kind, rules.SESSION_KINDS, '次')}"


def explain_trainings(year: int, unit_id: int | None) -> str:
    qs = _only(trainings_opened(year), unit_id)
    row = qs.aggregate(n=Count("pk", distinct=True), people=Count("attendance"))
    if not row["n"]:
        return ""
    by_kind = dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())
    return (
        f"按开班日期计，{year}年举办法治培训{row['n']}期"
        f"（{_labels(by_kind, rules.TRAINING_KINDS, '期')}），参训{row['people']}人次"
    )


def explain_court_observers(year: int, unit_id: int | None) -> str:
    qs = _only(CourtObservation.objects.filter(held_on__year=year), unit_id)
    sittings = qs.count()
    people = _only(observers(year), unit_id).count()
    if not people:
        return ""
    return (
        f"{year}年参加旁听庭审的干部{people}人（同一人多次旁听按一人计），"
        f"按干部所在单位统计；本单位组织旁听庭审{sittings}场"
        if unit_id is not None
        else f"{year}年组织旁听庭审{sittings}场，参加旁听的干部{people}人（同一人多次旁听按一人计）"
    )


def _explain_duty_reports(form: str, name: str):
    def explain(year: int, unit_id: int | None) -> str:
        qs = _only(duty_reports(year, form), unit_id)
        n = qs.count()
        if not n:
            return ""
        evaluated = dict(
            qs.exclude(evaluation="").values_list("evaluation").annotate(n=Count("pk")).order_by()
        )
        text = f"{year}年度{name}{n}人"
        if evaluated:
            text += "，评议结果为" + _labels(evaluated, rules.EVALUATIONS, "人")
        return text

    return explain


def explain_exam(year: int, unit_id: int | None) -> str:
    qs = _only(sat(year), unit_id, "official__unit_id")
    row = qs.aggregate(
        n=Count("official_id", distinct=True),
        ok=Count("official_id", distinct=True, filter=Q(score__gte=F("exam__pass_mark"))),
    )
    absent = _only(
        ExamResult.objects.filter(exam__year=year, absent=True), unit_id, "official__unit_id"
    ).count()
    if not row["n"]:
        return ""
    names = "、".join(
        f"《{n}》" for n in Exam.objects.filter(year=year).values_list("name", flat=True)[:2]
    )
    return (
        f"{year}年度法治理论知识考试{names}实际参考{row['n']}人、缺考{absent}人，"
        f"达到合格分数线的{row['ok']}人"
    )


def explain_hours(year: int, unit_id: int | None) -> str:
    rows = [r for r in _hour_rows(year) if not r.left]
    if unit_id is not None:
        rows = [r for r in rows if r.official.unit_id == unit_id]
    if not rows:
        return ""
    n = sum(1 for r in rows if r.under)
    lo, hi = conf.minimum_hours(), conf.minimum_hours_leaders()
    rule = f"{lo:g}学时" if lo == hi else f"工作人员{lo:g}学时、领导干部{hi:g}学时"
    return (
        f"{year}年在职的{len(rows)}名干部中，全年学法学时（出席学法活动、参加培训、"
        f"旁听庭审和其他认定的学时合计）未达到本区规定的{rule}的{n}人"
    )


def explain_legal_education(year: int, unit_id: int | None) -> str:
    qs = _only(activities(year), unit_id)
    row = qs.aggregate(n=Count("pk"), reach=Sum("reach"), materials=Sum("materials"))
    if not row["n"]:
        return ""
    by_form = dict(qs.values_list("form").annotate(n=Count("pk")).order_by())
    return (
        f"按活动日期计，{year}年开展普法活动{row['n']}次"
        f"（{_labels(by_form, rules.ACTIVITY_FORMS, '次')}），受众{row['reach'] or 0}人次，"
        f"发放资料{row['materials'] or 0}份"
    )


def explain_topics(year: int, unit_id: int | None) -> str:
    qs = _only(executive_topics(year), _own_unit(unit_id), "meeting__unit_id")
    by_kind = dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())
    if not by_kind:
        return ""
    meetings = qs.values("meeting_id").distinct().count()
    who = "区政府" if unit_id is None else "本单位"
    return f"{year}年{who}{meetings}次常务会议研究法治议题{sum(by_kind.values())}项：" + _labels(
        by_kind, rules.TOPIC_KINDS, "项"
    )


# --- the figures -------------------------------------------------------------------------


@register(
    "learning.study_sessions",
    records_url=_link(SESSIONS, own=True, kind=PRE_MEETING),
    explain=explain_study_sessions,
)
def study_sessions(year: int):
    return _own(pre_meeting(year))


@register(
    "learning.collective_study",
    records_url=_link(SESSIONS),
    explain=explain_collective_study,
)
def collective_study(year: int):
    return _count(collective(year))


@register(
    "learning.trainings",
    records_url=_link(TRAININGS),
    explain=explain_trainings,
)
def trainings(year: int):
    return _count(trainings_opened(year))


@register(
    "learning.training_attendees",
    records_url=_link(TRAININGS),
    explain=explain_trainings,
)
def training_attendees(year: int):
    return _count(trainings_opened(year), n=Count("attendance"))


@register(
    "learning.court_observers",
    records_url=_link(COURT, by_unit=False),
    explain=explain_court_observers,
)
def court_observers(year: int):
    return _count(observers(year))


@register(
    "learning.law_duty_reports",
    records_url=_link(DUTY_REPORTS, form=LawDutyReport.Form.MEETING),
    explain=_explain_duty_reports(LawDutyReport.Form.MEETING, "现场述法"),
)
def law_duty_reports(year: int):
    return _count(duty_reports(year, LawDutyReport.Form.MEETING))


@register(
    "learning.law_duty_reports_written",
    records_url=_link(DUTY_REPORTS, form=LawDutyReport.Form.WRITTEN),
    explain=_explain_duty_reports(LawDutyReport.Form.WRITTEN, "书面述法"),
)
def law_duty_reports_written(year: int):
    return _count(duty_reports(year, LawDutyReport.Form.WRITTEN))


@register(
    "learning.exam_participants",
    records_url=_link(EXAMS, by_unit=False),
    explain=explain_exam,
)
def exam_participants(year: int):
    return _count(sat(year), "official__unit_id", n=Count("official_id", distinct=True))


@register(
    "learning.exam_pass_rate",
    records_url=_link(EXAMS, by_unit=False),
    explain=explain_exam,
)
def exam_pass_rate(year: int):
    rows = (
        sat(year)
        .values("official__unit_id")
        .annotate(
            ok=Count("official_id", distinct=True, filter=Q(score__gte=F("exam__pass_mark"))),
            n=Count("official_id", distinct=True),
        )
        .values_list("official__unit_id", "ok", "n")
        .order_by()
    )
    everyone = sat(year).aggregate(
        ok=Count("official_id", distinct=True, filter=Q(score__gte=F("exam__pass_mark"))),
        n=Count("official_id", distinct=True),
    )
    return pooled_rates({u: (ok, n) for u, ok, n in rows}, (everyone["ok"], everyone["n"]))


@register(
    "learning.hours_below_minimum",
    records_url=_link(HOURS),
    explain=explain_hours,
)
def hours_below_minimum(year: int):
    ids = _below_minimum_ids(year)
    return _count(Official.objects.filter(pk__in=ids))


@register(
    "learning.legal_education_activities",
    records_url=_link(ACTIVITIES),
    explain=explain_legal_education,
)
def legal_education_activities(year: int):
    return _count(activities(year))


@register(
    "learning.legal_education_reach",
    records_url=_link(ACTIVITIES),
    explain=explain_legal_education,
)
def legal_education_reach(year: int):
    return _count(activities(year), n=Sum("reach"))


@register(
    "leadership.rule_of_law_topics",
    records_url=_link(MEETINGS, own=True, kind=EXECUTIVE),
    explain=explain_topics,
)
def rule_of_law_topics(year: int):
    return _own(executive_topics(year), "meeting__unit_id")


@register(
    "leadership.rule_of_law_meetings",
    records_url=_link(MEETINGS, own=True, kind=EXECUTIVE),
    explain=explain_topics,
)
def rule_of_law_meetings(year: int):
    return _own(executive_meetings(year))
