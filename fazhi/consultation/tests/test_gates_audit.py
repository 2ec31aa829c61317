"""Audit of the consultation gates (issue 5): each gate the services enforce but no earlier
test tried to skip, or tried without checking the Chinese message. Each refusal leaves the
record as it was."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.consultation import services
from fazhi.consultation.models import Comment, Consultation, Exemption

from .helpers import CLOSES, DRAFT, OPENS, at, comment

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
pytestmark = pytest.mark.today(2026, 6, 1)


def _msg(excinfo) -> str:
    value = excinfo.value
    if isinstance(value, ValidationError):
        return "；".join(value.messages)
    return str(value)


def _draft(people, district, **kw):
    args = dict(
        subject=(services.STANDALONE, "audit"),
        kind="normative_document",
        unit=district["sfj"],
        title="示范区城市公园管理办法（征求意见稿）",
        draft=DRAFT,
        explanation="说明",
        opens_on=OPENS,
        closes_on=CLOSES,
        actor=people["sfj_clerk"],
    )
    args.update(kw)
    return services.create_draft(**args)


# --- creating and opening ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "override, message",
    [
        ({"kind": "whim"}, "请选择征求意见的类别"),
        ({"title": "  "}, "请填写征求意见的标题"),
        ({"title": "标" * 201}, "标题不能超过200字"),
        ({"draft": " \n "}, "请填写征求意见稿全文"),
        ({"urgent_reason": "急" * 301}, "缩短期限的理由不能超过300字"),
        ({"opens_on": None}, "请填写征求意见的开始日期和截止日期"),
    ],
)
def test_draft_fields_refused(people, district, override, message):
    with pytest.raises(ValidationError) as e:
        _draft(people, district, **override)
    assert message in _msg(e)
    assert not Consultation.objects.exists()


def test_opening_twice_refused(make, people):
    c = make()
    with pytest.raises(ValidationError) as e:
        services.open_draft(c, actor=people["sfj_clerk"], today=OPENS)
    assert "该征求意见已经发布，不能重复发布" in _msg(e)


def test_other_units_clerk_cannot_publish_a_draft(people, district):
    c = _draft(people, district)
    with pytest.raises(PermissionDenied) as e:
        services.open_draft(c, actor=people["scjg_clerk"], today=OPENS)
    assert "只有起草单位（测试区司法局）的工作人员可以发布公开征求意见" in _msg(e)
    c.refresh_from_db()
    assert c.state == "draft"


def test_period_one_day_short_refused_for_every_kind(people, district):
    """The minimum period per kind, one day short: refused without the urgent reason."""
    for n, (kind, days) in enumerate(services.DEFAULT_MIN_DAYS.items()):
        c = _draft(
            people,
            district,
            subject=(services.STANDALONE, f"short{n}"),
            kind=kind,
            closes_on=OPENS + dt.timedelta(days=days - 1),
        )
        with pytest.raises(ValidationError) as e:
            services.open_draft(c, actor=people["sfj_clerk"], today=OPENS)
        assert f"不得少于{days}日" in _msg(e) and "请填写缩短期限的理由" in _msg(e)
        c.refresh_from_db()
        assert c.state == "draft"


# --- comments ---------------------------------------------------------------------------


def test_comment_on_an_unpublished_draft_refused(people, district):
    c = _draft(people, district)
    with pytest.raises(ValidationError) as e:
        comment(c, "建议增加夜间开放时间。", now=at(OPENS + dt.timedelta(days=2)))
    assert "本次征求意见尚未开始" in _msg(e)
    assert not Comment.objects.exists()


def test_rate_limit_message_is_chinese_and_nothing_is_stored(make, settings):
    settings.FAZHI_CONSULTATION_RATE = 1
    c = make()
    t0 = at(OPENS + dt.timedelta(days=1), 9, 0)
    comment(c, "第一条意见：建议增加座椅。", now=t0)
    with pytest.raises(services.RateLimited) as e:
        comment(c, "第二条意见：建议增加照明。", now=t0 + dt.timedelta(minutes=30))
    assert "提交过于频繁" in _msg(e) and "请30分钟后再提交" in _msg(e)
    assert isinstance(e.value, ValidationError)
    assert c.comments.count() == 1


# --- moderation and answers -------------------------------------------------------------


def test_reason_length_limits(make, people):
    clerk = people["sfj_clerk"]
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    with pytest.raises(ValidationError) as e:
        services.moderate(x, publish=False, reason="广" * 201, actor=clerk)
    assert "不予公开的理由不能超过200字" in _msg(e)
    x.refresh_from_db()
    assert x.moderation == "pending"
    services.moderate(x, publish=True, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.respond(x, response="not_adopted", reason="理" * 1001, actor=clerk)
    assert "理由不能超过1000字（现有1001字）" in _msg(e)
    x.refresh_from_db()
    assert x.response == ""
    with pytest.raises(ValidationError) as e:
        services.close(c, actor=clerk, reason="由" * 301, today=OPENS + dt.timedelta(days=3))
    assert "提前结束的理由不能超过300字" in _msg(e)
    c.refresh_from_db()
    assert c.state == "open"


def test_other_units_clerk_refused_with_the_reason(make, people):
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    other = people["scjg_clerk"]
    with pytest.raises(PermissionDenied) as e:
        services.moderate(x, publish=True, actor=other)
    assert "只有起草单位（测试区司法局）的工作人员可以审核公众意见" in _msg(e)
    services.moderate(x, publish=True, actor=people["sfj_clerk"])
    with pytest.raises(PermissionDenied) as e:
        services.respond(x, response="adopted", reason="", actor=other)
    assert "可以答复公众意见" in _msg(e)
    with pytest.raises(PermissionDenied) as e:
        services.close(c, actor=other, reason="越权", today=OPENS)
    assert "可以结束公开征求意见" in _msg(e)
    c.refresh_from_db()
    x.refresh_from_db()
    assert c.state == "open" and x.response == ""


def _summarized(make, people):
    clerk = people["sfj_clerk"]
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    services.moderate(x, publish=True, actor=clerk)
    services.respond(x, response="adopted", reason="", actor=clerk)
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=1))
    c = services.generate_summary(c, actor=clerk)
    services.publish_summary(c, actor=clerk, today=CLOSES + dt.timedelta(days=2))
    c.refresh_from_db()
    return c


def test_comment_refused_after_the_summary_is_published(make, people):
    c = _summarized(make, people)
    with pytest.raises(ValidationError) as e:
        comment(c, "迟到的意见。", now=at(CLOSES))
    assert "不再接收意见" in _msg(e)


def test_summary_final_once_published(make, people):
    clerk = people["sfj_clerk"]
    c = _summarized(make, people)
    x = c.comments.get()
    with pytest.raises(ValidationError) as e:
        services.moderate(x, publish=False, reason="改判", actor=clerk)
    assert "意见采纳情况已公布" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.generate_summary(c, actor=clerk)
    assert "意见采纳情况已公布，不能再修改" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.save_summary(c, text="改写", actor=clerk)
    assert "意见采纳情况已公布，不能再修改" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_summary(c, actor=clerk)
    assert "意见采纳情况已公布，不能再修改" in _msg(e)
    before = c.summary
    c.refresh_from_db()
    assert c.summary == before and c.state == "summarized"


def test_summary_refused_on_a_draft_and_when_too_long(people, district, make):
    clerk = people["sfj_clerk"]
    d = _draft(people, district)
    with pytest.raises(ValidationError) as e:
        services.generate_summary(d, actor=clerk)
    assert "该征求意见尚未发布" in _msg(e)
    c = make()
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=1))
    c = services.generate_summary(c, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.save_summary(c, text="长" * (services.SUMMARY_MAX + 1), actor=clerk)
    assert f"意见采纳情况说明不能超过{services.SUMMARY_MAX}字" in _msg(e)


# --- exemptions -------------------------------------------------------------------------


def test_exemption_approver_length_and_leader(people):
    subject = ("documents.normativedocument", "77")
    with pytest.raises(ValidationError) as e:
        services.record_exemption(
            subject=subject, reason="涉密", approved_by="批" * 101, actor=people["sfj_clerk"]
        )
    assert "批准人不能超过100字" in _msg(e)
    with pytest.raises(PermissionDenied) as e:
        services.record_exemption(
            subject=subject, reason="涉密", approved_by="区政府", actor=people["leader"]
        )
    assert "无权登记免于公开征求意见" in _msg(e)
    assert not Exemption.objects.exists()
