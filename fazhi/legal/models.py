"""合法性审查/审核: review requests on any record and their opinions, the roster of legal
advisers and public lawyers with their participation in meetings, and government
contracts (register, review, sign, performance milestones, disputes).

State changes go through ``services``; other modules use ``interface`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core import access
from fazhi.core.identifiers import validate_phone, validate_uscc
from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit, Role


class LegalAdviser(Versioned):
    """A legal adviser (法律顾问, engaged by contract) or public lawyer (公职律师, on staff).

    重大行政决策程序暂行条例 第28条: the legality review shall involve 法律顾问/公职律师.
    The phone number is for the back office only; nothing of the roster is public.
    """

    class Kind(models.TextChoices):
        COUNSEL = "counsel", "法律顾问"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"

    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="服务单位", on_delete=models.PROTECT, related_name="+"
    )
    employer = models.CharField("律师事务所或工作单位", max_length=100)
    phone = models.CharField("联系电话", max_length=30, validators=[validate_phone])
    contract_start = models.DateField("聘期起始", null=True, blank=True)
    contract_end = models.DateField("聘期截止", null=True, blank=True)
    active = models.BooleanField("在聘", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = (
        "name",
        "kind",
        "unit",
        "employer",
        "phone",
        "contract_start",
        "contract_end",
        "active",
    )

    class Meta:
        ordering = ["-active", "kind", "name"]
        verbose_name = verbose_name_plural = "法律顾问与公职律师"

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("legal:adviser", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """Legal reviewers consult advisers of any unit (the government's counsel serve the
        government, not the 司法局), so they may read the whole roster."""
        if action == "view" and Role.LEGAL_REVIEWER in user.role_codes:
            return Q(pk__isnull=False)
        return Q(pk__in=[])

    def serving_on(self, day) -> bool:
        if not self.active:
            return False
        if self.contract_start and day < self.contract_start:
            return False
        return not (self.contract_end and day > self.contract_end)


class AdviserParticipation(models.Model):
    """An adviser's attendance at a meeting (常务会议、专题会议…) to give legal advice."""

    adviser = models.ForeignKey(
        LegalAdviser,
        verbose_name="法律顾问",
        on_delete=models.PROTECT,
        related_name="participations",
    )
    date = models.DateField("日期")
    meeting = models.CharField("会议", max_length=200)
    topic = models.CharField("议题", max_length=300)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="会议单位", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date", "unit"])]
        verbose_name = verbose_name_plural = "法律顾问参与会议"

    def __str__(self) -> str:
        return f"{self.date} {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("legal:adviser", args=[self.adviser_id])


