"""行政执法: agencies and their power lists, officers, cases under the 三项制度, discretion
standards.

Every record belongs to an org unit (``unit``): a clerk of one unit never reads or changes
another's. Statutory dates (立案、告知、听证、决定、送达、公示) are stored as the dates the
acts happened, never derived from timestamps. State changes go through ``services``; other
modules read the figures through the indicator registry and the portal through ``public``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.identifiers import validate_id_number, validate_uscc
from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit


class CaseKind(models.TextChoices):
    """The kinds of enforcement act (glossary; 国办发〔2018〕118号 lists 行政许可、行政处罚、
    行政强制、行政检查、行政征收征用 and others)."""

    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LEVY = "levy", "行政征收征用"
    BENEFIT = "benefit", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政执法行为"


class Agency(Versioned):
    """A 行政执法主体: a department, its 综合执法 team, or a township exercising powers
    delegated to it (赋权乡镇). ``unit`` is the org unit whose staff keep its records."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "法定行政机关"
        AUTHORISED = "authorised", "法律法规授权的组织"
        COMPREHENSIVE = "comprehensive", "综合行政执法队伍"
        TOWNSHIP = "township", "乡镇（街道）（依赋权行使）"
        ENTRUSTED = "entrusted", "受委托组织"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("执法主体名称", max_length=100, unique=True)
    kind = models.CharField("主体类别", max_length=16, choices=Kind.choices)
    legal_basis = models.TextField("设立及执法依据")
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=30, blank=True)
    remedies = models.TextField(
        "救济渠道",
        blank=True,
        help_text="申请行政复议、提起行政诉讼的机关和期限，执法事前公示的内容之一",
    )
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("unit", "name", "kind", "legal_basis", "address", "phone", "remedies", "active")

    class Meta:
        ordering = ["unit__code", "name"]
        verbose_name = verbose_name_plural = "行政执法主体"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:agency", args=[self.pk])


class Power(Versioned):
    """One 执法事项 of an agency's 权责清单."""

    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="powers"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类别", max_length=16, choices=CaseKind.choices)
    legal_basis = models.TextField("设定依据（法律条款）")
    responsible = models.CharField("承办机构（科室）", max_length=100, blank=True)
    # The agency's 法制审核目录清单 (国办发〔2018〕118号): acts under this power always need
    # a 法制审核 before the decision.
    review_listed = models.BooleanField("列入法制审核目录", default=False)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("code", "name", "kind", "legal_basis", "responsible", "review_listed", "active")

    class Meta:
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="enforcement_power_code")
        ]
        verbose_name = verbose_name_plural = "执法事项"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Delegation(models.Model):
    """A power of a department's agency delegated to a township's agency (赋权乡镇), with the
    government document that delegated it. Withdrawing keeps the row (the history counts)."""

    power = models.ForeignKey(
        Power, verbose_name="执法事项", on_delete=models.PROTECT, related_name="delegations"
    )
    to_agency = models.ForeignKey(
        Agency, verbose_name="承接的乡镇（街道）", on_delete=models.PROTECT, related_name="received"
    )
    document_title = models.CharField("赋权文件", max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True)
    delegated_on = models.DateField("赋权日期")
    withdrawn_on = models.DateField("收回日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-delegated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["power", "to_agency"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="enforcement_delegation_open",
            )
        ]
        verbose_name = verbose_name_plural = "赋权乡镇执法事项"

    def __str__(self) -> str:
        return f"{self.power.name} → {self.to_agency.name}"

    # Both sides see it: the receiving township and the delegating department.
    scope_field = "to_agency__unit"

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        from fazhi.core import access

        if user.unit_id is None or not user.role_codes & access.ACTIONS[action].unit_roles:
            return models.Q(pk__in=[])
        return models.Q(
            pk__in=cls._default_manager.filter(
                access.unit_scope_q(user, "power__agency__unit")
            ).values("pk")
        )


