import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.calendar import calendar
from fazhi.core.workdays import CalendarMissing


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = "工作日计算：add DATE N 输出DATE之后第N个工作日；between D1 D2 输出两日之间的工作日数"

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

    def handle(self, *args, **opts):
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
