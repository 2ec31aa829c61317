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
        # Case screens (issue 13): the nav entry and what waits for the case clerks.
        from fazhi.core.registry import NavItem, register_nav

        from . import waiting_cases  # noqa: F401  (registers the waiting items)

        register_nav(
            NavItem(
                "执法案件",
                "enforcement:cases",
                hint="执法案件的立案、调查、告知、听证、法制审核、决定、送达、执行、结案与公示",
                group="行政执法",
                order=50,
            )
        )
        # 案卷评查 and supervision (issue 13 points 6–7): clocks, records, figures, menu.
        from . import deadlines_review, indicators_review, jobs_review, waiting_review  # noqa: F401
        from .nav_review import register as register_review_nav

        require_creation_event(
            "enforcement.scoringsheet",
            "enforcement.reviewcampaign",
            "enforcement.supervisioncheck",
            "enforcement.enforcementcomplaint",
            "enforcement.specialsupervisor",
            "enforcement.annualdatapublication",
        )
        register_review_nav()
        # Agencies, power lists and officers (issue 13 points 1–2).
        register_nav(
            NavItem(
                "执法主体与权责清单",
                "enforcement:agencies",
                hint="执法主体、权责清单、赋权乡镇、免罚轻罚清单、裁量基准与法制审核情形",
                group="行政执法",
                order=48,
            )
        )
        register_nav(
            NavItem(
                "执法人员",
                "enforcement:officers",
                hint="执法证件、资格考试、年度培训学时与证件状态",
                group="行政执法",
                order=49,
            )
        )
