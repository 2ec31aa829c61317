"""Backup and restore of a whole installation: one archive with the database (dumped by
the database's own tools), the attachments (read through Django's storage API, so
S3-compatible object storage works too) and a manifest of row counts, SHA-256 hashes, the
event count, the chain head and the day anchors (core.anchors).

The manifest's chain head and anchors are the copy "outside the database" that a later
``fazhi check-records --anchor ARCHIVE`` compares the chain with. ``restore`` refuses an
archive whose files do not match their hashes, and ends by running check-records: the
restored installation must hold the same events as the manifest says.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from glob import glob
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Chinese)."""


def _version() -> str:
    try:
        return version("fazhi")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


# --- PostgreSQL tools ---------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: FAZHI_PG_BIN if set, else the newest Debian-installed server's
    (as scripts/test.sh finds pg_ctl; a newer pg_dump reads an older server), else PATH."""
    folder = os.environ.get("FAZHI_PG_BIN")
    candidates = [str(Path(folder) / name)] if folder else []

    def major(path: str) -> int:
        part = Path(path).parent.parent.name
        return int(part) if part.isdigit() else 0

    candidates += sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), key=major, reverse=True)
    candidates += [p for p in [shutil.which(name)] if p]
    for c in candidates:
        if os.access(c, os.X_OK):
            return c
    raise BackupError(
        f"找不到 PostgreSQL 工具 {name}：请安装 postgresql-client，或用 FAZHI_PG_BIN 指定其目录"
    )


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    opts = s.get("OPTIONS") or {}
    env = dict(os.environ)
    values = {
        "PGHOST": opts.get("host") or s.get("HOST"),
        "PGPORT": opts.get("port") or s.get("PORT"),
        "PGUSER": opts.get("user") or s.get("USER"),
        "PGPASSWORD": opts.get("password") or s.get("PASSWORD"),
        "PGDATABASE": s.get("NAME"),
    }
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        values[f"PG{key.upper()}"] = opts.get(key)
    env.update({k: str(v) for k, v in values.items() if v not in (None, "")})
    return env


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, env=_pg_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise BackupError(f"{what}失败：{detail[-1] if detail else proc.returncode}")


# --- facts about the database ---------------------------------------------------------------


def _facts(cursor, tables: list[str]) -> dict:
    """Row counts per table, event count, chain head and anchors, read through ``cursor``
    (inside the dump's snapshot, so the manifest describes exactly what was dumped)."""
    q = connection.ops.quote_name
    counts = {}
    for t in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {q(t)}")  # table names from introspection
        counts[t] = cursor.fetchone()[0]
    head, anchors = {"seq": 0, "hash": "0" * 64}, []
    if "core_chainhead" in tables:
        cursor.execute("SELECT seq, hash FROM core_chainhead WHERE id = 1")
        row = cursor.fetchone()
        if row:
            head = {"seq": int(row[0]), "hash": row[1]}
    if "core_chainanchor" in tables:
        cursor.execute("SELECT date, seq, hash FROM core_chainanchor ORDER BY date")
        anchors = [{"date": str(d)[:10], "seq": int(s), "hash": h} for d, s, h in cursor.fetchall()]
    return {
        "tables": counts,
        "events": counts.get("core_event", 0),
        "chain_head": head,
        "anchors": anchors,
    }


def table_counts() -> dict[str, int]:
    with connection.cursor() as cur:
        return _facts(cur, connection.introspection.table_names(cur))["tables"]


# --- files ------------------------------------------------------------------------------------


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    return [
        (m, f)
        for m in apps.get_models()
        for f in m._meta.concrete_fields
        if isinstance(f, models.FileField)
    ]


def _copy(src, dest: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_name(name: str) -> str:
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise BackupError(f"备份文件中有不安全的路径：{name}，拒绝恢复")
    return str(p)


# --- backup -----------------------------------------------------------------------------------


@dataclass
class Result:
    path: Path
    manifest: dict
    seconds: float
    notes: list[str] = field(default_factory=list)


def _dump_database(work: Path) -> tuple[str, dict]:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = work / "database" / "fazhi.sqlite3"
        target.parent.mkdir(parents=True)
        connection.ensure_connection()
        dst = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy while the server keeps writing.
            connection.connection.backup(dst)
            cur = dst.cursor()
            cur.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            facts = _facts(cur, [r[0] for r in cur.fetchall()])
        finally:
            dst.close()
        return "database/fazhi.sqlite3", facts
    if vendor == "postgresql":
        target = work / "database" / "fazhi.dump"
        target.parent.mkdir(parents=True)
        pg_dump = pg_tool("pg_dump")
        if connection.in_atomic_block:
            raise BackupError("备份不能在事务中进行")
        with transaction.atomic(), connection.cursor() as cur:
            # One snapshot for the dump and the manifest's counts and chain head.
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            facts = _facts(cur, connection.introspection.table_names(cur))
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", "-f", str(target)],
                "pg_dump 导出数据库",
            )
        return "database/fazhi.dump", facts
    raise BackupError(f"不支持备份{vendor}数据库（仅支持 PostgreSQL 与 SQLite）")


def backup(dest: str | Path) -> Result:
    """Write one archive into ``dest`` (a folder, or the archive's file name)."""
    started = time.monotonic()
    now = timezone.now()
    as_folder = str(dest).endswith(("/", os.sep))
    dest = Path(dest)
    if as_folder or dest.is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        path = dest / f"fazhi-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
    else:
        path = dest
        path.parent.mkdir(parents=True, exist_ok=True)
    notes = []
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".fazhi-backup-") as tmp:
        work = Path(tmp)
        db_name, facts = _dump_database(work)
        files = {}
        files[db_name] = {
            "sha256": _sha256(work / db_name),
            "size": (work / db_name).stat().st_size,
        }
        missing = []
        seen = set()
        for model, f in file_fields():
            names = (
                model._base_manager.exclude(**{f.attname: ""})
                .exclude(**{f"{f.attname}__isnull": True})
                .values_list(f.attname, flat=True)
                .distinct()
            )
            for name in names.iterator():
                if name in seen:
                    continue
                seen.add(name)
                arc = f"media/{_safe_name(name)}"
                try:
                    with f.storage.open(name, "rb") as src:
                        digest, size = _copy(src, work / arc)
                except (FileNotFoundError, OSError):
                    missing.append(name)
                    continue
                files[arc] = {"sha256": digest, "size": size}
        if missing:
            notes.append(
                f"有{len(missing)}个附件在存储中找不到，未能备份（已记入清单 missing_files）"
            )
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime(now).isoformat(timespec="seconds"),
            "fazhi_version": _version(),
            "database": {"vendor": connection.vendor, "file": db_name},
            **facts,
            "files": files,
            "missing_files": sorted(missing),
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        part = path.with_name(path.name + ".part")
        with tarfile.open(part, "w:gz", compresslevel=6) as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            for arc in sorted(files):
                tar.add(work / arc, arcname=arc)
        os.replace(part, path)
    return Result(path, manifest, time.monotonic() - started, notes)


