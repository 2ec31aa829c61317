"""Back-office pages: the unit's consultations, a consultation with its comments to
moderate and answer, closing, the summary (generate, edit, publish) and the full-process
record; a form for a consultation that belongs to no other record. Scoped through
core.access: a clerk of another unit gets a 404 for every page and every action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core.context import active_unit
from fazhi.core.workdays import CalendarMissing

from . import services
from .forms import CloseForm, NewConsultationForm, ResponseForm, SummaryForm
from .interface import open_consultation
from .models import Comment, Consultation


def _messages(e: Exception) -> list[str]:
    return e.messages if isinstance(e, ValidationError) else [str(e)]


@login_required
def consultation_list(request):
    """The unit's consultations; ``?receipt=`` finds a comment by the 回执编号 a commenter
    quotes and opens it on its consultation's page."""
    receipt = request.GET.get("receipt", "").strip()[:30]
    if receipt:
        found = services.find_by_receipt(receipt, request.user)
        if found is not None:
            url = reverse("consultation:detail", args=[found.consultation_id])
            return redirect(f"{url}#comment-{found.number}")
    qs = access.restrict(Consultation.objects.all(), request.user, "view").select_related("unit")
    unit = active_unit(request)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    state = request.GET.get("state", "")
    if state in Consultation.State.values:
        qs = qs.filter(state=state)
    else:
        state = ""
    qs = qs.annotate(
        n_pending=Count("comments", filter=Q(comments__moderation=Comment.Moderation.PENDING)),
        n_published=Count("comments", filter=Q(comments__moderation=Comment.Moderation.PUBLISHED)),
        n_unanswered=Count(
            "comments",
            filter=Q(comments__moderation=Comment.Moderation.PUBLISHED, comments__response=""),
        ),
    ).order_by("-opens_on", "-pk")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/list.html",
        {
            "page": page,
            "state": state,
            "states": Consultation.State.choices,
            "query": f"state={state}&" if state else "",
            "today": timezone.localdate(),
            "can_create": access.can(request.user, "change"),
            "receipt": receipt,
            "receipt_missing": bool(receipt),
        },
    )


