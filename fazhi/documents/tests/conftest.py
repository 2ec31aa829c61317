"""Helpers for normative document tests.

The documents code reaches legality review and public comment only through
``legal.interface`` and ``consultation.interface``. Tests also play the other side: the
司法局 legal reviewer giving an opinion (``reviewer_opinion``) and the drafting unit
finishing a consultation (``finish_consultation``) use those modules' own services, as
their users would in their own pages.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.documents import services
from fazhi.documents.models import NormativeDocument

BODY = (
    "第一条 为加强城市道路临时占用管理，保障道路安全畅通，根据有关法律法规，结合本区实际，制定本办法。\n"
    "第二条 因建设施工、公益活动等确需临时占用城市道路的，应当向区综合行政执法局提出申请。\n"
    "第三条 临时占用城市道路的期限一般不超过一年；期满需要继续占用的，应当在期满前申请延续。\n"
    "第四条 本办法自公布之日起施行。"
)


def today() -> dt.date:
    """The test's today: every test file fixes it (``pytest.mark.today``)."""
    return timezone.localdate()


def draft(
    people, district, *, title="示范区城市道路临时占用管理办法", unit="scjg", issuer="gov", **kw
):
    actor = kw.pop("actor", None) or people[f"{unit}_clerk"]
    return services.create_draft(
        title=title,
        unit=district[unit],
        issuer=district[issuer],
        body=kw.pop("body", BODY),
        explanation=kw.pop("explanation", "起草说明：规范临时占用道路管理。"),
        actor=actor,
        **kw,
    )


def reviewer_opinion(doc, people, opinion="lawful", reasons="", on=None):
    """The 司法局 legal reviewer concludes the open review today, or ``on`` (before the
    minimum review time, with the reason recorded)."""
    from fazhi.legal import services as legal_services

    review = legal_services.latest_review(doc)
    return legal_services.conclude(
        review,
        opinion=opinion,
        reasons=reasons or ("" if opinion == "lawful" else "第二条须删除增设的许可条件"),
        actor=people["legal"],
        on=on,
        early_reason="测试：提前出具意见",
    )


def back_dated_consultation(on: dt.date):
    """An ``opener`` for ``services.open_consultation`` that opens the consultation as of
    ``on`` (the demo does the same: the consultation interface takes no date)."""
    from fazhi.consultation import services as consultation_services

    def open_(**kwargs):
        c = consultation_services.create_draft(**kwargs)
        return consultation_services.open_draft(c, actor=kwargs["actor"], today=on)

    return open_


def finish_consultation(doc, actor, *, closed: dt.date, published: dt.date):
    """The drafting unit closes its consultation and publishes the summary."""
    from fazhi.consultation import interface
    from fazhi.consultation import services as consultation_services

    c = interface.consultation_for(doc)
    consultation_services.close(c, actor=actor, today=closed)
    consultation_services.generate_summary(c, actor=actor)
    consultation_services.publish_summary(c, actor=actor, today=published)
    return c


def reviewed(people, district, *, on=None, **kw) -> NormativeDocument:
    """A draft with public comment exempted and a passed legality review (requested and
    concluded today, or on the past day ``on``)."""
    import functools

    from fazhi.legal import services as legal_services

    doc = draft(people, district, **kw)
    clerk = people[f"{kw.get('unit', 'scjg')}_clerk"]
    services.record_exemption(doc, reason="仅涉及内部管理事项", approved_by="局长张三", actor=clerk)
    services.request_review(
        doc,
        actor=clerk,
        self_checked=True,
        on=on,
        requester=functools.partial(legal_services.request_review, on=on),
    )
    reviewer_opinion(doc, people, on=on)
    doc.refresh_from_db()
    return doc


def discussed(people, district, *, on=None, **kw) -> NormativeDocument:
    doc = reviewed(people, district, on=on, **kw)
    return services.record_discussion(
        doc,
        meeting="区政府第12次常务会议",
        date=on or today(),
        outcome="approved",
        actor=people["coordinator"],
    )


def published(people, district, *, on=None, effective_on=None, **kw) -> NormativeDocument:
    """Published today, or on the past day ``on`` (every step before on that day)."""
    doc = discussed(people, district, on=on, **kw)
    on = on or today()
    doc = services.register_and_number(doc, actor=people["coordinator"], on=on)
    return services.publish(
        doc, published_on=on, effective_on=effective_on, actor=people["coordinator"]
    )


@pytest.fixture
def make():
    """Helpers as a fixture, so tests read make.published(people, district)."""

    class Make:
        pass

    m = Make()
    m.draft, m.reviewed, m.discussed, m.published = draft, reviewed, discussed, published
    m.reviewer_opinion, m.finish_consultation = reviewer_opinion, finish_consultation
    m.back_dated_consultation = back_dated_consultation
    return m
