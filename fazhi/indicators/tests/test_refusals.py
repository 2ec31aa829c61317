"""Every refusal of the indicator services, each with nothing moved afterwards: the record as
it was, no figure stored, no event in the full-process record, no deadline touched.

A small district (conftest personas); 司法局 reports the two reconsideration figures in
the 2025 round (due 2026-01-20). "Today" is frozen at 2026-01-12."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.tests.refusal import freeze, refused
from fazhi.indicators import services
from fazhi.indicators.models import (
    AssessmentItem,
    AssessmentScheme,
    AssessmentScore,
    Indicator,
    IndicatorValue,
    Oversight,
    ReportingRound,
    Submission,
)

TODAY = dt.date(2026, 1, 12)
CODES = ["reconsideration.received", "reconsideration.correction_rate"]
GOOD = {
    "reconsideration.received": ("56", False, ""),
    "reconsideration.correction_rate": ("12.5", False, ""),
}


@pytest.fixture
def round_(people, district, monkeypatch):
    freeze(monkeypatch, TODAY)
    Indicator.objects.filter(code__in=CODES).update(reporting_unit=district["sfj"])
    return services.open_round(
        year=2025,
        name="2025年度填报",
        due=dt.date(2026, 1, 20),
        codes=CODES,
        actor=people["coordinator"],
    )


@pytest.fixture
def sub(round_):
    return round_.submissions.get()


def _submitted(sub, people):
    services.save_values(sub, GOOD, people["sfj_clerk"])
    return services.submit(sub, people["sfj_clerk"])


@pytest.fixture
def finding(people, district, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 6, 2))
    return services.create_finding(
        unit=district["scjg"],
        source="visit",
        title="案卷不规范",
        finding="两卷缺少送达回证",
        found_on=dt.date(2025, 5, 30),
        rectify_by=dt.date(2025, 7, 1),
        actor=people["coordinator"],
    )


# --- the coordinator's own acts ----------------------------------------------------------


def test_only_the_coordinator_opens_locks_registers_signs_off_and_scores(
    round_, finding, people, district
):
    clerk = people["sfj_clerk"]
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    item = AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    score = AssessmentScore.objects.create(item=item, unit=district["sfj"], computed=Decimal(10))
    cases = [
        (
            "开启填报",
            lambda: services.open_round(
                year=2025, name="补充填报", due=dt.date(2026, 2, 1), codes=CODES, actor=clerk
            ),
        ),
        ("锁定填报", lambda: services.lock_round(round_, clerk)),
        (
            "登记督察问题",
            lambda: services.create_finding(
                unit=district["sfj"],
                source="visit",
                title="x",
                finding="y",
                found_on=dt.date(2025, 6, 1),
                rectify_by=dt.date(2025, 7, 1),
                actor=clerk,
            ),
        ),
        ("对整改情况销号", lambda: services.sign_off(finding, accept=True, actor=clerk)),
        ("计算考核得分", lambda: services.compute_scores(scheme, clerk)),
        (
            "调整考核得分",
            lambda: services.adjust_score(score, points=Decimal(5), reason="核减", actor=clerk),
        ),
    ]
    for what, call in cases:
        with refused(PermissionDenied, f"只有统筹协调人员可以{what}", round_, finding, score):
            call()
    assert ReportingRound.objects.count() == 1 and Oversight.objects.count() == 1


# --- reporting rounds --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, codes, message",
    [
        ("  ", CODES, "请填写填报轮次名称"),
        ("补充填报", [], "请至少选择一项指标"),
        ("补充填报", ["no.such_code"], "请至少选择一项指标"),
    ],
)
def test_open_round_refused(round_, people, name, codes, message):
    with refused(ValidationError, message, round_):
        services.open_round(
            year=2025, name=name, due=dt.date(2026, 2, 1), codes=codes, actor=people["coordinator"]
        )
    assert ReportingRound.objects.count() == 1


def test_round_with_an_undesignated_figure_refused(round_, people):
    Indicator.objects.filter(code="reconsideration.concluded").update(reporting_unit=None)
    name = Indicator.objects.get(code="reconsideration.concluded").name
    with refused(ValidationError, f"以下指标尚未指定填报单位：{name}", round_):
        services.open_round(
            year=2025,
            name="补充填报",
            due=dt.date(2026, 2, 1),
            codes=[*CODES, "reconsideration.concluded"],
            actor=people["coordinator"],
        )
    assert ReportingRound.objects.count() == 1


@pytest.mark.parametrize(
    "code, raw, message",
    [
        ("reconsideration.received", "五十六", "“{name}”应填数字，实际为“五十六”"),
        ("reconsideration.received", "NaN", "“{name}”应填数字，实际为“NaN”"),
        (
            "reconsideration.received",
            "123456789012345",
            "“{name}”数值过大：整数部分最多14位，请核对后重新填写",
        ),
        ("reconsideration.received", "-3", "“{name}”不能为负数"),
        ("reconsideration.correction_rate", "100.5", "“{name}”是百分比，不能超过100"),
        ("reconsideration.correction_rate", "12.34567", "“{name}”最多保留4位小数"),
        ("reconsideration.received", "56.5", "“{name}”应为整数（计量单位：件）"),
    ],
)
def test_bad_figure_refused_and_nothing_stored(sub, people, code, raw, message):
    """All or nothing: the good figure typed beside the bad one is not stored either."""
    name = Indicator.objects.get(code=code).name
    raw_values = dict(GOOD) | {code: (raw, False, "")}
    with refused(ValidationError, message.format(name=name), sub):
        services.save_values(sub, raw_values, people["sfj_clerk"])
    assert not IndicatorValue.objects.exists()


def test_figure_outside_the_units_range_refused(sub, people):
    with refused(ValidationError, "指标litigation.cases不在本单位的填报范围内", sub):
        services.save_values(
            sub, GOOD | {"litigation.cases": ("3", False, "")}, people["sfj_clerk"]
        )
    assert not IndicatorValue.objects.exists()


def test_another_units_clerk_may_not_fill_or_submit(sub, people):
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        with refused(PermissionDenied, "只能填报本单位的指标", sub):
            services.save_values(sub, GOOD, people[who])
    services.save_values(sub, GOOD, people["sfj_clerk"])
    stored = sorted(IndicatorValue.objects.values_list("value", flat=True))
    with refused(PermissionDenied, "只能提交本单位的填报", sub):
        services.submit(sub, people["scjg_clerk"])
    assert sorted(IndicatorValue.objects.values_list("value", flat=True)) == stored


def test_submitted_or_accepted_figures_cannot_be_changed(sub, people):
    _submitted(sub, people)
    sub.refresh_from_db()
    changed = GOOD | {"reconsideration.received": ("60", False, "")}
    msg = "已提交的填报不能修改；如需修改请联系统筹协调人员退回"
    with refused(ValidationError, msg, sub):
        services.save_values(sub, changed, people["sfj_clerk"])
    with refused(ValidationError, "该填报已提交", sub):
        services.submit(sub, people["sfj_clerk"])
    services.review(sub, accept=True, actor=people["coordinator"])
    sub.refresh_from_db()
    with refused(ValidationError, msg, sub):
        services.save_values(sub, changed, people["sfj_clerk"])
    with refused(ValidationError, "该填报已提交", sub):
        services.submit(sub, people["sfj_clerk"])
    assert IndicatorValue.objects.get(indicator__code="reconsideration.received").value == 56


def test_figures_of_a_locked_round_cannot_be_changed(sub, people):
    """Locking is only possible once every submission is accepted; a submission left in draft
    in a locked round (data from before the check) is still refused."""
    Submission.objects.filter(pk=sub.pk).update(state=Submission.State.DRAFT)
    ReportingRound.objects.filter(pk=sub.round_id).update(state=ReportingRound.State.LOCKED)
    sub.refresh_from_db()
    with refused(ValidationError, "该填报轮次已锁定", sub):
        services.save_values(sub, GOOD, people["sfj_clerk"])
    assert not IndicatorValue.objects.exists()


def test_submission_with_a_missing_figure_refused(sub, people):
    services.save_values(sub, {"reconsideration.received": ("56", False, "")}, people["sfj_clerk"])
    name = Indicator.objects.get(code="reconsideration.correction_rate").name
    with refused(ValidationError, f"尚有1项指标未填：{name}", sub):
        services.submit(sub, people["sfj_clerk"])
    assert Submission.objects.get(pk=sub.pk).state == Submission.State.DRAFT


def test_review_rights_state_and_reason(sub, people):
    with refused(ValidationError, "只能审核已提交的填报", sub):
        services.review(sub, accept=True, actor=people["coordinator"])
    _submitted(sub, people)
    sub.refresh_from_db()
    for who in ("sfj_clerk", "scjg_reviewer"):
        with refused(PermissionDenied, "只有统筹协调人员可以审核填报", sub):
            services.review(sub, accept=True, actor=people[who])
    with refused(ValidationError, "退回时须说明理由", sub):
        services.review(sub, accept=False, reason=" ", actor=people["coordinator"])
    services.review(sub, accept=True, actor=people["coordinator"])
    sub.refresh_from_db()
    with refused(ValidationError, "只能审核已提交的填报", sub):
        services.review(sub, accept=False, reason="再核", actor=people["coordinator"])


def test_round_with_unaccepted_submissions_cannot_be_locked(round_, sub, people, district):
    """Figures count once locked (rules.md: a round is locked after review), so every unit's
    submission must be accepted first: a draft, a submitted and a returned one each block."""
    Indicator.objects.filter(code="litigation.cases").update(reporting_unit=district["scjg"])
    other = services.open_round(
        year=2025,
        name="许可填报",
        due=dt.date(2026, 1, 20),
        codes=[*CODES, "litigation.cases"],
        actor=people["coordinator"],
    )
    with refused(ValidationError, "还有2个单位的填报未审核通过，不能锁定", other):
        services.lock_round(other, people["coordinator"])
    with refused(ValidationError, "还有1个单位的填报未审核通过，不能锁定", round_):
        services.lock_round(round_, people["coordinator"])  # draft
    _submitted(sub, people)
    with refused(ValidationError, "还有1个单位的填报未审核通过，不能锁定", round_):
        services.lock_round(round_, people["coordinator"])  # submitted
    services.review(sub, accept=False, reason="请核对", actor=people["coordinator"])
    with refused(ValidationError, "还有1个单位的填报未审核通过，不能锁定", round_):
        services.lock_round(round_, people["coordinator"])  # returned
    assert ReportingRound.objects.get(pk=round_.pk).state == ReportingRound.State.OPEN


# --- oversight ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, text, found, due, message",
    [
        ("  ", "两卷缺少送达回证", (5, 30), (7, 1), "请填写问题和具体情况"),
        ("案卷不规范", "", (5, 30), (7, 1), "请填写问题和具体情况"),
        ("案卷不规范", "两卷缺少送达回证", (5, 30), (5, 29), "整改期限不能早于发现日期"),
    ],
)
def test_finding_refused(finding, people, district, title, text, found, due, message):
    with refused(ValidationError, message, finding):
        services.create_finding(
            unit=district["sfj"],
            source="visit",
            title=title,
            finding=text,
            found_on=dt.date(2025, *found),
            rectify_by=dt.date(2025, *due),
            actor=people["coordinator"],
        )
    assert Oversight.objects.count() == 1


def test_rectification_refusals(finding, people):
    for who in ("sfj_clerk", "town_clerk"):
        with refused(PermissionDenied, "只能报送本单位的整改情况", finding):
            services.report_rectification(finding, report="已整改", actor=people[who])
    with refused(ValidationError, "请填写整改情况", finding):
        services.report_rectification(finding, report=" \n", actor=people["scjg_clerk"])
    with refused(ValidationError, "只能对已报整改情况的问题销号或退回", finding):
        services.sign_off(finding, accept=True, actor=people["coordinator"])
    services.report_rectification(
        finding, report="已补齐送达回证", actor=people["scjg_clerk"], on=dt.date(2025, 6, 20)
    )
    finding.refresh_from_db()
    with refused(ValidationError, "该问题不在待整改状态", finding):
        services.report_rectification(finding, report="再报", actor=people["scjg_clerk"])
    msg = "退回整改须说明理由并给出新的整改期限"
    with refused(ValidationError, msg, finding):
        services.sign_off(finding, accept=False, reason="不到位", actor=people["coordinator"])
    with refused(ValidationError, msg, finding):
        services.sign_off(
            finding,
            accept=False,
            reason=" ",
            new_due=dt.date(2025, 8, 1),
            actor=people["coordinator"],
        )
    services.sign_off(finding, accept=True, actor=people["coordinator"])
    finding.refresh_from_db()
    with refused(ValidationError, "只能对已报整改情况的问题销号或退回", finding):
        services.sign_off(finding, accept=True, actor=people["coordinator"])
    assert Oversight.objects.get(pk=finding.pk).state == Oversight.State.CLOSED


# --- assessment --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "points, reason, message",
    [
        (Decimal("NaN"), "核减", "调整后得分应为数字"),
        (Decimal(-1), "核减", "调整后得分应在0至10之间"),
        (Decimal("10.5"), "加分", "调整后得分应在0至10之间"),
        (Decimal(8), "  ", "调整得分须说明理由"),
    ],
)
def test_adjust_score_refused(people, district, points, reason, message):
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    item = AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    score = AssessmentScore.objects.create(item=item, unit=district["sfj"], computed=Decimal(10))
    with refused(ValidationError, message, score):
        services.adjust_score(score, points=points, reason=reason, actor=people["coordinator"])
