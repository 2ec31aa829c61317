"""An axe-core scan of the main pages finds no serious or critical accessibility violation
(issue 12, acceptance): the office home, the landing page of every menu, the portal home, a
published annual report and a published normative document on the portal.

The demo district is built inside this test (the live server needs a transactional
database, flushed afterwards), on a fixed day after the 2025 report was published.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = marks


@pytest.fixture
def district_for_browser(transactional_db, monkeypatch):
    from fazhi.core.tests.refusal import freeze
    from fazhi.demo.builder import build

    freeze(monkeypatch, dt.date(2026, 4, 15))
    build()


def _menu_pages() -> list[str]:
    """One page per menu of the coordinator's navigation: each group's landing page."""
    from django.urls import reverse

    from fazhi.core.models import User
    from fazhi.core.nav_pages import groups_for

    user = User.objects.get(username="coordinator")
    return [reverse("core:menu", args=[g.slug]) for g in groups_for(user)]


def _portal_pages() -> list[str]:
    from django.urls import reverse

    from fazhi.documents.models import NormativeDocument
    from fazhi.reports.models import AnnualReport

    report = AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).first()
    document = NormativeDocument.objects.filter(status=NormativeDocument.Status.PUBLISHED).first()
    return [
        "/",
        reverse("reports_public:detail", args=[report.pk]),
        reverse("documents_public:detail", args=[document.pk]),
    ]


def _scan(session, paths) -> list[str]:
    found = []
    for path in paths:
        resp = session.goto(path)
        assert resp.status == 200, f"{path}: {resp.status}"
        for v in session.axe():
            found.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} → {v['nodes']}")
    return found


def test_main_pages_have_no_serious_accessibility_violation(live_server, district_for_browser):
    office = ["/office/", *_menu_pages()]
    portal = _portal_pages()
    assert len(office) >= 6
    found = []
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with browser_session(live_server.url, viewport) as s:
            found += [f"[{name}] {v}" for v in _scan(s, portal)]
            s.login("coordinator")
            found += [f"[{name}] {v}" for v in _scan(s, office)]
            assert not s.outside
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)
