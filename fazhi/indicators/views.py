"""Indicator pages: reporting rounds and submissions, values with their sources,
oversight findings and rectification, assessment schemes, scores and the ranked table."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core.forms import BootstrapMixin, DateField, parse_date, posted_id
from fazhi.core.models import Attachment, OrgUnit
from fazhi.core.numbers import fmt_value
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing

from . import registry, services
from .catalog import AREAS
from .models import (
    AssessmentItem,
    AssessmentScheme,
    AssessmentScore,
    Indicator,
    IndicatorValue,
    Oversight,
    ReportingRound,
    Submission,
)


def _msgs(e) -> list[str]:
    return e.messages if isinstance(e, ValidationError) else [str(e)]


# --- rounds and submissions -------------------------------------------------------------


class RoundForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="数据年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="名称", max_length=100)
    due = DateField(label="填报截止日")
    codes = forms.MultipleChoiceField(
        label="填报指标", widget=forms.SelectMultiple(attrs={"size": 12})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [
            (
                i.code,
                f"{i.name}（{i.reporting_unit.display_name if i.reporting_unit else '未指定填报单位'}）",
            )
            for i in Indicator.objects.select_related("reporting_unit")
            if i.code not in registry.COMPUTED
        ]


@login_required
def rounds(request):
    is_coord = access.is_global(request.user, "change")
    subs = access.restrict(Submission.objects.select_related("round", "unit"), request.user, "view")
    form = RoundForm(request.POST or None) if is_coord else None
    errors: list[str] = []
    if request.method == "POST":
        if not is_coord:
            raise PermissionDenied("只有统筹协调人员可以开启填报")
        if form.is_valid():
            try:
                rnd = services.open_round(actor=request.user, **form.cleaned_data)
                messages.success(request, f"已开启“{rnd.name}”")
                return redirect("indicators:rounds")
            except (ValidationError, CalendarMissing) as e:
                errors = _msgs(e)
    return render(
        request,
        "indicators/rounds.html",
        {
            "rounds": ReportingRound.objects.all()
            if access.is_global(request.user, "view")
            else ReportingRound.objects.filter(pk__in=subs.values("round_id")),
            "subs": subs.order_by("-round__year", "unit__sort_order")[:200],
            "form": form,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def round_detail(request, pk: int):
    rnd = ReportingRound.objects.filter(pk=pk).first()
    if rnd is None or not access.can(request.user, "view_round"):
        raise Http404("填报轮次不存在或无权访问")
    errors = []
    if request.method == "POST":
        try:
            services.lock_round(rnd, request.user)
            messages.success(request, "已锁定")
            return redirect("indicators:round", pk=rnd.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _msgs(e)
    return render(
        request,
        "indicators/round.html",
        {
            "rnd": rnd,
            "subs": rnd.submissions.select_related("unit"),
            "errors": errors,
            "can_lock": access.is_global(request.user, "change"),
        },
    )


@login_required
def submission(request, pk: int):
    sub = access.get_for(
        request.user, Submission.objects.select_related("round", "unit"), "view", pk=pk
    )
    user = request.user
    inds = list(services.submission_indicators(sub))
    gov = registry.government()
    current = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            unit=gov, year=sub.round.year, source=IndicatorValue.Source.REPORTED, indicator__in=inds
        )
    }
    previous = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            unit=gov, year=sub.round.year - 1, indicator__in=inds
        )
    }
    editable = (
        access.can(user, "change", sub.unit)
        and sub.state in (Submission.State.DRAFT, Submission.State.RETURNED)
        and not access.is_global(user, "change")
    )
    errors: list[str] = []
    posted = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("save", "submit"):
                if not editable:
                    raise PermissionDenied("当前不能修改该填报")
                raw = {}
                for ind in inds:
                    raw[ind.code] = (
                        request.POST.get(f"v_{ind.code}", ""),
                        request.POST.get(f"a_{ind.code}") == "on",
                        request.POST.get(f"n_{ind.code}", ""),
                    )
                posted = raw
                services.save_values(sub, raw, user, version=locking.seen(request))
                if action == "submit":
                    files = request.FILES.getlist("evidence")
                    services.submit(sub, user, files=files)
                    messages.success(request, "已提交，等待审核")
                else:
                    messages.success(request, "已保存")
                return redirect("indicators:submission", pk=sub.pk)
            if action in ("accept", "return"):
                services.review(
                    sub,
                    accept=action == "accept",
                    reason=request.POST.get("reason", ""),
                    actor=user,
                )
                messages.success(request, "已审核通过" if action == "accept" else "已退回")
                return redirect("indicators:submission", pk=sub.pk)
            raise Http404("未知操作")
        except (ValidationError, UploadRejected) as e:
            errors = _msgs(e)
            status = 400
    rows = []
    for ind in inds:
        v = current.get(ind.pk)
        p = previous.get(ind.pk)
        typed = posted.get(ind.code)
        rows.append(
            {
                "ind": ind,
                "value": typed[0] if typed else (fmt_value(v.value) if v else ""),
                "approx": typed[1] if typed else (v.approximate if v else False),
                "note": typed[2] if typed else (v.note if v else ""),
                "prev": p,
            }
        )
    return render(
        request,
        "indicators/submission.html",
        {
            "sub": sub,
            "rows": rows,
            "editable": editable,
            "errors": errors,
            "can_review": access.is_global(user, "review")
            and sub.state == Submission.State.SUBMITTED,
            "attachments": Attachment.objects.filter(
                record_type="indicators.submission", record_id=str(sub.pk)
            ),
            "history": events.history("indicators.submission", str(sub.pk)),
        },
        status=status,
    )


# --- values -----------------------------------------------------------------------------


@login_required
def values(request):
    """District figures for a year beside the previous year, by 纲要 area."""
    years = sorted(set(IndicatorValue.objects.values_list("year", flat=True)), reverse=True)
    year = default_year(years)
    raw = request.GET.get("year", "").strip()
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        year = int(raw)
    cur = registry.district_values(year)
    prev = registry.district_values(year - 1)
    # Link a figure only for those its page will serve (the same rule as value_detail).
    openable = set(
        access.restrict(
            IndicatorValue.objects.filter(pk__in=[v.pk for v in cur.values()]),
            request.user,
            "view",
        ).values_list("pk", flat=True)
    )
    groups = []
    for area, title in AREAS.items():
        rows = []
        for ind in Indicator.objects.filter(area=area):
            v, p = cur.get(ind.code), prev.get(ind.code)
            rows.append(
                {
                    "ind": ind,
                    "v": v,
                    "p": p,
                    "yoy": yoy(v, p),
                    "src": registry.source_for(ind.code),
                    "desc": registry.describe_source(v) if v else "",
                }
            )
        groups.append((area, title, rows))
    return render(
        request,
        "indicators/values.html",
        {
            "year": year,
            "years": years,
            "groups": groups,
            "n": len(cur),
            "openable": openable,
        },
    )


def default_year(years: list[int]) -> int:
    """The latest year with figures that count (computed, or reported and accepted), not a
    year that so far only holds draft figures; the current year when there is none."""
    for y in years:
        if registry.district_values(y):
            return y
    return timezone.localdate().year


def yoy(v, p) -> str:
    """同比 wording for counts; percentage points for rates; '' when not comparable."""
    if v is None or p is None:
        return ""
    if v.indicator.is_rate:
        diff = v.value - p.value
        if diff == 0:
            return "与上年持平"
        return f"较上年{'提高' if diff > 0 else '下降'}{fmt_value(abs(diff))}个百分点"
    if p.value == 0:
        return ""
    change = ((v.value - p.value) / p.value * 100).quantize(Decimal("0.1"))
    if change == 0:
        return "与上年持平"
    text = f"{abs(change):f}".rstrip("0").rstrip(".")
    return f"同比{'增长' if change > 0 else '下降'}{text}%"


@login_required
def value_detail(request, pk: int):
    v = access.get_for(
        request.user,
        IndicatorValue.objects.select_related(
            "indicator", "unit", "submission__round", "submission__unit"
        ),
        "view",
        pk=pk,
    )
    atts = (
        access.restrict(
            Attachment.objects.filter(
                record_type="indicators.submission", record_id=str(v.submission_id)
            ),
            request.user,
            "view",
        )
        if v.submission_id
        else []
    )
    return render(
        request,
        "indicators/value.html",
        {
            "v": v,
            "desc": registry.describe_source(v),
            "attachments": atts,
            "history": events.history("indicators.submission", str(v.submission_id))
            if v.submission_id
            else [],
        },
    )


# --- oversight --------------------------------------------------------------------------


class FindingForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label="被督察单位",
        queryset=OrgUnit.objects.filter(active=True).exclude(kind=OrgUnit.Kind.COMMUNITY),
    )
    source = forms.ChoiceField(label="来源", choices=Oversight.Source.choices)
    title = forms.CharField(label="问题", max_length=200)
    finding = forms.CharField(label="具体情况", widget=forms.Textarea(attrs={"rows": 4}))
    found_on = DateField(label="发现日期")
    rectify_by = DateField(label="整改期限")


@login_required
def oversight(request):
    is_coord = access.is_global(request.user, "change")
    form = FindingForm(request.POST or None) if is_coord else None
    errors: list[str] = []
    if request.method == "POST":
        if not is_coord:
            raise PermissionDenied("只有统筹协调人员可以登记督察问题")
        if form.is_valid():
            try:
                ov = services.create_finding(actor=request.user, **form.cleaned_data)
                messages.success(request, "已登记，整改期限已进入该单位工作台")
                return redirect("indicators:oversight_detail", pk=ov.pk)
            except (ValidationError, CalendarMissing) as e:
                errors = _msgs(e)
    qs = access.restrict(Oversight.objects.select_related("unit"), request.user, "view")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "indicators/oversight.html",
        {"page": page, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def oversight_detail(request, pk: int):
    ov = access.get_for(request.user, Oversight.objects.select_related("unit"), "view", pk=pk)
    user = request.user
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "report":
                services.report_rectification(
                    ov,
                    report=request.POST.get("report", ""),
                    actor=user,
                    files=request.FILES.getlist("evidence"),
                )
            elif action in ("close", "reject"):
                new_due = parse_date(request.POST.get("new_due", ""), "新的整改期限")
                services.sign_off(
                    ov,
                    accept=action == "close",
                    reason=request.POST.get("reason", ""),
                    new_due=new_due,
                    actor=user,
                )
            else:
                raise Http404("未知操作")
            messages.success(request, "已保存")
            return redirect("indicators:oversight_detail", pk=ov.pk)
        except (ValidationError, PermissionDenied, UploadRejected, CalendarMissing) as e:
            errors = _msgs(e)
            status = 400
    return render(
        request,
        "indicators/oversight_detail.html",
        {
            "ov": ov,
            "errors": errors,
            "posted": request.POST,
            "can_report": access.can(user, "change", ov.unit)
            and ov.state == Oversight.State.OPEN
            and not access.is_global(user, "change"),
            "can_sign": access.is_global(user, "change") and ov.state == Oversight.State.REPORTED,
            "attachments": Attachment.objects.filter(
                record_type="indicators.oversight", record_id=str(ov.pk)
            ),
            "history": events.history("indicators.oversight", str(ov.pk)),
        },
        status=status,
    )


# --- assessment -------------------------------------------------------------------------


@login_required
def assessments(request):
    if not access.can(request.user, "view_assessment"):
        raise PermissionDenied("考核结果由统筹协调人员和领导查看")
    return render(
        request, "indicators/assessments.html", {"schemes": AssessmentScheme.objects.all()}
    )


class ItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AssessmentItem
        fields = ["name", "points", "rule", "indicator", "threshold", "evidence_required", "order"]
        labels = {"indicator": "指标", "order": "排列顺序"}
        help_texts = {
            "indicator": "按指标计分（比率或数量达到阈值）时必选",
            "threshold": "达到该值得满分，未达到按比例得分",
            "order": "数字小的排在前面",
        }


def parse_points(raw: str) -> Decimal | None:
    """An adjusted score as typed: empty (back to the computed score) or a finite number
    with at most two decimals; anything else is refused with a Chinese message."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        points = Decimal(raw)
    except InvalidOperation:
        points = None
    if points is None or not points.is_finite():
        raise ValidationError(f"调整后得分应为数字，实际为“{raw[:20]}”")
    if points.normalize().as_tuple().exponent < -2:
        raise ValidationError("调整后得分最多保留两位小数")
    return points


