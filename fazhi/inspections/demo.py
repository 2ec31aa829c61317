"""双随机、一公开 in the demo district 示范区: the 随机抽查事项清单 of 市场监管、综合执法、生态环境
and 交通运输; the 检查对象名录库 kept by 市场监管局 (about 20,000 market entities, imported
through the same CSV import a clerk uses); each department's yearly plan, filed with the
level above; and per year one task per department plus two joint tasks (进一次门、查多项事)
led by 市场监管局 — committed, drawn, seed revealed, results recorded and published, mostly
within 20 working days, a few late with the reason; this year's latest task still being
checked.

2025's tasks check from mid-October: the enforcement demo reissued (换发) the district's
certificates in September 2025, and only officers with a certificate valid on the task's
first day may be drawn. The current year runs up to the demo's today.

Deterministic: names, codes and outcomes come from ``ctx.rng`` only, and so do the draws'
seeds (``tasks.commit(seed=...)``; real use leaves the seed to ``secrets``). Firms are
fictional; their 统一社会信用代码 are generated to validate (GB 32100-2015).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections import defaultdict
from types import SimpleNamespace
from unittest import mock

from django.utils import timezone

from fazhi.core.calendar import calendar
from fazhi.core.demo import AREA, TOWNSHIPS, unit_clerk
from fazhi.core.identifiers import make_uscc
from fazhi.core.registry import register_demo
from fazhi.core.workdays import CalendarMissing
from fazhi.enforcement.interface import certified_inspectors

from . import services as s
from .models import CheckItem, DrawnEntity, Entity, InspectionTask

POOL_SIZE = 20000
KEEPER = "D23"  # 区市场监管局 keeps the pool
FILED_WITH = {
    "D23": "示范市市场监督管理局",
    "D26": "示范市城市管理综合行政执法局",
    "D12": "示范市生态环境局",
    "D14": "示范市交通运输局",
}
PREFIX = {"D23": "SC", "D26": "ZF", "D12": "HB", "D14": "JT"}
KEY = "key"

# unit: [(name, basis, object type, 重点?)]; 一般 items carry a ratio of 3–5%, once a year.
ITEMS = {
    "D23": [
        (
            "食品经营者许可事项检查",
            "《中华人民共和国食品安全法》第三十五条、第一百一十条",
            "食品经营者",
            False,
        ),
        (
            "食品销售者进货查验记录检查",
            "《中华人民共和国食品安全法》第五十三条",
            "食品经营者",
            False,
        ),
        (
            "餐饮服务食品安全检查",
            "《中华人民共和国食品安全法》第五十五条、第五十六条",
            "餐饮服务提供者",
            False,
        ),
        (
            "校园及周边食品经营者检查",
            "《学校食品安全与营养健康管理规定》第四十一条",
            "食品经营者",
            True,
        ),
        (
            "食品生产者生产条件检查",
            "《中华人民共和国食品安全法》第三十三条、第一百一十条",
            "食品生产者",
            True,
        ),
        ("产品质量监督抽查", "《中华人民共和国产品质量法》第十五条", "生产者、销售者", False),
        (
            "工业产品生产许可证获证企业检查",
            "《中华人民共和国工业产品生产许可证管理条例》第三十八条",
            "获证企业",
            False,
        ),
        (
            "特种设备使用单位检查",
            "《中华人民共和国特种设备安全法》第五十七条",
            "特种设备使用单位",
            True,
        ),
        (
            "特种设备生产单位检查",
            "《中华人民共和国特种设备安全法》第十八条",
            "特种设备生产单位",
            False,
        ),
        (
            "广告发布行为检查",
            "《中华人民共和国广告法》第四十九条",
            "广告主、广告经营者、广告发布者",
            False,
        ),
        ("企业公示信息抽查", "《企业信息公示暂行条例》第十四条", "企业", False),
        ("个体工商户年报信息抽查", "《促进个体工商户发展条例》第二十六条", "个体工商户", False),
        ("登记事项检查", "《中华人民共和国市场主体登记管理条例》第三十五条", "市场主体", False),
        ("计量器具使用检查", "《中华人民共和国计量法》第九条", "使用强制检定计量器具的单位", False),
        (
            "定量包装商品净含量检查",
            "《定量包装商品计量监督管理办法》第十五条",
            "生产者、销售者",
            False,
        ),
        ("价格行为检查", "《中华人民共和国价格法》第三十三条", "经营者", False),
        ("网络交易经营者检查", "《网络交易监督管理办法》第三十五条", "网络交易经营者", False),
        ("化妆品经营者检查", "《化妆品监督管理条例》第四十七条", "化妆品经营者", False),
        ("医疗器械经营企业检查", "《医疗器械监督管理条例》第七十条", "医疗器械经营企业", True),
        ("药品零售企业检查", "《中华人民共和国药品管理法》第九十九条", "药品零售企业", True),
        ("认证活动检查", "《中华人民共和国认证认可条例》第五十五条", "认证机构、获证组织", False),
        ("商标使用行为检查", "《中华人民共和国商标法》第四十九条", "商标使用人", False),
    ],
    "D26": [
        ("户外广告设施设置检查", "《城市市容和环境卫生管理条例》第十一条", "户外广告设置人", False),
        ("门前三包责任制落实检查", "《城市市容和环境卫生管理条例》第二十一条", "沿街经营者", False),
        (
            "餐饮服务单位油烟排放检查",
            "《中华人民共和国大气污染防治法》第八十一条",
            "餐饮服务单位",
            False,
        ),
        ("建筑垃圾处置核准事项检查", "《城市建筑垃圾管理规定》第七条", "施工单位、运输单位", True),
        (
            "建筑工地扬尘污染防治检查",
            "《中华人民共和国大气污染防治法》第六十九条",
            "施工单位",
            True,
        ),
        ("占用城市道路经营检查", "《城市道路管理条例》第二十七条", "沿街经营者", False),
        ("城市绿地保护检查", "《城市绿化条例》第二十条", "单位和个人", False),
        ("生活垃圾分类投放检查", "《城市生活垃圾管理办法》第十六条", "生活垃圾产生单位", False),
        ("渣土运输车辆检查", "《城市建筑垃圾管理规定》第十四条", "运输单位", False),
        ("燃气经营企业检查", "《城镇燃气管理条例》第十五条", "燃气经营企业", True),
        ("城市排水许可事项检查", "《城镇排水与污水处理条例》第二十一条", "排水户", False),
        ("店外经营检查", "《城市市容和环境卫生管理条例》第十七条", "沿街经营者", False),
        ("夜间施工噪声检查", "《中华人民共和国噪声污染防治法》第四十三条", "施工单位", False),
        ("市政设施保护检查", "《城市道路管理条例》第二十九条", "单位和个人", False),
        ("违法建设巡查", "《中华人民共和国城乡规划法》第六十四条", "建设单位", False),
        ("共享单车停放秩序检查", "《城市市容和环境卫生管理条例》第十八条", "运营企业", False),
    ],
    "D12": [
        ("排污许可证执行情况检查", "《排污许可管理条例》第二十四条", "排污单位", False),
        (
            "重点排污单位自动监测检查",
            "《中华人民共和国环境保护法》第四十二条",
            "重点排污单位",
            True,
        ),
        (
            "建设项目环境影响评价执行检查",
            "《中华人民共和国环境影响评价法》第二十八条",
            "建设单位",
            False,
        ),
        ("建设项目环保设施竣工验收检查", "《建设项目环境保护管理条例》第十九条", "建设单位", False),
        ("大气污染物排放检查", "《中华人民共和国大气污染防治法》第十八条", "排污单位", False),
        ("水污染物排放检查", "《中华人民共和国水污染防治法》第十条", "排污单位", False),
        (
            "危险废物规范化环境管理检查",
            "《中华人民共和国固体废物污染环境防治法》第七十八条",
            "危险废物产生单位",
            True,
        ),
        (
            "一般工业固体废物管理检查",
            "《中华人民共和国固体废物污染环境防治法》第三十六条",
            "工业固体废物产生单位",
            False,
        ),
        ("工业噪声排放检查", "《中华人民共和国噪声污染防治法》第三十六条", "工业企业", False),
        (
            "挥发性有机物治理检查",
            "《中华人民共和国大气污染防治法》第四十五条",
            "涉VOCs排放企业",
            False,
        ),
        (
            "突发环境事件应急预案备案检查",
            "《突发环境事件应急管理办法》第十三条",
            "企业事业单位",
            False,
        ),
        (
            "机动车维修行业废气治理检查",
            "《中华人民共和国大气污染防治法》第四十五条",
            "机动车维修企业",
            False,
        ),
        (
            "辐射安全许可检查",
            "《放射性同位素与射线装置安全和防护条例》第四十六条",
            "辐射工作单位",
            True,
        ),
        (
            "土壤污染重点监管单位检查",
            "《中华人民共和国土壤污染防治法》第二十一条",
            "土壤污染重点监管单位",
            False,
        ),
        ("环境信息依法披露检查", "《企业环境信息依法披露管理办法》第二十五条", "企业", False),
    ],
    "D14": [
        (
            "道路货物运输经营者检查",
            "《中华人民共和国道路运输条例》第五十九条",
            "道路货物运输经营者",
            False,
        ),
        (
            "道路旅客运输经营者检查",
            "《中华人民共和国道路运输条例》第五十九条",
            "道路旅客运输经营者",
            True,
        ),
        (
            "危险货物道路运输企业检查",
            "《危险货物道路运输安全管理办法》第六十二条",
            "危险货物道路运输企业",
            True,
        ),
        ("机动车维修经营者检查", "《机动车维修管理规定》第四十八条", "机动车维修经营者", False),
        (
            "机动车驾驶员培训机构检查",
            "《机动车驾驶员培训管理规定》第四十五条",
            "驾驶员培训机构",
            False,
        ),
        (
            "道路运输车辆技术管理检查",
            "《道路运输车辆技术管理规定》第三十一条",
            "道路运输经营者",
            False,
        ),
        ("货运源头单位超限超载治理检查", "《公路安全保护条例》第四十一条", "货运源头单位", False),
        ("公路养护作业单位检查", "《公路安全保护条例》第四十六条", "公路养护作业单位", False),
        (
            "出租汽车经营者检查",
            "《巡游出租汽车经营服务管理规定》第四十七条",
            "出租汽车经营者",
            False,
        ),
        (
            "网络预约出租汽车经营者检查",
            "《网络预约出租汽车经营服务管理暂行办法》第三十四条",
            "网约车平台公司",
            False,
        ),
        (
            "城市公共汽电车客运检查",
            "《城市公共汽车和电车客运管理规定》第五十六条",
            "公交企业",
            False,
        ),
        (
            "道路运输站（场）经营者检查",
            "《道路运输站（场）管理规定》第四十三条",
            "站场经营者",
            False,
        ),
        (
            "交通建设工程质量安全检查",
            "《建设工程质量管理条例》第四十三条",
            "交通建设工程参建单位",
            True,
        ),
        ("公路用地及建筑控制区检查", "《中华人民共和国公路法》第五十六条", "单位和个人", False),
        ("水路运输经营者检查", "《国内水路运输管理条例》第二十八条", "水路运输经营者", False),
    ],
}

# industry: (share of the pool, [(name suffix, 主体类型)], items the tasks on it pick)
INDUSTRIES = {
    "批发和零售业": (30, [("商贸有限公司", "有限责任公司"), ("百货店", "个体工商户"),
                          ("五金店", "个体工商户"), ("便利店", "个体工商户"),
                          ("贸易有限公司", "有限责任公司")]),
    "餐饮业": (15, [("饭店", "个体工商户"), ("小吃店", "个体工商户"),
                    ("餐饮管理有限公司", "有限责任公司"), ("面馆", "个体工商户")]),
    "食品销售": (12, [("超市", "个体工商户"), ("食品店", "个体工商户"),
                      ("副食店", "个体工商户"), ("超市有限公司", "有限责任公司")]),
    "居民服务业": (10, [("理发店", "个体工商户"), ("洗衣店", "个体工商户"),
                        ("家政服务有限公司", "有限责任公司")]),
    "制造业": (8, [("机械制造有限公司", "有限责任公司"), ("塑料制品有限公司", "有限责任公司"),
                   ("食品有限公司", "有限责任公司"), ("家具厂", "个人独资企业")]),
    "建筑业": (6, [("建筑工程有限公司", "有限责任公司"), ("建材有限公司", "有限责任公司"),
                   ("装饰工程有限公司", "有限责任公司")]),
    "道路运输业": (6, [("物流有限公司", "有限责任公司"), ("汽车运输有限公司", "有限责任公司"),
                       ("货运部", "个体工商户")]),
    "住宿业": (3, [("宾馆", "个体工商户"), ("酒店有限公司", "有限责任公司")]),
    "机动车维修": (4, [("汽车修理厂", "个体工商户"), ("汽车服务有限公司", "有限责任公司")]),
    "租赁和商务服务业": (6, [("广告传媒有限公司", "有限责任公司"),
                             ("企业管理咨询有限公司", "有限责任公司")]),
}  # fmt: skip
FIRST = "鑫华恒金佳永广新润利天博锦顺东宏益荣聚安福德兴盛隆昌泰康宁瑞祥和丰源达通远"
SECOND = "源瑞通穗禾盛达城丰民和远程达兴业康昌福泰邦信嘉诚旺发茂辉明豪鸿"
RISKS = (("A", 30), ("B", 50), ("C", 15), ("D", 5))

URBAN = ["城关街道", "东城街道", "西城街道", "南湖街道"]
TOWNS = ["北山镇", "青石镇", "柳河镇", "白云镇", "桃源乡", "石桥镇"]
# (lead, other departments, title, pool filter, items picked from each department (indexes))
TASKS = [
    ("D23", [], "食品经营者监督检查双随机抽查", {"industry": ["餐饮业"]},
     {"D23": [0, 1, 2, 10, 13]}),
    ("D12", [], "排污单位环境监管双随机抽查",
     {"industry": ["制造业", "机动车维修"], "region": TOWNS},
     {"D12": [0, 4, 5, 7, 11]}),
    ("D23", ["D12"], "制造业企业产品质量和污染防治联合抽查", {"industry": ["制造业"]},
     {"D23": [5, 6, 13], "D12": [4, 8, 9]}),
    ("D14", [], "道路运输经营者双随机抽查", {"industry": ["道路运输业"]},
     {"D14": [0, 3, 5, 6]}),
    ("D26", [], "沿街经营者市容秩序双随机抽查", {"industry": ["住宿业", "居民服务业"], "region": URBAN},
     {"D26": [0, 1, 5, 11]}),
    ("D23", ["D26"], "沿街商户广告发布和户外广告设施联合抽查",
     {"industry": ["批发和零售业"], "region": URBAN[:2]},
     {"D23": [9, 10, 12], "D26": [0, 1, 11]}),
]  # fmt: skip

NOTES = {
    DrawnEntity.Outcome.OK: ["经现场检查，未发现问题", "证照齐全，经营行为规范", ""],
    DrawnEntity.Outcome.RECTIFY: [
        "未在经营场所醒目位置公示许可证件，已当场责令改正",
        "进货查验记录不完整，已责令限期整改",
        "计量器具超过检定周期，已责令停止使用并送检",
        "部分商品未明码标价，已责令改正",
        "环保设施运行台账不完整，已责令限期整改",
    ],
    DrawnEntity.Outcome.NOT_FOUND: ["通过登记的住所无法联系，已按规定标记"],
    DrawnEntity.Outcome.CLOSED: ["经营场所已关闭，停止经营"],
}
OUTCOMES = [
    (DrawnEntity.Outcome.OK, 84),
    (DrawnEntity.Outcome.RECTIFY, 11),
    (DrawnEntity.Outcome.NOT_FOUND, 4),
    (DrawnEntity.Outcome.CLOSED, 1),
]
LATE_REASONS = [
    "检查结果复核时间较长，公示延迟",
    "承办人员岗位调整，交接期间公示延迟",
    "企业信用信息公示系统维护，延迟公示",
]


def _pick(rng, weighted):
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _pool_csv(rng) -> io.BytesIO:
    """The pool as the register's export: a CSV the import reads like any upload."""
    regions = [name for _, name, _ in TOWNSHIPS]
    industries = [(k, v[0]) for k, v in INDUSTRIES.items()]
    names: set[str] = set()
    out = io.StringIO()
    out.write("统一社会信用代码,名称,主体类型,行业,所在区域,信用风险分类,登记状态\n")
    for i in range(POOL_SIZE):
        industry = _pick(rng, industries)
        region = rng.choice(regions)
        place = region.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        while True:
            suffix, kind = rng.choice(INDUSTRIES[industry][1])
            name = f"示范区{place}{rng.choice(FIRST)}{rng.choice(SECOND)}{suffix}"
            if name not in names:
                break
        names.add(name)
        category = "2" if kind == "个体工商户" else "1"
        uscc = make_uscc("9", category, AREA, f"ME{i:06d}")
        roll = rng.random()
        status = "注销" if roll < 0.004 else ("吊销" if roll < 0.005 else "存续")
        out.write(f"{uscc},{name},{kind},{industry},{region},{_pick(rng, RISKS)},{status}\n")
    f = io.BytesIO(out.getvalue().encode("utf-8"))
    f.name = "示范区市场主体名录.csv"
    return f


