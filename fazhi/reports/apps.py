from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "reports.annualreport", "reports.peerreport", "reports.approversetting"
        )
        from fazhi.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                "年度报告",
                "reports:list",
                hint="法治政府建设年度报告的生成、审核与发布",
                group="报告",
                order=30,
            )
        )
        register_nav(
            NavItem(
                "对标分析",
                "reports:benchmark",
                hint="本区数字与他地公开报告的对比",
                group="报告",
                order=31,
            )
        )
