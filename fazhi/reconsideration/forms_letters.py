"""Forms of the 意见书 / 建议书 screens; the services (``services/letters.py``) check the
rules and answer in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import BootstrapMixin, DateField, MultipleFileField
from fazhi.core.models import OrgUnit

from .forms import UnitField
from .models import Case, OpinionLetter


def _today():
    return timezone.localdate()


class IssueForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(
        label="文书类别", choices=[("", "请选择"), *OpinionLetter.Kind.choices]
    )
    addressee = UnitField(label="发送对象", queryset=OrgUnit.objects.none())
    case = forms.ModelChoiceField(
        label="所涉行政复议案件", queryset=Case.objects.none(), required=False,
        empty_label="（不针对某一案件）",
    )  # fmt: skip
    issued_on = DateField(label="制发日期", initial=_today)
    content = forms.CharField(label="主要内容", max_length=5000, widget=forms.Textarea({"rows": 6}))

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = OrgUnit.objects.filter(active=True).order_by(
            "sort_order", "code"
        )
        self.fields["case"].queryset = cases if cases is not None else Case.objects.none()


class ReportForm(BootstrapMixin, forms.Form):
    reported_on = DateField(label="收到整改（落实）情况报告日期", initial=_today)
    report = forms.CharField(
        label="整改（落实）情况", max_length=5000, widget=forms.Textarea({"rows": 4})
    )
    files = MultipleFileField(label="整改情况报告（可多选）", required=False)
