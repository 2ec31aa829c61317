"""公文 layout for DOCX: the building blocks every module's official document uses (the
annual report, the 审查意见书, later the 告知书 and 决定书 of other modules).

It imports nothing from Django, so workers, commands and tests can use it alike. A module
composes its text and calls ``new_document`` → ``add_title`` / ``add_addressee`` /
``add_body`` / ``add_heading`` → ``add_closing`` → ``to_bytes``; ``render`` does all of it
for a plain document dict of strings.

Layout sources:

* GB/T 9704-2012《党政机关公文格式》5.1/5.2: A4 (210 mm x 297 mm); 天头 (top) 37 mm,
  订口 (left) 28 mm, 版心 156 mm x 225 mm, hence bottom 297-37-225 = 35 mm and
  right 210-28-156 = 26 mm; body in 3号仿宋 (16 pt); "一般每面排22行，每行排28个字".
* GB/T 9704-2012 7.3.1/7.3.2/7.3.3: title in 2号小标宋 (22 pt), centred; 主送机关 one
  line below the title, flush left, ending with a full-width colon; structure levels
  "一、" "（一）" "1." "（1）" set in 黑体, 楷体, 仿宋, 仿宋.
* GB/T 9704-2012 7.3.5.1 (a stamped document): 成文日期 right-indented four characters,
  发文机关署名 centred over the date; the seal must start within one line below the text,
  so two empty lines are left above the signature.
* GB/T 9704-2012 7.5: page number in 4号半角宋体 Arabic numerals between two 一字线
  ("— 1 —"), 7 mm below the type area; odd pages right with one character of space,
  even pages left with one character of space. Implemented exactly that way with
  distinct odd/even footers.

Approximations, chosen because Word lays out lines and characters its own way:

* Line spacing is fixed at 28.9 pt: 22 lines x 28.9 pt = 635.8 pt, which fits the
  225 mm (637.8 pt) type area, whereas 29 pt would push the 22nd line off the page.
* 28 characters per line: 16 pt x 28 = 448 pt is wider than the 156 mm (442.2 pt) type
  area, so the section carries a Word document grid (``linesAndChars``) whose character
  pitch is the type-area width / 28 (~15.79 pt), the way 公文 templates do it.
* The footer distance is 23 mm, so a 14 pt page-number line sits about 7 mm below the
  type area (35 mm - 7 mm - ~5 mm line).
* The fonts are named, not embedded: 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体 and 宋体
  are set as East Asian fonts (``w:rFonts/@w:eastAsia`` and the Latin slots too), and the
  font table lists the usual substitutes (仿宋, 楷体, 宋体…) as ``w:altName`` for machines
  that lack the GB2312 fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from lxml import etree

__all__ = [
    "HEADING_STYLES",
    "MAX_DEPTH",
    "add_addressee",
    "add_body",
    "add_closing",
    "add_heading",
    "add_title",
    "clean",
    "new_document",
    "render",
    "to_bytes",
]

# --- Layout constants (see the module docstring for their sources) -----------------------

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = Mm(26)
FOOTER_DISTANCE = Mm(23)
HEADER_DISTANCE = Mm(15)

LINE_PITCH = Pt(28.9)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

SIZE_TITLE = Pt(22)  # 2号
SIZE_BODY = Pt(16)  # 3号
SIZE_PAGE_NUMBER = Pt(14)  # 4号

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_LEVEL1 = "黑体"
FONT_LEVEL2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

# Substitutes Word may use when the named font is missing (w:font/w:altName).
FONT_ALTERNATES = {
    FONT_TITLE: ("方正小标宋_GBK", "华文中宋", "宋体"),
    FONT_BODY: ("仿宋", "FangSong"),
    FONT_LEVEL2: ("楷体", "KaiTi"),
    FONT_LEVEL1: ("SimHei",),
    FONT_PAGE_NUMBER: ("SimSun",),
}

MAX_DEPTH = 4  # 一、 （一） 1. （1）: GB/T 9704-2012 7.3.3 defines four levels.
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
EM_DASH = "\u2014"  # 一字线

INDENT_FIRST_LINE_CHARS = 2
DATE_RIGHT_CHARS = 4
SIGNATURE_GAP_LINES = 2

# Characters XML 1.0 forbids (python-docx would refuse them) plus DEL; pasted text carries them.
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])")


def clean(text: str) -> str:
    """Drop characters that cannot be stored in DOCX and unify line breaks to \\n."""
    return _ILLEGAL_CHARS.sub("", _LINE_BREAKS.sub("\n", text or ""))


def one_line(text: str) -> str:
    """Flatten manual line breaks: in Chinese they are visual, so no space is inserted."""
    return _LATIN_BREAK.sub(" ", text).replace("\n", "")


# --- Page, styles, fonts, footers ---------------------------------------------------------


def set_fonts(rpr: Any, name: str) -> None:
    """Name ``name`` for every script slot; theme attributes would override explicit names."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_indent_chars(
    paragraph_format: Any, *, first_line: float = 0, right: float | None = None
) -> None:
    """Set indents in characters (Word's ``*Chars``) with points as the fallback.

    Word lets an inherited ``firstLineChars`` win over a direct ``firstLine``, so every
    override writes both forms. ``right`` is only written when given, so no style carries a
    ``rightChars`` that could mask a paragraph's own right indent.
    """
    paragraph_format.first_line_indent = Pt(first_line * SIZE_BODY.pt)
    ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(round(first_line * 100)))
    if right is not None:
        paragraph_format.right_indent = Pt(right * SIZE_BODY.pt)
        ind.set(qn("w:rightChars"), str(round(right * 100)))


