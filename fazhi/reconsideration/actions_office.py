"""The actions on an application and on a case, shared by the office pages and the API:
which ones the record's state offers the person now, and running one through its service
(the services check every rule, who may act included; this only maps what was typed to
their arguments)."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core import access

from . import forms
from .models import Application, Case
from .services import applications as apps_svc
from .services import cases as cases_svc
from .services import document_review

AS = Application.State
CS = Case.State


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # the form's heading
    button: str
    done: str  # the success message
    form: type


APPLICATION_ACTIONS = {
    a.code: a
    for a in (
        Action("correction", "通知补正", "通知补正", "已通知申请人补正", forms.CorrectionForm),
        Action("corrected", "收到补正材料", "登记", "已登记收到补正材料", forms.CorrectedForm),
        Action("accept", "受理", "受理", "已受理", forms.AcceptForm),
        Action("reject", "不予受理", "决定不予受理", "已决定不予受理", forms.RejectForm),
        Action(
            "refer", "告知向有权机关申请", "登记告知", "已告知申请人向有权机关申请", forms.ReferForm
        ),
        Action("withdraw", "申请人撤回申请", "登记撤回", "已登记撤回", forms.WithdrawForm),
    )
}

CASE_ACTIONS = {
    a.code: a
    for a in (
        Action("copy", "发送申请书副本", "登记发送", "已登记发送申请书副本", forms.CopyForm),
        Action("answer", "被申请人答复", "提交答复", "已登记被申请人答复", forms.AnswerForm),
        Action("hearing", "听证通知", "登记听证通知", "已登记听证通知", forms.HearingForm),
        Action("suspend", "中止审理", "中止", "案件已中止审理", forms.SuspendForm),
        Action("resume", "恢复审理", "恢复", "案件已恢复审理", forms.ResumeForm),
        Action(
            "extend", "延长审理期限（须经批准）", "登记延期", "已延长审理期限", forms.ExtendForm
        ),
        Action("decide", "作出决定（结案）", "作出决定", "已作出决定", forms.DecideForm),
        Action("serve", "送达决定书", "登记送达", "已登记送达", forms.ServeForm),
        Action("publish", "公开决定书", "登记公开", "已登记公开", forms.PublishForm),
        Action("superior", "抄告上一级主管部门", "登记抄告", "已登记抄告", forms.SuperiorForm),
        Action(
            "document_review",
            "转规范性文件附带审查",
            "转送",
            "已转规范性文件附带审查办理",
            forms.DocumentReviewForm,
        ),
    )
}


def application_actions(app: Application, user) -> list[str]:
    """What the application's state offers: only to those who may change the 复议机构's
    records (the services refuse everyone else anyway)."""
    if not access.can(user, "change", app.unit):
        return []
    if app.state == AS.RECEIVED:
        out = [] if app.correction_notified_on else ["correction"]
        return [*out, "accept", "reject", "refer", "withdraw"]
    if app.state == AS.CORRECTION:
        return ["corrected", "refer", "withdraw"]
    return []


def _respondent_clerk(case: Case, user) -> bool:
    return case.respondent is not None and access.can(user, "change", case.respondent)


def case_actions(case: Case, user) -> list[str]:
    """What the case's state offers: the 复议机构 every step; the respondent department
    its answer only."""
    body = access.can(user, "change", case.unit)
    is_open = case.state in (CS.REVIEW, CS.SUSPENDED)
    answer_open = is_open and case.copy_sent_on and not case.answered_on
    if not body:
        return ["answer"] if answer_open and _respondent_clerk(case, user) else []
    out = []
    if case.state == CS.REVIEW:
        if not case.copy_sent_on:
            out.append("copy")
        if answer_open:
            out.append("answer")
        out += ["hearing", "suspend"]
    if case.state == CS.SUSPENDED:
        if answer_open:
            out.append("answer")
        out.append("resume")
    if is_open and case.procedure == Case.Procedure.ORDINARY:
        out.append("extend")
    if case.state == CS.REVIEW:
        out.append("decide")
    if is_open and case.document_review.strip() and not case.document_review_ref:
        out.append("document_review")
    if case.decided_on and not case.served_on:
        out.append("serve")
    if case.state == CS.DECIDED and not case.published_on:
        out.append("publish")
    if (
        case.state == CS.DECIDED
        and cases_svc.superior_copy_required(case)
        and not case.superior_copied_on
    ):
        out.append("superior")
    return out


def run_application(code: str, app: Application, d: dict, user):
    """Run action ``code`` with the cleaned values ``d``; returns (message, the record to
    show next: the new case after 受理, else the application)."""
    s = apps_svc
    if code == "correction":
        s.request_correction(app, items=d["items"], on=d["on"], actor=user)
    elif code == "corrected":
        s.receive_correction(app, on=d["on"], actor=user, attachments=d.get("attachments") or [])
    elif code == "accept":
        case = cases_svc.accept(
            app,
            on=d["on"],
            actor=user,
            procedure=d["procedure"],
            simple_ground=d.get("simple_ground") or "",
            amount=d.get("amount"),
        )
        return f"已受理，立案{case.number}", case
    elif code == "reject":
        s.reject(app, on=d["on"], reason=d["reason"], actor=user)
    elif code == "refer":
        s.refer(app, on=d["on"], to=d["to"], reason=d["reason"], actor=user)
    elif code == "withdraw":
        s.withdraw(app, on=d["on"], reason=d["reason"], actor=user)
    else:  # pragma: no cover - the callers only pass APPLICATION_ACTIONS' codes
        raise KeyError(code)
    return APPLICATION_ACTIONS[code].done, app


def run_case(code: str, case: Case, d: dict, user) -> str:
    s = cases_svc
    if code == "copy":
        s.send_copy(case, on=d["on"], actor=user)
    elif code == "answer":
        s.answer(case, on=d["on"], summary=d["summary"], actor=user,
                 attachments=d.get("attachments") or [])  # fmt: skip
    elif code == "hearing":
        s.schedule_hearing(case, notified_on=d["notified_on"], hearing_on=d["hearing_on"],
                           actor=user)  # fmt: skip
    elif code == "suspend":
        s.suspend(case, on=d["on"], ground=d["ground"], note=d.get("note") or "", actor=user)
    elif code == "resume":
        s.resume(case, on=d["on"], actor=user)
    elif code == "extend":
        s.extend(case, days=d["days"], reason=d["reason"], approved_by=d["approved_by"],
                 approved_on=d["approved_on"], actor=user)  # fmt: skip
    elif code == "decide":
        s.decide(case, on=d["on"], outcome=d["outcome"], summary=d["summary"], actor=user)
    elif code == "serve":
        s.serve(case, on=d["on"], actor=user)
    elif code == "publish":
        s.publish(case, on=d["on"], actor=user)
    elif code == "superior":
        s.copy_to_superior(case, on=d["on"], actor=user)
    elif code == "document_review":
        document_review.route_document_review(
            case,
            document_title=d["document_title"],
            document_number=d.get("document_number") or "",
            actor=user,
        )
    else:  # pragma: no cover - the callers only pass CASE_ACTIONS' codes
        raise KeyError(code)
    return CASE_ACTIONS[code].done