@login_required
def consultation_new(request):
    """A consultation of a matter that belongs to no other record (kind "other", or a
    decision or document drafted before those modules hold it)."""
    if not access.can(request.user, "change"):
        raise PermissionDenied("只有起草单位的工作人员可以发起公开征求意见")
    form = NewConsultationForm(request.user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                c = open_consultation(
                    subject=services.new_standalone_subject(),
                    kind=d["kind"],
                    unit=d["unit"],
                    title=d["title"],
                    draft=d["draft"],
                    explanation=d["explanation"],
                    opens_on=d["opens_on"],
                    closes_on=d["closes_on"],
                    urgent_reason=d["urgent_reason"],
                    actor=request.user,
                )
                messages.success(request, "已发布公开征求意见，门户网站将在开始日期起公开")
                return redirect("consultation:detail", pk=c.pk)
            except (ValidationError, CalendarMissing) as e:
                errors = _messages(e)
    return render(
        request,
        "consultation/new.html",
        {"form": form, "errors": errors},
        status=status,
    )


def _comment(c: Consultation, request) -> Comment:
    raw = request.POST.get("comment", "").strip()
    ok = raw.isascii() and raw.isdigit() and len(raw) <= 18
    comment = c.comments.filter(pk=int(raw)).first() if ok else None
    if comment is None:
        raise Http404("意见不存在")
    return comment


@login_required
def consultation_detail(request, pk: int):
    # "view" first: another unit's clerk gets a 404 here, for GET and POST alike.
    c = access.get_for(request.user, Consultation.objects.select_related("unit"), "view", pk=pk)
    user = request.user
    can_change = access.can(user, "change", c.unit)
    errors: list[str] = []
    status = 200
    bound: dict[int, ResponseForm] = {}
    close_form = CloseForm(prefix="close")
    summary_form = SummaryForm(initial={"text": c.summary}, prefix="summary")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("只有起草单位的工作人员可以办理公开征求意见")
        action = request.POST.get("action", "")
        try:
            if action in ("publish", "reject"):
                comment = _comment(c, request)
                services.moderate(
                    comment,
                    publish=action == "publish",
                    reason=request.POST.get("reason", ""),
                    actor=user,
                    public_body=request.POST.get("public_body"),
                    confirm_suspects=bool(request.POST.get("confirm_suspects")),
                )
                messages.success(
                    request,
                    f"已公开意见{comment.number}"
                    if action == "publish"
                    else f"意见{comment.number}不予公开",
                )
            elif action == "respond":
                comment = _comment(c, request)
                form = ResponseForm(request.POST, prefix=f"r{comment.pk}")
                bound[comment.pk] = form
                if not form.is_valid():
                    raise ValidationError("请检查填写的答复")
                try:
                    services.respond(
                        comment,
                        response=form.cleaned_data["response"],
                        reason=form.cleaned_data["reason"],
                        actor=user,
                        version=locking.seen(request),
                    )
                except ValidationError as e:
                    if hasattr(e, "error_dict"):
                        form.add_error(None, e)
                        raise ValidationError(
                            f"意见{comment.number}的答复未保存：{'；'.join(e.messages)}"
                        ) from None
                    raise
                messages.success(request, f"已答复意见{comment.number}")
            elif action == "close":
                close_form = CloseForm(request.POST, prefix="close")
                close_form.is_valid()
                services.close(c, reason=close_form.cleaned_data.get("reason", ""), actor=user)
                messages.success(request, "征求意见已结束，请逐条答复后生成并公布意见采纳情况")
            elif action == "generate":
                services.generate_summary(c, actor=user)
                messages.success(request, "已根据答复生成意见采纳情况说明，可修改后公布")
            elif action == "save_summary":
                summary_form = SummaryForm(request.POST, prefix="summary")
                summary_form.is_valid()
                services.save_summary(
                    c,
                    text=summary_form.cleaned_data.get("text", ""),
                    actor=user,
                    version=locking.seen(request),
                )
                messages.success(request, "已保存意见采纳情况说明")
            elif action == "publish_summary":
                services.publish_summary(c, actor=user)
                messages.success(request, "已在门户网站公布意见采纳情况")
            else:
                raise Http404("未知操作")
            return redirect("consultation:detail", pk=c.pk)
        except (ValidationError, CalendarMissing) as e:
            errors = _messages(e)
            status = 400
            c.refresh_from_db()
    comments = list(c.comments.select_related("moderated_by", "responded_by").order_by("number"))
    pending = [x for x in comments if x.moderation == Comment.Moderation.PENDING]
    for x in pending:
        x.suspects = services.suspects(x.body)
    if request.method == "POST" and request.POST.get("action") in ("publish", "reject"):
        # A refused moderation keeps the reason and the edited text typed for that comment.
        for x in pending:
            if str(x.pk) == request.POST.get("comment"):
                x.typed_reason = request.POST.get("reason", "")
                x.typed_public_body = request.POST.get("public_body", "")[:4000]
    published = []
    for x in comments:
        if x.moderation != Comment.Moderation.PUBLISHED:
            continue
        form = bound.get(x.pk) or ResponseForm(
            prefix=f"r{x.pk}", initial={"response": x.response, "reason": x.response_reason}
        )
        published.append((x, form))
    rejected = [x for x in comments if x.moderation == Comment.Moderation.REJECTED]
    workable = can_change and c.state in (Consultation.State.OPEN, Consultation.State.CLOSED)
    today = timezone.localdate()
    return render(
        request,
        "consultation/detail.html",
        {
            "c": c,
            "today": today,
            "days_left": c.days_left(today),
            "pending": pending,
            "published": published,
            "rejected": rejected,
            "counts": services.counts(c),
            "can_change": can_change,
            "workable": workable,
            "close_form": close_form,
            "summary_form": summary_form,
            "errors": errors,
            "is_open": c.state == Consultation.State.OPEN,
            "is_closed": c.state == Consultation.State.CLOSED,
            "is_summarized": c.state == Consultation.State.SUMMARIZED,
            "history": events.history(*events.record_ref(c)),
        },
        status=status,
    )
