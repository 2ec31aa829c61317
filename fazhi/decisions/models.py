"""重大行政决策 (重大行政决策程序暂行条例, 国务院令第713号, 2019-09-01 施行).

The yearly catalogue (决策事项目录, 第3条第3款) with its published versions and in-year
adjustments; each major decision (from a catalogue item) with its five statutory
procedures (第2–4章: 公众参与、专家论证、风险评估、合法性审查、集体讨论决定), the report to
the Party committee (第31条), publication (第32条), archive (第33条), execution tracking
(第34–35条) and post-decision evaluation (第36条).

Public participation runs through ``fazhi.consultation.interface`` and the legality review
through ``fazhi.legal.interface``; this app keeps only the fact that it used them (and,
at decision time, a snapshot of the review's result) so figures are one grouped query.

State changes go through ``services``; nothing here writes events by itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import OrgUnit, Role

UNIT_ROLES = {Role.CLERK, Role.REVIEWER, Role.LEGAL_REVIEWER}


def _any_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role_codes & UNIT_ROLES)


class DecisionCatalog(models.Model):
    """决策事项目录 of one decision body for one year (条例第3条第3款): compiled from the
    units' proposals, published after the same-level Party committee agrees, adjusted and
    re-published during the year."""

    class State(models.TextChoices):
        COLLECTING = "collecting", "征集事项中"
        APPROVED = "approved", "已经党委同意（待公布）"
        PUBLISHED = "published", "已公布"

    year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("目录名称", max_length=200)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.COLLECTING)
    party_agreed_on = models.DateField("党委同意日期", null=True, blank=True)
    party_document = models.CharField("党委同意文件", max_length=200, blank=True)
    published_on = models.DateField("首次公布日期", null=True, blank=True)
    version = models.PositiveIntegerField("当前公布版本", default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="decisions_catalog_unit_year")
        ]
        verbose_name = verbose_name_plural = "决策事项目录"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalog", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        # Every unit proposes items to the government's catalogue, so staff of any unit
        # may read it; changing it stays with the decision body.
        if action == "view" and _any_staff(user):
            return Q(pk__isnull=False)
        return Q(pk__in=[])

    @property
    def pending_adjustments(self):
        return self.adjustments.filter(version=None)


class CatalogItem(models.Model):
    """One matter in the catalogue, proposed by the unit that will run the procedure."""

    class Category(models.TextChoices):
        # 条例第3条第1款 (一)–(五)
        POLICY = "policy", "重大公共政策和措施"
        PLAN = "plan", "重要规划"
        RESOURCES = "resources", "自然资源、文化遗产保护和开发利用政策措施"
        CONSTRUCTION = "construction", "重大公共建设项目"
        PUBLIC_INTEREST = "public_interest", "其他对公共利益和群众切身利益有重大影响的事项"

    class State(models.TextChoices):
        PROPOSED = "proposed", "已申报待审定"
        INCLUDED = "included", "列入目录"
        REJECTED = "rejected", "未列入"
        REMOVED = "removed", "已调出目录"

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField("序号", null=True, blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=20, choices=Category.choices)
    summary = models.TextField("事项简介及依据", blank=True)
    planned = models.CharField("计划完成时间", max_length=50, blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PROPOSED)
    note = models.CharField("说明（未列入或调出理由）", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["catalog", "number", "pk"]
        indexes = [models.Index(fields=["catalog", "state"])]
        verbose_name = verbose_name_plural = "决策事项"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalog", args=[self.catalog_id])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """Besides the proposing unit: the decision body's staff see every item of its
        catalogue; other units see only what the published catalogue lists (a unit's
        proposal, and why it was left out, stays with that unit and the body)."""
        if action != "view" or not _any_staff(user) or user.unit_id is None:
            return Q(pk__in=[])
        from fazhi.core import access

        return access.unit_scope_q(user, "catalog__unit") | Q(
            catalog__state=DecisionCatalog.State.PUBLISHED,
            state__in=[cls.State.INCLUDED, cls.State.REMOVED],
        )


class CatalogAdjustment(models.Model):
    """An item added to or removed from a published catalogue, with its reason; it reaches
    the portal with the next re-published version (``version``)."""

    class Kind(models.TextChoices):
        ADD = "add", "增补事项"
        REMOVE = "remove", "调出事项"

    catalog = models.ForeignKey(
        DecisionCatalog, on_delete=models.CASCADE, related_name="adjustments"
    )
    kind = models.CharField("调整类型", max_length=8, choices=Kind.choices)
    item = models.ForeignKey(CatalogItem, on_delete=models.PROTECT, related_name="adjustments")
    reason = models.CharField("调整理由", max_length=500)
    decided_on = models.DateField("调整日期")
    version = models.PositiveIntegerField("公布于版本", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["catalog", "decided_on", "pk"]
        verbose_name = verbose_name_plural = "目录调整"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.item.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalog", args=[self.catalog_id])


class CatalogVersion(models.Model):
    """A published version of the catalogue: the list as the public saw it that day."""

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本")
    published_on = models.DateField("公布日期")
    channel = models.CharField("公布渠道", max_length=100)
    party_agreed_on = models.DateField("党委同意日期")
    party_document = models.CharField("党委同意文件", max_length=200)
    items = models.JSONField("事项清单", default=list)
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["catalog", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "version"], name="decisions_catalog_version")
        ]
        verbose_name = verbose_name_plural = "目录公布版本"

    def __str__(self) -> str:
        return f"{self.catalog.title}（第{self.version}版）"


class MajorDecision(Versioned):
    """重大行政决策: one catalogue item taken through the statutory procedure."""

    class State(models.TextChoices):
        DRAFTING = "drafting", "起草论证中"
        UNDER_REVIEW = "under_review", "合法性审查中"
        DEFERRED = "deferred", "暂缓决策"
        DECIDED = "decided", "已决定待公布"
        REJECTED = "rejected", "未通过"
        PUBLISHED = "published", "已公布"

    class Participation(models.TextChoices):
        NONE = "", "尚未开展"
        CONSULTATION = "consultation", "公开征求意见"
        EXEMPTION = "exemption", "依法不公开征求意见"

    item = models.OneToOneField(
        CatalogItem, verbose_name="目录事项", on_delete=models.PROTECT, related_name="decision"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        OrgUnit, verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("目录年度")
    title = models.CharField("决策名称", max_length=200)
    draft = models.TextField("决策草案", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFTING)
    participation = models.CharField(
        "公众参与方式", max_length=16, choices=Participation.choices, blank=True, default=""
    )
    expert_not_required = models.CharField("不需专家论证的理由", max_length=500, blank=True)
    risk_not_required = models.CharField("不需风险评估的理由", max_length=500, blank=True)
    legality_requested_on = models.DateField("提请合法性审查日期", null=True, blank=True)
    # Snapshot taken when the collective decision is recorded (the gate checked it).
    legality_passed = models.BooleanField("经合法性审查", default=False)
    legality_summary = models.CharField("合法性审查结论", max_length=500, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    party_reported_on = models.DateField("向党委请示报告日期", null=True, blank=True)
    party_report_document = models.CharField("请示报告文件", max_length=200, blank=True)
    party_report_note = models.CharField("党委意见", max_length=500, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField("公布渠道", max_length=100, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    published_text = models.TextField("决策文本", blank=True)
    adoption_note = models.TextField("公众意见、专家意见采纳情况说明", blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_reference = models.CharField("档号", max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    lock_fields = ("title", "draft", "explanation")

    class Meta:
        ordering = ["-year", "item__number", "pk"]
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["state", "published_on"]),
        ]
        verbose_name = verbose_name_plural = "重大行政决策"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """Besides its own unit (and above), a unit the decision body asked to report on the
        decision's execution (条例第34–35条) reads it. Other units never do: what the public
        may see of a published decision is on the portal (``public.py``), not the back
        office's deliberations, attachments and archive package."""
        return Q(pk__in=cls.executing_for(user, action))

    @classmethod
    def executing_for(cls, user, action: str) -> list[int]:
        """Decisions whose execution ``user``'s unit was asked to report on."""
        if action != "view" or not _any_staff(user) or user.unit_id is None:
            return []
        from fazhi.core import access
        from fazhi.core.models import Deadline

        from .deadlines import EXECUTION_CLOCK

        ids = (
            Deadline.objects.filter(
                access.unit_scope_q(user, "unit"),
                record_type="decisions.majordecision",
                clock=EXECUTION_CLOCK,
            )
            .values_list("record_id", flat=True)
            .distinct()
        )
        return [int(i) for i in ids if str(i).isdigit()]

    @property
    def is_closed_for_procedure(self) -> bool:
        return self.state in (self.State.DECIDED, self.State.REJECTED, self.State.PUBLISHED)


