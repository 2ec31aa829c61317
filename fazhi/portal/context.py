from fazhi.core.models import OrgUnit
from fazhi.core.registry import PUBLIC


def portal(request):
    """Every portal page shows the government's name and the registered public sections."""
    if request.path.startswith(("/office/", "/admin/", "/api/")):
        return {}
    return {
        "gov": OrgUnit.objects.filter(
            kind=OrgUnit.Kind.GOVERNMENT, parent=None, active=True
        ).first(),
        "sections": PUBLIC,
    }
