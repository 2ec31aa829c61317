"""The documents module's scheduled duty, registered with core's jobs registry: a document
whose 有效期 has ended becomes 失效 and its drafting unit is told, once."""

import datetime as dt

import pytest

from fazhi.core import events, jobs
from fazhi.core.models import Notification
from fazhi.documents import services
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date


def imported(people, district, valid_until, title="示范区城市道路临时占用管理办法"):
    return services.import_existing(
        title=title,
        unit=district["scjg"],
        issuer=district["gov"],
        doc_number="测政规〔2020〕3号",
        published_on=D(2020, 10, 1),
        valid_until=valid_until,
        actor=people["coordinator"],
    )


def test_expiry_is_a_registered_job_and_tells_the_unit_once(people, district):
    assert jobs.JOBS["documents.expire"].module == "documents"
    doc = imported(people, district, D(2025, 9, 30))
    jobs.run(D(2025, 9, 30), only=["documents.expire"])
    doc.refresh_from_db()
    assert doc.status == NormativeDocument.Status.PUBLISHED
    assert not Notification.objects.exists()

    jobs.run(D(2025, 10, 1), only=["documents.expire"])
    doc.refresh_from_db()
    assert doc.status == NormativeDocument.Status.EXPIRED
    got = Notification.objects.order_by("recipient__username")
    assert [n.recipient.username for n in got] == ["scjg_clerk", "scjg_reviewer"]
    n = got[0]
    assert n.title == "规范性文件已失效：示范区城市道路临时占用管理办法（测政规〔2020〕3号）"
    assert "2025年10月01日起失效" in n.body
    assert n.link == f"/office/documents/{doc.pk}/"
    assert (n.record_type, n.record_id) == ("documents.normativedocument", str(doc.pk))

    history = events.history("documents.normativedocument", str(doc.pk)).count()
    jobs.run(D(2025, 10, 1), only=["documents.expire"])
    jobs.run(D(2025, 10, 2), only=["documents.expire"])
    assert Notification.objects.count() == 2
    assert events.history("documents.normativedocument", str(doc.pk)).count() == history


def test_old_lapses_are_recorded_but_not_announced(people, district):
    """A platform installed late records years-old lapses without a flood of reminders."""
    doc = imported(people, district, D(2024, 3, 31))
    jobs.run(D(2025, 10, 1), only=["documents.expire"])
    doc.refresh_from_db()
    assert doc.status == NormativeDocument.Status.EXPIRED
    assert not Notification.objects.exists()
