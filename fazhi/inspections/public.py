"""Portal pages of 双随机、一公开: every task whose draw commitment has been published, from
the commitment on (committed, drawn, checking, done, and voided ones with the reason of
their redo), with everything anyone needs to check the draw offline.

Rules: 市场监管总局关于全面推进“双随机、一公开”监管工作的通知 (2019): 抽查过程全程留痕、
抽查结果及时公开; results within 20 working days (“谁检查、谁录入、谁公开”), masked
(core/masking.py). The procedure is draw.py's docstring: before the draw the commitment
(algorithm, SHA-256 of the secret seed, SHA-256 of the pool snapshot, counts per class);
after the draw the list and its result hash; after the seed's reveal the seed, the
snapshot download and the verification.

What is public, and why it holds no personal data:

- drawn entities by name, 统一社会信用代码 and risk class: organisations (个人信息保护法
  第4条 covers natural persons only). A 个体工商户 registered under its operator's bare name
  (2–4 Chinese characters, no shop word) is shown masked (``mask_name``), as masking.py asks;
  its USCC stays (it is the business's code, not the person's ID number);
- inspectors by name and 执法证号, the 执法人员名单 and 证件号 国办发〔2018〕118号 requires to
  be public, as they were when the task was committed (``Snapshot.inspector_names``);
- the snapshot download: the canonical lines of draw.py — ``E class USCC``, ``I unit-id
  certificate-number``, ``X certificate-number USCC`` (a pair that must never meet: a
  declared interest or the last cycle's visit, without its reason). No names, no ID
  numbers, no addresses. It is offered once the seed is revealed: only then can anyone
  recompute the draw; before, its SHA-256 is what binds the office (a later change of the
  pool would no longer match the published hash), and a 回避 pair is not shown to the
  entity before the draw is made;
- result notes, late-publication reasons and redo reasons (free text staff type) through
  ``mask_text`` (ID numbers, phones, bank cards …).

Verification recomputes the draw (cost: the size of the pool; 3–11 ms for each demo task,
draws of 1,000–2,900 entities; about the draw's own time at province scale, see
bench/inspections_scale.py). The verdict of the stored result is computed once per task
state and kept in Django's cache for a day (``verdict``: per worker process with the
default local-memory cache; two simultaneous first requests may both compute); a pasted
copy identical to the stored lines reuses that verdict; another copy is recomputed once
and its verdict kept under its own SHA-256 (``FAZHI_INSPECTIONS_VERIFY_MAX_BYTES`` bounds
its size).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.functions import Length
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.forms import MAX_DB_INT
from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param, year_param
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public

from . import draw
from .models import DrawnEntity, InspectionTask, Snapshot
from .services import result_lines, verify_task
from .services.tasks import departments_of

register_public(
    PublicSection(
        "双随机、一公开",
        "inspections_public:tasks",
        "随机抽查任务的抽取承诺（种子承诺、名录库快照哈希）、抽取结果与执法检查人员、随机种子，"
        "任何人可下载快照和结果重新计算核验；以及已公示的抽查结果。",
        order=55,
    )
)

PER_PAGE = 20
DRAWN_PER_PAGE = 100
State = InspectionTask.State
SEED_NOT_REVEALED = (
    "随机种子尚未公布，暂不能核验：种子在抽取之后公布，公布后任何人都可以按种子和名录库快照"
    "重新计算抽取结果并与公布的结果核对。"
)
NOT_DRAWN = "该抽查任务尚未抽取，没有可核验的抽取结果。"
CACHE_SECONDS = 24 * 3600


def visible():
    """Tasks whose commitment has been published (drafts never appear)."""
    return (
        InspectionTask.objects.exclude(state=State.DRAFT)
        .exclude(committed_on=None)
        .select_related("unit", "plan")
    )


def public_task(pk) -> InspectionTask:
    pk = int_param(pk)
    task = visible().filter(pk=pk).first() if pk and pk <= MAX_DB_INT else None
    if task is None:
        raise Http404("抽查任务不存在或尚未公布抽取承诺")
    return task


def redone_by(task: InspectionTask) -> InspectionTask | None:
    """The task a voided one was redone as (None while that one is still a draft)."""
    return visible().filter(redo_of=task).first()


def redo_reason(task: InspectionTask) -> str:
    """The reason a voided task was redone: recorded on the new task (services.tasks.redo)."""
    new = InspectionTask.objects.filter(redo_of=task).values_list("redo_reason", flat=True)
    return mask_text(new.first() or "")


_BARE_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_SHOP_WORDS = "店厂行社馆部铺坊堂院室所站场中心公司"


def public_name(name: str, kind: str) -> str:
    """An entity's name as published: a 个体工商户 named only by its operator's name is a
    person's name (masking.py) and is masked; every other name is shown."""
    if "个体" in (kind or "") and _BARE_NAME.match(name) and name[-1] not in _SHOP_WORDS:
        return mask_name(name)
    return name


