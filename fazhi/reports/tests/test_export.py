"""Tests for the report exporters: DOCX re-read with python-docx, HTML parsed, text checked."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from fazhi.reports import export


def t(text):
    return {"text": text}


def fig(text, code, value, unit, *, url="/office/indicators/values/12/", source=None):
    figure = {"code": code, "value": value, "unit": unit, "source_url": url}
    figure["source"] = source or "区司法局填报（2026-01-15审核通过）"
    return {"text": text, "figure": figure}


def sample_doc():
    """A report shaped like the real ones (seeds 002/003) with the five parts of rules.md §7."""
    return {
        "title": "示范区人民政府关于2025年度法治政府建设情况的报告",
        "addressee": "市人民政府：",
        "preamble": [
            [
                t(
                    "2025年，示范区坚持以习近平新时代中国特色社会主义思想为指导，"
                    "深入贯彻习近平法治思想，对照《法治政府建设实施纲要（2021—2025年）》，"
                    "扎实推进法治政府建设。"
                )
            ],
            [t("现将有关情况报告如下：")],
        ],
        "sections": [
            {
                "heading": "一、2025年法治政府建设的主要举措和成效",
                "paragraphs": [],
                "subsections": [
                    {
                        "heading": "（一）深入学习贯彻习近平法治思想",
                        "paragraphs": [
                            [
                                t("全年开展区政府常务会议会前学法"),
                                fig(
                                    "12次",
                                    "study.pre_meeting",
                                    12,
                                    "次",
                                    url="/office/indicators/values/7/",
                                    source="区政府办公室填报（2026-01-10审核通过）",
                                ),
                                t("，举办领导干部法治专题培训"),
                                fig(
                                    "4期",
                                    "study.training",
                                    4,
                                    "期",
                                    url="/office/indicators/values/8/",
                                    source="区委组织部填报",
                                ),
                                t("。"),
                            ]
                        ],
                        "subsections": [
                            {
                                "heading": "1.落实领导干部学法制度",
                                "paragraphs": [
                                    [t("将习近平法治思想纳入区委理论学习中心组学习重要内容。")]
                                ],
                                "subsections": [],
                            }
                        ],
                    },
                    {
                        "heading": "（二）加强行政复议和应诉工作",
                        "paragraphs": [
                            [
                                t("全年新收行政复议案件"),
                                fig("44件", "reconsideration.received", 44, "件"),
                                t("，审结"),
                                fig(
                                    "41件",
                                    "reconsideration.closed",
                                    41,
                                    "件",
                                    url="/office/indicators/values/13/",
                                ),
                                t("；行政机关负责人出庭应诉率"),
                                fig(
                                    "100%",
                                    "litigation.appearance_rate",
                                    100,
                                    "%",
                                    url=None,
                                    source="区法院通报",
                                ),
                                t("。"),
                            ],
                            [t("持续规范行政应诉工作，认真办理司法建议和检察建议。")],
                        ],
                        "subsections": [],
                    },
                ],
            },
            {
                "heading": "二、存在的不足和原因",
                "paragraphs": [
                    [t("一是基层行政执法规范化水平仍需提升；二是法治宣传的针对性有待加强。")],
                    [t("究其原因，主要是基层法治工作力量较为薄弱。")],
                ],
                "subsections": [],
            },
            {
                "heading": "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "paragraphs": [
                    [
                        t("区政府主要负责同志主持召开常务会议专题研究法治政府建设"),
                        fig(
                            "3次",
                            "leader.meetings",
                            3,
                            "次",
                            url="/office/indicators/values/20/",
                        ),
                        t("，带头开展年度述法。"),
                    ]
                ],
                "subsections": [],
            },
            {
                "heading": "四、2026年推进法治政府建设的主要安排",
                "paragraphs": [],
                "subsections": [
                    {
                        "heading": "（一）持续提高行政执法质效",
                        "paragraphs": [[t("深入实施提升行政执法质量三年行动。")]],
                        "subsections": [],
                    },
                    {
                        "heading": "（二）强化法治宣传教育",
                        "paragraphs": [[t("落实“谁执法谁普法”普法责任制。")]],
                        "subsections": [],
                    },
                ],
            },
            {
                "heading": "五、其他需要报告的情况",
                "paragraphs": [[t("无其他需要报告的情况。")]],
                "subsections": [],
            },
        ],
        "signature": "示范区人民政府",
        "date": "2026年3月20日",
    }


def walk(sections):
    for section in sections:
        yield section
        yield from walk(section.get("subsections") or [])


def para_text(para):
    return "".join(seg["text"] for seg in para)


def expected_headings(doc):
    return [s["heading"] for s in walk(doc["sections"])]


def expected_blocks(doc):
    """Headings and paragraph texts in reading order."""
    out = [para_text(p) for p in doc["preamble"]]
    for section in walk(doc["sections"]):
        out.append(section["heading"])
        out += [para_text(p) for p in section["paragraphs"]]
    return out


def reread(doc):
    return docx.Document(io.BytesIO(export.render_docx(doc)))


def style_value(style, getter):
    """Resolve a style property through the basedOn chain, as Word would."""
    while style is not None:
        value = getter(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def effective(paragraph, getter):
    value = getter(paragraph.paragraph_format)
    if value is not None:
        return value
    return style_value(paragraph.style, lambda s: getter(s.paragraph_format))


def east_asia_font(style):
    def get(s):
        rpr = s.element.rPr
        if rpr is None or rpr.rFonts is None:
            return None
        return rpr.rFonts.get(qn("w:eastAsia"))

    return style_value(style, get)


# --- DOCX --------------------------------------------------------------------------------


def test_docx_is_a_valid_package_without_template_leftovers():
    data = export.render_docx(sample_doc())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        core = zf.read("docProps/core.xml").decode()
    assert "word/document.xml" in names
    assert "docProps/thumbnail.jpeg" not in names
    assert "python-docx" not in core
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == sample_doc()["title"]
    assert document.core_properties.language == "zh-CN"


def test_docx_title_size_alignment_and_font():
    document = reread(sample_doc())
    title = document.paragraphs[0]
    assert title.text == "示范区人民政府关于2025年度法治政府建设情况的报告"
    assert title.style.name == "Title"
    assert style_value(title.style, lambda s: s.font.size) == Pt(22)
    assert effective(title, lambda f: f.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia_font(title.style) == "方正小标宋简体"
    assert effective(title, lambda f: f.first_line_indent) == 0
    # The template's blue border and theme fonts must be gone.
    xml = title.style.element.xml
    assert "pBdr" not in xml
    assert "Theme" not in xml


def test_docx_headings_in_order_with_gongwen_fonts():
    doc = sample_doc()
    document = reread(doc)
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [p.text for p in headings] == expected_headings(doc)
    levels = {p.text: p.style.name for p in headings}
    assert levels["一、2025年法治政府建设的主要举措和成效"] == "Heading 1"
    assert levels["（一）深入学习贯彻习近平法治思想"] == "Heading 2"
    assert levels["1.落实领导干部学法制度"] == "Heading 3"
    styles = document.styles
    assert east_asia_font(styles["Heading 1"]) == "黑体"
    assert east_asia_font(styles["Heading 2"]) == "楷体_GB2312"
    assert east_asia_font(styles["Heading 3"]) == "仿宋_GB2312"
    assert style_value(styles["Heading 1"], lambda s: s.font.bold) is False
    assert style_value(styles["Heading 3"], lambda s: s.font.bold) is True
    for name in export.HEADING_STYLES[:3]:
        assert style_value(styles[name], lambda s: s.font.size) == Pt(16)
        assert styles[name].font.color.rgb is None  # no template blue
        assert styles[name].paragraph_format.keep_with_next is True


def test_docx_body_paragraphs_use_fangsong_16pt_fixed_spacing_and_indent():
    document = reread(sample_doc())
    body = next(p for p in document.paragraphs if p.text.startswith("全年新收行政复议案件"))
    assert body.style.name == "Normal"
    assert style_value(body.style, lambda s: s.font.size) == Pt(16)
    assert east_asia_font(body.style) == "仿宋_GB2312"
    assert effective(body, lambda f: f.first_line_indent) == Pt(32)
    ind = body.style.element.pPr.ind
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert effective(body, lambda f: f.line_spacing_rule) == WD_LINE_SPACING.EXACTLY
    assert effective(body, lambda f: f.line_spacing) == Pt(28.9)
    rfonts = body.style.element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsiaTheme")) is None
    # 22 lines of 28.9 pt must fit the 225 mm type area.
    assert 22 * Pt(28.9) <= Mm(225)


def test_docx_page_setup_follows_gbt_9704():
    section = reread(sample_doc()).sections[0]
    for actual, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(actual.mm - mm) < 0.05, (actual.mm, mm)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == str(Pt(28.9).twips)
    pitch_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    text_width_pt = Length(section.page_width - section.left_margin - section.right_margin).pt
    assert int(text_width_pt // pitch_pt) == 28


def test_docx_footers_carry_page_field_odd_right_even_left():
    document = reread(sample_doc())
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", xml)
        assert paragraph.text == "— 1 —"
        assert paragraph.paragraph_format.alignment == alignment
        assert style_value(paragraph.style, lambda s: s.font.size) == Pt(14)
        assert east_asia_font(paragraph.style) == "宋体"
    assert section.footer.paragraphs[0].paragraph_format.right_indent == Pt(14)
    assert section.even_page_footer.paragraphs[0].paragraph_format.left_indent == Pt(14)


def test_docx_figures_stay_in_their_paragraph_as_plain_text():
    document = reread(sample_doc())
    texts = [p.text for p in document.paragraphs]
    target = "全年新收行政复议案件44件，审结41件；行政机关负责人出庭应诉率100%。"
    assert target in texts
    paragraph = document.paragraphs[texts.index(target)]
    assert "44件" in [r.text for r in paragraph.runs]
    preceding = [t for t in texts[: texts.index(target)] if t.startswith("（")]
    assert preceding[-1] == "（二）加强行政复议和应诉工作"
    assert "hyperlink" not in document.element.body.xml
    assert sum("3次" in t for t in texts) == 1


def test_docx_paragraph_count_and_order():
    doc = sample_doc()
    document = reread(doc)
    texts = [p.text for p in document.paragraphs]
    expected = [doc["title"], doc["addressee"], *expected_blocks(doc), doc["signature"]]
    expected.append(doc["date"])
    assert texts == expected
    # title, addressee, 2 preamble, 10 headings, 10 body paragraphs, signature, date
    assert len(document.paragraphs) == 1 + 1 + 2 + 10 + 10 + 2


def test_docx_addressee_flush_left_and_closing_right():
    document = reread(sample_doc())
    addressee = document.paragraphs[1]
    assert addressee.text == "市人民政府："
    assert addressee.paragraph_format.first_line_indent == 0
    assert addressee.paragraph_format.element.pPr.ind.get(qn("w:firstLineChars")) == "0"
    signature, date = document.paragraphs[-2:]
    for paragraph in (signature, date):
        assert paragraph.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert paragraph.paragraph_format.first_line_indent == 0
    assert date.paragraph_format.right_indent == Pt(64)  # 右空四字
    # "2026年3月20日" is 6.5 characters wide, the signature 7: centre it over the date.
    assert signature.paragraph_format.right_indent == Pt(16 * 3.75)
    assert signature.paragraph_format.space_before == Pt(28.9 * 2)


def test_docx_font_table_names_substitutes():
    data = export.render_docx(sample_doc())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        table = zf.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312">' in table
    assert re.search(r'w:name="仿宋_GB2312">\s*<w:altName w:val="仿宋', table)


def test_docx_optional_parts_may_be_missing_and_bad_chars_are_dropped():
    doc = sample_doc()
    doc["addressee"] = ""
    del doc["signature"]
    doc["date"] = None
    doc["preamble"] = [[t("含有控制字符\x00\x07的导语\x0b第二行")]]
    document = reread(doc)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "含有控制字符的导语\n第二行"
    assert texts[-1] == "无其他需要报告的情况。"


def test_rendering_does_not_mutate_input():
    doc = sample_doc()
    before = copy.deepcopy(doc)
    export.render_docx(doc)
    export.render_html(doc, standalone=True)
    export.plain_text(doc)
    list(export.iter_figures(doc))
    assert doc == before


# --- HTML --------------------------------------------------------------------------------


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.figures: list[tuple[str, dict, str]] = []
        self.tags: list[str] = []
        self._open: list[tuple[str, dict]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "h5") or (
            tag in ("a", "span") and ("class", "fz-figure") in attrs
        ):
            self._open.append((tag, dict(attrs)))
            self._text = []

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, attrs = self._open.pop()
            text = "".join(self._text)
            if name.startswith("h"):
                self.headings.append((name, text))
            else:
                self.figures.append((name, attrs, text))

    def handle_data(self, data):
        self._text.append(data)


def parse(markup):
    collector = Collector()
    collector.feed(markup)
    collector.close()
    return collector


def test_html_headings_in_order_with_levels():
    doc = sample_doc()
    parsed = parse(export.render_html(doc))
    assert parsed.headings[0] == ("h1", doc["title"])
    assert [text for _tag, text in parsed.headings[1:]] == expected_headings(doc)
    tags = dict((text, tag) for tag, text in parsed.headings)
    assert tags["二、存在的不足和原因"] == "h2"
    assert tags["（二）强化法治宣传教育"] == "h3"
    assert tags["1.落实领导干部学法制度"] == "h4"


def test_html_figures_link_to_their_source():
    parsed = parse(export.render_html(sample_doc()))
    by_text = {text: (tag, attrs) for tag, attrs, text in parsed.figures}
    tag, attrs = by_text["44件"]
    assert tag == "a"
    assert attrs == {
        "class": "fz-figure",
        "href": "/office/indicators/values/12/",
        "title": "区司法局填报（2026-01-15审核通过）",
        "data-code": "reconsideration.received",
    }
    # No source_url: still marked, but not a link.
    tag, attrs = by_text["100%"]
    assert tag == "span"
    assert "href" not in attrs
    assert attrs["data-code"] == "litigation.appearance_rate"
    assert attrs["title"] == "区法院通报"
    assert len(parsed.figures) == 6


def test_html_without_links_uses_spans():
    markup = export.render_html(sample_doc(), link_figures=False)
    parsed = parse(markup)
    assert "<a " not in markup
    assert {tag for tag, _attrs, _text in parsed.figures} == {"span"}
    assert all("href" not in attrs for _tag, attrs, _text in parsed.figures)


def test_html_escapes_user_text_everywhere():
    doc = sample_doc()
    doc["title"] = "报告<b>标题</b>"
    doc["sections"][1]["paragraphs"][0] = [t("用户输入<script>alert('x')</script>&")]
    doc["sections"][0]["subsections"][1]["paragraphs"][0][1]["figure"]["source"] = (
        '"><script>alert(1)</script>'
    )
    markup = export.render_html(doc, standalone=True)
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;" in markup
    assert "报告&lt;b&gt;标题&lt;/b&gt;" in markup
    assert "script" not in parse(markup).tags


def test_html_standalone_page_and_fragment():
    fragment = export.render_html(sample_doc())
    assert fragment.startswith('<article class="fz-report">')
    assert "<style" not in fragment and "<html" not in fragment and "style=" not in fragment
    page = export.render_html(sample_doc(), standalone=True)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page and "@page" in page
    assert "<title>示范区人民政府关于2025年度法治政府建设情况的报告</title>" in page
    assert '<p class="fz-signature">示范区人民政府</p>' in page


# --- Plain text and figures --------------------------------------------------------------


def test_plain_text_lists_everything_in_order():
    doc = sample_doc()
    lines = export.plain_text(doc).splitlines()
    expected = [doc["title"], doc["addressee"], *expected_blocks(doc), doc["signature"]]
    expected.append(doc["date"])
    assert lines == expected


def test_plain_text_flattens_manual_line_breaks():
    doc = sample_doc()
    doc["preamble"] = [[t("全面落实领导干部学法用\n法制度，参加ISO\n9001培训")]]
    lines = export.plain_text(doc).splitlines()
    assert lines[2] == "全面落实领导干部学法用法制度，参加ISO 9001培训"


def test_iter_figures_yields_paths_and_locations():
    refs = list(export.iter_figures(sample_doc()))
    assert [r.text for r in refs] == ["12次", "4期", "44件", "41件", "100%", "3次"]
    first = refs[2]
    assert first.path == ("一、2025年法治政府建设的主要举措和成效", "（二）加强行政复议和应诉工作")
    assert first.where == "第1节第2小节第1段的第2个片段"
    assert first.figure["code"] == "reconsideration.received"
    assert first.paragraph.startswith("全年新收行政复议案件44件")
    assert refs[-1].path == ("三、党政主要负责人履行推进法治建设第一责任人职责情况",)


def test_iter_figures_includes_preamble():
    doc = sample_doc()
    doc["preamble"][0].append(fig("5项", "x.y", 5, "项"))
    ref = next(export.iter_figures(doc))
    assert ref.path == ()
    assert ref.where == "导语第1段的第2个片段"


# --- Validation --------------------------------------------------------------------------


def _bad(mutate):
    doc = sample_doc()
    mutate(doc)
    return doc


def _set(path, value):
    def mutate(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _deep(doc):
    doc["sections"][0]["subsections"][0]["subsections"][0]["subsections"] = [
        {"heading": "（1）第四层", "subsections": [{"heading": "第五层"}]}
    ]


BAD_SHAPES = [
    ("not-a-dict", lambda doc: None, "报告文档必须是字典"),
    ("missing-title", _set(["title"], "  "), "报告缺少标题（title）"),
    ("sections-not-list", _set(["sections"], "一、"), "报告正文章节（sections）必须是列表"),
    ("no-sections", lambda doc: doc.pop("sections"), "报告缺少正文章节（sections）"),
    ("addressee-number", _set(["addressee"], 3), "主送机关（addressee）必须是文字"),
    ("preamble-string", _set(["preamble"], "导语"), "导语（preamble）必须是段落列表"),
    ("section-missing-heading", _set(["sections", 1, "heading"], ""), "第2节缺少标题（heading）"),
    ("section-not-dict", _set(["sections", 2], ["x"]), "第3节必须是字典（dict）"),
    (
        "segment-missing-text",
        lambda doc: doc["sections"][1]["paragraphs"].append([t("a"), {"figure": None}]),
        "第2节第3段的第2个片段缺少text",
    ),
    (
        "segment-not-dict",
        _set(["sections", 1, "paragraphs", 0, 0], "文字"),
        "第2节第1段的第1个片段必须是字典（dict）",
    ),
    (
        "paragraph-is-string",
        _set(["sections", 1, "paragraphs", 1], "文字"),
        "第2节第2段必须是片段列表",
    ),
    ("paragraph-empty", _set(["sections", 1, "paragraphs", 1], []), "第2节第2段没有任何片段"),
    ("paragraph-blank", _set(["sections", 4, "paragraphs", 0], [t("  ")]), "第5节第1段内容为空"),
    ("text-not-str", _set(["preamble", 1, 0, "text"], 5), "导语第2段的第1个片段的text必须是文字"),
    (
        "figure-without-code",
        _set(["sections", 0, "subsections", 1, "paragraphs", 0, 1, "figure", "code"], ""),
        "第1节第2小节第1段的第2个片段的figure缺少指标代码（code）",
    ),
    (
        "javascript-url",
        _set(
            ["sections", 0, "subsections", 1, "paragraphs", 0, 1, "figure", "source_url"],
            "javascript:alert(1)",
        ),
        "第1节第2小节第1段的第2个片段的数据来源链接（source_url）不安全",
    ),
    (
        "protocol-relative-url",
        _set(["sections", 2, "paragraphs", 0, 1, "figure", "source_url"], "//evil.example/x"),
        "第3节第1段的第2个片段的数据来源链接（source_url）不安全",
    ),
    (
        "url-with-whitespace",
        _set(["sections", 2, "paragraphs", 0, 1, "figure", "source_url"], " javascript:x"),
        "含有空白或控制字符",
    ),
    (
        "figure-empty-text",
        _set(["sections", 2, "paragraphs", 0, 1, "text"], ""),
        "第3节第1段的第2个片段是数据片段，但text为空",
    ),
    (
        "subsections-not-list",
        _set(["sections", 3, "subsections"], {"heading": "x"}),
        "第4节的小节（subsections）必须是列表",
    ),
    ("too-deep", _deep, "第1节第1小节第1小节第1小节第1小节超过公文允许的4级标题层次"),
]


@pytest.mark.parametrize("render", [export.render_docx, export.render_html, export.plain_text])
@pytest.mark.parametrize(
    ("mutate", "message"),
    [pytest.param(m, msg, id=name) for name, m, msg in BAD_SHAPES],
)
def test_bad_shapes_raise_chinese_value_error(render, mutate, message):
    doc = None if message.startswith("报告文档") else _bad(mutate)
    with pytest.raises(ValueError) as excinfo:
        render(doc)
    assert message in str(excinfo.value)
    assert re.search(r"[\u4e00-\u9fff]", str(excinfo.value))


def test_validate_accepts_sample_and_absolute_https_source():
    doc = sample_doc()
    doc["sections"][2]["paragraphs"][0][1]["figure"]["source_url"] = "https://example.gov.cn/a?b=1"
    export.validate(doc)
    assert 'href="https://example.gov.cn/a?b=1"' in export.render_html(doc)


def test_sources_appendix_is_escaped_and_links_only_safe_urls():
    """Appendix entries are staff-typed text: escaped, and a source URL becomes a link only
    when it is a site path or an http(s) address."""
    codes = sorted({ref.figure["code"] for ref in export.iter_figures(sample_doc())})
    bad = {
        "anchor": f"fz-src-{codes[0]}",
        "code": codes[0],
        "name": "<script>alert(1)</script>",
        "text": "12次",
        "year": 2025,
        "source": 'x" onmouseover="y',
        "details": ["<b>说明</b>"],
        "url": "javascript:alert(1)",
    }
    good = dict(bad, anchor=f"fz-src-{codes[1]}", code=codes[1], name="好", url="/office/x/")
    markup = export.render_html(sample_doc(), link_figures=False, sources=[bad, good])
    assert "<script>alert" not in markup and "&lt;script&gt;" in markup
    assert 'onmouseover="y' not in markup and "<b>说明" not in markup
    assert "javascript:" not in markup.split('id="fz-sources"', 1)[1].split("查看来源记录")[0]
    assert markup.count("查看来源记录") == 1 and 'href="/office/x/">查看来源记录' in markup
    assert f'href="#fz-src-{codes[0]}"' in markup and f'href="#fz-src-{codes[1]}"' in markup
    # Figures whose code has no entry keep the plain rendering.
    others = set(codes) - {codes[0], codes[1]}
    for code in others:
        assert f'href="#fz-src-{code}"' not in markup
