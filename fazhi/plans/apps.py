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

        register_nav(
            NavItem(
                "计划与任务",
                "plans:list",
                hint="实施方案和工作要点的任务分解、进展报送与审核",
                group="工作",
                order=10,
            )
        )
        register_nav(
            NavItem(
                "进展审核",
                "plans:review",
                hint="等待本人审核的任务进展，可只看逾期报送、批量审核通过",
                group="工作",
                order=11,
                action="review",
            )
        )
