"""Forms of the portal's comment box and the back office. The rules live in services;
forms only collect what was typed (and keep it when a gate refuses)."""

from __future__ import annotations

from django import forms

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateInput
from fazhi.core.models import OrgUnit

from .models import Comment, Consultation


class CommentForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写意见内容"},
        help_text="5—2000字。请针对征求意见稿的具体条款提出意见和理由。",
    )
    name = forms.CharField(
        label="姓名（选填，不公开）", required=False, help_text="仅供起草单位与您联系"
    )
    phone = forms.CharField(
        label="联系电话（选填，不公开）",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class ResponseForm(BootstrapMixin, forms.Form):
    response = forms.ChoiceField(
        label="采纳情况",
        choices=[("", "请选择"), *Comment.Response.choices],
        required=False,
    )
    reason = forms.CharField(
        label="理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="部分采纳、不采纳的须说明理由",
    )


class CloseForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="提前结束的理由",
        required=False,
        help_text="截止日期届满前结束须说明理由",
    )


class SummaryForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label="意见采纳情况说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )


class NewConsultationForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Consultation.Kind.choices)
    unit = forms.ModelChoiceField(label="起草单位", queryset=OrgUnit.objects.none())
    title = forms.CharField(
        label="标题", help_text="如：关于《……（征求意见稿）》公开征求意见的公告"
    )
    draft = forms.CharField(label="征求意见稿全文", widget=forms.Textarea(attrs={"rows": 12}))
    explanation = forms.CharField(
        label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    opens_on = forms.DateField(label="开始日期", widget=DateInput())
    closes_on = forms.DateField(label="截止日期", widget=DateInput())
    urgent_reason = forms.CharField(
        label="缩短期限的理由",
        required=False,
        help_text="期限少于规定天数时必填，将随征求意见一并公开",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            access.allowed_unit_choices(user, "change")
            .exclude(kind=OrgUnit.Kind.COMMUNITY)
            .order_by("sort_order", "code")
        )
        self.fields["title"].required = True
