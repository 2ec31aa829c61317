"""行政应诉 and 司法/检察建议 routes of the JSON API (/api/reconsideration/litigation…,
/api/reconsideration/suggestions…): the records in the caller's scope (filtered as the
lists are), one record, registration and the actions. A record of another unit is answered
404, as on the pages; a registration or an action goes through the same form and service
as the page (the service checks every rule and writes the full-process record).

Registrations and actions are multipart POSTs with the fields of the page's form (files:
``files`` for the answer, ``explanation`` for a hearing without the head, ``attachment``
for a reply)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Form, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.pagination import LimitOffset

from . import forms_litigation as forms
from . import views_litigation as views
from .models import Litigation, Suggestion
from .services import litigation as lit_svc

router = Router(tags=["行政应诉"])
suggestions_router = Router(tags=["司法建议、检察建议"])
LIT_ID = Path(..., ge=1, le=2**53, description="应诉案件编号")
SUG_ID = Path(..., ge=1, le=2**53, description="建议编号")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _check(form) -> dict:
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label if k in form.fields else ''}：{m}"
                for k, ms in form.errors.items()
                for m in ms
            ]
        )
    return form.cleaned_data


# --- 行政应诉 ------------------------------------------------------------------------------


class HearingOut(Schema):
    held_on: dt.date
    head_appeared: bool
    head_name: str
    head_role: str
    staff_names: str
    lawyer_names: str
    excuse: str
    excuse_attachment: str = Field(..., description="情况说明的SHA-256")


class LitigationOut(Schema):
    id: int
    number: str
    court: str
    instance: str
    unit_code: str = Field(..., alias="unit.code")
    unit: str = Field(..., alias="unit.name")
    previous_id: int | None
    plaintiff_kind: str
    plaintiff_name: str
    cause: str
    act: str
    after_reconsideration: bool
    disclosure_related: bool
    served_on: dt.date
    answer_due_on: dt.date | None = None
    answer_filed_on: dt.date | None
    answered_late: bool = False
    result: str
    result_on: dt.date | None

    @staticmethod
    def resolve_answer_due_on(obj):
        return obj.answer_deadline.due_date if obj.answer_deadline_id else None

    @staticmethod
    def resolve_answered_late(obj):
        return lit_svc.answered_late(obj)


class LitigationDetailOut(LitigationOut):
    result_reason: str
    co_defendant: bool
    head_summoned: bool
    hearings: list[HearingOut]
    actions: list[str]

    @staticmethod
    def resolve_hearings(obj):
        return list(obj.hearings.all())

    @staticmethod
    def resolve_actions(obj):
        return views._lit_available(obj)


@router.get(
    "", response=list[LitigationOut], summary="应诉案件（按权限范围，收到起诉状副本日期新的在前）"
)
@paginate(LimitOffset)
def litigation_list(
    request,
    year: int | None = Query(None, ge=1900, le=2999, description="收到起诉状副本年度"),
    unit: int | None = Query(None, ge=1, le=2**53, description="被告单位编号"),
    instance: Literal["first", "appeal", "retrial"] | None = Query(None, description="审级"),
    result: str | None = Query(None, max_length=20, description="裁判结果（open：未结案）"),
    figure: str | None = Query(None, max_length=60, description="指标代码（其计入的案件）"),
    q: str | None = Query(None, max_length=100, description="案号、原告、案由或法院"),
):
    params = dict(year=year, unit=unit, instance=instance, result=result, figure=figure, q=q)
    qs, _ = views.filtered_litigation(
        _user(request), {k: str(v) for k, v in params.items() if v is not None}
    )
    return qs


def _lit(request, lit_id: int) -> Litigation:
    user = _user(request)
    return access.get_for(user, views.litigations_for(user), "view", pk=lit_id)


@router.get("{lit_id}", response=LitigationDetailOut, summary="一件应诉案件及其开庭情况")
def litigation_detail(request, lit_id: int = LIT_ID):
    return _lit(request, lit_id)


class LitigationIn(Schema):
    unit: int = Field(..., ge=1, le=2**53, description="被告单位编号")
    court: str = Field(..., max_length=100)
    number: str = Field(..., max_length=80)
    instance: Literal["first", "appeal", "retrial"]
    previous: int | None = Field(None, ge=1, le=2**53, description="前一审级的应诉案件编号")
    plaintiff_kind: Literal["person", "organisation"]
    plaintiff_name: str = Field(..., max_length=200)
    cause: str = Field(..., max_length=200)
    act: str = Field(..., max_length=300)
    served_on: dt.date
    after_reconsideration: bool = False
    reconsideration_case: int | None = Field(None, ge=1, le=2**53)
    co_defendant: bool = False
    disclosure_related: bool = False
    head_summoned: bool = False


@router.post(
    "", response={201: LitigationDetailOut}, summary="登记应诉案件（开始计算15日答辩期限）"
)
def litigation_create(request, data: Form[LitigationIn]):
    user = _user(request)
    d = _check(forms.LitigationForm(user, request.POST))
    lit = lit_svc.register(actor=user, **d)
    return Status(201, views.litigations_for(user).get(pk=lit.pk))


class LitigationActionIn(Schema):
    """The action's fields (those it does not use are ignored)."""

    on: dt.date | None = Field(None, description="提交答辩状日期或裁判日期")
    note: str = Field("", max_length=500)
    held_on: dt.date | None = Field(None, description="开庭日期")
    head_appeared: bool = False
    head_name: str = Field("", max_length=50)
    head_role: str = Field("", max_length=16, description="principal、deputy 或 in_charge")
    staff_names: str = Field("", max_length=200)
    lawyer_names: str = Field("", max_length=200)
    excuse_kind: str = Field(
        "", max_length=20, description="force_majeure、accident、official_duty 或 other"
    )
    excuse: str = Field("", max_length=250)
    result: str = Field("", max_length=16)
    reasons: str = Field("", max_length=2000)


