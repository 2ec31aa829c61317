"""Control characters in what a request carries: one rule, applied once (CleanInputMiddleware).

Nobody types a control character: they arrive pasted from PDF/Word (form feed, vertical tab),
from text decoded with the wrong code page (C1, U+0080–U+009F), or from a probe. Left in,
NUL breaks both databases (PostgreSQL text cannot hold it; SQLite FTS5 reads it as the end of
the query) and the others end up invisible in published records.

- NUL in the path, a query parameter or a JSON string under /api/ is refused with 400 and a
  Chinese message: the sender is a program or a typed URL, and silently changing what a
  program sent would store something it did not send. A lone surrogate in JSON (``"\\ud800"``,
  which no encoding can store) is refused the same way.
- In form fields (a person typing or pasting into a page) every control character, NUL
  included, is removed and the rest kept: refusing would throw away everything typed.
- Other C0 controls (tab, line feed and carriage return are text), DEL and the C1 controls
  are removed from query parameters, form fields and JSON strings.
"""

from __future__ import annotations

import json
import re

# C0 except tab, LF, CR; DEL; C1.
STRIPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATE = re.compile("[\ud800-\udfff]")

REFUSED_NUL = "请求中含有空字符（NUL，\\0），无法处理；请删除后重试"
REFUSED_SURROGATE = "请求内容含有无效的Unicode字符（孤立的代理项），无法处理"


class Refused(ValueError):
    """The request is refused with 400; the message is shown to the sender."""


def strip(text: str) -> str:
    return STRIPPED.sub("", text)


def clean_querydict(qd, *, refuse_nul: bool):
    """A cleaned mutable copy of a QueryDict, or None when nothing needed cleaning."""
    if not any(STRIPPED.search(k) or any(STRIPPED.search(v) for v in qd.getlist(k)) for k in qd):
        return None
    if refuse_nul and any("\x00" in k or any("\x00" in v for v in qd.getlist(k)) for k in qd):
        raise Refused(REFUSED_NUL)
    out = qd.copy()
    out.clear()
    for k in qd:
        for v in qd.getlist(k):
            out.appendlist(strip(k), strip(v))
    out._mutable = False
    return out


def clean_json(value):
    """The JSON value with control characters removed from every string (keys too)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise Refused(REFUSED_NUL)
        if SURROGATE.search(value):
            raise Refused(REFUSED_SURROGATE)
        return strip(value)
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    return value


def clean_json_body(body: bytes) -> bytes | None:
    """The cleaned body, or None when it is not JSON (ninja answers that) or needs nothing."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    cleaned = clean_json(data)
    if cleaned == data:
        return None
    return json.dumps(cleaned, ensure_ascii=False).encode("utf-8")
