"""Backup and restore (issue 11 point 4): one archive; restored into a fresh database it
gives identical table counts, the attachments, and a record check that passes with the
manifest's event count. A corrupted archive or a non-empty database is refused in Chinese.

The restore runs as its own process, as an operator runs it: DATABASE_URL names the new
database and FAZHI_VAR a new attachment folder.
"""

import datetime as dt
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core import anchors, backup, services
from fazhi.core.models import Attachment, Event

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def filled(district, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    att = services.attach(
        district["sfj"],
        SimpleUploadedFile("执法决定书.pdf", PDF),
        actor=people["sfj_clerk"],
        unit=district["sfj"],
    )
    anchors.anchor_today(dt.date(2025, 3, 1))
    return att


def _restore(archive: Path, tmp_path: Path, database_url: str, *extra: str):
    var = tmp_path / "restored-var"
    var.mkdir(exist_ok=True)
    env = dict(os.environ, DATABASE_URL=database_url, FAZHI_VAR=str(var))
    env.pop("FAZHI_TESTING", None)
    proc = subprocess.run(
        [sys.executable, "-m", "fazhi", "restore", str(archive), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc, var


def _backup(tmp_path: Path) -> tuple[Path, dict]:
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))
    return archive, backup.read_manifest(archive)


def _check_restored(proc, var, att, manifest, source_counts):
    assert proc.returncode == 0, proc.stderr
    n = Event.objects.count()
    assert manifest["events"] == n
    assert f"清单记载事件数：{n}；恢复后事件数：{n}" in proc.stdout
    assert "校验通过" in proc.stdout
    assert manifest["tables"] == source_counts
    assert (var / "media" / att.file.name).read_bytes() == PDF


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run")
@pytest.mark.django_db(transaction=True)
def test_backup_restore_sqlite(filled, tmp_path):
    archive, manifest = _backup(tmp_path)
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["chain_head"]["seq"] == Event.objects.count()
    assert manifest["anchors"][0]["date"] == "2025-03-01"
    source_counts = backup.table_counts()
    target = tmp_path / "restored.sqlite3"
    proc, var = _restore(archive, tmp_path, f"sqlite:///{target}")
    _check_restored(proc, var, filled, manifest, source_counts)
    # The restored file, counted independently of fazhi.
    db = sqlite3.connect(target)
    try:
        for table, n in source_counts.items():
            assert db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == n, table
    finally:
        db.close()
    # Restoring again over the now non-empty database is refused, unless forced.
    again, _ = _restore(archive, tmp_path, f"sqlite:///{target}")
    assert again.returncode != 0 and "目标数据库不是空的" in again.stderr
    forced, _ = _restore(archive, tmp_path, f"sqlite:///{target}", "--force")
    assert forced.returncode == 0, forced.stderr


@pytest.mark.django_db(transaction=True)
def test_corrupted_archive_is_refused(filled, tmp_path):
    archive, _ = _backup(tmp_path)
    # Rewrite the archive with one attachment's bytes changed, manifest untouched.
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data.replace(b"1.7", b"1.6")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match=r"备份文件已损坏：media/.*SHA-256与清单不符"):
        call_command("restore", str(bad), force=True, stdout=open(os.devnull, "w"))
    # Nothing was touched: the installation still verifies and holds its attachment.
    call_command("check_records", stdout=open(os.devnull, "w"))
    assert Attachment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_non_empty_database_is_refused(filled, tmp_path):
    archive, _ = _backup(tmp_path)
    with pytest.raises(CommandError, match=r"目标数据库不是空的.*--force"):
        call_command("restore", str(archive), stdout=open(os.devnull, "w"))


@pytest.mark.django_db(transaction=True)
def test_manifest_is_an_anchor_file(filled, tmp_path):
    """A previous backup is the copy the database does not hold: the chain head it
    recorded must still be there."""
    archive, manifest = _backup(tmp_path)
    call_command("check_records", anchor=[str(archive)], stdout=open(os.devnull, "w"))
    head = manifest["chain_head"]["seq"]
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_event WHERE seq = %s", [head])
        cur.execute(
            "UPDATE core_chainhead SET seq = seq - 1, hash = (SELECT hash FROM core_event"
            " WHERE seq = %s)",
            [head - 1],
        )
    with pytest.raises(CommandError):
        call_command("check_records", anchor=[str(archive)], stderr=open(os.devnull, "w"))


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    opts = s.get("OPTIONS") or {}
    host = opts.get("host") or s.get("HOST") or ""
    port = opts.get("port") or s.get("PORT") or ""
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@/{name}?host={host}&port={port}"


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL run")
@pytest.mark.django_db(transaction=True)
def test_backup_restore_postgresql(filled, tmp_path):
    archive, manifest = _backup(tmp_path)
    assert manifest["database"] == {"vendor": "postgresql", "file": "database/fazhi.dump"}
    source_counts = backup.table_counts()
    name = f"fazhi_restore_{os.getpid()}"
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        proc, var = _restore(archive, tmp_path, _pg_url(name))
        _check_restored(proc, var, filled, manifest, source_counts)
    finally:
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_attachments_are_read_through_the_storage_api(district, people, settings, tmp_path):
    """With object storage (here Django's in-memory storage) nothing is on local disk: the
    backup still carries every attachment, read through the storage API."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "not-used"
    att = services.attach(
        district["sfj"],
        SimpleUploadedFile("执法决定书.pdf", PDF),
        actor=people["sfj_clerk"],
        unit=district["sfj"],
    )
    assert not (tmp_path / "not-used").exists()
    archive, manifest = _backup(tmp_path)
    entry = manifest["files"][f"media/{att.file.name}"]
    assert entry["sha256"] == att.sha256
    with tarfile.open(archive) as tar:
        assert tar.extractfile(f"media/{att.file.name}").read() == PDF
