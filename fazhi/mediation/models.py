"""矛盾纠纷排查调解 (人民调解法, 2011) and 信访 (信访工作条例, 2022-05-01 起施行).

Every record belongs to an org unit: a mediation body to the township or department that
hosts it, a dispute to the unit whose body mediates it (the township of a 网格员 who found
it, until it is assigned), a petition to the unit that registered it and, once routed, is
handled by ``handling_unit``. Statutory dates (排查、受理、协议、司法确认、登记、告知、受理、
处理意见书、复查、复核) are stored as the days the acts happened; each period is a core
``Deadline`` (deadlines.py) whose pauses and extensions are events, never an edited date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import Deadline, OrgUnit

from . import rules

_USER = settings.AUTH_USER_MODEL


def _choices(name: str, pairs):
    return models.TextChoices(name, [(c.upper(), (c, label)) for c, label in pairs])


class MediationBody(Versioned):
    """An 调解组织: a 人民调解委员会 (人民调解法 第八条), an industry committee, a department's
    行政调解, or a 访调/诉调/警调 对接 room. The composition of a committee (第九条: 3–9
    members, a woman among them, three-year terms) is checked by ``services.bodies``."""

    Kind = _choices("Kind", rules.BODY_KINDS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("调解组织名称", max_length=120)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    sector = models.CharField("行业或专业领域", max_length=60, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    term_starts_on = models.DateField("本届任期开始日期", null=True, blank=True)
    active = models.BooleanField("在运行", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("name", "kind", "sector", "address", "phone", "term_starts_on", "active")

    class Meta:
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="mediation_body_unique")
        ]
        verbose_name = verbose_name_plural = "调解组织"

    def __str__(self) -> str:
        return self.name

    @property
    def is_committee(self) -> bool:
        return self.kind in rules.COMMITTEE_KINDS

    def get_absolute_url(self) -> str:
        return reverse("mediation:body", args=[self.pk])


class BodyMember(models.Model):
    """A member (人民调解员) of a body, for the term in which they serve. A member who leaves
    keeps the row with ``left_on``: the committee's history is a record."""

    Role = _choices("Role", rules.MEMBER_ROLES)
    Gender = _choices("Gender", rules.GENDERS)

    body = models.ForeignKey(MediationBody, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    role = models.CharField("职务", max_length=12, choices=Role.choices, default=Role.MEMBER)
    ethnicity = models.CharField("民族", max_length=20, blank=True, default="汉族")
    phone = models.CharField("联系电话", max_length=30, blank=True)
    full_time = models.BooleanField("专职调解员", default=False)
    joined_on = models.DateField("任职日期")
    left_on = models.DateField("离任日期", null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "joined_on", "id"]
        verbose_name = verbose_name_plural = "人民调解员"

    def __str__(self) -> str:
        return self.name


class Dispute(Versioned):
    """A 矛盾纠纷: found (排查), accepted for mediation by a body, mediated in sessions, and
    ended: 调解成功 with its agreement (书面 or 口头, 第二十八条), 调解不成, or not mediated
    because a party refused (第十七条). A written agreement may go to the court for 司法确认
    within 30 days (第三十三条); a follow-up visit (回访) checks its performance; a dispute
    mediation did not settle is pointed to a legal route (第二十六条)."""

    class State(models.TextChoices):
        FOUND = "found", "已排查待受理"
        MEDIATING = "mediating", "调解中"
        SETTLED = "settled", "调解成功"
        FAILED = "failed", "调解不成"
        REFUSED = "refused", "当事人拒绝调解"
        ESCALATED = "escalated", "已导入法定途径"

    Source = _choices("Source", rules.DISPUTE_SOURCES)
    Type = _choices("Type", rules.DISPUTE_TYPES)
    Outcome = _choices("Outcome", rules.OUTCOMES)
    AgreementForm = _choices("AgreementForm", rules.AGREEMENT_FORMS)
    Route = _choices("Route", rules.ESCALATION_ROUTES)
    ConfirmationResult = _choices("ConfirmationResult", rules.CONFIRMATION_RESULTS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("纠纷编号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.FOUND)
    # 排查
    found_on = models.DateField("排查发现日期")
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    type = models.CharField("纠纷类型", max_length=16, choices=Type.choices)
    place = models.CharField("发生地点", max_length=200, blank=True)
    summary = models.TextField("纠纷简要情况")
    amount = models.DecimalField(
        "涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    people_involved = models.PositiveIntegerField("涉及人数", default=2)
    found_by = models.CharField("排查人", max_length=50, blank=True)
    # 受理调解
    body = models.ForeignKey(
        MediationBody, verbose_name="调解组织", null=True, blank=True,
        on_delete=models.PROTECT, related_name="disputes",
    )  # fmt: skip
    accepted_on = models.DateField("受理调解日期", null=True, blank=True)
    mediators = models.CharField("调解员", max_length=200, blank=True)
    # 结果
    outcome = models.CharField("调解结果", max_length=12, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("调解终结日期", null=True, blank=True)
    outcome_note = models.TextField("结果说明", blank=True)
    agreement_form = models.CharField(
        "协议形式", max_length=12, choices=AgreementForm.choices, blank=True
    )
    agreement_number = models.CharField("调解协议书编号", max_length=60, blank=True)
    agreement_terms = models.TextField("协议内容", blank=True)
    agreement_amount = models.DecimalField(
        "协议涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # 司法确认 (第三十三条)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理法院", max_length=100, blank=True)
    confirmation_result = models.CharField(
        "司法确认结果", max_length=12, choices=ConfirmationResult.choices, blank=True
    )
    confirmed_on = models.DateField("裁定日期", null=True, blank=True)
    # 回访
    followed_up_on = models.DateField("回访日期", null=True, blank=True)
    performed = models.BooleanField("协议已履行", null=True, blank=True)
    follow_up_note = models.TextField("回访情况", blank=True)
    # 导入法定途径 (第二十六条)
    escalation_route = models.CharField(
        "导入途径", max_length=16, choices=Route.choices, blank=True
    )
    escalated_on = models.DateField("导入日期", null=True, blank=True)
    # Where the dispute came from in 信访 (访调对接), by number (no cross-table key needed).
    petition_number = models.CharField("来源信访件编号", max_length=40, blank=True)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmation_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("type", "place", "summary", "amount", "people_involved", "mediators")
    OPEN_STATES = (State.FOUND, State.MEDIATING)

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "found_on"]),
            models.Index(fields=["found_on"]),
            models.Index(fields=["concluded_on"]),
            models.Index(fields=["body", "concluded_on"]),
        ]
        verbose_name = verbose_name_plural = "矛盾纠纷"

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("mediation:dispute", args=[self.pk])


class DisputeParty(models.Model):
    """A party to a dispute: personal data, masked in everything public (core.masking)."""

    Side = _choices("Side", rules.PARTY_SIDES)
    Kind = _choices("Kind", rules.PARTY_KINDS)

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField("当事人一方", max_length=12, choices=Side.choices)
    kind = models.CharField("类型", max_length=14, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField("姓名或名称", max_length=200)
    id_number = models.CharField("身份证号或统一社会信用代码", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)

    class Meta:
        ordering = ["dispute", "side", "id"]
        verbose_name = verbose_name_plural = "纠纷当事人"

    def __str__(self) -> str:
        return self.name


class MediationSession(models.Model):
    """One sitting of a mediation (人民调解法 第二十二条: the mediators hear the parties, explain
    the law and help them reach an agreement)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("调解日期")
    place = models.CharField("调解地点", max_length=200, blank=True)
    mediators = models.CharField("调解员", max_length=200)
    notes = models.TextField("调解记录")

    class Meta:
        ordering = ["dispute", "held_on", "id"]
        verbose_name = verbose_name_plural = "调解记录"

    def __str__(self) -> str:
        return f"{self.dispute} {self.held_on}"


class Petition(Versioned):
    """A 信访事项 (信访工作条例). Registered by the unit that received it (the 信访部门 or an
    agency), routed within 15 days (第二十二条), the petitioner told within 15 days whether it
    is accepted (第二十三条); a 申诉求决 petition is concluded with a 处理意见书 within 60 days,
    +30 with approval (第三十四条); then 复查 and 复核 (``PetitionReview``), after which the
    same request is no longer accepted (第三十六条)."""

    class State(models.TextChoices):
        REGISTERED = "registered", "已登记待处理"
        ROUTED = "routed", "已转送交办待受理"
        HANDLING = "handling", "办理中"
        CONCLUDED = "concluded", "已办结"
        NOT_ACCEPTED = "not_accepted", "不予受理"
        REDIRECTED = "redirected", "已告知通过法定途径解决"

    Channel = _choices("Channel", rules.PETITION_CHANNELS)
    Category = _choices("Category", rules.PETITION_CATEGORIES)
    Route = _choices("Route", rules.ROUTES)
    NotAcceptedGround = _choices("NotAcceptedGround", rules.NOT_ACCEPTED_GROUNDS)
    Result = _choices("Result", rules.HANDLING_RESULTS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="登记单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("信访件编号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=14, choices=State.choices, default=State.REGISTERED)
    channel = models.CharField("信访形式", max_length=12, choices=Channel.choices)
    received_on = models.DateField("收到日期")
    category = models.CharField("类别", max_length=12, choices=Category.choices)
    petitioner_name = models.CharField("信访人姓名", max_length=100)
    petitioner_id = models.CharField("身份证号", max_length=18, blank=True)
    petitioner_phone = models.CharField("联系电话", max_length=30, blank=True)
    petitioner_address = models.CharField("住址", max_length=200, blank=True)
    people_count = models.PositiveIntegerField("来访人数", default=1)
    representatives = models.TextField("代表姓名（集体访，每行一名）", blank=True)
    subject = models.CharField("信访事项", max_length=200)
    content = models.TextField("主要诉求和事实理由")
    # The earlier petition with the same facts and reasons (a repeat, or the one reviewed).
    same_as = models.ForeignKey(
        "self", verbose_name="同一事项的在先信访件", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # 登记和转送交办 (第二十二条)
    route = models.CharField("处理方式", max_length=14, choices=Route.choices, blank=True)
    routed_on = models.DateField("转送交办日期", null=True, blank=True)
    handling_unit = models.ForeignKey(
        OrgUnit, verbose_name="办理单位", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    handling_received_on = models.DateField("办理单位收到日期", null=True, blank=True)
    # 告知 (第二十三条)
    accepted = models.BooleanField("受理", null=True, blank=True)
    not_accepted_ground = models.CharField(
        "不予受理理由", max_length=16, choices=NotAcceptedGround.choices, blank=True
    )
    notified_on = models.DateField("书面告知日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    # 办理 (第三十四条)
    extension_days = models.PositiveSmallIntegerField("延长办理期限（日）", default=0)
    extension_approved_by = models.CharField("批准人", max_length=50, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    result = models.CharField("处理结果", max_length=16, choices=Result.choices, blank=True)
    opinion_number = models.CharField("处理意见书文号", max_length=80, blank=True)
    opinion = models.TextField("处理意见", blank=True)
    concluded_on = models.DateField("出具处理意见书日期", null=True, blank=True)
    opinion_served_on = models.DateField("信访人收到处理意见书日期", null=True, blank=True)
    late = models.BooleanField("逾期办结", default=False)
    satisfied = models.BooleanField("信访人满意", null=True, blank=True)
    routing_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = (
        "category",
        "petitioner_name",
        "petitioner_phone",
        "petitioner_address",
        "subject",
        "content",
    )
    OPEN_STATES = (State.REGISTERED, State.ROUTED, State.HANDLING)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "state", "received_on"]),
            models.Index(fields=["handling_unit", "state"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["petitioner_id", "received_on"]),
        ]
        verbose_name = verbose_name_plural = "信访事项"

    def __str__(self) -> str:
        return self.number

    @property
    def is_group(self) -> bool:
        from . import conf

        return self.people_count >= conf.group_visit_min_people()

    def get_absolute_url(self) -> str:
        return reverse("mediation:petition", args=[self.pk])

    @classmethod
    def scope_extra(cls, user, action: str) -> models.Q:
        """The handling unit reads the petitions routed to it (access_petitions.py)."""
        from .access_petitions import scope_extra

        return scope_extra(user, action)

    @classmethod
    def scope_narrow(cls, user, action: str) -> models.Q:
        from .access_petitions import scope_narrow

        return scope_narrow(user, action)


class PetitionReview(models.Model):
    """A 复查 (by the agency one level up, 第三十五条) or 复核 (by the level above that,
    第三十六条) of a 处理意见书: requested within 30 days, answered within 30 days (a 复核's
    hearing not counted). Only one of each per petition."""

    Level = _choices("Level", rules.REVIEW_LEVELS)
    Result = _choices("Result", rules.REVIEW_RESULTS)

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    reviewing_unit = models.ForeignKey(
        OrgUnit, verbose_name="复查（复核）机关", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("收到请求日期")
    hearing_from = models.DateField("听证开始日期", null=True, blank=True)
    hearing_to = models.DateField("听证结束日期", null=True, blank=True)
    result = models.CharField("结论", max_length=10, choices=Result.choices, blank=True)
    opinion_number = models.CharField("意见书文号", max_length=80, blank=True)
    opinion = models.TextField("复查（复核）意见", blank=True)
    answered_on = models.DateField("出具意见日期", null=True, blank=True)
    served_on = models.DateField("信访人收到意见书日期", null=True, blank=True)
    late = models.BooleanField("逾期", default=False)
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["petition", "requested_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "level"], name="mediation_review_once")
        ]
        verbose_name = verbose_name_plural = "信访复查复核"

    def __str__(self) -> str:
        return f"{self.petition} {self.get_level_display()}"
