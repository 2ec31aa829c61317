"""Receipt (第二十九—三十一条): a request online or entered by the clerk, its clocks, and the
recognition of a repeat request (第三十六条第六项)."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import OrgUnit

from ... import conf
from ...models import DisclosureRequest
from ..common import (
    district_root,
    hash_code,
    need_change,
    new_access_code,
    new_link_token,
    next_number,
    past,
    record,
    required,
    today,
)
from .base import (
    ST,
    R,
    _start_clocks,
    lock,
    snap,
)


def _normal(text: str) -> str:
    return re.sub(r"[\s，。、,.;；:：“”\"'（）()《》]", "", text or "")


def find_repeat(unit: OrgUnit, applicant_id: str, description: str, before: dt.date):
    """The same applicant's earlier request to the same agency, already answered, that
    asks for the same information (第三十六条第六项: 重复申请). Flagged for the clerk, who
    decides; never refused automatically."""
    text = _normal(description)
    if not text:
        return None
    earlier = R.objects.filter(
        unit=unit, applicant_id=applicant_id, state=ST.REPLIED, received_on__lte=before
    ).order_by("-received_on", "-id")[:50]
    for old in earlier:
        if difflib.SequenceMatcher(None, text, _normal(old.description)).ratio() >= (
            conf.repeat_similarity()
        ):
            return old
    return None


def _identity(kind: str, value: str) -> str:
    if kind == R.ApplicantKind.PERSON:
        return validate_id_number(value)
    if kind in R.ApplicantKind.values:
        return validate_uscc(value)
    raise ValidationError("请选择申请人类型（自然人，或法人或其他组织的类别）")


@transaction.atomic
def submit(
    *,
    unit: OrgUnit | None,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    applicant_id: str,
    applicant_phone: str,
    description: str,
    applicant_address: str = "",
    applicant_email: str = "",
    delivery: str = "电子邮件",
    received_on: dt.date | None = None,
    attachments=(),
    actor=None,
    now: dt.date | None = None,
) -> tuple[DisclosureRequest, str]:
    """Receive a request. Online (``actor`` None) it is received the day it is sent (the
    portal confirms at once, 第三十一条第三项); the clerk gives the day a letter, fax or
    visit came in. Returns the request and its query code, shown once to the applicant.
    ``now`` dates an online request sent earlier (the demo's history)."""
    if unit is None or not unit.active:
        raise ValidationError("请选择受理申请的行政机关")
    if channel not in R.Channel.values:
        raise ValidationError("请选择申请方式")
    if actor is None:
        if channel != R.Channel.ONLINE:
            raise ValidationError("网上提交的申请，申请方式应为网上申请")
        received_on = now or today()
    else:
        need_change(actor, unit, "本单位收到的政府信息公开申请")
        if channel == R.Channel.ONLINE:
            raise ValidationError("窗口登记的申请请选择信函、当面、传真或电子邮件申请")
        received_on = past(received_on, "收到申请日期")
    name = required(applicant_name, "申请人姓名或名称", 200)
    ident = _identity(applicant_kind, (applicant_id or "").strip())
    phone = validate_phone(applicant_phone)
    text = required(description, "所需政府信息的名称、文号或者便于查询的其他特征性描述", 5000)
    email = (applicant_email or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValidationError("电子邮箱格式不正确")
    year = received_on.year
    n = next_number(district_root(unit), year, "request")
    code = new_access_code()
    req = R.objects.create(
        unit=unit,
        tracking_number=f"GK{year}{n:05d}",
        access_code_hash=hash_code(code),
        link_token=new_link_token(),
        channel=channel,
        applicant_kind=applicant_kind,
        applicant_name=name,
        applicant_id=ident,
        applicant_phone=phone,
        applicant_address=(applicant_address or "").strip()[:200],
        applicant_email=email[:254],
        description=text,
        delivery=(delivery or "电子邮件").strip()[:30],
        received_on=received_on,
        repeat_of=find_repeat(unit, ident, text, received_on),
        recorded_by=actor,
    )
    hashes = [
        core.attach(
            req, f, actor=actor, unit=unit, description="申请材料", public=actor is None
        ).sha256
        for f in attachments
    ]
    waiting = _start_clocks(req, actor)
    summary = f"收到政府信息公开申请（{R.Channel(channel).label}），" + (
        waiting or f"答复期限至{req.deadline.due_date:%Y-%m-%d}"
    )
    if req.repeat_of_id:
        summary += f"；与本申请人{req.repeat_of.received_on:%Y-%m-%d}已答复的申请（{req.repeat_of.tracking_number}）内容相同，请核实是否属于重复申请"
    record(req, "disclosure_request_received", actor, unit, summary, after=snap(req),
           attachments=hashes)  # fmt: skip
    return req, code


def start_waiting_clocks(day: dt.date) -> int:
    """Requests received while a year's calendar was missing get their clocks now."""
    started = 0
    for req in R.objects.filter(deadline=None, state=ST.RECEIVED):
        with transaction.atomic():
            req = lock(req)
            if req.deadline_id is None and not _start_clocks(req, None):
                record(req, "disclosure_clock_started", None, req.unit,
                       f"工作日历已载入，答复期限至{req.deadline.due_date:%Y-%m-%d}")  # fmt: skip
                started += 1
    return started
