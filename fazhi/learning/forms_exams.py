"""Forms of the 年度考法 screens: the exam, one result typed, a score sheet imported."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit

from .forms_officials import OfficialField, UnitField
from .models import Official


class ExamForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="组织单位", queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="考试名称", max_length=200)
    held_on = DateField(label="考试日期")
    pass_mark = forms.DecimalField(
        label="合格分数线", min_value=0, max_value=100, max_digits=5, decimal_places=1,
        required=False, help_text="不填为全区设定的合格分数线",
    )  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
            del self.fields["year"]
        else:
            self.fields["unit"].queryset = units


class ResultForm(BootstrapMixin, forms.Form):
    official = OfficialField(label="人员", queryset=Official.objects.none())
    score = forms.DecimalField(
        label="成绩", min_value=0, max_value=100, max_digits=5, decimal_places=1, required=False
    )
    absent = forms.BooleanField(label="缺考", required=False)

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].widget.attrs["data-searchable"] = "on"


class ResultImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label="成绩表（XLSX 或 CSV：人员编号、姓名、成绩、缺考）")
