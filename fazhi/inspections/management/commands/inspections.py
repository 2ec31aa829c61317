import sys

from django.core.management.base import BaseCommand, CommandError

from fazhi.inspections.models import InspectionTask
from fazhi.inspections.services import verify_task


class Command(BaseCommand):
    help = (
        "双随机、一公开：inspections verify 任务编号 按公布的随机种子和名录库快照重新抽取，"
        "核对抽取结果（一致退出码0，不一致退出码1）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ver = sub.add_parser("verify", help="核验抽查任务的抽取结果")
        ver.add_argument("task_id", type=int)
        ver.add_argument(
            "--published",
            help="公布的抽取结果文件（每行：风险分类、统一社会信用代码、检查人员，以制表符分隔）；"
            "不填则核对平台保存的结果",
        )

    def handle(self, *args, **opts):
        task = InspectionTask.objects.filter(pk=opts["task_id"]).first()
        if task is None:
            raise CommandError(f"没有编号为{opts['task_id']}的抽查任务")
        lines = None
        if opts.get("published"):
            try:
                with open(opts["published"], encoding="utf-8-sig") as f:
                    lines = f.read().splitlines()
            except OSError as e:
                raise CommandError(f"无法读取文件：{opts['published']}（{e.strerror}）") from None
        problems = verify_task(task, lines)
        if not problems:
            self.stdout.write(
                f"一致：抽查任务“{task.title}”的抽取结果与按种子和快照重新抽取的结果一致"
            )
            return
        self.stdout.write(f"不一致：抽查任务“{task.title}”")
        for p in problems:
            self.stdout.write(f"  {p}")
        sys.exit(1)
