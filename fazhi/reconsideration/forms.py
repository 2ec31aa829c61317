"""Forms of the 行政复议 office screens: the counter intake (窗口登记) and one form per action
on an application or a case. The forms only parse what was typed; the services
(``services/applications.py``, ``services/cases.py``) check every rule and answer in Chinese."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import BootstrapMixin, DateField, MultipleFileField
from fazhi.core.models import OrgUnit

from .models import Application, Outcome, PartyKind
from .services.cases import SIMPLE_GROUNDS, SUSPENSION_GROUNDS

TEXT = {"rows": 3}
COUNTER_CHANNELS = [
    (v, label) for v, label in Application.Channel.choices if v != Application.Channel.ONLINE
]


def _today():
    return timezone.localdate()


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def respondent_units():
    """The agencies an application may name as respondent: the district's active units."""
    return OrgUnit.objects.filter(active=True).order_by("sort_order", "code")


class CounterForm(BootstrapMixin, forms.Form):
    """窗口登记 of a paper, posted, oral (第22条: with the 笔录 the applicant confirms) or
    forwarded (第32条) application, by a clerk of the 复议机构."""

    channel = forms.ChoiceField(label="申请方式", choices=[("", "请选择"), *COUNTER_CHANNELS])
    received_on = DateField(label="收到申请日期", initial=_today)
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=[("", "请选择"), *PartyKind.choices]
    )
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    applicant_id = forms.CharField(label="身份证号或统一社会信用代码", max_length=18)
    applicant_phone = forms.CharField(label="联系电话", max_length=30)
    applicant_address = forms.CharField(label="通讯地址", max_length=200, required=False)
    agent_name = forms.CharField(label="委托代理人", max_length=100, required=False)
    respondent = UnitField(
        label="被申请人（本区单位）",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="（不是本区单位，在下方填写名称）",
    )
    respondent_name = forms.CharField(
        label="被申请人名称（非本区单位时填写）", max_length=200, required=False
    )
    act = forms.CharField(label="被申请复议的行政行为", max_length=300)
    act_number = forms.CharField(label="行政行为的文书文号", max_length=100, required=False)
    act_on = DateField(label="行政行为作出日期", required=False)
    known_on = DateField(label="知道或应当知道该行政行为之日")
    inaction = forms.BooleanField(
        label="申请履行法定职责、行政机关未履行（上一项填履行期限届满之日）", required=False
    )
    remedy_told = forms.BooleanField(
        label="作出行为时告知了申请复议的权利、机关和期限", required=False, initial=True
    )
    remedy_known_on = DateField(
        label="知道申请复议的权利、机关和期限之日（未告知时填写）", required=False
    )
    immovable = forms.BooleanField(label="涉及不动产", required=False)
    requests = forms.CharField(label="行政复议请求", max_length=2000, widget=forms.Textarea(TEXT))
    reasons = forms.CharField(label="事实和理由", max_length=10000, widget=forms.Textarea(TEXT))
    oral_record = forms.CharField(
        label="口头申请笔录（经申请人确认）",
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 5}),
        help_text="口头申请的必填（《行政复议法》第二十二条）",
    )
    document_review = forms.CharField(
        label="一并提出对规范性文件的附带审查申请",
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text="《行政复议法》第十三条",
    )
    disclosure_related = forms.BooleanField(label="因政府信息公开工作引起", required=False)
    attachments = MultipleFileField(label="申请材料（可一次选择多个）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = respondent_units()

    def clean(self):
        d = super().clean()
        if (
            d.get("channel") == Application.Channel.ORAL
            and not (d.get("oral_record") or "").strip()
        ):
            self.add_error("oral_record", "口头申请的，应当制作笔录并经申请人确认")
        if not d.get("respondent") and not (d.get("respondent_name") or "").strip():
            self.add_error("respondent_name", "请选择或填写被申请人")
        return d

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d["attachments"] = d.get("attachments") or []
        return d


# --- actions on an application ----------------------------------------------------------


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
    date_label = "补正通知日期"
    items = forms.CharField(
        label="需要补正的全部事项（一次性载明）", max_length=2000, widget=forms.Textarea(TEXT)
    )


class CorrectedForm(DayForm):
    date_label = "收到补正材料日期"
    attachments = MultipleFileField(label="补正材料", required=False)


class AcceptForm(DayForm):
    date_label = "受理日期"
    procedure = forms.ChoiceField(
        label="审理程序",
        choices=[("ordinary", "普通程序"), ("simple", "简易程序")],
        initial="ordinary",
    )
    simple_ground = forms.ChoiceField(
        label="适用简易程序的情形（《行政复议法》第五十三条）",
        choices=[("", "（普通程序不选）"), *SIMPLE_GROUNDS.items()],
        required=False,
    )
    amount = forms.DecimalField(
        label="案件涉及款额（元，以款额为由适用简易程序时填写）",
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )


class RejectForm(DayForm):
    date_label = "决定日期"
    reason = forms.CharField(label="不予受理的理由", max_length=2000, widget=forms.Textarea(TEXT))


class ReferForm(DayForm):
    date_label = "告知日期"
    to = forms.CharField(label="有权受理的行政复议机关", max_length=200)
    reason = forms.CharField(label="告知的理由", max_length=2000, widget=forms.Textarea(TEXT))


class WithdrawForm(DayForm):
    date_label = "撤回日期"
    reason = forms.CharField(label="撤回的说明", max_length=500)


# --- actions on a case --------------------------------------------------------------------


class CopyForm(DayForm):
    date_label = "发送申请书副本日期"


class AnswerForm(DayForm):
    date_label = "提交答复日期"
    summary = forms.CharField(label="答复要点", max_length=5000, widget=forms.Textarea(TEXT))
    attachments = MultipleFileField(label="书面答复、证据和依据", required=False)


class HearingForm(_ActionForm):
    notified_on = DateField(label="听证通知日期", initial=_today)
    hearing_on = DateField(label="听证日期")


class SuspendForm(DayForm):
    date_label = "中止日期"
    ground = forms.ChoiceField(
        label="中止情形（《行政复议法》第三十九条）",
        choices=[("", "请选择"), *SUSPENSION_GROUNDS.items()],
    )
    note = forms.CharField(label="说明", max_length=500, required=False)


class ResumeForm(DayForm):
    date_label = "恢复审理日期"


class ExtendForm(_ActionForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=365)
    reason = forms.CharField(label="延长理由", max_length=300)
    approved_by = forms.CharField(label="批准人（行政复议机构负责人）", max_length=100)
    approved_on = DateField(label="批准日期", initial=_today)


DECISION_OUTCOMES = [(o.value, o.label) for o in Outcome]


class DecideForm(DayForm):
    date_label = "决定（结案）日期"
    outcome = forms.ChoiceField(label="处理结果", choices=[("", "请选择"), *DECISION_OUTCOMES])
    summary = forms.CharField(label="决定要旨", max_length=5000, widget=forms.Textarea(TEXT))


class ServeForm(DayForm):
    date_label = "送达日期"


class PublishForm(DayForm):
    date_label = "公开日期"


class SuperiorForm(DayForm):
    date_label = "抄告日期"


class DocumentReviewForm(_ActionForm):
    """转规范性文件附带审查 (第13条, 第56条): the document the applicant's request names."""

    document_title = forms.CharField(label="规范性文件名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
