"""The menus of the office navigation as data, and a landing page for each menu: every
level of the menu can be reached and read as a page (a phone user, a screen reader user, a
link in a notice), listing its entries with one line each (issue 12, point 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from pypinyin import lazy_pinyin

from . import access
from .registry import NAV


@lru_cache(maxsize=256)
def slug(group: str) -> str:
    """A stable address for a menu: its name in pinyin (工作 → gongzuo)."""
    return "".join(lazy_pinyin(group)).lower()


@dataclass
class NavGroup:
    name: str
    slug: str
    items: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return reverse("core:menu", args=[self.slug])


def groups_for(user, path: str = "") -> list[NavGroup]:
    """The menus the user sees, in order, each with the entries the user may open."""
    groups: dict[str, NavGroup] = {}
    board = reverse("core:board")
    for item in NAV:
        if item.action and not access.can(user, item.action):
            continue
        url = reverse(item.url_name)
        group = groups.get(item.group)
        if group is None:
            group = groups[item.group] = NavGroup(item.group, slug(item.group))
        group.items.append(
            {
                "label": item.label,
                "url": url,
                "hint": item.hint,
                "active": bool(path) and path.startswith(url) and (url != board or path == url),
            }
        )
    return list(groups.values())


@login_required
def menu_page(request, group: str):
    for g in groups_for(request.user, request.path):
        if g.slug == group:
            return render(request, "core/menu.html", {"group": g})
    raise Http404("没有这个菜单")
