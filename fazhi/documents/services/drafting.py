"""Drafting and public comment (国办发〔2018〕37号: 起草、公开征求意见或登记不征求意见的理由)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, locking
from fazhi.core.models import OrgUnit

from .. import search
from ..models import NormativeDocument
from .common import KIND, S, _consultation, _event, _lock, _need_draft, public_url

# --- drafting ---------------------------------------------------------------------------


def _check_issuer(unit: OrgUnit, issuer: OrgUnit) -> None:
    if not unit.path.startswith(issuer.path):
        raise ValidationError("制定机关应为起草单位本身或其上级人民政府")


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError("请填写文件标题")
    if len(title) > 200:
        raise ValidationError("文件标题不能超过200字")
    return title


@transaction.atomic
def create_draft(
    *,
    title: str,
    unit: OrgUnit,
    issuer: OrgUnit,
    body: str = "",
    explanation: str = "",
    basis: str = "",
    actor,
) -> NormativeDocument:
    """Start a draft in the drafting unit."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied("只能为本单位起草规范性文件")
    _check_issuer(unit, issuer)
    doc = NormativeDocument.objects.create(
        title=_check_title(title),
        unit=unit,
        issuer=issuer,
        body=(body or "").strip(),
        explanation=(explanation or "").strip(),
        basis=(basis or "").strip()[:500],
        created_by=actor,
    )
    search.index(doc)
    _event(
        doc, "document_create", actor, f"起草规范性文件《{doc.title}》（制定机关：{issuer.name}）"
    )
    return doc


@transaction.atomic
def update_draft(
    doc: NormativeDocument,
    *,
    title: str,
    body: str,
    explanation: str = "",
    basis: str = "",
    issuer: OrgUnit | None = None,
    actor,
    version=None,
) -> NormativeDocument:
    """Edit the draft; only while it is being drafted (a text under comment or review is
    frozen: the public and the reviewer must see what is decided). ``version``: what the
    edit form was opened at (``locking.claim``)."""
    doc = _lock(doc)
    locking.claim(doc, version)
    _need_draft(actor, doc)
    if doc.status != S.DRAFTING:
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能修改草案")
    before = {"title": doc.title, "body_len": len(doc.body), "issuer": doc.issuer_id}
    if issuer is not None:
        _check_issuer(doc.unit, issuer)
        doc.issuer = issuer
    doc.title = _check_title(title)
    doc.body = (body or "").strip()
    doc.explanation = (explanation or "").strip()
    doc.basis = (basis or "").strip()[:500]
    doc.save()
    search.index(doc)
    _event(
        doc,
        "document_update",
        actor,
        f"修改草案《{doc.title}》",
        before=before,
        after={"title": doc.title, "body_len": len(doc.body), "issuer": doc.issuer_id},
    )
    return doc


# --- public comment ---------------------------------------------------------------------


@transaction.atomic
def open_consultation(
    doc: NormativeDocument,
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    actor,
    urgent_reason: str = "",
    opener=None,
):
    """Put the draft out for public comment on the portal (via ``consultation``).

    The consultation module enforces the minimum period for normative documents
    (FAZHI_CONSULTATION_MIN_DAYS, default 30 days: 37号 requires comment on documents
    affecting the public and sets no national minimum; 30 days is the common local figure
    and the national one for 重大行政决策, 条例 第15条); shorter only with a reason.
    ``opener`` stands in for ``consultation.interface.open_consultation`` (same keywords):
    the demo uses it to back-date, as the interface takes no date."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status != S.DRAFTING:
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能再公开征求意见")
    if not doc.body.strip():
        raise ValidationError("请先填写文件正文（征求意见稿）")
    urgent_reason = (urgent_reason or "").strip()
    days = (closes_on - opens_on).days
    c = (opener or _consultation().open_consultation)(
        subject=doc,
        kind=KIND,
        unit=doc.unit,
        title=doc.title,
        draft=doc.body,
        explanation=doc.explanation,
        opens_on=opens_on,
        closes_on=closes_on,
        actor=actor,
        subject_url=public_url(doc),
        urgent_reason=urgent_reason,
    )
    doc.status = S.CONSULTING
    doc.save(update_fields=["status"])
    _event(
        doc,
        "document_consult",
        actor,
        f"公开征求意见：{opens_on:%Y-%m-%d}至{closes_on:%Y-%m-%d}（{days}日）"
        + (f"，缩短期限理由：{urgent_reason}" if urgent_reason else ""),
    )
    return c


@transaction.atomic
def record_exemption(doc: NormativeDocument, *, reason: str, approved_by: str, actor):
    """Record why the draft is not put out for comment (e.g. it does not affect the
    public's rights and duties), and who approved that."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status != S.DRAFTING:
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能登记不征求意见")
    if not (reason or "").strip():
        raise ValidationError("不公开征求意见的，应当说明理由")
    if not (approved_by or "").strip():
        raise ValidationError("请填写批准不公开征求意见的负责人")
    # The consultation module writes the event into this document's own record.
    return _consultation().record_exemption(
        subject=doc, reason=reason.strip(), approved_by=approved_by.strip(), actor=actor
    )


def participation(doc: NormativeDocument) -> tuple[bool, str]:
    return _consultation().participation_done(doc)
