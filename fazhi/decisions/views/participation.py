"""Public participation (公众参与, 条例第14—15条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone

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
def participation(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    open_ = decision.state == MajorDecision.State.DRAFTING and not decision.participation
    if _changer(request, decision) and open_:
        today = _today()
        actions += [
            Action(
                "consult",
                "公开征求意见（条例第14–15条）",
                _form(
                    request,
                    f.ConsultationForm,
                    "consult",
                    initial={
                        "opens_on": today,
                        "closes_on": today + timezone.timedelta(days=services.comment_days()),
                    },
                ),
                _then(
                    "已在门户网站发布公开征求意见",
                    lambda d: services.open_consultation(decision, actor=user, **d),
                ),
                button="发布征求意见",
                note="决策草案及起草说明将在门户网站“公开征求意见”栏目向社会公开。",
            ),
            Action(
                "exempt",
                "依法不公开征求意见",
                _form(request, f.ExemptionForm, "exempt"),
                _then(
                    "已登记不公开征求意见的理由",
                    lambda d: services.record_exemption(decision, actor=user, **d),
                ),
                button="登记",
                danger=True,
            ),
        ]
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    cons = None
    counts = None
    try:
        cons = services.consultation().consultation_for(decision)
        if cons is not None:
            counts = services.consultation().comment_counts(decision)
    except ImportError:
        pass
    return _page(
        request,
        decision,
        "participation",
        actions,
        status=status,
        records_template="decisions/_participation.html",
        consultation=cons,
        counts=counts,
    )
