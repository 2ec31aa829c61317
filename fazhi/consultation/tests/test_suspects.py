"""Personal data written in a comment's body (issue 18 point 8): numbers however they are
written are masked on the portal and in the public API; a suspected name or street address
holds the comment until the moderator edits or confirms it, with the spans marked on the
review page."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.consultation import services
from fazhi.consultation.models import Comment
from fazhi.core.models import Event

from .helpers import OPENS, at, comment

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
pytestmark = pytest.mark.today(2026, 6, 1)

# (as written in the comment, what must not be readable afterwards)
VARIANTS = [
    ("138-001-38000", "001-38"),
    ("138 0013 8000", "0013"),
    ("138.0013.8000", "0013"),
    ("330102.19900101.1234", "19900101"),
    ("330102 19900101 1234", "19900101"),
    ("330-102-199-001-011-234", "199-001-01"),
    ("330 102 199 001 011 234", "199 001 01"),
    ("一三八零零一三八零零零", "零零一三"),
    ("壹叁捌零零壹叁捌零零零", "零零壹叁"),
    ("一三八0013八000", "0013"),
    ("１３８００１３８０００", "００１３"),
    ("三三〇一〇二一九九〇〇一〇一一二三四", "一九九〇〇一〇一"),
]
# Ordinary numbers that must stay as they are.
ORDINARY = [
    "2025年10月1日",
    "二〇二五年十月一日",
    "第三十二条",
    "示政办〔2025〕3号",
    "金额1,380,013.50元",
    "2025-10-01",
    "第13、15、17条",
    "共3页",
]


def _publish_all(people):
    for x in Comment.objects.filter(moderation=Comment.Moderation.PENDING):
        services.moderate(x, publish=True, actor=people["sfj_clerk"])


def _public_outputs(client, c):
    page = client.get(reverse("consultation_public:detail", args=[c.pk])).content.decode()
    api = client.get(f"/api/consultations/public/{c.pk}")
    assert api.status_code == 200
    return {"portal": page, "api": json.dumps(api.json(), ensure_ascii=False)}


def test_every_way_of_writing_a_number_is_masked_on_the_portal_and_in_the_api(client, live, people):
    for n, (written, _) in enumerate(VARIANTS):
        body = f"我的联系方式是{written}，建议公园延长开放时间。"
        r = client.post(
            reverse("consultation_public:detail", args=[live.pk]),
            {"body": body},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
        assert r.status_code == 302, written
    _publish_all(people)
    for where, text in _public_outputs(client, live).items():
        for written, secret in VARIANTS:
            assert written not in text, (where, written)
            assert secret not in text, (where, written)
    api = client.get(f"/api/consultations/public/{live.pk}").json()
    bodies = [x["body"] for x in api["comments"]]
    assert "我的联系方式是138-***-*8000，建议公园延长开放时间。" in bodies
    assert "我的联系方式是330102.********.1234，建议公园延长开放时间。" in bodies
    assert "我的联系方式是一三八****八零零零，建议公园延长开放时间。" in bodies


def test_ordinary_numbers_are_not_masked(client, live, people):
    body = "建议修改：" + "，".join(ORDINARY) + "。"
    assert services.suspects(body) == []
    r = client.post(reverse("consultation_public:detail", args=[live.pk]), {"body": body})
    assert r.status_code == 302
    _publish_all(people)
    for where, text in _public_outputs(client, live).items():
        assert body in text, where


@pytest.mark.parametrize(
    "body, spans",
    [
        ("我叫张建国，建议公园延长开放时间。", ["张建国"]),
        ("联系人：王芳。建议公园延长开放时间。", ["王芳"]),
        ("请转告李梅女士，公园门口太乱。", ["李梅"]),
        (
            "我住在示范区城关街道幸福路12号3单元501室，附近公园太吵。",
            ["示范区城关街道幸福路12号3单元501室"],
        ),
        ("幸福小区5栋2单元301室楼下的公园太吵。", ["幸福小区5栋2单元301室"]),
    ],
)
def test_a_name_or_address_holds_the_comment_until_the_moderator_acts(make, people, body, spans):
    c = make()
    x = comment(c, body)
    assert [body[a:b] for a, b, _ in services.suspects(x.body)] == spans
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError) as e:
        services.moderate(x, publish=True, actor=clerk, now=at(OPENS + dt.timedelta(days=2)))
    assert "疑似" in e.value.messages[0] and "请核对" in e.value.messages[0]
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.PENDING
    # An edit that keeps the span is refused too; one that removes it is published.
    with pytest.raises(ValidationError):
        services.moderate(x, publish=True, actor=clerk, public_body=body + "（补充）")
    edited = body
    for s in spans:
        edited = edited.replace(s, "某某")
    services.moderate(x, publish=True, actor=clerk, public_body=edited)
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.PUBLISHED
    assert x.body == body  # the original is kept
    assert x.published_text == edited
    ev = Event.objects.filter(action="comment_publish").latest("seq")
    assert ev.after["edited"] is True
    assert all(s not in json.dumps(ev.after, ensure_ascii=False) + ev.summary for s in spans)


def test_confirmed_comment_is_published_as_written(make, people):
    c = make()
    x = comment(c, "我叫张建国，建议公园延长开放时间。")
    services.moderate(x, publish=True, actor=people["sfj_clerk"], confirm_suspects=True)
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.PUBLISHED and x.public_body == ""
    ev = Event.objects.filter(action="comment_publish").latest("seq")
    assert ev.after["suspects_confirmed"] is True
    assert "张建国" not in ev.summary


def test_rejecting_a_comment_with_suspects_needs_no_confirmation(make, people):
    c = make()
    x = comment(c, "我叫张建国，建议公园延长开放时间。")
    services.moderate(x, publish=False, reason="含个人信息", actor=people["sfj_clerk"])
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.REJECTED


def test_review_page_marks_the_spans_and_the_portal_shows_the_edit(client, live, people):
    body = "我叫张建国，住在示范区城关街道幸福路12号，建议公园延长开放时间。"
    assert (
        client.post(
            reverse("consultation_public:detail", args=[live.pk]), {"body": body}
        ).status_code
        == 302
    )
    x = Comment.objects.get()
    client.force_login(people["sfj_clerk"])
    office = reverse("consultation:detail", args=[live.pk])
    html = client.get(office).content.decode()
    assert '<mark class="suspect" title="疑似姓名">张建国</mark>' in html
    assert '<mark class="suspect" title="疑似住址">示范区城关街道幸福路12号</mark>' in html
    assert 'name="confirm_suspects"' in html
    # Publishing without acting on the spans is refused with the message, nothing changes.
    r = client.post(office, {"comment": x.pk, "action": "publish", "public_body": body})
    assert r.status_code == 400
    assert "请核对" in r.content.decode()
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.PENDING
    edited = "我叫张某，住在示范区城关街道，建议公园延长开放时间。"
    r = client.post(office, {"comment": x.pk, "action": "publish", "public_body": edited})
    assert r.status_code == 302
    client.logout()
    for where, text in _public_outputs(client, live).items():
        assert "张建国" not in text and "幸福路12号" not in text, where
        assert "张某" in text, where
