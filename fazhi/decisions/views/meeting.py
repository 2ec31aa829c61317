"""Collective discussion and decision (集体讨论决定, 条例第30条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from .. import forms as f
from .. import services
from .base import (
    Action,
    _changer,
    _decision,
    _files,
    _form,
    _page,
    _process,
    _then,
    _with_atts,
)


@login_required
def meeting(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and not decision.is_closed_for_procedure:
        actions.append(
            Action(
                "meeting",
                "登记集体讨论决定（条例第30条）",
                _form(request, f.MeetingForm, "meeting"),
                _then(
                    "已登记集体讨论决定",
                    lambda d: services.record_collective_decision(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="登记",
                note="须在合法性审查通过、公众参与完成（或依法不公开征求意见）之后提交集体讨论；"
                "行政首长在集体讨论基础上最后作出决定，不同意见如实载明。",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "meeting",
        actions,
        status=status,
        records_template="decisions/_meeting.html",
        records=_with_atts(decision.meetings.all()),
    )
