"""Name resolution against a fictional district 示范区, and the import preview.

The expected resolution of every name in seed 004 (a plan of 河东区) is written out by
hand below. Runs without Django: ``pytest -p no:django fazhi/plans/tests``.
"""

import json

import pytest

from fazhi.plans.parsing import parse_plan
from fazhi.plans.preview import build_preview, plan_names, preview_text, resolve_plan
from fazhi.plans.resolve import (
    Resolution,
    UnitIndex,
    UnitRef,
    lead_code,
    normalise,
    resolve_names,
)
from fazhi.testing import seed_text

pytestmark = pytest.mark.today(2025, 11, 10)

SEED = seed_text("004")

# (code, name, short name, aliases, enforcement agency)
DEPARTMENTS = [
    ("D01", "示范区人民政府办公室", "区政府办", ("区政府办公室",), False),
    ("D02", "示范区发展和改革局", "区发改局", ("区发展改革局",), True),
    ("D03", "示范区教育和体育局", "区教体局", ("区教育局",), True),
    ("D05", "示范区工业和信息化局", "区工信局", (), True),
    ("D06", "示范区公安分局", "区公安分局", ("公安示范分局",), True),
    ("D07", "示范区民政局", "区民政局", (), True),
    ("D08", "示范区司法局", "区司法局", ("区委依法治区办", "依法治区办"), True),
    ("D09", "示范区财政局", "区财政局", (), True),
    ("D11", "示范区自然资源和规划局", "区自然资源局", ("区自然资源规划局",), True),
    ("D13", "示范区住房和城乡建设局", "区住建局", ("区住房城乡建设局",), True),
    ("D14", "示范区交通运输局", "区交通运输局", (), True),
    ("D17", "示范区商务局", "区商务局", (), True),
    ("D19", "示范区卫生健康局", "区卫健局", ("区卫生健康委",), True),
    ("D21", "示范区应急管理局", "区应急局", (), True),
    ("D22", "示范区审计局", "区审计局", (), True),
    ("D23", "示范区市场监督管理局", "区市场监管局", ("区市场监督局",), True),
    ("D24", "示范区统计局", "区统计局", (), True),
    ("D27", "示范区信访局", "区信访局", (), False),
    ("D28", "示范区行政审批服务局", "区行政审批局", ("区政务服务中心",), True),
    ("D29", "示范区大数据中心", "区大数据中心", ("区数据局", "区大数据局"), False),
]
TOWNSHIPS = ["城关街道", "东城街道", "西城街道", "南湖街道", "北山镇"]
TOWNSHIPS += ["青石镇", "柳河镇", "白云镇", "桃源乡", "石桥镇"]

UNITS = [UnitRef("G00", "示范区人民政府", "区政府", ("区人民政府",), "government", False)]
UNITS += [UnitRef(c, n, s, a, "department", e) for c, n, s, a, e in DEPARTMENTS]
UNITS += [
    UnitRef(f"T{i:02d}", name, name, (), "township", True)
    for i, name in enumerate(TOWNSHIPS, start=1)
]
UNITS += [UnitRef("T01C01", "城关街道东门社区", "东门社区", (), "community", False)]

ALL_TOWNSHIPS = [f"T{i:02d}" for i in range(1, 11)]
ALL_DEPARTMENTS = [d[0] for d in DEPARTMENTS]
ENFORCEMENT_DEPARTMENTS = [
    "D02",
    "D03",
    "D05",
    "D06",
    "D07",
    "D08",
    "D09",
    "D11",
    "D13",
    "D14",
    "D17",
    "D19",
    "D21",
    "D22",
    "D23",
    "D24",
    "D28",
]  # fmt: skip — every department but D01 政府办, D27 信访局, D29 大数据中心
ADMINISTRATIVE = ["G00", *ALL_DEPARTMENTS, *ALL_TOWNSHIPS]

PLACE = ("河东",)

