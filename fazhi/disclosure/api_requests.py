"""依申请公开 routes of the JSON API (/api/disclosure/requests…), for staff only: the
requests in the caller's scope (the same ``core.access`` rule and filters as the office
list), one request with its clocks, consultations and the steps its state offers, and the
steps themselves. A request outside the scope is answered 404, as on the pages; the
applicant's personal data never leaves the staff scope (the applicant follows a request
on the portal's status page, not here).

A step is a form POST (multipart when it carries files, under ``attachments``) with the
fields of the step's form, each under its own name: ``on``, ``items``, ``description``,
``kind``, ``party``, ``sent_on``, ``consultation``, ``answer``, ``note``, ``days``,
``reason``, ``approved_by``, ``approved_on``, ``method``, ``pages``, ``reply_type``,
``ground``, ``other_agency``, ``text``; and optionally ``version`` (the request's version
read before: a step on an older version is refused, naming who changed what)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Form, Path, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.pagination import LimitOffset
from fazhi.core.sniff import UploadRejected

from . import actions_requests, rules, views_requests
from .models import DisclosureRequest

router = Router(tags=["政府信息公开"])
R = DisclosureRequest
STATE = Literal[tuple(R.State.values)]  # type: ignore[valid-type]
KIND = Literal[tuple(R.ApplicantKind.values)]  # type: ignore[valid-type]
RESULT = Literal[rules.ROW_CODES]  # type: ignore[valid-type]
ACTION = Literal[tuple(actions_requests.ACTIONS)]  # type: ignore[valid-type]
REQ_ID = Path(..., ge=1, le=2**53, description="申请的记录号")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


class DisclosureRequestOut(Schema):
    id: int
    tracking_number: str
    unit_code: str = Field(..., alias="unit.code")
    unit_name: str = Field(..., alias="unit.name")
    channel: str
    state: str
    applicant_kind: str
    applicant_name: str
    description: str
    received_on: dt.date
    reply_due: dt.date | None = Field(None, description="答复期限届满日（暂停计时为空）")
    replied_on: dt.date | None
    reply_type: str
    result: str = Field(..., description="年度报告第三部分的统计行")
    late: bool

    @staticmethod
    def resolve_reply_due(obj):
        return obj.deadline.due_date if obj.deadline_id else None


class DisclosureConsultationOut(Schema):
    id: int
    kind: str
    party: str
    sent_on: dt.date
    due: dt.date | None = None
    answered_on: dt.date | None
    answer: str
    answer_note: str

    @staticmethod
    def resolve_due(obj):
        return obj.deadline.due_date if obj.deadline_id else None


class DisclosureClockOut(Schema):
    clock: str
    label: str
    state: str
    start_date: dt.date
    due_date: dt.date | None
    completed_on: dt.date | None


class DisclosureRequestDetailOut(DisclosureRequestOut):
    version: int
    applicant_id: str
    applicant_phone: str
    applicant_address: str
    applicant_email: str
    delivery: str
    repeat_of_id: int | None
    correction_items: str
    correction_notified_on: dt.date | None
    corrected_on: dt.date | None
    extension_days: int
    extension_approved_by: str
    extension_approved_on: dt.date | None
    extension_reason: str
    fee_method: str
    fee_amount: Decimal | None
    fee_notified_on: dt.date | None
    fee_paid_on: dt.date | None
    ground: str
    reply_text: str
    other_agency: str
    consultations: list[DisclosureConsultationOut] = []
    clocks: list[DisclosureClockOut] = []
    actions: list[str] = Field([], description="调用者现在可办理的环节")

    @staticmethod
    def resolve_consultations(obj):
        return list(obj.consultations.select_related("deadline"))

    @staticmethod
    def resolve_clocks(obj, context):
        rows = views_requests._clocks(obj, core.today(), _user(context["request"]))
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
        return actions_requests.allowed(obj, _user(context["request"]))


@router.get(
    "requests",
    response=list[DisclosureRequestOut],
    summary="政府信息公开申请（按权限范围，新收到的在前）",
)
@paginate(LimitOffset)
def request_list(
    request,
    state: STATE | None = Query(None, description="办理状态"),  # noqa: B008
    year: int | None = Query(
        None, ge=1900, le=2999, description="收到年度（与figure同用时为统计年度）"
    ),
    unit: int | None = Query(None, ge=1, le=2**53, description="受理机关（单位编号）"),
    kind: KIND | None = Query(None, description="申请人类型"),  # noqa: B008
    late: bool | None = Query(None, description="逾期答复"),
    overdue: bool | None = Query(None, description="办理中且已超过答复期限"),
    result: RESULT | None = Query(None, description="年报统计口径"),  # noqa: B008
    figure: str | None = Query(None, max_length=60, description="指标代码：只列该指标计入的申请"),
    q: str | None = Query(None, max_length=100, description="申请编号、申请人或所需信息"),
):
    params = {"state": state, "year": year, "unit": unit, "kind": kind, "result": result,
              "figure": figure, "q": q}  # fmt: skip
    g = {k: v for k, v in params.items() if v is not None}
    if late is not None:
        g["late"] = "1" if late else "0"
    if overdue:
        g["overdue"] = "1"
    qs, _ = views_requests.filtered(_user(request), g, core.today())
    return qs


def _request(request, pk: int) -> DisclosureRequest:
    user = _user(request)
    return access.get_for(user, views_requests.requests_for(user), "view", pk=pk)


@router.get("requests/{request_id}", response=DisclosureRequestDetailOut, summary="一件申请")
def request_detail(request, request_id: int = REQ_ID):
    return _request(request, request_id)


class DisclosureActionIn(Schema):
    """The step's fields (those it does not use are ignored)."""

    on: dt.date | None = Field(None, description="日期")
    items: str = Field("", max_length=2000, description="需要补正的事项（补正告知）")
    description: str = Field("", max_length=5000, description="补正后的申请内容（收到补正）")
    kind: str = Field("", max_length=20, description="征求意见对象类别 third_party/agency")
    party: str = Field("", max_length=200, description="征求意见对象")
    sent_on: dt.date | None = Field(None, description="发出征求意见函日期")
    consultation: int | None = Field(None, ge=1, le=2**53, description="征求意见函（登记意见）")
    answer: str = Field("", max_length=10, description="意见 consent/object/none")
    note: str = Field("", max_length=2000)
    days: int | None = Field(None, ge=1, le=20, description="延长答复期限（工作日）")
    reason: str = Field("", max_length=500)
    approved_by: str = Field("", max_length=50)
    approved_on: dt.date | None = None
    method: str = Field("", max_length=10, description="计费方式 count/pages")
    pages: int | None = Field(None, ge=0, le=10**6, description="页数（按量计收）")
    reply_type: str = Field("", max_length=20, description="答复类型")
    ground: str = Field("", max_length=20, description="理由")
    other_agency: str = Field("", max_length=200, description="负责公开的机关及联系方式")
    text: str = Field("", max_length=20000, description="答复内容")
    version: int | None = Field(None, ge=0, le=2**31, description="读取时的版本（可选）")


def _bound(form_class, obj, request):
    data = request.POST.copy()
    form = form_class(obj, data, request.FILES)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label if k in form.fields else ''}：{m}"
                for k, ms in form.errors.items()
                for m in ms
            ]
        )
    return form.cleaned_data


@router.post(
    "requests/{request_id}/actions/{action}",
    response=DisclosureRequestDetailOut,
    summary="办理申请的环节（补正告知、收到补正、征求意见、登记意见、延期、收费通知、已缴费、答复、撤回）",
)
def request_action(
    request, action: ACTION, data: Form[DisclosureActionIn], request_id: int = REQ_ID
):
    user = _user(request)
    obj = _request(request, request_id)
    d = _bound(actions_requests.ACTIONS[action].form, obj, request)
    try:
        actions_requests.run(action, obj, d, user, data.version)
    except UploadRejected as e:
        raise ValidationError(e.message) from None
    return views_requests.requests_for(user).get(pk=obj.pk)
