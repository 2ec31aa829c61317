"""The catalogue (决策事项目录): propose, settle, approve, publish, adjust, re-publish
(重大行政决策程序暂行条例 第3条第3款)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import access, events
from fazhi.core.models import Attachment

from .. import forms as f
from .. import services
from ..models import CatalogItem, DecisionCatalog, MajorDecision
from .base import (
    Action,
    _files,
    _form,
    _int,
    _process,
    _then,
    _today,
)

# --- catalogue ------------------------------------------------------------------------------


@login_required
def catalog_list(request):
    qs = access.restrict(DecisionCatalog.objects.select_related("unit"), request.user, "view")
    year = request.GET.get("year", "")
    if _int(year):
        qs = qs.filter(year=_int(year))
    qs = qs.annotate(
        n_items=Count("items", filter=Q(items__state=CatalogItem.State.INCLUDED)),
        n_proposed=Count("items", filter=Q(items__state=CatalogItem.State.PROPOSED)),
    )
    can_create = f._units(request.user).exists()
    return render(
        request,
        "decisions/catalog_list.html",
        {"catalogs": qs, "can_create": can_create, "year": year},
    )


@login_required
def catalog_new(request):
    if not f._units(request.user).exists():
        raise PermissionDenied("您无权建立决策事项目录")
    form = f.CatalogForm(request.user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                catalog = services.create_catalog(actor=request.user, **form.cleaned_data)
                messages.success(request, "目录已建立，各单位可以申报决策事项")
                return redirect("decisions:catalog", pk=catalog.pk)
            except ValidationError as e:
                errors = e.messages
        status = 400
    return render(
        request, "decisions/catalog_new.html", {"form": form, "errors": errors}, status=status
    )


@login_required
def catalog_detail(request, pk: int):
    user = request.user
    catalog = access.get_for(user, DecisionCatalog.objects.select_related("unit"), "view", pk=pk)
    is_body = access.can(user, "change", catalog.unit)
    can_propose = f._units(user, catalog.unit).exists()
    url = reverse("decisions:catalog", args=[catalog.pk])
    S = DecisionCatalog.State
    actions: list[Action] = []
    if catalog.state == S.COLLECTING and can_propose:
        actions.append(
            Action(
                "propose",
                "申报决策事项",
                _form(request, f.ItemForm, "propose", user, catalog),
                _then(
                    "已申报决策事项，等待决策机关审定",
                    lambda d: services.propose_item(catalog, actor=user, **d),
                ),
                button="申报",
            )
        )
    if is_body and catalog.state == S.COLLECTING:
        actions.append(
            Action(
                "approve",
                "登记同级党委同意（条例第3条第3款）",
                _form(request, f.ApproveCatalogForm, "approve"),
                _then(
                    "已登记党委同意，目录可以向社会公布",
                    lambda d: services.approve_catalog(
                        catalog,
                        party_agreed_on=d["party_agreed_on"],
                        party_document=d["party_document"],
                        actor=user,
                        files=_files(d),
                    ),
                ),
                button="登记",
                note="所有申报事项审定后，登记同级党委同意的日期和文件。",
            )
        )
    if is_body and catalog.state == S.APPROVED:
        actions.append(
            Action(
                "publish",
                "向社会公布目录",
                _form(request, f.PublishCatalogForm, "publish", initial={"published_on": _today()}),
                _then(
                    "目录已公布，门户网站显示第1版",
                    lambda d: services.publish_catalog(catalog, actor=user, **d),
                ),
                button="公布",
            )
        )
    if is_body and catalog.state == S.PUBLISHED:
        actions += [
            Action(
                "adjust_add",
                "目录调整：增补事项",
                _form(request, f.AdjustAddForm, "adjust_add", user, catalog),
                _then(
                    "已增补事项，待重新公布",
                    lambda d: services.adjust_add(catalog, actor=user, **d),
                ),
                button="增补",
            ),
            Action(
                "adjust_remove",
                "目录调整：调出事项",
                _form(request, f.AdjustRemoveForm, "adjust_remove", catalog),
                _then(
                    "已调出事项，待重新公布",
                    lambda d: services.adjust_remove(
                        d["item"], reason=d["reason"], decided_on=d["decided_on"], actor=user
                    ),
                ),
                button="调出",
                danger=True,
            ),
        ]
        if catalog.pending_adjustments.exists():
            actions.append(
                Action(
                    "republish",
                    "重新公布调整后的目录",
                    _form(
                        request, f.RepublishForm, "republish", initial={"published_on": _today()}
                    ),
                    _then(
                        "调整后的目录已重新公布",
                        lambda d: services.republish_catalog(catalog, actor=user, **d),
                    ),
                    button="重新公布",
                )
            )
    # Settling one proposal: include / reject (buttons per row).
    if is_body and catalog.state == S.COLLECTING:
        item = None
        if request.method == "POST" and request.POST.get("action") in ("include", "reject"):
            item = catalog.items.filter(pk=_int(request.POST.get("item"))).first()
        reason_form = _form(request, f.RejectForm, "reject")
        actions += [
            Action(
                "include",
                "",
                None,
                _then(
                    "已列入目录草案",
                    lambda d: services.settle_item(_must(item), include=True, actor=user),
                ),
            ),
            Action(
                "reject",
                "",
                reason_form,
                _then(
                    "已确定不列入目录",
                    lambda d: services.settle_item(
                        _must(item), include=False, reason=d["reason"], actor=user
                    ),
                ),
            ),
        ]
    response, status = _process(request, actions, url)
    if response is not None:
        return response
    items = list(
        access.restrict(catalog.items.select_related("unit"), user, "view").order_by(
            "state", "number", "pk"
        )
    )
    decisions = {
        d.item_id: d
        for d in MajorDecision.objects.filter(item__catalog=catalog).only("pk", "item_id", "state")
    }
    visible = set(
        access.restrict(
            MajorDecision.objects.filter(item__catalog=catalog), user, "view"
        ).values_list("pk", flat=True)
    )
    rows = []
    for it in items:
        d = decisions.get(it.pk)
        rows.append(
            {
                "item": it,
                "decision": d if d and d.pk in visible else None,
                "can_start": d is None
                and it.state == CatalogItem.State.INCLUDED
                and catalog.state == S.PUBLISHED
                and access.can(user, "change", it.unit),
            }
        )
    row_errors = [e for a in actions if a.name in ("include", "reject") for e in a.errors]
    return render(
        request,
        "decisions/catalog_detail.html",
        {
            "catalog": catalog,
            "rows": rows,
            "is_body": is_body,
            "actions": [a for a in actions if a.title],
            "reject_form": next((a.form for a in actions if a.name == "reject"), None),
            "row_errors": row_errors,
            "versions": catalog.versions.all(),
            "adjustments": catalog.adjustments.select_related("item__unit"),
            "history": events.history(*events.record_ref(catalog)),
            "attachments": Attachment.objects.filter(
                record_type=events.record_ref(catalog)[0], record_id=str(catalog.pk)
            ),
        },
        status=status,
    )


def _must(item):
    if item is None:
        raise ValidationError("未找到该申报事项")
    return item
