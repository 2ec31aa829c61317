from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateInput
from fazhi.core.models import OrgUnit

from . import rules
from .models import Filing, NormativeDocument, Outcome


class DraftForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label="标题", max_length=200, help_text="如：示范区城市道路临时占用管理办法"
    )
    unit = forms.ModelChoiceField(label="起草单位", queryset=OrgUnit.objects.none())
    issuer = forms.ModelChoiceField(
        label="制定机关",
        queryset=OrgUnit.objects.none(),
        help_text="以区政府名义印发的选区政府；部门文件选本部门",
    )
    basis = forms.CharField(label="制定依据", max_length=500, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 16}), required=False)
    explanation = forms.CharField(
        label="起草说明",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="制定的必要性、主要内容、征求意见情况等",
    )

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["issuer"].queryset = OrgUnit.objects.filter(active=True).exclude(
            kind=OrgUnit.Kind.COMMUNITY
        )

    def clean(self):
        data = super().clean()
        unit, issuer = data.get("unit"), data.get("issuer")
        if unit and issuer and not unit.path.startswith(issuer.path):
            self.add_error("issuer", "制定机关应为起草单位本身或其上级人民政府")
        return data


class ConsultForm(BootstrapMixin, forms.Form):
    opens_on = forms.DateField(label="开始日期", widget=DateInput())
    closes_on = forms.DateField(label="截止日期", widget=DateInput())
    urgent_reason = forms.CharField(
        label="缩短期限的理由",
        max_length=300,
        required=False,
        help_text="期限少于规定的最短期限（一般为30日）时必填，理由随征求意见一并公开",
    )


class ExemptForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="不公开征求意见的理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )
    approved_by = forms.CharField(label="批准人", max_length=100)


class ReviewForm(BootstrapMixin, forms.Form):
    self_checked = forms.BooleanField(
        label="已对照国办发〔2018〕37号自查：未增设行政许可、行政处罚、行政强制、行政收费等事项，"
        "未增加办理行政许可事项的条件，未违法减损权益或增加义务，未排除、限制公平竞争",
        required=False,
    )


class WithdrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="撤回修改的理由", max_length=300)


class DiscussForm(BootstrapMixin, forms.Form):
    meeting = forms.CharField(
        label="审议会议", max_length=100, help_text="如：区政府第12次常务会议"
    )
    date = forms.DateField(label="审议日期", widget=DateInput())
    outcome = forms.ChoiceField(label="审议结果", choices=NormativeDocument.Outcome.choices)
    note = forms.CharField(label="审议意见", max_length=500, required=False)


class NumberForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="登记日期", widget=DateInput())


class PublishForm(BootstrapMixin, forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DateInput())
    effective_on = forms.DateField(
        label="施行日期", widget=DateInput(), required=False, help_text="留空为自公布之日起施行"
    )
    valid_until = forms.DateField(
        label="有效期至",
        widget=DateInput(),
        required=False,
        help_text=f"留空按最长有效期：{rules.valid_years(False)}年，标题含“暂行”“试行”的"
        f"{rules.valid_years(True)}年",
    )
    channel = forms.CharField(
        label="公布载体", max_length=100, required=False, help_text="如：区政府门户网站、区政府公报"
    )


class FileForm(BootstrapMixin, forms.Form):
    filed_on = forms.DateField(label="报送备案日期", widget=DateInput())
    filed_with = forms.CharField(label="备案机关", max_length=100, required=False)
    late_reason = forms.CharField(label="逾期原因", max_length=300, required=False)


class FilingOutcomeForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="审查结果",
        choices=[c for c in Filing.Outcome.choices if c[0] != Filing.Outcome.PENDING],
    )
    on = forms.DateField(label="结果日期", widget=DateInput())
    note = forms.CharField(label="审查意见", max_length=500, required=False)


class EvaluateForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="评估日期", widget=DateInput())
    recommendation = forms.ChoiceField(label="评估建议", choices=Outcome.choices)
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea(attrs={"rows": 3}))


class _Successor(forms.Form):
    by = forms.CharField(
        label="文号", max_length=64, required=False, help_text="作出修改或废止的文件的文号"
    )

    def clean_by(self):
        number = self.cleaned_data["by"].strip()
        if not number:
            return None
        doc = NormativeDocument.objects.filter(doc_number=number).first()
        if doc is None:
            raise forms.ValidationError(f"没有文号为“{number}”的文件")
        return doc


class AmendForm(BootstrapMixin, _Successor):
    on = forms.DateField(label="修改日期", widget=DateInput())
    note = forms.CharField(label="说明", max_length=300, required=False)


class RepealForm(BootstrapMixin, _Successor):
    on = forms.DateField(label="废止日期", widget=DateInput())
    reason = forms.CharField(label="废止理由", max_length=300, required=False)


class ExpireForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="失效日期", widget=DateInput())
    reason = forms.CharField(label="失效理由", max_length=300)


class CleanupForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label="名称", max_length=200, help_text="如：2025年度行政规范性文件集中清理"
    )
    basis = forms.CharField(label="清理依据", max_length=300, required=False)
    started_on = forms.DateField(label="开始日期", widget=DateInput())


class CleanupOutcomeForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label="清理结果", choices=Outcome.choices)
    reason = forms.CharField(label="理由", max_length=500)


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label="导入文件（XLSX）")
