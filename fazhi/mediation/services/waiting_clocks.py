"""Clocks that could not start because their period ran into a year whose holiday notice was
not loaded (a dispute accepted, a petition registered or accepted in late December): the
step was recorded and its event said the period would be computed once the calendar is
loaded. The daily job ``mediation.sweep`` starts them from the day the law counts from, so
the due date is the one the statute gives, never a guess; each start is an event on the
record.

Only a clock whose plain count (start + the period in days) has not run out by the run's
day is one that waited for the calendar: an older record without a clock is one a ledger
import brought in as history, whose period had already run when it was imported."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.rule_checks import record
from fazhi.core.workdays import CalendarMissing

from .. import conf
from ..deadlines import CONFIRMATION, HANDLING, MEDIATION, NOTICE, RE_REVIEW, REVIEW, ROUTING
from ..models import Dispute, Petition, PetitionReview
from .disputes.checks import office_url as dispute_url
from .petitions.common import office_url as petition_url

D, P = Dispute.State, Petition.State


def _start(obj, *, clock: str, start: dt.date, unit, title: str, url: str) -> Deadline | None:
    try:
        with transaction.atomic():
            return core.start_deadline(
                record=obj, clock=clock, start=start, unit=unit, title=title, url=url, actor=None
            )
    except CalendarMissing:
        return None


def _since(day: dt.date, days: int) -> dt.date:
    return day - dt.timedelta(days=days)


def _dispute_clocks(day: dt.date) -> int:
    started = 0
    waiting = Dispute.objects.filter(
        state=D.MEDIATING, deadline=None, accepted_on__gte=_since(day, conf.mediation_days())
    )
    for d in waiting.select_related("unit"):
        with transaction.atomic():
            d = Dispute.objects.select_for_update(of=("self",)).get(pk=d.pk)
            if d.deadline_id or d.state != D.MEDIATING:
                continue
            dl = _start(d, clock=MEDIATION, start=d.accepted_on, unit=d.unit,
                        title=f"调解矛盾纠纷：{d.number}", url=dispute_url(d))  # fmt: skip
            if dl is None:
                continue
            d.deadline = dl
            d.save(update_fields=["deadline"])
            record(d, "mediation_clock_started", None, d.unit,
                   f"工作日历已载入，调解期限至{dl.due_date:%Y-%m-%d}")  # fmt: skip
            started += 1
    waiting = Dispute.objects.filter(
        state=D.SETTLED, agreement_form="written", confirmation_deadline=None,
        confirmation_applied_on=None,
        concluded_on__gte=_since(day, conf.judicial_confirmation_days()),
    )  # fmt: skip
    for d in waiting.select_related("unit"):
        with transaction.atomic():
            d = Dispute.objects.select_for_update(of=("self",)).get(pk=d.pk)
            if d.confirmation_deadline_id or d.confirmation_applied_on:
                continue
            dl = _start(d, clock=CONFIRMATION, start=d.concluded_on, unit=d.unit,
                        title=f"申请司法确认：{d.number}", url=dispute_url(d))  # fmt: skip
            if dl is None:
                continue
            d.confirmation_deadline = dl
            d.save(update_fields=["confirmation_deadline"])
            record(d, "mediation_clock_started", None, d.unit,
                   f"工作日历已载入，申请司法确认期限至{dl.due_date:%Y-%m-%d}")  # fmt: skip
            started += 1
    return started


# (state, the field holding the clock, clock, the day it counts from, the unit on whose board
# it runs, its title, its period) for each of a petition's own clocks.
PETITION_CLOCKS = [
    (P.REGISTERED, "routing_deadline", ROUTING, "received_on", "unit", "登记并转送交办信访事项",
     conf.petition_routing_days),
    (P.ROUTED, "notice_deadline", NOTICE, "handling_received_on", "handling_unit",
     "书面告知是否受理信访事项", conf.petition_notice_days),
    (P.HANDLING, "deadline", HANDLING, "accepted_on", "handling_unit",
     "办结申诉求决类信访事项",
     lambda: conf.petition_handling_days() + conf.petition_extension_days()),
]  # fmt: skip


def _petition_clocks(day: dt.date) -> int:
    started = 0
    for state, field, clock, start_field, unit_field, title, days in PETITION_CLOCKS:
        waiting = Petition.objects.filter(state=state, **{field: None})
        waiting = waiting.filter(**{f"{start_field}__gte": _since(day, days())})
        if clock == HANDLING:
            waiting = waiting.filter(category="claim")
        for p in waiting:
            with transaction.atomic():
                p = Petition.objects.select_for_update(of=("self",)).get(pk=p.pk)
                if getattr(p, f"{field}_id") or p.state != state:
                    continue
                unit = getattr(p, unit_field)
                dl = _start(p, clock=clock, start=getattr(p, start_field), unit=unit,
                            title=f"{title}：{p.number}", url=petition_url(p))  # fmt: skip
                if dl is None:
                    continue
                setattr(p, field, dl)
                p.save(update_fields=[field])
                record(p, "petition_clock_started", None, unit,
                       f"工作日历已载入，{title}期限至{dl.due_date:%Y-%m-%d}")  # fmt: skip
                started += 1
    waiting = PetitionReview.objects.filter(
        deadline=None, answered_on=None,
        requested_on__gte=_since(day, max(conf.review_answer_days(), conf.re_review_answer_days())),
    )  # fmt: skip
    for r in waiting.select_related("petition", "petition__unit"):
        with transaction.atomic():
            r = PetitionReview.objects.select_for_update(of=("self",)).get(pk=r.pk)
            if r.deadline_id or r.answered_on:
                continue
            p = r.petition
            word = r.get_level_display()
            dl = _start(p, clock=REVIEW if r.level == "review" else RE_REVIEW,
                        start=r.requested_on, unit=p.unit,
                        title=f"提出{word}意见：{p.number}", url=petition_url(p))  # fmt: skip
            if dl is None:
                continue
            r.deadline = dl
            r.save(update_fields=["deadline"])
            record(p, "petition_clock_started", None, p.unit,
                   f"工作日历已载入，提出{word}意见期限至{dl.due_date:%Y-%m-%d}")  # fmt: skip
            started += 1
    return started


def start_waiting_clocks(day: dt.date) -> int:
    """Start every clock that waited for a calendar now loaded; returns how many."""
    return _dispute_clocks(day) + _petition_clocks(day)
