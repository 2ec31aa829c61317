"""Normative document state changes: the only place a document, a filing or a cleanup
changes. Each checks who may act and which steps must be done, writes, and appends to the
full-process record in one transaction; views, the API, the import and the demo all come
through here.

The order the rules set (国办发〔2018〕37号, 115号):
drafting → public comment (or a recorded exemption) → 合法性审核 (passed) → 集体审议 →
统一登记、统一编号 → 统一印发 (publication) → 备案 → in force → evaluation →
amendment / repeal / expiry.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from . import rules, search
from .deadlines import EXPIRY, FILING
from .models import (
    Cleanup,
    CleanupItem,
    DocumentRelation,
    Evaluation,
    Filing,
    NormativeDocument,
    NumberSequence,
    Outcome,
)

KIND = "normative_document"
S = NormativeDocument.Status

SNAPSHOT_FIELDS = (
    "title",
    "status",
    "doc_number",
    "registered_on",
    "published_on",
    "effective_on",
    "valid_until",
    "ended_on",
)


def _legal():
    from fazhi.legal import interface

    return interface


def _consultation():
    from fazhi.consultation import interface

    return interface


def office_url(doc: NormativeDocument) -> str:
    return f"/office/documents/{doc.pk}/"


def public_url(doc: NormativeDocument) -> str:
    return f"/documents/{doc.pk}/"


def _snap(doc: NormativeDocument) -> dict:
    return {f: getattr(doc, f) for f in SNAPSHOT_FIELDS}


def _event(doc, action: str, actor, summary: str, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=doc,
        actor=actor,
        unit=doc.unit,
        summary=summary,
        before=before,
        after=after if after is not None else _snap(doc),
        attachments=attachments,
    )


def may_draft(actor, doc: NormativeDocument) -> bool:
    return actor is None or access.can(actor, "change", doc.unit)


def may_issue(actor, doc: NormativeDocument) -> bool:
    """The issuer's office registers, numbers, publishes and files (统一登记、编号、印发)."""
    return actor is None or access.can(actor, "change", doc.issuer)


def _need_draft(actor, doc) -> None:
    if not may_draft(actor, doc):
        raise PermissionDenied("只有起草单位可以办理该事项")


def _need_issue(actor, doc) -> None:
    if not may_issue(actor, doc):
        raise PermissionDenied("只有制定机关（或其办公室）可以办理统一登记、编号、印发和备案")


def _need_manage(actor) -> None:
    if actor is not None and not access.can(actor, "documents_manage"):
        raise PermissionDenied("只有统筹协调人员可以组织规范性文件清理和导入")


def _lock(doc: NormativeDocument) -> NormativeDocument:
    return (
        NormativeDocument.objects.select_for_update()
        .select_related("unit", "issuer")
        .get(pk=doc.pk)
    )


def _today() -> dt.date:
    return timezone.localdate()


def _past(day: dt.date | None, label: str) -> dt.date:
    """A date a person records for an act that has happened (a meeting, a registration,
    a publication, a filing…): given, and not later than today."""
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > _today():
        raise ValidationError(f"{label}不能晚于今天（{_today():%Y-%m-%d}），不能预先登记")
    return day


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


# --- legality review --------------------------------------------------------------------


@transaction.atomic
def request_review(
    doc: NormativeDocument,
    *,
    actor,
    self_checked: bool,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
    requester=None,
):
    """Send the draft for 合法性审核 (via ``legal``), after public participation.
    ``requester`` stands in for ``legal.interface.request_review`` (same keywords), for
    the demo's back-dated requests."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status not in (S.DRAFTING, S.CONSULTING):
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能送交合法性审核")
    if not doc.body.strip():
        raise ValidationError("请先填写文件正文")
    done, why = participation(doc)
    if not done:
        raise ValidationError(
            f"公众参与程序尚未完成，不能送交合法性审核：{why or '请先公开征求意见或登记不征求意见的理由'}"
        )
    if not self_checked:
        raise ValidationError(
            "送审前应对照国办发〔2018〕37号的禁止性规定自查（不得增设行政许可、处罚、强制、收费等）"
        )
    review = (requester or _legal().request_review)(
        subject=doc,
        kind=KIND,
        unit=doc.unit,
        title=doc.title,
        url=office_url(doc),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=materials,
    )
    doc.status = S.REVIEWING
    doc.self_checked = True
    doc.review_requested_on = on or _today()
    doc.save(update_fields=["status", "self_checked", "review_requested_on"])
    _event(doc, "document_review_request", actor, f"送交合法性审核（{why}）")
    return review


def review_passed(doc: NormativeDocument) -> bool:
    return bool(_legal().review_passed(doc))


def review_summary(doc: NormativeDocument) -> str:
    return _legal().review_summary(doc)


def _review_date(doc: NormativeDocument, fallback: dt.date) -> dt.date:
    """The date the legal module's latest review concluded (its opinion date)."""
    review = _legal().latest_review(doc)
    return getattr(review, "concluded_on", None) or fallback


