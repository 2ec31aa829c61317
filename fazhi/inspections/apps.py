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
        from fazhi.core.registry import NavItem, register_nav

        for label, name, hint, order in (
            ("抽查任务", "inspections:tasks", "各年度抽查任务、抽取与检查进度", 51),
            ("随机抽查事项清单", "inspections:items", "各部门随机抽查事项（一般、重点）", 52),
            ("检查对象名录库", "inspections:entities", "检查对象及其信用风险分类", 53),
            ("抽查工作计划", "inspections:plans", "各部门年度抽查工作计划及报备", 54),
            ("回避申报", "inspections:avoidances", "执法检查人员与检查对象的利害关系", 55),
        ):
            register_nav(NavItem(label, name, group="双随机、一公开", order=order, hint=hint))
