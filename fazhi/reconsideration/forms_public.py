"""Forms of the 行政复议 portal: the online application (行政复议法 第22条: the written
application states the applicant, the respondent, the requests and the reasons, and the
date of the application), its confirmation step, and the status look-up. The rules live in
``services.applications``; these forms collect what was typed and keep it when refused."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.forms import BootstrapMixin, DateField
from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import today

from .models import PartyKind

OTHER = "other"
YES_NO = [("yes", "是"), ("no", "否")]


def respondents():
    """The district's departments and townships an applicant can pick as the respondent
    (any other agency is typed by name)."""
    return OrgUnit.objects.filter(
        active=True, kind__in=[OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP]
    ).order_by("kind", "sort_order", "code")


class ApplyForm(BootstrapMixin, forms.Form):
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=PartyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型", "invalid_choice": "请选择申请人类型"},
    )
    applicant_name = forms.CharField(
        label="申请人姓名或名称",
        max_length=200,
        error_messages={"required": "请填写申请人姓名或名称"},
    )
    applicant_id = forms.CharField(
        label="公民身份号码或统一社会信用代码",
        max_length=30,
        error_messages={"required": "请填写公民身份号码或统一社会信用代码"},
        help_text="自然人填写18位公民身份号码；法人或其他组织填写18位统一社会信用代码。",
    )
    applicant_phone = forms.CharField(
        label="联系电话",
        max_length=30,
        error_messages={"required": "请填写联系电话"},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_address = forms.CharField(
        label="通讯地址", max_length=200, required=False, help_text="用于邮寄受理通知书等文书"
    )
    agent_name = forms.CharField(
        label="委托代理人（选填）",
        max_length=100,
        required=False,
        help_text="委托律师或他人代为申请的，填写代理人姓名；授权委托书请在下一步作为附件上传。",
    )
    respondent_unit = forms.ChoiceField(
        label="被申请人（作出行政行为的行政机关）",
        error_messages={"required": "请选择被申请人", "invalid_choice": "请选择被申请人"},
    )
    respondent_other = forms.CharField(
        label="其他行政机关的名称",
        max_length=200,
        required=False,
        help_text="被申请人不在上面的列表中时，选择“其他行政机关”并填写其全称。",
    )
    act = forms.CharField(
        label="被申请复议的行政行为",
        max_length=300,
        error_messages={"required": "请填写被申请复议的行政行为"},
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：某年某月某日作出的罚款2000元的行政处罚决定；申请履行法定职责的，写明申请的事项。",
    )
    act_number = forms.CharField(label="行政行为的文书文号（选填）", max_length=100, required=False)
    act_on = DateField(label="行政行为作出日期（选填）", required=False)
    inaction = forms.BooleanField(
        label="申请行政机关履行法定职责，行政机关未履行（不作为）",
        required=False,
    )
    known_on = DateField(
        label="知道或者应当知道该行政行为的日期",
        error_messages={"required": "请填写知道或者应当知道该行政行为的日期"},
        help_text="一般为收到决定书之日；申请履行法定职责的，填写行政机关履行期限届满之日。",
    )
    remedy_told = forms.ChoiceField(
        label="行政机关作出行为时，是否告知了申请行政复议的权利、复议机关和申请期限",
        choices=YES_NO,
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否告知", "invalid_choice": "请选择是否告知"},
    )
    remedy_known_on = DateField(
        label="未告知的，您知道申请行政复议的权利、复议机关和期限的日期",
        required=False,
    )
    immovable = forms.BooleanField(label="该行政行为涉及不动产", required=False)
    requests = forms.CharField(
        label="行政复议请求",
        max_length=2000,
        error_messages={"required": "请填写行政复议请求"},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：请求撤销被申请人作出的某某决定。",
    )
    reasons = forms.CharField(
        label="事实和理由",
        max_length=8000,
        error_messages={"required": "请填写事实和理由"},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    document_review = forms.CharField(
        label="一并请求审查规范性文件（选填）",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="认为该行政行为所依据的规范性文件（不含规章）不合法的，写明文件名称、文号和理由"
        "（《行政复议法》第十三条）。",
    )
    disclosure_related = forms.BooleanField(
        label="因政府信息公开引起（如对信息公开申请的答复不服）", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = respondents()
        self.fields["respondent_unit"].choices = [
            ("", "请选择"),
            ("部门", [(str(u.pk), u.name) for u in units if u.kind == OrgUnit.Kind.DEPARTMENT]),
            (
                "乡镇（街道）",
                [(str(u.pk), u.name) for u in units if u.kind != OrgUnit.Kind.DEPARTMENT],
            ),
            (OTHER, "其他行政机关（请在下面填写名称）"),
        ]
        self.units = {str(u.pk): u for u in units}

    def clean_applicant_name(self):
        return self.cleaned_data["applicant_name"].strip()

    def clean_applicant_phone(self):
        return validate_phone(self.cleaned_data["applicant_phone"])

    def clean(self):
        data = super().clean()
        kind, ident = data.get("applicant_kind"), data.get("applicant_id")
        if kind and ident:
            try:
                data["applicant_id"] = (
                    validate_id_number(ident) if kind == PartyKind.PERSON else validate_uscc(ident)
                )
            except ValidationError as e:
                self.add_error("applicant_id", e)
        choice = data.get("respondent_unit")
        if choice == OTHER:
            if not (data.get("respondent_other") or "").strip():
                self.add_error("respondent_other", "请填写被申请人的名称")
        day = today()
        known, act_on = data.get("known_on"), data.get("act_on")
        if known and known > day:
            self.add_error("known_on", "知道该行政行为的日期不能晚于今天")
        if act_on and act_on > day:
            self.add_error("act_on", "行政行为作出日期不能晚于今天")
        if known and act_on and known < act_on:
            self.add_error("known_on", "知道该行政行为的日期不能早于行为作出日期")
        told = data.get("remedy_told") == "yes"
        remedy_known = data.get("remedy_known_on")
        if not told and not remedy_known and data.get("remedy_told"):
            self.add_error(
                "remedy_known_on", "行政机关未告知的，请填写您知道申请行政复议的权利和期限的日期"
            )
        if not told and remedy_known:
            if remedy_known > day:
                self.add_error("remedy_known_on", "该日期不能晚于今天")
            elif known and remedy_known < known:
                self.add_error(
                    "remedy_known_on", "知道申请复议权利的日期不能早于知道行政行为的日期"
                )
        return data

    # What the service takes, from the cleaned data.

    def respondent(self) -> tuple[OrgUnit | None, str]:
        choice = self.cleaned_data["respondent_unit"]
        if choice in self.units:
            return self.units[choice], ""
        return None, self.cleaned_data["respondent_other"].strip()

    def period_args(self) -> dict:
        d = self.cleaned_data
        told = d["remedy_told"] == "yes"
        return {
            "known_on": d["known_on"],
            "remedy_told": told,
            "remedy_known_on": None if told else d.get("remedy_known_on"),
            "act_on": d.get("act_on"),
            "immovable": d["immovable"],
            "inaction": d["inaction"],
        }

    def service_args(self) -> dict:
        d = self.cleaned_data
        respondent, respondent_name = self.respondent()
        return {
            "applicant_kind": d["applicant_kind"],
            "applicant_name": d["applicant_name"],
            "applicant_id": d["applicant_id"],
            "applicant_phone": d["applicant_phone"],
            "applicant_address": d["applicant_address"],
            "agent_name": d["agent_name"],
            "respondent": respondent,
            "respondent_name": respondent_name,
            "act": d["act"],
            "act_number": d["act_number"],
            "requests": d["requests"],
            "reasons": d["reasons"],
            "document_review": d["document_review"],
            "disclosure_related": d["disclosure_related"],
            **self.period_args(),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the upload check itself is
    core's, in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(d, initial) for d in data]
        return [one(data, initial)] if data else []


MAX_FILES = 20


class ConfirmForm(BootstrapMixin, forms.Form):
    """The check step: the attachments, and for a late application the applicant's
    confirmation with the reason (第20条第2款: 不可抗力或者其他正当理由 stop the period;
    the 复议机构 judges it)."""

    attachments = MultipleFileField(
        label="申请材料（附件）",
        required=False,
        help_text="如行政行为的决定书、身份证明、授权委托书、证据材料；支持PDF、OFD、Word、Excel、"
        f"图片等，每个文件不超过50MB，最多{MAX_FILES}个。",
    )
    late_confirmed = forms.BooleanField(
        label="我已知悉申请可能超过法定申请期限，仍要提交", required=False
    )
    late_explanation = forms.CharField(
        label="未能在期限内申请的原因",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="因不可抗力或者其他正当理由耽误申请期限的，申请期限自障碍消除之日起继续计算"
        "（《行政复议法》第二十条第二款）。请说明原因和障碍消除的日期。",
    )

    def __init__(self, *args, late: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.late = late

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise ValidationError(f"附件最多{MAX_FILES}个，本次选择了{len(files)}个")
        return files

    def clean(self):
        data = super().clean()
        if self.late:
            if not data.get("late_confirmed"):
                self.add_error("late_confirmed", "申请已超过申请期限：请确认仍要提交")
            if not (data.get("late_explanation") or "").strip():
                self.add_error("late_explanation", "请说明未能在期限内申请的原因")
        return data


class TrackForm(BootstrapMixin, forms.Form):
    tracking_number = forms.CharField(
        label="申请编号",
        max_length=60,
        error_messages={"required": "请填写申请编号"},
        help_text="提交申请后页面显示的编号，如“示范区复议申〔2025〕0001号”。",
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text="提交申请时显示的8位查询码（不区分大小写）。",
    )

    def clean_tracking_number(self):
        """Half-width or other brackets are read as the 〔〕 of the number."""
        raw = "".join(self.cleaned_data["tracking_number"].split())
        for a, b in (("[", "〔"), ("]", "〕"), ("【", "〔"), ("】", "〕"), ("(", "〔"), (")", "〕"),
                     ("（", "〔"), ("）", "〕")):  # fmt: skip
            raw = raw.replace(a, b)
        return raw
