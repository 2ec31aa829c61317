"""Speed of the report extractor: median / p95 ms per file and per 20 KB, on one core.

Runs every seed report (../shared/seeds, or $FAZHI_SHARED_DIR/seeds) and every own test text
(tests/extract_texts) through extract_file, repeated, after one warm-up pass.

    .venv/bin/python bench/extract_speed.py [--repeat N]

Target (issue 19): median ≤ 5 ms per 20 KB report (issue 4 asked for ≤ 30 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fazhi.reports.extract import extract_file  # noqa: E402

SEEDS = Path(os.environ.get("FAZHI_SHARED_DIR", REPO.parent / "shared")) / "seeds"
OWN = REPO / "tests" / "extract_texts"
TARGET_MS_PER_20KB = 5.0


def inputs() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    files += sorted(
        p for p in OWN.iterdir() if p.suffix in (".txt", ".html") and p.name.startswith("t")
    )
    return files


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the report extractor.")
    parser.add_argument("--repeat", type=int, default=30, help="passes over all files (default 30)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    files = inputs()
    if not files:
        print("no input files found")
        return 1
    for path in files:  # warm-up: imports, OpenCC dictionaries, regex compilation
        extract_file(path)
    per_file: list[float] = []
    per_20kb: list[float] = []
    by_file: dict[Path, list[float]] = {p: [] for p in files}
    for _ in range(args.repeat):
        for path in files:
            t0 = time.perf_counter()
            extract_file(path)
            ms = (time.perf_counter() - t0) * 1000
            size = path.stat().st_size
            per_file.append(ms)
            per_20kb.append(ms * 20 * 1024 / size)
            by_file[path].append(ms)
    # the interpreter's build changes the figure (bench/README.md): said with it
    python = f"Python {platform.python_version()} ({os.path.realpath(sys.executable)})"
    print(f"{len(files)} files × {args.repeat} passes, one core, {python}")
    for path, times in by_file.items():
        size = path.stat().st_size
        print(f"  {path.name:<45} {size / 1024:6.1f} KB  median {statistics.median(times):6.2f} ms")
    print(
        f"per file:  median {statistics.median(per_file):6.2f} ms   p95 {percentile(per_file, 0.95):6.2f} ms"
    )
    median_20 = statistics.median(per_20kb)
    print(f"per 20 KB: median {median_20:6.2f} ms   p95 {percentile(per_20kb, 0.95):6.2f} ms")
    verdict = "OK" if median_20 <= TARGET_MS_PER_20KB else "TOO SLOW"
    print(f"target: median ≤ {TARGET_MS_PER_20KB:.0f} ms per 20 KB → {verdict}")
    return 0 if median_20 <= TARGET_MS_PER_20KB else 1


if __name__ == "__main__":
    sys.exit(main())
