from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .models import OrgUnit, Role, SpecialDay, User

# Bounds of a 64-bit signed integer column: ids and numbers typed or posted outside them
# would overflow the database driver instead of matching nothing.
MAX_DB_INT = 2**63 - 1


def posted_id(raw) -> int | None:
    """A record id from a form or query string: a positive integer the database can hold,
    else None (so views answer “不存在” instead of crashing on “abc” or 10^20)."""
    raw = str(raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_DB_INT else None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id the database cannot hold is “not one of the choices”
    instead of an overflow in the ``__in`` query."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk":
            for v in value:
                if posted_id(v) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": v},
                    )
        return super()._check_values(value)


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True as a bare name, a
    value through ``stringformat:'s'`` (which keeps a string marked safe unescaped)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class _OptionsInPython:
    """A select whose options are written in Python, with the markup of Django's templates
    (select.html, select_option.html, attrs.html). The templates render two templates per
    option: a picker of every official or every unit has thousands of options, which took
    a third of a second per page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                value_text = conditional_escape(str(option["value"]))
                label = conditional_escape(option["label"])
                out.append(
                    f'\n  <option value="{value_text}"{_attrs(option["attrs"])}>{label}</option>\n'
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))


class FastSelect(_OptionsInPython, forms.Select):
    pass


class FastSelectMultiple(_OptionsInPython, forms.SelectMultiple):
    pass


_FAST = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields plainly; plain
    selects render their options in Python (FastSelect)."""

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
                fast = _FAST.get(type(widget))
                if fast is not None:
                    widget.__class__ = fast  # same widget, same markup, written faster
            else:
                widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Dates a person may type: a year outside these bounds is a typing error, and a date near
# 9999-12-31 would overflow the day arithmetic of deadlines and calendars.
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = f"日期应在{MIN_DATE.year}年至{MAX_DATE.year}年之间"


def check_date(value: dt.date | None) -> dt.date | None:
    """``value`` if it lies within MIN_DATE..MAX_DATE, else a ValidationError in Chinese."""
    if value is not None and not (MIN_DATE <= value <= MAX_DATE):
        raise forms.ValidationError(f"{DATE_RANGE_MESSAGE}，实际为{value:%Y-%m-%d}")
    return value


def parse_date(raw: str, label: str = "日期") -> dt.date | None:
    """A date typed as YYYY-MM-DD (empty: None), within the sane range."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise forms.ValidationError(f"{label}格式应为YYYY-MM-DD，实际为“{raw[:20]}”") from None
    if not (MIN_DATE <= value <= MAX_DATE):
        raise forms.ValidationError(f"{label}{DATE_RANGE_MESSAGE}")
    return value


class DateField(forms.DateField):
    """A date field (date picker) that refuses years outside 2000—2100."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        check_date(value)


class LoginForm(BootstrapMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。",
        "inactive": "该账号已停用。",
    }
    remember = forms.BooleanField(
        label="记住我",
        required=False,
        help_text="仅在本人使用的电脑上勾选；不勾选时关闭浏览器即退出登录。",
    )


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
        fields = ["username", "full_name", "unit", "phone", "email", "is_active"]

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
        elif data.get("password"):
            # The validators of AUTH_PASSWORD_VALIDATORS, on the name and account as typed.
            from django.contrib.auth.password_validation import validate_password

            probe = User(
                username=data.get("username") or self.instance.username,
                full_name=data.get("full_name") or self.instance.full_name,
            )
            try:
                validate_password(data["password"], probe)
            except forms.ValidationError as e:
                self.add_error("password", e)
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
            if not (MIN_DATE <= start <= MAX_DATE and MIN_DATE <= end <= MAX_DATE):
                raise forms.ValidationError(f"第{n}行的{DATE_RANGE_MESSAGE}")
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
    start = DateField(label="起算日")
    length = forms.IntegerField(label="期限", min_value=1, max_value=366)
    unit = forms.ChoiceField(label="单位", choices=[("working", "工作日"), ("calendar", "自然日")])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once (evidence is often a set of scans); each is cleaned as
    a single file would be. Cleans to a list, empty when optional and nothing chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)] if self.required else []
            return [f for f in (single(d, initial) for d in data) if f]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


class AttachmentForm(BootstrapMixin, forms.Form):
    file = MultipleFileField(label="文件（可一次选择多个）")
    description = forms.CharField(label="说明", max_length=200, required=False)


class TokenForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="用途", max_length=100)
