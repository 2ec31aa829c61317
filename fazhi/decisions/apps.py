from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event("decisions.decisioncatalog", "decisions.majordecision")
        from fazhi.core.registry import NavItem, register_nav

        group = "重大行政决策"
        register_nav(
            NavItem(
                "决策事项",
                "decisions:list",
                hint="重大行政决策的法定程序、公布、执行与评估",
                group=group,
                order=40,
                action="view",
            )
        )
        register_nav(
            NavItem(
                "决策事项目录",
                "decisions:catalogs",
                hint="年度决策事项目录的申报、审定与公布",
                group=group,
                order=41,
                action="view",
            )
        )
