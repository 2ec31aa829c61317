"""回执编号: every comment gets one on submission (YYYYMMDD-NNNN, the day's sequence over all
consultations), unique, recorded in the full-process record, and the drafting unit finds
the comment by it; another unit does not."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from fazhi.consultation import services
from fazhi.consultation.models import Comment
from fazhi.core.models import Event

from .helpers import OPENS, at, comment

# The comments arrive on the day after the consultation opens.
pytestmark = pytest.mark.today(2026, 6, 2)


def test_receipts_count_per_day_over_all_consultations(make):
    first, second = make(), make(title="示范区养犬管理规定（征求意见稿）")
    day1, day2 = OPENS + dt.timedelta(days=1), OPENS + dt.timedelta(days=2)
    a = comment(first, "建议延长公园开放时间。", now=at(day1, 9))
    b = comment(second, "建议明确犬只登记的办理地点。", ip="198.51.100.9", now=at(day1, 9, 5))
    c = comment(first, "建议增加公共卫生间。", now=at(day1, 23, 59))
    d = comment(second, "建议设置犬只活动区域。", ip="198.51.100.9", now=at(day2, 0, 1))
    assert [x.receipt for x in (a, b, c, d)] == [
        "20260602-0001",
        "20260602-0002",
        "20260602-0003",
        "20260603-0001",
    ]
    assert Comment.objects.get(pk=b.pk).receipt == "20260602-0002"
    # The event of the submission names the receipt (nothing personal).
    ev = Event.objects.filter(action="comment_submit").order_by("-seq").first()
    assert ev.after["receipt"] == "20260603-0001" and "20260603-0001" in ev.summary


def test_receipt_is_unique_in_the_database(make):
    a = comment(make(), "建议延长公园开放时间。")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            consultation=a.consultation,
            number=99,
            receipt=a.receipt,
            body="重复的回执编号",
            client_key="x",
            body_hash="y",
        )


def test_a_receipt_taken_meanwhile_is_skipped(make, monkeypatch):
    """Two comments on different consultations at the same moment: the second one's first
    number is refused by the unique constraint and it takes the next."""
    first, second = make(), make(title="示范区养犬管理规定（征求意见稿）")
    a = comment(first, "建议延长公园开放时间。")
    real = services.next_receipt
    offered = iter([a.receipt])
    monkeypatch.setattr(services, "next_receipt", lambda day: next(offered, None) or real(day))
    b = comment(second, "建议明确犬只登记的办理地点。", ip="198.51.100.9")
    assert b.receipt != a.receipt and b.receipt.endswith("-0002")
    assert Comment.objects.filter(consultation=second).count() == 1


def test_receipt_after_the_9999th_keeps_counting(make):
    c = make()
    day = OPENS + dt.timedelta(days=1)
    Comment.objects.create(
        consultation=c, number=50, receipt="20260602-9999", body="旧", client_key="k", body_hash="h"
    )
    Comment.objects.create(
        consultation=c,
        number=51,
        receipt="20260602-10000",
        body="旧",
        client_key="k",
        body_hash="i",
    )
    assert services.next_receipt(day) == "20260602-10001"


def test_unit_finds_comment_by_receipt_other_unit_does_not(client, make, people):
    c = make()
    x = comment(c, "建议延长公园开放时间。", now=at(OPENS + dt.timedelta(days=1)))
    url = reverse("consultation:list")
    client.force_login(people["sfj_clerk"])
    r = client.get(url, {"receipt": f" {x.receipt} "})
    assert r.status_code == 302
    assert r["Location"] == reverse("consultation:detail", args=[c.pk]) + f"#comment-{x.number}"
    page = client.get(r["Location"]).content.decode()
    assert f"回执编号{x.receipt}" in page
    r = client.get(url, {"receipt": "20990101-0001"})
    assert r.status_code == 200 and "未找到回执编号为“20990101-0001”的意见" in r.content.decode()
    client.force_login(people["scjg_clerk"])
    r = client.get(url, {"receipt": x.receipt})
    assert r.status_code == 200 and "未找到回执编号" in r.content.decode()