@login_required
def assessment(request, pk: int):
    if not access.can(request.user, "view_assessment"):
        raise PermissionDenied("考核结果由统筹协调人员和领导查看")
    scheme = AssessmentScheme.objects.filter(pk=pk).first()
    if scheme is None:
        raise Http404("考核方案不存在")
    is_coord = access.is_global(request.user, "change")
    posted_item = request.method == "POST" and request.POST.get("action") == "item"
    item_form = ItemForm(request.POST if posted_item else None, prefix="item") if is_coord else None
    errors: list[str] = []
    # What was typed into the adjustment form, shown again when it is refused.
    adjust = {"unit": "", "item": "", "points": "", "reason": ""}
    if request.method == "POST":
        if not is_coord:
            raise PermissionDenied("只有统筹协调人员可以维护考核")
        action = request.POST.get("action")
        try:
            if action == "compute":
                n = services.compute_scores(scheme, request.user)
                messages.success(request, f"已计算{n}项得分")
                return redirect("indicators:assessment", pk=scheme.pk)
            if action == "adjust":
                adjust = {k: request.POST.get(k, "")[:300] for k in adjust}
                unit_pk, item_pk = posted_id(adjust["unit"]), posted_id(adjust["item"])
                score = (
                    AssessmentScore.objects.filter(
                        item__scheme=scheme, unit_id=unit_pk, item_id=item_pk
                    )
                    .select_related("item", "unit")
                    .first()
                    if unit_pk and item_pk
                    else None
                )
                if score is None:
                    raise ValidationError("请选择要调整的单位与考核内容")
                points = parse_points(adjust["points"])
                services.adjust_score(
                    score,
                    points=points,
                    reason=request.POST.get("reason", ""),
                    actor=request.user,
                    version=locking.seen(request),
                )
                messages.success(request, "得分已调整")
                return redirect("indicators:assessment", pk=scheme.pk)
            if action == "item" and not item_form.is_valid():
                raise ValidationError("新增考核内容未保存，请按提示修改")
            if action == "item":
                services.add_assessment_item(
                    scheme, item_form.save(commit=False), actor=request.user
                )
                messages.success(request, "已新增考核内容")
                return redirect("indicators:assessment", pk=scheme.pk)
        except ValidationError as e:
            errors = _msgs(e)
    rows = services.ranking(scheme)
    return render(
        request,
        "indicators/assessment.html",
        {
            "scheme": scheme,
            "items": list(scheme.items.select_related("indicator")),
            "rows": rows,
            "is_coord": is_coord,
            "item_form": item_form,
            "errors": errors,
            "adjust": adjust,
            "total_points": sum((i.points for i in scheme.items.all()), Decimal(0)),
            "history": events.history("indicators.assessmentscheme", str(scheme.pk)),
        },
        status=400 if errors else 200,
    )


