"""Indicators: the catalogue, computed figures equal a hand count, reporting rounds with
their refusals, oversight and rectification, assessment scores."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from fazhi.core import events as core_events
from fazhi.core.models import Deadline, Event
from fazhi.indicators import registry, services
from fazhi.indicators.models import (
    AssessmentItem,
    AssessmentScheme,
    Indicator,
    IndicatorValue,
    Oversight,
    Submission,
)
from fazhi.testing import seeds_dir

pytestmark = pytest.mark.today(2025, 12, 15)


def test_catalogue_has_every_code_of_the_design(db):
    design = (seeds_dir().parent / "design" / "indicators.md").read_text(encoding="utf-8")
    codes = set(re.findall(r"^\| ([a-z]+\.[a-z_]+) \|", design, re.M))
    assert len(codes) > 50
    assert codes <= set(Indicator.objects.values_list("code", flat=True))


def test_every_computed_code_is_in_the_catalogue():
    """A module registering a figure the catalogue lacks would be skipped silently by refresh."""
    from fazhi.indicators.catalog import CATALOG

    catalogued = {row[0] for row in CATALOG}
    assert set(registry.COMPUTED) - {"test.events"} <= catalogued


@pytest.fixture
def counted(db):
    """A computed indicator over the full-process record: events per unit, one grouped
    query, with the district total under the government's unit."""
    from django.db.models import Count

    from fazhi.core.models import OrgUnit

    ind = Indicator.objects.create(
        code="test.events", name="测试事件数", unit="件", area=8, phrase="事件{}"
    )

    @registry.register(
        "test.events", records_url=lambda unit_id, year: f"/office/records/?u={unit_id}"
    )
    def compute(year):
        codes = dict(OrgUnit.objects.values_list("code", "pk"))
        rows = (
            Event.objects.filter(at__year=year)
            .values("unit_code")
            .annotate(n=Count("pk"))
            .values_list("unit_code", "n")
        )
        out = {codes[c]: n for c, n in rows if c in codes}
        gov = registry.government()
        if gov:
            out[gov.pk] = sum(out.values())
        return out

    yield ind
    registry.COMPUTED.pop("test.events", None)


def test_computed_value_equals_hand_count(counted, district, people):
    year = 2025  # the events are recorded on the test's today, 2025-12-15
    registry.refresh(year)
    hand = {}
    for e in Event.objects.filter(at__year=year):
        hand[e.unit_code] = hand.get(e.unit_code, 0) + 1
    values = {v.unit.code: int(v.value) for v in IndicatorValue.objects.filter(indicator=counted)}
    assert values["D23"] == hand["D23"] and values["D08"] == hand["D08"]
    assert values["G00"] == sum(n for c, n in hand.items() if c)
    # The computed figure wins over one typed in by a unit.
    IndicatorValue.objects.create(
        indicator=counted, unit=district["gov"], year=year, value=Decimal(1), source="reported"
    )
    assert registry.district_values(year)["test.events"].source == "computed"
    assert registry.district_values(year)["test.events"].value == values["G00"]


@pytest.fixture
def round_(people, district):
    Indicator.objects.filter(code__startswith="reconsideration.").update(
        reporting_unit=district["sfj"]
    )
    return services.open_round(
        year=2025,
        name="2025年度填报",
        due=dt.date(2026, 1, 20),
        codes=["reconsideration.received", "reconsideration.correction_rate"],
        actor=people["coordinator"],
    )


def test_round_opens_deadline_for_reporting_unit(round_):
    sub = round_.submissions.get()
    assert sub.unit.code == "D08"
    d = Deadline.objects.get(record_type="indicators.submission", record_id=str(sub.pk))
    assert d.due_date == dt.date(2026, 1, 20)


def test_round_refuses_indicators_without_reporting_unit(people):
    with pytest.raises(ValidationError, match="尚未指定填报单位"):
        services.open_round(
            year=2025,
            name="x",
            due=dt.date(2026, 1, 1),
            codes=["audit.projects"],
            actor=people["coordinator"],
        )


def test_values_validated_all_or_nothing(round_, people):
    sub = round_.submissions.get()
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError) as e:
        services.save_values(
            sub,
            {
                "reconsideration.received": ("四十四", False, ""),
                "reconsideration.correction_rate": ("120", False, ""),
            },
            clerk,
        )
    assert any("应填数字" in m for m in e.value.messages)
    assert any("不能超过100" in m for m in e.value.messages)
    assert not IndicatorValue.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_values(
            sub, {"reconsideration.received": ("44", False, "")}, people["scjg_clerk"]
        )


