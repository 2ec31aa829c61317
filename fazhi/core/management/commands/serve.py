from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "收集静态文件并启动服务（默认 127.0.0.1:8000）"

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **opts):
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("runserver", opts["addrport"], use_reloader=False)
