"""Helpers for tests that read the shared seed documents.

The seeds are real published reports kept in ``shared/seeds/`` beside the repository
(CI clones the repository with ``shared/`` next to it); their text is not copied into
the project. ``FAZHI_SHARED_DIR`` names another ``shared`` folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    env = os.environ.get("FAZHI_SHARED_DIR")
    candidates = [Path(env) / "seeds"] if env else []
    candidates += [_REPO.parent / "shared" / "seeds", _REPO / "shared" / "seeds"]
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError(
        "找不到种子文档目录 shared/seeds（应与仓库并列），可用环境变量 FAZHI_SHARED_DIR 指定 shared 目录"
    )


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (e.g. "004")."""
    matches = sorted(seeds_dir().glob(f"{prefix}*.txt"))
    if not matches:
        raise FileNotFoundError(f"种子文档 {prefix}* 不存在")
    return matches[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def database_url(connection) -> str:
    """The database a test runs on, as DATABASE_URL for a `fazhi` subprocess."""
    from urllib.parse import quote

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    options = s.get("OPTIONS") or {}
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    host = s.get("HOST") or options.get("host") or ""
    port = s.get("PORT") or options.get("port") or 5432
    url = f"postgres://{auth}@/{quote(s['NAME'])}?port={port}"
    return url + (f"&host={quote(host)}" if host else "")
