from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    label = "learning"
    verbose_name = "学法用法与普法"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import indicators  # noqa: F401  (figures)

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
        # 学法用法 (h3): menu, demo; 述法、会议、普法 (h4): menu, demo, the portal's 普法.
        from . import demo_education, demo_study, nav_education, nav_study, public_education  # noqa: F401
