"""行政复议 routes of the JSON API: the applications and cases in the caller's scope (the
复议机构's, and for a respondent department those against it), one record with its clocks
and the actions its state offers, and the actions themselves. A record outside the scope
is answered 404, as on the pages; an action goes through the same form and service as the
record's page (the service checks every rule, who may act included, and writes the
full-process record).

An action is a form POST (multipart when it carries files, under ``attachments``) with the
fields of the action's form: ``on``, ``items``, ``procedure``, ``simple_ground``,
``amount``, ``reason``, ``to``, ``summary``, ``notified_on``, ``hearing_on``, ``ground``,
``note``, ``days``, ``approved_by``, ``approved_on``, ``outcome``, ``document_title``,
``document_number``."""

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

from . import actions_office, views_applications, views_cases
from .models import Application, Case

router = Router(tags=["行政复议与应诉"])
APP_STATE = Literal[tuple(Application.State.values)]  # type: ignore[valid-type]
CHANNEL = Literal[tuple(Application.Channel.values)]  # type: ignore[valid-type]
CASE_STATE = Literal[tuple(Case.State.values)]  # type: ignore[valid-type]
APP_ID = Path(..., ge=1, le=2**53, description="申请编号（记录号）")
CASE_ID = Path(..., ge=1, le=2**53, description="案件编号（记录号）")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _due(dl):
    return dl.due_date if dl is not None else None


class ApplicationOut(Schema):
    id: int
    tracking_number: str
    channel: str
    state: str
    applicant_kind: str
    applicant_name: str
    respondent_name: str
    respondent_code: str | None = None
    act: str
    received_on: dt.date
    late: bool
    period_end: dt.date | None
    clock_due: dt.date | None = Field(None, description="受理审查（补正中为补正）期限届满日")

    @staticmethod
    def resolve_respondent_code(obj):
        return obj.respondent.code if obj.respondent_id else None

    @staticmethod
    def resolve_clock_due(obj):
        if obj.state not in Application.OPEN_STATES:
            return None
        return _due(views_applications.current_clock(obj))


class ApplicationDetailOut(ApplicationOut):
    applicant_id: str
    applicant_phone: str
    applicant_address: str
    agent_name: str
    act_number: str
    act_on: dt.date | None
    known_on: dt.date
    inaction: bool
    remedy_told: bool
    remedy_known_on: dt.date | None
    immovable: bool
    requests: str
    reasons: str
    oral_record: str
    document_review: str
    disclosure_related: bool
    period_start: dt.date | None
    period_note: str
    correction_items: str
    correction_notified_on: dt.date | None
    corrected_on: dt.date | None
    deemed_accepted: bool
    decided_on: dt.date | None
    reject_reason: str
    referred_to: str
    withdrawn_on: dt.date | None
    review_due: dt.date | None = None
    correction_due: dt.date | None = None
    case_id: int | None = None
    actions: list[str] = Field([], description="调用者现在可办理的操作")

    @staticmethod
    def resolve_review_due(obj):
        return _due(obj.review_deadline)

    @staticmethod
    def resolve_correction_due(obj):
        return _due(obj.correction_deadline)

    @staticmethod
    def resolve_case_id(obj):
        return Case.objects.filter(application=obj).values_list("pk", flat=True).first()

    @staticmethod
    def resolve_actions(obj, context):
        return actions_office.application_actions(obj, _user(context["request"]))


class ReconCaseOut(Schema):
    id: int
    number: str
    application_id: int
    tracking_number: str = Field(..., alias="application.tracking_number")
    applicant_name: str = Field(..., alias="application.applicant_name")
    respondent_name: str
    respondent_code: str | None = None
    procedure: str
    state: str
    accepted_on: dt.date
    decision_due: dt.date | None = Field(None, description="作出决定期限届满日（中止时为空）")
    outcome: str
    decision_number: str
    decided_on: dt.date | None

    @staticmethod
    def resolve_respondent_code(obj):
        return obj.respondent.code if obj.respondent_id else None

    @staticmethod
    def resolve_decision_due(obj):
        return _due(obj.deadline)


class ReconCaseDetailOut(ReconCaseOut):
    act: str = Field(..., alias="application.act")
    simple_ground: str
    copy_sent_on: dt.date | None
    copy_due: dt.date | None = None
    answered_on: dt.date | None
    answer_due: dt.date | None = None
    no_answer: bool
    hearing_notified_on: dt.date | None
    hearing_on: dt.date | None
    suspended_on: dt.date | None
    suspension_ground: str
    resumed_on: dt.date | None
    extended_days: int
    decision_summary: str
    served_on: dt.date | None
    published_on: dt.date | None
    superior_copied_on: dt.date | None
    document_review: str
    document_review_ref: str
    actions: list[str] = Field([], description="调用者现在可办理的操作")

    @staticmethod
    def resolve_copy_due(obj):
        return _due(obj.copy_deadline)

    @staticmethod
    def resolve_answer_due(obj):
        return _due(obj.answer_deadline)

    @staticmethod
    def resolve_actions(obj, context):
        return actions_office.case_actions(obj, _user(context["request"]))


# --- applications --------------------------------------------------------------------------


