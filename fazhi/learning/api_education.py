"""述法, 普法 and the leaders' meetings on 法治 in the JSON API (/api/learning/duty-reports,
…/education/duties, …/education/activities, …/meetings): the caller's scope only (a
record of another unit is answered 404, as on the pages) and the same services as the
pages for every change (each checks the rule, who may act included, and writes the
full-process record); their refusals come back as 400 with the Chinese message."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.forms import MAX_DATE, MIN_DATE
from fazhi.core.models import OrgUnit
from fazhi.core.pagination import LimitOffset

from . import rules
from . import views_duty_reports as v_reports
from . import views_education as v_education
from . import views_meetings as v_meetings
from .models import LegalEducationActivity, LegalEducationDuty
from .services import duty_reports, education, meetings

reports_router = Router(tags=["学法用法与普法"])
duties_router = Router(tags=["学法用法与普法"])
activities_router = Router(tags=["学法用法与普法"])
meetings_router = Router(tags=["学法用法与普法"])

ID = Path(..., ge=1, le=2**53, description="记录号")
REF = Field(..., ge=1, le=2**53)
DAY = Field(..., ge=MIN_DATE, le=MAX_DATE)


def _lit(pairs):
    return Literal[tuple(c for c, _ in pairs)]  # type: ignore[valid-type]


REPORT_FORM = _lit(rules.DUTY_REPORT_FORMS)
EVALUATION = _lit(rules.EVALUATIONS)
AUDIENCE = _lit(rules.AUDIENCES)
ACTIVITY_FORM = _lit(rules.ACTIVITY_FORMS)
MEETING_KIND = _lit(rules.MEETING_KINDS)
TOPIC_KIND = _lit(rules.TOPIC_KINDS)


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _writable_unit(user, pk: int) -> OrgUnit:
    unit = access.allowed_unit_choices(user).filter(pk=pk).first()
    if unit is None:
        raise ValidationError("单位不存在或无权办理")
    return unit


def _g(**params) -> dict:
    return {k: str(v) for k, v in params.items() if v is not None}


# --- 述法 ---------------------------------------------------------------------------------
class LawDutyReportOut(Schema):
    id: int
    year: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    official_id: int
    official_name: str = Field(..., alias="official.name")
    form: str
    reported_on: dt.date
    meeting: str
    evaluation: str
    score: Decimal | None
    evaluated_by: str
    evaluated_on: dt.date | None


class LawDutyReportDetailOut(LawDutyReportOut):
    content: str
    version: int


class LawDutyReportIn(Schema):
    official: int = Field(..., ge=1, le=2**53, description="述法人（干部名录记录号）")
    year: int = Field(..., ge=2004, le=2100)
    form: REPORT_FORM  # type: ignore[valid-type]
    reported_on: dt.date = DAY
    meeting: str = Field("", max_length=120)
    content: str = Field(..., max_length=20000)


class LawDutyEvaluationIn(Schema):
    evaluation: EVALUATION  # type: ignore[valid-type]
    score: Decimal | None = Field(None, ge=0, le=100, decimal_places=1)
    evaluated_by: str = Field(..., max_length=120)
    evaluated_on: dt.date = DAY
    version: int | None = Field(None, ge=1, le=2**31, description="打开时的版本（乐观锁）")


@reports_router.get("", response=list[LawDutyReportOut], summary="述法（按权限范围）")
@paginate(LimitOffset)
def report_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号"),
    year: int | None = Query(None, ge=1900, le=2999, description="述法年度"),
    form: REPORT_FORM | None = Query(None, description="形式"),  # type: ignore[valid-type]  # noqa: B008
    q: str | None = Query(None, max_length=100, description="述法人、会议或内容"),
):
    return v_reports.filtered(_user(request), _g(unit=unit, year=year, form=form, q=q))[0]


def _report(request, pk):
    user = _user(request)
    return access.get_for(user, v_reports.reports_for(user), "view", pk=pk)


@reports_router.get("{report_id}", response=LawDutyReportDetailOut, summary="一条述法记录")
def report_detail(request, report_id: int = ID):
    return _report(request, report_id)


@reports_router.post("", response={201: LawDutyReportDetailOut}, summary="登记述法")
def report_create(request, data: LawDutyReportIn):
    user = _user(request)
    official = v_reports.leaders_for(user).filter(pk=data.official).first()
    if official is None:
        raise ValidationError("述法人不存在、不是领导干部或无权办理")
    rep = duty_reports.record_report(
        official=official, year=data.year, form=data.form, reported_on=data.reported_on,
        meeting=data.meeting, content=data.content, actor=user,
    )  # fmt: skip
    return Status(201, _report(request, rep.pk))


@reports_router.post("{report_id}/evaluate", response=LawDutyReportDetailOut, summary="登记评议")
def report_evaluate(request, data: LawDutyEvaluationIn, report_id: int = ID):
    rep = _report(request, report_id)
    duty_reports.evaluate(
        rep, evaluation=data.evaluation, score=data.score, evaluated_by=data.evaluated_by,
        evaluated_on=data.evaluated_on, version=data.version, actor=_user(request),
    )  # fmt: skip
    return _report(request, rep.pk)


# --- 普法责任清单 -------------------------------------------------------------------------
class EducationDutyOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    year: int
    laws: str
    audience: str
    planned_activities: str
    planned_count: int
    responsible: str
    published_on: dt.date | None
    version: int


class EducationDutyIn(Schema):
    unit: int = REF
    year: int = Field(..., ge=2004, le=2100)
    laws: str = Field(..., max_length=300)
    audience: AUDIENCE  # type: ignore[valid-type]
    planned_activities: str = Field(..., max_length=5000)
    planned_count: int = Field(1, ge=1, le=100000)
    responsible: str = Field("", max_length=100)


class EducationPublishListIn(Schema):
    unit: int = REF
    year: int = Field(..., ge=2004, le=2100)
    on: dt.date = DAY


class EducationPublishedOut(Schema):
    published: int


@duties_router.get("", response=list[EducationDutyOut], summary="普法责任清单事项（按权限范围）")
@paginate(LimitOffset)
def duty_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号"),
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    published: bool | None = Query(None, description="已公布"),
    q: str | None = Query(None, max_length=100, description="法律法规、活动或科室"),
):
    g = _g(unit=unit, year=year, q=q)
    if published is not None:
        g["published"] = "1" if published else "0"
    return v_education.filtered_duties(_user(request), g)[0]


@duties_router.post("publish", response=EducationPublishedOut, summary="公布本单位年度清单")
def duty_publish(request, data: EducationPublishListIn):
    user = _user(request)
    n = education.publish_list(unit=_writable_unit(user, data.unit), year=data.year,
                               on=data.on, actor=user)  # fmt: skip
    return {"published": n}


def _duty(request, pk) -> LegalEducationDuty:
    user = _user(request)
    return access.get_for(user, v_education.duties_for(user), "view", pk=pk)


@duties_router.get("{duty_id}", response=EducationDutyOut, summary="一项普法责任清单事项")
def duty_detail(request, duty_id: int = ID):
    return _duty(request, duty_id)


@duties_router.post("", response={201: EducationDutyOut}, summary="添加清单事项")
def duty_create(request, data: EducationDutyIn):
    user = _user(request)
    duty = education.add_duty(
        unit=_writable_unit(user, data.unit), year=data.year, laws=data.laws,
        audience=data.audience, planned_activities=data.planned_activities,
        planned_count=data.planned_count, responsible=data.responsible, actor=user,
    )  # fmt: skip
    return Status(201, _duty(request, duty.pk))


# --- 普法活动 ------------------------------------------------------------------------------
class EducationActivityOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    duty_id: int | None
    held_on: dt.date
    title: str
    form: str
    place: str
    reach: int
    materials: int
    summary: str
    published_on: dt.date | None
    version: int


class EducationActivityIn(Schema):
    unit: int = REF
    duty: int | None = Field(None, ge=1, le=2**53, description="对应的清单事项")
    held_on: dt.date = DAY
    title: str = Field(..., max_length=200)
    form: ACTIVITY_FORM  # type: ignore[valid-type]
    place: str = Field("", max_length=200)
    reach: int = Field(0, ge=0, le=100_000_000)
    materials: int = Field(0, ge=0, le=100_000_000)
    summary: str = Field("", max_length=5000)


class EducationPublishActivityIn(Schema):
    on: dt.date = DAY


@activities_router.get("", response=list[EducationActivityOut], summary="普法活动（按权限范围）")
@paginate(LimitOffset)
def activity_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号"),
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    duty: int | None = Query(None, ge=1, le=2**53, description="清单事项"),
    q: str | None = Query(None, max_length=100, description="名称、地点或情况"),
):
    return v_education.filtered_activities(_user(request),
                                           _g(unit=unit, year=year, duty=duty, q=q))[0]  # fmt: skip


def _activity(request, pk) -> LegalEducationActivity:
    user = _user(request)
    return access.get_for(user, v_education.activities_for(user), "view", pk=pk)


@activities_router.get("{activity_id}", response=EducationActivityOut, summary="一次普法活动")
def activity_detail(request, activity_id: int = ID):
    return _activity(request, activity_id)


@activities_router.post("", response={201: EducationActivityOut}, summary="登记普法活动")
def activity_create(request, data: EducationActivityIn):
    user = _user(request)
    unit = _writable_unit(user, data.unit)
    duty = None
    if data.duty is not None:
        duty = v_education.duties_for(user).filter(pk=data.duty).first()
        if duty is None:
            raise ValidationError(f"请选择本单位{data.held_on.year}年度普法责任清单中的事项")
    act = education.record_activity(
        unit=unit, duty=duty, held_on=data.held_on, title=data.title, form=data.form,
        place=data.place, reach=data.reach, materials=data.materials, summary=data.summary,
        actor=user,
    )  # fmt: skip
    return Status(201, _activity(request, act.pk))


@activities_router.post("{activity_id}/publish", response=EducationActivityOut,
                        summary="在门户网站公开")  # fmt: skip
def activity_publish(request, data: EducationPublishActivityIn, activity_id: int = ID):
    act = _activity(request, activity_id)
    education.publish_activity(act, on=data.on, actor=_user(request))
    return _activity(request, act.pk)


# --- meetings -----------------------------------------------------------------------------
class LeadershipTopicOut(Schema):
    kind: str
    title: str
    decision: str


class LeadershipMeetingOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    name: str
    held_on: dt.date
    chaired_by_id: int | None
    chaired_by_name: str | None = None
    minutes_number: str
    topics: list[LeadershipTopicOut]
    version: int

    @staticmethod
    def resolve_chaired_by_name(obj):
        return obj.chaired_by.name if obj.chaired_by_id else None

    @staticmethod
    def resolve_topics(obj):
        return list(obj.topics.order_by("pk"))


class LeadershipTopicIn(Schema):
    kind: TOPIC_KIND  # type: ignore[valid-type]
    title: str = Field(..., max_length=200)
    decision: str = Field("", max_length=5000)


class LeadershipMeetingIn(Schema):
    unit: int = REF
    kind: MEETING_KIND  # type: ignore[valid-type]
    name: str = Field(..., max_length=120)
    held_on: dt.date = DAY
    chaired_by: int = Field(..., ge=1, le=2**53, description="主持人（干部名录记录号）")
    minutes_number: str = Field("", max_length=80)
    topics: list[LeadershipTopicIn] = Field(..., max_length=30)


@meetings_router.get("", response=list[LeadershipMeetingOut],
                     summary="研究法治工作的会议（按权限范围）")  # fmt: skip
@paginate(LimitOffset)
def meeting_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号"),
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    kind: MEETING_KIND | None = Query(None, description="会议类型"),  # type: ignore[valid-type]  # noqa: B008
):
    return v_meetings.filtered(_user(request), _g(unit=unit, year=year, kind=kind))[0]


def _meeting(request, pk):
    user = _user(request)
    return access.get_for(user, v_meetings.meetings_for(user), "view", pk=pk)


@meetings_router.get("{meeting_id}", response=LeadershipMeetingOut, summary="一次会议")
def meeting_detail(request, meeting_id: int = ID):
    return _meeting(request, meeting_id)


@meetings_router.post("", response={201: LeadershipMeetingOut}, summary="登记会议")
def meeting_create(request, data: LeadershipMeetingIn):
    user = _user(request)
    unit = _writable_unit(user, data.unit)
    chair = v_meetings.chairs_for(user, unit).filter(pk=data.chaired_by).first()
    if chair is None:
        raise ValidationError("会议主持人应为本单位的党政主要负责人或领导班子成员")
    m = meetings.record_meeting(
        unit=unit, kind=data.kind, name=data.name, held_on=data.held_on, chaired_by=chair,
        minutes_number=data.minutes_number, topics=[t.dict() for t in data.topics], actor=user,
    )  # fmt: skip
    return Status(201, _meeting(request, m.pk))
