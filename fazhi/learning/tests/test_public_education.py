"""普法 on the portal: a unit's published 普法责任清单 and its published activities; nothing
unpublished shows, and no phone or ID number typed into an activity goes out unmasked."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.registry import PUBLIC, latest_publications
from fazhi.learning.services import education

pytestmark = pytest.mark.today(2025, 6, 30)

PHONE, ID = "13800138000", "110105199003071239"


@pytest.fixture
def published(district, people):
    clerk = people["scjg_clerk"]
    shown = education.add_duty(
        unit=district["scjg"], year=2025, laws="《中华人民共和国食品安全法》",
        audience="enterprises", planned_activities="送法进企业", planned_count=2,
        responsible="法规科", actor=clerk,
    )  # fmt: skip
    education.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 1), actor=clerk)
    hidden_duty = education.add_duty(
        unit=district["sfj"], year=2025, laws="《未公布的清单事项法》", audience="public",
        planned_activities="集中宣传", actor=people["sfj_clerk"],
    )  # fmt: skip
    act = education.record_activity(
        unit=district["scjg"], duty=shown, held_on=dt.date(2025, 6, 1), title="食品安全进企业",
        form="enterprise", reach=150,
        summary=f"讲解食品安全法，咨询电话{PHONE}，登记证件{ID}。", actor=clerk,
    )  # fmt: skip
    education.publish_activity(act, on=dt.date(2025, 6, 2), actor=clerk)
    draft = education.record_activity(
        unit=district["scjg"], duty=shown, held_on=dt.date(2025, 6, 10), title="尚未公开的活动",
        form="street", reach=30, actor=clerk,
    )  # fmt: skip
    return {"duty": shown, "hidden_duty": hidden_duty, "act": act, "draft": draft}


def test_the_section_and_feed_are_registered(published):
    assert any(s.url_name == "learning_public:education" for s in PUBLIC)
    kinds = [(p.kind, p.title) for p in latest_publications(50)]
    assert ("普法活动", "食品安全进企业") in kinds
    assert all(t != "尚未公开的活动" for _, t in kinds)


def test_the_portal_shows_only_what_is_published(published, district):
    c = Client()
    home = c.get(reverse("learning_public:education"), {"year": "2025"}).content.decode()
    assert "测试区市场监督管理局" in home and "食品安全进企业" in home
    assert "测试区司法局" not in home and "尚未公开的活动" not in home
    page = c.get(reverse("learning_public:education_unit", args=[district["scjg"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "食品安全法" in html and "法规科" in html and "食品安全进企业" in html
    assert "尚未公开的活动" not in html
    assert c.get(reverse("learning_public:education_unit",
                         args=[district["sfj"].pk])).status_code == 404  # fmt: skip
    assert c.get(reverse("learning_public:education_activity",
                         args=[published["draft"].pk])).status_code == 404  # fmt: skip


def test_no_unmasked_personal_data(published):
    c = Client()
    for url in (reverse("learning_public:education"),
                reverse("learning_public:education_activity", args=[published["act"].pk])):  # fmt: skip
        html = c.get(url).content.decode()
        assert PHONE not in html and ID not in html
    html = c.get(reverse("learning_public:education_activity", args=[published["act"].pk]))
    assert "138****8000" in html.content.decode()


def test_garbage_never_gives_a_500(published):
    c = Client()
    for g in ["'", "9" * 30, "-1", "<b>", "２０２５"]:
        for name in ("learning_public:education",):
            assert c.get(reverse(name), {"year": g, "page": g}).status_code == 200
    assert c.get("/learning/education/units/99999999999/").status_code == 404
    assert c.get("/learning/education/activities/99999999999/").status_code == 404
