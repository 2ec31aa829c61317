"""The steps of a 政府信息公开申请, shared by the office page and the API: which ones the
request's state offers the person now, and running one through its service (the service
checks every rule, who may act included; this only maps what was typed to its arguments).

A step is taken against the version of the request the form was opened at
(``core.locking``): a clerk whose page predates a colleague's step is told who changed
what, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fazhi.core import access, locking

from . import forms_requests as forms
from .models import DisclosureRequest
from .services import requests as svc

ST = DisclosureRequest.State


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # the form's heading
    button: str
    done: str  # the success message
    form: type


ACTIONS = {
    a.code: a
    for a in (
        Action("correction", "补正告知（一次性告知，第三十条）", "告知补正", "已告知申请人补正",
               forms.CorrectionForm),
        Action("supplement", "收到补正", "登记", "已登记收到补正，答复期限重新计算",
               forms.SupplementForm),
        Action("consult", "征求意见（第三方或其他机关）", "发出征求意见函", "已登记征求意见",
               forms.ConsultForm),
        Action("answer", "登记意见", "登记", "已登记对方的意见", forms.AnswerForm),
        Action("extend", "延期答复（须经批准，第三十三条第二款）", "登记延期",
               "已延长答复期限", forms.ExtendForm),
        Action("fee", "收费通知（信息处理费）", "发出收费通知", "已发出收费通知", forms.FeeForm),
        Action("fee_paid", "已缴费", "登记缴费", "已登记缴费，答复期限恢复计算",
               forms.FeePaidForm),
        Action("reply", "答复", "作出答复", "已作出答复", forms.ReplyForm),
        Action("withdraw", "申请人撤回申请", "登记撤回", "已登记撤回", forms.WithdrawForm),
    )
}  # fmt: skip


def allowed(req: DisclosureRequest, user) -> list[str]:
    """What the request's state offers: only to those who may change the answering
    agency's records (the services refuse everyone else anyway)."""
    if not access.can(user, "change", req.unit):
        return []
    if req.state == ST.RECEIVED:
        out = []
        if req.correction_notified_on is None and req.corrected_on is None:
            out.append("correction")
        out.append("consult")
        if req.deadline_id:
            out.append("extend")
        if req.fee_notified_on is None:
            out.append("fee")
        return [*out, "reply", "withdraw"]
    if req.state == ST.CORRECTION:
        return ["supplement", "withdraw"]
    if req.state == ST.CONSULTING:
        out = ["consult", "answer"]
        if req.deadline_id:
            out.append("extend")
        return [*out, "withdraw"]
    if req.state == ST.FEE:
        return ["fee_paid", *(["extend"] if req.deadline_id else []), "withdraw"]
    return []


def run(code: str, req: DisclosureRequest, d: dict, user, seen=None) -> str:
    """Run step ``code`` with the cleaned values ``d``, against the version ``seen`` (a
    posted ``locking`` token, a version number from the API, or None); returns the
    success message."""
    with transaction.atomic():
        locking.claim(req, seen, bump=False)
        _run(code, req, d, user)
    return ACTIONS[code].done


def _run(code: str, req: DisclosureRequest, d: dict, user) -> None:
    files = d.get("attachments") or []
    if code == "correction":
        svc.request_correction(req, items=d["items"], on=d["on"], actor=user)
    elif code == "supplement":
        svc.supplement(req, on=d["on"], description=d.get("description") or "", actor=user,
                       attachments=files)  # fmt: skip
    elif code == "consult":
        svc.consult(req, kind=d["kind"], party=d["party"], sent_on=d["sent_on"], actor=user)
    elif code == "answer":
        svc.record_answer(d["consultation"], answer=d["answer"], on=d["on"],
                          note=d.get("note") or "", actor=user)  # fmt: skip
    elif code == "extend":
        svc.extend(req, days=d["days"], reason=d["reason"], approved_by=d["approved_by"],
                   approved_on=d["approved_on"], actor=user)  # fmt: skip
    elif code == "fee":
        svc.notify_fee(req, method=d["method"], on=d["on"], pages=d.get("pages") or 0,
                       actor=user)  # fmt: skip
    elif code == "fee_paid":
        svc.fee_paid(req, on=d["on"], actor=user)
    elif code == "reply":
        svc.reply(req, reply_type=d["reply_type"], on=d["on"], text=d["text"],
                  ground=d.get("ground") or "", other_agency=d.get("other_agency") or "",
                  actor=user, attachments=files)  # fmt: skip
    elif code == "withdraw":
        svc.withdraw(req, on=d["on"], reason=d["reason"], actor=user)
    else:  # pragma: no cover - the callers only pass ACTIONS' codes
        raise KeyError(code)
