"""Figures enforcement computes from its records: one grouped query per figure for all
units, the government's unit carrying the district total (as every module does).

Counting rules (what the annual report, the assessment and the national disclosure
template need):

* enforcement.exam_participants / exam_passed — candidates who sat / passed the 行政执法
  资格考试 in the year, by the unit that entered them.
* enforcement.certificates_issued — certificates issued or renewed in the year (发证日期).
* enforcement.delegated_powers — powers held by townships under delegation at the end of
  the year (not withdrawn by 31 December), by receiving township.
* enforcement.trainings — training sessions held in the year.
* enforcement.cases_filed — cases filed (立案/受理) in the year, both procedures.
* enforcement.decisions, .license_decisions, .penalty_decisions, .coercion_decisions,
  .inspection_records — decisions made in the year (决定日期), all kinds and by kind; the
  national disclosure template's 行政许可、行政处罚、行政强制 "本年处理决定数量".
* enforcement.penalty_amount — fines and confiscations decided in the year, 万元.
* enforcement.first_violation_exempt / no_penalty — 首违不罚 and 不予处罚 decisions.
* enforcement.major_review_rate — major decisions made in the year that passed 法制审核
  first, % of major decisions made (行政处罚法 第58条).
* enforcement.publication_on_time_rate — of the year's decisions due for publication
  whose period has ended or that were published, the share published (or lawfully
  withheld) by the due date, %.
* enforcement.decided_in_time_rate — ordinary-procedure decisions of the year made by
  the clock's due date (extensions included), %.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from fazhi.core import memo
from fazhi.indicators.registry import figure_records_url, government, register

from .models import Case, Delegation, ExamResult, Officer, Training

BASE = "/office/enforcement/"
CASES = f"{BASE}cases/"


def _u(unit_id) -> str:
    """The unit narrowing of a records link (none for the district's figure)."""
    gov = government()
    return "" if unit_id is None or (gov is not None and unit_id == gov.pk) else f"&unit={unit_id}"


def _with_total(rows) -> dict[int, Decimal]:
    out = {unit_id: Decimal(n) for unit_id, n in rows if n}
    gov = government()
    if gov is not None:
        out[gov.pk] = sum((n for u, n in out.items() if u != gov.pk), Decimal(0)) + out.get(
            gov.pk, Decimal(0)
        )
    return out


def _rate(pairs) -> dict[int, Decimal]:
    """{unit: (numerator, denominator)} → {unit: %} with the district's own rate (pooled,
    not an average of rates). Units with nothing to count are left out."""
    out, num, den = {}, 0, 0
    gov = government()
    for unit_id, (n, d) in pairs.items():
        if not d:
            continue
        num, den = num + n, den + d
        out[unit_id] = (Decimal(100) * n / d).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if gov is not None and den:
        out[gov.pk] = (Decimal(100) * num / den).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return out


def _count(qs, unit_field: str = "unit_id"):
    return qs.values(unit_field).annotate(n=Count("pk")).values_list(unit_field, "n")


# The records each figure counts (code → fn(year) → queryset), for the lists' ?figure= link.
def decided(year):
    return Case.objects.filter(decided_on__year=year)


RECORDS = {
    "enforcement.cases_filed": lambda y: Case.objects.filter(filed_on__year=y),
    "enforcement.decisions": decided,
    "enforcement.license_decisions": lambda y: decided(y).filter(kind="license"),
    "enforcement.penalty_decisions": lambda y: decided(y).filter(kind="penalty"),
    "enforcement.coercion_decisions": lambda y: decided(y).filter(kind="coercion"),
    "enforcement.inspection_records": lambda y: decided(y).filter(kind="inspection"),
    "enforcement.penalty_amount": lambda y: decided(y).filter(
        Q(fine__gt=0) | Q(confiscation__gt=0)
    ),
    "enforcement.first_violation_exempt": lambda y: decided(y).filter(
        outcome="first_violation_exempt"
    ),
    "enforcement.no_penalty": lambda y: decided(y).filter(outcome="no_penalty"),
    "enforcement.major_review_rate": lambda y: decided(y).filter(major=True),
    "enforcement.publication_on_time_rate": lambda y: decided(y).filter(
        publish_due_on__isnull=False
    ),
    "enforcement.decided_in_time_rate": lambda y: decided(y).filter(decided_in_time__isnull=False),
}


def _cases_url(code):
    return figure_records_url(code, CASES, "unit")


@register(
    "enforcement.exam_participants",
    records_url=lambda unit_id, year: f"{BASE}exams/?year={year}" + _u(unit_id),
)
def exam_participants(year: int):
    return _with_total(_count(ExamResult.objects.filter(sat_on__year=year)))


@register(
    "enforcement.exam_passed",
    records_url=lambda unit_id, year: f"{BASE}exams/?year={year}&passed=1" + _u(unit_id),
)
def exam_passed(year: int):
    return _with_total(_count(ExamResult.objects.filter(sat_on__year=year, passed=True)))


@register(
    "enforcement.certificates_issued",
    records_url=lambda unit_id, year: f"{BASE}certificates/?year={year}" + _u(unit_id),
)
def certificates_issued(year: int):
    return _with_total(_count(Officer.objects.filter(issued_on__year=year)))


@register(
    "enforcement.delegated_powers",
    records_url=lambda unit_id, year: f"{BASE}delegations/?year={year}" + _u(unit_id),
)
def delegated_powers(year: int):
    import datetime as dt

    end = dt.date(year, 12, 31)
    rows = (
        Delegation.objects.filter(delegated_on__lte=end)
        .exclude(withdrawn_on__lte=end)
        .values("to_agency__unit_id")
        .annotate(n=Count("power_id", distinct=True))
        .values_list("to_agency__unit_id", "n")
    )
    return _with_total(rows)


def explain_trainings(year: int, unit_id: int | None) -> str:
    """The year's training sessions, in their own titles, with their hours."""
    qs = Training.objects.filter(held_on__year=year)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs.order_by("held_on").values_list("topic", "hours"))
    if not rows:
        return ""
    return f"{year}年举办的执法培训：" + "、".join(f"“{t}”（{h:g}学时）" for t, h in rows)


