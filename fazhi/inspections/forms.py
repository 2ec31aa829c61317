"""Forms of 双随机、一公开. They only read what was typed; the rules (who may act, the
draw's order, the publication clock) are in ``services``."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField, ModelMultipleChoiceField
from fazhi.core.models import OrgUnit

from . import conf
from .models import CheckItem, DrawnEntity, InspectionPlan

_SPLIT = re.compile(r"[,，、;；\s]+")


def words(text: str) -> list[str]:
    """“餐饮、零售 批发” → ["餐饮", "零售", "批发"]: the values of a pool filter."""
    return [w for w in _SPLIT.split(text or "") if w]


class ItemChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj: CheckItem) -> str:
        level = "（重点）" if obj.level == CheckItem.Level.KEY else ""
        return f"{obj.unit.display_name}：{obj.code} {obj.name}{level}"


class UnitChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class PlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: InspectionPlan) -> str:
        return f"{obj.year}年 {obj.unit.display_name}：{obj.title}"


class TaskForm(BootstrapMixin, forms.Form):
    plan = PlanChoice(label="所属抽查工作计划", queryset=InspectionPlan.objects.none())
    title = forms.CharField(label="任务名称", max_length=200)
    departments = UnitChoices(
        label="联合抽查的其他部门",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="进一次门、查多项事：选择参加的其他部门；不选则为本部门单独抽查",
    )
    items = ItemChoices(
        label="抽查事项",
        queryset=CheckItem.objects.none(),
        help_text="只能选择牵头部门和参加部门的有效事项",
    )
    industry = forms.CharField(
        label="行业",
        max_length=500,
        required=False,
        help_text="检查对象范围；多个用顿号分隔，不填为全部",
    )
    region = forms.CharField(label="所在区域", max_length=500, required=False)
    kind = forms.CharField(label="主体类型", max_length=500, required=False)
    ratio_a = forms.DecimalField(label="A类抽查比例（%）", min_value=0, max_value=100,
                                 max_digits=6, decimal_places=3)  # fmt: skip
    ratio_b = forms.DecimalField(label="B类抽查比例（%）", min_value=0, max_value=100,
                                 max_digits=6, decimal_places=3)  # fmt: skip
    ratio_c = forms.DecimalField(label="C类抽查比例（%）", min_value=0, max_value=100,
                                 max_digits=6, decimal_places=3)  # fmt: skip
    ratio_d = forms.DecimalField(label="D类抽查比例（%）", min_value=0, max_value=100,
                                 max_digits=6, decimal_places=3)  # fmt: skip
    per_department = forms.IntegerField(
        label="每个对象每部门检查人员数", min_value=1, max_value=10,
        help_text="每个检查对象至少两名执法检查人员",
    )  # fmt: skip
    starts_on = DateField(label="检查开始日期")
    ends_on = DateField(label="检查结束日期")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = access.restrict(
            InspectionPlan.objects.select_related("unit"), user, "change"
        ).order_by("-year", "unit__code")
        self.fields["departments"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP]
        ).order_by("code")
        self.fields["items"].queryset = (
            CheckItem.objects.filter(active=True)
            .select_related("unit")
            .order_by("unit__code", "code")
        )

    @staticmethod
    def initial_for(plan=None) -> dict:
        ratios = conf.default_ratios()
        # As typed (1.25, not 1.2500: the fields take at most 3 decimals).
        out = {f"ratio_{k.lower()}": format((v * 100).normalize(), "f") for k, v in ratios.items()}
        out["per_department"] = conf.per_department()
        return out

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "departments": [d["plan"].unit, *d["departments"]],
            "items": list(d["items"]),
            "pool_filter": {k: words(d[k]) for k in ("industry", "region", "kind")},
            "ratios": {k: str(d[f"ratio_{k.lower()}"] / Decimal(100)) for k in "ABCD"},
            "per_department": d["per_department"],
            "starts_on": d["starts_on"],
            "ends_on": d["ends_on"],
        }


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="重新抽取的原因", max_length=300,
                             help_text="原任务作废但仍在门户公开，连同原因")  # fmt: skip


class ResultForm(BootstrapMixin, forms.Form):
    drawn = forms.IntegerField(label="检查对象", widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="检查结果", choices=[("", "请选择"), *DrawnEntity.Outcome.choices[1:]]
    )
    checked_on = DateField(label="检查日期")
    note = forms.CharField(label="检查情况", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class PublishForm(BootstrapMixin, forms.Form):
    on = DateField(label="公示日期")
    late_reason = forms.CharField(
        label="逾期原因", required=False, max_length=300,
        help_text="公示期限已过的结果须填写，公示将标注为逾期",
    )  # fmt: skip


class CaseLinkForm(BootstrapMixin, forms.Form):
    drawn = forms.IntegerField(label="检查对象", widget=forms.HiddenInput)
    case_ref = forms.CharField(label="执法案件编号（案号）", max_length=60)


class PlanForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="制定部门", queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="计划名称", max_length=200)
    body = forms.CharField(
        label="计划内容（范围、数量、批次时间）", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            access.allowed_unit_choices(user)
            .filter(kind__in=[OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP])
            .order_by("code")
        )


class FileForm(BootstrapMixin, forms.Form):
    filed_with = forms.CharField(label="报备机关", max_length=100)
    on = DateField(label="报备日期")


class ItemForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="责任部门", queryset=OrgUnit.objects.none())
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="抽查事项", max_length=200)
    basis = forms.CharField(label="检查依据", max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    object_type = forms.CharField(label="检查对象", max_length=100)
    method = forms.CharField(label="检查方式", max_length=100, initial="现场检查")
    level = forms.ChoiceField(label="事项类别", choices=CheckItem.Level.choices)
    ratio = forms.DecimalField(
        label="抽查比例（%）", required=False, min_value=0, max_value=100, max_digits=6,
        decimal_places=3, help_text="一般检查事项填写；重点检查事项不设比例",
    )  # fmt: skip
    frequency = forms.CharField(label="抽查频次", max_length=50, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            access.allowed_unit_choices(user)
            .filter(kind__in=[OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP])
            .order_by("code")
        )

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("unit")
        d["ratio"] = None if d["ratio"] is None else d["ratio"] / Decimal(100)
        return d


class DeactivateForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="停用原因", max_length=300)


class ImportForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="维护部门", queryset=OrgUnit.objects.none())
    file = forms.FileField(
        label="名录文件（XLSX或CSV）",
        help_text="表头：统一社会信用代码、名称、主体类型、行业、所在区域、信用风险分类、登记状态；"
        "按统一社会信用代码更新已有对象；有任何错行则整批不导入",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user).order_by("code")

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = conf.import_max_mb()
        if f.size > limit * 1024 * 1024:
            raise ValidationError(f"文件不能超过{limit} MB")
        name = (f.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise ValidationError("请上传XLSX或CSV文件")
        return f


class AvoidanceForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label="执法人员所属单位", queryset=OrgUnit.objects.none())
    certificate_number = forms.CharField(label="执法证号", max_length=40)
    uscc = forms.CharField(label="检查对象的统一社会信用代码", max_length=18, min_length=18)
    reason = forms.CharField(label="回避事由", max_length=300)
    on = DateField(label="申报日期")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.allowed_unit_choices(user).order_by("code")

    def clean_uscc(self):
        return self.cleaned_data["uscc"].strip().upper()
