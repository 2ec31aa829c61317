"""The demo district's 2025 annual report: generated from the records, submitted,
approved by the leader and published on the portal before 1 April 2026."""

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
]


@register_demo("reports", order=50)
def build(ctx) -> None:
    from fazhi.indicators import registry

    for year in (2023, 2024, 2025):  # record modules' figures take over from reported ones
        registry.refresh(year)
    gov = ctx.units["G00"]
    report = services.generate(2025, gov, ctx.users["coordinator"], today=dt.date(2026, 3, 20))
    services.submit(report, ctx.users["coordinator"])
    services.publish(report, ctx.users["leader"], on=dt.date(2026, 3, 26))


@register_demo("peers", order=60)
def peers(ctx) -> None:
    for name in PEER_FILES:
        path = PEER_TEXTS / name
        if not path.is_file():
            ctx.log.append(f"未找到他地报告样本{name}，跳过")
            continue
        data = extract_file(path)
        store(path, data, hashlib.sha256(data["text"].encode("utf-8")).hexdigest())
