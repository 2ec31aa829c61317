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
        from fazhi.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                "执法主体与权责清单",
                "enforcement:agencies",
                hint="执法主体、权责清单、赋权乡镇、免罚轻罚清单、裁量基准与法制审核情形",
                group="行政执法",
                order=50,
            )
        )
        register_nav(
            NavItem(
                "执法人员",
                "enforcement:officers",
                hint="执法证件、资格考试、年度培训学时与证件状态",
                group="行政执法",
                order=51,
            )
        )
