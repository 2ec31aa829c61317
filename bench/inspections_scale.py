"""Benchmark: the 双随机 draw at province scale (issue 14, “Scale”).

Fixture (written in bulk SQL, NOT through the services and their full-process record — the
tests cover those): a province government with ``--departments`` responsible departments
(default 2: a joint task of 市场监管局 and another department), one enforcement agency each,
``--inspectors`` certified officers (default 50,000; 70% in the first department) valid for
the task's dates, so that ``enforcement.interface.certified_inspectors`` returns them all;
``--entities`` active market entities (default 5,000,000) kept by the first department,
credit-risk classes A 30% / B 50% / C 15% / D 5%.

Measured through the real service functions, in a fresh process (the build runs in a child
process first, so its memory does not count), for two cycles of the same task (the second
excludes the first cycle's inspector–entity pairs, as the recusal rule requires):

1. ``commit`` — reads the pool from the database, builds the snapshot (gzip) and its hash;
2. ``make_draw`` — the stratified draw from the snapshot with the task's ratios, the
   platform's defaults A 0.01 / B 0.03 / C 0.05 / D 0.10 (with the mix above: 3.05% of the
   pool, about 152,500 entities), 2 inspectors per department per entity; target ≤ 10 s;
3. ``verify_task`` — recomputes the draw from seed + snapshot and compares it with the
   stored result; target ≤ 20 s (“the same order of time” as the draw);
4. ``fazhi inspections import-entities`` (the command, with its progress bar) on a
   ``--import-rows`` CSV (default 1,000,000 new entities) into the same pool; target
   ≥ 50,000 rows/s. The imported rows are deleted afterwards (not timed), so ``--reuse``
   measures the same pool again.

Time: wall-clock seconds (the targets), and the process's own CPU seconds beside them
(on a shared machine the wall time includes waiting for a core; the database server's CPU,
PostgreSQL's, is not in the process's: it is printed apart, read from the backend's
/proc/<pid>/stat when the server runs on the same machine).

Memory: the peak resident set size (VmHWM of /proc/self/status, reset before each step by
writing 5 to /proc/self/clear_refs, Linux) of the measuring process — the whole process,
Django included; target ≤ 1.5 GB for steps 1–3.

Prints the figures; exit status 1 when a target is missed. Run:

    .venv/bin/python bench/inspections_scale.py [--entities 5000000] [--inspectors 50000]
        [--import-rows 1000000] [--reuse]
    DATABASE_URL=postgres://… .venv/bin/python bench/inspections_scale.py

Without DATABASE_URL the SQLite file is ``$FAZHI_VAR/inspections-bench.sqlite3`` (FAZHI_VAR
defaults to var/bench-inspections); ``--reuse`` skips the build and measures the pool built
by an earlier run with the same DATABASE_URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATIOS = {"A": "0.01", "B": "0.03", "C": "0.05", "D": "0.10"}
MIX = (("A", 0.30), ("B", 0.50), ("C", 0.15), ("D", 0.05))
POOL_AREA, IMPORT_AREA = "330203", "330204"  # the import's codes never meet the pool's
STARTS, ENDS = dt.date(2025, 9, 1), dt.date(2025, 10, 31)
DRAW_SECONDS, VERIFY_SECONDS, PEAK_MB, IMPORT_RATE = 10, 20, 1536, 50_000


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def peak_mb() -> float:
    with open("/proc/self/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024


def usccs(area: str, start: int, n: int):
    """Valid codes 91<area><8 digits><org check><check>, numbers start…start+n−1, in
    ascending order (make_uscc costs 16 µs a code: 80 s for the pool; this, about 1 µs)."""
    from fazhi.core.identifiers import _ORG_WEIGHTS, _USCC_VALUE, _USCC_WEIGHTS, USCC_ALPHABET

    def half(digits_at, weights):
        return [
            sum(int(d) * weights[k] for k, d in zip(digits_at, f"{x:04d}", strict=True))
            for x in range(10_000)
        ]

    org_hi, org_lo = half(range(4), _ORG_WEIGHTS[:4]), half(range(4), _ORG_WEIGHTS[4:])
    w = _USCC_WEIGHTS
    us_hi, us_lo = half(range(4), w[8:12]), half(range(4), w[12:16])
    prefix = "91" + area
    base = sum(_USCC_VALUE[c] * w[k] for k, c in enumerate(prefix))
    for i in range(start, start + n):
        hi, lo = divmod(i, 10_000)
        r = 11 - (org_hi[hi] + org_lo[lo]) % 11
        org = "X" if r == 10 else "0" if r == 11 else str(r)
        total = base + us_hi[hi] + us_lo[lo] + _USCC_VALUE[org] * w[16]
        yield f"{prefix}{i:08d}{org}{USCC_ALPHABET[(31 - total % 31) % 31]}"


def build(args) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.core import services as core
    from fazhi.core.models import OrgUnit
    from fazhi.enforcement.models import Agency, Officer
    from fazhi.inspections.models import Entity

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if OrgUnit.objects.filter(code="P00").exists():
        sys.exit("the database already holds a bench fixture: use --reuse or an empty database")
    gov = core.save_unit(OrgUnit(code="P00", name="基准省人民政府", kind="government"), None)
    names = ["基准省市场监督管理局", "基准省农业农村厅", "基准省生态环境厅", "基准省交通运输厅"]
    depts = [
        core.save_unit(
            OrgUnit(
                code=f"D{k:02d}",
                name=names[k] if k < len(names) else f"基准省第{k}部门",
                kind="department",
                parent=gov,
                is_enforcement_agency=True,
            ),
            None,
        )
        for k in range(args.departments)
    ]
    agencies = Agency.objects.bulk_create(
        [Agency(unit=u, name=u.name, kind="statutory", legal_basis="基准") for u in depts]
    )
    share = [0.7] + [0.3 / (len(depts) - 1)] * (len(depts) - 1) if len(depts) > 1 else [1.0]
    counts = [int(args.inspectors * s) for s in share]
    counts[0] += args.inspectors - sum(counts)
    officers, n = [], 0
    for a, c in zip(agencies, counts, strict=True):
        for _ in range(c):
            officers.append(
                Officer(
                    unit_id=a.unit_id,
                    agency=a,
                    name=f"检查员{n}",
                    certificate_number=f"JC{n:08d}",
                    issuer="基准省人民政府",
                    issued_on=dt.date(2024, 1, 1),
                    certified_since=dt.date(2024, 1, 1),
                    valid_until=dt.date(2028, 12, 31),
                )
            )
            n += 1
    Officer.objects.bulk_create(officers, batch_size=5000)
    print(f"  {len(depts)} departments, {n} officers ({time.perf_counter() - t0:.0f}s)", flush=True)

    rng = random.Random(14)
    classes = [c for c, _ in MIX]
    weights = [p for _, p in MIX]
    industries = [
        "餐饮",
        "零售",
        "食品生产",
        "药品零售",
        "医疗器械",
        "特种设备",
        "建材",
        "电商",
        "住宿",
        "美容美发",
    ]
    regions = [f"基准县{k:02d}" for k in range(20)]
    keeper = depts[0].pk
    on = "2025-06-01"
    table = Entity._meta.db_table
    cols = ("unit_id", "uscc", "name", "kind", "industry", "region", "risk_class", "status",
            "updated_on")  # fmt: skip

    def rows(start, count):
        risks = rng.choices(classes, weights, k=count)
        for k, code in enumerate(usccs(POOL_AREA, start, count)):
            i = start + k
            yield (keeper, code, f"基准商户{i}", "有限责任公司", industries[i % 10],
                   regions[i % 20], risks[k], "active", on)  # fmt: skip

    t = time.perf_counter()
    batch = 500_000
    for start in range(0, args.entities, batch):
        count = min(batch, args.entities - start)
        with transaction.atomic(), connection.cursor() as cur:
            if connection.vendor == "postgresql":
                names_sql = ", ".join(cols)
                with cur.cursor.copy(f"COPY {table} ({names_sql}) FROM STDIN") as copy:
                    for row in rows(start, count):
                        copy.write_row(row)
            else:
                marks = ", ".join(["?"] * len(cols))
                connection.connection.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows(start, count)
                )
        print(
            f"  entities: {start + count}/{args.entities} ({time.perf_counter() - t:.0f}s)",
            flush=True,
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"fixture built in {time.perf_counter() - t0:.0f}s", flush=True)


def import_csv(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("统一社会信用代码,名称,主体类型,行业,所在区域,信用风险分类,登记状态\n")
        for i, code in enumerate(usccs(IMPORT_AREA, 0, n)):
            f.write(f"{code},导入商户{i},个体工商户,餐饮,基准县{i % 20:02d},{'ABCD'[i % 4]},存续\n")


def measure(args) -> int:
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.core.models import OrgUnit
    from fazhi.inspections import services as s
    from fazhi.inspections.models import (
        CheckItem,
        DrawnEntity,
        Entity,
        InspectionPlan,
        InspectionTask,
        Snapshot,
    )

    ok = True
    depts = list(OrgUnit.objects.filter(code__startswith="D").order_by("code"))
    pool = Entity.objects.count()
    print(f"pool: {pool} entities; departments: {', '.join(d.name for d in depts)}")
    # Earlier runs' tasks go, so that every run measures the same two cycles.
    with transaction.atomic():
        old = InspectionTask.objects.filter(title__startswith="基准抽查")
        DrawnEntity.objects.filter(task__in=old).delete()
        Snapshot.objects.filter(task__in=old).delete()
        for task in old.order_by("-pk"):
            task.delete()
    plan = InspectionPlan.objects.filter(unit=depts[0], year=2025).first() or s.create_plan(
        unit=depts[0], year=2025, title="2025年度双随机抽查工作计划（基准）", actor=None
    )
    items = []
    for k, d in enumerate(depts):
        item = CheckItem.objects.filter(unit=d, code=f"JZ-{k}").first() or s.create_item(
            unit=d, code=f"JZ-{k}", name="基准抽查事项", basis="基准", object_type="市场主体",
            ratio="0.03", frequency="每年一次", actor=None,
        )  # fmt: skip
        items.append(item)

    cpu, server = {}, {}
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            backend = cur.fetchone()[0]

    def server_cpu() -> float:
        """The PostgreSQL backend's CPU seconds (same machine: /proc/<pid>/stat)."""
        if backend is None:
            return 0.0
        with open(f"/proc/{backend}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def step(label, fn):
        gc.collect()
        reset_peak()
        t, c, b = time.perf_counter(), time.process_time(), server_cpu()
        out = fn()
        took = time.perf_counter() - t
        cpu[label] = time.process_time() - c
        server[label] = server_cpu() - b
        if backend is not None:
            print(f"  ({label}: PostgreSQL backend CPU {server[label]:.1f} s)")
        return out, took, peak_mb()

    for cycle in () if args.import_only else (1, 2):
        task = s.create_task(
            plan, title=f"基准抽查{cycle}", departments=depts, items=items, actor=None,
            starts_on=STARTS, ends_on=ENDS, ratios=RATIOS,
        )  # fmt: skip
        task, t_commit, m_commit = step("commit", lambda t=task: s.commit(t, actor=None))
        snap = task.snapshot
        print(
            f"cycle {cycle} commit: {t_commit:.1f} s (CPU {cpu['commit']:.1f} s), peak {m_commit:.0f} MB "
            f"({snap.entities} entities, {snap.inspectors} inspectors, "
            f"snapshot {len(bytes(snap.data)) / 1e6:.1f} MB gzipped)",
            flush=True,
        )
        task, t_draw, m_draw = step("draw", lambda t=task: s.make_draw(t, actor=None))
        drawn = DrawnEntity.objects.filter(task=task).count()
        print(
            f"cycle {cycle} draw: {t_draw:.1f} s (CPU {cpu['draw']:.1f} s; target ≤ {DRAW_SECONDS} s), peak {m_draw:.0f} MB "
            f"({drawn} entities drawn, {drawn / snap.entities:.2%})",
            flush=True,
        )
        problems, t_verify, m_verify = step("verify", lambda t=task: s.verify_task(t))
        print(
            f"cycle {cycle} verify: {t_verify:.1f} s (CPU {cpu['verify']:.1f} s; "
            f"target ≤ {VERIFY_SECONDS} s), "
            f"peak {m_verify:.0f} MB: {'一致' if not problems else problems[:3]}",
            flush=True,
        )
        ok &= not problems and t_draw <= DRAW_SECONDS and t_verify <= VERIFY_SECONDS
        ok &= max(m_commit, m_draw, m_verify) <= PEAK_MB

    if args.import_rows:
        path = Path(os.environ["FAZHI_VAR"]) / f"import-{args.import_rows}.csv"
        if not path.exists():
            import_csv(path, args.import_rows)
        before = Entity.objects.count()
        err = io.StringIO()

        def run():
            call_command(
                "inspections", "import-entities", str(path), "--unit", depts[0].code,
                stdout=sys.stdout, stderr=err if args.quiet_progress else sys.stderr,
            )  # fmt: skip

        _, took, mem = step("import", run)
        created = Entity.objects.count() - before
        rate = args.import_rows / took
        print(
            f"import: {created} of {args.import_rows} rows in {took:.1f} s (CPU {cpu['import']:.1f} s; "
            f"{rate:.0f} rows/s, "
            f"target ≥ {IMPORT_RATE}), peak {mem:.0f} MB",
            flush=True,
        )
        ok &= created == args.import_rows and rate >= IMPORT_RATE
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {Entity._meta.db_table} WHERE uscc >= %s AND uscc < %s",
                [f"91{IMPORT_AREA}", f"91{IMPORT_AREA}~"],
            )
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=5_000_000)
    ap.add_argument("--inspectors", type=int, default=50_000)
    ap.add_argument("--departments", type=int, default=2)
    ap.add_argument("--import-rows", type=int, default=1_000_000)
    ap.add_argument("--import-only", action="store_true", help="measure only the import")
    ap.add_argument("--reuse", action="store_true", help="skip the build (an earlier run's pool)")
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--quiet-progress", action="store_true", help="hide the import's bar")
    args = ap.parse_args()
    var = Path(os.environ.setdefault("FAZHI_VAR", str(ROOT / "var" / "bench-inspections")))
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var}/inspections-bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if not args.reuse and not args.build_only:
        if os.environ["DATABASE_URL"].startswith("sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{var}/inspections-bench.sqlite3{suffix}").unlink(missing_ok=True)
        # The build in a process of its own: its memory is not the measured steps'.
        child = [sys.executable, __file__, "--build-only", *sys.argv[1:]]
        if subprocess.run(child).returncode:
            return 1
    import django

    django.setup()
    if args.build_only:
        build(args)
        return 0
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
