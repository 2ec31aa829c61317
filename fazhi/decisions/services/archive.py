"""The decision's full-process record and its archive package (ZIP with a SHA-256 manifest)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.models import Attachment, Event

from ..models import (
    MajorDecision,
)
from .common import _log, consultation, legal


def related_records(decision: MajorDecision) -> list[tuple[str, str, str]]:
    """(record_type, record_id, folder) of the decision, its steps, its catalogue item and
    the legality review / consultation records of the sibling apps."""
    refs = [(*events.record_ref(decision), "decision")]
    for folder, qs in (
        ("expert_review", decision.expert_reviews.all()),
        ("risk_assessment", decision.risk_assessments.all()),
        ("collective_decision", decision.meetings.all()),
        ("execution", decision.execution_notes.all()),
        ("evaluation", decision.evaluations.all()),
    ):
        refs += [(*events.record_ref(obj), folder) for obj in qs]
    for folder, getter in (
        ("legality_review", lambda: legal().latest_review(decision)),
        ("consultation", lambda: consultation().consultation_for(decision)),
    ):
        try:
            obj = getter()
        except ImportError:
            obj = None
        if obj is not None and hasattr(obj, "_meta"):
            refs.append((*events.record_ref(obj), folder))
    return refs


def _q(refs) -> Q:
    q = Q(pk__in=[])
    for rt, rid, _ in refs:
        q |= Q(record_type=rt, record_id=rid)
    return q


def full_record(decision: MajorDecision, refs=None):
    """Every event of the decision and its steps, in chain order."""
    return Event.objects.filter(_q(refs or related_records(decision))).order_by("seq")


def attachments_of(decision: MajorDecision, refs=None):
    return Attachment.objects.filter(_q(refs or related_records(decision))).order_by("pk")


EVENT_FIELDS = (
    "seq",
    "at",
    "actor_name",
    "unit_code",
    "record_type",
    "record_id",
    "action",
    "summary",
    "before",
    "after",
    "attachments",
    "prev_hash",
    "hash",
)


def _safe(name: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ") or "file"
    return name[:120]


def _summary(decision: MajorDecision) -> dict:
    d = decision
    return {
        "id": d.pk,
        "title": d.title,
        "year": d.year,
        "catalog": d.item.catalog.title,
        "catalog_number": d.item.number,
        "unit": d.unit.name,
        "body": d.body.name,
        "state": d.get_state_display(),
        "draft": d.draft,
        "explanation": d.explanation,
        "participation": d.get_participation_display(),
        "expert_not_required": d.expert_not_required,
        "risk_not_required": d.risk_not_required,
        "expert_reviews": list(
            d.expert_reviews.values(
                "held_on", "form", "organizer", "experts", "opinions", "adoption"
            )
        ),
        "risk_assessments": list(
            d.risk_assessments.values(
                "assessed_on", "assessor", "method", "level", "conclusion", "measures"
            )
        ),
        "legality_requested_on": d.legality_requested_on,
        "legality_passed": d.legality_passed,
        "legality_summary": d.legality_summary,
        "meetings": list(
            d.meetings.values(
                "meeting_kind",
                "meeting_name",
                "meeting_on",
                "attendees",
                "outcome",
                "dissent",
                "head_decision",
                "head_departs",
                "head_reason",
            )
        ),
        "decided_on": d.decided_on,
        "party_reported_on": d.party_reported_on,
        "party_report_document": d.party_report_document,
        "published_on": d.published_on,
        "publication_channel": d.publication_channel,
        "document_number": d.document_number,
        "published_text": d.published_text,
        "adoption_note": d.adoption_note,
        "execution_notes": [
            {"on": n.on, "unit": n.unit.name, "note": n.note, "problems": n.problems}
            for n in d.execution_notes.select_related("unit")
        ],
        "evaluations": list(
            d.evaluations.values(
                "trigger",
                "trigger_detail",
                "evaluator",
                "third_party",
                "started_on",
                "finished_on",
                "result",
                "recommendation",
            )
        ),
        "archived_on": d.archived_on,
        "archive_reference": d.archive_reference,
    }


def build_archive(decision: MajorDecision, actor) -> tuple[str, bytes]:
    """The archive package (条例第33条): every attached document, the full-process record
    (JSON and CSV) and a summary, with ``manifest.json`` naming each other file's SHA-256.

    Refused to a person who may not view the decision. Writes an ``archive_export`` event.
    """
    decision = access.get_for(
        actor,
        MajorDecision.objects.select_related("unit", "body", "item__catalog"),
        "view",
        pk=decision.pk,
    )
    refs = related_records(decision)
    folders = {(rt, rid): folder for rt, rid, folder in refs}
    files: list[tuple[str, bytes, dict]] = []
    evs = list(full_record(decision, refs).values(*EVENT_FIELDS))
    files.append(
        (
            "record/events.json",
            json.dumps(evs, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode(),
            {"kind": "全过程记录（JSON）"},
        )
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EVENT_FIELDS)
    for e in evs:
        writer.writerow(
            [
                json.dumps(e[f], cls=DjangoJSONEncoder, ensure_ascii=False)
                if isinstance(e[f], dict | list)
                else (e[f].isoformat() if isinstance(e[f], dt.datetime) else e[f])
                for f in EVENT_FIELDS
            ]
        )
    files.append(
        ("record/events.csv", buf.getvalue().encode("utf-8-sig"), {"kind": "全过程记录（CSV）"})
    )
    files.append(
        (
            "record/decision.json",
            json.dumps(
                _summary(decision), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
            ).encode(),
            {"kind": "决策及各程序登记信息"},
        )
    )
    for att in attachments_of(decision, refs):
        with att.file.open("rb") as fh:
            data = fh.read()
        folder = folders.get((att.record_type, att.record_id), "other")
        files.append(
            (
                f"attachments/{folder}/{att.pk}_{_safe(att.original_name)}",
                data,
                {
                    "kind": "附件",
                    "description": att.description,
                    "stored_sha256": att.sha256,
                    "intact": hashlib.sha256(data).hexdigest() == att.sha256,
                },
            )
        )
    manifest = {
        "decision": decision.pk,
        "title": decision.title,
        "generated_at": timezone.now(),
        "generated_by": str(actor),
        "algorithm": "SHA-256",
        "basis": "《重大行政决策程序暂行条例》第三十三条",
        "files": [
            {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **meta}
            for path, data, meta in files
        ],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data, _ in files:
            zf.writestr(path, data)
        zf.writestr(
            "manifest.json",
            json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode(),
        )
    payload = out.getvalue()
    with transaction.atomic():
        _log(
            decision,
            "archive_export",
            actor,
            f"导出归档包（{len(files)}个文件，SHA-256 {hashlib.sha256(payload).hexdigest()[:16]}…）",
            after={"files": len(files), "zip_sha256": hashlib.sha256(payload).hexdigest()},
        )
    return f"decision-{decision.pk}-archive.zip", payload
