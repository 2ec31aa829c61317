"""行政复议 (the 2023 行政复议法, in force 2024-01-01), 行政应诉 (行政诉讼法) and the 司法建议 /
检察建议 the government receives.

Every record belongs to an org unit (``unit``): an application and its case to the
复议机构 that handles them (the 司法局 acting for the district government, 第4条), a court
case and a suggestion to the unit that answers it. The respondent or defendant department
reads the cases against it and files its answer (``scope_extra``). Statutory dates (收到、
受理、答复、听证、决定、送达) are stored as the days the acts happened; every clock is a core
``Deadline`` whose pauses and extensions are events, never an edited date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Outcome(models.TextChoices):
    """How a 复议 case ends (行政复议法 第63—69条, 第41条 终止; glossary codes)."""

    UPHOLD = "uphold", "维持"
    REVOKE = "revoke", "撤销"
    MODIFY = "modify", "变更"
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"
    DECLARE_VOID = "declare_void", "确认无效"
    ORDER_PERFORMANCE = "order_performance", "责令履行"
    DISMISS = "dismiss", "驳回复议请求"
    MEDIATED = "mediated", "调解结案"
    WITHDRAWN = "withdrawn", "和解后撤回申请"
    TERMINATED = "terminated", "终止"


# The outcomes that correct the agency's act (纠错): the numerator of 纠错率.
CORRECTING = (
    Outcome.REVOKE,
    Outcome.MODIFY,
    Outcome.DECLARE_UNLAWFUL,
    Outcome.DECLARE_VOID,
    Outcome.ORDER_PERFORMANCE,
)


class Application(Versioned):
    """A 行政复议申请 as received: online on the portal, or on paper / orally at the counter
    (第22条: an oral application is written down in a 笔录 the applicant confirms).

    The applicant follows it with ``tracking_number`` and a query code (only its hash is
    kept) or the secret link; no account is needed."""

    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        COUNTER = "counter", "当面递交书面申请"
        POST = "post", "邮寄"
        ORAL = "oral", "口头申请（制作笔录）"
        FORWARDED = "forwarded", "经作出行政处罚的机关转送（第32条）"

    class State(models.TextChoices):
        RECEIVED = "received", "待审查"
        CORRECTION = "correction", "补正中"
        ACCEPTED = "accepted", "已受理"
        REJECTED = "rejected", "不予受理"
        REFERRED = "referred", "已告知向有权机关申请"
        WITHDRAWN = "withdrawn", "已撤回"
        DEEMED_WITHDRAWN = "deemed_withdrawn", "视为放弃申请"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="行政复议机构", on_delete=models.PROTECT, related_name="+"
    )
    tracking_number = models.CharField("申请编号", max_length=40, unique=True)
    access_code_hash = models.CharField(max_length=128)
    link_token = models.CharField(max_length=64, unique=True)
    channel = models.CharField("申请方式", max_length=16, choices=Channel.choices)
    state = models.CharField(
        "办理状态", max_length=20, choices=State.choices, default=State.RECEIVED
    )
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=PartyKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    applicant_id = models.CharField("身份证号或统一社会信用代码", max_length=18)
    applicant_phone = models.CharField("联系电话", max_length=30)
    applicant_address = models.CharField("通讯地址", max_length=200, blank=True)
    agent_name = models.CharField("委托代理人", max_length=100, blank=True)
    respondent = models.ForeignKey(
        OrgUnit,
        verbose_name="被申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    respondent_name = models.CharField("被申请人名称", max_length=200)
    act = models.CharField("被申请复议的行政行为", max_length=300)
    act_number = models.CharField("行政行为的文书文号", max_length=100, blank=True)
    act_on = models.DateField("行政行为作出日期", null=True, blank=True)
    inaction = models.BooleanField("申请履行法定职责、行政机关未履行", default=False)
    known_on = models.DateField("知道或应当知道该行政行为之日")
    remedy_told = models.BooleanField("作出行为时告知了申请复议的权利、机关和期限", default=True)
    remedy_known_on = models.DateField(
        "知道申请复议的权利、机关和期限之日（未告知时）", null=True, blank=True
    )
    immovable = models.BooleanField("涉及不动产", default=False)
    requests = models.TextField("行政复议请求")
    reasons = models.TextField("事实和理由")
    oral_record = models.TextField("口头申请笔录", blank=True)
    document_review = models.TextField(
        "一并提出对规范性文件的附带审查申请", blank=True, help_text="行政复议法第十三条"
    )
    disclosure_related = models.BooleanField("因政府信息公开工作引起", default=False)
    received_on = models.DateField("收到申请日期")
    # What the period check found at submission (第20—21条), kept as it was shown.
    period_start = models.DateField("申请期限起算日", null=True, blank=True)
    period_end = models.DateField("申请期限届满日", null=True, blank=True)
    late = models.BooleanField("超过申请期限", default=False)
    period_note = models.CharField("申请期限核查", max_length=300, blank=True)
    correction_items = models.TextField("补正事项", blank=True)
    correction_notified_on = models.DateField("补正通知日期", null=True, blank=True)
    corrected_on = models.DateField("收到补正材料日期", null=True, blank=True)
    deemed_accepted = models.BooleanField("审查期限届满视为受理", default=False)
    decided_on = models.DateField("受理审查结论日期", null=True, blank=True)
    reject_reason = models.TextField("不予受理或告知的理由", blank=True)
    referred_to = models.CharField("告知向其申请的机关", max_length=200, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    review_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The numbers of the documents sent to the applicant (docx_out.py), given the first time
    # each is made and kept so every later copy carries the same number.
    correction_notice_number = models.CharField("补正通知书文号", max_length=80, blank=True)
    rejection_number = models.CharField("不予受理决定书文号", max_length=80, blank=True)

    lock_fields = ("applicant_name", "applicant_phone", "applicant_address", "requests", "reasons")
    OPEN_STATES = (State.RECEIVED, State.CORRECTION)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "received_on"]),
            models.Index(fields=["received_on"]),
        ]
        verbose_name = verbose_name_plural = "行政复议申请"

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.respondent_name}"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:application", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """The respondent department reads the applications against it (it is told of them
        and answers them); changing them stays with the 复议机构."""
        if action != "view":
            return models.Q(pk__in=[])
        from fazhi.core.access import unit_scope_for

        return unit_scope_for(user, action, "respondent")


class Case(Versioned):
    """A 行政复议案件 from acceptance to decision (行政复议法 第四章)."""

    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SIMPLE = "simple", "简易程序"

    class State(models.TextChoices):
        REVIEW = "review", "审理中"
        SUSPENDED = "suspended", "中止审理"
        DECIDED = "decided", "已作出决定"
        CLOSED = "closed", "已结案（终止、调解或撤回）"

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="case"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="行政复议机构", on_delete=models.PROTECT, related_name="+"
    )
    respondent = models.ForeignKey(
        OrgUnit,
        verbose_name="被申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    respondent_name = models.CharField("被申请人名称", max_length=200)
    number = models.CharField("案号", max_length=60, unique=True)
    procedure = models.CharField("审理程序", max_length=16, choices=Procedure.choices)
    simple_ground = models.CharField("适用简易程序的情形", max_length=200, blank=True)
    state = models.CharField("办理状态", max_length=16, choices=State.choices, default="review")
    accepted_on = models.DateField("受理日期")
    copy_sent_on = models.DateField("向被申请人发送申请书副本日期", null=True, blank=True)
    answered_on = models.DateField("被申请人提交答复和证据日期", null=True, blank=True)
    no_answer = models.BooleanField(
        "被申请人逾期未答复、未提交证据（视为没有证据、依据，第七十条）", default=False
    )
    hearing_notified_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    suspended_on = models.DateField("中止日期", null=True, blank=True)
    suspension_ground = models.CharField("中止情形", max_length=200, blank=True)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)
    extended_days = models.PositiveIntegerField("经批准延长（日）", default=0)
    decided_on = models.DateField("决定（结案）日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    decision_summary = models.TextField("决定要旨", blank=True)
    served_on = models.DateField("决定书送达日期", null=True, blank=True)
    published_on = models.DateField("决定书公开日期", null=True, blank=True)
    superior_copied_on = models.DateField("抄告被申请人上级主管部门日期", null=True, blank=True)
    document_review = models.TextField("附带审查的规范性文件", blank=True)
    document_review_ref = models.CharField(
        "附带审查在规范性文件模块的记录", max_length=100, blank=True
    )
    disclosure_related = models.BooleanField("因政府信息公开工作引起", default=False)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copy_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The numbers of the 受理通知书 (to the applicant) and the 答复通知书 (to the respondent,
    # with the application copy), given the first time each is made (docx_out.py).
    acceptance_notice_number = models.CharField("受理通知书文号", max_length=80, blank=True)
    answer_notice_number = models.CharField("答复通知书文号", max_length=80, blank=True)

    lock_fields = ("decision_summary",)

    class Meta:
        ordering = ["-accepted_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "accepted_on"]),
            models.Index(fields=["decided_on"]),
            models.Index(fields=["accepted_on"]),
        ]
        verbose_name = verbose_name_plural = "行政复议案件"

    def __str__(self) -> str:
        return f"{self.number} 申请人诉{self.respondent_name}"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:case", args=[self.pk])

    @property
    def corrected(self) -> bool:
        return self.outcome in CORRECTING

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """The respondent department reads the case against it and files its answer
        (services.answer checks it is the respondent's)."""
        from fazhi.core.access import unit_scope_for

        return unit_scope_for(user, action, "respondent")


class OpinionLetter(models.Model):
    """A 行政复议意见书 (第76条: the addressee corrects and reports within 60 days) or a
    行政复议建议书 (general improvement of an agency's work)."""

    class Kind(models.TextChoices):
        OPINION = "opinion", "行政复议意见书"
        RECOMMENDATION = "recommendation", "行政复议建议书"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="行政复议机构", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField("文书类别", max_length=16, choices=Kind.choices)
    addressee = models.ForeignKey(
        OrgUnit, verbose_name="发送对象", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("文号", max_length=80, unique=True)
    issued_on = models.DateField("制发日期")
    content = models.TextField("主要内容")
    reported_on = models.DateField("收到整改（落实）情况报告日期", null=True, blank=True)
    report = models.TextField("整改（落实）情况", blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = verbose_name_plural = "行政复议意见书、建议书"

    def __str__(self) -> str:
        return f"{self.number}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:letter", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """The addressee reads the letter and reports its correction."""
        from fazhi.core.access import unit_scope_for

        return unit_scope_for(user, action, "addressee")


class Litigation(Versioned):
    """A court case in which a unit of the government is the defendant (行政应诉), one row
    per instance (first, appeal, retrial): 负责人出庭 is counted per instance (最高法
    《关于行政机关负责人出庭应诉若干问题的规定》第3条: one appearance per instance)."""

    class Instance(models.TextChoices):
        FIRST = "first", "一审"
        APPEAL = "appeal", "二审"
        RETRIAL = "retrial", "再审"

    class Result(models.TextChoices):
        WON = "won", "胜诉（驳回诉讼请求、维持）"
        LOST = "lost", "败诉（撤销、变更、确认违法或无效、责令履行、判决赔偿）"
        WITHDRAWN = "withdrawn", "原告撤诉"
        MEDIATED = "mediated", "调解结案"
        REJECTED = "rejected", "裁定驳回起诉"
        OTHER = "other", "其他"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="被告（应诉单位）", on_delete=models.PROTECT, related_name="+"
    )
    court = models.CharField("审理法院", max_length=100)
    number = models.CharField("法院案号", max_length=80, unique=True)
    instance = models.CharField("审级", max_length=16, choices=Instance.choices)
    previous = models.ForeignKey(
        "self",
        verbose_name="前一审级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_instances",
    )
    plaintiff_kind = models.CharField("原告类型", max_length=16, choices=PartyKind.choices)
    plaintiff_name = models.CharField("原告", max_length=200)
    cause = models.CharField("案由", max_length=200)
    act = models.CharField("被诉行政行为", max_length=300)
    after_reconsideration = models.BooleanField("经行政复议后起诉", default=False)
    reconsideration_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="litigations"
    )
    co_defendant = models.BooleanField("复议机关为共同被告", default=False)
    disclosure_related = models.BooleanField("因政府信息公开工作引起", default=False)
    head_summoned = models.BooleanField(
        "法院通知负责人出庭",
        default=False,
        help_text="涉及重大公共利益、社会高度关注或可能引发群体性事件等案件，法院应当通知",
    )
    served_on = models.DateField("收到起诉状副本（应诉通知）日期")
    answer_filed_on = models.DateField("提交答辩状、证据和依据日期", null=True, blank=True)
    result = models.CharField("裁判结果", max_length=16, choices=Result.choices, blank=True)
    result_on = models.DateField("裁判（结案）日期", null=True, blank=True)
    result_reason = models.TextField("裁判理由要点", blank=True)
    answer_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("court", "cause", "act", "plaintiff_name", "result_reason")

    class Meta:
        ordering = ["-served_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "served_on"]),
            models.Index(fields=["result_on"]),
        ]
        verbose_name = verbose_name_plural = "行政应诉案件"

    def __str__(self) -> str:
        return f"{self.number}（{self.get_instance_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:litigation", args=[self.pk])

    @property
    def lost(self) -> bool:
        return self.result == self.Result.LOST


