"""When the annual report is due (rules.md §7, 法治政府建设与责任落实督察工作规定,
厅字〔2019〕28号): reported to the Party committee and government and to the level above
by 1 March; published before 1 April. Dates are settings so a province can set its own."""

import datetime as dt

from django.conf import settings


def report_due(year: int) -> dt.date:
    """Date by which the report on ``year`` must be reported upward."""
    month, day = getattr(settings, "FAZHI_REPORT_DUE", (3, 1))
    return dt.date(year + 1, month, day)


def publish_due(year: int) -> dt.date:
    """Last day on which publication is on time (publication "before 1 April")."""
    month, day = getattr(settings, "FAZHI_REPORT_PUBLISH_BY", (3, 31))
    return dt.date(year + 1, month, day)
