from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "fazhi.legal"
    label = "legal"
    verbose_name = "合法性审查"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "legal.legalreview",
            "legal.contract",
            "legal.contractmilestone",
            "legal.legaladviser",
            "legal.adviserparticipation",
        )
        from fazhi.core.access import register_action
        from fazhi.core.models import Role
        from fazhi.core.registry import NavItem, register_nav

        # Acting as the reviewing 法制机构: legal reviewers (法制审核人员) of that unit.
        register_action("legal_review", set(), {Role.LEGAL_REVIEWER})
        group = "合法性审查"
        register_nav(
            NavItem(
                "审查事项",
                "legal:reviews",
                hint="合法性审查的送审、分派、征询与审查意见书",
                group=group,
                order=30,
            )
        )
        register_nav(
            NavItem(
                "政府合同",
                "legal:contracts",
                hint="政府合同的登记、审查、签订与履约",
                group=group,
                order=31,
            )
        )
        register_nav(
            NavItem(
                "法律顾问", "legal:advisers", hint="法律顾问与公职律师名册", group=group, order=32
            )
        )
        register_nav(
            NavItem(
                "顾问参与会议",
                "legal:participations",
                hint="法律顾问参与会议的记录",
                group=group,
                order=33,
            )
        )
