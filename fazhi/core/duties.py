"""Core's scheduled duties (registered with core.jobs): every module's clocks approaching
and overdue, the 政府信息公开工作年度报告, next year's working-day calendar, and the
delivery of digests and missed sends (last).

Modules register their own duties in their ``jobs.py`` (documents: expiry; reports: the
annual report's publication).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from . import anchors, deadlines, jobs, notify
from .calendar import calendar
from .jobs import Reminder, register_job
from .models import CalendarYear, Deadline, OrgUnit, Role
from .registry import register_demo
from .remaining import Remaining
from .workdays import CalendarMissing

# A WORKING clock warns within warn_days *working* days: across the 春节 or 国庆 break a
# due date ten calendar days away can be only two working days away. This bounds the
# calendar-day window the candidates are read from (longest break 9 days plus weekends).
_WINDOW_SLACK = 16


def _remaining(d: Deadline, clock, today: dt.date) -> tuple[int, str]:
    """(days left, unit word) the way the clock counts."""
    if clock.unit == deadlines.WORKING:
        try:
            return calendar().working_days_between(today, d.due_date), "个工作日"
        except CalendarMissing:
            pass
    return (d.due_date - today).days, "天"


def _responsible(d: Deadline, overdue: bool = False) -> list:
    """The assignee, else the unit's clerks and reviewers; an overdue item also goes to the
    unit's reviewers, who answer for it."""
    people = {}
    if d.assignee_id and d.assignee.is_active:
        people[d.assignee_id] = d.assignee
    if not people or overdue:
        roles = (Role.CLERK, Role.REVIEWER) if not people else (Role.REVIEWER,)
        for u in notify.unit_staff(d.unit_id, roles):
            people.setdefault(u.pk, u)
    return list(people.values())


@register_job("core.deadlines", "法定期限临近与超期提醒", module="core", order=10)
def deadline_reminders(today: dt.date) -> list[Reminder]:
    """Every module's running clocks (core.deadlines registry) due within their clock's
    warning days, and those past due: one reminder each per due date."""
    out: list[Reminder] = []
    widest = max((c.warn_days for c in deadlines.CLOCKS.values()), default=0)
    horizon = today + dt.timedelta(days=widest + _WINDOW_SLACK)
    qs = (
        Deadline.objects.filter(state=Deadline.State.RUNNING, due_date__lte=horizon)
        .select_related("unit", "assignee")
        .order_by("due_date", "id")
    )
    face = Remaining(today)
    for d in qs:
        clock = deadlines.CLOCKS.get(d.clock)
        if clock is None:
            continue
        base = {
            "link": d.url or reverse("core:deadline", args=[d.pk]),
            "record_type": d.record_type,
            "record_id": d.record_id,
        }
        if d.due_date < today:
            out.append(
                Reminder(
                    recipients=tuple(_responsible(d, overdue=True)),
                    key=f"deadline.overdue:{d.pk}:{d.due_date}",
                    kind="deadline_overdue",
                    title=f"已超期：{d.title}",
                    body=f"{clock.name}已于{d.due_date:%Y年%m月%d日}届满，{face.text(d.due_date)}"
                    f"（{d.unit.name}）。依据：{clock.basis}",
                    **base,
                )
            )
            continue
        left, _ = _remaining(d, clock, today)
        if left > clock.warn_days:
            continue
        when = face.text(d.due_date)  # the board's wording (core/remaining.py)
        out.append(
            Reminder(
                recipients=tuple(_responsible(d)),
                key=f"deadline.due_soon:{d.pk}:{d.due_date}",
                kind="deadline_due_soon",
                title=f"期限临近：{d.title}（{when}）",
                body=f"{clock.name}将于{d.due_date:%Y年%m月%d日}届满（{when}，{d.unit.name}）。"
                f"依据：{clock.basis}",
                **base,
            )
        )
    return out


def disclosure_due(year: int) -> dt.date:
    """Last day for a department's 政府信息公开工作年度报告 on ``year``: 31 January of the
    next year (政府信息公开条例 第四十九条第一款: submitted and published by 31 January)."""
    return dt.date(year + 1, 1, 31)


