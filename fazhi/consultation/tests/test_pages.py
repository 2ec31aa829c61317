"""Portal and back-office pages: the comment box, masking of everything public, scoping of
the back office, and the whole flow through the pages."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from fazhi.consultation import services
from fazhi.consultation.models import Comment, Consultation
from fazhi.core.identifiers import make_id_number
from fazhi.core.models import Event

from .helpers import DRAFT

# A fixed today: a consultation opened on it runs across 元旦 2026.
TODAY = dt.date(2025, 12, 15)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def portal_url(c, **q):
    url = reverse("consultation_public:detail", args=[c.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")


def office_url(c):
    return reverse("consultation:detail", args=[c.pk])


def post_comment(client, c, body, name="", phone="", ip="203.0.113.5"):
    return client.post(portal_url(c), {"body": body, "name": name, "phone": phone}, REMOTE_ADDR=ip)


# --- portal -----------------------------------------------------------------------------


def test_portal_lists_open_consultation_with_days_left(client, live, people, district):
    services.create_draft(
        subject=(services.STANDALONE, "draft"),
        kind="other",
        unit=district["sfj"],
        title="尚未发布的草稿",
        draft="正文",
        explanation="",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=10),
        actor=people["sfj_clerk"],
    )
    html = client.get(reverse("consultation_public:list")).content.decode()
    assert live.title in html and "还剩30天" in html
    assert "尚未发布的草稿" not in html
    home = client.get("/").content.decode()
    assert "公开征求意见" in home
    page = client.get(portal_url(live)).content.decode()
    assert "第一条 为规范本区城市公园管理" in page and "起草说明" in page
    assert "还剩30天" in page and 'name="body"' in page
    assert "予以保密，不在网上公开" in page and "姓名（选填，不公开）" in page
    draft = Consultation.objects.get(title="尚未发布的草稿")
    assert client.get(portal_url(draft)).status_code == 404


def test_future_consultation_not_public_yet(client, people, district):
    today = TODAY
    c = services.open_draft(
        services.create_draft(
            subject=(services.STANDALONE, "future"),
            kind="other",
            unit=district["sfj"],
            title="下周开始的征求意见",
            draft="正文",
            explanation="",
            opens_on=today + dt.timedelta(days=7),
            closes_on=today + dt.timedelta(days=20),
            actor=people["sfj_clerk"],
        ),
        actor=people["sfj_clerk"],
    )
    assert "下周开始" not in client.get(reverse("consultation_public:list")).content.decode()
    assert client.get(portal_url(c)).status_code == 404


def test_comment_is_received_pending_and_not_shown_until_published(client, live, people):
    r = post_comment(client, live, "建议在第二条中明确社区公园也适用本办法。", name="张三丰")
    x = Comment.objects.get()
    receipt = f"{TODAY:%Y%m%d}-0001"
    assert x.receipt == receipt
    assert r.status_code == 302 and r["Location"].endswith(f"?sent={receipt}#comment-form")
    assert x.moderation == "pending" and x.name == "张三丰"
    page = client.get(r["Location"]).content.decode()
    assert "您的意见已提交" in page and f'回执编号：<strong id="receipt-number">{receipt}' in page
    assert "明确社区公园" not in page
    # A number that is not one of this consultation's comments is not echoed back.
    page = client.get(portal_url(live, sent="20990101-0001")).content.decode()
    assert "您的意见已提交" not in page and "20990101-0001" not in page
    services.moderate(x, publish=True, actor=people["sfj_clerk"])
    page = client.get(portal_url(live)).content.decode()
    # Published without any contact detail, not even masked.
    assert "明确社区公园" in page and "张**" not in page and "张三丰" not in page


def test_form_keeps_what_was_typed_and_explains_in_chinese(client, live):
    r = post_comment(client, live, "太短", name="李雷", phone="13912345678")
    assert r.status_code == 400
    html = r.content.decode()
    assert "意见内容过短，请至少填写5个字" in html
    assert 'value="李雷"' in html and 'value="13912345678"' in html and "\n太短</textarea>" in html
    r = post_comment(client, live, "建议增加公共卫生间的数量。", phone="0123")
    assert r.status_code == 400
    html = r.content.decode()
    assert "电话号码“0123”格式不正确" in html and "建议增加公共卫生间的数量。</textarea>" in html
    r = post_comment(client, live, "长" * 2001)
    assert r.status_code == 400 and "不能超过2000字（现有2001字）" in r.content.decode()
    assert not Comment.objects.exists()


def test_rate_limit_and_duplicate_messages_on_the_portal(client, live, settings):
    settings.FAZHI_CONSULTATION_RATE = 2
    assert post_comment(client, live, "第一条意见：增加座椅。").status_code == 302
    r = post_comment(client, live, "第一条意见：增加座椅。")
    assert r.status_code == 400 and "您已提交过内容相同的意见" in r.content.decode()
    assert post_comment(client, live, "第二条意见：增加照明。").status_code == 302
    r = post_comment(client, live, "第三条意见：增加绿化。", name="韩梅梅")
    assert r.status_code == 429
    html = r.content.decode()
    assert "提交过于频繁" in html and "分钟后再提交" in html
    assert "第三条意见：增加绿化。</textarea>" in html and 'value="韩梅梅"' in html
    # Another address may still comment.
    assert (
        post_comment(client, live, "第三条意见：增加绿化。", ip="198.51.100.1").status_code == 302
    )


def test_bad_input_never_gives_a_server_error(client, live, people):
    cases = [
        {"body": "含有空字符\x00的意见内容"},
        {"body": "很长" * 60000},
        {"body": ["a", "b"], "name": ["x"] * 3},
        {},
        {"body": "正常的意见内容，足够长。", "name": "名" * 300, "phone": "电话" * 50},
        {"body": "<script>alert(1)</script>建议增加座椅。"},
    ]
    for data in cases:
        r = client.post(portal_url(live), data, REMOTE_ADDR="203.0.113.9")
        assert r.status_code in (302, 400), (data, r.status_code)
    # Control characters typed into a form are removed and the rest kept (one place for
    # every form: core.cleaning), so the first comment arrives without its NUL.
    assert Comment.objects.filter(body="含有空字符的意见内容").count() == 1
    x = Comment.objects.get(body__startswith="<script>")
    assert Comment.objects.count() == 2
    services.moderate(x, publish=True, actor=people["sfj_clerk"])
    assert "<script>alert" not in client.get(portal_url(live)).content.decode()
    assert client.get("/consultations/99999999/").status_code == 404
    assert client.get("/consultations/abc/").status_code == 404
    assert client.get(portal_url(live, page="abc")).status_code == 200
    assert client.get(reverse("consultation_public:list") + "?page=-3").status_code == 200
    # Posting to a consultation that has ended: refused, what was typed comes back.
    services.close(live, actor=people["sfj_clerk"], reason="测试提前结束")
    r = post_comment(client, live, "结束后才提交的意见。")
    assert r.status_code == 400
    html = r.content.decode()
    assert "不再接收意见" in html and "结束后才提交的意见。</textarea>" in html


def test_personal_data_never_appears_unmasked_on_any_portal_page(client, live, people):
    """ID numbers and phones typed into the body, the name and the phone field are shown
    masked on every portal page, before and after the summary is published."""
    id_body = make_id_number("110105", dt.date(1990, 3, 7), 123)
    id_name = make_id_number("440305", dt.date(1985, 12, 1), 58)
    mobile_body, landline_body = "13976158342", "0551-65432198"
    phone_field, landline_field = "15823479061", "010-87654321"
    clerk = people["sfj_clerk"]
    body = (
        f"我是附近居民，身份证号{id_body}，手机{mobile_body}，座机{landline_body}。"
        "建议公园延长夜间开放时间至22时。"
    )
    assert post_comment(client, live, body, name="欧阳娜娜", phone=phone_field).status_code == 302
    r = post_comment(
        client, live, "建议增加无障碍设施。", name=id_name, phone=landline_field, ip="198.51.100.2"
    )
    assert r.status_code == 302
    for x in Comment.objects.all():
        services.moderate(x, publish=True, actor=clerk)
    secrets = [id_body, id_name, mobile_body, phone_field, "65432198", "87654321", "欧阳娜娜"]
    # Fragments that would reveal a birth date or the middle of a number.
    secrets += [id_body[6:14], id_name[6:14], mobile_body[3:7], phone_field[3:7]]

    def portal_pages():
        urls = [
            "/",
            reverse("consultation_public:list"),
            portal_url(live),
            portal_url(live, page=1),
            # The public API gives the same, masked the same way.
            "/api/consultations/public",
            f"/api/consultations/public/{live.pk}",
        ]
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200, url
            if "/api/" in url:
                yield url, json.dumps(r.json(), ensure_ascii=False)
            else:
                yield url, r.content.decode()

    def check(stage):
        for url, html in portal_pages():
            for s in secrets:
                assert s not in html, (stage, url, s)

    check("published")
    api = client.get(f"/api/consultations/public/{live.pk}").json()
    assert all("name" not in c and "phone" not in c for c in api["comments"])
    assert f"110105********{id_body[-4:]}" in api["comments"][0]["body"]
    html = client.get(portal_url(live)).content.decode()
    # The name and phone fields are not published at all, not even masked.
    assert "欧阳**" not in html and "158****9061" not in html and "010-******21" not in html
    assert id_name[0] + "*" * 17 not in html
    assert f"110105********{id_body[-4:]}" in html and "139****8342" in html
    assert "0551-******98" in html
    first, second = Comment.objects.order_by("number")
    services.respond(
        first,
        response="partly",
        reason=f"已与来电人{mobile_body}沟通，开放时间延长至21时",
        actor=clerk,
    )
    services.respond(second, response="adopted", reason="", actor=clerk)
    services.close(live, actor=clerk, reason="测试提前结束")
    services.generate_summary(live, actor=clerk)
    services.publish_summary(live, actor=clerk)
    check("summarized")
    html = client.get(portal_url(live)).content.decode()
    assert "意见采纳情况" in html and "部分采纳" in html and "欧阳**" not in html
    # The hash chain, which can never be corrected, holds none of it either.
    for ev in Event.objects.all():
        text = f"{ev.summary}{ev.before}{ev.after}"
        for s in [id_body, id_name, phone_field, "欧阳娜娜"]:
            assert s not in text


# --- back office ------------------------------------------------------------------------


def test_other_units_clerk_cannot_read_or_moderate_by_page(client, live, people):
    x = services.submit_comment(live, body="建议增加公共卫生间。", client_address="203.0.113.1")
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        client.force_login(people[who])
        assert live.title not in client.get(reverse("consultation:list")).content.decode()
        assert client.get(office_url(live)).status_code == 404
        r = client.post(office_url(live), {"action": "publish", "comment": x.pk})
        assert r.status_code == 404
        r = client.post(office_url(live), {"action": "close", "close-reason": "越权"})
        assert r.status_code == 404
    x.refresh_from_db()
    live.refresh_from_db()
    assert x.moderation == "pending" and live.state == "open"
    # The scoped API lists it, with its pending comment, only for its own unit.
    client.force_login(people["scjg_clerk"])
    assert client.get("/api/consultations").json()["items"] == []
    client.force_login(people["sfj_clerk"])
    [mine] = client.get("/api/consultations").json()["items"]
    assert mine["id"] == live.pk and mine["counts"]["pending"] == 1
    # A leader reads but does not act; the coordinator does both.
    client.force_login(people["leader"])
    assert client.get(office_url(live)).status_code == 200
    assert client.post(office_url(live), {"action": "publish", "comment": x.pk}).status_code == 403
    client.force_login(people["coordinator"])
    assert client.post(office_url(live), {"action": "publish", "comment": x.pk}).status_code == 302
    # Anonymous: to the login page.
    client.logout()
    assert client.get(office_url(live)).status_code == 302


def test_whole_flow_through_the_office_pages(client, live, people):
    services.submit_comment(
        live, body="建议明确养犬人的义务。", name="王五", client_address="1.2.3.4"
    )
    services.submit_comment(live, body="出售健身器材，联系我。", client_address="1.2.3.5")
    first, spam = Comment.objects.order_by("number")
    client.force_login(people["sfj_clerk"])
    html = client.get(reverse("consultation:list")).content.decode()
    assert live.title in html and "待审核2条" in html
    html = client.get(office_url(live)).content.decode()
    assert "建议明确养犬人的义务。" in html and "王五" in html and "全过程记录" in html
    page = office_url(live)
    assert client.post(page, {"action": "publish", "comment": first.pk}).status_code == 302
    r = client.post(page, {"action": "reject", "comment": spam.pk, "reason": ""})
    assert r.status_code == 400 and "不予公开时须说明理由" in r.content.decode()
    r = client.post(page, {"action": "reject", "comment": spam.pk, "reason": "广告"})
    assert r.status_code == 302
    r = client.post(
        page,
        {"action": "respond", "comment": first.pk, f"r{first.pk}-response": "not_adopted"},
    )
    assert r.status_code == 400 and "意见1不采纳，须说明理由" in r.content.decode()
    assert 'value="not_adopted" selected' in r.content.decode()
    r = client.post(
        page,
        {
            "action": "respond",
            "comment": first.pk,
            f"r{first.pk}-response": "adopted",
            f"r{first.pk}-reason": "已在第十二条中增加",
        },
    )
    assert r.status_code == 302
    r = client.post(page, {"action": "generate"})
    assert r.status_code == 400 and "征求意见尚未结束" in r.content.decode()
    r = client.post(page, {"action": "close", "close-reason": ""})
    assert r.status_code == 400 and "期满前结束须说明理由" in r.content.decode()
    assert client.post(page, {"action": "close", "close-reason": "测试"}).status_code == 302
    assert client.post(page, {"action": "generate"}).status_code == 302
    live.refresh_from_db()
    assert "采纳1条" in live.summary
    text = live.summary + "\n特此说明。"
    assert client.post(page, {"action": "save_summary", "summary-text": text}).status_code == 302
    assert client.post(page, {"action": "publish_summary"}).status_code == 302
    live.refresh_from_db()
    assert live.state == "summarized" and live.summary.endswith("特此说明。")
    html = client.get(portal_url(live)).content.decode()
    assert "特此说明。" in html and "已在第十二条中增加" in html
    assert client.post(page, {"action": "nonsense"}).status_code == 404
    assert client.post(page, {"action": "publish", "comment": "abc"}).status_code == 404


def test_new_standalone_consultation_form(client, people, district):
    today = TODAY
    data = {
        "kind": "major_decision",
        "unit": district["sfj"].pk,
        "title": "示范区公共法律服务体系建设方案",
        "draft": DRAFT,
        "explanation": "",
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=20)).isoformat(),
        "urgent_reason": "",
    }
    client.force_login(people["sfj_clerk"])
    r = client.post(reverse("consultation:new"), data)
    assert (
        r.status_code == 400 and "重大行政决策公开征求意见的期限不得少于30日" in r.content.decode()
    )
    data["closes_on"] = (today + dt.timedelta(days=30)).isoformat()
    r = client.post(reverse("consultation:new"), data)
    assert r.status_code == 302
    c = Consultation.objects.get()
    assert c.state == "open" and c.subject_type == services.STANDALONE
    # Another unit cannot be chosen by a unit clerk.
    data["unit"] = district["scjg"].pk
    data["title"] = "另一单位的事项"
    assert client.post(reverse("consultation:new"), data).status_code == 400
    client.force_login(people["leader"])
    assert client.get(reverse("consultation:new")).status_code == 403


@pytest.mark.parametrize("who", ["sfj_clerk", "coordinator", "leader"])
def test_list_renders_for_each_persona(client, live, people, who):
    client.force_login(people[who])
    r = client.get(reverse("consultation:list") + "?state=open&page=x")
    assert r.status_code == 200 and live.title in r.content.decode()