# Every distinct name of seed 004 → (status, codes, how).
SEED_RESOLUTIONS = {
    "区委编办": ("external", [], "external"),
    "区司法局": ("matched", ["D08"], "exact"),
    "区发改局": ("matched", ["D02"], "exact"),
    "区商务局": ("matched", ["D17"], "exact"),
    "各镇街": ("group", ALL_TOWNSHIPS, "group"),
    "区政府办公室": ("matched", ["D01"], "alias"),
    "区行政审批局": ("matched", ["D28"], "exact"),
    "区大数据局": ("matched", ["D29"], "alias"),
    "区市场监管局": ("matched", ["D23"], "exact"),
    "河东公安分局": ("matched", ["D06"], "normalised"),
    "区人大常委会监察和司法委": ("external", [], "external"),
    "区工信局": ("matched", ["D05"], "exact"),
    "区法院": ("external", [], "external"),
    "区委巡察办": ("external", [], "external"),
    "区委组织部": ("external", [], "external"),
    "区审计局": ("matched", ["D22"], "exact"),
    "区政府各部门": ("group", ALL_DEPARTMENTS, "group"),
    "区检察院": ("external", [], "external"),
    "区财政局": ("matched", ["D09"], "exact"),
    "区各行政执法部门": ("group", ENFORCEMENT_DEPARTMENTS, "group"),
    "区应急局": ("matched", ["D21"], "exact"),
    "区卫健局": ("matched", ["D19"], "exact"),
    "区自然资源局": ("matched", ["D11"], "exact"),
    "区民政局": ("matched", ["D07"], "exact"),
    "区信访局": ("matched", ["D27"], "exact"),
    "区各行政机关": ("group", ADMINISTRATIVE, "group"),
    "区纪委监委机关": ("external", [], "external"),
    "区人大常委会办公室": ("external", [], "external"),
    "区政协办公室": ("external", [], "external"),
    "区统计局": ("matched", ["D24"], "exact"),
    "区住建局": ("matched", ["D13"], "exact"),
    # 河东's transport 分局 is the city bureau's branch doing the district's transport
    # administration; 示范区 has its own bureau for that, as with 河东公安分局 → D06.
    "河东交通运输分局": ("matched", ["D14"], "normalised"),
    "区委依法治区办": ("matched", ["D08"], "alias"),
    "区委办公室": ("external", [], "external"),
    "区委宣传部": ("external", [], "external"),
    "区教体局": ("matched", ["D03"], "exact"),
    "区法学会": ("external", [], "external"),
    "区社科联": ("external", [], "external"),
}


def one(name, units=UNITS, place_names=PLACE) -> Resolution:
    (resolution,) = resolve_names([name], units, place_names)
    return resolution


def test_seed_names_are_exactly_the_table():
    assert set(plan_names(parse_plan(SEED))) == set(SEED_RESOLUTIONS)


@pytest.mark.parametrize(("name", "expected"), SEED_RESOLUTIONS.items())
def test_every_seed_name(name, expected):
    res = one(name)
    assert res.name == name
    assert (res.status, res.codes, res.how) == expected
    assert res.candidates == []


def test_resolve_names_keeps_order_and_duplicates():
    names = ["区司法局", "区气象局", "区司法局", "各镇街"]
    assert [r.name for r in resolve_names(names, UNITS, PLACE)] == names


def test_every_unit_spelling_resolves_to_its_unit():
    for unit in UNITS:
        if unit.kind == "community":
            continue
        for text in (unit.name, unit.short_name, *unit.aliases):
            assert one(text).codes == [unit.code], text


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("示范区发展和改革局", "D02"),  # full name: exact
        ("区发展和改革局", "D02"),
        ("河东区发展和改革局", "D02"),
        ("区住房与城乡建设局", "D13"),
        ("区 司法局", "D08"),
        ("河东区司法局", "D08"),
        ("区委依法治区办公室", "D08"),
        ("区教育和体育局", "D03"),
        ("区应急管理局", "D21"),
        ("区市场监督管理局", "D23"),
        ("区卫生健康局", "D19"),
        ("区行政审批服务局", "D28"),
        ("区工业和信息化局", "D05"),
        ("区数据局", "D29"),
        ("公安河东分局", "D06"),
        ("河东区人民政府", "G00"),
        ("河东区政府办公室", "D01"),
        ("北山镇人民政府", "T05"),
        ("城关街道办事处", "T01"),
    ],
)
def test_normalised_spellings(name, code):
    res = one(name)
    assert (res.status, res.codes) == ("matched", [code])
    assert res.how in ("exact", "alias", "normalised")


