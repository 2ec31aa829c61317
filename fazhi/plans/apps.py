from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "计划与任务"

    def ready(self):
        from fazhi.core.registry import NavItem, register_nav

        register_nav(NavItem("计划与任务", "plans:list", group="工作", order=10))
