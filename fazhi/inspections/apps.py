from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "双随机、一公开"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import deadlines, indicators  # noqa: F401  (registers the clock and figures)

        # Every row of these is created by a service that appends its own event. Entities
        # are not: an import appends one summary event (services/entities.py); snapshots
        # and drawn entities are recorded by their task's commit and draw events.
        require_creation_event(
            "inspections.checkitem",
            "inspections.avoidance",
            "inspections.inspectionplan",
            "inspections.inspectiontask",
        )
