"""The 驾驶舱 (leaders' and coordinators' landing page): a registry of figures.

Each app contributes the figures computed from its own records in its ``cockpit.py``
(discovered at start-up, like ``deadlines.py``), so the page in core never reads another
app's models (architecture: dependency rule). A figure is built once per page for the whole
district with one grouped query and returns the same numbers three ways: a chart (Chart.js,
data handed over with ``json_script``), an HTML table (for screen readers) and an export
(XLSX/CSV) — the table is the single source of all three.

Who sees it: the district-wide roles (统筹协调、领导、系统管理员, action ``steer``). The
figures compare units with one another, which a unit's clerk has no business reading, so a
clerk is refused the page rather than shown a one-unit version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import access
from .models import Role

access.register_action("steer", {Role.COORDINATOR, Role.LEADER, Role.ADMIN}, set())


@dataclass
class Link:
    """A table cell that opens the records behind it."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Chart:
    """What Chart.js draws: ``kind`` bar/line/doughnut, one label per category and one
    dataset per series (``{"label": …, "data": [...]}``)."""

    kind: str
    labels: list[str]
    datasets: list[dict]
    horizontal: bool = False
    stacked: bool = False
    suffix: str = ""  # appended to values in tooltips/axes, e.g. "%"
    max: float | None = None

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "datasets": self.datasets,
            "horizontal": self.horizontal,
            "stacked": self.stacked,
            "suffix": self.suffix,
            "max": self.max,
        }


@dataclass
class Figure:
    code: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    chart: Chart | None = None
    note: str = ""
    empty: str = "暂无数据"
    # An extra template shown under the table (e.g. the 催报 buttons) and its context.
    template: str = ""
    extra: dict = field(default_factory=dict)
    # Where to go on from the figure (e.g. the list of the records it counts).
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Provider:
    code: str
    title: str
    order: int
    build: Callable[[Any, dt.date, int], Figure | None]


PROVIDERS: dict[str, Provider] = {}
YEAR_HINTS: list[Callable[[dt.date], int | None]] = []


def register_figure(code: str, title: str, order: int = 100):
    """Decorator: ``build(user, today, year) -> Figure | None`` (None: nothing to show)."""

    def wrap(fn):
        PROVIDERS[code] = Provider(code, title, order, fn)
        return fn

    return wrap


def register_year_hint(fn):
    """``fn(today) -> year | None``: the latest year an app has work under way in."""
    if fn not in YEAR_HINTS:
        YEAR_HINTS.append(fn)
    return fn


def default_year(today: dt.date) -> int:
    """The latest year in which some app's work has begun (reporting periods opened), never
    after this year; this year when no app says."""
    years = [y for y in (fn(today) for fn in YEAR_HINTS) if y and y <= today.year]
    return max(years) if years else today.year


def landing(user, url: str) -> str:
    """Where a login lands: a leader (read-only, so nothing in the 工作台 waits for them to
    act on) going to the office home lands on the 驾驶舱 instead; everyone else, and any
    other page asked for, as asked. /office/ itself stays the 工作台 for everyone."""
    from django.urls import reverse

    if url == reverse("core:board") and user.role_codes == {Role.LEADER}:
        return reverse("core:cockpit")
    return url


def providers() -> list[Provider]:
    return sorted(PROVIDERS.values(), key=lambda p: (p.order, p.code))


def build(user, today: dt.date, year: int, only: str | None = None) -> list[Figure]:
    out = []
    for p in providers():
        if only is not None and p.code != only:
            continue
        fig = p.build(user, today, year)
        if fig is not None:
            out.append(fig)
    return out


def cell_text(value) -> str:
    from .numbers import fmt_value

    if value is None:
        return "—"
    if isinstance(value, Link):
        return value.text
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float) or hasattr(value, "as_tuple"):
        return fmt_value(value)
    return str(value)


def export_value(value):
    """Numbers stay numbers in the spreadsheet; everything else is its visible text."""
    from decimal import Decimal

    if isinstance(value, Link):
        return value.text
    if isinstance(value, bool) or value is None:
        return cell_text(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def short(label: str, n: int = 12) -> str:
    """A chart axis label short enough for a phone (the table keeps the whole name)."""
    return label if len(label) <= n else label[: n - 1] + "…"


# --- core's own figure: overdue clocks by unit ------------------------------------------


@register_figure("clocks", "各单位超期的法定期限", order=40)
def overdue_clocks(user, today: dt.date, year: int) -> Figure:
    """Every running clock past its due date (paused clocks are not counting down), counted
    per responsible unit in one grouped query; "超期30日以上" singles out the stale ones."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from .models import Deadline

    stale = today - dt.timedelta(days=30)
    rows = list(
        access.restrict(Deadline.objects.all(), user, "view")
        .filter(state=Deadline.State.RUNNING, due_date__lt=today)
        .values("unit__code", "unit__name", "unit__short_name", "unit__sort_order")
        .annotate(n=Count("pk"), old=Count("pk", filter=Q(due_date__lt=stale)))
        .order_by("-n", "unit__sort_order", "unit__code")
    )
    labels = [r["unit__short_name"] or r["unit__name"] for r in rows]
    return Figure(
        code="clocks",
        title="各单位超期的法定期限",
        columns=["单位", "已超期（件）", "其中超期30日以上（件）"],
        rows=[
            [Link(r["unit__name"], reverse("core:unit", args=[r["unit__code"]])), r["n"], r["old"]]
            for r in rows
        ],
        chart=Chart(
            "bar",
            [short(x) for x in labels],
            [
                {"label": "超期30日以内", "data": [r["n"] - r["old"] for r in rows], "color": 1},
                {"label": "超期30日以上", "data": [r["old"] for r in rows], "color": 3},
            ],
            horizontal=True,
            stacked=True,
            suffix="件",
        )
        if rows
        else None,
        note=f"截至{today:%Y年%m月%d日}仍在计时、已过届满日的期限（暂停中的不计）。",
        links=[Link("逐件查看（工作台·已超期）", reverse("core:board") + "?tab=overdue")],
        empty="没有超期的法定期限",
    )
