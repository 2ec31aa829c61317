"""主动公开 routes of the JSON API (/api/disclosure/catalogue, …/releases,
…/interpretations): the caller's scope only (a record of another unit is answered 404, as
on the pages), and the same services as the pages for every change (each checks the rule,
who may act included, and writes the full-process record). Bodies are JSON; the services'
refusals come back as 400 with the Chinese message."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.forms import MAX_DATE, MIN_DATE
from fazhi.core.models import OrgUnit
from fazhi.core.pagination import LimitOffset
from fazhi.documents import interface as documents

from . import views_releases as views
from .models import Interpretation, ProactiveRelease
from .services import releases as svc

catalogue_router = Router(tags=["政府信息公开"])
router = Router(tags=["政府信息公开"])
interpretations_router = Router(tags=["政府信息公开"])

STATE = Literal[tuple(ProactiveRelease.State.values)]  # type: ignore[valid-type]
FORM = Literal[tuple(Interpretation.Form.values)]  # type: ignore[valid-type]
ID = Path(..., ge=1, le=2**53, description="记录号")


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _unit(user, code: str) -> OrgUnit:
    unit = access.restrict(OrgUnit.objects.filter(active=True), user, "view").filter(code=code)
    found = unit.first()
    if found is None:
        raise ValidationError(f"没有代码为“{code}”的单位，或无权访问")
    return found


# --- catalogue ----------------------------------------------------------------------------
class DisclosureCatalogueOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    category: int
    name: str
    description: str
    sort_order: int
    active: bool


class DisclosureCatalogueIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    category: int = Field(..., ge=1, le=15, description="条例第二十条第几项")
    name: str = Field(..., max_length=100)
    description: str = Field("", max_length=300)
    sort_order: int = Field(100, ge=0, le=100000)
    active: bool = True


@catalogue_router.get("", response=list[DisclosureCatalogueOut], summary="政府信息公开目录")
@paginate(LimitOffset)
def catalogue_list(
    request,
    unit: str | None = Query(None, max_length=30, description="单位代码"),
    category: int | None = Query(None, ge=1, le=15, description="第二十条类别"),
):
    qs = views.catalogue_for(_user(request))
    if unit:
        qs = qs.filter(unit__code=unit)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("unit__sort_order", "unit__code", "category", "sort_order", "pk")


@catalogue_router.get("{item_id}", response=DisclosureCatalogueOut, summary="一个目录栏目")
def catalogue_item(request, item_id: int = ID):
    user = _user(request)
    return access.get_for(user, views.catalogue_for(user), "view", pk=item_id)


@catalogue_router.post("", response={201: DisclosureCatalogueOut}, summary="新增目录栏目")
def catalogue_create(request, data: DisclosureCatalogueIn):
    user = _user(request)
    item = svc.save_catalogue_item(
        unit=_unit(user, data.unit), category=data.category, name=data.name,
        description=data.description, sort_order=data.sort_order, active=data.active,
        actor=user,
    )  # fmt: skip
    return Status(201, views.catalogue_for(user).get(pk=item.pk))


# --- releases -----------------------------------------------------------------------------
class DisclosureReleaseOut(Schema):
    id: int
    index_number: str
    unit_code: str = Field(..., alias="unit.code")
    catalogue_id: int
    catalogue_name: str = Field(..., alias="catalogue.name")
    category: int = Field(..., alias="catalogue.category")
    title: str
    document_number: str
    created_on: dt.date
    due_on: dt.date | None = Field(None, description="公开期限（形成或变更之日起20个工作日）")
    published_on: dt.date | None
    state: str
    late: bool
    late_reason: str
    withdrawn_on: dt.date | None
    withdraw_reason: str

    @staticmethod
    def resolve_due_on(obj):
        return obj.deadline.due_date if obj.deadline_id else None


class DisclosureReleaseDetailOut(DisclosureReleaseOut):
    body: str
    version: int


class DisclosureReleaseIn(Schema):
    catalogue: int = Field(..., ge=1, le=2**53, description="目录栏目记录号")
    title: str = Field(..., max_length=300)
    document_number: str = Field("", max_length=100)
    created_on: dt.date = Field(..., ge=MIN_DATE, le=MAX_DATE, description="信息形成或变更日期")
    body: str = Field(..., max_length=100000)


class DisclosurePublishIn(Schema):
    published_on: dt.date = Field(..., ge=MIN_DATE, le=MAX_DATE)
    late_reason: str = Field("", max_length=300, description="逾期公开的原因（逾期时必填）")


class DisclosureWithdrawIn(Schema):
    on: dt.date = Field(..., ge=MIN_DATE, le=MAX_DATE)
    reason: str = Field(..., max_length=300)


@router.get("", response=list[DisclosureReleaseOut], summary="主动公开信息（按权限范围）")
@paginate(LimitOffset)
def release_list(
    request,
    unit: int | None = Query(None, ge=1, le=2**53, description="单位记录号"),
    catalogue: int | None = Query(None, ge=1, le=2**53, description="目录栏目"),
    state: STATE | None = Query(None, description="状态"),  # noqa: B008
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    late: bool | None = Query(None, description="逾期公开"),
    figure: str | None = Query(None, max_length=60, description="指标代码（与year同用）"),
    q: str | None = Query(None, max_length=100, description="标题、索引号或文号"),
):
    params = {"unit": unit, "catalogue": catalogue, "state": state, "year": year,
              "figure": figure, "q": q}  # fmt: skip
    g = {k: v for k, v in params.items() if v is not None}
    if late is not None:
        g["late"] = "1" if late else "0"
    qs, _ = views.filtered(_user(request), g)
    return qs


def _release(request, pk: int) -> ProactiveRelease:
    user = _user(request)
    return access.get_for(user, views.releases_for(user), "view", pk=pk)


def _fresh(request, pk: int) -> ProactiveRelease:
    user = _user(request)
    return views.releases_for(user).get(pk=pk)


@router.get("{release_id}", response=DisclosureReleaseDetailOut, summary="一条主动公开信息")
def release_detail(request, release_id: int = ID):
    return _release(request, release_id)


@router.post("", response={201: DisclosureReleaseDetailOut}, summary="登记待公开信息")
def release_create(request, data: DisclosureReleaseIn):
    user = _user(request)
    item = views.catalogue_for(user).filter(pk=data.catalogue).first()
    if item is None:
        raise ValidationError("请选择本单位公开目录中的栏目")
    rel = svc.create_release(
        unit=item.unit, catalogue=item, title=data.title, body=data.body,
        created_on=data.created_on, document_number=data.document_number, actor=user,
    )  # fmt: skip
    return Status(201, _fresh(request, rel.pk))


@router.post("{release_id}/publish", response=DisclosureReleaseDetailOut, summary="公开")
def release_publish(request, data: DisclosurePublishIn, release_id: int = ID):
    rel = _release(request, release_id)
    svc.publish(rel, on=data.published_on, late_reason=data.late_reason, actor=_user(request))
    return _fresh(request, rel.pk)


@router.post("{release_id}/withdraw", response=DisclosureReleaseDetailOut, summary="撤回")
def release_withdraw(request, data: DisclosureWithdrawIn, release_id: int = ID):
    rel = _release(request, release_id)
    svc.withdraw(rel, on=data.on, reason=data.reason, actor=_user(request))
    return _fresh(request, rel.pk)


# --- interpretations ----------------------------------------------------------------------
class DisclosureInterpretationOut(Schema):
    id: int
    unit_code: str = Field(..., alias="unit.code")
    release_id: int | None
    document_ref: str
    document_title: str
    title: str
    form: str
    published_on: dt.date
    withdrawn_on: dt.date | None


class DisclosureInterpretationDetailOut(DisclosureInterpretationOut):
    body: str


class DisclosureInterpretationIn(Schema):
    unit: str = Field(..., max_length=30, description="单位代码")
    release: int | None = Field(None, ge=1, le=2**53, description="所解读的公开信息")
    document_ref: str = Field("", max_length=60, description="所解读的规范性文件的引用")
    title: str = Field(..., max_length=300)
    form: FORM = "text"  # type: ignore[valid-type]
    published_on: dt.date = Field(..., ge=MIN_DATE, le=MAX_DATE)
    body: str = Field(..., max_length=100000)


@interpretations_router.get(
    "", response=list[DisclosureInterpretationOut], summary="政策解读（按权限范围）"
)
@paginate(LimitOffset)
def interpretation_list(
    request,
    unit: str | None = Query(None, max_length=30, description="单位代码"),
    year: int | None = Query(None, ge=1900, le=2999, description="发布年度"),
):
    qs = views.interpretations_for(_user(request))
    if unit:
        qs = qs.filter(unit__code=unit)
    if year:
        qs = qs.filter(
            published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31)
        )
    return qs.order_by("-published_on", "-pk")


def _interpretation(request, pk: int) -> Interpretation:
    user = _user(request)
    return access.get_for(user, views.interpretations_for(user), "view", pk=pk)


@interpretations_router.get(
    "{interpretation_id}", response=DisclosureInterpretationDetailOut, summary="一篇政策解读"
)
def interpretation_detail(request, interpretation_id: int = ID):
    return _interpretation(request, interpretation_id)


@interpretations_router.post(
    "", response={201: DisclosureInterpretationDetailOut}, summary="发布政策解读"
)
def interpretation_create(request, data: DisclosureInterpretationIn):
    user = _user(request)
    unit = _unit(user, data.unit)
    release, title = None, ""
    if data.release:
        release = views.releases_for(user).filter(pk=data.release, unit=unit).first()
        if release is None:
            raise ValidationError("请选择解读主体本单位已公开的信息")
    if data.document_ref:
        doc = next(
            (d for d in documents.normative_documents_for_interpretation(unit)
             if d["ref"] == data.document_ref),
            None,
        )  # fmt: skip
        if doc is None:
            raise ValidationError("所解读的规范性文件不是本单位已公布的行政规范性文件")
        title = doc["title"]
    if release is not None and data.document_ref:
        raise ValidationError("所解读的公开信息和规范性文件只能选择一项")
    obj = svc.publish_interpretation(
        unit=unit, title=data.title, body=data.body, published_on=data.published_on,
        form=data.form, release=release, document_ref=data.document_ref,
        document_title=title, actor=user,
    )  # fmt: skip
    return Status(201, views.interpretations_for(user).get(pk=obj.pk))


@interpretations_router.post(
    "{interpretation_id}/withdraw",
    response=DisclosureInterpretationDetailOut,
    summary="撤回政策解读",
)
def interpretation_withdraw(request, data: DisclosureWithdrawIn, interpretation_id: int = ID):
    obj = _interpretation(request, interpretation_id)
    svc.withdraw_interpretation(obj, on=data.on, reason=data.reason, actor=_user(request))
    return views.interpretations_for(_user(request)).get(pk=obj.pk)
