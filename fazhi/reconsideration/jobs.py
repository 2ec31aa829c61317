"""The daily duties of 行政复议 (core.jobs registry): what the law makes happen by silence or
the passing of time, recorded the day after it happened."""

from __future__ import annotations

import datetime as dt

from fazhi.core.jobs import register_job

from .services import applications, cases


@register_job("reconsideration.sweep", "行政复议：视为受理、视为放弃、逾期未答复、中止满六十日终止",
              module="reconsideration")  # fmt: skip
def sweep(today: dt.date) -> dict:
    return applications.sweep(today) | cases.sweep(today)
