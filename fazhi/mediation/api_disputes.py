"""人民调解 routes of the JSON API (/api/mediation/disputes…, …/bodies…), for staff only:
the disputes and bodies in the caller's scope (the same ``core.access`` rule and filters as
the office lists), one dispute with its parties, sessions and clocks and the steps its
state offers, the 排查登记, the steps themselves; a body with its members, its set-up and
its steps (a member joins or leaves, a new term). A record outside the scope is answered
404, as on the pages.

A dispute's step is a form POST with the fields of the step's form, each under its own
name: ``body``, ``accepted_on``, ``mediators``, ``held_on``, ``place``, ``notes``,
``start``, ``end``, ``reason`` (延长), ``outcome``, ``concluded_on``, ``note``, ``agreement_form``, ``agreement_number``,
``agreement_terms``, ``agreement_amount``, ``applied_on``, ``court``, ``result``,
``confirmed_on``, ``followed_up_on``, ``performed`` (yes/no), ``route``, ``escalated_on``;
and optionally ``version`` (the dispute's version read before: a step on an older version
is refused, naming who changed what). A body's step likewise: ``name``, ``gender``,
``role``, ``ethnicity``, ``phone``, ``full_time``, ``joined_on`` (member); ``member``,
``left_on`` (leave); ``starts_on`` (term)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from ninja import Field, Form, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.pagination import LimitOffset

from . import forms_disputes, views_bodies, views_disputes
from .models import Dispute, MediationBody
from .permissions import BODIES, VIEW

router = Router(tags=["矛盾纠纷调解与信访"])
bodies_router = Router(tags=["矛盾纠纷调解与信访"])
D = Dispute
STATE = Literal[tuple(D.State.values)]  # type: ignore[valid-type]
TYPE = Literal[tuple(D.Type.values)]  # type: ignore[valid-type]
SOURCE = Literal[tuple(D.Source.values)]  # type: ignore[valid-type]
OUTCOME = Literal[tuple(D.Outcome.values)]  # type: ignore[valid-type]
ACTION = Literal[tuple(views_disputes.ACTIONS)]  # type: ignore[valid-type]
BODY_KIND = Literal[tuple(MediationBody.Kind.values)]  # type: ignore[valid-type]
BODY_STEP = Literal[tuple(views_bodies.STEPS)]  # type: ignore[valid-type]
DISPUTE_ID = Path(..., ge=1, le=2**53, description="纠纷的记录号")
BODY_ID = Path(..., ge=1, le=2**53, description="调解组织的记录号")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _errors(*forms) -> list[str]:
    out = []
    for form in forms:
        for k, ms in form.errors.items():
            label = form.fields[k].label if k in form.fields else ""
            out += [f"{label}：{m}" if label else m for m in ms]
    return out


# --- disputes -------------------------------------------------------------------------------


class DisputeOut(Schema):
    id: int
    number: str
    unit_name: str = Field(..., alias="unit.name")
    state: str
    found_on: dt.date
    source: str
    type: str
    summary: str
    people_involved: int
    body_id: int | None
    accepted_on: dt.date | None
    outcome: str
    concluded_on: dt.date | None
    due: dt.date | None = Field(None, description="当前期限届满日（调解期限或申请司法确认期限）")

    @staticmethod
    def resolve_due(obj):
        dl = views_disputes.current_clock(obj)
        return dl.due_date if dl else None


class DisputePartyOut(Schema):
    side: str
    kind: str
    name: str
    id_number: str
    phone: str
    address: str


class MediationSessionOut(Schema):
    held_on: dt.date
    place: str
    mediators: str
    notes: str


class DisputeClockOut(Schema):
    clock: str
    label: str
    state: str
    start_date: dt.date
    due_date: dt.date | None
    completed_on: dt.date | None


class DisputeDetailOut(DisputeOut):
    version: int
    place: str
    amount: Decimal | None
    found_by: str
    petition_number: str
    mediators: str
    outcome_note: str
    agreement_form: str
    agreement_number: str
    agreement_terms: str
    agreement_amount: Decimal | None
    confirmation_applied_on: dt.date | None
    confirmation_court: str
    confirmation_result: str
    confirmed_on: dt.date | None
    followed_up_on: dt.date | None
    performed: bool | None
    follow_up_note: str
    escalation_route: str
    escalated_on: dt.date | None
    parties: list[DisputePartyOut] = []
    sessions: list[MediationSessionOut] = []
    clocks: list[DisputeClockOut] = []
    actions: list[str] = Field([], description="调用者现在可办理的环节")

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())

    @staticmethod
    def resolve_clocks(obj, context):
        rows = views_disputes.clocks(obj, core.today(), _user(context["request"]))
        return [
            {
                "clock": k["deadline"].clock,
                "label": k["label"],
                "state": k["deadline"].state,
                "start_date": k["deadline"].start_date,
                "due_date": k["deadline"].due_date,
                "completed_on": k["deadline"].completed_on,
            }
            for k in rows
        ]

    @staticmethod
    def resolve_actions(obj, context):
        return views_disputes.allowed(obj, _user(context["request"]))


@router.get("", response=list[DisputeOut], summary="矛盾纠纷（按权限范围，新排查的在前）")
@paginate(LimitOffset)
def dispute_list(
    request,
    state: STATE | None = Query(None, description="状态"),  # noqa: B008
    type: TYPE | None = Query(None, description="纠纷类型"),  # noqa: B008
    source: SOURCE | None = Query(None, description="来源"),  # noqa: B008
    outcome: OUTCOME | None = Query(None, description="调解结果"),  # noqa: B008
    year: int | None = Query(None, ge=2000, le=2100, description="排查年度"),
    month: str | None = Query(None, pattern=r"^\d{4}-\d{2}$", description="排查月份 YYYY-MM"),
    unit: int | None = Query(None, ge=1, le=2**53, description="责任单位（单位编号）"),
    body: int | None = Query(None, ge=1, le=2**53, description="调解组织"),
    overdue: bool | None = Query(None, description="调解中且已超过调解期限"),
    figure: str | None = Query(None, max_length=60, description="指标代码：只列该指标计入的纠纷"),
    q: str | None = Query(None, max_length=100, description="编号、简要情况或当事人"),
):
    params = {"state": state, "type": type, "source": source, "outcome": outcome,
              "year": year, "month": month, "unit": unit, "body": body, "figure": figure,
              "q": q}  # fmt: skip
    g = {k: v for k, v in params.items() if v is not None}
    if overdue:
        g["overdue"] = "1"
    qs, _ = views_disputes.filtered(_user(request), g, core.today())
    return qs


def _dispute(request, pk: int) -> Dispute:
    user = _user(request)
    return access.get_for(user, views_disputes.disputes_for(user), VIEW, pk=pk)


@router.get("{dispute_id}", response=DisputeDetailOut, summary="一件矛盾纠纷")
def dispute_detail(request, dispute_id: int = DISPUTE_ID):
    return _dispute(request, dispute_id)


class PartyIn(Schema):
    side: str = Field(..., max_length=12, description="applicant/respondent")
    kind: str = Field("person", max_length=14, description="person/organisation")
    name: str = Field(..., max_length=200)
    id_number: str = Field("", max_length=18)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)


class DisputeIn(Schema):
    unit: int = Field(..., ge=1, le=2**53, description="责任单位（单位编号）")
    found_on: dt.date
    source: str = Field(..., max_length=12)
    type: str = Field(..., max_length=16)
    summary: str = Field(..., max_length=5000)
    place: str = Field("", max_length=200)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    people_involved: int = Field(2, ge=1, le=100000)
    found_by: str = Field("", max_length=50)
    petition_number: str = Field("", max_length=40)
    parties: list[PartyIn] = Field(..., max_length=12)


@router.post("", response={201: DisputeDetailOut}, summary="排查登记矛盾纠纷")
def dispute_create(request, data: DisputeIn):
    """The same checks as the office form (a 身份证号 by its check digit, at least one
    party), then the service's."""
    user = _user(request)
    raw = data.dict()
    parties = raw.pop("parties")
    post = QueryDict(mutable=True)
    for k, v in raw.items():
        post[k] = "" if v is None else str(v)
    post["party-TOTAL_FORMS"] = str(len(parties))
    post["party-INITIAL_FORMS"] = "0"
    for i, p in enumerate(parties):
        for k, v in p.items():
            post[f"party-{i}-{k}"] = v
    form = forms_disputes.DisputeRecordForm(user, post)
    fs = forms_disputes.party_formset(post)
    form_ok, parties_ok = form.is_valid(), fs.is_valid()
    if not (form_ok and parties_ok):
        lines = _errors(form) + list(fs.non_form_errors())
        for n, pf in enumerate(fs.forms, 1):
            lines += [f"当事人{n}{line}" for line in _errors(pf)]
        raise ValidationError(lines or ["请求有误"])
    d = views_disputes.svc.record_dispute(user, parties=fs.parties(), **form.cleaned_data)
    return Status(201, views_disputes.disputes_for(user).get(pk=d.pk))


