"""依申请公开 on the portal: a request sent online without an account (条例 第二十九条: 申请
may be made 通过互联网渠道; 第三十一条第三项: received the day it is sent, confirmed at
once), and the applicant's status page by number + query code or the secret link.

The status page shows that request's steps and nothing else: not another request, not the
third party consulted (第三十二条 protects it), no staff names, and no personal data in
clear (the link may be forwarded). A wrong number or code gets one message that does not
say which was wrong, and failed look-ups are limited per client address (core's
``portal_throttle``, keys ``disclosure:…``), so codes cannot be guessed. The page only
reads: a 补正 reaches the clerk by letter or online to the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse

from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import Deadline
from fazhi.core.portal_throttle import PortalThrottle
from fazhi.core.sniff import UploadRejected
from fazhi.core.throttle import client_ip

from . import conf, rules
from .forms_public import PERSON, ApplyForm, TrackForm
from .models import DisclosureRequest, ThirdPartyConsultation
from .services import requests as requests_svc
from .services.common import code_matches, hash_code

R = DisclosureRequest
ST = R.State
SESSION_KEY = "disclosure_applied"
NOT_FOUND = "申请编号或查询码不正确。请核对提交申请时页面显示的申请编号和查询码后重新输入。"
BAD_LINK = "该查询链接无效。请核对链接，或用申请编号和查询码查询。"
FILES_AGAIN = "为安全起见，已选择的附件不会保留：提交前请重新选择附件。"
CLOCK_WAITING = (
    "答复期限待工作日历（国务院办公厅公布的节假日安排）载入后自动计算，"
    "计算后将在本页显示；您的申请已于提交当日收到，不影响办理。"
)


# --- rate limits (settings block "政府信息公开 portal" in settings.py) -------------------------


def window() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "FAZHI_DISCLOSURE_RATE_WINDOW_MINUTES", 60)))


def status_tries() -> int:
    """Failed status look-ups (wrong number, code or link) per client address and window."""
    return int(getattr(settings, "FAZHI_DISCLOSURE_STATUS_TRIES", 10))


def requests_per_window() -> int:
    """Requests sent from one client address per window."""
    return int(getattr(settings, "FAZHI_DISCLOSURE_APPLY_RATE", 10))


throttle = PortalThrottle(prefix="disclosure:", salt="fazhi.disclosure", window=window)


# --- the online request -------------------------------------------------------------------


def _initial(request) -> dict:
    unit = str(request.GET.get("unit") or "")
    return {"unit": unit} if unit.isascii() and unit.isdigit() else {}


def apply(request):
    """One page: the form, refused with every field kept (files must be chosen again),
    or sent to ``requests.submit`` as an online request (actor None)."""
    if request.method != "POST":
        form = ApplyForm(initial=_initial(request))
        return render(request, "disclosure/public/apply.html", {"form": form})
    form = ApplyForm(request.POST, request.FILES)
    ctx = {"form": form, "errors": []}
    if not form.is_valid():
        ctx["errors"] = [FILES_AGAIN] if request.FILES else []
        return render(request, "disclosure/public/apply.html", ctx, status=400)
    address = client_ip(request)
    wait = throttle.attempt("apply", address, requests_per_window())
    if wait:
        ctx["errors"] = [
            f"提交过于频繁：同一网络地址1小时内最多提交{requests_per_window()}件申请，"
            f"请{wait}分钟后再提交。您填写的内容已保留。",
            *([FILES_AGAIN] if request.FILES else []),
        ]
        return render(request, "disclosure/public/apply.html", ctx, status=429)
    try:
        req, code = requests_svc.submit(
            channel=R.Channel.ONLINE,
            attachments=form.cleaned_data["attachments"],
            actor=None,
            **form.service_args(),
        )
    except (ValidationError, UploadRejected) as e:
        throttle.take_back("apply", address)
        messages = e.messages if isinstance(e, ValidationError) else [str(e)]
        ctx["errors"] = [*messages, *([FILES_AGAIN] if request.FILES else [])]
        return render(request, "disclosure/public/apply.html", ctx, status=400)
    due = requests_svc.due_on(req)
    request.session[SESSION_KEY] = {
        "number": req.tracking_number,
        "code": code,
        "token": req.link_token,
        "unit": req.unit.name,
        "received_on": req.received_on.isoformat(),
        "due": due.isoformat() if due else "",
    }
    return redirect("disclosure_public:applied")


def applied(request):
    """The number, the query code and the secret link, shown once (only the code's hash is
    kept: it cannot be shown again)."""
    shown = request.session.pop(SESSION_KEY, None)
    link = ""
    if shown:
        link = request.build_absolute_uri(
            reverse("disclosure_public:status", args=[shown["token"]])
        )
        shown["received_on"] = dt.date.fromisoformat(shown["received_on"])
        shown["due"] = dt.date.fromisoformat(shown["due"]) if shown["due"] else None
    response = render(
        request,
        "disclosure/public/applied.html",
        {
            "shown": shown,
            "link": link,
            "days": conf.reply_working_days(),
            "clock_waiting": CLOCK_WAITING,
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response


# --- the status page ------------------------------------------------------------------------


@dataclass
class Step:
    """One line of the applicant's progress."""

    title: str
    on: dt.date | None = None
    lines: list[str] = field(default_factory=list)


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def public_text(req: DisclosureRequest, text: str) -> str:
    """What the clerk wrote, as the public may read it: a natural person's name masked
    wherever it appears, then core's masking of numbers, phones and e-mails."""
    text = text or ""
    if req.applicant_kind == PERSON and req.applicant_name:
        text = text.replace(req.applicant_name, mask_name(req.applicant_name))
    return mask_text(text)