@transaction.atomic
def withdraw(doc: NormativeDocument, *, reason: str, actor) -> NormativeDocument:
    """Take the draft back for revision (e.g. after a 不合法 opinion); it must be reviewed
    again before discussion."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status not in (S.CONSULTING, S.REVIEWING):
        raise ValidationError("只有征求意见或审核阶段的文件可以撤回修改")
    if doc.status == S.REVIEWING:
        review = _legal().latest_review(doc)
        if review is not None and getattr(review, "concluded_on", None) is None:
            raise ValidationError("合法性审核尚未出具意见；如需修改，请先在合法性审查中撤回送审")
        if review_passed(doc):
            raise ValidationError("合法性审核已通过，请提交集体审议；审议未通过的退回修改")
    if not (reason or "").strip():
        raise ValidationError("请说明撤回修改的理由")
    before = _snap(doc)
    doc.status = S.DRAFTING
    doc.save(update_fields=["status"])
    _event(doc, "document_withdraw", actor, f"撤回修改：{reason.strip()}", before=before)
    return doc


# --- collective discussion ---------------------------------------------------------------


@transaction.atomic
def record_discussion(
    doc: NormativeDocument,
    *,
    meeting: str,
    date: dt.date,
    outcome: str,
    actor,
    note: str = "",
) -> NormativeDocument:
    """集体审议: only after a passed legality review (国办发〔2018〕115号: 未经合法性审核或者
    经审核不合法的，不得提交集体审议)."""
    doc = _lock(doc)
    if not (may_draft(actor, doc) or may_issue(actor, doc)):
        raise PermissionDenied("只有起草单位或制定机关可以登记集体审议情况")
    if doc.status not in (S.REVIEWING,):
        if doc.status in (S.DRAFTING, S.CONSULTING):
            raise ValidationError("文件尚未经合法性审核，不得提交集体审议")
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能登记集体审议")
    if not review_passed(doc):
        raise ValidationError("合法性审核尚未完成或审核未通过，不得提交集体审议")
    if not (meeting or "").strip():
        raise ValidationError("请填写审议会议名称（如：区政府第12次常务会议）")
    date = _past(date, "审议日期")
    if doc.review_requested_on and date < doc.review_requested_on:
        raise ValidationError("审议日期不能早于送交合法性审核的日期")
    opinion_on = _legal().review_passed_on(doc)
    if opinion_on and date < opinion_on:
        raise ValidationError(
            f"审议日期不能早于合法性审核意见的出具日期（{opinion_on:%Y-%m-%d}）："
            "未经合法性审核的，不得提交集体审议"
        )
    if outcome not in NormativeDocument.Outcome.values:
        raise ValidationError("请选择审议结果")
    if outcome == NormativeDocument.Outcome.REJECTED and not (note or "").strip():
        raise ValidationError("审议未通过的，请填写审议意见")
    before = _snap(doc)
    doc.legality_reviewed_on = _review_date(doc, date)
    doc.discussion_meeting = meeting.strip()[:100]
    doc.discussion_date = date
    doc.discussion_outcome = outcome
    doc.discussion_note = (note or "").strip()[:500]
    doc.status = S.DRAFTING if outcome == NormativeDocument.Outcome.REJECTED else S.DISCUSSED
    doc.save()
    label = NormativeDocument.Outcome(outcome).label
    _event(
        doc,
        "document_discuss",
        actor,
        f"{doc.discussion_meeting}（{date:%Y-%m-%d}）集体审议：{label}"
        + (f"；{doc.discussion_note}" if doc.discussion_note else ""),
        before=before,
    )
    return doc


# --- 统一登记、统一编号 --------------------------------------------------------------------


@transaction.atomic
def register_and_number(
    doc: NormativeDocument, *, actor, on: dt.date | None = None
) -> NormativeDocument:
    """统一登记、统一编号: the next 文号 of the issuer for the year, never skipped or
    repeated. The issuer's NumberSequence row is locked (SELECT … FOR UPDATE) until the
    transaction ends, so concurrent numbering queues; a unique constraint on
    (issuer, year, N) backs it up."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.doc_number:
        raise ValidationError(f"该文件已编号：{doc.doc_number}")
    if doc.status in (S.DRAFTING, S.CONSULTING, S.REVIEWING) and not (
        doc.status == S.REVIEWING and review_passed(doc)
    ):
        raise ValidationError("未经合法性审核或审核未通过的文件，不得统一登记、编号")
    if doc.status != S.DISCUSSED or doc.discussion_outcome not in (
        NormativeDocument.Outcome.APPROVED,
        NormativeDocument.Outcome.APPROVED_WITH_CHANGES,
    ):
        raise ValidationError("文件未经集体审议通过，不得统一登记、编号")
    on = _past(on or _today(), "登记日期")
    if doc.discussion_date and on < doc.discussion_date:
        raise ValidationError("登记日期不能早于集体审议日期")
    year = on.year
    NumberSequence.objects.get_or_create(issuer=doc.issuer, year=year)
    seq = NumberSequence.objects.select_for_update().get(issuer=doc.issuer, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    before = _snap(doc)
    doc.number_year, doc.number_seq = year, seq.last
    doc.doc_number = rules.format_number(doc.issuer, year, seq.last)
    doc.registered_on = on
    doc.status = S.NUMBERED
    doc.save()
    _event(
        doc,
        "document_number",
        actor,
        f"统一登记、编号：{doc.doc_number}（{on:%Y-%m-%d}）",
        before=before,
    )
    return doc


# --- 统一印发 (publication) ----------------------------------------------------------------


@transaction.atomic
def publish(
    doc: NormativeDocument,
    *,
    published_on: dt.date,
    actor,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    channel: str = "",
) -> NormativeDocument:
    """统一印发 and publication (未经公布的规范性文件不得作为行政管理依据). Sets the 有效期
    (at most 5 years; 暂行/试行 2), starts the 备案 clock and the validity warning. The 备案
    period's last day may move past a holiday (rules.filing_due), so the calendar of the year
    it ends in must be loaded: without it publication is refused (``CalendarMissing``)."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.status != S.NUMBERED or not doc.doc_number:
        raise ValidationError("文件未经统一登记、编号，不得印发公布")
    published_on = _past(published_on, "公布日期")
    if doc.registered_on and published_on < doc.registered_on:
        raise ValidationError("公布日期不能早于登记编号日期")
    effective_on = effective_on or published_on
    if effective_on < published_on:
        raise ValidationError("施行日期不能早于公布日期")
    if effective_on > rules.add_years(published_on, 1):
        raise ValidationError("施行日期不能晚于公布日期一年以上")
    longest = rules.max_valid_until(effective_on, doc.title)
    years = rules.valid_years(doc.is_trial)
    if valid_until is None:
        valid_until = longest
    elif valid_until > longest:
        raise ValidationError(
            f"有效期不得超过{years}年"
            + ("（标题含“暂行”或“试行”）" if doc.is_trial else "")
            + f"，最迟至{longest:%Y-%m-%d}"
        )
    elif valid_until < effective_on:
        raise ValidationError("有效期截止日不能早于施行日期")
    before = _snap(doc)
    doc.published_on = published_on
    doc.effective_on = effective_on
    doc.valid_until = valid_until
    doc.publication_channel = (channel or "").strip()[:100] or "政府门户网站"
    doc.filing_due_on = rules.filing_due(published_on)
    doc.status = S.PUBLISHED
    doc.save()
    core.start_deadline(
        record=doc,
        clock=FILING,
        start=doc.filing_due_on,
        unit=doc.issuer,
        title=f"报送备案：《{doc.title}》（{doc.doc_number}）"[:300],
        url=office_url(doc),
        actor=actor,
    )
    core.start_deadline(
        record=doc,
        clock=EXPIRY,
        start=rules.evaluation_due(valid_until, effective_on),
        unit=doc.unit,
        title=f"有效期届满前评估：《{doc.title}》（{doc.doc_number}，有效期至{valid_until:%Y-%m-%d}）"[
            :300
        ],
        url=office_url(doc),
        actor=actor,
    )
    _event(
        doc,
        "document_publish",
        actor,
        f"印发公布{doc.doc_number}：{published_on:%Y-%m-%d}公布（{doc.publication_channel}），"
        f"{effective_on:%Y-%m-%d}施行，有效期至{valid_until:%Y-%m-%d}，"
        f"应于{doc.filing_due_on:%Y-%m-%d}前报送备案",
        before=before,
    )
    return doc


def _open_deadlines(doc: NormativeDocument, clock: str):
    return Deadline.objects.filter(
        record_type="documents.normativedocument",
        record_id=str(doc.pk),
        clock=clock,
        state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED],
    )


# --- 备案 (filing) ------------------------------------------------------------------------


def default_filed_with(doc: NormativeDocument) -> str:
    if doc.issuer.kind == OrgUnit.Kind.GOVERNMENT and doc.issuer.parent_id is None:
        return "上一级人民政府、本级人大常委会"
    return "本级人民政府（司法行政部门）"


@transaction.atomic
def file(
    doc: NormativeDocument,
    *,
    filed_on: dt.date,
    actor,
    filed_with: str = "",
    late_reason: str = "",
) -> Filing:
    """Report the published document to the higher body for 备案. Filing after the period
    is accepted but flagged late, with the reason recorded."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.status not in (S.PUBLISHED, S.REPEALED, S.EXPIRED) or not doc.published_on:
        raise ValidationError("文件公布后才能报送备案")
    if Filing.objects.filter(document=doc).exists():
        raise ValidationError("该文件已报送备案")
    filed_on = _past(filed_on, "报送备案日期")
    if filed_on < doc.published_on:
        raise ValidationError("报送备案日期不能早于公布日期")
    due = doc.filing_due_on or rules.filing_due(doc.published_on, strict=False)
    on_time = filed_on <= due
    late_reason = (late_reason or "").strip()
    if not on_time and not late_reason:
        raise ValidationError(
            f"备案期限为{due:%Y-%m-%d}，已逾期{(filed_on - due).days}日，请说明逾期报送的原因"
        )
    filing = Filing.objects.create(
        document=doc,
        filed_with=(filed_with or "").strip()[:100] or default_filed_with(doc),
        filed_on=filed_on,
        due_on=due,
        on_time=on_time,
        late_reason=late_reason[:300],
        created_by=actor,
    )
    for d in _open_deadlines(doc, FILING):
        core.complete_deadline(d, on=filed_on, actor=actor)
    _event(
        doc,
        "document_file",
        actor,
        f"{filed_on:%Y-%m-%d}报送{filing.filed_with}备案"
        + ("（按期）" if on_time else f"（逾期{(filed_on - due).days}日：{late_reason}）"),
        after={"filed_on": filed_on, "due_on": due, "on_time": on_time},
    )
    return filing


@transaction.atomic
def record_filing_outcome(
    filing: Filing, *, outcome: str, on: dt.date, actor, note: str = ""
) -> Filing:
    """The higher body's result of 备案审查."""
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    doc = filing.document
    _need_issue(actor, doc)
    if filing.outcome != Filing.Outcome.PENDING:
        raise ValidationError("该备案已登记审查结果")
    if outcome not in (Filing.Outcome.PASSED, Filing.Outcome.CORRECTED, Filing.Outcome.REJECTED):
        raise ValidationError("请选择审查结果：通过、要求纠正或不予备案")
    on = _past(on, "审查结果日期")
    if on < filing.filed_on:
        raise ValidationError("审查结果日期不能早于报送备案日期")
    note = (note or "").strip()
    if outcome != Filing.Outcome.PASSED and not note:
        raise ValidationError("要求纠正或不予备案的，请填写备案审查意见")
    filing.outcome, filing.outcome_on, filing.outcome_note = outcome, on, note[:500]
    filing.save()
    _event(
        doc,
        "document_filing_outcome",
        actor,
        f"备案审查结果（{on:%Y-%m-%d}）：{filing.get_outcome_display()}"
        + (f"；{note}" if note else ""),
        after={"outcome": outcome, "on": on},
    )
    return filing


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


# --- existing documents (import) -------------------------------------------------------------


@transaction.atomic
def import_existing(
    *,
    title: str,
    unit: OrgUnit,
    issuer: OrgUnit,
    doc_number: str,
    published_on: dt.date,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    status: str = S.PUBLISHED,
    ended_on: dt.date | None = None,
    end_reason: str = "",
    legality_reviewed_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    filing_outcome: str = "",
    filed_with: str = "",
    body: str = "",
    actor,
) -> NormativeDocument:
    """An existing document entered from the records (存量文件): what it is and where it
    stands. Its history before the platform is not replayed."""
    _need_manage(actor)
    parsed = rules.parse_number(doc_number)
    year = seq = None
    if parsed and parsed[0] == rules.issuer_prefix(issuer):
        _, year, seq = parsed
        NumberSequence.objects.get_or_create(issuer=issuer, year=year)
        row = NumberSequence.objects.select_for_update().get(issuer=issuer, year=year)
        if row.last < seq:
            row.last = seq
            row.save(update_fields=["last"])
    doc = NormativeDocument.objects.create(
        title=_check_title(title),
        unit=unit,
        issuer=issuer,
        body=body,
        status=status,
        source=NormativeDocument.Source.IMPORTED,
        doc_number=doc_number,
        number_year=year,
        number_seq=seq,
        registered_on=published_on,
        published_on=published_on,
        effective_on=effective_on or published_on,
        valid_until=valid_until,
        filing_due_on=rules.filing_due(published_on, strict=False),
        legality_reviewed_on=legality_reviewed_on,
        self_checked=legality_reviewed_on is not None,
        ended_on=ended_on,
        end_reason=end_reason,
        created_by=actor,
    )
    if filed_on:
        Filing.objects.create(
            document=doc,
            filed_with=filed_with or default_filed_with(doc),
            filed_on=filed_on,
            due_on=doc.filing_due_on,
            on_time=filed_on <= doc.filing_due_on,
            outcome=filing_outcome or Filing.Outcome.PENDING,
            outcome_on=filed_on if filing_outcome and filing_outcome != "pending" else None,
            created_by=actor,
        )
    search.index(doc)
    _event(doc, "document_import", actor, f"导入存量文件《{doc.title}》（{doc_number}）")
    if status == S.PUBLISHED and valid_until and valid_until >= _today():
        core.start_deadline(
            record=doc,
            clock=EXPIRY,
            start=rules.evaluation_due(valid_until, doc.effective_on),
            unit=doc.unit,
            title=f"有效期届满前评估：《{doc.title}》（{doc_number}，有效期至{valid_until:%Y-%m-%d}）"[
                :300
            ],
            url=office_url(doc),
            actor=actor,
        )
    return doc


# --- cleanup (清理) ------------------------------------------------------------------------


def _cleanup_event(cleanup: Cleanup, action: str, actor, summary: str, after=None):
    events.append(
        action=action,
        record=cleanup,
        actor=actor,
        unit=cleanup.unit,
        summary=summary,
        after=after,
    )


@transaction.atomic
def create_cleanup(
    *, title: str, unit: OrgUnit, started_on: dt.date, actor, basis: str = ""
) -> Cleanup:
    _need_manage(actor)
    if not (title or "").strip():
        raise ValidationError("请填写清理名称")
    started_on = _past(started_on, "开始日期")
    c = Cleanup.objects.create(
        title=title.strip()[:200],
        unit=unit,
        basis=(basis or "").strip()[:300],
        started_on=started_on,
        created_by=actor,
    )
    _cleanup_event(c, "cleanup_create", actor, f"启动规范性文件清理“{c.title}”")
    return c


@transaction.atomic
def add_to_cleanup(
    cleanup: Cleanup, documents, *, actor, assigned_unit: OrgUnit | None = None
) -> list[CleanupItem]:
    """Select documents in force and assign each to a unit (by default its drafting unit)."""
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("清理已完成，不能再增加文件")
    docs = list(documents)
    if not docs:
        raise ValidationError("请选择要清理的文件")
    today = cleanup.started_on
    already = set(cleanup.items.values_list("document_id", flat=True))
    items = []
    for d in docs:
        if d.status != S.PUBLISHED or (d.valid_until and d.valid_until < today):
            raise ValidationError(f"《{d.title}》不是现行有效的文件，无需清理")
        if d.pk in already:
            raise ValidationError(f"《{d.title}》已在本次清理范围内")
        items.append(
            CleanupItem(cleanup=cleanup, document=d, assigned_unit=assigned_unit or d.unit)
        )
    CleanupItem.objects.bulk_create(items)
    _cleanup_event(
        cleanup,
        "cleanup_add",
        actor,
        f"将{len(items)}件文件纳入清理范围",
        after={"documents": [d.pk for d in docs]},
    )
    return items


@transaction.atomic
def record_cleanup_outcome(
    item: CleanupItem,
    *,
    outcome: str,
    reason: str,
    actor,
    on: dt.date | None = None,
    version=None,
) -> CleanupItem:
    """The assigned unit proposes 继续有效 / 修改 / 废止 / 失效 for one document, with reason.
    ``version``: what the outcome form was opened at (``locking.claim``)."""
    item = (
        CleanupItem.objects.select_for_update()
        .select_related("cleanup", "document")
        .get(pk=item.pk)
    )
    locking.claim(item, version)
    if actor is not None and not access.can(actor, "change", item.assigned_unit):
        raise PermissionDenied("只有承办单位可以提出该文件的清理意见")
    if item.cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("清理已完成，不能再修改清理意见")
    if outcome not in Outcome.values:
        raise ValidationError("请选择清理结果：继续有效、修改、废止或宣布失效")
    if not (reason or "").strip():
        raise ValidationError("请填写清理理由")
    before = {"outcome": item.outcome, "reason": item.reason}
    item.outcome, item.reason = outcome, reason.strip()[:500]
    item.recorded_on, item.recorded_by = on or _today(), actor
    item.save()
    events.append(
        action="cleanup_outcome",
        record=item.cleanup,
        actor=actor,
        unit=item.assigned_unit,
        summary=f"《{item.document.title}》清理意见：{Outcome(outcome).label}（{item.reason[:100]}）",
        before=before,
        after={"document": item.document_id, "outcome": outcome, "reason": item.reason},
    )
    return item


@transaction.atomic
def close_cleanup(cleanup: Cleanup, *, actor, on: dt.date | None = None) -> Cleanup:
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("该清理已完成")
    total = cleanup.items.count()
    if not total:
        raise ValidationError("清理范围内没有文件")
    missing = cleanup.items.filter(outcome="").count()
    if missing:
        raise ValidationError(f"尚有{missing}件文件未提出清理意见，不能完成清理")
    on = _past(on or _today(), "完成日期")
    if on < cleanup.started_on:
        raise ValidationError("完成日期不能早于开始日期")
    cleanup.state, cleanup.closed_on = Cleanup.State.CLOSED, on
    cleanup.save(update_fields=["state", "closed_on"])
    counts = cleanup_counts(cleanup)
    _cleanup_event(
        cleanup,
        "cleanup_close",
        actor,
        f"完成清理：共{total}件，"
        + "，".join(f"{Outcome(k).label}{v}件" for k, v in counts.items() if v),
        after=counts,
    )
    return cleanup


def cleanup_counts(cleanup: Cleanup) -> dict[str, int]:
    counts = dict.fromkeys(Outcome.values, 0)
    for outcome in cleanup.items.values_list("outcome", flat=True):
        if outcome:
            counts[outcome] += 1
    return counts


@transaction.atomic
def publish_cleanup(cleanup: Cleanup, *, actor, on: dt.date | None = None) -> Cleanup:
    """Publish the lists; documents to be repealed or declared expired end on that day
    (清理结果公布后，未列入继续有效目录的文件不得作为行政管理依据)."""
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.CLOSED:
        raise ValidationError("清理完成后才能公布清理结果")
    on = _past(on or _today(), "公布日期")
    if on < cleanup.closed_on:
        raise ValidationError("公布日期不能早于清理完成日期")
    for item in cleanup.items.select_related("document"):
        doc = item.document
        if doc.status != S.PUBLISHED:
            continue
        text = f"经“{cleanup.title}”决定{Outcome(item.outcome).label}：{item.reason}"
        if item.outcome == Outcome.REPEAL:
            _end(_lock(doc), S.REPEALED, on, text, actor, f"{on:%Y-%m-%d}废止（{text}）")
        elif item.outcome == Outcome.EXPIRE:
            _end(_lock(doc), S.EXPIRED, on, text, actor, f"{on:%Y-%m-%d}宣布失效（{text}）")
        elif item.outcome == Outcome.AMEND:
            _event(doc, "document_to_amend", actor, f"列入拟修改目录（{text}）")
    cleanup.state, cleanup.published_on = Cleanup.State.PUBLISHED, on
    cleanup.save(update_fields=["state", "published_on"])
    _cleanup_event(cleanup, "cleanup_publish", actor, f"{on:%Y-%m-%d}公布清理结果目录")
    return cleanup
