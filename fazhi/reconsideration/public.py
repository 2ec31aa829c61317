"""The 行政复议 portal: apply online without an account (行政复议法 第22条: 书面申请 may be
made 通过互联网渠道), follow the application with its number and query code or its secret
link, and read the published decisions (第79条), masked.

The status page shows the applicant's own application and nothing else: no other case,
no staff names, not the respondent's answer. A wrong number or code gets one message that
does not say which was wrong, and failed look-ups are limited per client address
(``public_throttle``), so codes cannot be guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from fazhi.core.masking import mask_name, mask_text
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public
from fazhi.core.rule_checks import today
from fazhi.core.sniff import UploadRejected
from fazhi.core.throttle import client_ip

from . import conf, public_throttle
from .forms_public import ApplyForm, ConfirmForm, TrackForm
from .models import Application, Case, Outcome, PartyKind
from .services import applications as apps_svc
from .services.cases import SUSPENSION_GROUNDS
from .services.common import body_unit, code_matches, hash_code

register_public(
    PublicSection(
        "行政复议",
        "reconsideration_public:home",
        "网上申请行政复议（无需注册），凭申请编号和查询码查询办理进度；公开行政复议决定书（已脱敏）。",
        order=50,
    )
)

SESSION_KEY = "recon_applied"
PER_PAGE = 20
NOT_FOUND = "申请编号或查询码不正确。请核对提交申请时页面显示的申请编号和查询码后重新输入。"
FILES_AGAIN = "为安全起见，已选择的附件不会保留：提交前请重新选择附件。"


def home(request):
    return render(
        request,
        "reconsideration/public/home.html",
        {
            "days": conf.application_days(),
            "review_days": conf.acceptance_review_working_days(),
            "body_name": getattr(body_unit(), "name", ""),
        },
    )


# --- the online application ---------------------------------------------------------------


def _late_reasons(reasons: str, explanation: str) -> str:
    """The applicant's reason for a late application goes with the reasons the 复议机构
    reads (第20条第2款 is for it to judge)."""
    explanation = (explanation or "").strip()
    if not explanation:
        return reasons
    return f"{reasons}\n\n【关于申请期限的说明】{explanation}"


def _too_many(minutes: int) -> str:
    return (
        f"提交过于频繁：同一网络地址1小时内最多提交{public_throttle.applications_per_window()}件申请，"
        f"请{minutes}分钟后再提交。您填写的内容已保留。"
    )


def apply(request):
    """Two steps on one address: the form, then the check page (the period computed by
    ``check_period``, a warning and a confirmation when late, the attachments). Each step
    posts everything typed, so nothing is lost when the applicant goes back or is refused."""
    if request.method != "POST":
        return render(request, "reconsideration/public/apply.html", {"form": ApplyForm()})
    form = ApplyForm(request.POST)
    action = request.POST.get("action", "")
    if not form.is_valid() or action == "edit":
        status = 200 if action == "edit" else 400
        return render(request, "reconsideration/public/apply.html", {"form": form}, status=status)
    received_on = today()
    period = apps_svc.check_period(received_on=received_on, **form.period_args())
    warn = period.late or period.barred
    confirm = ConfirmForm(
        request.POST if action == "submit" else None,
        request.FILES if action == "submit" else None,
        late=warn,
    )
    ctx = {
        "form": form,
        "confirm": confirm,
        "period": period,
        "received_on": received_on,
        "late_days": (received_on - period.end).days if period.late and period.end else 0,
        "warn": warn,
        "respondent": form.respondent()[0] or form.respondent()[1],
        "errors": [],
    }
    if action != "submit":
        return render(request, "reconsideration/public/check.html", ctx)
    if not confirm.is_valid():
        ctx["errors"] = [FILES_AGAIN] if request.FILES else []
        return render(request, "reconsideration/public/check.html", ctx, status=400)
    address = client_ip(request)
    wait = public_throttle.attempt("apply", address, public_throttle.applications_per_window())
    if wait:
        ctx["errors"] = [_too_many(wait), FILES_AGAIN]
        return render(request, "reconsideration/public/check.html", ctx, status=429)
    args = form.service_args()
    args["reasons"] = _late_reasons(args["reasons"], confirm.cleaned_data["late_explanation"])
    try:
        app, code = apps_svc.submit(
            channel=Application.Channel.ONLINE,
            attachments=confirm.cleaned_data["attachments"],
            actor=None,
            **args,
        )
    except (ValidationError, UploadRejected) as e:
        public_throttle.take_back("apply", address)
        messages = e.messages if isinstance(e, ValidationError) else [str(e)]
        ctx["errors"] = [*messages, FILES_AGAIN]
        return render(request, "reconsideration/public/check.html", ctx, status=400)
    request.session[SESSION_KEY] = {
        "number": app.tracking_number,
        "code": code,
        "token": app.link_token,
    }
    return redirect("reconsideration_public:applied")


def applied(request):
    """The number, the query code and the secret link, shown once (the code is kept only
    as a hash: it cannot be shown again)."""
    shown = request.session.pop(SESSION_KEY, None)
    link = ""
    if shown:
        link = request.build_absolute_uri(
            reverse("reconsideration_public:status", args=[shown["token"]])
        )
    return render(
        request,
        "reconsideration/public/applied.html",
        {"shown": shown, "link": link, "review_days": conf.acceptance_review_working_days()},
    )


# --- the status page ------------------------------------------------------------------------


@dataclass
class Step:
    """One line of the applicant's progress."""

    title: str
    on: dt.date | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Status:
    number: str
    received_on: dt.date
    channel: str
    respondent: str
    act: str
    headline: str
    tone: str
    steps: list[Step]
    decision_link: str = ""


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _due(deadline) -> dt.date | None:
    return getattr(deadline, "due_date", None) if deadline is not None else None


