"""The notification centre: unread count in every office page's header, the list (unread
first, paginated), marking read (POST, CSRF), the preference page, and the API; nobody reads
or marks another person's notifications by any path."""

import datetime as dt

from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core import notify
from fazhi.core.context import navigation
from fazhi.core.models import Notification, NotificationPreference


def note(user, key, title=None, link="/office/", when=None):
    n, _ = notify.notify(user, key=key, kind="test", title=title or f"通知{key}", link=link)
    if when:
        Notification.objects.filter(pk=n.pk).update(created_at=when)
    return n


def test_header_shows_unread_count_in_one_query(people, login):
    clerk = people["scjg_clerk"]
    for i in range(3):
        note(clerk, str(i))
    note(people["sfj_clerk"], "other")
    c = login(clerk)
    html = c.get(reverse("core:units")).content.decode()
    assert 'id="fz-unread">3<' in html
    request = RequestFactory().get("/office/units/")
    request.user = clerk
    request.session = {}
    with CaptureQueriesContext(connection) as q:
        navigation(request)
    assert len([x for x in q.captured_queries if "core_notification" in x["sql"]]) == 1
    notify.mark_all_read(clerk)
    html = c.get(reverse("core:units")).content.decode()
    assert 'id="fz-unread"' not in html


def test_list_unread_first_paginated_and_linked(people, login):
    clerk = people["scjg_clerk"]
    base = dt.datetime(2025, 9, 1, 9, tzinfo=dt.UTC)
    old = note(clerk, "old", "旧的未读", when=base)
    for i in range(35):
        n = note(clerk, f"r{i}", f"已读{i}", when=base + dt.timedelta(days=1, minutes=i))
        notify.mark_read(clerk, n.pk)
    c = login(clerk)
    page1 = c.get(reverse("core:notifications")).content.decode()
    # The old unread one comes before 35 newer read ones; 30 a page.
    assert page1.index("旧的未读") < page1.index("已读34")
    assert "第1/2页，共36条" in page1
    assert 'href="/office/"' in page1
    assert f'action="{reverse("core:notification_read", args=[old.pk])}"' in page1
    page2 = c.get(reverse("core:notifications") + "?page=2").content.decode()
    assert "已读0<" in page2 or "已读0</" in page2
    unread = c.get(reverse("core:notifications") + "?unread=1").content.decode()
    assert "旧的未读" in unread and "已读1" not in unread


def test_mark_one_and_all(people, login):
    clerk = people["scjg_clerk"]
    a, b, _ = note(clerk, "a"), note(clerk, "b"), note(clerk, "c")
    c = login(clerk)
    assert c.get(reverse("core:notification_read", args=[a.pk])).status_code == 405
    r = c.post(reverse("core:notification_read", args=[a.pk]), {"next": "/office/units/"})
    assert r.status_code == 302 and r.url == "/office/units/"
    assert notify.unread_count(clerk) == 2
    r = c.post(reverse("core:notification_read", args=[b.pk]), {"next": "https://evil.example/"})
    assert r.url == reverse("core:notifications")
    r = c.post(reverse("core:notifications_read_all"), {"next": "abc"})
    assert r.status_code == 302 and r.url == reverse("core:notifications")
    assert notify.unread_count(clerk) == 0


def test_csrf_required(people):
    clerk = people["scjg_clerk"]
    n = note(clerk, "x")
    c = Client(enforce_csrf_checks=True)
    c.force_login(clerk)
    assert c.post(reverse("core:notification_read", args=[n.pk])).status_code == 403
    assert c.post(reverse("core:notifications_read_all")).status_code == 403
    assert notify.unread_count(clerk) == 1


def test_nobody_reads_or_marks_anothers(people, login):
    mine = note(people["scjg_clerk"], "secret", "市场监管局的通知")
    for who in ("sfj_clerk", "coordinator", "admin"):
        c = login(people[who])
        assert "市场监管局的通知" not in c.get(reverse("core:notifications")).content.decode()
        assert c.post(reverse("core:notification_read", args=[mine.pk])).status_code == 404
        c.post(reverse("core:notifications_read_all"))
        r = c.get("/api/notifications")
        assert r.status_code == 200 and r.json()["count"] == 0
        assert c.post(f"/api/notifications/{mine.pk}/read").status_code == 404
        c.post("/api/notifications/read-all")
    mine.refresh_from_db()
    assert mine.read_at is None
    anon = Client()
    assert anon.get(reverse("core:notifications")).status_code == 302
    assert anon.get("/api/notifications").status_code == 401


def test_api_list_and_mark(people, login):
    clerk = people["scjg_clerk"]
    a = note(clerk, "a", "甲")
    note(clerk, "b", "乙")
    c = login(clerk)
    data = c.get("/api/notifications").json()
    assert data["count"] == 2 and {i["title"] for i in data["items"]} == {"甲", "乙"}
    r = c.post(f"/api/notifications/{a.pk}/read")
    assert r.status_code == 200 and r.json()["read_at"]
    assert c.get("/api/notifications?unread=true").json()["count"] == 1
    assert c.post("/api/notifications/read-all").json() == {"marked": 1}
    assert c.post("/api/notifications/99999999999999999999/read").status_code == 422


def test_preference_page(people, login):
    clerk = people["scjg_clerk"]
    c = login(clerk)
    page = c.get(reverse("core:notification_settings")).content.decode()
    assert "每日汇总" in page and "未登记电子邮箱" in page
    assert notify.mode_of(clerk) == "immediate"
    r = c.post(reverse("core:notification_settings"), {"mode": "digest"})
    assert r.status_code == 302
    assert NotificationPreference.objects.get(user=clerk).mode == "digest"
    r = c.post(reverse("core:notification_settings"), {"mode": "hourly"})
    assert r.status_code == 400 and "发送方式应为" in r.content.decode()
    assert notify.mode_of(clerk) == "digest"
    # Another person's choice is their own.
    assert notify.mode_of(people["sfj_clerk"]) == "immediate"


def test_mail_goes_to_the_address_the_admin_entered(people, district, login, settings):
    from django.core import mail

    settings.FAZHI_NOTIFY_EMAIL = True
    settings.FAZHI_SITE_URL = "https://fazhi.example.gov.cn/"
    clerk = people["scjg_clerk"]
    note(clerk, "before", "无邮箱时")
    assert mail.outbox == []  # no address: in-app only
    r = login(people["admin"]).post(
        reverse("core:user_edit", args=[clerk.pk]),
        {
            "username": clerk.username,
            "full_name": "刘洋",
            "unit": district["scjg"].pk,
            "email": "liuyang@scjg.example.gov.cn",
            "roles": ["clerk"],
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    clerk.refresh_from_db()
    note(clerk, "after", "有邮箱后", link="/office/deadlines/7/")
    assert [m.to for m in mail.outbox] == [["liuyang@scjg.example.gov.cn"]]
    assert mail.outbox[0].subject == "有邮箱后"
    assert "https://fazhi.example.gov.cn/office/deadlines/7/" in mail.outbox[0].body