def _items(ctx) -> dict[str, list[CheckItem]]:
    made = {}
    for code, rows in ITEMS.items():
        unit, clerk = ctx.units[code], unit_clerk(ctx, code)
        made[code] = []
        for n, (name, basis, object_type, key) in enumerate(rows, start=1):
            made[code].append(
                s.create_item(
                    unit=unit,
                    code=f"{PREFIX[code]}-SJ-{n:03d}",
                    name=name,
                    basis=basis,
                    object_type=object_type,
                    method="现场检查" if n % 4 else "书面检查",
                    level=KEY if key else CheckItem.Level.GENERAL,
                    ratio=None if key else ("0.03", "0.04", "0.05")[n % 3],
                    frequency="" if key else "每年一次",
                    actor=clerk,
                )
            )
    return made


def _avoidances(ctx) -> None:
    """Two 市场监管局 inspectors declare an interest before 2025's first draw."""
    on = dt.date(2025, 10, 9)
    unit = ctx.units[KEEPER]
    officers = certified_inspectors(unit_ids=[unit.pk], on=on)
    food = list(
        Entity.objects.filter(status=Entity.Status.ACTIVE, industry="餐饮业").order_by("uscc")[:2]
    )
    for officer, entity, reason in zip(
        officers[:2], food, ["配偶为该经营者的股东", "近亲属在该经营者处任职"], strict=False
    ):
        s.declare_avoidance(
            unit=unit,
            certificate_number=officer.certificate_number,
            entity=entity,
            reason=reason,
            on=on,
            actor=unit_clerk(ctx, KEEPER),
        )


