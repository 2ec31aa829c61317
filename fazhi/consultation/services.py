"""Consultation state changes: create, open, comment, moderate, respond, close, summarise,
publish, and exemptions. Each checks its rule, writes, and appends to the full-process
record in one transaction; the back office, the portal, the interface other modules use
and the demo all come through here.

Periods. The minimum period per kind is ``FAZHI_CONSULTATION_MIN_DAYS`` (calendar days).
It is counted as ``core.workdays.WorkCalendar.add_calendar_days`` counts: the opening day is
not counted, so a 30-day period opened on 11-01 may close on 12-01 at the earliest. The end
is not rolled forward over rest days: comments are taken online every day, and a unit may
always choose a longer period. A shorter period is refused unless the urgent reason is
recorded (重大行政决策程序暂行条例 第15条: 公开征求意见的期限一般不少于30日；因情况紧急等
原因需要缩短期限的，公开征求意见时应当予以说明). The closing date is inclusive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import re
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.identifiers import validate_phone
from fazhi.core.masking import mask_text, suspect_spans
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .models import Comment, Consultation, Exemption

CLOSING_CLOCK = "consultation.closing"
SUMMARY_CLOCK = "consultation.summary"
# Subject type of a consultation that belongs to no other record (made in the back office).
STANDALONE = "consultation.standalone"

DEFAULT_MIN_DAYS = {"major_decision": 30, "normative_document": 30, "other": 7}
MIN_DAYS_BASIS = {
    "major_decision": "重大行政决策程序暂行条例第十五条",
    "normative_document": "本地规定",
    "other": "本平台规定",
}
BODY_MIN = 5
BODY_MAX = 2000
NAME_MAX = 20
REASON_MAX = 1000
RATE_WINDOW = dt.timedelta(hours=1)
SUMMARY_MAX = 100_000
MAX_AHEAD = dt.timedelta(days=366)
EXCERPT_CHARS = 80


class RateLimited(ValidationError):
    """Too many comments from one client within the window (the portal answers 429)."""


# --- settings ---------------------------------------------------------------------------


def min_days(kind: str) -> int:
    """Minimum period in calendar days for a kind (FAZHI_CONSULTATION_MIN_DAYS)."""
    table = {**DEFAULT_MIN_DAYS, **getattr(settings, "FAZHI_CONSULTATION_MIN_DAYS", {})}
    return int(table.get(kind, table["other"]))


def cut_short(c: Consultation) -> str:
    """Why a consultation ended before the minimum period of its kind, else "".

    条例第15条 allows a period shorter than the minimum only when the shortening is explained
    as the consultation opens (``urgent_reason``, checked by ``check_period``). One
    announced for the full period and then closed early ran short without that
    explanation, so it does not count as public participation: the subject must be put out
    for comment again (or exempted with a recorded reason)."""
    if not c.close_reason or c.closed_on is None:
        return ""
    ran = (c.closed_on - c.opens_on).days
    need = min_days(c.kind)
    if ran >= need:
        return ""
    return (
        f"公开征求意见于{cn_date(c.closed_on)}提前结束（{c.close_reason}），实际只征求意见{ran}日，"
        f"少于{need}日的期限；缩短期限的，应当在公开征求意见时说明理由"
        f"（{MIN_DAYS_BASIS.get(c.kind, '本平台规定')}），提前结束的征求意见不能作为已履行公众参与程序，"
        "请重新公开征求意见，或登记免于公开征求意见的理由"
    )


def rate_limits() -> tuple[int, int]:
    """(per client per consultation, per client over all consultations) per hour."""
    return (
        int(getattr(settings, "FAZHI_CONSULTATION_RATE", 5)),
        int(getattr(settings, "FAZHI_CONSULTATION_RATE_GLOBAL", 20)),
    )


# --- helpers ----------------------------------------------------------------------------


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def subject_ref(subject) -> tuple[str, str]:
    """(record_type, record_id) of a subject: a saved model instance (via
    ``core.events.record_ref``) or a plain ``(record_type, record_id)`` pair."""
    if isinstance(subject, tuple | list) and len(subject) == 2:
        record_type, record_id = str(subject[0]).strip(), str(subject[1]).strip()
        if not record_type or not record_id:
            raise ValueError("subject ref needs a record type and a record id")
        return record_type[:64], record_id[:64]
    if hasattr(subject, "_meta") and getattr(subject, "pk", None) is not None:
        return events.record_ref(subject)
    raise TypeError("subject must be a saved model instance or a (record_type, record_id) pair")


def of_subject(subject):
    record_type, record_id = subject_ref(subject)
    return Consultation.objects.filter(subject_type=record_type, subject_id=record_id)


def client_key(address: str | None) -> str:
    """Keyed SHA-256 (HMAC with the server's SECRET_KEY) of the client address: throttling
    and duplicate detection work on it, and the address itself is never stored."""
    secret = str(settings.SECRET_KEY).encode("utf-8")
    message = ("fazhi.consultation|" + (address or "unknown")).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _body_hash(body: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", "", body).encode("utf-8")).hexdigest()


def office_url(c: Consultation) -> str:
    return reverse("consultation:detail", args=[c.pk])


def _check_change(actor, unit: OrgUnit, what: str) -> None:
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(f"只有起草单位（{unit.name}）的工作人员可以{what}")


def _lock(c: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("unit").get(pk=c.pk)


def _nums(numbers) -> str:
    numbers = list(numbers)
    text = "、".join(f"意见{n}" for n in numbers[:10])
    return text + ("等" if len(numbers) > 10 else "")


def _snapshot(c: Consultation) -> dict:
    return {
        "state": c.state,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "urgent_reason": c.urgent_reason,
    }


def check_dates(opens_on: dt.date | None, closes_on: dt.date | None) -> None:
    """Both dates given, in order, the opening within a year from today and the period at
    most a year long (a mistyped year never reaches the deadline board)."""
    if opens_on is None or closes_on is None:
        raise ValidationError("请填写征求意见的开始日期和截止日期")
    if closes_on < opens_on:
        raise ValidationError("截止日期不能早于开始日期")
    if opens_on > timezone.localdate() + MAX_AHEAD:
        raise ValidationError("开始日期不能晚于一年以后，请检查填写的日期")
    if closes_on - opens_on > MAX_AHEAD:
        raise ValidationError("征求意见期限不能超过一年，请检查填写的日期")


def check_period(kind: str, opens_on: dt.date, closes_on: dt.date, urgent_reason: str) -> None:
    """The minimum-period gate (see the module docstring for how days are counted)."""
    check_dates(opens_on, closes_on)
    need = min_days(kind)
    earliest = opens_on + dt.timedelta(days=need)
    days = (closes_on - opens_on).days
    if closes_on < earliest and not (urgent_reason or "").strip():
        label = Consultation.Kind(kind).label
        basis = MIN_DAYS_BASIS.get(kind, "本平台规定")
        raise ValidationError(
            f"{label}公开征求意见的期限不得少于{need}日（{basis}；开始日期的当日不计入），"
            f"截止日期最早为{cn_date(earliest)}，本次只有{days}日。"
            "确因情况紧急需要缩短期限的，请填写缩短期限的理由，理由将随征求意见一并公开。"
        )


# --- creating and opening ---------------------------------------------------------------


@transaction.atomic
def create_draft(
    *,
    subject,
    kind: str,
    unit: OrgUnit,
    title: str,
    draft: str,
    explanation: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor,
    subject_url: str = "",
    urgent_reason: str = "",
) -> Consultation:
    """A consultation in the draft state, not yet public."""
    _check_change(actor, unit, "发起公开征求意见")
    if kind not in Consultation.Kind.values:
        raise ValidationError("请选择征求意见的类别：重大行政决策、行政规范性文件或其他事项")
    title, draft = (title or "").strip(), _normalise(draft)
    if not title:
        raise ValidationError("请填写征求意见的标题")
    if len(title) > 200:
        raise ValidationError("标题不能超过200字")
    if not draft:
        raise ValidationError("请填写征求意见稿全文")
    if len((urgent_reason or "").strip()) > 300:
        raise ValidationError("缩短期限的理由不能超过300字")
    check_dates(opens_on, closes_on)
    record_type, record_id = subject_ref(subject)
    running = Consultation.objects.filter(
        subject_type=record_type,
        subject_id=record_id,
        state__in=[Consultation.State.DRAFT, Consultation.State.OPEN],
    )
    if running.exists():
        raise ValidationError("该事项已有尚未结束的公开征求意见，请在其结束后再发起")
    c = Consultation.objects.create(
        subject_type=record_type,
        subject_id=record_id,
        subject_url=(subject_url or "")[:300],
        kind=kind,
        unit=unit,
        title=title,
        draft=draft,
        explanation=_normalise(explanation),
        opens_on=opens_on,
        closes_on=closes_on,
        urgent_reason=(urgent_reason or "").strip(),
        created_by=actor if actor is not None and actor.pk else None,
    )
    events.append(
        action="consultation_create",
        record=c,
        actor=actor,
        unit=unit,
        summary=f"起草公开征求意见“{c.title}”（{c.get_kind_display()}）",
        after={**_snapshot(c), "subject": f"{record_type}:{record_id}"},
    )
    return c


@transaction.atomic
def open_draft(c: Consultation, *, actor, today: dt.date | None = None) -> Consultation:
    """Make a draft public: checks the minimum period and puts the closing date on the
    deadline board."""
    c = _lock(c)
    _check_change(actor, c.unit, "发布公开征求意见")
    if c.state != Consultation.State.DRAFT:
        raise ValidationError("该征求意见已经发布，不能重复发布")
    today = today or timezone.localdate()
    if c.opens_on < today:
        raise ValidationError(
            f"开始日期不能早于发布当日（{cn_date(today)}）：征求意见的期限自向社会公开之日起计算"
        )
    check_period(c.kind, c.opens_on, c.closes_on, c.urgent_reason)
    before = _snapshot(c)
    c.state = Consultation.State.OPEN
    c.save(update_fields=["state"])
    core.start_deadline(
        record=c,
        clock=CLOSING_CLOCK,
        start=c.closes_on,
        unit=c.unit,
        title=f"公开征求意见截止：{c.title}"[:300],
        url=office_url(c),
        actor=actor,
    )
    shortened = f"；期限缩短，理由：{c.urgent_reason}" if c.urgent_reason else ""
    events.append(
        action="consultation_open",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"发布公开征求意见，{cn_date(c.opens_on)}至{cn_date(c.closes_on)}"
        f"（{c.period_days}日）{shortened}",
        before=before,
        after=_snapshot(c),
    )
    return c


def new_standalone_subject() -> tuple[str, str]:
    """A subject ref for a consultation that belongs to no other record."""
    return STANDALONE, uuid.uuid4().hex[:12]


# --- comments ---------------------------------------------------------------------------


@transaction.atomic
def submit_comment(
    c: Consultation,
    *,
    body: str,
    name: str = "",
    phone: str = "",
    client_address: str | None,
    now: dt.datetime | None = None,
) -> Comment:
    """A member of the public comments. Field errors come back keyed by field (body, name,
    phone); the period, duplicate and rate-limit gates as non-field errors."""
    # The row lock serialises submissions to one consultation, so the rate limit and the
    # duplicate check cannot be raced past.
    c = _lock(c)
    now = now or timezone.now()
    today = timezone.localdate(now)
    if c.state == Consultation.State.DRAFT or today < c.opens_on:
        raise ValidationError(f"本次征求意见尚未开始，{cn_date(c.opens_on)}起接收意见")
    if c.state != Consultation.State.OPEN or today > c.closes_on:
        end = c.closed_on if c.closed_on and c.closed_on < c.closes_on else c.closes_on
        raise ValidationError(f"本次征求意见已于{cn_date(end)}结束，不再接收意见")
    body = _normalise(body)
    name = (name or "").strip()
    phone = (phone or "").strip()
    errors: dict[str, list[str]] = {}
    if len(body) < BODY_MIN:
        errors["body"] = [f"意见内容过短，请至少填写{BODY_MIN}个字"]
    elif len(body) > BODY_MAX:
        errors["body"] = [f"意见内容不能超过{BODY_MAX}字（现有{len(body)}字），请精简后再提交"]
    if len(name) > NAME_MAX:
        errors["name"] = [f"姓名不能超过{NAME_MAX}个字"]
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as e:
            errors["phone"] = e.messages
    if errors:
        raise ValidationError(errors)
    key = client_key(client_address)
    digest = _body_hash(body)
    if Comment.objects.filter(consultation=c, client_key=key, body_hash=digest).exists():
        raise ValidationError("您已提交过内容相同的意见，无需重复提交")
    per_consultation, overall = rate_limits()
    recent = Comment.objects.filter(
        client_key=key, submitted_at__gt=now - RATE_WINDOW, submitted_at__lte=now
    )
    for qs, cap, where in (
        (recent.filter(consultation=c), per_consultation, "对本次征求意见"),
        (recent, overall, ""),
    ):
        if qs.count() >= cap:
            # The oldest comment in the window leaves it first and frees one place.
            oldest = qs.order_by("submitted_at").values_list("submitted_at", flat=True)[0]
            wait = max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds() / 60))
            raise RateLimited(
                f"提交过于频繁：同一网络地址1小时内{where}最多提交{cap}条意见，"
                f"请{wait}分钟后再提交。您填写的内容已保留。"
            )
    number = (c.comments.aggregate(n=Max("number"))["n"] or 0) + 1
    comment = Comment(
        consultation=c,
        number=number,
        body=body,
        name=name,
        phone=phone,
        client_key=key,
        body_hash=digest,
        submitted_at=now,
    )
    _save_with_receipt(comment, today)
    # Nothing personal goes into the hash chain: it can never be corrected or erased.
    events.append(
        action="comment_submit",
        record=c,
        actor=None,
        unit=c.unit,
        summary=f"收到公众意见{number}（回执编号{comment.receipt}，{len(body)}字，待审核）",
        after={"comment": comment.pk, "number": number, "receipt": comment.receipt},
    )
    return comment


def next_receipt(day: dt.date) -> str:
    """The day's next 回执编号, YYYYMMDD-NNNN (more digits after the 9999th)."""
    prefix = day.strftime("%Y%m%d") + "-"
    last = (
        Comment.objects.filter(receipt__startswith=prefix)
        .order_by(Length("receipt").desc(), "-receipt")
        .values_list("receipt", flat=True)
        .first()
    )
    n = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def _save_with_receipt(comment: Comment, day: dt.date, attempts: int = 5) -> None:
    """Saves a new comment with the day's next receipt number. Comments on two different
    consultations can be submitted at the same moment (the row lock is per consultation):
    the unique constraint refuses the second, which takes the following number."""
    for attempt in range(attempts):
        comment.receipt = next_receipt(day)
        try:
            with transaction.atomic():
                comment.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == attempts - 1 or Comment.objects.filter(pk=comment.pk).exists():
                raise
            comment.pk = None


def find_by_receipt(receipt: str, user):
    """The comment with this 回执编号 among those the user may read, or None."""
    receipt = (receipt or "").strip().replace("－", "-").replace("—", "-")
    if not receipt:
        return None
    qs = access.restrict(Comment.objects.all(), user, "view")
    return qs.select_related("consultation").filter(receipt=receipt).first()


def _lock_comment(comment: Comment) -> Comment:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.consultation = Consultation.objects.select_related("unit").get(
        pk=comment.consultation_id
    )
    return comment


def _check_workable(c: Consultation) -> None:
    if c.state == Consultation.State.SUMMARIZED:
        raise ValidationError("意见采纳情况已公布，不能再审核或答复意见")
    if c.state == Consultation.State.DRAFT:
        raise ValidationError("该征求意见尚未发布")


def suspects(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that look like a person's name or street address
    (``core.masking.suspect_spans``): the moderator must look at them before publishing."""
    return suspect_spans(text)


def _public_text(comment: Comment, public_body: str | None, confirm_suspects: bool) -> str:
    """The text to publish: the moderator's edit (if any) of the body. Free text cannot be
    masked for names and addresses reliably (core.masking), so a text with suspect spans is
    published only when the moderator has confirmed it may be (个人信息保护法 第6、28条:
    no more personal information than needed; rules.md §3)."""
    edited = _normalise(public_body or "")
    if edited == _normalise(comment.body):
        edited = ""
    if edited and len(edited) < BODY_MIN:
        raise ValidationError(f"修改后的意见内容过短，请至少保留{BODY_MIN}个字")
    if len(edited) > BODY_MAX:
        raise ValidationError(f"修改后的意见内容不能超过{BODY_MAX}字")
    spans = suspects(edited or comment.body)
    if spans and not confirm_suspects:
        kinds = "、".join(dict.fromkeys("姓名" if k == "name" else "住址" for _, _, k in spans))
        raise ValidationError(
            f"意见{comment.number}中有{len(spans)}处疑似{kinds}（已标出），请核对："
            "删改后公开，或确认可以公开"
        )
    return edited


@transaction.atomic
def moderate(
    comment: Comment,
    *,
    publish: bool,
    reason: str = "",
    actor,
    now: dt.datetime | None = None,
    public_body: str | None = None,
    confirm_suspects: bool = False,
) -> Comment:
    """Publish a pending comment, or reject it (spam, abuse, off-topic) with a reason.

    A comment whose text has suspect spans (a name or street address, see ``suspects``) is
    published only after the moderator edits them out (``public_body``, the original is
    kept) or confirms the text may be published as it is (``confirm_suspects``)."""
    comment = _lock_comment(comment)
    c = comment.consultation
    _check_change(actor, c.unit, "审核公众意见")
    _check_workable(c)
    if comment.moderation != Comment.Moderation.PENDING:
        raise ValidationError(
            f"意见{comment.number}已审核（{comment.get_moderation_display()}），不能重复审核"
        )
    reason = (reason or "").strip()
    edited = _public_text(comment, public_body, confirm_suspects) if publish else ""
    if not publish and not reason:
        raise ValidationError(f"意见{comment.number}不予公开时须说明理由")
    if len(reason) > 200:
        raise ValidationError("不予公开的理由不能超过200字")
    comment.moderation = Comment.Moderation.PUBLISHED if publish else Comment.Moderation.REJECTED
    comment.reject_reason = "" if publish else reason
    comment.public_body = edited
    comment.moderated_at = now or timezone.now()
    comment.moderated_by = actor
    comment.save()
    # Whether the text was edited or its suspect spans confirmed, never the text itself:
    # nothing personal goes into the hash chain.
    note = (
        "（审核人修改后公开）"
        if edited
        else (
            "（审核人已核对疑似个人信息）"
            if publish and confirm_suspects and suspects(comment.body)
            else ""
        )
    )
    events.append(
        action="comment_publish" if publish else "comment_reject",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"公开意见{comment.number}{note}"
        if publish
        else f"意见{comment.number}不予公开：{reason}",
        after={
            "comment": comment.pk,
            "moderation": comment.moderation,
            "edited": bool(edited),
            "suspects_confirmed": bool(publish and confirm_suspects),
        },
    )
    return comment


@transaction.atomic
def respond(
    comment: Comment,
    *,
    response: str,
    reason: str,
    actor,
    now: dt.datetime | None = None,
    version=None,
) -> Comment:
    """The unit's answer to a published comment: 采纳, 部分采纳 or 不采纳; the last two
    must say why. ``version``: what the answer form was opened at (``locking.claim``)."""
    comment = _lock_comment(comment)
    locking.claim(comment, version)
    c = comment.consultation
    _check_change(actor, c.unit, "答复公众意见")
    _check_workable(c)
    if comment.moderation == Comment.Moderation.PENDING:
        raise ValidationError(f"意见{comment.number}尚未审核，请先公开后再答复")
    if comment.moderation != Comment.Moderation.PUBLISHED:
        raise ValidationError(f"意见{comment.number}未予公开，无需答复")
    if response not in Comment.Response.values:
        raise ValidationError({"response": ["请选择采纳情况：采纳、部分采纳或不采纳"]})
    reason = _normalise(reason)
    label = Comment.Response(response).label
    if response != Comment.Response.ADOPTED and not reason:
        raise ValidationError({"reason": [f"意见{comment.number}{label}，须说明理由"]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [f"理由不能超过{REASON_MAX}字（现有{len(reason)}字）"]})
    before = (
        {"response": comment.response, "reason": comment.response_reason}
        if comment.response
        else None
    )
    comment.response, comment.response_reason = response, reason
    comment.responded_at, comment.responded_by = now or timezone.now(), actor
    comment.save()
    events.append(
        action="comment_respond",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"答复意见{comment.number}：{label}" + (f"。理由：{reason}" if reason else ""),
        before=before,
        after={"comment": comment.pk, "response": response, "reason": reason},
    )
    return comment


# --- closing, summary, publication ------------------------------------------------------


def _finish_deadlines(c: Consultation, clock: str, on: dt.date, actor) -> None:
    record_type, record_id = events.record_ref(c)
    for d in Deadline.objects.filter(
        record_type=record_type,
        record_id=record_id,
        clock=clock,
        state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED],
    ):
        core.complete_deadline(
            d, on=max(on, d.start_date) if clock != CLOSING_CLOCK else on, actor=actor
        )


@transaction.atomic
def close(
    c: Consultation, *, actor, reason: str = "", today: dt.date | None = None
) -> Consultation:
    """End the comment period: after the closing date, or before it only with a reason.
    Starts the clock for answering every comment and publishing the summary."""
    c = _lock(c)
    _check_change(actor, c.unit, "结束公开征求意见")
    if c.state != Consultation.State.OPEN:
        raise ValidationError(f"该征求意见当前为“{c.get_state_display()}”，不能结束")
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    early = today <= c.closes_on
    if early and not reason:
        raise ValidationError(
            f"征求意见期限至{cn_date(c.closes_on)}（含当日）届满，期满前结束须说明理由"
        )
    if len(reason) > 300:
        raise ValidationError("提前结束的理由不能超过300字")
    before = _snapshot(c)
    ended = min(today, c.closes_on)
    c.state = Consultation.State.CLOSED
    c.closed_on = today
    c.close_reason = reason if early else ""
    c.save(update_fields=["state", "closed_on", "close_reason"])
    _finish_deadlines(c, CLOSING_CLOCK, ended, actor)
    try:
        core.start_deadline(
            record=c,
            clock=SUMMARY_CLOCK,
            start=ended,
            unit=c.unit,
            title=f"答复意见并公布采纳情况：{c.title}"[:300],
            url=office_url(c),
            actor=actor,
        )
    except CalendarMissing as e:
        raise ValidationError(str(e)) from None
    events.append(
        action="consultation_close",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"结束公开征求意见（{cn_date(today)}）"
        + (f"，提前结束理由：{reason}" if early else ""),
        before=before,
        after={**_snapshot(c), "closed_on": today, "close_reason": c.close_reason},
    )
    return c


def counts(c: Consultation) -> dict:
    """Published comments by response, plus how many were rejected or still pending."""
    return c.comments.aggregate(
        total=Count("pk", filter=Q(moderation=Comment.Moderation.PUBLISHED)),
        adopted=Count(
            "pk",
            filter=Q(moderation=Comment.Moderation.PUBLISHED, response=Comment.Response.ADOPTED),
        ),
        partly=Count(
            "pk",
            filter=Q(moderation=Comment.Moderation.PUBLISHED, response=Comment.Response.PARTLY),
        ),
        not_adopted=Count(
            "pk",
            filter=Q(
                moderation=Comment.Moderation.PUBLISHED, response=Comment.Response.NOT_ADOPTED
            ),
        ),
        unanswered=Count("pk", filter=Q(moderation=Comment.Moderation.PUBLISHED, response="")),
        rejected=Count("pk", filter=Q(moderation=Comment.Moderation.REJECTED)),
        pending=Count("pk", filter=Q(moderation=Comment.Moderation.PENDING)),
    )


def check_all_answered(c: Consultation) -> None:
    """Every comment moderated, every published one answered (with a reason where the
    answer is 部分采纳 or 不采纳)."""
    pending = list(
        c.comments.filter(moderation=Comment.Moderation.PENDING).values_list("number", flat=True)
    )
    if pending:
        raise ValidationError(
            f"还有{len(pending)}条意见未审核（{_nums(pending)}），请先审核并答复全部意见"
        )
    published = c.comments.filter(moderation=Comment.Moderation.PUBLISHED)
    unanswered = list(published.filter(response="").values_list("number", flat=True))
    if unanswered:
        raise ValidationError(
            f"还有{len(unanswered)}条已公开的意见未答复（{_nums(unanswered)}）："
            "每条意见都须答复采纳、部分采纳或不采纳，后两者须说明理由"
        )
    no_reason = list(
        published.exclude(response=Comment.Response.ADOPTED)
        .filter(response_reason="")
        .values_list("number", flat=True)
    )
    if no_reason:
        raise ValidationError(f"{_nums(no_reason)}部分采纳或不采纳，但未说明理由")


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Masked first, cut after: a cut never leaves half an ID number in the clear."""
    flat = re.sub(r"\s+", " ", mask_text(text)).strip()
    return flat if len(flat) <= limit else flat[:limit] + "……"


def build_summary(c: Consultation) -> str:
    """The 意见采纳情况说明, generated from the answers."""
    n = counts(c)
    end = c.closed_on if c.closed_on and c.closed_on < c.closes_on else c.closes_on
    lines = [f"关于《{c.title}》公开征求意见采纳情况的说明", ""]
    opening = f"{c.unit.name}于{cn_date(c.opens_on)}至{cn_date(end)}公开征求社会公众意见"
    if n["total"]:
        opening += (
            f"，共收到并公开意见{n['total']}条，其中采纳{n['adopted']}条、"
            f"部分采纳{n['partly']}条、不采纳{n['not_adopted']}条。"
        )
    else:
        opening += "，征求意见期间未收到公开的公众意见。"
    if n["rejected"]:
        opening += f"另有{n['rejected']}条来信因与征求意见内容无关或含有不宜公开的内容，未予公开。"
    lines.append(opening)
    if n["total"]:
        lines += ["", "逐条答复情况如下："]
        for cm in c.comments.filter(moderation=Comment.Moderation.PUBLISHED).order_by("number"):
            # No name, not even masked: the comment form promises that contact details
            # are never published.
            lines.append("")
            lines.append(f"意见{cm.number}：{_excerpt(cm.published_text)}")
            answer = f"答复：{cm.get_response_display()}。"
            if cm.response_reason:
                answer += f"理由：{mask_text(cm.response_reason)}"
            lines.append(answer)
    lines += ["", "感谢社会各界对本项工作的关心和支持。"]
    return "\n".join(lines)


def _check_closed(c: Consultation, what: str) -> None:
    if c.state == Consultation.State.OPEN:
        raise ValidationError(f"征求意见尚未结束，结束后才能{what}")
    if c.state == Consultation.State.SUMMARIZED:
        raise ValidationError("意见采纳情况已公布，不能再修改")
    if c.state == Consultation.State.DRAFT:
        raise ValidationError("该征求意见尚未发布")


@transaction.atomic
def generate_summary(c: Consultation, *, actor, now: dt.datetime | None = None) -> Consultation:
    """(Re)generate the summary from the answers; refused until every comment is answered."""
    c = _lock(c)
    _check_change(actor, c.unit, "生成意见采纳情况说明")
    _check_closed(c, "生成意见采纳情况说明")
    check_all_answered(c)
    before = c.summary or None
    c.summary = build_summary(c)
    c.summary_generated_at = now or timezone.now()
    c.save(update_fields=["summary", "summary_generated_at"])
    n = counts(c)
    events.append(
        action="summary_generate",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"生成意见采纳情况说明：意见{n['total']}条，采纳{n['adopted']}条、"
        f"部分采纳{n['partly']}条、不采纳{n['not_adopted']}条",
        before=before,
        after=c.summary,
    )
    return c


@transaction.atomic
def save_summary(c: Consultation, *, text: str, actor, version=None) -> Consultation:
    """The unit edits the generated text before publishing it. ``version``: what the edit
    form was opened at (``locking.claim``)."""
    c = _lock(c)
    locking.claim(c, version)
    _check_change(actor, c.unit, "修改意见采纳情况说明")
    _check_closed(c, "修改意见采纳情况说明")
    if c.summary_generated_at is None:
        raise ValidationError("请先生成意见采纳情况说明，再在其基础上修改")
    text = _normalise(text)
    if not text:
        raise ValidationError({"text": ["意见采纳情况说明不能为空"]})
    if len(text) > SUMMARY_MAX:
        raise ValidationError({"text": [f"意见采纳情况说明不能超过{SUMMARY_MAX}字"]})
    before = c.summary
    c.summary = text
    c.save(update_fields=["summary"])
    events.append(
        action="summary_edit",
        record=c,
        actor=actor,
        unit=c.unit,
        summary="修改意见采纳情况说明",
        before=before,
        after=text,
    )
    return c


@transaction.atomic
def publish_summary(c: Consultation, *, actor, today: dt.date | None = None) -> Consultation:
    """Publish the summary on the portal; the consultation is then final."""
    c = _lock(c)
    _check_change(actor, c.unit, "公布意见采纳情况")
    _check_closed(c, "公布意见采纳情况")
    check_all_answered(c)
    if c.summary_generated_at is None or not c.summary.strip():
        raise ValidationError("请先生成意见采纳情况说明")
    changed = c.comments.filter(
        Q(responded_at__gt=c.summary_generated_at) | Q(moderated_at__gt=c.summary_generated_at)
    )
    if changed.exists():
        raise ValidationError(
            "生成说明后又审核或修改了意见答复，请重新生成意见采纳情况说明后再公布"
        )
    today = today or timezone.localdate()
    before = _snapshot(c)
    c.state = Consultation.State.SUMMARIZED
    c.summary_published_on = today
    c.save(update_fields=["state", "summary_published_on"])
    _finish_deadlines(c, SUMMARY_CLOCK, today, actor)
    n = counts(c)
    events.append(
        action="summary_publish",
        record=c,
        actor=actor,
        unit=c.unit,
        summary=f"公布意见采纳情况（{cn_date(today)}）：意见{n['total']}条，采纳{n['adopted']}条、"
        f"部分采纳{n['partly']}条、不采纳{n['not_adopted']}条",
        before=before,
        after={**_snapshot(c), "summary_published_on": today},
    )
    return c


# --- exemptions -------------------------------------------------------------------------


@transaction.atomic
def record_exemption(
    *, subject, reason: str, approved_by: str, actor, approved_on: dt.date | None = None
) -> Exemption:
    """A matter legally not put out for comment: the reason and who approved it. The event
    goes into the subject's own full-process record."""
    if actor is not None and not access.can(actor, "change"):
        raise PermissionDenied("无权登记免于公开征求意见")
    record_type, record_id = subject_ref(subject)
    reason, approved_by = _normalise(reason), (approved_by or "").strip()
    if not reason:
        raise ValidationError("请填写免于公开征求意见的理由")
    if not approved_by:
        raise ValidationError("请填写批准免于公开征求意见的负责人或机关")
    if len(approved_by) > 100:
        raise ValidationError("批准人不能超过100字")
    if Exemption.objects.filter(subject_type=record_type, subject_id=record_id).exists():
        raise ValidationError("该事项已登记免于公开征求意见")
    unit = getattr(actor, "unit", None) if actor is not None else None
    exemption = Exemption.objects.create(
        subject_type=record_type,
        subject_id=record_id,
        reason=reason,
        approved_by=approved_by,
        approved_on=approved_on or timezone.localdate(),
        unit=unit,
        created_by=actor if actor is not None and actor.pk else None,
    )
    events.append(
        action="consultation_exempt",
        record_type=record_type,
        record_id=record_id,
        actor=actor,
        unit=unit,
        summary=f"免于公开征求意见：{reason}（批准：{approved_by}）",
        after={"exemption": exemption.pk, "approved_by": approved_by},
    )
    return exemption
