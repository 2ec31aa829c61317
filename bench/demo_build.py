"""Benchmark: how long each step of the demo district takes to build.

The demo is what a new user's first command builds, and each module's demo step exercises
that module's services (a full-process record entry per change), so a slow step points at
a slow service. Builds into a fresh SQLite database (or DATABASE_URL) and prints the
seconds per step; exits 1 when the whole build exceeds --limit seconds. Run:

    .venv/bin/python bench/demo_build.py [--limit 90]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=float, default=90.0, help="whole build, seconds")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.setdefault("FAZHI_VAR", tmp)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from fazhi.core.registry import DEMO
    from fazhi.demo.builder import SEED, YEAR, DemoContext, demo_today

    call_command("migrate", verbosity=0)
    ctx = DemoContext(rng=random.Random(SEED), year=YEAR, today=demo_today(YEAR))
    total = 0.0
    print(f"{'步骤':<16}{'秒':>8}")
    for step in DEMO:
        started = time.perf_counter()
        step.build(ctx)
        spent = time.perf_counter() - started
        total += spent
        print(f"{step.name:<16}{spent:>8.2f}")
    print(f"{'合计':<16}{total:>8.2f}（上限 {args.limit:.0f} 秒）")
    return 0 if total <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