def _application_steps(app: Application) -> list[Step]:
    ST = Application.State
    steps = [Step("收到申请", app.received_on, [f"申请方式：{app.get_channel_display()}"])]
    if app.correction_notified_on:
        lines = [f"需要补正的事项：{mask_text(app.correction_items)}"]
        if app.state == ST.CORRECTION:
            due = _due(app.correction_deadline)
            if due:
                lines.append(
                    f"请于{cn(due)}前向行政复议机构提交补正材料；无正当理由逾期不补正的，"
                    "视为放弃行政复议申请（《行政复议法》第三十一条）。"
                )
        steps.append(Step("通知补正", app.correction_notified_on, lines))
    if app.corrected_on:
        steps.append(
            Step("收到补正材料", app.corrected_on, ["受理审查期限自收到补正材料之日起重新计算。"])
        )
    if app.state == ST.RECEIVED:
        due = _due(app.review_deadline)
        lines = ["行政复议机构正在审查申请是否符合受理条件。"]
        if due:
            lines.append(
                f"审查期限至{cn(due)}；期限届满未作出决定的，视为受理（《行政复议法》第三十条）。"
            )
        steps.append(Step("受理审查中", None, lines))
    elif app.state == ST.ACCEPTED:
        title = "视为受理" if app.deemed_accepted else "决定受理"
        lines = (
            ["受理审查期限届满未作出决定，依法视为受理（《行政复议法》第三十条第二款）。"]
            if app.deemed_accepted
            else []
        )
        steps.append(Step(title, app.decided_on, lines))
    elif app.state == ST.REJECTED:
        steps.append(
            Step("决定不予受理", app.decided_on, [f"理由：{mask_text(app.reject_reason)}"])
        )
    elif app.state == ST.REFERRED:
        steps.append(
            Step(
                "告知向有权机关申请",
                app.decided_on,
                [
                    f"该申请不属于本机关受理范围，请向{app.referred_to}申请。",
                    f"理由：{mask_text(app.reject_reason)}",
                ],
            )
        )
    elif app.state == ST.WITHDRAWN:
        steps.append(Step("申请人撤回申请", app.withdrawn_on, ["行政复议终止。"]))
    elif app.state == ST.DEEMED_WITHDRAWN:
        steps.append(
            Step(
                "视为放弃申请",
                app.withdrawn_on,
                ["补正期限届满未补正，视为放弃行政复议申请（《行政复议法》第三十一条第二款）。"],
            )
        )
    return steps


