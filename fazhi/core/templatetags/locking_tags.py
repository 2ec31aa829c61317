"""``{% lock_field obj %}`` inside an edit form: the hidden version token of
``fazhi.core.locking`` (the version the form was opened at)."""

from django import template

from fazhi.core import locking

register = template.Library()


@register.simple_tag(takes_context=True)
def lock_field(context, obj):
    return locking.field_html(context.get("request"), obj)
