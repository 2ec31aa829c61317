from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed(sender, **kwargs):
    """Roles and the package's calendar years are reference data every database needs."""
    from .calendar import seed_from_package
    from .services import ensure_roles

    ensure_roles()
    seed_from_package()


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        # The empty option of every select reads 请选择 (before any form class is built).
        from .select_labels import install as install_select_labels

        install_select_labels()

        from django.contrib import admin
        from django.utils.module_loading import autodiscover_modules

        from . import cockpit, duties, login, nav  # noqa: F401  (navigation, jobs; the logout signal)
        from .events import require_creation_event

        # Units are created by save_unit or the unit import, each with its event. Accounts are
        # not declared: `fazhi createsuperuser` (Django's own command) creates one without.
        require_creation_event("core.orgunit")

        # The admin's login is the office's: one throttle, one audit log for every login.
        admin.site.login = login.admin_login

        # Each app declares its clocks, public sections, demo builders, scheduled jobs, what
        # waits for people on the 工作台 (core/waiting.py) and its cockpit figures in these
        # modules.
        autodiscover_modules("deadlines", "public", "demo", "jobs", "waiting", "cockpit")
        post_migrate.connect(_seed, sender=self)
