"""No dead ends (D21): a clerk follows every /office/ link of the navigation and the
deadline board, and of the pages those lead to, and never lands on 403 or 404.

Links to district-wide pages (the assessment, a reporting round with every unit's
submission, a figure owned by another unit, a report's sources) are shown only to those
whom the page behind them serves; templates ask the access rule, not a role name.
"""

import datetime as dt
import io
import re
import shutil
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from fazhi.core import services as core
from fazhi.core.models import User
from fazhi.indicators import services as indicators
from fazhi.indicators.models import AssessmentScheme, Indicator, IndicatorValue, Submission
from fazhi.plans import services as plans
from fazhi.plans.models import Plan, Section
from fazhi.reports import services as reports
from fazhi.testing import seed_path

pytestmark = pytest.mark.today(2025, 11, 10)

HREF = re.compile(r'href="([^"]+)"')
SKIP = ("/office/logout/",)


@pytest.fixture
def g00_clerk(district):
    """A clerk of the government unit itself (区政府办's staff in the demo: g00_clerk)."""
    return core.save_user(
        User(username="g00_clerk", full_name="g00_clerk", unit=district["gov"]),
        ["clerk"],
        None,
        password="Test#pass-2025",
    )


@pytest.fixture
def office(district, people, tmp_path, as_reported):
    """A little of everything a clerk meets: plan tasks and their report deadlines, a
    reporting round, district figures (one reported by 市场监管局), a rectification, peer
    reports to benchmark against, an assessment and the district's annual report."""
    as_reported("learning.study_sessions", "learning.trainings")  # typed in, as before
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2024年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2024,
        end_year=2024,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    for title, codes in [
        ("深化包容审慎监管", ["D23", "D08", "T01"]),
        ("规范重大行政决策程序", ["D08"]),
        ("推进综合执法", ["D23"]),
        ("政府办牵头的任务", ["G00", "D08"]),
    ]:
        plans.create_task(
            plan, section=section, title=title, body="", unit_codes=codes, actor=coord
        )
    plans.open_period(
        plan,
        name="2024年全年",
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
        report_due=dt.date(2025, 1, 10),
        actor=coord,
    )
    study = Indicator.objects.get(code="learning.study_sessions")
    study.reporting_unit = district["sfj"]
    study.save()
    cases = Indicator.objects.get(code="learning.trainings")
    cases.reporting_unit = district["scjg"]
    cases.save()
    rnd = indicators.open_round(
        year=2024,
        name="2024年度指标填报",
        due=dt.date(2025, 1, 20),
        codes=[study.code, cases.code],
        actor=coord,
    )
    sub = Submission.objects.get(round=rnd, unit=district["scjg"])
    Submission.objects.filter(pk=sub.pk).update(state=Submission.State.ACCEPTED)
    now = dt.datetime(2025, 1, 25, tzinfo=dt.UTC)
    for ind, value, submission in [(study, 15, None), (cases, 320, sub)]:
        IndicatorValue.objects.create(
            indicator=ind,
            unit=district["gov"],
            year=2024,
            value=Decimal(value),
            source="reported",
            submission=submission,
            updated_at=now,
        )
    indicators.create_finding(
        unit=district["sfj"],
        source="visit",
        title="行政执法公示不及时",
        finding="部分执法决定未在7个工作日内公示",
        found_on=dt.date(2025, 3, 1),
        rectify_by=dt.date(2025, 6, 30),
        actor=coord,
    )
    shutil.copy(seed_path("003"), tmp_path / "luojiang.txt")
    call_command("import_peer_reports", str(tmp_path), stdout=io.StringIO())
    AssessmentScheme.objects.create(year=2024, name="2024年度法治政府建设考核")
    reports.generate(2024, district["gov"], coord, today=dt.date(2025, 2, 20))
    return plan


