"""What the portal shows of normative documents: the public library (in force by default;
filters by issuer, year and status; full-text search), each published document with its
文号, dates, status, history (amended by, repealed by, amends, repeals) and 备案 status, and
the published results of cleanup campaigns. Drafts never appear. Documents are public
records; nothing personal is in them (the drafters' accounts are not shown)."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.core.printing import source_address
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public

from . import search
from .models import (
    PUBLIC_STATUSES,
    SHOWN,
    Cleanup,
    DocumentRelation,
    NormativeDocument,
    Outcome,
    shown_q,
)

register_public(
    PublicSection(
        "行政规范性文件",
        "documents_public:list",
        "现行有效的行政规范性文件（统一登记、统一编号、统一印发），可按制定机关、年份、状态筛选和全文检索；"
        "附修改、废止情况和清理结果。",
        order=20,
    )
)

PER_PAGE = 20


def published() -> QuerySet:
    return NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES).select_related("issuer")


def library(
    *,
    q: str = "",
    status: str = "valid",
    issuer: int | None = None,
    year: int | None = None,
    today: dt.date | None = None,
) -> QuerySet:
    """The public library's query: published documents, filtered, newest first (a search:
    title hits first)."""
    today = today or timezone.localdate()
    qs = published().filter(shown_q(status if status in SHOWN else "valid", today))
    if issuer:
        qs = qs.filter(issuer_id=issuer)
    if year:
        qs = qs.filter(published_on__year=year)
    # A list shows no text: leaving the bodies out keeps a broad search's rows small (a
    # search's snippets read the bodies of one page only).
    return search.results(qs.defer("body", "explanation"), q, "-published_on", "-pk")


@register_latest
def latest(limit: int) -> list[Publication]:
    rows = published().filter(published_on__lte=timezone.localdate()).defer("body", "explanation")
    return [
        Publication(
            "规范性文件",
            f"{d.title}（{d.doc_number}）",
            d.published_on,
            reverse("documents_public:detail", args=[d.pk]),
        )
        for d in rows.order_by("-published_on", "-pk")[:limit]
    ]


def page_of(qs: QuerySet | search.Hits, number, per_page: int = PER_PAGE) -> Page:
    """One page of the library; a number past the last page (or past a search's cap) gives
    the last page. Without a search the total is counted with the page in one query (a
    window count); a search's hits are counted up to the cap (``search.Hits``)."""
    try:
        number = min(max(1, int(str(number))), 10**6)
    except (TypeError, ValueError):
        number = 1
    if isinstance(qs, search.Hits):
        return Paginator(qs, per_page).get_page(number)
    start = (number - 1) * per_page
    rows = list(qs.annotate(total_count=Window(Count("pk")))[start : start + per_page])
    if rows:
        total = rows[0].total_count
    else:
        total = 0 if number == 1 else qs.count()
    paginator = Paginator(qs, per_page)
    paginator.__dict__["count"] = total  # cached_property: no second COUNT query
    if not rows and number > paginator.num_pages:
        number = paginator.num_pages
        start = (number - 1) * per_page
        rows = list(qs[start : start + per_page])
    return Page(rows, number, paginator)


def _int(value) -> int | None:
    """A positive integer in the database's range typed into the query string, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text) or None


def _year(value) -> int | None:
    year = _int(value)
    return year if year is not None and 1900 <= year <= 2999 else None


def public_list(request):
    today = timezone.localdate()
    status = request.GET.get("status", "valid")
    if status not in SHOWN:
        status = "valid"
    q = request.GET.get("q", "").strip()[: search.MAX_QUERY]
    issuer, year = _int(request.GET.get("issuer")), _year(request.GET.get("year"))
    qs = library(q=q, status=status, issuer=issuer, year=year, today=today)
    page = page_of(qs, request.GET.get("page"))
    search.attach_snippets(page.object_list, q)
    params = request.GET.copy()
    params.pop("page", None)
    issuers = OrgUnit.objects.filter(
        pk__in=NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES).values("issuer_id")
    ).order_by("sort_order", "code")
    years = sorted({d.year for d in published().dates("published_on", "year")}, reverse=True)
    return render(
        request,
        "documents/public_list.html",
        {
            "page": page,
            "rows": [(d, d.shown_status(today)) for d in page],
            "query": f"{params.urlencode()}&" if params else "",
            "q": q,
            "status": status,
            "statuses": SHOWN.items(),
            "issuer": issuer,
            "issuers": issuers,
            "year": year,
            "years": years,
            "single": search.is_single(q),
            **search.cap_notice(page, request.GET.get("page")),
            "cleanups": Cleanup.objects.filter(state=Cleanup.State.PUBLISHED),
        },
    )


def _consultation_link(doc) -> dict | None:
    """The public consultation of the draft and its comment summary, if there was one."""
    from fazhi.consultation import interface

    c = interface.consultation_for(doc)
    if c is None:
        return None
    n = interface.comment_counts(doc)
    labels = {"total": "公开意见", "adopted": "采纳", "partly": "部分采纳", "not_adopted": "不采纳"}
    return {
        "url": reverse("consultation_public:detail", args=[c.pk]),
        "counts": {labels[k]: v for k, v in n.items() if k in labels},
        "title": str(c),
    }


def public_detail(request, pk: int):
    doc = published().select_related("unit").filter(pk=pk).first()
    if doc is None:
        raise Http404("文件不存在或尚未公布")
    today = timezone.localdate()
    rel = DocumentRelation.objects.select_related("source", "target")
    public = set(PUBLIC_STATUSES)

    def visible(r, side):
        return getattr(r, side).status in public

    incoming = [r for r in rel.filter(target=doc) if visible(r, "source")]
    outgoing = [r for r in rel.filter(source=doc) if visible(r, "target")]
    filing = getattr(doc, "filing", None)
    return render(
        request,
        "documents/public_detail.html",
        {
            "doc": doc,
            "shown": doc.shown_status(today),
            "amended_by": [r for r in incoming if r.kind == "amend"],
            "repealed_by": [r for r in incoming if r.kind == "repeal"],
            "amends": [r for r in outgoing if r.kind == "amend"],
            "repeals": [r for r in outgoing if r.kind == "repeal"],
            "filing": filing,
            "consultation": _consultation_link(doc)
            if doc.source == NormativeDocument.Source.CREATED
            else None,
        },
    )


def public_print(request, pk: int):
    """打印版: the document's title, 文号, issuer, publication date and source address, then
    its text; no navigation."""
    doc = published().select_related("issuer").filter(pk=pk).first()
    if doc is None:
        raise Http404("文件不存在或尚未公布")
    detail = reverse("documents_public:detail", args=[doc.pk])
    return render(
        request,
        "documents/public_print.html",
        {
            "doc": doc,
            "title": doc.title,
            "subtitle": doc.doc_number,
            "issuer": doc.issuer.name,
            "date": doc.published_on,
            "source": source_address(request, detail),
            "source_path": detail,
            "shown": doc.shown_status(timezone.localdate()),
        },
    )


def public_cleanup(request, pk: int):
    cleanup = (
        Cleanup.objects.filter(state=Cleanup.State.PUBLISHED, pk=pk)
        .annotate(n=Count("items"))
        .first()
    )
    if cleanup is None:
        raise Http404("清理结果不存在或尚未公布")
    items = cleanup.items.select_related("document", "document__issuer").order_by(
        "document__published_on", "pk"
    )
    lists = [(label, [i for i in items if i.outcome == code]) for code, label in Outcome.choices]
    return render(
        request,
        "documents/public_cleanup.html",
        {"cleanup": cleanup, "lists": [(label, rows) for label, rows in lists if rows]},
    )


app_name = "documents_public"
urlpatterns = [
    path("", public_list, name="list"),
    path("<int:pk>/", public_detail, name="detail"),
    path("<int:pk>/print/", public_print, name="print"),
    path("cleanups/<int:pk>/", public_cleanup, name="cleanup"),
]
