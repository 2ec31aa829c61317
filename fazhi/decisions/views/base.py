"""The action machinery shared by every page of the module: an ``Action`` is one form
of a page with the service call it runs; ``_process`` runs the posted one and brings a
refused step back as the same page with the form kept and the Chinese reason."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.models import Attachment
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing

from .. import services
from ..models import MajorDecision

# --- the action machinery ------------------------------------------------------------------


@dataclass
class Action:
    name: str
    title: str
    form: forms.Form | None
    run: Callable[[dict], str]
    button: str = "提交"
    note: str = ""
    danger: bool = False
    errors: list[str] = field(default_factory=list)
    lock: object = None  # the record an edit form changes (optimistic locking)


def _bound(request, name: str) -> bool:
    return request.method == "POST" and request.POST.get("action") == name


def _form(request, cls, name: str, *args, initial=None, **kwargs):
    bound = _bound(request, name)
    return cls(
        *args,
        data=request.POST if bound else None,
        files=request.FILES if bound else None,
        prefix=name,
        initial=initial,
        **kwargs,
    )


def _process(request, actions: list[Action], success_url: str):
    """Run the posted action. Returns (redirect or None, HTTP status)."""
    if request.method != "POST":
        return None, 200
    name = request.POST.get("action")
    act = next((a for a in actions if a.name == name), None)
    if act is None:
        raise PermissionDenied("当前不能办理该事项，或您无权办理")
    if act.form is not None and not act.form.is_valid():
        return None, 400
    try:
        message = act.run(act.form.cleaned_data if act.form is not None else {})
    except ValidationError as e:
        act.errors = e.messages
        return None, 400
    except (UploadRejected, CalendarMissing) as e:
        act.errors = [str(e)]
        return None, 400
    messages.success(request, message)
    return redirect(success_url), 302


def _then(message: str, fn: Callable[[dict], object]) -> Callable[[dict], str]:
    def run(data: dict) -> str:
        fn(data)
        return message

    return run


def _files(data: dict) -> list:
    return [data["file"]] if data.get("file") else []


def _with_atts(objs):
    """Attach each record's attachments as ``obj.atts`` (one query)."""
    objs = list(objs)
    if not objs:
        return objs
    refs = {events.record_ref(o): o for o in objs}
    q = Q(pk__in=[])
    for rt, rid in refs:
        q |= Q(record_type=rt, record_id=rid)
    found = defaultdict(list)
    for att in Attachment.objects.filter(q):
        found[(att.record_type, att.record_id)].append(att)
    for ref, o in refs.items():
        o.atts = found.get(ref, [])
    return objs


def _today():
    return timezone.localdate()


def _int(value) -> int | None:
    """A record id or year typed into a query string or form: a positive integer in the
    database's range, else None (garbage never reaches a query)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text) or None


STEPS = [
    ("draft", "决策草案"),
    ("participation", "公众参与"),
    ("expert", "专家论证"),
    ("risk", "风险评估"),
    ("legality", "合法性审查"),
    ("meeting", "集体讨论决定"),
    ("party", "向党委请示报告"),
    ("publish", "公布"),
    ("execution", "执行情况"),
    ("evaluation", "决策后评估"),
    ("archive", "归档"),
]


def _safe_status(fn, decision) -> tuple[bool, str]:
    try:
        return fn(decision)
    except ImportError:
        return False, "相关模块尚未启用"


def step_status(decision: MajorDecision) -> list[dict]:
    S = MajorDecision.State
    last_meeting = decision.meetings.order_by("-meeting_on", "-pk").first()
    n_notes = decision.execution_notes.count()
    n_evals = decision.evaluations.count()
    status = {
        "draft": (
            bool(decision.draft and decision.explanation),
            "已形成决策草案和起草说明"
            if decision.draft and decision.explanation
            else "请填写决策草案和起草说明",
        ),
        "participation": _safe_status(services.participation_status, decision),
        "expert": services.expert_status(decision),
        "risk": services.risk_status(decision),
        "legality": _safe_status(services.legality_status, decision),
        "meeting": (
            decision.state in (S.DECIDED, S.PUBLISHED),
            f"{last_meeting.meeting_name}：{last_meeting.get_outcome_display()}"
            if last_meeting
            else "尚未提交集体讨论",
        ),
        "party": (
            decision.party_reported_on is not None,
            f"{decision.party_reported_on:%Y-%m-%d}已请示报告"
            if decision.party_reported_on
            else "出台前须向同级党委请示报告",
        ),
        "publish": (
            decision.state == S.PUBLISHED,
            f"{decision.published_on:%Y-%m-%d}已公布" if decision.published_on else "尚未公布",
        ),
        "execution": (n_notes > 0, f"执行情况{n_notes}条" if n_notes else "暂无执行情况"),
        "evaluation": (n_evals > 0, f"决策后评估{n_evals}次" if n_evals else "未开展"),
        "archive": (
            decision.archived_on is not None,
            f"{decision.archived_on:%Y-%m-%d}已归档" if decision.archived_on else "尚未归档",
        ),
    }
    base = reverse("decisions:detail", args=[decision.pk])
    return [
        {
            "key": key,
            "label": label,
            "url": base if key == "draft" else f"{base}{key}/",
            "done": status[key][0],
            "text": status[key][1],
        }
        for key, label in STEPS
    ]


def _decision(request, pk: int) -> MajorDecision:
    return access.get_for(
        request.user,
        MajorDecision.objects.select_related("unit", "body", "item__catalog"),
        "view",
        pk=pk,
    )


def _page(request, decision, step, actions, *, status=200, records_template="", **extra):
    refs = services.related_records(decision)
    return render(
        request,
        "decisions/step.html",
        {
            "decision": decision,
            "steps": step_status(decision),
            "step": step,
            "step_label": dict(STEPS)[step],
            "actions": actions,
            "records_template": records_template,
            "history": services.full_record(decision, refs),
            "can_change": access.can(request.user, "change", decision.unit),
            **extra,
        },
        status=status,
    )


def _changer(request, decision) -> bool:
    return access.can(request.user, "change", decision.unit)