class LegalReview(models.Model):
    """One request for legality review (合法性审查/审核/法制审核) of any record, and its opinion.

    The opinion letter (审查意见书) is rendered from this record (``opinion.py``), not stored
    in a table of its own. ``unit`` is the requesting (drafting) unit; ``reviewer_unit`` the
    法制机构 that reviews. The clock is a core ``Deadline`` owned by the reviewer unit.
    """

    class Kind(models.TextChoices):
        NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
        MAJOR_DECISION = "major_decision", "重大行政决策"
        CONTRACT = "contract", "政府合同（协议）"
        ENFORCEMENT_DECISION = "enforcement_decision", "重大执法决定"
        OTHER = "other", "其他事项"

    class State(models.TextChoices):
        SUBMITTED = "submitted", "已送审"
        IN_REVIEW = "in_review", "审查中"
        RETURNED = "returned", "退回补充材料"
        CONCLUDED = "concluded", "已出具意见"
        WITHDRAWN = "withdrawn", "已撤回"

    class Opinion(models.TextChoices):
        LAWFUL = "lawful", "合法"
        LAWFUL_IF_AMENDED = "lawful_if_amended", "修改后合法"
        UNLAWFUL = "unlawful", "不合法"

    OPEN_STATES = (State.SUBMITTED, State.IN_REVIEW, State.RETURNED)
    PASSING = (Opinion.LAWFUL, Opinion.LAWFUL_IF_AMENDED)

    kind = models.CharField("审查类型", max_length=24, choices=Kind.choices)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    subject_title = models.CharField("送审事项", max_length=300)
    subject_url = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="送审单位", on_delete=models.PROTECT, related_name="+"
    )
    reviewer_unit = models.ForeignKey(
        OrgUnit, verbose_name="审查机构", on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办审查人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adviser = models.ForeignKey(
        LegalAdviser,
        verbose_name="征询的法律顾问/公职律师",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.SUBMITTED)
    submitted_on = models.DateField("送审日期")
    concluded_on = models.DateField("出具意见日期", null=True, blank=True)
    opinion = models.CharField("审查结论", max_length=24, choices=Opinion.choices, blank=True)
    reasons = models.TextField("审查意见及理由", blank=True)
    early_reason = models.CharField("提前出具意见的理由", max_length=300, blank=True)
    written_opinion = models.BooleanField("出具书面审查意见书", default=True)
    opinion_year = models.PositiveIntegerField(null=True, blank=True)
    opinion_seq = models.PositiveIntegerField(null=True, blank=True)
    return_reason = models.CharField("补充材料要求", max_length=300, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=300, blank=True)
    # What the opinion was given on, fixed when it was given (services.reviews.conclude):
    # the linked record's title and the names of the materials attached by then.
    reviewed_materials = models.JSONField("审查的材料", default=list, blank=True)
    # Set for records loaded from a ledger kept before the platform (no clock, no history).
    source = models.CharField("数据来源", max_length=200, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["state", "concluded_on"]),
            models.Index(fields=["reviewer_unit", "concluded_on"]),
            models.Index(fields=["unit", "submitted_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer_unit", "opinion_year", "opinion_seq"],
                name="legal_review_opinion_number_unique",
            )
        ]
        verbose_name = verbose_name_plural = "合法性审查"

    def __str__(self) -> str:
        return self.subject_title

    def get_absolute_url(self) -> str:
        return reverse("legal:review", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """The reviewing 法制机构's legal reviewers, and the assignee, see and act on reviews
        requested by other units; other units' clerks never do."""
        if action not in ("view", "change"):
            return Q(pk__in=[])
        q = Q(assignee=user)
        if user.unit_id is not None and Role.LEGAL_REVIEWER in user.role_codes:
            q |= access.unit_scope_q(user, "reviewer_unit")
        return q

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def passed(self) -> bool:
        return self.state == self.State.CONCLUDED and self.opinion in self.PASSING

    @property
    def is_standalone(self) -> bool:
        """Requested directly in this module: the review is its own subject."""
        return self.subject_type == "legal.legalreview" and self.subject_id == str(self.pk)

    @property
    def opinion_number(self) -> str:
        if not self.opinion_seq:
            return ""
        return f"{self.reviewer_unit.display_name}法审〔{self.opinion_year}〕{self.opinion_seq}号"

    @property
    def letter_title(self) -> str:
        """审查意见书 title by kind: 合法性审核 for normative documents (国办发〔2018〕115号),
        法制审核 for enforcement decisions (行政处罚法 第58条), 合法性审查 otherwise."""
        if self.kind == self.Kind.NORMATIVE_DOCUMENT:
            return "合法性审核意见书"
        if self.kind == self.Kind.ENFORCEMENT_DECISION:
            return "法制审核意见书"
        return "合法性审查意见书"


class Contract(models.Model):
    """A government contract or investment agreement (政府合同/投资协议)."""

    class Category(models.TextChoices):
        PROCUREMENT = "procurement", "政府采购"
        CONSTRUCTION = "construction", "工程建设"
        CONCESSION = "concession", "特许经营/合作运营"
        INVESTMENT = "investment", "招商引资/投资协议"
        LAND = "land", "国有资产与土地"
        SERVICE = "service", "委托服务"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        REGISTERED = "registered", "已登记"
        UNDER_REVIEW = "under_review", "合法性审查"
        SIGNED = "signed", "已签订"
        PERFORMING = "performing", "履行中"
        COMPLETED = "completed", "履行完毕"
        TERMINATED = "terminated", "已终止"

    title = models.CharField("合同名称", max_length=200)
    category = models.CharField("类别", max_length=16, choices=Category.choices)
    counterparty = models.CharField("相对方", max_length=200)
    counterparty_uscc = models.CharField(
        "相对方统一社会信用代码", max_length=18, blank=True, validators=[validate_uscc]
    )
    amount = models.DecimalField(
        "金额（万元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("主要内容", blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.REGISTERED)
    registered_on = models.DateField("登记日期")
    signed_on = models.DateField("签订日期", null=True, blank=True)
    completed_on = models.DateField("履行完毕/终止日期", null=True, blank=True)
    end_reason = models.CharField("终止理由", max_length=300, blank=True)
    source = models.CharField("数据来源", max_length=200, blank=True)
    review = models.ForeignKey(
        LegalReview,
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [models.Index(fields=["unit", "registered_on"])]
        verbose_name = verbose_name_plural = "政府合同"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legal:contract", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> Q:
        """The legal reviewers reviewing a contract may read it."""
        if action == "view" and user.unit_id and Role.LEGAL_REVIEWER in user.role_codes:
            return access.unit_scope_q(user, "review__reviewer_unit")
        return Q(pk__in=[])


class ContractMilestone(models.Model):
    """A performance milestone (履约节点) with its due date, a FIXED clock on the board."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("履约节点", max_length=200)
    due = models.DateField("约定期限")
    done_on = models.DateField("完成日期", null=True, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "contract__unit"

    class Meta:
        ordering = ["due", "id"]
        verbose_name = verbose_name_plural = "履约节点"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legal:contract", args=[self.contract_id])


class ContractDispute(models.Model):
    """A dispute arising from a contract, and how it was resolved."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="disputes")
    description = models.TextField("争议事项")
    opened_on = models.DateField("发生日期")
    resolved_on = models.DateField("解决日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=300, blank=True)

    scope_field = "contract__unit"

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = verbose_name_plural = "合同纠纷"

    def __str__(self) -> str:
        return self.description[:30]

    def get_absolute_url(self) -> str:
        return reverse("legal:contract", args=[self.contract_id])
