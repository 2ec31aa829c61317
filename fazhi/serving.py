"""The production server: how `fazhi serve` starts gunicorn, and its JSON access log.

gunicorn, because it is a pure-Python prefork server (no compiler on the server), long
maintained and packaged by Debian, and restarts gracefully: ``kill -HUP <master pid>`` starts
new workers that import the code afresh, then lets the old ones finish their requests.
This module imports no Django, so the gunicorn master stays small and a HUP reloads the code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

from gunicorn.glogging import Logger

# More workers than this only add memory and database connections on one machine.
MAX_WORKERS = 12
DEFAULT_THREADS = 4
DEFAULT_TIMEOUT = 120


def default_workers(cpus: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × cores + 1, capped at MAX_WORKERS."""
    cpus = cpus or os.cpu_count() or 1
    return max(1, min(2 * cpus + 1, MAX_WORKERS))


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"环境变量 {name} 应为正整数，现为“{raw}”") from None
    if value < 1:
        raise ValueError(f"环境变量 {name} 应为正整数，现为“{raw}”")
    return value


def server_options(
    bind: str | None = None,
    workers: int | None = None,
    threads: int | None = None,
    timeout: int | None = None,
) -> dict[str, object]:
    """The effective options: the command line first, then FAZHI_BIND / FAZHI_WORKERS /
    FAZHI_THREADS / FAZHI_TIMEOUT, then defaults from the CPU count."""
    return {
        "bind": bind or os.environ.get("FAZHI_BIND", "").strip() or "127.0.0.1:8000",
        "workers": workers or _env_int("FAZHI_WORKERS", default_workers()),
        "threads": threads or _env_int("FAZHI_THREADS", DEFAULT_THREADS),
        "timeout": timeout or _env_int("FAZHI_TIMEOUT", DEFAULT_TIMEOUT),
    }


def gunicorn_argv(options: dict[str, object]) -> list[str]:
    """The command line that runs gunicorn with these options (see server_options)."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "fazhi.wsgi:application",
        "--bind",
        str(options["bind"]),
        "--workers",
        str(options["workers"]),
        "--threads",
        str(options["threads"]),
        "--worker-class",
        "gthread",
        "--timeout",
        str(options["timeout"]),
        "--graceful-timeout",
        "30",
        # No keep-alive: a gthread worker keeps every connection it accepted, so a burst of
        # keep-alive clients (or a proxy's pooled upstream connections) lands on one worker
        # and queues there while the others idle (measured with bench/load.py: anonymous
        # users all on one of five workers, p50 3.6 s against 0.4-0.8 s in the server).
        # Closing after each response lets every request go to a free worker.
        "--keep-alive",
        "0",
        # Recycle workers now and then, staggered, so a slow leak never grows unbounded.
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--logger-class",
        "fazhi.serving.JsonAccessLogger",
        # Several servers on one machine (tests, benchmarks) must not share one socket.
        "--no-control-socket",
    ]
    return argv


def _wsgi_str(value: str) -> str:
    """WSGI carries the path as latin-1 decoded bytes; show the UTF-8 text (Chinese paths)."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


class JsonAccessLogger(Logger):
    """One JSON object per request on the access log (stdout under `fazhi serve`).

    Keys: time (ISO 8601, UTC), remote (peer address), forwarded_for (X-Forwarded-For as the
    proxy sent it), method, path (without the query string, which may hold a citizen's search
    words), status, bytes, duration_ms, referer, user_agent, pid.
    """

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        try:
            status = int(status)
        except (TypeError, ValueError):
            pass
        record = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "remote": environ.get("REMOTE_ADDR", ""),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": _wsgi_str(environ.get("PATH_INFO", "")),
            "status": status,
            "bytes": getattr(resp, "sent", None) or 0,
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "referer": environ.get("HTTP_REFERER", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "pid": os.getpid(),
        }
        self.access_log.info("%s", json.dumps(record, ensure_ascii=False))
