from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.reports.peers import import_dir


class Command(BaseCommand):
    help = "导入他地公开的法治政府建设报告（文件夹中的 .txt / .html），提取数据用于对标"

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, **opts):
        directory = Path(opts["directory"])
        if not directory.is_dir():
            raise CommandError(f"文件夹不存在：{directory}")
        result = import_dir(directory)
        for name in result.imported:
            self.stdout.write(f"已导入：{name}")
            for problem in result.problems.get(name, []):
                self.stdout.write(f"  表格核对不符（数字按原文照录）：{problem}")
        for name in result.skipped:
            self.stdout.write(f"已存在，跳过：{name}")
        for name, message in result.errors:
            self.stderr.write(f"{name}：{message}")
        self.stdout.write(
            f"导入{len(result.imported)}份报告、{result.figures}项数据；"
            f"跳过{len(result.skipped)}份；失败{len(result.errors)}份"
        )
        if result.errors and not result.imported and not result.skipped:
            raise CommandError("没有可导入的报告")
