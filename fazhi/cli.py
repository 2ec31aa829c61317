"""The ``fazhi`` command: Django's manage.py with the project's own verbs.

fazhi demo [--no-serve]        build the demo district 示范区 (and serve it)
fazhi serve [ADDR:PORT]        collect static files and serve with gunicorn (default
                               127.0.0.1:8000; --workers/--threads, --dev: runserver)
fazhi workdays add DATE N      due date N working days after DATE
fazhi workdays between D1 D2   working days after D1 up to and including D2
fazhi workdays import-notice FILE [--yes] [--replace]
                               load a year's calendar from the State Council's 放假通知
fazhi check-records [--anchor FILE]  verify the full-process record (chain, record
                               states, anchors kept outside the database)
fazhi backup DEST              database, attachments and manifest in one archive
fazhi restore ARCHIVE [--force]  rebuild an empty installation from a backup
fazhi jobs run [--today D]     run every scheduled duty (every 10 minutes; idempotent)
fazhi jobs list                scheduled duties and their last runs
fazhi inspections verify TASK   recompute a 双随机 draw from its seed and snapshot (exit 1
                               when the result differs)
fazhi extract FILE...          read published reports (see reports/extract)
fazhi disclosure report --year Y [--unit CODE] --format docx|html --out FILE
                               the 政府信息公开工作年度报告 in the national template
fazhi mediation import-disputes FILE --unit CODE
                               a township's 人民调解台账 (XLSX/CSV, all rows or none)
fazhi migrate | shell | …      any manage.py command (migrate also collects static files)

On a database that cannot be reached or is not migrated, every command says so in one
Chinese line and exits 1 (add --traceback to see the Python traceback instead).
"""

from __future__ import annotations

import os
import sys

ALIASES = {"check-records": "check_records", "import-peer-reports": "import_peer_reports"}

# Commands that never touch the database.
NO_DATABASE = {
    "check",
    "collectstatic",
    "compilemessages",
    "diffsettings",
    "findstatic",
    "help",
    "makemessages",
    "makemigrations",
    "sendtestemail",
    "startapp",
    "startproject",
    "version",
}
# Commands that need the database reachable but not (fully) migrated.
BEFORE_MIGRATE = {
    "createcachetable",
    "dbshell",
    "demo",
    "flush",
    "inspectdb",
    "migrate",
    "optimizemigration",
    "restore",
    "shell",
    "showmigrations",
    "sqlflush",
    "sqlmigrate",
    "sqlsequencereset",
    "squashmigrations",
    "test",
    "testserver",
}


def _first_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def database_problem(command: str) -> str | None:
    """One Chinese line when ``command`` cannot run on the configured database."""
    if command in NO_DATABASE:
        return None
    from django.db.utils import DatabaseError

    from fazhi.core.health import database_error, unapplied_migrations

    error = database_error()
    if error:
        return f"数据库无法连接：{error}（请检查 DATABASE_URL 和数据库服务）"
    if command in BEFORE_MIGRATE:
        return None
    try:
        missing = unapplied_migrations()
    except DatabaseError as exc:
        return f"数据库无法读取：{_first_line(exc)}"
    if missing is None:
        return "数据库尚未初始化，请先运行 fazhi migrate"
    if missing:
        return f"数据库有 {len(missing)} 个迁移尚未执行（如 {missing[0]}），请先运行 fazhi migrate"
    return None


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
    wants_traceback = "--traceback" in argv
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import DatabaseError

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as exc:
        if wants_traceback:
            raise
        print(f"配置有误：{_first_line(exc)}", file=sys.stderr)
        return 1
    if argv and not argv[0].startswith("-") and not {"-h", "--help"} & set(argv):
        problem = database_problem(argv[0])
        if problem:
            print(problem, file=sys.stderr)
            return 1
    try:
        execute_from_command_line(["fazhi", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0) if not isinstance(exc.code, str) else 1
        if code:
            return code
    except DatabaseError as exc:
        # Lost mid-command (server stopped, a table missing): one line, not a traceback.
        if wants_traceback:
            raise
        print(f"数据库错误：{_first_line(exc)}", file=sys.stderr)
        return 1
    if argv and argv[0] == "migrate" and not {"-h", "--help"} & set(argv):
        from fazhi.core.setup import collect_static

        print(f"静态文件已收集到 {collect_static()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