class Hearing(models.Model):
    """One court session (开庭) and who appeared for the defendant (行政诉讼法 第3条第3款)."""

    class HeadRole(models.TextChoices):
        PRINCIPAL = "principal", "正职负责人"
        DEPUTY = "deputy", "副职负责人"
        IN_CHARGE = "in_charge", "分管被诉行为的负责人"

    litigation = models.ForeignKey(Litigation, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期")
    head_appeared = models.BooleanField("负责人出庭")
    head_name = models.CharField("出庭负责人", max_length=50, blank=True)
    head_role = models.CharField(
        "负责人职务类别", max_length=16, choices=HeadRole.choices, blank=True
    )
    staff_names = models.CharField("出庭的工作人员", max_length=200, blank=True)
    lawyer_names = models.CharField("委托律师", max_length=200, blank=True)
    excuse = models.CharField("负责人不能出庭的理由", max_length=300, blank=True)
    excuse_attachment = models.CharField(
        "加盖公章的情况说明（附件指纹）", max_length=64, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = verbose_name_plural = "开庭与出庭应诉"

    scope_field = "litigation__unit"

    def __str__(self) -> str:
        return f"{self.litigation.number} {self.held_on:%Y-%m-%d}开庭"


class Suggestion(Versioned):
    """A 司法建议 (from a court) or 检察建议 (from a procuratorate) received, assigned to the
    unit that must act on it and reply by the date it states (or the configured period)."""

    class Kind(models.TextChoices):
        JUDICIAL = "judicial", "司法建议"
        PROCURATORIAL = "procuratorial", "检察建议"

    unit = models.ForeignKey(
        OrgUnit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    issuer = models.CharField("制发机关", max_length=100)
    number = models.CharField("文号", max_length=80, unique=True)
    received_on = models.DateField("收到日期")
    subject = models.CharField("事由", max_length=200)
    content = models.TextField("建议内容")
    reply_due_on = models.DateField("回复期限")
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("办理和回复情况", blank=True)
    replied_in_time = models.BooleanField("按期回复", null=True, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("subject", "content")

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"])]
        verbose_name = verbose_name_plural = "司法建议、检察建议"

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("reconsideration:suggestion", args=[self.pk])


class NumberSequence(models.Model):
    """The running numbers of applications, cases and documents out, per year and kind."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=24)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="recon_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.last}"
