"""调解组织 and their 人民调解员 (人民调解法 第七—十三条).

A 人民调解委员会 has three to nine members, a chair, a woman among them, and serves
three-year terms (第九条); ``composition_problems`` says what a committee lacks on a day, and
``disputes.accept`` refuses to hand a dispute to a committee that lacks something. Members
who leave keep their row with the day they left: the committee's history is a record.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.identifiers import validate_phone
from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from .. import conf, rules
from ..models import BodyMember, Dispute, MediationBody
from .common import need_bodies, not_before, past, record, required

SNAPSHOT = ("name", "kind", "sector", "address", "phone", "established_on", "term_starts_on",
            "active")  # fmt: skip
ART9 = "（《人民调解法》第九条）"


def snap(body: MediationBody) -> dict:
    return {f: getattr(body, f) for f in SNAPSHOT}


def _phone(value: str) -> str:
    value = (value or "").strip()
    return validate_phone(value) if value else ""


def _kind(kind: str) -> str:
    if kind not in dict(rules.BODY_KINDS):
        raise ValidationError("请选择调解组织类型")
    return kind


def _clean_fields(body: MediationBody, fields: dict) -> None:
    """Set and check the descriptive fields of a body (create and update share them)."""
    if "name" in fields:
        body.name = required(fields["name"], "调解组织名称", 120)
    if "kind" in fields:
        body.kind = _kind(fields["kind"])
    if "sector" in fields:
        body.sector = (fields["sector"] or "").strip()[:60]
    if "address" in fields:
        body.address = (fields["address"] or "").strip()[:200]
    if "phone" in fields:
        body.phone = _phone(fields["phone"])
    if "established_on" in fields and fields["established_on"] is not None:
        body.established_on = past(fields["established_on"], "成立日期")
    if "term_starts_on" in fields and fields["term_starts_on"] is not None:
        body.term_starts_on = past(fields["term_starts_on"], "本届任期开始日期")
    if body.kind == "industry" and not body.sector:
        raise ValidationError("行业性、专业性人民调解委员会请填写行业或专业领域")
    if body.term_starts_on and body.established_on:
        not_before(body.term_starts_on, body.established_on, "本届任期开始日期", "成立日期")
    if body.term_starts_on and body.kind not in rules.COMMITTEE_KINDS:
        raise ValidationError("只有人民调解委员会实行任期制（《人民调解法》第九条）")
    clash = MediationBody.objects.filter(unit_id=body.unit_id, name=body.name)
    if body.pk:
        clash = clash.exclude(pk=body.pk)
    if clash.exists():
        raise ValidationError(f"本单位已有名为“{body.name}”的调解组织")


@transaction.atomic
def create_body(
    actor, *, unit: OrgUnit, name: str, kind: str, sector: str = "", address: str = "",
    phone: str = "", established_on: dt.date | None = None,
    term_starts_on: dt.date | None = None,
) -> MediationBody:  # fmt: skip
    """Register a body with the unit that hosts it (a village committee with its village or
    community, a township's with the township, a sector's with the department)."""
    need_bodies(actor, unit)
    if unit is None or not unit.active:
        raise ValidationError("请选择在用的所属单位")
    body = MediationBody(unit=unit)
    _clean_fields(body, dict(name=name, kind=kind, sector=sector, address=address, phone=phone,
                             established_on=established_on, term_starts_on=term_starts_on))  # fmt: skip
    body.save()
    record(body, "mediation_body_created", actor, unit,
           f"登记调解组织“{body.name}”（{body.get_kind_display()}）", after=snap(body))  # fmt: skip
    return body


EDITABLE = set(MediationBody.lock_fields) | {"established_on"}


@transaction.atomic
def update_body(actor, body: MediationBody, *, version, **fields) -> MediationBody:
    """Correct a body's particulars, or stop it (``active=False``) once no dispute is still
    being mediated by it. ``version``: the version the form was opened at (core.locking)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}")
    body = MediationBody.objects.select_for_update().get(pk=body.pk)
    need_bodies(actor, body.unit)
    claim(body, version, bump=False)
    before = snap(body)
    _clean_fields(body, fields)
    if "active" in fields:
        body.active = bool(fields["active"])
        if before["active"] and not body.active:
            busy = Dispute.objects.filter(body=body, state=Dispute.State.MEDIATING).count()
            if busy:
                raise ValidationError(f"该调解组织还有{busy}件纠纷正在调解，不能停用")
    after = snap(body)
    if after == before:
        raise ValidationError("没有需要保存的修改")
    claim(body, None)
    body.save()
    changed = "、".join(str(MediationBody._meta.get_field(f).verbose_name) for f in SNAPSHOT
                       if before[f] != after[f])  # fmt: skip
    record(body, "mediation_body_updated", actor, body.unit, f"修改调解组织信息：{changed}",
           before, after)  # fmt: skip
    return body


def _member_snap(m: BodyMember) -> dict:
    return {"member": m.pk, "name": m.name, "gender": m.gender, "role": m.role,
            "joined_on": m.joined_on, "left_on": m.left_on, "full_time": m.full_time}  # fmt: skip