@register(
    "enforcement.trainings",
    explain=explain_trainings,
    records_url=lambda unit_id, year: f"{BASE}trainings/?year={year}" + _u(unit_id),
)
def trainings(year: int):
    return _with_total(_count(Training.objects.filter(held_on__year=year)))


# --- the case figures: two grouped queries for all of them -------------------------------
#
# Every case figure of a year comes from two grouped passes over the cases table: those
# decided in the year, grouped by unit and kind (the per-kind counts are the groups, the
# rest filtered counts), and those filed in it, counted per unit (an index-only scan of
# (unit, filed_on)). What they need of the publication and the clock is kept on the case
# by the services, so no join. The result is kept for the year until the next change
# anywhere on the platform (the full-process record's head moves with every change): a
# report that asks for the figures one by one reads the cases table twice, not once per
# figure. At 2,000,000 cases this costs 1.7—1.9 one grouped COUNT on PostgreSQL, where one
# scan of the decided-or-filed cases with a filtered count per figure cost 2.2—2.8
# (bench/README.md).

NAMES = (
    "cases_filed",
    "decisions",
    "license_decisions",
    "penalty_decisions",
    "coercion_decisions",
    "inspection_records",
    "first_violation_exempt",
    "no_penalty",
    "major",
    "major_reviewed",
    "pub_due",
    "pub_on_time",
    "timed",
    "in_time",
)
BY_KIND = {
    "license": "license_decisions",
    "penalty": "penalty_decisions",
    "coercion": "coercion_decisions",
    "inspection": "inspection_records",
}
SUMMED = (
    "first_violation_exempt",
    "no_penalty",
    "major",
    "major_reviewed",
    "pub_due",
    "pub_on_time",
    "timed",
    "in_time",
)


