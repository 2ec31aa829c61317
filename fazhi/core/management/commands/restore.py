import time

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, describe, read_manifest, restore


class Command(BaseCommand):
    help = (
        "从 fazhi backup 的备份文件恢复到 DATABASE_URL 指向的空数据库：校验哈希、恢复数据库和附件，"
        "再运行 check-records（事件数须与清单一致）"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库不是空的时仍然恢复（覆盖其中的数据）"
        )

    def handle(self, *args, **opts):
        started = time.monotonic()
        try:
            self.stdout.write("备份：" + describe(read_manifest(opts["archive"])))
            restore(opts["archive"], force=opts["force"], log=self.stdout.write, stdout=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"恢复完成，用时{time.monotonic() - started:.1f}秒")
