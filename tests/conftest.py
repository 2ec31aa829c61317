"""The whole demo district, built once for the tests of this folder that need it (the
no-500 walk, the write walk, the report figures, the security matrix, the public PII crawl
and the schema fuzz): building it takes about 40 s per database.

Package scope, not session: pytest-django runs every transactional test after all the
others, and those expect an empty database at their start; the demo is flushed when this
folder's (non-transactional) tests are done, before any of them runs. Files that use it
must sort after those that flush the database between tests (the browser tests run a live
server on a transactional database): test_browser*.py come first alphabetically, and the
guard below fails loudly if the demo has disappeared under a later test.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

# For iterating on these tests: with ``--reuse-db`` on PostgreSQL and this set, the demo
# left in the test database by the previous run is used again and not flushed at the end.
KEEP = os.environ.get("FAZHI_TEST_KEEP_DEMO") == "1"
# The demo district's today: after its 2025 report is published, inside the package's years.
DEMO_TODAY = dt.date(2026, 4, 15)


@pytest.fixture(scope="package")
def demo_district(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.core.management import call_command

        from fazhi.core.models import User
        from fazhi.demo.builder import build

        if KEEP and User.objects.filter(username="coordinator").exists():
            yield None
            return
        from fazhi.core.tests.refusal import freeze

        # The demo is built as of a fixed today, the one every test of this folder marks.
        with pytest.MonkeyPatch.context() as mp:
            freeze(mp, DEMO_TODAY)
            ctx = build(today=DEMO_TODAY)
        _attach_evidence()
        _notify_coordinator()
        yield ctx
        if not KEEP:
            call_command("flush", interactive=False, verbosity=0)


def _notify_coordinator():
    """Whatever the demo's date brings, the coordinator has an unread notification, so
    the walks reach its mark-read form."""
    from fazhi.core import notify
    from fazhi.core.models import User

    notify.notify(
        User.objects.get(username="coordinator"),
        key="test:walk",
        kind="test",
        title="测试通知",
        link="/office/",
    )


def _attach_evidence():
    """The demo's evidence hangs on progress reports, submissions and rectifications; one
    on a 司法局 deadline gives that record's download page too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import services
    from fazhi.core.models import Deadline, User

    clerk = User.objects.get(username="sfj_clerk")
    deadline = Deadline.objects.filter(unit=clerk.unit).order_by("pk").first()
    pdf = SimpleUploadedFile("批准文件.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    services.attach(deadline, pdf, actor=clerk, unit=deadline.unit, description="批准文件")


@pytest.fixture
def demo(demo_district, db):
    """The session's demo district, inside the test's transaction (what a test changes is
    rolled back; what the demo built stays)."""
    from fazhi.core.models import User

    assert User.objects.filter(username="coordinator").exists(), (
        "the demo district was flushed by an earlier test (a transactional test sorted "
        "after the first user of the demo)"
    )
    return demo_district
