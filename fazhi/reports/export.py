"""Render a composed 法治政府建设年度报告 as DOCX (公文 layout), HTML and plain text.

The composer hands over a plain, JSON-serialisable dict (see ``render_docx``); this module
validates it once, normalises the text, and renders it. It deliberately imports nothing
from Django so it can run in workers, management commands and tests alike.

Layout sources (DOCX and the standalone HTML page):

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
import html
import io
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from lxml import etree

__all__ = [
    "FigureRef",
    "iter_figures",
    "plain_text",
    "render_docx",
    "render_html",
    "validate",
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

_INDENT_FIRST_LINE_CHARS = 2
_DATE_RIGHT_CHARS = 4
_SIGNATURE_GAP_LINES = 2


# --- Normalised model --------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    text: str
    figure: Mapping[str, Any] | None
    # Text quoted from a record (e.g. a unit's accepted progress report): its numbers are
    # sourced by that record. {"source": "…", "source_url": "/office/…"}
    origin: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class _Paragraph:
    segments: tuple[_Segment, ...]
    where: str

    @property
    def text(self) -> str:
        return "".join(seg.text for seg in self.segments)


@dataclass(frozen=True)
class _Section:
    heading: str
    level: int  # 1-based
    paragraphs: tuple[_Paragraph, ...]
    subsections: tuple[_Section, ...]


@dataclass(frozen=True)
class _Report:
    title: str
    addressee: str
    preamble: tuple[_Paragraph, ...]
    sections: tuple[_Section, ...]
    signature: str
    date: str


@dataclass(frozen=True)
class FigureRef:
    """One figure segment found in a report, with enough context to report problems.

    ``path`` is the heading chain from the level-1 heading down (empty for the preamble),
    ``where`` a Chinese locator such as "第1节第2小节第3段的第1个片段", ``text`` the words
    shown in the report, ``figure`` the figure dict exactly as given, and ``paragraph`` the
    plain text of the paragraph containing it.
    """

    path: tuple[str, ...]
    where: str
    text: str
    figure: Mapping[str, Any]
    paragraph: str


# --- Validation and normalisation ----------------------------------------------------------

# Characters XML 1.0 forbids (python-docx would refuse them) plus DEL; pasted text carries them.
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")


def _clean(text: str) -> str:
    """Drop characters that cannot be stored in DOCX/HTML and unify line breaks to \\n."""
    return _ILLEGAL_CHARS.sub("", _LINE_BREAKS.sub("\n", text))


def _type_name(value: Any) -> str:
    return type(value).__name__


def _optional_text(doc: Mapping[str, Any], key: str, label: str) -> str:
    value = doc.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{label}（{key}）必须是文字，实际为{_type_name(value)}")
    return _clean(value).strip()


def _check_url(url: str, where: str) -> None:
    """Allow only site paths and http(s) links: the href ends up in a clickable <a>."""
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        raise ValueError(f"{where}的数据来源链接（source_url）含有空白或控制字符")
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"{where}的数据来源链接（source_url）不安全：{url}")
    if not parts.scheme and (url.startswith("//") or ":" in url.split("/", 1)[0]):
        raise ValueError(f"{where}的数据来源链接（source_url）不安全：{url}")


def _figure(value: Any, where: str) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}的figure必须是字典（dict），实际为{_type_name(value)}")
    code = value.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ValueError(f"{where}的figure缺少指标代码（code）")
    for key, label in (("unit", "单位"), ("source", "数据来源"), ("source_url", "数据来源链接")):
        item = value.get(key)
        if item is not None and not isinstance(item, str):
            raise ValueError(f"{where}的{label}（{key}）必须是文字，实际为{_type_name(item)}")
    if value.get("source_url"):
        _check_url(value["source_url"], where)
    return value


def _paragraph(value: Any, where: str) -> _Paragraph:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{where}必须是片段列表，实际为{_type_name(value)}")
    if not value:
        raise ValueError(f"{where}没有任何片段")
    segments = []
    for index, raw in enumerate(value, start=1):
        seg_where = f"{where}的第{index}个片段"
        if not isinstance(raw, Mapping):
            raise ValueError(f"{seg_where}必须是字典（dict），实际为{_type_name(raw)}")
        if "text" not in raw:
            raise ValueError(f"{seg_where}缺少text")
        text = raw["text"]
        if not isinstance(text, str):
            raise ValueError(f"{seg_where}的text必须是文字，实际为{_type_name(text)}")
        figure = _figure(raw.get("figure"), seg_where)
        origin = raw.get("origin")
        if origin is not None:
            if not isinstance(origin, Mapping) or not isinstance(origin.get("source_url"), str):
                raise ValueError(f"{seg_where}的origin必须是含source_url的字典")
            _check_url(origin["source_url"], seg_where)
        text = _clean(text)
        if figure is not None and not text.strip():
            raise ValueError(f"{seg_where}是数据片段，但text为空")
        segments.append(_Segment(text=text, figure=figure, origin=origin))
    paragraph = _Paragraph(segments=tuple(segments), where=where)
    if not paragraph.text.strip():
        raise ValueError(f"{where}内容为空")
    return paragraph


def _paragraphs(value: Any, where: str, label: str) -> tuple[_Paragraph, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise ValueError(f"{label}必须是段落列表，实际为{_type_name(value)}")
    return tuple(_paragraph(p, f"{where}第{i}段") for i, p in enumerate(value, start=1))


def _section(value: Any, where: str, level: int) -> _Section:
    if level > MAX_DEPTH:
        raise ValueError(f"{where}超过公文允许的{MAX_DEPTH}级标题层次")
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}必须是字典（dict），实际为{_type_name(value)}")
    heading = value.get("heading")
    if not isinstance(heading, str) or not _clean(heading).strip():
        raise ValueError(f"{where}缺少标题（heading）")
    paragraphs = _paragraphs(value.get("paragraphs"), where, f"{where}的段落（paragraphs）")
    subs = value.get("subsections")
    if subs is None:
        subs = []
    if not isinstance(subs, list | tuple):
        raise ValueError(f"{where}的小节（subsections）必须是列表，实际为{_type_name(subs)}")
    subsections = tuple(
        _section(sub, f"{where}第{i}小节", level + 1) for i, sub in enumerate(subs, start=1)
    )
    return _Section(
        heading=_clean(heading).strip(),
        level=level,
        paragraphs=paragraphs,
        subsections=subsections,
    )


def _normalise(doc: Any) -> _Report:
    if not isinstance(doc, Mapping):
        raise ValueError(f"报告文档必须是字典（dict），实际为{_type_name(doc)}")
    title = doc.get("title")
    if not isinstance(title, str) or not _clean(title).strip():
        raise ValueError("报告缺少标题（title）")
    sections = doc.get("sections")
    if sections is None:
        raise ValueError("报告缺少正文章节（sections）")
    if not isinstance(sections, list | tuple):
        raise ValueError(f"报告正文章节（sections）必须是列表，实际为{_type_name(sections)}")
    return _Report(
        title=_clean(title).strip(),
        addressee=_optional_text(doc, "addressee", "主送机关"),
        preamble=_paragraphs(doc.get("preamble"), "导语", "导语（preamble）"),
        sections=tuple(_section(s, f"第{i}节", 1) for i, s in enumerate(sections, start=1)),
        signature=_optional_text(doc, "signature", "署名"),
        date=_optional_text(doc, "date", "成文日期"),
    )


def validate(doc: Any) -> None:
    """Raise ``ValueError`` (Chinese message naming the bad element) if ``doc`` is malformed."""
    _normalise(doc)


def _walk(
    sections: tuple[_Section, ...], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], _Section]]:
    for section in sections:
        here = (*path, section.heading)
        yield here, section
        yield from _walk(section.subsections, here)


def iter_figures(doc: Mapping[str, Any]) -> Iterator[FigureRef]:
    """Yield every figure segment in reading order, for the quality check."""
    report = _normalise(doc)
    blocks: list[tuple[tuple[str, ...], tuple[_Paragraph, ...]]] = [((), report.preamble)]
    blocks += [(path, section.paragraphs) for path, section in _walk(report.sections)]
    for path, paragraphs in blocks:
        for paragraph in paragraphs:
            for index, seg in enumerate(paragraph.segments, start=1):
                if seg.figure is not None:
                    yield FigureRef(
                        path=path,
                        where=f"{paragraph.where}的第{index}个片段",
                        text=seg.text,
                        figure=seg.figure,
                        paragraph=paragraph.text,
                    )


# --- Plain text ------------------------------------------------------------------------------

_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])")


def _one_line(text: str) -> str:
    """Flatten manual line breaks: in Chinese they are visual, so no space is inserted."""
    return _LATIN_BREAK.sub(" ", text).replace("\n", "")


def plain_text(doc: Mapping[str, Any]) -> str:
    """The report as text, one line per title, heading, paragraph, signature and date."""
    report = _normalise(doc)
    lines = [report.title]
    if report.addressee:
        lines.append(report.addressee)
    lines += [p.text for p in report.preamble]
    for _path, section in _walk(report.sections):
        lines.append(section.heading)
        lines += [p.text for p in section.paragraphs]
    lines += [s for s in (report.signature, report.date) if s]
    return "\n".join(_one_line(line) for line in lines) + "\n"


# --- HTML ------------------------------------------------------------------------------------

_STANDALONE_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; color: #000; background: #fff; font-size: 16pt; line-height: 28.9pt;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", serif; }
.fz-report { box-sizing: content-box; max-width: 156mm; margin: 0 auto; padding: 37mm 0 35mm; }
.fz-report p, .fz-report h2, .fz-report h3, .fz-report h4, .fz-report h5 {
  margin: 0; font-size: 16pt; font-weight: normal; line-height: 28.9pt; text-indent: 2em;
  text-align: justify; }
.fz-title { margin: 0 0 28.9pt; font-size: 22pt; font-weight: normal; line-height: 28.9pt;
  text-align: center; font-family: "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S",
  "华文中宋", "STZhongsong", "宋体", "SimSun", serif; }
.fz-report h2 { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; }
.fz-report h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
.fz-report h4 { font-weight: bold; }
.fz-report .fz-addressee { text-indent: 0; }
.fz-closing { width: max-content; margin: 57.8pt 4em 0 auto; text-align: center; }
.fz-closing p { text-indent: 0; text-align: center; }
.fz-figure { color: inherit; text-decoration: underline dotted; }
@media print {
  .fz-report { max-width: none; padding: 0; }
  .fz-figure { text-decoration: none; }
}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _html_segment(seg: _Segment, link_figures: bool) -> str:
    if seg.figure is None and seg.origin is not None and link_figures:
        url = html.escape(seg.origin["source_url"], quote=True)
        source = html.escape(_clean(seg.origin.get("source") or ""), quote=True)
        return (
            f'<span class="fz-quote" title="{source}">{_esc(seg.text)}</span>'
            f'<a class="fz-origin" href="{url}" title="{source}">〔来源〕</a>'
        )
    if seg.figure is None:
        return _esc(seg.text)
    attrs = ' class="fz-figure"'
    url = seg.figure.get("source_url") or ""
    source = seg.figure.get("source") or ""
    if link_figures and url:
        attrs += f' href="{html.escape(url, quote=True)}"'
    if source:
        attrs += f' title="{html.escape(_clean(source), quote=True)}"'
    attrs += f' data-code="{html.escape(seg.figure["code"], quote=True)}"'
    tag = "a" if link_figures and url else "span"
    return f"<{tag}{attrs}>{_esc(seg.text)}</{tag}>"


def _html_paragraph(paragraph: _Paragraph, link_figures: bool) -> str:
    return "<p>" + "".join(_html_segment(s, link_figures) for s in paragraph.segments) + "</p>"


def _html_section(section: _Section, link_figures: bool, out: list[str]) -> None:
    tag = f"h{min(section.level + 1, 6)}"
    out.append('<section class="fz-section">')
    out.append(f"<{tag}>{_esc(section.heading)}</{tag}>")
    out += [_html_paragraph(p, link_figures) for p in section.paragraphs]
    for sub in section.subsections:
        _html_section(sub, link_figures, out)
    out.append("</section>")


def render_html(
    doc: Mapping[str, Any], *, link_figures: bool = True, standalone: bool = False
) -> str:
    """Render semantic HTML; figures link to their source so readers can trace each number.

    The fragment carries classes only (the app styles it); ``standalone=True`` returns a
    complete page with inline print-like CSS, meant as a downloadable export file.
    """
    report = _normalise(doc)
    out = ['<article class="fz-report">', f'<h1 class="fz-title">{_esc(report.title)}</h1>']
    if report.addressee:
        out.append(f'<p class="fz-addressee">{_esc(report.addressee)}</p>')
    out += [_html_paragraph(p, link_figures) for p in report.preamble]
    for section in report.sections:
        _html_section(section, link_figures, out)
    if report.signature or report.date:
        out.append('<div class="fz-closing">')
        if report.signature:
            out.append(f'<p class="fz-signature">{_esc(report.signature)}</p>')
        if report.date:
            out.append(f'<p class="fz-date">{_esc(report.date)}</p>')
        out.append("</div>")
    out.append("</article>")
    fragment = "\n".join(out)
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(_one_line(report.title))}</title>\n"
        f"<style>{_STANDALONE_CSS}</style>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )


# --- DOCX ------------------------------------------------------------------------------------


def _set_fonts(rpr: Any, name: str) -> None:
    """Name ``name`` for every script slot; theme attributes would override explicit names."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _set_indent_chars(
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


