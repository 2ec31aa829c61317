"""``{{ text|masked }}``: free text typed by staff (a reason, a note) as the public may see
it — ID numbers, phone numbers, e-mail addresses and long digit runs masked
(``fazhi.core.masking.mask_text``)."""

from django import template

from fazhi.core.masking import mask_text

register = template.Library()


@register.filter
def masked(text) -> str:
    return mask_text(str(text)) if text else ""
