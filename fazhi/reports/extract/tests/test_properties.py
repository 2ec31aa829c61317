"""Properties that hold for any input: no crash, offsets consistent, sections nested."""

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.reports.extract import extract_text
from fazhi.reports.extract.sections import walk

PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "1.",
        "(2)",
        "第",
        "十二",
        "条",
        "2023年",
        "3月",
        "5日",
        "〔2023〕",
        "5号",
        "共",
        "办理",
        "案件",
        "12",
        "1.5",
        "万",
        "余",
        "件",
        "%",
        "以上",
        "同比增长",
        "下降",
        "，",
        "。",
        "、",
        "\n",
        "|",
        " ",
        "“",
        "”",
        "《",
        "》",
        "两千",
        "七",
        "期",
        "人次",
        "50-300元",
        "2021—2025年",
        "负责人出庭应诉率",
        "100%",
        "无败诉",
        "2/3",
        "三分之一",
        "當前位置",
        "區(qū)",
        "责任编辑：",
        "0",
        "\n0\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=300))
def test_any_text(raw):
    result = extract_text(raw)
    text = result["text"]
    for f in result["indicators"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["start"] <= f["value_start"] < f["value_end"] <= f["end"]
        assert isinstance(f["value"], (int, float))
    for node in walk(result["sections"]):
        assert 0 <= node["start"] < node["end"] <= len(text)
        for child in node["children"]:
            assert node["start"] <= child["start"] and child["end"] <= node["end"]
