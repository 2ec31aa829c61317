"""Indicator state changes: the catalogue, reporting rounds and submissions, oversight
findings and rectification, assessment scoring and adjustment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.numbers import fmt_value

from . import registry
from .catalog import CATALOG
from .models import (
    AssessmentItem,
    AssessmentScheme,
    AssessmentScore,
    Indicator,
    IndicatorValue,
    Oversight,
    ReportingRound,
    Submission,
)

SUBMISSION_CLOCK = "indicators.submission"
RECTIFICATION_CLOCK = "indicators.rectification"


def ensure_catalog() -> None:
    """Create or refresh the canonical indicators (codes never change)."""
    for order, (code, name, unit, area, direction, phrase) in enumerate(CATALOG):
        Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name, unit=unit, area=area, direction=direction, phrase=phrase, order=order
            ),
        )


def _coordinator(actor, what: str) -> None:
    if actor is not None and not access.is_global(actor, "change"):
        raise PermissionDenied(f"只有统筹协调人员可以{what}")


# --- reporting rounds -------------------------------------------------------------------


@transaction.atomic
def open_round(*, year: int, name: str, due: dt.date, codes: list[str], actor) -> ReportingRound:
    """Open a round; each unit designated to report one of its figures gets a deadline."""
    _coordinator(actor, "开启填报")
    if not name.strip():
        raise ValidationError("请填写填报轮次名称")
    indicators = list(Indicator.objects.filter(code__in=codes))
    if not indicators:
        raise ValidationError("请至少选择一项指标")
    missing = [i.name for i in indicators if i.reporting_unit_id is None]
    if missing:
        raise ValidationError(f"以下指标尚未指定填报单位：{'、'.join(missing[:10])}")
    rnd = ReportingRound.objects.create(year=year, name=name.strip(), due=due)
    rnd.indicators.set(indicators)
    for unit in OrgUnit.objects.filter(pk__in={i.reporting_unit_id for i in indicators}):
        sub = Submission.objects.create(round=rnd, unit=unit)
        core.start_deadline(
            record=sub,
            clock=SUBMISSION_CLOCK,
            start=due,
            unit=unit,
            title=f"{rnd.name}：{unit.display_name}",
            url=f"/office/indicators/submissions/{sub.pk}/",
            actor=actor,
        )
    events.append(
        action="round_open",
        record=rnd,
        actor=actor,
        unit=registry.government(),
        summary=f"开启填报“{rnd.name}”，{len(indicators)}项指标，{due:%Y-%m-%d}截止",
        after={"codes": sorted(i.code for i in indicators)},
    )
    return rnd


def submission_indicators(sub: Submission):
    return sub.round.indicators.filter(reporting_unit=sub.unit)


def submission_values(sub: Submission) -> dict[str, str]:
    """{indicator name: value as shown} of a submission's figures (what its form shows)."""
    inds = list(submission_indicators(sub))
    stored = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            unit=registry.government(),
            year=sub.round.year,
            source=IndicatorValue.Source.REPORTED,
            indicator__in=inds,
        )
    }
    out = {}
    for ind in inds:
        v = stored.get(ind.pk)
        text = ""
        if v is not None:
            text = fmt_value(v.value) + ("（约数）" if v.approximate else "")
            text += f"，说明：{v.note}" if v.note else ""
        out[ind.name] = text
    return out


# What IndicatorValue.value can hold: 18 digits, 4 of them decimals.
_VALUE_FIELD = IndicatorValue._meta.get_field("value")
MAX_INTEGER_DIGITS = _VALUE_FIELD.max_digits - _VALUE_FIELD.decimal_places


