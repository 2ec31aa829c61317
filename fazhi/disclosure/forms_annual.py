"""Forms of the annual-report screens; ``annual.services`` checks the rules and answers in
Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit


def _today():
    return timezone.localdate()


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CreateForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="报告单位", queryset=OrgUnit.objects.none(), empty_label="请选择")
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class EditForm(BootstrapMixin, forms.Form):
    overview = forms.CharField(
        label="一、总体情况", required=False, max_length=20000,
        widget=forms.Textarea({"rows": 10}),
        help_text="主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况",
    )  # fmt: skip
    problems = forms.CharField(
        label="五、存在的主要问题及改进情况", required=False, max_length=20000,
        widget=forms.Textarea({"rows": 6}),
    )  # fmt: skip
    other_matters = forms.CharField(
        label="六、其他需要报告的事项", required=False, max_length=20000,
        widget=forms.Textarea({"rows": 6}),
        help_text="应包括信息处理费的收取情况（发出收费通知的件数和总金额、实际收取的总金额）",
    )  # fmt: skip
    fee_income = forms.DecimalField(
        label="行政事业性收费本年收费金额（万元）", required=False, min_value=0,
        max_digits=12, decimal_places=4,
        help_text="第二十条第（八）项；本单位未收取行政事业性收费的填0",
    )  # fmt: skip


class PublishForm(BootstrapMixin, forms.Form):
    published_on = DateField(label="公开日期", initial=_today)
