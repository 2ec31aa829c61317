"""Acceptance on the five seed reports (../shared/seeds)."""

import re

import opencc
import pytest

from fazhi.reports.extract import codes, extract_file
from fazhi.reports.extract.sections import walk
from fazhi.reports.extract.tests.scoring import SEEDS, SHARED, Located, load_seed_labels, norm

pytestmark = pytest.mark.skipif(not (SEEDS / "labels.jsonl").exists(), reason="seeds not present")
INDICATORS_MD = SHARED / "design" / "indicators.md"

# Every example in indicators.md's examples column that comes from a seed:
# (seed, fragment as written in the seed, code, value with 万 applied, unit).
EXAMPLES = [
    ("003", "新收復議案件44件", "reconsideration.received", 44, "件"),
    ("003", "全年我区新收复议案件44件", "reconsideration.received", 44, "件"),
    ("002", "共收到行政复议申请5件", "reconsideration.received", 5, "件"),
    ("003", "受理案件33件", "reconsideration.accepted", 33, "件"),
    ("001", "受理复议案件2件", "reconsideration.accepted", 2, "件"),
    ("003", "已审结31件", "reconsideration.concluded", 31, "件"),
    ("003", "共发生行政诉讼案件29件", "litigation.cases", 29, "件"),
    ("001", "共收到行政诉讼59件", "litigation.cases", 59, "件"),
    ("001", "负责人出庭38件", "litigation.head_appearances", 38, "件"),
    ("003", "出庭应诉率100%", "litigation.head_appearance_rate", 100, "%"),
    ("001", "负责人出庭率为86%", "litigation.head_appearance_rate", 86, "%"),
    ("003", "无败诉", "litigation.lost", 0, "件"),
    ("003", "办理“司法建议”2件", "suggestion.judicial", 2, "件"),
    ("003", "“检察建议”52 件", "suggestion.procuratorial", 52, "件"),
    ("003", "按期办复率100%", "suggestion.on_time_rate", 100, "%"),
    ("003", "全年审查行政规范性文件9件", "documents.reviewed", 9, "件"),
    ("000", "審核把關(guān)各類規(guī)范性、政策性文件5件", "documents.reviewed", 5, "件"),
    ("003", "向区人大及市政府备案8件", "documents.filed", 8, "件"),
    ("003", "备案率100%", "documents.filing_rate", 100, "%"),
    ("003", "备案通过率100%", "documents.filing_pass_rate", 100, "%"),
    ("000", "合法性審核率達100%", "documents.legality_review_rate", 100, "%"),
    ("001", "共清理出规范性文件43件", "documents.cleaned", 43, "件"),
    ("001", "35件清理意见为继续有效", "documents.cleaned_retained", 35, "件"),
    ("001", "6件为废止", "documents.cleaned_repealed", 6, "件"),
    ("001", "2件失效", "documents.cleaned_expired", 2, "件"),
    ("000", "6個事項列入", "decisions.catalog_items", 6, "个"),
    ("000", "重大行政決策合法性審查率100%", "decisions.legality_review_rate", 100, "%"),
    ("000", "集體討論率100%", "decisions.collective_discussion_rate", 100, "%"),
    ("003", "行政决策事项51件", "legal.reviews", 51, "件"),
    ("000", "審查政府合同90余件", "legal.agreements_reviewed", 90, "件"),
    ("003", "审查各类重大协议42件", "legal.agreements_reviewed", 42, "件"),
    ("000", "出具審查意見100余份", "legal.opinions", 100, "份"),
    ("003", "出具书面审查意见93件", "legal.opinions", 93, "件"),
    ("000", "參與政府決策會辦30余次", "legal.adviser_meetings", 30, "次"),
    ("003", "全区 243人参加", "enforcement.exam_participants", 243, "人"),
    ("003", "209人通过考试", "enforcement.exam_passed", 209, "人"),
    ("003", "办理行政执法证件129本", "enforcement.certificates_issued", 129, "本"),
    ("003", "执法案卷60卷", "enforcement.case_files_reviewed", 60, "卷"),
    ("003", "合格率100%", "enforcement.case_file_pass_rate", 100, "%"),
    ("000", "開展執(zhí)法監(jiān)督檢查14次", "enforcement.supervision_checks", 14, "次"),
    ("000", "行政處罰權(quán)力清單》159項", "enforcement.delegated_powers", 159, "项"),
    ("000", "開展專題業(yè)務培訓3場次", "enforcement.trainings", 3, "场次"),
    ("001", "检查对象录入648家", "inspections.entities", 648, "家"),
    ("001", "抽查事项清单726项", "inspections.check_items", 726, "项"),
    ("001", "执法人员录入78名", "inspections.inspectors", 78, "名"),
    ("000", "累計發(fā)布各類信息3010條", "disclosure.published", 3010, "条"),
    ("003", "公开各类信息1.3万余条", "disclosure.published", 13000, "条"),
    ("000", "主動公開政府信息1862條", "disclosure.proactive", 1862, "条"),
    ("000", "辦理政府信息公開申請10件", "disclosure.requests", 10, "件"),
    ("000", "按時辦結(jié)率100%", "disclosure.on_time_rate", 100, "%"),
    ("000", "開展政策解讀16次", "disclosure.interpretations", 16, "次"),
    ("003", "政策解读48条", "disclosure.interpretations", 48, "条"),
    ("000", "調(diào)解矛盾糾紛4600余件", "mediation.disputes", 4600, "件"),
    ("001", "排查矛盾纠纷360起", "mediation.disputes", 360, "起"),
    ("001", "化解337起", "mediation.resolved", 337, "起"),
    ("001", "化解率93.61%", "mediation.success_rate", 93.61, "%"),
    ("000", "調(diào)處成功率98%以上", "mediation.success_rate", 98, "%"),
    ("003", "开展区政府常务会会前学法19次", "learning.study_sessions", 19, "次"),
    ("000", "集體學法6次", "learning.study_sessions", 6, "次"),
    ("003", "举办干部教育培训19期", "learning.trainings", 19, "期"),
    ("003", "60余名干部参加", "learning.court_observers", 60, "名"),
    ("000", "議案提案建議共177件", "proposals.handled", 177, "件"),
    ("000", "完成各類審計項目11個", "audit.projects", 11, "个"),
    ("000", "全區(qū)共辦件2.54萬件", "services.items_handled", 25400, "件"),
    ("001", "全年政务服务办件15.1万件", "services.items_handled", 151000, "件"),
]

