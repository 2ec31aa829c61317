"""What the report services keep, pinned where a mutation run (mutation/README.md) found
nothing checking it:

- the publication's entry in the full-process record says whether the report went out late
  (published before 1 April of the next year: 法治政府建设与责任落实督察工作规定 第24条,
  ``FAZHI_REPORT_PUBLISH_BY``): 31 March is on time, 1 April is late;
- an edited paragraph's figure tokens each bring back their own figure.

A small district (conftest personas); 2025 reports of 司法局 and 市场监管局, generated on
2026-02-10 and published by the leader."""

import datetime as dt

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze
from fazhi.reports import services

TODAY = dt.date(2026, 2, 10)


def _published(unit, people, on):
    report = services.generate(2025, unit, people["coordinator"], today=TODAY)
    services.submit(report, people["coordinator"])
    services.publish(report, people["leader"], on=on)
    return Event.objects.get(
        action="report_publish", record_type="reports.annualreport", record_id=str(report.pk)
    )


def test_published_on_31_march_is_on_time_and_on_1_april_late(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    on_time = _published(district["sfj"], people, dt.date(2026, 3, 31))
    late = _published(district["scjg"], people, dt.date(2026, 4, 1))

    assert on_time.summary == "审核通过并于2026-03-31向社会公开"
    assert late.summary == "审核通过并于2026-04-01向社会公开（已超过公开期限）"


def test_each_figure_token_brings_back_its_own_figure():
    """An editor may reorder a paragraph: 〔数2〕 is still the second figure of the
    paragraph (its record, its number), whatever the text around it says."""
    received = {"text": "44件", "figure": "reconsideration.received"}
    closed = {"text": "40件", "figure": "reconsideration.closed"}
    para = [{"text": "受理"}, received, {"text": "，办结"}, closed, {"text": "。"}]
    text, figures = services.to_editable(para)
    assert text == "受理44件〔数1〕，办结40件〔数2〕。"

    segs = services.from_editable("本年度办结40件〔数2〕，受理44件〔数1〕。", figures)

    assert segs == [{"text": "本年度办结"}, closed, {"text": "，受理"}, received, {"text": "。"}]
