"""What counts as an internal code in the text a staff member sees, and how to find it.

Staff read names, not the machine's identifiers (issue 12, point 5). An internal code is:

- an indicator code of the catalogue (shared/design/indicators.md, e.g.
  ``litigation.head_appearance_rate``) or any other dotted machine label such as a model
  label (``decisions.decision``) or a registry key (``plans.task``);
- a model id written as ``#123`` or ``record_type:123``;
- an English enumeration value of a model field (``submitted``, ``normative_document``):
  the stored value of a ``choices`` field, shown instead of its Chinese label.

"Visible text" is what a browser shows or reads aloud: the text of the page's elements,
without ``<script>``/``<style>``, without elements marked ``hidden``, without ``<code>`` (a
command shown verbatim for an administrator to type, e.g. ``fazhi enforcement import``), and
without attribute values (a ``title`` tooltip may carry the code for administrators; an
``<option>``'s ``value`` is not shown).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A dotted lower-case machine label: app.model, module.indicator, registry keys.
DOTTED = re.compile(r"(?<![\w./@-])[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?![\w/@-])")
# A model id: "#123", "编号#12", "task:42".
HASH_ID = re.compile(r"#\d+\b")
TYPED_ID = re.compile(r"\b[a-z][a-z_]+:\d+\b")
# File names and addresses are not codes.
NOT_CODES = re.compile(r"\.(docx|xlsx|pdf|csv|html|txt|zip|json|gov|cn|com|org|gz)$")

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class VisibleText(HTMLParser):
    """The text of a page as a reader meets it (see the module docstring)."""

    SKIP = {"script", "style", "template", "head", "textarea", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is it hiding its content

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        hides = tag in self.SKIP or "hidden" in a
        self._stack.append(hides)

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        self._stack.pop()

    def handle_data(self, data):
        if not any(self._stack):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return parser.text


def enum_values() -> set[str]:
    """Every English stored value of a ``choices`` field of the project's models whose
    label is different (those are what a template shows by mistake)."""
    from django.apps import apps

    out: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if (
                    isinstance(value, str)
                    and re.fullmatch(r"[a-z][a-z_]+", value)
                    and str(label) != value
                    and len(value) > 3
                ):
                    out.add(value)
    return out


# An address written out (a printed link, "（/office/decisions/?figure=…）") is not a code.
ADDRESS = re.compile(r"(?:https?://|(?<![\w.])/)[^\s（）()，。；“”]*")


def find_codes(text: str, enums: set[str]) -> list[str]:
    """The internal codes in a page's visible text."""
    text = ADDRESS.sub(" ", text)
    found = [m for m in DOTTED.findall(text) if not NOT_CODES.search(m)]
    found += HASH_ID.findall(text)
    found += TYPED_ID.findall(text)
    for word in re.findall(r"(?<![\w.-])[a-z][a-z_]+(?![\w.-])", text):
        if word in enums:
            found.append(word)
    return found
