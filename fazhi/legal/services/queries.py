"""What pages and other modules ask of legality reviews: counts by subject kind, the
latest review of a record and its summary."""

from __future__ import annotations

from fazhi.core import events

from ..models import (
    LegalReview,
)

# --- figures by subject kind ------------------------------------------------------------


def counts_by_kind(queryset, year: int) -> list[dict]:
    """Reviews concluded in ``year`` by subject kind (规范性文件、重大行政决策、合同、重大执法
    决定、其他) and opinion, over ``queryset`` (already scoped to the reader): one grouped
    query. Rows in the order of ``LegalReview.Kind`` with a total row last."""
    from django.db.models import Count

    grouped = (
        queryset.filter(state=LegalReview.State.CONCLUDED, concluded_on__year=year)
        .order_by()
        .values("kind", "opinion")
        .annotate(n=Count("pk"))
    )
    table = {k: dict.fromkeys(LegalReview.Opinion.values, 0) for k in LegalReview.Kind.values}
    for row in grouped:
        if row["kind"] in table and row["opinion"] in table[row["kind"]]:
            table[row["kind"]][row["opinion"]] = row["n"]
    rows = []
    for kind, label in LegalReview.Kind.choices:
        n = table[kind]
        rows.append({"kind": kind, "label": label, **n, "total": sum(n.values())})
    total = {o: sum(r[o] for r in rows) for o in LegalReview.Opinion.values}
    rows.append({"kind": "", "label": "合计", **total, "total": sum(total.values())})
    return rows


# --- what other modules ask -------------------------------------------------------------


def latest_review(subject) -> LegalReview | None:
    subject_type, subject_id = events.record_ref(subject)
    return (
        LegalReview.objects.select_related("reviewer_unit", "deadline")
        .filter(subject_type=subject_type, subject_id=subject_id)
        .order_by("-submitted_on", "-pk")
        .first()
    )


def review_passed(subject) -> bool:
    review = latest_review(subject)
    return review is not None and review.passed


def summary_of(review: LegalReview | None) -> str:
    if review is None:
        return "未经合法性审查"
    who = review.reviewer_unit.display_name
    if review.state == LegalReview.State.CONCLUDED:
        return f"{review.concluded_on:%Y-%m-%d} 审查结论：{review.get_opinion_display()}（{who}）"
    if review.state == LegalReview.State.WITHDRAWN:
        return f"{review.submitted_on:%Y-%m-%d} 送{who}审查，已撤回"
    due = ""
    if review.deadline_id and review.deadline.due_date and review.state != "returned":
        due = f"，届满日{review.deadline.due_date:%Y-%m-%d}"
    return f"{review.submitted_on:%Y-%m-%d} 送{who}审查，{review.get_state_display()}{due}"


def review_summary(subject) -> str:
    return summary_of(latest_review(subject))