def _case_steps(case: Case) -> list[Step]:
    S = Case.State
    lines = [f"案号：{case.number}", f"审理程序：{case.get_procedure_display()}"]
    due = _due(case.deadline)
    if case.state == S.REVIEW and due:
        lines.append(f"应在{cn(due)}前作出行政复议决定（《行政复议法》第六十二条）。")
    steps = [Step("立案审理", case.accepted_on, lines)]
    if case.copy_sent_on:
        steps.append(Step("向被申请人发送申请书副本", case.copy_sent_on))
    if case.hearing_on:
        steps.append(Step("举行听证", case.hearing_on, ["具体安排以听证通知书为准。"]))
    if case.suspended_on:
        ground = SUSPENSION_GROUNDS.get(case.suspension_ground, "")
        steps.append(
            Step("中止审理", case.suspended_on, [f"中止情形：{ground}", "中止期间不计入审理期限。"])
        )
    if case.resumed_on:
        steps.append(Step("恢复审理", case.resumed_on))
    if case.extended_days:
        steps.append(Step(f"审理期限经批准延长{case.extended_days}日", None))
    if case.decided_on:
        lines = [f"处理结果：{Outcome(case.outcome).label}" if case.outcome else ""]
        if case.decision_number:
            lines.append(f"文书文号：{case.decision_number}")
        title = "作出行政复议决定" if case.state == S.DECIDED else "行政复议终结"
        steps.append(Step(title, case.decided_on, [x for x in lines if x]))
    if case.served_on:
        steps.append(Step("送达决定书", case.served_on))
    return steps


def status_of(app: Application) -> Status:
    """What the applicant sees: the application's progress only."""
    case = Case.objects.filter(application=app).select_related("deadline").first()
    steps = _application_steps(app)
    headline, tone = app.get_state_display(), "secondary"
    link = ""
    if app.state == Application.State.CORRECTION:
        tone = "warning"
    elif app.state in (Application.State.RECEIVED,):
        tone = "info"
    elif app.state == Application.State.ACCEPTED:
        tone = "primary"
    if case is not None:
        steps += _case_steps(case)
        headline = case.get_state_display()
        if case.state == Case.State.DECIDED:
            headline, tone = f"已作出决定：{Outcome(case.outcome).label}", "success"
            if case.published_on and case.published_on <= today():
                link = reverse("reconsideration_public:decision", args=[case.pk])
        elif case.state == Case.State.CLOSED:
            headline = f"已结案：{Outcome(case.outcome).label}" if case.outcome else headline
    return Status(
        number=app.tracking_number,
        received_on=app.received_on,
        channel=app.get_channel_display(),
        respondent=app.respondent_name,
        act=_public_text(app, app.act),
        headline=headline,
        tone=tone,
        steps=steps,
        decision_link=link,
    )


def _refused(request, minutes: int, form=None):
    form = form or TrackForm()
    return render(
        request,
        "reconsideration/public/track.html",
        {
            "form": form,
            "errors": [
                f"查询失败次数过多，为防止查询码被猜测，请{minutes}分钟后再试。"
                "如忘记申请编号或查询码，请与行政复议机构联系。"
            ],
        },
        status=429,
    )


# A hash compared when no application has the number, so a wrong number takes as long as a
# wrong code.
_NO_APPLICATION = hash_code("-")


def track(request):
    """Number + query code. Every look-up is counted against the client's address before
    it is checked; a right one is taken back."""
    form = TrackForm(request.POST or None)
    if request.method != "POST":
        return render(request, "reconsideration/public/track.html", {"form": form})
    if not form.is_valid():
        return render(request, "reconsideration/public/track.html", {"form": form}, status=400)
    address = client_ip(request)
    wait = public_throttle.attempt("status", address, public_throttle.status_tries())
    if wait:
        return _refused(request, wait, form)
    app = Application.objects.filter(tracking_number=form.cleaned_data["tracking_number"]).first()
    stored = app.access_code_hash if app is not None else _NO_APPLICATION
    if app is None or not code_matches(stored, form.cleaned_data["code"]):
        return render(
            request,
            "reconsideration/public/track.html",
            {"form": TrackForm(initial={"tracking_number": form.data.get("tracking_number")}),
             "errors": [NOT_FOUND]},
            status=404,
        )  # fmt: skip
    public_throttle.take_back("status", address)
    return _status_page(request, app)


