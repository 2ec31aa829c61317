"""The steps of a 信访事项, shared by the office page and the API: which ones its state
offers the person now (the registering unit's and the handling unit's steps apart), and
running one through its service, against the version of the record the form was opened at
(``core.locking``). The services check every rule again."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fazhi.core import access, locking

from . import forms_petitions as forms
from .access_petitions import HANDLE
from .models import Petition
from .services import petitions as svc

ST = Petition.State


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    button: str
    done: str
    form: type


ACTIONS = {
    a.code: a
    for a in (
        Action("route", "转送交办（第二十二条）", "登记处理方式", "已登记处理方式", forms.RouteForm),
        Action("object", "提出异议：不属于本机关处理（第二十三条）", "提出异议",
               "已提出异议，退回登记单位", forms.ObjectForm),
        Action("notify", "书面告知是否受理（第二十三条）", "登记告知", "已登记告知", forms.NoticeForm),
        Action("extend", "延长办理期限（第三十四条，须经本机关负责人批准）", "登记延期",
               "已延长办理期限", forms.ExtendForm),
        Action("conclude", "办结（出具处理意见书或答复）", "办结", "已办结", forms.ConcludeForm),
        Action("serve", "处理意见书送达", "登记送达", "已登记送达", forms.ServeForm),
        Action("review", "请求复查（第三十五条）", "登记复查请求", "已登记复查请求",
               forms.ReviewRequestForm),
        Action("review_answer", "复查意见", "登记复查意见", "已登记复查意见", forms.AnswerForm),
        Action("review_serve", "复查意见书送达", "登记送达", "已登记送达", forms.ServeAnswerForm),
        Action("re_review", "请求复核（第三十六条）", "登记复核请求", "已登记复核请求",
               forms.ReviewRequestForm),
        Action("hearing_start", "复核听证开始（听证时间不计入复核期限）", "登记",
               "已登记听证开始", forms.HearingStartForm),
        Action("hearing_end", "复核听证结束", "登记", "已登记听证结束", forms.HearingEndForm),
        Action("re_review_answer", "复核意见", "登记复核意见", "已登记复核意见", forms.AnswerForm),
        Action("re_review_serve", "复核意见书送达", "登记送达", "已登记送达",
               forms.ServeAnswerForm),
    )
}  # fmt: skip


def make_form(code: str, p: Petition, data=None, prefix=None):
    kw = {}
    if code == "route":
        kw["repeat"] = svc.reviewed_repeat(p)
    return ACTIONS[code].form(p, data, prefix=prefix, **kw)


def allowed(p: Petition, user) -> list[str]:
    """What the petition's state offers the person now."""
    out: list[str] = []
    registering = access.can(user, "change", p.unit)
    handling = p.handling_unit_id is not None and access.can(user, HANDLE, p.handling_unit)
    if p.state == ST.REGISTERED and registering:
        out.append("route")
    if p.state == ST.ROUTED and handling:
        if p.route in ("transfer", "assign"):
            out.append("object")
        out.append("notify")
    if p.state == ST.HANDLING and handling:
        if p.category == "claim" and p.deadline_id:
            out.append("extend")
        out.append("conclude")
    if p.state == ST.CONCLUDED and p.category == "claim":
        if handling and p.opinion_served_on is None:
            out.append("serve")
        if registering:
            out += _review_steps(p)
    return out


def _review_steps(p: Petition) -> list[str]:
    reviews = {r.level: r for r in p.reviews.all()}
    review, re_review = reviews.get("review"), reviews.get("re_review")
    if review is None:
        return ["review"] if p.opinion_served_on else []
    if review.answered_on is None:
        return ["review_answer"]
    if review.served_on is None:
        return ["review_serve"]
    if re_review is None:
        return ["re_review"]
    if re_review.answered_on is None:
        if re_review.hearing_from is None:
            return ["hearing_start", "re_review_answer"]
        if re_review.hearing_to is None:
            return ["hearing_end"]
        return ["re_review_answer"]
    if re_review.served_on is None:
        return ["re_review_serve"]
    return []


def run(code: str, p: Petition, d: dict, user, seen=None) -> str:
    with transaction.atomic():
        locking.claim(p, seen, bump=False)
        _run(code, p, d, user)
    return ACTIONS[code].done


def _run(code: str, p: Petition, d: dict, user) -> None:
    if code == "route":
        svc.route(p, route=d["route"], on=d["on"], handling_unit=d.get("handling_unit"),
                  handling_received_on=d.get("handling_received_on"),
                  ground=d.get("ground") or "", actor=user)  # fmt: skip
    elif code == "object":
        svc.object_to_transfer(p, on=d["on"], reason=d["reason"], actor=user)
    elif code == "notify":
        svc.notify(p, accepted=d["accepted"], notified_on=d["notified_on"],
                   accepted_on=d.get("accepted_on"), ground=d.get("ground") or "",
                   actor=user)  # fmt: skip
    elif code == "extend":
        svc.extend(p, days=d["days"], approved_by=d["approved_by"], reason=d["reason"],
                   approved_on=d["approved_on"], actor=user)  # fmt: skip
    elif code == "conclude":
        svc.conclude(p, concluded_on=d["concluded_on"], result=d.get("result") or "",
                     opinion_number=d.get("opinion_number") or "", opinion=d["opinion"],
                     served_on=d.get("served_on"), satisfied=d.get("satisfied"),
                     actor=user)  # fmt: skip
    elif code == "serve":
        svc.serve(p, served_on=d["served_on"], actor=user)
    elif code in ("review", "re_review"):
        fn = svc.request_review if code == "review" else svc.request_re_review
        fn(p, reviewing_unit=d["reviewing_unit"], requested_on=d["requested_on"], actor=user)
    elif code in ("review_answer", "re_review_answer"):
        svc.answer(p, level=code.removesuffix("_answer"), result=d["result"],
                   opinion_number=d["opinion_number"], opinion=d["opinion"],
                   answered_on=d["answered_on"], served_on=d.get("served_on"),
                   actor=user)  # fmt: skip
    elif code in ("review_serve", "re_review_serve"):
        svc.serve_answer(p, level=code.removesuffix("_serve"), served_on=d["served_on"],
                         actor=user)  # fmt: skip
    elif code == "hearing_start":
        svc.hearing(p, start=d["start"], actor=user)
    elif code == "hearing_end":
        svc.hearing(p, end=d["end"], actor=user)
    else:  # pragma: no cover - the callers only pass ACTIONS' codes
        raise KeyError(code)
