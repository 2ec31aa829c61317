"""Publication of the decision (公布, 条例第32条)."""

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
    _today,
)


@login_required
def publish(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and decision.state in (
        MajorDecision.State.DECIDED,
        MajorDecision.State.UNDER_REVIEW,
        MajorDecision.State.DEFERRED,
        MajorDecision.State.DRAFTING,
    ):
        actions.append(
            Action(
                "publish",
                "公布决策（条例第32条）",
                _form(
                    request,
                    f.PublishForm,
                    "publish",
                    initial={"published_on": _today(), "published_text": decision.draft},
                ),
                _then(
                    "决策已公布，门户网站已显示",
                    lambda d: services.publish_decision(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="公布",
                note="须经集体讨论决定通过并向同级党委请示报告后方可公布。",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "publish",
        actions,
        status=status,
        records_template="decisions/_publish.html",
    )
