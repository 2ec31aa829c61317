"""Back-office pages: the catalogue (propose, settle, approve, publish, adjust, re-publish),
the decision list, and one page per procedure of a decision. Every object is fetched
through core.access; every change goes through services; a refused step comes back as the
same page with the form kept and the Chinese reason, never a 500."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.models import Attachment, OrgUnit
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing
from fazhi.indicators.registry import filter_by_figure

from . import forms as f
from . import services
from .indicators import FIGURE_RECORDS
from .models import CatalogItem, DecisionCatalog, MajorDecision

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


# --- catalogue ------------------------------------------------------------------------------


@login_required
def catalog_list(request):
    qs = access.restrict(DecisionCatalog.objects.select_related("unit"), request.user, "view")
    year = request.GET.get("year", "")
    if _int(year):
        qs = qs.filter(year=_int(year))
    qs = qs.annotate(
        n_items=Count("items", filter=Q(items__state=CatalogItem.State.INCLUDED)),
        n_proposed=Count("items", filter=Q(items__state=CatalogItem.State.PROPOSED)),
    )
    can_create = f._units(request.user).exists()
    return render(
        request,
        "decisions/catalog_list.html",
        {"catalogs": qs, "can_create": can_create, "year": year},
    )


@login_required
def catalog_new(request):
    if not f._units(request.user).exists():
        raise PermissionDenied("您无权建立决策事项目录")
    form = f.CatalogForm(request.user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                catalog = services.create_catalog(actor=request.user, **form.cleaned_data)
                messages.success(request, "目录已建立，各单位可以申报决策事项")
                return redirect("decisions:catalog", pk=catalog.pk)
            except ValidationError as e:
                errors = e.messages
        status = 400
    return render(
        request, "decisions/catalog_new.html", {"form": form, "errors": errors}, status=status
    )


@login_required
def catalog_detail(request, pk: int):
    user = request.user
    catalog = access.get_for(user, DecisionCatalog.objects.select_related("unit"), "view", pk=pk)
    is_body = access.can(user, "change", catalog.unit)
    can_propose = f._units(user, catalog.unit).exists()
    url = reverse("decisions:catalog", args=[catalog.pk])
    S = DecisionCatalog.State
    actions: list[Action] = []
    if catalog.state == S.COLLECTING and can_propose:
        actions.append(
            Action(
                "propose",
                "申报决策事项",
                _form(request, f.ItemForm, "propose", user, catalog),
                _then(
                    "已申报决策事项，等待决策机关审定",
                    lambda d: services.propose_item(catalog, actor=user, **d),
                ),
                button="申报",
            )
        )
    if is_body and catalog.state == S.COLLECTING:
        actions.append(
            Action(
                "approve",
                "登记同级党委同意（条例第3条第3款）",
                _form(request, f.ApproveCatalogForm, "approve"),
                _then(
                    "已登记党委同意，目录可以向社会公布",
                    lambda d: services.approve_catalog(
                        catalog,
                        party_agreed_on=d["party_agreed_on"],
                        party_document=d["party_document"],
                        actor=user,
                        files=_files(d),
                    ),
                ),
                button="登记",
                note="所有申报事项审定后，登记同级党委同意的日期和文件。",
            )
        )
    if is_body and catalog.state == S.APPROVED:
        actions.append(
            Action(
                "publish",
                "向社会公布目录",
                _form(request, f.PublishCatalogForm, "publish", initial={"published_on": _today()}),
                _then(
                    "目录已公布，门户网站显示第1版",
                    lambda d: services.publish_catalog(catalog, actor=user, **d),
                ),
                button="公布",
            )
        )
    if is_body and catalog.state == S.PUBLISHED:
        actions += [
            Action(
                "adjust_add",
                "目录调整：增补事项",
                _form(request, f.AdjustAddForm, "adjust_add", user, catalog),
                _then(
                    "已增补事项，待重新公布",
                    lambda d: services.adjust_add(catalog, actor=user, **d),
                ),
                button="增补",
            ),
            Action(
                "adjust_remove",
                "目录调整：调出事项",
                _form(request, f.AdjustRemoveForm, "adjust_remove", catalog),
                _then(
                    "已调出事项，待重新公布",
                    lambda d: services.adjust_remove(
                        d["item"], reason=d["reason"], decided_on=d["decided_on"], actor=user
                    ),
                ),
                button="调出",
                danger=True,
            ),
        ]
        if catalog.pending_adjustments.exists():
            actions.append(
                Action(
                    "republish",
                    "重新公布调整后的目录",
                    _form(
                        request, f.RepublishForm, "republish", initial={"published_on": _today()}
                    ),
                    _then(
                        "调整后的目录已重新公布",
                        lambda d: services.republish_catalog(catalog, actor=user, **d),
                    ),
                    button="重新公布",
                )
            )
    # Settling one proposal: include / reject (buttons per row).
    if is_body and catalog.state == S.COLLECTING:
        item = None
        if request.method == "POST" and request.POST.get("action") in ("include", "reject"):
            item = catalog.items.filter(pk=_int(request.POST.get("item"))).first()
        reason_form = _form(request, f.RejectForm, "reject")
        actions += [
            Action(
                "include",
                "",
                None,
                _then(
                    "已列入目录草案",
                    lambda d: services.settle_item(_must(item), include=True, actor=user),
                ),
            ),
            Action(
                "reject",
                "",
                reason_form,
                _then(
                    "已确定不列入目录",
                    lambda d: services.settle_item(
                        _must(item), include=False, reason=d["reason"], actor=user
                    ),
                ),
            ),
        ]
    response, status = _process(request, actions, url)
    if response is not None:
        return response
    items = list(
        access.restrict(catalog.items.select_related("unit"), user, "view").order_by(
            "state", "number", "pk"
        )
    )
    decisions = {
        d.item_id: d
        for d in MajorDecision.objects.filter(item__catalog=catalog).only("pk", "item_id", "state")
    }
    visible = set(
        access.restrict(
            MajorDecision.objects.filter(item__catalog=catalog), user, "view"
        ).values_list("pk", flat=True)
    )
    rows = []
    for it in items:
        d = decisions.get(it.pk)
        rows.append(
            {
                "item": it,
                "decision": d if d and d.pk in visible else None,
                "can_start": d is None
                and it.state == CatalogItem.State.INCLUDED
                and catalog.state == S.PUBLISHED
                and access.can(user, "change", it.unit),
            }
        )
    row_errors = [e for a in actions if a.name in ("include", "reject") for e in a.errors]
    return render(
        request,
        "decisions/catalog_detail.html",
        {
            "catalog": catalog,
            "rows": rows,
            "is_body": is_body,
            "actions": [a for a in actions if a.title],
            "reject_form": next((a.form for a in actions if a.name == "reject"), None),
            "row_errors": row_errors,
            "versions": catalog.versions.all(),
            "adjustments": catalog.adjustments.select_related("item__unit"),
            "history": events.history(*events.record_ref(catalog)),
            "attachments": Attachment.objects.filter(
                record_type=events.record_ref(catalog)[0], record_id=str(catalog.pk)
            ),
        },
        status=status,
    )


def _must(item):
    if item is None:
        raise ValidationError("未找到该申报事项")
    return item


@login_required
def decision_start(request, item_pk: int):
    item = access.get_for(
        request.user, CatalogItem.objects.select_related("catalog", "unit"), "view", pk=item_pk
    )
    if not access.can(request.user, "change", item.unit):
        raise PermissionDenied("只有承办单位可以启动该事项的决策程序")
    form = f.DraftForm(request.POST or None, request.FILES or None, initial={"title": item.title})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                decision = services.start_decision(
                    item,
                    actor=request.user,
                    title=d["title"],
                    draft=d["draft"],
                    explanation=d["explanation"],
                    files=_files(d),
                )
                messages.success(request, "已启动重大行政决策程序")
                return redirect("decisions:detail", pk=decision.pk)
            except ValidationError as e:
                errors = e.messages
            except UploadRejected as e:
                errors = [str(e)]
    return render(
        request,
        "decisions/start.html",
        {"item": item, "form": form, "errors": errors},
        status=status,
    )


# --- decision list and overview ---------------------------------------------------------------


@login_required
def decision_list(request):
    qs = access.restrict(MajorDecision.objects.select_related("unit", "item"), request.user, "view")
    year = request.GET.get("year", "")
    state = request.GET.get("state", "")
    unit = request.GET.get("unit", "")
    figure = request.GET.get("figure", "")
    # Opened from a figure's link: the decisions it counts.
    counted, figure_name = filter_by_figure(qs, FIGURE_RECORDS, figure, _int(year), "决策")
    if counted is not None:
        qs = counted
    elif _int(year):
        figure = ""
        qs = qs.filter(year=_int(year))
    if state in MajorDecision.State.values:
        qs = qs.filter(state=state)
    if _int(unit):
        u = OrgUnit.objects.filter(pk=_int(unit)).first()
        if u is not None:
            qs = qs.filter(unit__path__startswith=u.path)
    page = Paginator(qs.order_by("-year", "item__number", "pk"), 50).get_page(
        request.GET.get("page")
    )
    query = "".join(
        f"{k}={v}&"
        for k, v in (("year", year), ("state", state), ("unit", unit), ("figure", figure))
        if v
    )
    return render(
        request,
        "decisions/list.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "state": state,
            "states": MajorDecision.State.choices,
            "figure": figure,
            "figure_name": figure_name,
        },
    )


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


@login_required
def decision_detail(request, pk: int):
    """Overview and the draft (决策草案) step."""
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if access.can(user, "change", decision.unit) and decision.state == MajorDecision.State.DRAFTING:
        actions.append(
            Action(
                "draft",
                "修改决策草案",
                _form(
                    request,
                    f.DraftForm,
                    "draft",
                    initial={
                        "title": decision.title,
                        "draft": decision.draft,
                        "explanation": decision.explanation,
                    },
                ),
                _then(
                    "决策草案已保存",
                    lambda d: services.update_draft(
                        decision,
                        title=d["title"],
                        draft=d["draft"],
                        explanation=d["explanation"],
                        actor=user,
                        files=_files(d),
                    ),
                ),
                button="保存",
            )
        )
    response, status = _process(request, actions, reverse("decisions:detail", args=[pk]))
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "draft",
        actions,
        status=status,
        records_template="decisions/_overview.html",
        attachments=services.attachments_of(decision),
    )


def _changer(request, decision) -> bool:
    return access.can(request.user, "change", decision.unit)


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


@login_required
def meeting(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and not decision.is_closed_for_procedure:
        actions.append(
            Action(
                "meeting",
                "登记集体讨论决定（条例第30条）",
                _form(request, f.MeetingForm, "meeting"),
                _then(
                    "已登记集体讨论决定",
                    lambda d: services.record_collective_decision(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="登记",
                note="须在合法性审查通过、公众参与完成（或依法不公开征求意见）之后提交集体讨论；"
                "行政首长在集体讨论基础上最后作出决定，不同意见如实载明。",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "meeting",
        actions,
        status=status,
        records_template="decisions/_meeting.html",
        records=_with_atts(decision.meetings.all()),
    )


@login_required
def party(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and decision.state == MajorDecision.State.DECIDED:
        actions.append(
            Action(
                "party",
                "登记向同级党委请示报告（条例第31条）",
                _form(request, f.PartyReportForm, "party"),
                _then(
                    "已登记请示报告情况",
                    lambda d: services.record_party_report(
                        decision,
                        reported_on=d["reported_on"],
                        document=d["document"],
                        note=d["note"],
                        actor=user,
                        files=_files(d),
                    ),
                ),
                button="登记",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "party",
        actions,
        status=status,
        records_template="decisions/_party.html",
        attachments=[a for a in services.attachments_of(decision) if a.description == "请示报告"],
    )


@login_required
def publish(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if _changer(request, decision) and decision.state in (
        MajorDecision.State.DECIDED,
        MajorDecision.State.UNDER_REVIEW,
        MajorDecision.State.DEFERRED,
        MajorDecision.State.DRAFTING,
    ):
        actions.append(
            Action(
                "publish",
                "公布决策（条例第32条）",
                _form(
                    request,
                    f.PublishForm,
                    "publish",
                    initial={"published_on": _today(), "published_text": decision.draft},
                ),
                _then(
                    "决策已公布，门户网站已显示",
                    lambda d: services.publish_decision(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="公布",
                note="须经集体讨论决定通过并向同级党委请示报告后方可公布。",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "publish",
        actions,
        status=status,
        records_template="decisions/_publish.html",
    )


@login_required
def execution(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    published = decision.state == MajorDecision.State.PUBLISHED
    if published and _changer(request, decision):
        actions.append(
            Action(
                "schedule",
                "确定执行情况报告日期",
                _form(request, f.ScheduleForm, "schedule", initial={"unit": decision.unit}),
                _then(
                    "已设定报告期限，进入期限工作台",
                    lambda d: services.schedule_execution_report(decision, actor=user, **d),
                ),
                button="设定",
            )
        )
    if published and (_changer(request, decision) or f._units(user).exists()):
        actions.append(
            Action(
                "note",
                "登记执行情况（条例第34–35条）",
                _form(
                    request,
                    f.ExecutionForm,
                    "note",
                    initial={"on": _today(), "unit": user.unit or decision.unit},
                ),
                _then(
                    "已登记执行情况",
                    lambda d: services.add_execution_note(
                        decision,
                        actor=user,
                        files=_files(d),
                        **{k: v for k, v in d.items() if k != "file"},
                    ),
                ),
                button="登记",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    rt, rid = events.record_ref(decision)
    from fazhi.core.models import Deadline

    return _page(
        request,
        decision,
        "execution",
        actions,
        status=status,
        records_template="decisions/_execution.html",
        records=_with_atts(decision.execution_notes.select_related("unit")),
        deadlines=Deadline.objects.filter(record_type=rt, record_id=rid).select_related("unit"),
    )


@login_required
def evaluation(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    open_eval = decision.evaluations.filter(finished_on=None).first()
    if decision.state == MajorDecision.State.PUBLISHED and _changer(request, decision):
        if open_eval is None:
            actions.append(
                Action(
                    "start",
                    "启动决策后评估（条例第36条）",
                    _form(
                        request, f.EvaluationStartForm, "start", initial={"started_on": _today()}
                    ),
                    _then(
                        "已启动决策后评估",
                        lambda d: services.start_evaluation(decision, actor=user, **d),
                    ),
                    button="启动",
                    note="承担评估的单位可以是第三方，但不得是决策作出前承担主要论证评估工作的单位："
                    + ("、".join(sorted(services.pre_decision_assessors(decision))) or "（无）"),
                )
            )
        else:
            actions.append(
                Action(
                    "finish",
                    "登记评估结果",
                    _form(
                        request, f.EvaluationFinishForm, "finish", initial={"finished_on": _today()}
                    ),
                    _then(
                        "已登记决策后评估结果",
                        lambda d: services.finish_evaluation(
                            open_eval,
                            actor=user,
                            files=_files(d),
                            **{k: v for k, v in d.items() if k != "file"},
                        ),
                    ),
                    button="登记",
                )
            )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "evaluation",
        actions,
        status=status,
        records_template="decisions/_evaluation.html",
        records=_with_atts(decision.evaluations.all()),
    )


@login_required
def archive(request, pk: int):
    decision = _decision(request, pk)
    user = request.user
    actions = []
    if (
        _changer(request, decision)
        and decision.archived_on is None
        and decision.state in (MajorDecision.State.PUBLISHED, MajorDecision.State.REJECTED)
    ):
        actions.append(
            Action(
                "archive",
                "立卷归档（条例第33条）",
                _form(request, f.ArchiveForm, "archive", initial={"archived_on": _today()}),
                _then("已登记归档", lambda d: services.archive_decision(decision, actor=user, **d)),
                button="归档",
            )
        )
    response, status = _process(request, actions, request.path)
    if response is not None:
        return response
    return _page(
        request,
        decision,
        "archive",
        actions,
        status=status,
        records_template="decisions/_archive.html",
        attachments=services.attachments_of(decision),
    )


@login_required
def archive_zip(request, pk: int):
    decision = _decision(request, pk)
    name, payload = services.build_archive(decision, request.user)
    resp = HttpResponse(payload, content_type="application/zip")
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
