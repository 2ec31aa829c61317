"""HTML page → plain text with one paragraph per line and data tables as '|' rows.

Layout tables (cells holding paragraphs or other tables) are flattened to text, so
only small data tables become '|' rows. Navigation, scripts and styles are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "svg",
    "select",
    "button",
    "nav",
    "object",
    "canvas",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "hr",
    "form",
    "fieldset",
    "address",
    "aside",
    "main",
    "figure",
    "figcaption",
    "caption",
}
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|share|bdshare|toolbar|footer|foot|copyright|"
    r"topbar|sidebar|side|related|pager|pagination|search)([\s_-]|$)",
    re.I,
)
_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "wbr",
}
_WS = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def _space(m: re.Match) -> str:
    """Source line breaks vanish between Chinese characters; deliberate gaps (&nbsp;) stay."""
    run = m.group(0)
    if "\u00a0" in run or (run.count(" ") >= 2 and "\n" not in run):
        return "\x01"
    return " "


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[list[str]]] = []  # row → cell → lines
        self.layout = False


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # finished lines at top level
        self.buf: list[str] = []  # current inline text
        self.skip_depth = 0
        self.skip_tags: list[str] = []
        self.tables: list[_Table] = []
        self.cell: list[list[str]] | None = None  # stack handled via tables
        self.cells: list[list[str] | None] = []

    # line sinks: inside a table cell, lines go to that cell
    def _sink(self) -> list[str]:
        if self.cells and self.cells[-1] is not None:
            return self.cells[-1]
        return self.out

    def _flush(self) -> None:
        text = _WS.sub(_space, "".join(self.buf)).strip()
        self.buf = []
        if text:
            self._sink().append(_CJK_GAP.sub("", text).replace("\x01", " "))

    def handle_starttag(self, tag, attrs):
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_tags.append(tag)
                self.skip_depth += 1
            return
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if tag in _SKIP or (
            tag in ("div", "ul", "ol", "section", "aside", "header", "footer", "span", "p")
            and attr
            and _CHROME_ATTR.search(attr)
        ):
            if tag not in _VOID:
                self.skip_tags.append(tag)
                self.skip_depth = 1
            return
        if tag == "table":
            self._flush()
            if self.cells and self.cells[-1] is not None and self.tables:
                self.tables[-1].layout = True  # a table inside a cell: outer one is layout
            self.tables.append(_Table())
            self.cells.append(None)
        elif tag == "tr" and self.tables:
            self._flush()
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            self._flush()
            if not self.tables[-1].rows:
                self.tables[-1].rows.append([])
            cell: list[str] = []
            self.tables[-1].rows[-1].append(cell)
            self.cells[-1] = cell
        elif tag in _BLOCK:
            self._flush()
            if self.cells and self.cells[-1] is not None and tag in ("p", "div", "br", "li"):
                # paragraphs inside a cell make the table a layout table
                if self.tables and tag != "br":
                    self.tables[-1].layout = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skip_depth:
            if self.skip_tags and self.skip_tags[-1] == tag:
                self.skip_tags.pop()
                self.skip_depth -= 1
            elif tag in self.skip_tags:
                while self.skip_tags and self.skip_tags[-1] != tag:
                    self.skip_tags.pop()
                    self.skip_depth -= 1
                if self.skip_tags:
                    self.skip_tags.pop()
                    self.skip_depth -= 1
            return
        if tag in ("td", "th") and self.tables:
            self._flush()
            self.cells[-1] = None
        elif tag == "table" and self.tables:
            self._flush()
            table = self.tables.pop()
            self.cells.pop()
            for line in _render(table):
                self._sink().append(line)
        elif tag in _BLOCK:
            self._flush()

    def handle_data(self, data):
        if not self.skip_depth:
            self.buf.append(data)

    def close(self):
        super().close()
        self._flush()
        while self.tables:
            table = self.tables.pop()
            self.cells.pop()
            for line in _render(table):
                self._sink().append(line)


def _render(table: _Table) -> list[str]:
    rows = [r for r in table.rows if any(any(x.strip() for x in c) for c in r)]
    layout = table.layout or any(
        len(cell) > 1 or sum(len(x) for x in cell) > 120 for row in rows for cell in row
    )
    if layout or all(len(r) == 1 for r in rows):
        return [line for row in rows for cell in row for line in cell]
    out = []
    for row in rows:
        out.append("| " + " | ".join(" ".join(cell) for cell in row) + " |")
    return out


def html_to_text(html: str) -> str:
    conv = _Converter()
    conv.feed(html)
    conv.close()
    return "\n".join(conv.out)
