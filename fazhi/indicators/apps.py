from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed(sender, **kwargs):
    from .services import ensure_catalog

    ensure_catalog()


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标与考核"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "indicators.reportinground",
            "indicators.submission",
            "indicators.oversight",
            "indicators.assessmentscheme",
        )
        from django.utils.module_loading import autodiscover_modules

        from fazhi.core import access
        from fazhi.core.models import Role
        from fazhi.core.registry import NavItem, register_nav

        # District-wide pages: a round with every unit's submission, and the assessment
        # with its ranking, are for the coordinator and leaders, not for one unit's staff.
        overseers = {Role.COORDINATOR, Role.LEADER, Role.ADMIN}
        access.register_action("view_round", overseers, set())
        access.register_action("view_assessment", overseers, set())
        # Each module registers the figures it computes in its indicators.py.
        autodiscover_modules("indicators")
        register_nav(
            NavItem(
                "指标填报",
                "indicators:rounds",
                hint="指标填报轮次、各单位填报与审核",
                group="指标与考核",
                order=20,
            )
        )
        register_nav(
            NavItem(
                "指标数据",
                "indicators:values",
                hint="全区各项指标的年度数值、来源与同比",
                group="指标与考核",
                order=21,
            )
        )
        register_nav(
            NavItem(
                "法治督察",
                "indicators:oversight",
                hint="法治督察发现的问题与整改销号",
                group="指标与考核",
                order=22,
            )
        )
        register_nav(
            NavItem(
                "年度考核",
                "indicators:assessments",
                hint="年度考核方案、计分、调整与排名",
                group="指标与考核",
                order=23,
                action="view_assessment",
            )
        )
        post_migrate.connect(_seed, sender=self)
