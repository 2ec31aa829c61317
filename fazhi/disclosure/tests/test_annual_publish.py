"""Creating and publishing the annual report: the deadline on the board (条例第四十九条),
the form's check refusing a corrupt year, published tables that never change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.events import history
from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.disclosure.annual import services
from fazhi.disclosure.models import DisclosureAnnualReport, DisclosureRequest

from .annual_data import small

pytestmark = [pytest.mark.django_db]


def _ready(report, actor):
    return services.edit(report, overview="总体情况", problems="问题", other_matters="其他",
                         fee_income=Decimal("1.5"), actor=actor)  # fmt: skip


def test_department_report_due_31_january_and_completed_on_publish(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 10))
    small(district)
    clerk = people["scjg_clerk"]
    report = services.create(unit=district["scjg"], year=2025, actor=clerk)
    dl = Deadline.objects.get(pk=report.deadline_id)
    assert dl.due_date == dt.date(2026, 1, 31) and dl.state == Deadline.State.RUNNING
    assert dl.unit == district["scjg"] and dl.clock == "disclosure.annual_report"
    _ready(report, clerk)
    freeze(monkeypatch, dt.date(2026, 1, 20))
    services.publish(report, on=dt.date(2026, 1, 20), actor=clerk)
    dl.refresh_from_db()
    assert dl.state == Deadline.State.DONE and dl.completed_on == dt.date(2026, 1, 20)
    report.refresh_from_db()
    assert report.state == report.State.PUBLISHED and not services.is_late(report)
    actions = [e.action for e in history("disclosure.disclosureannualreport", str(report.pk))]
    assert "disclosure_report_created" in actions and "disclosure_report_published" in actions


def test_government_report_due_31_march_and_late_flagged(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 10))
    coord = people["coordinator"]
    report = services.create(unit=district["gov"], year=2025, actor=coord)
    assert Deadline.objects.get(pk=report.deadline_id).due_date == dt.date(2026, 3, 31)
    _ready(report, coord)
    freeze(monkeypatch, dt.date(2026, 4, 2))
    services.publish(report, on=dt.date(2026, 4, 2), actor=coord)
    report.refresh_from_db()
    assert services.is_late(report)
    events = list(history("disclosure.disclosureannualreport", str(report.pk)))
    assert any("逾期" in e.summary for e in events if e.action == "disclosure_report_published")
    assert Deadline.objects.get(pk=report.deadline_id).completed_on == dt.date(2026, 4, 2)


def test_one_report_per_unit_and_year(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 10))
    services.create(unit=district["scjg"], year=2025, actor=people["scjg_clerk"])
    with pytest.raises(ValidationError, match="已经创建"):
        services.create(unit=district["scjg"], year=2025, actor=people["coordinator"])
    with pytest.raises(ValidationError, match="报告年度"):
        services.create(unit=district["scjg"], year=2027, actor=people["coordinator"])
    assert DisclosureAnnualReport.objects.count() == 1


def test_corrupt_record_refuses_publication_naming_the_column(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 20))
    rows = small(district)
    clerk = people["scjg_clerk"]
    report = _ready(services.create(unit=district["scjg"], year=2025, actor=clerk), clerk)
    DisclosureRequest.objects.filter(pk=rows["d"].pk).update(result="")
    with pytest.raises(ValidationError) as err:
        services.publish(report, on=dt.date(2026, 1, 20), actor=clerk)
    assert "“自然人”列：办理结果总计3 ≠ 各项办理结果之和2" in err.value.messages
    report.refresh_from_db()
    assert report.state == report.State.DRAFT and report.tables == {} and not report.published_on
    assert Deadline.objects.get(pk=report.deadline_id).state == Deadline.State.RUNNING
    actions = [e.action for e in history("disclosure.disclosureannualreport", str(report.pk))]
    assert "disclosure_report_published" not in actions


def test_published_tables_do_not_change(district, people, monkeypatch):
    from fazhi.disclosure.annual import tables

    freeze(monkeypatch, dt.date(2026, 1, 20))
    rows = small(district)
    clerk = people["scjg_clerk"]
    report = _ready(services.create(unit=district["scjg"], year=2025, actor=clerk), clerk)
    services.publish(report, on=dt.date(2026, 1, 20), actor=clerk)
    report.refresh_from_db()
    stored = report.tables
    assert stored["section3"]["new"][6] == 6 and stored["section2"]["fee_income"] == "1.5"
    DisclosureRequest.objects.filter(pk=rows["f"].pk).update(received_on=dt.date(2025, 1, 2),
                                                             applicant_kind="person")  # fmt: skip
    assert tables.for_report(report) == stored
    assert tables.compute(2025, district["scjg"])["section3"]["new"][0] == 4  # records did move
    with pytest.raises(ValidationError, match="已经公开"):
        _ready(report, clerk)


def test_publication_needs_the_narrative_and_the_year_ended(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 12, 20))
    clerk = people["scjg_clerk"]
    report = services.create(unit=district["scjg"], year=2025, actor=clerk)
    with pytest.raises(ValidationError, match="年度结束后"):
        services.publish(report, on=dt.date(2025, 12, 20), actor=clerk)
    freeze(monkeypatch, dt.date(2026, 1, 5))
    with pytest.raises(ValidationError) as err:
        services.publish(report, on=dt.date(2026, 1, 5), actor=clerk)
    assert "请填写一、总体情况" in err.value.messages
    assert any("行政事业性收费" in m for m in err.value.messages)


def test_another_units_clerk_can_neither_create_edit_nor_publish(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 20))
    small(district)
    report = _ready(
        services.create(unit=district["scjg"], year=2025, actor=people["scjg_clerk"]),
        people["scjg_clerk"],
    )
    outsider = people["town_clerk"]
    with pytest.raises(PermissionDenied):
        services.create(unit=district["scjg"], year=2024, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.edit(report, overview="x", problems="x", other_matters="x", fee_income=None,
                      actor=outsider)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.publish(report, on=dt.date(2026, 1, 20), actor=outsider)
    report.refresh_from_db()
    assert report.state == report.State.DRAFT and report.overview == "总体情况"
