"""Forms of 案卷评查 and 行政执法监督. They only read what was typed; the rules are in
``services.casefile_review`` and ``services.supervision``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField, ModelMultipleChoiceField

from .models import Agency, ScoringSheet


def agencies_for(user, action: str = "view"):
    return access.restrict(Agency.objects.filter(active=True), user, action).order_by("name")


class SheetForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="评分表名称", max_length=200)
    pass_mark = forms.DecimalField(label="合格分数线", max_digits=6, decimal_places=1)
    items = forms.CharField(
        label="评查项目",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="每行一项：评查项目|分值|评查要点，如“执法程序|25|立案、调查、告知等程序合法”",
    )

    def clean_items(self):
        rows = []
        for n, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("｜", "|").split("|")]
            if len(parts) < 2:
                raise ValidationError(f"第{n}行应为“评查项目|分值|评查要点”")
            rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
        return rows


def items_text(sheet: ScoringSheet) -> str:
    return "\n".join(f"{i.title}|{i.weight}|{i.guidance}" for i in sheet.items.all())


class CampaignForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="评查年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="评查活动名称", max_length=200)
    period_start = DateField(label="抽取案卷的决定日期自")
    period_end = DateField(label="至")
    agencies = ModelMultipleChoiceField(label="被评查执法主体", queryset=Agency.objects.none())
    sheet = forms.ModelChoiceField(label="评分表", queryset=ScoringSheet.objects.none())
    per_agency = forms.IntegerField(
        label="每个主体抽取案卷数", required=False, min_value=1, max_value=1000
    )
    ratio = forms.DecimalField(
        label="或抽取比例（%）", required=False, max_digits=5, decimal_places=2,
        help_text="二者填其一；按比例抽取时向上取整",
    )  # fmt: skip

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies_for(user)
        self.fields["sheet"].queryset = ScoringSheet.objects.filter(active=True)


class DrawForm(BootstrapMixin, forms.Form):
    seed = forms.CharField(
        label="随机种子",
        max_length=64,
        required=False,
        help_text="留空则自动生成；相同种子、相同候选案卷，抽取结果相同",
    )
    on = DateField(label="抽取日期")


class CloseForm(BootstrapMixin, forms.Form):
    on = DateField(label="日期")
    note = forms.CharField(label="意见", required=False, max_length=500)


class ScoreForm(BootstrapMixin, forms.Form):
    """One score and comment field per item of the sheet."""

    on = DateField(label="评查日期")
    comment = forms.CharField(
        label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.DecimalField(
                label=f"{item.title}（{item.weight}分）",
                max_digits=6,
                decimal_places=1,
                required=False,
                help_text=item.guidance,
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.5"}),
            )
            self.fields[f"why_{item.pk}"] = forms.CharField(
                label=f"{item.title}扣分理由",
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def scores(self) -> dict:
        d = self.cleaned_data
        return {
            i.pk: (d.get(f"score_{i.pk}"), d.get(f"why_{i.pk}", ""))
            for i in self.items
            if d.get(f"score_{i.pk}") is not None
        }


class CheckForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label="被检查执法主体", queryset=Agency.objects.none())
    checked_on = DateField(label="检查日期")
    subject = forms.CharField(label="检查内容", max_length=300)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)


class FindingForm(BootstrapMixin, forms.Form):
    description = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DateField(label="整改期限")


class RectifyForm(BootstrapMixin, forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput(), min_value=1, max_value=2**31 - 1)
    on = DateField(label="整改完成日期")
    rectification = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 2}))


class ComplaintForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label="被投诉执法主体", queryset=Agency.objects.none())
    received_on = DateField(label="受理日期")
    complainant = forms.CharField(label="投诉人", required=False, max_length=100)
    contact = forms.CharField(label="联系方式", required=False, max_length=60)
    matter = forms.CharField(label="投诉事项", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(user, "change")


class ReplyForm(BootstrapMixin, forms.Form):
    on = DateField(label="答复日期")
    reply = forms.CharField(label="答复意见", widget=forms.Textarea(attrs={"rows": 3}))


class SupervisorForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    work_unit = forms.CharField(label="工作单位及职务", max_length=200)
    term_start = DateField(label="聘期自")
    term_end = DateField(label="聘期至")


class AnnualDataForm(BootstrapMixin, forms.Form):
    agency = forms.IntegerField(widget=forms.HiddenInput(), min_value=1, max_value=2**31 - 1)
    on = DateField(label="公开日期")
