"""公开征求意见: a generic public consultation attached to any record (a major decision, a
normative document, or a standalone matter), the public's comments with their moderation
and the drafting unit's answer to each (采纳 / 部分采纳 / 不采纳 with a reason, as Decidim
and CONSUL do), and exemptions for matters legally not put out for comment.

The subject is named by ``(subject_type, subject_id)`` as ``core.events.record_ref`` gives
it, so this app never imports the models of the modules that attach to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import OrgUnit


class Consultation(Versioned):
    class Kind(models.TextChoices):
        MAJOR_DECISION = "major_decision", "重大行政决策"
        NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
        OTHER = "other", "其他事项"

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        OPEN = "open", "征求意见中"
        CLOSED = "closed", "征求意见已结束"
        SUMMARIZED = "summarized", "已公布采纳情况"

    subject_type = models.CharField("事项类型", max_length=64)
    subject_id = models.CharField("事项编号", max_length=64)
    subject_url = models.CharField("事项链接", max_length=300, blank=True)
    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="起草单位", on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField("标题", max_length=200)
    draft = models.TextField("征求意见稿")
    explanation = models.TextField("起草说明", blank=True)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    # A period shorter than the minimum for the kind is allowed only with this recorded
    # (重大行政决策程序暂行条例 第15条: 因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明).
    urgent_reason = models.CharField("缩短期限的理由", max_length=300, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    close_reason = models.CharField("提前结束的理由", max_length=300, blank=True)
    summary = models.TextField("意见采纳情况说明", blank=True)
    summary_generated_at = models.DateTimeField(null=True, blank=True)
    summary_published_on = models.DateField("采纳情况公布日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "unit"

    lock_fields = ("summary",)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["state", "closes_on"]),
        ]
        verbose_name = verbose_name_plural = "公开征求意见"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:detail", args=[self.pk])

    @property
    def period_days(self) -> int:
        """Length of the period counted as core.workdays counts calendar days: the opening
        day is not counted (so 11-01 to 12-01 is 30 days)."""
        return (self.closes_on - self.opens_on).days

    def accepting_on(self, day) -> bool:
        return self.state == self.State.OPEN and self.opens_on <= day <= self.closes_on

    def days_left(self, day) -> int:
        """Days after ``day`` up to the closing date (0 on the closing day itself)."""
        return (self.closes_on - day).days


class Comment(Versioned):
    class Moderation(models.TextChoices):
        PENDING = "pending", "待审核"
        PUBLISHED = "published", "已公开"
        REJECTED = "rejected", "不予公开"

    class Response(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不采纳"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    # 意见1, 意见2 … within one consultation (the summary's numbering).
    number = models.PositiveIntegerField("编号")
    # 回执编号 given to the commenter on submission (YYYYMMDD-NNNN: the day's sequence over
    # all consultations), so a commenter can ask the unit about their comment.
    receipt = models.CharField("回执编号", max_length=20, unique=True, null=True, blank=True)
    body = models.TextField("意见内容")
    name = models.CharField("姓名", max_length=20, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # HMAC-SHA-256 of the client address with a server secret: enough to throttle and to
    # spot duplicates, and the raw address is never stored.
    client_key = models.CharField(max_length=64, db_index=True)
    body_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    moderation = models.CharField(
        "审核状态", max_length=16, choices=Moderation.choices, default=Moderation.PENDING
    )
    reject_reason = models.CharField("不予公开的理由", max_length=200, blank=True)
    # The text published instead of ``body`` when the moderator edited out a name or an
    # address (the original is kept as submitted); empty: ``body`` is published.
    public_body = models.TextField("公开的意见内容（审核时修改）", blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.CharField("采纳情况", max_length=16, choices=Response.choices, blank=True)
    response_reason = models.TextField("理由", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "consultation__unit"

    lock_fields = ("response", "response_reason")

    def lock_events(self):
        """Answers are recorded on the consultation, each naming its comment."""
        from fazhi.core.events import history, record_ref

        return history(*record_ref(self.consultation)).filter(after__comment=self.pk)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_comment_no"
            )
        ]
        indexes = [models.Index(fields=["consultation", "client_key", "body_hash"])]
        verbose_name = verbose_name_plural = "公众意见"

    def __str__(self) -> str:
        return f"意见{self.number}"

    @property
    def published_text(self) -> str:
        """What the portal shows (masked there): the moderator's edit, else the body."""
        return self.public_body or self.body


class Exemption(models.Model):
    """A matter legally not put out for public comment, with the reason and who approved."""

    subject_type = models.CharField("事项类型", max_length=64)
    subject_id = models.CharField("事项编号", max_length=64)
    reason = models.TextField("理由")
    approved_by = models.CharField("批准人", max_length=100)
    approved_on = models.DateField("批准日期")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="登记单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "unit"

    class Meta:
        ordering = ["-approved_on", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = verbose_name_plural = "免于公开征求意见"

    def __str__(self) -> str:
        return f"免于公开征求意见（{self.approved_on}批准）"