class DisputeActionIn(Schema):
    """The step's fields (those it does not use are ignored)."""

    body: int | None = Field(None, ge=1, le=2**53, description="调解组织（受理调解）")
    accepted_on: dt.date | None = None
    mediators: str = Field("", max_length=200)
    held_on: dt.date | None = None
    place: str = Field("", max_length=200)
    notes: str = Field("", max_length=10000)
    start: dt.date | None = Field(None, description="延长期间开始日期")
    end: dt.date | None = Field(None, description="延长期间结束日期")
    reason: str = Field("", max_length=300, description="当事人同意延长的情况")
    outcome: str = Field("", max_length=12)
    concluded_on: dt.date | None = None
    note: str = Field("", max_length=5000)
    agreement_form: str = Field("", max_length=12)
    agreement_number: str = Field("", max_length=60)
    agreement_terms: str = Field("", max_length=10000)
    agreement_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    applied_on: dt.date | None = None
    court: str = Field("", max_length=100)
    result: str = Field("", max_length=12)
    confirmed_on: dt.date | None = None
    followed_up_on: dt.date | None = None
    performed: str = Field("", max_length=3, description="yes/no")
    route: str = Field("", max_length=16)
    escalated_on: dt.date | None = None
    version: int | None = Field(None, ge=0, le=2**31, description="读取时的版本（可选）")


