from django import template

register = template.Library()


@register.filter
def paras(text: str) -> list[str]:
    """A document's lines as paragraphs (each article or item of a draft is one line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
