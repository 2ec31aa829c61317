"""Is this installation fit to serve? Used by `/healthz` (the load balancer's probe) and by
the `fazhi` command before it runs anything against the database."""

from __future__ import annotations

import datetime as dt
import functools

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import CalendarYear, JobRun
from .services import today


def database_error(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """None when a query goes through, else the driver's one-line reason."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        return lines[0] if lines else type(exc).__name__
    return None


@functools.cache
def _migrations_on_disk() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """Every migration the code ships, with what a squashed one replaces (read once: the
    files do not change while the process runs)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key: tuple(m.replaces or ()) for key, m in loader.disk_migrations.items()}


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str] | None:
    """The migrations not yet applied, as "app.name"; None when the database has never been
    migrated (no migration table). One query."""
    connection = connections[alias]
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return None
    applied = set(recorder.applied_migrations())
    disk = _migrations_on_disk()
    squashed_into = {old: key for key, replaces in disk.items() for old in replaces}
    missing = []
    for key, replaces in sorted(disk.items()):
        if (
            key in applied
            or (replaces and all(r in applied for r in replaces))
            or squashed_into.get(key) in applied
        ):
            continue
        missing.append(f"{key[0]}.{key[1]}")
    return missing


def last_job_run() -> dt.datetime | None:
    """When the scheduled jobs (`fazhi jobs run`) last finished a job, or None when none
    has run yet or the table cannot be read."""
    try:
        return JobRun.objects.aggregate(last=Max("finished_at"))["last"]
    except DatabaseError:
        return None
    return None


def checks() -> dict[str, dict]:
    """Each check: ok, and a Chinese detail. The jobs check is informational (it never fails
    the probe): jobs run on one machine, and taking every app server out of the load
    balancer because the timer is late would turn a late reminder into an outage."""
    out: dict[str, dict] = {}
    error = database_error()
    if error:
        out["database"] = {"ok": False, "detail": "数据库无法连接"}
        return out
    out["database"] = {"ok": True, "detail": "数据库可连接"}
    try:
        missing = unapplied_migrations()
    except DatabaseError:
        missing = None
    if missing is None:
        out["migrations"] = {"ok": False, "detail": "数据库尚未初始化（未执行 fazhi migrate）"}
    elif missing:
        out["migrations"] = {
            "ok": False,
            "detail": f"有 {len(missing)} 个数据库迁移尚未执行",
            "unapplied": missing,
        }
    else:
        out["migrations"] = {"ok": True, "detail": "数据库迁移均已执行"}
    year = today().year
    try:
        loaded = CalendarYear.objects.filter(year=year).exists()
    except DatabaseError:
        loaded = False
    out["calendar"] = {
        "ok": loaded,
        "year": year,
        "detail": f"{year} 年工作日历已载入" if loaded else f"{year} 年工作日历未载入",
    }
    last = last_job_run()
    out["jobs"] = {
        "ok": True,
        "last_run": last.isoformat() if last else None,
        "detail": f"定时任务最近运行于 {timezone.localtime(last):%Y-%m-%d %H:%M}"
        if last
        else "定时任务最近运行时间未知",
    }
    return out


@never_cache
@require_safe
def healthz(request):
    """200 when every check passes, else 503 naming the failing ones. Anonymous; says
    nothing about hosts, credentials or versions."""
    result = checks()
    failing = [name for name, check in result.items() if not check["ok"]]
    return JsonResponse(
        {"status": "ok" if not failing else "error", "failing": failing, "checks": result},
        status=200 if not failing else 503,
        json_dumps_params={"ensure_ascii": False},
    )
