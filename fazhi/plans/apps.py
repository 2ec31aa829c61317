from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "计划与任务"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "plans.plan", "plans.period", "plans.task", "plans.assignment", "plans.progress"
        )
        from fazhi.core.registry import NavItem, register_nav

        register_nav(NavItem("计划与任务", "plans:list", group="工作", order=10))
        register_nav(NavItem("进展审核", "plans:review", group="工作", order=11, action="review"))
