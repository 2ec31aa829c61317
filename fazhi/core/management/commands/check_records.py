from django.core.management.base import BaseCommand, CommandError

from fazhi.core import anchors
from fazhi.core.events import StateReport, verify_chain, verify_states
from fazhi.core.models import Event


class Command(BaseCommand):
    help = (
        "校验全过程记录：哈希链（被篡改、删除或插入的事件）、各记录的现状与其最后一条事件"
        "（未经事件修改、删除或新建的记录），以及链头锚点（--anchor 指定库外保存的锚点）"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="FILE",
            help="库外保存的锚点：JSON 锚点列表、备份清单 manifest.json 或 fazhi backup 的备份文件",
        )

    def handle(self, *args, **opts):
        external = []
        for path in opts["anchor"]:
            try:
                external += anchors.load_anchors(path)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        total = Event.objects.count()
        report = StateReport()
        problems = list(verify_chain())
        problems += list(verify_states(report))
        problems += list(anchors.verify_anchors(anchors.stored_anchors() + external))
        if problems:
            for p in problems:
                self.stderr.write(p.message)
            raise CommandError(f"校验未通过：{total}条事件中发现{len(problems)}处问题")
        lines = [
            f"校验通过：{total}条事件的哈希链完整",
            f"{report.records}条记录与其最后一条事件相符",
        ]
        if report.unknown:
            lines.append(f"其中{report.unknown}条记录的最后一条事件早于状态哈希，无法比对")
        if external:
            lines.append(f"与库外{len(external)}个锚点一致")
        self.stdout.write("；".join(lines))