def test_submit_review_and_counting(round_, people, as_reported):
    as_reported("reconsideration.received", "reconsideration.correction_rate")
    sub = round_.submissions.get()
    clerk, coord = people["sfj_clerk"], people["coordinator"]
    services.save_values(sub, {"reconsideration.received": ("44", False, "")}, clerk)
    with pytest.raises(ValidationError, match="未填"):
        services.submit(sub, clerk)
    services.save_values(sub, {"reconsideration.correction_rate": ("13.5", False, "")}, clerk)
    services.submit(sub, clerk)
    # Not counted until accepted.
    assert "reconsideration.received" not in registry.district_values(2025)
    with pytest.raises(PermissionDenied):
        services.review(sub, accept=True, actor=clerk)
    with pytest.raises(ValidationError, match="理由"):
        services.review(sub, accept=False, reason="", actor=coord)
    services.review(sub, accept=True, actor=coord)
    v = registry.district_values(2025)["reconsideration.received"]
    assert v.value == 44 and "测试区司法局填报" in registry.describe_source(v)
    with pytest.raises(ValidationError, match="已提交"):
        services.save_values(
            Submission.objects.get(pk=sub.pk),
            {"reconsideration.received": ("45", False, "")},
            clerk,
        )
    assert Event.objects.filter(action="values_save").count() == 2


def test_submission_page_keeps_typed_values(round_, people, client):
    sub = round_.submissions.get()
    client.force_login(people["sfj_clerk"])
    resp = client.post(
        f"/office/indicators/submissions/{sub.pk}/",
        {
            "action": "save",
            "v_reconsideration.received": "四十四",
            "v_reconsideration.correction_rate": "12.5",
            "n_reconsideration.received": "含转送",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "应填数字" in body
    assert 'value="四十四"' in body and 'value="12.5"' in body and "含转送" in body
    client.force_login(people["scjg_clerk"])
    assert client.get(f"/office/indicators/submissions/{sub.pk}/").status_code == 404


def test_oversight_cycle(people, district):
    coord, clerk = people["coordinator"], people["scjg_clerk"]
    ov = services.create_finding(
        unit=district["scjg"],
        source="visit",
        title="案卷不规范",
        finding="两卷缺少送达回证",
        found_on=dt.date(2025, 5, 1),
        rectify_by=dt.date(2025, 7, 1),
        actor=coord,
    )
    assert Deadline.objects.get(
        record_id=str(ov.pk), clock="indicators.rectification"
    ).due_date == dt.date(2025, 7, 1)
    with pytest.raises(PermissionDenied):
        services.report_rectification(ov, report="x", actor=people["sfj_clerk"])
    with pytest.raises(ValidationError):
        services.report_rectification(ov, report="  ", actor=clerk)
    services.report_rectification(ov, report="已补齐", actor=clerk, on=dt.date(2025, 6, 20))
    with pytest.raises(ValidationError, match="新的整改期限"):
        services.sign_off(
            Oversight.objects.get(pk=ov.pk), accept=False, reason="不到位", actor=coord
        )
    services.sign_off(Oversight.objects.get(pk=ov.pk), accept=True, actor=coord)
    assert Oversight.objects.get(pk=ov.pk).state == "closed"


def test_assessment_scores_equal_hand_count(people, district):
    from fazhi.indicators.registry import PROGRESS_STATS

    stats = {district["sfj"].pk: (4, 3, 2), district["scjg"].pk: (2, 2, 2)}
    PROGRESS_STATS.append(lambda year: stats if year == 2025 else {})
    try:
        scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
        on_time = AssessmentItem.objects.create(
            scheme=scheme, name="按期报送", points=Decimal(20), rule="progress_on_time"
        )
        accepted = AssessmentItem.objects.create(
            scheme=scheme, name="审核通过", points=Decimal(10), rule="progress_accepted"
        )
        services.compute_scores(scheme, people["coordinator"])
        score = {(s.item_id, s.unit.code): s for s in on_time.scores.all()} | {
            (s.item_id, s.unit.code): s for s in accepted.scores.all()
        }
        assert score[(on_time.pk, "D08")].computed == Decimal("15.00")  # 20 × 3/4
        assert score[(accepted.pk, "D08")].computed == Decimal("5.00")  # 10 × 2/4
        assert score[(on_time.pk, "D23")].computed == Decimal("20.00")
        s = score[(on_time.pk, "D08")]
        with pytest.raises(ValidationError, match="理由"):
            services.adjust_score(s, points=Decimal(18), reason="", actor=people["coordinator"])
        services.adjust_score(
            s, points=Decimal(18), reason="补报材料已核实", actor=people["coordinator"]
        )
        rows = services.ranking(scheme)
        assert rows[0]["unit"].code in ("D23", "D08")
        totals = {r["unit"].code: r["total"] for r in rows}
        assert totals["D08"] == Decimal("23.00") and totals["D23"] == Decimal("30.00")
        assert (
            core_events.history("indicators.assessmentscheme", str(scheme.pk))
            .filter(action="score_adjust")
            .exists()
        )
    finally:
        PROGRESS_STATS.pop()


def test_assessment_xlsx_opens(people, district, client):
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    services.compute_scores(scheme, people["coordinator"])
    client.force_login(people["leader"])
    resp = client.get(f"/office/indicators/assessments/{scheme.pk}/export.xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    rows = list(wb["考核排名"].iter_rows(values_only=True))
    assert rows[0][0] == "名次" and len(rows) == 4  # header, 2 departments, 1 township
    client.force_login(people["sfj_clerk"])
    assert client.get(f"/office/indicators/assessments/{scheme.pk}/").status_code == 403
