"""The demo district's 政府信息公开: built through the services on the demo's dates (here a
December build, the latest the demo's today allows with the 2026 calendar), with the volumes
and every kind of reply the demo promises; its figures are what a hand count of the records
gives, and what the typed indicator values and the plan's progress text say."""

import datetime as dt
import json
import random
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction

from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.demo.builder import demo_today
from fazhi.disclosure import demo
from fazhi.disclosure.models import (
    CatalogueItem,
    DisclosureRequest,
    Interpretation,
    ProactiveRelease,
    ThirdPartyConsultation,
)
from fazhi.indicators.demo import VALUES
from fazhi.indicators.registry import COMPUTED, government

# On SQLite only (db_agnostic): the hand counts and the figures are the same on either
# database; on PostgreSQL the demo district of tests/ builds these records too, and
# tests/test_demo_report_modules.py reads their figures there.
pytestmark = [pytest.mark.django_db, pytest.mark.db_agnostic]

Y = 2025
PROGRESS = Path(__file__).resolve().parents[2] / "plans" / "demo_data" / "progress_2025.json"


def hand_figures(year: int) -> dict:
    """The district's figures counted record by record, in Python."""
    rels = [
        r for r in ProactiveRelease.objects.all() if r.published_on and r.published_on.year == year
    ]
    reqs = list(DisclosureRequest.objects.all())
    answered = [r for r in reqs if r.state == "replied" and r.replied_on.year == year]
    return {
        "disclosure.proactive": len(rels),
        "disclosure.proactive_on_time_rate": round(
            Decimal(100) * sum(1 for r in rels if not r.late) / len(rels), 1
        ),
        "disclosure.interpretations": sum(
            1 for i in Interpretation.objects.all() if i.published_on.year == year
        ),
        "disclosure.requests": sum(1 for r in reqs if r.received_on.year == year),
        "disclosure.requests_concluded": sum(
            1 for r in reqs if r.state in ("replied", "closed") and r.replied_on.year == year
        ),
        "disclosure.on_time_rate": round(
            Decimal(100) * sum(1 for r in answered if not r.late) / len(answered), 1
        ),
        "disclosure.fee_notices": sum(
            1 for r in reqs if r.fee_notified_on and r.fee_notified_on.year == year
        ),
    }


@pytest.fixture
def december(demo_units, monkeypatch):
    """The demo built on the last day of December 2026 (the demo's today is then 1 December,
    30 days before the end of the last calendar year loaded)."""
    freeze(monkeypatch, dt.date(2026, 12, 31))
    demo_units.today = demo_today(Y)
    demo.build(demo_units)
    return demo_units


