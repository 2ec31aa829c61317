"""Benchmark: the public library's full-text search over 200,000 normative documents.

A fresh SQLite database (or the PostgreSQL of DATABASE_URL) with 200,000 published
documents whose bodies (about 1,900 characters each) are built from a Chinese vocabulary;
then the portal's query — search, status filter (the default "in force", and "all" for a
few), title hits first then newest first, one page of 20 with the total count and the
page's highlighted snippets — for 1-character, 2-character, 3-character, longer and
multi-term queries. Target (issue 5): p95 ≤ 200 ms. Prints the figures per query and per
kind; exit status 1 when the target is missed. Run:

    .venv/bin/python bench/documents_search.py [--docs 200000] [--repeat 5]
    DATABASE_URL=postgres://… .venv/bin/python bench/documents_search.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCOPES = (
    "城市道路临时占用 建筑垃圾处置 农贸市场 校外培训机构 公共租赁住房 养老服务补贴 临时救助 "
    "高标准农田 河道采砂 森林防火 户外广告设施 物业服务 既有住宅加装电梯 政务数据共享 就业见习 "
    "创业担保贷款 家庭医生签约 农村饮水安全 人民防空工程 招商引资项目 夜间经济 文化旅游消费券 "
    "重污染天气应急 安全生产约谈 科技创新券 重点项目建设 城乡居民医保 退役军人就业 供热管理 "
    "燃气安全 电动自行车充电 共享单车停放 生活垃圾分类 餐厨废弃物 古树名木保护 地名管理 "
    "殡葬管理 学生资助 残疾人两项补贴 农村集体资产 宅基地管理 乡村振兴衔接资金 防汛抗旱 "
    "城市绿化 市容环境卫生 停车场管理 公交优先 出租汽车 网络预约出租汽车 消防安全"
).split()
UNITS = (
    "区住房和城乡建设局 区综合行政执法局 区市场监督管理局 区教育和体育局 区民政局 区农业农村局 "
    "区水利局 区林业局 区交通运输局 区卫生健康局 区人力资源和社会保障局 区财政局 区应急管理局"
).split()
SENTENCES = [
    "为了规范{s}工作，保障公民、法人和其他组织的合法权益，根据有关法律法规，结合本区实际，制定本办法。",
    "本办法适用于本区行政区域内的{s}及其监督管理活动。",
    "{u}负责全区{s}的组织实施和监督管理，有关部门按照各自职责做好相关工作。",
    "{s}应当遵循依法、公开、公平、便民的原则，办事程序和办理时限应当向社会公开。",
    "{u}应当建立{s}工作台账，加强部门之间的信息共享，定期开展检查评估。",
    "各镇人民政府、街道办事处应当配合做好辖区内{s}的日常巡查和宣传引导工作。",
    "对在{s}工作中作出显著成绩的单位和个人，按照有关规定给予表彰。",
    "{u}应当畅通投诉举报渠道，对收到的投诉举报依法及时处理并反馈。",
    "{s}所需经费列入年度财政预算，实行专款专用，接受财政和审计监督。",
    "工作人员在{s}工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。",
]
NUMERALS = "一二三四五六七八九"


def cn(n: int) -> str:
    """1..99 in Chinese numerals (第四十二条)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


def body(rng: random.Random, scope: str, unit: str, extra: str) -> str:
    parts = []
    for i in range(42):
        s = rng.choice(SENTENCES).format(s=scope if rng.random() < 0.7 else extra, u=unit)
        parts.append(f"第{cn(i + 1)}条 {s}")
    return "\n".join(parts)


# (query, kind): the figures are reported per kind.
QUERIES = [
    ("消防", "2字"),  # in the titles and bodies of one scope (消防安全)
    ("住房", "2字"),  # in titles and bodies, and in a unit's name
    ("养老", "2字"),
    ("电梯", "2字"),
    ("管理", "2字"),  # in every document
    ("核电", "2字"),  # no hit
    ("临时占", "3字"),
    ("围挡和", "3字"),
    ("宅基地", "3字"),
    ("核电站", "3字"),  # no hit
    ("加装电梯", "4字以上"),
    ("监督管理", "4字以上"),  # very common
    ("管理办法", "4字以上"),
    ("投诉举报", "4字以上"),
    ("古树名木保护", "4字以上"),
    ("网络预约出租汽车", "4字以上"),
    ("电动自行车充电", "4字以上"),
    ("专款专用", "4字以上"),
    ("不存在的检索词", "4字以上"),  # no hit
    ("共享单车 停放", "多词"),
    ("消防 安全", "多词"),
    ("住房 补贴 公开", "多词"),
    ("养老 宅基地", "多词"),
    ("梯", "单字"),
    ("核", "单字"),  # no hit
]
# Also over every published document (in force, repealed, expired): the widest searches.
ALL_STATUS = [
    ("临时占", "3字"),
    ("监督管理", "4字以上"),
    ("消防", "2字"),
    ("古树名木保护", "4字以上"),
]