@router.post(
    "{lit_id}/actions/{action}",
    response=LitigationDetailOut,
    summary="提交答辩（answer）、登记开庭（hearing）或裁判结果（result）",
)
def litigation_action(
    request,
    action: Literal["answer", "hearing", "result"],
    data: Form[LitigationActionIn],
    lit_id: int = LIT_ID,
):
    user = _user(request)
    obj = _lit(request, lit_id)
    d = _check(views.LIT_ACTIONS[action][2](request.POST, request.FILES))
    views._run_lit(action, obj, d, user)
    return views.litigations_for(user).get(pk=obj.pk)


# --- 司法建议、检察建议 -----------------------------------------------------------------------


class SuggestionOut(Schema):
    id: int
    kind: str
    issuer: str
    number: str
    received_on: dt.date
    subject: str
    unit_code: str = Field(..., alias="unit.code")
    unit: str = Field(..., alias="unit.name")
    reply_due_on: dt.date
    replied_on: dt.date | None
    replied_in_time: bool | None


class SuggestionDetailOut(SuggestionOut):
    content: str
    reply: str
    actions: list[str]

    @staticmethod
    def resolve_actions(obj):
        return views._sug_available(obj)


@suggestions_router.get(
    "", response=list[SuggestionOut], summary="司法建议、检察建议（按权限范围）"
)
@paginate(LimitOffset)
def suggestion_list(
    request,
    year: int | None = Query(None, ge=1900, le=2999, description="收到年度"),
    unit: int | None = Query(None, ge=1, le=2**53, description="承办单位编号"),
    kind: Literal["judicial", "procuratorial"] | None = Query(None, description="类别"),
    state: Literal["open", "overdue", "replied", "late"] | None = Query(
        None, description="办理情况"
    ),
    figure: str | None = Query(None, max_length=60, description="指标代码（其计入的建议）"),
    q: str | None = Query(None, max_length=100, description="文号、制发机关或事由"),
):
    from fazhi.core import services as core

    params = dict(year=year, unit=unit, kind=kind, state=state, figure=figure, q=q)
    qs, _ = views.filtered_suggestions(
        _user(request), {k: str(v) for k, v in params.items() if v is not None}, core.today()
    )
    return qs


def _sug(request, sug_id: int) -> Suggestion:
    user = _user(request)
    return access.get_for(user, views.suggestions_for(user), "view", pk=sug_id)


@suggestions_router.get("{sug_id}", response=SuggestionDetailOut, summary="一件司法建议或检察建议")
def suggestion_detail(request, sug_id: int = SUG_ID):
    return _sug(request, sug_id)


class SuggestionIn(Schema):
    unit: int = Field(..., ge=1, le=2**53, description="承办单位编号")
    kind: Literal["judicial", "procuratorial"]
    issuer: str = Field(..., max_length=100)
    number: str = Field(..., max_length=80)
    received_on: dt.date
    reply_due_on: dt.date | None = Field(None, description="建议书载明的回复期限（未载明的不填）")
    subject: str = Field(..., max_length=200)
    content: str = Field(..., max_length=5000)


@suggestions_router.post("", response={201: SuggestionDetailOut}, summary="登记司法建议、检察建议")
def suggestion_create(request, data: Form[SuggestionIn]):
    from .services import suggestions as sug_svc

    user = _user(request)
    d = _check(forms.SuggestionForm(user, request.POST))
    s = sug_svc.register(actor=user, **d)
    return Status(201, views.suggestions_for(user).get(pk=s.pk))


class SuggestionActionIn(Schema):
    on: dt.date | None = Field(None, description="回复日期（reply）")
    text: str = Field("", max_length=5000, description="办理和回复情况（reply）")
    unit: int | None = Field(None, ge=1, le=2**53, description="改由办理的单位编号（reassign）")
    reason: str = Field("", max_length=300, description="改交理由（reassign）")


@suggestions_router.post(
    "{sug_id}/actions/{action}",
    response=SuggestionDetailOut,
    summary="登记回复（reply）或改交其他单位办理（reassign）",
)
def suggestion_action(
    request,
    action: Literal["reply", "reassign"],
    data: Form[SuggestionActionIn],
    sug_id: int = SUG_ID,
):
    user = _user(request)
    obj = _sug(request, sug_id)
    d = _check(views.SUG_ACTIONS[action][2](request.POST, request.FILES))
    views._run_sug(action, obj, d, user)
    return Suggestion.objects.select_related("unit").get(pk=obj.pk)
