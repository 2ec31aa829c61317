"""`fazhi serve`: the production server (gunicorn, see fazhi/serving.py) or, with --dev,
Django's development server."""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi import serving
from fazhi.core.setup import collect_static

# Replaced in tests that check the command line without starting a server.
_exec = os.execv


class Command(BaseCommand):
    help = (
        "收集静态文件并启动服务（gunicorn，默认 127.0.0.1:8000；--dev 为开发服务器）。"
        "平滑重启：kill -HUP 主进程号"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", help="监听地址，默认 FAZHI_BIND 或 127.0.0.1:8000"
        )
        parser.add_argument("--bind", help="同 addrport，如 127.0.0.1:8000 或 unix:/run/fazhi.sock")
        parser.add_argument("--workers", type=int, help="工作进程数（默认 2×CPU核数+1，最多12）")
        parser.add_argument("--threads", type=int, help="每个进程的线程数（默认 4）")
        parser.add_argument("--timeout", type=int, help="单个请求的超时秒数（默认 120）")
        parser.add_argument("--dev", action="store_true", help="使用 Django 开发服务器（调试用）")

    def handle(self, *args, **opts):
        for name in ("workers", "threads", "timeout"):
            if opts[name] is not None and opts[name] < 1:
                raise CommandError(f"--{name} 应为正整数")
        bind = opts["bind"] or opts["addrport"]
        try:
            options = serving.server_options(
                bind, opts["workers"], opts["threads"], opts["timeout"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        folder = collect_static()
        self.stdout.write(f"静态文件已收集到 {folder}")
        if opts["dev"]:
            call_command("runserver", options["bind"], use_reloader=False)
            return
        self.stdout.write(
            f"启动 gunicorn：{options['workers']} 个进程 × {options['threads']} 个线程，"
            f"地址 {options['bind']}，主进程号 {os.getpid()}（kill -HUP {os.getpid()} 平滑重启）"
        )
        self.stdout.flush()
        sys.stderr.flush()
        argv = serving.gunicorn_argv(options)
        _exec(argv[0], argv)
