"""双随机、一公开: the 一单两库 (check items, entity pool, inspectors), the yearly plans and
their tasks, the draw with its published commitment, and each drawn entity's result.

Rules: 市场监管总局关于全面推进“双随机、一公开”监管工作的通知 (2019); 优化营商环境条例
第54条; results public within 20 working days (“谁检查、谁录入、谁公开”). Inspectors are the
certified officers of ``enforcement``, read through ``fazhi.enforcement.interface`` and kept
here as a snapshot (id, certificate number, name, unit) taken when the task is committed,
never as a foreign key into the sibling's models (architecture.md, dependency rule).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.identifiers import validate_uscc
from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit

RISK_CHOICES = [
    ("A", "A类（信用风险低）"),
    ("B", "B类（信用风险一般）"),
    ("C", "C类（信用风险较高）"),
    ("D", "D类（信用风险高）"),
]


class CheckItem(Versioned):
    """One line of a department's 随机抽查事项清单 (the “一单”)."""

    class Level(models.TextChoices):
        GENERAL = "general", "一般检查事项"
        KEY = "key", "重点检查事项"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="责任部门", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("抽查事项", max_length=200)
    basis = models.TextField("检查依据")
    object_type = models.CharField("检查对象", max_length=100)
    method = models.CharField("检查方式", max_length=100, default="现场检查")
    level = models.CharField("事项类别", max_length=16, choices=Level.choices, default="general")
    # 一般事项 have a ratio and frequency; 重点事项 none (no cap on how many are checked).
    ratio = models.DecimalField("抽查比例", max_digits=5, decimal_places=4, null=True, blank=True)
    frequency = models.CharField("抽查频次", max_length=50, blank=True)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("code", "name", "basis", "object_type", "method", "level", "ratio", "frequency",
                   "active")  # fmt: skip

    class Meta:
        ordering = ["unit__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="inspections_item_code_unique")
        ]
        verbose_name = verbose_name_plural = "随机抽查事项"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Entity(models.Model):
    """A market entity in the 检查对象名录库, identified by its 统一社会信用代码 (re-imports
    update by it). ``unit`` is the department that keeps the pool (市场监管)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "存续"
        CANCELLED = "cancelled", "注销"
        REVOKED = "revoked", "吊销"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="维护部门", on_delete=models.PROTECT, related_name="+"
    )
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("主体类型", max_length=50, blank=True)
    industry = models.CharField("行业", max_length=100, blank=True)
    region = models.CharField("所在区域", max_length=100, blank=True)
    risk_class = models.CharField("信用风险分类", max_length=1, choices=RISK_CHOICES, default="B")
    status = models.CharField("登记状态", max_length=16, choices=Status.choices, default="active")
    updated_on = models.DateField("信息更新日期")

    class Meta:
        ordering = ["uscc"]
        # Plain indexes for the pool filter's equality (``__in``) on industry and region:
        # ``db_index=True`` would add a second, LIKE-pattern index to each on PostgreSQL,
        # which the filter never uses and every imported row would pay for.
        indexes = [
            models.Index(fields=["status", "risk_class", "uscc"]),
            models.Index(fields=["industry"], name="inspections_entity_industry"),
            models.Index(fields=["region"], name="inspections_entity_region"),
        ]
        verbose_name = verbose_name_plural = "检查对象"

    def __str__(self) -> str:
        return self.name


class Avoidance(models.Model):
    """An inspector's declared interest in an entity (回避): the draw never sends them."""

    unit = models.ForeignKey(OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    officer_id = models.PositiveIntegerField("执法人员")
    certificate_number = models.CharField("执法证号", max_length=40)
    officer_name = models.CharField("执法人员姓名", max_length=50)
    entity = models.ForeignKey(Entity, verbose_name="检查对象", on_delete=models.CASCADE,
                               related_name="avoidances")  # fmt: skip
    reason = models.CharField("回避事由", max_length=300)
    declared_on = models.DateField("申报日期")
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)

    class Meta:
        ordering = ["-declared_on", "pk"]
        verbose_name = verbose_name_plural = "回避申报"

    def __str__(self) -> str:
        return f"{self.officer_name}回避{self.entity}"


