from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "fazhi.consultation"
    label = "consultation"
    verbose_name = "公开征求意见"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event("consultation.consultation")
        from fazhi.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                "公开征求意见",
                "consultation:list",
                hint="草案公开征求意见、意见审核与答复、采纳情况",
                group="公开征求意见",
                order=40,
                action="view",
            )
        )
