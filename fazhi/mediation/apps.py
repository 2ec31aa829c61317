from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    label = "mediation"
    verbose_name = "矛盾纠纷调解与信访"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import (
            deadlines,  # noqa: F401  (clocks)
            nav_petitions,  # noqa: F401  (信访 menu and access)
        )

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "mediation.mediationbody",
            "mediation.dispute",
            "mediation.petition",
        )
