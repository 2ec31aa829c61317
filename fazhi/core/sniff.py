"""Attachment type sniffing by content, never by file name.

Why: evidence files (佐证材料) and published documents are opened by other clerks and by the
public. A file name is chosen by the uploader; the bytes are what gets opened. We identify the
type from the bytes, refuse executables and scripts outright when they pose as documents, and
refuse files whose extension does not match their content. No archive member is decompressed:
ZIP-based formats (OOXML, OFD GB/T 33190-2016) are recognised from the central directory only.
"""

from __future__ import annotations

import codecs
import io
import math
import os
import re
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "Sniffed", "UploadRejected", "check_upload", "sniff"]


@dataclass(frozen=True)
class Sniffed:
    kind: str
    mime: str
    label: str


# kind -> (mime, Chinese label, accepted extensions)
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", "PDF文档", (".pdf",)),
    "ofd": ("application/ofd", "OFD版式文档", (".ofd",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word文档",
        (".docx",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel表格",
        (".xlsx",),
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint演示文稿",
        (".pptx",),
    ),
    "docm": ("application/vnd.ms-word.document.macroEnabled.12", "含宏的Word文档", (".docm",)),
    "xlsm": ("application/vnd.ms-excel.sheet.macroEnabled.12", "含宏的Excel表格", (".xlsm",)),
    "pptm": (
        "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
        "含宏的PowerPoint演示文稿",
        (".pptm",),
    ),
    "zip": ("application/zip", "ZIP压缩包", (".zip",)),
    "doc": ("application/msword", "Word 97-2003文档", (".doc", ".wps")),
    "xls": ("application/vnd.ms-excel", "Excel 97-2003表格", (".xls", ".et")),
    "ppt": ("application/vnd.ms-powerpoint", "PowerPoint 97-2003演示文稿", (".ppt", ".dps")),
    "ole": ("application/x-ole-storage", "OLE复合文档（可能是加密文档或安装包）", ()),
    "png": ("image/png", "PNG图片", (".png",)),
    "jpeg": ("image/jpeg", "JPEG图片", (".jpg", ".jpeg", ".jpe", ".jfif")),
    "gif": ("image/gif", "GIF图片", (".gif",)),
    "webp": ("image/webp", "WebP图片", (".webp",)),
    "txt": ("text/plain", "纯文本", (".txt", ".csv")),
    "csv": ("text/csv", "CSV表格", (".csv", ".txt")),
    "exe": (
        "application/vnd.microsoft.portable-executable",
        "Windows可执行程序",
        (".exe", ".dll", ".com", ".scr", ".sys"),
    ),
    "elf": ("application/x-executable", "Linux可执行程序", (".so", ".bin", ".elf")),
    "macho": ("application/x-mach-binary", "macOS可执行程序", (".dylib",)),
    "script": ("text/x-shellscript", "脚本文件", (".sh", ".py", ".pl", ".rb")),
    "html": ("text/html", "网页文件（HTML/SVG，可含脚本）", (".html", ".htm", ".svg", ".xhtml")),
    "unknown": ("application/octet-stream", "无法识别的文件", ()),
}

# Kinds that run code when opened; refused outright when they pose as another type.
DANGEROUS = frozenset({"exe", "elf", "macho", "script", "html"})

# Short names for the allow-list message, merged per family when both formats are allowed.
_SHORT = {
    "pdf": "PDF",
    "ofd": "OFD",
    "docx": "Word（.docx）",
    "doc": "Word（.doc）",
    "xlsx": "Excel（.xlsx）",
    "xls": "Excel（.xls）",
    "pptx": "PowerPoint（.pptx）",
    "ppt": "PowerPoint（.ppt）",
    "zip": "ZIP",
    "png": "PNG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "webp": "WebP",
    "txt": "文本（.txt）",
    "csv": "CSV",
}
_FAMILIES = (("Word", ("docx", "doc")), ("Excel", ("xlsx", "xls")), ("PowerPoint", ("pptx", "ppt")))

_SNIFF_TEXT_BYTES = 64 * 1024


class UploadRejected(ValueError):
    """An upload refused with a Chinese message for the uploader."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _make(kind: str) -> Sniffed:
    mime, label, _ = KINDS[kind]
    return Sniffed(kind, mime, label)


def sniff(data: bytes) -> Sniffed:
    """Identify ``data`` by its content alone."""
    head = bytes(data[:1024])
    if not head:
        return _make("unknown")
    if head.startswith(b"%PDF-"):
        # Readers tolerate junk before the header, but that is how PDF/HTML polyglots are
        # built; we require the header at offset 0, as every mainstream producer writes it.
        return _make("pdf")
    if head.startswith(b"MZ"):
        return _make("exe")
    if head.startswith(b"\x7fELF"):
        return _make("elf")
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xce\xfa\xed\xfe",
        b"\xfe\xed\xfa\xcf",
        b"\xcf\xfa\xed\xfe",
    ):
        return _make("macho")
    if head[:4] == b"\xca\xfe\xba\xbe" and len(head) >= 8:
        # Mach-O universal binary (few architectures) vs Java class (major version >= 45).
        if struct.unpack(">I", head[4:8])[0] < 30:
            return _make("macho")
        return _make("unknown")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _make("png")
    if head.startswith(b"\xff\xd8\xff"):
        return _make("jpeg")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _make("gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _make("webp")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _sniff_ole(data)
    if head.startswith(b"#!"):
        return _make("script")
    decoded = _decode_text(data)
    if decoded is None:
        return _make("unknown")
    text, complete = decoded
    if _looks_like_markup(text):
        return _make("html")
    if _looks_like_csv(text, complete):
        return _make("csv")
    return _make("txt")


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return _make("zip")
    if "OFD.xml" in names:
        return _make("ofd")
    if "[Content_Types].xml" in names:
        for part, base in (("word/", "doc"), ("xl/", "xls"), ("ppt/", "ppt")):
            if any(n.startswith(part) for n in names):
                macro = any(n.startswith(part) and n.endswith("vbaProject.bin") for n in names)
                return _make(base + ("m" if macro else "x"))
    return _make("zip")


_OLE_STREAMS = {
    "WordDocument": "doc",
    "Workbook": "xls",
    "Book": "xls",
    "PowerPoint Document": "ppt",
}


def _ole_names(data: bytes) -> list[str]:
    """Directory entry names of a Compound File Binary (MS-CFB) file, best effort."""
    if len(data) < 512:
        return []
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if sector_shift not in (9, 12):
        return []
    size = 1 << sector_shift
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)
    fat: list[int] = []
    for sector in difat:
        if sector >= 0xFFFFFFFA:
            break
        off = (sector + 1) * size
        chunk = data[off : off + size]
        if len(chunk) < size:
            break
        fat.extend(struct.unpack(f"<{size // 4}I", chunk))
    names: list[str] = []
    sector, seen = first_dir, set()
    while sector < 0xFFFFFFFA and sector not in seen and len(seen) < 1024:
        seen.add(sector)
        off = (sector + 1) * size
        chunk = data[off : off + size]
        for i in range(0, len(chunk) - 127, 128):
            entry = chunk[i : i + 128]
            name_len = struct.unpack_from("<H", entry, 0x40)[0]
            if entry[0x42] in (1, 2, 5) and 2 <= name_len <= 64:
                names.append(entry[: name_len - 2].decode("utf-16-le", "replace"))
        sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
    return names


def _sniff_ole(data: bytes) -> Sniffed:
    try:
        names = _ole_names(data)
    except (struct.error, IndexError):
        names = []
    if not names:  # fall back to a scan for UTF-16 stream names
        names = [n for n in _OLE_STREAMS if n.encode("utf-16-le") in data[: 1 << 20]]
    for name in names:
        if name in _OLE_STREAMS:
            return _make(_OLE_STREAMS[name])
    return _make("ole")


_ALLOWED_CONTROLS = {9, 10, 12, 13, 11, 26}


def _decode_text(data: bytes) -> tuple[str, bool] | None:
    """Decode as UTF-8 (with/without BOM), UTF-16 with BOM, or GB18030; None if binary.

    Returns (text, complete) where ``complete`` is False if only a leading sample was read.
    """
    sample = bytes(data[:_SNIFF_TEXT_BYTES])
    final = len(data) <= _SNIFF_TEXT_BYTES
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in sample:
            return None
        candidates = ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            text = decoder.decode(sample, final=final)
        except UnicodeDecodeError:
            continue
        if any(ord(c) < 32 and ord(c) not in _ALLOWED_CONTROLS for c in text):
            return None
        if "\x00" in text or "\x7f" in text:
            return None
        return text, final
    return None


_MARKUP = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|iframe|svg|meta|object|embed)\b",
    re.IGNORECASE | re.DOTALL,
)


def _looks_like_markup(text: str) -> bool:
    if _MARKUP.match(text[:4096]):
        return True
    lowered = text[:4096].lower()
    return "<script" in lowered and "</script" in lowered


def _looks_like_csv(text: str, complete: bool) -> bool:
    """At least two non-empty lines, each with the same (>0) number of commas or tabs."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not complete:
        lines = lines[:-1]  # the last sampled line may be cut off
    lines = lines[:200]
    if len(lines) < 2:
        return False
    for sep in (",", "\t"):
        counts = {_count_outside_quotes(ln, sep) for ln in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return True
    return False


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == sep and not quoted:
            count += 1
    return count


# --- upload checks -----------------------------------------------------------------------


def _mb(n: int) -> str:
    """Megabytes rounded *up* to two decimals, so an over-limit size never prints as equal."""
    value = math.ceil(n / (1024 * 1024) * 100) / 100
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _allowed_text(allowed: list[str]) -> str:
    shown: list[str] = []
    done: set[str] = set()
    for kind in allowed:
        if kind in done:
            continue
        for family, members in _FAMILIES:
            if kind in members and all(m in allowed for m in members):
                shown.append(family)
                done.update(members)
                break
        else:
            shown.append(_SHORT.get(kind, KINDS[kind][1]))
            done.add(kind)
    return "、".join(shown)


def _extension(filename: str) -> tuple[str, str]:
    """(base name, lower-case extension with dot or ""); Windows paths and trailing dots ok."""
    base = re.split(r"[\\/]", filename or "")[-1].strip().rstrip(". ")
    _, ext = os.path.splitext(base)
    return base or "未命名文件", ext.lower()


def check_upload(filename: str, data: bytes, allowed: Iterable[str], max_bytes: int) -> Sniffed:
    """Return what the upload is, or raise ``UploadRejected`` with a Chinese message.

    Rules: not empty; not larger than ``max_bytes``; executables/scripts posing as another
    type are refused outright; the content type must be on ``allowed``; the extension, if
    any, must fit the content (a file without extension is accepted if its content is allowed).
    """
    allowed = list(dict.fromkeys(allowed))
    for kind in allowed:
        if kind not in KINDS:
            raise ValueError(f"未知的文件类型“{kind}”，可选：{'、'.join(KINDS)}。")
    name, ext = _extension(filename)
    size = len(data)
    if size == 0:
        raise UploadRejected(f"文件“{name}”是空文件（0字节），请重新选择。")
    if size > max_bytes:
        raise UploadRejected(f"文件大小为{_mb(size)} MB，超过上限{_mb(max_bytes)} MB。")
    found = sniff(data)
    kind = found.kind
    ext_fits = not ext or ext in KINDS[kind][2]

    if kind in DANGEROUS and not ext_fits:
        raise UploadRejected(f"文件“{name}”的实际内容是{found.label}，与扩展名{ext}不符，已拒绝。")
    # Text: a one-column CSV reads as plain text, a .txt may hold comma-separated data.
    if kind in ("txt", "csv") and ext in (".txt", ".csv"):
        kind = "csv" if ext == ".csv" else "txt"
        found = _make(kind)
    if kind == "unknown" and ext:
        claimed = next((k for k, v in KINDS.items() if ext in v[2]), None)
        if claimed:
            raise UploadRejected(
                f"文件“{name}”的内容无法识别为{KINDS[claimed][1]}，可能已损坏或并非该类型，已拒绝。"
            )
    if kind not in allowed:
        if not ext_fits and kind != "unknown":
            raise UploadRejected(
                f"文件“{name}”的实际内容是{found.label}，与扩展名{ext}不符，已拒绝。"
            )
        raise UploadRejected(
            f"不支持的文件类型：{found.label}；允许的类型：{_allowed_text(allowed)}。"
        )
    if not ext_fits:
        right = "、".join(KINDS[kind][2]) or "正确的扩展名"
        raise UploadRejected(
            f"文件“{name}”的实际内容是{found.label}，与扩展名{ext}不符，已拒绝。"
            f"如文件无误，请将扩展名改为{right}后重新上传。"
        )
    return found
