"""Forms of the case screens: the new case, the 当场处罚, and one form per stage action.

Each stage form carries one file input per 文书 the stage needs (``rules.stage_documents``),
none of them required here: the service names every missing 文书 in one Chinese message
(全过程记录, 行政处罚法 第47条), so the clerk sees the rule, not a field error."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateInput, ModelMultipleChoiceField

from . import rules
from .models import Agency, Case, CaseKind, DiscretionBand, Officer, Party, Power

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _today():
    return timezone.localdate()


def agencies_for(user, action: str = "change"):
    return access.restrict(Agency.objects.filter(active=True), user, action).order_by(
        "unit__sort_order", "unit__code", "name"
    )


def certified_officers(agencies, on=None):
    """Officers of ``agencies`` who may act on ``on`` (在岗, 行政执法证, valid that day)."""
    on = on or _today()
    return (
        Officer.objects.filter(
            agency__in=agencies,
            status=Officer.Status.ACTIVE,
            certificate_kind=Officer.CertificateKind.ENFORCEMENT,
            issued_on__lte=on,
            valid_until__gte=on,
        )
        .select_related("agency")
        .order_by("agency__name", "name")
    )


class OfficerField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.agency.name} · {obj.name}（执法证{obj.certificate_number}）"


class PowerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.agency.name} · {obj.code} {obj.name}"


class BandField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.standard.code} {obj.standard.violation} · {obj}"


def usable_powers(agencies):
    """The agencies' own active powers and the powers delegated to them (赋权乡镇)."""
    return (
        Power.objects.filter(active=True)
        .filter(
            Q(agency__in=agencies)
            | Q(delegations__to_agency__in=agencies, delegations__withdrawn_on__isnull=True)
        )
        .select_related("agency")
        .distinct()
        .order_by("agency__name", "code")
    )


class DocumentsMixin:
    """One optional file input per 文书 named for the stage; ``documents()`` maps the
    文书 names to what was uploaded."""

    doc_names: tuple[str, ...] = ()

    def add_documents(self, names, extra=()):
        self.doc_names = tuple(names) + tuple(n for n in extra if n not in names)
        for i, name in enumerate(self.doc_names):
            optional = name in extra
            self.fields[f"doc_{i}"] = forms.FileField(
                label=name + ("（有听证权利时必传）" if optional else ""), required=False
            )
            self.fields[f"doc_{i}"].widget.attrs["class"] = "form-control"

    def documents(self) -> dict:
        return {
            name: self.cleaned_data.get(f"doc_{i}")
            for i, name in enumerate(self.doc_names)
            if self.cleaned_data.get(f"doc_{i}")
        }


class StageForm(BootstrapMixin, DocumentsMixin, forms.Form):
    """A stage act: its date and the stage's 文书."""

    on = forms.DateField(label="日期", widget=DateInput(), initial=_today)
    stage = ""
    date_label = "日期"

    def __init__(self, case: Case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["on"].label = self.date_label
        if self.stage:
            names = rules.stage_documents(self.stage, case.kind)
            self.add_documents(names, self.extra_documents())

    def extra_documents(self):
        return ()


class InvestigateForm(StageForm):
    stage = "investigated"
    date_label = "调查终结日期"
    officers = OfficerField(
        label="调查取证的执法人员",
        queryset=Officer.objects.none(),
        help_text="现场执法不少于两名持有效执法证的人员",
    )
    note = forms.CharField(
        label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["on", "officers", "note"]

    def __init__(self, case, *args, **kwargs):
        super().__init__(case, *args, **kwargs)
        self.fields["officers"].queryset = certified_officers(
            Agency.objects.filter(pk=case.agency_id)
        )
        if not self.is_bound:
            self.initial.setdefault("officers", [a.officer_id for a in case.assignments.all()])


class NotifyForm(StageForm):
    stage = "notified"
    date_label = "告知日期"
    proposed_fine = forms.DecimalField(label="拟罚款（元）", required=False, **MONEY)
    proposed_revocation = forms.BooleanField(
        label="拟吊销许可证件、责令停产停业或限制从业", required=False
    )
    field_order = ["on", "proposed_fine", "proposed_revocation"]

    def extra_documents(self):
        return ("听证告知书",)


class RequestHearingForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="当事人申请听证日期", widget=DateInput(), initial=_today)

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)


