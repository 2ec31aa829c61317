"""Back-office pages of the publication gates: the confirmation page that states what
publication makes public before the POST that publishes, and the per-unit setting of the
role that approves a unit's report (gates.py holds the rules)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import access

from . import gates, services
from .deadlines import publish_due
from .export import iter_figures
from .models import AnnualReport, ApproverSetting
from .quality import check, publication_blockers


def _errors(e: Exception) -> list[str]:
    return e.messages if isinstance(e, ValidationError) else [str(e)]


@login_required
def publish_confirm(request, pk: int):
    """GET: what will become public; POST (confirmed): publish."""
    report = access.get_for(
        request.user, AnnualReport.objects.select_related("unit"), "view", pk=pk
    )
    user = request.user
    if not gates.holds_approver_role(user, report.unit):
        raise Http404("无权审核发布该报告")
    errors: list[str] = []
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("override_reason", "")
        try:
            services.publish(report, user, override_reason=reason)
            messages.success(request, "已审核通过并在公开门户发布")
            return redirect("reports:detail", pk=report.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    today = timezone.localdate()
    q = check(report.doc, year=report.year)
    blockers = publication_blockers(q, year=report.year, on=today)
    sections = [s["heading"] for s in report.doc.get("sections", [])]
    return render(
        request,
        "reports/publish_confirm.html",
        {
            "report": report,
            "errors": errors,
            "reason": reason,
            "sections": sections,
            "n_figures": sum(1 for _ in iter_figures(report.doc)),
            "portal_url": gates.portal_url(report),
            "blockers": blockers,
            "q": q,
            "today": today,
            "late": today > publish_due(report.year),
            "publish_due": publish_due(report.year),
            "is_author": gates.is_author(user, report),
            "authors": gates.authors(report),
            "in_review": report.state == AnnualReport.State.REVIEW,
        },
        status=400 if errors else 200,
    )


@login_required
def approver_settings(request):
    """Per unit: which role approves and publishes its annual report."""
    if not access.can(request.user, "configure_report_approval"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以设置年度报告的审核角色")
    units = list(gates.report_units())
    current = {s.unit_id: s.role for s in ApproverSetting.objects.all()}
    errors: list[str] = []
    if request.method == "POST":
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit", "")), None)
        try:
            if unit is None:
                raise ValidationError("请选择单位")
            role = request.POST.get("role", "")
            gates.set_approver_role(unit, role, request.user)
            messages.success(request, f"已保存{unit.name}的年度报告审核角色")
            return redirect("reports:approvers")
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    rows = [(u, current.get(u.pk, ApproverSetting.DEFAULT)) for u in units]
    return render(
        request,
        "reports/approvers.html",
        {"rows": rows, "roles": ApproverSetting.Role.choices, "errors": errors},
        status=400 if errors else 200,
    )