def _parse_value(ind: Indicator, raw: str) -> Decimal | None:
    raw = (raw or "").strip().replace(",", "").replace("，", "")
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    # NaN, sNaN and Infinity parse as Decimals but are not figures.
    if value is None or not value.is_finite():
        raise ValidationError(f"“{ind.name}”应填数字，实际为“{raw[:30]}”")
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise ValidationError(
            f"“{ind.name}”数值过大：整数部分最多{MAX_INTEGER_DIGITS}位，请核对后重新填写"
        )
    if value < 0:
        raise ValidationError(f"“{ind.name}”不能为负数")
    if ind.is_rate and value > 100:
        raise ValidationError(f"“{ind.name}”是百分比，不能超过100")
    if value.normalize().as_tuple().exponent < -_VALUE_FIELD.decimal_places:
        raise ValidationError(f"“{ind.name}”最多保留{_VALUE_FIELD.decimal_places}位小数")
    if not ind.is_rate and value != value.to_integral_value():
        raise ValidationError(f"“{ind.name}”应为整数（计量单位：{ind.unit}）")
    return value


@transaction.atomic
def save_values(
    sub: Submission, raw: dict[str, tuple[str, bool, str]], actor, version=None
) -> Submission:
    """Save a unit's figures (code → (value text, approximate, note)); all or nothing.
    ``version``: what the edit form was opened at (``locking.claim``)."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    locking.claim(sub, version, bump=False)
    if not access.can(actor, "change", sub.unit):
        raise PermissionDenied("只能填报本单位的指标")
    if sub.state in (Submission.State.SUBMITTED, Submission.State.ACCEPTED):
        raise ValidationError("已提交的填报不能修改；如需修改请联系统筹协调人员退回")
    if sub.round.state == ReportingRound.State.LOCKED:
        raise ValidationError("该填报轮次已锁定")
    gov = registry.government()
    errors, changes = [], {}
    inds = {i.code: i for i in submission_indicators(sub)}
    for code, (text, approx, note) in raw.items():
        ind = inds.get(code)
        if ind is None:
            errors.append(f"指标{code}不在本单位的填报范围内")
            continue
        try:
            changes[code] = (_parse_value(ind, text), approx, note.strip()[:300])
        except ValidationError as e:
            errors.extend(e.messages)
    if errors:
        raise ValidationError(errors)
    before, after = {}, {}
    for code, (value, approx, note) in changes.items():
        ind = inds[code]
        existing = IndicatorValue.objects.filter(
            indicator=ind, unit=gov, year=sub.round.year, source=IndicatorValue.Source.REPORTED
        ).first()
        old = fmt_value(existing.value) if existing else None
        if value is None:
            if existing:
                existing.delete()
                before[code], after[code] = old, None
            continue
        if (
            existing
            and existing.value == value
            and existing.approximate == approx
            and existing.note == note
        ):
            continue
        IndicatorValue.objects.update_or_create(
            indicator=ind,
            unit=gov,
            year=sub.round.year,
            source=IndicatorValue.Source.REPORTED,
            defaults={
                "value": value,
                "approximate": approx,
                "note": note,
                "submission": sub,
                "updated_at": timezone.now(),
            },
        )
        before[code], after[code] = old, fmt_value(value)
    if after or before:
        locking.claim(sub, None)
        events.append(
            action="values_save",
            record=sub,
            actor=actor,
            unit=sub.unit,
            summary=f"填报{len(after)}项指标",
            before=before,
            after=after,
        )
    return sub


@transaction.atomic
def submit(sub: Submission, actor, files=(), when=None) -> Submission:
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    if not access.can(actor, "change", sub.unit):
        raise PermissionDenied("只能提交本单位的填报")
    if sub.state not in (Submission.State.DRAFT, Submission.State.RETURNED):
        raise ValidationError("该填报已提交")
    inds = list(submission_indicators(sub))
    have = set(sub.values.values_list("indicator_id", flat=True))
    missing = [i.name for i in inds if i.pk not in have]
    if missing:
        raise ValidationError(f"尚有{len(missing)}项指标未填：{'、'.join(missing[:8])}")
    sub.state = Submission.State.SUBMITTED
    # ``when``: the moment it was submitted, for records entered after the fact (the demo).
    sub.submitted_at = when or timezone.now()
    sub.save()
    for d in Deadline.objects.filter(
        record_type="indicators.submission", record_id=str(sub.pk), state=Deadline.State.RUNNING
    ):
        core.complete_deadline(d, on=timezone.localdate(sub.submitted_at), actor=actor)
    hashes = [
        core.attach(sub, f, actor=actor, unit=sub.unit, description="佐证材料").sha256
        for f in files
    ]
    events.append(
        action="submission_submit",
        record=sub,
        actor=actor,
        unit=sub.unit,
        summary=f"提交“{sub.round.name}”的数据",
        attachments=hashes,
    )
    return sub


@transaction.atomic
def review(sub: Submission, *, accept: bool, reason: str = "", actor, when=None) -> Submission:
    """The coordinator accepts (the figures then count) or returns with a reason."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    if not access.is_global(actor, "review"):
        raise PermissionDenied("只有统筹协调人员可以审核填报")
    if sub.state != Submission.State.SUBMITTED:
        raise ValidationError("只能审核已提交的填报")
    if not accept and not reason.strip():
        raise ValidationError("退回时须说明理由")
    sub.state = Submission.State.ACCEPTED if accept else Submission.State.RETURNED
    sub.return_reason = "" if accept else reason.strip()[:300]
    sub.reviewed_at, sub.reviewed_by = when or timezone.now(), actor
    sub.save()
    events.append(
        action="submission_accept" if accept else "submission_return",
        record=sub,
        actor=actor,
        unit=sub.unit,
        summary="审核通过" if accept else f"退回：{sub.return_reason}",
    )
    return sub


