"""Back-office forms of the decision pages. Rules live in services; forms only parse."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateInput
from fazhi.core.models import OrgUnit

from .models import CatalogItem, CollectiveDecision, PostEvaluation, RiskAssessment


def _area(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


def _units(user, under: OrgUnit | None = None, action: str = "change"):
    qs = access.allowed_unit_choices(user, action).exclude(kind=OrgUnit.Kind.COMMUNITY)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    return qs.order_by("sort_order", "code")


def _all_units(under: OrgUnit | None = None):
    qs = OrgUnit.objects.filter(active=True).exclude(kind=OrgUnit.Kind.COMMUNITY)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    return qs.order_by("sort_order", "code")


class FileField(forms.FileField):
    def __init__(self, label="附件", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "PDF、OFD、Word、图片等，单个文件不超过系统上限")
        super().__init__(label=label, **kwargs)


# --- catalogue ------------------------------------------------------------------------------


class CatalogForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label="决策机关", queryset=OrgUnit.objects.none())
    title = forms.CharField(
        label="目录名称", max_length=200, required=False, help_text="留空自动生成"
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)
        self.fields["year"].initial = timezone.localdate().year


class ItemForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="承办单位", queryset=OrgUnit.objects.none())
    title = forms.CharField(label="决策事项名称", max_length=200)
    category = forms.ChoiceField(
        label="事项类别（条例第3条）", choices=[("", "请选择"), *CatalogItem.Category.choices]
    )
    summary = forms.CharField(label="事项简介及依据", widget=_area(3), required=False)
    planned = forms.CharField(
        label="计划完成时间", max_length=50, required=False, help_text="如：2025年第三季度"
    )

    def __init__(self, user, catalog, *args, any_unit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            _all_units(catalog.unit) if any_unit else _units(user, catalog.unit)
        )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="理由", widget=_area(2), max_length=500)


class ApproveCatalogForm(BootstrapMixin, forms.Form):
    party_agreed_on = forms.DateField(label="同级党委同意日期", widget=DateInput())
    party_document = forms.CharField(
        label="党委同意文件", max_length=200, help_text="如：区委常委会会议纪要〔2025〕3号"
    )
    file = FileField("党委同意文件扫描件")


class PublishCatalogForm(BootstrapMixin, forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DateInput())
    channel = forms.CharField(label="公布渠道", max_length=100, initial="区政府门户网站")


class AdjustAddForm(ItemForm):
    reason = forms.CharField(label="增补理由", widget=_area(2), max_length=500)
    decided_on = forms.DateField(label="调整日期", widget=DateInput())

    def __init__(self, user, catalog, *args, **kwargs):
        super().__init__(user, catalog, *args, any_unit=True, **kwargs)


class AdjustRemoveForm(BootstrapMixin, forms.Form):
    item = forms.ModelChoiceField(label="调出的事项", queryset=CatalogItem.objects.none())
    reason = forms.CharField(label="调出理由", widget=_area(2), max_length=500)
    decided_on = forms.DateField(label="调整日期", widget=DateInput())

    def __init__(self, catalog, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = catalog.items.filter(state=CatalogItem.State.INCLUDED)


class RepublishForm(BootstrapMixin, forms.Form):
    party_agreed_on = forms.DateField(label="同级党委同意调整的日期", widget=DateInput())
    party_document = forms.CharField(label="党委同意文件", max_length=200)
    published_on = forms.DateField(label="重新公布日期", widget=DateInput())
    channel = forms.CharField(label="公布渠道", max_length=100, initial="区政府门户网站")


# --- decision -------------------------------------------------------------------------------


class DraftForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="决策名称", max_length=200)
    draft = forms.CharField(label="决策草案", widget=_area(10), required=False)
    explanation = forms.CharField(
        label="起草说明",
        widget=_area(6),
        required=False,
        help_text="决策的必要性、主要内容、依据、拟解决的问题和论证情况（条例第14条、第26条）",
    )
    file = FileField("决策草案文件")


class ConsultationForm(BootstrapMixin, forms.Form):
    opens_on = forms.DateField(label="开始日期", widget=DateInput())
    closes_on = forms.DateField(
        label="截止日期",
        widget=DateInput(),
        help_text="一般不少于30日（条例第15条，开始当日不计入）",
    )
    urgent_reason = forms.CharField(
        label="缩短期限的理由",
        required=False,
        max_length=300,
        widget=_area(2),
        help_text="仅在因情况紧急等原因需要缩短期限时填写，将随征求意见一并公开",
    )


class ExemptionForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="不公开征求意见的理由",
        widget=_area(3),
        help_text="依法不予公开的决策事项（条例第14条），写明依据",
    )
    approved_by = forms.CharField(label="批准人或会议", max_length=100)


class ExpertForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label="论证日期", widget=DateInput())
    form = forms.CharField(label="论证方式", max_length=50, initial="专家论证会")
    organizer = forms.CharField(label="组织或承担论证的单位", max_length=100)
    experts = forms.CharField(
        label="参加专家", widget=_area(3), help_text="姓名、单位、专业，每行一位"
    )
    opinions = forms.CharField(label="论证意见", widget=_area(4))
    adoption = forms.CharField(label="意见采纳情况", widget=_area(3))
    file = FileField("论证意见书")


class WaiveForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="不需要开展的理由", widget=_area(2), max_length=500)


class RiskForm(BootstrapMixin, forms.Form):
    assessed_on = forms.DateField(label="评估日期", widget=DateInput())
    assessor = forms.CharField(label="承担评估的单位", max_length=100)
    method = forms.CharField(label="评估方式", max_length=200)
    level = forms.ChoiceField(
        label="风险等级", choices=[("", "请选择"), *RiskAssessment.Level.choices]
    )
    conclusion = forms.CharField(label="评估结论", widget=_area(3))
    measures = forms.CharField(
        label="风险防范化解措施",
        widget=_area(3),
        required=False,
        help_text="风险等级为高的必须填写",
    )
    file = FileField("风险评估报告")


class LegalityForm(BootstrapMixin, forms.Form):
    reviewer_unit = forms.ModelChoiceField(
        label="审查机构",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="默认（司法局/法制机构）",
    )
    file = FileField("送审材料")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer_unit"].queryset = _all_units()


class MeetingForm(BootstrapMixin, forms.Form):
    meeting_kind = forms.ChoiceField(
        label="会议类型", choices=[("", "请选择"), *CollectiveDecision.MeetingKind.choices]
    )
    meeting_name = forms.CharField(
        label="会议名称", max_length=100, help_text="如：区政府第35次常务会议"
    )
    meeting_on = forms.DateField(label="会议日期", widget=DateInput())
    attendees = forms.IntegerField(label="出席的会议组成人员人数", min_value=1)
    outcome = forms.ChoiceField(
        label="决定结果", choices=[("", "请选择"), *CollectiveDecision.Outcome.choices]
    )
    dissent = forms.CharField(
        label="不同意见", widget=_area(3), help_text="如实载明；没有不同意见的填写“无”"
    )
    head_decision = forms.CharField(label="行政首长最后作出的决定", widget=_area(3))
    head_departs = forms.BooleanField(
        label="行政首长决定与会议组成人员多数人意见不一致", required=False
    )
    head_reason = forms.CharField(label="行政首长说明的理由", widget=_area(2), required=False)
    file = FileField("会议纪要")


class PartyReportForm(BootstrapMixin, forms.Form):
    reported_on = forms.DateField(label="请示报告日期", widget=DateInput())
    document = forms.CharField(label="请示报告文件", max_length=200)
    note = forms.CharField(label="党委意见", max_length=500, required=False, widget=_area(2))
    file = FileField("请示报告及批复")


class PublishForm(BootstrapMixin, forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DateInput())
    channel = forms.CharField(label="公布渠道", max_length=100, initial="区政府门户网站")
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    published_text = forms.CharField(label="公布的决策文本", widget=_area(10))
    adoption_note = forms.CharField(
        label="公众意见、专家论证意见采纳情况说明",
        widget=_area(4),
        required=False,
        help_text="开展了公开征求意见或专家论证的必须填写（条例第32条）",
    )
    file = FileField("公布文本")


class ScheduleForm(BootstrapMixin, forms.Form):
    due = forms.DateField(label="报告日期", widget=DateInput())
    unit = forms.ModelChoiceField(label="执行单位", queryset=OrgUnit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _all_units()


class ExecutionForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="日期", widget=DateInput())
    unit = forms.ModelChoiceField(label="执行单位", queryset=OrgUnit.objects.none())
    note = forms.CharField(label="执行情况", widget=_area(4))
    problems = forms.CharField(label="发现的问题及建议", widget=_area(2), required=False)
    file = FileField("执行情况材料")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _all_units()


class EvaluationStartForm(BootstrapMixin, forms.Form):
    trigger = forms.ChoiceField(
        label="启动情形（条例第36条）", choices=[("", "请选择"), *PostEvaluation.Trigger.choices]
    )
    trigger_detail = forms.CharField(label="启动理由", widget=_area(3))
    evaluator = forms.CharField(
        label="承担评估的单位",
        max_length=100,
        help_text="可以委托第三方，但决策作出前承担主要论证评估工作的单位除外",
    )
    third_party = forms.BooleanField(label="委托第三方评估", required=False)
    started_on = forms.DateField(label="启动日期", widget=DateInput())


class EvaluationFinishForm(BootstrapMixin, forms.Form):
    finished_on = forms.DateField(label="完成日期", widget=DateInput())
    result = forms.CharField(label="评估结果", widget=_area(5))
    recommendation = forms.ChoiceField(
        label="评估建议", choices=[("", "请选择"), *PostEvaluation.Recommendation.choices]
    )
    file = FileField("评估报告")


class ArchiveForm(BootstrapMixin, forms.Form):
    archived_on = forms.DateField(label="归档日期", widget=DateInput())
    reference = forms.CharField(label="档号", max_length=100)


class RejectForm(BootstrapMixin, forms.Form):
    """The reason is checked by the service, so a missing one comes back in Chinese."""

    reason = forms.CharField(label="不列入理由", required=False, max_length=500)