def _results(ctx, task: InspectionTask, today: dt.date, latest: bool) -> None:
    """Check the drawn entities within the task's period; publish in batches."""
    rng, cal = ctx.rng, calendar()
    clerk = unit_clerk(ctx, task.unit.code)
    last = min(task.ends_on, today - dt.timedelta(days=1))
    span = (last - task.starts_on).days
    if span < 0:
        return
    recorded = []
    for drawn in DrawnEntity.objects.filter(task=task).select_related("entity").order_by("order"):
        if latest and rng.random() < 0.5:
            continue  # this year's latest task: half still to be checked
        day = task.starts_on + dt.timedelta(
            days=rng.randint(0, (task.ends_on - task.starts_on).days)
        )
        day = cal.next_workday(day)
        if day > task.ends_on:
            day = task.starts_on  # a working day (the task starts on one)
        if day > last:
            continue
        outcome = _pick(rng, OUTCOMES)
        try:
            d = s.record_result(
                drawn, outcome=outcome, checked_on=day, note=rng.choice(NOTES[outcome]), actor=clerk
            )
        except CalendarMissing:
            continue  # its publication period ends in a year the calendar does not hold yet
        recorded.append(d)
    batches = defaultdict(list)
    for d in recorded:
        try:
            if rng.random() < 0.05:
                on = cal.next_workday(d.publish_due_on + dt.timedelta(days=rng.randint(2, 9)))
            else:
                on = cal.next_workday(d.checked_on + dt.timedelta(days=rng.randint(2, 18)))
                on = min(on, d.publish_due_on)
        except CalendarMissing:
            continue
        if on <= today:
            batches[on].append(d)
    for on in sorted(batches):
        late = [d for d in batches[on] if on > d.publish_due_on]
        s.publish_results(
            batches[on],
            on=on,
            late_reason=rng.choice(LATE_REASONS) if late else "",
            actor=clerk,
        )


