"""The daily duties of 矛盾纠纷调解 and 信访 (core.jobs registry)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.jobs import register_job

from .services import waiting_clocks


# Before the deadline reminders (core.deadlines, order 10): a clock started today is
# reminded of in the same run.
@register_job("mediation.sweep", "矛盾纠纷调解与信访：补算待工作日历的期限", module="mediation",
              order=5)  # fmt: skip
def sweep(today: dt.date) -> dict:
    return {"clocks_started": waiting_clocks.start_waiting_clocks(today)}
