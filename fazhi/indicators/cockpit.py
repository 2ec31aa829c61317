"""What indicators shows on the 驾驶舱: the key district figures over three years, and the
year's assessment ranking. Values are the ones that count (computed where a module
computes the figure, otherwise reported and accepted), as in the annual report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from fazhi.core.cockpit import Chart, Figure, Link, register_figure, short

from . import registry
from .models import AssessmentScheme, AssessmentScore, Indicator, IndicatorValue, Submission

YEARS = 3


def _counts(v: IndicatorValue) -> bool:
    """The value that counts for its indicator (see ``registry.counted_values``)."""
    if v.source != registry.source_for(v.indicator.code):
        return False
    return not (
        v.source == IndicatorValue.Source.REPORTED
        and v.submission_id
        and v.submission.state != Submission.State.ACCEPTED
    )


@register_figure("indicators", "主要指标三年走势", order=50)
def key_indicators(user, today: dt.date, year: int) -> Figure:
    codes = list(settings.FAZHI_COCKPIT_INDICATORS)
    years = list(range(year - YEARS + 1, year + 1))
    catalogue = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    codes = [c for c in codes if c in catalogue]
    gov = registry.government()
    found: dict[tuple[str, int], IndicatorValue] = {}
    if gov is not None and codes:
        for v in IndicatorValue.objects.filter(
            indicator__code__in=codes, unit=gov, year__in=years
        ).select_related("indicator", "submission"):
            if _counts(v):
                found[(v.indicator.code, v.year)] = v
    rows, datasets = [], []
    for i, code in enumerate(codes):
        ind = catalogue[code]
        values = [found.get((code, y)) for y in years]
        latest, before = values[-1], values[-2] if len(values) > 1 else None
        change = latest.value - before.value if latest is not None and before is not None else None
        head = Link(ind.name, registry.source_url(latest)) if latest is not None else ind.name
        rows.append(
            [head, ind.unit] + [v.value if v is not None else None for v in values] + [change]
        )
        datasets.append(
            {
                "label": ind.name,
                "data": [float(v.value) if v is not None else None for v in values],
                "color": i,
            }
        )
    rates = bool(codes) and all(catalogue[c].is_rate for c in codes)
    has_values = bool(found)
    return Figure(
        code="indicators",
        title="主要指标三年走势",
        columns=["指标", "计量单位"] + [f"{y}年" for y in years] + ["较上年变化"],
        rows=rows if has_values else [],
        chart=Chart(
            "line",
            [f"{y}年" for y in years],
            datasets,
            suffix="%" if rates else "",
            max=100 if rates else None,
        )
        if has_values
        else None,
        note="全区数值（系统由业务记录计算的优先，其余为审核通过的填报数）；"
        "名称链接到最近一年数值的来源。",
        empty=f"{years[0]}—{years[-1]}年尚无这些指标的全区数值",
        links=[Link("全部指标数据", reverse("indicators:values"))],
    )


@register_figure("ranking", "年度考核排名", order=60)
def ranking(user, today: dt.date, year: int) -> Figure:
    """The latest assessment up to the year, totals per unit (adjusted scores where an
    adjustment was made) in one grouped query; equal totals share a rank."""
    title = "年度考核排名"
    scheme = (
        AssessmentScheme.objects.filter(year__lte=year, items__scores__isnull=False)
        .order_by("-year")
        .first()
    )
    if scheme is None:
        return Figure(code="ranking", title=title, columns=[], rows=[], empty="尚无考核得分")
    totals = list(
        AssessmentScore.objects.filter(item__scheme=scheme)
        .values("unit__code", "unit__name", "unit__short_name", "unit__sort_order")
        .annotate(total=Sum(Coalesce("adjusted", "computed")))
        .order_by("-total", "unit__sort_order", "unit__code")
    )
    rows, rank, last = [], 0, None
    for n, r in enumerate(totals, start=1):
        if r["total"] != last:
            rank, last = n, r["total"]
        rows.append(
            [Link(r["unit__name"], reverse("core:unit", args=[r["unit__code"]])), rank, r["total"]]
        )
    return Figure(
        code="ranking",
        title=title,
        columns=["单位", "名次", "总分"],
        rows=rows,
        chart=Chart(
            "bar",
            [short(r["unit__short_name"] or r["unit__name"]) for r in totals],
            [
                {
                    "label": "总分",
                    "data": [float(r["total"] or Decimal(0)) for r in totals],
                    "color": 0,
                }
            ],
            horizontal=True,
            suffix="分",
        ),
        note=f"{scheme.name}（人工调整过的按调整后得分）。",
        links=[Link("考核详情", reverse("indicators:assessment", args=[scheme.pk]))],
    )
