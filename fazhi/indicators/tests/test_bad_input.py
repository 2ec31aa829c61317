"""Bad input on the indicator pages gets a Chinese message and loses nothing; figures are
written plainly (30, not 3E+1); the values page opens on a year whose figures count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.indicators import services
from fazhi.indicators.models import (
    AssessmentItem,
    AssessmentScheme,
    AssessmentScore,
    Indicator,
    IndicatorValue,
    Submission,
)

pytestmark = pytest.mark.today(2025, 12, 15)


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


def _post_values(client, sub, received, rate="12.5"):
    return client.post(
        f"/office/indicators/submissions/{sub.pk}/",
        {
            "action": "save",
            "v_reconsideration.received": received,
            "v_reconsideration.correction_rate": rate,
        },
    )


def test_value_with_more_than_14_integer_digits_is_refused(round_, people, client):
    """D1: a 15-digit figure used to be stored, and then every page showing it answered 500."""
    sub = round_.submissions.get()
    client.force_login(people["sfj_clerk"])
    resp = _post_values(client, sub, "123456789012345")
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "数值过大" in body and "14位" in body
    assert 'value="123456789012345"' in body  # what was typed is shown again
    assert not IndicatorValue.objects.exists()
    # The largest figure that fits is accepted, and the pages showing it still work.
    assert _post_values(client, sub, "99999999999999").status_code == 302
    assert client.get(f"/office/indicators/submissions/{sub.pk}/").status_code == 200
    client.force_login(people["coordinator"])
    assert client.get(f"/office/indicators/submissions/{sub.pk}/").status_code == 200


@pytest.mark.parametrize("raw", ["NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e999"])
def test_non_finite_or_huge_values_are_refused(round_, people, raw):
    """D2: NaN, sNaN and Infinity parse as Decimals but are not figures."""
    sub = round_.submissions.get()
    with pytest.raises(ValidationError) as e:
        services.save_values(
            sub, {"reconsideration.received": (raw, False, "")}, people["sfj_clerk"]
        )
    assert any("应填数字" in m or "数值过大" in m for m in e.value.messages)
    with pytest.raises(ValidationError):
        services.save_values(
            sub, {"reconsideration.correction_rate": (raw, False, "")}, people["sfj_clerk"]
        )
    assert not IndicatorValue.objects.exists()


def test_rate_with_too_many_decimals_is_refused_not_rounded(round_, people):
    sub = round_.submissions.get()
    with pytest.raises(ValidationError, match="最多保留4位小数"):
        services.save_values(
            sub, {"reconsideration.correction_rate": ("12.123456", False, "")}, people["sfj_clerk"]
        )
    services.save_values(
        sub, {"reconsideration.correction_rate": ("12.50000", False, "")}, people["sfj_clerk"]
    )
    assert IndicatorValue.objects.get().value == Decimal("12.5")


@pytest.fixture
def scheme(people, district):
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    services.compute_scores(scheme, people["coordinator"])
    return scheme


@pytest.mark.parametrize(
    "unit, points, message",
    [
        ("abc", "5", "请选择要调整的单位与考核内容"),
        ("99999999999999999999", "5", "请选择要调整的单位与考核内容"),
        ("", "5", "请选择要调整的单位与考核内容"),
        (None, "abc", "调整后得分应为数字"),
        (None, "NaN", "调整后得分应为数字"),
        (None, "sNaN", "调整后得分应为数字"),
        (None, "Infinity", "调整后得分应为数字"),
        (None, "5.123", "最多保留两位小数"),
        (None, "11", "调整后得分应在0至10之间"),
    ],
)
def test_adjust_refuses_garbage_and_keeps_what_was_typed(
    scheme, people, client, unit, points, message
):
    """D3: score=abc or points=NaN answered 500. D12: the refused form keeps the input."""
    target = AssessmentScore.objects.filter(item__scheme=scheme).order_by("pk").last()
    client.force_login(people["coordinator"])
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {
            "action": "adjust",
            "unit": str(target.unit_id) if unit is None else unit,
            "item": str(target.item_id),
            "points": points,
            "reason": "材料已核实",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert message in body
    assert f'value="{points}"' in body and 'value="材料已核实"' in body
    if unit is None:
        assert f'<option value="{target.unit_id}" selected>' in body
    assert f'<option value="{target.item_id}" selected>' in body
    target.refresh_from_db()
    assert target.adjusted is None


def test_adjust_accepts_a_plain_number(scheme, people, client):
    target = AssessmentScore.objects.filter(item__scheme=scheme).first()
    client.force_login(people["coordinator"])
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {
            "action": "adjust",
            "unit": target.unit_id,
            "item": target.item_id,
            "points": "7.5",
            "reason": "材料已核实",
        },
    )
    assert resp.status_code == 302
    target.refresh_from_db()
    assert target.adjusted == Decimal("7.5")


def test_item_form_speaks_chinese(scheme, people, client):
    """D13: the new-item form showed the model's English field names "Indicator", "Order"."""
    client.force_login(people["coordinator"])
    body = client.get(f"/office/indicators/assessments/{scheme.pk}/").content.decode()
    assert ">Indicator" not in body and ">Order" not in body
    assert ">指标</label>" in body and ">排列顺序" in body
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {"action": "item", "item-name": "新考核项", "item-points": "NaN", "item-rule": "manual"},
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "新增考核内容未保存" in body
    assert 'value="新考核项"' in body


