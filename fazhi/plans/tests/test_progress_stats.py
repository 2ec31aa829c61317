"""``plans.indicators.progress_stats`` (it feeds the assessment's progress items), on a
fixture counted by hand, and the assessment scores it leads to through the real registry.

A plan for 2024–2025 with two tasks: task 1 led by 市场监管局 (D23) with 司法局 (D08)
taking part, task 2 司法局's alone; 城关街道 has none. Periods: 2024年下半年 (due
2025-01-10), 2025年上半年 (due 2025-07-10), 2025年下半年 (due 2026-01-10). "Today" is
frozen at 2026-01-15.

Reports for 2025, by hand:

| unit | task | period | reported   | on time | state     |
|------|------|--------|------------|---------|-----------|
| D08  | 1    | 上半年 | 2025-07-08 | yes     | accepted  |
| D08  | 2    | 上半年 | 2025-07-20 | no      | accepted  |
| D08  | 1    | 下半年 | 2026-01-10 | yes (the due date itself) | submitted |
| D08  | 2    | 下半年 | —          |         |           |
| D23  | 1    | 上半年 | 2025-07-11 | no      | accepted  |
| D23  | 1    | 下半年 | —          |         |           |

D08: expected 2 tasks × 2 periods = 4, on time 2, accepted 2. D23: expected 2, on time 0,
accepted 1. 2024's report (D08 task 1, on time, accepted) is not counted in 2025."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.indicators import registry
from fazhi.indicators import services as indicators
from fazhi.indicators.models import AssessmentItem, AssessmentScheme
from fazhi.plans import services
from fazhi.plans.indicators import progress_stats
from fazhi.plans.models import Period, Plan, Section

pytestmark = pytest.mark.today(2025, 11, 10)

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def reports(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区法治政府建设实施方案（2024—2025年）",
        kind=Plan.Kind.IMPLEMENTATION,
        start_year=2024,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    t1 = services.create_task(
        plan, section=section, title="深化包容审慎监管", body="", unit_codes=["D23", "D08"],
        actor=coord,
    )  # fmt: skip
    t2 = services.create_task(
        plan, section=section, title="推行行政执法三项制度", body="", unit_codes=["D08"],
        actor=coord,
    )  # fmt: skip
    periods = {}
    for name, year, start, end, due in [
        ("2024年下半年", 2024, (2024, 7, 1), (2024, 12, 31), (2025, 1, 10)),
        ("2025年上半年", 2025, (2025, 1, 1), (2025, 6, 30), (2025, 7, 10)),
        ("2025年下半年", 2025, (2025, 7, 1), (2025, 12, 31), (2026, 1, 10)),
    ]:
        periods[name] = services.open_period(
            plan, name=name, year=year, start=dt.date(*start), end=dt.date(*end),
            report_due=dt.date(*due), actor=coord,
        )  # fmt: skip

    def report(task, code, period, on, accept):
        who = {"D08": "sfj_clerk", "D23": "scjg_clerk"}[code]
        p = services.submit_progress(
            task.assignments.get(unit__code=code),
            periods[period],
            text="已按计划推进。",
            status="on_track",
            actor=people[who],
            on=on,
        )
        if accept:
            services.accept_progress(p, coord)
        return p

    report(t1, "D08", "2024年下半年", dt.date(2025, 1, 9), True)
    report(t1, "D08", "2025年上半年", dt.date(2025, 7, 8), True)
    late = report(t2, "D08", "2025年上半年", dt.date(2025, 7, 20), True)
    report(t1, "D08", "2025年下半年", dt.date(2026, 1, 10), False)
    report(t1, "D23", "2025年上半年", dt.date(2025, 7, 11), True)
    assert not late.on_time
    return district


def test_progress_stats_equal_the_hand_count(reports):
    sfj, scjg = reports["sfj"].pk, reports["scjg"].pk
    assert progress_stats(2025) == {sfj: (4, 2, 2), scjg: (2, 0, 1)}
    assert progress_stats(2024) == {sfj: (2, 1, 1), scjg: (1, 0, 0)}
    assert progress_stats(2026) == {}


def test_expected_reports_follow_each_tasks_own_plan(reports, people):
    """Expected reports are each task × the year's periods of that task's own plan: a second
    plan giving 市场监管局 one more task with one 2025 period adds exactly one."""
    coord = people["coordinator"]
    other = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=reports["gov"],
    )
    section = Section.objects.create(plan=other, number="一", title="健全依法决策机制", order=0)
    services.create_task(
        other, section=section, title="落实重大行政决策程序", body="", unit_codes=["D23"],
        actor=coord,
    )  # fmt: skip
    services.open_period(
        other, name="2025年全年", year=2025, start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31), report_due=dt.date(2026, 1, 10), actor=coord,
    )  # fmt: skip
    assert Period.objects.filter(year=2025).count() == 3
    sfj, scjg = reports["sfj"].pk, reports["scjg"].pk
    assert progress_stats(2025) == {sfj: (4, 2, 2), scjg: (3, 0, 1)}


def test_assessment_scores_from_the_real_progress_stats(reports, people):
    """Through the registry, no stub: 按期报送 20 points — D08 20 × 2/4 = 10, D23 20 × 0/2 =
    0, T01 has no tasks → 20; 审核通过 10 points — D08 10 × 2/4 = 5, D23 10 × 1/2 = 5."""
    assert progress_stats in registry.PROGRESS_STATS
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    on_time = AssessmentItem.objects.create(
        scheme=scheme, name="任务进展按期报送", points=Decimal(20), rule="progress_on_time"
    )
    accepted = AssessmentItem.objects.create(
        scheme=scheme, name="任务进展审核通过", points=Decimal(10), rule="progress_accepted"
    )
    indicators.compute_scores(scheme, people["coordinator"])

    def scores(item):
        return {s.unit.code: (s.computed, s.basis) for s in item.scores.select_related("unit")}

    assert scores(on_time) == {
        "D08": (Decimal("10.00"), "应报送4次，按期报送2次"),
        "D23": (Decimal("0.00"), "应报送2次，按期报送0次"),
        "T01": (Decimal("20.00"), "本年度无计划任务，不扣分"),
    }
    assert scores(accepted) == {
        "D08": (Decimal("5.00"), "应报送4次，审核通过2次"),
        "D23": (Decimal("5.00"), "应报送2次，审核通过1次"),
        "T01": (Decimal("10.00"), "本年度无计划任务，不扣分"),
    }
