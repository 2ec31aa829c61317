"""The daily duties of 政府信息公开 (core.jobs registry): what the passing of time decides,
recorded the day after it happened."""

from __future__ import annotations

import datetime as dt

from fazhi.core.jobs import register_job

from .services import requests


@register_job("disclosure.sweep", "政府信息公开：逾期未补正、逾期未缴费不再处理，征求意见期满，补算待日历的期限",
              module="disclosure")  # fmt: skip
def sweep(today: dt.date) -> dict:
    return requests.sweep(today) | {"clocks_started": requests.start_waiting_clocks(today)}