@transaction.atomic
def add_member(
    actor, body: MediationBody, *, name: str, gender: str, role: str, joined_on: dt.date,
    ethnicity: str = "汉族", phone: str = "", full_time: bool = False,
) -> BodyMember:  # fmt: skip
    """A 人民调解员 joins the body (第九条: 委员由村民会议或者村民代表会议、居民会议推选产生;
    第十三条: 人民调解员由人民调解委员会委员和人民调解委员会聘任的人员担任)."""
    body = MediationBody.objects.select_for_update().get(pk=body.pk)
    need_bodies(actor, body.unit)
    if not body.active:
        raise ValidationError("该调解组织已停用，不能增加调解员")
    name = required(name, "姓名", 50)
    if gender not in dict(rules.GENDERS):
        raise ValidationError("请选择性别")
    if role not in dict(rules.MEMBER_ROLES):
        raise ValidationError("请选择职务")
    joined_on = past(joined_on, "任职日期")
    not_before(joined_on, body.established_on, "任职日期", "调解组织成立日期")
    if role == "chair":
        chair = body.members.filter(role="chair", left_on=None).first()
        if chair is not None:
            raise ValidationError(f"已有主任{chair.name}，请先登记其离任（第九条：设主任一人）")
    member = BodyMember.objects.create(
        body=body, name=name, gender=gender, role=role,
        ethnicity=(ethnicity or "").strip()[:20], phone=_phone(phone),
        full_time=bool(full_time), joined_on=joined_on,
    )  # fmt: skip
    record(body, "mediation_member_added", actor, body.unit,
           f"{member.name}（{member.get_gender_display()}）任{member.get_role_display()}，"
           f"{joined_on:%Y-%m-%d}起", after=_member_snap(member))  # fmt: skip
    return member


@transaction.atomic
def member_leaves(actor, member: BodyMember, *, left_on: dt.date) -> BodyMember:
    """A member leaves (离任); the row stays with the day."""
    member = BodyMember.objects.select_for_update().select_related("body__unit").get(pk=member.pk)
    body = member.body
    need_bodies(actor, body.unit)
    if member.left_on is not None:
        raise ValidationError(f"{member.name}已于{member.left_on:%Y-%m-%d}离任")
    left_on = past(left_on, "离任日期")
    not_before(left_on, member.joined_on, "离任日期", "任职日期")
    before = _member_snap(member)
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    record(body, "mediation_member_left", actor, body.unit,
           f"{member.name}（{member.get_role_display()}）于{left_on:%Y-%m-%d}离任",
           before, _member_snap(member))  # fmt: skip
    return member


@transaction.atomic
def start_term(actor, body: MediationBody, *, starts_on: dt.date) -> MediationBody:
    """A new three-year term (换届, 第九条: 每届任期三年，可以连选连任)."""
    body = MediationBody.objects.select_for_update().get(pk=body.pk)
    need_bodies(actor, body.unit)
    if body.kind not in rules.COMMITTEE_KINDS:
        raise ValidationError("只有人民调解委员会实行任期制（《人民调解法》第九条）")
    if not body.active:
        raise ValidationError("该调解组织已停用")
    starts_on = past(starts_on, "本届任期开始日期")
    not_before(starts_on, body.established_on, "本届任期开始日期", "成立日期")
    if body.term_starts_on and starts_on <= body.term_starts_on:
        raise ValidationError(f"新一届任期应晚于上一届的开始日期（{body.term_starts_on:%Y-%m-%d}）")
    before = snap(body)
    body.term_starts_on = starts_on
    body.save()
    end = term_end(starts_on)
    record(body, "mediation_term_started", actor, body.unit,
           f"换届：本届任期{starts_on:%Y-%m-%d}至{end - dt.timedelta(days=1):%Y-%m-%d}",
           before, snap(body))  # fmt: skip
    return body


def term_end(starts_on: dt.date) -> dt.date:
    """The first day after a term (三年): the same day three years on (28 February's
    successor for a term begun on 29 February)."""
    years = conf.committee_term_years()
    try:
        return starts_on.replace(year=starts_on.year + years)
    except ValueError:  # 29 February
        return starts_on.replace(year=starts_on.year + years, day=28) + dt.timedelta(days=1)


def current_members(body: MediationBody, on: dt.date) -> list[BodyMember]:
    """Members serving on ``on``: joined by then and not yet left (the day they leave they
    no longer serve)."""
    return [
        m for m in body.members.all()
        if m.joined_on <= on and (m.left_on is None or m.left_on > on)
    ]  # fmt: skip


def composition_problems(body: MediationBody, on: dt.date) -> list[str]:
    """What a 人民调解委员会 lacks on ``on`` (人民调解法 第九条: 委员三至九人，设主任一人，
    应当有妇女成员，每届任期三年); [] when nothing, and for the kinds the article does not
    govern. A term that began after ``on`` is a later term: the day is not judged by it."""
    if body.kind not in rules.COMMITTEE_KINDS:
        return []
    problems = []
    members = current_members(body, on)
    low, high = conf.committee_min_members(), conf.committee_max_members()
    if len(members) < low:
        problems.append(f"现有调解员{len(members)}人，少于{low}人{ART9}")
    elif len(members) > high:
        problems.append(f"现有调解员{len(members)}人，多于{high}人{ART9}")
    if not any(m.gender == "female" for m in members):
        problems.append(f"没有妇女成员{ART9}")
    chairs = [m for m in members if m.role == "chair"]
    if not chairs:
        problems.append(f"未设主任{ART9}")
    elif len(chairs) > 1:
        problems.append(f"设主任{len(chairs)}人，应当设主任一人{ART9}")
    start = body.term_starts_on
    if start is None:
        problems.append(f"未登记本届任期开始日期（每届任期{conf.committee_term_years()}年）{ART9}")
    elif start <= on and on >= term_end(start):
        problems.append(
            f"本届任期自{start:%Y-%m-%d}开始，已于{term_end(start) - dt.timedelta(days=1):%Y-%m-%d}"
            f"届满，应当换届{ART9}"
        )
    return problems
