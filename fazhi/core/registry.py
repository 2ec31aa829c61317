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
