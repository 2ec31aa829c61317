"""The indicator registry: which figures modules compute from their records, and which
value of a figure counts.

A module registers, in its ``indicators.py``::

    @register("reconsideration.received", records_url=lambda unit_id, year: f"...")
    def received(year: int) -> dict[int, Decimal]:
        # one grouped query over all units for the year; include the government's unit
        # for the district-wide figure
        ...

Once a code is registered, the computed value wins over a reported one: when a record
module lands, its figures take over from what units typed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import OrgUnit

from .models import Indicator, IndicatorValue, Submission


@dataclass(frozen=True)
class Computed:
    code: str
    compute: Callable[[int], dict[int, Decimal]]
    records_url: Callable[[int | None, int], str]
    module: str = ""
    # Optional: fn(year, unit_id) -> the records' own account of the figure (e.g. which
    # filings were late and the reason recorded with each), quoted where the report says
    # why a figure fell.
    explain: Callable[[int, int | None], str] | None = None


COMPUTED: dict[str, Computed] = {}

# Providers of plan-progress statistics for the assessment: fn(year) ->
# {unit_id: (reports expected, reports on time, reports accepted)}.
PROGRESS_STATS: list[Callable[[int], dict[int, tuple[int, int, int]]]] = []


def register_progress_stats(fn):
    if fn not in PROGRESS_STATS:
        PROGRESS_STATS.append(fn)
    return fn


def progress_stats(year: int) -> dict[int, tuple[int, int, int]]:
    out: dict[int, tuple[int, int, int]] = {}
    for fn in PROGRESS_STATS:
        for unit_id, (e, t, a) in fn(year).items():
            pe, pt, pa = out.get(unit_id, (0, 0, 0))
            out[unit_id] = (pe + e, pt + t, pa + a)
    return out


def register(
    code: str,
    *,
    records_url: Callable[[int | None, int], str],
    module: str = "",
    explain: Callable[[int, int | None], str] | None = None,
):
    def wrap(fn):
        COMPUTED[code] = Computed(code, fn, records_url, module or fn.__module__, explain)
        return fn

    return wrap


def explanation(value: IndicatorValue) -> str:
    """Why a figure is what it is, in the words of its source: the reporting unit's note
    (填报说明) for a reported figure, the computing module's account of its records for a
    computed one; "" when neither says anything."""
    if value.source == IndicatorValue.Source.COMPUTED:
        comp = COMPUTED.get(value.indicator.code)
        gov = government()
        unit_id = None if gov is not None and value.unit_id == gov.pk else value.unit_id
        return comp.explain(value.year, unit_id) if comp and comp.explain else ""
    return value.note or ""


def figure_records_url(code: str, list_url: str, unit_param: str):
    """A ``records_url`` for a module whose office list filters by ``?figure=CODE&year=Y``
    (showing exactly the records the figure counts); ``unit_param`` narrows it to one unit,
    left out for the district's figure."""

    def url(unit_id, year) -> str:
        gov = government()
        where = f"{list_url}?figure={code}&year={year}"
        if unit_id is None or (gov is not None and unit_id == gov.pk):
            return where
        return f"{where}&{unit_param}={unit_id}"

    return url


def filter_by_figure(qs, records: dict, code: str, year: int | None, noun: str):
    """For an office list opened from a figure's link: (the rows the figure ``code`` counted
    in ``year``, a Chinese banner naming them), or (None, "") when ``code`` is not one of
    the module's ``records`` (code → fn(year) -> queryset)."""
    if code not in records or not year:
        return None, ""
    rows = qs.filter(pk__in=records[code](year).values("pk"))
    return rows, f"{year}年“{indicator_name(code)}”计入的{noun}"


def indicator_name(code: str) -> str:
    """The Chinese name of an indicator code (the code itself when it is not catalogued)."""
    return Indicator.objects.filter(code=code).values_list("name", flat=True).first() or code


def source_for(code: str) -> str:
    return IndicatorValue.Source.COMPUTED if code in COMPUTED else IndicatorValue.Source.REPORTED


def government() -> OrgUnit | None:
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()


def with_total(rows) -> dict[int, Decimal]:
    """(unit_id, n) rows → {unit: n} with the government's unit carrying the district
    total (its own records plus every other unit's): how every module reports a count."""
    out = {unit_id: Decimal(n) for unit_id, n in rows if n}
    gov = government()
    if gov is not None:
        out[gov.pk] = sum((n for u, n in out.items() if u != gov.pk), Decimal(0)) + out.get(
            gov.pk, Decimal(0)
        )
    return out


def percent(n, d) -> Decimal:
    return (Decimal(100) * n / d).quantize(Decimal("0.1"), ROUND_HALF_UP)


def pooled_rates(pairs: dict, district: tuple | None = None) -> dict[int, Decimal]:
    """{unit: (numerator, denominator)} → {unit: %}, the district's own rate pooled over
    the units (not an average of rates) unless ``district`` gives its pair. Units with
    nothing to count are left out."""
    out, num, den = {}, 0, 0
    for unit_id, (n, d) in pairs.items():
        if not d:
            continue
        num, den = num + n, den + d
        out[unit_id] = percent(n, d)
    if district is not None:
        num, den = district
    gov = government()
    if gov is not None and den:
        out[gov.pk] = percent(num, den)
    return out


@transaction.atomic
def refresh(year: int, codes: list[str] | None = None) -> int:
    """Materialise computed figures for a year (all units at once per indicator)."""
    written = 0
    now = timezone.now()
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(COMPUTED))}
    for code, comp in COMPUTED.items():
        if codes is not None and code not in codes:
            continue
        ind = indicators.get(code)
        if ind is None:
            continue
        values = comp.compute(year)
        IndicatorValue.objects.filter(
            indicator=ind, year=year, source=IndicatorValue.Source.COMPUTED
        ).delete()
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    indicator=ind,
                    unit_id=unit_id,
                    year=year,
                    value=Decimal(v),
                    source=IndicatorValue.Source.COMPUTED,
                    records_url=comp.records_url(unit_id, year)[:300],
                    updated_at=now,
                )
                for unit_id, v in values.items()
            ],
            batch_size=1000,
        )
        written += len(values)
    return written


def counted_values(year: int, unit: OrgUnit | None = None):
    """The values that count for a year: computed where a module computes the figure,
    otherwise reported and accepted (or entered without a round)."""
    qs = IndicatorValue.objects.filter(year=year).select_related("indicator", "submission__unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    out = {}
    for v in qs:
        if v.source != source_for(v.indicator.code):
            continue
        if (
            v.source == IndicatorValue.Source.REPORTED
            and v.submission_id
            and v.submission.state != Submission.State.ACCEPTED
        ):
            continue
        out[(v.indicator.code, v.unit_id)] = v
    return out


def district_values(year: int) -> dict[str, IndicatorValue]:
    gov = government()
    if gov is None:
        return {}
    return {code: v for (code, _), v in counted_values(year, gov).items()}


def describe_source(value: IndicatorValue) -> str:
    """One Chinese line naming where a figure came from."""
    if value.source == IndicatorValue.Source.COMPUTED:
        return "系统根据业务记录自动计算"
    if value.submission_id:
        sub = value.submission
        when = (
            sub.reviewed_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d")
            if sub.reviewed_at
            else ""
        )
        return f"{sub.unit.name}填报（{sub.round.name}，{when}审核通过）"
    return value.note or "单位填报"


def source_url(value: IndicatorValue) -> str:
    if value.source == IndicatorValue.Source.COMPUTED and value.records_url:
        return value.records_url
    return f"/office/indicators/values/{value.pk}/"
