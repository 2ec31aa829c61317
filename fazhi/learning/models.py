"""学法用法, 普法 and the principal leaders' duty to lead 法治建设.

The directory of officials (``Official``) is this module's: attendance at 学法 sessions,
trainings and 旁听庭审, exam results and 述法 name officials from it, and each official's
yearly hours are summed from those records (``hours.py``) and compared with the district's
minimum (conf.py). Every record belongs to an org unit; dates are the days the acts
happened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.locking import Versioned
from fazhi.core.models import OrgUnit

from . import rules

_USER = settings.AUTH_USER_MODEL


def _choices(name: str, pairs):
    return models.TextChoices(name, [(c.upper(), (c, label)) for c, label in pairs])


class Official(Versioned):
    """A 国家工作人员 of a unit, for 学法用法. Leaving keeps the row (``left_on``)."""

    Level = _choices("Level", rules.LEVELS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="所在单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=80)
    level = models.CharField("类别", max_length=12, choices=Level.choices, default=Level.STAFF)
    staff_number = models.CharField("人员编号", max_length=30, blank=True)
    joined_on = models.DateField("到岗日期", null=True, blank=True)
    left_on = models.DateField("离岗日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("name", "post", "level", "left_on")

    class Meta:
        ordering = ["unit__path", "level", "name", "id"]
        indexes = [models.Index(fields=["unit", "level"])]
        verbose_name = verbose_name_plural = "干部名录"

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"

    @property
    def is_leader(self) -> bool:
        return self.level in rules.LEADER_LEVELS


class StudySession(Versioned):
    """A 学法 session: 会前学法 before a 常务会议, the 理论学习中心组, a department's collective
    study or a lecture; the laws studied and who attended."""

    Kind = _choices("Kind", rules.SESSION_KINDS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("形式", max_length=16, choices=Kind.choices)
    held_on = models.DateField("学法日期")
    topic = models.CharField("学法主题", max_length=200)
    laws = models.TextField("学习的法律法规（每行一部）")
    lecturer = models.CharField("主讲人", max_length=100, blank=True)
    meeting = models.CharField("会议名称（会前学法的）", max_length=100, blank=True)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=2)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("kind", "held_on", "topic", "laws", "lecturer", "meeting", "hours")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "kind", "held_on"])]
        verbose_name = verbose_name_plural = "学法活动"

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("learning:session", args=[self.pk])


class SessionAttendance(models.Model):
    Status = _choices("Status", rules.ATTENDANCE)

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("出勤", max_length=8, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "official"], name="learning_session_once")
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.official}"


class LawDutyReport(Versioned):
    """A leader's annual 述法: written or at a meeting, with the evaluation it received."""

    Form = _choices("Form", rules.DUTY_REPORT_FORMS)
    Evaluation = _choices("Evaluation", rules.EVALUATIONS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="述法人所在单位", on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(Official, verbose_name="述法人", on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip
    year = models.PositiveIntegerField("述法年度")
    form = models.CharField("形式", max_length=10, choices=Form.choices)
    reported_on = models.DateField("述法日期")
    meeting = models.CharField("述法会议", max_length=120, blank=True)
    content = models.TextField("述法内容摘要")
    evaluation = models.CharField("评议结果", max_length=10, choices=Evaluation.choices, blank=True)
    score = models.DecimalField("评议得分", max_digits=5, decimal_places=1, null=True, blank=True)
    evaluated_on = models.DateField("评议日期", null=True, blank=True)
    evaluated_by = models.CharField("评议主体", max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("form", "reported_on", "meeting", "content")

    class Meta:
        ordering = ["-year", "unit__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["official", "year"], name="learning_duty_report_once")
        ]
        verbose_name = verbose_name_plural = "述法"

    def __str__(self) -> str:
        return f"{self.year} {self.official}"

    def get_absolute_url(self) -> str:
        return reverse("learning:duty_report", args=[self.pk])


class Training(Versioned):
    """A legal training course (期): its hours and who attended and completed it."""

    Kind = _choices("Kind", rules.TRAINING_KINDS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="举办单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    name = models.CharField("培训名称", max_length=200)
    starts_on = models.DateField("开班日期")
    ends_on = models.DateField("结业日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    place = models.CharField("地点", max_length=120, blank=True)
    content = models.TextField("培训内容", blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("kind", "name", "starts_on", "ends_on", "hours", "place", "content")

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["unit", "starts_on"])]
        verbose_name = verbose_name_plural = "法治培训"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:training", args=[self.pk])


class TrainingAttendance(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField("获得学时", max_digits=5, decimal_places=1)
    completed = models.BooleanField("结业", default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "official"], name="learning_training_once")
        ]

    def __str__(self) -> str:
        return f"{self.training} {self.official}"


class CourtObservation(Versioned):
    """A 旁听庭审: the case, the court, and the officials who attended."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("庭审日期")
    court = models.CharField("审理法院", max_length=100)
    case_number = models.CharField("案号", max_length=60, blank=True)
    case_name = models.CharField("案由", max_length=200)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=4)
    reflections = models.TextField("旁听体会", blank=True)
    attendees = models.ManyToManyField(Official, related_name="+", verbose_name="旁听人员")
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("held_on", "court", "case_number", "case_name", "hours", "reflections")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = verbose_name_plural = "旁听庭审"

    def __str__(self) -> str:
        return f"{self.held_on} {self.case_name}"


class Exam(Versioned):
    """The annual 法治理论知识考试 (年度考法) and its results."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    name = models.CharField("考试名称", max_length=200)
    held_on = models.DateField("考试日期")
    pass_mark = models.DecimalField("合格分数线", max_digits=5, decimal_places=1, default=60)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("name", "held_on", "pass_mark")

    class Meta:
        ordering = ["-year", "-held_on"]
        verbose_name = verbose_name_plural = "法治理论知识考试"

    def __str__(self) -> str:
        return self.name


class ExamResult(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="results")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    absent = models.BooleanField("缺考", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exam", "official"], name="learning_exam_once")
        ]

    def __str__(self) -> str:
        return f"{self.exam} {self.official}"


class LearningCredit(models.Model):
    """Hours an official earned outside the recorded sessions (网上学法平台, 党校 courses)."""

    Source = _choices("Source", rules.CREDIT_SOURCES)

    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="credits")
    earned_on = models.DateField("取得日期")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    description = models.CharField("内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["official", "-earned_on"]
        verbose_name = verbose_name_plural = "其他学法学时"

    def __str__(self) -> str:
        return f"{self.official} {self.hours}"


class LegalEducationDuty(Versioned):
    """An item of a unit's 普法责任清单 (谁执法谁普法) for a year: the law, the audience and
    the activities planned. Published on the portal once the unit publishes its list."""

    Audience = _choices("Audience", rules.AUDIENCES)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    laws = models.CharField("普法内容（法律法规）", max_length=300)
    audience = models.CharField("普法对象", max_length=12, choices=Audience.choices)
    planned_activities = models.TextField("计划开展的普法活动")
    planned_count = models.PositiveIntegerField("计划活动次数", default=1)
    responsible = models.CharField("责任科室", max_length=100, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("laws", "audience", "planned_activities", "planned_count", "responsible")

    class Meta:
        ordering = ["-year", "unit__path", "id"]
        verbose_name = verbose_name_plural = "普法责任清单事项"

    def __str__(self) -> str:
        return self.laws

    def get_absolute_url(self) -> str:
        return reverse("learning:duty", args=[self.pk])


class LegalEducationActivity(Versioned):
    """A 普法 activity carried out, with its reach, linked to the list item it fulfils."""

    Form = _choices("Form", rules.ACTIVITY_FORMS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="举办单位", on_delete=models.PROTECT, related_name="+"
    )
    duty = models.ForeignKey(
        LegalEducationDuty, verbose_name="对应的责任清单事项", null=True, blank=True,
        on_delete=models.PROTECT, related_name="activities",
    )  # fmt: skip
    held_on = models.DateField("活动日期")
    title = models.CharField("活动名称", max_length=200)
    form = models.CharField("形式", max_length=12, choices=Form.choices)
    place = models.CharField("地点", max_length=200, blank=True)
    reach = models.PositiveIntegerField("受众人数（人次）", default=0)
    materials = models.PositiveIntegerField("发放资料（份）", default=0)
    summary = models.TextField("活动情况", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("held_on", "title", "form", "place", "reach", "materials", "summary")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"])]
        verbose_name = verbose_name_plural = "普法活动"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:activity", args=[self.pk])


class LeadershipMeeting(Versioned):
    """A meeting of the government (常务会议, 全体会议, 专题会议) or the party committee where
    法治 was on the agenda, chaired by whom — the record the report's part on the principal
    leaders' first responsibility is written from."""

    Kind = _choices("Kind", rules.MEETING_KINDS)

    unit = models.ForeignKey(
        OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("会议类型", max_length=16, choices=Kind.choices)
    name = models.CharField("会议名称", max_length=120)
    held_on = models.DateField("会议日期")
    chaired_by = models.ForeignKey(
        Official, verbose_name="主持人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    minutes_number = models.CharField("会议纪要文号", max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    lock_fields = ("kind", "name", "held_on", "minutes_number")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "kind", "held_on"])]
        verbose_name = verbose_name_plural = "研究法治工作的会议"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:meeting", args=[self.pk])


class MeetingTopic(models.Model):
    """One 法治 item on a meeting's agenda and what was decided."""

    Kind = _choices("Kind", rules.TOPIC_KINDS)

    meeting = models.ForeignKey(LeadershipMeeting, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField("议题类别", max_length=12, choices=Kind.choices)
    title = models.CharField("议题", max_length=200)
    decision = models.TextField("研究决定", blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = verbose_name_plural = "法治议题"

    def __str__(self) -> str:
        return self.title
