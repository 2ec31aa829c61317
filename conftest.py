"""Shared test fixtures: the personas every module's tests use.

A small district: 区政府 (G00) with 司法局 (D08), 市场监管局 (D23) and 城关街道 (T01) with
one community. Personas: a clerk of 司法局, a clerk and a reviewer of 市场监管局, a
township clerk, a legal reviewer, the coordinator, a leader, an admin, and the public
(an anonymous client).
"""

import os

os.environ.setdefault("FAZHI_TESTING", "1")

import pytest

PASSWORD = "Test#pass-2025"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "today(year, month, day): the test's fixed today (see fazhi/core/tests/clock_guard.py)",
    )
    config.addinivalue_line(
        "markers",
        "enters_calendar_year(reason): a test of the calendar editor itself, which enters a "
        "year by hand as a coordinator would from a new notice",
    )
    from fazhi.core.tests import clock_guard

    clock_guard.install()


@pytest.fixture(autouse=True)
def _no_real_date(request, monkeypatch):
    """Every test chooses its today (``@pytest.mark.today(y, m, d)`` or ``freeze``) and
    loads no calendar year the package or an official notice does not provide; a test that
    reads the real date or invents a year fails at teardown, saying where and how to fix."""
    import datetime as dt

    from fazhi.core import memo
    from fazhi.core.tests import clock_guard
    from fazhi.core.tests.refusal import freeze

    memo.clear()  # a fixture may write rows without events, which memo cannot see
    marker = request.node.get_closest_marker("today")
    if marker is not None:
        freeze(monkeypatch, dt.date(*marker.args))
    clock_guard.start()
    yield
    seen = clock_guard.stop()
    if request.node.get_closest_marker("enters_calendar_year"):
        seen = [s for s in seen if not s.startswith("calendar year")]
    if seen:
        pytest.fail(clock_guard.report(seen), pytrace=False)


@pytest.fixture
def district(db):
    from fazhi.core import services
    from fazhi.core.models import OrgUnit

    def unit(code, name, kind, parent=None, **kw):
        return services.save_unit(
            OrgUnit(code=code, name=name, kind=kind, parent=parent, **kw), None
        )

    gov = unit("G00", "测试区人民政府", "government")
    units = {
        "gov": gov,
        "sfj": unit(
            "D08",
            "测试区司法局",
            "department",
            gov,
            short_name="区司法局",
            is_enforcement_agency=True,
        ),
        "scjg": unit(
            "D23",
            "测试区市场监督管理局",
            "department",
            gov,
            short_name="区市场监管局",
            is_enforcement_agency=True,
        ),
        "town": unit("T01", "城关街道", "township", gov),
    }
    units["community"] = unit("T01C01", "城关街道东门社区", "community", units["town"])
    return units


@pytest.fixture
def people(district):
    from fazhi.core import services
    from fazhi.core.models import User

    def person(username, unit, roles):
        user = User(
            username=username,
            full_name=username,
            unit=unit,
            is_superuser="admin" in roles,
            is_staff="admin" in roles,
        )
        return services.save_user(user, roles, None, password=PASSWORD)

    return {
        "sfj_clerk": person("sfj_clerk", district["sfj"], ["clerk"]),
        "scjg_clerk": person("scjg_clerk", district["scjg"], ["clerk"]),
        "scjg_reviewer": person("scjg_reviewer", district["scjg"], ["reviewer"]),
        "town_clerk": person("town_clerk", district["town"], ["clerk"]),
        "legal": person("legal", district["sfj"], ["legal_reviewer"]),
        "coordinator": person("coordinator", district["sfj"], ["coordinator"]),
        "leader": person("leader", district["gov"], ["leader"]),
        "admin": person("admin", district["sfj"], ["admin"]),
    }


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in as that persona."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def clocks():
    """Two clocks shaped like real ones: an on-request disclosure reply (20 working days,
    pausable, +20 with approval; 政府信息公开条例 第33条) and a 60-day calendar period."""
    from fazhi.core.deadlines import CALENDAR, Clock, register_clock

    reply = register_clock(
        Clock(
            code="test.reply",
            name="测试：依申请公开答复",
            basis="政府信息公开条例第三十三条",
            length=20,
            pausable=True,
            pause_reasons=("征求第三方意见",),
            extension_max=20,
            extension_approver="政府信息公开工作机构负责人",
        )
    )
    decide = register_clock(
        Clock(
            code="test.decide",
            name="测试：复议决定",
            basis="行政复议法第六十二条",
            length=60,
            unit=CALENDAR,
            warn_days=10,
        )
    )
    return {"reply": reply, "decide": decide}


@pytest.fixture
def demo_units(db):
    """The demo district's org units and accounts (core's demo step only)."""
    import random

    from fazhi.core.demo import build
    from fazhi.demo.builder import DemoContext

    ctx = DemoContext(
        rng=random.Random(1), year=2025, today=__import__("datetime").date(2026, 3, 1)
    )
    build(ctx)
    return ctx


@pytest.fixture
def as_reported(monkeypatch):
    """as_reported(*codes): for this test, figures that a module now computes are typed in
    by units again — for tests of the reporting path itself (a round, the values page, the
    cockpit's reported figures), which used these codes before their module existed."""
    from fazhi.indicators import registry

    def make(*codes):
        for code in codes:
            monkeypatch.delitem(registry.COMPUTED, code, raising=False)

    return make
