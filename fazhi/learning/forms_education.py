"""Forms of the 述法, 普法 and leadership-meeting screens. The services check every rule
again and answer in Chinese; the forms only read what was typed and keep it on a refusal."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import BootstrapMixin, DateField

from . import rules
from .models import LegalEducationDuty, Official

TOPIC_ROWS = 5


def _choices(pairs):
    return [("", "请选择"), *pairs]


class OfficialField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit.name} {obj.post}）"


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DutyField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.year}年 {obj.unit.name}：{obj.laws}"


class DutyReportForm(BootstrapMixin, forms.Form):
    official = OfficialField(label="述法人", queryset=Official.objects.none())
    year = forms.IntegerField(label="述法年度", min_value=2004, max_value=2100)
    form = forms.ChoiceField(label="形式", choices=_choices(rules.DUTY_REPORT_FORMS))
    reported_on = DateField(label="述法日期")
    meeting = forms.CharField(label="述法会议（现场述法的）", max_length=120, required=False)
    content = forms.CharField(label="述法内容摘要", max_length=20000,
                              widget=forms.Textarea({"rows": 6}))  # fmt: skip

    def __init__(self, *args, officials=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["official"], self.fields["year"]
        else:
            qs = officials if officials is not None else Official.objects.none()
            self.fields["official"].queryset = qs.select_related("unit")


class EvaluationForm(BootstrapMixin, forms.Form):
    evaluation = forms.ChoiceField(label="评议结果", choices=_choices(rules.EVALUATIONS))
    score = forms.DecimalField(label="评议得分（0—100）", required=False, max_digits=5,
                               decimal_places=1)  # fmt: skip
    evaluated_by = forms.CharField(label="评议主体", max_length=120)
    evaluated_on = DateField(label="评议日期")


class DutyForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="责任单位", queryset=None)
    year = forms.IntegerField(label="年度", min_value=2004, max_value=2100)
    laws = forms.CharField(label="普法内容（法律法规）", max_length=300)
    audience = forms.ChoiceField(label="普法对象", choices=_choices(rules.AUDIENCES))
    planned_activities = forms.CharField(label="计划开展的普法活动", max_length=5000,
                                         widget=forms.Textarea({"rows": 3}))  # fmt: skip
    planned_count = forms.IntegerField(label="计划活动次数", min_value=1, max_value=100000,
                                       initial=1)  # fmt: skip
    responsible = forms.CharField(label="责任科室", max_length=100, required=False)
    reason = forms.CharField(label="调整原因（已公布的事项修改时必填）", max_length=300,
                             required=False)  # fmt: skip

    def __init__(self, *args, units=None, editing=False, published=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"], self.fields["year"]
            if not published:
                del self.fields["reason"]
        else:
            del self.fields["reason"]
            self.fields["unit"].queryset = units


class PublishListForm(BootstrapMixin, forms.Form):
    on = DateField(label="公布日期")


class ActivityForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="举办单位", queryset=None)
    duty = DutyField(label="对应的责任清单事项", queryset=LegalEducationDuty.objects.none(),
                     required=False)  # fmt: skip
    held_on = DateField(label="活动日期")
    title = forms.CharField(label="活动名称", max_length=200)
    form = forms.ChoiceField(label="形式", choices=_choices(rules.ACTIVITY_FORMS))
    place = forms.CharField(label="地点", max_length=200, required=False)
    reach = forms.IntegerField(label="受众人数（人次）", min_value=0, max_value=100_000_000,
                               initial=0)  # fmt: skip
    materials = forms.IntegerField(label="发放资料（份）", min_value=0, max_value=100_000_000,
                                   initial=0)  # fmt: skip
    summary = forms.CharField(label="活动情况", max_length=5000, required=False,
                              widget=forms.Textarea({"rows": 4}))  # fmt: skip

    def __init__(self, *args, units=None, duties=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
        qs = duties if duties is not None else LegalEducationDuty.objects.none()
        self.fields["duty"].queryset = qs.select_related("unit")


class PublishActivityForm(BootstrapMixin, forms.Form):
    on = DateField(label="公开日期")


class MeetingForm(BootstrapMixin, forms.Form):
    unit = UnitField(label="单位", queryset=None)
    kind = forms.ChoiceField(label="会议类型", choices=_choices(rules.MEETING_KINDS))
    name = forms.CharField(label="会议名称", max_length=120)
    held_on = DateField(label="会议日期")
    chaired_by = OfficialField(label="主持人", queryset=Official.objects.none())
    minutes_number = forms.CharField(label="会议纪要文号", max_length=80, required=False)

    def __init__(self, *args, units=None, chairs=None, rows=TOPIC_ROWS, editing=False, **kw):
        super().__init__(*args, **kw)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
        self.fields["chaired_by"].queryset = (
            chairs if chairs is not None else Official.objects.none()
        ).select_related("unit")
        self.rows = rows
        for i in range(1, rows + 1):
            self.fields[f"topic_kind_{i}"] = forms.ChoiceField(
                label=f"议题{i}类别", choices=_choices(rules.TOPIC_KINDS), required=False
            )
            self.fields[f"topic_title_{i}"] = forms.CharField(
                label=f"议题{i}", max_length=200, required=False
            )
            self.fields[f"topic_decision_{i}"] = forms.CharField(
                label=f"议题{i}研究决定", max_length=5000, required=False,
                widget=forms.Textarea({"rows": 2}),
            )  # fmt: skip
        for name, f in self.fields.items():
            if name.startswith("topic_"):
                css = "form-select" if isinstance(f, forms.ChoiceField) else "form-control"
                f.widget.attrs.setdefault("class", css)

    def topics(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"kind": d.get(f"topic_kind_{i}", ""), "title": d.get(f"topic_title_{i}", ""),
             "decision": d.get(f"topic_decision_{i}", "")}
            for i in range(1, self.rows + 1)
        ]  # fmt: skip


def topic_initial(meeting) -> dict:
    out = {}
    for i, t in enumerate(meeting.topics.order_by("pk"), start=1):
        out |= {f"topic_kind_{i}": t.kind, f"topic_title_{i}": t.title,
                f"topic_decision_{i}": t.decision}  # fmt: skip
    return out
