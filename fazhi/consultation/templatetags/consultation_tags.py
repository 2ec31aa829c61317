from django import template

register = template.Library()


@register.filter
def paras(text: str) -> list[str]:
    """A document's lines as paragraphs (each article or item of a draft is one line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def suspects_marked(text: str):
    """The comment text for the moderator, each suspected name or street address
    (services.suspects) wrapped in <mark>, everything else escaped; line breaks kept."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from fazhi.consultation.services import suspects

    text = text or ""
    out, last = [], 0
    for a, b, kind in suspects(text):
        label = "疑似姓名" if kind == "name" else "疑似住址"
        out.append(escape(text[last:a]))
        out.append(f'<mark class="suspect" title="{label}">{escape(text[a:b])}</mark>')
        last = b
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace("\n", "<br>"))
