"""Steps every way of setting up shares (`fazhi migrate`, `fazhi demo`, `fazhi serve`)."""

from django.conf import settings
from django.core.management import call_command


def collect_static() -> str:
    """Collect static files into STATIC_ROOT with hashed names and the manifest; without
    them every page fails once DEBUG is off. Returns the folder, for the message."""
    call_command("collectstatic", interactive=False, verbosity=0)
    return str(settings.STATIC_ROOT)
