"""Execution reports (决策执行, 条例第34—35条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from fazhi.core import events

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
    _with_atts,
)


@login_required
def execution(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    published = decision.state == MajorDecision.State.PUBLISHED
    if published and _changer(request, decision):
        actions.append(
            Action(
                "schedule",
                "确定执行情况报告日期",
                _form(request, f.ScheduleForm, "schedule", initial={"unit": decision.unit}),
                _then(
                    "已设定报告期限，进入期限工作台",
                    lambda d: services.schedule_execution_report(decision, actor=user, **d),
                ),
                button="设定",
            )
        )
    if published and (_changer(request, decision) or f._units(user).exists()):
        actions.append(
            Action(
                "note",
                "登记执行情况（条例第34–35条）",
                _form(
                    request,
                    f.ExecutionForm,
                    "note",
                    initial={"on": _today(), "unit": user.unit or decision.unit},
                ),
                _then(
                    "已登记执行情况",
                    lambda d: services.add_execution_note(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="登记",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    rt, rid = events.record_ref(decision)
    from fazhi.core.models import Deadline

    return _page(
        request,
        decision,
        "execution",
        actions,
        status=status,
        records_template="decisions/_execution.html",
        records=_with_atts(decision.execution_notes.select_related("unit")),
        deadlines=Deadline.objects.filter(record_type=rt, record_id=rid).select_related("unit"),
    )
