import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.calendar import calendar, load_notice
from fazhi.core.holiday_notice import NoticeError, listing, parse_notice
from fazhi.core.ledger_files import decode_text
from fazhi.core.models import CalendarYear
from fazhi.core.workdays import CalendarMissing


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = (
        "工作日计算：add DATE N 输出DATE之后第N个工作日；between D1 D2 输出两日之间的工作日数；"
        "import-notice FILE 导入国务院办公厅放假通知"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help="DATE之后第N个工作日（起算日不计入）")
        add.add_argument("date")
        add.add_argument("n")
        add.add_argument("--explain", action="store_true", help="列出跳过的节假日和周末")
        add.add_argument(
            "--calendar-days", action="store_true", help="按自然日计算（届满日遇节假日顺延）"
        )
        between = sub.add_parser("between", help="D1之后至D2（含）的工作日数")
        between.add_argument("d1")
        between.add_argument("d2")
        notice = sub.add_parser(
            "import-notice",
            help="解析国务院办公厅放假通知全文（文本文件），确认后载入该年度工作日历",
        )
        notice.add_argument("file")
        notice.add_argument("--yes", action="store_true", help="不询问，直接载入")
        notice.add_argument("--replace", action="store_true", help="该年度已载入时以通知替换")

    def handle(self, *args, **opts):
        if opts["verb"] == "import-notice":
            return self.import_notice(opts)
        cal = calendar()
        try:
            if opts["verb"] == "add":
                start = _date(opts["date"])
                try:
                    n = int(opts["n"])
                except ValueError:
                    raise CommandError(f"天数应为正整数：{opts['n']}") from None
                if n < 1:
                    raise CommandError("天数应为正整数")
                comp = (
                    cal.add_calendar_days(start, n)
                    if opts["calendar_days"]
                    else cal.add_working_days(start, n)
                )
                self.stdout.write(comp.due.isoformat())
                if opts["explain"]:
                    for line in comp.explain():
                        self.stdout.write(line)
            else:
                self.stdout.write(
                    str(cal.working_days_between(_date(opts["d1"]), _date(opts["d2"])))
                )
        except CalendarMissing as e:
            raise CommandError(str(e)) from None

    def import_notice(self, opts) -> None:
        """Parse, show month by month, ask (y/N) unless --yes, then load in one transaction."""
        text = _read(opts["file"])
        try:
            notice = parse_notice(text)
        except NoticeError as e:
            raise CommandError(f"放假通知无法解析：{e}") from None
        for line in listing(notice):
            self.stdout.write(line)
        existing = CalendarYear.objects.filter(year=notice.year).first()
        if existing is not None and not opts["replace"]:
            raise CommandError(
                f"{notice.year}年工作日历已载入（来源：{existing.source}），未作改动。"
                "如需以本通知替换，请加 --replace。"
            )
        if not opts["yes"]:
            verb = "替换" if existing else "载入"
            try:
                answer = input(f"确认{verb}{notice.year}年工作日历？[y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes", "是"):
                self.stdout.write("已取消，未作改动。")
                return
        try:
            load_notice(notice, None, replace=opts["replace"])
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        self.stdout.write(f"已载入{notice.year}年工作日历。")


def _read(name: str) -> str:
    """The notice as saved from a web page or a document: UTF-8, or GB18030 (GBK)."""
    try:
        raw = Path(name).read_bytes()
    except OSError:
        raise CommandError(f"无法读取文件：{name}") from None
    text = decode_text(raw)
    if text is None:
        raise CommandError(f"文件编码无法识别（应为UTF-8或GBK）：{name}")
    return text
