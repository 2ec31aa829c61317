"""Back-office pages: the list (scoped), drafting, the document page with each step's
action and its full-process record, filing, cleanup campaigns, and the import of existing
documents. Every query goes through core.access; every change through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core.models import OrgUnit
from fazhi.core.refusals import messages_of
from fazhi.core.workdays import CalendarMissing
from fazhi.indicators.registry import filter_by_figure

from . import forms, importer, rules, search, services
from .indicators import FIGURE_RECORDS
from .models import (
    SHOWN,
    Cleanup,
    CleanupItem,
    Filing,
    NormativeDocument,
    Outcome,
    shown_q,
)

S = NormativeDocument.Status


_errors = messages_of  # core/refusals.py: one wording of a refusal for every page


def _int(value) -> int | None:
    """A record id typed into a query string or form: a positive integer in the database's
    range, else None (garbage never reaches a query)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text) or None


def _year(value) -> int | None:
    year = _int(value)
    return year if year is not None and 1900 <= year <= 2999 else None


def _docs(user, action: str = "view"):
    return access.restrict(NormativeDocument.objects.select_related("unit", "issuer"), user, action)


def _query(request, drop=("page",)) -> str:
    q = request.GET.copy()
    for k in drop:
        q.pop(k, None)
    text = q.urlencode()
    return f"{text}&" if text else ""


@login_required
def document_list(request):
    today = timezone.localdate()
    qs = _docs(request.user)
    status = request.GET.get("status", "")
    if status in SHOWN and status != "all":
        qs = qs.filter(shown_q(status, today))  # computed: 有效期 passed counts as 失效
    elif status in S.values:
        qs = qs.filter(status=status)
    year = request.GET.get("year", "")
    figure = request.GET.get("figure", "")
    # Opened from a figure's link: the documents it counts.
    counted, figure_name = filter_by_figure(qs, FIGURE_RECORDS, figure, _year(year), "文件")
    if counted is not None:
        qs = counted
    elif _year(year):
        figure = ""
        qs = qs.filter(Q(published_on__year=_year(year)) | Q(created_at__year=_year(year)))
    else:
        figure, year = "", ""
    issuer = request.GET.get("issuer", "")
    if _int(issuer):
        qs = qs.filter(issuer_id=_int(issuer))
    q = request.GET.get("q", "").strip()
    qs = search.results(qs, q, "-created_at", "-pk")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    search.attach_snippets(page.object_list, q)
    rows = [(d, d.shown_status(today)) for d in page]
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            "rows": rows,
            "query": _query(request),
            "statuses": S.choices,
            "status": status,
            "year": year,
            "q": q,
            "single": search.is_single(q),
            **search.cap_notice(page, request.GET.get("page")),
            "figure": figure,
            "figure_name": figure_name,
            "can_create": access.can(request.user, "change")
            and bool(access.allowed_unit_choices(request.user).exists()),
        },
    )


def _unit_choices(user):
    return (
        access.allowed_unit_choices(user)
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )


