"""Reporting to the Party committee (向党委请示报告, 条例第31条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from .. import forms as f
from .. import services
from ..models import MajorDecision
from .base import (
    Action,
    _changer,
    _decision,
    _files,
    _form,
    _page,
    _process,
    _then,
)


@login_required
def party(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and decision.state == MajorDecision.State.DECIDED:
        actions.append(
            Action(
                "party",
                "登记向同级党委请示报告（条例第31条）",
                _form(request, f.PartyReportForm, "party"),
                _then(
                    "已登记请示报告情况",
                    lambda d: services.record_party_report(
                        decision,
                        reported_on=d["reported_on"],
                        document=d["document"],
                        note=d["note"],
                        actor=user,
                        files=_files(d),
                    ),
                ),
                button="登记",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "party",
        actions,
        status=status,
        records_template="decisions/_party.html",
        attachments=[a for a in services.attachments_of(decision) if a.description == "请示报告"],
    )
