import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.ledger_files import decode_text
from fazhi.plans import services
from fazhi.plans.models import Plan
from fazhi.plans.preview import build_preview


def _read(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"文件不存在：{path}")
    raw = p.read_bytes()
    text = decode_text(raw)
    if text is None:
        raise CommandError(f"无法识别文件编码：{path}")
    return text


class Command(BaseCommand):
    help = "计划：plan import FILE [--dry-run] [--json] 解析（并导入）实施方案或工作要点全文"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="解析并导入计划全文")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="只解析预览，不写入")
        imp.add_argument("--json", action="store_true", help="以一个JSON对象输出预览")
        imp.add_argument(
            "--kind", choices=[k for k, _ in Plan.Kind.choices], default=Plan.Kind.IMPLEMENTATION
        )
        imp.add_argument("--years", default="", help="覆盖年度，如 2021-2025 或 2025")
        imp.add_argument("--title", default="")

    def handle(self, *args, **opts):
        text = _read(opts["file"])
        parsed, resolutions = services.analyse(text)
        preview = build_preview(parsed, resolutions)
        if opts["json"]:
            self.stdout.write(json.dumps(preview, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{preview['title']}：{len(preview['sections'])}个部分，"
                f"{len(preview['tasks'])}项任务，待确认单位名称{len(preview['unmatched'])}个"
            )
            for u in preview["unmatched"]:
                self.stdout.write(f"  待确认：{u['name']}（任务{'、'.join(map(str, u['tasks']))}）")
        for e in preview["errors"]:
            self.stderr.write(e["message"])
        if parsed.errors:
            raise CommandError(f"计划文本有{len(parsed.errors)}处错误，未导入")
        if opts["dry_run"]:
            return
        years = opts["years"]
        try:
            a, _, b = years.partition("-")
            start, end = int(a), int(b or a)
        except ValueError:
            raise CommandError("请用 --years 指定计划覆盖的年度，如 2021-2025") from None
        try:
            plan = services.import_plan(
                text,
                title=opts["title"],
                kind=opts["kind"],
                start_year=start,
                end_year=end,
                actor=None,
            )
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        self.stdout.write(f"已导入计划#{plan.pk}“{plan.title}”")
