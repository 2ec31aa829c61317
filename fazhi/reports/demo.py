"""The demo district's 2025 annual report: generated from the records, submitted,
approved by the leader and published on the portal before 1 April 2026."""

import datetime as dt

from fazhi.core.registry import register_demo

from . import services


@register_demo("reports", order=50)
def build(ctx) -> None:
    gov = ctx.units["G00"]
    report = services.generate(2025, gov, ctx.users["coordinator"], today=dt.date(2026, 3, 20))
    services.submit(report, ctx.users["coordinator"])
    services.publish(report, ctx.users["leader"], on=dt.date(2026, 3, 26))