def _year(ctx, year: int, items, first: dt.date, last: dt.date) -> None:
    """The year's plans (filed) and tasks, starting between ``first`` and ``last``."""
    rng, cal, today = ctx.rng, calendar(), ctx.today
    plans = {}
    for code in ITEMS:
        unit, clerk = ctx.units[code], unit_clerk(ctx, code)
        plan = s.create_plan(
            unit=unit,
            year=year,
            title=f"{unit.name}{year}年度“双随机、一公开”抽查工作计划",
            body=(
                f"{year}年度按照随机抽查事项清单开展“双随机、一公开”抽查，"
                "按信用风险分类确定抽查比例（A类低、D类高），与相关部门开展联合抽查，"
                "抽查结果自检查之日起20个工作日内公示。"
            ),
            actor=clerk,
        )
        filed = min(
            cal.next_workday(dt.date(year, 2, 10) + dt.timedelta(days=rng.randint(0, 14))), today
        )
        plans[code] = s.file_plan(plan, filed_with=FILED_WITH[code], on=filed, actor=clerk)
    # Early in the year (the demo built in March) only the first task has begun.
    tasks = TASKS if (last - first).days >= 10 else TASKS[:1]
    step = max((last - first).days, 0) / max(len(tasks) - 1, 1)
    made = []
    for n, (lead, others, title, pool_filter, picks) in enumerate(tasks):
        starts = cal.next_workday(first + dt.timedelta(days=round(step * n)))
        if starts > today - dt.timedelta(days=3):
            break
        clerk = unit_clerk(ctx, lead)
        task = s.create_task(
            plans[lead],
            title=f"{year}年{title}",
            departments=[ctx.units[c] for c in [lead, *others]],
            items=[items[c][i] for c, idx in picks.items() for i in idx],
            pool_filter=pool_filter,
            starts_on=starts,
            # Checks end by 20 December: results stay publishable within the calendar.
            ends_on=min(starts + dt.timedelta(days=45), dt.date(year, 12, 20)),
            actor=clerk,
        )
        # The commitment two working days before the checks begin, the draw and the seed
        # the day before: the times a clerk would have acted, not the build's.
        with _acting_at(_workdays_before(cal, starts, 2), 9, 30):
            task = s.commit(task, actor=clerk, seed=rng.randbytes(32))
        with _acting_at(_workdays_before(cal, starts, 1), 10, 0):
            task = s.make_draw(task, actor=clerk)
        with _acting_at(_workdays_before(cal, starts, 1), 10, 5):
            task = s.reveal_seed(task, actor=clerk)
        made.append(task)
    for task in made:
        latest = year == today.year and task is made[-1]
        _results(ctx, task, today, latest)


