"""行政执法监督: supervision checks of agencies with findings and their rectification,
complaints about enforcement with their handling period, the 特邀行政执法监督员 roster,
and each agency's annual 行政执法数据 publication.

* A finding's rectification deadline is a FIXED clock on the deadline board; a check is
  closed only when every finding has its rectification reported.
* A complaint is handled within 60 calendar days of acceptance (信访工作条例 第32条;
  ``conf_review.complaint_days``), counted on the real calendar by core.
* 国办发〔2018〕118号: each agency publishes the previous year's 行政执法数据 by 31 January;
  a later publication is flagged late. The figures are computed from the case records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from .. import conf_review
from ..deadlines_review import ANNUAL_DATA, COMPLAINT, RECTIFICATION
from ..models import (
    Agency,
    AnnualDataPublication,
    Case,
    CaseKind,
    EnforcementComplaint,
    SpecialSupervisor,
    SupervisionCheck,
    SupervisionFinding,
)
from .common import need_change, past, record, required


def _supervisor(actor) -> None:
    """Checks and the roster are the 司法局's supervision (coordinators, admins; None is the
    system itself)."""
    if actor is not None and not access.is_global(actor, "change"):
        raise PermissionDenied("只有司法行政部门（统筹协调）可以办理行政执法监督")


def _open_clock(deadline_id) -> Deadline | None:
    dl = Deadline.objects.filter(pk=deadline_id).first() if deadline_id else None
    if dl is None or dl.state in (Deadline.State.DONE, Deadline.State.CANCELLED):
        return None
    return dl


# --- supervision checks ---------------------------------------------------------------------


@transaction.atomic
def record_check(
    *,
    agency: Agency,
    checked_on: dt.date,
    subject: str,
    actor,
    checker_unit: OrgUnit | None = None,
    findings=(),
) -> SupervisionCheck:
    """A supervision check held, with its findings [(description, rectification due date)]."""
    _supervisor(actor)
    checker_unit = checker_unit or (actor.unit if actor is not None else None)
    if checker_unit is None:
        raise ValidationError("请选择检查单位")
    check = SupervisionCheck.objects.create(
        unit=agency.unit,
        agency=agency,
        checker_unit=checker_unit,
        checked_on=past(checked_on, "检查日期"),
        subject=required(subject, "检查内容"),
        created_by=actor,
    )
    record(
        check,
        "enforcement_check_create",
        actor,
        check.unit,
        f"{checker_unit.name}于{check.checked_on:%Y-%m-%d}对{agency.name}开展执法监督检查："
        f"{check.subject}",
    )
    for description, due_on in findings:
        add_finding(check, description=description, due_on=due_on, actor=actor)
    return check


@transaction.atomic
def add_finding(
    check: SupervisionCheck, *, description: str, due_on: dt.date, actor
) -> SupervisionFinding:
    check = SupervisionCheck.objects.select_for_update().get(pk=check.pk)
    _supervisor(actor)
    if check.state == SupervisionCheck.State.CLOSED:
        raise ValidationError("监督检查已办结，不能再登记问题")
    description = required(description, "发现的问题", 2000)
    if due_on is None:
        raise ValidationError("请填写整改期限")
    if due_on < check.checked_on:
        raise ValidationError("整改期限不能早于检查日期")
    finding = SupervisionFinding.objects.create(
        check_record=check, description=description, due_on=due_on
    )
    finding.deadline = core.start_deadline(
        record=check,
        clock=RECTIFICATION,
        start=due_on,
        unit=check.unit,
        title=f"{check.agency.name}整改：{description[:60]}",
        url=check.get_absolute_url(),
        actor=actor,
    )
    finding.save(update_fields=["deadline"])
    record(
        check,
        "enforcement_check_finding",
        actor,
        check.unit,
        f"发现问题：{description}；整改期限{due_on:%Y-%m-%d}",
    )
    return finding


@transaction.atomic
def report_rectification(
    finding: SupervisionFinding, *, on: dt.date, rectification: str, actor
) -> SupervisionFinding:
    """The checked agency reports what it put right; the finding's clock is done."""
    finding = (
        SupervisionFinding.objects.select_for_update()
        .select_related("check_record")
        .get(pk=finding.pk)
    )
    check = finding.check_record
    need_change(actor, check.unit, "本单位的整改情况")
    if check.state == SupervisionCheck.State.CLOSED:
        raise ValidationError("监督检查已办结")
    if finding.rectified_on:
        raise ValidationError("该问题的整改情况已经报告")
    on = past(on, "整改完成日期")
    if on < check.checked_on:
        raise ValidationError("整改完成日期不能早于检查日期")
    finding.rectified_on = on
    finding.rectification = required(rectification, "整改情况", 2000)
    finding.save(update_fields=["rectified_on", "rectification"])
    dl = _open_clock(finding.deadline_id)
    if dl is not None:
        core.complete_deadline(dl, on=on, actor=actor)
    late = on > finding.due_on
    record(
        check,
        "enforcement_check_rectified",
        actor,
        check.unit,
        f"报告整改情况（{on:%Y-%m-%d}{'，逾期' if late else ''}）：{finding.rectification}",
    )
    return finding