@router.post(
    "{dispute_id}/actions/{action}",
    response=DisputeDetailOut,
    summary="办理矛盾纠纷的环节（受理调解、调解记录、延长调解期限、调解终结、申请司法确认、司法确认结果、回访、导入法定途径）",
)
def dispute_action(
    request, action: ACTION, data: Form[DisputeActionIn], dispute_id: int = DISPUTE_ID
):
    user = _user(request)
    obj = _dispute(request, dispute_id)
    form = views_disputes.ACTIONS[action].form(obj, request.POST.copy(), user=user)
    if not form.is_valid():
        raise ValidationError(_errors(form))
    views_disputes.run(action, obj, form.cleaned_data, user, data.version)
    return views_disputes.disputes_for(user).get(pk=obj.pk)


# --- bodies ---------------------------------------------------------------------------------


class BodyMemberOut(Schema):
    id: int
    name: str
    gender: str
    role: str
    ethnicity: str
    phone: str
    full_time: bool
    joined_on: dt.date
    left_on: dt.date | None


class MediationBodyOut(Schema):
    id: int
    version: int
    unit_name: str = Field(..., alias="unit.name")
    name: str
    kind: str
    sector: str
    address: str
    phone: str
    established_on: dt.date | None
    term_starts_on: dt.date | None
    active: bool


class BodyDetailOut(MediationBodyOut):
    members: list[BodyMemberOut] = []
    problems: list[str] = Field([], description="组成不符合人民调解法第九条之处")
    disputes: int = Field(0, description="调解纠纷件数")

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())

    @staticmethod
    def resolve_problems(obj):
        return views_bodies.problems(obj, core.today())

    @staticmethod
    def resolve_disputes(obj):
        return obj.disputes.count()


@bodies_router.get("", response=list[MediationBodyOut], summary="调解组织（按权限范围）")
@paginate(LimitOffset)
def body_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="所属单位（单位编号）"),
    kind: BODY_KIND | None = Query(None, description="类型"),  # noqa: B008
    q: str | None = Query(None, max_length=100, description="名称或调解员"),
):
    g = {k: v for k, v in {"unit": unit, "kind": kind, "q": q}.items() if v is not None}
    g["active"] = "all"
    qs, _ = views_bodies.filtered(_user(request), g)
    return qs


def _body(request, pk: int) -> MediationBody:
    user = _user(request)
    return access.get_for(user, views_bodies.bodies_for(user), VIEW, pk=pk)


@bodies_router.get("{body_id}", response=BodyDetailOut, summary="一个调解组织")
def body_detail(request, body_id: int = BODY_ID):
    return _body(request, body_id)


class BodyIn(Schema):
    unit: int = Field(..., ge=1, le=2**53, description="所属单位（单位编号）")
    name: str = Field(..., max_length=120)
    kind: BODY_KIND  # type: ignore[valid-type]
    sector: str = Field("", max_length=60)
    address: str = Field("", max_length=200)
    phone: str = Field("", max_length=30)
    established_on: dt.date | None = None
    term_starts_on: dt.date | None = None


@bodies_router.post("", response={201: BodyDetailOut}, summary="登记调解组织")
def body_create(request, data: BodyIn):
    user = _user(request)
    post = QueryDict(mutable=True)
    for k, v in data.dict().items():
        post[k] = "" if v is None else str(v)
    form = views_bodies.forms.BodyForm(user, post)
    if not form.is_valid():
        raise ValidationError(_errors(form))
    body = views_bodies.svc.create_body(user, **form.cleaned_data)
    return Status(201, views_bodies.bodies_for(user).get(pk=body.pk))


class BodyStepIn(Schema):
    name: str = Field("", max_length=50)
    gender: str = Field("", max_length=8)
    role: str = Field("", max_length=12)
    ethnicity: str = Field("", max_length=20)
    phone: str = Field("", max_length=30)
    full_time: bool = False
    joined_on: dt.date | None = None
    member: int | None = Field(None, ge=1, le=2**53, description="离任的调解员")
    left_on: dt.date | None = None
    starts_on: dt.date | None = None


@bodies_router.post(
    "{body_id}/actions/{action}",
    response=BodyDetailOut,
    summary="调解组织的环节（增加调解员、调解员离任、换届）",
)
def body_action(request, action: BODY_STEP, data: Form[BodyStepIn], body_id: int = BODY_ID):
    user = _user(request)
    body = _body(request, body_id)
    if not access.can(user, BODIES, body.unit):
        raise PermissionDenied("无权修改该调解组织")
    form = views_bodies.STEPS[action][2](body, request.POST.copy())
    if not form.is_valid():
        raise ValidationError(_errors(form))
    views_bodies._step(action, body, user, form.cleaned_data)
    return views_bodies.bodies_for(user).get(pk=body.pk)
