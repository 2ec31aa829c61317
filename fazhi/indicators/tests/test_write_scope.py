"""Writes are scoped: a clerk of one unit never fills, submits or reviews another unit's
figures, and never reads or answers another unit's oversight finding (法治督察 findings go
to the unit inspected); each record is re-read to prove nothing changed. (The indicator API
has no writes.)

司法局 reports the reconsideration figures of the 2025 round; 市场监管局 has a finding to
rectify by 2025-07-01. "Today" is frozen at 2025-06-20."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.indicators import services
from fazhi.indicators.models import Indicator, IndicatorValue, Oversight, Submission

TODAY = dt.date(2025, 6, 20)
CODES = ["reconsideration.received", "reconsideration.correction_rate"]
FINDING = "两卷行政处罚案卷缺少送达回证"


@pytest.fixture
def sub(people, district, monkeypatch):
    freeze(monkeypatch, TODAY)
    Indicator.objects.filter(code__in=CODES).update(reporting_unit=district["sfj"])
    rnd = services.open_round(
        year=2025, name="2025年度填报", due=dt.date(2026, 1, 20), codes=CODES,
        actor=people["coordinator"],
    )  # fmt: skip
    sub = rnd.submissions.get()
    services.save_values(
        sub,
        {"reconsideration.received": ("56", False, ""), CODES[1]: ("12.5", False, "")},
        people["sfj_clerk"],
    )
    return sub


@pytest.fixture
def finding(people, district, monkeypatch):
    freeze(monkeypatch, TODAY)
    return services.create_finding(
        unit=district["scjg"],
        source="visit",
        title="案卷不规范",
        finding=FINDING,
        found_on=dt.date(2025, 5, 30),
        rectify_by=dt.date(2025, 7, 1),
        actor=people["coordinator"],
    )


def _values():
    return sorted(IndicatorValue.objects.values_list("indicator__code", "value"))


@pytest.mark.parametrize("action", ["save", "submit"])
def test_another_units_clerk_cannot_fill_or_submit_its_figures(sub, people, login, action):
    stored = _values()
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        client = login(people[who])
        with nothing_moved(sub):
            resp = client.post(
                f"/office/indicators/submissions/{sub.pk}/",
                {"action": action, "v_reconsideration.received": "999", f"v_{CODES[1]}": "1"},
            )
            assert resp.status_code == 404
    assert _values() == stored
    assert Submission.objects.get(pk=sub.pk).state == Submission.State.DRAFT


def test_the_reporting_unit_cannot_review_its_own_figures(sub, people, login):
    services.submit(sub, people["sfj_clerk"])
    client = login(people["sfj_clerk"])
    with nothing_moved(sub):
        resp = client.post(f"/office/indicators/submissions/{sub.pk}/", {"action": "accept"})
        assert resp.status_code == 403
    assert Submission.objects.get(pk=sub.pk).state == Submission.State.SUBMITTED


def test_another_units_clerk_does_not_read_its_figure(sub, people, login):
    value = IndicatorValue.objects.get(indicator__code="reconsideration.received")
    assert (
        login(people["sfj_clerk"]).get(f"/office/indicators/values/{value.pk}/").status_code == 200
    )
    assert (
        login(people["town_clerk"]).get(f"/office/indicators/values/{value.pk}/").status_code == 404
    )


def test_oversight_finding_is_read_only_by_its_unit(finding, people, login):
    """The finding page and list answer the inspected unit and the coordinator; another
    unit's clerk gets 404 (the page never says the finding exists)."""
    url = f"/office/indicators/oversight/{finding.pk}/"
    for who in ("scjg_clerk", "coordinator", "leader"):
        client = login(people[who])
        assert FINDING in client.get(url).content.decode()
        assert "案卷不规范" in client.get("/office/indicators/oversight/").content.decode()
    for who in ("sfj_clerk", "town_clerk"):
        client = login(people[who])
        assert client.get(url).status_code == 404
        assert "案卷不规范" not in client.get("/office/indicators/oversight/").content.decode()


def test_another_units_clerk_cannot_answer_or_close_a_finding(finding, people, login):
    url = f"/office/indicators/oversight/{finding.pk}/"
    for who in ("sfj_clerk", "town_clerk"):
        client = login(people[who])
        with nothing_moved(finding):
            assert client.post(url, {"action": "report", "report": "代为整改"}).status_code == 404
            assert client.post(url, {"action": "close"}).status_code == 404
    assert Oversight.objects.get(pk=finding.pk).state == Oversight.State.OPEN


def test_the_inspected_unit_cannot_close_its_own_finding(finding, people, login):
    """销号 is the coordinator's: the unit reports its rectification, the coordinator checks it."""
    services.report_rectification(
        finding, report="已补齐送达回证", actor=people["scjg_clerk"], on=TODAY
    )
    finding.refresh_from_db()
    client = login(people["scjg_clerk"])
    with nothing_moved(finding):
        resp = client.post(f"/office/indicators/oversight/{finding.pk}/", {"action": "close"})
        assert resp.status_code == 400
        assert "只有统筹协调人员可以对整改情况销号" in resp.content.decode()
    assert Oversight.objects.get(pk=finding.pk).state == Oversight.State.REPORTED
