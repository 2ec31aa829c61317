"""The meetings where the principal leader put 法治 on the agenda: the government's 常务
会议、全体会议、专题会议 or the party committee's (《党政主要负责人履行推进法治建设第一责任人
职责规定》(2016) 第六条: 定期听取有关工作汇报，及时研究解决重大问题), with the 法治 topics and
what was decided. Chaired by a leader of the unit (normally its principal)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import need_change, past, record, required

from .. import rules
from ..models import LeadershipMeeting, MeetingTopic, Official

MTG = LeadershipMeeting
WHAT = "本单位研究法治工作的会议"
MAX_TOPICS = 30


def snap(m: LeadershipMeeting) -> dict:
    return {
        "kind": m.kind, "name": m.name, "held_on": m.held_on,
        "chaired_by": m.chaired_by_id, "minutes_number": m.minutes_number,
        "topics": [[t.kind, t.title, t.decision] for t in m.topics.order_by("pk")],
    }  # fmt: skip


def _topics(topics) -> list[dict]:
    out = []
    for t in topics or ():
        title = (t.get("title") or "").strip()
        kind, decision = t.get("kind") or "", (t.get("decision") or "").strip()
        if not title and not decision and not kind:
            continue  # an empty row of the form
        if kind not in dict(rules.TOPIC_KINDS):
            raise ValidationError(f"请选择议题“{title or '（未填写）'}”的类别")
        out.append({"kind": kind, "title": required(title, "议题", 200),
                    "decision": decision[:5000]})  # fmt: skip
    if not out:
        raise ValidationError("请至少填写一项法治议题")
    if len(out) > MAX_TOPICS:
        raise ValidationError(f"一次会议的法治议题不能超过{MAX_TOPICS}项")
    return out


def _fields(unit, kind, name, held_on, chaired_by, minutes_number) -> dict:
    if kind not in dict(rules.MEETING_KINDS):
        raise ValidationError("请选择会议类型")
    held_on = past(held_on, "会议日期")
    if chaired_by is None:
        raise ValidationError("请选择会议主持人")
    if chaired_by.unit_id != unit.pk or chaired_by.level not in rules.LEADER_LEVELS:
        raise ValidationError("会议主持人应为本单位的党政主要负责人或领导班子成员")
    if chaired_by.left_on and chaired_by.left_on < held_on:
        raise ValidationError(
            f"{chaired_by.name}已于{chaired_by.left_on:%Y-%m-%d}离岗，不能主持该会议"
        )
    return {
        "kind": kind, "name": required(name, "会议名称", 120), "held_on": held_on,
        "chaired_by": chaired_by, "minutes_number": (minutes_number or "").strip()[:80],
    }  # fmt: skip


@transaction.atomic
def record_meeting(
    *, unit: OrgUnit, kind: str, name: str, held_on: dt.date, chaired_by: Official | None,
    topics, minutes_number: str = "", actor,
) -> LeadershipMeeting:  # fmt: skip
    """Register a meeting that studied 法治 and its topics."""
    need_change(actor, unit, WHAT)
    fields = _fields(unit, kind, name, held_on, chaired_by, minutes_number)
    rows = _topics(topics)
    m = MTG.objects.create(unit=unit, recorded_by=actor, **fields)
    MeetingTopic.objects.bulk_create(MeetingTopic(meeting=m, **t) for t in rows)
    record(m, "learning_meeting_recorded", actor, unit,
           f"登记{m.get_kind_display()}“{m.name}”（{m.held_on:%Y-%m-%d}，"
           f"{chaired_by.name}主持），法治议题{len(rows)}项", after=snap(m))  # fmt: skip
    return m


@transaction.atomic
def correct_meeting(
    m: LeadershipMeeting, *, kind: str, name: str, held_on: dt.date,
    chaired_by: Official | None, topics, minutes_number: str = "", version=None, actor,
) -> LeadershipMeeting:  # fmt: skip
    """Correct a meeting's record and its topics; the event keeps both versions."""
    m = MTG.objects.select_for_update(of=("self",)).get(pk=m.pk)
    need_change(actor, m.unit, WHAT)
    fields = _fields(m.unit, kind, name, held_on, chaired_by, minutes_number)
    rows = _topics(topics)
    claim(m, version)
    before = snap(m)
    for k, v in fields.items():
        setattr(m, k, v)
    m.save()
    m.topics.all().delete()
    MeetingTopic.objects.bulk_create(MeetingTopic(meeting=m, **t) for t in rows)
    record(m, "learning_meeting_corrected", actor, m.unit, "更正会议记录", before, snap(m))
    return m