def test_figures_are_written_plainly(people, district, client, as_reported):
    as_reported("reconsideration.received", "reconsideration.correction_rate")
    """D18: Decimal.normalize() wrote 10 as 1E+1 and 30 as 3E+1 wherever a figure went
    into a sentence: the year-over-year line, the score basis, the adjustment message, the
    XLSX header."""
    rate = Indicator.objects.get(code="reconsideration.correction_rate")
    count = Indicator.objects.get(code="reconsideration.received")
    for year, value in ((2025, "40"), (2024, "30")):
        IndicatorValue.objects.create(
            indicator=rate, unit=district["gov"], year=year, value=Decimal(value), source="reported"
        )
    IndicatorValue.objects.create(
        indicator=count, unit=district["sfj"], year=2025, value=Decimal(30), source="reported"
    )
    client.force_login(people["coordinator"])
    body = client.get("/office/indicators/values/?year=2025").content.decode()
    assert "较上年提高10个百分点" in body and "E+" not in body

    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    item = AssessmentItem.objects.create(
        scheme=scheme,
        name="复议收案",
        points=Decimal(10),
        rule="at_least",
        indicator=count,
        threshold=Decimal(30),
    )
    services.compute_scores(scheme, people["coordinator"])
    score = AssessmentScore.objects.get(item=item, unit=district["sfj"])
    assert score.basis == "新收行政复议案件为30件，达到30"
    with pytest.raises(ValidationError, match="调整后得分应在0至10之间"):
        services.adjust_score(score, points=Decimal(11), reason="x", actor=people["coordinator"])
    resp = client.get(f"/office/indicators/assessments/{scheme.pk}/export.xlsx")
    import io

    from openpyxl import load_workbook

    header = next(load_workbook(io.BytesIO(resp.content))["考核排名"].iter_rows(values_only=True))
    assert "复议收案（10分）" in header

    from fazhi.core.numbers import fmt_value

    assert [fmt_value(Decimal(x)) for x in ("30", "30.0", "1E+2", "0.50")] == [
        "30",
        "30",
        "100",
        "0.5",
    ]


def test_values_page_opens_on_the_latest_year_that_counts(
    round_, people, district, client, as_reported
):
    as_reported("reconsideration.received", "reconsideration.correction_rate")
    """D22: the page opened on the newest year even when it held only draft figures."""
    ind = Indicator.objects.get(code="reconsideration.received")
    IndicatorValue.objects.create(
        indicator=ind, unit=district["gov"], year=2024, value=Decimal(40), source="reported"
    )
    sub = round_.submissions.get()
    services.save_values(sub, {"reconsideration.received": ("44", False, "")}, people["sfj_clerk"])
    assert Submission.objects.get(pk=sub.pk).state == Submission.State.DRAFT
    client.force_login(people["coordinator"])
    resp = client.get("/office/indicators/values/")
    assert resp.context["year"] == 2024
    # Asking for the draft year still shows it; nonsense falls back to the default.
    assert client.get("/office/indicators/values/?year=2025").context["year"] == 2025
    for junk in ("abc", "99999999999999999999", "-1", "²"):
        assert client.get(f"/office/indicators/values/?year={junk}").context["year"] == 2024


def test_values_page_without_counted_figures_shows_the_current_year(people, client):
    client.force_login(people["coordinator"])
    assert client.get("/office/indicators/values/").context["year"] == 2025  # today's year


def test_oversight_dates_are_bounded(people, district, client):
    client.force_login(people["coordinator"])
    resp = client.post(
        "/office/indicators/oversight/",
        {
            "unit": district["scjg"].pk,
            "source": "visit",
            "title": "案卷不规范",
            "finding": "缺少送达回证",
            "found_on": "2025-05-01",
            "rectify_by": "9999-12-31",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "日期应在2000年至2100年之间" in body
    assert "案卷不规范" in body and "缺少送达回证" in body
