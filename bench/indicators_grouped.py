"""Benchmark: a computed indicator for every unit of a province-sized fixture.

500 org units and 1,000,000 source rows in a fresh SQLite database (or DATABASE_URL).
Compares one plain grouped COUNT over the rows with the registry's path for the same
figure (the module's grouped query + materialising 500 values with their source links).
Target (issue 3): the registry path within 3x the plain query. Run:

    .venv/bin/python bench/indicators_grouped.py [--rows 1000000] [--units 500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.setdefault("FAZHI_VAR", tmp)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from fazhi.core.models import OrgUnit
    from fazhi.indicators import registry
    from fazhi.indicators.models import Indicator, IndicatorValue

    call_command("migrate", verbosity=0)
    gov = OrgUnit.objects.create(code="P00", name="基准省", kind="government", path="/")
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                code=f"B{i:04d}",
                name=f"基准单位{i}",
                kind="department",
                parent=gov,
                path=f"/{gov.pk}/x{i}/",
            )
            for i in range(args.units)
        ]
    )
    unit_ids = list(OrgUnit.objects.exclude(pk=gov.pk).values_list("pk", flat=True))
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE bench_case (id INTEGER PRIMARY KEY, unit_id INTEGER, year INTEGER)"
        )
        t = time.perf_counter()
        batch = []
        for i in range(args.rows):
            n = len(unit_ids)
            batch.append((unit_ids[i % n], 2024 if (i // n) % 10 == 0 else 2025))
            if len(batch) == 50_000:
                cur.executemany("INSERT INTO bench_case (unit_id, year) VALUES (%s, %s)", batch)
                batch = []
        if batch:
            cur.executemany("INSERT INTO bench_case (unit_id, year) VALUES (%s, %s)", batch)
        cur.execute("CREATE INDEX bench_case_year_unit ON bench_case (year, unit_id)")
        cur.execute("ANALYZE") if connection.vendor == "sqlite" else cur.execute(
            "ANALYZE bench_case"
        )
    print(f"fixture: {args.units} units, {args.rows} rows ({time.perf_counter() - t:.1f}s)")

    sql = "SELECT unit_id, COUNT(*) FROM bench_case WHERE year = %s GROUP BY unit_id"

    def plain():
        with connection.cursor() as cur:
            cur.execute(sql, [2025])
            return cur.fetchall()

    Indicator.objects.create(
        code="bench.cases", name="基准案件数", unit="件", area=5, phrase="案件{}"
    )

    @registry.register("bench.cases", records_url=lambda unit_id, year: f"/cases/?unit={unit_id}")
    def cases(year):
        with connection.cursor() as cur:
            cur.execute(sql, [year])
            out = dict(cur.fetchall())
        out[gov.pk] = sum(out.values())
        return out

    def via_registry():
        registry.refresh(2025, ["bench.cases"])

    plain()
    via_registry()  # warm both
    a = [timeit(plain) for _ in range(args.repeat)]
    b = [timeit(via_registry) for _ in range(args.repeat)]
    n = IndicatorValue.objects.filter(indicator__code="bench.cases").count()
    total = IndicatorValue.objects.get(indicator__code="bench.cases", unit=gov).value
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"plain grouped COUNT: median {ma * 1000:.1f} ms (runs: {fmt(a)})")
    print(
        f"registry (compute + store {n} values, district total {total:.0f}): "
        f"median {mb * 1000:.1f} ms (runs: {fmt(b)})"
    )
    ratio = mb / ma
    print(f"ratio: {ratio:.2f}x (target <= 3x) -> {'OK' if ratio <= 3 else 'OVER'}")
    return 0 if ratio <= 3 else 1


def timeit(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def fmt(xs) -> str:
    return ", ".join(f"{x * 1000:.0f}" for x in xs)


if __name__ == "__main__":
    sys.exit(main())