def test_normalise_is_one_function_for_both_sides():
    assert normalise("示范区发展和改革局", ["示范区"]) == normalise("区发改局") == "发改局"
    assert normalise("河东公安分局", ["河东"]) == normalise("区公安分局") == "公安分局"
    assert normalise("区委编办") == normalise("机构编制委员会办公室") == "编办"
    assert normalise("区大数据局") == normalise("区数据局")


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("各镇街", ALL_TOWNSHIPS),
        ("各乡镇（街道）", ALL_TOWNSHIPS),
        ("各乡镇(街道)", ALL_TOWNSHIPS),
        ("各镇（街道）", ALL_TOWNSHIPS),
        ("全区各镇街", ALL_TOWNSHIPS),
        ("各街道", ["T01", "T02", "T03", "T04"]),
        ("各乡镇", ["T05", "T06", "T07", "T08", "T09", "T10"]),
        ("区政府各部门", ALL_DEPARTMENTS),
        ("区直各部门", ALL_DEPARTMENTS),
        ("区各行政执法部门", ENFORCEMENT_DEPARTMENTS),
        ("河东区各行政执法部门", ENFORCEMENT_DEPARTMENTS),
        ("区各行政机关", ADMINISTRATIVE),
    ],
)
def test_groups(name, codes):
    res = one(name)
    assert (res.status, res.codes, res.how) == ("group", codes, "group")


def test_groups_never_include_communities():
    assert "T01C01" not in one("区各行政机关").codes


def test_group_with_no_members_is_unmatched_not_empty():
    no_streets = [u for u in UNITS if not u.name.endswith("街道")]
    res = one("各街道", units=no_streets)
    assert (res.status, res.codes) == ("unmatched", [])


@pytest.mark.parametrize(
    "name",
    ["团区委", "区妇联", "区总工会", "河东区人民法院", "临沂市中级人民法院", "河东区委宣传部"],
)
def test_more_external_bodies(name):
    assert (one(name).status, one(name).codes) == ("external", [])


def test_alias_wins_over_party_organ():
    # 区委依法治区办 looks like a party organ, but the demo lists it as the 司法局's alias.
    assert (one("区委依法治区办").status, one("区委依法治区办").codes) == ("matched", ["D08"])
    without_alias = [u for u in UNITS if u.code != "D08"]
    assert one("区委依法治区办", units=without_alias).status == "external"


@pytest.mark.parametrize("name", ["区气象局", "区人社局", "各有关部门", "", "区"])
def test_unknown_names_are_unmatched(name):
    res = one(name)
    assert (res.status, res.codes, res.how, res.candidates) == ("unmatched", [], "", [])


def test_ambiguous_exact_name_lists_both_candidates():
    extra = UnitRef("D30", "示范区教育局", "区教育局", (), "department", True)
    res = one("区教育局", units=[*UNITS, extra])
    assert (res.status, res.codes, res.candidates) == ("unmatched", [], ["D03", "D30"])


def test_ambiguous_normalised_name_lists_both_candidates():
    # 河东数据局 → 数据局: D29 (alias 区数据局) and a second unit named 示范区数据局.
    extra = UnitRef("D30", "示范区数据局", "", (), "department", False)
    res = one("河东数据局", units=[*UNITS, extra])
    assert (res.status, res.codes, res.candidates) == ("unmatched", [], ["D29", "D30"])