# --- restore ----------------------------------------------------------------------------------


def read_manifest(archive: str | Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            return json.load(tar.extractfile(MANIFEST))
    except FileNotFoundError as exc:
        raise BackupError(f"找不到备份文件：{archive}") from exc
    except (KeyError, tarfile.TarError, OSError, ValueError, TypeError) as exc:
        raise BackupError(f"{archive}不是 fazhi backup 生成的备份文件，或已损坏：{exc}") from exc


def _extract_verified(archive: Path, work: Path, manifest: dict) -> None:
    """Unpack every file while hashing it; anything not exactly as the manifest says stops
    the restore before the database is touched."""
    listed = manifest.get("files") or {}
    found = set()
    try:
        with tarfile.open(archive) as tar:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                name = _safe_name(member.name)
                if not member.isfile() or name not in listed:
                    raise BackupError(f"备份文件中有清单未列出的内容：{member.name}，拒绝恢复")
                digest, _ = _copy(tar.extractfile(member), work / name)
                if digest != listed[name]["sha256"]:
                    raise BackupError(
                        f"备份文件已损坏：{name}的SHA-256与清单不符，拒绝恢复（请换用另一份备份）"
                    )
                found.add(name)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"备份文件已损坏，无法读取：{exc}") from exc
    if missing := sorted(set(listed) - found):
        raise BackupError(f"备份文件不完整：缺少{'、'.join(missing[:5])}，拒绝恢复")


