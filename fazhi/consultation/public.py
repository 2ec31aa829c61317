"""What the portal shows of consultations: those open now, those ended, and those with
their summary published; a consultation's draft, explanation and period, the comment box,
published comments and the summary. Everything a member of the public typed is masked
through ``core.masking`` before it reaches a template."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode

from fazhi.core.masking import mask_text
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public
from fazhi.core.throttle import client_ip

from . import services
from .forms import CommentForm
from .models import Comment, Consultation

register_public(
    PublicSection(
        "公开征求意见",
        "consultation_public:list",
        "重大行政决策草案、行政规范性文件草案等向社会公开征求意见，"
        "公布对每条意见的采纳情况及理由。",
        order=20,
    )
)

COMMENTS_PER_PAGE = 30


@dataclass(frozen=True)
class PublicComment:
    """A published comment as the public may see it (already masked). The commenter's name
    and phone are never part of it: the comment form promises they are used only by the
    drafting unit to reach the commenter, and never published."""

    number: int
    submitted_at: object
    body: str
    response: str
    response_label: str
    response_reason: str


def public_comment(c: Comment) -> PublicComment:
    return PublicComment(
        number=c.number,
        submitted_at=c.submitted_at,
        body=mask_text(c.published_text),
        response=c.response,
        response_label=c.get_response_display() if c.response else "",
        response_reason=mask_text(c.response_reason),
    )


def visible(today):
    """Consultations the public may see: published, and their opening date reached."""
    return (
        Consultation.objects.exclude(state=Consultation.State.DRAFT)
        .filter(opens_on__lte=today)
        .select_related("unit")
    )


@register_latest
def latest(limit: int) -> list[Publication]:
    """Consultations by the day they opened to the public."""
    return [
        Publication(
            "征求意见",
            c.title,
            c.opens_on,
            reverse("consultation_public:detail", args=[c.pk]),
        )
        for c in visible(timezone.localdate()).order_by("-opens_on", "-pk")[:limit]
    ]


def public_list(request):
    today = timezone.localdate()
    qs = visible(today)
    open_now = qs.filter(state=Consultation.State.OPEN, closes_on__gte=today).order_by(
        "closes_on", "pk"
    )
    ended = qs.filter(
        Q(state=Consultation.State.CLOSED) | Q(state=Consultation.State.OPEN, closes_on__lt=today)
    ).order_by("-closes_on", "-pk")
    done = Paginator(
        qs.filter(state=Consultation.State.SUMMARIZED).order_by("-summary_published_on", "-pk"),
        20,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/public_list.html",
        {
            "today": today,
            "open_now": [(c, c.days_left(today)) for c in open_now],
            "ended": ended,
            "page": done,
        },
    )


def _receipt_shown(c: Consultation, request) -> str:
    """The 回执编号 after a submission (the redirect carries it), if it is one of this
    consultation's comments; else empty (the page says nothing about a submission)."""
    receipt = request.GET.get("sent", "")[:30] if request.method == "GET" else ""
    if receipt and c.comments.filter(receipt=receipt).exists():
        return receipt
    return ""


def public_detail(request, pk: int):
    today = timezone.localdate()
    c = visible(today).filter(pk=pk).first()
    if c is None:
        raise Http404("征求意见不存在或尚未公开")
    accepting = c.accepting_on(today)
    # A form posted after the period ended still comes back with what was typed and the
    # service's reason for refusing it.
    form = CommentForm(request.POST or None) if accepting or request.method == "POST" else None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comment = services.submit_comment(
                    c,
                    body=form.cleaned_data["body"],
                    name=form.cleaned_data["name"],
                    phone=form.cleaned_data["phone"],
                    client_address=client_ip(request),
                )
            except services.RateLimited as e:
                form.add_error(None, e)
                status = 429
            except ValidationError as e:
                form.add_error(None, e)
                status = 400
            else:
                url = reverse("consultation_public:detail", args=[c.pk])
                return redirect(f"{url}?{urlencode({'sent': comment.receipt})}#comment-form")
        else:
            status = 400
    comments = (
        c.comments.filter(moderation=Comment.Moderation.PUBLISHED)
        .only(
            "number",
            "submitted_at",
            "body",
            "public_body",
            "response",
            "response_reason",
        )
        .order_by("number")
    )
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    summarized = c.state == Consultation.State.SUMMARIZED
    return render(
        request,
        "consultation/public_detail.html",
        {
            "c": c,
            "today": today,
            "accepting": accepting,
            "not_yet_closed": c.state == Consultation.State.OPEN and today <= c.closes_on,
            "days_left": c.days_left(today),
            "form": form,
            "sent": _receipt_shown(c, request),
            "page": page,
            "comments": [public_comment(x) for x in page],
            "summarized": summarized,
            "summary": mask_text(c.summary) if summarized else "",
            "end": c.closed_on if c.closed_on and c.closed_on < c.closes_on else c.closes_on,
        },
        status=status,
    )


app_name = "consultation_public"
urlpatterns = [
    path("", public_list, name="list"),
    path("<int:pk>/", public_detail, name="detail"),
]
