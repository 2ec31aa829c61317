"""政府信息公开 (条例, 国务院令第711号, 2019-05-15 起施行): the catalogue and releases of
主动公开, the requests of 依申请公开 with their clocks, and each agency's annual
disclosure report in the national template (国办公开办函〔2021〕30号).

Every record belongs to the org unit (行政机关) that publishes or answers it. Statutory
dates (信息形成或变更、公开、收到申请、补正、征求意见、答复) are stored as the days the acts
happened; the reply clock is a core ``Deadline`` whose pauses (补正 pending, consultation,
fee notice) and extension are events, never an edited date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit

from . import rules


class CatalogueItem(models.Model):
    """One heading of an agency's 政府信息公开目录 (第二十条 category and the agency's own
    name for it, e.g. 财政预决算 under (七))."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="公开主体", on_delete=models.PROTECT, related_name="+"
    )
    category = models.PositiveSmallIntegerField("条例第二十条类别", choices=rules.CATEGORIES)
    name = models.CharField("目录名称", max_length=100)
    description = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit", "category", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="disclosure_catalogue_name")
        ]
        verbose_name = verbose_name_plural = "政府信息公开目录"

    def __str__(self) -> str:
        return self.name


class ProactiveRelease(Versioned):
    """A 主动公开 item: published within 20 working days of being created or changed
    (第二十六条), with the clock running from ``created_on``."""

    class State(models.TextChoices):
        DRAFT = "draft", "待公开"
        PUBLISHED = "published", "已公开"
        WITHDRAWN = "withdrawn", "已撤回"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="公开主体", on_delete=models.PROTECT, related_name="+"
    )
    catalogue = models.ForeignKey(
        CatalogueItem, verbose_name="公开目录", on_delete=models.PROTECT, related_name="releases"
    )
    index_number = models.CharField("索引号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    body = models.TextField("正文")
    created_on = models.DateField("信息形成或变更日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT)
    late = models.BooleanField("超过公开期限", default=False)
    late_reason = models.CharField("逾期公开的原因", max_length=300, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=300, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("title", "document_number", "body", "created_on", "catalogue")

    class Meta:
        ordering = ["-published_on", "-created_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "published_on"]),
            models.Index(fields=["published_on"]),
        ]
        verbose_name = verbose_name_plural = "主动公开信息"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:release", args=[self.pk])


class Interpretation(Versioned):
    """A 政策解读 published with or after the policy it explains. It points at a release of
    this module or at a 规范性文件 through the documents module's public reference (never
    its model)."""

    class Form(models.TextChoices):
        TEXT = "text", "文字解读"
        GRAPHIC = "graphic", "图文解读"
        VIDEO = "video", "视频解读"
        PRESS = "press", "新闻发布会"
        INTERVIEW = "interview", "在线访谈"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="解读主体", on_delete=models.PROTECT, related_name="+"
    )
    release = models.ForeignKey(
        ProactiveRelease,
        verbose_name="所解读的公开信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    document_ref = models.CharField("所解读的规范性文件（登记号）", max_length=60, blank=True)
    document_title = models.CharField("所解读文件的标题", max_length=300, blank=True)
    title = models.CharField("解读标题", max_length=300)
    form = models.CharField("解读形式", max_length=12, choices=Form.choices, default=Form.TEXT)
    body = models.TextField("解读内容")
    published_on = models.DateField("发布日期")
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("title", "form", "body", "published_on")

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["unit", "published_on"])]
        verbose_name = verbose_name_plural = "政策解读"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosure:interpretation", args=[self.pk])


class DisclosureRequest(Versioned):
    """A 政府信息公开申请 (第二十七—四十五条). The applicant follows it with
    ``tracking_number`` and a query code (only its hash is kept) or the secret link."""

    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        LETTER = "letter", "信函申请"
        IN_PERSON = "in_person", "当面申请"
        FAX = "fax", "传真申请"
        EMAIL = "email", "电子邮件申请"

    class State(models.TextChoices):
        RECEIVED = "received", "办理中"
        CORRECTION = "correction", "补正中"
        CONSULTING = "consulting", "征求意见中"
        FEE = "fee", "待缴纳信息处理费"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已终止处理"

    ApplicantKind = models.TextChoices(
        "ApplicantKind", [(c.upper(), (c, label)) for c, label in rules.APPLICANT_COLUMNS]
    )
    ReplyType = models.TextChoices(
        "ReplyType", [(c.upper(), (c, label)) for c, label in rules.REPLY_TYPES]
    )
    Result = models.TextChoices(
        "Result", [(c.upper(), (c, f"{g}{i}")) for c, g, i in rules.RESULT_ROWS]
    )

    unit = models.ForeignKey(
        OrgUnit, verbose_name="受理机关", on_delete=models.PROTECT, related_name="+"
    )
    tracking_number = models.CharField("申请编号", max_length=40, unique=True)
    access_code_hash = models.CharField(max_length=128)
    link_token = models.CharField(max_length=64, unique=True)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    state = models.CharField(
        "办理状态", max_length=12, choices=State.choices, default=State.RECEIVED
    )
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    applicant_id = models.CharField("身份证号或统一社会信用代码", max_length=18)
    applicant_phone = models.CharField("联系电话", max_length=30)
    applicant_address = models.CharField("通讯地址", max_length=200, blank=True)
    applicant_email = models.EmailField("电子邮箱", blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    delivery = models.CharField("获取信息的方式", max_length=30, default="电子邮件")
    received_on = models.DateField("收到申请日期（条例第三十一条）")
    repeat_of = models.ForeignKey(
        "self", verbose_name="与之相同的在先申请", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # 补正 (第三十条): once, within 7 working days; the reply clock starts again on receipt.
    correction_items = models.TextField("补正事项", blank=True)
    correction_notified_on = models.DateField("补正告知日期", null=True, blank=True)
    corrected_on = models.DateField("收到补正申请日期", null=True, blank=True)
    # 延期 (第三十三条第二款): approved by the head of the 政府信息公开工作机构, applicant told.
    extension_days = models.PositiveSmallIntegerField("延长答复期限（工作日）", default=0)
    extension_approved_by = models.CharField("批准人", max_length=50, blank=True)
    extension_approved_on = models.DateField("批准日期", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    # 信息处理费 (第四十二条; 国办函〔2020〕109号).
    fee_method = models.CharField("计费方式", max_length=8, blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_notified_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    # The reply (第三十六、三十七条).
    reply_type = models.CharField("答复类型", max_length=20, choices=ReplyType.choices, blank=True)
    ground = models.CharField("理由", max_length=20, blank=True)
    result = models.CharField("年报统计口径", max_length=24, choices=Result.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    other_agency = models.CharField("负责公开的机关及联系方式", max_length=200, blank=True)
    replied_on = models.DateField("答复或终止日期", null=True, blank=True)
    late = models.BooleanField("逾期答复", default=False)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The numbers of the documents sent (docx_out.py), given once and kept.
    correction_number = models.CharField("补正告知书文号", max_length=80, blank=True)
    extension_number = models.CharField("延期答复告知书文号", max_length=80, blank=True)
    reply_number = models.CharField("答复书文号", max_length=80, blank=True)
    fee_number = models.CharField("信息处理费收费通知文号", max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = (
        "applicant_name",
        "applicant_phone",
        "applicant_address",
        "description",
        "delivery",
    )
    OPEN_STATES = (State.RECEIVED, State.CORRECTION, State.CONSULTING, State.FEE)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "received_on"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["replied_on"]),
            models.Index(fields=["applicant_id", "received_on"]),
        ]
        verbose_name = verbose_name_plural = "政府信息公开申请"

    def __str__(self) -> str:
        return self.tracking_number

    def get_absolute_url(self) -> str:
        return reverse("disclosure:request", args=[self.pk])


class ThirdPartyConsultation(models.Model):
    """A 征求意见 letter: to a third party whose rights disclosure may harm (第三十二条) or to
    another agency that made the information with this one (第三十四条). 15 working days to
    answer; the time is not counted in the reply period (第三十三条第三款)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", "征求第三方意见（第三十二条）"
        AGENCY = "agency", "征求其他机关意见（第三十四条）"

    class Answer(models.TextChoices):
        CONSENT = "consent", "同意公开"
        OBJECT = "object", "不同意公开"
        NONE = "none", "逾期未提出意见"

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField("征求对象类别", max_length=12, choices=Kind.choices)
    party = models.CharField("征求意见对象", max_length=200)
    sent_on = models.DateField("发出征求意见函日期")
    answered_on = models.DateField("收到意见或期满日期", null=True, blank=True)
    answer = models.CharField("意见", max_length=8, choices=Answer.choices, blank=True)
    answer_note = models.TextField("意见内容", blank=True)
    letter_number = models.CharField("征求意见函文号", max_length=80, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = verbose_name_plural = "征求第三方意见"

    def __str__(self) -> str:
        return f"{self.party}（{self.sent_on:%Y-%m-%d}）"


class DisclosureAnnualReport(Versioned):
    """An agency's (or the government's) 政府信息公开工作年度报告 for ``year``: the
    narrative sections people write, the figures computed from the records, and, once
    published, the tables as published (``tables``) so later edits to records do not
    change a published report."""

    class State(models.TextChoices):
        DRAFT = "draft", "编写中"
        PUBLISHED = "published", "已公开"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="报告主体", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("报告年度")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT)
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    fee_income = models.DecimalField(
        "行政事业性收费本年收费金额（万元）", max_digits=12, decimal_places=4, null=True, blank=True
    )
    tables = models.JSONField("公开时的表格数据", default=dict, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("overview", "problems", "other_matters", "fee_income")

    class Meta:
        ordering = ["-year", "unit__sort_order", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="disclosure_report_unit_year")
        ]
        verbose_name = verbose_name_plural = "政府信息公开工作年度报告"

    def __str__(self) -> str:
        return f"{self.unit}{self.year}年政府信息公开工作年度报告"

    def get_absolute_url(self) -> str:
        return reverse("disclosure:annual_report", args=[self.pk])


class NumberSequence(models.Model):
    """Running numbers of requests, releases and documents out, per unit, year and kind."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=24)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="disclosure_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.last}"
