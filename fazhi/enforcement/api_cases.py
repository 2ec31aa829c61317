"""Enforcement case routes of the JSON API: the cases in the caller's scope, one case with
its parties, officers, stages and publication, and the stage actions. A case of another
unit is answered 404, as on the pages; an action goes through the same form and service
as the case page (the service checks every rule and writes the full-process record).

An action is a multipart POST: the fields of the action's form (``on``, ``fine``,
``officers`` as officer ids, …) and one file per 文书 the stage needs, sent under the
文书's name (e.g. ``调查询问笔录``; see ``rules.stage_documents``)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Form, Path, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.pagination import LimitOffset

from . import actions_cases, views_cases
from .models import Case

PREFIX = "/enforcement"
router = Router(tags=["行政执法"])
CASE_ID = Path(..., ge=1, le=2**53, description="案件编号")


class CaseOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    procedure: str
    stage: str
    agency: str = Field(..., alias="agency.name")
    unit_code: str = Field(..., alias="unit.code")
    filed_on: dt.date
    due_date: dt.date | None = None
    outcome: str
    fine: Decimal
    decision_number: str
    decided_on: dt.date | None
    revoked_on: dt.date | None

    @staticmethod
    def resolve_due_date(obj):
        return obj.deadline.due_date if obj.deadline_id and obj.deadline else None


class PartyOut(Schema):
    kind: str
    name: str
    id_number: str
    uscc: str
    representative: str
    address: str
    phone: str
    minor: bool


class CaseOfficerOut(Schema):
    name: str = Field(..., alias="officer.name")
    certificate_number: str = Field(..., alias="officer.certificate_number")
    role: str


class StepDocumentOut(Schema):
    name: str
    attachment: int
    sha256: str


class StepOut(Schema):
    stage: str
    on: dt.date
    documents: list[StepDocumentOut]
    officers: list[str]
    note: str


class PublicationOut(Schema):
    due_on: dt.date
    published_on: dt.date | None
    late: bool
    late_reason: str
    withheld_reason: str
    withdraw_due_on: dt.date | None
    withdrawn_on: dt.date | None
    withdraw_reason: str


class CaseDetailOut(CaseOut):
    facts: str
    major: bool
    major_reasons: list[str]
    confiscation: Decimal
    revokes_license: bool
    served_on: dt.date | None
    executed_on: dt.date | None
    closed_on: dt.date | None
    parties: list[PartyOut]
    officers: list[CaseOfficerOut]
    steps: list[StepOut]
    publication: PublicationOut | None = None
    actions: list[str]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_officers(obj):
        return list(obj.assignments.select_related("officer"))

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())

    @staticmethod
    def resolve_publication(obj):
        return actions_cases.publication_of(obj)

    @staticmethod
    def resolve_actions(obj):
        return actions_cases.available(obj)


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("cases", response=list[CaseOut], summary="执法案件（按权限范围，默认按办理期限排序）")
@paginate(LimitOffset)
def cases(
    request,
    agency: int | None = Query(None, ge=1, le=2**53, description="执法主体编号"),
    kind: str | None = Query(None, max_length=20, description="案件类别"),
    stage: str | None = Query(None, max_length=20, description="办理阶段"),
    year: int | None = Query(None, ge=1900, le=2999, description="立案年度"),
    clock: Literal["overdue", "soon", "open"] | None = Query(None, description="办理期限"),
    q: str | None = Query(None, max_length=100, description="案号、案由或当事人"),
    sort: Literal["due", "filed"] = Query("due", description="排序"),
):
    params = {
        "agency": agency,
        "kind": kind,
        "stage": stage,
        "year": year,
        "clock": clock,
        "q": q,
        "sort": sort,
    }
    qs, _ = views_cases.filtered(
        _user(request), {k: v for k, v in params.items() if v is not None}, core.today()
    )
    return qs


def _case(request, case_id: int) -> Case:
    return access.get_for(_user(request), views_cases.cases_for(_user(request)), "view", pk=case_id)


@router.get("cases/{case_id}", response=CaseDetailOut, summary="一件执法案件")
def case(request, case_id: int = CASE_ID):
    return _case(request, case_id)


class ActionIn(Schema):
    """The action's fields (those it does not use are ignored)."""

    on: dt.date | None = Field(None, description="环节日期")
    notice_on: dt.date | None = Field(None, description="听证通知送达日期（举行听证）")
    officers: list[int] = Field([], description="执法人员编号（调查取证）")
    note: str = Field("", max_length=2000)
    proposed_fine: Decimal | None = Field(None, ge=0, le=10**12, description="拟罚款（告知）")
    proposed_revocation: bool = False
    outcome: str = Field("", max_length=30, description="处理结果（决定）")
    fine: Decimal | None = Field(None, ge=0, le=10**12)
    confiscation: Decimal | None = Field(None, ge=0, le=10**12)
    revokes_license: bool = False
    band: int | None = Field(None, ge=1, le=2**53, description="裁量阶次编号")
    outside_band_reason: str = Field("", max_length=2000)
    reason: str = Field("", max_length=300)
    days: int | None = Field(None, ge=1, le=365, description="延长天数")
    approved_by: str = Field("", max_length=100)
    approved_on: dt.date | None = None
    late_reason: str = Field("", max_length=300)


ACTION = Literal[tuple(actions_cases.ACTIONS)]  # type: ignore[valid-type]


@router.post(
    "cases/{case_id}/actions/{action}",
    response=CaseDetailOut,
    summary="办理案件环节（multipart：字段及以文书名称命名的文件）",
)
def case_action(request, action: ACTION, data: Form[ActionIn], case_id: int = CASE_ID):
    user = _user(request)
    obj = _case(request, case_id)
    form_class = views_cases.FORMS[action]
    names = getattr(form_class(obj), "doc_names", ())
    files = {f"doc_{i}": request.FILES[n] for i, n in enumerate(names) if n in request.FILES}
    for key in ("material", "evidence"):
        if key in request.FILES:
            files[key] = request.FILES[key]
    form = form_class(obj, request.POST, files)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label if k in form.fields else ''}：{m}"
                for k, ms in form.errors.items()
                for m in ms
            ]
        )
    documents = form.documents() if hasattr(form, "documents") else {}
    actions_cases.run(action, obj, form.cleaned_data, documents, user)
    return views_cases.cases_for(user).get(pk=obj.pk)
