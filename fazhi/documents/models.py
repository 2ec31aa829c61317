"""行政规范性文件: drafting, public comment, legality review, collective discussion, the
三统一 (统一登记、统一编号、统一印发), publication, 备案 filing, validity, evaluation,
amendment / repeal / expiry, and cleanup campaigns (清理).

Rules: 国办发〔2018〕37号 (制定和监督管理) and 国办发〔2018〕115号 (合法性审核); the
periods the law leaves to provinces are settings (see ``rules.py``). Public comment and
legality review live in ``consultation`` and ``legal`` and are reached only through their
interface modules. State changes happen only in ``services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access
from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit


class NumberSequence(models.Model):
    """The last 文号 serial issued by one issuer in one year (Open Zaak's reserved-number
    table). Numbering locks this row, so two clerks never get the same or a skipped N."""

    issuer = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    last = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="documents_sequence_unique")
        ]
        verbose_name = verbose_name_plural = "文号序号"

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}:{self.last}"


class NormativeDocument(Versioned):
    """One 行政规范性文件, from its draft to its end (repeal or expiry)."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        CONSULTING = "consulting", "公开征求意见"
        REVIEWING = "reviewing", "合法性审核"
        DISCUSSED = "discussed", "集体审议通过"
        NUMBERED = "numbered", "已统一登记编号"
        PUBLISHED = "published", "已公布"
        REPEALED = "repealed", "已废止"
        EXPIRED = "expired", "已失效"

    class Source(models.TextChoices):
        CREATED = "created", "平台制定"
        IMPORTED = "imported", "存量导入"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "审议通过"
        APPROVED_WITH_CHANGES = "approved_with_changes", "原则通过（按意见修改后印发）"
        REJECTED = "rejected", "未通过（退回修改）"

    title = models.CharField("标题", max_length=200)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="起草单位", on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        OrgUnit, verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField("正文", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    basis = models.CharField("制定依据", max_length=500, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.DRAFTING, db_index=True
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.CREATED)

    # 统一登记、统一编号
    doc_number = models.CharField("文号", max_length=64, blank=True, db_index=True)
    number_year = models.PositiveIntegerField("文号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("文号序号", null=True, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)

    # 合法性审核 (the review itself is a legal.LegalReview, reached through legal.interface)
    self_checked = models.BooleanField("已对照禁止性规定自查", default=False)
    review_requested_on = models.DateField("送审日期", null=True, blank=True)
    legality_reviewed_on = models.DateField("合法性审核通过日期", null=True, blank=True)

    # 集体审议
    discussion_meeting = models.CharField("审议会议", max_length=100, blank=True)
    discussion_date = models.DateField("审议日期", null=True, blank=True)
    discussion_outcome = models.CharField(
        "审议结果", max_length=24, choices=Outcome.choices, blank=True
    )
    discussion_note = models.CharField("审议意见", max_length=500, blank=True)

    # 统一印发 and what follows
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    publication_channel = models.CharField("公布载体", max_length=100, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True, db_index=True)
    filing_due_on = models.DateField("备案期限", null=True, blank=True)
    ended_on = models.DateField("废止（失效）日期", null=True, blank=True)
    end_reason = models.CharField("废止（失效）理由", max_length=300, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "unit"

    lock_fields = ("title", "issuer", "basis", "body", "explanation")

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [
            # No duplicate 文号 (a second guard behind the locked NumberSequence row).
            models.UniqueConstraint(
                fields=["issuer", "number_year", "number_seq"], name="documents_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "published_on"]),
            models.Index(fields=["issuer", "published_on"]),
        ]
        verbose_name = verbose_name_plural = "行政规范性文件"

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """The issuer's office (制定机关) reads the documents issued in its name, drafted by
        any of its units: it registers, numbers, publishes and files them (统一登记、统一编号、
        统一印发). Changing the draft stays with the drafting unit."""
        if action != "view":
            return Q(pk__in=[])
        from fazhi.core import access

        return access.unit_scope_for(user, "change", "issuer")

    @property
    def is_trial(self) -> bool:
        return "暂行" in self.title or "试行" in self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def shown_status(self, today: dt.date | None = None) -> tuple[str, str]:
        """(code, label) as of ``today``: computed on read, so a page never shows a
        document past its 有效期 as in force even before the daily expiry command runs."""
        today = today or timezone.localdate()
        if self.status == self.Status.PUBLISHED:
            if self.valid_until and self.valid_until < today:
                return "expired", "已失效"
            if self.effective_on and self.effective_on > today:
                return "pending", "已公布，尚未施行"
            return "in_force", "现行有效"
        if self.status == self.Status.REPEALED:
            return "repealed", "已废止"
        if self.status == self.Status.EXPIRED:
            return "expired", "已失效"
        return self.status, self.get_status_display()


PUBLIC_STATUSES = (
    NormativeDocument.Status.PUBLISHED,
    NormativeDocument.Status.REPEALED,
    NormativeDocument.Status.EXPIRED,
)

# What the public filter means (shown status, computed from stored fields and today).
SHOWN = {
    "valid": "现行有效（含尚未施行）",
    "in_force": "现行有效",
    "pending": "已公布，尚未施行",
    "repealed": "已废止",
    "expired": "已失效",
    "all": "全部",
}


def shown_q(code: str, today: dt.date) -> Q:
    """Q selecting documents whose shown status is ``code`` on ``today``."""
    S = NormativeDocument.Status
    alive = Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    if code == "valid":
        return Q(status=S.PUBLISHED) & alive
    if code == "in_force":
        return (
            Q(status=S.PUBLISHED)
            & alive
            & (Q(effective_on__isnull=True) | Q(effective_on__lte=today))
        )
    if code == "pending":
        return Q(status=S.PUBLISHED, effective_on__gt=today) & alive
    if code == "repealed":
        return Q(status=S.REPEALED)
    if code == "expired":
        return Q(status=S.EXPIRED) | Q(status=S.PUBLISHED, valid_until__lt=today)
    return Q(status__in=PUBLIC_STATUSES)


class Filing(models.Model):
    """备案: the document reported to the higher body, and that body's outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "备案审查中"
        PASSED = "passed", "审查通过"
        CORRECTED = "corrected", "要求纠正（已纠正）"
        REJECTED = "rejected", "不予备案（责令撤销或停止执行）"

    document = models.OneToOneField(
        NormativeDocument, on_delete=models.CASCADE, related_name="filing"
    )
    filed_with = models.CharField("备案机关", max_length=100)
    filed_on = models.DateField("报送备案日期", db_index=True)
    due_on = models.DateField("备案期限")
    on_time = models.BooleanField("按期备案")
    late_reason = models.CharField("逾期原因", max_length=300, blank=True)
    outcome = models.CharField(
        "审查结果", max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField("审查结果日期", null=True, blank=True)
    outcome_note = models.CharField("审查意见", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "document__unit"

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = verbose_name_plural = "备案"

    def __str__(self) -> str:
        return f"备案：{self.document}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.document_id])


class DocumentRelation(models.Model):
    """``source`` amends or repeals ``target`` (the document's history both ways)."""

    class Kind(models.TextChoices):
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"

    source = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="outgoing")
    target = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="incoming")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    on = models.DateField("日期")
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="documents_relation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class Outcome(models.TextChoices):
    """清理 / 评估 outcomes: 继续有效 · 修改 · 废止 · 失效."""

    RETAIN = "retain", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class Evaluation(models.Model):
    """An evaluation of a document in force (before its 有效期 ends, or at any time)."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluated_on = models.DateField("评估日期")
    conclusion = models.TextField("评估结论")
    recommendation = models.CharField("评估建议", max_length=8, choices=Outcome.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "document__unit"

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = verbose_name_plural = "评估"

    def __str__(self) -> str:
        return f"评估：{self.document}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.document_id])


class Cleanup(models.Model):
    """清理: a campaign reviewing documents in force, each with an outcome and reason; the
    resulting lists (继续有效 / 修改 / 废止 / 失效) are published."""

    class State(models.TextChoices):
        OPEN = "open", "清理中"
        CLOSED = "closed", "清理完成"
        PUBLISHED = "published", "结果已公布"

    title = models.CharField("名称", max_length=200)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField("清理依据", max_length=300, blank=True)
    started_on = models.DateField("开始日期")
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    closed_on = models.DateField("完成日期", null=True, blank=True)
    published_on = models.DateField("结果公布日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A unit sees the campaigns it has documents to clean up in …
    scope_field = "items__assigned_unit"

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = verbose_name_plural = "规范性文件清理"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:cleanup", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """… and the unit that organises a campaign (``unit``) sees it, documents or not."""
        if action != "view":
            return Q(pk__in=[])
        return access.unit_scope_for(user, action, "unit")


class CleanupItem(Versioned):
    cleanup = models.ForeignKey(Cleanup, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_items"
    )
    assigned_unit = models.ForeignKey(
        OrgUnit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField("清理结果", max_length=8, choices=Outcome.choices, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)
    recorded_on = models.DateField("提出日期", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "assigned_unit"
    lock_fields = ("outcome", "reason")

    class Meta:
        ordering = ["cleanup", "assigned_unit__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cleanup", "document"], name="documents_cleanup_item")
        ]
        indexes = [models.Index(fields=["cleanup", "outcome"])]

    def __str__(self) -> str:
        return f"{self.cleanup} · {self.document}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.document_id])

    def lock_events(self):
        """Outcomes are recorded on the cleanup, each naming its document."""
        from fazhi.core.events import history

        return history("documents.cleanup", str(self.cleanup_id)).filter(
            after__document=self.document_id
        )

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """The organising unit reads every document of its campaign (each unit still
        records the outcome of its own)."""
        if action != "view":
            return Q(pk__in=[])
        return access.unit_scope_for(user, action, "cleanup__unit")


class AncillaryReview(models.Model):
    """附带审查: a request, raised with a 行政复议 application, that a 规范性文件 the challenged
    act rests on be reviewed (行政复议法 2023 第13条, 第56—60条).

    The 复议机关 handles it within 30 days if it has the power, or forwards it within 7
    (working) days to the body that has (第56条); when it handles it, the maker answers the
    written notice within 10 (working) days (第58条); a body it was forwarded to replies
    within 60 days (第59条). The outcome (第60条): lawful (told in the 复议决定书), or
    unlawful — 决定停止执行 and 责令制定机关予以纠正.

    ``unit`` is the 行政复议机构 that received it (the record is scoped by it). The request
    comes from ``reconsideration`` through ``documents.interface``; ``source_ref`` names the
    requesting record there ("reconsideration.case:12"). ``requester`` is the applicant's
    name: kept for the office, never published."""

    class Route(models.TextChoices):
        HANDLE = "handle", "本机关依法处理"
        FORWARD = "forward", "转送有权处理的机关"

    class State(models.TextChoices):
        RECEIVED = "received", "待处理"
        HANDLING = "handling", "本机关审查中"
        FORWARDED = "forwarded", "已转送"
        CONCLUDED = "concluded", "已办结"

    class Conclusion(models.TextChoices):
        LAWFUL = "lawful", "合法"
        UNLAWFUL_STOP = "unlawful_stop", "不合法：决定停止执行"
        UNLAWFUL_CORRECT = "unlawful_correct", "不合法：责令制定机关予以纠正"

    UNLAWFUL = (Conclusion.UNLAWFUL_STOP, Conclusion.UNLAWFUL_CORRECT)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="行政复议机构", on_delete=models.PROTECT, related_name="+"
    )
    source_ref = models.CharField("提出审查申请的记录", max_length=100, unique=True)
    case_number = models.CharField("行政复议案号", max_length=60)
    requester = models.CharField("申请人", max_length=200)
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name="平台中的规范性文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ancillary_reviews",
    )
    document_title = models.CharField("规范性文件名称", max_length=200)
    document_number = models.CharField("规范性文件文号", max_length=100, blank=True)
    received_on = models.DateField("收到附带审查申请日期")
    state = models.CharField(
        "办理状态", max_length=16, choices=State.choices, default=State.RECEIVED
    )
    route = models.CharField("处理方式", max_length=16, choices=Route.choices, blank=True)
    routed_on = models.DateField("决定处理方式（通知制定机关或转送）日期", null=True, blank=True)
    forwarded_to = models.CharField("转送的有权处理机关", max_length=200, blank=True)
    maker_name = models.CharField("制定机关", max_length=200, blank=True)
    maker_answered_on = models.DateField("制定机关书面答复日期", null=True, blank=True)
    maker_answer = models.TextField("制定机关书面答复", blank=True)
    conclusion = models.CharField("审查结论", max_length=20, choices=Conclusion.choices, blank=True)
    concluded_on = models.DateField("结论日期", null=True, blank=True)
    reasons = models.TextField("理由", blank=True)
    handle_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forward_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    maker_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    scope_field = "unit"

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "state", "received_on"])]
        verbose_name = verbose_name_plural = "规范性文件附带审查"

    def __str__(self) -> str:
        number = f"（{self.document_number}）" if self.document_number else ""
        return f"{self.case_number}附带审查《{self.document_title}》{number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:ancillary", args=[self.pk])

    @property
    def unlawful(self) -> bool:
        return self.conclusion in self.UNLAWFUL