class Exemption(models.Model):
    """An entry of an agency's 免罚清单 / 轻罚清单 (行政处罚法 第33条: 首违不罚 and minor
    violations promptly corrected)."""

    class Kind(models.TextChoices):
        NO_PENALTY = "no_penalty", "不予处罚"
        FIRST_VIOLATION = "first_violation", "首违不罚"
        LIGHT_PENALTY = "light_penalty", "从轻（减轻）处罚"

    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="exemptions"
    )
    kind = models.CharField("清单类别", max_length=16, choices=Kind.choices)
    violation = models.CharField("违法行为", max_length=300)
    legal_basis = models.TextField("法律依据")
    conditions = models.TextField("适用条件")
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency_id", "kind", "id"]
        verbose_name = verbose_name_plural = "免罚轻罚清单事项"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.violation}"


class Officer(Versioned):
    """A 行政执法人员 and the certificate (执法证) that lets them act.

    Only an officer 在岗 with a certificate valid on the day of the act counts as certified
    (行政处罚法 第42条: 执法人员应当具有行政执法资格)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在岗"
        SUSPENDED = "suspended", "暂扣"
        REVOKED = "revoked", "注销"

    class CertificateKind(models.TextChoices):
        ENFORCEMENT = "enforcement", "行政执法证"
        SUPERVISION = "supervision", "行政执法监督证"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="officers"
    )
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=40, unique=True)
    certificate_kind = models.CharField(
        "证件类型", max_length=16, choices=CertificateKind.choices, default="enforcement"
    )
    issuer = models.CharField("发证机关", max_length=100)
    issued_on = models.DateField("发证日期")
    # The first certificate's date: renewals (换证) move ``issued_on`` on, not this.
    certified_since = models.DateField("首次取得执法证日期")
    valid_until = models.DateField("有效期至")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default="active")
    status_reason = models.CharField("暂扣、注销原因", max_length=300, blank=True)
    # 行政处罚法 第58条: first-time 法制审核 staff need 法律职业资格.
    legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    expiry_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = (
        "unit",
        "agency",
        "name",
        "certificate_number",
        "certificate_kind",
        "issuer",
        "issued_on",
        "valid_until",
        "status",
        "legal_qualification",
    )

    class Meta:
        ordering = ["agency_id", "name"]
        indexes = [models.Index(fields=["unit", "status", "valid_until"])]
        verbose_name = verbose_name_plural = "行政执法人员"

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer", args=[self.pk])

    def certified_on(self, day) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.certificate_kind == self.CertificateKind.ENFORCEMENT
            and self.certified_since <= day <= self.valid_until
        )


class ExamResult(models.Model):
    """A candidate's sitting of the 行政执法资格考试 (参考) and whether they passed."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="报考单位", on_delete=models.PROTECT, related_name="+"
    )
    session = models.CharField("考试场次", max_length=100)
    sat_on = models.DateField("考试日期")
    candidate = models.CharField("考生姓名", max_length=50)
    passed = models.BooleanField("通过")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="exams"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sat_on", "candidate"]
        indexes = [models.Index(fields=["sat_on", "unit"])]
        verbose_name = verbose_name_plural = "行政执法资格考试"

    def __str__(self) -> str:
        return f"{self.session} {self.candidate}"


