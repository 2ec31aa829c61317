"""The annual report on law-based government (法治政府建设年度报告), as a structured
document whose figures carry their sources (see export.py for the shape)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.models import OrgUnit


class AnnualReport(models.Model):
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

    class Meta:
        unique_together = [("year", "unit")]
        ordering = ["-year", "unit__sort_order"]
        verbose_name = verbose_name_plural = "法治政府建设年度报告"

    def __str__(self) -> str:
        return self.doc.get("title", f"{self.year}年度报告")

    @property
    def title(self) -> str:
        return str(self)