class HearingForm(StageForm):
    stage = "hearing"
    date_label = "听证举行日期"
    notice_on = forms.DateField(label="听证通知送达日期", widget=DateInput())
    field_order = ["notice_on", "on"]


class ReviewForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="送审日期", widget=DateInput(), initial=_today)
    fine = forms.DecimalField(label="拟罚款（元）", required=False, **MONEY)
    confiscation = forms.DecimalField(
        label="拟没收违法所得、非法财物（元）", required=False, **MONEY
    )
    revokes_license = forms.BooleanField(label="拟吊销许可证件、责令关闭或限制从业", required=False)
    material = forms.FileField(label="送审材料（拟作出的决定书等）", required=False)

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)


class DiscussForm(StageForm):
    stage = "collective"
    date_label = "集体讨论日期"
    note = forms.CharField(
        label="讨论意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["on", "note"]


class DecideForm(StageForm):
    stage = "decided"
    date_label = "决定日期"
    outcome = forms.ChoiceField(label="处理结果", choices=())
    fine = forms.DecimalField(label="罚款（元）", required=False, **MONEY)
    confiscation = forms.DecimalField(label="没收违法所得、非法财物（元）", required=False, **MONEY)
    revokes_license = forms.BooleanField(label="吊销许可证件、责令关闭或限制从业", required=False)
    band = BandField(
        label="裁量阶次",
        queryset=DiscretionBand.objects.none(),
        required=False,
        empty_label="不适用",
    )
    outside_band_reason = forms.CharField(
        label="超出裁量阶次的理由",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="罚款不在所选阶次范围内时必填（从轻、减轻或从重处罚的事实和依据）",
    )
    field_order = [
        "on",
        "outcome",
        "fine",
        "confiscation",
        "revokes_license",
        "band",
        "outside_band_reason",
    ]

    def __init__(self, case, *args, **kwargs):
        super().__init__(case, *args, **kwargs)
        if case.kind == CaseKind.PENALTY:
            allowed = ("penalty", "light_penalty", "no_penalty", "first_violation_exempt")
            allowed += ("no_violation",)
        else:
            allowed = ("granted", "refused", "measure", "no_violation")
        self.fields["outcome"].choices = [("", "请选择")] + [
            (v, label) for v, label in Case.Outcome.choices if v in allowed
        ]
        self.fields["band"].queryset = bands_for(case)


def bands_for(case: Case):
    """The bands of the case's standard; before one is chosen, those of the standards of
    the case's power, else of every active standard of the agency."""
    qs = DiscretionBand.objects.select_related("standard").order_by("standard__code", "min_fine")
    if case.standard_id:
        return qs.filter(standard_id=case.standard_id)
    if case.power_id and case.power.standards.filter(active=True).exists():
        return qs.filter(standard__power_id=case.power_id, standard__active=True)
    return qs.filter(standard__agency_id=case.agency_id, standard__active=True)


class ServeForm(StageForm):
    stage = "served"
    date_label = "送达日期"


class ExecuteForm(StageForm):
    stage = "executed"
    date_label = "执行完毕日期"


class CloseForm(StageForm):
    stage = "closed"
    date_label = "结案日期"


class ReasonForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="日期", widget=DateInput(), initial=_today)
    reason = forms.CharField(label="理由", max_length=300)
    labels = ("日期", "理由")

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label, self.fields["reason"].label = self.labels


class TerminateForm(ReasonForm):
    labels = ("终止日期", "终止理由（违法事实不能成立、超过追责时效等）")


class RevokeForm(ReasonForm):
    labels = ("决定被撤销、变更或确认违法的日期", "撤销、变更理由（复议、诉讼或自行纠正）")


class WithholdForm(ReasonForm):
    labels = ("登记日期", "不予公开的理由（如涉及未成年人、国家秘密）")


