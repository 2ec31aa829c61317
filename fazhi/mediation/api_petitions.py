"""信访 routes of the JSON API (/api/mediation/petitions…), for staff only: the petitions in
the caller's scope (the registering unit's and, once routed, the handling unit's; the same
``core.access`` rule and filters as the office list), one petition with its clocks, reviews
and the steps its state offers the caller, the registration and the steps themselves. A
petition outside the scope is answered 404, as on the pages.

Registration and each step are form POSTs with the fields of the office form, each under its
own name (registration: ``unit`` (the unit's id), ``channel``, ``received_on``, ``category``,
``petitioner_name``, ``petitioner_id``, ``people_count``, ``representatives``, ``subject``,
``content``, ``same_as`` (an earlier number); steps: ``route``, ``on``, ``handling_unit``,
``handling_received_on``, ``ground``, ``accepted``, ``notified_on``, ``accepted_on``,
``days``, ``approved_by``, ``reason``, ``approved_on``, ``concluded_on``, ``result``,
``opinion_number``, ``opinion``, ``served_on``, ``reviewing_unit``, ``requested_on``,
``answered_on``, ``start``, ``end``), and optionally ``version`` (the petition's version
read before: a step on an older version is refused, naming who changed what)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.pagination import LimitOffset

from . import actions_petitions, forms_petitions, views_petitions
from .models import Petition
from .services import petitions as svc

router = Router(tags=["信访"])
P = Petition
STATE = Literal[tuple(P.State.values)]  # type: ignore[valid-type]
CATEGORY = Literal[tuple(P.Category.values)]  # type: ignore[valid-type]
CHANNEL = Literal[tuple(P.Channel.values)]  # type: ignore[valid-type]
ACTION = Literal[tuple(actions_petitions.ACTIONS)]  # type: ignore[valid-type]
ID = Path(..., ge=1, le=2**53, description="信访事项的记录号")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


class PetitionOut(Schema):
    id: int
    number: str
    unit_name: str = Field(..., alias="unit.name")
    handling_unit_name: str | None = None
    state: str
    channel: str
    category: str
    received_on: dt.date
    petitioner_name: str
    people_count: int
    subject: str
    route: str
    routed_on: dt.date | None
    accepted: bool | None
    notified_on: dt.date | None
    concluded_on: dt.date | None
    result: str
    late: bool
    due: dt.date | None = Field(None, description="当前环节期限届满日")

    @staticmethod
    def resolve_handling_unit_name(obj):
        return obj.handling_unit.name if obj.handling_unit_id else None

    @staticmethod
    def resolve_due(obj):
        dl = views_petitions.current_clock(obj)
        return dl.due_date if dl is not None else None


class PetitionClockOut(Schema):
    clock: str
    label: str
    state: str
    start_date: dt.date
    due_date: dt.date | None
    completed_on: dt.date | None


class PetitionReviewOut(Schema):
    level: str
    reviewing_unit_name: str = Field(..., alias="reviewing_unit.name")
    requested_on: dt.date
    hearing_from: dt.date | None
    hearing_to: dt.date | None
    result: str
    opinion_number: str
    opinion: str
    answered_on: dt.date | None
    served_on: dt.date | None
    late: bool


class PetitionDetailOut(PetitionOut):
    version: int
    petitioner_id: str
    petitioner_phone: str
    petitioner_address: str
    representatives: str
    content: str
    same_as_number: str | None = None
    handling_received_on: dt.date | None
    not_accepted_ground: str
    accepted_on: dt.date | None
    extension_days: int
    extension_approved_by: str
    extension_reason: str
    opinion_number: str
    opinion: str
    opinion_served_on: dt.date | None
    reviews: list[PetitionReviewOut] = []
    clocks: list[PetitionClockOut] = []
    repeat_of_re_reviewed: str | None = Field(
        None, description="已经复核的同一信访事项编号（有则不再受理）"
    )
    actions: list[str] = Field([], description="调用者现在可办理的环节")

    @staticmethod
    def resolve_same_as_number(obj):
        return obj.same_as.number if obj.same_as_id else None

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.select_related("reviewing_unit"))

    @staticmethod
    def resolve_clocks(obj, context):
        rows = views_petitions._clocks(obj, core.today(), _user(context["request"]))
        return [
            {"clock": k["deadline"].clock, "label": k["label"], "state": k["deadline"].state,
             "start_date": k["deadline"].start_date, "due_date": k["deadline"].due_date,
             "completed_on": k["deadline"].completed_on}
            for k in rows
        ]  # fmt: skip

    @staticmethod
    def resolve_repeat_of_re_reviewed(obj):
        found = svc.reviewed_repeat(obj)
        return found.number if found is not None else None

    @staticmethod
    def resolve_actions(obj, context):
        return actions_petitions.allowed(obj, _user(context["request"]))


@router.get("petitions", response=list[PetitionOut], summary="信访事项（按权限范围，新收到的在前）")
@paginate(LimitOffset)
def petition_list(
    request,
    state: STATE | None = Query(None, description="状态"),  # noqa: B008
    category: CATEGORY | None = Query(None, description="类别"),  # noqa: B008
    channel: CHANNEL | None = Query(None, description="信访形式"),  # noqa: B008
    month: str | None = Query(None, max_length=7, description="收到月份 YYYY-MM"),
    side: Literal["registered", "handling"] | None = Query(
        None, description="本单位登记的 / 转送交办给本单位的"
    ),
    overdue: bool | None = Query(None, description="办理中且已超过当前期限"),
    q: str | None = Query(None, max_length=100, description="编号、信访人或信访事项"),
):
    params = {"state": state, "category": category, "channel": channel, "month": month,
              "side": side, "q": q}  # fmt: skip
    g = {k: v for k, v in params.items() if v is not None}
    if overdue:
        g["overdue"] = "1"
    qs, _ = views_petitions.filtered(_user(request), g, core.today())
    return qs


def _petition(request, pk: int) -> Petition:
    user = _user(request)
    return access.get_for(user, views_petitions.petitions_for(user), "view", pk=pk)


@router.get("petitions/{petition_id}", response=PetitionDetailOut, summary="一件信访事项")
def petition_detail(request, petition_id: int = ID):
    return _petition(request, petition_id)


def _errors(form) -> ValidationError:
    return ValidationError([
        f"{form.fields[k].label if k in form.fields else ''}：{m}"
        for k, ms in form.errors.items() for m in ms
    ])  # fmt: skip


@router.post("petitions", response={201: PetitionDetailOut}, summary="登记信访事项")
def petition_create(request):
    user = _user(request)
    form = forms_petitions.PetitionForm(user, request.POST.copy())
    if not form.is_valid():
        raise _errors(form)
    p = svc.register(actor=user, **form.service_kwargs())
    return Status(201, views_petitions.petitions_for(user).get(pk=p.pk))


@router.post(
    "petitions/{petition_id}/actions/{action}",
    response=PetitionDetailOut,
    summary="办理信访事项的环节（转送交办、异议、告知、延期、办结、送达、复查、复核、听证）",
)
def petition_action(request, action: ACTION, petition_id: int = ID):
    user = _user(request)
    p = _petition(request, petition_id)
    form = actions_petitions.make_form(action, p, request.POST.copy())
    if not form.is_valid():
        raise _errors(form)
    raw = (request.POST.get("version") or "").strip()
    version = int(raw) if raw.isdigit() and len(raw) < 10 else None
    actions_petitions.run(action, p, form.cleaned_data, user, version)
    return views_petitions.petitions_for(user).get(pk=p.pk)