class Training(models.Model):
    """A training session (业务知识和法律法规培训) held by a unit, and who attended."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="举办单位", on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField("培训主题", max_length=200)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    attendees = models.ManyToManyField(Officer, verbose_name="参训人员", related_name="trainings")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "id"]
        indexes = [models.Index(fields=["held_on", "unit"])]
        verbose_name = verbose_name_plural = "行政执法培训"

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class DiscretionStandard(models.Model):
    """A 裁量基准 entry: one violation with its circumstance bands."""

    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="standards"
    )
    power = models.ForeignKey(
        Power,
        verbose_name="执法事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standards",
    )
    code = models.CharField("编号", max_length=40)
    violation = models.CharField("违法行为", max_length=300)
    legal_basis = models.TextField("处罚依据")
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="enforcement_standard_code")
        ]
        verbose_name = verbose_name_plural = "行政处罚裁量基准"

    def __str__(self) -> str:
        return f"{self.code} {self.violation}"


class DiscretionBand(models.Model):
    """One circumstance band (情节) of a standard with its fine range in yuan."""

    class Circumstance(models.TextChoices):
        MINOR = "minor", "轻微"
        LIGHT = "light", "较轻"
        GENERAL = "general", "一般"
        SERIOUS = "serious", "严重"

    standard = models.ForeignKey(
        DiscretionStandard, verbose_name="裁量基准", on_delete=models.CASCADE, related_name="bands"
    )
    circumstance = models.CharField("违法情节", max_length=16, choices=Circumstance.choices)
    description = models.CharField("情节描述", max_length=300)
    min_fine = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, default=0)
    max_fine = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, default=0)
    other_penalty = models.CharField("其他处罚种类", max_length=200, blank=True)

    class Meta:
        ordering = ["standard_id", "min_fine"]
        verbose_name = verbose_name_plural = "裁量阶次"

    def __str__(self) -> str:
        return f"{self.get_circumstance_display()}：{self.min_fine}—{self.max_fine}元"


class ReviewCriterion(models.Model):
    """When an agency's decision is 重大 and needs 法制审核 first (行政处罚法 第58条;
    国办发〔2018〕118号). Data, per agency, not code."""

    class Kind(models.TextChoices):
        FINE_OVER = "fine_over", "罚款数额达到"
        CONFISCATION_OVER = "confiscation_over", "没收违法所得、非法财物价值达到"
        REVOCATION = "revocation", "吊销许可证件、责令关闭、限制从业"
        AFTER_HEARING = "after_hearing", "经过听证程序"
        COMPLEX = "complex", "案情疑难复杂、涉及多个法律关系"
        PUBLIC_INTEREST = "public_interest", "涉及重大公共利益、可能造成重大社会影响"
        CATALOGUE = "catalogue", "列入法制审核目录的执法事项"

    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.CASCADE, related_name="criteria"
    )
    kind = models.CharField("情形", max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        "数额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    party_kind = models.CharField(
        "适用当事人",
        max_length=16,
        blank=True,
        help_text="空白为全部；person 自然人，organisation 单位",
    )

    class Meta:
        ordering = ["agency_id", "kind"]
        verbose_name = verbose_name_plural = "重大执法决定法制审核情形"

    def __str__(self) -> str:
        if self.amount is not None:
            return f"{self.get_kind_display()}{self.amount:.0f}元"
        return self.get_kind_display()


class Case(Versioned):
    """One enforcement case (执法案件) from 立案 to 结案.

    ``stage`` is where the case stands; each stage reached is a ``CaseStep`` row with its
    date and the documents that prove it (全过程记录, 行政处罚法 第47条)."""

    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SUMMARY = "summary", "简易程序（当场处罚）"

    class Stage(models.TextChoices):
        FILED = "filed", "立案"
        INVESTIGATED = "investigated", "调查取证"
        NOTIFIED = "notified", "告知"
        HEARING = "hearing", "听证"
        LEGAL_REVIEW = "legal_review", "法制审核"
        COLLECTIVE = "collective", "集体讨论"
        DECIDED = "decided", "决定"
        SERVED = "served", "送达"
        EXECUTED = "executed", "执行"
        CLOSED = "closed", "结案"
        TERMINATED = "terminated", "终止（撤销立案）"

    class Outcome(models.TextChoices):
        PENALTY = "penalty", "给予行政处罚"
        LIGHT_PENALTY = "light_penalty", "从轻、减轻处罚"
        NO_PENALTY = "no_penalty", "不予处罚"
        FIRST_VIOLATION_EXEMPT = "first_violation_exempt", "首违不罚"
        GRANTED = "granted", "准予（许可、给付、确认）"
        REFUSED = "refused", "不予准予"
        MEASURE = "measure", "采取强制措施或作出其他决定"
        NO_VIOLATION = "no_violation", "未发现违法行为"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="办案单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases"
    )
    power = models.ForeignKey(
        Power,
        verbose_name="执法事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    kind = models.CharField("案件类别", max_length=16, choices=CaseKind.choices)
    procedure = models.CharField(
        "程序", max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    number = models.CharField("案号", max_length=60, unique=True)
    title = models.CharField("案由", max_length=300)
    facts = models.TextField("主要违法事实或申请事项", blank=True)
    on_site = models.BooleanField("现场执法", default=True)
    stage = models.CharField("办理阶段", max_length=16, choices=Stage.choices, default="filed")
    filed_on = models.DateField("立案（受理）日期")
    hearing_notified_on = models.DateField("告知听证权利日期", null=True, blank=True)
    hearing_requested_on = models.DateField("当事人申请听证日期", null=True, blank=True)
    hearing_on = models.DateField("听证举行日期", null=True, blank=True)
    major = models.BooleanField("重大执法决定", default=False)
    major_reasons = models.JSONField("法制审核情形", default=list, blank=True)
    # The day the 法制审核 opinion that cleared the decision was given (None: no review).
    reviewed_on = models.DateField("法制审核通过日期", null=True, blank=True)
    complex_case = models.BooleanField("案情复杂或重大违法", default=False)
    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name="适用的裁量基准",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    band = models.ForeignKey(
        DiscretionBand,
        verbose_name="裁量阶次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    outside_band_reason = models.TextField("超出裁量阶次的理由", blank=True)
    outcome = models.CharField("处理结果", max_length=24, choices=Outcome.choices, blank=True)
    fine = models.DecimalField("罚款（元）", max_digits=14, decimal_places=2, default=0)
    confiscation = models.DecimalField(
        "没收违法所得、非法财物（元）", max_digits=14, decimal_places=2, default=0
    )
    revokes_license = models.BooleanField("吊销许可证件、责令关闭或限制从业", default=False)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    terminated_reason = models.CharField("终止理由", max_length=300, blank=True)
    revoked_on = models.DateField("决定被撤销、变更或确认违法的日期", null=True, blank=True)
    revoked_reason = models.CharField("撤销、变更理由", max_length=300, blank=True)
    extended_days = models.PositiveIntegerField("经批准延长（日）", default=0)
    # Kept with the case by the services so the year's figures are one scan of the cases
    # table (no join per row): decided by the clock's due date; the publication's due date
    # and whether it was published on time (True also when lawfully withheld).
    decided_in_time = models.BooleanField("按期作出决定", null=True, blank=True)
    publish_due_on = models.DateField("公示期限", null=True, blank=True)
    published_on_time = models.BooleanField("按时公示", null=True, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hearing_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Cases loaded from an agency's ledger kept before the platform (no clock, no history).
    source = models.CharField("数据来源", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = (
        "power",
        "title",
        "facts",
        "on_site",
        "complex_case",
        "standard",
        "band",
        "outside_band_reason",
        "outcome",
        "fine",
        "confiscation",
        "revokes_license",
    )

    OPEN_STAGES = (
        Stage.FILED,
        Stage.INVESTIGATED,
        Stage.NOTIFIED,
        Stage.HEARING,
        Stage.LEGAL_REVIEW,
        Stage.COLLECTIVE,
    )

    class Meta:
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "stage", "filed_on"]),
            models.Index(fields=["unit", "filed_on"]),
            models.Index(fields=["filed_on", "kind"]),
            models.Index(fields=["decided_on", "kind"]),
        ]
        verbose_name = verbose_name_plural = "行政执法案件"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case", args=[self.pk])


class Party(models.Model):
    """A party (当事人) of a case. The identifier is validated by core; nothing of a natural
    person other than the masked name is ever published."""

    class Kind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField("当事人类型", max_length=16, choices=Kind.choices)
    name = models.CharField("姓名或名称", max_length=200)
    id_number = models.CharField(
        "身份证号", max_length=18, blank=True, validators=[validate_id_number]
    )
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_uscc]
    )
    representative = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    address = models.CharField("住址或住所", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    minor = models.BooleanField("未成年人", default=False)

    class Meta:
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["uscc"]), models.Index(fields=["id_number"])]
        verbose_name = verbose_name_plural = "当事人"

    def __str__(self) -> str:
        return self.name


class CaseOfficer(models.Model):
    """An officer acting on a case (主办/协办); on-site acts need two certified officers
    (行政处罚法 第42条、第55条)."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        ASSIST = "assist", "协办"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("角色", max_length=8, choices=Role.choices, default=Role.ASSIST)

    class Meta:
        ordering = ["case_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="enforcement_case_officer")
        ]
        verbose_name = verbose_name_plural = "承办执法人员"

    def __str__(self) -> str:
        return f"{self.officer.name}（{self.get_role_display()}）"


