"""Forms of the 法治培训 screens: the course (期) and one attendee's hours and 结业."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit

from . import rules
from .forms_officials import OfficialField, OfficialsField, UnitField
from .models import Official


class TrainingForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="举办单位", queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label="类别", choices=[("", "请选择"), *rules.TRAINING_KINDS])
    name = forms.CharField(label="培训名称", max_length=200)
    starts_on = DateField(label="开班日期")
    ends_on = DateField(label="结业日期")
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=999, max_digits=5, decimal_places=1
    )
    place = forms.CharField(label="地点", max_length=120, required=False)
    content = forms.CharField(
        label="培训内容", max_length=5000, required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class AttendanceForm(BootstrapMixin, forms.Form):
    """Several officials at once, each earning the same hours (blank: the course's)."""

    officials = OfficialsField(label="参训人员", help_text="可输入姓名查找，可多选")
    hours = forms.DecimalField(
        label="获得学时（不填为培训学时）", min_value=0, max_value=999, max_digits=5,
        decimal_places=1, required=False,
    )  # fmt: skip
    completed = forms.BooleanField(label="已结业", required=False, initial=True)

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officials"].queryset = officials


class RemoveForm(forms.Form):
    official = OfficialField(label="人员", queryset=Official.objects.none())

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