_CACHE: dict[str, dict] = {}


def seed(prefix: str) -> dict:
    if prefix not in _CACHE:
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        _CACHE[prefix] = extract_file(path)
    return _CACHE[prefix]


@pytest.mark.parametrize(("prefix", "fragment", "code", "value", "unit"), EXAMPLES)
def test_indicator_examples_from_seeds(prefix, fragment, code, value, unit):
    result = seed(prefix)
    loc = Located(result["text"])
    spots = loc.find_all(norm(fragment))
    assert spots, f"fragment not in cleaned text: {fragment}"
    hits = [
        ind
        for ind in result["indicators"]
        for a, b in spots
        if ind["start"] < b and ind["end"] > a and ind["value"] == value and ind["unit"] == unit
    ]
    assert hits, f"no figure {value}{unit} at {fragment}"
    assert any(h["code"] == code for h in hits), [(h["code"], h["text"]) for h in hits]


def test_every_canonical_code_has_a_rule():
    if not INDICATORS_MD.exists():
        pytest.skip("indicators.md not present")
    listed = set(re.findall(r"^\| ([a-z]+\.[a-z_]+) \|", INDICATORS_MD.read_text(), re.M))
    assert listed, "no codes parsed from indicators.md"
    assert listed <= codes.CODES | {"litigation.lost"}, listed - codes.CODES


@pytest.mark.parametrize("label", load_seed_labels(), ids=lambda lab: lab["file"][:3])
def test_seed_sections_match_headings(label):
    result = extract_file(SEEDS / label["file"])
    level1 = [n["heading"] for n in result["sections"]]
    assert level1 == [norm(h) for h in label["sections"]]
    for node in walk(result["sections"]):
        assert result["text"][node["start"] :].startswith(node["heading"])
        assert node["start"] < node["end"] <= len(result["text"])


@pytest.mark.parametrize("label", load_seed_labels(), ids=lambda lab: lab["file"][:3])
def test_seed_meta(label):
    meta = extract_file(SEEDS / label["file"])["meta"]
    assert meta["level"] == label["level"]
    assert meta["year"] == label["year"]
    assert label["place"].endswith(meta["place"])
    kind = {"总结": "工作总结"}.get(label["kind"], label["kind"])
    assert meta["kind"] == kind


def test_seed_000_is_simplified_without_glosses():
    text = seed("000")["text"]
    assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text)
    assert not re.search(r"\([a-zü]{1,7}\)", text)
    assert opencc.OpenCC("t2s").convert(text) == text
    for word in ("连云区人民政府", "发布", "法治政府建设", "区政府"):
        assert word in text
    for word in ("區", "發", "設", "當前位置", "索引号", "发文日期"):
        assert word not in text
    assert text.startswith("连云区人民政府关于2021年度法治政府建设情况的报告")


def test_seed_000_metadata_captured_then_removed():
    result = seed("000")
    assert result["meta"]["published"] == "2021-12-29"
    assert result["meta"]["issuer"] == "司法局"
    # the metadata table repeated the first paragraph; it must not be counted twice
    assert result["text"].count("中35项任务的落实") == 1


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seed_chrome_removed(prefix):
    text = seed(prefix)["text"]
    for chrome in (
        "当前位置",
        "您当前的位置",
        "责任编辑",
        "【打印",
        "扫一扫",
        "分享到",
        "访问量",
        "点击次数",
        "上一篇",
        "下一篇",
        "相关链接",
        "索 引 号",
        "发布机构",
        "字体",
        "文字大小",
    ):
        assert chrome not in text, chrome