@router.get(
    "applications", response=list[ApplicationOut], summary="行政复议申请（按权限范围，新的在前）"
)
@paginate(LimitOffset)
def applications(
    request,
    state: APP_STATE | None = Query(None, description="办理状态"),  # noqa: B008
    year: int | None = Query(None, ge=1900, le=2999, description="收到年度"),
    respondent: int | None = Query(None, ge=1, le=2**53, description="被申请人（单位编号）"),
    late: bool | None = Query(None, description="超过申请期限"),
    channel: CHANNEL | None = Query(None, description="申请方式"),  # noqa: B008
    q: str | None = Query(None, max_length=100, description="申请编号、申请人或行政行为"),
):
    params = {"state": state, "year": year, "respondent": respondent, "channel": channel, "q": q}
    g = {k: v for k, v in params.items() if v is not None}
    if late is not None:
        g["late"] = "1" if late else "0"
    qs, _ = views_applications.filtered(_user(request), g)
    return qs


def _application(request, pk: int) -> Application:
    user = _user(request)
    return access.get_for(user, views_applications.applications_for(user), "view", pk=pk)


@router.get("applications/{application_id}", response=ApplicationDetailOut, summary="一件申请")
def application(request, application_id: int = APP_ID):
    return _application(request, application_id)


class ReconActionIn(Schema):
    """The action's fields (those it does not use are ignored)."""

    on: dt.date | None = Field(None, description="日期")
    items: str = Field("", max_length=2000, description="需要补正的事项（通知补正）")
    procedure: Literal["ordinary", "simple"] = Field("ordinary", description="审理程序（受理）")
    simple_ground: str = Field("", max_length=30, description="简易程序的情形（受理）")
    amount: Decimal | None = Field(None, ge=0, le=10**12, description="涉及款额（受理）")
    reason: str = Field("", max_length=2000)
    to: str = Field("", max_length=200, description="有权受理的机关（告知）")
    summary: str = Field("", max_length=5000, description="答复要点或决定要旨")
    notified_on: dt.date | None = Field(None, description="听证通知日期")
    hearing_on: dt.date | None = Field(None, description="听证日期")
    ground: str = Field("", max_length=30, description="中止情形")
    note: str = Field("", max_length=500)
    days: int | None = Field(None, ge=1, le=365, description="延长天数")
    approved_by: str = Field("", max_length=100)
    approved_on: dt.date | None = None
    outcome: str = Field("", max_length=30, description="处理结果（决定）")
    document_title: str = Field("", max_length=200, description="规范性文件名称（转附带审查）")
    document_number: str = Field("", max_length=100, description="规范性文件文号（转附带审查）")


def _bound(form_class, obj, request):
    form = form_class(obj, request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label if k in form.fields else ''}：{m}"
                for k, ms in form.errors.items()
                for m in ms
            ]
        )
    return form.cleaned_data


APP_ACTION = Literal[tuple(actions_office.APPLICATION_ACTIONS)]  # type: ignore[valid-type]
CASE_ACTION = Literal[tuple(actions_office.CASE_ACTIONS)]  # type: ignore[valid-type]


@router.post(
    "applications/{application_id}/actions/{action}",
    response=ApplicationDetailOut,
    summary="办理受理审查（补正、受理、不予受理、告知、撤回）",
)
def application_action(
    request, action: APP_ACTION, data: Form[ReconActionIn], application_id: int = APP_ID
):
    user = _user(request)
    obj = _application(request, application_id)
    d = _bound(actions_office.APPLICATION_ACTIONS[action].form, obj, request)
    try:
        actions_office.run_application(action, obj, d, user)
    except UploadRejected as e:
        raise ValidationError(e.message) from None
    return views_applications.applications_for(user).get(pk=obj.pk)


# --- cases ---------------------------------------------------------------------------------


@router.get(
    "cases", response=list[ReconCaseOut], summary="行政复议案件（按权限范围，按决定期限排序）"
)
@paginate(LimitOffset)
def cases(
    request,
    state: CASE_STATE | None = Query(None, description="办理状态"),  # noqa: B008
    procedure: Literal["ordinary", "simple"] | None = Query(None, description="审理程序"),
    year: int | None = Query(None, ge=1900, le=2999, description="受理年度"),
    respondent: int | None = Query(None, ge=1, le=2**53, description="被申请人（单位编号）"),
    overdue: bool | None = Query(None, description="决定期限已超期"),
    outcome: str | None = Query(None, max_length=30, description="处理结果"),
    q: str | None = Query(None, max_length=100, description="案号、申请编号、申请人或行政行为"),
):
    params = {"state": state, "procedure": procedure, "year": year, "respondent": respondent,
              "outcome": outcome, "q": q}  # fmt: skip
    g = {k: v for k, v in params.items() if v is not None}
    if overdue:
        g["overdue"] = "1"
    qs, _ = views_cases.filtered(_user(request), g, core.today())
    return qs.select_related("copy_deadline", "answer_deadline")


def _case(request, pk: int) -> Case:
    user = _user(request)
    return access.get_for(user, views_cases.cases_for(user), "view", pk=pk)


@router.get("cases/{case_id}", response=ReconCaseDetailOut, summary="一件行政复议案件")
def case(request, case_id: int = CASE_ID):
    return _case(request, case_id)


@router.post(
    "cases/{case_id}/actions/{action}",
    response=ReconCaseDetailOut,
    summary="办理案件环节（副本、答复、听证、中止、恢复、延期、决定、送达、公开、抄告、转附带审查）",
)
def case_action(request, action: CASE_ACTION, data: Form[ReconActionIn], case_id: int = CASE_ID):
    user = _user(request)
    obj = _case(request, case_id)
    d = _bound(actions_office.CASE_ACTIONS[action].form, obj, request)
    try:
        actions_office.run_case(action, obj, d, user)
    except UploadRejected as e:
        raise ValidationError(e.message) from None
    return views_cases.cases_for(user).get(pk=obj.pk)
