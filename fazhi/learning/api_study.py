"""学法用法 routes of the JSON API (/api/learning/officials, …/sessions, …/trainings,
…/court, …/exams, …/hours): the caller's scope only (another unit's record answers 404, as
on the pages), and the same services as the pages for every change (each checks the rule
and writes the full-process record); refusals come back as 400 with the Chinese message."""

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

from . import hours as hours_mod
from . import rules, views_court, views_exams, views_officials, views_sessions, views_trainings
from .models import CourtObservation, Exam, Official, StudySession, Training
from .services import court as court_svc
from .services import exams as exam_svc
from .services import officials as official_svc
from .services import sessions as session_svc
from .services import trainings as training_svc

officials_router = Router(tags=["学法用法"])
sessions_router = Router(tags=["学法用法"])
trainings_router = Router(tags=["学法用法"])
court_router = Router(tags=["学法用法"])
exams_router = Router(tags=["学法用法"])
hours_router = Router(tags=["学法用法"])

ID = Path(..., ge=1, le=2**53, description="记录号")
LEVEL = Literal[tuple(c for c, _ in rules.LEVELS)]  # type: ignore[valid-type]
SESSION_KIND = Literal[tuple(c for c, _ in rules.SESSION_KINDS)]  # type: ignore[valid-type]
TRAINING_KIND = Literal[tuple(c for c, _ in rules.TRAINING_KINDS)]  # type: ignore[valid-type]
STATUS = Literal[tuple(c for c, _ in rules.ATTENDANCE)]  # type: ignore[valid-type]
DATE = dict(ge=MIN_DATE, le=MAX_DATE)


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _unit(user, code: str) -> OrgUnit:
    found = access.restrict(OrgUnit.objects.filter(active=True), user, "view").filter(code=code)
    unit = found.first()
    if unit is None:
        raise ValidationError(f"没有代码为“{code}”的单位，或无权访问")
    return unit


def _officials(user, ids: list[int]) -> list[Official]:
    """The officials named by id, among those the caller may pick (as on the pages)."""
    found = {o.pk: o for o in views_officials.picker(user).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(f"名录中没有记录号为{missing[0]}的在岗人员，或无权访问")
    return [found[i] for i in ids]


def _get(request, model, pk: int):
    user = _user(request)
    return access.get_for(user, views_officials.scoped(model, user), "view", pk=pk)


# --- officials ----------------------------------------------------------------------------
class StudyOfficialOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    unit_name: str = Field(..., alias="unit.name")
    name: str
    post: str
    level: str
    staff_number: str
    joined_on: dt.date | None
    left_on: dt.date | None
    version: int


class StudyOfficialIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    name: str = Field(..., max_length=50)
    post: str = Field(..., max_length=80)
    level: LEVEL = "staff"
    staff_number: str = Field("", max_length=30)
    joined_on: dt.date | None = Field(None, **DATE)


class StudyOfficialEdit(Schema):
    name: str = Field(..., max_length=50)
    post: str = Field(..., max_length=80)
    level: LEVEL
    staff_number: str = Field("", max_length=30)
    joined_on: dt.date | None = Field(None, **DATE)
    version: int | None = Field(None, ge=0, le=2**31, description="读取时的版本号")


class StudyLeaveIn(Schema):
    left_on: dt.date = Field(..., **DATE)


@officials_router.get("", response=list[StudyOfficialOut], summary="干部名录（按权限范围）")
@paginate(LimitOffset)
def official_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    level: LEVEL | None = Query(None, description="类别"),  # noqa: B008
    state: Literal["in", "left"] | None = Query(None, description="在岗或已离岗"),
    q: str | None = Query(None, max_length=50, description="姓名、职务或人员编号"),
):
    g = {k: v for k, v in {"unit": unit, "level": level, "state": state, "q": q}.items() if v}
    return views_officials.filtered(_user(request), g)[0]


@officials_router.get("{official_id}", response=StudyOfficialOut, summary="一名人员")
def official_detail(request, official_id: int = ID):
    return _get(request, Official, official_id)


