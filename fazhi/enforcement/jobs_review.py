"""Scheduled duty of supervision: from 1 January, each agency's publication of last year's
行政执法数据 is on the deadline board (due 31 January, 国办发〔2018〕118号)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.jobs import register_job

from .services import supervision


@register_job(
    "enforcement.annual_data", "上年度行政执法数据公开期限", module="enforcement", order=60
)
def annual_data(today: dt.date) -> dict:
    return {"started": supervision.ensure_annual_data_deadlines(today.year - 1)}
