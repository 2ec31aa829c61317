import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.enforcement.importer_cases import read
from fazhi.enforcement.services.ledger import import_cases


class Command(BaseCommand):
    help = (
        "行政执法：enforcement import 文件.xlsx --source 台账名称 导入执法案件台账（全部校验通过才写入，"
        "按案号更新已导入的案件；显示进度）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="导入执法案件台账（XLSX 或 CSV）")
        imp.add_argument("path")
        imp.add_argument("--source", required=True, help="数据来源，如“市场监管局2024年执法台账”")

    def _progress(self, total: int | None):
        started = time.monotonic()
        label = {"check": "校验", "write": "写入"}

        def show(phase: str, n: int) -> None:
            rate = n / max(time.monotonic() - started, 0.001)
            if total:
                done = min(n / total, 1)
                bar = "#" * int(done * 30)
                sys.stderr.write(f"\r{label[phase]} [{bar:<30}] {n}/{total} 行（每秒{rate:.0f}行）")
            else:
                sys.stderr.write(f"\r{label[phase]} {n} 行（每秒{rate:.0f}行）")
            sys.stderr.flush()

        return show

    def handle(self, *args, **opts):
        path = opts["path"]
        try:
            with open(path, "rb") as f:
                total = None
                if path.lower().endswith(".xlsx"):
                    from openpyxl import load_workbook

                    wb = load_workbook(f, read_only=True)
                    total = max((wb.worksheets[0].max_row or 1) - 1, 0) or None
                    wb.close()
                    f.seek(0)
                result = import_cases(
                    read(path, f), actor=None, source=opts["source"], progress=self._progress(total)
                )
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        sys.stderr.write("\n")
        if result.errors:
            for line in result.errors[:200]:
                self.stderr.write(line)
            more = len(result.errors) - 200
            raise CommandError(
                f"共{len(result.errors)}处错误"
                + (f"（另有{more}处未列出）" if more > 0 else "")
                + "，未导入任何案件"
            )
        self.stdout.write(
            f"已导入：新增{result.created}件，更新{result.updated}件（共{result.rows}行）"
        )
