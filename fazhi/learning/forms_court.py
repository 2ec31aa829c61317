"""Forms of the 旁听庭审 screens."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit

from .forms_officials import OfficialsField, UnitField


class CourtForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="组织单位", queryset=OrgUnit.objects.none())
    held_on = DateField(label="庭审日期")
    court = forms.CharField(label="审理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60, required=False)
    case_name = forms.CharField(label="案由", max_length=200)
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=24, max_digits=4, decimal_places=1, initial=4
    )
    attendees = OfficialsField(label="旁听人员", help_text="可输入姓名查找，可多选")
    reflections = forms.CharField(
        label="旁听体会", max_length=5000, required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, units=None, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
        self.fields["attendees"].queryset = officials
