"""Figures that must be found, and numbers that must not be reported as figures."""

import pytest

from fazhi.reports.extract import extract_text


def figures(text: str) -> list[dict]:
    return extract_text(text)["indicators"]


def values(text: str) -> list[tuple]:
    return [(f["value"], f["unit"]) for f in figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月15日，县政府召开常务会议。",
        "根据《某某条例》第十二条、第二十三条规定执行。",
        "依据《行政处罚法》第三条和第33条规定。",
        "印发《关于加强执法的通知》（云政办发〔2023〕5号）。",
        "按照国办发〔2018〕118号文件要求推进。",
        "按照〔2020〕3号文件执行。",
        "罚款金额在50-300元之间的，适用简易程序。",
        "给予50至300元不等的补助。",
        "分3至5个批次下放执法事项。",
        "每个乡镇配备1-2名法律顾问。",
        "落实《法治政府建设实施纲要（2021—2025年）》。",
        "制定2021-2025年法治政府建设规划。",
        "履行推进法治建设第一责任人职责。",
        "以“十四五”规划为统领。",
        "深入实施“八五”普法规划。",
        "全面推行行政执法“三项制度”。",
        "推进“双随机、一公开”监管。",
        "打造“一站式”服务中心，推进“一件事一次办”。",
        "畅通12345政务服务热线。",
        "在第46次、第47次理论中心组学习会上传达学习。",
        "召开第1、2次联席会议。",  # the 第 stands three characters before the 2
        "完成第2、3批次检查。",
        "建成5G图传系统。",
        "联系电话：0731-88886666",
        "属于三类内部事务信息，属于四类过程性信息。",
        "纳入监测的千人以上集中式饮用水水源。",
        "办件量在全区74个县(区)中排名第一。",
        "在全省16个地市中综合考评中位列第二。",  # the 中 of the ranking is not the first
        "推动第一批示范项目落地，深入学习十九届六中全会精神。",
        "深化“三到位一处理”，落实一村一法律顾问制度。",
        "全市市、县、乡、村四级调解组织。",
        "十三五期间，我区法治建设成效明显。",
        "统计期限自2022年1月1日起至2022年12月31日止。",
        "二〇二三年十二月二十七日",
        "严格落实中央八项规定精神，增强“四个意识”。",
        "本报告依据《条例》第五十条编制，见第二十条第（一）项。",
        "开展“4·15”全民国家安全教育日、“12·4”国家宪法日活动。",
        "1至11月，全市开展专项行动。",
        "确保第一季度完成任务。",
        "50岁以上人员较多。",
        "每2年开展1次全面清理。",
    ],
)
def test_no_false_figure(text):
    found = [f for f in figures(text) if not (text.startswith("每2年") and f["value"] == 1)]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("全区共办件2.54万件。", 25400, "件", False),
        ("出具审查意见100余份。", 100, "份", True),
        ("参与政府决策会办30余次。", 30, "次", True),
        ("多元融合调处成功率98%以上。", 98, "%", True),
        ("举办行政执法人员培训班七期。", 7, "期", False),
        ("培训执法人员两万余人次。", 20000, "人次", True),
        ("市政府常务会议先后十二次专题研究。", 12, "次", False),
        ("参与重大决策论证二十余场。", 20, "场", True),
        ("培训执法人员近千人次。", 1000, "人次", True),
        ("发布信息逾万条。", 10000, "条", True),
        ("受众约5万人次。", 50000, "人次", True),
        ("投入20余万元。", 200000, "元", True),
        ("追回拖欠工资400余万元。", 4000000, "元", True),
        ("罚没款金额2.37亿元。", 237000000, "元", False),
        ("主动公开政府信息5,236条。", 5236, "条", False),
        ("“检察建议”52 件。", 52, "件", False),
        ("行政许可 3.2 万件。", 32000, "件", False),
        ("全区5000多名党员干部参加。", 5000, "名", True),
        ("至少接受一次法治专题培训。", 1, "次", True),
        ("全区2/3以上镇(街道)达标。", 0.6667, "比例", True),
        ("三分之一以上的部门负责人参加。", 0.3333, "比例", True),
        ("全区三分之二的乡镇。", 0.6667, "比例", False),
        ("可办率达百分之九十五。", 95, "%", False),
        ("企业开办时间压缩至0.5个工作日以内。", 0.5, "个工作日", True),
        ("考核分值不低于总分值10%。", 10, "%", True),
        ("调解成功率保持在96%以上。", 96, "%", True),
        ("１２７件违法案件，结案率９３．７％。", 127, "件", False),
    ],
)
def test_figure_found(text, value, unit, approximate):
    found = [f for f in figures(text) if f["value"] == value and f["unit"] == unit]
    assert found, values(text)
    assert found[0]["approximate"] is approximate
    f = found[0]
    assert extract_text(text)["text"][f["start"] : f["end"]] == f["text"]


