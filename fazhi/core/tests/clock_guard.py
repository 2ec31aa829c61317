"""No test reads the real date; no test invents a calendar year.

A test that dates its records from today passes in one month and fails (or, worse, passes
for the wrong reason) in another: a 20-working-day clock started on 30 September crosses
国庆, one started in June does not. So every test chooses its "today":

- ``@pytest.mark.today(2025, 11, 10)`` on the test (or ``pytestmark`` on the module), or
- ``freeze(monkeypatch, dt.date(2025, 11, 10))`` from ``fazhi.core.tests.refusal`` inside it.

The root conftest installs this guard for every test. Without a frozen clock, it records

- ``timezone.localdate()`` / ``timezone.localtime()`` with no value, from any code the test
  runs (a service, a view, a model default, a live server thread): that is today's date;
- ``timezone.now()`` called by test code itself;

and fails the test at teardown, naming the place and saying how to freeze the date. Plain
time stamps taken by the application (``created_at``, a throttle window) are instants, not
dates, and are left alone. ``date.today()`` and ``datetime.now()`` cannot be intercepted,
so ``test_clock_guard`` forbids them in the code and the tests (the application reads the
date through ``django.utils.timezone`` so that freezing reaches it).

Calendar years: a test may load only a year the ``chinesecalendar`` package provides
(2004–2026) or one loaded from an official 国务院办公厅 notice (``calendar.load_notice``).
An empty or made-up year makes a clock that production refuses pass in the test.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from django.utils import timezone as djtz

ROOT = Path(__file__).resolve().parents[3]
_VENV = str(ROOT / ".venv")
_HERE = str(Path(__file__).resolve())

REAL_NOW = djtz.now
REAL_LOCALDATE = djtz.localdate
REAL_LOCALTIME = djtz.localtime

HOW_TO_FREEZE = (
    "Tests must not read the real date. Choose the test's today: decorate it with "
    "@pytest.mark.today(2025, 11, 10) (or set pytestmark on the module), or call "
    "fazhi.core.tests.refusal.freeze(monkeypatch, datetime.date(2025, 11, 10)) before the "
    "code that reads the date. Pick dates that exercise the rule (e.g. a clock across "
    "春节 or 国庆), and only in years the calendar package provides (2004–2026)."
)

HOW_TO_CALENDAR = (
    "Tests may load only calendar years the chinesecalendar package provides (2004–2026) or "
    "that an official 国务院办公厅 notice provides (fazhi.core.calendar.load_notice with the "
    "notice text, see fazhi/core/tests/holiday_notices/). Date the test inside those years "
    "instead of inventing a year with an empty holiday list."
)

_lock = threading.Lock()
_watch: list[str] | None = None  # what the current test read; None outside a test


def _project_file(filename: str) -> bool:
    f = os.path.abspath(filename)
    return f.startswith(str(ROOT)) and not f.startswith(_VENV) and f != _HERE


def _test_file(filename: str) -> bool:
    if not _project_file(filename):
        return False
    rel = os.path.relpath(os.path.abspath(filename), ROOT)
    return (
        rel == "conftest.py" or rel.startswith("tests" + os.sep) or f"{os.sep}tests{os.sep}" in rel
    )


def _where(frame) -> str:
    """The innermost project line that read the date, and the test line that led to it."""
    site = origin = None
    while frame is not None:
        name = frame.f_code.co_filename
        if _project_file(name):
            place = f"{os.path.relpath(name, ROOT)}:{frame.f_lineno} ({frame.f_code.co_name})"
            site = site or place
            if _test_file(name):
                origin = place
                break
        frame = frame.f_back
    if site is None:
        return "code outside the project (a model default or a library)"
    return site if origin in (None, site) else f"{site}, called from {origin}"


def frozen() -> bool:
    """A test froze the clock: ``timezone.now`` is no longer the guard's."""
    return djtz.now is not guarded_now


def guarded_now():
    """``timezone.now`` while no test froze it: note date reads, return the real instant."""
    if _watch is not None:
        caller = sys._getframe(1)
        if caller.f_code is REAL_LOCALTIME.__code__:  # localtime()/localdate() without value
            outer = caller.f_back
            if outer is not None and outer.f_code is REAL_LOCALDATE.__code__:
                _note("timezone.localdate()", outer.f_back)
            else:
                _note("timezone.localtime()", outer)
        elif _test_file(caller.f_code.co_filename):
            _note("timezone.now()", caller)
    return REAL_NOW()


def _note(what: str, frame) -> None:
    place = _where(frame)
    with _lock:
        if _watch is not None:
            _watch.append(f"{what} at {place}")


def install() -> None:
    """Put the guard in place of ``timezone.now`` (once per run). ``freeze`` replaces it
    for one test and monkeypatch puts the guard back; ``localdate``/``localtime`` look
    ``now`` up in the module at each call, so they and their callers see either."""
    from django.db.models.signals import post_save

    djtz.now = guarded_now
    post_save.connect(_calendar_year_saved, dispatch_uid="clock_guard.calendar_year")


def start() -> list[str]:
    global _watch
    with _lock:
        _watch = []
        return _watch


def stop() -> list[str]:
    global _watch
    with _lock:
        seen, _watch = _watch or [], None
    return seen


def _calendar_year_saved(sender, instance, created, **kwargs):
    from fazhi.core.calendar import NOTICE_SOURCE
    from fazhi.core.models import CalendarYear
    from fazhi.core.workdays import PACKAGE_YEARS

    if sender is not CalendarYear or not created or _watch is None:
        return
    if instance.year not in PACKAGE_YEARS and instance.source != NOTICE_SOURCE:
        place = _where(sys._getframe(1))
        with _lock:
            if _watch is not None:
                _watch.append(
                    f"calendar year {instance.year} created (source “{instance.source}”) at "
                    f"{place}, but the package ends in {PACKAGE_YEARS[-1]} and no official "
                    "notice was loaded"
                )


def report(seen: list[str]) -> str:
    lines = list(dict.fromkeys(seen))
    text = "\n".join(f"  - {s}" for s in lines[:10])
    if len(lines) > 10:
        text += f"\n  … and {len(lines) - 10} more"
    advice = []
    if any(not s.startswith("calendar year") for s in lines):
        advice.append(HOW_TO_FREEZE)
    if any(s.startswith("calendar year") for s in lines):
        advice.append(HOW_TO_CALENDAR)
    return (
        "This test read the real date or invented a calendar year:\n"
        + text
        + "\n"
        + "\n".join(advice)
    )
