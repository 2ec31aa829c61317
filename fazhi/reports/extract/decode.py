"""Read a file and decode it to text: BOM, declared HTML charset, UTF-8, then detection.

Every refusal is an ExtractError with a Chinese message, so the CLI can report it per
file and go on with the others. The size limit is checked on the file's metadata
before anything is read.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

import charset_normalizer

from .errors import ExtractError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_BYTES_ENV = "FAZHI_EXTRACT_MAX_BYTES"

# Chinese-capable encodings worth trying when the bytes are not UTF-8.
_CANDIDATES = ["gb18030", "big5", "utf_16"]
_SIGNATURES = [
    (b"%PDF", "这是 PDF 文件，暂不支持，请先另存为文本（.txt）或网页（.html）"),
    (b"PK\x03\x04", "这是 Office（docx/xlsx）或压缩文件，暂不支持，请先另存为文本或网页"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Office（doc/xls）文件，暂不支持，请先另存为文本或网页"),
    (b"{\\rtf", "这是 RTF 文件，暂不支持，请先另存为文本或网页"),
    (b"\x89PNG", "这是图片文件（PNG），不是文本"),
    (b"\xff\xd8\xff", "这是图片文件（JPEG），不是文本"),
    (b"GIF8", "这是图片文件（GIF），不是文本"),
    (b"\x1f\x8b", "这是压缩文件（gzip），请先解压"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTML_START = re.compile(
    r"\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<\?xml)", re.I | re.S
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Source:
    text: str
    encoding: str
    html: bool


def max_bytes_default() -> int:
    """The configured size limit: FAZHI_EXTRACT_MAX_BYTES or 5 MB."""
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return DEFAULT_MAX_BYTES


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} 字节"


def read_source(path: str | os.PathLike, max_bytes: int | None = None) -> Source:
    """Read and decode one file; raise ExtractError when it cannot be used.

    Opened first, then asked its size through the open file: one system call less than a
    look at the path before opening, and no Python file object (together about half the
    time of reading a report-sized file). O_NONBLOCK: opening a named pipe would otherwise
    wait for a writer; it changes nothing for a regular file. When the file cannot be
    opened, the path is looked at to say why (_refusal)."""
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    p = os.fspath(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC)
    except OSError:
        raise _refusal(p) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ExtractError("这是一个目录，不是文件")
        if not stat.S_ISREG(st.st_mode):
            raise ExtractError("不是普通文件（可能是设备、管道或套接字）")
        if st.st_size > limit:
            raise ExtractError(
                f"文件过大（{human_size(st.st_size)}），超过上限 {human_size(limit)}；"
                "可用 --max-size 调整上限"
            )
        if st.st_size == 0:
            raise ExtractError("文件为空")
        # What the file holds, and one byte more to see whether it grew meanwhile (asking
        # for limit + 1 bytes at once would allocate a buffer of the whole limit).
        data = _read_upto(fd, st.st_size + 1)
        if len(data) > st.st_size:
            data += _read_upto(fd, limit + 1 - len(data))
    except OSError as exc:
        raise ExtractError(f"读取失败：{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew while we looked at it
        raise ExtractError(f"文件过大，超过上限 {human_size(limit)}")
    if not data:
        raise ExtractError("文件为空")
    text, encoding = decode_bytes(data)
    html = looks_like_html(text, os.path.splitext(p)[1].lower())
    return Source(text=text, encoding=encoding, html=html)


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _read_upto(fd: int, n: int) -> bytes:
    """Up to ``n`` bytes, fewer only at the end of the file (a read may return less)."""
    chunks = []
    while n > 0:
        chunk = os.read(fd, n)
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _refusal(p: str) -> ExtractError:
    """Why a path that could not be opened for reading cannot be used."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return ExtractError("文件不存在")
    except PermissionError:
        return ExtractError("没有权限访问该文件")
    except OSError as exc:
        return ExtractError(f"无法访问该文件：{exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return ExtractError("这是一个目录，不是文件")
    if not stat.S_ISREG(st.st_mode):
        return ExtractError("不是普通文件（可能是设备、管道或套接字）")
    try:
        with open(p, "rb"):
            pass
    except PermissionError:
        return ExtractError("没有权限读取该文件")
    except OSError as exc:
        return ExtractError(f"读取失败：{exc.strerror or exc}")
    return ExtractError("读取失败：无法打开该文件")


def looks_like_html(text: str, suffix: str = "") -> bool:
    head = text[:2048]
    if _HTML_START.match(head):
        return True
    if suffix in {".html", ".htm", ".shtml", ".xhtml"}:
        return bool(re.search(r"<(p|div|br|table|span|a)\b", text[:20000], re.I))
    return False


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding name)."""
    if data[:1] in _SIGNATURE_FIRST:  # (a signature or a BOM cannot start otherwise)
        _refuse_signature(data[:16])
        return _decode_bom(data) or _decode_plain(data)
    return _decode_plain(data)


_SIGNATURE_FIRST = {sig[:1] for sig, _ in _SIGNATURES} | {bom[:1] for bom, _ in _BOMS}


def _refuse_signature(head: bytes) -> None:
    for sig, message in _SIGNATURES:
        if head.startswith(sig):
            raise ExtractError(message)


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(enc), enc)
            except UnicodeDecodeError:
                raise ExtractError(f"文件以 {enc} 字节序标记开头，但内容无法按该编码解码") from None
    return None


def _decode_plain(data: bytes) -> tuple[str, str]:
    if data.find(b"\x00", 0, 8192) >= 0:
        raise ExtractError("文件内容是二进制数据，不是文本")
    declared = _declared_charset(data)
    if declared:
        try:
            return _finish(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None:
        enc = best.encoding
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _plausible_chinese(text):
            return _finish(text, enc)
    raise ExtractError("无法识别文件编码：不是 UTF-8，也不像 GB18030/GBK 或 Big5 编码的中文文本")


def _declared_charset(data: bytes) -> str | None:
    if data.find(b"<", 0, 4096) < 0:
        return None  # no tag at all (the search below is case-blind, so slow on every byte)
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    if name in {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"}:
        return "gb18030"  # superset: pages labelled gb2312 often contain GBK characters
    if name in {"utf8", "utf-8"}:
        return "utf-8"
    if name in {"big5", "big5-hkscs"}:
        return name
    return None


def _plausible_chinese(text: str) -> bool:
    """A wrong guess produces rare characters; real Chinese text is mostly common ones."""
    sample = text[:20000]
    non_ascii = [c for c in sample if ord(c) > 0x7F and not c.isspace()]
    if not non_ascii:
        return True
    common = 0
    for c in non_ascii:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            try:
                c.encode("big5")
                common += 1
            except UnicodeEncodeError:
                pass
    return common / len(non_ascii) >= 0.9


def _finish(text: str, encoding: str) -> tuple[str, str]:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if "\ufffd" in text and text.count("\ufffd") > max(10, len(text) // 50):
        raise ExtractError("文件含有大量无法解码的字符，编码可能有误")
    if not text or text.isspace():
        raise ExtractError("文件没有可读的文字内容")
    if not _CJK.search(text):
        raise ExtractError("文件中没有中文内容，不像是政府发布的报告")
    return text, encoding
