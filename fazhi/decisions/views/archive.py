"""Archiving and the archive download (归档, 条例第33条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from .. import forms as f
from .. import services
from ..models import MajorDecision
from .base import (
    Action,
    _changer,
    _decision,
    _form,
    _page,
    _process,
    _then,
    _today,
)


@login_required
def archive(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if (
        _changer(request, decision)
        and decision.archived_on is None
        and decision.state in (MajorDecision.State.PUBLISHED, MajorDecision.State.REJECTED)
    ):
        actions.append(
            Action(
                "archive",
                "立卷归档（条例第33条）",
                _form(request, f.ArchiveForm, "archive", initial={"archived_on": _today()}),
                _then("已登记归档", lambda d: services.archive_decision(decision, actor=user, **d)),
                button="归档",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "archive",
        actions,
        status=status,
        records_template="decisions/_archive.html",
        attachments=services.attachments_of(decision),
    )


@login_required
def archive_zip(request, pk: int):
    decision = _decision(request, pk)
    name, payload = services.build_archive(decision, request.user)
    resp = HttpResponse(payload, content_type="application/zip")
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
