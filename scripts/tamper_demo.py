"""Manual acceptance of the record check on a copy of the demo district (issue 18 point 3).

Build the demo first (``fazhi demo --no-serve``, SQLite in var/), then run

    .venv/bin/python scripts/tamper_demo.py [var/fazhi.sqlite3]

Each tampering case runs on its own copy of the demo database, by SQL as someone with
write access would; ``fazhi check-records`` must pass on the untouched copy and fail on
every tampered one. The demo itself is never changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAZHI = [sys.executable, "-m", "fazhi"]


def digest(row: dict) -> str:
    """The event digest (fazhi.core.events.event_digest), recomputed as a forger would."""
    from fazhi.core.events import event_digest

    return event_digest(**row)


def check(db: Path, *extra: str) -> tuple[bool, str]:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", FAZHI_VAR=str(db.parent))
    proc = subprocess.run(
        [*FAZHI, "check-records", *extra], env=env, capture_output=True, text=True
    )
    out = (proc.stdout + proc.stderr).strip().splitlines()
    # The anchor's finding first when there is one, then the verdict.
    first = next((line for line in out if "锚点" in line), out[0] if out else "")
    return proc.returncode == 0, first + (f" … {out[-1]}" if len(out) > 1 else "")


def rehash_from(con: sqlite3.Connection, seq: int) -> None:
    import datetime as dt

    cols = [
        "seq",
        "at",
        "actor_id",
        "actor_name",
        "unit_code",
        "record_type",
        "record_id",
        "action",
        "summary",
        "before",
        "after",
        "attachments",
        "prev_hash",
        "state_hash",
    ]
    prev = con.execute("SELECT hash FROM core_event WHERE seq = ?", [seq - 1]).fetchone()[0]
    rows = con.execute(
        f"SELECT {', '.join(cols)} FROM core_event WHERE seq >= ? ORDER BY seq", [seq]
    ).fetchall()
    for values in rows:
        row = dict(zip(cols, values, strict=True))
        row["at"] = dt.datetime.fromisoformat(row["at"]).replace(tzinfo=dt.UTC)
        for key in ("before", "after", "attachments"):
            row[key] = json.loads(row[key]) if row[key] is not None else None
        row["prev_hash"] = prev
        new = digest(row)
        con.execute(
            "UPDATE core_event SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, new, row["seq"]]
        )
        prev = new
    con.execute("UPDATE core_chainhead SET hash = ? WHERE id = 1", [prev])


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    source = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "var" / "fazhi.sqlite3")
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-tamper-"))
    try:
        base = tmp / "base.sqlite3"
        with sqlite3.connect(source) as src, sqlite3.connect(base) as dst:
            src.backup(dst)
        con = sqlite3.connect(base)
        seq, head = con.execute("SELECT seq, hash FROM core_chainhead WHERE id = 1").fetchone()
        con.close()
        anchors = tmp / "anchors.json"
        anchors.write_text(json.dumps([{"date": "2026-03-01", "seq": seq, "hash": head}]))
        ok, line = check(base, "--anchor", str(anchors))
        print(f"untouched copy: {'passes' if ok else 'FAILS'} · {line}")
        failures = 0 if ok else 1

        def case(name: str, sql: list[tuple[str, list]], rehash: int | None = None) -> None:
            nonlocal failures
            db = tmp / (hashlib.sha1(name.encode()).hexdigest()[:8] + ".sqlite3")
            shutil.copy(base, db)
            con = sqlite3.connect(db)
            for statement, params in sql:
                con.execute(statement, params)
            if rehash is not None:
                rehash_from(con, rehash)
            con.commit()
            con.close()
            plain_ok, _ = check(db)
            ok, line = check(db, "--anchor", str(anchors))
            caught = not ok
            failures += 0 if caught else 1
            print(
                f"{name}: {'caught' if caught else 'NOT CAUGHT'}"
                f" (without the anchor file: {'passes' if plain_ok else 'caught'}) · {line}"
            )

        case(
            "row changed without event (a legality review's opinion)",
            [
                (
                    "UPDATE legal_legalreview SET opinion = '同意' WHERE id = (SELECT MIN(id) FROM legal_legalreview)",
                    [],
                )
            ],
        )
        case(
            "row deleted without event (a progress report)",
            [("DELETE FROM plans_progress WHERE id = (SELECT MAX(id) FROM plans_progress)", [])],
        )
        case(
            "row created without event (an org unit)",
            [
                (
                    "INSERT INTO core_orgunit (code, name, short_name, aliases, kind, path,"
                    " is_enforcement_agency, uscc, sort_order, active, version) VALUES"
                    " ('D99', '凭空出现的局', '', '', 'department', '/', 0, '', 0, 1, 1)",
                    [],
                )
            ],
        )
        keep = seq - 25
        case(
            "last 25 events deleted, chain head rolled back",
            [
                ("DELETE FROM core_event WHERE seq > ?", [keep]),
                (
                    "UPDATE core_chainhead SET seq = ?, hash = (SELECT hash FROM core_event"
                    " WHERE seq = ?) WHERE id = 1",
                    [keep, keep],
                ),
            ],
        )
        victim = seq // 2
        case(
            f"history rewritten from event #{victim} and re-hashed",
            [("UPDATE core_event SET summary = '改写的历史' WHERE seq = ?", [victim])],
            rehash=victim,
        )
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
