"""Forms of the 学法活动 screens: the session's facts and its attendance picked from the
directory (searchable multi-selects). The service checks who may attend."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit

from . import rules
from .forms_officials import OfficialsField, UnitField


class SessionForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="组织单位", queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label="形式", choices=[("", "请选择"), *rules.SESSION_KINDS])
    held_on = DateField(label="学法日期")
    meeting = forms.CharField(
        label="会议名称",
        max_length=100,
        required=False,
        help_text="会前学法必填，如区政府第X次常务会议",
    )
    topic = forms.CharField(label="学法主题", max_length=200)
    laws = forms.CharField(
        label="学习的法律法规（每行一部）", max_length=5000, widget=forms.Textarea({"rows": 3})
    )
    lecturer = forms.CharField(label="主讲人", max_length=100, required=False)
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=24, max_digits=4, decimal_places=1, initial=2
    )
    present = OfficialsField(label="出席人员", help_text="可输入姓名查找，可多选")
    leave = OfficialsField(label="请假人员", required=False)
    absent = OfficialsField(label="缺席人员", required=False)

    def __init__(self, *args, units=None, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
        for name in ("present", "leave", "absent"):
            self.fields[name].queryset = officials
