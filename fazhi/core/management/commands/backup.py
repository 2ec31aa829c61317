from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup, describe


class Command(BaseCommand):
    help = "备份：数据库（PostgreSQL 用 pg_dump，SQLite 用在线备份）、附件和清单，写成一个备份文件"

    def add_arguments(self, parser):
        parser.add_argument("dest", help="备份目录（自动命名）或备份文件名（.tar.gz）")

    def handle(self, *args, **opts):
        try:
            result = backup(opts["dest"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in result.notes:
            self.stderr.write(note)
        size = result.path.stat().st_size
        self.stdout.write(
            f"已备份到 {result.path}（{size / 1e6:.1f} MB，用时{result.seconds:.1f}秒）"
        )
        self.stdout.write(describe(result.manifest))
