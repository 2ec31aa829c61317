"""Enforcement's scheduled duties (core.jobs registry)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.jobs import register_job

from . import services


@register_job("enforcement.training_deadlines", "执法人员年度培训学时期限", module="enforcement")
def training_deadlines(today: dt.date) -> dict:
    """Each certified officer's yearly training minimum is a clock due 31 December
    (国办发〔2018〕118号; ``conf.training_hours_minimum``): the daily run starts this year's
    clocks for officers registered since (``ensure_training_deadlines`` is idempotent)."""
    return {"started": services.ensure_training_deadlines(today.year)}
