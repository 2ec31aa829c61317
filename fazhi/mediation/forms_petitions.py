"""Forms of the 信访 office screens: the registration (登记, 信访工作条例 第二十二条) and one form
per step. They only parse what was typed; ``services/petitions`` checks every rule and
answers in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.models import OrgUnit

from .models import Petition, PetitionReview

P = Petition
TEXT = {"rows": 3}


def _today():
    return timezone.localdate()


def _choices(choices):
    return [("", "请选择"), *choices]


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PetitionForm(BootstrapMixin, forms.Form):
    """登记: what the unit received, on the day it came in."""

    unit = UnitField(label="登记单位", queryset=None, empty_label="请选择")
    channel = forms.ChoiceField(label="信访形式", choices=_choices(P.Channel.choices))
    received_on = DateField(label="收到日期", initial=_today)
    category = forms.ChoiceField(label="类别", choices=_choices(P.Category.choices))
    petitioner_name = forms.CharField(label="信访人姓名", max_length=100)
    petitioner_id = forms.CharField(label="身份证号", max_length=18, required=False)
    petitioner_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    petitioner_address = forms.CharField(label="住址", max_length=200, required=False)
    people_count = forms.IntegerField(label="来访人数", min_value=1, max_value=100000, initial=1)
    representatives = forms.CharField(
        label="代表姓名（5人以上集体访填写，每行一名，不超过5人）",
        required=False, max_length=500, widget=forms.Textarea({"rows": 2}),
    )  # fmt: skip
    subject = forms.CharField(label="信访事项", max_length=200)
    content = forms.CharField(
        label="主要诉求和事实理由", max_length=5000, widget=forms.Textarea(TEXT)
    )
    same_as = forms.CharField(
        label="同一事项的在先信访件编号（如有）", max_length=40, required=False
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = access.allowed_unit_choices(user).order_by("sort_order", "code")
        self.fields["unit"].queryset = units
        if user.unit_id and units.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id

    def clean_same_as(self):
        number = (self.cleaned_data.get("same_as") or "").strip().upper()
        if not number:
            return None
        found = access.restrict(P.objects.all(), self.user, "view").filter(number=number).first()
        if found is None:
            raise forms.ValidationError("没有找到该编号的信访件")
        return found

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class _ActionForm(BootstrapMixin, forms.Form):
    def __init__(self, obj, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj = obj


ROUTES_AFTER_RE_REVIEW = [("not_accepted", "不予受理")]


class RouteForm(_ActionForm):
    route = forms.ChoiceField(label="处理方式", choices=_choices(P.Route.choices))
    on = DateField(label="转送交办（处理）日期", initial=_today)
    handling_unit = UnitField(
        label="有权处理的机关（转送、交办时选择）", queryset=None, required=False,
        empty_label="请选择",
    )  # fmt: skip
    handling_received_on = DateField(label="办理单位收到日期（转送、交办时填写）", required=False)
    ground = forms.ChoiceField(
        label="不予受理的理由", choices=_choices(P.NotAcceptedGround.choices), required=False
    )

    def __init__(self, obj, *args, repeat=None, **kwargs):
        super().__init__(obj, *args, **kwargs)
        self.fields["handling_unit"].queryset = OrgUnit.objects.filter(active=True).order_by(
            "sort_order", "code"
        )
        if repeat is not None:
            # 第三十六条: after 复核 the same matter is not accepted: only 不予受理 is offered.
            self.fields["route"].choices = _choices(ROUTES_AFTER_RE_REVIEW)
            self.fields["ground"].choices = [("re_reviewed", dict(P.NotAcceptedGround.choices)
                                              ["re_reviewed"])]  # fmt: skip
            for name in ("handling_unit", "handling_received_on"):
                del self.fields[name]


class ObjectForm(_ActionForm):
    on = DateField(label="提出异议日期", initial=_today)
    reason = forms.CharField(label="异议理由（不属于本机关处理的理由）", max_length=300)


class NoticeForm(_ActionForm):
    accepted = forms.TypedChoiceField(
        label="是否受理", choices=[("", "请选择"), ("1", "受理"), ("0", "不予受理")],
        coerce=lambda v: v == "1",
    )  # fmt: skip
    notified_on = DateField(label="书面告知日期", initial=_today)
    accepted_on = DateField(label="受理日期（默认为告知日期）", required=False)
    ground = forms.ChoiceField(
        label="不予受理的理由", choices=_choices(P.NotAcceptedGround.choices), required=False
    )


class ExtendForm(_ActionForm):
    days = forms.IntegerField(label="延长办理期限（日）", min_value=1, max_value=365)
    approved_by = forms.CharField(label="批准人（本机关负责人）", max_length=50)
    reason = forms.CharField(label="延期理由（告知信访人）", max_length=300)
    approved_on = DateField(label="批准日期", initial=_today)


class ConcludeForm(_ActionForm):
    concluded_on = DateField(label="办结（出具处理意见书）日期", initial=_today)
    result = forms.ChoiceField(
        label="处理结果（申诉求决类）", choices=_choices(P.Result.choices), required=False
    )
    opinion_number = forms.CharField(label="处理意见书文号", max_length=80, required=False)
    opinion = forms.CharField(label="处理意见或答复内容", max_length=5000,
                              widget=forms.Textarea(TEXT))  # fmt: skip
    served_on = DateField(label="信访人收到日期", required=False)
    satisfied = forms.TypedChoiceField(
        label="信访人是否满意", required=False, empty_value=None,
        choices=[("", "未评价"), ("1", "满意"), ("0", "不满意")],
        coerce=lambda v: v == "1",
    )  # fmt: skip


class ServeForm(_ActionForm):
    served_on = DateField(label="信访人收到处理意见书日期", initial=_today)


class ReviewRequestForm(_ActionForm):
    reviewing_unit = UnitField(label="复查（复核）机关", queryset=None, empty_label="请选择")
    requested_on = DateField(label="收到请求日期", initial=_today)

    def __init__(self, obj, *args, **kwargs):
        super().__init__(obj, *args, **kwargs)
        self.fields["reviewing_unit"].queryset = OrgUnit.objects.filter(active=True).order_by(
            "sort_order", "code"
        )


class AnswerForm(_ActionForm):
    result = forms.ChoiceField(label="结论", choices=_choices(PetitionReview.Result.choices))
    opinion_number = forms.CharField(label="意见书文号", max_length=80)
    opinion = forms.CharField(label="意见", max_length=5000, widget=forms.Textarea(TEXT))
    answered_on = DateField(label="出具意见日期", initial=_today)
    served_on = DateField(label="信访人收到日期", required=False)


class ServeAnswerForm(_ActionForm):
    served_on = DateField(label="信访人收到意见书日期", initial=_today)


class HearingStartForm(_ActionForm):
    start = DateField(label="听证开始日期", initial=_today)


class HearingEndForm(_ActionForm):
    end = DateField(label="听证结束日期", initial=_today)
