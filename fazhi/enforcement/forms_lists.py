"""Forms of the enforcement lists (agencies, powers, delegations, 免罚轻罚清单, 裁量基准,
法制审核情形) and of officers. They only shape input; the services check the rules."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from fazhi.core.forms import BootstrapMixin, DateInput, ModelMultipleChoiceField

from .models import (
    Agency,
    CaseKind,
    DiscretionBand,
    Exemption,
    Officer,
    Power,
    ReviewCriterion,
)

# A personal mobile number (11 digits from 13–19, maybe written 3-4-4): the agency's
# telephone is published on the portal, so it must be the office's.
MOBILE = re.compile(r"(?<!\d)1[3-9]\d[-\s.]?\d{4}[-\s.]?\d{4}(?!\d)")


def is_mobile(phone: str) -> bool:
    return bool(MOBILE.search(phone or ""))


class Date(forms.DateField):
    """A date of a record of this district: a wrong century is refused, never stored."""

    widget = DateInput

    def validate(self, value):
        super().validate(value)
        if value and not dt.date(1949, 10, 1) <= value <= dt.date(2199, 12, 31):
            raise forms.ValidationError("日期超出可能的范围")


class AgencyForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="所属单位", queryset=Agency.objects.none())
    name = forms.CharField(label="执法主体名称", max_length=100)
    kind = forms.ChoiceField(label="主体类别", choices=Agency.Kind.choices)
    legal_basis = forms.CharField(
        label="设立及执法依据", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    remedies = forms.CharField(
        label="救济渠道",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="申请行政复议、提起行政诉讼的机关和期限，在门户网站公示",
    )
    address = forms.CharField(label="办公地址", max_length=200, required=False)
    phone = forms.CharField(
        label="咨询电话", max_length=30, required=False, help_text="单位办公电话，不填个人电话"
    )

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if is_mobile(phone):
            raise forms.ValidationError(
                "咨询电话在门户网站公示，请填写单位办公电话，不填个人手机号"
            )
        return phone


class PowerForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    kind = forms.ChoiceField(label="事项类别", choices=CaseKind.choices)
    legal_basis = forms.CharField(
        label="设定依据（法律条款）", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.CharField(label="承办机构（科室）", max_length=100, required=False)
    review_listed = forms.BooleanField(label="列入法制审核目录", required=False)


class DelegateForm(BootstrapMixin, forms.Form):
    power = forms.ModelChoiceField(label="执法事项", queryset=Power.objects.none())
    to_agency = forms.ModelChoiceField(label="承接的乡镇（街道）", queryset=Agency.objects.none())
    document_title = forms.CharField(label="赋权文件", max_length=200)
    document_number = forms.CharField(label="文号", max_length=60, required=False)
    delegated_on = Date(label="赋权日期")

    def __init__(self, agency, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = agency.powers.filter(active=True)
        self.fields["to_agency"].queryset = Agency.objects.filter(
            kind=Agency.Kind.TOWNSHIP, active=True
        ).exclude(pk=agency.pk)
        self.fields["power"].widget.attrs["data-searchable"] = "on"


class WithdrawForm(BootstrapMixin, forms.Form):
    delegation = forms.IntegerField(widget=forms.HiddenInput)
    on = Date(label="收回日期")


class ExemptionForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="清单类别", choices=Exemption.Kind.choices)
    violation = forms.CharField(label="违法行为", max_length=300)
    legal_basis = forms.CharField(
        label="法律依据", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    conditions = forms.CharField(
        label="适用条件", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class StandardForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label="编号", max_length=40)
    violation = forms.CharField(label="违法行为", max_length=300)
    legal_basis = forms.CharField(
        label="处罚依据", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    power = forms.ModelChoiceField(
        label="对应执法事项", queryset=Power.objects.none(), required=False
    )

    def __init__(self, agency, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = agency.powers.filter(active=True)


class BandForm(BootstrapMixin, forms.Form):
    circumstance = forms.ChoiceField(
        label="违法情节", choices=[("", "—"), *DiscretionBand.Circumstance.choices]
    )
    description = forms.CharField(label="情节描述", max_length=300)
    min_fine = forms.DecimalField(
        label="罚款下限（元）", min_value=0, max_digits=14, decimal_places=2
    )
    max_fine = forms.DecimalField(
        label="罚款上限（元）", min_value=0, max_digits=14, decimal_places=2
    )


BandFormSet = forms.formset_factory(BandForm, extra=4, min_num=1, validate_min=True)


class CriterionForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(
        label="情形", choices=[("", "—"), *ReviewCriterion.Kind.choices], required=False
    )
    amount = forms.DecimalField(
        label="数额（元）", min_value=0, max_digits=14, decimal_places=2, required=False
    )
    party_kind = forms.ChoiceField(
        label="适用当事人",
        choices=[("", "全部"), ("person", "自然人"), ("organisation", "单位")],
        required=False,
    )


CriteriaFormSet = forms.formset_factory(CriterionForm, extra=3)


class OfficerForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    certificate_number = forms.CharField(label="执法证号", max_length=40)
    certificate_kind = forms.ChoiceField(label="证件类型", choices=Officer.CertificateKind.choices)
    issuer = forms.CharField(label="发证机关", max_length=100)
    issued_on = Date(label="发证日期")
    valid_until = Date(label="有效期至")
    certified_since = Date(
        label="首次取得执法证日期",
        required=False,
        help_text="本证为换发的证件时填写；空白为本证发证日期",
    )
    legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)

    def __init__(self, agencies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class RenewForm(BootstrapMixin, forms.Form):
    issued_on = Date(label="换证日期")
    valid_until = Date(label="新的有效期至")


class StatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label="状态", choices=Officer.Status.choices)
    reason = forms.CharField(label="变更原因", max_length=300)


class ExamForm(BootstrapMixin, forms.Form):
    session = forms.CharField(
        label="考试场次", max_length=100, help_text="如：2025年第二次行政执法资格考试"
    )
    sat_on = Date(label="考试日期")
    passed = forms.TypedChoiceField(
        label="结果",
        choices=[("1", "通过"), ("0", "未通过")],
        coerce=lambda v: v == "1",
    )
    score = forms.DecimalField(
        label="成绩", min_value=0, max_value=999, max_digits=5, decimal_places=1, required=False
    )


class TrainingForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="举办单位", queryset=Agency.objects.none())
    topic = forms.CharField(label="培训主题", max_length=200)
    held_on = Date(label="培训日期")
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=999, max_digits=5, decimal_places=1
    )
    attendees = ModelMultipleChoiceField(
        label="参训人员",
        queryset=Officer.objects.none(),
        help_text="可输入姓名或执法证号查找，可多选",
    )

    def __init__(self, units, officers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["attendees"].queryset = officers
        self.fields["attendees"].widget.attrs["data-searchable"] = "on"
