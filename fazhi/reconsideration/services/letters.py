"""行政复议意见书 and 建议书 (行政复议法 第76条): in or after a case the 复议机构 finds an act
unlawful or unsuitable beyond the case, or a weakness in an agency's work; the addressee of
an 意见书 corrects and reports within 60 days (a clock on its own board), a 建议书 asks for
improvement without a statutory period."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from ..deadlines import OPINION
from ..models import Case, OpinionLetter
from .common import body_unit, need_change, next_number, past, prefix, record, required

K = OpinionLetter.Kind
SNAPSHOT = ("kind", "number", "issued_on", "reported_on")


def snap(letter: OpinionLetter) -> dict:
    return {f: getattr(letter, f) for f in SNAPSHOT}


def office_url(letter: OpinionLetter) -> str:
    return f"/office/reconsideration/letters/{letter.pk}/"


@transaction.atomic
def issue(
    *,
    kind: str,
    addressee: OrgUnit,
    issued_on: dt.date,
    content: str,
    actor,
    case: Case | None = None,
) -> OpinionLetter:
    unit = case.unit if case is not None else body_unit()
    if unit is None:
        raise ValidationError("平台尚未设置行政复议机构")
    need_change(actor, unit, "行政复议机构的文书")
    if kind not in K.values:
        raise ValidationError("请选择意见书或建议书")
    if addressee is None:
        raise ValidationError("请选择发送对象")
    issued_on = past(issued_on, "制发日期")
    if case is not None and issued_on < case.accepted_on:
        raise ValidationError("制发日期不能早于案件受理日期")
    n = next_number(unit, issued_on.year, f"letter_{kind}")
    word = "意" if kind == K.OPINION else "建"
    letter = OpinionLetter.objects.create(
        unit=unit,
        case=case,
        kind=kind,
        addressee=addressee,
        number=f"{prefix(unit)}行复{word}〔{issued_on.year}〕{n}号",
        issued_on=issued_on,
        content=required(content, "主要内容", 5000),
    )
    if kind == K.OPINION:
        letter.deadline = core.start_deadline(
            record=letter,
            clock=OPINION,
            start=issued_on,
            unit=addressee,
            title=f"反馈纠正情况：{letter.number}",
            url=office_url(letter),
            actor=None,
        )
        letter.save(update_fields=["deadline"])
    record(letter, "recon_letter_issued", actor, unit,
           f"向{addressee.name}制发{letter.get_kind_display()}{letter.number}",
           after=snap(letter))  # fmt: skip
    return letter


@transaction.atomic
def report(
    letter: OpinionLetter, *, on: dt.date, text: str, actor, attachments=()
) -> OpinionLetter:
    """The addressee's report of what it corrected (filed by it, or entered by the 复议机构)."""
    letter = OpinionLetter.objects.select_for_update().get(pk=letter.pk)
    from fazhi.core import access

    if actor is not None and not (
        access.can(actor, "change", letter.addressee) or access.can(actor, "change", letter.unit)
    ):
        need_change(actor, letter.addressee, "发给本单位的意见书、建议书")
    if letter.reported_on:
        raise ValidationError("已反馈整改（落实）情况")
    on = past(on, "反馈日期")
    if on < letter.issued_on:
        raise ValidationError("反馈日期不能早于制发日期")
    before = snap(letter)
    letter.reported_on = on
    letter.report = required(text, "整改（落实）情况", 5000)
    d = letter.deadline
    late = False
    if d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
        late = bool(d.due_date and on > d.due_date)
        core.complete_deadline(d, on=on, actor=None)
    letter.save()
    hashes = [
        core.attach(
            letter, f, actor=actor, unit=letter.addressee, description="整改情况报告"
        ).sha256
        for f in attachments
    ]
    record(letter, "recon_letter_reported", actor, letter.unit,
           f"{letter.addressee.name}反馈整改（落实）情况" + ("（逾期）" if late else ""),
           before, snap(letter), attachments=hashes)  # fmt: skip
    return letter