CLOSED_WORDS = {
    "other_no_correction": "申请人在补正期限内未补正，该申请不再处理（《政府信息公开条例》第三十条）。",
    "other_no_fee": "申请人未在期限内缴纳信息处理费，该申请不再处理。",
    "other": "申请已撤回，不再处理。",
}  # fmt: skip


def _clock_line(req: DisclosureRequest) -> str:
    """Where the reply period stands, in words."""
    d = Deadline.objects.filter(pk=req.deadline_id).first() if req.deadline_id else None
    if d is None:
        return CLOCK_WAITING
    if d.state == Deadline.State.PAUSED:
        return "补正、征求意见或缴费期间，答复期限暂停计算（不计入答复期限）。"
    if d.due_date:
        return f"答复期限：{cn(d.due_date)}前（《政府信息公开条例》第三十三条）。"
    return CLOCK_WAITING


def steps_of(req: DisclosureRequest) -> list[Step]:
    steps = [
        Step(
            "收到申请",
            req.received_on,
            [f"申请方式：{req.get_channel_display()}", f"受理机关：{req.unit.name}"],
        )
    ]
    if req.correction_notified_on:
        lines = [f"需要补正的事项：{public_text(req, req.correction_items)}"]
        if req.state == ST.CORRECTION:
            due = getattr(req.correction_deadline, "due_date", None)
            if due:
                lines.append(
                    f"请于{cn(due)}前向{req.unit.name}提交补正后的申请；无正当理由逾期不补正的，"
                    "视为放弃申请，行政机关不再处理（《政府信息公开条例》第三十条）。"
                )
        steps.append(Step("告知补正", req.correction_notified_on, lines))
    if req.corrected_on:
        steps.append(
            Step("收到补正后的申请", req.corrected_on, ["答复期限自收到补正申请之日起重新计算。"])
        )
    for c in req.consultations.all():
        who = "第三方" if c.kind == ThirdPartyConsultation.Kind.THIRD_PARTY else "有关行政机关"
        steps.append(
            Step(
                f"征求{who}意见",
                c.sent_on,
                ["征求意见所需时间不计入答复期限（第三十三条第三款）。"],
            )
        )
        if c.answered_on:
            steps.append(Step("征求意见结束", c.answered_on, ["答复期限恢复计算。"]))
    if req.extension_approved_on:
        d = Deadline.objects.filter(pk=req.deadline_id).first() if req.deadline_id else None
        lines = [f"经批准延长答复期限{req.extension_days}个工作日（第三十三条第二款）。"]
        if d is not None and d.due_date and d.state == Deadline.State.RUNNING:
            lines.append(f"延长后的答复期限：{cn(d.due_date)}前。")
        if req.extension_reason:
            lines.append(f"延期理由：{public_text(req, req.extension_reason)}")
        steps.append(Step("延长答复期限", req.extension_approved_on, lines))
    if req.fee_notified_on:
        lines = [f"信息处理费：{req.fee_amount}元（《政府信息公开信息处理费管理办法》）。"]
        clock = requests_svc.fee_deadline(req)
        if req.fee_paid_on is None and clock is not None and clock.due_date:
            lines.append(f"请于{cn(clock.due_date)}前缴纳；逾期未缴纳的，申请不再处理。")
        steps.append(Step("收费通知", req.fee_notified_on, lines))
        if req.fee_paid_on:
            steps.append(Step("已缴纳信息处理费", req.fee_paid_on, ["答复期限恢复计算。"]))
    if req.state == ST.REPLIED:
        lines = [f"答复类型：{rules.REPLY_LABELS.get(req.reply_type, '')}"]
        if req.ground:
            lines.append(f"理由：{dict(rules.grounds_for(req.reply_type)).get(req.ground, '')}")
        if req.other_agency:
            lines.append(f"负责公开的机关：{public_text(req, req.other_agency)}")
        if req.reply_number:
            lines.append(f"答复书文号：{req.reply_number}")
        steps.append(Step("作出答复", req.replied_on, lines))
    elif req.state == ST.CLOSED:
        steps.append(
            Step("终止处理", req.replied_on, [CLOSED_WORDS.get(req.result, "该申请不再处理。")])
        )
    else:
        steps.append(Step(f"当前状态：{req.get_state_display()}", None, [_clock_line(req)]))
    return steps


