"""Shared dates and helpers of the consultation tests."""

import datetime as dt

from django.utils import timezone

from fazhi.consultation import services

# A fixed June 2026 for the service-level tests (the package calendar covers 2026).
OPENS = dt.date(2026, 6, 1)
CLOSES = dt.date(2026, 7, 1)  # 30 days: the opening day is not counted
DRAFT = "第一条 为规范本区城市公园管理，制定本办法。\n第二条 本办法适用于本区行政区域内的城市公园。"


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def comment(c, body, *, ip="203.0.113.7", now=None, **kw):
    return services.submit_comment(
        c, body=body, client_address=ip, now=now or at(OPENS + dt.timedelta(days=1)), **kw
    )