def fixed_spacing(paragraph_format: Any, line: Length = LINE_PITCH) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = line
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def char_grid_space(text_width: Length) -> int:
    """``w:charSpace`` (1/4096 pt added to the 16 pt pitch) giving 28 characters per line."""
    pitch = text_width.pt / CHARS_PER_LINE
    # Round down (and one more unit) so 28 pitches never exceed the type-area width.
    return math.floor((pitch - SIZE_BODY.pt) * 4096) - 1


def setup_page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = Mm(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    text_width = Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))
    grid.set(qn("w:charSpace"), str(char_grid_space(text_width)))


def _reset_style(style: Any, *, keep_ppr: bool) -> None:
    element = style.element
    element._remove_rPr()
    if not keep_ppr:
        element._remove_pPr()


def setup_styles(document: Any) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
        rpr = rpr_default.find(qn("w:rPr"))
        set_fonts(rpr, FONT_BODY)
        rpr.sz_val = SIZE_BODY
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    _reset_style(normal, keep_ppr=False)
    normal.font.size = SIZE_BODY
    set_fonts(normal.element.get_or_add_rPr(), FONT_BODY)
    fixed_spacing(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    set_indent_chars(normal.paragraph_format, first_line=INDENT_FIRST_LINE_CHARS)

    title = styles["Title"]
    _reset_style(title, keep_ppr=False)
    title.font.size = SIZE_TITLE
    set_fonts(title.element.get_or_add_rPr(), FONT_TITLE)
    fixed_spacing(title.paragraph_format)
    title.paragraph_format.space_after = LINE_PITCH  # 主送机关 one empty line below
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_indent_chars(title.paragraph_format)

    heading_fonts = (
        (FONT_LEVEL1, False),
        (FONT_LEVEL2, False),
        (FONT_BODY, True),
        (FONT_BODY, False),
    )
    for name, (font, bold) in zip(HEADING_STYLES, heading_fonts, strict=True):
        style = styles[name]
        _reset_style(style, keep_ppr=True)  # keeps keepNext/keepLines/outlineLvl
        style.font.size = SIZE_BODY
        style.font.bold = bold
        style.font.italic = False
        set_fonts(style.element.get_or_add_rPr(), font)
        fixed_spacing(style.paragraph_format)
        style.paragraph_format.keep_with_next = True
        set_indent_chars(style.paragraph_format, first_line=INDENT_FIRST_LINE_CHARS)

    footer = styles["Footer"]
    _reset_style(footer, keep_ppr=True)
    footer.font.size = SIZE_PAGE_NUMBER
    set_fonts(footer.element.get_or_add_rPr(), FONT_PAGE_NUMBER)
    fixed_spacing(footer.paragraph_format, SIZE_PAGE_NUMBER)
    set_indent_chars(footer.paragraph_format)


def setup_font_table(document: Any) -> None:
    """List the 公文 fonts with substitutes so Word picks 仿宋 rather than its default font."""
    part = next(
        (p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"),
        None,
    )
    if part is None or not hasattr(part, "_blob"):
        return
    root = etree.fromstring(part.blob)
    for name, alternates in FONT_ALTERNATES.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), ",".join(alternates))
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        family = "modern" if name in (FONT_LEVEL1, FONT_BODY, FONT_LEVEL2) else "roman"
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), family)
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_number(footer: Any, *, odd: bool) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    fmt = paragraph.paragraph_format
    if odd:  # 单页码居右空一字
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = SIZE_PAGE_NUMBER
    else:  # 双页码居左空一字
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = SIZE_PAGE_NUMBER
    paragraph.add_run(f"{EM_DASH} ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {EM_DASH}")


