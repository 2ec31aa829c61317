"""In force: evaluation, amendment, repeal, expiry (and the daily expiry job's work)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import services as core

from ..deadlines import EXPIRY
from ..models import (
    DocumentRelation,
    Evaluation,
    NormativeDocument,
    Outcome,
)
from .common import (
    S,
    _event,
    _lock,
    _need_issue,
    _open_deadlines,
    _past,
    _snap,
    _today,
    may_draft,
    may_issue,
)

# --- in force: evaluation, amendment, repeal, expiry ----------------------------------------


def _need_valid(doc: NormativeDocument, on: dt.date, what: str) -> None:
    _past(on, f"{what}日期")
    if doc.status != S.PUBLISHED:
        raise ValidationError(f"只有现行有效的文件可以{what}（该文件：{doc.shown_status(on)[1]}）")
    if doc.valid_until and doc.valid_until < on:
        raise ValidationError(f"该文件已于{doc.valid_until:%Y-%m-%d}有效期届满失效，不能{what}")


@transaction.atomic
def evaluate(
    doc: NormativeDocument, *, on: dt.date, conclusion: str, recommendation: str, actor
) -> Evaluation:
    """An evaluation (有效期届满前6个月 at the latest); closes the validity warning."""
    doc = _lock(doc)
    if not (may_draft(actor, doc) or may_issue(actor, doc)):
        raise PermissionDenied("只有起草单位或制定机关可以登记评估")
    _need_valid(doc, on, "评估")
    if not (conclusion or "").strip():
        raise ValidationError("请填写评估结论")
    if recommendation not in Outcome.values:
        raise ValidationError("请选择评估建议：继续有效、修改、废止或宣布失效")
    ev = Evaluation.objects.create(
        document=doc,
        evaluated_on=on,
        conclusion=conclusion.strip(),
        recommendation=recommendation,
        created_by=actor,
    )
    for d in _open_deadlines(doc, EXPIRY):
        core.complete_deadline(d, on=on, actor=actor)
    _event(
        doc,
        "document_evaluate",
        actor,
        f"评估（{on:%Y-%m-%d}）：建议{Outcome(recommendation).label}；{conclusion.strip()[:200]}",
    )
    return ev


def _need_successor(doc: NormativeDocument, by: NormativeDocument, what: str) -> None:
    if by.pk == doc.pk:
        raise ValidationError(f"文件不能{what}自身")
    if by.status not in (S.PUBLISHED, S.REPEALED, S.EXPIRED) or not by.published_on:
        raise ValidationError(f"用于{what}的文件须已公布")
    if doc.published_on and by.published_on < doc.published_on:
        raise ValidationError(f"用于{what}的文件不能早于被{what}的文件公布")


@transaction.atomic
def amend(
    doc: NormativeDocument, *, by: NormativeDocument, on: dt.date, actor, note: str = ""
) -> DocumentRelation:
    """Record that ``by`` (a published document) amends ``doc``, which stays in force as
    amended."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    _need_valid(doc, on, "修改")
    if by is None:
        raise ValidationError("修改文件须注明作出修改的文件")
    _need_successor(doc, by, "修改")
    rel, created = DocumentRelation.objects.get_or_create(
        source=by, target=doc, kind=DocumentRelation.Kind.AMEND, defaults={"on": on, "note": note}
    )
    if not created:
        raise ValidationError("已登记过该修改关系")
    _event(doc, "document_amended", actor, f"经《{by.title}》（{by.doc_number}）修改")
    _event(by, "document_amends", actor, f"修改《{doc.title}》（{doc.doc_number}）")
    return rel


def _end(doc: NormativeDocument, status: str, on: dt.date, reason: str, actor, summary: str):
    before = _snap(doc)
    doc.status, doc.ended_on, doc.end_reason = status, on, reason[:300]
    doc.save(update_fields=["status", "ended_on", "end_reason"])
    for d in _open_deadlines(doc, EXPIRY):
        core.cancel_deadline(d, reason=summary[:200], actor=actor)
    _event(doc, f"document_{status}", actor, summary, before=before)


@transaction.atomic
def repeal(
    doc: NormativeDocument,
    *,
    on: dt.date,
    actor,
    by: NormativeDocument | None = None,
    reason: str = "",
) -> NormativeDocument:
    """废止: by a repealing document, or with a recorded reason (e.g. a cleanup decision)."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    _need_valid(doc, on, "废止")
    reason = (reason or "").strip()
    if by is None and not reason:
        raise ValidationError("废止文件须注明废止它的文件，或说明废止理由")
    if by is not None:
        _need_successor(doc, by, "废止")
        DocumentRelation.objects.create(
            source=by, target=doc, kind=DocumentRelation.Kind.REPEAL, on=on, note=reason[:300]
        )
        _event(by, "document_repeals", actor, f"废止《{doc.title}》（{doc.doc_number}）")
    text = f"{on:%Y-%m-%d}废止" + (f"，由《{by.title}》（{by.doc_number}）废止" if by else "")
    _end(
        doc,
        S.REPEALED,
        on,
        reason or f"由{by.doc_number or by.title}废止",
        actor,
        text + (f"：{reason}" if reason else ""),
    )
    return doc


@transaction.atomic
def expire(doc: NormativeDocument, *, on: dt.date, reason: str, actor) -> NormativeDocument:
    """宣布失效 (e.g. its basis was repealed, or a cleanup declared it)."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    _need_valid(doc, on, "宣布失效")
    if not (reason or "").strip():
        raise ValidationError("宣布文件失效的，应当说明理由")
    _end(doc, S.EXPIRED, on, reason.strip(), actor, f"{on:%Y-%m-%d}宣布失效：{reason.strip()}")
    return doc


def expire_due(today: dt.date | None = None) -> list[NormativeDocument]:
    """Mark every published document whose 有效期 has ended as 失效 (idempotent; run daily
    by the ``documents.expire`` job, see jobs.py). A document is in force through its 有效期至 date."""
    today = today or _today()
    done = []
    ids = list(
        NormativeDocument.objects.filter(status=S.PUBLISHED, valid_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            doc = NormativeDocument.objects.select_for_update().select_related("unit").get(pk=pk)
            if doc.status != S.PUBLISHED or not doc.valid_until or doc.valid_until >= today:
                continue
            end = doc.valid_until + dt.timedelta(days=1)
            _end(
                doc,
                S.EXPIRED,
                end,
                "有效期届满",
                None,
                f"有效期至{doc.valid_until:%Y-%m-%d}，{end:%Y-%m-%d}起自动失效",
            )
            done.append(doc)
    return done
