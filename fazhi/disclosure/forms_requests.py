"""Forms of the 依申请公开 office screens: the counter entry of a letter, visit, fax or
e-mail (条例 第二十九、三十一条) and one form per step of a request. The forms only parse
what was typed; ``services/requests.py`` checks every rule and answers in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField, MultipleFileField

from . import rules
from .models import DisclosureRequest, ThirdPartyConsultation
from .services import fees

R = DisclosureRequest
TEXT = {"rows": 3}
COUNTER_CHANNELS = [(v, label) for v, label in R.Channel.choices if v != R.Channel.ONLINE]


def _today():
    return timezone.localdate()


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RequestCounterForm(BootstrapMixin, forms.Form):
    """窗口登记: a request that came by letter, in person, by fax or by e-mail, entered by
    a clerk of the agency that received it, with the day of receipt of 第三十一条."""

    unit = UnitField(label="受理机关", queryset=None, empty_label="请选择")
    channel = forms.ChoiceField(label="申请方式", choices=[("", "请选择"), *COUNTER_CHANNELS])
    received_on = DateField(
        label="收到申请日期",
        initial=_today,
        help_text="当面提交的为提交之日；邮寄的为签收之日；传真、电子邮件的为双方确认之日（条例第三十一条）",
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=[("", "请选择"), *R.ApplicantKind.choices]
    )
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    applicant_id = forms.CharField(label="身份证号或统一社会信用代码", max_length=18)
    applicant_phone = forms.CharField(label="联系电话", max_length=30)
    applicant_address = forms.CharField(label="通讯地址", max_length=200, required=False)
    applicant_email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=5000,
        widget=forms.Textarea(TEXT),
    )
    delivery = forms.CharField(label="获取信息的方式", max_length=30, initial="电子邮件")
    attachments = MultipleFileField(label="申请材料（可一次选择多个）", required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.allowed_unit_choices(user).order_by("sort_order", "code")
        self.fields["unit"].queryset = units
        if user.unit_id and units.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d["attachments"] = d.get("attachments") or []
        return d


# --- one form per step ----------------------------------------------------------------------


class _ActionForm(BootstrapMixin, forms.Form):
    def __init__(self, obj, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj = obj


class DayForm(_ActionForm):
    on = DateField(label="日期", initial=_today)
    date_label = "日期"

    def __init__(self, obj, *args, **kwargs):
        super().__init__(obj, *args, **kwargs)
        self.fields["on"].label = self.date_label


class CorrectionForm(DayForm):
    date_label = "补正告知日期"
    items = forms.CharField(
        label="需要补正的全部事项（一次性载明）", max_length=2000, widget=forms.Textarea(TEXT)
    )


class SupplementForm(DayForm):
    date_label = "收到补正申请日期"
    description = forms.CharField(
        label="补正后的申请内容（申请人重新表述的，替换原内容；未重述的留空）",
        max_length=5000,
        required=False,
        widget=forms.Textarea(TEXT),
    )
    attachments = MultipleFileField(label="补正材料", required=False)


class ConsultForm(_ActionForm):
    kind = forms.ChoiceField(
        label="征求意见对象类别", choices=[("", "请选择"), *ThirdPartyConsultation.Kind.choices]
    )
    party = forms.CharField(label="征求意见对象", max_length=200)
    sent_on = DateField(label="发出征求意见函日期", initial=_today)


class AnswerForm(DayForm):
    """登记意见: the answer of one letter still out (or its silence when 15 days ran out)."""

    date_label = "收到意见日期（逾期未提出意见的，为期满次日）"
    consultation = forms.ChoiceField(label="征求意见函")
    answer = forms.ChoiceField(
        label="意见", choices=[("", "请选择"), *ThirdPartyConsultation.Answer.choices]
    )
    note = forms.CharField(
        label="意见内容", max_length=2000, required=False, widget=forms.Textarea(TEXT)
    )

    def __init__(self, obj, *args, **kwargs):
        super().__init__(obj, *args, **kwargs)
        out = obj.consultations.filter(answered_on=None).order_by("sent_on", "pk")
        self.fields["consultation"].choices = [
            (str(c.pk), f"{c.party}（{c.sent_on:%Y-%m-%d}发出）") for c in out
        ]

    def clean_consultation(self):
        return self.obj.consultations.get(pk=int(self.cleaned_data["consultation"]))


class ExtendForm(_ActionForm):
    days = forms.IntegerField(label="延长答复期限（工作日）", min_value=1, max_value=20)
    reason = forms.CharField(label="延期理由（告知申请人）", max_length=300)
    approved_by = forms.CharField(label="批准人（政府信息公开工作机构负责人）", max_length=50)
    approved_on = DateField(label="批准日期", initial=_today)


class FeeForm(DayForm):
    date_label = "收费通知日期"
    method = forms.ChoiceField(
        label="计费方式（只能选择一种）", choices=[("", "请选择"), *fees.METHODS]
    )
    pages = forms.IntegerField(
        label="提供信息的页数（按量计收时填写）", min_value=0, max_value=1000000, required=False
    )


class FeePaidForm(DayForm):
    date_label = "缴费日期"


REPLY_TYPES = [("", "请选择"), *rules.REPLY_TYPES]
GROUND_GROUPS = (
    ("不予公开、部分公开的理由", rules.REFUSAL_GROUNDS),
    ("无法提供的理由", rules.UNABLE_GROUNDS),
    ("不予处理的理由", rules.REJECT_GROUNDS),
)


def grounds_map() -> dict[str, list[str]]:
    """{reply type: its grounds' codes}: what the reply form's script shows per type."""
    return {code: [g for g, _ in rules.grounds_for(code)] for code, _ in rules.REPLY_TYPES}


class ReplyForm(DayForm):
    date_label = "答复日期"
    reply_type = forms.ChoiceField(label="答复类型", choices=REPLY_TYPES)
    ground = forms.ChoiceField(
        label="理由（不予公开、部分公开、无法提供、不予处理时选择）",
        choices=[
            ("", "（该答复类型无需选择）"),
            *((group, [(c, label) for c, label, _ in items]) for group, items in GROUND_GROUPS),
        ],
        required=False,
    )
    other_agency = forms.CharField(
        label="负责公开的机关及联系方式（第三十六条第五项）", max_length=200, required=False
    )
    text = forms.CharField(
        label="答复内容",
        max_length=20000,
        widget=forms.Textarea({"rows": 5}),
        help_text="部分公开的，先写提供的部分；不予公开的部分另起一行、以“不予公开”开头写明，"
        "答复书将其与理由单独列出",
    )
    attachments = MultipleFileField(label="答复材料（提供的政府信息等）", required=False)


class WithdrawForm(DayForm):
    date_label = "撤回日期"
    reason = forms.CharField(label="撤回情况", max_length=500)