class InspectionPlan(Versioned):
    """A department's yearly 抽查工作计划, filed with the level above."""

    unit = models.ForeignKey(OrgUnit, verbose_name="制定部门", on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    year = models.PositiveIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    body = models.TextField("计划内容（范围、数量、批次时间）", blank=True)
    filed_with = models.CharField("报备机关", max_length=100, blank=True)
    filed_on = models.DateField("报备日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("title", "body", "filed_with", "filed_on")

    class Meta:
        ordering = ["-year", "unit__code"]
        verbose_name = verbose_name_plural = "抽查工作计划"

    def __str__(self) -> str:
        return self.title


class InspectionTask(Versioned):
    """One 抽查任务: items, a pool filter, sampling ratios per risk class, responsible
    departments (several: a 联合抽查, 进一次门、查多项事), and the draw's commitment.

    The seed is kept secret until the draw is made (``seed_revealed_on``); what the portal
    shows before that is its SHA-256 (``seed_hash``) and the snapshot's (``snapshot_hash``)."""

    class State(models.TextChoices):
        DRAFT = "draft", "草拟"
        COMMITTED = "committed", "已公布抽取承诺"
        DRAWN = "drawn", "已抽取"
        CHECKING = "checking", "检查中"
        DONE = "done", "已完成"
        VOIDED = "voided", "已作废（重新抽取）"

    plan = models.ForeignKey(InspectionPlan, verbose_name="所属计划", on_delete=models.PROTECT,
                             related_name="tasks")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name="牵头部门", on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    departments = models.ManyToManyField(OrgUnit, verbose_name="责任部门", related_name="+")
    joint = models.BooleanField("联合抽查", default=False)
    title = models.CharField("任务名称", max_length=200)
    items = models.ManyToManyField(CheckItem, verbose_name="抽查事项", related_name="tasks")
    # The pool filter: {"status": [...], "industry": [...], "region": [...], "kind": [...]}.
    pool_filter = models.JSONField("检查对象范围", default=dict, blank=True)
    # {"A": "0.01", "B": "0.03", "C": "0.05", "D": "0.10"}; defaults in conf.
    ratios = models.JSONField("分类抽查比例", default=dict)
    per_department = models.PositiveSmallIntegerField("每个对象每部门检查人员数", default=2)
    starts_on = models.DateField("检查开始日期")
    ends_on = models.DateField("检查结束日期")
    state = models.CharField("状态", max_length=16, choices=State.choices, default="draft")
    algorithm = models.CharField("抽取算法", max_length=30, blank=True)
    seed_hash = models.CharField("随机种子承诺（SHA-256）", max_length=64, blank=True)
    seed = models.CharField("随机种子", max_length=64, blank=True)  # hex; public once revealed
    snapshot_hash = models.CharField("名录库快照哈希（SHA-256）", max_length=64, blank=True)
    snapshot_counts = models.JSONField("快照中各类对象数", default=dict, blank=True)
    committed_on = models.DateTimeField("公布承诺时间", null=True, blank=True)
    drawn_on = models.DateTimeField("抽取时间", null=True, blank=True)
    seed_revealed_on = models.DateTimeField("公布种子时间", null=True, blank=True)
    result_hash = models.CharField("抽取结果哈希（SHA-256）", max_length=64, blank=True)
    redo_of = models.OneToOneField("self", verbose_name="重新抽取自", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="redone_by")  # fmt: skip
    redo_reason = models.CharField("重新抽取原因", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("title", "pool_filter", "ratios", "per_department", "starts_on", "ends_on",
                   "state")  # fmt: skip

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = verbose_name_plural = "抽查任务"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:task", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """A joint task (联合抽查) is also the business of each responsible department: they
        read it and record their checks' results (谁检查、谁录入). Drawing stays the lead's
        (services.tasks: need_change on the lead unit)."""
        from fazhi.core.access import unit_scope_for

        q = unit_scope_for(user, action, "departments")
        return models.Q(pk__in=cls.objects.filter(q).values("pk"))


class Snapshot(models.Model):
    """The pool as the draw read it: the canonical lines (draw.snapshot_lines), gzipped,
    with their SHA-256, so the draw can be recomputed and checked at any time."""

    task = models.OneToOneField(InspectionTask, on_delete=models.CASCADE, related_name="snapshot")
    data = models.BinaryField("快照（gzip）")
    sha256 = models.CharField(max_length=64)
    entities = models.PositiveIntegerField("检查对象数")
    inspectors = models.PositiveIntegerField("检查人员数")
    # The inspectors as they were: {certificate number: [officer id, name, unit id]}.
    inspector_names = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.task}的名录库快照"


class DrawnEntity(models.Model):
    """An entity the draw picked, its inspectors, the check's outcome and its publication."""

    class Outcome(models.TextChoices):
        NONE = "", "尚未检查"
        OK = "ok", "未发现问题"
        RECTIFY = "rectify", "发现问题已责令整改"
        CASE = "case", "发现问题已立案查处"
        NOT_FOUND = "not_found", "未发现地址（通过登记的住所无法联系）"
        CLOSED = "closed", "已关闭停业或注销"
        REFUSED = "refused", "不配合检查"

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="drawn")
    unit = models.ForeignKey(OrgUnit, verbose_name="牵头部门", on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    entity = models.ForeignKey(Entity, verbose_name="检查对象", on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    risk_class = models.CharField("抽取时的风险分类", max_length=1, choices=RISK_CHOICES)
    order = models.PositiveIntegerField("抽取顺序")
    # [certificate number, …] in the order the draw assigned them.
    inspectors = models.JSONField("检查人员", default=list)
    outcome = models.CharField("检查结果", max_length=16, choices=Outcome.choices, blank=True)
    checked_on = models.DateField("检查日期", null=True, blank=True)
    note = models.TextField("检查情况", blank=True)
    # A follow-up enforcement case, by its reference in enforcement (no foreign key).
    case_ref = models.CharField("后续执法案件", max_length=60, blank=True)
    publish_due_on = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    late_reason = models.CharField("逾期公示原因", max_length=300, blank=True)
    deadline = models.ForeignKey(Deadline, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")  # fmt: skip

    class Meta:
        ordering = ["task", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "entity"], name="inspections_drawn_once")
        ]
        verbose_name = verbose_name_plural = "抽取的检查对象"

    def __str__(self) -> str:
        return f"{self.task}：{self.entity}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:task", args=[self.task_id])

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """The drawn entities of a joint task, for each of its departments (see the task)."""
        from fazhi.core.access import unit_scope_for

        q = unit_scope_for(user, action, "departments")
        return models.Q(task__in=InspectionTask.objects.filter(q).values("pk"))
