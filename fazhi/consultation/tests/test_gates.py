"""Every gate of the consultation, tried and refused with a clear Chinese message."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.consultation import services
from fazhi.consultation.models import Comment, Consultation
from fazhi.core.models import Deadline, Event

from .helpers import CLOSES, OPENS, at, comment

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
TODAY = dt.date(2026, 6, 1)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def _msg(excinfo) -> str:
    return "；".join(excinfo.value.messages)


# --- the period -------------------------------------------------------------------------


def test_major_decision_period_shorter_than_30_days_refused_without_urgent_reason(make):
    with pytest.raises(ValidationError) as e:
        make(kind="major_decision", closes_on=OPENS + dt.timedelta(days=29))
    assert "不得少于30日" in _msg(e) and "2026年7月1日" in _msg(e) and "只有29日" in _msg(e)
    assert "缩短期限的理由" in _msg(e)
    assert not Consultation.objects.filter(state="open").exists()
    # Exactly 30 days (the opening day not counted) is enough.
    assert make(kind="major_decision", closes_on=CLOSES).state == "open"


def test_urgent_reason_allows_a_shorter_period_and_is_recorded(make):
    c = make(
        kind="major_decision",
        closes_on=OPENS + dt.timedelta(days=10),
        urgent_reason="汛期临近，防洪设施建设须在主汛期前启动",
    )
    assert c.state == "open" and c.urgent_reason.startswith("汛期")
    ev = Event.objects.filter(action="consultation_open", record_id=str(c.pk)).get()
    assert "理由：汛期临近" in ev.summary


def test_minimum_per_kind_and_setting(make, settings):
    with pytest.raises(ValidationError) as e:
        make(kind="normative_document", closes_on=OPENS + dt.timedelta(days=20))
    assert "行政规范性文件公开征求意见的期限不得少于30日" in _msg(e)
    with pytest.raises(ValidationError) as e:
        make(kind="other", closes_on=OPENS + dt.timedelta(days=6))
    assert "不得少于7日" in _msg(e)
    assert make(kind="other", closes_on=OPENS + dt.timedelta(days=7)).state == "open"
    settings.FAZHI_CONSULTATION_MIN_DAYS = {"normative_document": 20}
    c = make(kind="normative_document", closes_on=OPENS + dt.timedelta(days=20))
    assert c.state == "open"
    # The other kinds keep their defaults.
    with pytest.raises(ValidationError):
        make(kind="major_decision", closes_on=OPENS + dt.timedelta(days=20))


def test_backdated_or_inverted_period_refused(make):
    with pytest.raises(ValidationError) as e:
        make(today=OPENS + dt.timedelta(days=2))
    assert "开始日期不能早于发布当日" in _msg(e)
    with pytest.raises(ValidationError) as e:
        make(closes_on=OPENS - dt.timedelta(days=1))
    assert "截止日期不能早于开始日期" in _msg(e)


def test_second_running_consultation_of_the_same_subject_refused(make):
    make(subject=("decisions.majordecision", "7"))
    with pytest.raises(ValidationError) as e:
        make(subject=("decisions.majordecision", "7"))
    assert "已有尚未结束的公开征求意见" in _msg(e)


def test_other_units_clerk_cannot_open_for_sfj(make, people):
    with pytest.raises(PermissionDenied) as e:
        make(actor=people["scjg_clerk"])
    assert "只有起草单位" in str(e.value)


# --- comments ---------------------------------------------------------------------------


def test_comment_before_open_refused(make):
    c = make(opens_on=OPENS + dt.timedelta(days=5), closes_on=CLOSES + dt.timedelta(days=5))
    with pytest.raises(ValidationError) as e:
        comment(c, "建议增加夜间开放时间。", now=at(OPENS + dt.timedelta(days=4), 23, 59))
    assert "尚未开始" in _msg(e) and "2026年6月6日起接收意见" in _msg(e)
    assert comment(c, "建议增加夜间开放时间。", now=at(OPENS + dt.timedelta(days=5), 0, 1))


def test_comment_after_close_refused(make, people):
    c = make()
    # The closing day itself still counts.
    assert comment(c, "建议第二条增加社区公园。", now=at(CLOSES, 23, 50))
    with pytest.raises(ValidationError) as e:
        comment(c, "建议第三条明确管理主体。", now=at(CLOSES + dt.timedelta(days=1), 0, 5))
    assert "已于2026年7月1日结束，不再接收意见" in _msg(e)
    c2 = make()
    services.close(
        c2, actor=people["sfj_clerk"], reason="上级要求提前报送", today=OPENS + dt.timedelta(3)
    )
    with pytest.raises(ValidationError) as e:
        comment(c2, "建议第三条明确管理主体。", now=at(OPENS + dt.timedelta(days=4)))
    assert "已于2026年6月4日结束" in _msg(e)


def test_comment_length_name_and_phone_limits(make):
    c = make()
    with pytest.raises(ValidationError) as e:
        comment(c, "  好的  ")
    assert e.value.message_dict == {"body": ["意见内容过短，请至少填写5个字"]}
    with pytest.raises(ValidationError) as e:
        comment(c, "长" * 2001)
    assert e.value.message_dict["body"] == ["意见内容不能超过2000字（现有2001字），请精简后再提交"]
    assert comment(c, "长" * 2000).body == "长" * 2000
    with pytest.raises(ValidationError) as e:
        comment(c, "建议延长开放时间。", name="名" * 21)
    assert e.value.message_dict["name"] == ["姓名不能超过20个字"]
    with pytest.raises(ValidationError) as e:
        comment(c, "建议延长开放时间。", phone="12345")
    assert "电话号码“12345”格式不正确" in e.value.message_dict["phone"][0]
    ok = comment(c, "建议延长开放时间。", name=" 张三 ", phone="138 1234 5678")
    assert (ok.name, ok.phone) == ("张三", "13812345678")


def test_rate_limit_per_client_per_consultation(make):
    c = make()
    t0 = at(OPENS + dt.timedelta(days=1), 9, 0)
    for i in range(5):
        comment(c, f"第{i + 1}条意见：建议增加座椅。", now=t0 + dt.timedelta(minutes=i))
    with pytest.raises(services.RateLimited) as e:
        comment(c, "第6条意见：建议增加座椅。", now=t0 + dt.timedelta(minutes=10))
    assert "1小时内对本次征求意见最多提交5条意见，请50分钟后再提交" in _msg(e)
    # Another address is not affected; the same one again once the hour has passed.
    comment(c, "第6条意见：建议增加座椅。", ip="198.51.100.9", now=t0 + dt.timedelta(minutes=10))
    comment(c, "第7条意见：建议增加座椅。", now=t0 + dt.timedelta(minutes=61))


def test_global_cap_per_client(make, settings):
    settings.FAZHI_CONSULTATION_RATE_GLOBAL = 3
    c1, c2 = make(), make()
    t0 = at(OPENS + dt.timedelta(days=1), 9, 0)
    comment(c1, "意见一：增加照明设施。", now=t0)
    comment(c1, "意见二：增加照明设施。", now=t0)
    comment(c2, "意见三：增加照明设施。", now=t0)
    with pytest.raises(services.RateLimited) as e:
        comment(c2, "意见四：增加照明设施。", now=t0 + dt.timedelta(minutes=1))
    assert "1小时内最多提交3条意见，请59分钟后再提交" in _msg(e)


def test_duplicate_from_the_same_client_refused(make):
    c = make()
    comment(c, "建议公园内禁止\n机动车通行。")
    with pytest.raises(ValidationError) as e:
        comment(c, "建议公园内禁止 机动车通行。 ", now=at(OPENS + dt.timedelta(days=2)))
    assert "您已提交过内容相同的意见" in _msg(e)
    comment(c, "建议公园内禁止机动车通行。", ip="198.51.100.20")
    assert c.comments.count() == 2


def test_client_address_is_never_stored(make):
    c = make()
    x = comment(c, "建议设置无障碍通道。", ip="203.0.113.77")
    assert len(x.client_key) == 64 and "203.0.113.77" not in x.client_key
    assert (
        x.client_key == services.client_key("203.0.113.77") != services.client_key("203.0.113.78")
    )
    for ev in Event.objects.all():
        assert "203.0.113.77" not in str(ev.after) + ev.summary


# --- moderation and answers -------------------------------------------------------------


def test_moderation_gates(make, people):
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError) as e:
        services.moderate(x, publish=False, reason="  ", actor=clerk)
    assert "不予公开时须说明理由" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.respond(x, response="adopted", reason="", actor=clerk)
    assert "尚未审核，请先公开后再答复" in _msg(e)
    services.moderate(x, publish=True, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.moderate(x, publish=False, reason="广告", actor=clerk)
    assert "已审核（已公开），不能重复审核" in _msg(e)
    for response in ("partly", "not_adopted"):
        with pytest.raises(ValidationError) as e:
            services.respond(x, response=response, reason=" ", actor=clerk)
        assert "须说明理由" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.respond(x, response="maybe", reason="", actor=clerk)
    assert "请选择采纳情况" in _msg(e)
    services.respond(x, response="adopted", reason="", actor=clerk)
    y = comment(c, "广告：出售二手健身器材。", ip="198.51.100.3")
    services.moderate(y, publish=False, reason="与征求意见内容无关", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.respond(y, response="adopted", reason="", actor=clerk)
    assert "未予公开，无需答复" in _msg(e)


def test_other_units_clerk_and_leader_cannot_moderate_or_answer(make, people):
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    for who in ("scjg_clerk", "town_clerk", "leader"):
        with pytest.raises(PermissionDenied):
            services.moderate(x, publish=True, actor=people[who])
    services.moderate(x, publish=True, actor=people["coordinator"])
    with pytest.raises(PermissionDenied):
        services.respond(x, response="adopted", reason="", actor=people["scjg_clerk"])
    with pytest.raises(PermissionDenied):
        services.close(c, actor=people["scjg_clerk"], reason="x", today=OPENS)


# --- closing and the summary ------------------------------------------------------------


def test_close_early_needs_reason(make, people):
    c = make()
    with pytest.raises(ValidationError) as e:
        services.close(c, actor=people["sfj_clerk"], today=CLOSES)
    assert "征求意见期限至2026年7月1日（含当日）届满，期满前结束须说明理由" in _msg(e)
    services.close(c, actor=people["sfj_clerk"], today=CLOSES + dt.timedelta(days=1))
    c.refresh_from_db()
    assert c.state == "closed" and c.close_reason == ""
    with pytest.raises(ValidationError) as e:
        services.close(c, actor=people["sfj_clerk"], today=CLOSES + dt.timedelta(days=2))
    assert "不能结束" in _msg(e)


def test_summary_refused_until_every_comment_is_answered(make, people):
    clerk = people["sfj_clerk"]
    c = make()
    a = comment(c, "建议第二条增加社区公园。", name="李四")
    b = comment(c, "建议明确夜间照明标准。", ip="198.51.100.4")
    with pytest.raises(ValidationError) as e:
        services.generate_summary(c, actor=clerk)
    assert "征求意见尚未结束，结束后才能生成意见采纳情况说明" in _msg(e)
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as e:
        services.generate_summary(c, actor=clerk)
    assert "还有2条意见未审核（意见1、意见2）" in _msg(e)
    services.moderate(a, publish=True, actor=clerk)
    services.moderate(b, publish=True, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.generate_summary(c, actor=clerk)
    assert "还有2条已公开的意见未答复（意见1、意见2）" in _msg(e)
    services.respond(a, response="adopted", reason="", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.publish_summary(c, actor=clerk)
    assert "还有1条已公开的意见未答复（意见2）" in _msg(e)
    services.respond(b, response="not_adopted", reason="照明标准由专项规范规定", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.publish_summary(c, actor=clerk)
    assert "请先生成意见采纳情况说明" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.save_summary(c, text="手写", actor=clerk)
    assert "请先生成" in _msg(e)
    c = services.generate_summary(c, actor=clerk)
    # An answer changed after generating: the summary must be generated again.
    services.respond(b, response="partly", reason="部分内容在第九条中体现", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.publish_summary(c, actor=clerk)
    assert "请重新生成意见采纳情况说明后再公布" in _msg(e)
    c = services.generate_summary(c, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.save_summary(c, text="   ", actor=clerk)
    assert "不能为空" in _msg(e)
    services.publish_summary(c, actor=clerk, today=CLOSES + dt.timedelta(days=5))
    c.refresh_from_db()
    assert c.state == "summarized" and c.summary_published_on == dt.date(2026, 7, 6)
    with pytest.raises(ValidationError) as e:
        services.respond(a, response="partly", reason="改", actor=clerk)
    assert "意见采纳情况已公布" in _msg(e)
    with pytest.raises(ValidationError):
        services.publish_summary(c, actor=clerk)


def test_each_state_change_appends_an_event_and_runs_the_clocks(make, people):
    clerk = people["sfj_clerk"]
    c = make()
    closing = Deadline.objects.get(record_id=str(c.pk), clock=services.CLOSING_CLOCK)
    assert closing.due_date == CLOSES and closing.state == "running"
    x = comment(c, "建议增加儿童游乐设施。")
    services.moderate(x, publish=True, actor=clerk)
    services.respond(x, response="adopted", reason="", actor=clerk)
    services.close(c, actor=clerk, today=CLOSES + dt.timedelta(days=3))
    closing.refresh_from_db()
    assert closing.state == "done" and closing.completed_on == CLOSES
    summary = Deadline.objects.get(record_id=str(c.pk), clock=services.SUMMARY_CLOCK)
    # 10 working days after 2026-07-01 (a Wednesday): 2026-07-15.
    assert summary.start_date == CLOSES and summary.due_date == dt.date(2026, 7, 15)
    c = services.generate_summary(c, actor=clerk)
    services.save_summary(c, text=c.summary + "\n（修改）", actor=clerk)
    services.publish_summary(c, actor=clerk, today=dt.date(2026, 7, 10))
    summary.refresh_from_db()
    assert summary.state == "done"
    actions = list(
        Event.objects.filter(record_type="consultation.consultation", record_id=str(c.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    for expected in (
        "consultation_create",
        "consultation_open",
        "comment_submit",
        "comment_publish",
        "comment_respond",
        "consultation_close",
        "summary_generate",
        "summary_edit",
        "summary_publish",
    ):
        assert expected in actions
    assert Comment.objects.get(pk=x.pk).response == "adopted"


def test_dates_out_of_range_are_refused(people, district):
    """A mistyped year (9999) in either date is refused with a reason, not a crash."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from fazhi.consultation import services

    today = TODAY
    for opens, closes, message in (
        (dt.date(9999, 12, 1), dt.date(9999, 12, 31), "开始日期不能晚于一年以后"),
        (today, dt.date(9999, 12, 31), "征求意见期限不能超过一年"),
        (today, today - dt.timedelta(days=1), "截止日期不能早于开始日期"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.create_draft(
                subject=(services.STANDALONE, "x"),
                kind="other",
                unit=district["sfj"],
                title="标题",
                draft="正文",
                explanation="",
                opens_on=opens,
                closes_on=closes,
                actor=people["sfj_clerk"],
            )
