"""Forms of the 干部名录 screens. The services (services/officials.py, credits.py) check
every rule again and answer in Chinese; the forms only read what was typed and keep it."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import BootstrapMixin, DateField, ModelMultipleChoiceField
from fazhi.core.models import OrgUnit

from . import rules
from .models import Official


def _today():
    return timezone.localdate()


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OfficialField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return official_label(obj)


class OfficialsField(ModelMultipleChoiceField):
    """A searchable multi-select of officials (type a few characters of a name)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Official.objects.none())
        super().__init__(**kwargs)
        self.widget.attrs["data-searchable"] = "on"

    def label_from_instance(self, obj):
        return official_label(obj)


def official_label(o: Official) -> str:
    unit = o.unit.short_name or o.unit.name
    return f"{o.name}（{o.post}，{unit}）"


class OfficialForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="所在单位", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    post = forms.CharField(label="职务", max_length=80)
    level = forms.ChoiceField(label="类别", choices=rules.LEVELS, initial="staff")
    staff_number = forms.CharField(label="人员编号", max_length=30, required=False)
    joined_on = DateField(label="到岗日期", required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class LeaveForm(BootstrapMixin, forms.Form):
    left_on = DateField(label="离岗日期", initial=_today)


class CreditForm(BootstrapMixin, forms.Form):
    earned_on = DateField(label="取得日期", initial=_today)
    source = forms.ChoiceField(label="来源", choices=rules.CREDIT_SOURCES)
    description = forms.CharField(label="内容", max_length=200)
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=200, max_digits=5, decimal_places=1
    )


class ImportForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="单位", queryset=OrgUnit.objects.none())
    file = forms.FileField(label="干部名录（XLSX 或 CSV）")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
