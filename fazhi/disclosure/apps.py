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

        # 依申请公开 office screens (issue 16 point 2): menu and waiting items.
        from fazhi.core.registry import NavItem, register_nav

        from . import waiting_requests  # noqa: F401  (registers the waiting items)

        register_nav(
            NavItem(
                "政府信息公开申请",
                "disclosure:requests",
                hint="依申请公开的登记、补正告知、征求意见、延期、收费与答复，各环节期限",
                group="政府信息公开",
                order=70,
            )
        )

        # The portal's 政府信息公开 section and its feed of the newest releases.
        from . import public_releases

        public_releases.register()
        from . import demo  # noqa: F401  (the demo district's releases and requests)
