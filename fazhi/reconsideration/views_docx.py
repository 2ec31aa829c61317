"""Downloads of a 行政复议's documents as DOCX (docx_out.py): the application's 补正通知书 and
不予受理决定书, the case's 受理通知书, 答复通知书 and 行政复议决定书, and a 意见书/建议书.

Every record is read through ``core.access`` (another unit's staff get 404, as for any
record they cannot see; the respondent reads the case against it). A document the record
cannot give yet answers 409 with the reason. A notice is numbered the first time the
复议机构 makes it, which is an event in the full-process record; a download itself is not
recorded, as enforcement's 文书 downloads are not.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.http import require_safe

from fazhi.core import access

from . import docx_out
from .models import Application, Case, OpinionLetter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _back(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # the record page is not mounted (yet)
        return ""


def _not_yet(request, obj, why: str):
    return render(
        request,
        "core/error.html",
        {"status": 409, "title": "暂不能制作该文书", "text": why, "back": _back(obj)},
        status=409,
    )


def _download(request, obj, kind: str, name: str):
    why = docx_out.refusal(obj, kind) if not isinstance(obj, OpinionLetter) else None
    if why:
        return _not_yet(request, obj, why)
    doc, payload = docx_out.render(obj, kind, actor=request.user)
    resp = HttpResponse(payload, content_type=DOCX)
    label = quote(f"{doc['title']}{doc['preamble'][0]}.docx")
    resp["Content-Disposition"] = f"attachment; filename={name}.docx; filename*=UTF-8''{label}"
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@require_safe
@login_required
def application_docx(request, pk: int, kind: str):
    if kind not in docx_out.APPLICATION_DOCS:
        raise Http404("没有这种文书")
    app = access.get_for(
        request.user,
        Application.objects.select_related("unit", "unit__parent", "respondent"),
        "view",
        pk=pk,
    )
    return _download(request, app, kind, f"application-{app.pk}-{kind}")


@require_safe
@login_required
def case_docx(request, pk: int, kind: str):
    if kind not in docx_out.CASE_DOCS:
        raise Http404("没有这种文书")
    case = access.get_for(
        request.user,
        Case.objects.select_related("unit", "unit__parent", "respondent", "application"),
        "view",
        pk=pk,
    )
    return _download(request, case, kind, f"case-{case.pk}-{kind}")


@require_safe
@login_required
def letter_docx(request, pk: int):
    item = access.get_for(
        request.user,
        OpinionLetter.objects.select_related(
            "unit", "unit__parent", "addressee", "case", "case__application", "deadline"
        ),
        "view",
        pk=pk,
    )
    return _download(request, item, item.kind, f"letter-{item.pk}")


urlpatterns = [
    path("applications/<int:pk>/docx/<slug:kind>/", application_docx, name="application_docx"),
    path("cases/<int:pk>/docx/<slug:kind>/", case_docx, name="case_docx"),
    path("letters/<int:pk>/docx/", letter_docx, name="letter_docx"),
]


def downloads(obj) -> list[tuple[str, str]]:
    """(title, URL) of the documents the record gives now, for its page's download links."""
    if isinstance(obj, OpinionLetter):
        return [(obj.get_kind_display(), reverse("reconsideration:letter_docx", args=[obj.pk]))]
    name = "application_docx" if isinstance(obj, Application) else "case_docx"
    return [
        (docx_out.TITLES[kind], reverse(f"reconsideration:{name}", args=[obj.pk, kind]))
        for kind in docx_out.available(obj)
    ]
