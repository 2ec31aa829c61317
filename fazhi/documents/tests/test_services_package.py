"""The services package behaves as the single module it was split from: a test that
replaces a shared helper on ``services`` (and pytest's undo) reaches every procedure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.documents import services
from fazhi.documents.services import cleanup, common, issuing, lifecycle, review


def test_replacing_today_on_the_package_reaches_every_procedure(monkeypatch):
    real = services._today
    monkeypatch.setattr(services, "_today", lambda: dt.date(2025, 11, 10))
    for mod in (common, review, issuing, lifecycle, cleanup):
        assert mod._today() == dt.date(2025, 11, 10), mod.__name__
    # _past (in common) reads today through the replaced name.
    with pytest.raises(ValidationError, match="2025-11-10"):
        services._past(dt.date(2025, 11, 11), "登记日期")
    monkeypatch.undo()
    assert services._today is real and issuing._today is real and common._today is real


def test_every_name_of_the_former_module_is_still_there():
    for name in (
        "create_draft",
        "publish",
        "file",
        "repeal",
        "import_existing",
        "publish_cleanup",
        "_lock",
        "_event",
        "_end",
        "KIND",
        "S",
        "office_url",
    ):
        assert hasattr(services, name), name
