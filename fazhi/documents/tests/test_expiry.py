"""有效期: a document is shown 失效 from the day after its 有效期至 even before the daily
command runs; ``fazhi documents expire`` records it (idempotent)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.documents import public, services
from fazhi.documents.models import NormativeDocument

from .conftest import today

pytestmark = pytest.mark.today(2025, 11, 10)

S = NormativeDocument.Status


def test_expiry_computed_on_read_then_recorded_by_command(people, district, make):
    doc = make.published(people, district)
    end = doc.valid_until
    assert doc.shown_status(end)[0] == "in_force"
    assert doc.shown_status(end + dt.timedelta(days=1)) == ("expired", "已失效")
    assert list(public.library(today=end)) == [doc]
    assert list(public.library(today=end + dt.timedelta(days=1))) == []
    # The command, run on the day after: recorded once, with the reason and the date.
    out = io.StringIO()
    call_command("documents", "expire", "--today", str(end + dt.timedelta(days=1)), stdout=out)
    assert "共1件" in out.getvalue()
    doc.refresh_from_db()
    assert doc.status == S.EXPIRED and doc.ended_on == end + dt.timedelta(days=1)
    assert (
        Deadline.objects.get(record_id=str(doc.pk), clock="documents.expiry").state == "cancelled"
    )
    n = events.history("documents.normativedocument", str(doc.pk)).count()
    out = io.StringIO()
    call_command("documents", "expire", "--today", str(end + dt.timedelta(days=2)), stdout=out)
    assert "共0件" in out.getvalue()
    assert events.history("documents.normativedocument", str(doc.pk)).count() == n


def test_command_leaves_documents_in_force(people, district, make):
    doc = make.published(people, district)
    assert services.expire_due(doc.valid_until) == []
    doc.refresh_from_db()
    assert doc.status == S.PUBLISHED


def test_expiry_warning_on_the_board(people, district, make, login):
    doc = make.published(people, district)
    d = Deadline.objects.get(record_id=str(doc.pk), clock="documents.expiry")
    # Due six months before the 有效期 ends (the evaluation's last day), not on the last day.
    end, due = doc.valid_until, d.due_date
    assert (end.year * 12 + end.month) - (due.year * 12 + due.month) == 6
    assert due.day <= end.day  # clamped to a shorter month
    assert d.unit == district["scjg"]
    from fazhi.core.deadlines import board, due_soon_q

    # 即将到期 is the board's one horizon (FAZHI_DUE_SOON_WORKDAYS, 10 working days) for
    # every kind of clock: a week before, yes; a month before, not yet.
    assert Deadline.objects.filter(due_soon_q(due - dt.timedelta(7)), pk=d.pk).exists()
    assert not Deadline.objects.filter(due_soon_q(due - dt.timedelta(30)), pk=d.pk).exists()
    assert not Deadline.objects.filter(due_soon_q(today()), pk=d.pk).exists()
    # Not evaluated by then: overdue on the board, while the document is still in force.
    lists = board(Deadline.objects.all(), people["scjg_clerk"], due + dt.timedelta(1))
    assert lists["overdue"].filter(pk=d.pk).exists()
    body = login(people["scjg_clerk"]).get("/office/").content.decode()
    assert "有效期届满前评估" in body


def test_reindex_command(people, district, make):
    make.draft(people, district)
    out = io.StringIO()
    call_command("documents", "reindex", stdout=out)
    assert "已重建全文检索索引：1件文件" in out.getvalue()
