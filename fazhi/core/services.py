"""Core state changes. Each checks its rule, writes, and appends to the full-process
record in one transaction; views, the API, imports and the demo all come through here."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import access, audit, events, locking
from .calendar import calendar
from .deadlines import CALENDAR, CLOCKS, FIXED, compute, get_clock
from .models import (
    ApiToken,
    Attachment,
    CalendarYear,
    Deadline,
    DeadlineExtension,
    DeadlinePause,
    OrgUnit,
    Role,
    SpecialDay,
    User,
)
from .sniff import UploadRejected, check_upload

# --- org units -------------------------------------------------------------------------

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "aliases",
    "kind",
    "parent_id",
    "is_enforcement_agency",
    "uscc",
    "sort_order",
    "active",
)


def _unit_snapshot(unit: OrgUnit) -> dict:
    return {f: getattr(unit, f) for f in UNIT_FIELDS}


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"


def _check_parent(unit: OrgUnit) -> None:
    """A tree: government at the root; departments and townships under a government;
    communities under a township. No cycles."""
    parent = unit.parent
    # Tuples, not sets: the refusal names the allowed parents in a fixed order.
    allowed = {
        OrgUnit.Kind.GOVERNMENT: (None, OrgUnit.Kind.GOVERNMENT),
        OrgUnit.Kind.DEPARTMENT: (OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT),
        OrgUnit.Kind.TOWNSHIP: (OrgUnit.Kind.GOVERNMENT,),
        OrgUnit.Kind.COMMUNITY: (OrgUnit.Kind.TOWNSHIP,),
    }[unit.kind]
    if (parent.kind if parent else None) not in allowed:
        names = "、".join("无（顶级）" if k is None else OrgUnit.Kind(k).label for k in allowed)
        raise ValidationError(f"“{unit.get_kind_display()}”的上级单位应为：{names}")
    node = parent
    while node is not None:
        if unit.pk and node.pk == unit.pk:
            raise ValidationError("上级单位不能是本单位或其下级单位")
        node = node.parent


@transaction.atomic
def save_unit(unit: OrgUnit, actor, version=None) -> OrgUnit:
    """Create or update an org unit (and re-path its subtree when it moves).
    ``version``: what the edit form was opened at (``locking.claim``)."""
    if actor is not None and not access.can(actor, "manage_units"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以维护组织机构")
    if unit.pk:
        locking.claim(unit, version)
    _check_parent(unit)
    unit.full_clean(exclude=["path", "parent"])
    before = None
    old_path = None
    if unit.pk:
        old = OrgUnit.objects.get(pk=unit.pk)
        before, old_path = _unit_snapshot(old), old.path
    unit.save()
    _set_path(unit)
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)
    if old_path and old_path != unit.path:
        for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
            # The path decides whose records a unit's staff may see: its change is recorded.
            events.append(
                action="update",
                record=child,
                actor=actor,
                unit=child,
                summary=f"随上级单位“{unit.name}”调整隶属关系",
            )
    events.append(
        action="update" if before else "create",
        record=unit,
        actor=actor,
        unit=unit,
        summary=f"{'修改' if before else '新建'}单位“{unit.name}”",
        before=before,
        after=_unit_snapshot(unit),
    )
    return unit


# --- people and roles -------------------------------------------------------------------


def ensure_roles() -> None:
    for code, name in Role.NAMES.items():
        Role.objects.update_or_create(code=code, defaults={"name": name})


def _account_snapshot(user: User, roles) -> dict:
    """What decides what an account may do: its roles, unit, activation and the Django
    superuser/staff flags (full-process record and audit log show before and after)."""
    unit = OrgUnit.objects.filter(pk=user.unit_id).first() if user.unit_id else None
    return {
        "roles": sorted(roles),
        "unit": user.unit_id,
        "unit_name": unit.name if unit else "无",
        "active": user.is_active,
        "superuser": user.is_superuser,
        "staff": user.is_staff,
    }


@transaction.atomic
def save_user(
    user: User, roles: list[str], actor, password: str | None = None, version=None
) -> User:
    """Create or update an account and its roles (``version``: see ``locking.claim``). The
    change of roles, unit, activation and superuser/staff flags is written, before and
    after, to the full-process record and the security audit log."""
    if actor is not None and not access.can(actor, "manage_users"):
        raise PermissionDenied("只有系统管理员可以维护用户账号")
    if user.pk:
        locking.claim(user, version)
    unknown = set(roles) - set(Role.NAMES)
    if unknown:
        raise ValidationError(f"未知角色：{'、'.join(sorted(unknown))}")
    if set(roles) - {Role.ADMIN, Role.LEADER, Role.COORDINATOR} and user.unit_id is None:
        raise ValidationError("经办人、审核人、法制审核人员必须属于一个单位")
    before = account_state(user.pk)
    if password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.save()
    user.roles.set(roles)
    user._role_codes = None
    record_account_change(user, before, actor, password_set=bool(password))
    return user


def account_state(pk) -> dict | None:
    """The account's permission snapshot as stored now (None for a new account)."""
    old = User.objects.filter(pk=pk).first() if pk else None
    return _account_snapshot(old, old.roles.values_list("code", flat=True)) if old else None