class CaseStep(models.Model):
    """A stage a case reached: its date and the documents that prove it (文书名称 → 附件)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField("阶段", max_length=16, choices=Case.Stage.choices)
    on = models.DateField("日期")
    documents = models.JSONField("文书", default=list, blank=True)
    note = models.TextField("说明", blank=True)
    officers = models.JSONField("在场执法人员（证号）", default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_id", "on", "id"]
        verbose_name = verbose_name_plural = "办理环节"

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on}"


class Publication(models.Model):
    """The 事后公示 of a case's decision on the portal (国办发〔2018〕118号: 许可、处罚 within
    7 working days, others within 20), withdrawn within 3 working days when the decision is
    revoked or changed (行政处罚法 第48条)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="publication")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("公示期限")
    published_on = models.DateField("公示日期", null=True, blank=True)
    late = models.BooleanField("逾期公示", default=False)
    late_reason = models.CharField("逾期原因", max_length=300, blank=True)
    content = models.TextField("公示内容（已脱敏）", blank=True)
    withdraw_due_on = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回说明", max_length=300, blank=True)
    withheld_reason = models.CharField(
        "不予公开的理由", max_length=300, blank=True, help_text="如涉及未成年人、国家秘密"
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["published_on", "unit"])]
        verbose_name = verbose_name_plural = "执法决定公示"

    def __str__(self) -> str:
        return f"{self.case.number} 公示"


