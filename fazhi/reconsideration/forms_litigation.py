"""Forms of the 行政应诉 and 司法/检察建议 screens. They check the shape of what was typed
(dates, lengths, choices); every rule (who may act, the 15 days, who must appear at a
hearing, the stamped excuse) is the services', whose Chinese message the page shows with
what was typed kept."""

from __future__ import annotations

from django import forms

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField, MultipleFileField, posted_id
from fazhi.core.models import OrgUnit

from .models import Case, Hearing, Litigation, PartyKind, Suggestion
from .services.litigation import EXCUSES

BLANK = [("", "——请选择——")]


class IdChoiceField(forms.ModelChoiceField):
    """A record picked by id: an id the database cannot hold is "not one of the choices"."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if posted_id(value) is None:
            raise forms.ValidationError("选择的记录不存在或无权选择", code="invalid_choice")
        return super().to_python(value)


class UnitField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def units_for(user):
    """Units the user may act for (their own, or any for a coordinator), not communities."""
    return (
        access.allowed_unit_choices(user, "change")
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )


class LitigationForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="被告（应诉单位）", queryset=OrgUnit.objects.none())
    court = forms.CharField(label="审理法院", max_length=100)
    number = forms.CharField(label="法院案号", max_length=80, help_text="如（2025）示0105行初12号")
    instance = forms.ChoiceField(label="审级", choices=Litigation.Instance.choices)
    previous = IdChoiceField(
        label="前一审级（二审、再审时选择）", queryset=Litigation.objects.none(), required=False
    )
    plaintiff_kind = forms.ChoiceField(label="原告类型", choices=PartyKind.choices)
    plaintiff_name = forms.CharField(label="原告", max_length=200)
    cause = forms.CharField(
        label="案由", max_length=200, help_text="如行政处罚、政府信息公开、征收补偿"
    )
    act = forms.CharField(label="被诉行政行为", max_length=300)
    served_on = DateField(label="收到起诉状副本（应诉通知）日期")
    after_reconsideration = forms.BooleanField(label="经行政复议后起诉", required=False)
    reconsideration_case = IdChoiceField(
        label="关联的行政复议案件", queryset=Case.objects.none(), required=False
    )
    co_defendant = forms.BooleanField(label="复议机关为共同被告", required=False)
    disclosure_related = forms.BooleanField(label="因政府信息公开工作引起", required=False)
    head_summoned = forms.BooleanField(
        label="法院通知负责人出庭",
        required=False,
        help_text="涉及重大公共利益、社会高度关注或可能引发群体性事件等案件",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)
        self.fields["previous"].queryset = access.restrict(
            Litigation.objects.filter(result_on__isnull=False), user, "change"
        ).order_by("-served_on")
        self.fields["reconsideration_case"].queryset = access.restrict(
            Case.objects.all(), user, "view"
        ).order_by("-accepted_on")


class AnswerForm(BootstrapMixin, forms.Form):
    on = DateField(label="提交答辩状日期")
    files = MultipleFileField(label="答辩状、证据和规范性依据（可一次选择多个）", required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class HearingForm(BootstrapMixin, forms.Form):
    held_on = DateField(label="开庭日期")
    head_appeared = forms.BooleanField(label="负责人出庭应诉", required=False)
    head_name = forms.CharField(label="出庭负责人姓名", max_length=50, required=False)
    head_role = forms.ChoiceField(
        label="负责人职务类别", choices=BLANK + list(Hearing.HeadRole.choices), required=False
    )
    staff_names = forms.CharField(
        label="出庭的工作人员", max_length=200, required=False, help_text="负责人未出庭时必填"
    )
    lawyer_names = forms.CharField(label="委托律师", max_length=200, required=False)
    excuse_kind = forms.ChoiceField(
        label="负责人不能出庭的理由", choices=BLANK + list(EXCUSES.items()), required=False
    )
    excuse = forms.CharField(label="具体情况", max_length=250, required=False)
    explanation = forms.FileField(
        label="加盖公章的情况说明", required=False, help_text="负责人未出庭时必须上传"
    )


class ResultForm(BootstrapMixin, forms.Form):
    result = forms.ChoiceField(label="裁判结果", choices=BLANK + list(Litigation.Result.choices))
    on = DateField(label="裁判（结案）日期")
    reasons = forms.CharField(
        label="裁判理由要点", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SuggestionForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="承办单位", queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label="类别", choices=Suggestion.Kind.choices)
    issuer = forms.CharField(
        label="制发机关", max_length=100, help_text="如示范区人民法院、示范区人民检察院"
    )
    number = forms.CharField(label="文号", max_length=80)
    received_on = DateField(label="收到日期")
    reply_due_on = DateField(
        label="回复期限", required=False, help_text="建议书未载明的，按规定期限自动计算"
    )
    subject = forms.CharField(label="事由", max_length=200)
    content = forms.CharField(
        label="建议内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)


class ReassignForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="改由哪个单位办理", queryset=OrgUnit.objects.none())
    reason = forms.CharField(label="理由", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            OrgUnit.objects.filter(active=True)
            .exclude(kind=OrgUnit.Kind.COMMUNITY)
            .order_by("sort_order", "code")
        )


class ReplyForm(BootstrapMixin, forms.Form):
    on = DateField(label="回复日期")
    text = forms.CharField(
        label="办理和回复情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachment = forms.FileField(label="回复函", required=False)
