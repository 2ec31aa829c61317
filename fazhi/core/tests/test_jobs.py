"""Scheduled duties on the real calendar: deadlines approaching (in working days, across the
2025 国庆 break) and overdue, the 政府信息公开 annual report, next year's calendar; the
runner's log, idempotence (each reminder once by every channel), digest vs immediate, and a
failing webhook that stops nothing."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import jobs, notify, services
from fazhi.core.models import CalendarYear, JobRun, Notification

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date
# 国务院办公厅关于2025年部分节假日安排的通知: 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) work.
# 20 working days from 5 September end on Friday 10 October.
SEPT_5 = D(2025, 9, 5)


def reply(district, assignee=None, on=SEPT_5, title="张某依申请公开"):
    return services.start_deadline(
        record_type="test.case",
        record_id=title,
        clock="test.reply",
        start=on,
        unit=district["scjg"],
        title=title,
        assignee=assignee,
    )


def titles(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_due_soon_counts_working_days_across_national_day(district, people, clocks):
    d = reply(district)
    assert d.due_date == D(2025, 10, 10)
    # 25 Sept: 6 working days left (9/26, 9/28 make-up Sunday, 9/29, 9/30, 10/9, 10/10): quiet.
    jobs.run(D(2025, 9, 25), only=["core.deadlines"])
    assert not Notification.objects.exists()
    # 30 Sept: 10 calendar days but only 2 working days left (the warning window is 5).
    jobs.run(D(2025, 9, 30), only=["core.deadlines"])
    got = titles(people["scjg_clerk"])
    assert got == ["期限临近：张某依申请公开（还剩2个工作日）"]
    n = Notification.objects.get(recipient=people["scjg_clerk"])
    assert "2025年10月10日" in n.body and "政府信息公开条例第三十三条" in n.body
    assert n.link == f"/office/deadlines/{d.pk}/"
    # The unit's clerk and reviewer, no one of another unit.
    assert titles(people["scjg_reviewer"]) == got
    assert not Notification.objects.exclude(
        recipient__in=[people["scjg_clerk"], people["scjg_reviewer"]]
    ).exists()


def test_overdue_goes_to_assignee_and_reviewers(district, people, clocks):
    d = reply(district, assignee=people["scjg_clerk"])
    jobs.run(D(2025, 10, 13), only=["core.deadlines"])
    assert titles(people["scjg_clerk"]) == ["已超期：张某依申请公开"]
    assert titles(people["scjg_reviewer"]) == ["已超期：张某依申请公开"]
    # Due Friday 10 October; Saturday the 11th is a 国庆 make-up working day.
    assert "已超期2个工作日" in Notification.objects.filter(key__contains=str(d.pk)).first().body
    # Done deadlines are left alone.
    services.complete_deadline(d, on=D(2025, 10, 13), actor=people["scjg_clerk"])
    Notification.objects.all().delete()
    jobs.run(D(2025, 10, 14), only=["core.deadlines"])
    assert not Notification.objects.exists()


def test_due_soon_with_assignee_reaches_only_the_assignee(district, people, clocks):
    reply(district, assignee=people["scjg_clerk"])
    jobs.run(D(2025, 10, 9), only=["core.deadlines"])
    assert list(Notification.objects.values_list("recipient__username", "title")) == [
        ("scjg_clerk", "期限临近：张某依申请公开（还剩1个工作日）")
    ]


def test_running_twice_sends_each_reminder_once(district, people, clocks, mail_on, robot):
    reply(district)
    first = jobs.run(D(2025, 9, 30))
    assert all(r.status == JobRun.Status.OK for r in first), [r.error for r in first]
    counts = Notification.objects.count(), len(mail.outbox), len(robot.calls)
    assert counts == (2, 2, 2)  # clerk and reviewer; in-app, mail, webhook each
    assert robot.calls[0]["msgtype"] == "text"
    assert "张某依申请公开" in robot.calls[0]["text"]["content"]
    second = jobs.run(D(2025, 9, 30))
    third = jobs.run(D(2025, 10, 1))
    assert (Notification.objects.count(), len(mail.outbox), len(robot.calls)) == counts
    by_job = {r.job: r.counts for r in second}
    assert by_job["core.deadlines"] == {"reminders": 1, "sent": 0, "already": 2}
    assert {r.job: r.counts for r in third}["core.deadlines"]["sent"] == 0


def test_command_runs_and_lists(district, people, clocks):
    reply(district)
    out = io.StringIO()
    call_command("jobs", "run", "--today", "2025-09-30", stdout=out)
    text = out.getvalue()
    assert "法定期限临近与超期提醒（core.deadlines）：正常；提醒1，新通知2，已发过0" in text
    assert "规范性文件有效期届满失效" in text  # documents registered its own job
    assert JobRun.objects.filter(job="core.deadlines", today=D(2025, 9, 30)).count() == 1
    out = io.StringIO()
    call_command("jobs", "list", stdout=out)
    assert "core.deadlines" in out.getvalue() and "正常" in out.getvalue()
    assert jobs.last_run()["today"] == "2025-09-30"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("jobs", "run", "--today", "30/09/2025")
    with pytest.raises(CommandError, match="未登记"):
        call_command("jobs", "run", "--only", "nope")


def test_failing_job_is_logged_and_others_run(district, people, clocks, monkeypatch):
    reply(district)

    def broken(today):
        raise RuntimeError("故障")

    monkeypatch.setitem(
        jobs.JOBS, "test.broken", jobs.Job("test.broken", "坏任务", broken, order=1)
    )
    with pytest.raises(CommandError, match="1项定时任务失败"):
        call_command("jobs", "run", "--today", "2025-09-30", stdout=io.StringIO())
    row = JobRun.objects.get(job="test.broken")
    assert row.status == JobRun.Status.FAILED and "故障" in row.error
    assert JobRun.objects.get(job="core.deadlines").status == JobRun.Status.OK
    assert Notification.objects.count() == 2
    assert jobs.last_run()["failed"] == ["test.broken"]


def test_failing_webhook_stops_nothing_and_is_logged(district, people, clocks, mail_on, robot):
    reply(district)
    robot.answer = {"errcode": 310000, "errmsg": "keywords not in content"}
    rows = {r.job: r for r in jobs.run(D(2025, 9, 30))}
    row = rows["core.deadlines"]
    assert row.status == JobRun.Status.WARNING
    assert "即时通讯推送失败" in row.error and "310000" in row.error
    assert row.counts["delivery_failures"] == 2
    # In-app and mail went out all the same.
    assert Notification.objects.count() == 2 and len(mail.outbox) == 2
    assert not Notification.objects.filter(pushed_at__isnull=False).exists()
    # The robot recovers: the next run sends the webhook messages it owes, mail not again.
    robot.answer = {"errcode": 0}
    calls = len(robot.calls)
    jobs.run(D(2025, 9, 30))
    assert len(robot.calls) == calls + 2 and len(mail.outbox) == 2
    jobs.run(D(2025, 9, 30))
    assert len(robot.calls) == calls + 2


def test_unreachable_webhook_times_out_without_crashing(
    district, people, clocks, mail_on, settings
):
    settings.FAZHI_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens"
    reply(district)
    row = {r.job: r for r in jobs.run(D(2025, 9, 30))}["core.deadlines"]
    assert row.status == JobRun.Status.WARNING and "即时通讯推送失败" in row.error
    assert len(mail.outbox) == 2


def test_digest_sends_one_message_a_day(district, people, clocks, mail_on, robot):
    clerk = people["scjg_clerk"]
    notify.set_mode(clerk, notify.DIGEST)
    reply(district, title="甲申请")
    reply(district, title="乙申请")
    jobs.run(D(2025, 9, 30))
    # The reviewer (immediate) got one mail per reminder; the clerk one digest with both.
    to_clerk = [m for m in mail.outbox if m.to == [clerk.email]]
    to_reviewer = [m for m in mail.outbox if m.to == [people["scjg_reviewer"].email]]
    assert len(to_reviewer) == 2
    assert len(to_clerk) == 1
    assert "通知汇总（2条）" in to_clerk[0].subject
    assert "甲申请" in to_clerk[0].body and "乙申请" in to_clerk[0].body
    digest_pushes = [c for c in robot.calls if "通知汇总" in c["text"]["content"]]
    assert len(digest_pushes) == 1 and len(robot.calls) == 3
    # Same day again: nothing. A new reminder the next day goes into the next day's digest.
    jobs.run(D(2025, 9, 30))
    assert len(mail.outbox) == 3
    reply(district, title="丙申请", on=D(2025, 9, 8))  # due 10/13: 3 working days on 10/1
    jobs.run(D(2025, 10, 1))
    to_clerk = [m for m in mail.outbox if m.to == [clerk.email]]
    assert len(to_clerk) == 2
    assert "丙申请" in to_clerk[1].body and "甲申请" not in to_clerk[1].body
    assert Notification.objects.filter(recipient=clerk).count() == 3


def test_disclosure_report_reminder_window(district, people, settings):
    settings.FAZHI_DISCLOSURE_REMIND_DAYS = 15
    jobs.run(D(2026, 1, 15), only=["core.disclosure_report"])
    assert not Notification.objects.exists()
    jobs.run(D(2026, 1, 16), only=["core.disclosure_report"])
    jobs.run(D(2026, 1, 31), only=["core.disclosure_report"])
    expected = ["请于01月31日前报送并公开2025年政府信息公开工作年度报告"]
    for who in ("sfj_clerk", "scjg_clerk", "scjg_reviewer", "coordinator"):
        assert titles(people[who]) == expected, who
    # A township is not a 县级以上人民政府部门 (条例 第四十九条).
    assert titles(people["town_clerk"]) == []
    assert "第四十九条" in Notification.objects.first().body
    Notification.objects.all().delete()
    jobs.run(D(2026, 2, 1), only=["core.disclosure_report"])
    assert not Notification.objects.exists()


def test_calendar_missing_for_next_year(district, people):
    assert not CalendarYear.objects.filter(year=2027).exists()  # the package ends in 2026
    jobs.run(D(2026, 10, 31), only=["core.calendar_next_year"])
    assert not Notification.objects.exists()
    jobs.run(D(2026, 11, 2), only=["core.calendar_next_year"])
    jobs.run(D(2026, 11, 3), only=["core.calendar_next_year"])
    assert titles(people["admin"]) == ["尚未载入2027年工作日历"]
    assert Notification.objects.count() == 1  # admins only, once
    # 1 Nov 2025: 2026 is loaded, nothing to ask for.
    jobs.run(D(2025, 11, 1), only=["core.calendar_next_year"])
    assert Notification.objects.count() == 1


def test_digest_waits_for_the_digest_hour_on_the_day_itself(
    district, people, clocks, mail_on, monkeypatch, settings
):
    """On the real day the digest goes out on the first run at or after FAZHI_DIGEST_HOUR
    (a mail at 00:10 would sit unread; the runs before it send nothing)."""
    import types
    from zoneinfo import ZoneInfo

    from django.utils import timezone as real

    settings.FAZHI_DIGEST_HOUR = 8
    clock = {"now": dt.datetime(2025, 9, 30, 7, 50, tzinfo=ZoneInfo("Asia/Shanghai"))}
    fake = types.SimpleNamespace(
        now=lambda: clock["now"],
        localtime=lambda *a: clock["now"],
        localdate=lambda *a: clock["now"].date(),
    )
    monkeypatch.setattr(notify, "timezone", fake)
    clerk = people["scjg_clerk"]
    notify.set_mode(clerk, notify.DIGEST)
    reply(district)
    jobs.run(D(2025, 9, 30))
    assert [m.to for m in mail.outbox] == [[people["scjg_reviewer"].email]]
    clock["now"] = clock["now"].replace(hour=8, minute=0)
    jobs.run(D(2025, 9, 30))
    assert [m.to for m in mail.outbox][1:] == [[clerk.email]]
    assert real.now() > clock["now"]  # only the notification service saw the fake clock


def test_healthz_reports_the_last_run(district, people, client):
    assert client.get("/healthz").json()["checks"]["jobs"]["last_run"] is None
    rows = jobs.run(D(2025, 9, 30))
    last = max(r.finished_at for r in rows)
    check = client.get("/healthz").json()["checks"]["jobs"]
    assert check["last_run"] == last.isoformat()
    assert jobs.last_run()["finished_at"] == last.isoformat()


def test_the_chain_is_anchored_once_a_day_and_a_broken_one_reaches_the_admins(district, people):
    """The daily duty records the chain's head (published on /anchors/) once per day, and
    refuses to anchor a chain that does not verify: the admins are told, once."""
    from django.db import connection

    from fazhi.core.models import ChainAnchor, Event

    day = dt.date(2025, 6, 3)
    jobs.run(day)
    jobs.run(day)
    anchor = ChainAnchor.objects.get()
    assert anchor.date == day and anchor.seq == Event.objects.count()
    assert not Notification.objects.filter(kind="chain_broken").exists()
    with connection.cursor() as cur:
        cur.execute("UPDATE core_event SET summary = %s WHERE seq = 1", ["改过的摘要"])
    nxt = dt.date(2025, 6, 4)
    jobs.run(nxt)
    jobs.run(nxt)
    assert not ChainAnchor.objects.filter(date=nxt).exists()
    broken = Notification.objects.filter(kind="chain_broken")
    admins = {people["admin"].pk}
    assert {n.recipient_id for n in broken} == admins and broken.count() == len(admins)
    assert "全过程记录校验未通过" in broken.get().title