class ExpertReview(models.Model):
    """专家论证 (条例第19–21条)."""

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="expert_reviews"
    )
    held_on = models.DateField("论证日期")
    form = models.CharField("论证方式", max_length=50, help_text="如：论证会、书面咨询")
    organizer = models.CharField(
        "组织或承担论证的单位", max_length=100, help_text="决策后评估不得再委托该单位（第36条）"
    )
    experts = models.TextField("参加专家", help_text="姓名、单位、专业，每行一位")
    opinions = models.TextField("论证意见")
    adoption = models.TextField("意见采纳情况")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "held_on", "pk"]
        verbose_name = verbose_name_plural = "专家论证"

    def __str__(self) -> str:
        return f"{self.decision} · 专家论证 {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:expert", args=[self.decision_id])

    scope_field = "decision__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        return Q(decision_id__in=MajorDecision.executing_for(user, action))


class RiskAssessment(models.Model):
    """风险评估 (条例第22–24条)."""

    class Level(models.TextChoices):
        LOW = "low", "低"
        MEDIUM = "medium", "中"
        HIGH = "high", "高"

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="risk_assessments"
    )
    assessed_on = models.DateField("评估日期")
    assessor = models.CharField(
        "承担评估的单位", max_length=100, help_text="决策后评估不得再委托该单位（第36条）"
    )
    method = models.CharField(
        "评估方式", max_length=200, help_text="如：舆情跟踪、问卷调查、座谈走访、专家咨询"
    )
    level = models.CharField("风险等级", max_length=8, choices=Level.choices)
    conclusion = models.TextField("评估结论")
    measures = models.TextField("风险防范化解措施", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "assessed_on", "pk"]
        verbose_name = verbose_name_plural = "风险评估"

    def __str__(self) -> str:
        return f"{self.decision} · 风险评估（{self.get_level_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("decisions:risk", args=[self.decision_id])

    scope_field = "decision__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        return Q(decision_id__in=MajorDecision.executing_for(user, action))