def case_figures(year: int) -> dict[int, dict]:
    """{unit_id: {name: value}} for the year, from the cases decided or filed in it (no
    join; see ``_case_figures``). Kept until the next change or the next day (publication
    figures depend on the day as well; core/memo.py)."""
    return memo.remember(("enforcement.case_figures", year), lambda: _case_figures(year))


def _case_figures(year: int) -> dict[int, dict]:
    today = timezone.localdate()
    pub_due = Q(publish_due_on__isnull=False) & (
        Q(publish_due_on__lt=today) | Q(published_on_time__isnull=False)
    )
    decided = (
        Case.objects.filter(decided_on__year=year)
        .values("unit_id", "kind")
        .annotate(
            n=Count("pk"),
            n_amount=Sum(F("fine") + F("confiscation")),
            n_first_violation_exempt=Count("pk", filter=Q(outcome="first_violation_exempt")),
            n_no_penalty=Count("pk", filter=Q(outcome="no_penalty")),
            n_major=Count("pk", filter=Q(major=True)),
            n_major_reviewed=Count("pk", filter=Q(major=True, reviewed_on__isnull=False)),
            n_pub_due=Count("pk", filter=pub_due),
            n_pub_on_time=Count("pk", filter=pub_due & Q(published_on_time=True)),
            n_timed=Count("pk", filter=Q(decided_in_time__isnull=False)),
            n_in_time=Count("pk", filter=Q(decided_in_time=True)),
        )
        .order_by()
    )
    empty = dict.fromkeys(NAMES, 0) | {"amount": None}
    rows: dict[int, dict] = {}
    for r in decided:
        row = rows.setdefault(r["unit_id"], dict(empty))
        row["decisions"] += r["n"]
        if r["kind"] in BY_KIND:
            row[BY_KIND[r["kind"]]] += r["n"]
        for name in SUMMED:
            row[name] += r[f"n_{name}"]
        if r["n_amount"] is not None:
            row["amount"] = (row["amount"] or 0) + r["n_amount"]
    # COUNT(*), not COUNT(id): the (unit, filed_on) index answers it without the table.
    filed = (
        Case.objects.filter(filed_on__year=year)
        .values("unit_id")
        .annotate(n=Count("*"))
        .values_list("unit_id", "n")
        .order_by()
    )
    for unit_id, n in filed:
        rows.setdefault(unit_id, dict(empty))["cases_filed"] = n
    return rows


def _register_count(code: str):
    name = code.removeprefix("enforcement.")

    def compute(year: int):
        return _with_total((u, r[name]) for u, r in case_figures(year).items())

    register(code, records_url=_cases_url(code))(compute)


for _code in (
    "enforcement.cases_filed",
    "enforcement.decisions",
    "enforcement.license_decisions",
    "enforcement.penalty_decisions",
    "enforcement.coercion_decisions",
    "enforcement.inspection_records",
    "enforcement.first_violation_exempt",
    "enforcement.no_penalty",
):
    _register_count(_code)


@register("enforcement.penalty_amount", records_url=_cases_url("enforcement.penalty_amount"))
def penalty_amount(year: int):
    out = _with_total((u, r["amount"]) for u, r in case_figures(year).items())
    return {
        u: (v / Decimal(10000)).quantize(Decimal("0.01"), ROUND_HALF_UP) for u, v in out.items()
    }


@register("enforcement.major_review_rate", records_url=_cases_url("enforcement.major_review_rate"))
def major_review_rate(year: int):
    return _rate({u: (r["major_reviewed"], r["major"]) for u, r in case_figures(year).items()})


@register(
    "enforcement.publication_on_time_rate",
    records_url=_cases_url("enforcement.publication_on_time_rate"),
)
def publication_on_time_rate(year: int):
    return _rate({u: (r["pub_on_time"], r["pub_due"]) for u, r in case_figures(year).items()})


@register(
    "enforcement.decided_in_time_rate",
    records_url=_cases_url("enforcement.decided_in_time_rate"),
)
def decided_in_time_rate(year: int):
    return _rate({u: (r["in_time"], r["timed"]) for u, r in case_figures(year).items()})
