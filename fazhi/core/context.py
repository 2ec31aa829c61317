"""Template context shared by every back-office page."""

from . import access


def active_unit(request):
    """The unit a coordinator or leader has switched to (a filter, not a permission)."""
    from .models import OrgUnit

    code = request.session.get("active_unit") if hasattr(request, "session") else None
    if not code or not access.is_global(request.user, "view"):
        return None
    return OrgUnit.objects.filter(code=code).first()


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/office/"):
        return {}
    from .nav_pages import groups_for

    groups = groups_for(user, request.path)
    from .notify import unread_count
    from .waiting import total

    ctx = {
        "nav_groups": groups,
        "can_switch_unit": access.is_global(user, "view"),
        "unread_notifications": unread_count(user),
        "waiting_total": total(user),
    }
    if ctx["can_switch_unit"]:
        from .models import OrgUnit

        ctx["switch_units"] = (
            OrgUnit.objects.filter(active=True)
            .exclude(kind=OrgUnit.Kind.COMMUNITY)
            .only("code", "name")
        )
        ctx["active_unit"] = active_unit(request)
    return ctx
