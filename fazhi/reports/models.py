"""The annual report on law-based government (法治政府建设年度报告), as a structured
document whose figures carry their sources (see export.py for the shape)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import OrgUnit


class AnnualReport(Versioned):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审核"
        PUBLISHED = "published", "已发布"

    year = models.PositiveIntegerField("报告年度")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    doc = models.JSONField("报告内容")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    generated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Publication gates (services.publish): the approver's reason for publishing despite
    # the quality check; the content's digest when it was sent back, and whether it came
    # back for review unchanged (shown to the approver).
    override_reason = models.CharField("质量检查未通过仍发布的理由", max_length=300, blank=True)
    returned_digest = models.CharField(max_length=64, blank=True)
    resubmitted_unchanged = models.BooleanField("退回后未修改即重新提交", default=False)

    lock_fields = ("doc",)

    class Meta:
        unique_together = [("year", "unit")]
        ordering = ["-year", "unit__sort_order"]
        verbose_name = verbose_name_plural = "法治政府建设年度报告"

    def __str__(self) -> str:
        return self.doc.get("title", f"{self.year}年度报告")

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return str(self)

    def lock_snapshot(self) -> dict[str, str]:
        """The edit form's paragraphs, labelled by heading and position (locking)."""
        from .services import paragraph_slots, to_editable

        out, seen = {}, {}
        for _key, heading, para in paragraph_slots(self.doc):
            seen[heading] = seen.get(heading, 0) + 1
            out[f"{heading}第{seen[heading]}段"] = to_editable(para)[0]
        return out


class ApproverSetting(models.Model):
    """Which role approves and publishes a unit's annual report (one row per unit that
    departs from the default; no row: ``DEFAULT``, the rule the platform always had)."""

    DEFAULT = "default"

    class Role(models.TextChoices):
        DEFAULT = "default", "统筹协调人员、领导或本单位审核人员（默认）"
        COORDINATOR = "coordinator", "统筹协调人员"
        LEADER = "leader", "领导"
        REVIEWER = "reviewer", "本单位审核人员"

    unit = models.OneToOneField(
        OrgUnit, verbose_name="报告单位", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField("审核发布角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告审核角色"

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.get_role_display()}"


class PeerReport(models.Model):
    """A report another place published, read by the extractor, for benchmarking."""

    sha256 = models.CharField(max_length=64, unique=True)
    file_name = models.CharField("文件", max_length=255)
    title = models.CharField("标题", max_length=300, blank=True)
    place = models.CharField("地方", max_length=50, blank=True)
    level = models.CharField("层级", max_length=10, blank=True)
    year = models.PositiveIntegerField("报告年度", null=True, blank=True)
    kind = models.CharField("类型", max_length=30, blank=True)
    published = models.CharField("发布日期", max_length=20, blank=True)
    issuer = models.CharField("发布机构", max_length=100, blank=True)
    text = models.TextField("正文")
    # What the extractor found wrong in the report's template tables (their arithmetic, a
    # row it could not place): the figures are kept as printed, the reader is told.
    table_problems = models.JSONField("表格问题", default=list, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "place"]
        verbose_name = verbose_name_plural = "他地报告"

    def __str__(self) -> str:
        return self.title or f"{self.place}{self.year or ''}年{self.kind}"

    def get_absolute_url(self) -> str:
        return reverse("reports:peer", args=[self.pk])


class PeerFigure(models.Model):
    """One figure read from a peer report, with the exact fragment and its offsets."""

    report = models.ForeignKey(PeerReport, on_delete=models.CASCADE, related_name="figures")
    code = models.CharField(max_length=64, blank=True, db_index=True)
    name = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    unit = models.CharField(max_length=20, blank=True)
    approximate = models.BooleanField(default=False)
    yoy = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    text = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # A cell of the national 政府信息公开工作年度报告 template (国办公开办函〔2021〕30号 "gk2021",
    # or the 2019 trial format "gk2019"), keyed "section:row:column" (e.g. "s3:new:person").
    template = models.CharField(max_length=10, blank=True)
    cell = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["report", "start"]

    def __str__(self) -> str:
        return self.text