class NumberSequence(models.Model):
    """Per agency, year and document kind: the last number given (案号、决定书文号)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=32)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="enforcement_number_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.last}"


# --- 案卷评查 (case-file review) and supervision (issue 13 points 6 and 7) -------------------


class ScoringSheet(models.Model):
    """A 案卷评查 scoring sheet: items with their points and the pass mark, as data the
    coordinator edits. No national standard fixes them (rules.md); the platform default
    follows the common provincial practice of 100 points, pass at 80."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("评分表名称", max_length=200)
    pass_mark = models.DecimalField("合格分数线", max_digits=6, decimal_places=1)
    active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-active", "-id"]
        verbose_name = verbose_name_plural = "案卷评查评分表"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review_sheet", args=[self.pk])


class ScoringItem(models.Model):
    """One item of a sheet and its points (the most a file can score on it)."""

    sheet = models.ForeignKey(ScoringSheet, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField("序号", default=0)
    title = models.CharField("评查项目", max_length=200)
    weight = models.DecimalField("分值", max_digits=6, decimal_places=1)
    guidance = models.CharField("评查要点", max_length=500, blank=True)

    class Meta:
        ordering = ["sheet_id", "order", "id"]
        verbose_name = verbose_name_plural = "评查项目"

    def __str__(self) -> str:
        return f"{self.title}（{self.weight}分）"


class ReviewCampaign(models.Model):
    """A 案卷评查 campaign of the 司法局: which agencies, which period's closed cases, how
    many files each, and the seed of the random draw with the candidates it drew from, so
    the draw can be repeated and checked."""

    class State(models.TextChoices):
        DRAFT = "draft", "待抽取"
        DRAWN = "drawn", "已抽取"
        CLOSED = "closed", "已结束"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("评查活动名称", max_length=200)
    period_start = models.DateField("决定日期自")
    period_end = models.DateField("决定日期至")
    agencies = models.ManyToManyField(Agency, verbose_name="被评查执法主体", related_name="+")
    sheet = models.ForeignKey(
        ScoringSheet, verbose_name="评分表", on_delete=models.PROTECT, related_name="campaigns"
    )
    per_agency = models.PositiveIntegerField("每个主体抽取案卷数", null=True, blank=True)
    ratio = models.DecimalField(
        "抽取比例（%）", max_digits=5, decimal_places=2, null=True, blank=True
    )
    state = models.CharField("状态", max_length=8, choices=State.choices, default="draft")
    seed = models.CharField("随机种子", max_length=64, blank=True)
    candidates = models.JSONField("候选案卷（按主体）", default=dict, blank=True)
    candidates_hash = models.CharField("候选案卷摘要（SHA-256）", max_length=64, blank=True)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = verbose_name_plural = "案卷评查活动"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review_campaign", args=[self.pk])


class CaseFileReview(models.Model):
    """One drawn case file and its score. ``unit`` is the agency's unit (its clerks read
    their own results); scoring is the campaign's unit's work."""

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="files")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="被评查单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, verbose_name="案卷", on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField("得分", max_digits=6, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", null=True, blank=True)
    comment = models.TextField("评查意见", blank=True)
    scored_on = models.DateField("评查日期", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["campaign_id", "agency_id", "case_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="enforcement_review_case")
        ]
        indexes = [models.Index(fields=["scored_on", "unit"])]
        verbose_name = verbose_name_plural = "评查案卷"

    def __str__(self) -> str:
        return f"{self.campaign.title}：{self.case.number}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review_file", args=[self.pk])


