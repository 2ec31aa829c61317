"""Indicators, their values per unit and year, reporting rounds (填报), oversight findings
(法治督察) with rectification, and the annual assessment (考核)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access
from fazhi.core.locking import Versioned
from fazhi.core.models import OrgUnit


class Indicator(models.Model):
    class Direction(models.TextChoices):
        UP = "up", "越高越好"
        DOWN = "down", "越低越好"
        NONE = "", "不作比较"

    code = models.CharField("代码", max_length=64, unique=True)
    name = models.CharField("名称", max_length=100)
    unit = models.CharField("计量单位", max_length=10)
    area = models.PositiveSmallIntegerField("纲要领域")
    direction = models.CharField("方向", max_length=4, choices=Direction.choices, blank=True)
    phrase = models.CharField(
        "报告表述",
        max_length=100,
        help_text="年度报告中的表述，{} 处放数值，如：新收行政复议案件{}",
    )
    basis = models.CharField("依据", max_length=200, blank=True)
    # Which unit reports the district-wide figure in a reporting round (e.g. 司法局 for
    # reconsideration); empty: no unit is designated yet.
    reporting_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="填报单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["area", "order", "code"]
        verbose_name = verbose_name_plural = "指标"

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


class ReportingRound(models.Model):
    """A 填报 round: units report the figures assigned to them for a year, with evidence."""

    class State(models.TextChoices):
        OPEN = "open", "填报中"
        LOCKED = "locked", "已锁定"

    year = models.PositiveIntegerField("数据年度")
    name = models.CharField("名称", max_length=100)
    due = models.DateField("填报截止日")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    indicators = models.ManyToManyField(Indicator, verbose_name="填报指标")
    created_at = models.DateTimeField(default=timezone.now)

    # Its page is district-wide (every unit's figures): only those holding this action.
    page_action = "view_round"

    class Meta:
        ordering = ["-year", "-due"]
        verbose_name = verbose_name_plural = "填报轮次"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:round", args=[self.pk])


class Submission(Versioned):
    """One unit's answer in a round: its figures and evidence, reviewed and locked."""

    class State(models.TextChoices):
        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "已提交待审核"
        ACCEPTED = "accepted", "已审核通过"
        RETURNED = "returned", "已退回"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.CharField("退回理由", max_length=300, blank=True)

    lock_fields = ("state",)

    class Meta:
        unique_together = [("round", "unit")]
        verbose_name = verbose_name_plural = "填报"

    def __str__(self) -> str:
        return f"{self.round} · {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:submission", args=[self.pk])

    def lock_snapshot(self) -> dict[str, str]:
        """The figures the edit form shows, by indicator (locking)."""
        from .services import submission_values

        return submission_values(self)


class IndicatorValue(models.Model):
    """A figure for one unit (the government's unit for district-wide figures) and year.

    ``source`` says where it came from: a unit's reported figure (with its submission and
    evidence) or a module's computation over its records (with the link to them)."""

    class Source(models.TextChoices):
        REPORTED = "reported", "单位填报"
        COMPUTED = "computed", "系统计算"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    approximate = models.BooleanField("约数（余、多、以上）", default=False)
    source = models.CharField(max_length=10, choices=Source.choices)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="values"
    )
    records_url = models.CharField("来源记录", max_length=300, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = [("indicator", "unit", "year", "source")]
        indexes = [models.Index(fields=["year", "indicator"])]
        verbose_name = verbose_name_plural = "指标值"

    def __str__(self) -> str:
        return f"{self.indicator.name} · {self.unit.display_name} · {self.year}年"

    def get_absolute_url(self) -> str:
        return reverse("indicators:value", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """A district figure (under the government's unit) that a unit reported is read by
        that unit's staff too, with its submission and evidence."""
        if action != "view":
            return Q(pk__in=[])
        return access.unit_scope_for(user, action, "submission__unit")


class Oversight(models.Model):
    """A 法治督察 finding for a unit and its rectification (整改)."""

    class Source(models.TextChoices):
        VISIT = "visit", "督察检查"
        FEEDBACK = "feedback", "上级反馈"
        ASSESSMENT = "assessment", "考核评估"

    class State(models.TextChoices):
        OPEN = "open", "待整改"
        REPORTED = "reported", "已报整改情况"
        CLOSED = "closed", "已销号"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="被督察单位", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    title = models.CharField("问题", max_length=200)
    finding = models.TextField("具体情况")
    found_on = models.DateField("发现日期")
    rectify_by = models.DateField("整改期限")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    report = models.TextField("整改情况", blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["state", "rectify_by"]
        verbose_name = verbose_name_plural = "法治督察"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:oversight_detail", args=[self.pk])


class AssessmentScheme(Versioned):
    year = models.PositiveIntegerField("考核年度", unique=True)
    name = models.CharField("名称", max_length=100)

    lock_fields = ("name",)

    # Its page is district-wide (every unit's figures): only those holding this action.
    page_action = "view_assessment"

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "考核方案"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:assessment", args=[self.pk])

    def lock_snapshot(self) -> dict[str, str]:
        """Every score as the adjustment form lists it (locking): unit · item → final."""
        from fazhi.core.numbers import fmt_value

        out = {}
        scores = AssessmentScore.objects.filter(item__scheme=self).select_related("unit", "item")
        for s in scores.order_by("unit__sort_order", "unit__code", "item__order", "item__pk"):
            label = f"{s.unit.display_name} · {s.item.name}"
            out[label] = fmt_value(s.final)
            if s.reason:
                out[f"{label} 调整理由"] = s.reason
        return out


class AssessmentItem(models.Model):
    """One scoring rule. Kinds:
    rate_at_least  — full points when the unit's indicator value ≥ threshold, else pro rata;
    at_least       — full points when the value ≥ threshold (a count), else pro rata;
    progress_on_time — points × share of the unit's plan reports submitted on time;
    progress_accepted — points × share of the unit's plan reports accepted;
    no_open_rectification — full points unless a rectification is overdue;
    manual         — scored by the coordinator with evidence."""

    class Rule(models.TextChoices):
        RATE_AT_LEAST = "rate_at_least", "比率达到阈值"
        AT_LEAST = "at_least", "数量达到阈值"
        PROGRESS_ON_TIME = "progress_on_time", "任务进展按期报送"
        PROGRESS_ACCEPTED = "progress_accepted", "任务进展审核通过"
        NO_OPEN_RECTIFICATION = "no_open_rectification", "督察问题按期整改"
        MANUAL = "manual", "人工评分"

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items")
    name = models.CharField("考核内容", max_length=200)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    rule = models.CharField("评分规则", max_length=24, choices=Rule.choices)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.PROTECT)
    threshold = models.DecimalField("阈值", max_digits=12, decimal_places=2, null=True, blank=True)
    evidence_required = models.BooleanField("须提供佐证", default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scheme", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class AssessmentScore(models.Model):
    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    computed = models.DecimalField("计算得分", max_digits=6, decimal_places=2)
    basis = models.CharField("计分依据", max_length=300, blank=True)
    adjusted = models.DecimalField(
        "调整后得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    reason = models.CharField("调整理由", max_length=300, blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        unique_together = [("item", "unit")]

    def __str__(self) -> str:
        return f"{self.item} · {self.unit.display_name}"

    @property
    def final(self):
        return self.adjusted if self.adjusted is not None else self.computed