class CollectiveDecision(models.Model):
    """集体讨论决定 (条例第30条): one meeting's discussion of the draft."""

    class MeetingKind(models.TextChoices):
        EXECUTIVE = "executive", "常务会议"
        PLENARY = "plenary", "全体会议"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "通过"
        REJECTED = "rejected", "不予通过"
        DEFERRED = "deferred", "暂缓决策"

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="meetings")
    meeting_kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices)
    meeting_name = models.CharField(
        "会议名称", max_length=100, help_text="如：区政府第35次常务会议"
    )
    meeting_on = models.DateField("会议日期")
    attendees = models.PositiveIntegerField("出席会议组成人员人数")
    outcome = models.CharField("决定结果", max_length=16, choices=Outcome.choices)
    dissent = models.TextField(
        "不同意见", help_text="如实载明会议组成人员的不同意见；没有不同意见的填写“无”"
    )
    head_decision = models.TextField(
        "行政首长决定", help_text="行政首长在集体讨论的基础上最后作出的决定"
    )
    head_departs = models.BooleanField("行政首长决定与多数人意见不一致", default=False)
    head_reason = models.TextField("行政首长说明的理由", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "meeting_on", "pk"]
        verbose_name = verbose_name_plural = "集体讨论决定"

    def __str__(self) -> str:
        return f"{self.meeting_name}（{self.get_outcome_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting", args=[self.decision_id])

    scope_field = "decision__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        return Q(decision_id__in=MajorDecision.executing_for(user, action))


class ExecutionNote(models.Model):
    """决策执行情况 (条例第34–35条): a dated progress note by the responsible unit."""

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="execution_notes"
    )
    on = models.DateField("日期")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="执行单位", on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("执行情况")
    problems = models.TextField("发现的问题及建议", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "on", "pk"]
        verbose_name = verbose_name_plural = "执行情况"

    def __str__(self) -> str:
        return f"{self.decision} · 执行情况 {self.on}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:execution", args=[self.decision_id])

    scope_field = "decision__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """Also the executing unit that wrote it, and the units asked to report."""
        if action != "view" or not _any_staff(user) or user.unit_id is None:
            return Q(pk__in=[])
        from fazhi.core import access

        return access.unit_scope_q(user, "unit") | Q(
            decision_id__in=MajorDecision.executing_for(user, action)
        )


class PostEvaluation(models.Model):
    """决策后评估 (条例第36条)."""

    class Trigger(models.TextChoices):
        OFF_TARGET = "off_target", "实施后明显未达到预期效果"
        COMPLAINTS = "complaints", "公民、法人或者其他组织提出较多意见"
        NECESSARY = "necessary", "决策机关认为有必要"

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", "继续执行"
        ADJUST = "adjust", "调整完善"
        STOP = "stop", "停止执行"

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="evaluations"
    )
    trigger = models.CharField("启动情形", max_length=16, choices=Trigger.choices)
    trigger_detail = models.TextField("启动理由")
    evaluator = models.CharField("承担评估的单位", max_length=100)
    third_party = models.BooleanField("委托第三方评估", default=False)
    started_on = models.DateField("启动日期", db_index=True)
    finished_on = models.DateField("完成日期", null=True, blank=True)
    result = models.TextField("评估结果", blank=True)
    recommendation = models.CharField(
        "评估建议", max_length=16, choices=Recommendation.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "started_on", "pk"]
        verbose_name = verbose_name_plural = "决策后评估"

    def __str__(self) -> str:
        return f"{self.decision} · 决策后评估 {self.started_on}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:evaluation", args=[self.decision_id])

    scope_field = "decision__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        return Q(decision_id__in=MajorDecision.executing_for(user, action))


# An attachment of a decision or of one of its steps is read by whoever may read that
# record (core's attachment page), e.g. the decision's unit reads the report an executing
# unit attached to its execution note.
def _attachments_follow() -> None:
    from fazhi.core import access

    for model in (
        MajorDecision,
        ExpertReview,
        RiskAssessment,
        CollectiveDecision,
        ExecutionNote,
        PostEvaluation,
    ):
        access.attachments_follow_record(model)


_attachments_follow()
