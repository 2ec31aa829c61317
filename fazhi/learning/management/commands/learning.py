"""``fazhi learning import-officials FILE --unit CODE``: a unit's 干部名录 (XLSX/CSV), all
rows or none, every bad row named by its line; a second import updates by 人员编号 (or the
name within the unit) instead of duplicating (services/officials.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import OrgUnit
from fazhi.learning.services import officials as svc


class Command(BaseCommand):
    help = "学法用法：learning import-officials 文件 --unit 单位编码"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser(
            "import-officials",
            help="导入单位的干部名录（XLSX 或 CSV；全部校验通过才写入，再次导入时更新）",
        )
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="单位编码")

    def handle(self, *args, **opts):
        if opts["verb"] == "import-officials":
            return self._import_officials(opts)
        raise CommandError(f"未知的子命令：{opts['verb']}")

    def _import_officials(self, opts):
        unit = OrgUnit.objects.filter(code=opts["unit"].strip()).first()
        if unit is None:
            raise CommandError(f"没有编码为{opts['unit']}的单位")
        try:
            with open(opts["path"], "rb") as f:
                result = svc.import_officials(svc.read_officials(opts["path"], f), unit=unit,
                                              actor=None)  # fmt: skip
        except OSError as e:
            raise CommandError(f"无法读取文件：{opts['path']}（{e.strerror}）") from None
        except (ValidationError, PermissionDenied) as e:
            msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
            raise CommandError("；".join(msgs)) from None
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError("未导入任何人员，请修改后重新导入")
        self.stdout.write(
            f"已导入{unit.name}的干部名录{result.rows}行：新增{result.created}人，"
            f"更新{result.updated}人，未变{result.unchanged}人，登记离岗{result.left}人"
        )
