"""The stage actions of a case, shared by the case page and the API: which actions the
case's stage allows now, and running one through its service (the services check every
rule; this only maps what was typed to their arguments)."""

from __future__ import annotations

from dataclasses import dataclass

from . import services
from .models import Case, CaseKind, Publication

S = Case.Stage
NOTHING_TO_EXECUTE = (
    Case.Outcome.NO_PENALTY,
    Case.Outcome.FIRST_VIOLATION_EXEMPT,
    Case.Outcome.NO_VIOLATION,
    Case.Outcome.GRANTED,
    Case.Outcome.REFUSED,
)


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # the form's heading
    button: str
    done: str  # the success message


ACTIONS = {
    a.code: a
    for a in (
        Action("investigate", "调查取证终结", "登记调查终结", "已登记调查取证"),
        Action("notify", "告知拟作出的处罚", "登记告知", "已登记告知"),
        Action("request_hearing", "当事人申请听证", "登记听证申请", "已登记听证申请"),
        Action("hearing", "举行听证", "登记听证", "已登记听证"),
        Action("review", "送法制审核", "送审", "已送法制审核"),
        Action("discuss", "负责人集体讨论", "登记集体讨论", "已登记集体讨论"),
        Action("decide", "作出决定", "作出决定", "已作出决定"),
        Action("serve", "送达决定书", "登记送达", "已登记送达"),
        Action("execute", "执行完毕", "登记执行", "已登记执行"),
        Action("close", "结案", "结案", "已结案"),
        Action("extend", "延长办理期限（须经批准）", "登记延长", "已延长办理期限"),
        Action("terminate", "终止案件（撤销立案）", "终止", "案件已终止"),
        Action("revoke", "决定被撤销或变更", "登记撤销", "已登记决定被撤销或变更"),
        Action("publish", "公示决定", "公示", "决定已公示"),
        Action("withhold", "不予公开", "登记不予公开", "已登记不予公开"),
        Action("withdraw", "撤回公示", "撤回", "已撤回公示"),
    )
}


def publication_of(case: Case) -> Publication | None:
    try:
        return case.publication
    except Publication.DoesNotExist:
        return None


def _review_open(case: Case) -> bool:
    from fazhi.legal import interface

    review = interface.latest_review(case)
    return review is not None and review.is_open


def available(case: Case) -> list[str]:
    """The actions the case's stage allows now (the services decide the rest)."""
    out = []
    stage, penalty = case.stage, case.kind == CaseKind.PENALTY
    is_open = stage in Case.OPEN_STAGES and case.procedure == Case.Procedure.ORDINARY
    if is_open:
        if stage == S.FILED:
            out.append("investigate")
        if penalty and stage == S.INVESTIGATED:
            out.append("notify")
        if case.hearing_notified_on and not case.hearing_requested_on:
            out.append("request_hearing")
        if case.hearing_requested_on and not case.hearing_on:
            out.append("hearing")
        if not (penalty and stage == S.FILED) and not (
            case.hearing_requested_on and not case.hearing_on
        ):
            if not _review_open(case):
                out.append("review")
            if not case.steps.filter(stage=S.COLLECTIVE).exists() and not (
                penalty and stage == S.INVESTIGATED
            ):
                out.append("discuss")
            out.append("decide")
        if case.deadline_id:
            out.append("extend")
        out.append("terminate")
    if stage == S.DECIDED:
        out.append("serve")
    if stage == S.SERVED:
        if case.outcome in NOTHING_TO_EXECUTE:
            out.append("close")
        else:
            out.append("execute")
    if stage == S.EXECUTED:
        out.append("close")
    if case.decided_on and not case.revoked_on:
        out.append("revoke")
    pub = publication_of(case)
    if pub is not None:
        if not pub.published_on and not pub.withheld_reason and not case.revoked_on:
            out.append("publish")
            out.append("withhold")
        if pub.published_on and not pub.withdrawn_on and case.revoked_on:
            out.append("withdraw")
    return out


def run(code: str, case: Case, d: dict, documents: dict, user) -> str:
    """Run action ``code`` with the cleaned values ``d``; returns the success message."""
    s = services
    if code == "investigate":
        s.investigate(
            case, on=d["on"], documents=documents, officers=d["officers"], actor=user,
            note=d.get("note", ""),
        )  # fmt: skip
    elif code == "notify":
        s.notify(
            case,
            on=d["on"],
            documents=documents,
            actor=user,
            proposed_fine=d.get("proposed_fine") or 0,
            proposed_revocation=bool(d.get("proposed_revocation")),
        )
    elif code == "request_hearing":
        s.request_hearing(case, on=d["on"], actor=user)
    elif code == "hearing":
        s.hold_hearing(
            case, notice_on=d["notice_on"], held_on=d["on"], documents=documents, actor=user
        )
    elif code == "review":
        s.send_for_review(
            case,
            actor=user,
            on=d.get("on"),
            fine=d.get("fine") or 0,
            confiscation=d.get("confiscation") or 0,
            revokes_license=bool(d.get("revokes_license")),
            materials=[m for m in (d.get("material"),) if m],
        )
    elif code == "discuss":
        s.discuss(case, on=d["on"], documents=documents, actor=user, note=d.get("note", ""))
    elif code == "decide":
        s.decide(
            case,
            on=d["on"],
            outcome=d["outcome"],
            documents=documents,
            actor=user,
            fine=d.get("fine") or 0,
            confiscation=d.get("confiscation") or 0,
            revokes_license=bool(d.get("revokes_license")),
            band=d.get("band"),
            outside_band_reason=d.get("outside_band_reason", ""),
        )
    elif code == "serve":
        s.serve(case, on=d["on"], documents=documents, actor=user)
    elif code == "execute":
        s.execute(case, on=d["on"], documents=documents, actor=user)
    elif code == "close":
        s.close(case, on=d["on"], documents=documents, actor=user)
    elif code == "extend":
        s.extend(
            case,
            days=d["days"],
            reason=d["reason"],
            approved_by=d["approved_by"],
            approved_on=d["approved_on"],
            actor=user,
            evidence=d.get("evidence"),
        )
    elif code == "terminate":
        s.terminate(case, on=d["on"], reason=d["reason"], actor=user)
    elif code == "revoke":
        s.revoke(case, on=d["on"], reason=d["reason"], actor=user)
    elif code == "publish":
        s.publish(case, on=d["on"], actor=user, late_reason=d.get("late_reason", ""))
    elif code == "withhold":
        s.withhold(case, reason=d["reason"], on=d["on"], actor=user)
    elif code == "withdraw":
        s.withdraw(case, on=d["on"], reason=d["reason"], actor=user)
    else:  # pragma: no cover - the callers only pass ACTIONS' codes
        raise KeyError(code)
    return ACTIONS[code].done
