"""Forms of the 矛盾纠纷 office screens: the 排查登记 a 网格员 fills in the field (parties in
rows), the edit of a dispute's facts and one form per step of a mediation (人民调解法
第十七至三十三条). The forms only parse what was typed (a 身份证号 by its check digit, GB
11643); ``services/disputes.py`` checks every rule and answers in Chinese."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone

from fazhi.core import access
from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.identifiers import validate_id_number, validate_uscc

from . import rules
from .models import Dispute, DisputeParty
from .permissions import DISPUTES
from .services.disputes.checks import bodies_for

D = Dispute
TEXT = {"rows": 3}
PARTY_ROWS = 3


def _today():
    return timezone.localdate()


def _pick(choices):
    return [("", "请选择"), *choices]


class PhoneMixin(BootstrapMixin):
    """Plain selects (the phone's own picker, not a search box) on the forms a 网格员 or
    mediator fills in on a phone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["data-searchable"] = "off"


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BodyField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, min_value=0, required=False,
        widget=forms.NumberInput({"inputmode": "decimal", "step": "0.01"}),
    )  # fmt: skip


class DisputeFactsForm(PhoneMixin, forms.Form):
    """What 排查 found: kind, place, a short account, the money and people involved."""

    type = forms.ChoiceField(label="纠纷类型", choices=_pick(rules.DISPUTE_TYPES))
    place = forms.CharField(label="发生地点", max_length=200, required=False)
    summary = forms.CharField(label="纠纷简要情况", max_length=5000, widget=forms.Textarea(TEXT))
    amount = _amount("涉及金额（元）")
    people_involved = forms.IntegerField(
        label="涉及人数", min_value=1, max_value=100000, initial=2,
        widget=forms.NumberInput({"inputmode": "numeric"}),
    )  # fmt: skip


class DisputeRecordForm(DisputeFactsForm):
    """排查登记: a dispute found by a visit, the grid, a hotline, or handed over, entered by
    the unit that found it (人民调解法 第二十五条: 排查 and early mediation)."""

    unit = UnitField(label="责任单位", queryset=None, empty_label="请选择")
    found_on = DateField(label="排查发现日期", initial=_today)
    source = forms.ChoiceField(label="来源", choices=_pick(rules.DISPUTE_SOURCES))
    found_by = forms.CharField(label="排查人", max_length=50, required=False)
    petition_number = forms.CharField(
        label="来源信访件编号（信访转交的填写）", max_length=40, required=False
    )

    field_order = ["unit", "found_on", "source", "type", "place", "summary", "amount",
                   "people_involved", "found_by", "petition_number"]  # fmt: skip

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.allowed_unit_choices(user, DISPUTES).order_by("sort_order", "code")
        self.fields["unit"].queryset = units
        if user.unit_id and units.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id
        if user.full_name:
            self.fields["found_by"].initial = user.full_name


class PartyForm(PhoneMixin, forms.Form):
    """One party (personal data: never shown on the portal)."""

    side = forms.ChoiceField(label="当事人一方", choices=rules.PARTY_SIDES)
    kind = forms.ChoiceField(label="类型", choices=rules.PARTY_KINDS)
    name = forms.CharField(label="姓名或名称", max_length=200, required=False)
    id_number = forms.CharField(
        label="身份证号或统一社会信用代码", max_length=18, required=False,
        widget=forms.TextInput({"autocomplete": "off", "autocapitalize": "characters"}),
    )  # fmt: skip
    phone = forms.CharField(
        label="联系电话", max_length=30, required=False,
        widget=forms.TextInput({"inputmode": "tel", "autocomplete": "off"}),
    )  # fmt: skip
    address = forms.CharField(label="住址", max_length=200, required=False)

    def has_changed(self):
        # Side and kind always carry a value: a row counts only when something was typed.
        d = self.data
        p = self.prefix + "-" if self.prefix else ""
        return any((d.get(p + f) or "").strip() for f in ("name", "id_number", "phone", "address"))

    def clean(self):
        d = super().clean()
        if not self.has_changed():
            return d
        if not (d.get("name") or "").strip():
            self.add_error("name", "请填写当事人的姓名或名称")
        number = (d.get("id_number") or "").strip().upper()
        if number:
            try:
                if d.get("kind") == DisputeParty.Kind.ORGANISATION:
                    d["id_number"] = validate_uscc(number)
                else:
                    d["id_number"] = validate_id_number(number, today=_today())
            except ValidationError as e:
                self.add_error("id_number", e.messages[0])
        return d

    def party(self) -> dict:
        d = self.cleaned_data
        return {k: (d.get(k) or "").strip() for k in
                ("side", "kind", "name", "id_number", "phone", "address")}  # fmt: skip


class _Parties(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.has_changed()]
        if not filled:
            raise ValidationError("请至少填写一名当事人（姓名或名称）")

    def parties(self) -> list[dict]:
        return [f.party() for f in self.forms if f.has_changed()]


# Three rows on a new form (the initial sides); a posted form keeps its own count.
PartyFormSet = formset_factory(PartyForm, formset=_Parties, extra=0, max_num=12)


