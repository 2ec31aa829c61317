"""Downloads of the documents of an 依申请公开 as DOCX (docx_out.py): the request's 补正告知书,
延期答复告知书, 答复书 and 信息处理费收费通知, and a consultation's 征求意见函.

Every record is read through ``core.access`` (another unit's staff get 404, as for any
record they cannot see). A document the record cannot give yet answers 409 with the
reason. A document is numbered the first time the agency's staff make it, which is an
event in the full-process record; a download itself is not recorded.
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
from .models import DisclosureRequest, ThirdPartyConsultation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _back(req: DisclosureRequest) -> str:
    try:
        return req.get_absolute_url()
    except NoReverseMatch:  # the record page is not mounted (yet)
        return ""


def _download(request, obj, kind: str, req: DisclosureRequest, name: str):
    why = docx_out.refusal(obj, kind)
    if why:
        return render(
            request,
            "core/error.html",
            {"status": 409, "title": "暂不能制作该文书", "text": why, "back": _back(req)},
            status=409,
        )
    doc, payload = docx_out.render(obj, kind, actor=request.user)
    resp = HttpResponse(payload, content_type=DOCX)
    label = quote(f"{doc['title']}{doc['preamble'][0]}.docx")
    resp["Content-Disposition"] = f"attachment; filename={name}.docx; filename*=UTF-8''{label}"
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def _requests(user):
    return access.restrict(
        DisclosureRequest.objects.select_related(
            "unit", "unit__parent", "deadline", "correction_deadline", "repeat_of"
        ),
        user,
        "view",
    )


@require_safe
@login_required
def request_docx(request, pk: int, kind: str):
    if kind not in docx_out.REQUEST_DOCS:
        raise Http404("没有这种文书")
    req = _requests(request.user).filter(pk=pk).first()
    if req is None:
        raise Http404("记录不存在或无权访问")
    return _download(request, req, kind, req, f"disclosure-request-{req.pk}-{kind}")


@require_safe
@login_required
def consultation_docx(request, pk: int):
    """A consultation is the request's: it is read through the request's scope."""
    item = (
        ThirdPartyConsultation.objects.select_related("request", "request__unit")
        .filter(pk=pk, request__in=_requests(request.user))
        .first()
    )
    if item is None:
        raise Http404("记录不存在或无权访问")
    return _download(
        request, item, "consultation", item.request, f"disclosure-consultation-{item.pk}"
    )


urlpatterns = [
    path("requests/<int:pk>/docx/<slug:kind>/", request_docx, name="request_docx"),
    path("consultations/<int:pk>/docx/", consultation_docx, name="consultation_docx"),
]


def downloads(obj) -> list[tuple[str, str]]:
    """(title, URL) of the documents the record gives now, for its page's download links."""
    if isinstance(obj, ThirdPartyConsultation):
        return [
            (
                docx_out.TITLES["consultation"],
                reverse("disclosure:consultation_docx", args=[obj.pk]),
            )
        ]
    return [
        (docx_out.TITLES[kind], reverse("disclosure:request_docx", args=[obj.pk, kind]))
        for kind in docx_out.available(obj)
    ]
