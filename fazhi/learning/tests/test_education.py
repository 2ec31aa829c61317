"""普法责任清单 and 普法 activities: items per unit and year, publication (a published item
changes only with a reason; an item added to a published list is published at once),
activities under an item of the same unit and year with reach ≥ 0, published one by one."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.learning.services import education as svc

pytestmark = pytest.mark.today(2025, 3, 10)


def item(district, people, unit="scjg", **kw):
    data = dict(
        unit=district[unit], year=2025, laws="《中华人民共和国食品安全法》", audience="enterprises",
        planned_activities="送法进企业、以案释法", planned_count=4, responsible="法规科",
        actor=people[f"{unit}_clerk"],
    )  # fmt: skip
    data.update(kw)
    return svc.add_duty(**data)


def activity(district, people, duty, **kw):
    data = dict(
        unit=district["scjg"], duty=duty, held_on=dt.date(2025, 3, 5), title="食品安全法进企业",
        form="enterprise", place="经济开发区", reach=120, materials=300, summary="讲解食品安全法",
        actor=people["scjg_clerk"],
    )  # fmt: skip
    data.update(kw)
    return svc.record_activity(**data)


def test_publish_the_list(district, people):
    a, b = item(district, people), item(district, people, laws="《中华人民共和国广告法》")
    other_year = item(district, people, year=2026)
    assert svc.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 9),
                            actor=people["scjg_clerk"]) == 2  # fmt: skip
    for d in (a, b, other_year):
        d.refresh_from_db()
    assert a.published_on == b.published_on == dt.date(2025, 3, 9)
    assert other_year.published_on is None
    assert Event.objects.filter(action="learning_duty_list_published").count() == 2
    with refused(ValidationError, "本单位2025年度普法责任清单已公布", a):
        svc.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 10),
                         actor=people["scjg_clerk"])  # fmt: skip


def test_an_empty_list_is_not_published(district, people):
    with refused(ValidationError, "本单位2025年度普法责任清单尚无事项，不能公布"):
        svc.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 9),
                         actor=people["scjg_clerk"])  # fmt: skip


def test_an_item_added_to_a_published_list_is_published_at_once(district, people):
    item(district, people)
    svc.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 1),
                     actor=people["scjg_clerk"])  # fmt: skip
    late = item(district, people, laws="《中华人民共和国产品质量法》")
    assert late.published_on == dt.date(2025, 3, 10)
    # Another unit's list is its own.
    assert item(district, people, unit="sfj").published_on is None


def test_a_published_item_changes_only_with_a_reason(district, people):
    d = item(district, people)
    svc.publish_list(unit=district["scjg"], year=2025, on=dt.date(2025, 3, 1),
                     actor=people["scjg_clerk"])  # fmt: skip
    d.refresh_from_db()
    change = dict(laws=d.laws, audience="public", planned_activities="集中宣传", planned_count=2,
                  actor=people["scjg_clerk"])  # fmt: skip
    with refused(ValidationError, "该事项已向社会公布，修改须填写调整原因", d):
        svc.edit_duty(d, **change)
    svc.edit_duty(d, reason="根据区普法办通知调整对象", **change)
    ev = Event.objects.filter(action="learning_duty_item_edited").get()
    assert ev.after["reason"] == "根据区普法办通知调整对象"


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"audience": "aliens"}, "请选择普法对象"),
        ({"laws": " "}, "请填写普法内容（法律法规）"),
        ({"planned_count": 0}, "计划活动次数不能少于1"),
        ({"year": 2027}, "清单年度应在2004年至2026年之间"),
        ({"year": "x"}, "请填写清单年度"),
    ],
)
def test_item_refusals(district, people, kw, message):
    with refused(ValidationError, message):
        item(district, people, **kw)


def test_only_the_units_clerks_keep_its_list(district, people):
    with refused(PermissionDenied, "只能办理本单位的普法工作"):
        item(district, people, actor=people["sfj_clerk"])


def test_activity_under_an_item_of_the_same_unit_and_year(district, people):
    d = item(district, people)
    act = activity(district, people, d)
    assert act.duty == d and act.reach == 120
    other = item(district, people, unit="sfj", laws="《中华人民共和国宪法》")
    with refused(ValidationError, "请选择本单位2025年度普法责任清单中的事项"):
        activity(district, people, other)
    next_year = item(district, people, year=2026)
    with refused(ValidationError, "请选择本单位2025年度普法责任清单中的事项"):
        activity(district, people, next_year)


def test_reach_is_not_negative(district, people):
    d = item(district, people)
    with refused(ValidationError, "受众人数不能少于0"):
        activity(district, people, d, reach=-5)
    assert activity(district, people, d, reach=0).reach == 0


def test_activity_date_has_happened(district, people):
    with refused(ValidationError, "活动日期不能晚于今天（2025-03-10），不能预先登记"):
        activity(district, people, None, held_on=dt.date(2025, 3, 11))


def test_publish_an_activity(district, people):
    act = activity(district, people, item(district, people))
    with refused(ValidationError, "公开日期不能早于活动日期", act):
        svc.publish_activity(act, on=dt.date(2025, 3, 4), actor=people["scjg_clerk"])
    with refused(PermissionDenied, "只能办理本单位的普法工作", act):
        svc.publish_activity(act, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    svc.publish_activity(act, on=dt.date(2025, 3, 6), actor=people["scjg_clerk"])
    act.refresh_from_db()
    assert act.published_on == dt.date(2025, 3, 6)
    with refused(ValidationError, "该活动已于2025-03-06公开", act):
        svc.publish_activity(act, on=dt.date(2025, 3, 7), actor=people["scjg_clerk"])
