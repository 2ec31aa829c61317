"""The interface decisions and documents use, and the summary's counts against a hand count."""

import datetime as dt
import random
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.consultation import interface, services
from fazhi.consultation.models import Exemption
from fazhi.core.models import Event

from .helpers import CLOSES, OPENS, at, comment

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
TODAY = dt.date(2026, 6, 1)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def test_subject_may_be_a_model_instance_or_a_pair(make, district):
    subject = district["scjg"]  # any saved record will do
    c = make(subject=subject)
    assert (c.subject_type, c.subject_id) == ("core.orgunit", str(subject.pk))
    assert interface.consultation_for(subject) == c
    assert interface.consultation_for(("core.orgunit", str(subject.pk))) == c
    assert interface.consultation_for(("decisions.majordecision", "404")) is None
    with pytest.raises(TypeError):
        interface.consultation_for("not a subject")


def test_open_consultation_is_atomic_and_gated(people, district):
    with pytest.raises(ValidationError) as e:
        interface.open_consultation(
            subject=("decisions.majordecision", "1"),
            kind="major_decision",
            unit=district["sfj"],
            title="示范区公共停车收费调整方案",
            draft="正文",
            explanation="",
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=15),
            actor=people["sfj_clerk"],
        )
    assert "不得少于30日" in e.value.messages[0]
    # Refused as a whole: no draft is left behind.
    assert interface.consultation_for(("decisions.majordecision", "1")) is None


def test_participation_done_walks_through_every_state(make, people):
    subject = ("decisions.majordecision", "42")
    clerk = people["sfj_clerk"]
    assert interface.participation_done(subject) == (
        False,
        "尚未公开征求意见，也未登记免于公开征求意见的理由",
    )
    c = make(subject=subject)
    done, why = interface.participation_done(subject)
    assert not done and why == "正在公开征求意见（2026年6月1日至2026年7月1日），尚未结束"
    x = comment(c, "建议扩大收费减免范围。")
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=1))
    done, why = interface.participation_done(subject)
    assert not done and why == "公开征求意见已结束，尚未公布意见采纳情况，还有1条意见未审核或未答复"
    services.moderate(x, publish=True, actor=clerk)
    services.respond(x, response="partly", reason="减免范围按上位法确定", actor=clerk)
    c = services.generate_summary(c, actor=clerk)
    assert interface.participation_done(subject)[0] is False
    services.publish_summary(c, actor=clerk, today=CLOSES + dt.timedelta(days=3))
    assert interface.participation_done(subject) == (True, "")
    assert interface.comment_counts(subject) == {
        "total": 1,
        "adopted": 0,
        "partly": 1,
        "not_adopted": 0,
    }


def test_exemption(people):
    subject = ("documents.normativedocument", "9")
    with pytest.raises(ValidationError) as e:
        interface.record_exemption(
            subject=subject, reason=" ", approved_by="区政府", actor=people["sfj_clerk"]
        )
    assert "请填写免于公开征求意见的理由" in e.value.messages[0]
    with pytest.raises(ValidationError) as e:
        interface.record_exemption(
            subject=subject, reason="依法不予公开", approved_by="", actor=people["sfj_clerk"]
        )
    assert "批准" in e.value.messages[0]
    with pytest.raises(PermissionDenied):
        interface.record_exemption(
            subject=subject, reason="依法不予公开", approved_by="区政府", actor=people["leader"]
        )
    ex = interface.record_exemption(
        subject=subject,
        reason="涉及国家秘密，依法不予公开征求意见",
        approved_by="区政府常务会议",
        actor=people["sfj_clerk"],
    )
    assert isinstance(ex, Exemption) and ex.unit == people["sfj_clerk"].unit
    assert interface.participation_done(subject) == (True, "")
    # The event is in the subject's own full-process record.
    ev = Event.objects.get(action="consultation_exempt")
    assert (ev.record_type, ev.record_id) == subject
    with pytest.raises(ValidationError) as e:
        interface.record_exemption(
            subject=subject, reason="再次", approved_by="区政府", actor=people["sfj_clerk"]
        )
    assert "已登记" in e.value.messages[0]


def test_summary_counts_equal_a_hand_count(make, people):
    """Forty comments with random moderation and answers: the counts, the generated text
    and comment_counts all agree with counting the list by hand."""
    clerk = people["sfj_clerk"]
    subject = ("decisions.majordecision", "counts")
    c = make(subject=subject)
    rng = random.Random(7)
    plan = []
    for i in range(40):
        x = comment(
            c,
            f"第{i + 1}条：建议修改第{rng.randint(1, 30)}条的表述。",
            ip=f"198.51.100.{i}",
            now=at(OPENS + dt.timedelta(days=1 + i % 20)),
        )
        fate = rng.choice(["adopted", "partly", "not_adopted", "rejected"])
        plan.append(fate)
        if fate == "rejected":
            services.moderate(x, publish=False, reason="与征求意见内容无关", actor=clerk)
        else:
            services.moderate(x, publish=True, actor=clerk)
            services.respond(
                x, response=fate, reason="" if fate == "adopted" else "理由", actor=clerk
            )
    hand = {k: plan.count(k) for k in ("adopted", "partly", "not_adopted", "rejected")}
    hand["total"] = 40 - hand["rejected"]
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=1))
    c = services.generate_summary(c, actor=clerk)
    n = services.counts(c)
    assert {k: n[k] for k in hand} == hand
    assert interface.comment_counts(subject) == {
        k: hand[k] for k in ("total", "adopted", "partly", "not_adopted")
    }
    text = c.summary
    assert (
        f"共收到并公开意见{hand['total']}条，其中采纳{hand['adopted']}条、"
        f"部分采纳{hand['partly']}条、不采纳{hand['not_adopted']}条" in text
    )
    assert f"另有{hand['rejected']}条来信" in text
    answers = re.findall(r"^答复：(采纳|部分采纳|不采纳)。", text, flags=re.M)
    assert answers.count("采纳") == hand["adopted"]
    assert answers.count("部分采纳") == hand["partly"]
    assert answers.count("不采纳") == hand["not_adopted"]
    assert len(re.findall(r"^意见\d+：", text, flags=re.M)) == hand["total"]
