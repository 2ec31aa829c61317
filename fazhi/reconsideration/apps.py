from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议与应诉"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import deadlines, indicators, jobs  # noqa: F401  (clocks, figures, daily duties)

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "reconsideration.application",
            "reconsideration.case",
            "reconsideration.opinionletter",
            "reconsideration.litigation",
            "reconsideration.suggestion",
        )
        # Office screens of applications and cases (issue 15 points 1–2): menu and waiting.
        from fazhi.core.registry import NavItem, register_nav

        from . import waiting_office  # noqa: F401  (registers the waiting items)

        register_nav(
            NavItem(
                "复议申请",
                "reconsideration:applications",
                hint="行政复议申请的收件、窗口登记、申请期限核查、补正与受理审查",
                group="行政复议与应诉",
                order=60,
            )
        )
        register_nav(
            NavItem(
                "复议案件",
                "reconsideration:cases",
                hint="行政复议案件的副本发送、答复、听证、中止、延期、决定、送达、公开与抄告",
                group="行政复议与应诉",
                order=61,
            )
        )
        register_nav(
            NavItem(
                "复议意见书、建议书",
                "reconsideration:letters",
                hint="行政复议意见书、建议书的制发，以及收文单位六十日内反馈的纠正情况",
                group="行政复议与应诉",
                order=62,
            )
        )

        # 行政应诉 and 司法/检察建议 (issue 15 points 4–5): figures, screens' menu, demo.
        from . import demo_litigation, indicators_litigation, waiting_litigation  # noqa: F401
        from .nav_litigation import register as register_litigation_nav

        register_litigation_nav()
