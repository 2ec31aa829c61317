"""Render a composed 法治政府建设年度报告 as DOCX (公文 layout), HTML and plain text.

The composer hands over a plain, JSON-serialisable dict (see ``render_docx``); this module
validates it once, normalises the text, and renders it. It deliberately imports nothing
from Django so it can run in workers, management commands and tests alike.

The DOCX layout (GB/T 9704-2012 公文格式: page, fonts, headings, signature and date,
page numbers) is built by ``fazhi.core.gongwen``, shared with the other modules' official
documents; its docstring gives the sources. The standalone HTML page follows the same
measures.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fazhi.core import gongwen

__all__ = [
    "FigureRef",
    "iter_figures",
    "plain_text",
    "render_docx",
    "render_html",
    "validate",
]

# --- Layout (fazhi.core.gongwen) ----------------------------------------------------------

MAX_DEPTH = gongwen.MAX_DEPTH  # 一、 （一） 1. （1）: GB/T 9704-2012 7.3.3 defines four levels.
HEADING_STYLES = gongwen.HEADING_STYLES


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
    chain_head: str = ""


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
        chain_head=_optional_text(doc, "chain_head", "全过程记录链头"),
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


def _links(link_figures: bool | Callable[[str], bool], url: str) -> bool:
    """Whether ``url`` becomes a link: ``link_figures`` is a flag, or a test of each URL
    (the back office links only the sources its reader may open)."""
    if not url:
        return False
    return bool(link_figures(url)) if callable(link_figures) else bool(link_figures)


def _html_segment(
    seg: _Segment,
    link_figures: bool | Callable[[str], bool],
    anchors: Mapping[str, str] | None = None,
) -> str:
    if (
        seg.figure is None
        and seg.origin is not None
        and _links(link_figures, seg.origin["source_url"])
    ):
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
    target = (anchors or {}).get(str(seg.figure.get("code") or ""))
    linked = bool(target) or _links(link_figures, url)
    if target:
        attrs += f' href="#{html.escape(target, quote=True)}"'
    elif linked:
        attrs += f' href="{html.escape(url, quote=True)}"'
    if source:
        attrs += f' title="{html.escape(_clean(source), quote=True)}"'
    attrs += f' data-code="{html.escape(seg.figure["code"], quote=True)}"'
    tag = "a" if linked else "span"
    return f"<{tag}{attrs}>{_esc(seg.text)}</{tag}>"


def _html_paragraph(
    paragraph: _Paragraph,
    link_figures: bool | Callable[[str], bool],
    anchors: Mapping[str, str] | None = None,
) -> str:
    return (
        "<p>"
        + "".join(_html_segment(s, link_figures, anchors) for s in paragraph.segments)
        + "</p>"
    )


def _html_section(
    section: _Section,
    link_figures: bool | Callable[[str], bool],
    out: list[str],
    anchors: Mapping[str, str] | None = None,
) -> None:
    tag = f"h{min(section.level + 1, 6)}"
    out.append('<section class="fz-section">')
    out.append(f"<{tag}>{_esc(section.heading)}</{tag}>")
    out += [_html_paragraph(p, link_figures, anchors) for p in section.paragraphs]
    for sub in section.subsections:
        _html_section(sub, link_figures, out, anchors)
    out.append("</section>")


SOURCES_HEADING = "数据来源"


def _safe_url(url: str) -> str:
    """A source URL fit for an href: a site path or an http(s) address, else ""."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return ""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or (not parts.scheme and url.startswith("/")):
        return "" if url.startswith("//") else url
    return ""


def _html_sources(sources: Sequence[Mapping[str, Any]], chain_head: str = "") -> list[str]:
    """The appendix every figure links to: what it is and where it came from; last, the
    full-process record's head at publication (an anchor kept outside the database)."""
    out = [
        '<section class="fz-sources" id="fz-sources">',
        f'<p class="fz-appendix-label">附件</p><h2 class="fz-appendix-title">{SOURCES_HEADING}</h2>',
        "<ol>",
    ]
    for entry in sources:
        year = entry.get("year")
        when = f"（{year}年）" if year else ""
        out.append(f'<li id="{html.escape(str(entry["anchor"]), quote=True)}">')
        out.append(
            f"<p><strong>{_esc(str(entry.get('name') or ''))}</strong>："
            f"{_esc(str(entry.get('text') or ''))}{when}</p>"
        )
        if entry.get("source"):
            out.append(f"<p>来源：{_esc(_clean(str(entry['source'])))}</p>")
        out += [f"<p>{_esc(_clean(str(d)))}</p>" for d in entry.get("details") or ()]
        url = _safe_url(str(entry.get("url") or ""))
        if url:
            out.append(
                f'<p><a href="{html.escape(url, quote=True)}">查看来源记录</a>（{_esc(url)}）</p>'
            )
        out.append("</li>")
    out.append("</ol>")
    if chain_head:
        out.append(f'<p class="fz-chain-head">{_esc(chain_head)}</p>')
    out.append("</section>")
    return out