def _fixed_spacing(paragraph_format: Any, line: Length = LINE_PITCH) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = line
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _char_grid_space(text_width: Length) -> int:
    """``w:charSpace`` (1/4096 pt added to the 16 pt pitch) giving 28 characters per line."""
    pitch = text_width.pt / CHARS_PER_LINE
    # Round down (and one more unit) so 28 pitches never exceed the type-area width.
    return math.floor((pitch - SIZE_BODY.pt) * 4096) - 1


def _setup_page(document: Any) -> None:
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
    grid.set(qn("w:charSpace"), str(_char_grid_space(text_width)))


def _reset_style(style: Any, *, keep_ppr: bool) -> None:
    element = style.element
    element._remove_rPr()
    if not keep_ppr:
        element._remove_pPr()


def _setup_styles(document: Any) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
        rpr = rpr_default.find(qn("w:rPr"))
        _set_fonts(rpr, FONT_BODY)
        rpr.sz_val = SIZE_BODY
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    _reset_style(normal, keep_ppr=False)
    normal.font.size = SIZE_BODY
    _set_fonts(normal.element.get_or_add_rPr(), FONT_BODY)
    _fixed_spacing(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _set_indent_chars(normal.paragraph_format, first_line=_INDENT_FIRST_LINE_CHARS)

    title = styles["Title"]
    _reset_style(title, keep_ppr=False)
    title.font.size = SIZE_TITLE
    _set_fonts(title.element.get_or_add_rPr(), FONT_TITLE)
    _fixed_spacing(title.paragraph_format)
    title.paragraph_format.space_after = LINE_PITCH  # 主送机关 one empty line below
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_indent_chars(title.paragraph_format)

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
        _set_fonts(style.element.get_or_add_rPr(), font)
        _fixed_spacing(style.paragraph_format)
        style.paragraph_format.keep_with_next = True
        _set_indent_chars(style.paragraph_format, first_line=_INDENT_FIRST_LINE_CHARS)

    footer = styles["Footer"]
    _reset_style(footer, keep_ppr=True)
    footer.font.size = SIZE_PAGE_NUMBER
    _set_fonts(footer.element.get_or_add_rPr(), FONT_PAGE_NUMBER)
    _fixed_spacing(footer.paragraph_format, SIZE_PAGE_NUMBER)
    _set_indent_chars(footer.paragraph_format)


def _setup_font_table(document: Any) -> None:
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


def _setup_footers(document: Any) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)


