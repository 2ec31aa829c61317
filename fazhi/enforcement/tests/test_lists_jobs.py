"""The daily job starts each year's training clocks (idempotent); the API lists agencies,
powers and officers; the office menu has the 行政执法 entries."""

import datetime as dt

import pytest

from fazhi.core import jobs
from fazhi.core.models import Deadline
from fazhi.core.registry import NAV

pytestmark = pytest.mark.today(2025, 11, 10)


def test_daily_job_starts_this_years_training_clocks_once(enf):
    assert "enforcement.training_deadlines" in jobs.JOBS
    [run] = jobs.run(dt.date(2026, 1, 2), only=["enforcement.training_deadlines"])
    assert run.status == "ok" and run.counts["started"] == 6  # the 在岗 officers
    due = Deadline.objects.filter(clock="enforcement.training", start_date=dt.date(2026, 12, 31))
    assert due.count() == 6
    assert not due.filter(record_id=str(enf["suspended"].pk)).exists()
    [again] = jobs.run(dt.date(2026, 1, 3), only=["enforcement.training_deadlines"])
    assert again.counts["started"] == 0 and due.count() == 6


def test_nav_entries():
    items = {i.url_name: i.group for i in NAV}
    assert items["enforcement:agencies"] == "行政执法"
    assert items["enforcement:officers"] == "行政执法"


def test_api_reads_in_scope(enf, people, login):
    c = login(people["scjg_clerk"])
    agencies = c.get("/api/enforcement/agencies").json()["items"]
    assert [a["name"] for a in agencies] == ["测试区市场监督管理局"]
    one = c.get(f"/api/enforcement/agencies/{enf['scjg'].pk}").json()
    assert one["unit_code"] == "D23" and "六十日内" in one["remedies"]
    powers = c.get(f"/api/enforcement/agencies/{enf['scjg'].pk}/powers", {"kind": "license"})
    assert [p["code"] for p in powers.json()["items"]] == ["XK001"]
    r = c.get("/api/enforcement/officers", {"expiring_by": "2025-12-31"})
    assert [o["name"] for o in r.json()["items"]] == ["孙过期"]
    assert c.get("/api/enforcement/officers", {"expiring_by": "x"}).status_code == 422
    assert c.get("/api/enforcement/officers/999999").status_code == 404