def test_branch_office_does_not_match_when_the_bureau_is_missing():
    without_transport = [u for u in UNITS if u.code != "D14"]
    assert one("河东交通运输分局", units=without_transport).status == "unmatched"


def test_lead_is_first_single_unit():
    resolutions = resolve_names(["区委编办", "各镇街", "区司法局", "区发改局"], UNITS, PLACE)
    assert lead_code(resolutions) == "D08"
    assert lead_code(resolve_names(["区政府各部门", "各镇街"], UNITS, PLACE)) is None


def test_index_resolves_like_resolve_names():
    index = UnitIndex(UNITS, PLACE)
    for name in SEED_RESOLUTIONS:
        assert index.resolve(name) == one(name)


# --- preview -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def preview():
    return preview_text(SEED, UNITS, PLACE)


def test_preview_shape(preview):
    assert json.loads(json.dumps(preview, ensure_ascii=False)) == preview
    assert set(preview) == {"title", "sections", "tasks", "unmatched", "errors", "warnings"}
    assert preview["sections"][0] == {
        "number": "一",
        "title": "健全政府机构职能体系,全面提升政府依法履职能力",
    }
    assert len(preview["sections"]) == 9 and len(preview["tasks"]) == 29
    assert preview["errors"] == [] and preview["warnings"] == []


def test_preview_task_lists_names_and_resolutions_in_the_same_order(preview):
    task = preview["tasks"][1]
    assert (task["number"], task["section"], task["title"]) == (2, "一", "深入推进“放管服”改革")
    assert [r["name"] for r in task["resolved"]] == task["responsible"]
    assert task["resolved"][6] == {
        "name": "河东公安分局",
        "status": "matched",
        "codes": ["D06"],
        "how": "normalised",
        "candidates": [],
    }
    assert task["lead"] == "D01"
    for task in preview["tasks"]:
        assert [r["name"] for r in task["resolved"]] == task["responsible"]
        for r in task["resolved"]:
            expected = SEED_RESOLUTIONS[r["name"]]
            assert (r["status"], r["codes"], r["how"]) == expected


def test_preview_leads(preview):
    leads = {t["number"]: t["lead"] for t in preview["tasks"]}
    assert leads[1] == "D08"  # 区委编办 is outside the government; 区司法局 leads
    assert leads[6] is None and leads[8] is None  # groups only
    assert leads[18] == "D01"  # after 纪委监委, 人大常委会办公室
    assert leads[29] == "D03"


def test_seed_has_no_unmatched_with_the_demo_units(preview):
    assert preview["unmatched"] == []


def test_preview_unmatched_lists_each_name_once_with_its_tasks():
    units = [u for u in UNITS if u.code not in ("D06", "D29")]
    preview = preview_text(SEED, units, PLACE)
    assert preview["unmatched"] == [
        {"name": "区大数据局", "tasks": [2, 21, 23, 24, 25], "candidates": []},
        {"name": "河东公安分局", "tasks": [2, 7, 11, 24], "candidates": []},
    ]


def test_build_preview_reports_names_without_a_resolution_as_unmatched():
    plan = parse_plan("一、总体要求\n1.任务。（责任单位：区司法局、区气象局）")
    resolutions = resolve_plan(plan, UNITS, PLACE)
    del resolutions["区气象局"]
    preview = build_preview(plan, resolutions)
    assert preview["tasks"][0]["resolved"][1]["status"] == "unmatched"
    assert preview["unmatched"] == [{"name": "区气象局", "tasks": [1], "candidates": []}]
    assert preview["title"] == ""
    assert preview["warnings"] == [{"line": 0, "message": "全文：未找到方案标题"}]


def test_preview_carries_line_numbered_errors():
    preview = preview_text("一、总体要求\n1.任务。（责任单位：区司法局）\n3.任务。", UNITS)
    assert {"line": 3, "message": "第3行：任务编号应为2，实际为3"} in preview["errors"]