def ratio_rows(task: InspectionTask) -> list[tuple[str, str, int | None]]:
    """(class, ratio as a percentage, pool count) per risk class."""
    from decimal import Decimal

    rows = []
    for risk in draw.RISK_CLASSES:
        r = Decimal(str(task.ratios.get(risk, "0")))
        pct = (r * 100).normalize()
        count = task.snapshot_counts.get(risk) if task.snapshot_counts else None
        rows.append((risk, f"{pct:f}%", count))
    return rows


@dataclass
class DrawnRow:
    order: int
    name: str
    uscc: str
    risk_class: str
    inspectors: list[tuple[str, str]]  # (name, certificate number)
    outcome: str = ""
    checked_on: object = None
    published_on: object = None
    late: bool = False
    late_reason: str = ""
    note: str = ""


def drawn_rows(task: InspectionTask, rows) -> list[DrawnRow]:
    """The drawn entities as published: inspectors by name and certificate number (as they
    were at the commitment); a result only once it is published, its note masked."""
    names = {}
    snap = Snapshot.objects.filter(task=task).only("inspector_names").first()
    if snap is not None:
        names = {cert: (v[1] if len(v) > 1 else "") for cert, v in snap.inspector_names.items()}
    out = []
    for d in rows:
        row = DrawnRow(
            order=d.order,
            name=public_name(d.entity.name, d.entity.kind),
            uscc=d.entity.uscc,
            risk_class=d.risk_class,
            inspectors=[(names.get(c, ""), c) for c in d.inspectors],
        )
        if d.published_on:
            row.outcome = d.get_outcome_display()
            row.checked_on = d.checked_on
            row.published_on = d.published_on
            row.late = bool(d.publish_due_on and d.published_on > d.publish_due_on)
            row.late_reason = mask_text(d.late_reason) if row.late else ""
            row.note = mask_text(d.note)
        out.append(row)
    return out


DRAWN_FIELDS = (
    "order", "risk_class", "inspectors", "outcome", "checked_on", "note", "published_on",
    "publish_due_on", "late_reason", "task_id", "entity__name", "entity__uscc", "entity__kind",
)  # fmt: skip


def drawn_qs(task: InspectionTask):
    return (
        DrawnEntity.objects.filter(task=task)
        .select_related("entity")
        .only(*DRAWN_FIELDS)
        .order_by("order")
    )


# --- verification --------------------------------------------------------------------


@dataclass
class Verdict:
    verifiable: bool
    consistent: bool | None
    problems: list[str]


def refusal(task: InspectionTask) -> str:
    """Why the task cannot be verified yet ('' when it can). verify_task itself does not
    check the reveal: the seed is stored from the commitment on, and recomputing before
    its reveal would publish the draw's outcome through the verdict."""
    if task.drawn_on is None:
        return NOT_DRAWN
    if task.seed_revealed_on is None:
        return SEED_NOT_REVEALED
    return ""


