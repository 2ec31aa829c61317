"""Numbers of 案卷评查 and supervision, each configurable in settings (block
"Enforcement: case-file review and supervision" in fazhi/settings.py)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def complaint_days() -> int:
    """信访工作条例 第32条: a 信访事项 is 办结 within 60 days of acceptance (calendar days; a
    complicated one may be extended by at most 30 with the head's approval). Districts may
    set their own period for enforcement complaints."""
    return int(getattr(settings, "FAZHI_ENFORCEMENT_COMPLAINT_DAYS", 60))


def annual_data_due(year: int) -> dt.date:
    """国办发〔2018〕118号: agencies publish the previous year's 行政执法数据 by 31 January."""
    month, day = getattr(settings, "FAZHI_ENFORCEMENT_ANNUAL_DATA_DUE", (1, 31))
    return dt.date(year + 1, month, day)
