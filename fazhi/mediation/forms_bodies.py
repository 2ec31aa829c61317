"""Forms of the 调解组织 office screens: a body and its edit, a member joining or leaving,
a new term (人民调解法 第八、九条). The forms only parse what was typed;
``services/bodies.py`` checks the rules (who may, 3–9 members, a woman, three-year terms)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField

from . import rules
from .models import MediationBody
from .permissions import BODIES

TEXT = {"rows": 3}


def _today():
    return timezone.localdate()


def _pick(choices):
    return [("", "请选择"), *choices]


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BodyEditForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="调解组织名称", max_length=120)
    kind = forms.ChoiceField(label="类型", choices=_pick(rules.BODY_KINDS))
    sector = forms.CharField(label="行业或专业领域（行业性、专业性调委会填写）", max_length=60,
                             required=False)  # fmt: skip
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False,
                            widget=forms.TextInput({"inputmode": "tel"}))  # fmt: skip


class BodyForm(BodyEditForm):
    """设立: a committee of a village, community, township or enterprise, an industry
    committee, a department's 行政调解 or an 对接 room (人民调解法 第八条)."""

    unit = UnitField(label="所属单位", queryset=None, empty_label="请选择")
    established_on = DateField(label="成立日期", required=False)
    term_starts_on = DateField(label="本届任期开始日期（调委会填写）", required=False)

    field_order = ["unit", "name", "kind", "sector", "address", "phone", "established_on",
                   "term_starts_on"]  # fmt: skip

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.allowed_unit_choices(user, BODIES).order_by("sort_order", "code")
        self.fields["unit"].queryset = units
        if user.unit_id and units.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id


def body_initial(b: MediationBody) -> dict:
    return {"name": b.name, "kind": b.kind, "sector": b.sector, "address": b.address,
            "phone": b.phone}  # fmt: skip


class _StepForm(BootstrapMixin, forms.Form):
    def __init__(self, body, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body


class MemberForm(_StepForm):
    """A 人民调解员 joins (第十三、十四条)."""

    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=_pick(rules.GENDERS))
    role = forms.ChoiceField(label="职务", choices=rules.MEMBER_ROLES, initial="member")
    ethnicity = forms.CharField(label="民族", max_length=20, initial="汉族", required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False,
                            widget=forms.TextInput({"inputmode": "tel"}))  # fmt: skip
    full_time = forms.BooleanField(label="专职调解员", required=False)
    joined_on = DateField(label="任职日期", initial=_today)


class LeaveForm(_StepForm):
    member = forms.CharField(label="离任的调解员", widget=forms.Select)
    left_on = DateField(label="离任日期", initial=_today)

    def __init__(self, body, *args, **kwargs):
        super().__init__(body, *args, **kwargs)
        current = body.members.filter(left_on=None).order_by("role", "joined_on", "pk")
        self.fields["member"].widget.choices = _pick(
            [(str(m.pk), f"{m.name}（{m.get_role_display()}）") for m in current]
        )

    def clean_member(self):
        raw = self.cleaned_data["member"]
        ok = raw.isascii() and raw.isdigit() and len(raw) < 12
        m = self.body.members.filter(left_on=None, pk=int(raw)).first() if ok else None
        if m is None:
            raise forms.ValidationError("请选择本组织在任的调解员")
        return m


class TermForm(_StepForm):
    """换届 (第九条: three-year terms)."""

    starts_on = DateField(label="新一届任期开始日期", initial=_today)
