"""The checks a dispute's record must pass, whether typed on a page or read from a ledger
(``dispute_import``): one wording, one rule."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import OrgUnit

from ... import rules
from ...models import Dispute, MediationBody

SNAPSHOT = (
    "state", "type", "place", "summary", "amount", "people_involved", "mediators", "body_id",
    "accepted_on", "outcome", "concluded_on", "agreement_form", "agreement_number",
    "agreement_amount", "confirmation_applied_on", "confirmation_court",
    "confirmation_result", "confirmed_on", "followed_up_on", "performed", "escalation_route",
    "escalated_on",
)  # fmt: skip


def snap(d: Dispute) -> dict:
    return {f: getattr(d, f) for f in SNAPSHOT}


_NO_ROUTE: list[bool] = []


def office_url(d: Dispute) -> str:
    """The dispute's page (the deadline board links to it)."""
    if not _NO_ROUTE:
        try:
            return reverse("mediation:dispute", args=[d.pk])
        except NoReverseMatch:  # the screens are not mounted: asked once, not per record
            _NO_ROUTE.append(True)
    return f"/office/mediation/disputes/{d.pk}/"


def choice(value: str, choices, label: str) -> str:
    if value not in dict(choices):
        raise ValidationError(f"请选择{label}")
    return value


# Names that are organisations when a ledger gives no code to tell by.
ORG_NAME = re.compile(
    r"(公司|厂|店|合作社|委员会|医院|卫生院|学校|幼儿园|中心|协会|集团|银行|局|所|部|站)$"
)


def clean_party(p: dict, n: int) -> dict:
    """One party: its side, kind, name; a 身份证号 (自然人) or 统一社会信用代码 (组织) checked
    by its check digit when given; a phone number in a form that can be dialled."""
    where = f"第{n}个当事人"
    side = p.get("side")
    if side not in dict(rules.PARTY_SIDES):
        raise ValidationError(f"{where}：请选择当事人一方（申请方或对方当事人）")
    kind = p.get("kind") or "person"
    if kind not in dict(rules.PARTY_KINDS):
        raise ValidationError(f"{where}：请选择当事人类型")
    name = (p.get("name") or "").strip()
    if not name:
        raise ValidationError(f"{where}：请填写姓名或名称")
    if len(name) > 200:
        raise ValidationError(f"{where}：姓名或名称不能超过200字")
    number = (p.get("id_number") or "").strip()
    try:
        if number:
            number = validate_id_number(number) if kind == "person" else validate_uscc(number)
        phone = (p.get("phone") or "").strip()
        phone = validate_phone(phone) if phone else ""
    except ValidationError as e:
        raise ValidationError(f"{where}（{name}）：{'；'.join(e.messages)}") from None
    address = (p.get("address") or "").strip()
    if len(address) > 200:
        raise ValidationError(f"{where}（{name}）：住址不能超过200字")
    return {"side": side, "kind": kind, "name": name, "id_number": number, "phone": phone,
            "address": address}  # fmt: skip


def clean_parties(parties) -> list[dict]:
    """At least one party on each side: a dispute is between two sides (人民调解法 第二条)."""
    parties = [clean_party(p, n) for n, p in enumerate(parties or [], 1)]
    sides = {p["side"] for p in parties}
    if "applicant" not in sides or "respondent" not in sides:
        raise ValidationError("纠纷双方当事人均应至少登记一人（申请方和对方当事人）")
    return parties


def people_count(value, parties: list[dict]) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError("涉及人数应为整数") from None
    if n < len(parties):
        raise ValidationError(f"涉及人数不能少于登记的当事人人数（{len(parties)}人）")
    if n > 100000:
        raise ValidationError("涉及人数过大")
    return n


def bodies_for(unit: OrgUnit):
    """The bodies a dispute of ``unit`` may go to: those of the unit and the units under it
    (a township's committee, its villages' and communities' committees) and those set up at
    district level (a government's or department's: industry committees, 诉调、访调、警调
    对接 rooms, 行政调解), which take disputes from every township."""
    from django.db.models import Q

    return MediationBody.objects.filter(
        Q(unit__path__startswith=unit.path)
        | Q(unit__kind__in=(OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT))
    )


def body_may_take(body: MediationBody, unit: OrgUnit) -> None:
    if not bodies_for(unit).filter(pk=body.pk).exists():
        raise ValidationError(
            f"“{body.name}”不是{unit.name}或其所辖村（社区）的调解组织，也不是区级调解组织"
        )


def agreement(outcome: str, form: str, number: str, terms: str) -> None:
    """调解成功 needs its agreement (第二十八条: 书面 or, where the parties think it needless,
    口头); a written one has its number; the other outcomes have none."""
    if outcome == "success":
        if form not in dict(rules.AGREEMENT_FORMS):
            raise ValidationError("调解成功的，请选择调解协议形式（书面或口头）")
        if not terms:
            raise ValidationError("调解成功的，请填写协议内容")
        if form == "written" and not number:
            raise ValidationError("书面调解协议请填写调解协议书编号")
        if form == "oral" and number:
            raise ValidationError("口头调解协议没有协议书编号")
    elif form or number or terms:
        raise ValidationError("只有调解成功的纠纷才有调解协议")


def date_range_ok(day: dt.date | None, label: str) -> None:
    if day is not None and not (dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31)):
        raise ValidationError(f"{label}应在2000年至2100年之间")
