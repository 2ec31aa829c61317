"""XLSX exports of a plan: the progress matrix, the task progress list and the review
ledger. Each reads through the same access rule as the pages (a unit exports what it
sees), so a spreadsheet never carries more than the screen it came from."""

from __future__ import annotations

import io
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Attachment

from .models import Assignment, Progress
from .overview import CELL, _reviews, build_matrix, chosen_period, plan_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(wb, filename: str) -> HttpResponse:
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename={filename}"
    return resp


def _naive(value):
    """openpyxl stores no time zone: write local (Asia/Shanghai) wall-clock time."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _workbook(title: str):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = title
    return wb, wb.active


@login_required
def matrix_xlsx(request, pk: int):
    """The matrix as the page shows it: one row per task, one column per unit, the state
    of each unit's report in words (★ for the lead unit), and the counts."""
    plan = plan_or_404(request.user, pk)
    period = chosen_period(plan, request.GET.get("period"))
    m = build_matrix(plan, request.user, period)
    wb, ws = _workbook("进度总览")
    ws.append([plan.title, period.name if period else "尚未开启报送周期"])
    ws.append(["编号", "任务", *[u.name for u in m.units]])
    for t, cells in m.rows:
        ws.append(
            [t.number, t.title, *[(c.label + ("★" if c.lead else "")) if c else "" for c in cells]]
        )
    ws.append(
        [
            "",
            "已报送／应报送",
            *[f"{m.unit_counts[u.pk]['reported']}/{m.unit_counts[u.pk]['total']}" for u in m.units],
        ]
    )
    ws.freeze_panes = "C3"
    stats = wb.create_sheet("统计")
    stats.append(["状态", "数量"])
    for key, (_css, label, _mark) in CELL.items():
        stats.append([label, m.counts.get(key, 0)])
    stats.append(["合计", sum(m.counts.values())])
    name = f"matrix-{plan.pk}-{period.pk if period else 0}.xlsx"
    return _response(wb, name)


@login_required
def progress_xlsx(request, pk: int):
    """One row per responsible unit of each task for the chosen period: the report's
    status, review state, who submitted it when, on time or not, its text and evidence."""
    plan = plan_or_404(request.user, pk)
    period = chosen_period(plan, request.GET.get("period"))
    assignments = access.restrict(
        Assignment.objects.filter(task__plan=plan), request.user, "view"
    ).select_related("task", "task__section", "unit")
    progress = {}
    if period:
        progress = {
            p.assignment_id: p
            for p in access.restrict(
                Progress.objects.filter(period=period, assignment__task__plan=plan),
                request.user,
                "view",
            ).select_related("submitted_by")
        }
    atts = defaultdict(list)
    for att in Attachment.objects.filter(
        record_type="plans.progress", record_id__in=[str(p.pk) for p in progress.values()]
    ):
        atts[int(att.record_id)].append(att.original_name)
    late = period is not None and timezone.localdate() > period.report_due
    wb, ws = _workbook("任务进展")
    ws.append(
        [
            "编号",
            "所属部分",
            "任务",
            "责任单位",
            "牵头",
            "报送周期",
            "审核状态",
            "完成情况",
            "报送时间",
            "报送人",
            "按期报送",
            "工作进展",
            "佐证材料",
            "退回理由",
        ]
    )
    rows = sorted(assignments, key=lambda a: (a.task.number, not a.is_lead, a.order))
    for a in rows:
        p = progress.get(a.pk)
        key = p.state if p else ("late" if late else "none")
        ws.append(
            [
                a.task.number,
                str(a.task.section),
                a.task.title,
                a.unit.name,
                "是" if a.is_lead else "",
                period.name if period else "",
                CELL[key][1],
                p.get_status_display() if p else "",
                _naive(p.submitted_at) if p else None,
                str(p.submitted_by) if p and p.submitted_by else "",
                ("是" if p.on_time else "否") if p else "",
                p.text if p else "",
                "、".join(atts.get(p.pk, [])) if p else "",
                p.return_reason if p else "",
            ]
        )
    for row in ws.iter_rows(min_row=2, min_col=9, max_col=9):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    ws.freeze_panes = "A2"
    return _response(wb, f"progress-{plan.pk}-{period.pk if period else 0}.xlsx")


@login_required
def reviews_xlsx(request, pk: int):
    """The review ledger: every acceptance and return of a progress report of this plan,
    from the full-process record (who, when, result, comment), oldest first."""
    plan = plan_or_404(request.user, pk)
    visible = access.restrict(
        Progress.objects.filter(assignment__task__plan=plan), request.user, "view"
    ).values_list("pk", flat=True)
    ledger = _reviews(list(visible))
    reports = {
        p.pk: p
        for p in Progress.objects.filter(pk__in=list(ledger)).select_related(
            "assignment__task", "assignment__unit", "period"
        )
    }
    entries = sorted(
        ((r, reports[pid]) for pid, rs in ledger.items() for r in rs), key=lambda e: e[0]["seq"]
    )
    wb, ws = _workbook("审核台账")
    ws.append(["审核时间", "审核人", "结果", "意见", "任务编号", "任务", "责任单位", "报送周期"])
    for r, p in entries:
        ws.append(
            [
                _naive(r["at"]),
                r["who"],
                r["result"],
                r["comment"],
                p.assignment.task.number,
                p.assignment.task.title,
                p.assignment.unit.name,
                p.period.name,
            ]
        )
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    ws.freeze_panes = "A2"
    return _response(wb, f"reviews-{plan.pk}.xlsx")