@transaction.atomic
def lock_round(rnd: ReportingRound, actor) -> ReportingRound:
    _coordinator(actor, "锁定填报")
    pending = rnd.submissions.exclude(state=Submission.State.ACCEPTED).count()
    if pending:
        raise ValidationError(f"还有{pending}个单位的填报未审核通过，不能锁定")
    rnd.state = ReportingRound.State.LOCKED
    rnd.save(update_fields=["state"])
    events.append(
        action="round_lock",
        record=rnd,
        actor=actor,
        unit=registry.government(),
        summary=f"锁定填报“{rnd.name}”",
    )
    return rnd


# --- oversight --------------------------------------------------------------------------


@transaction.atomic
def create_finding(
    *,
    unit: OrgUnit,
    source: str,
    title: str,
    finding: str,
    found_on: dt.date,
    rectify_by: dt.date,
    actor,
) -> Oversight:
    _coordinator(actor, "登记督察问题")
    if not title.strip() or not finding.strip():
        raise ValidationError("请填写问题和具体情况")
    if rectify_by < found_on:
        raise ValidationError("整改期限不能早于发现日期")
    ov = Oversight.objects.create(
        unit=unit,
        source=source,
        title=title.strip()[:200],
        finding=finding.strip(),
        found_on=found_on,
        rectify_by=rectify_by,
        created_by=actor,
    )
    core.start_deadline(
        record=ov,
        clock=RECTIFICATION_CLOCK,
        start=rectify_by,
        unit=unit,
        title=f"督察整改：{ov.title}",
        url=f"/office/indicators/oversight/{ov.pk}/",
        actor=actor,
    )
    events.append(
        action="oversight_create",
        record=ov,
        actor=actor,
        unit=unit,
        summary=f"登记督察问题“{ov.title}”，{rectify_by:%Y-%m-%d}前整改",
    )
    return ov


@transaction.atomic
def report_rectification(
    ov: Oversight, *, report: str, actor, files=(), on: dt.date | None = None
) -> Oversight:
    ov = Oversight.objects.select_for_update().get(pk=ov.pk)
    if not access.can(actor, "change", ov.unit):
        raise PermissionDenied("只能报送本单位的整改情况")
    if ov.state != Oversight.State.OPEN:
        raise ValidationError("该问题不在待整改状态")
    if not report.strip():
        raise ValidationError("请填写整改情况")
    ov.report, ov.state, ov.reported_at = report.strip(), Oversight.State.REPORTED, timezone.now()
    ov.save()
    for d in Deadline.objects.filter(
        record_type="indicators.oversight", record_id=str(ov.pk), state=Deadline.State.RUNNING
    ):
        core.complete_deadline(d, on=on or timezone.localdate(), actor=actor)
    hashes = [
        core.attach(ov, f, actor=actor, unit=ov.unit, description="整改佐证").sha256 for f in files
    ]
    events.append(
        action="oversight_report",
        record=ov,
        actor=actor,
        unit=ov.unit,
        summary="报送整改情况",
        after={"report": ov.report},
        attachments=hashes,
    )
    return ov