TMP = tempfile.mkdtemp(prefix="fazhi-bench-")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="only the queries, on the documents already in DATABASE_URL (a previous run's)",
    )
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="only write the documents and build the index (then run the queries with --reuse)",
    )
    args = ap.parse_args()
    tmp = TMP
    os.environ.setdefault("FAZHI_VAR", tmp)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from fazhi.core.models import OrgUnit
    from fazhi.documents import search
    from fazhi.documents.models import NormativeDocument

    call_command("migrate", verbosity=0)
    if args.reuse:
        return queries(args, connection)
    if NormativeDocument.objects.exists():
        print("数据库中已有规范性文件，请使用空库运行基准", file=sys.stderr)
        return 2
    gov = OrgUnit.objects.create(code="B00", name="基准区人民政府", kind="government", path="/")
    OrgUnit.objects.filter(pk=gov.pk).update(path=f"/{gov.pk}/")
    rng = random.Random(args.seed)
    t = time.perf_counter()
    batch = []
    start = dt.date(2006, 1, 1)
    for i in range(args.docs):
        scope, extra = rng.choice(SCOPES), rng.choice(SCOPES)
        pub = start + dt.timedelta(days=rng.randrange(20 * 365))
        status = rng.choices(["published", "repealed", "expired"], [8, 1, 1])[0]
        batch.append(
            NormativeDocument(
                title=f"基准区{scope}管理办法（{i}）",
                unit=gov,
                issuer=gov,
                body=body(rng, scope, rng.choice(UNITS), extra),
                status=status,
                source="imported",
                doc_number=f"基准政规〔{pub.year}〕{i}号",
                published_on=pub,
                effective_on=pub,
                valid_until=pub + dt.timedelta(days=5 * 365) if rng.random() < 0.7 else None,
                ended_on=pub + dt.timedelta(days=400) if status != "published" else None,
            )
        )
        if len(batch) == 2000:
            NormativeDocument.objects.bulk_create(batch)
            batch = []
    if batch:
        NormativeDocument.objects.bulk_create(batch)
    built = time.perf_counter() - t
    t = time.perf_counter()
    n = search.reindex_all()
    indexed = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE") if connection.vendor == "sqlite" else cur.execute(
            "ANALYZE documents_normativedocument"
        )
    chars = sum(len(b) for b in NormativeDocument.objects.values_list("body", flat=True))
    print(
        f"fixture: {args.docs} documents, {chars / args.docs:.0f} characters per body on average, "
        f"{connection.vendor}"
        + f"; rows written in {built:.0f}s, index of {n} documents built in {indexed:.0f}s"
    )
    if args.build_only:
        return 0
    return queries(args, connection)


def queries(args, connection) -> int:
    from fazhi.documents import public, search

    with connection.cursor() as cur:
        cur.execute("ANALYZE") if connection.vendor == "sqlite" else cur.execute(
            f"ANALYZE documents_normativedocument; ANALYZE {search.INDEX_TABLE}"
        )
    today = dt.date(2026, 6, 1)

    def page(q: str, status: str = "valid") -> tuple[int, int]:
        p = public.page_of(public.library(q=q, status=status, today=today), 1)
        search.attach_snippets(p.object_list, q)
        return p.paginator.count, len(p.object_list)

    timings: list[float] = []
    by_kind: dict[str, list[float]] = {}
    print(f"{'query':<18}{'kind':<8}{'status':<9}{'hits':>7}{'median ms':>11}{'max ms':>9}")
    runs_of = [(q, k, "valid") for q, k in QUERIES] + [(q, k, "all") for q, k in ALL_STATUS]
    for q, kind, status in runs_of:
        page(q, status)  # warm
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            hits, _rows = page(q, status)
            runs.append(time.perf_counter() - t)
        timings += runs
        by_kind.setdefault(kind, []).extend(runs)
        print(
            f"{q:<18}{kind:<8}{status:<9}{hits:>7}{statistics.median(runs) * 1000:>11.1f}"
            f"{max(runs) * 1000:>9.1f}"
        )

    def p95_of(values: list[float]) -> float:
        values = sorted(values)
        return values[max(0, int(len(values) * 0.95) - 1)]

    for kind, values in by_kind.items():
        print(
            f"{kind}: p50 {statistics.median(values) * 1000:.1f} ms, "
            f"p95 {p95_of(values) * 1000:.1f} ms"
        )
    p95 = p95_of(timings)
    p50 = statistics.median(timings)
    print(
        f"all {len(timings)} runs: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
        f"(target p95 <= 200 ms) -> {'OK' if p95 <= 0.2 else 'OVER'}"
    )
    return 0 if p95 <= 0.2 else 1


if __name__ == "__main__":
    try:
        status = main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)  # the SQLite file is several GB
    sys.exit(status)
