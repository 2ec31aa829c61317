from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    label = "mediation"
    verbose_name = "矛盾纠纷调解与信访"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import (
            deadlines,  # noqa: F401  (clocks)
            demo_disputes,  # noqa: F401  (the demo district's 人民调解)
            indicators,  # noqa: F401  (figures)
            jobs,  # noqa: F401  (the daily sweep)
            nav_petitions,  # noqa: F401  (信访 menu and access)
            permissions,  # noqa: F401  (人民调解's access actions)
        )

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "mediation.mediationbody",
            "mediation.dispute",
            "mediation.petition",
        )
        from . import nav_disputes  # noqa: F401  (人民调解: menu, 工作台, portal section)
