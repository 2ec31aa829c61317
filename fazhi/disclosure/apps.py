from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import deadlines, indicators, jobs  # noqa: F401  (clocks, figures, daily duties)

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "disclosure.proactiverelease",
            "disclosure.interpretation",
            "disclosure.disclosurerequest",
            "disclosure.disclosureannualreport",
        )

        # The portal's 政府信息公开 section and its feed of the newest releases.
        from . import public_releases

        public_releases.register()
        from . import demo  # noqa: F401  (the demo district's releases and requests)
