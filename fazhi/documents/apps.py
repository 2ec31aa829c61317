from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = "行政规范性文件"

    def ready(self):
        from fazhi.core.events import require_creation_event

        # Every row of these is created by a service that appends its own event.
        require_creation_event("documents.normativedocument", "documents.cleanup")
        from fazhi.core.access import register_action
        from fazhi.core.models import Role
        from fazhi.core.registry import NavItem, register_nav

        # Cleanup campaigns and the import of existing documents are organised district-wide.
        register_action("documents_manage", {Role.COORDINATOR, Role.ADMIN}, set())
        group = "规范性文件"
        register_nav(NavItem("规范性文件", "documents:list", group=group, order=40))
        register_nav(NavItem("备案", "documents:filings", group=group, order=41))
        register_nav(NavItem("文件清理", "documents:cleanups", group=group, order=42))
        register_nav(
            NavItem(
                "导入存量文件", "documents:import", group=group, order=43, action="documents_manage"
            )
        )
