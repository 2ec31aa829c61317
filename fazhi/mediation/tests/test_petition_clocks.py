"""The six clocks of a 信访事项 on the real calendar, counted by hand (信访工作条例 第二十二、
二十三、三十四—三十六条; calendar days, the start day not counted, a last day on a rest day or
holiday moving to the next working day; the objection's 5 days are working days).

国庆 2025: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) worked.
春节 2026: 02-15…02-23 off, 02-14 (Sat) and 02-28 (Sat) worked."""

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core.tests.refusal import refused
from fazhi.mediation.models import Petition
from fazhi.mediation.services import petitions

from .petition_fixtures import *  # noqa: F403

D = dt.date


def test_routing_fifteen_days_ending_in_guoqing_rolls_to_october_ninth(make_petition, people, at):
    # 09-17 + 15 = 10-02, in the holiday (10-01…10-08): the period ends on 10-09 (Thu).
    p = make_petition(received_on=D(2025, 9, 17))
    assert p.routing_deadline.due_date == D(2025, 10, 9)
    at(D(2025, 10, 9))
    p = petitions.route(p, route="handle", on=D(2025, 10, 9), actor=people["sfj_clerk"])
    assert p.routing_deadline.state == "done"
    assert "超过15日" not in p.routing_deadline.title


def test_handling_sixty_days_across_chunjie_2026(make_petition, people, at):
    # Accepted 2025-12-20: +11 = 12-31, +31 = 01-31, +18 = 02-18 (正月初二, off): 02-24 (Tue).
    p = make_petition(received_on=D(2025, 12, 18))
    at(D(2025, 12, 20))
    p = petitions.route(p, route="handle", on=D(2025, 12, 19), actor=people["sfj_clerk"])
    p = petitions.notify(p, accepted=True, notified_on=D(2025, 12, 20), actor=people["sfj_clerk"])
    assert p.deadline.due_date == D(2026, 2, 24)
    # +30 with approval: 90 days from 12-20 (the period is lengthened, not the rolled last
    # day moved): +11 = 12-31, +31 = 01-31, +28 = 02-28, +20 = 03-20 (Fri).
    at(D(2026, 2, 10))
    p = petitions.extend(p, days=30, approved_by="区司法局局长", reason="涉及三个部门",
                         approved_on=D(2026, 2, 10), actor=people["sfj_clerk"])  # fmt: skip
    assert p.deadline.due_date == D(2026, 3, 20)
    with refused(ValidationError, "办理期限最多延长30日，已延长30日，还能延长0日", p):
        petitions.extend(p, days=1, approved_by="区司法局局长", reason="再延",
                         approved_on=D(2026, 2, 10), actor=people["sfj_clerk"])  # fmt: skip


def test_objection_five_working_days_across_a_tiaoxiu_weekend(make_petition, district, people, at):
    # Received by the handling unit 2025-09-25 (Thu): 1 = 09-26, 2 = 09-28 (Sun, 调休上班),
    # 3 = 09-29, 4 = 09-30, 10-01…10-08 off, 5 = 10-09.
    p = make_petition(received_on=D(2025, 9, 24))
    at(D(2025, 9, 25))
    p = petitions.route(p, route="assign", on=D(2025, 9, 25), handling_unit=district["scjg"],
                        actor=people["sfj_clerk"])  # fmt: skip
    assert petitions.wrong_agency_deadline(p).due_date == D(2025, 10, 9)
    # Notice: 09-25 + 15 = 10-10 (Fri).
    assert p.notice_deadline.due_date == D(2025, 10, 10)
    at(D(2025, 10, 10))
    with refused(
        ValidationError,
        "应当在收到转送交办之日起5个工作日内（至2025-10-09）提出异议，已经超过期限，不能再提出",
        p,
    ):
        petitions.object_to_transfer(p, on=D(2025, 10, 10), reason="不属本局",
                                     actor=people["scjg_clerk"])  # fmt: skip
    p = petitions.object_to_transfer(p, on=D(2025, 10, 9), reason="不属本局",
                                     actor=people["scjg_clerk"])  # fmt: skip
    assert Petition.objects.get(pk=p.pk).state == "registered"


def test_review_request_limit_rolls_over_guoqing(concluded, make_petition, district, people, at):
    """The petitioner's 30 days to ask for 复查 follow the same rule: received 2025-09-05,
    +30 = 10-05 (off): the last day is 10-09."""
    p = concluded()
    Petition.objects.filter(pk=p.pk).update(opinion_served_on=D(2025, 9, 5))
    at(D(2025, 10, 10))
    with refused(
        ValidationError,
        "请求复查应当自收到处理意见书之日起30日内提出（至2025-10-09），已经超过期限",
        p,
    ):
        petitions.request_review(p, reviewing_unit=district["gov"], requested_on=D(2025, 10, 10),
                                 actor=people["sfj_clerk"])  # fmt: skip
    r = petitions.request_review(p, reviewing_unit=district["gov"], requested_on=D(2025, 10, 9),
                                 actor=people["sfj_clerk"])  # fmt: skip
    # The answer: 10-09 + 30 = 11-08 (Sat) → 11-10 (Mon).
    assert r.deadline.due_date == D(2025, 11, 10)
