"""Forms of the 规范性文件附带审查 record page. They only shape input; the services in
``services/ancillary.py`` check the rules (行政复议法 第56—60条)."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField

from .models import AncillaryReview

A = AncillaryReview


class RouteForm(BootstrapMixin, forms.Form):
    route = forms.ChoiceField(
        label="处理方式", choices=[("", "请选择"), *A.Route.choices], required=False
    )
    on = DateField(label="书面通知制定机关或转送日期")
    maker_name = forms.CharField(label="制定机关（本机关处理时）", max_length=200, required=False)
    forwarded_to = forms.CharField(
        label="转送的有权处理机关（转送时）", max_length=200, required=False
    )


class AnswerForm(BootstrapMixin, forms.Form):
    on = DateField(label="制定机关答复日期")
    answer = forms.CharField(
        label="书面答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ConcludeForm(BootstrapMixin, forms.Form):
    conclusion = forms.ChoiceField(
        label="审查结论", choices=[("", "请选择"), *A.Conclusion.choices], required=False
    )
    on = DateField(label="结论日期")
    reasons = forms.CharField(
        label="理由", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
