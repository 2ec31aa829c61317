import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.documents import search, services


class Command(BaseCommand):
    help = (
        "规范性文件：documents expire [--today YYYY-MM-DD] 将有效期届满的文件标为失效（已包含在 fazhi jobs run 中，"
        "可重复运行）；documents reindex 重建全文检索索引"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        exp = sub.add_parser("expire", help="有效期届满的文件自动失效")
        exp.add_argument("--today", default="", help="按该日期计算（默认今天）")
        sub.add_parser("reindex", help="重建全文检索索引（双字索引，SQLite 和 PostgreSQL）")

    def handle(self, *args, **opts):
        if opts["verb"] == "reindex":
            n = search.reindex_all()
            self.stdout.write(f"已重建全文检索索引：{n}件文件")
            return
        today = None
        if opts["today"]:
            try:
                today = dt.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today 应为 YYYY-MM-DD") from None
        done = services.expire_due(today)
        for doc in done:
            self.stdout.write(
                f"失效：{doc.doc_number or doc.title}（有效期至{doc.valid_until:%Y-%m-%d}）"
            )
        self.stdout.write(f"共{len(done)}件文件因有效期届满失效")
