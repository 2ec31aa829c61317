"""The annual report's scheduled duty, registered by the reports module: publication
before 1 April (厅字〔2019〕28号 第二十四条), reminded from FAZHI_REPORT_REMIND_DAYS before,
and once more if it is late."""

import datetime as dt

import pytest

from fazhi.core import jobs
from fazhi.core.models import Notification
from fazhi.reports import services

pytestmark = pytest.mark.today(2026, 4, 2)

D = dt.date


def run(day):
    jobs.run(day, only=["reports.publish"])


def titles(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_publication_reminders(district, people, settings):
    settings.FAZHI_REPORT_REMIND_DAYS = 30
    assert jobs.JOBS["reports.publish"].module == "reports"
    run(D(2026, 2, 28))
    assert not Notification.objects.exists()
    # From 1 March (30 days before 31 March): the district's report is the coordinators'.
    run(D(2026, 3, 1))
    run(D(2026, 3, 2))
    gov = "请于03月31日前公开2025年度法治政府建设年度报告：测试区人民政府"
    assert titles(people["coordinator"]) == [gov]
    assert "尚未生成" in Notification.objects.get(recipient=people["coordinator"]).body
    assert titles(people["scjg_clerk"]) == []
    # A unit that drafts a report of its own is reminded about it.
    own = services.generate(2025, district["scjg"], people["scjg_clerk"], today=D(2026, 3, 5))
    run(D(2026, 3, 5))
    scjg = "请于03月31日前公开2025年度法治政府建设年度报告：测试区市场监督管理局"
    assert titles(people["scjg_clerk"]) == [scjg]
    n = Notification.objects.get(recipient=people["scjg_clerk"])
    assert "草稿" in n.body and n.link == f"/office/reports/{own.pk}/"
    # The district publishes on time; the unit does not: only the unit hears again.
    report = services.generate(2025, district["gov"], people["coordinator"], today=D(2026, 3, 20))
    services.submit(report, people["coordinator"])
    services.publish(report, people["leader"], on=D(2026, 3, 26))
    run(D(2026, 4, 1))
    run(D(2026, 4, 2))
    assert titles(people["coordinator"]) == [gov]
    assert titles(people["scjg_clerk"]) == [
        "2025年度法治政府建设年度报告已逾期未公开：测试区市场监督管理局",
        scjg,
    ]
    # A month after the last day the duty falls silent.
    Notification.objects.all().delete()
    run(D(2026, 5, 2))
    assert not Notification.objects.exists()