@login_required
def document_new(request):
    units = _unit_choices(request.user)
    if not units.exists():
        raise PermissionDenied("无权起草规范性文件")
    initial = {"unit": request.user.unit, "issuer": request.user.unit}
    form = forms.DraftForm(units, request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            doc = services.create_draft(
                title=d["title"],
                unit=d["unit"],
                issuer=d["issuer"],
                body=d["body"],
                explanation=d["explanation"],
                basis=d["basis"],
                actor=request.user,
            )
            messages.success(request, "草案已保存")
            return redirect("documents:detail", pk=doc.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    return render(
        request,
        "documents/form.html",
        {"form": form, "errors": errors, "doc": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def document_edit(request, pk: int):
    doc = access.get_for(request.user, NormativeDocument.objects.all(), "change", pk=pk)
    if doc.status != S.DRAFTING:
        raise PermissionDenied(f"文件处于“{doc.get_status_display()}”阶段，不能修改草案")
    initial = {
        "title": doc.title,
        "unit": doc.unit,
        "issuer": doc.issuer,
        "body": doc.body,
        "explanation": doc.explanation,
        "basis": doc.basis,
    }
    units = OrgUnit.objects.filter(pk=doc.unit_id)
    form = forms.DraftForm(units, request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_draft(
                doc,
                title=d["title"],
                body=d["body"],
                explanation=d["explanation"],
                basis=d["basis"],
                issuer=d["issuer"],
                actor=request.user,
                version=locking.seen(request),
            )
            messages.success(request, "草案已修改")
            return redirect("documents:detail", pk=doc.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    return render(
        request,
        "documents/form.html",
        {"form": form, "errors": errors, "doc": doc},
        status=400 if request.method == "POST" else 200,
    )


def _relations(doc: NormativeDocument) -> dict:
    inc = list(doc.incoming.select_related("source"))
    out = list(doc.outgoing.select_related("target"))
    return {
        "amended_by": [r for r in inc if r.kind == "amend"],
        "repealed_by": [r for r in inc if r.kind == "repeal"],
        "amends": [r for r in out if r.kind == "amend"],
        "repeals": [r for r in out if r.kind == "repeal"],
    }


# action -> (form class, what it needs: "draft" or "issue")
ACTIONS = {
    "consult": (forms.ConsultForm, "draft"),
    "exempt": (forms.ExemptForm, "draft"),
    "review": (forms.ReviewForm, "draft"),
    "withdraw": (forms.WithdrawForm, "draft"),
    "discuss": (forms.DiscussForm, "either"),
    "number": (forms.NumberForm, "issue"),
    "publish": (forms.PublishForm, "issue"),
    "file": (forms.FileForm, "issue"),
    "filing_outcome": (forms.FilingOutcomeForm, "issue"),
    "evaluate": (forms.EvaluateForm, "either"),
    "amend": (forms.AmendForm, "issue"),
    "repeal": (forms.RepealForm, "issue"),
    "expire": (forms.ExpireForm, "issue"),
}


def _available(doc: NormativeDocument, filing, today) -> list[str]:
    """The step actions that make sense in the document's state (the services still
    decide: a step offered here can be refused with the reason)."""
    st = doc.status
    shown = doc.shown_status(today)[0]
    out: list[str] = []
    if st == S.DRAFTING:
        out += ["consult", "exempt", "review"]
    elif st == S.CONSULTING:
        out += ["review", "withdraw"]
    elif st == S.REVIEWING:
        out += ["discuss", "withdraw"]
    elif st == S.DISCUSSED:
        out += ["number"]
    elif st == S.NUMBERED:
        out += ["publish"]
    if doc.published_on and filing is None:
        out.append("file")
    if filing is not None and filing.outcome == Filing.Outcome.PENDING:
        out.append("filing_outcome")
    if shown in ("in_force", "pending"):
        out += ["evaluate", "amend", "repeal", "expire"]
    return out


def _call(action: str, doc, data: dict, user, filing):
    if action == "consult":
        return services.open_consultation(doc, actor=user, **data), "已公开征求意见"
    if action == "exempt":
        return services.record_exemption(doc, actor=user, **data), "已登记不公开征求意见的理由"
    if action == "review":
        return services.request_review(
            doc, actor=user, self_checked=data["self_checked"]
        ), "已送交合法性审核"
    if action == "withdraw":
        return services.withdraw(doc, actor=user, **data), "已撤回修改"
    if action == "discuss":
        return services.record_discussion(doc, actor=user, **data), "已登记集体审议情况"
    if action == "number":
        d = services.register_and_number(doc, actor=user, on=data["on"])
        return d, f"已统一登记、编号：{d.doc_number}"
    if action == "publish":
        return services.publish(doc, actor=user, **data), "已印发公布，备案期限已进入工作台"
    if action == "file":
        return services.file(doc, actor=user, **data), "已登记报送备案"
    if action == "filing_outcome":
        if filing is None:
            raise ValidationError("该文件尚未报送备案")
        return services.record_filing_outcome(filing, actor=user, **data), "已登记备案审查结果"
    if action == "evaluate":
        return services.evaluate(doc, actor=user, **data), "已登记评估"
    if action == "amend":
        return services.amend(doc, actor=user, **data), "已登记修改"
    if action == "repeal":
        return services.repeal(doc, actor=user, **data), "已废止"
    if action == "expire":
        return services.expire(doc, actor=user, **data), "已宣布失效"
    raise Http404("未知操作")


def _initial(action: str, doc, today) -> dict:
    if action == "consult":
        return {"opens_on": today, "closes_on": rules.add_months(today, 1)}
    if action == "file":
        return {"filed_on": today, "filed_with": services.default_filed_with(doc)}
    if action in ("discuss", "evaluate"):
        return {"date": today, "on": today}
    if action in ("number", "filing_outcome", "amend", "repeal", "expire"):
        return {"on": today}
    if action == "publish":
        return {"published_on": today}
    return {}


@login_required
def document_detail(request, pk: int):
    user = request.user
    doc = access.get_for(user, NormativeDocument.objects.select_related("unit", "issuer"), pk=pk)
    today = timezone.localdate()
    filing = Filing.objects.filter(document=doc).first()
    can_draft = access.can(user, "change", doc.unit)
    can_issue = access.can(user, "change", doc.issuer)
    allowed = {
        "draft": can_draft,
        "issue": can_issue,
        "either": can_draft or can_issue,
    }
    available = [a for a in _available(doc, filing, today) if allowed[ACTIONS[a][1]]]
    errors: list[str] = []
    status = 200
    posted = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404("未知操作")
        if not allowed[ACTIONS[action][1]]:
            raise PermissionDenied("无权办理该事项")
        form_cls = ACTIONS[action][0]
        posted = (action, form_cls(request.POST, prefix=action))
        if posted[1].is_valid():
            try:
                _, msg = _call(action, doc, posted[1].cleaned_data, user, filing)
                messages.success(request, msg)
                return redirect("documents:detail", pk=doc.pk)
            except (ValidationError, PermissionDenied, CalendarMissing) as e:
                errors = _errors(e)
        status = 400
    step_forms = []
    for a in available:
        if posted and posted[0] == a:
            step_forms.append((a, posted[1]))
        else:
            step_forms.append((a, ACTIONS[a][0](prefix=a, initial=_initial(a, doc, today))))
    return render(
        request,
        "documents/detail.html",
        {
            "doc": doc,
            "shown": doc.shown_status(today),
            "filing": filing,
            "flags": rules.content_flags(doc.body) if doc.status == S.DRAFTING else [],
            "gates": _gates(doc),
            "step_forms": step_forms,
            "errors": errors,
            "can_edit": can_draft and doc.status == S.DRAFTING,
            "evaluations": doc.evaluations.all(),
            "cleanups": doc.cleanup_items.select_related("cleanup", "assigned_unit"),
            "history": events.history("documents.normativedocument", str(doc.pk)),
            **_relations(doc),
        },
        status=status,
    )


def _gates(doc: NormativeDocument) -> list[tuple[str, str]]:
    """What the sibling modules say about public participation and legality review."""
    if doc.source == NormativeDocument.Source.IMPORTED:
        return [
            (
                "合法性审核",
                f"{doc.legality_reviewed_on:%Y-%m-%d}通过（存量文件登记）"
                if doc.legality_reviewed_on
                else "未登记",
            )
        ]
    done, why = services.participation(doc)
    out = [("公众参与", ("已完成：" if done else "未完成：") + (why or ""))]
    if doc.status not in (S.DRAFTING, S.CONSULTING) or doc.review_requested_on:
        out.append(("合法性审核", services.review_summary(doc) or "—"))
    return out


# --- filing -------------------------------------------------------------------------------


@login_required
def filing_list(request):
    """Published documents and their 备案: not yet filed (due / overdue), filed, outcome."""
    today = timezone.localdate()
    base = _docs(request.user).filter(published_on__isnull=False)
    tab = request.GET.get("tab", "unfiled")
    if tab == "filed":
        qs = (
            base.filter(filing__isnull=False).select_related("filing").order_by("-filing__filed_on")
        )
    else:
        tab = "unfiled"
        qs = base.filter(filing__isnull=True, source=NormativeDocument.Source.CREATED).order_by(
            "filing_due_on"
        )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/filings.html",
        {
            "page": page,
            "tab": tab,
            "today": today,
            "query": f"tab={tab}&",
            "filing_days": rules.filing_days(),
            "filing_roll_forward": rules.filing_roll_forward(),
            "counts": {
                "unfiled": base.filter(
                    filing__isnull=True, source=NormativeDocument.Source.CREATED
                ).count(),
                "overdue": base.filter(
                    filing__isnull=True,
                    source=NormativeDocument.Source.CREATED,
                    filing_due_on__lt=today,
                ).count(),
                "filed": base.filter(filing__isnull=False).count(),
            },
        },
    )


# --- cleanup ------------------------------------------------------------------------------


@login_required
def cleanup_list(request):
    qs = access.restrict(Cleanup.objects.select_related("unit"), request.user, "view").annotate(
        n=Count("items", distinct=True)
    )
    can_manage = access.can(request.user, "documents_manage")
    form = (
        forms.CleanupForm(request.POST or None, initial={"started_on": timezone.localdate()})
        if can_manage
        else None
    )
    errors: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("只有统筹协调人员可以组织清理")
        if form.is_valid():
            gov = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
            try:
                c = services.create_cleanup(
                    unit=request.user.unit or gov, actor=request.user, **form.cleaned_data
                )
                return redirect("documents:cleanup", pk=c.pk)
            except (ValidationError, PermissionDenied) as e:
                errors = _errors(e)
    return render(
        request,
        "documents/cleanups.html",
        {"cleanups": qs, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def cleanup_detail(request, pk: int):
    user = request.user
    cleanup = access.get_for(user, Cleanup.objects.select_related("unit"), pk=pk)
    can_manage = access.can(user, "documents_manage")
    items = list(
        access.restrict(
            cleanup.items.select_related("document", "document__issuer", "assigned_unit"), user
        )
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "outcome":
                item_pk = _int(request.POST.get("item"))
                if item_pk is None:
                    raise Http404("清理事项不存在")
                item = access.get_for(
                    user, CleanupItem.objects.filter(cleanup=cleanup), "change", pk=item_pk
                )
                f = forms.CleanupOutcomeForm(request.POST)
                if not f.is_valid():
                    raise ValidationError([e for errs in f.errors.values() for e in errs])
                services.record_cleanup_outcome(
                    item, actor=user, version=locking.seen(request), **f.cleaned_data
                )
                messages.success(request, f"已登记《{item.document.title}》的清理意见")
            elif action == "add":
                ids = [i for i in map(_int, request.POST.getlist("doc")) if i]
                docs = NormativeDocument.objects.filter(pk__in=ids)
                services.add_to_cleanup(cleanup, docs, actor=user)
                messages.success(request, f"已将{len(ids)}件文件纳入清理范围")
            elif action == "close":
                services.close_cleanup(cleanup, actor=user)
                messages.success(request, "清理已完成")
            elif action == "publish":
                services.publish_cleanup(cleanup, actor=user)
                messages.success(request, "清理结果已公布")
            else:
                raise Http404("未知操作")
            return redirect("documents:cleanup", pk=cleanup.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
            status = 400
            for i in items:  # the refused outcome form shows what was typed
                if action == "outcome" and str(i.pk) == request.POST.get("item"):
                    i.outcome = request.POST.get("outcome", "")[:8]
                    i.reason = request.POST.get("reason", "")[:500]
    candidates = []
    if can_manage and cleanup.state == Cleanup.State.OPEN:
        candidates = (
            NormativeDocument.objects.filter(shown_q("valid", cleanup.started_on))
            .exclude(cleanup_items__cleanup=cleanup)
            .select_related("issuer", "unit")
            .order_by("published_on")[:500]
        )
    counts = services.cleanup_counts(cleanup)
    return render(
        request,
        "documents/cleanup.html",
        {
            "cleanup": cleanup,
            "items": items,
            "can_manage": can_manage,
            "candidates": candidates,
            "outcomes": Outcome.choices,
            "counts": [(Outcome(k).label, v) for k, v in counts.items()],
            "pending": sum(1 for i in items if not i.outcome),
            "can_change": {i.pk for i in items if access.can(user, "change", i.assigned_unit)},
            "errors": errors,
            "history": events.history("documents.cleanup", str(cleanup.pk)),
        },
        status=status,
    )


# --- import -------------------------------------------------------------------------------


@login_required
def import_view(request):
    """Upload → preview (nothing written) → confirm (all rows or none)."""
    if not access.can(request.user, "documents_manage"):
        raise PermissionDenied("只有统筹协调人员可以导入存量文件")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        if request.POST.get("confirm") and request.session.get("documents_import"):
            stash = request.session.pop("documents_import")
            result = importer.commit(stash["name"], bytes.fromhex(stash["data"]), request.user)
            if not result.errors:
                messages.success(request, f"导入完成：共{result.created}件")
                return redirect("documents:list")
        elif form.is_valid():
            f = form.cleaned_data["file"]
            if f.size > 5 * 1024 * 1024:
                form.add_error("file", "导入文件不能超过5MB")
            else:
                data = f.read()
                result = importer.parse(f.name, data)
                if not result.errors:
                    request.session["documents_import"] = {"name": f.name, "data": data.hex()}
    return render(
        request,
        "documents/import.html",
        {"form": form, "result": result, "columns": list(importer.COLUMNS)},
        status=400 if (result and result.errors) or form.errors else 200,
    )