@officials_router.post("", response={201: StudyOfficialOut}, summary="新增人员")
def official_create(request, data: StudyOfficialIn):
    user = _user(request)
    o = official_svc.add_official(unit=_unit(user, data.unit), name=data.name, post=data.post,
                                  level=data.level, staff_number=data.staff_number,
                                  joined_on=data.joined_on, actor=user)  # fmt: skip
    return Status(201, Official.objects.select_related("unit").get(pk=o.pk))


@officials_router.put("{official_id}", response=StudyOfficialOut, summary="修改人员")
def official_update(request, data: StudyOfficialEdit, official_id: int = ID):
    o = _get(request, Official, official_id)
    official_svc.update_official(o, name=data.name, post=data.post, level=data.level,
                                 staff_number=data.staff_number, joined_on=data.joined_on,
                                 version=data.version, actor=_user(request))  # fmt: skip
    return Official.objects.select_related("unit").get(pk=o.pk)


@officials_router.post("{official_id}/leave", response=StudyOfficialOut, summary="登记离岗")
def official_leave(request, data: StudyLeaveIn, official_id: int = ID):
    o = _get(request, Official, official_id)
    official_svc.leave(o, on=data.left_on, actor=_user(request))
    return Official.objects.select_related("unit").get(pk=o.pk)


# --- sessions -----------------------------------------------------------------------------
class StudyAttendanceOut(Schema):
    official_id: int
    name: str = Field(..., alias="official.name")
    status: str


class StudySessionOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    kind: str
    held_on: dt.date
    topic: str
    laws: str
    lecturer: str
    meeting: str
    hours: Decimal
    version: int


class StudySessionDetailOut(StudySessionOut):
    attendance: list[StudyAttendanceOut]

    @staticmethod
    def resolve_attendance(obj):
        return list(obj.attendance.select_related("official").order_by("official_id"))


class StudyAttendanceIn(Schema):
    official: int = Field(..., ge=1, le=2**53, description="人员记录号")
    status: STATUS = "present"


class StudySessionIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    kind: SESSION_KIND
    held_on: dt.date = Field(..., **DATE)
    topic: str = Field(..., max_length=200)
    laws: str = Field(..., max_length=5000)
    lecturer: str = Field("", max_length=100)
    meeting: str = Field("", max_length=100)
    hours: Decimal | None = Field(None, ge=0, le=24, decimal_places=1)
    attendance: list[StudyAttendanceIn] = Field(..., max_length=2000)


@sessions_router.get("", response=list[StudySessionOut], summary="学法活动（按权限范围）")
@paginate(LimitOffset)
def session_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    kind: SESSION_KIND | None = Query(None, description="形式"),  # noqa: B008
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    q: str | None = Query(None, max_length=100, description="主题、法律法规或会议"),
):
    g = {k: v for k, v in {"unit": unit, "kind": kind, "year": year, "q": q}.items() if v}
    return views_sessions.filtered(_user(request), g)[0]


@sessions_router.get("{session_id}", response=StudySessionDetailOut, summary="一次学法活动")
def session_detail(request, session_id: int = ID):
    return _get(request, StudySession, session_id)


@sessions_router.post("", response={201: StudySessionDetailOut}, summary="登记学法活动")
def session_create(request, data: StudySessionIn):
    user = _user(request)
    people = _officials(user, [a.official for a in data.attendance])
    s = session_svc.record_session(
        unit=_unit(user, data.unit), kind=data.kind, held_on=data.held_on, topic=data.topic,
        laws=data.laws, lecturer=data.lecturer, meeting=data.meeting, hours=data.hours,
        attendance=[(o, a.status) for o, a in zip(people, data.attendance, strict=True)],
        actor=user,
    )  # fmt: skip
    return Status(201, StudySession.objects.select_related("unit").get(pk=s.pk))


# --- trainings ----------------------------------------------------------------------------
class StudyTrainingAttendanceOut(Schema):
    official_id: int
    name: str = Field(..., alias="official.name")
    hours: Decimal
    completed: bool


class StudyTrainingOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    kind: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    hours: Decimal
    place: str
    version: int


class StudyTrainingDetailOut(StudyTrainingOut):
    content: str
    attendance: list[StudyTrainingAttendanceOut]

    @staticmethod
    def resolve_attendance(obj):
        return list(obj.attendance.select_related("official").order_by("official_id"))


class StudyTrainingIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    kind: TRAINING_KIND
    name: str = Field(..., max_length=200)
    starts_on: dt.date = Field(..., **DATE)
    ends_on: dt.date = Field(..., **DATE)
    hours: Decimal = Field(..., ge=0, le=999, decimal_places=1)
    place: str = Field("", max_length=120)
    content: str = Field("", max_length=5000)


class StudyTrainingAttendIn(Schema):
    official: int = Field(..., ge=1, le=2**53, description="人员记录号")
    hours: Decimal | None = Field(None, ge=0, le=999, decimal_places=1,
                                  description="获得学时（不填为培训学时）")  # fmt: skip
    completed: bool = True


@trainings_router.get("", response=list[StudyTrainingOut], summary="法治培训（按权限范围）")
@paginate(LimitOffset)
def training_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    kind: TRAINING_KIND | None = Query(None, description="类别"),  # noqa: B008
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    q: str | None = Query(None, max_length=100, description="名称、内容或地点"),
):
    g = {k: v for k, v in {"unit": unit, "kind": kind, "year": year, "q": q}.items() if v}
    return views_trainings.filtered(_user(request), g)[0]


@trainings_router.get("{training_id}", response=StudyTrainingDetailOut, summary="一期培训")
def training_detail(request, training_id: int = ID):
    return _get(request, Training, training_id)


@trainings_router.post("", response={201: StudyTrainingDetailOut}, summary="登记培训")
def training_create(request, data: StudyTrainingIn):
    user = _user(request)
    t = training_svc.create_training(
        unit=_unit(user, data.unit), kind=data.kind, name=data.name, starts_on=data.starts_on,
        ends_on=data.ends_on, hours=data.hours, place=data.place, content=data.content,
        actor=user,
    )  # fmt: skip
    return Status(201, Training.objects.select_related("unit").get(pk=t.pk))


@trainings_router.post("{training_id}/attendance", response=StudyTrainingDetailOut,
                       summary="登记参训人员")  # fmt: skip
def training_attend(request, data: StudyTrainingAttendIn, training_id: int = ID):
    user = _user(request)
    t = _get(request, Training, training_id)
    if not access.can(user, "change", t.unit):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只能办理本单位的培训")
    (official,) = _officials(user, [data.official])
    training_svc.set_attendance(t, official=official, hours=data.hours,
                                completed=data.completed, actor=user)  # fmt: skip
    return Training.objects.select_related("unit").get(pk=t.pk)


# --- court observations -------------------------------------------------------------------
class StudyCourtOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    held_on: dt.date
    court: str
    case_number: str
    case_name: str
    hours: Decimal
    attendees: list[int]
    version: int

    @staticmethod
    def resolve_attendees(obj):
        return sorted(obj.attendees.values_list("pk", flat=True))


class StudyCourtIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    held_on: dt.date = Field(..., **DATE)
    court: str = Field(..., max_length=100)
    case_number: str = Field("", max_length=60)
    case_name: str = Field(..., max_length=200)
    hours: Decimal | None = Field(None, ge=0, le=24, decimal_places=1)
    attendees: list[int] = Field(..., max_length=2000, description="旁听人员记录号")
    reflections: str = Field("", max_length=5000)


@court_router.get("", response=list[StudyCourtOut], summary="旁听庭审（按权限范围）")
@paginate(LimitOffset)
def court_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    q: str | None = Query(None, max_length=100, description="案由、法院或案号"),
):
    g = {k: v for k, v in {"unit": unit, "year": year, "q": q}.items() if v}
    return views_court.filtered(_user(request), g)[0]


@court_router.get("{observation_id}", response=StudyCourtOut, summary="一次旁听庭审")
def court_detail(request, observation_id: int = ID):
    return _get(request, CourtObservation, observation_id)


