"""The forms real reports take (issue 19): the national template tables in every rendering
a page reaches the web in, shared predicates, compound counts and paired lists, stated
zeros, and category breakdowns. Each form has several renderings; the texts are our own."""

import pytest

from fazhi.reports.extract import extract_text

# --- the template tables ------------------------------------------------------------------

# 三、收到和处理政府信息公开申请情况: (row label, seven values) — our own figures, which satisfy
# the template's arithmetic: 一 + 二 = 三(七) + 四 in every column.
S3 = [
    ("一、本年新收政府信息公开申请数量", [21, 3, 0, 1, 0, 1, 26]),
    ("二、上年结转政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2]),
    ("(一)予以公开", [9, 1, 0, 0, 0, 0, 10]),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", [3, 0, 0, 0, 0, 0, 3]),
    ("1.属于国家秘密", [0, 0, 0, 0, 0, 0, 0]),
    ("2.其他法律行政法规禁止公开", [0, 0, 0, 0, 0, 0, 0]),
    ("3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0, 0]),
    ("4.保护第三方合法权益", [1, 0, 0, 0, 0, 0, 1]),
    ("5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0, 0]),
    ("6.属于四类过程性信息", [1, 0, 0, 0, 0, 0, 1]),
    ("7.属于行政执法案卷", [0, 0, 0, 0, 0, 0, 0]),
    ("8.属于行政查询事项", [0, 0, 0, 0, 0, 0, 0]),
    ("1.本机关不掌握相关政府信息", [5, 1, 0, 1, 0, 0, 7]),
    ("2.没有现成信息需要另行制作", [1, 0, 0, 0, 0, 0, 1]),
    ("3.补正后申请内容仍不明确", [0, 0, 0, 0, 0, 0, 0]),
    ("1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0, 1]),
    ("2.重复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0, 0]),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0, 1]),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0, 0, 0, 0, 0, 0]),
    ("3.其他", [0, 0, 0, 0, 0, 1, 1]),
    ("(七)总计", [22, 2, 0, 1, 0, 1, 26]),
    ("四、结转下年度继续办理", [1, 1, 0, 0, 0, 0, 2]),
]  # fmt: skip
KEYS = ["new", "carried", "disclose", "partial", "refuse_secret", "refuse_law", "refuse_safety",
        "refuse_third_party", "refuse_internal", "refuse_process", "refuse_case_file",
        "refuse_inquiry", "unable_not_held", "unable_create", "unable_unclear",
        "reject_petition", "reject_repeat", "reject_publication", "reject_excessive",
        "reject_confirm", "other_no_correction", "other_no_fee", "other", "total", "next"]  # fmt: skip
COLS = ["person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
EXPECTED = {
    f"s3:{k}:{c}": v for k, (_, values) in zip(KEYS, S3, strict=True) for c, v in zip(COLS, values, strict=True)
}  # fmt: skip
GROUPS = {4: "(三)不予公开", 12: "(四)无法提供", 15: "(五)不予处理", 20: "(六)其他处理"}
HEAD = "三、收到和处理政府信息公开申请情况"
NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
TAIL = "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生。"


def cells(text: str) -> dict[str, float]:
    return {f["cell"]: f["value"] for f in extract_text(text)["indicators"] if f.get("cell")}


def pipe_rendering() -> str:
    rows = [HEAD, f"| {NOTE} | 申请人情况 |", "| 自然人 | 法人或其他组织 | 总计 |",
            "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"]  # fmt: skip
    for i, (label, values) in enumerate(S3):
        lead = ""
        if i == 2:
            lead = "三、本年度办理结果 | "
        if i in GROUPS:
            lead += GROUPS[i] + " | "
        rows.append(f"| {lead}{label} | " + " | ".join(map(str, values)) + " |")
    return "\n".join([*rows, TAIL])


def tab_rendering() -> str:
    rows = [HEAD, f"{NOTE}\t申请人情况", "\t自然人\t法人或其他组织\t\t\t\t\t总计"]
    for i, (label, values) in enumerate(S3):
        lead = GROUPS.get(i, "")
        rows.append("\t".join([lead, label, *map(str, values)]) if lead else
                    "\t".join([label, *map(str, values)]))  # fmt: skip
    return "\n".join([*rows, TAIL])


def cell_per_line_rendering(blank_lines: bool) -> str:
    """One cell per line, as a browser copy of a table gives it; a lone '|' is a blank."""
    rows = [HEAD, NOTE + " |", "申请人情况 |", "自然人 |", "法人或其他组织 |", "总计 |",
            "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |"]  # fmt: skip
    for i, (label, values) in enumerate(S3):
        if i in GROUPS:
            rows.append(GROUPS[i] + " |")
        rows.append(label + " |")
        if blank_lines and i == 1:
            rows.append("|")  # a merged cell's debris before the values
        rows += [f"{v} |" for v in values]
        if blank_lines:
            rows.append("||")
    return "\n".join([*rows, TAIL])


def flip_book_rendering() -> str:
    """Flip-book text: a row's label with its values on one line, a row of zeros as one
    line under its label, a long label split over two lines, and the header printed again
    after a page break (with the page number)."""
    rows = [
        HEAD,
        NOTE,
        "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    for i, (label, values) in enumerate(S3):
        if i in GROUPS:
            rows.append(GROUPS[i])
        if i == 12:
            rows += [
                "- 7 -",
                "自然人 法人或其他组织 总计",
                "商业企业 科研机构 社会公益组织 法律服务机构 其他",
            ]
        if label.startswith("1.申请人无正当理由"):
            rows += ["1.申请人无正当理由逾期不补正、行政机关", "不再处理其政府信息公开申请"]
            rows.append(" ".join(map(str, values)))
        elif not any(values):
            rows += [label, " ".join(map(str, values))]
        else:
            rows.append(label + " " + " ".join(map(str, values)))
    return "\n".join([*rows, TAIL])


@pytest.mark.parametrize(
    "text",
    [pipe_rendering(), tab_rendering(), cell_per_line_rendering(False),
     cell_per_line_rendering(True), flip_book_rendering()],
    ids=["pipe", "tab", "cell-per-line", "cell-per-line-with-blanks", "flip-book"],
)  # fmt: skip
def test_section3_every_rendering_reads_to_the_same_cells(text):
    result = extract_text(text)
    got = {f["cell"]: f["value"] for f in result["indicators"] if f.get("cell")}
    assert got == EXPECTED
    s3 = [t for t in result["tables"] if t["section"] == "s3"]
    assert s3 == [{"template": "gk2021", "section": "s3", "cells": 175, "problems": []}]
    new_total = [f for f in result["indicators"] if f.get("cell") == "s3:new:total"]
    assert new_total[0]["code"] == "disclosure.requests"
    assert {
        f["code"] for f in result["indicators"] if f.get("cell", "").startswith("s3:total:")
    } == {"disclosure.requests_concluded"}
    # the table's numbers are cells, never prose figures as well
    assert not [f for f in result["indicators"] if f["source"] == "prose"]
    assert len([f for f in result["indicators"] if f["source"] == "table"]) == 175


def test_a_table_that_fails_its_arithmetic_is_reported_not_corrected():
    broken = pipe_rendering().replace("| (七)总计 | 22 |", "| (七)总计 | 23 |")
    result = extract_text(broken)
    problems = [p for t in result["tables"] for p in t["problems"]]
    assert problems == [
        "“自然人”列：一+二=23，三(七)+四=24，不相等",
        "“自然人”列：三(一)至(六)之和=22，三(七)=23，不相等",
        "“三(七)总计”行：各类申请人之和=27，总计=26，不相等",
    ]
    assert cells(broken)["s3:total:person"] == 23  # read as printed, not corrected


def test_a_row_that_cannot_be_placed_keeps_its_numbers_without_a_cell():
    text = pipe_rendering().replace(
        "| 4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 4.保护第三方合法权益 | 1 | 1 |"
    )
    result = extract_text(text)
    row = [f for f in result["indicators"] if "保护第三方合法权益" in (f["name"] or "")]
    assert [(f["value"], f["cell"]) for f in row] == [(1, None), (1, None)]
    assert any("保护第三方合法权益" in p and "无法确定所在列" in p for t in result["tables"]
               for p in t["problems"])  # fmt: skip


SECTION2_2021 = """二、主动公开政府信息情况
第二十条第(一)项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t7\t2\t41
第二十条第(五)项
信息内容\t本年处理决定数量
行政许可\t1,093
第二十条第(六)项
信息内容\t本年处理决定数量
行政处罚\t286
行政强制\t5
第二十条第(八)项
信息内容\t本年收费金额(单位:万元)
行政事业性收费\t18.60
三、收到和处理政府信息公开申请情况"""

SECTION2_2019 = """二、主动公开政府信息情况
| 第二十条第(一)项 |
| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 3 | 3 | 27 |
| 第二十条第(五)项 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 46 | +2 | 512 |
| 其他对外管理服务事项 | 12 | -3 | 88 |
| 第二十条第(六)项 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政处罚 | 230 | -12 | 97 |
| 行政强制 | 8 | 0 | 2 |
| 第二十条第(八)项 |
| 信息内容 | 上一年项目数量 | 本年增/减 |
| 行政事业性收费 | 4 | -1 |
| 第二十条第(九)项 |
| 信息内容 | 采购项目数量 | 采购总金额 |
| 政府集中采购 | 15 | 326.5 |
三、收到和处理政府信息公开申请情况"""


def test_section2_2021_tabs_with_thousands_and_amount():
    result = extract_text(SECTION2_2021)
    got = {
        f["cell"]: (f["value"], f["unit"], f["code"]) for f in result["indicators"] if f.get("cell")
    }
    assert got == {
        "s2:rules:issued": (0, "件", None), "s2:rules:repealed": (0, "件", None),
        "s2:rules:in_force": (0, "件", None), "s2:normative:issued": (7, "件", None),
        "s2:normative:repealed": (2, "件", None), "s2:normative:in_force": (41, "件", None),
        "s2:license:decisions": (1093, "件", "enforcement.license_decisions"),
        "s2:penalty:decisions": (286, "件", "enforcement.penalty_decisions"),
        "s2:coercion:decisions": (5, "件", "enforcement.coercion_decisions"),
        "s2:fee_income:amount": (186000, "元", None),
    }  # fmt: skip
    assert {f["template"] for f in result["indicators"] if f.get("cell")} == {"gk2021"}
    # 第二十条第(一)项 is an article number, not a figure
    assert not [f for f in result["indicators"] if f["source"] == "prose"]


def test_section2_2019_trial_format_with_signed_changes():
    result = extract_text(SECTION2_2019)
    got = {f["cell"]: f["value"] for f in result["indicators"] if f.get("cell")}
    assert got["s2_2019:license:change"] == 2
    assert got["s2_2019:other_service:change"] == -3
    assert got["s2_2019:penalty:change"] == -12
    assert got["s2_2019:penalty:decisions"] == 97
    assert got["s2_2019:fee:last_year"] == 4
    assert got["s2_2019:fee:change"] == -1
    assert got["s2_2019:procurement:items"] == 15
    assert got["s2_2019:normative:public_total"] == 27
    assert len(got) == 6 + 12 + 2 + 2
    assert {f["template"] for f in result["indicators"] if f.get("cell")} == {"gk2019"}


S4_ROW = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
S4_RENDERINGS = {
    "pipe": "四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 行政诉讼 |\n"
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    "| " + " | ".join(map(str, S4_ROW)) + " |\n五、存在的主要问题及改进情况",
    "pdf-layout": "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
    "结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n"
    "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计\n"
    + " ".join(map(str, S4_ROW))
    + "\n五、存在的主要问题及改进情况",
    "cell-per-line": "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n"
    "尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n"
    + "\n".join(map(str, S4_ROW))
    + "\n五、存在的主要问题及改进情况",
}


@pytest.mark.parametrize("name", S4_RENDERINGS)
def test_section4_renderings(name):
    got = cells(S4_RENDERINGS[name])
    assert got["s4:reconsideration:upheld"] == 1
    assert got["s4:reconsideration:total"] == 2
    assert got["s4:litigation_direct:corrected"] == 1
    assert got["s4:litigation_after:total"] == 0
    assert len(got) == 15


# --- shared predicates ---------------------------------------------------------------------


def prose(text: str) -> list[dict]:
    return [f for f in extract_text(text)["indicators"] if f["source"] == "prose"]


@pytest.mark.parametrize(
    "text, names",
    [
        ("全区学法考试参考率、合格率均达100%。", ["参考率", "合格率"]),
        ("年度考试参考率、通过率和优秀率100%。", ["参考率", "通过率", "优秀率"]),
        ("执法人员持证率、案卷合格率达到100%。", ["执法人员持证率", "案卷合格率"]),
        ("答复率、满意率都为100%,群众满意。", ["答复率", "满意率"]),
    ],
)
def test_shared_predicate_is_one_figure_per_subject(text, names):
    found = prose(text)
    assert [f["value"] for f in found] == [100] * len(names)
    assert len(found) == len(names)
    assert all(any(f["name"].endswith(n) for f in found) for n in names)
    assert all(f["unit"] == "%" for f in found)


def test_a_combined_count_is_not_a_shared_predicate():
    found = prose("全年办理行政复议、行政诉讼案件12件。")
    assert [f["value"] for f in found] == [12]


# --- compound counts and paired lists ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年共发布信息294期1014条。", [(294, "期"), (1014, "条")]),
        ("举办法治讲座4期50场,覆盖干部群众。", [(4, "期"), (50, "场")]),
        ("清理文件2批次19件。", [(2, "批次"), (19, "件")]),
    ],
)
def test_compound_count_is_two_figures(text, expected):
    assert [(f["value"], f["unit"]) for f in prose(text)] == expected


@pytest.mark.parametrize(
    "text, pairs",
    [
        ("依申请公开办结率、满意率分别为98%、99%。", [("办结率", 98), ("满意率", 99)]),
        ("受理复议案件、诉讼案件和调解案件分别为20件、6件和3件。",
         [("受理复议案件", 20), ("诉讼案件", 6), ("调解案件", 3)]),
        ("网上可办率、全程网办率分别达98.5%和85%。", [("网上可办率", 98.5), ("全程网办率", 85)]),
    ],
)  # fmt: skip
def test_paired_list_in_order(text, pairs):
    assert [(f["name"], f["value"]) for f in prose(text)] == pairs


def test_paired_list_codes_each_subject():
    found = prose("全年政府信息公开申请办结率、满意率分别为100%、98%。")
    assert [f["code"] for f in found] == ["disclosure.on_time_rate", None]


# --- stated zeros --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023年,我局未受理依申请公开事项。", [(0, "件", "disclosure.requests")]),
        ("全年未收到政府信息公开申请。", [(0, "件", "disclosure.requests")]),
        ("全年无败诉案件。", [(0, "件", "litigation.lost")]),
        ("实现零投诉。", [(0, "件", None)]),
        ("未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。", [(0, "件", None), (0, "件", None)]),
        ("未收取任何信息处理费。", [(0, "元", "disclosure.fee_amount")]),
    ],
)  # fmt: skip
def test_stated_zero(text, expected):
    assert [(f["value"], f["unit"], f["code"]) for f in prose(text)] == expected


@pytest.mark.parametrize(
    "text, names",
    [
        ("全年发生行政复议、行政诉讼0件。", {"行政复议", "行政诉讼"}),
        ("全年行政复议、行政诉讼案件均为0件。", {"行政复议", "行政诉讼"}),
        ("本年度发生投诉和举报0起。", {"投诉", "举报"}),
    ],
)
def test_a_zero_for_a_list_is_a_zero_for_each_item(text, names):
    found = prose(text)
    assert {f["name"] for f in found} == names
    assert {f["value"] for f in found} == {0}


@pytest.mark.parametrize(
    "text",
    ["推行无纸化办公。", "未发生重大安全事故。", "坚持零容忍。", "无正当理由的申请依法处理。"],
)
def test_words_that_are_not_stated_zeros(text):
    assert prose(text) == []


# --- category breakdowns -------------------------------------------------------------------


def test_breakdown_under_proactive_disclosure_carries_the_code_and_category():
    found = prose("全年主动公开行政规范性文件707件、其他文件34980件。")
    assert [(f["value"], f["code"], f.get("category")) for f in found] == [
        (707, "disclosure.proactive", "行政规范性文件"),
        (34980, "disclosure.proactive", "其他文件"),
    ]


def test_total_and_components_under_proactive_disclosure():
    found = prose("通过网站主动公开政府信息共88条,其中机构职能27条,工作动态48条;发布政策解读5篇。")
    got = [(f["value"], f["code"], f.get("category")) for f in found]
    assert got == [
        (88, "disclosure.proactive", None),
        (27, "disclosure.proactive", "机构职能"),
        (48, "disclosure.proactive", "工作动态"),
        (5, "disclosure.interpretations", None),
    ]


def test_breakdown_in_a_proactive_section():
    text = "二、主动公开政府信息情况\n全年公开规章2件,行政规范性文件9件。\n三、收到和处理政府信息公开申请情况\n全年收到申请9件。"
    found = prose("一、总体情况\n概述。\n" + text)
    assert [(f["value"], f["code"], f.get("category")) for f in found][:2] == [
        (2, "disclosure.proactive", "规章"),
        (9, "disclosure.proactive", "行政规范性文件"),
    ]
    assert found[2]["code"] != "disclosure.proactive"


def test_study_of_laws_is_a_study_session():
    found = prose("组织学习宪法、民法典等法律法规5次。")
    assert [(f["value"], f["code"]) for f in found] == [(5, "learning.study_sessions")]


# --- more renderings met in published reports ---------------------------------------------

SPLIT_HEADER_2019 = """二、主动公开政府信息情况
第二十条第(一)项

信息内容

本年新
制作数量

本年新
公开数量

对外公开总数量

规章

0

0

0

规范性文件

4

4

31
第二十条第(五)项
信息内容 | 上一年项目数量 | 本年增/ | 处理决定数量 |
行政许可 | 12 | -1 | 230 |
三、收到和处理政府信息公开申请情况"""


def test_header_cells_split_over_lines_or_cut():
    got = cells(SPLIT_HEADER_2019)
    assert got["s2_2019:normative:made"] == 4
    assert got["s2_2019:normative:public_total"] == 31
    assert got["s2_2019:license:change"] == -1
    assert got["s2_2019:license:decisions"] == 230


def test_a_lost_header_cell_falls_back_to_the_template_columns():
    text = SECTION2_2019.replace(
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "| 信息内容 | 本年新 | 本年新 | 对外公开总数量 |",
    )
    got = cells(text)
    assert got["s2_2019:normative:made"] == 3 and got["s2_2019:normative:public_total"] == 27


def test_a_row_the_template_lacks_is_figures_without_a_cell():
    text = SECTION2_2019.replace(
        "| 规范性文件 | 3 | 3 | 27 |",
        "| 规范性文件 | 3 | 3 | 27 |\n| 其他主动公开文件(含通知公告) | 186 | 86 | 255 |",
    )
    found = [f for f in extract_text(text)["indicators"] if "其他主动公开文件" in (f["name"] or "")]
    assert [(f["value"], f["cell"], f["column"]) for f in found] == [
        (186, None, "本年新制作数量"), (86, None, "本年新公开数量"), (255, None, "对外公开总数量")
    ]  # fmt: skip


def test_one_rate_for_each_count_before_it():
    found = prose("办理人大代表建议 119 件、政协委员提案 105 件,办复率均为 100%。")
    assert [f["value"] for f in found] == [119, 105, 100, 100]


def test_parts_follow_their_total_in_the_paragraph():
    found = prose(
        "2020年,共主动公开政府信息1028条,全部及时报送档案馆。公开类型包括:政策文件25条、规划计划类信息6条。"
    )
    assert [(f["value"], f["code"], f.get("category")) for f in found] == [
        (1028, "disclosure.proactive", None),
        (25, "disclosure.proactive", "政策文件"),
        (6, "disclosure.proactive", "规划计划类信息"),
    ]


def test_parts_follow_a_total_published_in_a_text_that_never_says_proactive():
    found = prose("全年在县政府网站发布各类信息2968条,其中概况类信息348条、工作动态1200条。")
    assert [(f["value"], f["code"], f.get("category")) for f in found] == [
        (2968, "disclosure.published", None),
        (348, "disclosure.published", "概况类信息"),
        (1200, "disclosure.published", "工作动态"),
    ]


def test_what_a_disclosure_report_makes_public_is_proactive_disclosure():
    text = "某镇2022年政府信息公开工作年度报告\n一、总体情况\n全年在镇政府网站公开信息77条,收到1份政府信息公开申请。"
    found = prose(text)
    assert [(f["value"], f["code"]) for f in found] == [
        (77, "disclosure.proactive"), (1, "disclosure.requests")
    ]  # fmt: skip
    # in a 法治政府 report the same words stay a count of information published
    other = prose("某区2022年法治政府建设年度报告\n全年通过网站公开各类信息77条。")
    assert [f["code"] for f in other] == ["disclosure.published"]


@pytest.mark.parametrize(
    "text",
    [
        "2019年度未收到公民、法人或其他组织的政府信息公开申请。",
        "我局未收到和处理政府信息公开申请件。",
    ],
)
def test_stated_zero_with_who_or_what_in_between(text):
    assert [(f["value"], f["code"]) for f in prose(text)] == [(0, "disclosure.requests")]


def test_the_command_line_summary_names_a_table_that_fails(tmp_path):
    from io import StringIO

    from fazhi.reports.extract.cli import main

    path = tmp_path / "broken.txt"
    path.write_text(pipe_rendering().replace("| (七)总计 | 22 |", "| (七)总计 | 23 |"), "utf-8")
    out = StringIO()
    assert main([str(path)], stdout=out, stderr=StringIO()) == 0
    assert (
        "表格核对不符（数字按原文照录）：“自然人”列：一+二=23，三(七)+四=24，不相等"
        in out.getvalue()
    )
