"""Forms of the 政府信息公开 portal: the online request (条例 第二十九条: the applicant's
name or title, identity document and contact; a description of the information sought —
its name, 文号 or other features that help to find it; how it is to be provided) and the
status look-up. The rules live in ``services.requests``; these forms collect what was typed
and keep it when refused."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.forms import BootstrapMixin, MultipleFileField
from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import OrgUnit

from . import rules

PERSON, ORG = "person", "org"
ORG_KINDS = [(c, label) for c, label in rules.APPLICANT_COLUMNS if c != PERSON]
DELIVERY = [
    ("电子邮件", "电子邮件"),
    ("邮寄", "邮寄纸质件"),
    ("当面领取", "当面领取"),
]
MAX_FILES = 10


def agencies():
    """The agencies a request can go to: the government, its departments, the townships."""
    kinds = (OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP)
    return OrgUnit.objects.filter(active=True, kind__in=kinds).order_by("sort_order", "code")


class ApplyForm(BootstrapMixin, forms.Form):
    unit = forms.ChoiceField(
        label="受理申请的行政机关",
        error_messages={"required": "请选择受理申请的行政机关", "invalid_choice": "请选择受理申请的行政机关"},
        help_text="向制作或者保存该政府信息的行政机关申请（《政府信息公开条例》第十条）。",
    )  # fmt: skip
    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=[(PERSON, "自然人"), (ORG, "法人或其他组织")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型", "invalid_choice": "请选择申请人类型"},
    )
    org_kind = forms.ChoiceField(
        label="法人或其他组织的类别",
        choices=[("", "请选择（申请人为法人或其他组织时填写）"), *ORG_KINDS],
        required=False,
        error_messages={"invalid_choice": "请选择法人或其他组织的类别"},
    )
    applicant_name = forms.CharField(
        label="姓名或名称",
        max_length=200,
        error_messages={"required": "请填写申请人姓名或名称"},
    )
    applicant_id = forms.CharField(
        label="身份证号或统一社会信用代码",
        max_length=30,
        error_messages={"required": "请填写身份证号或统一社会信用代码"},
        help_text="自然人填写18位公民身份号码；法人或其他组织填写18位统一社会信用代码。",
    )
    applicant_phone = forms.CharField(
        label="联系电话",
        max_length=30,
        error_messages={"required": "请填写联系电话"},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_address = forms.CharField(
        label="通讯地址", max_length=200, required=False, help_text="选择邮寄的，请填写邮寄地址。"
    )
    applicant_email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="选择电子邮件获取的，请填写电子邮箱。",
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=5000,
        error_messages={"required": "请填写所需政府信息的描述"},
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="如：某年某月某局印发的某某文件；某项目的批复文件。描述越具体，越便于检索。",
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式",
        choices=DELIVERY,
        initial="电子邮件",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式", "invalid_choice": "请选择获取信息的方式"},
    )  # fmt: skip
    attachments = MultipleFileField(
        label="身份证明等材料（选填）",
        required=False,
        help_text="如身份证件、营业执照的扫描件；支持PDF、OFD、Word、图片等，"
        f"每个文件不超过50MB，最多{MAX_FILES}个。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(agencies())
        groups = []
        for kind, label in OrgUnit.Kind.choices:
            rows = [(str(u.pk), u.name) for u in units if u.kind == kind]
            if rows:
                groups.append((label, rows))
        self.fields["unit"].choices = [("", "请选择"), *groups]
        self.units = {str(u.pk): u for u in units}

    def clean_applicant_name(self):
        return self.cleaned_data["applicant_name"].strip()

    def clean_applicant_phone(self):
        return validate_phone(self.cleaned_data["applicant_phone"])

    def clean_applicant_email(self):
        email = (self.cleaned_data["applicant_email"] or "").strip()
        if email:
            try:
                forms.EmailField(error_messages={"invalid": "电子邮箱格式不正确"}).clean(email)
            except ValidationError:
                raise ValidationError("电子邮箱格式不正确") from None
        return email

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise ValidationError(f"附件最多{MAX_FILES}个，本次选择了{len(files)}个")
        return files

    def clean(self):
        data = super().clean()
        kind, ident = data.get("applicant_type"), data.get("applicant_id")
        if kind == ORG and not data.get("org_kind"):
            self.add_error("org_kind", "请选择法人或其他组织的类别")
        if kind and ident:
            try:
                data["applicant_id"] = (
                    validate_id_number(ident) if kind == PERSON else validate_uscc(ident)
                )
            except ValidationError as e:
                self.add_error("applicant_id", e)
        delivery = data.get("delivery")
        if delivery == "电子邮件" and not data.get("applicant_email") and "applicant_email" in data:
            self.add_error("applicant_email", "选择电子邮件获取的，请填写电子邮箱")
        if delivery == "邮寄" and not (data.get("applicant_address") or "").strip():
            self.add_error("applicant_address", "选择邮寄的，请填写通讯地址")
        return data

    def service_args(self) -> dict:
        d = self.cleaned_data
        kind = PERSON if d["applicant_type"] == PERSON else d["org_kind"]
        return {
            "unit": self.units.get(d["unit"]),
            "applicant_kind": kind,
            "applicant_name": d["applicant_name"],
            "applicant_id": d["applicant_id"],
            "applicant_phone": d["applicant_phone"],
            "applicant_address": d["applicant_address"],
            "applicant_email": d["applicant_email"],
            "description": d["description"],
            "delivery": d["delivery"],
        }


class TrackForm(BootstrapMixin, forms.Form):
    tracking_number = forms.CharField(
        label="申请编号",
        max_length=60,
        error_messages={"required": "请填写申请编号"},
        help_text="提交申请后页面显示的编号，由受理机关编码、“依申请”、年份和序号组成。",
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text="提交申请时显示的8位查询码（不区分大小写）。",
    )

    def clean_tracking_number(self):
        """Spaces dropped, full-width letters and digits read as typed, "gk" as "GK"."""
        raw = "".join(self.cleaned_data["tracking_number"].split())
        return unicodedata.normalize("NFKC", raw).upper()