TONES = {
    ST.RECEIVED: "info",
    ST.CORRECTION: "warning",
    ST.CONSULTING: "info",
    ST.FEE: "warning",
    ST.REPLIED: "success",
    ST.CLOSED: "secondary",
}


def status_of(req: DisclosureRequest) -> dict:
    return {
        "number": req.tracking_number,
        "received_on": req.received_on,
        "channel": req.get_channel_display(),
        "unit": req.unit.name,
        "description": public_text(req, req.description),
        "headline": req.get_state_display(),
        "tone": TONES.get(req.state, "secondary"),
        "steps": steps_of(req),
        "reply_text": public_text(req, req.reply_text) if req.state == ST.REPLIED else "",
    }


def _refused(request, minutes: int, form=None):
    return render(
        request,
        "disclosure/public/track.html",
        {
            "form": form or TrackForm(),
            "errors": [
                f"查询失败次数过多，为防止查询码被猜测，请{minutes}分钟后再试。"
                "如忘记申请编号或查询码，请与受理申请的行政机关联系。"
            ],
        },
        status=429,
    )


# Compared when no request has the number, so a wrong number takes as long as a wrong code.
_NO_REQUEST = hash_code("-")


def track(request):
    """Number + query code. Every look-up is counted against the client's address before
    it is checked; a right one is taken back."""
    form = TrackForm(request.POST or None)
    if request.method != "POST":
        return render(request, "disclosure/public/track.html", {"form": form})
    if not form.is_valid():
        return render(request, "disclosure/public/track.html", {"form": form}, status=400)
    address = client_ip(request)
    wait = throttle.attempt("status", address, status_tries())
    if wait:
        return _refused(request, wait, form)
    req = R.objects.filter(tracking_number=form.cleaned_data["tracking_number"]).first()
    stored = req.access_code_hash if req is not None else _NO_REQUEST
    if not code_matches(stored, form.cleaned_data["code"]) or req is None:
        again = TrackForm(initial={"tracking_number": form.data.get("tracking_number")})
        return render(
            request,
            "disclosure/public/track.html",
            {"form": again, "errors": [NOT_FOUND]},
            status=404,
        )
    throttle.take_back("status", address)
    return _status_page(request, req)


def status(request, token: str):
    """The secret link: the same page, counted like a look-up when the link is wrong."""
    address = client_ip(request)
    wait = throttle.attempt("status", address, status_tries())
    if wait:
        return _refused(request, wait)
    req = R.objects.filter(link_token=token[:64]).first() if token else None
    if req is None:
        return render(
            request,
            "disclosure/public/track.html",
            {"form": TrackForm(), "errors": [BAD_LINK]},
            status=404,
        )
    throttle.take_back("status", address)
    return _status_page(request, req)


def _status_page(request, req: DisclosureRequest):
    req = R.objects.select_related("unit", "deadline", "correction_deadline").get(pk=req.pk)
    response = render(request, "disclosure/public/status.html", {"s": status_of(req)})
    # The page is the applicant's own: not kept by shared caches, not sent on as a referrer.
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    return response


urlpatterns = [
    path("apply/", apply, name="apply"),
    path("apply/done/", applied, name="applied"),
    path("status/", track, name="track"),
    path("status/<str:token>/", status, name="status"),
]
