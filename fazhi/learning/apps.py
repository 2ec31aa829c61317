from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    label = "learning"
    verbose_name = "学法用法与普法"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "learning.official",
            "learning.studysession",
            "learning.lawdutyreport",
            "learning.training",
            "learning.courtobservation",
            "learning.exam",
            "learning.legaleducationduty",
            "learning.legaleducationactivity",
            "learning.leadershipmeeting",
        )
        from . import (
            nav_education,  # noqa: F401  (述法、会议、普法 menu entries)
            public_education,  # noqa: F401  (普法 on the portal and its feed)
        )
