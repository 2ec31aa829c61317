"""`fazhi serve` options: the command line wins over FAZHI_* variables, which win over the
defaults derived from the CPU count; bad values are refused in Chinese before anything
starts. (The server itself: test_production_server.py.)"""

import io

import pytest
from django.core.management import CommandError, call_command

from fazhi import serving
from fazhi.core.management.commands import serve


@pytest.mark.parametrize(("cpus", "workers"), [(1, 3), (2, 5), (4, 9), (64, 12)])
def test_default_workers_follow_the_cpu_count_with_a_ceiling(cpus, workers):
    assert serving.default_workers(cpus) == workers


@pytest.fixture
def started(monkeypatch, tmp_path, settings):
    """What `fazhi serve` would exec, instead of exec'ing it."""
    calls = []
    monkeypatch.setattr(serve, "_exec", lambda path, argv: calls.append(argv))
    settings.STATIC_ROOT = tmp_path / "static"
    for name in ("FAZHI_BIND", "FAZHI_WORKERS", "FAZHI_THREADS", "FAZHI_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    return calls


def option(argv, name):
    return argv[argv.index(name) + 1]


def test_environment_then_command_line(started, monkeypatch):
    monkeypatch.setenv("FAZHI_WORKERS", "7")
    monkeypatch.setenv("FAZHI_THREADS", "3")
    monkeypatch.setenv("FAZHI_BIND", "0.0.0.0:9000")
    out = io.StringIO()
    call_command("serve", stdout=out)
    argv = started[-1]
    assert argv[1:4] == ["-m", "gunicorn", "fazhi.wsgi:application"]
    assert (option(argv, "--workers"), option(argv, "--threads")) == ("7", "3")
    assert option(argv, "--bind") == "0.0.0.0:9000"
    assert option(argv, "--logger-class") == "fazhi.serving.JsonAccessLogger"
    assert "7 个进程 × 3 个线程" in out.getvalue() and "kill -HUP" in out.getvalue()

    call_command("serve", "127.0.0.1:8100", "--workers", "2", stdout=io.StringIO())
    argv = started[-1]
    assert option(argv, "--workers") == "2" and option(argv, "--threads") == "3"
    assert option(argv, "--bind") == "127.0.0.1:8100"


def test_defaults(started, monkeypatch):
    monkeypatch.setattr(serving.os, "cpu_count", lambda: 2)
    call_command("serve", stdout=io.StringIO())
    argv = started[-1]
    assert option(argv, "--workers") == "5" and option(argv, "--threads") == "4"
    assert option(argv, "--bind") == "127.0.0.1:8000"


@pytest.mark.parametrize("value", ["abc", "0", "-2"])
def test_bad_environment_value_is_refused(started, monkeypatch, value):
    monkeypatch.setenv("FAZHI_THREADS", value)
    with pytest.raises(CommandError, match=f"环境变量 FAZHI_THREADS 应为正整数，现为“{value}”"):
        call_command("serve", stdout=io.StringIO())
    assert started == []


def test_bad_option_is_refused(started):
    with pytest.raises(CommandError, match="--workers 应为正整数"):
        call_command("serve", "--workers", "0", stdout=io.StringIO())
    assert started == []


def test_dev_keeps_the_development_server(started, monkeypatch):
    ran = []
    monkeypatch.setattr(serve, "call_command", lambda name, *a, **kw: ran.append((name, a, kw)))
    call_command("serve", "--dev", "127.0.0.1:8200", stdout=io.StringIO())
    assert ran == [("runserver", ("127.0.0.1:8200",), {"use_reloader": False})]
    assert started == []
