"""Templates ask the access rule, never a role name: ``{% can "view_round" as ok %}``
(optionally with a unit: ``{% can "change" report.unit as ok %}``), so a link is shown
only to those whom the page behind it will serve."""

from django import template

from fazhi.core import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, unit=None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return user is not None and access.can(user, action, unit)


@register.simple_tag(takes_context=True)
def readable_history(context, history):
    """The events of a record's history that the viewer may read (``restrict_events``):
    the history partial applies it on every page, whatever the view passed."""
    from django.db.models import QuerySet

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not isinstance(history, QuerySet):
        return history
    if user is None:
        return history.none()
    return access.restrict_events(history, user, getattr(history, "fazhi_record_type", None))