def crawl(client, depth: int = 3) -> dict[str, int]:
    """Every /office/ page reachable from the board within ``depth`` clicks: url → status."""
    seen: dict[str, int] = {}
    frontier = ["/office/"]
    for _ in range(depth + 1):
        found = []
        for url in frontier:
            if url in seen:
                continue
            resp = client.get(url)
            seen[url] = resp.status_code
            if resp.status_code != 200 or "text/html" not in resp.get("Content-Type", ""):
                continue
            for href in HREF.findall(resp.content.decode()):
                target = urljoin(url, href.replace("&amp;", "&")).split("#")[0]
                if urlsplit(target).netloc or not target.startswith("/office/"):
                    continue
                if target not in seen and not target.startswith(SKIP):
                    found.append(target)
        frontier = found
    return seen


def nav_links(client) -> list[str]:
    body = client.get("/office/").content.decode()
    nav = body[body.index('id="fz-nav"') : body.index("</nav>")]
    return HREF.findall(nav)


@pytest.mark.parametrize("who", ["sfj_clerk", "scjg_reviewer", "town_clerk", "g00_clerk"])
def test_clerk_meets_no_403_or_404(office, people, g00_clerk, login, who):
    user = g00_clerk if who == "g00_clerk" else people[who]
    seen = crawl(login(user))
    dead = {url: status for url, status in seen.items() if status in (403, 404)}
    assert dead == {}
    # The crawl did reach the pages that used to lead astray.
    assert "/office/indicators/rounds/" in seen and "/office/reports/benchmark/" in seen
    assert any(u.startswith("/office/plans/tasks/") for u in seen)


def test_clerk_nav_has_no_assessment_but_coordinator_does(office, people, login):
    assert "/office/indicators/assessments/" not in nav_links(login(people["sfj_clerk"]))
    assert "/office/indicators/assessments/" in nav_links(login(people["leader"]))
    assert "/office/indicators/assessments/" in nav_links(login(people["coordinator"]))


def test_rounds_and_figures_linked_for_coordinator_only(office, people, login):
    round_link = re.compile(r'href="/office/indicators/rounds/\d+/"')
    value_link = re.compile(r'href="/office/indicators/values/\d+/"')
    clerk = login(people["sfj_clerk"])
    assert not round_link.search(clerk.get("/office/indicators/rounds/").content.decode())
    assert not value_link.search(
        clerk.get("/office/indicators/values/", {"year": 2024}).content.decode()
    )
    assert not value_link.search(
        clerk.get("/office/reports/benchmark/", {"year": 2024}).content.decode()
    )
    # 市场监管局 reported the trainings figure: its staff open that one.
    body = login(people["scjg_clerk"]).get("/office/reports/benchmark/", {"year": 2024})
    assert len(value_link.findall(body.content.decode())) == 1
    coord = login(people["coordinator"])
    assert round_link.search(coord.get("/office/indicators/rounds/").content.decode())
    assert value_link.search(
        coord.get("/office/indicators/values/", {"year": 2024}).content.decode()
    )
    assert value_link.search(
        coord.get("/office/reports/benchmark/", {"year": 2024}).content.decode()
    )


def test_report_links_only_sources_the_reader_may_open(office, people, g00_clerk, login):
    from fazhi.reports.models import AnnualReport

    report = AnnualReport.objects.get(year=2024, unit__code="G00")
    clerk_body = login(g00_clerk).get(f"/office/reports/{report.pk}/").content.decode()
    coord_body = login(people["coordinator"]).get(f"/office/reports/{report.pk}/").content.decode()
    assessment = "/office/indicators/assessments/"
    assert assessment in coord_body and assessment not in clerk_body
    # The figures are still there for the clerk, as text.
    assert clerk_body.count('class="fz-figure"') == coord_body.count('class="fz-figure"')


def test_deadline_links_its_record_only_for_its_readers(office, district, people, login):
    from fazhi.plans.models import Task

    task = Task.objects.get(title="推进综合执法")  # 市场监管局's task only
    d = core.start_deadline(
        record=task,
        clock="plans.progress_report",
        start=dt.date(2025, 7, 10),
        unit=district["sfj"],
        title="一个指向他单位记录的期限",
        url=f"/office/plans/tasks/{task.pk}/",
    )
    link = f'href="/office/plans/tasks/{task.pk}/"'
    assert link not in login(people["sfj_clerk"]).get(f"/office/deadlines/{d.pk}/").content.decode()
    assert link in login(people["coordinator"]).get(f"/office/deadlines/{d.pk}/").content.decode()
