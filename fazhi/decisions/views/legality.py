"""Legality review (合法性审查, 条例第25—26条)."""

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
    _safe_status,
    _then,
)


@login_required
def legality(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    passed, summary = _safe_status(services.legality_status, decision)
    if _changer(request, decision) and not decision.is_closed_for_procedure and not passed:
        actions.append(
            Action(
                "request",
                "送请合法性审查（条例第25–28条）",
                _form(request, f.LegalityForm, "request"),
                _then(
                    "已送请合法性审查",
                    lambda d: services.request_legality_review(
                        decision,
                        actor=user,
                        reviewer_unit=d.get("reviewer_unit"),
                        materials=_files(d),
                    ),
                ),
                button="送审",
                note="送审前须完成公众参与、专家论证和风险评估（或说明不需开展的理由），"
                "并提供决策草案和起草说明（条例第26条）。审查时间一般不少于7个工作日。",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    review = None
    try:
        review = services.legal().latest_review(decision)
    except ImportError:
        pass
    return _page(
        request,
        decision,
        "legality",
        actions,
        status=status,
        records_template="decisions/_legality.html",
        review=review,
        review_text=summary,
        review_passed=passed,
    )
