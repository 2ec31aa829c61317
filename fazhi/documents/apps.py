from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = "行政规范性文件"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event(
            "documents.normativedocument", "documents.cleanup", "documents.ancillaryreview"
        )
        from fazhi.core.access import register_action
        from fazhi.core.models import Role
        from fazhi.core.registry import NavItem, register_nav

        # Cleanup campaigns and the import of existing documents are organised district-wide.
        register_action("documents_manage", {Role.COORDINATOR, Role.ADMIN}, set())
        group = "规范性文件"
        register_nav(
            NavItem(
                "规范性文件",
                "documents:list",
                hint="规范性文件的起草、审核、登记编号、公布与有效期",
                group=group,
                order=40,
            )
        )
        register_nav(
            NavItem(
                "备案",
                "documents:filings",
                hint="规范性文件报送备案的期限与结果",
                group=group,
                order=41,
            )
        )
        register_nav(
            NavItem(
                "文件清理",
                "documents:cleanups",
                hint="规范性文件集中清理活动与逐件清理结论",
                group=group,
                order=42,
            )
        )
        register_nav(
            NavItem(
                "导入存量文件",
                "documents:import",
                hint="从表格导入已有的规范性文件",
                group=group,
                order=43,
                action="documents_manage",
            )
        )
        register_nav(
            NavItem(
                "附带审查",
                "documents:ancillary_list",
                hint="行政复议中一并提出的规范性文件附带审查：处理、转送、制定机关答复与结论",
                group=group,
                order=44,
            )
        )