@court_router.post("", response={201: StudyCourtOut}, summary="登记旁听庭审")
def court_create(request, data: StudyCourtIn):
    user = _user(request)
    if any(i < 1 or i > 2**53 for i in data.attendees):
        raise ValidationError("旁听人员记录号无效")
    c = court_svc.record_observation(
        unit=_unit(user, data.unit), held_on=data.held_on, court=data.court,
        case_number=data.case_number, case_name=data.case_name, hours=data.hours,
        attendees=_officials(user, data.attendees), reflections=data.reflections, actor=user,
    )  # fmt: skip
    return Status(201, CourtObservation.objects.select_related("unit").get(pk=c.pk))


# --- exams --------------------------------------------------------------------------------
class StudyExamResultOut(Schema):
    official_id: int
    name: str = Field(..., alias="official.name")
    score: Decimal | None
    absent: bool


class StudyExamOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    year: int
    name: str
    held_on: dt.date
    pass_mark: Decimal
    version: int


class StudyExamDetailOut(StudyExamOut):
    results: list[StudyExamResultOut]

    @staticmethod
    def resolve_results(obj):
        return list(obj.results.select_related("official").order_by("official_id"))


class StudyExamIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    year: int = Field(..., ge=2000, le=2100)
    name: str = Field(..., max_length=200)
    held_on: dt.date = Field(..., **DATE)
    pass_mark: Decimal | None = Field(None, ge=0, le=100, decimal_places=1)


class StudyExamResultIn(Schema):
    official: int = Field(..., ge=1, le=2**53, description="人员记录号")
    score: Decimal | None = Field(None, ge=0, le=100, decimal_places=1)
    absent: bool = False


@exams_router.get("", response=list[StudyExamOut], summary="年度考法（按权限范围）")
@paginate(LimitOffset)
def exam_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
):
    g = {k: v for k, v in {"unit": unit, "year": year}.items() if v}
    return views_exams.filtered(_user(request), g)[0]


@exams_router.get("{exam_id}", response=StudyExamDetailOut, summary="一次考试及成绩")
def exam_detail(request, exam_id: int = ID):
    return _get(request, Exam, exam_id)


@exams_router.post("", response={201: StudyExamDetailOut}, summary="登记考试")
def exam_create(request, data: StudyExamIn):
    user = _user(request)
    e = exam_svc.create_exam(unit=_unit(user, data.unit), year=data.year, name=data.name,
                             held_on=data.held_on, pass_mark=data.pass_mark, actor=user)  # fmt: skip
    return Status(201, Exam.objects.select_related("unit").get(pk=e.pk))


@exams_router.post("{exam_id}/results", response=StudyExamDetailOut, summary="登记成绩")
def exam_result(request, data: StudyExamResultIn, exam_id: int = ID):
    user = _user(request)
    e = _get(request, Exam, exam_id)
    if not access.can(user, "change", e.unit):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只能办理本单位的考试")
    (official,) = _officials(user, [data.official])
    exam_svc.set_result(e, official=official, score=data.score, absent=data.absent, actor=user)
    return Exam.objects.select_related("unit").get(pk=e.pk)


# --- hours --------------------------------------------------------------------------------
class StudyHoursOut(Schema):
    official_id: int
    name: str
    unit_code: str
    level: str
    sessions: Decimal
    trainings: Decimal
    court: Decimal
    credits: Decimal
    total: Decimal
    minimum: Decimal
    under: bool


@hours_router.get("", response=list[StudyHoursOut], summary="每人年度学法学时")
@paginate(LimitOffset)
def hours_list(
    request,
    year: int = Query(..., ge=2000, le=2100, description="年度"),
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号（含下属单位）"),
    under: bool | None = Query(None, description="只列未达到最低学时的"),
):
    qs = views_officials.scoped(Official, _user(request))
    if unit:
        from fazhi.core.params import unit_filter

        qs, _ = unit_filter(qs, "unit", unit)
    rows = hours_mod.year_rows(qs.order_by("unit__sort_order", "unit__code", "name", "pk"), year)
    out = [
        {"official_id": r.official.pk, "name": r.official.name, "unit_code": r.official.unit.code,
         "level": r.official.level, "sessions": r.sessions, "trainings": r.trainings,
         "court": r.court, "credits": r.credits, "total": r.total, "minimum": r.minimum,
         "under": r.under}
        for r in rows if under is None or r.under == under
    ]  # fmt: skip
    return out
