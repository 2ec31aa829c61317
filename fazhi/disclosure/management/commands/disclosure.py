"""``fazhi disclosure <verb>``: the 政府信息公开 commands, one argparse subparser each.

fazhi disclosure import-releases FILE --unit CODE [--publish]
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import OrgUnit


class Command(BaseCommand):
    help = (
        "政府信息公开：disclosure import-releases 文件 --unit 单位代码 [--publish] 导入主动公开台账"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser(
            "import-releases",
            help="导入单位的主动公开台账（XLSX 或 CSV；全部校验通过才写入，再次导入时更新）",
        )
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="公开主体的单位代码")
        imp.add_argument("--publish", action="store_true", help="有“公开日期”的行同时登记为已公开")

    def handle(self, *args, **opts):
        verb = opts["verb"]
        if verb == "import-releases":
            return self._import_releases(opts)
        raise CommandError(f"未知的子命令：{verb}")

    def _import_releases(self, opts):
        from fazhi.disclosure.importer_releases import import_releases, read

        unit = OrgUnit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"没有代码为“{opts['unit']}”的单位")
        path = opts["path"]
        try:
            with open(path, "rb") as f:
                result = import_releases(read(path, f), unit=unit, actor=None,
                                         publish=opts["publish"])  # fmt: skip
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
                + "，未导入任何信息"
            )
        self.stdout.write(
            f"已导入{result.rows}行：新增{result.created}条，更新{result.updated}条，"
            f"未变{result.unchanged}条，登记公开{result.published}条（其中逾期{result.late}条）"
        )