def _workdays_before(cal, day: dt.date, n: int) -> dt.date:
    while n:
        day -= dt.timedelta(days=1)
        n -= cal.is_workday(day)
    return day


@contextlib.contextmanager
def _acting_at(day: dt.date, hour: int, minute: int):
    """The task's own times (公布承诺、抽取、公布种子) as of ``day``: only the task service's
    clock is set, so the full-process record still says when the demo wrote each event."""
    at = timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))
    clock = SimpleNamespace(now=lambda: at, localdate=lambda: day)
    with mock.patch.object(s.tasks, "timezone", clock):
        yield


@register_demo("inspections", order=43)
def build(ctx) -> None:
    pool = _pool_csv(ctx.rng)
    s.import_entities(
        pool, unit=ctx.units[KEEPER], actor=unit_clerk(ctx, KEEPER), on=dt.date(2025, 9, 30)
    )
    items = _items(ctx)
    _avoidances(ctx)
    # 2025: from mid-October (every certificate valid after the September 换发) to December.
    _year(ctx, 2025, items, dt.date(2025, 10, 13), dt.date(2025, 11, 24))
    if ctx.today.year > 2025:
        year = ctx.today.year
        end = min(ctx.today - dt.timedelta(days=14), dt.date(year, 11, 20))
        _year(ctx, year, items, dt.date(year, 3, 2), end)
