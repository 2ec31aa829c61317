from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import OrgUnit, Role, SpecialDay, User


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LoginForm(BootstrapMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。",
        "inactive": "该账号已停用。",
    }


class UnitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = [
            "code",
            "name",
            "short_name",
            "aliases",
            "kind",
            "parent",
            "is_enforcement_agency",
            "uscc",
            "sort_order",
            "active",
        ]


class UnitImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label="导入文件（XLSX或CSV）")


class UserForm(BootstrapMixin, forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label="角色",
        choices=list(Role.NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    password = forms.CharField(
        label="密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="新建账号时必填；修改时留空则不变。至少8位。",
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "unit", "phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(active=True)
        if self.instance.pk:
            self.initial["roles"] = sorted(
                self.instance.role_codes - {Role.ADMIN}
                if self.instance.is_superuser
                else self.instance.role_codes
            )

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("password"):
            self.add_error("password", "新建账号须设置初始密码")
        if data.get("password") and len(data["password"]) < 8:
            self.add_error("password", "密码至少8位")
        return data


class CalendarYearForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    notice = forms.CharField(label="放假通知（文号或标题）", max_length=200, required=False)
    holidays = forms.CharField(
        label="法定节假日（休息）",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="每行一段：起止日期和名称，例如 2027-10-01 2027-10-07 国庆节；单日写一个日期。",
    )
    makeup_workdays = forms.CharField(
        label="调休上班日",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="每行一个日期和名称，例如 2027-09-26 国庆节调休上班。",
    )

    def _lines(self, name: str, kind: str) -> list[tuple[dt.date, str, str]]:
        out = []
        for n, raw in enumerate(self.cleaned_data.get(name, "").splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            parts = line.split()
            dates, words = [], []
            for p in parts:
                try:
                    dates.append(dt.date.fromisoformat(p))
                except ValueError:
                    words.append(p)
            if not dates or len(dates) > 2 or not words:
                raise forms.ValidationError(
                    f"第{n}行“{line}”格式不对：应为“日期 [结束日期] 名称”，日期写作YYYY-MM-DD"
                )
            start, end = dates[0], dates[-1]
            if end < start or (end - start).days > 14:
                raise forms.ValidationError(f"第{n}行的日期范围不对")
            d = start
            while d <= end:
                out.append((d, kind, " ".join(words)))
                d += dt.timedelta(days=1)
        return out

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            days = self._lines("holidays", SpecialDay.Kind.HOLIDAY)
            days += self._lines("makeup_workdays", SpecialDay.Kind.MAKEUP_WORKDAY)
        except forms.ValidationError as e:
            raise e
        data["days"] = days
        return data


class WorkdaysForm(BootstrapMixin, forms.Form):
    start = forms.DateField(label="起算日", widget=DateInput())
    length = forms.IntegerField(label="期限", min_value=1, max_value=366)
    unit = forms.ChoiceField(label="单位", choices=[("working", "工作日"), ("calendar", "自然日")])


class PauseForm(BootstrapMixin, forms.Form):
    start = forms.DateField(label="暂停日期", widget=DateInput())
    reason = forms.CharField(label="原因", max_length=300)


class ResumeForm(BootstrapMixin, forms.Form):
    end = forms.DateField(label="恢复计时日期", widget=DateInput())


class ExtendForm(BootstrapMixin, forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=366)
    reason = forms.CharField(label="延期理由", max_length=300)
    approved_by = forms.CharField(label="批准人", max_length=100)
    approved_on = forms.DateField(label="批准日期", widget=DateInput())
    evidence = forms.FileField(label="审批材料", required=False)


class RestartForm(BootstrapMixin, forms.Form):
    start = forms.DateField(label="重新起算日", widget=DateInput())
    reason = forms.CharField(label="原因", max_length=300)


class CompleteForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="办结日期", widget=DateInput())


class AttachmentForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label="文件")
    description = forms.CharField(label="说明", max_length=200, required=False)


class TokenForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="用途", max_length=100)