@transaction.atomic
def close_check(check: SupervisionCheck, *, on: dt.date, note: str, actor) -> SupervisionCheck:
    """办结: only when every finding's rectification has been reported."""
    check = SupervisionCheck.objects.select_for_update().get(pk=check.pk)
    _supervisor(actor)
    if check.state == SupervisionCheck.State.CLOSED:
        raise ValidationError("监督检查已经办结")
    left = check.findings.filter(rectified_on__isnull=True).count()
    if left:
        raise ValidationError(f"还有{left}个问题未报告整改情况，不能办结")
    on = past(on, "办结日期")
    last = max([check.checked_on, *check.findings.values_list("rectified_on", flat=True)])
    if on < last:
        raise ValidationError(f"办结日期不能早于{last:%Y-%m-%d}")
    check.state = SupervisionCheck.State.CLOSED
    check.closed_on = on
    check.closing_note = (note or "").strip()
    check.save(update_fields=["state", "closed_on", "closing_note"])
    record(
        check,
        "enforcement_check_close",
        actor,
        check.unit,
        f"{on:%Y-%m-%d}监督检查办结" + (f"：{check.closing_note}" if check.closing_note else ""),
    )
    return check


# --- complaints -----------------------------------------------------------------------------


@transaction.atomic
def receive_complaint(
    *,
    agency: Agency,
    received_on: dt.date,
    matter: str,
    actor,
    complainant: str = "",
    contact: str = "",
) -> EnforcementComplaint:
    """Accept a complaint about an agency's enforcement; its handling clock starts."""
    need_change(actor, agency.unit, "本单位的投诉举报")
    complaint = EnforcementComplaint.objects.create(
        unit=agency.unit,
        agency=agency,
        received_on=past(received_on, "受理日期"),
        matter=required(matter, "投诉事项", 4000),
        complainant=(complainant or "").strip()[:100],
        contact=(contact or "").strip()[:60],
        period_days=conf_review.complaint_days(),
        created_by=actor,
    )
    complaint.deadline = core.start_deadline(
        record=complaint,
        clock=COMPLAINT,
        start=complaint.received_on,
        unit=complaint.unit,
        title=f"投诉举报办理：{agency.name}",
        url=complaint.get_absolute_url(),
        actor=actor,
    )
    complaint.save(update_fields=["deadline"])
    # Last, so that the record's state after the clock is the one the event seals.
    record(
        complaint,
        "enforcement_complaint_receive",
        actor,
        complaint.unit,
        f"{complaint.received_on:%Y-%m-%d}受理对{agency.name}的投诉举报，"
        f"应于{complaint.deadline.due_date:%Y-%m-%d}前办结",
    )
    return complaint


@transaction.atomic
def reply_complaint(
    complaint: EnforcementComplaint, *, on: dt.date, reply: str, actor
) -> EnforcementComplaint:
    complaint = EnforcementComplaint.objects.select_for_update().get(pk=complaint.pk)
    need_change(actor, complaint.unit, "本单位的投诉举报")
    if complaint.state == EnforcementComplaint.State.REPLIED:
        raise ValidationError("该投诉举报已经答复")
    on = past(on, "答复日期")
    if on < complaint.received_on:
        raise ValidationError("答复日期不能早于受理日期")
    complaint.reply = required(reply, "答复意见", 4000)
    complaint.replied_on = on
    complaint.state = EnforcementComplaint.State.REPLIED
    complaint.save(update_fields=["reply", "replied_on", "state"])
    dl = _open_clock(complaint.deadline_id)
    late = False
    if dl is not None:
        dl = core.complete_deadline(dl, on=on, actor=actor)
        late = bool(dl.due_date and on > dl.due_date)
    record(
        complaint,
        "enforcement_complaint_reply",
        actor,
        complaint.unit,
        f"{on:%Y-%m-%d}答复{'（逾期）' if late else ''}：{complaint.reply[:100]}",
    )
    return complaint


# --- 特邀行政执法监督员 ----------------------------------------------------------------------


@transaction.atomic
def appoint_supervisor(
    *, name: str, work_unit: str, term_start: dt.date, term_end: dt.date, actor, unit=None
) -> SpecialSupervisor:
    _supervisor(actor)
    unit = unit or (actor.unit if actor is not None else None)
    if unit is None:
        raise ValidationError("请选择聘请单位")
    if term_start is None or term_end is None:
        raise ValidationError("请填写聘期")
    if term_end <= term_start:
        raise ValidationError("聘期结束日期应晚于开始日期")
    person = SpecialSupervisor.objects.create(
        unit=unit,
        name=required(name, "姓名", 50),
        work_unit=required(work_unit, "工作单位及职务", 200),
        term_start=term_start,
        term_end=term_end,
    )
    record(
        person,
        "enforcement_supervisor_appoint",
        actor,
        unit,
        f"聘请{person.name}为特邀行政执法监督员，聘期{term_start:%Y-%m-%d}至{term_end:%Y-%m-%d}",
    )
    return person