def party_formset(data=None) -> _Parties:
    initial = [{"side": "applicant"}] + [{"side": "respondent"}] * (PARTY_ROWS - 1)
    fs = PartyFormSet(data, prefix="party", initial=None if data else initial)
    return fs


# --- one form per step ----------------------------------------------------------------------


class _ActionForm(PhoneMixin, forms.Form):
    def __init__(self, obj, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj = obj
        self.user = user


class AcceptForm(_ActionForm):
    """受理调解 by a body (人民调解法 第十七、十八条)."""

    body = BodyField(label="调解组织", queryset=None, empty_label="请选择")
    accepted_on = DateField(label="受理调解日期", initial=_today)
    mediators = forms.CharField(
        label="调解员（多人以顿号分隔）", max_length=200,
        help_text="调解期限自受理之日起计算",
    )  # fmt: skip

    def __init__(self, obj, *args, user=None, **kwargs):
        super().__init__(obj, *args, user=user, **kwargs)
        # Those of the dispute's unit and below, and the district-level ones (the service's
        # own list: a township's clerk may hand a dispute to a 诉调对接 room).
        qs = bodies_for(obj.unit).filter(active=True).select_related("unit")
        self.fields["body"].queryset = qs.order_by("unit__path", "name")


class SessionForm(_ActionForm):
    """One sitting of the mediation (第二十二条)."""

    held_on = DateField(label="调解日期", initial=_today)
    place = forms.CharField(label="调解地点", max_length=200, required=False)
    mediators = forms.CharField(label="调解员", max_length=200)
    notes = forms.CharField(label="调解记录", max_length=10000, widget=forms.Textarea(TEXT))

    def __init__(self, obj, *args, **kwargs):
        super().__init__(obj, *args, **kwargs)
        self.fields["mediators"].initial = obj.mediators


class ExtendForm(_ActionForm):
    """当事人同意延长调解期限 (《全国人民调解工作规范》): the days agreed are not counted."""

    start = DateField(label="延长期间开始日期", initial=_today)
    end = DateField(label="延长期间结束日期")
    reason = forms.CharField(label="当事人同意延长的情况", max_length=300)


class ConcludeForm(_ActionForm):
    """调解终结: 调解成功 with the agreement (第二十八条), 调解不成, or a party refused
    (第十七条)."""

    outcome = forms.ChoiceField(label="调解结果", choices=_pick(rules.OUTCOMES))
    concluded_on = DateField(label="调解终结日期", initial=_today)
    note = forms.CharField(label="结果说明", max_length=5000, required=False,
                           widget=forms.Textarea(TEXT))  # fmt: skip
    agreement_form = forms.ChoiceField(
        label="协议形式（调解成功的填写）", choices=[("", "（无）"), *rules.AGREEMENT_FORMS],
        required=False,
    )  # fmt: skip
    agreement_number = forms.CharField(
        label="调解协议书编号（书面协议）", max_length=60, required=False
    )
    agreement_terms = forms.CharField(
        label="协议内容", max_length=10000, required=False, widget=forms.Textarea(TEXT)
    )
    agreement_amount = _amount("协议涉及金额（元）")


class ApplyConfirmationForm(_ActionForm):
    """双方当事人共同申请司法确认 within 30 days (第三十三条)."""

    applied_on = DateField(label="申请司法确认日期", initial=_today)
    court = forms.CharField(label="受理法院", max_length=100)


class RecordConfirmationForm(_ActionForm):
    result = forms.ChoiceField(label="司法确认结果", choices=_pick(rules.CONFIRMATION_RESULTS))
    confirmed_on = DateField(label="裁定日期", initial=_today)


PERFORMED = [("", "请选择"), ("yes", "已履行"), ("no", "未履行")]


class FollowUpForm(_ActionForm):
    """回访: is the agreement performed (第三十一条)?"""

    followed_up_on = DateField(label="回访日期", initial=_today)
    performed = forms.ChoiceField(label="协议履行情况", choices=PERFORMED)
    note = forms.CharField(label="回访情况", max_length=5000, widget=forms.Textarea(TEXT))

    def clean_performed(self):
        return self.cleaned_data["performed"] == "yes"


class EscalateForm(_ActionForm):
    """导入法定途径 (第二十六条)."""

    route = forms.ChoiceField(label="导入途径", choices=_pick(rules.ESCALATION_ROUTES))
    escalated_on = DateField(label="导入日期", initial=_today)
    note = forms.CharField(label="说明", max_length=2000, required=False,
                           widget=forms.Textarea(TEXT))  # fmt: skip


def facts_initial(d: Dispute) -> dict:
    return {
        "type": d.type, "place": d.place, "summary": d.summary, "amount": d.amount,
        "people_involved": d.people_involved,
    }  # fmt: skip


class ImportForm(BootstrapMixin, forms.Form):
    """导入本单位的人民调解台账 (XLSX or CSV, all rows or none)."""

    unit = UnitField(label="责任单位", queryset=None, empty_label="请选择")
    file = forms.FileField(label="人民调解台账（XLSX 或 CSV）")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.allowed_unit_choices(user, DISPUTES).order_by("sort_order", "code")
        self.fields["unit"].queryset = units
        if user.unit_id and units.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id