def render_html(
    doc: Mapping[str, Any],
    *,
    link_figures: bool | Callable[[str], bool] = True,
    standalone: bool = False,
    sources: Sequence[Mapping[str, Any]] | None = None,
) -> str:
    """Render semantic HTML; figures link to their source so readers can trace each number
    (``link_figures`` may instead test each source URL: only those pass become links).

    With ``sources`` (``fazhi.reports.sources.figure_sources``) the report ends with a
    数据来源 appendix and each figure links to its entry there — for readers who cannot
    open the back office (the portal, an exported file).

    The fragment carries classes only (the app styles it); ``standalone=True`` returns a
    complete page with inline print-like CSS, meant as a downloadable export file.
    """
    report = _normalise(doc)
    anchors = {str(e["code"]): str(e["anchor"]) for e in sources or ()}
    out = ['<article class="fz-report">', f'<h1 class="fz-title">{_esc(report.title)}</h1>']
    if report.addressee:
        out.append(f'<p class="fz-addressee">{_esc(report.addressee)}</p>')
    out += [_html_paragraph(p, link_figures, anchors) for p in report.preamble]
    for section in report.sections:
        _html_section(section, link_figures, out, anchors)
    if report.signature or report.date:
        out.append('<div class="fz-closing">')
        if report.signature:
            out.append(f'<p class="fz-signature">{_esc(report.signature)}</p>')
        if report.date:
            out.append(f'<p class="fz-date">{_esc(report.date)}</p>')
        out.append("</div>")
    if sources or (sources is not None and report.chain_head):
        out += _html_sources(sources, report.chain_head)
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


def render_docx(doc: Mapping[str, Any], sources: Sequence[Mapping[str, Any]] = ()) -> bytes:
    """Render the report as a DOCX laid out per GB/T 9704-2012 (``fazhi.core.gongwen``).

    ``doc`` has ``title``, optional ``addressee``, ``preamble`` (paragraphs before the first
    heading), ``sections`` (``heading``/``paragraphs``/``subsections``, up to four levels),
    optional ``signature`` and ``date``. A paragraph is a list of segments
    ``{"text": ..., "figure": {...}?}``; figures are rendered as plain text here, and
    ``sources`` (``fazhi.reports.sources.figure_sources``) become the 数据来源 appendix
    after the date (GB/T 9704-2012 7.4.2: 附件 on a new page, the label flush left).
    """
    report = _normalise(doc)
    document = gongwen.new_document(
        title=report.title, author=report.signature, subject="法治政府建设年度报告"
    )
    gongwen.add_title(document, report.title)
    if report.addressee:
        gongwen.add_addressee(document, report.addressee)
    for paragraph in report.preamble:
        gongwen.add_body(document, [seg.text for seg in paragraph.segments])
    for _path, section in _walk(report.sections):
        gongwen.add_heading(document, section.heading, section.level)
        for paragraph in section.paragraphs:
            gongwen.add_body(document, [seg.text for seg in paragraph.segments])
    gongwen.add_closing(document, report.signature, report.date)
    if sources or report.chain_head:
        gongwen.add_appendix(document, SOURCES_HEADING)
        for i, entry in enumerate(sources, start=1):
            year = entry.get("year")
            parts = [
                f"{i}. {entry.get('name') or ''}：{entry.get('text') or ''}"
                + (f"（{year}年）" if year else "")
                + "。"
            ]
            if entry.get("source"):
                parts.append(f"来源：{entry['source']}。")
            parts += [f"{d}。" for d in entry.get("details") or ()]
            url = _safe_url(str(entry.get("url") or ""))
            if url:
                parts.append(f"来源记录：{url}")
            gongwen.add_body(document, parts)
        if report.chain_head:
            gongwen.add_body(document, report.chain_head)
    return gongwen.to_bytes(document)
