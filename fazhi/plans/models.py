"""实施方案 / 工作要点: a plan's sections and numbered tasks, the units responsible for
each, reporting periods, and each unit's progress reports with their review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import OrgUnit, Role

# Who reads a unit's progress on a task besides the unit itself: the staff of the task's
# lead unit, who accept or return every participant's report. Other participating units
# do not read each other's reports.
LEAD_UNIT_READERS = {Role.CLERK, Role.REVIEWER}


class Plan(models.Model):
    class Kind(models.TextChoices):
        IMPLEMENTATION = "implementation", "实施方案"
        ANNUAL = "annual", "年度工作要点"

    title = models.CharField("标题", max_length=200)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    start_year = models.PositiveIntegerField("起始年度")
    end_year = models.PositiveIntegerField("截止年度")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    source_text = models.TextField("原文", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-end_year", "-start_year", "title"]
        verbose_name = verbose_name_plural = "计划"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField("序号", max_length=8)
    title = models.CharField("标题", max_length=300)
    order = models.PositiveIntegerField()
    # 纲要 (2021—2025) part this section serves, 1–10 (rules.md §7), when known.
    area = models.PositiveSmallIntegerField("纲要领域", null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        unique_together = [("plan", "order")]

    def __str__(self) -> str:
        return f"{self.number}、{self.title}"


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveIntegerField("编号")
    title = models.CharField("任务", max_length=300)
    body = models.TextField("内容", blank=True)
    lead_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="牵头单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_text = models.CharField("原文责任单位", max_length=500, blank=True)
    external_participants = models.JSONField("政府系统外参与单位", default=list, blank=True)
    unmatched_names = models.JSONField("待确认的单位名称", default=list, blank=True)

    # A unit sees the tasks it is responsible for.
    scope_field = "assignments__unit"

    class Meta:
        ordering = ["plan", "number"]
        unique_together = [("plan", "number")]
        verbose_name = verbose_name_plural = "任务"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])


class Assignment(models.Model):
    """One responsible unit of one task (the lead unit has ``is_lead``)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="plan_assignments")
    is_lead = models.BooleanField("牵头", default=False)
    order = models.PositiveIntegerField(default=0)
    # The name as the plan text listed it ("各镇街" for every township it expanded to).
    listed_as = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["task", "-is_lead", "order", "unit__sort_order"]
        unique_together = [("task", "unit")]

    def __str__(self) -> str:
        return f"{self.task} · {self.unit.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.task_id])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """A unit's reporting on a task is read by its own staff (``unit``) and by the
        staff of the task's lead unit."""
        if action != "view":
            return Q(pk__in=[])
        return access.unit_scope_for(user, action, "task__lead_unit", LEAD_UNIT_READERS)


class Period(models.Model):
    """A reporting period (e.g. 2025年上半年) with the date reports are due."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField("名称", max_length=50)
    year = models.PositiveIntegerField("年度")
    start = models.DateField("起始日")
    end = models.DateField("截止日")
    report_due = models.DateField("报送期限")

    class Meta:
        ordering = ["plan", "end"]
        unique_together = [("plan", "name")]
        verbose_name = verbose_name_plural = "报送周期"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.plan_id])


class Progress(models.Model):
    """A responsible unit's report on one task for one period."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        ON_TRACK = "on_track", "按计划推进"
        DONE = "done", "已完成"
        BEHIND = "behind", "进度滞后"

    class State(models.TextChoices):
        SUBMITTED = "submitted", "已报送待审核"
        ACCEPTED = "accepted", "已审核通过"
        RETURNED = "returned", "已退回"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="progress")
    text = models.TextField("工作进展")
    status = models.CharField("完成情况", max_length=16, choices=Status.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField(null=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    on_time = models.BooleanField("按期报送", default=True)

    scope_field = "assignment__unit"

    class Meta:
        unique_together = [("assignment", "period")]
        verbose_name = verbose_name_plural = "工作进展"

    def __str__(self) -> str:
        return f"{self.assignment} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.assignment.task_id])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """The lead unit's clerks and reviewers read every participant's report on the
        tasks it leads (they accept or return them); other participants do not."""
        if action != "view":
            return Q(pk__in=[])
        return access.unit_scope_for(user, action, "assignment__task__lead_unit", LEAD_UNIT_READERS)


# Evidence attached to a progress report is read by whoever may read the report.
access.attachments_follow_record(Progress)
