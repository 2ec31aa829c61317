"""催报: urging a unit whose progress reports are overdue.

The coordinator or a leader (领导督办) sends the unit's clerks and reviewers one notification
through core's notification centre naming the overdue tasks; each task urged is written to
the full-process record (on the task × unit assignment) in the same transaction. A task is
urged at most once a day for the same unit: a second click that day finds every task
already urged and sends nothing. Urging changes no business record, so a leader (read-only
on records) may do it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, events, notify
from fazhi.core.models import Event, OrgUnit, Role

from .models import Assignment, Period, Progress

URGE_ACTION = "progress_urge"
REPORTED = [Progress.State.SUBMITTED, Progress.State.ACCEPTED]

access.register_action("urge", {Role.COORDINATOR, Role.LEADER, Role.ADMIN}, set())


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The local day as an aware [start, end) range (events are stored in UTC)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def unreported(period: Period, unit: OrgUnit | None = None):
    """Assignments of the period's plan with no report in (none yet, or returned)."""
    qs = Assignment.objects.filter(task__plan_id=period.plan_id).exclude(
        pk__in=Progress.objects.filter(period=period, state__in=REPORTED).values("assignment_id")
    )
    return qs if unit is None else qs.filter(unit=unit)


def urged_today(today: dt.date):
    """Events of today's 催报 (record ids are assignment ids)."""
    start, end = day_bounds(today)
    return Event.objects.filter(
        action=URGE_ACTION, record_type="plans.assignment", at__gte=start, at__lt=end
    )


@transaction.atomic
def urge(unit: OrgUnit, period: Period, *, actor, today: dt.date | None = None) -> dict:
    """Urge ``unit`` to report its overdue progress for ``period``; returns what was sent
    ({"tasks": [...], "recipients": [...]})."""
    if not access.can(actor, "urge"):
        raise PermissionDenied("只有统筹协调人员、领导和系统管理员可以催报")
    today = today or timezone.localdate()
    if period.report_due >= today:
        raise ValidationError(
            f"“{period.name}”的报送期限是{period.report_due:%Y年%m月%d日}，尚未逾期，无需催报"
        )
    # Lock the unit's rows so that two clicks at once cannot both pass the once-a-day check.
    overdue = list(
        unreported(period, unit).select_for_update().select_related("task").order_by("task__number")
    )
    if not overdue:
        raise ValidationError(f"{unit.name}的“{period.name}”进展已全部报送，无需催报")
    done = set(
        urged_today(today)
        .filter(record_id__in=[str(a.pk) for a in overdue])
        .values_list("record_id", flat=True)
    )
    fresh = [a for a in overdue if str(a.pk) not in done]
    if not fresh:
        raise ValidationError(f"今天已向{unit.name}催报过这些任务，不再重复发送")
    recipients = list(notify.unit_staff(unit.pk))
    if not recipients:
        raise ValidationError(f"{unit.name}没有在用的经办人或审核人账号，无法发送催报通知")
    names = [r.username for r in recipients]
    for a in fresh:
        events.append(
            action=URGE_ACTION,
            record=a,
            actor=actor,
            unit=unit,
            summary=f"催报任务{a.task.number}的{period.name}进展"
            f"（报送期限{period.report_due:%Y-%m-%d}）",
            after={"period": period.name, "due": period.report_due, "recipients": names},
        )
    digest = hashlib.sha256(",".join(str(a.pk) for a in fresh).encode()).hexdigest()[:16]
    lines = [f"任务{a.task.number}：{a.task.title}" for a in fresh]
    link = (
        f"/office/plans/tasks/{fresh[0].task_id}/"
        if len(fresh) == 1
        else f"/office/plans/{period.plan_id}/matrix/?period={period.pk}"
    )
    for person in recipients:
        notify.notify(
            person,
            key=f"plans.urge:{period.pk}:{today:%Y%m%d}:{digest}",
            kind="plans.urge",
            title=f"催报：请尽快报送“{period.name}”{len(fresh)}项任务进展",
            body=f"报送期限{period.report_due:%Y年%m月%d日}已过，{unit.name}尚未报送（或退回后未重新报送）：\n"
            + "\n".join(lines)
            + f"\n催报人：{actor}",
            link=link,
            record_type="plans.period",
            record_id=str(period.pk),
        )
    return {"tasks": fresh, "recipients": recipients}
