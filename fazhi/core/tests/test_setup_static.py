"""Every way of setting up leaves static files collected, so pages render with DEBUG off:
`fazhi migrate` (a fresh install), `fazhi demo --no-serve`; `fazhi serve` is covered by
test_production_server.py."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from fazhi.testing import database_url


@pytest.mark.django_db(transaction=True)  # no open transaction: the subprocess migrates
def test_migrate_collects_hashed_compressed_static_files(tmp_path):
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DEBUG"))}
    env.update(DATABASE_URL=database_url(connection), FAZHI_VAR=str(var))
    done = subprocess.run(
        [sys.executable, "-m", "fazhi", "migrate", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"静态文件已收集到 {var / 'static'}" in done.stdout
    manifest = json.loads((var / "static" / "staticfiles.json").read_text())["paths"]
    hashed = manifest["fazhi/app.css"]
    assert hashed != "fazhi/app.css" and (var / "static" / hashed).is_file()
    assert (var / "static" / f"{hashed}.gz").is_file()
    assert "vendor/bootstrap/css/bootstrap.min.css" in manifest


def test_demo_without_server_collects_static_files(db, tmp_path, monkeypatch):
    from fazhi.demo.management.commands import demo

    monkeypatch.setattr(demo, "already_built", lambda: True)  # the build itself: test_demo.py
    out = io.StringIO()
    with override_settings(STATIC_ROOT=tmp_path / "static"):
        call_command("demo", "--no-serve", stdout=out)
    assert f"静态文件已收集到 {tmp_path / 'static'}" in out.getvalue()
    assert (tmp_path / "static" / "fazhi" / "app.css").is_file()
    assert (tmp_path / "static" / "vendor" / "bootstrap" / "css" / "bootstrap.min.css").is_file()
