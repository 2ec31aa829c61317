"""Post-decision evaluation (决策后评估, 条例第36条)."""

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
    _with_atts,
)


@login_required
def evaluation(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    open_eval = decision.evaluations.filter(finished_on=None).first()
    if decision.state == MajorDecision.State.PUBLISHED and _changer(request, decision):
        if open_eval is None:
            actions.append(
                Action(
                    "start",
                    "启动决策后评估（条例第36条）",
                    _form(
                        request, f.EvaluationStartForm, "start", initial={"started_on": _today()}
                    ),
                    _then(
                        "已启动决策后评估",
                        lambda d: services.start_evaluation(decision, actor=user, **d),
                    ),
                    button="启动",
                    note="承担评估的单位可以是第三方，但不得是决策作出前承担主要论证评估工作的单位："
                    + ("、".join(sorted(services.pre_decision_assessors(decision))) or "（无）"),
                )
            )
        else:
            actions.append(
                Action(
                    "finish",
                    "登记评估结果",
                    _form(
                        request, f.EvaluationFinishForm, "finish", initial={"finished_on": _today()}
                    ),
                    _then(
                        "已登记决策后评估结果",
                        lambda d: services.finish_evaluation(
                            open_eval,
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
    return _page(
        request,
        decision,
        "evaluation",
        actions,
        status=status,
        records_template="decisions/_evaluation.html",
        records=_with_atts(decision.evaluations.all()),
    )
