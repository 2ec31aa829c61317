"""Report state changes: generate (or regenerate) the draft, edit paragraphs (every edit
recorded), submit for review, return, publish."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, anchors, events, locking
from fazhi.core.models import OrgUnit

from . import gates
from .composer import compose
from .export import validate
from .models import AnnualReport

# 〔数1〕, not 〔1〕: a bare 〔2025〕 is part of every 文号 quoted in the text.
TOKEN = re.compile(r"〔数(\d+)〕")


def _can_edit(actor, unit: OrgUnit) -> bool:
    return access.can(actor, "change", unit)


def digest(doc) -> str:
    """The content's fingerprint, to tell a report resubmitted unchanged after a return."""
    return hashlib.sha256(
        json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    ).hexdigest()


@transaction.atomic
def generate(year: int, unit: OrgUnit, actor, today: dt.date | None = None) -> AnnualReport:
    """Compose the draft from the records; a draft is regenerated, a report under review
    or published is never overwritten."""
    if actor is not None and not _can_edit(actor, unit):
        raise PermissionDenied("无权为该单位生成年度报告")
    doc = compose(year, unit, today=today)
    report = AnnualReport.objects.filter(year=year, unit=unit).first()
    if report and report.state != AnnualReport.State.DRAFT:
        raise ValidationError("该报告已提交审核或已发布，不能重新生成")
    before = None
    if report is None:
        report = AnnualReport(year=year, unit=unit)
    else:
        before = {"generated_at": report.generated_at}
    report.doc = doc
    report.generated_at = timezone.now()
    report.save()
    n = sum(1 for s in _all_paragraphs(doc) for seg in s if "figure" in seg)
    events.append(
        action="report_generate",
        record=report,
        actor=actor,
        unit=unit,
        summary=f"根据业务记录{'重新' if before else ''}生成{year}年度报告草稿（{n}个数据）",
        before=before,
    )
    return report


def _all_paragraphs(doc):
    yield from doc.get("preamble", [])

    def walk(sections):
        for s in sections:
            yield from s.get("paragraphs", [])
            yield from walk(s.get("subsections", []))

    yield from walk(doc.get("sections", []))


def paragraph_slots(doc) -> list[tuple[str, str, list[dict]]]:
    """(key, heading, paragraph) for every paragraph, keys stable for the edit form."""
    out = [(f"p{i}", "开头", p) for i, p in enumerate(doc.get("preamble", []))]

    def walk(sections, prefix):
        for i, s in enumerate(sections):
            key = f"{prefix}s{i}"
            for j, p in enumerate(s.get("paragraphs", [])):
                out.append((f"{key}p{j}", s["heading"], p))
            walk(s.get("subsections", []), key)

    walk(doc.get("sections", []), "")
    return out


def to_editable(paragraph: list[dict]) -> tuple[str, list[dict]]:
    """Text with each figure as a numbered token 〔数1〕 the editor must keep (or delete)."""
    figures, parts = [], []
    for seg in paragraph:
        if "figure" in seg:
            figures.append(seg)
            parts.append(f"{seg['text']}〔数{len(figures)}〕")
        else:
            parts.append(seg["text"])
    return "".join(parts), figures


def _keep_origins(segs: list[dict], origins: list[dict]) -> list[dict]:
    """Text quoted from a record keeps its source while the editor leaves it unchanged."""
    for origin in origins:
        quoted = origin["text"]
        out = []
        for seg in segs:
            if {"figure", "origin", "derived"} & seg.keys() or quoted not in seg["text"]:
                out.append(seg)
                continue
            before, _, after = seg["text"].partition(quoted)
            out += (
                ([{"text": before}] if before else [])
                + [dict(origin)]
                + ([{"text": after}] if after else [])
            )
        segs = out
    return segs


def from_editable(text: str, figures: list[dict], origins: list[dict] = ()) -> list[dict]:
    """Back to segments: "44件〔数1〕" → the first figure segment (its text is restored from
    the record, so an edited number never survives next to a token); quoted record text
    left unchanged keeps its source."""
    segs: list[dict] = []
    pos = 0
    used = set()
    for m in TOKEN.finditer(text):
        n = int(m.group(1))
        if not 1 <= n <= len(figures) or n in used:
            raise ValidationError(f"数据标记〔数{n}〕不存在或重复，请勿修改数据标记")
        used.add(n)
        fig = figures[n - 1]
        before = text[pos : m.start()]
        if before.endswith(fig["text"]):
            before = before[: -len(fig["text"])]
        if before:
            segs.append({"text": before})
        segs.append(dict(fig))
        pos = m.end()
    if text[pos:]:
        segs.append({"text": text[pos:]})
    return _keep_origins(segs, list(origins))


def _set_paragraph(doc, key: str, new):
    if key.startswith("p"):
        doc["preamble"][int(key[1:])] = new
        return
    parts = re.findall(r"([sp])(\d+)", key)
    node = {"subsections": doc["sections"]}
    for _, idx in parts[:-1]:
        node = node["subsections"][int(idx)]
    node["paragraphs"][int(parts[-1][1])] = new


