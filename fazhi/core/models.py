"""Core records: org units, people and roles, the working-day calendar, deadlines,
the hash-chained full-process record, attachments, login throttling and API tokens.

State changes go through ``core.services``; nothing here writes events by itself.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .identifiers import validate_uscc
from .locking import Versioned


class OrgUnit(Versioned):
    """A government, department, township or community (glossary: OrgUnit kinds)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "区（县）人民政府"
        DEPARTMENT = "department", "区直部门"
        TOWNSHIP = "township", "乡镇（街道）"
        COMMUNITY = "community", "村（社区）"

    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    aliases = models.CharField(
        "别名",
        max_length=300,
        blank=True,
        help_text="以顿号或逗号分隔，用于匹配计划文本中的单位名称",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path ("/1/5/") so that "this unit and everything under it" is one
    # indexed prefix query instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    is_enforcement_agency = models.BooleanField("行政执法主体", default=False)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_uscc]
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    lock_fields = (
        "code",
        "name",
        "short_name",
        "aliases",
        "kind",
        "parent",
        "is_enforcement_agency",
        "uscc",
        "sort_order",
        "active",
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = verbose_name_plural = "组织机构"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:unit", args=[self.code])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def alias_list(self) -> list[str]:
        raw = self.aliases.replace("，", ",").replace("、", ",")
        return [a.strip() for a in raw.split(",") if a.strip()]


class Role(models.Model):
    """The six roles of the glossary; rows are created by a migration."""

    CLERK = "clerk"
    REVIEWER = "reviewer"
    LEGAL_REVIEWER = "legal_reviewer"
    COORDINATOR = "coordinator"
    LEADER = "leader"
    ADMIN = "admin"
    NAMES = {
        CLERK: "经办人",
        REVIEWER: "审核人",
        LEGAL_REVIEWER: "法制审核人员",
        COORDINATOR: "统筹协调（依法治区办/司法局）",
        LEADER: "领导",
        ADMIN: "系统管理员",
    }

    code = models.CharField(max_length=32, primary_key=True)
    name = models.CharField(max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "角色"

    def __str__(self) -> str:
        return self.name


class User(Versioned, AbstractUser):
    """An account: belongs to one org unit, holds roles."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    roles = models.ManyToManyField(Role, verbose_name="角色", blank=True)
    phone = models.CharField("电话", max_length=20, blank=True)

    objects = UserManager()

    lock_fields = ("username", "full_name", "unit", "phone", "is_active", "roles")

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_codes(self) -> frozenset[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = (
                frozenset(self.roles.values_list("code", flat=True)) if self.pk else frozenset()
            )
            if self.is_superuser:
                cached = cached | {Role.ADMIN}
            self._role_codes = cached
        return cached

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes.intersection(codes))

    def role_names(self) -> list[str]:
        return [Role.NAMES[c] for c in sorted(self.role_codes) if c in Role.NAMES]


class CalendarYear(Versioned):
    """A year whose holidays and make-up workdays are loaded.

    A date in a year without a row is an explicit error (CalendarMissing), never a guess:
    the 调休 days are fixed each year by a 国务院办公厅 notice and cannot be computed.
    """

    year = models.PositiveIntegerField("年度", primary_key=True)
    source = models.CharField("数据来源", max_length=200)
    notice = models.CharField("放假通知", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    lock_fields = ("notice",)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "工作日历年度"

    def __str__(self) -> str:
        return f"{self.year}年"

    def lock_snapshot(self) -> dict[str, str]:
        """The notice and every special day by date, as the year's form shows them."""
        out = {"放假通知": self.notice}
        for day in self.days.order_by("date"):
            out[f"{day.date:%Y-%m-%d}"] = f"{day.name}（{day.get_kind_display()}）"
        return out


class SpecialDay(models.Model):
    """A statutory holiday or a make-up workday (调休上班日)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（休息）"
        MAKEUP_WORKDAY = "makeup_workday", "调休上班日"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("名称", max_length=50)
    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "节假日与调休"

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ChainHead(models.Model):
    """The last event's sequence number and hash.

    Appending locks this single row, so two transactions never chain onto the same
    predecessor; and a tail of deleted events is caught because the head still names them.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.seq}"


class Event(models.Model):
    """One entry of the full-process record (全过程记录), hash-chained to its predecessor."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(max_length=100, blank=True)
    unit_code = models.CharField(max_length=32, blank=True, db_index=True)
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    action = models.CharField(max_length=64)
    summary = models.CharField(max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # SHA-256 of the record's row after the change ("deleted" once it is gone; empty for
    # events written before state hashes existed, and for record types that are no row).
    state_hash = models.CharField(max_length=64, blank=True, default="", db_default="")

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["record_type", "record_id", "seq"])]
        verbose_name = verbose_name_plural = "全过程记录"

    def __str__(self) -> str:
        return f"#{self.seq} {self.record_type}:{self.record_id} {self.action}"


class ChainAnchor(models.Model):
    """The chain head of one day (date, seq, hash), published on the portal and copied
    into every backup manifest, so that a later check can compare the chain with copies
    the database does not hold: a rolled-back tail or a re-hashed history no longer ends
    in the anchored hash. Written once a day by ``anchors.anchor_today``; never changed."""

    date = models.DateField("日期", unique=True)
    seq = models.BigIntegerField("事件序号")
    hash = models.CharField("链头哈希", max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]
        verbose_name = verbose_name_plural = "链头锚点"

    def __str__(self) -> str:
        return f"{self.date} #{self.seq}"


class Attachment(models.Model):
    """A stored file (evidence): content hash, size and the type sniffed from its bytes."""

    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    kind = models.CharField("类型", max_length=16)
    mime = models.CharField(max_length=100)
    original_name = models.CharField("文件名", max_length=255)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    description = models.CharField("说明", max_length=200, blank=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["record_type", "record_id"])]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """Besides its unit's staff, whoever may read the owning record may read the file
        (for the record types declared with ``access.attachments_follow_record``)."""
        from . import access

        return access.attachment_owner_q(user, action)


class Deadline(models.Model):
    """A running statutory clock for one record (see core.deadlines for the clock kinds).

    ``due_date`` is derived from start, pauses and extensions but stored, because the
    deadline board of a province-wide deployment filters and sorts on it; only
    ``services.recompute_deadline`` writes it.
    """

    class State(models.TextChoices):
        RUNNING = "running", "计时中"
        PAUSED = "paused", "已暂停"
        DONE = "done", "已办结"
        CANCELLED = "cancelled", "已撤销"

    clock = models.CharField("期限类型", max_length=64)
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    title = models.CharField("事项", max_length=300)
    url = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="deadlines"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
    )
    start_date = models.DateField("起算日")
    due_date = models.DateField("届满日", null=True, blank=True, db_index=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.RUNNING)
    completed_on = models.DateField("办结日", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["unit", "state", "due_date"]),
            models.Index(fields=["record_type", "record_id"]),
        ]
        verbose_name = verbose_name_plural = "法定期限"

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_narrow(cls, user, action: str) -> models.Q:
        """A module record's clock is shown only to those who may view the record (the
        法制机构's clerk sees no clock of a review only its legal reviewers may open)."""
        from . import access

        return access.follows_record_q(user, cls)

    @property
    def clock_name(self) -> str:
        from .deadlines import CLOCKS

        clock = CLOCKS.get(self.clock)
        return clock.name if clock else self.clock


class DeadlinePause(models.Model):
    """A stretch during which the clock does not run (补正、征求第三方意见…)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField("暂停自")
    end = models.DateField("恢复于", null=True, blank=True)
    reason = models.CharField("原因", max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.start}–{self.end or ''} {self.reason}"


class DeadlineExtension(models.Model):
    """An extension; only ever granted with a recorded approval."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField("延长天数")
    reason = models.CharField("延期理由", max_length=300)
    approved_by = models.CharField("批准人", max_length=100)
    approved_on = models.DateField("批准日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["approved_on", "id"]

    def __str__(self) -> str:
        return f"+{self.days} {self.approved_by}"


class LoginCounter(models.Model):
    """One login throttle counter (``core.throttle``): an account, an address, or an
    account at an address. Locked row by row while an attempt is checked and counted."""

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    last_at = models.DateTimeField(null=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class AuditEntry(models.Model):
    """The security audit log (安全审计日志): logins, failures, lockouts, logouts and every
    change of who may do what (roles, unit, activation, superuser/staff, API tokens).

    Append-only: ``audit.record`` is the only writer, rows are never updated or deleted
    (网络安全法 第21条: 留存网络日志不少于六个月; 等级保护 安全审计). A change of an
    account is also in the full-process record, as an event of that account.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGIN_REFUSED = "login_refused", "登录被限制"
        LOGOUT = "logout", "退出登录"
        IDLE_LOGOUT = "idle_logout", "闲置超时退出"
        ACCOUNT_CREATED = "account_created", "新建账号"
        ROLES_CHANGED = "roles_changed", "角色变更"
        UNIT_CHANGED = "unit_changed", "所属单位变更"
        ACTIVATION_CHANGED = "activation_changed", "启用/停用"
        ADMIN_FLAGS_CHANGED = "admin_flags_changed", "超级用户/后台权限变更"
        PASSWORD_SET = "password_set", "设置密码"
        TOKEN_ISSUED = "token_issued", "签发接口令牌"
        TOKEN_REVOKED = "token_revoked", "吊销接口令牌"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField("类型", max_length=32, choices=Kind.choices, db_index=True)
    username = models.CharField("账号", max_length=150, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    ip = models.GenericIPAddressField("地址", null=True, blank=True)
    summary = models.CharField("说明", max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = verbose_name_plural = "安全审计日志"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("安全审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("安全审计日志只能追加，不能删除")


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class JobRun(models.Model):
    """One run of one scheduled duty (``fazhi jobs run``): when, how it ended, what it did.

    The log an operator (and /healthz) reads to know the reminders are going out."""

    class Status(models.TextChoices):
        RUNNING = "running", "运行中"
        OK = "ok", "正常"
        WARNING = "warning", "部分发送失败"
        FAILED = "failed", "失败"

    job = models.CharField("任务", max_length=64, db_index=True)
    today = models.DateField("业务日期")
    started_at = models.DateTimeField("开始", default=timezone.now)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField("计数", default=dict, blank=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["job", "-started_at"])]
        verbose_name = verbose_name_plural = "定时任务运行记录"

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class Notification(models.Model):
    """A message to one person (in-app always; mail and webhook per their preference).

    ``key`` is unique per recipient, so a duty that runs again (every 10 minutes) finds its
    reminder already there and sends nothing twice. ``mailed_at``/``pushed_at`` record the
    outside channels; ``outbound`` False keeps a notification in-app only (the demo)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类别", max_length=64)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    record_type = models.CharField(max_length=64, blank=True)
    record_id = models.CharField(max_length=64, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    outbound = models.BooleanField(default=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = verbose_name_plural = "通知"

    def __str__(self) -> str:
        return self.title

    @property
    def internal_link(self) -> str:
        """The link if it stays on this site (a path), else nothing."""
        link = self.link or ""
        return link if link.startswith("/") and not link.startswith("//") else ""


class NotificationPreference(models.Model):
    """How a person wants reminders outside the platform: each one at once, or one daily
    digest. No row means the default (settings.FAZHI_NOTIFY_DEFAULT_MODE)."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "即时发送（每条通知单独发送）"
        DIGEST = "digest", "每日汇总（每天发送一次）"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_pref"
    )
    mode = models.CharField("发送方式", max_length=10, choices=Mode.choices)
    last_digest_on = models.DateField("上次汇总日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知设置"

    def __str__(self) -> str:
        return f"{self.user}: {self.mode}"


class NumberSequence(models.Model):
    """Running numbers (调解 and 信访 numbers, documents out …) per unit, year and kind, for
    the modules that number their records through ``core.numbering`` (the older modules
    keep their own table of the same shape)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="core_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.last}"
