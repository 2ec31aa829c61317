"""Annual reports on the 工作台 (core/waiting.py): one submitted for approval waits for
those who may approve it; one sent back waits for the drafting side."""

import datetime as dt

from fazhi.core import waiting
from fazhi.reports.models import AnnualReport


def report(district, **kw):
    return AnnualReport.objects.create(
        year=2025,
        unit=district["gov"],
        doc={"title": "测试区2025年法治政府建设年度报告", "preamble": [], "sections": []},
        **kw,
    )


def test_report_awaiting_approval(district, people):
    r = report(district, state=AnnualReport.State.REVIEW)
    [item] = waiting.PROVIDERS["reports.approve"].items(people["leader"])
    assert (item.title, item.unit, item.state) == (r.title, "测试区人民政府", "待审核")
    assert item.due == dt.date(2026, 3, 31) and item.link == f"/office/reports/{r.pk}/"
    assert waiting.counts(people["coordinator"])["reports.approve"] == 1
    # 市场监管局's reviewer approves its own unit's reports, not the district's.
    for other in ("scjg_reviewer", "sfj_clerk", "legal", "town_clerk"):
        assert waiting.counts(people[other])["reports.approve"] == 0


def test_report_sent_back(district, people):
    report(district, state=AnnualReport.State.DRAFT, review_note="请补充第三部分的数据来源")
    [item] = waiting.PROVIDERS["reports.returned"].items(people["coordinator"])
    assert item.note == "请补充第三部分的数据来源"
    for other in ("leader", "sfj_clerk", "scjg_clerk", "scjg_reviewer"):
        assert waiting.counts(people[other])["reports.returned"] == 0
