import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import jobs
from fazhi.core.models import JobRun


class Command(BaseCommand):
    help = (
        "定时任务：jobs run [--today YYYY-MM-DD] [--only 任务代码] 运行全部已登记的定时任务"
        "（提醒、到期处理、通知外发；每10分钟运行一次，可重复运行）；jobs list 列出任务及最近一次运行"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        run = sub.add_parser("run", help="运行全部定时任务")
        run.add_argument("--today", default="", help="按该日期运行（默认今天）")
        run.add_argument("--only", action="append", default=[], help="只运行该任务（可重复）")
        sub.add_parser("list", help="列出定时任务及最近一次运行情况")

    def handle(self, *args, **opts):
        if opts["verb"] == "list":
            return self._list()
        today = None
        if opts["today"]:
            try:
                today = dt.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today 应为 YYYY-MM-DD") from None
        try:
            rows = jobs.run(today, only=opts["only"] or None)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        failed = 0
        for row in rows:
            job = jobs.JOBS[row.job]
            self.stdout.write(
                f"{job.name}（{row.job}）：{row.get_status_display()}；{_counts(row)}"
            )
            if row.error:
                self.stdout.write("  " + row.error.strip().splitlines()[-1])
            failed += row.status == JobRun.Status.FAILED
        if failed:
            raise CommandError(f"{failed}项定时任务失败，详见 fazhi jobs list")

    def _list(self):
        last = jobs.last_runs()
        for job in jobs.ordered():
            row = last.get(job.code)
            if row is None:
                state = "从未运行"
            else:
                at = timezone.localtime(row.started_at)
                state = f"{at:%Y-%m-%d %H:%M:%S} {row.get_status_display()}；{_counts(row)}"
            self.stdout.write(f"{job.code:<28} {job.name}（{job.module}）  最近一次：{state}")
            if row is not None and row.error:
                self.stdout.write("  " + row.error.strip().splitlines()[-1])


LABELS = {
    "reminders": "提醒",
    "sent": "新通知",
    "already": "已发过",
    "delivery_failures": "外发失败",
    "digests": "汇总",
    "retried": "补发",
}


def _counts(row: JobRun) -> str:
    return "，".join(f"{LABELS.get(k, k)}{v}" for k, v in row.counts.items()) or "无"