@register_job("core.disclosure_report", "政府信息公开工作年度报告提醒", module="core", order=30)
def disclosure_report(today: dt.date) -> list[Reminder]:
    """From FAZHI_DISCLOSURE_REMIND_DAYS before 31 January: the departments (their clerks
    and reviewers) and the coordinators, once a year. A report started in the disclosure
    module carries its own clock on the board; this reminder also reaches the departments
    that have not started theirs, so it stays in core."""
    due = disclosure_due(today.year - 1)
    if not (due - dt.timedelta(days=settings.FAZHI_DISCLOSURE_REMIND_DAYS) <= today <= due):
        return []
    people = {u.pk: u for u in notify.with_roles(Role.COORDINATOR)}
    departments = OrgUnit.objects.filter(active=True, kind=OrgUnit.Kind.DEPARTMENT)
    for unit_id in departments.values_list("pk", flat=True):
        for u in notify.unit_staff(unit_id):
            people.setdefault(u.pk, u)
    year = today.year - 1
    return [
        Reminder(
            recipients=tuple(people.values()),
            key=f"disclosure.annual_report:{year}",
            kind="annual_duty",
            title=f"请于{due:%m月%d日}前报送并公开{year}年政府信息公开工作年度报告",
            body=f"县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门"
            f"提交本部门上一年度政府信息公开工作年度报告并向社会公布（政府信息公开条例第四十九条）。"
            f"截止日：{due:%Y年%m月%d日}。",
            link=reverse("core:board"),
        )
    ]


@register_job("core.calendar_next_year", "下一年度工作日历缺失提醒", module="core", order=40)
def calendar_missing(today: dt.date) -> list[Reminder]:
    """From 1 November, if next year's 节假日安排 is not loaded, the admins are asked to
    load it: deadlines ending next year cannot be computed without it (the 调休 days are
    fixed each year by a 国务院办公厅 notice, usually in October–December)."""
    month, day = settings.FAZHI_CALENDAR_REMIND_FROM
    nxt = today.year + 1
    if today < dt.date(today.year, month, day) or CalendarYear.objects.filter(year=nxt).exists():
        return []
    return [
        Reminder(
            recipients=tuple(notify.with_roles(Role.ADMIN)),
            key=f"calendar.missing:{nxt}",
            kind="calendar_missing",
            title=f"尚未载入{nxt}年工作日历",
            body=f"请在国务院办公厅发布{nxt}年部分节假日安排的通知后，在“工作日历”中载入"
            f"{nxt}年的节假日和调休上班日；未载入前，届满日在{nxt}年的期限无法计算。",
            link=reverse("core:calendar"),
        )
    ]


@register_job("core.anchor", "全过程记录每日链头锚点", module="core", order=50)
def anchor_chain(today: dt.date) -> list[Reminder]:
    """Once a day the chain's head is recorded and published on the portal (/anchors/), so
    a later check compares against copies the database does not hold. A chain that does
    not verify is not anchored: the admins are told at once."""
    try:
        anchors.anchor_today(today)
    except anchors.ChainBroken as exc:
        return [
            Reminder(
                recipients=tuple(notify.with_roles(Role.ADMIN)),
                key=f"chain.broken:{today:%Y-%m-%d}",
                kind="chain_broken",
                title="全过程记录校验未通过",
                body=f"{exc}。请运行 fazhi check-records 查明被改动的事件，并与备份和门户公示的链头比对。",
                link=reverse("core:events"),
            )
        ]
    return []


@register_job("core.deliver", "通知外发（即时补发与每日汇总）", module="core", order=1000)
def deliver(today: dt.date) -> dict[str, int]:
    return notify.deliver_pending(today)


@register_demo("reminders", order=1000)
def demo_reminders(ctx) -> None:
    """Last step of the demo build: the scheduled jobs run once at the demo's "today", so
    the demo accounts open the platform to the reminders a real morning brings. In-app
    only: a demo build never mails or pushes to a configured robot."""
    with notify.in_app_only():
        for row in jobs.run(ctx.today):
            ctx.log.append(f"定时任务 {row.job}：{row.status} {row.counts}")