class ItemScore(models.Model):
    """The score of one item of the sheet for one file, with the reviewer's comment."""

    review = models.ForeignKey(CaseFileReview, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ScoringItem, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("得分", max_digits=6, decimal_places=1)
    comment = models.CharField("扣分理由", max_length=500, blank=True)

    class Meta:
        ordering = ["review_id", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="enforcement_item_score")
        ]
        verbose_name = verbose_name_plural = "评查项目得分"

    def __str__(self) -> str:
        return f"{self.item.title}：{self.score}"


class SupervisionCheck(models.Model):
    """A 行政执法监督检查 of an agency by the checking unit (司法局), its findings and their
    rectification. ``unit`` is the checked agency's unit: its clerks read the check and
    report rectification; the checker records findings and closes the check."""

    class State(models.TextChoices):
        OPEN = "open", "整改中"
        CLOSED = "closed", "已办结"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="被检查单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="被检查执法主体", on_delete=models.PROTECT, related_name="+"
    )
    checker_unit = models.ForeignKey(
        OrgUnit, verbose_name="检查单位", on_delete=models.PROTECT, related_name="+"
    )
    checked_on = models.DateField("检查日期")
    subject = models.CharField("检查内容", max_length=300)
    state = models.CharField("状态", max_length=8, choices=State.choices, default="open")
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closing_note = models.TextField("办结意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["checked_on", "unit"])]
        verbose_name = verbose_name_plural = "行政执法监督检查"

    def __str__(self) -> str:
        return f"{self.checked_on:%Y-%m-%d} {self.agency.name}：{self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:supervision_check", args=[self.pk])


class SupervisionFinding(models.Model):
    """A problem found and the day it must be put right by (a FIXED clock on the board)."""

    check_record = models.ForeignKey(
        SupervisionCheck, on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField("发现的问题")
    due_on = models.DateField("整改期限")
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["check_record_id", "id"]
        verbose_name = verbose_name_plural = "监督检查发现问题"

    def __str__(self) -> str:
        return self.description[:50]


class EnforcementComplaint(models.Model):
    """A complaint or report about an agency's enforcement (投诉举报), handled within the
    period (信访工作条例 第32条: 60 days from acceptance) and answered. ``unit`` is the
    agency's unit; the complainant is personal data and never public."""

    class State(models.TextChoices):
        OPEN = "open", "办理中"
        REPLIED = "replied", "已答复"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="被投诉单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="被投诉执法主体", on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField("受理日期")
    complainant = models.CharField("投诉人", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=60, blank=True)
    matter = models.TextField("投诉事项")
    period_days = models.PositiveIntegerField("办理期限（日）")
    state = models.CharField("状态", max_length=8, choices=State.choices, default="open")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply = models.TextField("答复意见", blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["received_on", "unit"])]
        verbose_name = verbose_name_plural = "行政执法投诉举报"

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.agency.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:complaint", args=[self.pk])


class SpecialSupervisor(models.Model):
    """An 特邀行政执法监督员 on the roster of the appointing unit, for a term."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="聘请单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    work_unit = models.CharField("工作单位及职务", max_length=200)
    term_start = models.DateField("聘期自")
    term_end = models.DateField("聘期至")
    active = models.BooleanField("在聘", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-active", "-term_end", "name"]
        verbose_name = verbose_name_plural = "特邀行政执法监督员"

    def __str__(self) -> str:
        return self.name


class AnnualDataPublication(models.Model):
    """An agency's 行政执法数据 of a year, published by 31 January of the next year
    (国办发〔2018〕118号: 每年1月31日前公开上年度行政执法总体情况有关数据). The figures are
    the snapshot computed from the year's case records when published."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("数据年度")
    figures = models.JSONField("数据快照", default=dict)
    due_on = models.DateField("公开期限")
    published_on = models.DateField("公开日期")
    late = models.BooleanField("逾期公开", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="enforcement_annual_data")
        ]
        verbose_name = verbose_name_plural = "年度行政执法数据公开"

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年度行政执法数据"
