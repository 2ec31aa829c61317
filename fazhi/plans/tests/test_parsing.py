"""Plan text parsing: the real plan (seed 004) and every malformation the parser reports.

Expected values below were written by reading the seed text, not by printing the parser's
output. Runs without Django: ``pytest -p no:django fazhi/plans/tests``.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.plans.parsing import cn_to_int, int_to_cn, parse_plan
from fazhi.testing import seed_text

pytestmark = pytest.mark.today(2025, 11, 10)

SEED = seed_text("004")

SECTIONS = [
    ("一", "健全政府机构职能体系,全面提升政府依法履职能力"),
    ("二", "完善依法行政制度体系,全面提升政府依法治理水平"),
    ("三", "严格依法科学民主决策,提高行政决策公信力、执行力"),
    ("四", "健全完善行政执法工作机制,全面提升政府综合执法能力"),
    ("五", "健全应急管理制度机制,提升依法预防处置突发事件能力"),
    ("六", "健全社会矛盾纠纷多元化解机制,全面提升政府为民服务能力"),
    ("七", "健全对行政权力制约监督体系,确保依法规范行使权力"),
    ("八", "加快建设数字政府,提高政府治理和政务服务智能化水平"),
    ("九", "加强党的领导,为法治政府建设提供根本保证"),
]
SECTION_LINES = [9, 17, 21, 27, 37, 45, 55, 67, 75]

ZJ = "各镇街"
EXEC = "区各行政执法部门"

# (number, section, line, title, responsible units as listed)
TASKS = [
    (1, "一", 11, "推进政府机构职能优化协同高效",
     ["区委编办", "区司法局", "区发改局", "区商务局", ZJ]),
    (2, "一", 13, "深入推进“放管服”改革",
     ["区政府办公室", "区行政审批局", "区大数据局", "区发改局", "区司法局", "区市场监管局",
      "河东公安分局", ZJ]),
    (3, "一", 15, "持续优化法治化营商环境",
     ["区政府办公室", "区人大常委会监察和司法委", "区司法局", "区市场监管局", "区发改局",
      "区行政审批局", "区工信局", "区商务局", "区法院", ZJ]),
    (4, "二", 19, "严格行政规范性文件监管", ["区政府办公室", "区司法局", ZJ]),
    (5, "三", 23, "严格落实重大行政决策程序",
     ["区司法局", "区委巡察办", "区委组织部", "区审计局", ZJ]),
    (6, "三", 25, "强化行政决策执行和评估", ["区政府各部门", ZJ]),
    (7, "四", 29, "深化行政执法体制改革",
     ["区委编办", "区行政审批局", "区司法局", "河东公安分局", "区检察院", "区财政局", ZJ]),
    (8, "四", 31, "加大重点领域执法力度", [EXEC, ZJ]),
    (9, "四", 33, "严格公正文明执法", ["区司法局", EXEC, ZJ]),
    (10, "四", 35, "创新行政执法方式", ["区司法局", EXEC, ZJ]),
    (11, "五", 39, "完善突发事件应对制度",
     ["区应急局", "河东公安分局", "区卫健局", "区自然资源局", "区司法局", ZJ]),
    (12, "五", 41, "依法处置突发事件",
     ["区应急局", "区卫健局", "区自然资源局", "区市场监管局", ZJ]),
    (13, "五", 43, "合力应对突发事件", ["区应急局", "区民政局", ZJ]),
    (14, "六", 47, "扎实做好信访工作", ["区信访局", "区司法局", ZJ]),
    (15, "六", 49, "加强行政调解工作", ["区司法局", "区各行政机关", ZJ]),
    (16, "六", 51, "提高行政复议质效", ["区司法局", "区委编办", ZJ]),
    (17, "六", 53, "加强和规范行政应诉工作",
     ["区司法局", "区法院", "区检察院", "区各行政机关", ZJ]),
    (18, "七", 57, "推动形成监督合力",
     ["区纪委监委机关", "区人大常委会办公室", "区政府办公室", "区政协办公室", "区法院",
      "区检察院", "区司法局", "区财政局", "区审计局", "区统计局"]),
    (19, "七", 59, "加强和规范政府督查工作", ["区政府办公室", ZJ]),
    (20, "七", 61, "加强对行政执法的制约和监督", ["区司法局", EXEC, ZJ]),
    (21, "七", 63, "全面主动落实政务公开", ["区政府办公室", "区大数据局", ZJ]),
    (22, "七", 65, "切实推进政务诚信工作", ["区发改局", "区法院", ZJ]),
    (23, "八", 69, "加快信息化平台建设",
     ["区行政审批局", "区政府办公室", "区大数据局", "区人大常委会监察和司法委", "区司法局",
      ZJ]),
    (24, "八", 71, "加快推进政务数据资源共享",
     ["区大数据局", "区行政审批局", "区市场监管局", "区发改局", "河东公安分局", "区住建局",
      "河东交通运输分局", ZJ]),
    (25, "八", 73, "全面推进“互联网+”监管执法", ["区市场监管局", "区大数据局", "区司法局", ZJ]),
    (26, "九", 77, "切实加强党对法治政府建设的领导",
     ["区委依法治区办", "区委办公室", "区政府办公室", ZJ]),
    (27, "九", 79, "完善法治政府建设推进机制", ["区委依法治区办", ZJ]),
    (28, "九", 81, "全面加强依法行政能力建设",
     ["区委依法治区办", "区委编办", "区委组织部", "区司法局", ZJ]),
    (29, "九", 83, "强化理论研究和舆论宣传",
     ["区委宣传部", "区教体局", "区法学会", "区社科联", "区委依法治区办", ZJ]),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed():
    return parse_plan(SEED)


def test_seed_is_clean(seed):
    assert seed.errors == []
    assert seed.warnings == []
    assert seed.ok
    assert seed.title == "河东区贯彻落实《法治政府建设实施纲要(2021-2025年)》实施方案(征求意见稿)"


def test_seed_sections(seed):
    assert [(s.number, s.title) for s in seed.sections] == SECTIONS
    assert [s.line for s in seed.sections] == SECTION_LINES


def test_seed_has_29_tasks_in_their_sections(seed):
    assert len(seed.tasks) == 29
    assert [(t.number, t.section, t.line) for t in seed.tasks] == [
        (n, section, line) for n, section, line, _, _ in TASKS
    ]


@pytest.mark.parametrize("expected", TASKS, ids=[f"task{t[0]}" for t in TASKS])
def test_seed_task_title_and_responsible_units(seed, expected):
    number, _, _, title, responsible = expected
    task = seed.tasks[number - 1]
    assert task.number == number
    assert task.title == title
    assert task.responsible == responsible


def test_seed_bodies_leave_out_title_clause_and_chrome(seed):
    first, last = seed.tasks[0], seed.tasks[-1]
    assert first.body.startswith("完善经济调节、市场监管")
    assert first.body.endswith("其他具有市场准入性质的负面清单。")
    assert last.body.startswith("深入开展法治政府建设重大理论和实践问题研究。")
    assert last.body.endswith("积极营造良好社会舆论氛围。")
    for task in seed.tasks:
        assert "责任单位" not in task.body
        assert "扫一扫" not in task.body and "下载Word" not in task.body
        assert not task.body.startswith(task.title)


def _widen(text: str) -> str:
    """The seed as if typed with full-width punctuation throughout."""
    return text.translate(str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"}))


def test_seed_with_full_width_punctuation_gives_the_same_units(seed):
    wide = parse_plan(_widen(SEED))
    assert wide.errors == []
    assert [t.responsible for t in wide.tasks] == [t.responsible for t in seed.tasks]
    assert [t.title for t in wide.tasks] == [t.title for t in seed.tasks]


def test_seed_chrome_lines_are_not_taken_for_the_title():
    # Without its title line the plan has no title: metadata and chrome never stand in.
    lines = SEED.split("\n")
    del lines[2]
    plan = parse_plan("\n".join(lines))
    assert plan.title == ""
    assert [w.message for w in plan.warnings] == ["全文：未找到方案标题"]
    assert len(plan.tasks) == 29


# --- small plans ---------------------------------------------------------------------


def plan_of(*lines: str):
    return parse_plan("\n".join(lines))


def messages(items):
    return [(e.line, e.message) for e in items]


HEAD = "示范区2025年法治政府建设工作要点"


@pytest.mark.parametrize(
    "clause",
    [
        "（责任单位：区司法局、区财政局，各镇街）",
        "(责任单位:区司法局、区财政局,各镇街)",
        "（责任单位:区司法局，区财政局，各镇街）",
        "(责任单位：区司法局;区财政局；各镇街)",
        "（ 责任单位 ： 区司法局 、区财政局 , 各镇街 ）",
        "（责任部门：区司法局、区财政局、各镇街）",
    ],
)
def test_bracket_colon_and_separator_widths(clause):
    plan = plan_of(HEAD, "一、总体要求", f"1.推进依法行政。全面推进。{clause}")
    assert plan.errors == []
    assert plan.tasks[0].responsible == ["区司法局", "区财政局", "各镇街"]
    assert plan.tasks[0].title == "推进依法行政"
    assert plan.tasks[0].body == "全面推进。"


@pytest.mark.parametrize(
    "clause",
    [
        "（牵头单位：区司法局；配合单位：区财政局、各镇街）",
        "(牵头单位:区司法局;配合单位:区财政局,各镇街)",
        "（牵头单位：区司法局，配合单位：区财政局、各镇街）",
        "（配合单位：区财政局、各镇街；牵头单位：区司法局）",
        "（牵头单位：区司法局）（配合单位：区财政局、各镇街）",
    ],
)
def test_lead_and_cooperating_units_lead_first(clause):
    plan = plan_of(HEAD, "一、总体要求", f"1.推进依法行政。全面推进。{clause}")
    assert plan.errors == []
    assert plan.tasks[0].responsible == ["区司法局", "区财政局", "各镇街"]


def test_names_inside_nested_brackets_stay_whole():
    plan = plan_of(
        "一、总体要求",
        "1.推进。正文。（责任单位：区司法局、各乡镇（街道）、各镇(街道、社区)）",
    )
    assert plan.errors == []
    assert plan.tasks[0].responsible == ["区司法局", "各乡镇（街道）", "各镇(街道、社区)"]


def test_task_over_several_lines_with_unbracketed_units():
    plan = plan_of(
        HEAD,
        "一、总体要求",
        "1．深入学习贯彻习近平法治思想。全面落实领导干部学法用",
        "法制度，抓住“关键少数”。",
        "责任单位：区司法局、区委宣传部",
        "2、推进严格执法（牵头单位：区司法局）",
    )
    assert plan.errors == []
    first, second = plan.tasks
    assert first.title == "深入学习贯彻习近平法治思想"
    assert first.body == "全面落实领导干部学法用\n法制度，抓住“关键少数”。"
    assert first.responsible == ["区司法局", "区委宣传部"]
    assert (second.number, second.title, second.body) == (2, "推进严格执法", "")
    assert second.responsible == ["区司法局"]


def test_decimal_at_line_start_is_not_a_task_and_crlf_keeps_line_numbers():
    text = "\r\n".join(
        [
            HEAD,
            "一、总体要求",
            "1.提高效率。办理时限压缩",
            "1.5倍以上。（责任单位：区行政审批局）",
            "3.跳号任务。（责任单位：区司法局）",
        ]
    )
    plan = parse_plan(text)
    assert [t.number for t in plan.tasks] == [1, 3]
    assert plan.tasks[0].body == "办理时限压缩\n1.5倍以上。"
    assert messages(plan.errors) == [(5, "第5行：任务编号应为2，实际为3")]


def test_duplicate_names_in_one_clause_are_listed_once():
    plan = plan_of("一、总体要求", "1.任务。（牵头单位：区司法局；配合单位：区司法局、区财政局）")
    assert plan.tasks[0].responsible == ["区司法局", "区财政局"]


# --- errors and warnings, with their line numbers -------------------------------------


CHROME_ONLY = "\n".join(
    [
        "您当前的位置：首页 > 政务公开",
        "| 索 引 号 | 123 | 分 类 | 通知 |",
        "索 引 号: 123 公开目录: 决策草案",
        "发布日期: 2022-03-14 发布机构: 示范区司法局",
        "时间：2021-12-24 12:25   来源：示范区司法局 访问量:",
        "【文字大小:",
        "【下载Word】 【下载PDF】 【打印文章】 【关闭窗口】",
        "扫一扫在手机打开当前页",
    ]
)


@pytest.mark.parametrize("text", ["", "   \n\n\u3000\n", CHROME_ONLY])
def test_empty_text(text):
    plan = parse_plan(text)
    assert messages(plan.errors) == [(0, "全文：计划文本为空")]
    assert plan.tasks == [] and plan.sections == []
    assert not plan.ok


def test_no_sections():
    plan = plan_of(HEAD, "1.任务一。（责任单位：区司法局）", "2.任务二。（责任单位：区财政局）")
    assert messages(plan.errors) == [
        (0, "全文：未找到章节标题（如“一、……”）"),
        (2, "第2行：任务1出现在第一个章节标题之前"),
        (3, "第3行：任务2出现在第一个章节标题之前"),
    ]
    assert [t.section for t in plan.tasks] == ["", ""]


def test_task_before_the_first_section():
    plan = plan_of(
        HEAD, "1.任务一。（责任单位：区司法局）", "一、总体要求", "2.任务二。（责任单位：区财政局）"
    )
    assert messages(plan.errors) == [(2, "第2行：任务1出现在第一个章节标题之前")]
    assert [t.section for t in plan.tasks] == ["", "一"]


def test_no_tasks():
    plan = plan_of(HEAD, "一、总体要求", "为了……制定本方案。", "二、工作措施")
    assert messages(plan.errors) == [(0, "全文：未找到编号任务（如“1.……”）")]
    assert len(plan.sections) == 2


def test_skipped_task_number():
    plan = plan_of(
        HEAD,
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "2.任务。（责任单位：区司法局）",
        "3.任务。（责任单位：区司法局）",
        "4.任务。（责任单位：区司法局）",
        "二、工作措施",
        "",
        "",
        "",
        "",
        "7.任务。（责任单位：区司法局）",
        "8.任务。（责任单位：区司法局）",
    )
    assert messages(plan.errors) == [(12, "第12行：任务编号应为5，实际为7")]


def test_duplicated_task_number():
    plan = plan_of(
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "2.任务。（责任单位：区司法局）",
        "2.任务。（责任单位：区司法局）",
        "3.任务。（责任单位：区司法局）",
    )
    assert messages(plan.errors) == [(4, "第4行：任务编号2重复（第3行已出现）")]
    assert [t.number for t in plan.tasks] == [1, 2, 2, 3]


def test_task_numbers_out_of_order():
    plan = plan_of(
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "3.任务。（责任单位：区司法局）",
        "2.任务。（责任单位：区司法局）",
        "4.任务。（责任单位：区司法局）",
    )
    assert messages(plan.errors) == [
        (3, "第3行：任务编号应为2，实际为3"),
        (4, "第4行：任务编号应为4，实际为2"),
    ]


def test_numbering_does_not_restart_per_section():
    plan = plan_of(
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "二、措施",
        "1.任务。（责任单位：区司法局）",
    )
    assert messages(plan.errors) == [(4, "第4行：任务编号1重复（第2行已出现）")]


def test_first_task_must_be_1():
    plan = plan_of("一、总体要求", "2.任务。（责任单位：区司法局）")
    assert messages(plan.errors) == [(2, "第2行：任务编号应为1，实际为2")]


def test_section_numerals_out_of_order_and_repeated():
    plan = plan_of(
        "二、总体要求",
        "1.任务。（责任单位：区司法局）",
        "三、措施",
        "2.任务。（责任单位：区司法局）",
        "五、保障",
        "3.任务。（责任单位：区司法局）",
        "五、再来",
    )
    assert messages(plan.errors) == [
        (1, "第1行：章节编号应为一，实际为二"),
        (5, "第5行：章节编号应为四，实际为五"),
        (7, "第7行：章节编号五重复（第5行已出现）"),
    ]


def test_sections_beyond_ten():
    lines = []
    for n in range(1, 13):
        lines += [f"{int_to_cn(n)}、第{n}部分", f"{n}.任务{n}。（责任单位：区司法局）"]
    plan = plan_of(*lines)
    assert plan.errors == []
    assert [s.number for s in plan.sections][9:] == ["十", "十一", "十二"]
    assert plan.tasks[11].section == "十二"


def test_unclosed_bracket():
    plan = plan_of(
        HEAD,
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "2.任务。正文（责任单位：区司法局、区财政局",
        "3.任务。（责任单位：区司法局）",
    )
    assert messages(plan.errors) == [(4, "第4行：任务2的责任单位括号未闭合")]
    # The names are still shown in the preview.
    assert plan.tasks[1].responsible == ["区司法局", "区财政局"]


def test_unclosed_bracket_on_a_later_line_of_the_task():
    plan = plan_of(
        "一、总体要求",
        "1.任务。正文第一行",
        "正文第二行（责任单位：区司法局、各乡镇（街道）",
    )
    assert messages(plan.errors) == [(3, "第3行：任务1的责任单位括号未闭合")]


def test_bracket_closed_on_the_next_line_is_fine():
    plan = plan_of("一、总体要求", "1.任务。正文（责任单位：区司法局、", "区财政局）")
    assert plan.errors == []
    assert plan.tasks[0].responsible == ["区司法局", "区财政局"]


def test_task_without_responsible_units_is_a_warning():
    plan = plan_of(HEAD, "一、总体要求", "1.任务。（责任单位：区司法局）", "2.任务。正文没有单位。")
    assert plan.errors == []
    assert messages(plan.warnings) == [(4, "第4行：任务2未列出责任单位，导入后需手工指定")]
    assert plan.tasks[1].responsible == []


def test_empty_clause_is_an_error():
    plan = plan_of("一、总体要求", "1.任务。（责任单位：）")
    assert messages(plan.errors) == [(2, "第2行：任务1的责任单位为空")]


def test_clause_without_colon_is_an_error_not_a_warning():
    plan = plan_of(HEAD, "一、总体要求", "1.任务。正文", "（责任单位 区司法局）")
    assert messages(plan.errors) == [(4, "第4行：任务1的责任单位缺少冒号，无法识别")]
    assert plan.warnings == []


def test_text_after_the_last_clause_is_a_warning():
    plan = plan_of(
        HEAD,
        "一、总体要求",
        "1.任务。（责任单位：区司法局）",
        "示范区司法局",
        "2025年3月1日",
    )
    assert plan.errors == []
    assert messages(plan.warnings) == [
        (4, "第4行：第4至5行位于任务1的责任单位之后，未归入任何任务")
    ]
    assert plan.tasks[0].body == ""


def test_errors_are_sorted_by_line():
    plan = plan_of("一、总体要求", "1.任务。（责任单位：", "3.任务。（责任单位：区司法局）")
    assert [e.line for e in plan.errors] == [2, 3]


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99)],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value
    assert int_to_cn(value) == text


@pytest.mark.parametrize("text", ["", "零", "十十", "一一", "百", "二十零", "一十"])
def test_not_chinese_numerals(text):
    assert cn_to_int(text) is None


# --- properties ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二十、1234.．（）()：:责任单位区司法局，,\n 。"))))
def test_never_raises_on_arbitrary_text(text):
    plan = parse_plan(text)
    for item in plan.errors + plan.warnings:
        assert item.line >= 0 and item.message


UNITS = ["区司法局", "区财政局", "河东公安分局", "各镇街", "区各行政执法部门", "区委编办"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True), max_size=4),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["（", "("]),
    st.sampled_from(["）", ")"]),
    st.sampled_from(["：", ":"]),
    st.sampled_from(["、", "，", ","]),
)
def test_generated_plans_read_back(sections, open_, close, colon, sep):
    lines, expected, number = ["生成的实施方案"], [], 0
    for s, tasks in enumerate(sections, start=1):
        lines.append(f"{int_to_cn(s)}、第{s}部分")
        for names in tasks:
            number += 1
            lines.append(
                f"{number}.任务{number}。正文。{open_}责任单位{colon}{sep.join(names)}{close}"
            )
            expected.append((number, int_to_cn(s), names))
    plan = parse_plan("\n".join(lines))
    assert [(t.number, t.section, t.responsible) for t in plan.tasks] == expected
    assert len(plan.sections) == len(sections)
    if expected:
        assert plan.errors == []
