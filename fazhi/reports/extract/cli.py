"""Command line: ``python -m fazhi.reports.extract FILE... [--json] [--max-size BYTES]``.

Exit status: 0 when every file was processed, 1 when any file failed (each failure is
reported on its own; the other files are still processed), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .decode import human_size, max_bytes_default
from .errors import ExtractError
from .pipeline import extract_file
from .sections import walk

USAGE = """用法：fazhi extract 文件... [--json] [--max-size 大小]

读取他地发布的法治政府建设报告（网页或文本，UTF-8 / GB18030 / GBK），输出清理后的正文、
文档信息、章节结构和其中的各项数据。

选项：
  --json             每个文件输出一行 JSON（出错的文件输出含 error 字段的一行）
  --max-size 大小    单个文件大小上限，如 800KB、10MB 或字节数，默认 {limit}
                     （也可用环境变量 FAZHI_EXTRACT_MAX_BYTES 设置，单位字节）
  -h, --help         显示本帮助

退出码：全部文件处理成功为 0；有文件处理失败为 1；参数错误为 2。
"""


def _parse_size(raw: str) -> int | None:
    raw = raw.strip().upper()
    factor = 1
    for suffix, f in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3), ("K", 1024), ("M", 1024**2)):
        if raw.endswith(suffix):
            raw, factor = raw[: -len(suffix)], f
            break
    try:
        value = float(raw) * factor
    except ValueError:
        return None
    return int(value) if value > 0 else None


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = False
    max_bytes = max_bytes_default()
    files: list[str] = []
    i = 0
    only_files = False
    while i < len(args):
        a = args[i]
        if only_files:
            files.append(a)
        elif a == "--":
            only_files = True
        elif a in ("-h", "--help"):
            out.write(USAGE.format(limit=human_size(max_bytes_default())))
            return 0
        elif a == "--json":
            as_json = True
        elif a == "--max-size" or a.startswith("--max-size="):
            if "=" in a:
                raw = a.split("=", 1)[1]
            elif i + 1 < len(args):
                i += 1
                raw = args[i]
            else:
                err.write("参数错误：--max-size 需要一个大小，例如 --max-size 10MB\n")
                return 2
            size = _parse_size(raw)
            if size is None:
                err.write(f"参数错误：无法识别的大小“{raw}”，例如 5MB、800KB 或字节数\n")
                return 2
            max_bytes = size
        elif a.startswith("-") and a != "-":
            err.write(f"参数错误：未知选项“{a}”（用 --help 查看用法）\n")
            return 2
        else:
            files.append(a)
        i += 1
    if not files:
        err.write("参数错误：请至少指定一个文件（用 --help 查看用法）\n")
        return 2
    failed = 0
    for path in files:
        try:
            result = extract_file(path, max_bytes=max_bytes)
        except ExtractError as exc:
            failed += 1
            _report_error(path, exc.message, as_json, out, err)
            continue
        except Exception as exc:  # a bug must not stop the other files
            failed += 1
            _report_error(
                path,
                f"处理时发生内部错误（{type(exc).__name__}），请把该文件提供给开发人员",
                as_json,
                out,
                err,
            )
            continue
        if as_json:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            out.write(_human(result))
        out.flush()
    return 1 if failed else 0


def _report_error(path: str, message: str, as_json: bool, out: TextIO, err: TextIO) -> None:
    if as_json:
        out.write(json.dumps({"file": path, "error": message}, ensure_ascii=False) + "\n")
        out.flush()
    err.write(f"{path}：{message}\n")
    err.flush()


def _human(result: dict) -> str:
    meta = result["meta"]
    lines = [f"== {result['file']} =="]
    labels = [
        ("标题", "title"),
        ("地区", "place"),
        ("层级", "level"),
        ("年度", "year"),
        ("类型", "kind"),
        ("发布日期", "published"),
        ("发布机构", "issuer"),
    ]
    for label, key in labels:
        if meta.get(key) is not None:
            lines.append(f"{label}：{meta[key]}")
    lines.append(f"正文：{len(result['text'])} 字")
    lines.append("章节：")
    for node in walk(result["sections"]):
        lines.append("  " * node["level"] + node["heading"])
    for table in result.get("tables") or []:
        for problem in table["problems"]:
            lines.append(f"表格核对不符（数字按原文照录）：{problem}")
    lines.append(f"数据：{len(result['indicators'])} 项")
    for ind in result["indicators"]:
        value = ind["value"]
        parts = [f"  {ind['name'] or '（未命名）'}：{value}{ind['unit'] or ''}"]
        if ind["approximate"]:
            parts.append(f"（{ind['qualifier']}）")
        if ind["yoy"] is not None:
            parts.append(f" 同比 {ind['yoy']:+}{ind['yoy_unit'] or ''}")
        if ind["code"]:
            parts.append(f" [{ind['code']}]")
        parts.append(f" ← “{ind['text']}”")
        lines.append("".join(parts))
    return "\n".join(lines) + "\n\n"
