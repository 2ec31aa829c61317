from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import OrgUnit
from fazhi.indicators.registry import government
from fazhi.reports.composer import compose
from fazhi.reports.export import render_docx, render_html
from fazhi.reports.models import AnnualReport
from fazhi.reports.quality import check
from fazhi.reports.sources import figure_sources


class Command(BaseCommand):
    help = "年度报告：report export --year Y [--unit CODE] --format docx|html --out FILE"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ex = sub.add_parser("export", help="导出年度报告（已有报告导出其当前内容，否则按记录生成）")
        ex.add_argument("--year", type=int, required=True)
        ex.add_argument("--unit", default="", help="单位编码，默认本级政府")
        ex.add_argument("--format", choices=["docx", "html"], required=True)
        ex.add_argument("--out", required=True)
        ex.add_argument("--fresh", action="store_true", help="忽略已保存的报告，按记录重新生成")

    def handle(self, *args, **opts):
        unit = OrgUnit.objects.filter(code=opts["unit"]).first() if opts["unit"] else government()
        if unit is None:
            raise CommandError(f"单位不存在：{opts['unit'] or '（本级政府）'}")
        report = (
            None
            if opts["fresh"]
            else AnnualReport.objects.filter(year=opts["year"], unit=unit).first()
        )
        doc = report.doc if report else compose(opts["year"], unit)
        sources = figure_sources(doc, unit, public=False)
        data = (
            render_docx(doc, sources)
            if opts["format"] == "docx"
            else render_html(doc, link_figures=False, standalone=True, sources=sources).encode(
                "utf-8"
            )
        )
        out = Path(opts["out"])
        try:
            out.write_bytes(data)
        except OSError as e:
            raise CommandError(f"无法写入{out}：{e.strerror}") from None
        q = check(doc, year=opts["year"], published_on=report.published_on if report else None)
        self.stdout.write(
            f"已写入{out}（{len(data)}字节，{q.figures}个有来源的数据，"
            f"{'来自已保存的报告' if report else '按记录新生成'}）"
        )
        for m in q.missing_sections:
            self.stderr.write(f"缺少必备部分：{m}")
