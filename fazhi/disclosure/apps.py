from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        from fazhi.core.events import require_creation_event

        from . import deadlines, indicators, jobs  # noqa: F401  (clocks, figures, daily duties)

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "disclosure.proactiverelease",
            "disclosure.interpretation",
            "disclosure.disclosurerequest",
            "disclosure.disclosureannualreport",
        )

        # 依申请公开 office screens (issue 16 point 2): menu and waiting items.
        from fazhi.core.registry import NavItem, register_nav

        from . import waiting_requests  # noqa: F401  (registers the waiting items)

        register_nav(
            NavItem(
                "政府信息公开申请",
                "disclosure:requests",
                hint="依申请公开的登记、补正告知、征求意见、延期、收费与答复，各环节期限",
                group="政府信息公开",
                order=73,
            )
        )

        # 主动公开 office screens (issue 16 point 1): menu and 工作台 items.
        from fazhi.core.registry import NavItem, register_nav

        from . import waiting_releases  # noqa: F401  (registers the waiting items)

        for label, url_name, hint, order in (
            ("主动公开信息", "disclosure:releases",
             "主动公开信息的登记、20个工作日公开期限、公开、修改、撤回与台账导入", 70),
            ("政府信息公开目录", "disclosure:catalogue", "按条例第二十条类别编制本单位的公开目录", 71),
            ("政策解读", "disclosure:interpretations", "政策文件的解读材料，与所解读的文件关联", 72),
        ):  # fmt: skip
            register_nav(NavItem(label, url_name, hint=hint, group="政府信息公开", order=order))

        # 政府信息公开工作年度报告 (issue 16 point 4): the 司法局 reads every unit's report;
        # the office menu item.
        from fazhi.core.registry import NavItem, register_nav

        from . import demo_annual  # noqa: F401  (the demo's annual reports)
        from .annual import scope as annual_scope

        annual_scope.install()
        register_nav(
            NavItem(
                "政府信息公开年报",
                "disclosure:annual_reports",
                hint="按国家统一格式由记录生成政府信息公开工作年度报告，校验、编写正文并公开",
                group="政府信息公开",
                order=75,
            )
        )

        # The portal's 政府信息公开 section and its feed of the newest releases.
        from . import public_releases

        public_releases.register()
        from . import demo  # noqa: F401  (the demo district's releases and requests)
