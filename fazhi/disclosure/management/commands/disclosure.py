"""``fazhi disclosure report --year Y [--unit CODE] --format docx|html --out FILE``: the
政府信息公开工作年度报告 of a unit (without --unit: the government-level report of the
whole district) in the national template, as DOCX or HTML. A published report is written
as published; otherwise the tables are computed from the records now, with the narrative
written so far (none when the report has not been opened).

``fazhi disclosure import-releases FILE --unit CODE [--publish]``: a unit's 主动公开 ledger
(XLSX/CSV), all rows or none, every bad row named by its line (``importer_releases.py``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import OrgUnit
from fazhi.disclosure.annual import check, render, tables
from fazhi.disclosure.models import DisclosureAnnualReport


class Command(BaseCommand):
    help = "政府信息公开：disclosure report --year 年度 [--unit 单位编码] --format docx|html --out 文件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        rep = sub.add_parser("report", help="生成政府信息公开工作年度报告（国家统一格式）")
        rep.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
        rep.add_argument("--unit", default="", help="单位编码（如 D23）；不填为区政府（全区汇总）")
        rep.add_argument("--format", choices=("docx", "html"), required=True, dest="fmt")
        rep.add_argument("--out", required=True, help="输出文件")
        imp = sub.add_parser(
            "import-releases",
            help="导入单位的主动公开台账（XLSX 或 CSV；全部校验通过才写入，再次导入时更新）",
        )
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="公开主体的单位编码")
        imp.add_argument("--publish", action="store_true", help="有“公开日期”的行同时登记为已公开")

    def handle(self, *args, **opts):
        if opts["verb"] == "report":
            return self._report(opts)
        if opts["verb"] == "import-releases":
            return self._import_releases(opts)
        raise CommandError(f"未知的子命令：{opts['verb']}")

    def _unit(self, code: str) -> OrgUnit:
        if code:
            unit = OrgUnit.objects.filter(code=code).first()
            if unit is None:
                raise CommandError(f"没有编码为{code}的单位")
            return unit
        unit = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
        if unit is None:
            raise CommandError("平台尚未设置区政府（机构目录中没有政府本级）")
        return unit

    def _report(self, opts):
        year = opts["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("报告年度应为四位年份，如 2025")
        unit = self._unit(opts["unit"].strip())
        report = DisclosureAnnualReport.objects.filter(unit=unit, year=year).first()
        if report is None:
            report = DisclosureAnnualReport(unit=unit, year=year)
        data = tables.for_report(report)
        if opts["fmt"] == "docx":
            body = render.docx_bytes(report, data)
        else:
            body = render.html_document(report, data).encode()
        try:
            with open(opts["out"], "wb") as f:
                f.write(body)
        except OSError as e:
            raise CommandError(f"无法写入文件：{opts['out']}（{e.strerror}）") from None
        state = report.get_state_display() if report.pk else "尚未创建，正文为空"
        self.stdout.write(
            f"已生成{unit.name}{year}年政府信息公开工作年度报告（{state}）：{opts['out']}"
        )
        for line in check.failures(data["section3"]):
            self.stderr.write(f"校验未通过：{line}")

    def _import_releases(self, opts):
        from fazhi.disclosure.importer_releases import import_releases, read

        unit = OrgUnit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"没有编码为{opts['unit']}的单位")
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