def _setup_properties(document: Any, report: _Report) -> None:
    props = document.core_properties
    props.title = _one_line(report.title)
    props.subject = "法治政府建设年度报告"
    props.author = report.signature
    props.last_modified_by = report.signature
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


def _add_paragraph(document: Any, paragraph: _Paragraph) -> None:
    p = document.add_paragraph()
    for seg in paragraph.segments:
        if seg.text:
            p.add_run(seg.text)


def _add_section(document: Any, section: _Section) -> None:
    document.add_paragraph(section.heading, style=HEADING_STYLES[section.level - 1])
    for paragraph in section.paragraphs:
        _add_paragraph(document, paragraph)
    for sub in section.subsections:
        _add_section(document, sub)


def _text_width_chars(text: str) -> float:
    """Width in 3号 characters: full-width glyphs count 1, half-width (digits, Latin) ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in ("F", "W", "A") else 0.5 for ch in text)


def _add_closing(document: Any, report: _Report) -> None:
    """署名 centred over the 成文日期, the date four characters from the right (7.3.5.1)."""
    if report.date:
        sig_right = _DATE_RIGHT_CHARS + max(
            (_text_width_chars(report.date) - _text_width_chars(report.signature)) / 2,
            -_DATE_RIGHT_CHARS,
        )
    else:
        sig_right = _DATE_RIGHT_CHARS
    first = True
    for text, right in ((report.signature, sig_right), (report.date, _DATE_RIGHT_CHARS)):
        if not text:
            continue
        p = document.add_paragraph(text)
        fmt = p.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_indent_chars(fmt, right=right)
        if first:
            fmt.space_before = Pt(LINE_PITCH.pt * _SIGNATURE_GAP_LINES)
            first = False


def render_docx(doc: Mapping[str, Any]) -> bytes:
    """Render the report as a DOCX laid out per GB/T 9704-2012 (see module docstring).

    ``doc`` has ``title``, optional ``addressee``, ``preamble`` (paragraphs before the first
    heading), ``sections`` (``heading``/``paragraphs``/``subsections``, up to four levels),
    optional ``signature`` and ``date``. A paragraph is a list of segments
    ``{"text": ..., "figure": {...}?}``; figures are rendered as plain text here.
    """
    report = _normalise(doc)
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _setup_font_table(document)
    _setup_footers(document)
    _setup_properties(document, report)

    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph, if any
        body.remove(p)

    document.add_paragraph(report.title, style="Title")
    if report.addressee:
        p = document.add_paragraph(report.addressee)
        _set_indent_chars(p.paragraph_format)  # 居左顶格
    for paragraph in report.preamble:
        _add_paragraph(document, paragraph)
    for section in report.sections:
        _add_section(document, section)
    _add_closing(document, report)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