def _state_key(task: InspectionTask, lines: list[str]) -> str:
    """What the stored verdict depends on: the task's published values, the stored lines
    (a row changed after the draw changes the key) and the stored snapshot (its hash and
    size; a same-size rewrite of the blob is caught when the entry expires, a day)."""
    snap = (
        Snapshot.objects.filter(task=task)
        .annotate(size=Length("data"))
        .values_list("sha256", "size")
        .first()
    )
    parts = [
        task.pk, task.seed, task.seed_hash, task.snapshot_hash, task.algorithm,
        json.dumps(task.ratios, sort_keys=True), departments_of(task), task.per_department,
        task.result_hash, hashlib.sha256("\n".join(lines).encode()).hexdigest(), snap,
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _cached(key: str, compute) -> list[str]:
    hit = cache.get(key)
    if hit is not None:
        return hit
    problems = compute()
    cache.set(key, problems, CACHE_SECONDS)
    return problems


def verdict(task: InspectionTask, given: list[str] | None = None) -> Verdict:
    """The verdict on the stored result, or on ``given`` (a published copy's lines).
    Refused before the seed's reveal. The draw is recomputed at most once per task state
    (and once per distinct copy)."""
    why = refusal(task)
    if why:
        return Verdict(False, None, [why])
    stored = result_lines(task)
    key = "inspections-verify:" + _state_key(task, stored)
    stored_problems = _cached(key, lambda: verify_task(task))
    if given is None:
        problems = stored_problems
    else:
        copy = [line.strip() for line in given if line.strip()]
        if copy == stored and not stored_problems:
            problems = []  # the copy is the stored result, which the draw reproduces
        else:
            digest = hashlib.sha256("\n".join(copy).encode()).hexdigest()
            problems = _cached(f"{key}:copy:{digest}", lambda: verify_task(task, copy))
    return Verdict(True, not problems, list(problems))


class BadCopy(ValueError):
    """A pasted or uploaded copy that cannot be read (Chinese message)."""


def max_copy_bytes() -> int:
    return settings.FAZHI_INSPECTIONS_VERIFY_MAX_BYTES


def read_copy(text: str | None, upload) -> list[str]:
    """The lines of a pasted or uploaded copy of the result (UTF-8 text, one line per
    entity: class, USCC, inspectors separated by tabs)."""
    limit = max_copy_bytes()
    if upload is not None:
        if upload.size > limit:
            raise BadCopy(f"上传的文件过大（超过{limit // 1024}KB），请上传下载的抽取结果文本文件")
        raw = upload.read(limit + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadCopy(
                "上传的文件不是UTF-8编码的文本，请上传本页下载的抽取结果文本文件"
            ) from None
    text = text or ""
    if len(text.encode()) > limit:
        raise BadCopy(f"粘贴的内容过大（超过{limit // 1024}KB），请粘贴下载的抽取结果文本")
    if any(c in text for c in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x7f"):
        raise BadCopy("内容含有非文本字符，请粘贴或上传下载的抽取结果文本")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise BadCopy(
            "请粘贴或上传抽取结果（每行一个检查对象：风险分类、统一社会信用代码、检查人员）"
        )
    return lines


# --- pages ---------------------------------------------------------------------------


def _departments():
    ids = visible().values("departments")
    return OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code")


def task_list(request):
    g = request.GET
    year, dept = year_param(g.get("year")), int_param(g.get("department"))
    qs = visible().order_by("-starts_on", "-pk")
    if year:
        qs = qs.filter(starts_on__year=year)
    if dept:
        qs = qs.filter(pk__in=InspectionTask.departments.through.objects.filter(
            orgunit_id=dept).values("inspectiontask_id"))  # fmt: skip
    page = Paginator(qs.prefetch_related("departments"), PER_PAGE).get_page(g.get("page"))
    params = g.copy()
    params.pop("page", None)
    years = sorted({d.year for d in visible().dates("starts_on", "year")}, reverse=True)
    return render(
        request,
        "inspections/public/task_list.html",
        {
            "page": page,
            "query": f"{params.urlencode()}&" if params else "",
            "year": year,
            "years": years,
            "department": dept,
            "departments": _departments(),
        },
    )


def task_detail(request, pk):
    task = public_task(pk)
    rows, page = [], None
    if task.drawn_on:
        page = Paginator(drawn_qs(task), DRAWN_PER_PAGE).get_page(request.GET.get("page"))
        rows = drawn_rows(task, page.object_list)
    unit_names = dict(OrgUnit.objects.filter(
        pk__in=[int(d) for d in departments_of(task)]).values_list("pk", "name"))  # fmt: skip
    results = DrawnEntity.objects.filter(task=task).exclude(published_on=None)
    return render(
        request,
        "inspections/public/task_detail.html",
        {
            "task": task,
            "departments": list(task.departments.order_by("sort_order", "code")),
            "items": task.items.select_related("unit").order_by("unit__code", "code"),
            "ratios": ratio_rows(task),
            "total": sum((task.snapshot_counts or {}).values()),
            "rows": rows,
            "page": page,
            "query": "",
            "published": results.count(),
            "revealed": bool(task.seed_revealed_on),
            "redone_by": redone_by(task) if task.state == State.VOIDED else None,
            "voided_reason": redo_reason(task) if task.state == State.VOIDED else "",
            "redo_of": task.redo_of if task.redo_of_id and task.redo_of.committed_on else None,
            "redo_reason": mask_text(task.redo_reason),
            "unit_names": unit_names,
        },
    )


def task_verify(request, pk):
    task = public_task(pk)
    why = refusal(task)
    result = copy_result = None
    error = ""
    pasted = ""
    if not why:
        result = verdict(task)
        if request.method == "POST":
            pasted = request.POST.get("lines", "")
            try:
                lines = read_copy(pasted, request.FILES.get("file"))
            except BadCopy as e:
                error = str(e)
            else:
                copy_result = verdict(task, lines)
            if len(pasted) > 20000:  # not echoed back whole
                pasted = ""
    status = 400 if error else 200
    return render(
        request,
        "inspections/public/task_verify.html",
        {
            "task": task,
            "refusal": why,
            "result": result,
            "copy_result": copy_result,
            "error": error,
            "pasted": pasted,
            "max_kb": max_copy_bytes() // 1024,
        },
        status=status,
    )


def result_download(request, pk):
    """The stored result lines, exactly as hashed into result_hash (joined with \\n)."""
    task = public_task(pk)
    if task.drawn_on is None:
        raise Http404("该抽查任务尚未抽取")
    body = "\n".join(result_lines(task))
    resp = HttpResponse(body.encode(), content_type="text/plain; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="inspection-task-{task.pk}-result.txt"'
    return resp


def snapshot_download(request, pk):
    """The stored snapshot (gzip of draw.snapshot_lines; its decompressed SHA-256 is the
    published snapshot hash), once the seed is revealed (see the module docstring)."""
    task = public_task(pk)
    if task.seed_revealed_on is None:
        raise Http404("随机种子公布后才提供名录库快照下载")
    snap = Snapshot.objects.filter(task=task).first()
    if snap is None:
        raise Http404("该抽查任务没有名录库快照")
    resp = HttpResponse(bytes(snap.data), content_type="application/gzip")
    resp["Content-Disposition"] = (
        f'attachment; filename="inspection-task-{task.pk}-snapshot.txt.gz"'
    )
    return resp


@register_latest
def latest(limit: int) -> list[Publication]:
    """Each task's commitment, on the day it was published."""
    rows = visible().order_by("-committed_on", "-pk")
    return [
        Publication(
            "双随机抽查",
            f"{t.title}（抽取承诺）",
            timezone.localdate(t.committed_on),
            reverse("inspections_public:task", args=[t.pk]),
        )
        for t in rows[:limit]
    ]


app_name = "inspections_public"
urlpatterns = [
    path("", task_list, name="tasks"),
    path("tasks/<str:pk>/", task_detail, name="task"),
    path("tasks/<str:pk>/verify/", task_verify, name="verify"),
    path("tasks/<str:pk>/result.txt", result_download, name="result"),
    path("tasks/<str:pk>/snapshot.txt.gz", snapshot_download, name="snapshot"),
]
