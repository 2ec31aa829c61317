"""What other modules may ask of 行政复议与应诉 (they never read its models).

``disclosure_section4`` is the national 政府信息公开工作年度报告 template's section 四
(国办公开办函〔2021〕30号): 行政复议 and 行政诉讼 caused by disclosure work, one row of 15
columns — 行政复议 {结果维持, 结果纠正, 其他结果, 尚未审结, 总计}, then 行政诉讼 未经复议直接
起诉 and 复议后起诉, each with the same five. Counted for the agency whose act is challenged
(the respondent or the original defendant): when the 复议机关 is a co-defendant only the
original agency counts the suit (国务院办公厅政务公开办 2016-09-01 reply).

Which year: a case counts in the year it was received (复议: 收到申请; 诉讼: 收到起诉状副本);
"尚未审结" are those of them not concluded by 31 December of that year.
"""

from __future__ import annotations

import datetime as dt

from .models import CORRECTING, Application, Case, Litigation, Outcome

COLUMNS = (
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
)


def _five(upheld: int, corrected: int, other: int, pending: int) -> list[int]:
    return [upheld, corrected, other, pending, upheld + corrected + other + pending]


def disclosure_section4(year: int, unit_id: int | None = None) -> dict[str, list[int]]:
    """{"reconsideration": [5], "litigation_direct": [5], "litigation_after": [5]} for
    ``unit_id`` (None: the whole district)."""
    end = dt.date(year, 12, 31)
    apps = Application.objects.filter(
        disclosure_related=True, received_on__year=year, state=Application.State.ACCEPTED
    )
    if unit_id is not None:
        apps = apps.filter(respondent_id=unit_id)
    recon = [0, 0, 0, 0]
    for outcome, decided_on in Case.objects.filter(application__in=apps).values_list(
        "outcome", "decided_on"
    ):
        if decided_on is None or decided_on > end:
            recon[3] += 1
        elif outcome == Outcome.UPHOLD:
            recon[0] += 1
        elif outcome in CORRECTING:
            recon[1] += 1
        else:
            recon[2] += 1
    out = {"reconsideration": _five(*recon)}
    suits = Litigation.objects.filter(
        disclosure_related=True, served_on__year=year, instance=Litigation.Instance.FIRST
    )
    if unit_id is not None:
        suits = suits.filter(unit_id=unit_id)
    for key, after in (("litigation_direct", False), ("litigation_after", True)):
        row = [0, 0, 0, 0]
        for result, result_on in suits.filter(after_reconsideration=after).values_list(
            "result", "result_on"
        ):
            if not result or result_on is None or result_on > end:
                row[3] += 1
            elif result == Litigation.Result.WON:
                row[0] += 1
            elif result == Litigation.Result.LOST:
                row[1] += 1
            else:
                row[2] += 1
        out[key] = _five(*row)
    return out
