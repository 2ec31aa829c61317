from django.core.management import call_command
from django.core.management.base import BaseCommand

from fazhi.core.demo import ACCOUNTS, DEMO_PASSWORD
from fazhi.core.setup import collect_static
from fazhi.demo.builder import already_built, build


class Command(BaseCommand):
    help = "建立示范区演示数据（数据库由 DATABASE_URL 指定，默认 var/ 下的 SQLite），并启动服务"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只建数据，不启动服务")
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="服务地址，默认 127.0.0.1:8000"
        )

    def handle(self, *args, **opts):
        call_command("migrate", interactive=False, verbosity=0)
        if already_built():
            self.stdout.write("示范区演示数据已存在，跳过生成（删除 var/ 目录可重建）。")
        else:
            self.stdout.write("正在生成示范区演示数据……")
            build(out=self.stdout)
        addr = opts["addr"]
        self.stdout.write("")
        self.stdout.write(f"后台：http://{addr}/office/    公开门户：http://{addr}/")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, _unit, _roles, what in ACCOUNTS:
            self.stdout.write(f"  {username:<16} {full_name}  {what}")
        self.stdout.write(
            "  另有各部门、镇街经办人账号，如 d01_clerk（区政府办）、t02_clerk（东城街道），密码相同。"
        )
        if opts["no_serve"]:
            # `fazhi serve` collects them itself; without the server, pages must still render.
            self.stdout.write(f"静态文件已收集到 {collect_static()}")
        else:
            call_command("serve", addr)
