"""Progress reports reach their reviewer (issue 12, point 2): the 工作台 lists what waits
for each person by role, the header counts it, and the reviewer accepts several at once.

Fixture: task 1 led by 市场监管局 (D23) with 司法局 (D08) and 城关街道 (T01) taking part;
task 2 led by 司法局 with 市场监管局 taking part; one period due 2025-07-10.
"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from fazhi.core import waiting
from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze
from fazhi.plans import services
from fazhi.plans.models import Progress
from fazhi.plans.review import accept_many
from fazhi.plans.tests.helpers import annual_plan


@pytest.fixture
def reports(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 7, 15))
    coord = people["coordinator"]
    plan, section = annual_plan(district)
    t1 = services.create_task(
        plan,
        section=section,
        title="深化包容审慎监管",
        body="",
        unit_codes=["D23", "D08", "T01"],
        actor=coord,
    )
    t2 = services.create_task(
        plan,
        section=section,
        title="推进公共法律服务",
        body="",
        unit_codes=["D08", "D23"],
        actor=coord,
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    a1 = {x.unit.code: x for x in t1.assignments.select_related("unit")}
    a2 = {x.unit.code: x for x in t2.assignments.select_related("unit")}

    def submit(a, who, on):
        return services.submit_progress(
            a, period, text="按计划推进。", status="on_track", actor=people[who], on=on
        )

    return {
        "t1_sfj": submit(a1["D08"], "sfj_clerk", dt.date(2025, 7, 8)),
        "t1_town": submit(a1["T01"], "town_clerk", dt.date(2025, 7, 14)),  # late
        "t1_scjg": submit(a1["D23"], "scjg_clerk", dt.date(2025, 7, 9)),
        "t2_scjg": submit(a2["D23"], "scjg_clerk", dt.date(2025, 7, 9)),
        "t2_sfj": submit(a2["D08"], "sfj_clerk", dt.date(2025, 7, 9)),
    }


def titles(user, code):
    return sorted((i.title, i.unit) for i in waiting.PROVIDERS[code].items(user))


def test_each_person_sees_what_waits_for_them(reports, people, district):
    coord, reviewer = people["coordinator"], people["scjg_reviewer"]
    # The coordinator reviews every submitted report; 市场监管局's reviewer those on the
    # task their unit leads (task 1), whoever reported them; clerks review nothing.
    assert waiting.counts(coord)["plans.review"] == 5
    assert {u for _, u in titles(reviewer, "plans.review")} == {
        "区司法局",
        "城关街道",
        "区市场监管局",
    }
    assert all(t.startswith("任务1 ") for t, _ in titles(reviewer, "plans.review"))
    for clerk in ("sfj_clerk", "scjg_clerk", "town_clerk", "legal", "leader"):
        assert waiting.counts(people[clerk])["plans.review"] == 0
    late = next(
        i for i in waiting.PROVIDERS["plans.review"].items(reviewer) if i.unit == "城关街道"
    )
    assert late.state == "逾期报送，待审核" and late.kind == "待审核的任务进展"
    assert late.link == f"/office/plans/tasks/{reports['t1_town'].assignment.task_id}/"


def test_sent_back_reaches_the_unit_only(reports, people):
    services.return_progress(
        reports["t1_sfj"], reason="请补充佐证材料", actor=people["scjg_reviewer"]
    )
    items = waiting.PROVIDERS["plans.returned"].items(people["sfj_clerk"])
    assert [(i.unit, i.state, i.note) for i in items] == [
        ("区司法局", "已退回，待重新报送", "请补充佐证材料")
    ]
    # Due five working days after the return (FAZHI_PLAN_RESUBMIT_DAYS) on Tuesday 15 July.
    assert items[0].due == dt.date(2025, 7, 22)
    # A clerk never sees another unit's item; the reviewer who returned it has it off the list.
    for other in ("scjg_clerk", "town_clerk", "scjg_reviewer", "coordinator"):
        assert waiting.counts(people[other])["plans.returned"] == 0
    assert waiting.counts(people["scjg_reviewer"])["plans.review"] == 2


def test_counts_equal_hand_counts(reports, people, login):
    hand = Progress.objects.filter(state=Progress.State.SUBMITTED)
    coord = people["coordinator"]
    assert waiting.total(coord) == hand.count() == 5
    reviewer = people["scjg_reviewer"]
    assert waiting.total(reviewer) == hand.filter(assignment__task__lead_unit__code="D23").count()
    # The header shows the count on every office page; the 工作台 lists the items.
    html = login(reviewer).get("/office/").content.decode()
    assert 'id="fz-waiting-count">3<' in html
    assert "待审核的任务进展" in html and "深化包容审慎监管" in html
    assert (
        'id="fz-waiting-count"' not in login(people["town_clerk"]).get("/office/").content.decode()
    )


def test_count_is_one_query_per_provider(reports, people, django_assert_max_num_queries):
    coord = people["coordinator"]
    assert coord.role_codes  # roles are read once per request anyway
    with django_assert_max_num_queries(len(waiting.PROVIDERS)):
        waiting.counts(coord)
    # A count and one query for the rows, whatever the number of rows (5 here).
    with django_assert_max_num_queries(len(waiting.PROVIDERS) * 2):
        assert waiting.sections(coord)[0][1] == 5


def test_batch_accept_goes_through_the_service(reports, people):
    reviewer = people["scjg_reviewer"]
    before = Event.objects.filter(action="progress_accept").count()
    ids = [reports["t1_sfj"].pk, reports["t1_town"].pk]
    out = accept_many(ids, reviewer)
    assert sorted(p.pk for p in out.accepted) == sorted(ids) and out.refused == []
    assert Event.objects.filter(action="progress_accept").count() == before + 2
    assert set(Progress.objects.filter(pk__in=ids).values_list("state", flat=True)) == {"accepted"}


def test_batch_refusal_is_named_and_the_others_proceed(reports, people):
    reviewer = people["scjg_reviewer"]
    # Task 2 is led by 司法局: 市场监管局's reviewer may read its own unit's report on it but
    # not accept it; another report was accepted by the coordinator meanwhile.
    services.accept_progress(reports["t1_scjg"], people["coordinator"])
    ids = [reports["t1_sfj"].pk, reports["t2_scjg"].pk, reports["t1_scjg"].pk]
    out = accept_many(ids, reviewer)
    assert [p.pk for p in out.accepted] == [reports["t1_sfj"].pk]
    names = dict(out.refused)
    assert set(names) == {
        "任务2“推进公共法律服务”（区市场监管局，2025年上半年）",
        "任务1“深化包容审慎监管”（区市场监管局，2025年上半年）",
    }
    assert "牵头单位审核人" in names["任务2“推进公共法律服务”（区市场监管局，2025年上半年）"]
    assert "只能审核已报送的进展" in names["任务1“深化包容审慎监管”（区市场监管局，2025年上半年）"]
    reports["t2_scjg"].refresh_from_db()
    assert reports["t2_scjg"].state == Progress.State.SUBMITTED


def test_batch_page_filters_and_reports_refusals(reports, people, login):
    client = login(people["scjg_reviewer"])
    page = client.get("/office/plans/review/").content.decode()
    assert page.count('name="progress"') == 3
    late = client.get("/office/plans/review/?show=late").content.decode()
    assert late.count('name="progress"') == 1 and "城关街道" in late
    posted = [reports["t1_town"].pk, reports["t2_scjg"].pk, "abc"]
    resp = client.post("/office/plans/review/?show=late", {"progress": posted})
    assert resp.status_code == 302 and resp.url == "/office/plans/review/?show=late"
    shown = client.get(resp.url).content.decode()  # the messages, on the page they lead to
    assert "已审核通过1项进展" in shown
    assert "未能审核通过：任务2“推进公共法律服务”（区市场监管局，2025年上半年）" in shown
    # Nothing ticked: a clear message, nothing changes.
    resp = client.post("/office/plans/review/", {})
    assert [str(m) for m in get_messages(resp.wsgi_request)] == ["请先勾选要审核通过的进展"]
    assert Progress.objects.filter(state="submitted").count() == 4


def test_batch_page_is_for_reviewers(reports, people, login):
    page = login(people["sfj_clerk"]).get("/office/plans/review/")
    assert page.status_code == 403
    assert "只有统筹协调人员和审核人可以审核任务进展" in page.content.decode()
    # A reviewer cannot accept what is not in their scope by posting its id either.
    client = login(people["scjg_reviewer"])
    client.post("/office/plans/review/", {"progress": [reports["t2_sfj"].pk]})
    reports["t2_sfj"].refresh_from_db()
    assert reports["t2_sfj"].state == Progress.State.SUBMITTED
