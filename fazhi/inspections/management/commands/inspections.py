import re
import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.inspections.models import Entity, InspectionTask
from fazhi.inspections.services import import_entities, verify_task


class Command(BaseCommand):
    help = (
        "双随机、一公开：inspections verify 任务编号 按公布的随机种子和名录库快照重新抽取，"
        "核对抽取结果（一致退出码0，不一致退出码1）；inspections import-entities 文件 "
        "导入检查对象名录库（逐行报错，全部校验通过才写入，显示进度）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ver = sub.add_parser("verify", help="核验抽查任务的抽取结果")
        ver.add_argument("task_id", type=int)
        ver.add_argument(
            "--published",
            help="公布的抽取结果文件（每行：风险分类、统一社会信用代码、检查人员，以制表符分隔）；"
            "不填则核对平台保存的结果",
        )
        imp = sub.add_parser(
            "import-entities", help="导入检查对象名录库（XLSX 或 CSV，按统一社会信用代码更新）"
        )
        imp.add_argument("path")
        imp.add_argument(
            "--unit",
            help="维护名录库的单位编码（如 D23）；不填则为现有名录库的维护单位",
        )

    def handle(self, *args, **opts):
        if opts["verb"] == "import-entities":
            return self._import(opts["path"], opts.get("unit"))
        return self._verify(opts)

    def _verify(self, opts):
        task = InspectionTask.objects.filter(pk=opts["task_id"]).first()
        if task is None:
            raise CommandError(f"没有编号为{opts['task_id']}的抽查任务")
        lines = None
        if opts.get("published"):
            try:
                with open(opts["published"], encoding="utf-8-sig") as f:
                    lines = f.read().splitlines()
            except OSError as e:
                raise CommandError(f"无法读取文件：{opts['published']}（{e.strerror}）") from None
        problems = verify_task(task, lines)
        if not problems:
            self.stdout.write(
                f"一致：抽查任务“{task.title}”的抽取结果与按种子和快照重新抽取的结果一致"
            )
            return
        self.stdout.write(f"不一致：抽查任务“{task.title}”")
        for p in problems:
            self.stdout.write(f"  {p}")
        sys.exit(1)

    def _unit(self, code: str | None) -> OrgUnit:
        """The unit given, or the one that keeps the pool already (the pool has one keeper,
        the 市场监管 department)."""
        if code:
            unit = OrgUnit.objects.filter(code=code.strip()).first()
            if unit is None:
                raise CommandError(f"没有编码为{code}的单位")
            return unit
        keepers = list(Entity.objects.order_by().values_list("unit_id", flat=True).distinct()[:2])
        if len(keepers) != 1:
            raise CommandError("请用 --unit 指定维护检查对象名录库的单位编码")
        return OrgUnit.objects.get(pk=keepers[0])

    def _progress(self, total: int | None):
        started = time.monotonic()

        def show(n: int) -> None:
            rate = n / max(time.monotonic() - started, 0.001)
            if total:
                bar = "#" * int(min(n / total, 1) * 30)
                self.stderr.write(
                    f"\r导入 [{bar:<30}] {n}/{total} 行（每秒{rate:.0f}行）", ending=""
                )
            else:
                self.stderr.write(f"\r导入 {n} 行（每秒{rate:.0f}行）", ending="")
            self.stderr.flush()

        return show

    @staticmethod
    def _total(path: str, f) -> int | None:
        """The data rows to expect, for the progress bar: XLSX from its dimension, CSV by
        counting line ends (one pass over the bytes, before the import reads it)."""
        head = f.read(4)
        f.seek(0)
        if head == b"PK\x03\x04":
            from openpyxl import load_workbook

            try:
                wb = load_workbook(f, read_only=True)
                rows = wb.worksheets[0].max_row
                wb.close()
            except Exception:
                rows = None  # the import itself reports the unreadable file
            f.seek(0)
            return max(rows - 1, 0) or None if rows else None
        lines, last = 0, b""
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
        f.seek(0)
        if last and last != b"\n":
            lines += 1
        return max(lines - 1, 0) or None

    def _import(self, path: str, code: str | None):
        unit = self._unit(code)
        started = time.monotonic()
        try:
            with open(path, "rb") as f:
                result = import_entities(
                    f,
                    unit=unit,
                    actor=None,
                    on=timezone.localdate(),
                    progress=self._progress(self._total(path, f)),
                )
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except OSError as e:
            raise CommandError(f"无法读取文件：{path}（{e.strerror}）") from None
        except ValidationError as e:
            self.stderr.write("")
            messages = e.messages
            rows = [m for m in messages if m.startswith("第")]
            if len(messages) == 1 or not rows:
                raise CommandError("；".join(messages)) from None
            listed = messages[:-1]
            for m in listed:
                self.stderr.write(m)
            more = re.match(r"另有(\d+)行", listed[-1])
            count = len(rows) + (int(more.group(1)) if more else 0)
            raise CommandError(f"共{count}行有错误，未导入任何检查对象；请改正后重新导入") from None
        took = time.monotonic() - started
        self.stderr.write("")
        self.stdout.write(
            f"已导入{unit}的检查对象名录库：新增{result.created}家，更新{result.updated}家，"
            f"未变{result.unchanged}家（共{result.rows}行，用时{took:.1f}秒，"
            f"每秒{result.rows / max(took, 0.001):.0f}行）"
        )
