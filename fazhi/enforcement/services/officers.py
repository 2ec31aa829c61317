"""Officers (执法人员), their certificates, the qualification exam and training.

An officer acts only 在岗 with a certificate valid that day (行政处罚法 第42条). The
certificate's last day and each year's training minimum are clocks on the deadline board.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from .. import conf
from ..deadlines import CERTIFICATE, TRAINING
from ..models import Agency, ExamResult, Officer, Training
from .common import need_change, past, record, required

SNAPSHOT = ("name", "certificate_number", "valid_until", "status", "status_reason")


def _snap(officer: Officer) -> dict:
    return {f: getattr(officer, f) for f in SNAPSHOT}


def _start_expiry(officer: Officer, actor) -> None:
    officer.expiry_deadline = core.start_deadline(
        record=officer,
        clock=CERTIFICATE,
        start=officer.valid_until,
        unit=officer.unit,
        title=f"{officer.name}的执法证（{officer.certificate_number}）有效期届满",
        url=f"/office/enforcement/officers/{officer.pk}/",
        actor=actor,
    )
    officer.save(update_fields=["expiry_deadline"])


@transaction.atomic
def register_officer(
    *,
    agency: Agency,
    name: str,
    certificate_number: str,
    issuer: str,
    issued_on: dt.date,
    valid_until: dt.date,
    actor,
    certificate_kind: str = "enforcement",
    legal_qualification: bool = False,
    certified_since: dt.date | None = None,
) -> Officer:
    """``certified_since``: when the officer first held a certificate, if this one renews
    an earlier (default: this certificate's date)."""
    need_change(actor, agency.unit, "本单位的执法人员")
    number = required(certificate_number, "执法证号", 40).upper()
    if Officer.objects.filter(certificate_number=number).exists():
        raise ValidationError(f"执法证号{number}已经登记")
    if certificate_kind not in Officer.CertificateKind.values:
        raise ValidationError("请选择证件类型")
    if issued_on is None or valid_until is None:
        raise ValidationError("请填写发证日期和有效期")
    if valid_until <= issued_on:
        raise ValidationError("证件有效期应晚于发证日期")
    if certified_since and certified_since > issued_on:
        raise ValidationError("首次取得执法证日期不能晚于本证发证日期")
    officer = Officer.objects.create(
        unit=agency.unit,
        agency=agency,
        name=required(name, "姓名", 50),
        certificate_number=number,
        certificate_kind=certificate_kind,
        issuer=required(issuer, "发证机关", 100),
        issued_on=issued_on,
        certified_since=certified_since or issued_on,
        valid_until=valid_until,
        legal_qualification=legal_qualification,
    )
    _start_expiry(officer, actor)
    record(
        officer,
        "enforcement_officer_register",
        actor,
        officer.unit,
        f"登记执法人员{officer.name}，执法证号{number}，有效期至{valid_until:%Y-%m-%d}",
        after=_snap(officer),
    )
    return officer


@transaction.atomic
def renew_certificate(
    officer: Officer, *, valid_until: dt.date, issued_on: dt.date, actor
) -> Officer:
    """换证: a new validity. The old expiry clock is done, a new one starts."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    need_change(actor, officer.unit, "本单位的执法人员")
    if officer.status == Officer.Status.REVOKED:
        raise ValidationError("证件已注销，不能换证，请重新申领")
    issued_on = past(issued_on, "换证日期")
    if valid_until <= officer.valid_until:
        raise ValidationError("新的有效期应晚于原有效期")
    before = _snap(officer)
    officer.issued_on, officer.valid_until = issued_on, valid_until
    officer.save(update_fields=["issued_on", "valid_until"])
    if officer.expiry_deadline_id and officer.expiry_deadline.state not in (
        Deadline.State.DONE,
        Deadline.State.CANCELLED,
    ):
        core.complete_deadline(officer.expiry_deadline, on=issued_on, actor=actor)
    _start_expiry(officer, actor)
    record(
        officer,
        "enforcement_certificate_renew",
        actor,
        officer.unit,
        f"{officer.name}换证，有效期至{valid_until:%Y-%m-%d}",
        before=before,
        after=_snap(officer),
    )
    return officer


@transaction.atomic
def set_status(officer: Officer, *, status: str, reason: str, actor) -> Officer:
    """暂扣 / 注销 / 恢复在岗, with the reason. A revoked certificate is final."""
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    need_change(actor, officer.unit, "本单位的执法人员")
    if status not in Officer.Status.values:
        raise ValidationError("请选择状态")
    if officer.status == Officer.Status.REVOKED:
        raise ValidationError("证件已注销，状态不能再变更")
    if status == officer.status:
        raise ValidationError(f"该人员已是“{officer.get_status_display()}”状态")
    reason = required(reason, "变更原因")
    before = _snap(officer)
    officer.status, officer.status_reason = status, reason
    officer.save(update_fields=["status", "status_reason"])
    if status == Officer.Status.REVOKED and officer.expiry_deadline_id:
        dl = officer.expiry_deadline
        if dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
            core.cancel_deadline(dl, reason="执法证件注销", actor=actor)
    record(
        officer,
        "enforcement_officer_status",
        actor,
        officer.unit,
        f"{officer.name}的执法证件状态变更为“{officer.get_status_display()}”：{reason}",
        before=before,
        after=_snap(officer),
    )
    return officer


@transaction.atomic
def record_exam(
    *,
    unit: OrgUnit,
    session: str,
    sat_on: dt.date,
    candidate: str,
    passed: bool,
    actor,
    score=None,
    officer: Officer | None = None,
) -> ExamResult:
    need_change(actor, unit, "本单位的考试记录")
    result = ExamResult.objects.create(
        unit=unit,
        session=required(session, "考试场次", 100),
        sat_on=past(sat_on, "考试日期"),
        candidate=required(candidate, "考生姓名", 50),
        passed=bool(passed),
        score=Decimal(str(score)) if score not in (None, "") else None,
        officer=officer,
    )
    record(
        result,
        "enforcement_exam",
        actor,
        unit,
        f"{result.candidate}参加{result.session}，{'通过' if passed else '未通过'}",
    )
    return result


def training_hours(officer_ids, year: int) -> dict[int, Decimal]:
    """Hours each officer attended in ``year`` (one grouped query)."""
    rows = (
        Training.attendees.through.objects.filter(
            officer_id__in=officer_ids, training__held_on__year=year
        )
        .values("officer_id")
        .annotate(h=Sum("training__hours"))
    )
    return {r["officer_id"]: r["h"] or Decimal(0) for r in rows}


def _training_deadline(officer: Officer, year: int) -> Deadline | None:
    return (
        Deadline.objects.filter(
            clock=TRAINING,
            record_type="enforcement.officer",
            record_id=str(officer.pk),
            start_date=dt.date(year, 12, 31),
        )
        .exclude(state=Deadline.State.CANCELLED)
        .first()
    )


@transaction.atomic
def ensure_training_deadlines(year: int, *, actor=None, unit: OrgUnit | None = None) -> int:
    """Put each certified officer's yearly training minimum on the deadline board (due
    31 December); idempotent. Returns how many clocks were started."""
    officers = Officer.objects.filter(status=Officer.Status.ACTIVE)
    if unit is not None:
        officers = officers.filter(unit=unit)
    existing = set(
        Deadline.objects.filter(
            clock=TRAINING, record_type="enforcement.officer", start_date=dt.date(year, 12, 31)
        ).values_list("record_id", flat=True)
    )
    started = 0
    for officer in officers:
        if str(officer.pk) in existing:
            continue
        core.start_deadline(
            record=officer,
            clock=TRAINING,
            start=dt.date(year, 12, 31),
            unit=officer.unit,
            title=f"{officer.name}{year}年度培训学时（不少于{conf.training_hours_minimum()}学时）",
            url=f"/office/enforcement/officers/{officer.pk}/",
            actor=actor,
        )
        started += 1
    return started


@transaction.atomic
def record_training(
    *, unit: OrgUnit, topic: str, held_on: dt.date, hours, attendees, actor
) -> Training:
    """A training session and who attended. An officer reaching the yearly minimum has the
    year's training clock done."""
    need_change(actor, unit, "本单位的培训记录")
    hours = Decimal(str(hours or 0))
    if hours <= 0 or hours > 200:
        raise ValidationError("学时应大于0且不超过200")
    attendees = list(attendees)
    if not attendees:
        raise ValidationError("请选择参训人员")
    training = Training.objects.create(
        unit=unit,
        topic=required(topic, "培训主题", 200),
        held_on=past(held_on, "培训日期"),
        hours=hours,
    )
    training.attendees.set(attendees)
    record(
        training,
        "enforcement_training",
        actor,
        unit,
        f"{training.held_on:%Y-%m-%d}培训“{training.topic}”{hours}学时，{len(attendees)}人参训",
    )
    year = training.held_on.year
    minimum = conf.training_hours_minimum()
    totals = training_hours([o.pk for o in attendees], year)
    for officer in attendees:
        if totals.get(officer.pk, 0) >= minimum:
            dl = _training_deadline(officer, year)
            if dl is not None and dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
                core.complete_deadline(dl, on=training.held_on, actor=actor)
    return training
