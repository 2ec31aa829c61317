"""Test helpers for refusals: the rule refuses with its Chinese message and nothing moves.

``refused(exc, message, *records)`` asserts that the block raises ``exc`` whose message is
exactly ``message`` (or, for a list of messages, contains it), and that afterwards each
record re-read from the database is unchanged, no event was appended to the full-process
record (全过程记录), no deadline was started, changed or closed and no file was attached.

``freeze(monkeypatch, day)`` fixes "today" for the services (``timezone.now`` and
``timezone.localdate``) so a test never depends on the day it runs.
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.models import Attachment, Deadline, Event


def freeze(monkeypatch, day: dt.date, hour: int = 10) -> dt.datetime:
    """Make ``timezone.now()`` (and so ``localdate()``) return ``day`` from ``hour`` o'clock.

    The date is fixed; the time of day runs on from ``hour`` as the real clock does, so
    two acts of one test are still ordered ("answered after the summary was generated")."""
    # In UTC, as the real ``timezone.now()`` answers.
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0))).astimezone(dt.UTC)
    began = time.monotonic()
    monkeypatch.setattr(
        timezone, "now", lambda: moment + dt.timedelta(seconds=time.monotonic() - began)
    )
    return moment


def _snapshot(records):
    rows = {}
    for r in records:
        model = type(r)
        rows[(model._meta.label, r.pk)] = model.objects.filter(pk=r.pk).values().first()
        rows[model._meta.label] = model.objects.count()
    deadlines = list(
        Deadline.objects.order_by("pk").values_list("pk", "state", "start_date", "due_date")
    )
    return rows, Event.objects.count(), deadlines, Attachment.objects.count()


def messages_of(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


@contextmanager
def refused(exc: type[Exception], message: str, *records):
    """The block must raise ``exc`` with ``message`` among its messages; nothing moves."""
    before = _snapshot(records)
    with pytest.raises(exc) as info:
        yield info
    assert message in messages_of(info.value), messages_of(info.value)
    rows, events, deadlines, attachments = _snapshot(records)
    assert rows == before[0], "a refused change left the record changed"
    assert events == before[1], "a refused change appended to the full-process record"
    assert deadlines == before[2], "a refused change moved a deadline"
    assert attachments == before[3], "a refused change kept an attachment"


@contextmanager
def nothing_moved(*records):
    """For a page or API call that must be refused: re-read the records afterwards."""
    before = _snapshot(records)
    yield
    assert _snapshot(records) == before, "a refused request changed something"
