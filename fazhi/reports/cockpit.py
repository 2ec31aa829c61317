"""What reports shows on the 驾驶舱: how ready the district's annual report on the year is,
item by item, and what is still missing (rules.md §7: reported upward by 1 March, published
before 1 April of the next year; the five parts of 厅字〔2019〕28号)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.cockpit import Chart, Figure, Link, register_figure
from fazhi.indicators import registry
from fazhi.indicators.models import Indicator, IndicatorValue, Oversight
from fazhi.plans.cockpit import plan_for

from .deadlines import publish_due, report_due
from .models import AnnualReport
from .quality import REQUIRED, check

READY, MISSING, INFO = "已就绪", "待补齐", "提示"
SHOW_NAMES = 8


def _pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _names(names: list[str]) -> str:
    more = f"等{len(names)}项" if len(names) > SHOW_NAMES else ""
    return "、".join(names[:SHOW_NAMES]) + more


def _indicator_coverage(year: int, gov) -> tuple[int, list[str]]:
    """(catalogued indicators with a district value that counts for the year, names of the
    others), in two queries."""
    catalogue = list(
        Indicator.objects.order_by("area", "order", "code").values_list("code", "name")
    )
    have = set()
    for v in IndicatorValue.objects.filter(unit=gov, year=year).select_related(
        "indicator", "submission"
    ):
        if v.source != registry.source_for(v.indicator.code):
            continue
        if (
            v.source == IndicatorValue.Source.REPORTED
            and v.submission_id
            and v.submission.state != "accepted"
        ):
            continue
        have.add(v.indicator.code)
    return len(have), [name for code, name in catalogue if code not in have]


@register_figure("report", "年度报告准备情况", order=70)
def readiness(user, today: dt.date, year: int) -> Figure:
    gov = registry.government()
    title = f"{year}年度法治政府建设报告准备情况"
    if gov is None:
        return Figure(code="report", title=title, columns=[], rows=[], empty="尚未建立政府单位")
    rows: list[list] = []
    bars: list[tuple[str, float | None]] = []

    report = AnnualReport.objects.filter(year=year, unit=gov).first()
    if report is None:
        rows.append(["报告稿", MISSING, "尚未生成，可在“年度报告”页由记录生成"])
        rows.append(["规定的五个部分", MISSING, "报告生成后检查"])
    else:
        rows.append(
            [
                Link("报告稿", reverse("reports:detail", args=[report.pk])),
                READY,
                report.get_state_display(),
            ]
        )
        q = check(report.doc, year=year, published_on=report.published_on, today=today)
        present = len(REQUIRED) - len(q.missing_sections)
        rows.append(
            [
                "规定的五个部分",
                MISSING if q.missing_sections else READY,
                f"缺：{'、'.join(q.missing_sections)}" if q.missing_sections else "五个部分齐全",
            ]
        )
        bars.append(("五个部分", _pct(present, len(REQUIRED))))
        problems = len(q.unsourced) + len(q.placeholders)
        rows.append(
            [
                "数字来源与占位符",
                MISSING if problems else READY,
                f"{len(q.unsourced)}个数字没有来源，{len(q.placeholders)}处占位符未替换"
                if problems
                else f"{q.figures}个数字均有来源",
            ]
        )

    have, missing = _indicator_coverage(year, gov)
    total = have + len(missing)
    rows.append(
        [
            Link("全区指标数据", reverse("indicators:values") + f"?year={year}"),
            MISSING if missing else READY,
            f"{have}/{total}项已有数据" + (f"；缺：{_names(missing)}" if missing else ""),
        ]
    )
    bars.append(("指标数据", _pct(have, total)))

    stats = registry.progress_stats(year)
    expected = sum(e for e, _, _ in stats.values())
    accepted = sum(a for _, _, a in stats.values())
    rows.append(
        [
            "任务进展审核",
            MISSING if accepted < expected else READY,
            f"应报{expected}份，已审核通过{accepted}份" if expected else "本年度没有报送周期",
        ]
    )
    if expected:
        bars.append(("进展审核", _pct(accepted, expected)))

    next_plan = plan_for(year + 1)
    rows.append(
        [
            Link("下一年度安排", reverse("plans:detail", args=[next_plan.pk]))
            if next_plan
            else "下一年度安排",
            READY if next_plan else MISSING,
            f"取自《{next_plan.title}》"
            if next_plan
            else f"尚无{year + 1}年工作要点，“下一年度主要安排”只能概括",
        ]
    )
    open_findings = Oversight.objects.filter(state=Oversight.State.OPEN).count()
    rows.append(
        [
            Link("督察问题整改", reverse("indicators:oversight")),
            INFO,
            f"{open_findings}个问题尚未销号，将写入“存在的不足”"
            if open_findings
            else "问题均已销号",
        ]
    )
    up, pub = report_due(year), publish_due(year)
    published = report is not None and report.published_on is not None
    rows.append(
        [
            "报送与公开期限",
            READY if published else INFO,
            f"{up:%Y年%m月%d日}前报送，{pub:%Y年%m月%d日}前公开"
            + (
                f"；已于{report.published_on:%Y年%m月%d日}公开"
                if published
                else f"；距公开期限{(pub - today).days}天"
                if pub >= today
                else f"；已超过公开期限{(today - pub).days}天"
            ),
        ]
    )
    return Figure(
        code="report",
        title=title,
        columns=["项目", "状态", "说明"],
        rows=rows,
        chart=Chart(
            "bar",
            [name for name, _ in bars],
            [{"label": "完成度", "data": [v for _, v in bars], "color": 1}],
            horizontal=True,
            suffix="%",
            max=100,
        )
        if bars
        else None,
        note="年度报告由记录生成：缺的记录补齐后重新生成即可。",
        links=[Link("年度报告", reverse("reports:list"))],
    )