@transaction.atomic
def sign_off(
    ov: Oversight, *, accept: bool, reason: str = "", new_due: dt.date | None = None, actor
) -> Oversight:
    """The coordinator closes (销号) a rectified finding, or sends it back with a new date."""
    ov = Oversight.objects.select_for_update().get(pk=ov.pk)
    _coordinator(actor, "对整改情况销号")
    if ov.state != Oversight.State.REPORTED:
        raise ValidationError("只能对已报整改情况的问题销号或退回")
    if accept:
        ov.state, ov.closed_at, ov.closed_by = Oversight.State.CLOSED, timezone.now(), actor
        ov.save()
        events.append(
            action="oversight_close", record=ov, actor=actor, unit=ov.unit, summary="整改到位，销号"
        )
        return ov
    if not reason.strip() or new_due is None:
        raise ValidationError("退回整改须说明理由并给出新的整改期限")
    ov.state, ov.rectify_by = Oversight.State.OPEN, new_due
    ov.save()
    core.start_deadline(
        record=ov,
        clock=RECTIFICATION_CLOCK,
        start=new_due,
        unit=ov.unit,
        title=f"督察整改（退回）：{ov.title}",
        url=f"/office/indicators/oversight/{ov.pk}/",
        actor=actor,
    )
    events.append(
        action="oversight_return",
        record=ov,
        actor=actor,
        unit=ov.unit,
        summary=f"整改不到位，退回：{reason.strip()}；新期限{new_due:%Y-%m-%d}",
    )
    return ov


# --- assessment -------------------------------------------------------------------------


def assessed_units():
    return OrgUnit.objects.filter(
        active=True, kind__in=[OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP]
    )


def _ratio(num: int, den: int) -> Decimal | None:
    return None if den == 0 else Decimal(num) / Decimal(den)


@transaction.atomic
def compute_scores(scheme: AssessmentScheme, actor) -> int:
    """Score every department and township on every item; manual items and adjustments
    are kept. Plan progress comes through ``registry.progress_stats`` (the plans app
    provides it), never from the plans app's models."""
    _coordinator(actor, "计算考核得分")
    year = scheme.year
    units = list(assessed_units())
    values = registry.counted_values(year)
    prog = registry.progress_stats(year)
    today = timezone.localdate()
    overdue = set(
        Oversight.objects.filter(state=Oversight.State.OPEN, rectify_by__lt=today).values_list(
            "unit_id", flat=True
        )
    )
    n = 0
    for item in scheme.items.all():
        for unit in units:
            score, basis = _score(item, unit, values, prog, overdue)
            if score is None:
                continue
            AssessmentScore.objects.update_or_create(
                item=item, unit=unit, defaults={"computed": score, "basis": basis[:300]}
            )
            n += 1
    locking.claim(scheme, None)
    events.append(
        action="assessment_compute",
        record=scheme,
        actor=actor,
        unit=registry.government(),
        summary=f"计算{scheme.name}得分（{n}项）",
    )
    return n


