"""Forms of the 主动公开 screens (catalogue, releases, interpretations, import). The
services (``services/releases.py``) check every rule again and answer in Chinese; the
forms only read what was typed and keep it on a refusal."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import BootstrapMixin, DateField, MultipleFileField
from fazhi.core.models import OrgUnit

from . import rules
from .models import CatalogueItem, Interpretation, ProactiveRelease


def _today():
    return timezone.localdate()


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CatalogueField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.unit.name} · {obj.name}"


class CatalogueItemForm(BootstrapMixin, forms.Form):
    category = forms.TypedChoiceField(
        label="条例第二十条类别", coerce=int, choices=[("", "请选择"), *rules.CATEGORIES]
    )
    name = forms.CharField(label="目录名称", max_length=100)
    description = forms.CharField(label="说明", max_length=300, required=False)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=100000, initial=100)
    active = forms.BooleanField(label="启用", required=False, initial=True)


class ReleaseForm(BootstrapMixin, forms.Form):
    catalogue = CatalogueField(label="公开目录", queryset=CatalogueItem.objects.none())
    title = forms.CharField(label="标题", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    created_on = DateField(
        label="信息形成或变更日期", help_text="自该日起20个工作日内公开（条例第二十六条）"
    )
    body = forms.CharField(label="正文", max_length=100000, widget=forms.Textarea({"rows": 8}))
    files = MultipleFileField(label="附件（可多选）", required=False)

    def __init__(self, *args, catalogues=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = catalogues if catalogues is not None else CatalogueItem.objects.none()
        self.fields["catalogue"].queryset = qs.select_related("unit")


class ReleaseEditForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    body = forms.CharField(label="正文", max_length=100000, widget=forms.Textarea({"rows": 10}))


class PublishForm(BootstrapMixin, forms.Form):
    """公开. The reason for lateness is asked only when the release is past its 20th
    working day (条例第二十六条); the service refuses a late publication without it."""

    published_on = DateField(label="公开日期", initial=_today)
    late_reason = forms.CharField(label="逾期公开的原因", max_length=300, required=False)

    def __init__(self, *args, due=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.due = due

    @property
    def asks_reason(self) -> bool:
        """Show the reason box: the default date (today) is late, or what was posted is."""
        if self.due is None:
            return False
        if self.is_bound and (self.errors.get("late_reason") or self.data.get("late_reason")):
            return True
        on = self.cleaned_data.get("published_on") if hasattr(self, "cleaned_data") else None
        return (on or _today()) > self.due

    def clean(self):
        data = super().clean()
        on = data.get("published_on")
        if (
            self.due is not None
            and on
            and on > self.due
            and not data.get("late_reason", "").strip()
        ):
            self.add_error(
                "late_reason",
                f"该信息应于{self.due:%Y-%m-%d}前公开（形成或变更之日起20个工作日），"
                "已逾期，请填写逾期公开的原因",
            )
        return data


class WithdrawForm(BootstrapMixin, forms.Form):
    on = DateField(label="撤回日期", initial=_today)
    reason = forms.CharField(label="撤回原因", max_length=300)


class InterpretationForm(BootstrapMixin, forms.Form):
    """A 政策解读 names what it explains: a published release of the unit, or one of the
    unit's published 规范性文件 (read through the documents module's interface)."""

    unit = UnitField(label="解读主体", queryset=OrgUnit.objects.none())
    release = forms.ModelChoiceField(
        label="所解读的公开信息", queryset=ProactiveRelease.objects.none(), required=False,
        empty_label="（解读规范性文件时不选）",
    )  # fmt: skip
    document_ref = forms.ChoiceField(label="所解读的规范性文件", required=False)
    title = forms.CharField(label="解读标题", max_length=300)
    form = forms.ChoiceField(label="解读形式", choices=Interpretation.Form.choices)
    published_on = DateField(label="发布日期", initial=_today)
    body = forms.CharField(label="解读内容", max_length=100000, widget=forms.Textarea({"rows": 8}))
    files = MultipleFileField(label="解读材料（可多选）", required=False)

    def __init__(self, *args, units=None, releases=None, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["release"].queryset = (
            releases if releases is not None else ProactiveRelease.objects.none()
        )
        self.documents = {d["ref"]: d for d in documents}
        self.fields["document_ref"].choices = [("", "（解读公开信息时不选）")] + [
            (d["ref"], f"{d['title']}（{d['number'] or '无文号'}）") for d in documents
        ]

    def clean(self):
        data = super().clean()
        if not data.get("release") and not data.get("document_ref"):
            raise forms.ValidationError("请选择所解读的公开信息或规范性文件")
        if data.get("release") and data.get("document_ref"):
            raise forms.ValidationError("所解读的公开信息和规范性文件只能选择一项")
        unit, rel = data.get("unit"), data.get("release")
        if unit is not None and rel is not None and rel.unit_id != unit.pk:
            self.add_error("release", "请选择解读主体本单位已公开的信息")
        return data


class ImportForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="公开主体", queryset=OrgUnit.objects.none())
    file = forms.FileField(label="主动公开台账（XLSX 或 CSV）")
    publish = forms.BooleanField(
        label="有“公开日期”的行同时登记为已公开", required=False, initial=True
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