@transaction.atomic
def dismiss_supervisor(person: SpecialSupervisor, *, reason: str, actor) -> SpecialSupervisor:
    person = SpecialSupervisor.objects.select_for_update().get(pk=person.pk)
    _supervisor(actor)
    if not person.active:
        raise ValidationError("该监督员已经解聘")
    reason = required(reason, "解聘原因")
    person.active = False
    person.save(update_fields=["active"])
    record(person, "enforcement_supervisor_dismiss", actor, person.unit, f"解聘：{reason}")
    return person


# --- annual 行政执法数据 ---------------------------------------------------------------------


def annual_figures(year: int) -> dict[int, dict]:
    """Each agency's figures for ``year`` from its case records, in one grouped query over
    Case: decisions made in the year (``decided_on``) counted by kind, and the fines they
    imposed. {agency_id: {"by_kind": {kind: n}, "total": n, "fines": "yuan"}}."""
    rows = (
        Case.objects.filter(decided_on__year=year)
        .order_by()
        .values("agency_id", "kind")
        .annotate(n=Count("pk"), fines=Sum("fine"))
    )
    out: dict[int, dict] = {}
    for r in rows:
        f = out.setdefault(r["agency_id"], {"by_kind": {}, "total": 0, "fines": Decimal(0)})
        f["by_kind"][r["kind"]] = r["n"]
        f["total"] += r["n"]
        f["fines"] += r["fines"] or Decimal(0)
    for f in out.values():
        f["fines"] = f"{f['fines']:.2f}"
    return out


def empty_figures() -> dict:
    return {"by_kind": {}, "total": 0, "fines": "0.00"}


def figure_rows(figures: dict) -> list[tuple[str, object]]:
    """The figures as (Chinese label, value) rows, every kind listed (zeros included)."""
    by_kind = figures.get("by_kind", {})
    rows = [(label, by_kind.get(kind, 0)) for kind, label in CaseKind.choices]
    rows.append(("作出执法决定合计（件）", figures.get("total", 0)))
    rows.append(("罚款金额合计（元）", figures.get("fines", "0.00")))
    return rows


@transaction.atomic
def publish_annual_data(agency: Agency, *, year: int, on: dt.date, actor) -> AnnualDataPublication:
    """Publish the agency's figures of ``year`` (snapshot now), late after 31 January."""
    need_change(actor, agency.unit, "本单位的行政执法数据")
    on = past(on, "公开日期")
    if on.year <= year:
        raise ValidationError(f"{year}年度数据应在年度结束后公开")
    if AnnualDataPublication.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(f"{agency.name}{year}年度行政执法数据已经公开")
    due = conf_review.annual_data_due(year)
    pub = AnnualDataPublication.objects.create(
        unit=agency.unit,
        agency=agency,
        year=year,
        figures=annual_figures(year).get(agency.pk, empty_figures()),
        due_on=due,
        published_on=on,
        late=on > due,
    )
    for dl in Deadline.objects.filter(
        clock=ANNUAL_DATA,
        record_type="enforcement.agency",
        record_id=str(agency.pk),
        start_date=due,
    ).exclude(state__in=(Deadline.State.DONE, Deadline.State.CANCELLED)):
        core.complete_deadline(dl, on=on, actor=actor)
    record(
        pub,
        "enforcement_annual_data_publish",
        actor,
        pub.unit,
        f"{on:%Y-%m-%d}公开{year}年度行政执法数据"
        + (f"（逾期，应于{due:%Y-%m-%d}前公开）" if pub.late else ""),
        after=pub.figures,
    )
    return pub


@transaction.atomic
def ensure_annual_data_deadlines(year: int, *, actor=None) -> int:
    """Put each active agency's publication of ``year``'s data on the deadline board (due
    31 January of the next year) unless it is published or already there; idempotent.
    Returns how many clocks were started."""
    due = conf_review.annual_data_due(year)
    have = set(
        Deadline.objects.filter(clock=ANNUAL_DATA, record_type="enforcement.agency", start_date=due)
        .exclude(state=Deadline.State.CANCELLED)
        .values_list("record_id", flat=True)
    )
    done = set(AnnualDataPublication.objects.filter(year=year).values_list("agency_id", flat=True))
    started = 0
    for agency in Agency.objects.filter(active=True).select_related("unit"):
        if str(agency.pk) in have or agency.pk in done:
            continue
        core.start_deadline(
            record=agency,
            clock=ANNUAL_DATA,
            start=due,
            unit=agency.unit,
            title=f"{agency.name}公开{year}年度行政执法数据",
            url=f"/office/enforcement/supervision/annual-data/?year={year}",
            actor=actor,
        )
        started += 1
    return started