def _score(item, unit, values, prog, overdue):
    pts = item.points
    rule = AssessmentItem.Rule
    if item.rule == rule.MANUAL:
        return Decimal(0), "人工评分项：由统筹协调人员根据佐证材料评分"
    if item.rule in (rule.RATE_AT_LEAST, rule.AT_LEAST):
        v = values.get((item.indicator.code, unit.pk)) if item.indicator else None
        if v is None:
            return Decimal(0), "未报送该指标，不得分"
        thr = item.threshold or Decimal(0)
        if thr == 0 or v.value >= thr:
            return (
                pts,
                f"{item.indicator.name}为{fmt_value(v.value)}{item.indicator.unit}，达到{fmt_value(thr)}",
            )
        got = (pts * v.value / thr).quantize(Decimal("0.01"))
        return (
            got,
            f"{item.indicator.name}为{fmt_value(v.value)}{item.indicator.unit}，未达{fmt_value(thr)}，按比例得分",
        )
    if item.rule in (rule.PROGRESS_ON_TIME, rule.PROGRESS_ACCEPTED):
        exp, on_time, accepted = prog.get(unit.pk, (0, 0, 0))
        if exp == 0:
            return pts, "本年度无计划任务，不扣分"
        good = on_time if item.rule == rule.PROGRESS_ON_TIME else accepted
        share = _ratio(good, exp) or Decimal(0)
        word = "按期报送" if item.rule == rule.PROGRESS_ON_TIME else "审核通过"
        return (pts * min(share, Decimal(1))).quantize(
            Decimal("0.01")
        ), f"应报送{exp}次，{word}{good}次"
    if item.rule == rule.NO_OPEN_RECTIFICATION:
        if unit.pk in overdue:
            return Decimal(0), "有逾期未整改的督察问题"
        return pts, "督察问题均按期整改或无督察问题"
    return None, ""


@transaction.atomic
def add_assessment_item(scheme: AssessmentScheme, item: AssessmentItem, *, actor) -> AssessmentItem:
    """Add a scoring item to a scheme; the item and its event commit together."""
    _coordinator(actor, "维护考核")
    if item.rule in ("rate_at_least", "at_least") and not item.indicator:
        raise ValidationError("按指标计分的考核内容须选择指标")
    item.scheme = scheme
    item.save()
    events.append(
        action="assessment_item",
        record=scheme,
        actor=actor,
        unit=registry.government(),
        summary=f"新增考核内容“{item.name}”",
        after={"item": item.pk, "name": item.name, "points": item.points, "rule": item.rule},
    )
    return item


@transaction.atomic
def adjust_score(
    score: AssessmentScore, *, points: Decimal | None, reason: str, actor, version=None
):
    """``version``: the scheme's version the adjustment form was opened at: it lists every
    score, so another adjustment or a recomputation since then refuses this one."""
    _coordinator(actor, "调整考核得分")
    locking.claim(score.item.scheme, version)
    if points is not None and not points.is_finite():
        raise ValidationError("调整后得分应为数字")
    if points is not None and (points < 0 or points > score.item.points):
        raise ValidationError(f"调整后得分应在0至{fmt_value(score.item.points)}之间")
    if not reason.strip():
        raise ValidationError("调整得分须说明理由")
    before = {"adjusted": score.adjusted, "reason": score.reason}
    score.adjusted, score.reason, score.adjusted_by = points, reason.strip()[:300], actor
    score.save()
    events.append(
        action="score_adjust",
        record=score.item.scheme,
        actor=actor,
        unit=score.unit,
        summary=f"{score.unit.name}“{score.item.name}”得分调整为"
        f"{fmt_value(points) if points is not None else '计算值'}：{reason.strip()}",
        before=before,
        after={"adjusted": points, "reason": score.reason},
    )
    return score


def ranking(scheme: AssessmentScheme) -> list[dict]:
    """Units ranked by total (final) score, with their per-item scores."""
    items = list(scheme.items.all())
    by_unit: dict[int, dict] = {}
    for s in AssessmentScore.objects.filter(item__scheme=scheme).select_related("unit", "item"):
        row = by_unit.setdefault(s.unit_id, {"unit": s.unit, "scores": {}, "total": Decimal(0)})
        row["scores"][s.item_id] = s
        row["total"] += s.final
    rows = sorted(by_unit.values(), key=lambda r: (-r["total"], r["unit"].sort_order))
    rank = 0
    last = None
    for i, r in enumerate(rows, start=1):
        if r["total"] != last:
            rank, last = i, r["total"]
        r["rank"] = rank
        r["cells"] = [r["scores"].get(it.pk) for it in items]
    return rows