def record_account_change(user: User, before: dict | None, actor, *, password_set=False) -> None:
    """Append the account's change (before → after) to the full-process record and the
    audit log; the caller's transaction holds the change (``save_user``, the Django admin)."""
    after = _account_snapshot(user, user.roles.values_list("code", flat=True))
    changed = [k for k in after if before is None or before[k] != after[k]]
    summary = f"{'修改' if before else '新建'}账号“{user.username}”"
    if before is not None and "roles" in changed:
        summary += (
            f"；角色：{audit.role_names(before['roles'])} → {audit.role_names(after['roles'])}"
        )
    if before is not None and "unit" in changed:
        summary += f"；单位：{before['unit_name']} → {after['unit_name']}"
    events.append(
        action="update" if before else "create",
        record=user,
        actor=actor,
        unit=user.unit,
        summary=summary,
        before=before,
        after=after,
    )
    audit.account_changes(user, before, after, actor)
    if password_set and before is not None:
        audit.record(
            audit.Kind.PASSWORD_SET,
            username=user.username,
            user=user,
            actor=actor,
            summary="重设密码",
        )


# --- calendar ---------------------------------------------------------------------------


@transaction.atomic
def set_calendar_year(
    year: int,
    days: list[tuple[dt.date, str, str]],
    actor,
    *,
    source: str,
    notice: str = "",
    version=None,
) -> CalendarYear:
    """Replace one year's holidays and make-up workdays (e.g. from the new notice).
    ``version``: what the year's form was opened at (``locking.claim``)."""
    if actor is not None and not access.can(actor, "manage_calendar"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以维护工作日历")
    for d, kind, name in days:
        if d.year != year:
            raise ValidationError(f"{d:%Y-%m-%d}不属于{year}年")
        if kind not in SpecialDay.Kind.values:
            raise ValidationError(f"{d:%Y-%m-%d}：类型应为节假日或调休上班日")
        if kind == SpecialDay.Kind.MAKEUP_WORKDAY and d.weekday() < 5:
            raise ValidationError(f"{d:%Y-%m-%d}是工作日，不能登记为调休上班日")
        if not name.strip():
            raise ValidationError(f"{d:%Y-%m-%d}：请填写名称")
    dates = [d for d, _, _ in days]
    if len(dates) != len(set(dates)):
        raise ValidationError("同一日期登记了两次")
    obj, created = CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
    if not created:
        locking.claim(obj, version)
    before = (
        None
        if created
        else sorted([str(d), k, n] for d, k, n in obj.days.values_list("date", "kind", "name"))
    )
    obj.source, obj.notice = source, notice
    obj.save()
    obj.days.all().delete()
    SpecialDay.objects.bulk_create(
        [SpecialDay(date=d, kind=k, name=n.strip(), year=obj) for d, k, n in days]
    )
    events.append(
        action="calendar_year",
        record=obj,
        actor=actor,
        summary=f"{'录入' if created else '修改'}{year}年工作日历（{len(days)}个特殊日）",
        before=before,
        after=sorted([str(d), k, n] for d, k, n in days),
    )
    return obj


# --- attachments ------------------------------------------------------------------------


@transaction.atomic
def attach(
    record,
    uploaded,
    *,
    actor,
    unit: OrgUnit,
    description: str = "",
    allowed=None,
    max_bytes=None,
    trail=None,
    public: bool = False,
) -> Attachment:
    """Store an uploaded file as evidence of ``record``. Raises UploadRejected (Chinese
    message) for a file that is too large, empty, disguised or of a type not allowed.

    ``public``: sent by a member of the public through a portal service (no account, so
    ``actor`` is None); the calling service is the gate, the upload check still applies.

    ``trail`` (a record_type, record_id pair) names the record whose full-process record
    takes the upload's event when that is not ``record`` itself. For a clock it defaults to
    the record the clock runs for, whose trail every change of the clock already joins:
    recorded under the clock itself, the clock's later changes (recorded under its record)
    would read as changes made behind its last event."""
    if not (public and actor is None) and not access.can(actor, "change", unit):
        raise PermissionDenied("无权为该单位的记录上传附件")
    data = uploaded.read()
    name = getattr(uploaded, "name", "") or "未命名"
    sniffed = check_upload(
        name,
        data,
        allowed or settings.FAZHI_UPLOAD_ALLOWED,
        max_bytes or settings.FAZHI_UPLOAD_MAX_BYTES,
    )
    digest = hashlib.sha256(data).hexdigest()
    record_type, record_id = events.record_ref(record)
    att = Attachment(
        sha256=digest,
        size=len(data),
        kind=sniffed.kind,
        mime=sniffed.mime,
        original_name=name[:255],
        description=description[:200],
        unit=unit,
        record_type=record_type,
        record_id=record_id,
        uploaded_by=actor,
    )
    att.file.save(f"{digest[:2]}/{digest}", ContentFile(data), save=False)
    att.save()
    summary = f"上传附件“{att.original_name}”（{sniffed.label}，{len(data)}字节）"
    if trail is None and isinstance(record, Deadline):
        trail = (record.record_type, record.record_id)
    if trail and trail[0]:
        record_type, record_id = trail
        summary = f"为“{getattr(record, 'title', '') or record}”{summary}"
    events.append(
        action="attach",
        record_type=record_type,
        record_id=record_id,
        actor=actor,
        unit=unit,
        summary=summary,
        after={"attachment": att.pk, "name": att.original_name, "kind": att.kind},
        attachments=[digest],
    )
    return att


def attach_all(
    record, files, *, actor, unit: OrgUnit, description: str = "", trail=None
) -> list[Attachment]:
    """Several files at once, each checked and recorded as ``attach`` does, all or none: a
    rejected file (named in the message) leaves none of the others attached."""
    out = []
    with transaction.atomic():
        for f in files:
            try:
                out.append(
                    attach(record, f, actor=actor, unit=unit, description=description, trail=trail)
                )
            except UploadRejected as e:
                name = getattr(f, "name", "") or "未命名"
                text = str(e) if name in str(e) else f"文件“{name}”：{e}"
                raise UploadRejected(f"{text}（本次选择的文件均未上传）") from e
    return out


__all__ = ["UploadRejected"]


# --- deadlines --------------------------------------------------------------------------


def recompute_deadline(deadline: Deadline) -> Deadline:
    comp = compute(deadline)
    deadline.due_date = comp.due if comp else None
    deadline.save(update_fields=["due_date", "state", "completed_on", "start_date"])
    return deadline


def _deadline_event(
    deadline: Deadline, action: str, actor, summary: str, before=None, after=None, attachments=()
):
    events.append(
        action=action,
        record_type=deadline.record_type,
        record_id=deadline.record_id,
        actor=actor,
        unit=deadline.unit,
        summary=summary,
        before=before,
        after=after,
        attachments=attachments,
    )


def _deadline_state(deadline: Deadline) -> dict:
    return {
        "clock": deadline.clock,
        "start": deadline.start_date,
        "due": deadline.due_date,
        "state": deadline.state,
    }


@transaction.atomic
def start_deadline(
    *,
    record=None,
    record_type: str = "",
    record_id: str = "",
    clock: str,
    start: dt.date,
    unit: OrgUnit,
    title: str,
    url: str = "",
    actor=None,
    assignee=None,
) -> Deadline:
    """Start a clock. Raises CalendarMissing when the period runs into a year with no
    calendar data: a due date is never guessed."""
    c = get_clock(clock)
    if record is not None:
        record_type, record_id = events.record_ref(record)
    deadline = Deadline.objects.create(
        clock=c.code,
        record_type=record_type,
        record_id=str(record_id),
        title=title[:300],
        url=url,
        unit=unit,
        assignee=assignee,
        start_date=start,
    )
    access.note_record_type(Deadline, deadline.record_type)
    recompute_deadline(deadline)
    _deadline_event(
        deadline,
        "deadline_start",
        actor,
        f"开始计算期限：{c.name}，起算日{start:%Y-%m-%d}，届满日{deadline.due_date:%Y-%m-%d}",
        after=_deadline_state(deadline),
    )
    return deadline


def _open(deadline: Deadline) -> None:
    if deadline.state in (Deadline.State.DONE, Deadline.State.CANCELLED):
        raise ValidationError("该期限已办结或撤销，不能再变更")


def _check_change(actor, deadline: Deadline) -> None:
    if actor is not None and not access.can(actor, "change", deadline.unit):
        raise PermissionDenied("无权变更该单位的期限")


def owning_module(deadline: Deadline) -> str:
    """The Chinese name of the module whose clock this is ("" when no module owns it)."""
    from django.apps import apps

    clock = CLOCKS.get(deadline.clock)
    if clock is None or not clock.module:
        return ""
    try:
        return str(apps.get_app_config(clock.module).verbose_name)
    except LookupError:
        return clock.module


@transaction.atomic
def pause_deadline(deadline: Deadline, *, start: dt.date, reason: str, actor) -> Deadline:
    """Stop the clock (补正、征求第三方意见…), only where the clock's law allows it."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    _open(deadline)
    clock = get_clock(deadline.clock)
    if not clock.pausable:
        raise ValidationError(f"“{clock.name}”依法不能暂停计时（{clock.basis}）")
    if deadline.state == Deadline.State.PAUSED:
        raise ValidationError("该期限已在暂停中")
    if not reason.strip():
        raise ValidationError("请填写暂停计时的原因")
    if start <= deadline.start_date:
        raise ValidationError("暂停日期应晚于起算日")
    last = deadline.pauses.order_by("-end").first()
    if last and last.end and start <= last.end:
        raise ValidationError("暂停日期应晚于上一次恢复计时的日期")
    before = _deadline_state(deadline)
    DeadlinePause.objects.create(
        deadline=deadline, start=start, reason=reason.strip(), created_by=actor
    )
    deadline.state = Deadline.State.PAUSED
    recompute_deadline(deadline)
    _deadline_event(
        deadline,
        "deadline_pause",
        actor,
        f"{start:%Y-%m-%d}起暂停计时：{reason.strip()}",
        before,
        _deadline_state(deadline),
    )
    return deadline


@transaction.atomic
def resume_deadline(deadline: Deadline, *, end: dt.date, actor) -> Deadline:
    """Restart the clock; the paused days are not counted (the resume day counts again)."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    if deadline.state != Deadline.State.PAUSED:
        raise ValidationError("该期限未处于暂停状态")
    pause = deadline.pauses.get(end=None)
    if end <= pause.start:
        raise ValidationError("恢复计时日期应晚于暂停日期")
    before = _deadline_state(deadline)
    # The pause interval is stored inclusive: the days from start to the day before resuming.
    pause.end = end - dt.timedelta(days=1)
    pause.save(update_fields=["end"])
    deadline.state = Deadline.State.RUNNING
    recompute_deadline(deadline)
    _deadline_event(
        deadline,
        "deadline_resume",
        actor,
        f"{end:%Y-%m-%d}恢复计时，届满日调整为{deadline.due_date:%Y-%m-%d}",
        before,
        _deadline_state(deadline),
    )
    return deadline


@transaction.atomic
def extend_deadline(
    deadline: Deadline,
    *,
    days: int,
    reason: str,
    approved_by: str,
    approved_on: dt.date,
    actor,
    evidence=None,
) -> Deadline:
    """Extend, only with a recorded approval and within the clock's statutory maximum."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    _open(deadline)
    clock = get_clock(deadline.clock)
    if not clock.extension_max:
        raise ValidationError(f"“{clock.name}”依法不能延长（{clock.basis}）")
    if days < 1:
        raise ValidationError("延长天数应为正整数")
    used = sum(e.days for e in deadline.extensions.all())
    if used + days > clock.extension_max:
        raise ValidationError(
            f"“{clock.name}”最多延长{clock.extension_max}{clock.unit_label}，"
            f"已延长{used}{clock.unit_label}，本次最多还能延长{clock.extension_max - used}{clock.unit_label}"
        )
    if not approved_by.strip():
        raise ValidationError(f"延期须经{clock.extension_approver or '有权机关'}批准，请填写批准人")
    if not reason.strip():
        raise ValidationError("请填写延期理由")
    if deadline.due_date and approved_on > deadline.due_date:
        raise ValidationError("延期应在期限届满前批准")
    before = _deadline_state(deadline)
    DeadlineExtension.objects.create(
        deadline=deadline,
        days=days,
        reason=reason.strip(),
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        created_by=actor,
    )
    recompute_deadline(deadline)
    hashes = []
    if evidence is not None:
        hashes = [
            attach(
                deadline, evidence, actor=actor, unit=deadline.unit, description="延期审批材料"
            ).sha256
        ]
    _deadline_event(
        deadline,
        "deadline_extend",
        actor,
        f"经{approved_by.strip()}批准延长{days}{clock.unit_label}：{reason.strip()}；"
        f"届满日调整为{deadline.due_date:%Y-%m-%d}"
        if deadline.due_date
        else f"经{approved_by.strip()}批准延长{days}{clock.unit_label}：{reason.strip()}",
        before,
        _deadline_state(deadline),
        attachments=hashes,
    )
    return deadline


@transaction.atomic
def restart_deadline(deadline: Deadline, *, start: dt.date, reason: str, actor) -> Deadline:
    """Start the period again from a new date (e.g. 政府信息公开条例 第30条: after 补正 the
    reply period runs from receipt of the corrected application)."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    _open(deadline)
    if start < deadline.start_date:
        raise ValidationError("重新起算日不能早于原起算日")
    if not reason.strip():
        raise ValidationError("请填写重新起算的原因")
    before = _deadline_state(deadline)
    deadline.start_date = start
    deadline.pauses.all().delete()
    deadline.state = Deadline.State.RUNNING
    recompute_deadline(deadline)
    _deadline_event(
        deadline,
        "deadline_restart",
        actor,
        f"自{start:%Y-%m-%d}重新起算：{reason.strip()}",
        before,
        _deadline_state(deadline),
    )
    return deadline


@transaction.atomic
def complete_deadline(deadline: Deadline, *, on: dt.date, actor) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    _open(deadline)
    # A clock no module owns is never completed ahead of today. A module's clock is completed
    # by that module's services, which date it from their own record (and whose tests and
    # demo run the process on their own dates).
    if not get_clock(deadline.clock).module and on > today():
        raise ValidationError(f"办结日期不能晚于今天（{today():%Y-%m-%d}），不能预先登记办结")
    if on < deadline.start_date and get_clock(deadline.clock).unit != FIXED:
        raise ValidationError("办结日期不能早于起算日")
    if deadline.state == Deadline.State.PAUSED:
        pause = deadline.pauses.get(end=None)
        pause.end = max(pause.start, on - dt.timedelta(days=1))
        pause.save(update_fields=["end"])
    before = _deadline_state(deadline)
    deadline.state = Deadline.State.DONE
    deadline.completed_on = on
    recompute_deadline(deadline)
    late = deadline.due_date and on > deadline.due_date
    _deadline_event(
        deadline,
        "deadline_done",
        actor,
        f"{on:%Y-%m-%d}办结" + ("（逾期）" if late else "（按期）"),
        before,
        _deadline_state(deadline),
    )
    return deadline


@transaction.atomic
def cancel_deadline(deadline: Deadline, *, reason: str, actor) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_change(actor, deadline)
    _open(deadline)
    if not reason.strip():
        raise ValidationError("请填写撤销原因")
    before = _deadline_state(deadline)
    deadline.state = Deadline.State.CANCELLED
    deadline.save(update_fields=["state"])
    _deadline_event(
        deadline,
        "deadline_cancel",
        actor,
        f"撤销期限：{reason.strip()}",
        before,
        _deadline_state(deadline),
    )
    return deadline


def explain(deadline: Deadline) -> list[str]:
    comp = compute(deadline)
    clock = get_clock(deadline.clock)
    lines = [clock.describe()]
    if comp is not None and clock.unit == FIXED:
        lines.append(
            f"届满日为指定日期{comp.due:%Y-%m-%d}"
            + (f"（含批准延长{comp.length}日）" if comp.length else "")
            + "。"
        )
        return lines
    if comp is None:
        lines.append("当前处于暂停计时状态，恢复计时后计算届满日。")
        return lines
    lines.extend(comp.explain())
    if clock.unit == CALENDAR and not clock.roll_forward:
        lines.append("本期限届满日遇节假日不顺延。")
    return lines


# --- API tokens -------------------------------------------------------------------------


@transaction.atomic
def issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the plain key is returned once and never stored."""
    if not name.strip():
        raise ValidationError("请填写令牌用途")
    key = "fz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=key[:8], key_hash=ApiToken.hash_key(key)
    )
    events.append(
        action="token_issue",
        record=user,
        actor=user,
        unit=user.unit,
        summary=f"签发接口令牌“{token.name}”（{token.prefix}…）",
    )
    audit.record(
        audit.Kind.TOKEN_ISSUED,
        username=user.username,
        user=user,
        actor=user,
        summary=f"签发接口令牌“{token.name}”（{token.prefix}…）",
    )
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, actor) -> None:
    if token.user_id != actor.pk and not access.can(actor, "manage_users"):
        raise PermissionDenied("无权吊销该令牌")
    token.revoked = True
    token.save(update_fields=["revoked"])
    events.append(
        action="token_revoke",
        record=token.user,
        actor=actor,
        unit=token.user.unit,
        summary=f"吊销接口令牌“{token.name}”（{token.prefix}…）",
    )
    audit.record(
        audit.Kind.TOKEN_REVOKED,
        username=token.user.username,
        user=token.user,
        actor=actor,
        summary=f"吊销接口令牌“{token.name}”（{token.prefix}…）",
    )


def today() -> dt.date:
    return timezone.localdate()


def workcalendar():
    return calendar()
