"""Who reads the annual reports beyond their own unit: the coordinator (依法治区办, a
district-wide role already) and the 司法局, which supervises 法治政府建设 and assesses the
units' disclosure work. ``FAZHI_DISCLOSURE_SUPERVISOR_UNIT`` (a unit code) names another
unit; by default the department whose name holds 司法局."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import OrgUnit


def supervisor() -> OrgUnit | None:
    code = getattr(settings, "FAZHI_DISCLOSURE_SUPERVISOR_UNIT", "") or ""
    qs = OrgUnit.objects.filter(active=True)
    if code:
        return qs.filter(code=code).first()
    return (
        qs.filter(kind=OrgUnit.Kind.DEPARTMENT, name__contains="司法局")
        .order_by("sort_order", "code")
        .first()
    )


def scope_extra(cls, user, action: str) -> Q:
    """Every report, for the staff of the supervising unit (read only)."""
    none = Q(pk__in=[])
    if action != "view" or not getattr(user, "is_authenticated", False) or not user.unit_id:
        return none
    if not user.role_codes & access.ACTIONS["view"].unit_roles:
        return none
    unit = supervisor()
    everything = Q(pk__isnull=False)  # (an empty Q() would drop out of the OR)
    return everything if unit is not None and user.unit_id == unit.pk else none


def install() -> None:
    """Attach the rule to the report model (``access.restrict`` reads ``scope_extra``)."""
    from ..models import DisclosureAnnualReport

    DisclosureAnnualReport.scope_extra = classmethod(scope_extra)
