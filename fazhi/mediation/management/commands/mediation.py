"""``fazhi mediation import-disputes FILE --unit CODE``: a township's 人民调解台账 (XLSX or
CSV), all rows or none, every bad row named by its line (``services/dispute_import.py``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import OrgUnit


class Command(BaseCommand):
    help = "矛盾纠纷调解：mediation import-disputes 文件 --unit 单位编码"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser(
            "import-disputes",
            help="导入单位的人民调解台账（XLSX 或 CSV；全部校验通过才写入，再次导入时更新）",
        )
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="责任单位的编码（如乡镇、街道）")

    def handle(self, *args, **opts):
        if opts["verb"] == "import-disputes":
            return self._import_disputes(opts)
        raise CommandError(f"未知的子命令：{opts['verb']}")

    def _import_disputes(self, opts):
        from fazhi.mediation.services.dispute_import import import_disputes, read

        unit = OrgUnit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"没有编码为{opts['unit']}的单位")
        path = opts["path"]
        try:
            with open(path, "rb") as f:
                result = import_disputes(read(path, f), unit=unit, actor=None)
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except (ValidationError, PermissionDenied) as e:
            raise CommandError("；".join(getattr(e, "messages", [str(e)]))) from None
        if result.errors:
            for line in result.errors[:200]:
                self.stderr.write(line)
            more = len(result.errors) - 200
            raise CommandError(
                f"共{len(result.errors)}处错误"
                + (f"（另有{more}处未列出）" if more > 0 else "")
                + "，未导入任何纠纷"
            )
        self.stdout.write(
            f"已导入{result.rows}行：新增{result.created}件，更新{result.updated}件，"
            f"未变{result.unchanged}件"
        )
