"""Starting a decision from its catalogue item, and its draft step (决策草案, 条例第14条)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import access, locking
from fazhi.core.sniff import UploadRejected

from .. import forms as f
from .. import services
from ..models import CatalogItem, MajorDecision
from .base import (
    Action,
    _decision,
    _files,
    _form,
    _page,
    _process,
    _then,
)


@login_required
def decision_start(request, item_pk: int):
    item = access.get_for(
        request.user, CatalogItem.objects.select_related("catalog", "unit"), "view", pk=item_pk
    )
    if not access.can(request.user, "change", item.unit):
        raise PermissionDenied("只有承办单位可以启动该事项的决策程序")
    form = f.DraftForm(request.POST or None, request.FILES or None, initial={"title": item.title})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                decision = services.start_decision(
                    item,
                    actor=request.user,
                    title=d["title"],
                    draft=d["draft"],
                    explanation=d["explanation"],
                    files=_files(d),
                )
                messages.success(request, "已启动重大行政决策程序")
                return redirect("decisions:detail", pk=decision.pk)
            except ValidationError as e:
                errors = e.messages
            except UploadRejected as e:
                errors = [str(e)]
    return render(
        request,
        "decisions/start.html",
        {"item": item, "form": form, "errors": errors},
        status=status,
    )


@login_required
def decision_detail(request, pk: int):
    """Overview and the draft (决策草案) step."""
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if access.can(user, "change", decision.unit) and decision.state == MajorDecision.State.DRAFTING:
        actions.append(
            Action(
                "draft",
                "修改决策草案",
                _form(
                    request,
                    f.DraftForm,
                    "draft",
                    initial={
                        "title": decision.title,
                        "draft": decision.draft,
                        "explanation": decision.explanation,
                    },
                ),
                _then(
                    "决策草案已保存",
                    lambda d: services.update_draft(
                        decision,
                        title=d["title"],
                        draft=d["draft"],
                        explanation=d["explanation"],
                        actor=user,
                        files=_files(d),
                        version=locking.seen(request),
                    ),
                ),
                button="保存",
                lock=decision,
            )
        )
    response, status = _process(request, actions, reverse("decisions:detail", args=[pk]))
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "draft",
        actions,
        status=status,
        records_template="decisions/_overview.html",
        attachments=services.attachments_of(decision),
    )