@transaction.atomic
def edit(report: AnnualReport, changes: dict[str, str], actor, version=None) -> AnnualReport:
    """Apply edited paragraph texts (key → text). Empty text removes the paragraph.
    ``version``: what the edit form was opened at (``locking.claim``)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    locking.claim(report, version, bump=False)
    if not _can_edit(actor, report.unit):
        raise PermissionDenied("无权修改该报告")
    if report.state != AnnualReport.State.DRAFT:
        raise ValidationError("只能修改草稿；已提交审核的报告请先退回")
    slots = {k: p for k, _, p in paragraph_slots(report.doc)}
    before, after, removed = {}, {}, []
    doc = report.doc
    for key, text in changes.items():
        if key not in slots:
            raise ValidationError(f"段落{key}不存在")
        old_text, figures = to_editable(slots[key])
        text = text.replace("\r\n", "\n").strip()
        if text == old_text:
            continue
        before[key], after[key] = old_text, text
        if not text:
            removed.append(key)
            _set_paragraph(doc, key, None)
        else:
            origins = [seg for seg in slots[key] if "origin" in seg or "derived" in seg]
            _set_paragraph(doc, key, from_editable(text, figures, origins))
    if not after:
        return report

    def prune(sections):
        for s in sections:
            s["paragraphs"] = [p for p in s.get("paragraphs", []) if p]
            prune(s.get("subsections", []))

    doc["preamble"] = [p for p in doc.get("preamble", []) if p]
    prune(doc["sections"])
    try:
        validate(doc)
    except ValueError as e:
        raise ValidationError(str(e)) from None
    report.doc = doc
    report.save(update_fields=["doc"])
    events.append(
        action="report_edit",
        record=report,
        actor=actor,
        unit=report.unit,
        summary=f"修改报告{len(after)}段" + (f"，删除{len(removed)}段" if removed else ""),
        before=before,
        after=after,
    )
    return report


@transaction.atomic
def submit(report: AnnualReport, actor) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not _can_edit(actor, report.unit):
        raise PermissionDenied("无权提交该报告")
    if report.state != AnnualReport.State.DRAFT:
        raise ValidationError("只能提交草稿")
    from .quality import check

    q = check(report.doc, year=report.year)
    if q.missing_sections:
        raise ValidationError(f"报告缺少必备部分：{'、'.join(q.missing_sections)}")
    if q.placeholders:
        raise ValidationError(f"报告中有未替换的占位内容：{'；'.join(q.placeholders[:5])}")
    unchanged = bool(report.returned_digest) and report.returned_digest == digest(report.doc)
    report.state, report.submitted_at = AnnualReport.State.REVIEW, timezone.now()
    report.resubmitted_unchanged = unchanged
    note, report.review_note = report.review_note, ""
    report.save()
    events.append(
        action="report_submit",
        record=report,
        actor=actor,
        unit=report.unit,
        summary="提交审核" + (f"（退回后未作任何修改，退回意见：{note}）" if unchanged else ""),
        after={"unchanged": unchanged},
    )
    return report


@transaction.atomic
def return_for_changes(report: AnnualReport, reason: str, actor) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not gates.holds_approver_role(actor, report.unit):
        raise PermissionDenied("无权审核该报告")
    if report.state != AnnualReport.State.REVIEW:
        raise ValidationError("只能退回待审核的报告")
    if not reason.strip():
        raise ValidationError("退回时须说明理由")
    report.state, report.review_note = AnnualReport.State.DRAFT, reason.strip()[:300]
    report.returned_digest, report.resubmitted_unchanged = digest(report.doc), False
    report.save()
    events.append(
        action="report_return",
        record=report,
        actor=actor,
        unit=report.unit,
        summary=f"退回修改：{report.review_note}",
    )
    return report


@transaction.atomic
def publish(
    report: AnnualReport, actor, on: dt.date | None = None, override_reason: str = ""
) -> AnnualReport:
    """Approve and publish on the portal (法治政府建设与责任落实督察工作规定 第24条).

    Four eyes: not by whoever generated or edited the draft (``gates``). The quality check
    blocks a report with a required part missing or empty, or for a year not yet ended,
    unless the approver records ``override_reason`` (kept on the report and in its history).
    """
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    gates.check_approver(actor, report)
    if report.state != AnnualReport.State.REVIEW:
        raise ValidationError("报告须先提交审核，审核通过后发布")
    on = on or timezone.localdate()
    from .quality import check, publication_blockers

    blockers = publication_blockers(check(report.doc, year=report.year), year=report.year, on=on)
    override_reason = (override_reason or "").strip()[:300]
    if blockers and not override_reason:
        raise ValidationError(
            f"质量检查未通过，不能发布：{'；'.join(blockers)}。确需发布的，请填写发布理由"
        )
    report.override_reason = override_reason if blockers else ""
    report.state, report.published_on, report.published_by = AnnualReport.State.PUBLISHED, on, actor
    # The full-process record's head as of publication goes into the report's appendix: the
    # published copy (portal, print, the superior's files) then anchors the chain outside
    # the database, so history rewritten later no longer matches it.
    report.doc = {**report.doc, "chain_head": anchors.head_line(on)}
    report.save()
    from .deadlines import publish_due

    late = on > publish_due(report.year)
    events.append(
        action="report_publish",
        record=report,
        actor=actor,
        unit=report.unit,
        summary=f"审核通过并于{on:%Y-%m-%d}向社会公开"
        + ("（已超过公开期限）" if late else "")
        + (
            f"；质量检查未通过（{'；'.join(blockers)}），发布理由：{report.override_reason}"
            if report.override_reason
            else ""
        ),
        after={"override_reason": report.override_reason, "blockers": blockers},
    )
    return report