def _restore_database(work: Path, manifest: dict, force: bool) -> None:
    db_file = work / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        connection.close()
        src, dst = sqlite3.connect(db_file), sqlite3.connect(name)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return
    connection.close()
    cmd = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    if force:
        cmd += ["--clean", "--if-exists"]
    _run([*cmd, "-d", connection.settings_dict["NAME"], str(db_file)], "pg_restore 恢复数据库")


def restore(archive: str | Path, *, force: bool = False, log=print, stdout=None) -> dict:
    """Rebuild the installation DATABASE_URL names from ``archive``; returns the manifest."""
    from django.core.management import call_command

    archive = Path(archive)
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')}")
    vendor = (manifest.get("database") or {}).get("vendor")
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    if vendor != connection.vendor:
        raise BackupError(
            f"备份来自{names.get(vendor, vendor)}数据库，当前 DATABASE_URL 指向"
            f"{names.get(connection.vendor, connection.vendor)}数据库，不能直接恢复"
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError(
            f"目标数据库不是空的（已有{len(tables)}张表），恢复会覆盖其中的数据。"
            "请把 DATABASE_URL 指向一个新建的空数据库；确需覆盖时加 --force"
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-restore-") as tmp:
        work = Path(tmp)
        _extract_verified(archive, work, manifest)
        log(f"备份文件完整：{len(manifest['files'])}个文件的SHA-256与清单一致")
        _restore_database(work, manifest, force)
        media = work / "media"
        n_files = 0
        for path in sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []:
            name = path.relative_to(media).as_posix()
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(path, "rb") as fh:
                saved = default_storage.save(name, File(fh, name=name))
            if saved != name:
                raise BackupError(f"附件{name}恢复后存储名称变为{saved}，请检查存储配置")
            n_files += 1
        log(f"已恢复数据库和{n_files}个附件")
    counts = table_counts()
    expected = manifest.get("tables") or {}
    diff = [t for t in expected if counts.get(t) != expected[t]]
    if diff:
        raise BackupError(
            "恢复后的行数与清单不符："
            + "；".join(f"{t} 清单{expected[t]}行、恢复后{counts.get(t)}行" for t in diff[:5])
        )
    log(f"各表行数与清单一致（{len(expected)}张表，共{sum(expected.values())}行）")
    from django.db.migrations.executor import MigrationExecutor

    if MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    ):
        log("备份来自较早的版本：执行数据库迁移")
        call_command("migrate", interactive=False, verbosity=0)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as fh:
        json.dump(manifest, fh, ensure_ascii=False)
    try:
        call_command("check_records", anchor=[fh.name], stdout=stdout)
    finally:
        os.unlink(fh.name)
    from .models import Event

    restored = Event.objects.count()
    log(f"清单记载事件数：{manifest.get('events')}；恢复后事件数：{restored}")
    if restored != manifest.get("events"):
        raise BackupError("恢复后的事件数与清单不符")
    return manifest


def describe(manifest: dict) -> str:
    head = manifest.get("chain_head") or {}
    return (
        f"{manifest.get('created_at')} · {manifest.get('database', {}).get('vendor')} · "
        f"{len(manifest.get('tables', {}))}张表、{sum(manifest.get('tables', {}).values())}行 · "
        f"{manifest.get('events')}条事件，链头#{head.get('seq')} {str(head.get('hash'))[:16]}… · "
        f"{len(manifest.get('files', {})) - 1}个附件"
    )
