from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateInput
from fazhi.core.models import OrgUnit

from . import services
from .models import Contract, LegalAdviser, LegalReview


def _today():
    return timezone.localdate()


def _reviewing_units():
    return (
        OrgUnit.objects.filter(active=True)
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )


def _advisers():
    return LegalAdviser.objects.filter(active=True).order_by("kind", "name")


class ReviewRequestForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label="送审事项",
        max_length=300,
        help_text="如：区政府常务会议议题《关于加快推进城市更新的实施意见》",
    )
    kind = forms.ChoiceField(label="审查类型", choices=LegalReview.Kind.choices)
    unit = forms.ModelChoiceField(label="送审单位", queryset=OrgUnit.objects.none())
    reviewer_unit = forms.ModelChoiceField(
        label="审查机构", queryset=OrgUnit.objects.none(), help_text="默认为区司法局"
    )
    draft = forms.FileField(label="送审稿")
    other = forms.FileField(label="其他材料（起草说明、依据等）", required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user, "change").order_by(
            "sort_order", "code"
        )
        if user.unit_id and not self.is_bound:
            self.initial.setdefault("unit", user.unit_id)
        self.fields["reviewer_unit"].queryset = _reviewing_units()
        default = services.default_reviewer_unit()
        if default is not None and not self.is_bound:
            self.initial.setdefault("reviewer_unit", default.pk)


class AssignForm(BootstrapMixin, forms.Form):
    assignee = forms.ModelChoiceField(label="承办审查人员", queryset=None)
    adviser = forms.ModelChoiceField(label="征询的法律顾问/公职律师", queryset=None, required=False)

    def __init__(self, review, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = services.reviewers_of(review.reviewer_unit)
        self.fields["adviser"].queryset = _advisers()


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="需要补充的材料",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = forms.DateField(label="退回日期", widget=DateInput(), initial=_today)


class ResubmitForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label="补充情况说明", max_length=200, required=False)
    file = forms.FileField(label="补充材料", required=False)
    on = forms.DateField(label="提交日期", widget=DateInput(), initial=_today)


class ConcludeForm(BootstrapMixin, forms.Form):
    opinion = forms.ChoiceField(
        label="审查结论", choices=[("", "请选择"), *LegalReview.Opinion.choices]
    )
    reasons = forms.CharField(
        label="审查意见及理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="“不合法”须写明理由和依据；“修改后合法”须写明修改意见。每段一行。",
    )
    adviser = forms.ModelChoiceField(
        label="征询的法律顾问/公职律师",
        queryset=None,
        required=False,
        help_text="重大行政决策须征询法律顾问或公职律师意见",
    )
    written = forms.BooleanField(label="出具书面审查意见书", required=False, initial=True)
    on = forms.DateField(label="出具意见日期", widget=DateInput(), initial=_today)
    early_reason = forms.CharField(
        label="提前出具意见的理由",
        max_length=300,
        required=False,
        help_text="未满最短审查时间出具意见的，须填写",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = _advisers()


class WithdrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=300)


class MaterialForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label="文件")
    description = forms.CharField(label="说明", max_length=200, required=False)


class AdviserForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LegalAdviser
        fields = [
            "name",
            "kind",
            "unit",
            "employer",
            "phone",
            "contract_start",
            "contract_end",
            "active",
        ]
        widgets = {"contract_start": DateInput(), "contract_end": DateInput()}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user, "change").order_by(
            "sort_order", "code"
        )


class ParticipationForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="会议日期", widget=DateInput(), initial=_today)
    meeting = forms.CharField(label="会议", max_length=200, help_text="如：区政府第12次常务会议")
    topic = forms.CharField(label="议题", max_length=300)
    unit = forms.ModelChoiceField(label="会议单位", queryset=OrgUnit.objects.none())

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user, "change").order_by(
            "sort_order", "code"
        )


class ContractForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="合同名称", max_length=200)
    category = forms.ChoiceField(label="类别", choices=Contract.Category.choices)
    counterparty = forms.CharField(label="相对方", max_length=200)
    counterparty_uscc = forms.CharField(
        label="相对方统一社会信用代码", max_length=30, required=False
    )
    amount = forms.DecimalField(
        label="金额（万元）", max_digits=14, decimal_places=2, required=False, min_value=0
    )
    unit = forms.ModelChoiceField(label="承办单位", queryset=OrgUnit.objects.none())
    description = forms.CharField(
        label="主要内容", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    on = forms.DateField(label="登记日期", widget=DateInput(), initial=_today)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user, "change").order_by(
            "sort_order", "code"
        )
        if user.unit_id and not self.is_bound:
            self.initial.setdefault("unit", user.unit_id)


class ContractSubmitForm(BootstrapMixin, forms.Form):
    reviewer_unit = forms.ModelChoiceField(label="审查机构", queryset=None)
    file = forms.FileField(label="合同文本（送审稿）", required=False)
    on = forms.DateField(label="送审日期", widget=DateInput(), initial=_today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer_unit"].queryset = _reviewing_units()
        default = services.default_reviewer_unit()
        if default is not None and not self.is_bound:
            self.initial.setdefault("reviewer_unit", default.pk)


class DateForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="日期", widget=DateInput(), initial=_today)


class TerminateForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="终止理由", max_length=300)
    on = forms.DateField(label="终止日期", widget=DateInput(), initial=_today)


class MilestoneForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="履约节点", max_length=200, help_text="如：完成一期工程竣工验收")
    due = forms.DateField(label="约定期限", widget=DateInput())


class DisputeForm(BootstrapMixin, forms.Form):
    description = forms.CharField(
        label="争议事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    on = forms.DateField(label="发生日期", widget=DateInput(), initial=_today)


class ResolveForm(BootstrapMixin, forms.Form):
    outcome = forms.CharField(label="处理结果", max_length=300)
    on = forms.DateField(label="解决日期", widget=DateInput(), initial=_today)
