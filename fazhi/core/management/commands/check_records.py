from django.core.management.base import BaseCommand, CommandError

from fazhi.core.events import verify_chain
from fazhi.core.models import Event


class Command(BaseCommand):
    help = "校验全过程记录的哈希链，列出被篡改、删除或插入的事件"

    def handle(self, *args, **opts):
        total = Event.objects.count()
        problems = list(verify_chain())
        if problems:
            for p in problems:
                self.stderr.write(p.message)
            raise CommandError(f"校验未通过：{total}条事件中发现{len(problems)}处问题")
        self.stdout.write(f"校验通过：{total}条事件的哈希链完整")
