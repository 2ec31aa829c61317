"""The demo district's 2025 annual report: generated from the records, submitted,
approved by the leader and published on the portal before 1 April 2026 (when the demo is
built before that day, it waits for approval); and 区市场监管局's own 2025 report, submitted
and waiting for approval, so the approvers' queue is never empty."""

import datetime as dt
import hashlib
from pathlib import Path

import fazhi
from fazhi.core.registry import register_demo

from . import services
from .extract import extract_file
from .peers import store

# Our own report-style texts of fictional places (the extractor's test texts) serve as
# the demo's peers; they are read only when the repository is at hand.
PEER_TEXTS = Path(fazhi.__file__).resolve().parent.parent / "tests" / "extract_texts"
PEER_FILES = [
    "t01_yunxi_county_annual.txt",
    "t07_fenglin_pdf_wrapped.txt",
    "t08_shiqiao_sfj_annual.txt",
    "t11_pinghu_zrj_fullwidth.txt",
    # 政府信息公开工作年度报告 with the national template's tables: a county government's, and
    # a 市场监督管理局's (set beside the district's own 市场监督管理局 on the peer pages)
    "t16_zhechuan_disclosure_lines.txt",
    "t03_qinghe_scjg_disclosure_lines_gbk.txt",
]


COMPOSED = dt.date(2026, 3, 20)
PUBLISHED = dt.date(2026, 3, 26)
LATE_DEPARTMENT = "D23"  # 区市场监管局


@register_demo("reports", order=50)
def build(ctx) -> None:
    from fazhi.indicators import registry

    for year in (2023, 2024, 2025):  # record modules' figures take over from reported ones
        registry.refresh(year)
    gov = ctx.units["G00"]
    coord = ctx.users["coordinator"]
    report = services.generate(2025, gov, coord, today=min(COMPOSED, ctx.today))
    services.submit(report, coord)
    # Built before its publication day, the report waits for the leader's approval.
    if ctx.today >= PUBLISHED:
        services.publish(report, ctx.users["leader"], on=PUBLISHED)
    # A department's own report (督察工作规定 第二十五条: departments report to the
    # government each year too), submitted and waiting for approval whatever the date.
    dept = services.generate(2025, ctx.units[LATE_DEPARTMENT], coord, today=ctx.today)
    services.submit(dept, coord)


@register_demo("peers", order=60)
def peers(ctx) -> None:
    for name in PEER_FILES:
        path = PEER_TEXTS / name
        if not path.is_file():
            ctx.log.append(f"未找到他地报告样本{name}，跳过")
            continue
        data = extract_file(path)
        store(path, data, hashlib.sha256(data["text"].encode("utf-8")).hexdigest())
