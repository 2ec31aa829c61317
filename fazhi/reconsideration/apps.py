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
        # 行政应诉 and 司法/检察建议 (issue 15 points 4–5): figures, screens' menu, demo.
        from . import demo_litigation, indicators_litigation, waiting_litigation  # noqa: F401
        from .nav_litigation import register as register_litigation_nav

        register_litigation_nav()