def setup_footers(document: Any) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)


def setup_properties(document: Any, *, title: str, author: str, subject: str) -> None:
    props = document.core_properties
    props.title = one_line(clean(title))
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = "zh-CN"
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    # The template ships a thumbnail of an empty English page; drop it.
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            rels.pop(rid)


# --- Building a document --------------------------------------------------------------------


def new_document(*, title: str, author: str = "", subject: str = "") -> Any:
    """An empty python-docx Document with the 公文 page, styles, fonts, footers and
    properties set, and the template's empty paragraph removed."""
    document = Document()
    setup_page(document)
    setup_styles(document)
    setup_font_table(document)
    setup_footers(document)
    setup_properties(document, title=title, author=author, subject=subject)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph, if any
        body.remove(p)
    return document


def add_title(document: Any, text: str) -> Any:
    return document.add_paragraph(clean(text).strip(), style="Title")


def add_addressee(document: Any, text: str) -> Any:
    """主送机关: flush left (居左顶格)."""
    p = document.add_paragraph(clean(text).strip())
    set_indent_chars(p.paragraph_format)
    return p


def add_body(document: Any, runs: str | Sequence[str]) -> Any:
    """A body paragraph (3号仿宋, first line indented two characters) of one or more runs."""
    p = document.add_paragraph()
    for text in [runs] if isinstance(runs, str) else runs:
        text = clean(text)
        if text:
            p.add_run(text)
    return p


def add_heading(document: Any, text: str, level: int = 1) -> Any:
    """A structure heading: level 1 "一、" (黑体), 2 "（一）" (楷体), 3 "1." and 4 "（1）" (仿宋)."""
    if not 1 <= level <= MAX_DEPTH:
        raise ValueError(f"公文结构层次只有{MAX_DEPTH}级，不能为第{level}级")
    return document.add_paragraph(clean(text).strip(), style=HEADING_STYLES[level - 1])


def text_width_chars(text: str) -> float:
    """Width in 3号 characters: full-width glyphs count 1, half-width (digits, Latin) ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in ("F", "W", "A") else 0.5 for ch in text)


def add_closing(document: Any, signature: str, date: str) -> None:
    """署名 centred over the 成文日期, the date four characters from the right (7.3.5.1)."""
    signature, date = clean(signature).strip(), clean(date).strip()
    if date:
        sig_right = DATE_RIGHT_CHARS + max(
            (text_width_chars(date) - text_width_chars(signature)) / 2,
            -DATE_RIGHT_CHARS,
        )
    else:
        sig_right = DATE_RIGHT_CHARS
    first = True
    for text, right in ((signature, sig_right), (date, DATE_RIGHT_CHARS)):
        if not text:
            continue
        p = document.add_paragraph(text)
        fmt = p.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_indent_chars(fmt, right=right)
        if first:
            fmt.space_before = Pt(LINE_PITCH.pt * SIGNATURE_GAP_LINES)
            first = False


def add_appendix(document: Any, title: str) -> None:
    """An appendix (附件) after the 成文日期: on a new page, the label "附件" flush left in
    黑体 and the appendix title centred (GB/T 9704-2012 7.4.2)."""
    document.add_page_break()
    label = document.add_paragraph()
    set_indent_chars(label.paragraph_format)
    run = label.add_run("附件")
    set_fonts(run._element.get_or_add_rPr(), "黑体")
    document.add_paragraph(clean(title).strip(), style="Title")


def to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _sections(document: Any, sections: Sequence[Mapping[str, Any]], level: int) -> None:
    for section in sections:
        add_heading(document, section["heading"], level)
        for paragraph in section.get("paragraphs") or ():
            add_body(document, paragraph)
        _sections(document, section.get("subsections") or (), level + 1)


def render(doc: Mapping[str, Any]) -> bytes:
    """A plain 公文 as DOCX: ``title``, optional ``addressee``, ``preamble`` (paragraphs
    before the first heading), ``sections`` (``heading``, ``paragraphs``, ``subsections``,
    up to four levels), ``signature`` and ``date``, optional ``subject`` (the document
    property). A paragraph is a string or a list of strings (runs)."""
    document = new_document(
        title=doc["title"], author=doc.get("signature", ""), subject=doc.get("subject", "")
    )
    add_title(document, doc["title"])
    if doc.get("addressee"):
        add_addressee(document, doc["addressee"])
    for paragraph in doc.get("preamble") or ():
        add_body(document, paragraph)
    _sections(document, doc.get("sections") or (), 1)
    add_closing(document, doc.get("signature", ""), doc.get("date", ""))
    return to_bytes(document)
