"""Back-office pages of legality review: the review queue and each review with its actions
and opinion letter, the adviser roster and participations, government contracts.
Every query goes through ``core.access``; every change through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from fazhi.core import access, deadlines, events, locking
from fazhi.core import services as core
from fazhi.core.models import Attachment, Deadline
from fazhi.core.params import int_param as _int
from fazhi.core.params import unit_filter as _unit_filter
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import messages_of
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing

from . import conf, forms, opinion, services
from .models import (
    AdviserParticipation,
    Contract,
    ContractDispute,
    ContractMilestone,
    LegalAdviser,
    LegalReview,
)

FAILURES = (ValidationError, PermissionDenied, UploadRejected, CalendarMissing)


_messages = messages_of  # core/refusals.py: one wording of a refusal for every page


def _status(exc: Exception) -> int:
    return 403 if isinstance(exc, PermissionDenied) else 400


# --- reviews -------------------------------------------------------------------------------

TABS = (("mine", "我承办的"), ("unit", "本单位"), ("all", "全部"))


@login_required
def review_list(request):
    user = request.user
    scoped = access.restrict(LegalReview.objects.all(), user, "view")
    qs = scoped.select_related("unit", "reviewer_unit", "assignee", "deadline")
    tab = request.GET.get("tab", "all")
    if tab == "mine":
        qs = qs.filter(assignee=user)
    elif tab == "unit" and user.unit_id:
        qs = qs.filter(
            Q(unit__path__startswith=user.unit.path)
            | Q(reviewer_unit__path__startswith=user.unit.path)
        )
    else:
        tab = "all"
    g = request.GET
    state = g.get("state", "")
    if state == "open":
        qs = qs.filter(state__in=LegalReview.OPEN_STATES)
    elif state in LegalReview.State.values:
        qs = qs.filter(state=state)
    kind = g.get("kind", "")
    if kind == "noncontract":
        qs = qs.exclude(kind=LegalReview.Kind.CONTRACT)
    elif kind in LegalReview.Kind.values:
        qs = qs.filter(kind=kind)
    year = _year(g.get("year"))
    if year:
        # The year a review counts in: the year its opinion was given.
        qs = qs.filter(state=LegalReview.State.CONCLUDED, concluded_on__year=year)
    if g.get("written") == "1":
        qs = qs.filter(state=LegalReview.State.CONCLUDED, written_opinion=True)
    qs, reviewer = _unit_filter(qs, "reviewer_unit", g.get("reviewer"))
    qs, unit = _unit_filter(qs, "unit", g.get("unit"))
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(subject_title__contains=q)
    page = Paginator(qs.order_by("-submitted_on", "-pk"), 50).get_page(g.get("page"))
    keep = {k: v for k, v in g.items() if k != "page" and v}
    today = core.today()
    rows = [
        (r, deadlines.status_of(r.deadline, today) if r.deadline and r.is_open else None)
        for r in page
    ]
    return render(
        request,
        "legal/reviews.html",
        {
            "page": page,
            "rows": rows,
            "tab": tab,
            "tabs": TABS,
            "tab_query": urlencode({k: v for k, v in keep.items() if k != "tab"}),
            "query": urlencode(keep) + "&" if keep else "",
            "kinds": LegalReview.Kind.choices,
            "states": LegalReview.State.choices,
            "f": {"state": state, "kind": kind, "year": year or "", "q": q},
            "reviewer": reviewer,
            "unit": unit,
            "written": g.get("written") == "1",
            "can_request": access.can(user, "change"),
            "stats_year": year or today.year,
            "stats": services.counts_by_kind(scoped, year or today.year),
        },
    )


@login_required
def review_new(request):
    user = request.user
    if not access.can(user, "change"):
        raise PermissionDenied("只有经办人员可以送请合法性审查")
    form = forms.ReviewRequestForm(user, request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                review = services.request_review(
                    kind=d["kind"],
                    unit=d["unit"],
                    title=d["title"],
                    actor=user,
                    reviewer_unit=d["reviewer_unit"],
                    materials=[f for f in (d["draft"], d.get("other")) if f],
                    note=d["note"],
                )
                messages.success(request, "已送请合法性审查，审查期限已开始计算")
                return redirect("legal:review", pk=review.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    return render(request, "legal/review_new.html", {"form": form, "errors": errors}, status=status)


REVIEW_ACTIONS = ("assign", "return", "resubmit", "conclude", "withdraw", "material")


def _review_forms(review, data=None, files=None, action=None):
    """The action forms; only the posted one is bound, so the others stay blank."""

    def bound(name):
        return (data, files) if name == action else (None, None)

    return {
        "assign": forms.AssignForm(
            review,
            *bound("assign"),
            prefix="assign",
            initial={"assignee": review.assignee_id, "adviser": review.adviser_id},
        ),
        "return": forms.ReturnForm(*bound("return"), prefix="return"),
        "resubmit": forms.ResubmitForm(*bound("resubmit"), prefix="resubmit"),
        "conclude": forms.ConcludeForm(
            *bound("conclude"), prefix="conclude", initial={"adviser": review.adviser_id}
        ),
        "withdraw": forms.WithdrawForm(*bound("withdraw"), prefix="withdraw"),
        "material": forms.MaterialForm(*bound("material"), prefix="material"),
    }


def _run_review_action(action, review, d, user):
    if action == "assign":
        services.assign(review, assignee=d["assignee"], adviser=d["adviser"], actor=user)
        return "已分派承办人员"
    if action == "return":
        services.return_for_materials(review, reason=d["reason"], on=d["on"], actor=user)
        return "已退回补充材料，审查期限暂停计算"
    if action == "resubmit":
        services.resubmit(
            review,
            actor=user,
            materials=[d["file"]] if d.get("file") else [],
            note=d["note"],
            on=d["on"],
        )
        return "已补充材料并重新提交，审查期限恢复计算"
    if action == "conclude":
        services.conclude(
            review,
            opinion=d["opinion"],
            reasons=d["reasons"],
            adviser=d["adviser"],
            written=d["written"],
            on=d["on"],
            early_reason=d["early_reason"],
            actor=user,
        )
        return "已出具审查意见"
    if action == "withdraw":
        services.withdraw(review, reason=d["reason"], actor=user)
        return "已撤回送审"
    services.add_material(review, d["file"], actor=user, description=d["description"])
    return "材料已上传"


@login_required
def review_detail(request, pk: int):
    user = request.user
    review = access.get_for(
        user,
        LegalReview.objects.select_related(
            "unit", "reviewer_unit", "assignee", "adviser", "deadline", "concluded_by"
        ),
        "view",
        pk=pk,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in REVIEW_ACTIONS:
        raise Http404("未知操作")
    fs = _review_forms(review, request.POST, request.FILES, action)
    errors: list[str] = []
    status = 200
    if action:
        form = fs[action]
        status = 400
        if form.is_valid():
            try:
                done = _run_review_action(action, review, form.cleaned_data, user)
                messages.success(request, done)
                return redirect("legal:review", pk=review.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    deadline = review.deadline
    today = core.today()
    explanation: list[str] = []
    earliest = None
    if deadline is not None:
        try:
            explanation = core.explain(deadline)
            if review.is_open:
                earliest = services.earliest_conclusion(review)
        except CalendarMissing as e:
            explanation = [str(e)]
    is_reviewer = services.can_review(user, review)
    is_requester = services.is_requester(user, review)
    open_ = review.is_open
    return render(
        request,
        "legal/review.html",
        {
            "r": review,
            "forms": fs,
            "errors": errors,
            "deadline": deadline,
            "status": deadlines.status_of(deadline, today) if deadline else None,
            "explanation": explanation,
            "earliest": earliest,
            "min_days": conf.min_working_days(review.kind),
            "min_basis": conf.min_basis(review.kind),
            "deadline_visible": deadline is not None
            and access.restrict(Deadline.objects.filter(pk=deadline.pk), user, "view").exists(),
            "can_assign": open_
            and review.state != LegalReview.State.RETURNED
            and services.can_dispatch(user, review),
            "can_return": is_reviewer
            and review.state in (LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW),
            "can_conclude": is_reviewer
            and review.state in (LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW),
            "can_resubmit": (is_requester or is_reviewer)
            and review.state == LegalReview.State.RETURNED,
            "can_withdraw": open_ and is_requester,
            "can_add": review.state != LegalReview.State.WITHDRAWN
            and (is_requester or is_reviewer),
            "materials": Attachment.objects.filter(
                record_type="legal.legalreview", record_id=str(review.pk)
            ).select_related("unit", "uploaded_by"),
            "history": events.history("legal.legalreview", str(review.pk)),
            "reviewed": opinion.reviewed(review),
        },
        status=status,
    )


@login_required
def review_material(request, pk: int, att: int):
    """Download a review's material: whoever may see the review (the reviewing unit's
    legal reviewers included, which core's attachment page scopes out)."""
    review = access.get_for(request.user, LegalReview.objects.all(), "view", pk=pk)
    a = Attachment.objects.filter(
        pk=att, record_type="legal.legalreview", record_id=str(review.pk)
    ).first()
    if a is None:
        raise Http404("材料不存在")
    resp = FileResponse(
        a.file.open("rb"), as_attachment=True, filename=a.original_name, content_type=a.mime
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
def review_letter(request, pk: int):
    review = access.get_for(
        request.user,
        LegalReview.objects.select_related("unit", "reviewer_unit", "adviser", "deadline"),
        "view",
        pk=pk,
    )
    if review.state != LegalReview.State.CONCLUDED or not review.written_opinion:
        raise Http404("该事项尚未出具书面审查意见书")
    resp = HttpResponse(
        opinion.render(review),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"opinion-{review.pk}.docx"
    resp["Content-Disposition"] = f"attachment; filename={name}"
    return resp


# --- advisers ------------------------------------------------------------------------------


@login_required
def adviser_list(request):
    qs = access.restrict(LegalAdviser.objects.select_related("unit"), request.user, "view")
    kind = request.GET.get("kind", "")
    if kind in LegalAdviser.Kind.values:
        qs = qs.filter(kind=kind)
    if request.GET.get("all") != "1":
        qs = qs.filter(active=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "legal/advisers.html",
        {
            "page": page,
            "kind": kind,
            "kinds": LegalAdviser.Kind.choices,
            "show_all": request.GET.get("all") == "1",
            "today": core.today(),
            "can_add": access.can(request.user, "change"),
            "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}) + "&",
        },
    )


@login_required
def adviser_edit(request, pk: int | None = None):
    user = request.user
    if pk is None:
        if not access.can(user, "change"):
            raise PermissionDenied("只有经办人员可以登记法律顾问")
        instance = LegalAdviser()
    else:
        instance = access.get_for(user, LegalAdviser.objects.all(), "change", pk=pk)
    form = forms.AdviserForm(user, request.POST or None, instance=instance)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                adviser = services.save_adviser(
                    form.save(commit=False), user, version=locking.seen(request)
                )
                messages.success(request, f"已保存“{adviser.name}”")
                return redirect("legal:adviser", pk=adviser.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    return render(
        request,
        "legal/adviser_form.html",
        {"form": form, "obj": instance, "errors": errors},
        status=status,
    )


@login_required
def adviser_detail(request, pk: int):
    user = request.user
    adviser = access.get_for(user, LegalAdviser.objects.select_related("unit"), "view", pk=pk)
    form = forms.ParticipationForm(user, request.POST or None, prefix="p")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.record_participation(adviser=adviser, actor=user, **form.cleaned_data)
                messages.success(request, "已登记参与会议情况")
                return redirect("legal:adviser", pk=adviser.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    participations = access.restrict(adviser.participations.select_related("unit"), user, "view")
    reviews = access.restrict(
        adviser.reviews.select_related("unit", "reviewer_unit"), user, "view"
    )[:50]
    return render(
        request,
        "legal/adviser.html",
        {
            "a": adviser,
            "form": form,
            "errors": errors,
            "participations": participations[:100],
            "reviews": reviews,
            "can_change": access.can(user, "change", adviser.unit),
            "can_record": access.can(user, "change"),
            "history": events.history("legal.legaladviser", str(adviser.pk)),
        },
        status=status,
    )


@login_required
def participation_list(request):
    qs = access.restrict(
        AdviserParticipation.objects.select_related("adviser", "unit"), request.user, "view"
    )
    year = _year(request.GET.get("year"))
    if year:
        qs = qs.filter(date__year=year)
    qs, unit = _unit_filter(qs, "unit", request.GET.get("unit"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "legal/participations.html",
        {
            "page": page,
            "year": year or "",
            "unit": unit,
            "query": urlencode(keep) + "&" if keep else "",
        },
    )


# --- contracts -----------------------------------------------------------------------------


@login_required
def contract_list(request):
    qs = access.restrict(Contract.objects.select_related("unit", "review"), request.user, "view")
    state = request.GET.get("state", "")
    if state in Contract.State.values:
        qs = qs.filter(state=state)
    year = _year(request.GET.get("year"))
    if year:
        qs = qs.filter(registered_on__year=year)
    qs, unit = _unit_filter(qs, "unit", request.GET.get("unit"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(counterparty__contains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "legal/contracts.html",
        {
            "page": page,
            "states": Contract.State.choices,
            "f": {"state": state, "year": year or "", "q": q},
            "unit": unit,
            "query": urlencode(keep) + "&" if keep else "",
            "can_add": access.can(request.user, "change"),
        },
    )


@login_required
def contract_new(request):
    user = request.user
    if not access.can(user, "change"):
        raise PermissionDenied("只有经办人员可以登记合同")
    form = forms.ContractForm(user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                contract = services.register_contract(actor=user, **form.cleaned_data)
                messages.success(request, "合同已登记，请送合法性审查")
                return redirect("legal:contract", pk=contract.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    return render(
        request, "legal/contract_new.html", {"form": form, "errors": errors}, status=status
    )


CONTRACT_ACTIONS = {
    "submit": forms.ContractSubmitForm,
    "sign": forms.DateForm,
    "perform": forms.DateForm,
    "complete": forms.DateForm,
    "terminate": forms.TerminateForm,
    "milestone": forms.MilestoneForm,
    "milestone_done": forms.DateForm,
    "dispute": forms.DisputeForm,
    "resolve": forms.ResolveForm,
}


def _run_contract_action(action, contract, d, user, post):
    if action == "submit":
        services.submit_contract(
            contract,
            actor=user,
            reviewer_unit=d["reviewer_unit"],
            materials=[d["file"]] if d.get("file") else [],
            on=d["on"],
        )
        return "已送合法性审查"
    if action == "sign":
        services.sign_contract(contract, actor=user, on=d["on"])
        return "已登记签订"
    if action == "perform":
        services.start_performance(contract, actor=user, on=d["on"])
        return "已开始履行"
    if action == "complete":
        services.complete_contract(contract, actor=user, on=d["on"])
        return "已确认履行完毕"
    if action == "terminate":
        services.terminate_contract(contract, reason=d["reason"], actor=user, on=d["on"])
        return "合同已终止"
    if action == "milestone":
        services.add_milestone(contract, title=d["title"], due=d["due"], actor=user)
        return "已登记履约节点"
    if action == "milestone_done":
        ms = ContractMilestone.objects.filter(
            pk=_int(post.get("milestone")), contract=contract
        ).first()
        if ms is None:
            raise Http404("履约节点不存在")
        services.complete_milestone(ms, actor=user, on=d["on"])
        return "履约节点已完成"
    if action == "dispute":
        services.open_dispute(contract, description=d["description"], actor=user, on=d["on"])
        return "已登记合同纠纷"
    dispute = ContractDispute.objects.filter(
        pk=_int(post.get("dispute")), contract=contract
    ).first()
    if dispute is None:
        raise Http404("纠纷记录不存在")
    services.resolve_dispute(dispute, outcome=d["outcome"], actor=user, on=d["on"])
    return "纠纷已处理完毕"


@login_required
def contract_detail(request, pk: int):
    user = request.user
    contract = access.get_for(
        user, Contract.objects.select_related("unit", "review__reviewer_unit"), "view", pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in CONTRACT_ACTIONS:
        raise Http404("未知操作")
    fs = {
        name: cls(*((request.POST, request.FILES) if name == action else (None, None)), prefix=name)
        for name, cls in CONTRACT_ACTIONS.items()
    }
    errors: list[str] = []
    status = 200
    if action:
        form = fs[action]
        status = 400
        if form.is_valid():
            try:
                done = _run_contract_action(action, contract, form.cleaned_data, user, request.POST)
                messages.success(request, done)
                return redirect("legal:contract", pk=contract.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    can_change = access.can(user, "change", contract.unit)
    review = contract.review
    review_visible = (
        review is not None
        and access.restrict(LegalReview.objects.filter(pk=review.pk), user, "view").exists()
    )
    reviews = access.restrict(
        LegalReview.objects.filter(subject_type="legal.contract", subject_id=str(contract.pk)),
        user,
        "view",
    ).select_related("reviewer_unit")
    S = Contract.State
    return render(
        request,
        "legal/contract.html",
        {
            "c": contract,
            "forms": fs,
            "errors": errors,
            "can_change": can_change,
            "summary": services.summary_of(review),
            "review_visible": review_visible,
            "reviews": reviews,
            "sign_refusal": services.sign_refusal(contract),
            "can_submit": can_change
            and (
                contract.state == S.REGISTERED
                or (
                    contract.state == S.UNDER_REVIEW
                    and review is not None
                    and not review.is_open
                    and not review.passed
                )
            ),
            "can_sign": can_change and contract.state in (S.REGISTERED, S.UNDER_REVIEW),
            "in_force": contract.state in (S.SIGNED, S.PERFORMING),
            "can_dispute": can_change and contract.state not in (S.REGISTERED, S.UNDER_REVIEW),
            "milestones": contract.milestones.all(),
            "disputes": contract.disputes.all(),
            "today": core.today(),
            "history": events.history("legal.contract", str(contract.pk)),
            "review_url": reverse("legal:review", args=[review.pk]) if review else "",
            # The row whose inline form was posted shows what was typed and its errors.
            "posted_milestone": _int(request.POST.get("milestone"))
            if action == "milestone_done"
            else None,
            "posted_dispute": _int(request.POST.get("dispute")) if action == "resolve" else None,
        },
        status=status,
    )
