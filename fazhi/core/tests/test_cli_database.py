"""The `fazhi` command on a database it cannot use: one Chinese line, exit 1, no traceback."""

import os
import sqlite3
import subprocess
import sys

import pytest


def run_fazhi(tmp_path, database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "FAZHI_VAR": str(tmp_path / "var")}
    done = subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = (done.stdout + done.stderr).strip()
    return done.returncode, output


def assert_one_line(output, starts):
    assert "Traceback" not in output, output
    assert len(output.splitlines()) == 1, output
    assert output.startswith(starts), output


@pytest.mark.parametrize("command", [["check-records"], ["serve", "127.0.0.1:0"], ["migrate"]])
def test_unreachable_postgresql(tmp_path, command):
    url = f"postgres://fazhi@/fazhi?host={tmp_path}/no-server&port=5999"
    rc, output = run_fazhi(tmp_path, url, *command)
    assert rc == 1
    assert_one_line(output, "数据库无法连接：")
    assert "请检查 DATABASE_URL" in output


def test_unopenable_sqlite_file(tmp_path):
    rc, output = run_fazhi(tmp_path, f"sqlite:///{tmp_path}/missing-dir/x.sqlite3", "migrate")
    assert rc == 1
    assert_one_line(output, "数据库无法连接：")


def test_never_migrated_database(tmp_path):
    url = f"sqlite:///{tmp_path}/empty.sqlite3"
    for command in (
        ["check-records"],
        ["documents", "expire"],
        ["workdays", "add", "2025-09-26", "10"],
    ):
        rc, output = run_fazhi(tmp_path, url, *command)
        assert rc == 1, command
        assert output == "数据库尚未初始化，请先运行 fazhi migrate"


def test_partly_migrated_database(tmp_path):
    path = tmp_path / "partial.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE django_migrations (id integer PRIMARY KEY AUTOINCREMENT,"
            " app varchar(255), name varchar(255), applied datetime)"
        )
        db.execute(
            "INSERT INTO django_migrations (app, name, applied)"
            " VALUES ('contenttypes', '0001_initial', '2025-01-01')"
        )
    rc, output = run_fazhi(tmp_path, f"sqlite:///{path}", "check-records")
    assert rc == 1
    assert_one_line(output, "数据库有 ")
    assert output.endswith("个迁移尚未执行（如 admin.0001_initial），请先运行 fazhi migrate")


def test_unknown_database_scheme(tmp_path):
    rc, output = run_fazhi(tmp_path, "oracle-ish://x/y", "check-records")
    assert rc == 1
    assert_one_line(output, "配置有误：")