@login_required
def assessment_xlsx(request, pk: int):
    if not access.can(request.user, "view_assessment"):
        raise PermissionDenied("考核结果由统筹协调人员和领导查看")
    scheme = AssessmentScheme.objects.filter(pk=pk).first()
    if scheme is None:
        raise Http404("考核方案不存在")
    from openpyxl import Workbook

    items = list(scheme.items.all())
    wb = Workbook()
    ws = wb.active
    ws.title = "考核排名"
    ws.append(["名次", "单位", *[f"{i.name}（{fmt_value(i.points)}分）" for i in items], "总分"])
    for r in services.ranking(scheme):
        ws.append(
            [
                r["rank"],
                r["unit"].name,
                *[float(c.final) if c else None for c in r["cells"]],
                float(r["total"]),
            ]
        )
    detail = wb.create_sheet("计分依据")
    detail.append(["单位", "考核内容", "计算得分", "调整后得分", "调整理由", "计分依据"])
    for s in AssessmentScore.objects.filter(item__scheme=scheme).select_related("unit", "item"):
        detail.append(
            [
                s.unit.name,
                s.item.name,
                float(s.computed),
                float(s.adjusted) if s.adjusted is not None else None,
                s.reason,
                s.basis,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(
        buf.getvalue(),
        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    resp["Content-Disposition"] = f"attachment; filename=assessment-{scheme.year}.xlsx"
    return resp