def test_yoy_attaches_to_figure_before():
    result = figures("全年我区新收复议案件44件,同比增长47%,受理案件33件,同比下降16.3%。")
    assert [(f["value"], f["yoy"]) for f in result] == [(44, 47), (33, -16.3)]
    assert result[0]["text"].endswith("同比增长47%")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年共办理行政复议案件120件,同比增长约12%。", (120, 12, "%")),
        ("受理行政诉讼案件30件,较上年下降达5件。", (30, -5, "件")),
        ("办结率98%,同比提高了 3个百分点。", (98, 3, "个百分点")),
        ("受理行政诉讼案件30件,较上年减少了5件。", (30, -5, "件")),
    ],
)
def test_change_words_before_a_number_end_with_any_of_their_tails(text, expected):
    """约/达/了 and a space may stand between the change word and its number."""
    [f] = figures(text)
    assert (f["value"], f["yoy"], f["yoy_unit"]) == expected


def test_yoy_with_explicit_year_and_absolute_change():
    result = figures(
        "全年共受理政府信息公开申请51件，比2022年减少9件。办理案件2,614件，较上年减少318件。"
    )
    assert [(f["value"], f["yoy"], f["yoy_unit"]) for f in result] == [
        (51, -9, "件"),
        (2614, -318, "件"),
    ]


def test_change_without_preceding_figure_is_its_own_signed_figure():
    result = figures("全区刑事案件总数、侵财案件数、电诈案件数同比分别下降16.3%、14.8%和44.6%。")
    assert [(f["value"], f["yoy"]) for f in result] == [
        (-16.3, -16.3),
        (-14.8, -14.8),
        (-44.6, -44.6),
    ]
    result = figures("转化率增长18%，诉讼率降低14%。败诉率较上年下降2.1个百分点。")
    assert [(f["value"], f["unit"]) for f in result] == [(18, "%"), (-14, "%"), (-2.1, "个百分点")]


def test_no_loss_is_zero():
    result = figures("共发生行政诉讼案件29件，均已结案且无败诉。")
    zero = [f for f in result if f["value"] == 0]
    assert zero and zero[0]["code"] == "litigation.lost" and zero[0]["unit"] == "件"


def test_levels_in_ranges_are_two_figures():
    result = figures("审批事项从80项减少到42项，时限从30个工作日压缩至10个工作日。")
    assert values("审批事项从80项减少到42项，时限从30个工作日压缩至10个工作日。") == [
        (80, "项"),
        (42, "项"),
        (30, "个工作日"),
        (10, "个工作日"),
    ]
    assert result[1]["name"] == result[0]["name"]


def test_target_flag():
    text = "一、工作成效\n全年审结案件10件。\n二、下一步工作打算\n力争出庭应诉率达到100%。"
    result = figures(text)
    assert [f["target"] for f in result] == [False, True]


def test_target_flag_by_plan_section_alone():
    text = (
        "一、工作成效\n全年审结案件10件。\n二、下一步工作打算\n出庭应诉率达到100%,培训20场。"
        "\n三、其他情况\n全年调解纠纷5件。"
    )
    assert [f["target"] for f in figures(text)] == [False, True, True, False]


def test_offsets_point_into_text():
    result = extract_text("當前位置：首頁\n全區(qū)共辦件2.54萬件，同比增長12%。")
    text = result["text"]
    assert text == "全区共办件2.54万件,同比增长12%。"
    for f in result["indicators"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["start"] <= f["value_start"] < f["value_end"] <= f["end"]


BODY = "\n".join(
    f"（{n}）第{n}项工作。全年办理行政复议案件{n}件，办结率100%。" for n in "一二三四五六七八九十"
)


@pytest.mark.parametrize(
    "tail, cut",
    [
        ("扫一扫，关注示范区司法局。\n示范区司法局\n2026年1月10日", True),
        # a long line after the marker: the marker is inside the body, nothing is cut
        (
            "扫一扫，关注示范区司法局。\n示范区司法局\n"
            + "全区共受理行政诉讼案件8件，" * 6
            + "已全部审结。",
            False,
        ),
    ],
)
def test_page_footer_is_cut_only_where_short_lines_follow(tail, cut):
    text = extract_text("示范区2025年法治政府建设年度报告\n" + BODY + "\n" + tail)["text"]
    assert ("示范区司法局" not in text) is cut
    assert "行政复议案件十件" in text  # the body is kept


def test_footer_marker_early_in_the_page_is_not_a_footer():
    """The footer is looked for in the last third of the lines only."""
    text = extract_text("示范区2025年法治政府建设年度报告\n扫一扫，关注我们。\n" + BODY)["text"]
    assert "行政复议案件一件" in text


def test_a_lead_in_sentence_is_not_taken_for_the_title():
    """ "现将…总结如下:" leads into the body; the page's own 标题 names the report."""
    from fazhi.reports.extract import extract_text

    body = "今年以来,我局坚持依法行政,现将2023年工作总结如下：\n一、主要工作\n全年办理行政复议案件3件。"
    meta = extract_text("标  题：平湖县自然资源局2023年法治政府建设工作总结\n" + body)["meta"]
    assert meta["title"] == "平湖县自然资源局2023年法治政府建设工作总结"
    assert (meta["place"], meta["level"], meta["kind"]) == ("平湖县", "部门", "工作总结")
    assert extract_text(body)["meta"]["title"] is None