class WithdrawForm(ReasonForm):
    labels = ("撤回日期", "撤回说明（公示于原位置）")


class ExtendForm(BootstrapMixin, forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=365)
    reason = forms.CharField(label="延长理由", max_length=300)
    approved_by = forms.CharField(label="批准人（行政机关负责人）", max_length=100)
    approved_on = forms.DateField(label="批准日期", widget=DateInput(), initial=_today)
    evidence = forms.FileField(label="批准文件", required=False)

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)


class PublishForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label="公示日期", widget=DateInput(), initial=_today)
    late_reason = forms.CharField(
        label="逾期原因",
        max_length=300,
        required=False,
        help_text="超过公示期限公示的必填，公示将标注为“逾期公示”",
    )

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)


# --- new case, 当场处罚 -----------------------------------------------------------------


class CaseHeadForm(BootstrapMixin, DocumentsMixin, forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    kind = forms.ChoiceField(label="案件类别", choices=[("", "请选择"), *CaseKind.choices])
    power = PowerField(label="执法事项（权责清单）", queryset=Power.objects.none(), required=False)
    title = forms.CharField(label="案由", max_length=300)
    facts = forms.CharField(
        label="主要违法事实或申请事项",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    filed_on = forms.DateField(label="立案（受理）日期", widget=DateInput(), initial=_today)
    on_site = forms.BooleanField(
        label="现场执法（须两名以上执法人员）", required=False, initial=True
    )
    complex_case = forms.BooleanField(
        label="案情复杂或有重大违法行为（须集体讨论）", required=False
    )
    officers = OfficerField(label="承办执法人员（第一位为主办）", queryset=Officer.objects.none())

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_for(user)
        self.fields["agency"].queryset = agencies
        self.fields["power"].queryset = usable_powers(agencies)
        self.fields["officers"].queryset = certified_officers(agencies)
        if not self.is_bound and agencies.count() == 1:
            self.initial.setdefault("agency", agencies.first().pk)
        self.add_documents(rules.stage_documents("filed"))


class PartyForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="当事人类型", choices=[("", "请选择"), *Party.Kind.choices])
    name = forms.CharField(label="姓名或名称", max_length=200)
    id_number = forms.CharField(label="身份证号（自然人）", max_length=18, required=False)
    uscc = forms.CharField(label="统一社会信用代码（单位）", max_length=18, required=False)
    representative = forms.CharField(label="法定代表人（负责人）", max_length=50, required=False)
    address = forms.CharField(label="住址或住所", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    minor = forms.BooleanField(label="未成年人", required=False)

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            self.empty_permitted = True
            self.use_required_attribute = False


def party_forms(data=None, count: int = 3) -> list[PartyForm]:
    return [
        PartyForm(data, prefix=f"party{i}", optional=i > 0, auto_id=f"id_party{i}_%s")
        for i in range(count)
    ]


class SummaryForm(BootstrapMixin, DocumentsMixin, forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    power = PowerField(label="执法事项（权责清单）", queryset=Power.objects.none(), required=False)
    title = forms.CharField(label="案由", max_length=300)
    facts = forms.CharField(
        label="违法事实", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label="处罚日期", widget=DateInput(), initial=_today)
    place = forms.CharField(
        label="处罚地点",
        max_length=200,
        help_text="当场处罚决定书应当载明地点（《行政处罚法》第五十二条）",
    )
    fine = forms.DecimalField(
        label="罚款（元，警告填0）",
        required=False,
        help_text="公民200元以下、法人或其他组织3000元以下（《行政处罚法》第五十一条）",
        **MONEY,
    )
    officers = OfficerField(label="执法人员（不少于两名）", queryset=Officer.objects.none())

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_for(user)
        self.fields["agency"].queryset = agencies
        self.fields["power"].queryset = usable_powers(agencies)
        self.fields["officers"].queryset = certified_officers(agencies)
        if not self.is_bound and agencies.count() == 1:
            self.initial.setdefault("agency", agencies.first().pk)
        self.add_documents(rules.SUMMARY_DOCUMENTS)
