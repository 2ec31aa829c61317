"""Bad input: every file gets a clear Chinese error, and the other files still process."""

import io
import json
import os

import pytest

from fazhi.reports.extract import ExtractError, extract_file
from fazhi.reports.extract.cli import main
from fazhi.reports.extract.decode import decode_bytes

GOOD = "连云区2021年法治政府建设工作总结\n一、工作情况\n全年办理政府信息公开申请10件，按时办结率100%。\n"


def run(argv, **kw):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err, **kw)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(GOOD.encode("gb18030"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing read
        fh.truncate(50 * 1024 * 1024)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(bytes(range(0x80, 0x100)) * 30)
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("これは日本語のテキストです。ひらがなとカタカナ。".encode("shift_jis") * 20)
    pdf = tmp_path / "pdf.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    english = tmp_path / "english.txt"
    english.write_text("This is an annual report, 2023.\n", encoding="utf-8")
    return {p.stem: p for p in [good, gbk, empty, binary, big, latin, sjis, pdf, english]} | {
        "missing": tmp_path / "nope.txt",
        "dir": tmp_path,
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "文件为空"),
        ("binary", "二进制"),
        ("big", "文件过大"),
        ("latin", "无法识别文件编码"),
        ("sjis", "无法识别文件编码"),
        ("pdf", "PDF"),
        ("english", "没有中文"),
        ("missing", "文件不存在"),
        ("dir", "目录"),
    ],
)
def test_bad_file_raises_chinese_error(files, name, message):
    with pytest.raises(ExtractError) as exc:
        extract_file(files[name])
    assert message in exc.value.message
    assert any("\u4e00" <= c <= "\u9fff" for c in exc.value.message)


def test_a_pipe_or_a_device_is_refused_without_waiting(tmp_path):
    """A named pipe with no writer is refused at once (opening one to read would wait)."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    for path in (pipe, "/dev/null"):
        with pytest.raises(ExtractError) as exc:
            extract_file(path)
        assert exc.value.message == "不是普通文件（可能是设备、管道或套接字）"


def test_gbk_and_utf8_give_the_same_result(files):
    a, b = extract_file(files["good"]), extract_file(files["gbk"])
    assert a["text"] == b["text"] and a["indicators"] == b["indicators"]
    assert b["encoding"] == "gb18030"


def test_bom_and_utf16():
    text, enc = decode_bytes("\ufeff".encode("utf-8") + GOOD.encode("utf-8"))
    assert text.startswith("连云区") and enc == "utf-8-sig"
    text, enc = decode_bytes(GOOD.encode("utf-16"))
    assert text.startswith("连云区") and enc == "utf-16"


def test_html_declared_charset_is_used():
    html = '<html><head><meta charset="gb2312"></head><body><p>全年办理政府信息公开申请10件。</p></body></html>'
    text, enc = decode_bytes(html.encode("gb18030"))
    assert enc == "gb18030" and "政府信息公开申请" in text


def test_size_limit_is_checked_before_reading(files, monkeypatch):
    opened = []
    real_open = type(files["big"]).open

    def spy(self, *a, **kw):
        opened.append(self)
        return real_open(self, *a, **kw)

    monkeypatch.setattr(type(files["big"]), "open", spy)
    with pytest.raises(ExtractError):
        extract_file(files["big"])
    assert opened == []


def test_size_limit_is_configurable(files, monkeypatch):
    with pytest.raises(ExtractError, match="文件过大"):
        extract_file(files["good"], max_bytes=10)
    monkeypatch.setenv("FAZHI_EXTRACT_MAX_BYTES", "10")
    with pytest.raises(ExtractError, match="文件过大"):
        extract_file(files["good"])
    monkeypatch.setenv("FAZHI_EXTRACT_MAX_BYTES", str(60 * 1024 * 1024))
    with pytest.raises(ExtractError, match=r"没有中文|无法识别|二进制"):
        extract_file(files["big"])  # now it is read: all NUL bytes


def test_cli_json_reports_each_file_and_exit_code(files):
    order = ["good", "empty", "binary", "big", "missing", "dir", "latin", "gbk"]
    code, out, err = run([str(files[n]) for n in order] + ["--json"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in rows] == [str(files[n]) for n in order]
    ok = [r for r in rows if "error" not in r]
    assert len(ok) == 2 and all(r["indicators"] for r in ok)
    assert all(set(r) == {"file", "error"} for r in rows if "error" in r)
    assert code == 1
    assert err.count("\n") == 6 and "文件为空" in err


def test_cli_exit_zero_when_all_processed(files):
    code, out, err = run([str(files["good"]), str(files["gbk"]), "--json"])
    assert code == 0 and err == "" and len(out.splitlines()) == 2


def test_cli_human_output(files):
    code, out, _ = run([str(files["good"])])
    assert code == 0
    assert "地区：连云区" in out and "disclosure.requests" in out and "章节：" in out


def test_cli_max_size_option(files):
    code, out, _err = run([str(files["good"]), "--max-size", "10", "--json"])
    assert code == 1 and "文件过大" in json.loads(out)["error"]
    code, out, _ = run([str(files["good"]), "--max-size=1MB", "--json"])
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "请至少指定一个文件"),
        (["--bogus", "x"], "未知选项"),
        (["x", "--max-size"], "--max-size"),
        (["x", "--max-size", "abc"], "无法识别的大小"),
    ],
)
def test_cli_usage_errors_are_chinese(argv, message):
    code, _out, err = run(argv)
    assert code == 2 and message in err


def test_cli_help():
    code, out, _ = run(["--help"])
    assert code == 0 and "用法" in out and "退出码" in out


def test_cli_survives_internal_errors(files, monkeypatch):
    from fazhi.reports.extract import cli

    def boom(path, max_bytes=None):
        if str(path).endswith("good.txt"):
            raise RuntimeError("bug")
        return extract_file(path, max_bytes=max_bytes)

    monkeypatch.setattr(cli, "extract_file", boom)
    code, out, _err = run([str(files["good"]), str(files["gbk"]), "--json"])
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and "内部错误" in rows[0]["error"] and "text" in rows[1]


def test_module_entry_point(files):
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "fazhi.reports.extract",
            str(files["good"]),
            str(files["empty"]),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=os.getcwd(),
        timeout=60,
    )
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 2 and "文件为空" in proc.stderr
