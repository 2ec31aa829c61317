"""案卷评查: scoring sheets, review campaigns with a repeatable random draw, scoring and the
results per agency.

There is no national scoring standard (rules.md): the sheet is data the coordinator edits,
and the platform default follows the common provincial practice (100 points, 80 to pass).
The draw takes, per agency, closed cases decided in the campaign's period; the seed and the
candidate case ids (with their SHA-256) are stored, so the same seed on the same snapshot
draws the same files and anyone can check it (``verify_draw``). Once a file is scored the
draw stands: drawing again would discard reviewers' work and let files be chosen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q

from fazhi.core import access

from ..models import (
    Agency,
    Case,
    CaseFileReview,
    ItemScore,
    ReviewCampaign,
    ScoringItem,
    ScoringSheet,
)
from .common import past, record, required

# Platform default (no national standard; common provincial 行政执法案卷评查标准 practice):
# (item, points, what the reviewer checks).
DEFAULT_ITEMS = (
    ("执法主体", 10, "执法主体合法，执法人员具有执法资格，未超越职权"),
    ("事实与证据", 25, "违法事实清楚，证据确凿、充分，证据收集合法"),
    ("法律适用", 15, "适用法律、法规、规章正确，引用条款具体准确"),
    ("执法程序", 25, "立案、调查、告知、听证、法制审核、集体讨论、决定、送达等程序合法、及时"),
    ("裁量与处理", 10, "行使裁量权符合裁量基准，处理结果适当"),
    ("文书与案卷", 15, "文书制作规范，案卷材料齐全，归档装订规范"),
)
DEFAULT_PASS_MARK = 80


def _coordinator(actor) -> None:
    """Sheets and campaigns are the 司法局's supervision work (行政执法监督): coordinators
    (and admins); None is the system itself (demo, import)."""
    if actor is not None and not access.is_global(actor, "change"):
        raise PermissionDenied("只有司法行政部门（统筹协调）可以组织案卷评查")


def _decimal(value, label: str) -> Decimal:
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}应为数字") from None
    if not d.is_finite():
        raise ValidationError(f"{label}应为数字")
    return d


# --- scoring sheets -------------------------------------------------------------------------


def _check_items(items) -> list[tuple[str, Decimal, str]]:
    out = []
    seen = set()
    for n, row in enumerate(items, start=1):
        title, weight, guidance = [*row, "", "", ""][:3]
        title = required(title, f"第{n}项的评查项目名称", 200)
        if title in seen:
            raise ValidationError(f"评查项目“{title}”重复")
        seen.add(title)
        weight = _decimal(weight, f"“{title}”的分值")
        if weight <= 0 or weight > 1000:
            raise ValidationError(f"“{title}”的分值应大于0且不超过1000")
        out.append((title, weight, (guidance or "").strip()[:500]))
    if not out:
        raise ValidationError("评分表至少应有一个评查项目")
    return out


@transaction.atomic
def save_sheet(
    *, name: str, pass_mark, items, actor, unit=None, sheet: ScoringSheet | None = None
) -> ScoringSheet:
    """Create or change a sheet: items (title, points, guidance) and the pass mark, which
    cannot exceed the total. A sheet already used to score a file is not changed (the scores
    would no longer add up): make a new one."""
    _coordinator(actor)
    name = required(name, "评分表名称", 200)
    items = _check_items(items)
    total = sum(w for _, w, _ in items)
    mark = _decimal(pass_mark, "合格分数线")
    if mark <= 0 or mark > total:
        raise ValidationError(f"合格分数线应大于0且不超过总分{total}")
    if sheet is None:
        if unit is None:
            unit = actor.unit if actor is not None else None
        if unit is None:
            raise ValidationError("请选择制定单位")
        sheet = ScoringSheet.objects.create(unit=unit, name=name, pass_mark=mark)
        before = None
        action, verb = "enforcement_sheet_create", "制定"
    else:
        sheet = ScoringSheet.objects.select_for_update().get(pk=sheet.pk)
        if CaseFileReview.objects.filter(campaign__sheet=sheet, scored_on__isnull=False).exists():
            raise ValidationError("该评分表已用于评分，不能修改；如需调整请另建评分表")
        before = sheet_snapshot(sheet)
        sheet.name, sheet.pass_mark = name, mark
        sheet.save(update_fields=["name", "pass_mark"])
        sheet.items.all().delete()
        action, verb = "enforcement_sheet_change", "修改"
    ScoringItem.objects.bulk_create(
        ScoringItem(sheet=sheet, order=i, title=t, weight=w, guidance=g)
        for i, (t, w, g) in enumerate(items, start=1)
    )
    record(
        sheet,
        action,
        actor,
        sheet.unit,
        f"{verb}案卷评查评分表“{name}”：{len(items)}项，总分{total}，合格线{mark}",
        before=before,
        after=sheet_snapshot(sheet),
    )
    return sheet


def sheet_snapshot(sheet: ScoringSheet) -> dict:
    return {
        "name": sheet.name,
        "pass_mark": str(sheet.pass_mark),
        "items": [[i.title, str(i.weight)] for i in sheet.items.all()],
    }


def default_sheet(*, unit, actor=None) -> ScoringSheet:
    """The platform default sheet (100 points, pass at 80), created once."""
    sheet = ScoringSheet.objects.filter(
        unit=unit, name="行政执法案卷评查评分表（平台默认）"
    ).first()
    if sheet is not None:
        return sheet
    return save_sheet(
        name="行政执法案卷评查评分表（平台默认）",
        pass_mark=DEFAULT_PASS_MARK,
        items=DEFAULT_ITEMS,
        unit=unit,
        actor=actor,
    )


# --- campaigns and the draw -----------------------------------------------------------------


@transaction.atomic
def create_campaign(
    *,
    year: int,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    agencies,
    sheet: ScoringSheet,
    actor,
    per_agency: int | None = None,
    ratio=None,
    unit=None,
) -> ReviewCampaign:
    """A campaign: agencies, the period whose decided and closed cases are drawn, and how
    many files per agency — a number, or a ratio (%) of each agency's closed cases, rounded
    up so that an agency with any closed case has at least one file drawn."""
    _coordinator(actor)
    if not year or not 2000 <= int(year) <= 2100:
        raise ValidationError("请填写评查年度")
    if period_start is None or period_end is None:
        raise ValidationError("请填写抽取案卷的决定日期范围")
    if period_end < period_start:
        raise ValidationError("决定日期范围的结束日期不能早于开始日期")
    agencies = list(agencies)
    if not agencies:
        raise ValidationError("请选择被评查的执法主体")
    if (per_agency in (None, "")) == (ratio in (None, "")):
        raise ValidationError("请填写每个主体抽取的案卷数或抽取比例（二者填其一）")
    if per_agency not in (None, ""):
        per_agency = int(per_agency)
        if not 1 <= per_agency <= 1000:
            raise ValidationError("每个主体抽取的案卷数应在1至1000之间")
        ratio = None
    else:
        ratio = _decimal(ratio, "抽取比例")
        if not 0 < ratio <= 100:
            raise ValidationError("抽取比例应大于0且不超过100")
        per_agency = None
    if not sheet.items.exists():
        raise ValidationError("所选评分表没有评查项目")
    if unit is None:
        unit = actor.unit if actor is not None else None
    if unit is None:
        raise ValidationError("请选择组织单位")
    campaign = ReviewCampaign.objects.create(
        unit=unit,
        year=int(year),
        title=required(title, "评查活动名称", 200),
        period_start=period_start,
        period_end=period_end,
        sheet=sheet,
        per_agency=per_agency,
        ratio=ratio,
        created_by=actor,
    )
    campaign.agencies.set(agencies)
    how = f"每个主体抽取{per_agency}卷" if per_agency else f"按{ratio}%比例抽取"
    record(
        campaign,
        "enforcement_campaign_create",
        actor,
        unit,
        f"组织案卷评查“{campaign.title}”：{len(agencies)}个执法主体，"
        f"{period_start:%Y-%m-%d}至{period_end:%Y-%m-%d}作出决定并已结案的案卷，{how}",
    )
    return campaign


def candidates(campaign: ReviewCampaign) -> dict[str, list[int]]:
    """The snapshot the draw is made from: per agency (id as text), the ids of its closed
    cases decided in the period, ascending."""
    agency_ids = sorted(campaign.agencies.values_list("pk", flat=True))
    out: dict[str, list[int]] = {str(a): [] for a in agency_ids}
    rows = (
        Case.objects.filter(
            agency_id__in=agency_ids,
            stage=Case.Stage.CLOSED,
            decided_on__range=(campaign.period_start, campaign.period_end),
        )
        .order_by("agency_id", "pk")
        .values_list("agency_id", "pk")
    )
    for agency_id, pk in rows:
        out[str(agency_id)].append(pk)
    return out


def snapshot_hash(snapshot: dict[str, list[int]]) -> str:
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def how_many(campaign: ReviewCampaign, available: int) -> int:
    if campaign.per_agency:
        return min(campaign.per_agency, available)
    return min(available, math.ceil(available * campaign.ratio / 100))


def draw_from(campaign: ReviewCampaign, snapshot: dict[str, list[int]], seed: str):
    """The draw itself, a pure function of (seed, snapshot, how many): per agency, a random
    generator seeded with "seed:agency id" samples from the ascending candidate ids."""
    drawn: dict[str, list[int]] = {}
    for agency_id in sorted(snapshot, key=int):
        ids = sorted(snapshot[agency_id])
        rng = random.Random(f"{seed}:{agency_id}")
        drawn[agency_id] = sorted(rng.sample(ids, how_many(campaign, len(ids))))
    return drawn


def drawn_files(campaign: ReviewCampaign) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {str(a): [] for a in campaign.candidates}
    for agency_id, case_id in campaign.files.order_by("case_id").values_list(
        "agency_id", "case_id"
    ):
        out.setdefault(str(agency_id), []).append(case_id)
    return out


@transaction.atomic
def draw(campaign: ReviewCampaign, *, on: dt.date, actor, seed: str = "") -> ReviewCampaign:
    """Draw the files (again, before any is scored). A seed left blank is generated; both
    the seed and the candidates snapshot are stored and written to the record."""
    campaign = ReviewCampaign.objects.select_for_update().get(pk=campaign.pk)
    _coordinator(actor)
    if campaign.state == ReviewCampaign.State.CLOSED:
        raise ValidationError("评查活动已结束，不能再抽取")
    if campaign.files.filter(scored_on__isnull=False).exists():
        raise ValidationError("已有案卷完成评分，不能重新抽取")
    seed = (seed or "").strip() or secrets.token_hex(8)
    if len(seed) > 64:
        raise ValidationError("随机种子不能超过64个字符")
    on = past(on, "抽取日期")
    snapshot = candidates(campaign)
    result = draw_from(campaign, snapshot, seed)
    before = None
    if campaign.state == ReviewCampaign.State.DRAWN:
        before = {"seed": campaign.seed, "files": drawn_files(campaign)}
        campaign.files.all().delete()
    agencies = {a.pk: a for a in campaign.agencies.all()}
    cases = Case.objects.in_bulk([pk for ids in result.values() for pk in ids])
    CaseFileReview.objects.bulk_create(
        CaseFileReview(
            campaign=campaign,
            unit_id=agencies[int(agency_id)].unit_id,
            agency=agencies[int(agency_id)],
            case=cases[pk],
        )
        for agency_id, ids in result.items()
        for pk in ids
    )
    campaign.seed = seed
    campaign.candidates = snapshot
    campaign.candidates_hash = snapshot_hash(snapshot)
    campaign.drawn_on = on
    campaign.state = ReviewCampaign.State.DRAWN
    campaign.save(update_fields=["seed", "candidates", "candidates_hash", "drawn_on", "state"])
    total = sum(len(v) for v in result.values())
    pool = sum(len(v) for v in snapshot.values())
    record(
        campaign,
        "enforcement_campaign_draw",
        actor,
        campaign.unit,
        f"{'重新' if before else ''}随机抽取案卷{total}卷（候选{pool}卷），随机种子“{seed}”，"
        f"候选案卷摘要SHA-256 {campaign.candidates_hash[:16]}…",
        before=before,
        after={"seed": seed, "hash": campaign.candidates_hash, "files": result},
    )
    return campaign


def verify_draw(campaign: ReviewCampaign) -> tuple[bool, str]:
    """Repeat the recorded draw: the stored snapshot must still hash to the stored digest,
    and the stored seed on it must give exactly the files drawn."""
    if campaign.state == ReviewCampaign.State.DRAFT:
        return False, "尚未抽取案卷"
    if snapshot_hash(campaign.candidates) != campaign.candidates_hash:
        return False, "候选案卷清单与记录的摘要不一致"
    again = draw_from(campaign, campaign.candidates, campaign.seed)
    if again != drawn_files(campaign):
        return False, "按记录的随机种子重新抽取，结果与已抽取的案卷不一致"
    return True, "按记录的随机种子和候选案卷清单重新抽取，结果与已抽取的案卷一致"


@transaction.atomic
def close_campaign(campaign: ReviewCampaign, *, on: dt.date, actor) -> ReviewCampaign:
    campaign = ReviewCampaign.objects.select_for_update().get(pk=campaign.pk)
    _coordinator(actor)
    if campaign.state != ReviewCampaign.State.DRAWN:
        raise ValidationError("只有已抽取案卷的评查活动才能结束")
    left = campaign.files.filter(scored_on__isnull=True).count()
    if left:
        raise ValidationError(f"还有{left}卷案卷未评分，不能结束评查活动")
    campaign.state = ReviewCampaign.State.CLOSED
    campaign.closed_on = past(on, "结束日期")
    campaign.save(update_fields=["state", "closed_on"])
    record(campaign, "enforcement_campaign_close", actor, campaign.unit, "评查活动结束")
    return campaign


# --- scoring --------------------------------------------------------------------------------


@transaction.atomic
def score_file(
    review: CaseFileReview, *, scores: dict, on: dt.date, actor, comment: str = ""
) -> CaseFileReview:
    """Score a drawn file item by item: ``scores`` maps each item id of the campaign's sheet
    to (points, comment). Every item is scored, between 0 and its points; an item scored
    below its points says why. Total = the sum; passed = total ≥ the sheet's pass mark.
    Scoring is the campaign's unit's work, never the reviewed agency's."""
    review = CaseFileReview.objects.select_for_update().select_related("campaign").get(pk=review.pk)
    campaign = review.campaign
    _coordinator(actor)
    if campaign.state != ReviewCampaign.State.DRAWN:
        raise ValidationError("评查活动不在评分阶段")
    items = list(campaign.sheet.items.all())
    missing = [i.title for i in items if i.pk not in scores]
    if missing:
        raise ValidationError(f"以下评查项目尚未评分：{'、'.join(missing)}")
    known = {i.pk for i in items}
    if set(scores) - known:
        raise ValidationError("评分项目不属于本次评查的评分表")
    rows = []
    for item in items:
        points, why = scores[item.pk]
        if points in (None, ""):
            raise ValidationError(f"请填写“{item.title}”的得分")
        points = _decimal(points, f"“{item.title}”的得分")
        if not 0 <= points <= item.weight:
            raise ValidationError(f"“{item.title}”的得分应在0至{item.weight}之间")
        why = (why or "").strip()
        if points < item.weight and not why:
            raise ValidationError(f"“{item.title}”扣分的，请写明扣分理由")
        rows.append(ItemScore(review=review, item=item, score=points, comment=why[:500]))
    on = past(on, "评查日期")
    if campaign.drawn_on and on < campaign.drawn_on:
        raise ValidationError("评查日期不能早于抽取日期")
    before = {"total": str(review.total), "passed": review.passed} if review.scored_on else None
    review.scores.all().delete()
    ItemScore.objects.bulk_create(rows)
    review.total = sum(r.score for r in rows)
    review.passed = review.total >= campaign.sheet.pass_mark
    review.comment = (comment or "").strip()
    review.scored_on = on
    review.reviewer = actor
    review.save(update_fields=["total", "passed", "comment", "scored_on", "reviewer"])
    record(
        review,
        "enforcement_casefile_score",
        actor,
        review.unit,
        f"{'重新' if before else ''}评查案卷{review.case.number}：得分{review.total}，"
        f"{'合格' if review.passed else '不合格'}（合格线{campaign.sheet.pass_mark}）",
        before=before,
        after={"total": str(review.total), "passed": review.passed},
    )
    return review


def results(files) -> list[dict]:
    """Per agency (one grouped query over the given files): drawn, scored, passed, the pass
    rate of the scored files (%, one decimal) and the average score."""
    rows = (
        files.order_by()
        .values("agency_id", "agency__name")
        .annotate(
            drawn=Count("pk"),
            scored=Count("pk", filter=Q(scored_on__isnull=False)),
            passed_n=Count("pk", filter=Q(passed=True)),
            average=Avg("total"),
        )
        .order_by("agency__name")
    )
    out = []
    for r in rows:
        rate = (
            (Decimal(r["passed_n"]) * 100 / r["scored"]).quantize(Decimal("0.1"))
            if r["scored"]
            else None
        )
        avg = Decimal(str(r["average"])).quantize(Decimal("0.1")) if r["average"] else None
        out.append(
            {
                "agency_id": r["agency_id"],
                "agency": r["agency__name"],
                "drawn": r["drawn"],
                "scored": r["scored"],
                "passed": r["passed_n"],
                "rate": rate,
                "average": avg,
            }
        )
    return out


def agencies_of(campaign: ReviewCampaign) -> list[Agency]:
    return list(campaign.agencies.order_by("name"))
