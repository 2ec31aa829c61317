"""The annual report's scheduled duty (core.jobs registry): the 法治政府建设年度报告 on a
year is published before 1 April of the next (法治政府建设与责任落实督察工作规定,
厅字〔2019〕28号 第二十四条; rules.md §7; the date is ``deadlines.publish_due``).

From FAZHI_REPORT_REMIND_DAYS before that day until it, whoever must publish is reminded
once; after it, once more (within a month) if the report is still unpublished. The district's report is the
coordinators' work; a unit that has started a report of its own is reminded about it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from fazhi.core import notify
from fazhi.core.jobs import Reminder, register_job
from fazhi.core.models import OrgUnit, Role

from .deadlines import publish_due
from .models import AnnualReport

# After the last day, a still unpublished report is announced once within this window.
LATE_DAYS = 30


@register_job("reports.publish", "法治政府建设年度报告公开提醒", module="reports", order=30)
def publish_reminders(today: dt.date) -> list[Reminder]:
    year = today.year - 1
    due = publish_due(year)
    start = due - dt.timedelta(days=settings.FAZHI_REPORT_REMIND_DAYS)
    if today < start or today > due + dt.timedelta(days=LATE_DAYS):
        return []
    late = today > due
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(year=year).select_related("unit")}
    units = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, active=True))
    units += [r.unit for r in reports.values() if r.unit.kind != OrgUnit.Kind.GOVERNMENT]
    out = []
    for unit in units:
        report = reports.get(unit.pk)
        if report and report.state == AnnualReport.State.PUBLISHED:
            continue
        if unit.kind == OrgUnit.Kind.GOVERNMENT:
            people = list(notify.with_roles(Role.COORDINATOR))
        else:
            people = list(notify.unit_staff(unit.pk))
        state = f"（当前状态：{report.get_state_display()}）" if report else "（尚未生成）"
        title = (
            f"{year}年度法治政府建设年度报告已逾期未公开：{unit.name}"
            if late
            else f"请于{due:%m月%d日}前公开{year}年度法治政府建设年度报告：{unit.name}"
        )
        out.append(
            Reminder(
                recipients=tuple(people),
                key=f"reports.publish{'_late' if late else ''}:{year}:{unit.pk}",
                kind="annual_duty",
                title=title,
                body=f"法治政府建设年度报告应当于每年4月1日之前通过报刊、网站等新闻媒体向社会公开"
                f"（法治政府建设与责任落实督察工作规定第二十四条）{state}。"
                f"公开截止日：{due:%Y年%m月%d日}。",
                link=reverse("reports:detail", args=[report.pk])
                if report
                else reverse("reports:list"),
                record_type="reports.annualreport" if report else "",
                record_id=str(report.pk) if report else "",
            )
        )
    return out
