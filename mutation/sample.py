"""Keep a fixed, reproducible sample of a cosmic-ray session's pending mutants.

Usage: python mutation/sample.py SESSION.sqlite N [--total]
Keeps at most N pending mutants per file (with --total: N in all, across the files), chosen by a hash of (file, operator, line,
column), so the same code gives the same sample on every machine; marks the rest SKIPPED
("not sampled"). Run after cr-filter-operators.
"""

import hashlib
import sys
from collections import defaultdict

from cosmic_ray.work_db import use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult


def key(m):
    text = f"{m.module_path}:{m.operator_name}:{m.start_pos[0]}:{m.start_pos[1]}"
    return hashlib.sha1(text.encode()).hexdigest()


def main(session, n, total=False):
    with use_db(session) as db:
        by_file = defaultdict(list)
        for item in db.pending_work_items:
            m = item.mutations[0]
            by_file["all files" if total else str(m.module_path)].append((key(m), item.job_id))
        for path, items in sorted(by_file.items()):
            items.sort()
            for _, job_id in items[n:]:
                db.set_result(
                    job_id, WorkResult(output="not sampled", worker_outcome=WorkerOutcome.SKIPPED)
                )
            print(f"{path}: {min(n, len(items))} of {len(items)} kept")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), "--total" in sys.argv)
