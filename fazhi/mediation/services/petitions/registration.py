"""登记 (信访工作条例 第二十二条): the registering unit enters what it received, numbered
once for the district (XF<year><n>), and the 15-day routing clock starts. A group visit
names no more than five representatives (第二十条). A petition whose same matter has
already been 复核'd is registered (what came in is a record) but can only be 不予受理
(第三十六条): ``reviewed_repeat`` finds it and the route and notice steps refuse the rest."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import numbering
from fazhi.core.identifiers import validate_id_number
from fazhi.core.models import OrgUnit

from ... import conf
from ...deadlines import ROUTING
from ...models import Petition, PetitionReview
from .common import P, need_change, office_url, past, record, required, snap, start_clock

# How alike subject and content must be (difflib ratio of normalised text) for a new
# petition of the same person to be taken as the same matter (as disclosure's repeat check).
SIMILARITY = 0.85
REFUSED_AFTER_RE_REVIEW = "该信访事项已经复核，不再受理（《信访工作条例》第三十六条），只能不予受理"


def _normal(text: str) -> str:
    return re.sub(r"[\s，。、；：,.;:！!？?（）()“”\"']", "", text or "")


def _re_reviewed(p: Petition | None) -> Petition | None:
    """``p`` or the earlier petition it repeats (by ``same_as``), whose 复核 is answered."""
    seen = set()
    while p is not None and p.pk not in seen:
        seen.add(p.pk)
        if PetitionReview.objects.filter(
            petition=p, level="re_review", answered_on__isnull=False
        ).exists():
            return p
        p = p.same_as
    return None


def reviewed_repeat(p: Petition) -> Petition | None:
    """The earlier petition of the same matter whose 复核 was answered (None when none):
    the one the clerk linked with ``same_as``, or one of the same 身份证号 with a similar
    subject and content."""
    found = _re_reviewed(p.same_as)
    if found is not None or not p.petitioner_id:
        return found
    return find_similar(p.petitioner_id, p.subject, p.content, exclude=p.pk)


def find_similar(petitioner_id: str, subject: str, content: str, exclude=None):
    text = _normal(subject) + _normal(content)
    if not text or not petitioner_id:
        return None
    earlier = (
        P.objects.filter(
            petitioner_id=petitioner_id,
            reviews__level="re_review",
            reviews__answered_on__isnull=False,
        )
        .exclude(pk=exclude)
        .distinct()
        .order_by("-received_on", "-id")[:50]
    )
    for old in earlier:
        ratio = difflib.SequenceMatcher(
            None, text, _normal(old.subject) + _normal(old.content)
        ).ratio()
        if ratio >= SIMILARITY:
            return old
    return None


def _representatives(text: str, people: int) -> str:
    names = [n.strip() for n in re.split(r"[\n,，、;；]+", text or "") if n.strip()]
    if people >= conf.group_visit_min_people():
        if not names:
            raise ValidationError(
                f"{people}人以上的集体访应当推选代表，请填写代表姓名（《信访工作条例》第二十条）"
            )
        if len(names) > conf.group_representatives_max():
            raise ValidationError(
                f"多人采用走访方式提出同一信访事项的，应当推选代表，代表人数不超过"
                f"{conf.group_representatives_max()}人（《信访工作条例》第二十条），"
                f"现填写了{len(names)}人"
            )
    return "\n".join(names)


@transaction.atomic
def register(
    *, unit: OrgUnit, channel: str, received_on: dt.date, category: str,
    petitioner_name: str, petitioner_id: str = "", petitioner_phone: str = "",
    petitioner_address: str = "", people_count: int = 1, representatives: str = "",
    subject: str, content: str, same_as: Petition | None = None, actor,
) -> Petition:  # fmt: skip
    """第二十二条: register what was received (the day it came in: not in the future) and
    start the 15-day routing clock."""
    need_change(actor, unit, "本单位收到的信访事项")
    if channel not in P.Channel.values:
        raise ValidationError("请选择信访形式")
    if category not in P.Category.values:
        raise ValidationError("请选择信访事项类别（建议意见类、检举控告类或申诉求决类）")
    received_on = past(received_on, "收到日期")
    name = required(petitioner_name, "信访人姓名", 100)
    pid = (petitioner_id or "").strip().upper()
    if pid:
        pid = validate_id_number(pid)
    try:
        people = int(people_count or 1)
    except (TypeError, ValueError):
        raise ValidationError("来访人数应为正整数") from None
    if people < 1:
        raise ValidationError("来访人数应为正整数")
    reps = _representatives(representatives, people)
    subject = required(subject, "信访事项", 200)
    content = required(content, "主要诉求和事实理由", 5000)
    if same_as is not None and same_as.received_on > received_on:
        raise ValidationError("同一事项的在先信访件不能晚于本件收到日期")
    root = numbering.district_root(unit)
    n = numbering.next_number(root, received_on.year, "petition")
    p = P.objects.create(
        unit=unit, number=f"XF{received_on.year}{n:05d}", channel=channel,
        received_on=received_on, category=category, petitioner_name=name, petitioner_id=pid,
        petitioner_phone=(petitioner_phone or "").strip()[:30],
        petitioner_address=(petitioner_address or "").strip()[:200], people_count=people,
        representatives=reps, subject=subject, content=content, same_as=same_as,
        recorded_by=actor,
    )  # fmt: skip
    earlier = reviewed_repeat(p)
    if earlier is not None and p.same_as_id is None:
        p.same_as = earlier
    p.routing_deadline = start_clock(
        p, clock=ROUTING, start=received_on, unit=unit,
        title=f"登记并转送交办信访事项：{p.number}", url=office_url(p), actor=actor,
    )  # fmt: skip
    p.save()
    words = (
        f"登记{p.get_channel_display()}信访事项{p.number}（{p.get_category_display()}）：{subject}"
    )
    if p.is_group:
        words += f"；集体访{people}人，代表：{'、'.join(reps.splitlines())}"
    if earlier is not None:
        words += (
            f"；与{earlier.number}为同一信访事项，{earlier.number}已经复核，不再受理，只能不予受理"
        )
    record(p, "petition_registered", actor, unit, words, None, snap(p))
    return p
