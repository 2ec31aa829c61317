"""Expert review and risk assessment (专家论证、风险评估, 条例第19—24条)."""

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

# Expert review and risk assessment are the same shape: record one (or more), or state why
# the decision needs none.
_STUDIES = {
    "expert": dict(
        label="登记专家论证（条例第19–21条）",
        done="已登记专家论证",
        record=services.record_expert_review,
        form=f.ExpertForm,
        related="expert_reviews",
        not_required="expert_not_required",
        waive_label="说明不需要专家论证的理由",
        waive_done="已登记不需专家论证的理由",
        waive_note="条例第19条：专业性、技术性较强的决策事项应当组织专家论证。",
    ),
    "risk": dict(
        label="登记风险评估（条例第22–24条）",
        done="已登记风险评估",
        record=services.record_risk_assessment,
        form=f.RiskForm,
        related="risk_assessments",
        not_required="risk_not_required",
        waive_label="说明不需要风险评估的理由",
        waive_done="已登记不需风险评估的理由",
        waive_note="条例第22条：决策实施可能对社会稳定、公共安全等方面造成不利影响的，"
        "应当组织风险评估。",
    ),
}


def _study(request, pk: int, step: str):
    spec = _STUDIES[step]
    decision = _decision(request, pk)
    user = request.user
    records = getattr(decision, spec["related"])
    actions = []
    if _changer(request, decision) and not decision.is_closed_for_procedure:
        actions.append(
            Action(
                step,
                spec["label"],
                _form(request, spec["form"], step),
                _then(
                    spec["done"],
                    lambda d: spec["record"](
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="登记",
            )
        )
        if not records.exists() and not getattr(decision, spec["not_required"]):
            actions.append(
                Action(
                    "waive",
                    spec["waive_label"],
                    _form(request, f.WaiveForm, "waive"),
                    _then(
                        spec["waive_done"],
                        lambda d: services.waive_step(
                            decision, step=step, reason=d["reason"], actor=user
                        ),
                    ),
                    button="登记",
                    note=spec["waive_note"],
                    danger=True,
                )
            )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        step,
        actions,
        status=status,
        records_template=f"decisions/_{step}.html",
        records=_with_atts(records.all()),
    )


@login_required
def expert(request, pk: int):
    return _study(request, pk, "expert")


@login_required
def risk(request, pk: int):
    return _study(request, pk, "risk")
