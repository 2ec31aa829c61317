from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import deadlines  # noqa: F401  (registers the clocks)

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "enforcement.agency",
            "enforcement.power",
            "enforcement.delegation",
            "enforcement.exemption",
            "enforcement.officer",
            "enforcement.examresult",
            "enforcement.training",
            "enforcement.discretionstandard",
            "enforcement.case",
        )