def test_demo_volumes_outcomes_and_figures(december):
    ctx = december
    assert ctx.today == dt.date(2026, 12, 1)
    # Catalogues: every department, the government and every township, by 第二十条 category.
    units = set(CatalogueItem.objects.values_list("unit__code", flat=True))
    assert {"G00", "D01", "D23", "D41", "T01", "T10"} <= units
    d23 = set(CatalogueItem.objects.filter(unit__code="D23").values_list("category", flat=True))
    assert {2, 5, 6, 7, 9, 13} <= d23
    assert 11 in set(
        CatalogueItem.objects.filter(unit__code="D10").values_list("category", flat=True)
    )
    assert 4 in set(
        CatalogueItem.objects.filter(unit__code="D24").values_list("category", flat=True)
    )

    # 主动公开 of the demo year.
    rels = ProactiveRelease.objects.filter(published_on__year=Y)
    n = rels.count()
    assert 1350 <= n <= 1650
    late = rels.filter(late=True)
    assert 0.01 * n <= late.count() <= 0.06 * n
    assert all(r.late_reason for r in late)
    assert 3 <= ProactiveRelease.objects.filter(state="withdrawn").count() <= 8
    assert rels.filter(
        title="示范区市场监督管理局关于2025年第三季度食品安全监督抽检结果的公告"
    ).exists()
    # 行政处罚决定书 are numbered in the order they were made.
    decisions = rels.filter(catalogue__unit__code="D23", catalogue__name="行政处罚")
    numbers = [
        int(re.search(r"〔2025〕(\d+)号", r.title)[1])
        for r in decisions.order_by("created_on", "id")
    ]
    assert len(numbers) >= 10 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    interp = Interpretation.objects.filter(published_on__year=Y)
    assert 40 <= interp.count() <= 60
    assert all(i.release and i.release.catalogue.name in ("政策文件", "区政府文件") for i in interp)
    # The current year: its recent releases, some still to publish (their clock running).
    assert ProactiveRelease.objects.filter(state="draft", created_on__year=2026).exists()

    # 依申请公开 of the demo year: every kind of reply.
    reqs = DisclosureRequest.objects.filter(received_on__year=Y)
    assert 55 <= reqs.count() <= 65
    kinds = Counter(reqs.values_list("applicant_kind", flat=True))
    assert kinds["person"] > reqs.count() / 2
    assert {"commercial", "legal_service", "other_org", "research", "public_welfare"} <= set(kinds)
    results = Counter(reqs.values_list("result", flat=True))
    assert {
        "disclose", "partial", "refuse_third_party", "refuse_process", "refuse_internal",
        "refuse_case_file", "unable_not_held", "unable_create", "unable_unclear",
        "reject_repeat", "reject_petition", "other_no_correction", "other",
    } <= set(results)  # fmt: skip
    types = set(reqs.values_list("reply_type", flat=True))
    assert {"provide", "already_public", "not_exist", "not_this_agency"} <= types
    assert (
        reqs.filter(result="partial").exclude(ground="").count()
        == reqs.filter(result="partial").count()
    )
    assert reqs.filter(result="reject_repeat", repeat_of__isnull=False).exists()
    assert reqs.filter(corrected_on__isnull=False, state="replied").count() >= 2
    assert reqs.filter(result="other_no_correction", corrected_on=None).count() == 2
    cons = ThirdPartyConsultation.objects.filter(request__received_on__year=Y)
    assert {"consent", "object", "none"} <= set(cons.values_list("answer", flat=True))
    assert cons.filter(kind="agency").exists()
    assert reqs.filter(extension_days=20, late=False, state="replied").count() == 1
    fee = reqs.get(fee_notified_on__isnull=False)
    assert fee.fee_paid_on and fee.fee_amount == Decimal(150) and fee.state == "replied"
    assert reqs.filter(late=True).count() == 3
    # Received in late December, open at the year's end, answered in January.
    carried = reqs.filter(received_on__gte=dt.date(Y, 12, 15))
    assert carried.count() == 3
    assert all(r.replied_on.year == Y + 1 for r in carried)

    # The current year: some answered, some still being handled, two past their day.
    now = DisclosureRequest.objects.filter(received_on__year=2026)
    assert now.filter(state="replied").count() >= 20
    assert now.filter(state__in=DisclosureRequest.OPEN_STATES).count() >= 5
    overdue = [r for r in now.filter(state="received") if r.deadline.due_date < ctx.today]
    assert len(overdue) == 2
    assert all(r.deadline.state == Deadline.State.RUNNING for r in overdue)

    # The figures: computed = counted by hand = typed in the reporting round = the plan's text.
    gov = government().pk
    hand = hand_figures(Y)
    for code, value in hand.items():
        assert COMPUTED[code].compute(Y)[gov] == value, code
    for code in ("disclosure.proactive", "disclosure.requests", "disclosure.interpretations",
                 "disclosure.on_time_rate"):  # fmt: skip
        assert Decimal(str(VALUES[code][1])) == hand[code], code
    # 一 + 二 = 三(七) + 四 for the district: received = concluded + open at the year's end.
    open_at_end = sum(1 for r in reqs if r.replied_on is None or r.replied_on.year > Y)
    assert hand["disclosure.requests"] == hand["disclosure.requests_concluded"] + open_at_end
    text = json.loads(PROGRESS.read_text(encoding="utf-8"))["22"]["full"]
    assert f"主动公开政府信息{hand['disclosure.proactive']}条" in text
    assert f"发布政策解读{hand['disclosure.interpretations']}篇" in text
    assert f"受理政府信息公开申请{hand['disclosure.requests']}件" in text
    assert f"按时答复率{hand['disclosure.on_time_rate']}%" in text


def fingerprint() -> list:
    return [
        sorted(ProactiveRelease.objects.values_list("unit__code", "title", "created_on",
                                                    "published_on", "state", "late")),
        sorted(DisclosureRequest.objects.values_list("tracking_number", "applicant_name",
                                                     "received_on", "result", "replied_on")),
    ]  # fmt: skip


def test_building_twice_gives_the_same_records(demo_units, monkeypatch):
    """Two builds on the same day (the demo year's early part, to stay quick) give the same
    titles, dates and replies."""
    freeze(monkeypatch, dt.date(2025, 4, 30))
    demo_units.today = dt.date(2025, 4, 30)
    prints = []
    for _ in range(2):
        demo_units.rng = random.Random()  # other steps' draws do not move this one's
        with transaction.atomic():
            demo.build(demo_units)
            prints.append(fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert len(prints[0][0]) > 300 and len(prints[0][1]) > 10
