"""Benchmark: enforcement at province scale (issue 13).

A fresh SQLite database (or the PostgreSQL of DATABASE_URL) with 500 agencies (one per
org unit), 5,000 powers, 50,000 officers and 2,000,000 cases over 2024—2025, each with its
party and its decision clock (rows written in bulk: the fixture bypasses the services and
their full-process record, which the tests cover). Three measurements:

1. an agency's case list as its clerk opens it — the list view's own query
   (``views_cases.filtered``: scoped, filtered, sorted by the clock's due date, page of 20
   with its count) — for 50 agencies × 6 filters; target p95 ≤ 300 ms;
2. all enforcement figures of 2025 for all units through the indicator registry, against
   one grouped COUNT over the cases table; target ≤ 2×;
3. an XLSX ledger of 100,000 cases imported through ``services.ledger`` (the command's
   path, with its progress), after a first attempt with three bad rows that must be
   reported by line and import nothing.

Prints the figures; exit status 1 when a target is missed. Run:

    .venv/bin/python bench/enforcement_scale.py [--cases 2000000] [--officers 50000] [--agencies 500]
    DATABASE_URL=postgres://… .venv/bin/python bench/enforcement_scale.py [--reuse]

``--reuse`` measures on the fixture an earlier run left in the database of DATABASE_URL
(building 2,000,000 cases takes about 20—40 minutes) instead of building it again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2_000_000)
    ap.add_argument("--officers", type=int, default=50_000)
    ap.add_argument("--agencies", type=int, default=500)
    ap.add_argument("--import-rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reuse", action="store_true", help="measure on an earlier run's fixture")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.setdefault("FAZHI_VAR", tmp)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.db.models import Count
    from django.http import QueryDict

    from fazhi.core import memo
    from fazhi.core import services as core
    from fazhi.core.identifiers import make_uscc
    from fazhi.core.models import Deadline, OrgUnit, User
    from fazhi.enforcement import indicators  # noqa: F401  (registers the figures)
    from fazhi.enforcement.importer_cases import read
    from fazhi.enforcement.models import Agency, Case, Officer, Party, Power
    from fazhi.enforcement.services.ledger import COLUMNS, import_cases
    from fazhi.enforcement.views_cases import filtered
    from fazhi.indicators import registry

    rng = random.Random(13)
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    reused = args.reuse and Case.objects.filter(number__startswith="基准罚").exists()
    if reused:
        agencies = list(Agency.objects.filter(name__startswith="基准执法主体").order_by("pk"))
        print(
            f"fixture reused: {len(agencies)} agencies, {Officer.objects.count()} officers, "
            f"{Case.objects.count()} cases",
            flush=True,
        )
    else:
        gov = core.save_unit(OrgUnit(code="P00", name="基准省人民政府", kind="government"), None)
        units = [
            core.save_unit(
                OrgUnit(code=f"B{i:04d}", name=f"基准执法单位{i}", kind="department", parent=gov),
                None,
            )
            for i in range(args.agencies)
        ]
        agencies = Agency.objects.bulk_create(
            [
                Agency(unit=u, name=f"基准执法主体{i}", kind="statutory", legal_basis="基准")
                for i, u in enumerate(units)
            ]
        )
        powers = Power.objects.bulk_create(
            [
                Power(
                    agency=a, code=f"P{j}", name=f"执法事项{j}", kind="penalty", legal_basis="基准"
                )
                for a in agencies
                for j in range(10)
            ]
        )
        power_of = {}
        for p in powers:
            power_of.setdefault(p.agency_id, []).append(p.pk)
        Officer.objects.bulk_create(
            [
                Officer(
                    unit_id=agencies[i % len(agencies)].unit_id,
                    agency=agencies[i % len(agencies)],
                    name=f"执法员{i}",
                    certificate_number=f"BZ{i:08d}",
                    issuer="基准省人民政府",
                    issued_on=dt.date(2023, 1, 1),
                    certified_since=dt.date(2023, 1, 1),
                    valid_until=dt.date(2028, 1, 1),
                )
                for i in range(args.officers)
            ],
            batch_size=5000,
        )
        print(f"lists and officers: {time.perf_counter() - t0:.0f}s", flush=True)
        stages = ["filed", "investigated", "decided", "served", "closed", "closed", "closed"]
        outcomes = ["penalty", "penalty", "penalty", "no_penalty", "first_violation_exempt"]
        t = time.perf_counter()
        batch = 20_000
        for start in range(0, args.cases, batch):
            n = min(batch, args.cases - start)
            rows = []
            for k in range(start, start + n):
                a = agencies[k % len(agencies)]
                filed = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
                stage = rng.choice(stages)
                decided = (
                    filed + dt.timedelta(days=rng.randint(10, 100))
                    if stage != "filed" and stage != "investigated"
                    else None
                )
                rows.append((k, a, filed, stage, decided))
            with transaction.atomic():
                dls = Deadline.objects.bulk_create(
                    [
                        Deadline(
                            clock="enforcement.penalty_decision",
                            record_type="enforcement.case",
                            record_id=str(k + 1),
                            title=f"基准案件{k}",
                            unit_id=a.unit_id,
                            start_date=filed,
                            due_date=filed + dt.timedelta(days=90),
                            state=Deadline.State.DONE if decided else Deadline.State.RUNNING,
                            completed_on=decided,
                        )
                        for k, a, filed, stage, decided in rows
                    ],
                    batch_size=5000,
                )
                cases = Case.objects.bulk_create(
                    [
                        Case(
                            unit_id=a.unit_id,
                            agency=a,
                            power_id=power_of[a.pk][k % 10],
                            kind="penalty",
                            number=f"基准罚〔{filed.year}〕{k}号",
                            title=f"基准当事人{k}违法经营案",
                            stage=stage,
                            filed_on=filed,
                            decided_on=decided,
                            outcome=rng.choice(outcomes) if decided else "",
                            fine=rng.choice([0, 500, 2000, 5000, 20000]) if decided else 0,
                            major=k % 97 == 0,
                            reviewed_on=decided if k % 97 == 0 and k % 2 else None,
                            deadline=dl,
                        )
                        for (k, a, filed, stage, decided), dl in zip(rows, dls, strict=True)
                    ],
                    batch_size=5000,
                )
                Party.objects.bulk_create(
                    [
                        Party(case=c, kind="organisation", name=f"基准市场主体{c.number}", uscc="")
                        for c in cases
                    ],
                    batch_size=5000,
                )
            if (start // batch) % 10 == 0:
                print(
                    f"  cases: {start + n}/{args.cases} ({time.perf_counter() - t:.0f}s)",
                    flush=True,
                )
        with connection.cursor() as cur:
            # What autovacuum does to a table after a bulk load: statistics, and on
            # PostgreSQL the visibility map an index-only scan relies on.
            cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(
            f"fixture: {args.agencies} agencies, {len(powers)} powers, {args.officers} officers, "
            f"{args.cases} cases with parties and clocks ({time.perf_counter() - t0:.0f}s)",
            flush=True,
        )
    ok = True

    # 1. The case list.
    today = dt.date(2025, 12, 1)
    sample = rng.sample(agencies, 50)
    clerks = {}
    for a in sample:
        clerks[a.pk] = User.objects.filter(username=f"clerk{a.pk}").first() or core.save_user(
            User(username=f"clerk{a.pk}", full_name="经办人", unit=a.unit), ["clerk"], None
        )
    filters = [
        "",
        "stage=filed",
        "year=2025",
        "clock=overdue",
        "kind=penalty&sort=filed",
        "q=违法经营",
    ]
    times = []
    for _ in range(args.repeat):
        for a in sample:
            for f in filters:
                g = QueryDict(f"agency={a.pk}&{f}")
                t = time.perf_counter()
                qs, _ = filtered(clerks[a.pk], g, today)
                page = Paginator(qs, 20).page(1)
                list(page.object_list)
                _ = page.paginator.count
                times.append((time.perf_counter() - t) * 1000)
    print(
        f"case list: {len(times)} requests, p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95(times):.0f} ms (target ≤ 300 ms)"
    )
    ok &= p95(times) <= 300

    # 2. The figures.
    codes = [c for c in registry.COMPUTED if c.startswith("enforcement.")]
    base, ours = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        list(Case.objects.filter(decided_on__year=2025).values("unit_id").annotate(n=Count("pk")))
        base.append(time.perf_counter() - t)
        memo.clear()
        t = time.perf_counter()
        each = {}
        for code in codes:
            t1 = time.perf_counter()
            registry.COMPUTED[code].compute(2025)
            each[code] = (time.perf_counter() - t1) * 1000
        ours.append(time.perf_counter() - t)
    print(
        "  slowest: "
        + ", ".join(f"{c} {ms:.0f} ms" for c, ms in sorted(each.items(), key=lambda x: -x[1])[:4])
    )
    ratio = statistics.median(ours) / statistics.median(base)
    print(
        f"figures: {len(codes)} codes in {statistics.median(ours) * 1000:.0f} ms; one grouped COUNT "
        f"{statistics.median(base) * 1000:.0f} ms; ratio {ratio:.2f} (target ≤ 2)"
    )
    ok &= ratio <= 2

    # 3. The import.
    from openpyxl import Workbook

    def ledger(bad: bool) -> io.BytesIO:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(list(COLUMNS))
        for i in range(args.import_rows):
            a = agencies[i % len(agencies)]
            uscc = make_uscc("9", "1", "990105", f"BJ{i:06d}")
            row = [
                f"台账罚〔2023〕{i}号",
                a.name,
                "行政处罚",
                "普通程序",
                f"台账当事人{i}违法经营案",
                "法人或其他组织",
                f"台账市场主体{i}",
                uscc,
                "P1",
                "2023-03-01",
                "2023-04-10",
                "给予行政处罚",
                "3000",
                "",
                f"台账罚决〔2023〕{i}号",
                "2023-04-11",
                "2023-05-01",
                "否",
                "",
            ]
            if bad and i in (10, 5000, args.import_rows - 1):
                row[7] = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
            ws.append(row)
        out = io.BytesIO()
        wb.save(out)
        out.seek(0)
        return out

    shown = {"n": 0}

    def progress(phase, n):
        if n - shown["n"] >= 20_000 or n == args.import_rows:
            shown["n"] = n
            print(f"  {phase} {n}/{args.import_rows}", flush=True)

    t = time.perf_counter()
    result = import_cases(
        read("台账.xlsx", ledger(True)),
        actor=None,
        source="基准台账",
        today=today,
        progress=progress,
    )
    print(
        f"import with 3 bad rows: {len(result.errors)} errors ({'; '.join(result.errors)}), "
        f"{result.created} imported, {time.perf_counter() - t:.0f}s"
    )
    ok &= len(result.errors) == 3 and result.created == 0
    shown["n"] = 0
    t = time.perf_counter()
    result = import_cases(
        read("台账.xlsx", ledger(False)),
        actor=None,
        source="基准台账",
        today=today,
        progress=progress,
    )
    took = time.perf_counter() - t
    print(
        f"import of {args.import_rows} rows: {result.created} created in {took:.0f}s "
        f"({args.import_rows / took:.0f} rows/s)"
    )
    ok &= result.created == args.import_rows
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
