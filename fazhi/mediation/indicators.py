"""矛盾纠纷调解 and 信访 figures computed from the records: one grouped query per figure for
all units, the government's unit carrying the district total (as every module does).

* mediation.disputes — disputes found (排查) in the year, by ``found_on``, for the unit
  responsible for the dispute.
* mediation.mediated — disputes accepted for mediation (受理调解) in the year.
* mediation.resolved — mediations concluded in the year with 调解成功.
* mediation.success_rate — 化解率: of the mediations concluded in the year, the share
  that succeeded, %. A dispute a party refused to have mediated (人民调解法 第十七条: 不得
  调解) was never mediated and is not in the base; 调解不成 is.
  The disputes figures are broken down by the kind of body (人民调解 / 行政调解) and by
  dispute type in their explanation (``breakdown``).
* mediation.judicial_confirmations — agreements the court confirmed (裁定确认有效) in the
  year (人民调解法 第三十三条).
* mediation.committees / mediation.mediators — 人民调解委员会 in operation at the end of
  the year and the members serving on them that day: the statistics the county 司法行政
  keeps (人民调解法 第十条), by the unit that hosts the committee.
* mediation.petitions — 信访事项 received (登记) in the year, by the registering unit.
* mediation.petition_on_time_rate — of the 申诉求决类 petitions concluded in the year (处理
  意见书 issued), the share concluded by the due day of their clock (60 days from
  acceptance, an approved extension of up to 30 days counted: 信访工作条例 第三十四条), %,
  by the unit that handled them.
* mediation.petition_reviews / mediation.petition_re_reviews — 复查 / 复核 requests received
  in the year (第三十五、三十六条), by the reviewing agency.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from fazhi.indicators.registry import (
    figure_records_url,
    government,
    pooled_rates,
    register,
    with_total,
)

from . import rules
from .models import BodyMember, Dispute, MediationBody, Petition, PetitionReview

BASE = "/office/mediation/"
DISPUTES = f"{BASE}disputes/"
PETITIONS = f"{BASE}petitions/"
BODIES = f"{BASE}bodies/"

SUCCESS = Dispute.Outcome.SUCCESS
FAILED = Dispute.Outcome.FAILED
REFUSED = Dispute.Outcome.REFUSED
CLAIM = Petition.Category.CLAIM


def _end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# --- the records each figure counts (code → fn(year) → queryset), for the lists' ?figure= --


def found(year: int):
    return Dispute.objects.filter(found_on__year=year)


def mediated(year: int):
    return Dispute.objects.filter(accepted_on__year=year)


def concluded(year: int):
    """Mediations concluded in the year, the refused ones (never mediated) left out."""
    return Dispute.objects.filter(concluded_on__year=year, outcome__in=(SUCCESS, FAILED))


def resolved(year: int):
    return Dispute.objects.filter(concluded_on__year=year, outcome=SUCCESS)


def confirmed(year: int):
    return Dispute.objects.filter(
        confirmed_on__year=year, confirmation_result=Dispute.ConfirmationResult.CONFIRMED
    )


def committees(year: int):
    """人民调解委员会 established by the end of the year and in operation."""
    end = _end(year)
    return MediationBody.objects.filter(kind__in=rules.COMMITTEE_KINDS, active=True).filter(
        Q(established_on__lte=end) | Q(established_on__isnull=True, created_at__date__lte=end)
    )


def mediators(year: int):
    """The members serving on those committees on 31 December."""
    end = _end(year)
    return BodyMember.objects.filter(body__in=committees(year), joined_on__lte=end).exclude(
        left_on__lte=end
    )


def petitions(year: int):
    return Petition.objects.filter(received_on__year=year)


def claims_concluded(year: int):
    return Petition.objects.filter(
        category=CLAIM, state=Petition.State.CONCLUDED, concluded_on__year=year
    )


def reviews(year: int, level: str):
    return PetitionReview.objects.filter(level=level, requested_on__year=year)


# The disputes each figure counts (code → fn(year) → queryset): the disputes list filters by
# them (?figure=CODE&year=Y&unit=U).
RECORDS = {
    "mediation.disputes": found,
    "mediation.mediated": mediated,
    "mediation.resolved": resolved,
    "mediation.success_rate": concluded,
    "mediation.judicial_confirmations": confirmed,
}
# The bodies and petitions the other figures count, for lists that filter by figure.
BODY_RECORDS = {"mediation.committees": committees, "mediation.mediators": committees}
PETITION_RECORDS = {
    "mediation.petitions": petitions,
    "mediation.petition_on_time_rate": claims_concluded,
    "mediation.petition_reviews": lambda y: Petition.objects.filter(
        pk__in=reviews(y, "review").values("petition_id")
    ),
    "mediation.petition_re_reviews": lambda y: Petition.objects.filter(
        pk__in=reviews(y, "re_review").values("petition_id")
    ),
}

# On time: concluded by the due day of the handling clock (its extension applied by core);
# a petition entered without a clock (from a ledger kept before the platform) by its flag.
ON_TIME = Q(deadline__isnull=False, concluded_on__lte=F("deadline__due_date")) | Q(
    deadline__isnull=True, late=False
)


def _url(code: str, base: str, unit_param: str = "unit"):
    return figure_records_url(code, base, unit_param)


def _list(base: str, **params):
    """A ``records_url`` for a list that filters by its own fields, not by figure (the
    bodies list by unit; the petitions list by category and state)."""

    def url(unit_id: int | None, year: int) -> str:
        gov = government()
        query = dict(params)
        if "unit" in query and (unit_id is None or (gov is not None and unit_id == gov.pk)):
            del query["unit"]
        elif "unit" in query:
            query["unit"] = unit_id
        return f"{base}?{urlencode(query)}" if query else base

    return url


def _count(qs, field: str = "unit_id"):
    return with_total(qs.values(field).annotate(n=Count("pk")).values_list(field, "n").order_by())


def _only(qs, unit_id: int | None, field: str = "unit_id"):
    return qs if unit_id is None else qs.filter(**{field: unit_id})


def _listing(counts: Counter, labels, top: int = 0) -> str:
    names = dict(labels)
    items = [(names.get(k, k), n) for k, n in counts.most_common() if n]
    more = top and len(items) > top
    items = items[:top] if top else items
    return "、".join(f"{name}{n}件" for name, n in items) + ("等" if more else "")


BROAD_LABELS = [("people", "人民调解"), ("administrative", "行政调解"), ("", "尚未受理调解")]


def breakdown(qs) -> dict[str, Counter]:
    """The disputes of ``qs`` by broad kind of the body that mediates them (人民调解 /
    行政调解; "" while not yet accepted) and by dispute type: one grouped query."""
    by_kind, by_type = Counter(), Counter()
    for kind, type_, n in (
        qs.values("body__kind", "type")
        .annotate(n=Count("pk"))
        .values_list("body__kind", "type", "n")
        .order_by()
    ):
        by_kind[rules.BROAD_KIND.get(kind, "") if kind else ""] += n
        by_type[type_] += n
    return {"kind": by_kind, "type": by_type}


def _explain_disputes(qs_of, what: str):
    def explain(year: int, unit_id: int | None) -> str:
        parts = breakdown(_only(qs_of(year), unit_id))
        if not parts["type"]:
            return ""
        return (
            f"按{what}计；按调解组织类型，{_listing(parts['kind'], BROAD_LABELS)}；"
            f"按纠纷类型，{_listing(parts['type'], rules.DISPUTE_TYPES, top=5)}"
        )

    return explain


def explain_success_rate(year: int, unit_id: int | None) -> str:
    qs = _only(Dispute.objects.filter(concluded_on__year=year), unit_id)
    n = Counter(dict(qs.values_list("outcome").annotate(n=Count("pk")).order_by()))
    if not (n[SUCCESS] + n[FAILED] + n[REFUSED]):
        return ""
    text = (
        f"{year}年调解终结{n[SUCCESS] + n[FAILED]}件，其中调解成功{n[SUCCESS]}件、"
        f"调解不成{n[FAILED]}件，化解率为调解成功件数占调解终结件数的比例"
    )
    if n[REFUSED]:
        text += (
            f"；另有{n[REFUSED]}件因当事人一方明确拒绝调解而未予调解"
            "（《人民调解法》第十七条），不计入化解率的基数"
        )
    return text


def explain_confirmations(year: int, unit_id: int | None) -> str:
    applied = _only(Dispute.objects.filter(confirmation_applied_on__year=year), unit_id).count()
    decided = _only(Dispute.objects.filter(confirmed_on__year=year), unit_id)
    ok = decided.filter(confirmation_result=Dispute.ConfirmationResult.CONFIRMED).count()
    rejected = decided.filter(confirmation_result=Dispute.ConfirmationResult.REJECTED).count()
    if not (applied or ok or rejected):
        return ""
    return (
        f"按人民法院裁定确认调解协议有效的日期计：{year}年当事人申请司法确认{applied}件，"
        f"法院裁定确认有效{ok}件、驳回申请{rejected}件（《人民调解法》第三十三条）"
    )


def explain_committees(year: int, unit_id: int | None) -> str:
    qs = _only(committees(year), unit_id)
    by_kind = Counter(dict(qs.values_list("kind").annotate(n=Count("pk")).order_by()))
    if not by_kind:
        return ""
    members = _only(mediators(year), unit_id, "body__unit_id")
    total = members.count()
    full_time = members.filter(full_time=True).count()
    women = members.filter(gender=BodyMember.Gender.FEMALE).count()
    kinds = "、".join(f"{rules.label(rules.BODY_KINDS, k)}{n}个" for k, n in by_kind.most_common())
    return (
        f"截至{year}年12月31日已成立且在运行的人民调解委员会：{kinds}；当日在任人民调解员"
        f"{total}人，其中专职{full_time}人、女性{women}人（《人民调解法》第十条）"
    )


def explain_petitions(year: int, unit_id: int | None) -> str:
    qs = _only(petitions(year), unit_id)
    by_cat = Counter(dict(qs.values_list("category").annotate(n=Count("pk")).order_by()))
    if not by_cat:
        return ""
    cats = "、".join(
        f"{rules.label(rules.PETITION_CATEGORIES, c)}{by_cat[c]}件"
        for c, _ in rules.PETITION_CATEGORIES
        if by_cat[c]
    )
    return f"按收到日期计，{year}年登记信访事项{sum(by_cat.values())}件：{cats}"


def explain_on_time(year: int, unit_id: int | None) -> str:
    qs = _only(
        claims_concluded(year).annotate(by=Coalesce("handling_unit_id", "unit_id")), unit_id, "by"
    )
    row = qs.aggregate(
        n=Count("pk"),
        ok=Count("pk", filter=ON_TIME),
        ext=Count("pk", filter=Q(extension_days__gt=0)),
    )
    if not row["n"]:
        return ""
    return (
        f"{year}年出具处理意见书的申诉求决类信访事项{row['n']}件，在办理期限内办结"
        f"{row['ok']}件；办理期限自受理之日起60日，经批准延长的（{row['ext']}件）以延长后的"
        "期限为准（《信访工作条例》第三十四条）"
    )


def _explain_reviews(level: str, name: str, article: str):
    def explain(year: int, unit_id: int | None) -> str:
        qs = _only(reviews(year, level), unit_id, "reviewing_unit_id")
        n = qs.count()
        if not n:
            return ""
        answered = qs.filter(answered_on__isnull=False).count()
        late = qs.filter(late=True).count()
        return (
            f"按收到{name}请求的日期计，{year}年收到{name}请求{n}件，已出具{name}意见{answered}件"
            + (f"，其中逾期{late}件" if late else "")
            + f"（《信访工作条例》{article}）"
        )

    return explain


# --- the figures -------------------------------------------------------------------------


@register(
    "mediation.disputes",
    records_url=_url("mediation.disputes", DISPUTES),
    explain=_explain_disputes(found, "排查发现日期"),
)
def disputes(year: int):
    return _count(found(year))


@register(
    "mediation.mediated",
    records_url=_url("mediation.mediated", DISPUTES),
    explain=_explain_disputes(mediated, "受理调解日期"),
)
def mediated_count(year: int):
    return _count(mediated(year))


@register(
    "mediation.resolved",
    records_url=_url("mediation.resolved", DISPUTES),
    explain=_explain_disputes(resolved, "调解成功的调解终结日期"),
)
def resolved_count(year: int):
    return _count(resolved(year))


@register(
    "mediation.success_rate",
    records_url=_url("mediation.success_rate", DISPUTES),
    explain=explain_success_rate,
)
def success_rate(year: int):
    rows = (
        concluded(year)
        .values("unit_id")
        .annotate(ok=Count("pk", filter=Q(outcome=SUCCESS)), n=Count("pk"))
        .values_list("unit_id", "ok", "n")
        .order_by()
    )
    return pooled_rates({u: (ok, n) for u, ok, n in rows})


@register(
    "mediation.judicial_confirmations",
    records_url=_url("mediation.judicial_confirmations", DISPUTES),
    explain=explain_confirmations,
)
def judicial_confirmations(year: int):
    return _count(confirmed(year))


@register(
    "mediation.committees",
    records_url=_list(BODIES, active=1, unit=True),
    explain=explain_committees,
)
def committee_count(year: int):
    return _count(committees(year))


@register(
    "mediation.mediators",
    records_url=_list(BODIES, active=1, unit=True),
    explain=explain_committees,
)
def mediator_count(year: int):
    return _count(mediators(year), "body__unit_id")


@register(
    "mediation.petitions",
    records_url=_list(PETITIONS),
    explain=explain_petitions,
)
def petition_count(year: int):
    return _count(petitions(year))


@register(
    "mediation.petition_on_time_rate",
    records_url=_list(PETITIONS, category=CLAIM, state=Petition.State.CONCLUDED),
    explain=explain_on_time,
)
def petition_on_time_rate(year: int):
    rows = (
        claims_concluded(year)
        .annotate(by=Coalesce("handling_unit_id", "unit_id"))
        .values("by")
        .annotate(ok=Count("pk", filter=ON_TIME), n=Count("pk"))
        .values_list("by", "ok", "n")
        .order_by()
    )
    return pooled_rates({u: (ok, n) for u, ok, n in rows})


@register(
    "mediation.petition_reviews",
    records_url=_list(PETITIONS),
    explain=_explain_reviews("review", "复查", "第三十五条"),
)
def petition_reviews(year: int):
    return _count(reviews(year, "review"), "reviewing_unit_id")


@register(
    "mediation.petition_re_reviews",
    records_url=_list(PETITIONS),
    explain=_explain_reviews("re_review", "复核", "第三十六条"),
)
def petition_re_reviews(year: int):
    return _count(reviews(year, "re_review"), "reviewing_unit_id")
