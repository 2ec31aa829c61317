"""The guard of the root conftest (clock_guard) fails a test that reads the real date or
invents a calendar year; these tests run it on purpose and check it would have failed."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.core import services
from fazhi.core.tests import clock_guard
from fazhi.core.tests.refusal import freeze

ROOT = Path(__file__).resolve().parents[3]


def watched(fn):
    """Run ``fn`` under a fresh watch (the test's own watch is put back empty)."""
    clock_guard.stop()
    clock_guard.start()
    try:
        fn()
    finally:
        seen = clock_guard.stop()
        clock_guard.start()
    return seen


def test_reading_today_without_a_frozen_clock_is_caught():
    seen = watched(lambda: timezone.localdate())
    assert len(seen) == 1 and seen[0].startswith("timezone.localdate() at fazhi/core/tests/")
    text = clock_guard.report(seen)
    assert "pytest.mark.today(2025, 11, 10)" in text and "freeze(monkeypatch" in text


def test_a_service_reading_today_is_caught_and_named():
    seen = watched(services.today)
    assert "fazhi/core/services.py" in seen[0] and "test_clock_guard.py" in seen[0]


def test_test_code_taking_the_real_instant_is_caught():
    assert watched(lambda: timezone.now()) != []


def test_a_frozen_clock_passes(monkeypatch):
    freeze(monkeypatch, dt.date(2025, 10, 1))
    assert watched(lambda: timezone.localdate()) == []
    assert timezone.localdate() == dt.date(2025, 10, 1)


@pytest.mark.today(2026, 2, 17)
def test_the_mark_freezes_the_date():
    assert timezone.localdate() == dt.date(2026, 2, 17)


@pytest.mark.today(2026, 6, 1)
def test_inventing_a_calendar_year_is_caught(db):
    seen = watched(lambda: services.set_calendar_year(2027, [], None, source="测试"))
    assert len(seen) == 1 and seen[0].startswith("calendar year 2027 created")
    assert "chinesecalendar" in clock_guard.report(seen)
    assert watched(lambda: None) == []


FORBIDDEN = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")}
# Instants that are not dates a rule depends on: a log line's time, a .docx's metadata.
ALLOWED = {
    "fazhi/serving.py",
    "fazhi/core/gongwen.py",
    "fazhi/core/tests/test_production_server.py",
}


def test_no_code_reads_the_date_around_timezone():
    """``date.today()``/``datetime.now()`` cannot be frozen: code and tests read the date
    through ``django.utils.timezone``."""
    found = []
    for path in [*ROOT.glob("fazhi/**/*.py"), *ROOT.glob("tests/**/*.py")]:
        rel = str(path.relative_to(ROOT))
        if rel in ALLOWED or "/migrations/" in rel:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                if (name, node.func.attr) in FORBIDDEN:
                    found.append(f"{rel}:{node.lineno}")
    assert found == [], f"read the date through django.utils.timezone: {found}"
