"""Back-office report pages: list and generate, read with figure links and the quality
check, edit, submit, return, publish, export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from fazhi.core import access, events, locking
from fazhi.core.forms import BootstrapMixin
from fazhi.core.models import OrgUnit
from fazhi.core.numbers import fmt_value

from . import gates, peer_tables, services
from .deadlines import publish_due, report_due
from .export import render_docx, render_html
from .models import AnnualReport
from .quality import check
from .sources import figure_sources


class GenerateForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label="报告单位", queryset=OrgUnit.objects.none())

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.restrict(
            OrgUnit.objects.filter(
                active=True, kind__in=[OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT]
            ),
            user,
            "change",
        )


@login_required
def report_list(request):
    reports = access.restrict(AnnualReport.objects.select_related("unit"), request.user, "view")
    form = GenerateForm(
        request.user, request.POST or None, initial={"year": timezone.localdate().year - 1}
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = services.generate(
                form.cleaned_data["year"], form.cleaned_data["unit"], request.user
            )
            messages.success(request, "已根据业务记录生成报告草稿")
            return redirect("reports:detail", pk=report.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = e.messages if isinstance(e, ValidationError) else [str(e)]
    return render(
        request,
        "reports/list.html",
        {
            "reports": reports,
            "form": form,
            "errors": errors,
            "can_generate": form.fields["unit"].queryset.exists(),
            "can_configure": access.can(request.user, "configure_report_approval"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _source_test(user):
    """For ``render_html``: does the page behind a figure's source URL serve ``user``?

    Coordinators and leaders open every source. A unit's staff read a report of their
    unit, whose sources include district pages (the assessment, other units' tasks): only
    the sources they may open become links, by the same rules the pages apply."""
    if access.is_global(user, "view"):
        return True
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    from fazhi.indicators.models import IndicatorValue
    from fazhi.plans.models import Task

    def one(model, **lookup) -> bool:
        return access.restrict(model.objects.filter(**lookup), user, "view").exists()

    checks = {
        "plans:task": lambda pk: one(Task, pk=pk),
        "plans:detail": lambda pk: one(Task, plan_id=pk),
        "plans:matrix": lambda pk: one(Task, plan_id=pk),
        "indicators:value": lambda pk: one(IndicatorValue, pk=pk),
        "indicators:round": lambda pk: access.can(user, "view_round"),
        "indicators:assessments": lambda: access.can(user, "view_assessment"),
        "indicators:assessment": lambda pk: access.can(user, "view_assessment"),
    }
    seen: dict[str, bool] = {}

    def test(url: str) -> bool:
        if url not in seen:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                seen[url] = True  # another site's page: not ours to judge
            else:
                try:
                    match = resolve(parts.path)
                except Resolver404:
                    seen[url] = False
                else:
                    check = checks.get(match.view_name)
                    seen[url] = check is None or bool(check(**match.kwargs))
        return seen[url]

    return test


def _report(request, pk, action="view") -> AnnualReport:
    return access.get_for(request.user, AnnualReport.objects.select_related("unit"), action, pk=pk)


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    user = request.user
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "regenerate":
                services.generate(report.year, report.unit, user)
                messages.success(request, "已重新生成草稿")
            elif action == "submit":
                services.submit(report, user)
                messages.success(request, "已提交审核")
            elif action == "return":
                services.return_for_changes(report, request.POST.get("reason", ""), user)
                messages.success(request, "已退回修改")
            else:
                raise Http404("未知操作")
            return redirect("reports:detail", pk=report.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = e.messages if isinstance(e, ValidationError) else [str(e)]
    q = check(report.doc, year=report.year, published_on=report.published_on)
    can_edit = access.can(user, "change", report.unit)
    holds_role = gates.holds_approver_role(user, report.unit)
    is_author = gates.is_author(user, report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "body": mark_safe(render_html(report.doc, link_figures=_source_test(user))),
            "q": q,
            "errors": errors,
            "can_edit": can_edit,
            "can_approve": holds_role and not is_author,
            "holds_role": holds_role,
            "is_author": is_author,
            "authors": gates.authors(report),
            "approver_label": gates.approver_label(report.unit),
            "report_due": report_due(report.year),
            "publish_due": publish_due(report.year),
            "history": events.history("reports.annualreport", str(report.pk)),
        },
        status=400 if errors else 200,
    )


@login_required
def report_edit(request, pk: int):
    report = _report(request, pk, "change")
    slots = []
    for key, heading, para in services.paragraph_slots(report.doc):
        text, figures = services.to_editable(para)
        slots.append(
            {
                "key": key,
                "heading": heading,
                "text": request.POST.get(key, text) if request.method == "POST" else text,
                "figures": figures,
            }
        )
    errors: list[str] = []
    if request.method == "POST":
        changes = {
            s["key"]: request.POST.get(s["key"], "") for s in slots if s["key"] in request.POST
        }
        try:
            services.edit(report, changes, request.user, version=locking.seen(request))
            messages.success(request, "修改已保存并记入全过程记录")
            return redirect("reports:detail", pk=report.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = e.messages if isinstance(e, ValidationError) else [str(e)]
    return render(
        request,
        "reports/edit.html",
        {"report": report, "slots": slots, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def report_export(request, pk: int, fmt: str):
    report = _report(request, pk)
    name = f"report-{report.year}-{report.unit.code}"
    if fmt == "docx":
        resp = HttpResponse(
            render_docx(report.doc, figure_sources(report.doc, report.unit, public=False)),
            content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        )
        resp["Content-Disposition"] = f"attachment; filename={name}.docx"
        return resp
    if fmt == "html":
        resp = HttpResponse(
            render_html(
                report.doc,
                link_figures=False,
                standalone=True,
                sources=figure_sources(report.doc, report.unit, public=False),
            ),
            content_type="text/html; charset=utf-8",
        )
        resp["Content-Disposition"] = f"attachment; filename={name}.html"
        return resp
    raise Http404("不支持的导出格式")


# --- peer reports and benchmarking ------------------------------------------------------


@login_required
def benchmark(request):
    """The district's figures beside other places' published figures (对标)."""
    from html import escape

    from .models import PeerReport
    from .peers import benchmark as rows_for
    from .peers import chart

    years = sorted(
        {y for y in PeerReport.objects.values_list("year", flat=True) if y}, reverse=True
    )
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    peers, rows = rows_for(year) if year else ([], [])
    tables = peer_tables.comparison(year, peers) if year else None
    # The district's figure links to its page only for those that page serves.
    from fazhi.indicators.models import IndicatorValue

    openable = set(
        access.restrict(
            IndicatorValue.objects.filter(pk__in=[r["own"].pk for r in rows if r["own"]]),
            request.user,
            "view",
        ).values_list("pk", flat=True)
    )
    gov = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
    own_label = gov.name.replace("人民政府", "") if gov else "本区"
    for row in rows:
        bars = chart(row, peers, own_label)
        height = 22 * len(bars) + 4
        parts = [
            f'<svg class="fz-chart" width="100%" height="{height}" role="img" '
            f'aria-label="{escape(row["indicator"].name if row["indicator"] else row["code"])}">'
        ]
        for i, b in enumerate(bars):
            y = 2 + i * 22
            fill = "#8b1a1a" if b["own"] else "#6c8ebf"
            parts.append(
                f'<text x="0" y="{y + 14}" font-size="12">{escape(b["label"])}</text>'
                f'<rect x="30%" y="{y + 2}" width="{b["pct"] * 0.55:.1f}%" height="16" '
                f'fill="{fill}"></rect>'
                f'<text x="{30 + b["pct"] * 0.55 + 1:.1f}%" y="{y + 14}" font-size="12">'
                f"{fmt_value(b['value'])}</text>"
            )
        parts.append("</svg>")
        row["svg"] = mark_safe("".join(parts))
    return render(
        request,
        "reports/benchmark.html",
        {
            "year": year,
            "years": years,
            "peers": peers,
            "rows": rows,
            "own_label": own_label,
            "openable": openable,
            "n_reports": PeerReport.objects.count(),
            "cmp": tables,
        },
    )


@login_required
def peer_detail(request, pk: int):
    """A peer report's text with every extracted figure marked and anchored."""
    from html import escape

    from .models import PeerReport

    report = PeerReport.objects.filter(pk=pk).first()
    if report is None:
        raise Http404("报告不存在")
    out, pos = [], 0
    for f in report.figures.all():
        if f.start < pos:
            continue
        out.append(escape(report.text[pos : f.start]))
        title = f"{f.code or '未归类'} · {f.name}"
        out.append(
            f'<mark id="f{f.pk}" title="{escape(title)}">'
            f"{escape(report.text[f.start : f.end])}</mark>"
        )
        pos = f.end
    out.append(escape(report.text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return render(
        request,
        "reports/peer.html",
        {
            "report": report,
            "body": mark_safe(body),
            "figures": report.figures.all(),
            "cmp": peer_tables.comparison(report.year, [report]),
        },
    )