def status(request, token: str):
    """The secret link: the same page, counted like a look-up when the link is wrong."""
    address = client_ip(request)
    wait = public_throttle.attempt("status", address, public_throttle.status_tries())
    if wait:
        return _refused(request, wait)
    app = Application.objects.filter(link_token=token[:64]).first() if token else None
    if app is None:
        return render(
            request,
            "reconsideration/public/track.html",
            {
                "form": TrackForm(),
                "errors": ["该查询链接无效。请核对链接，或用申请编号和查询码查询。"],
            },
            status=404,
        )
    public_throttle.take_back("status", address)
    return _status_page(request, app)


def _status_page(request, app: Application):
    response = render(request, "reconsideration/public/status.html", {"s": status_of(app)})
    # The page is the applicant's own: not kept by shared caches, not sent on as a referrer.
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- published decisions (第79条) ---------------------------------------------------------


def _public_text(app: Application, text: str) -> str:
    """Free text the public may read: a natural-person applicant's (and the agent's) name
    masked wherever it appears, then core's masking of numbers."""
    text = text or ""
    if app.applicant_kind == PartyKind.PERSON and app.applicant_name:
        text = text.replace(app.applicant_name, mask_name(app.applicant_name))
    if app.agent_name:
        text = text.replace(app.agent_name, mask_name(app.agent_name))
    return mask_text(text)


def published() -> QuerySet:
    return (
        Case.objects.filter(
            state=Case.State.DECIDED, published_on__isnull=False, published_on__lte=today()
        )
        .select_related("application")
        .order_by("-published_on", "-pk")
    )


def _decision_row(case: Case) -> dict:
    app = case.application
    applicant = (
        mask_name(app.applicant_name)
        if app.applicant_kind == PartyKind.PERSON
        else app.applicant_name
    )
    return {
        "pk": case.pk,
        "number": case.decision_number,
        "case_number": case.number,
        "applicant": applicant,
        "respondent": case.respondent_name,
        "act": _public_text(app, app.act),
        "outcome": Outcome(case.outcome).label,
        "decided_on": case.decided_on,
        "published_on": case.published_on,
        "summary": _public_text(app, case.decision_summary),
    }


def _int(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return None
    return int(text) or None


def decision_list(request):
    qs = published()
    year = _int(request.GET.get("year"))
    outcome = request.GET.get("outcome", "")
    respondent = (request.GET.get("respondent") or "").strip()[:100]
    if year and 1900 <= year <= 2999:
        qs = qs.filter(decided_on__year=year)
    else:
        year = None
    if outcome in Outcome.values:
        qs = qs.filter(outcome=outcome)
    else:
        outcome = ""
    if respondent:
        qs = qs.filter(respondent_name=respondent)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    used = set(published().values_list("outcome", flat=True))
    return render(
        request,
        "reconsideration/public/decisions.html",
        {
            "page": page,
            "rows": [_decision_row(c) for c in page],
            "query": f"{params.urlencode()}&" if params else "",
            "years": sorted(
                {d.year for d in published().dates("decided_on", "year")}, reverse=True
            ),
            "outcomes": [(v, label) for v, label in Outcome.choices if v in used],
            "respondents": sorted(set(published().values_list("respondent_name", flat=True))),
            "f": {"year": year, "outcome": outcome, "respondent": respondent},
        },
    )


def decision_detail(request, pk: int):
    case = published().filter(pk=pk).first()
    if case is None:
        raise Http404("该决定书不存在或尚未公开")
    return render(request, "reconsideration/public/decision.html", {"d": _decision_row(case)})


@register_latest
def latest(limit: int) -> list[Publication]:
    return [
        Publication(
            "行政复议决定",
            f"{c.decision_number}（被申请人{c.respondent_name}）",
            c.published_on,
            reverse("reconsideration_public:decision", args=[c.pk]),
        )
        for c in published()[:limit]
    ]


app_name = "reconsideration_public"
urlpatterns = [
    path("", home, name="home"),
    path("apply/", apply, name="apply"),
    path("apply/done/", applied, name="applied"),
    path("track/", track, name="track"),
    path("track/<str:token>/", status, name="status"),
    path("decisions/", decision_list, name="decisions"),
    path("decisions/<int:pk>/", decision_detail, name="decision"),
]
