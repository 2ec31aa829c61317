"""Registries through which modules plug into the shell without importing each other:
back-office navigation, public portal sections and demo builders. (Indicators and
deadline clocks have their own registries in indicators/ and core/deadlines.py.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    group: str = "工作"
    order: int = 100
    # None: everyone logged in; else an access action the user must hold somewhere.
    action: str | None = None
    # One line saying what the page is for, on its menu's landing page.
    hint: str = ""


@dataclass(frozen=True)
class PublicSection:
    title: str
    url_name: str
    description: str
    order: int = 100


@dataclass
class DemoStep:
    name: str
    order: int
    build: Callable = field(repr=False)


NAV: list[NavItem] = []
PUBLIC: list[PublicSection] = []
DEMO: list[DemoStep] = []


def register_nav(item: NavItem) -> NavItem:
    if item not in NAV:
        NAV.append(item)
        NAV.sort(key=lambda i: (i.order, i.label))
    return item


def register_public(section: PublicSection) -> PublicSection:
    if section not in PUBLIC:
        PUBLIC.append(section)
        PUBLIC.sort(key=lambda s: (s.order, s.title))
    return section


def register_demo(name: str, order: int = 100):
    """Decorator: ``build(ctx)`` adds a module's part of the demo district."""

    def wrap(fn: Callable) -> Callable:
        if not any(s.name == name for s in DEMO):
            DEMO.append(DemoStep(name, order, fn))
            DEMO.sort(key=lambda s: (s.order, s.name))
        return fn

    return wrap


@dataclass(frozen=True)
class Publication:
    """One item a module has published on the portal, for the home page's latest list."""

    kind: str  # what it is, in Chinese: 年度报告, 规范性文件, …
    title: str
    date: object  # datetime.date of publication
    url: str


# Each feed is ``feed(limit) -> list[Publication]``: the module's newest public items,
# already filtered by what its public.py may show.
LATEST: list[Callable] = []


def register_latest(feed: Callable) -> Callable:
    if feed not in LATEST:
        LATEST.append(feed)
    return feed


def latest_publications(limit: int = 10) -> list[Publication]:
    """The newest items over every module's feed, newest first (ties by kind and title, so
    the order does not depend on the order modules registered)."""
    rows = [p for feed in LATEST for p in feed(limit)]
    rows.sort(key=lambda p: (p.date, p.kind, p.title), reverse=True)
    return rows[:limit]
