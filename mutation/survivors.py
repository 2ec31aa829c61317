"""List a cosmic-ray session's mutants: file:line, operator, outcome (killed/survived).

Usage: python mutation/survivors.py SESSION.sqlite [--all]
Without --all only the survivors are listed; the last line counts them.
"""

import sys

from cosmic_ray.work_db import use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome


def main(session, show_all):
    counts = {"killed": 0, "survived": 0, "incompetent": 0, "pending": 0}
    with use_db(session) as db:
        results = dict(db.results)
        for item in sorted(
            db.work_items, key=lambda i: (str(i.mutations[0].module_path), i.mutations[0].start_pos)
        ):
            m = item.mutations[0]
            r = results.get(item.job_id)
            if r is None:
                state = "pending"
            elif r.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            elif r.test_outcome == TestOutcome.SURVIVED:
                state = "survived"
            elif r.test_outcome == TestOutcome.KILLED:
                state = "killed"
            else:
                state = "incompetent"
            counts[state] += 1
            if show_all or state == "survived":
                op = m.operator_name.removeprefix("core/")
                print(
                    f"{state:9} {m.module_path}:{m.start_pos[0]} {op} #{m.occurrence} {item.job_id}"
                )
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1], "--all" in sys.argv)
