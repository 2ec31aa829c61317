"""The ``fazhi`` command: Django's manage.py with the project's own verbs.

fazhi demo [--no-serve]        build the demo district 示范区 (and serve it)
fazhi serve [ADDR:PORT]        collect static files and serve (default 127.0.0.1:8000)
fazhi workdays add DATE N      due date N working days after DATE
fazhi workdays between D1 D2   working days after D1 up to and including D2
fazhi check-records            verify the hash chain of the full-process record
fazhi jobs run [--today D]     run every scheduled duty (every 10 minutes; idempotent)
fazhi jobs list                scheduled duties and their last runs
fazhi extract FILE...          read published reports (see reports/extract)
fazhi migrate | shell | …      any manage.py command
"""

from __future__ import annotations

import os
import sys

ALIASES = {"check-records": "check_records", "import-peer-reports": "import_peer_reports"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if argv and argv[0] == "extract":
        from fazhi.reports.extract.cli import main as extract_main

        return extract_main(argv[1:])
    if argv and argv[0] in ("-h", "--help", "help") and len(argv) == 1:
        print(__doc__)
        return 0
    if argv:
        argv[0] = ALIASES.get(argv[0], argv[0])
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["fazhi", *argv])
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
