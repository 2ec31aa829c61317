"""The portal home's latest publications: every module's feed merged, newest first."""

import datetime as dt

from fazhi.core import registry
from fazhi.core.registry import Publication


def test_feeds_are_merged_newest_first_and_cut(monkeypatch):
    d = dt.date

    def reports(limit):
        return [Publication("年度报告", "2025年度报告", d(2026, 3, 26), "/reports/1/")]

    def documents(limit):
        rows = [
            Publication("规范性文件", f"文件{n}", d(2026, 4, n), f"/documents/{n}/")
            for n in range(1, 6)
        ]
        return rows[::-1][:limit]

    monkeypatch.setattr(registry, "LATEST", [])
    registry.register_latest(reports)
    registry.register_latest(documents)
    registry.register_latest(documents)  # registered once
    rows = registry.latest_publications(4)
    assert [p.title for p in rows] == ["文件5", "文件4", "文件3", "文件2"]
    rows = registry.latest_publications(10)
    assert len(rows) == 6 and rows[-1].kind == "年度报告"
