"""Office pages of 行政复议意见书 and 建议书 (行政复议法 第76条): the list (the 复议机构's,
and each addressee's own), the page with the 60-day report clock and the full-process
record, the form to issue one (by the 复议机构) and the addressee's report."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining

from . import forms_letters, views_docx
from .models import Case, OpinionLetter
from .services import letters as letters_svc
from .services.common import body_unit
from .views_applications import FAILURES, PER_PAGE, Statuses, clock_row


def letters_for(user, action: str = "view"):
    return access.restrict(
        OpinionLetter.objects.select_related("unit", "addressee", "case", "deadline"),
        user,
        action,
    )


def _may_issue(user) -> bool:
    unit = body_unit()
    return unit is not None and access.can(user, "change", unit)


@login_required
def letter_list(request):
    g = request.GET
    qs = letters_for(request.user)
    f: dict = {}
    kind = g.get("kind", "")
    if kind in OpinionLetter.Kind.values:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    year = _year(g.get("year"))
    if year:
        qs = qs.filter(issued_on__gte=dt.date(year, 1, 1), issued_on__lte=dt.date(year, 12, 31))
        f["year"] = year
    addressee = _int(g.get("addressee"))
    if addressee:
        qs = qs.filter(addressee_id=addressee)
        f["addressee"] = addressee
    if g.get("open") == "1":
        qs = qs.filter(kind=OpinionLetter.Kind.OPINION, reported_on=None)
        f["open"] = "1"
    page = Paginator(qs.order_by("-issued_on", "-pk"), PER_PAGE).get_page(g.get("page"))
    status = Statuses(core.today())
    keep = g.copy()
    keep.pop("page", None)
    ids = letters_for(request.user).values("addressee_id")
    return render(
        request,
        "reconsideration/office/letter_list.html",
        {
            "page": page,
            "rows": [(x, status(x.deadline) if x.deadline_id else None) for x in page],
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "kinds": OpinionLetter.Kind.choices,
            "addressees": OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code"),
            "may_issue": _may_issue(request.user),
        },
    )


def _body_cases(user):
    unit = body_unit()
    qs = access.restrict(Case.objects.all(), user, "change")
    return qs.filter(unit=unit).order_by("-accepted_on", "-pk") if unit else qs.none()


@login_required
def letter_new(request):
    """制发意见书、建议书: the 复议机构 only (the service refuses anyone else)."""
    user = request.user
    cases = _body_cases(user)
    errors: list[str] = []
    status = 200
    initial = {}
    case_pk = _int(request.GET.get("case"))
    if case_pk:
        case = cases.filter(pk=case_pk).first()
        if case is not None:
            initial = {"case": case, "addressee": case.respondent}
    form = forms_letters.IssueForm(request.POST or None, cases=cases, initial=initial)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                letter = letters_svc.issue(
                    kind=d["kind"], addressee=d["addressee"], issued_on=d["issued_on"],
                    content=d["content"], case=d["case"], actor=user,
                )  # fmt: skip
                messages.success(request, f"已制发{letter.get_kind_display()}{letter.number}")
                return redirect("reconsideration:letter", pk=letter.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "reconsideration/office/letter_new.html",
        {"form": form, "errors": errors, "may_issue": _may_issue(user)},
        status=status,
    )


@login_required
def letter_detail(request, pk: int):
    user = request.user
    letter = access.get_for(user, letters_for(user), "view", pk=pk)
    may_report = (
        letter.kind == OpinionLetter.Kind.OPINION
        and not letter.reported_on
        and (
            access.can(user, "change", letter.addressee) or access.can(user, "change", letter.unit)
        )
    )
    errors: list[str] = []
    status = 200
    form = forms_letters.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                letters_svc.report(letter, on=d["reported_on"], text=d["report"], actor=user,
                                   attachments=d["files"])  # fmt: skip
                messages.success(request, "已登记整改（落实）情况")
                return redirect("reconsideration:letter", pk=letter.pk)
            except FAILURES as e:
                errors, status = failure(e)
        may_report = True  # keep the refused form on screen with what was typed
    today = core.today()
    clock = None
    if letter.deadline_id:
        d = Deadline.objects.prefetch_related("pauses", "extensions").get(pk=letter.deadline_id)
        clock = clock_row("反馈纠正情况期限", d, today, Remaining(today), user)
    return render(
        request,
        "reconsideration/office/letter_detail.html",
        {
            "x": letter,
            "clocks": [clock] if clock else [],
            "form": form if may_report else None,
            "errors": errors,
            "docs": views_docx.downloads(letter),
            "history": events.history("reconsideration.opinionletter", str(letter.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("letters/", letter_list, name="letters"),
    path("letters/new/", letter_new, name="letter_new"),
    path("letters/<int:pk>/", letter_detail, name="letter"),
]
