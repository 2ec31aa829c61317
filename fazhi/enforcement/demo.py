"""Enforcement in the demo district 示范区: six agencies (市场监管、综合执法、自然资源、生态环境、
交通运输 and 北山镇 exercising delegated powers) with their power lists, 免罚轻罚清单, 裁量
基准 and 法制审核 criteria; 132 certified officers (the 2025 换发 reissued 129 certificates);
the 行政执法资格考试 of 2023—2025 and the yearly trainings, sized to the district's
published figures (参考 198/215/243, 通过 167/181/209, 培训 4/4/3); and a year of cases
(2025) plus the current year up to the demo's today: ordinary-procedure penalties through
告知、听证、法制审核、集体讨论 to 结案, 当场处罚, licences and 强制 measures — among them
late decisions, late publications, decisions served after the 7 working days of 第61条,
revoked decisions withdrawn from the portal, and cases still open today.

Volumes are those of a small district (about 250 cases in 2025), kept modest so that the
whole demo builds in seconds; everything goes through the services (full-process record,
clocks, documents). Names of firms and people are fictional; identifiers are generated to
validate. Deterministic: only ``ctx.rng`` draws.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.calendar import calendar
from fazhi.core.demo import AREA, GIVEN, SURNAMES, evidence_pdf, unit_clerk
from fazhi.core.identifiers import make_id_number, make_uscc
from fazhi.core.registry import register_demo
from fazhi.core.workdays import CalendarMissing

from . import services as s
from .models import Agency, Case, Officer
from .services import service_clock

DELEGATION_DOC = "示范区人民政府关于向乡镇（街道）赋予部分县级行政执法事项的决定"
DELEGATION_NO = "示政发〔2025〕3号"
REMEDIES = (
    "当事人对行政执法决定不服的，可以自收到决定书之日起六十日内向示范区人民政府申请行政复议，"
    "或者自收到决定书之日起六个月内依法向示范区人民法院提起行政诉讼。"
)

# unit, agency name, kind, basis, officers, yearly volumes (ordinary penalties, 当场处罚,
# licences, 强制), criteria (fine threshold for 法制审核; after hearing)
AGENCIES = [
    (
        "D23",
        "示范区市场监督管理局",
        "statutory",
        "《中华人民共和国行政处罚法》第十八条；《市场监督管理行政处罚程序规定》",
        40,
        (36, 20, 24, 0),
        50000,
    ),
    (
        "D26",
        "示范区综合行政执法局",
        "comprehensive",
        "《中华人民共和国行政处罚法》第十八条第二款；省人民政府关于同意开展综合行政执法的批复",
        36,
        (26, 26, 0, 0),
        100000,
    ),
    (
        "D11",
        "示范区自然资源和规划局",
        "statutory",
        "《中华人民共和国土地管理法》第六十七条；《中华人民共和国城乡规划法》",
        14,
        (8, 0, 0, 0),
        100000,
    ),
    (
        "D12",
        "示范区生态环境分局",
        "statutory",
        "《中华人民共和国环境保护法》第十条；《中华人民共和国行政处罚法》第十八条",
        12,
        (10, 0, 0, 3),
        100000,
    ),
    (
        "D14",
        "示范区交通运输局",
        "statutory",
        "《中华人民共和国道路运输条例》第七条；《中华人民共和国公路法》",
        20,
        (16, 30, 10, 0),
        100000,
    ),
    (
        "T05",
        "北山镇人民政府",
        "township",
        "《中华人民共和国行政处罚法》第二十四条；" + DELEGATION_DOC + "（" + DELEGATION_NO + "）",
        10,
        (8, 0, 0, 0),
        100000,
    ),
]

# unit: [(code, name, kind, basis, listed in the 法制审核目录, title template)]
POWERS = {
    "D23": [
        (
            "SC-CF-001",
            "对销售不符合食品安全标准的食品的处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十四条",
            True,
            "{p}销售不符合食品安全标准的食品案",
        ),
        (
            "SC-CF-002",
            "对未按规定公示营业执照的处罚",
            "penalty",
            "《中华人民共和国市场主体登记管理条例》第四十八条",
            False,
            "{p}未按规定公示营业执照案",
        ),
        (
            "SC-CF-003",
            "对虚假广告的处罚",
            "penalty",
            "《中华人民共和国广告法》第五十五条",
            False,
            "{p}发布虚假广告案",
        ),
        (
            "SC-CF-004",
            "对销售过期食品的处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
            False,
            "{p}销售超过保质期食品案",
        ),
        (
            "SC-CF-005",
            "对计量器具未经检定的处罚",
            "penalty",
            "《中华人民共和国计量法实施细则》第四十三条",
            False,
            "{p}使用未经检定的计量器具案",
        ),
        (
            "SC-XK-001",
            "食品经营许可",
            "license",
            "《中华人民共和国食品安全法》第三十五条",
            False,
            "{p}食品经营许可申请",
        ),
    ],
    "D26": [
        (
            "ZF-CF-001",
            "对擅自占用城市道路的处罚",
            "penalty",
            "《城市道路管理条例》第四十二条",
            False,
            "{p}擅自占用城市道路案",
        ),
        (
            "ZF-CF-002",
            "对违法设置户外广告的处罚",
            "penalty",
            "《城市市容和环境卫生管理条例》第三十六条",
            False,
            "{p}擅自设置户外广告设施案",
        ),
        (
            "ZF-CF-003",
            "对未按规定处置建筑垃圾的处罚",
            "penalty",
            "《城市建筑垃圾管理规定》第二十六条",
            False,
            "{p}随意倾倒建筑垃圾案",
        ),
        (
            "ZF-CF-004",
            "对违法建设的处罚",
            "penalty",
            "《中华人民共和国城乡规划法》第六十四条",
            False,
            "{p}未取得建设工程规划许可证进行建设案",
        ),
    ],
    "D11": [
        (
            "ZR-CF-001",
            "对非法占用土地的处罚",
            "penalty",
            "《中华人民共和国土地管理法》第七十七条",
            False,
            "{p}非法占用集体土地建房案",
        ),
        (
            "ZR-CF-002",
            "对无证采矿的处罚",
            "penalty",
            "《中华人民共和国矿产资源法》第三十九条",
            True,
            "{p}未取得采矿许可证擅自采砂案",
        ),
    ],
    "D12": [
        (
            "HB-CF-001",
            "对超标排放大气污染物的处罚",
            "penalty",
            "《中华人民共和国大气污染防治法》第九十九条",
            False,
            "{p}超标排放大气污染物案",
        ),
        (
            "HB-CF-002",
            "对未批先建的处罚",
            "penalty",
            "《中华人民共和国环境影响评价法》第三十一条",
            False,
            "{p}建设项目环境影响评价文件未经批准擅自开工建设案",
        ),
        (
            "HB-QZ-001",
            "查封、扣押造成污染物排放的设施设备",
            "coercion",
            "《中华人民共和国环境保护法》第二十五条",
            False,
            "查封{p}违法排放污染物的设施设备",
        ),
    ],
    "D14": [
        (
            "JT-CF-001",
            "对未取得道路运输经营许可从事经营的处罚",
            "penalty",
            "《中华人民共和国道路运输条例》第六十三条",
            False,
            "{p}未取得道路运输经营许可擅自从事道路运输经营案",
        ),
        (
            "JT-CF-002",
            "对车辆超限运输的处罚",
            "penalty",
            "《公路安全保护条例》第六十四条",
            False,
            "{p}车辆违法超限运输案",
        ),
        (
            "JT-XK-001",
            "道路货物运输经营许可",
            "license",
            "《中华人民共和国道路运输条例》第二十四条",
            False,
            "{p}道路货物运输经营许可申请",
        ),
    ],
}
# 赋权乡镇: (from unit, power code) delegated to 北山镇 on 2025-03-01.
DELEGATED = [("D26", "ZF-CF-001"), ("D26", "ZF-CF-002"), ("D26", "ZF-CF-003"), ("D11", "ZR-CF-001")]
EXEMPTIONS = {
    "D23": [
        (
            "first_violation",
            "首次未按规定公示营业执照",
            "《中华人民共和国行政处罚法》第三十三条第一款",
            "首次违法、危害后果轻微并及时改正",
        ),
        (
            "no_penalty",
            "初次使用未经检定的计量器具且未造成损失",
            "《中华人民共和国行政处罚法》第三十三条第一款",
            "违法行为轻微并及时改正，没有造成危害后果",
        ),
        (
            "light_penalty",
            "主动消除或者减轻违法行为危害后果",
            "《中华人民共和国行政处罚法》第三十二条",
            "主动消除或者减轻违法行为危害后果的",
        ),
    ],
    "D26": [
        (
            "first_violation",
            "首次在门前三包责任区内乱堆乱放",
            "《中华人民共和国行政处罚法》第三十三条第一款",
            "首次违法、经责令立即改正",
        ),
        (
            "first_violation",
            "首次擅自设置小型门头招牌",
            "《中华人民共和国行政处罚法》第三十三条第一款",
            "首次违法、危害后果轻微并及时拆除",
        ),
    ],
}
# Residents' ID numbers need a real-shaped address code (first digit 1—8, GB 11643): 61 01 99
# is a 区 number no real county uses; with the fictional birth dates and order codes, no real
# person's number is generated on purpose.
ID_AREA = "610199"
SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玲"
FIRMS = "鑫源 华瑞 恒通 金穗 佳禾 永盛 广达 新城 润丰 利民 天和 博远 锦程 顺达 东兴 宏业 益康 荣昌 聚福 安泰".split()
TRADES = [
    "商贸有限公司",
    "食品店",
    "餐饮管理有限公司",
    "建材经营部",
    "物流有限公司",
    "超市",
    "装饰工程有限公司",
    "汽车运输有限公司",
]
# Where the 当场处罚 of the demo happen (第52条: the place is on the 决定书).
SUMMARY_PLACES = [
    "示范区人民路与解放路交叉口",
    "示范区建设大街农贸市场东门",
    "示范区滨河路夜市",
    "示范区火车站广场",
    "示范区北山镇集贸市场",
    "示范区长江路88号门前",
]
# About one ordinary-procedure penalty decision in this many is served late (第61条).
LATE_SERVICE_EVERY = 17
LATE_REASONS = ["承办人员交接，公示延迟", "决定书送达后方发现未上传公示", "系统故障，延迟公示"]


def _doc(name: str, title: str):
    return evidence_pdf(f"{name}.pdf", name, [title, "（示范区演示文书，扫描件）"])


def _docs(names, title) -> dict:
    return {n: _doc(n, title) for n in names}


class _World:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.cal = calendar()
        self.agencies: dict[str, Agency] = {}
        self.powers: dict[tuple[str, str], object] = {}
        self.titles: dict[int, str] = {}
        self.officers: dict[str, list[Officer]] = {}
        self.firm_seq = 0
        self.person_seq = 0

    def clerk(self, code):
        return unit_clerk(self.ctx, code)

    def legal_reviewer(self, code):
        """The agency's 法制审核人员: 市场监管局's named account, else one made for the unit
        (each department keeps its own 法制审核 staff, 国办发〔2018〕118号)."""
        if code == "D23":
            return self.ctx.users["scjg_legal"]
        username = f"{code.lower()}_legal"
        if username not in self.ctx.users:
            from fazhi.core import services as core
            from fazhi.core.models import User

            user = User(
                username=username,
                full_name=self.rng.choice(SURNAMES) + self.rng.choice(GIVEN),
                unit=self.ctx.units[code],
            )
            self.ctx.users[username] = core.save_user(user, ["legal_reviewer"], None)
        return self.ctx.users[username]

    def penalty_power(self, powers):
        """Powers in the 法制审核目录 come up less often than the everyday ones."""
        return self.rng.choices(powers, weights=[1 if p.review_listed else 5 for p in powers])[0]

    def party(self, person: bool) -> dict:
        rng = self.rng
        if person:
            self.person_seq += 1
            # Two-character names (a surname and one given character), common enough and
            # never masked to the same "X**" as the demo's three-character commenters.
            name = rng.choice(SURNAMES) + rng.choice(SINGLE)
            birth = dt.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
            return {
                "kind": "person",
                "name": name,
                "id_number": make_id_number(ID_AREA, birth, self.person_seq % 1000),
                "address": f"示范区{rng.choice(['城关街道', '东城街道', '北山镇'])}{rng.randint(1, 99)}号",
                "phone": f"139{rng.randint(10000000, 99999999)}",
            }
        self.firm_seq += 1
        name = f"示范区{FIRMS[self.firm_seq % len(FIRMS)]}{rng.choice(TRADES)}"
        if self.firm_seq >= len(FIRMS):
            name = name.replace(
                "示范区", f"示范区{'一二三四五六七八九'[self.firm_seq // len(FIRMS) % 9]}号"
            )
        return {
            "kind": "organisation",
            "name": name,
            "uscc": make_uscc("9", "1", AREA, f"MD{self.firm_seq:06d}"),
            "representative": rng.choice(SURNAMES) + rng.choice(GIVEN),
        }

    def workday(self, start: dt.date, end: dt.date) -> dt.date:
        span = (end - start).days
        for _ in range(20):
            d = start + dt.timedelta(days=self.rng.randint(0, max(span, 0)))
            if self.cal.is_workday(d):
                return d
        return self.cal.next_workday(start)

    def after(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return self.cal.next_workday(d + dt.timedelta(days=self.rng.randint(lo, hi)))


def _lists(w: _World) -> None:
    coord = w.ctx.users["coordinator"]
    for code, name, kind, basis, _, _, threshold in AGENCIES:
        unit = w.ctx.units[code]
        agency = s.create_agency(
            unit=unit,
            name=name,
            kind=kind,
            legal_basis=basis,
            remedies=REMEDIES,
            address=f"示范区行政中心{unit.sort_order or 1}号楼",
            phone=f"0999-8{unit.sort_order or 0:03d}1234"[:13],
            actor=coord,
        )
        w.agencies[code] = agency
        for pcode, pname, pkind, pbasis, listed, title in POWERS.get(code, []):
            w.powers[(code, pcode)] = s.add_power(
                agency=agency,
                code=pcode,
                name=pname,
                kind=pkind,
                legal_basis=pbasis,
                review_listed=listed,
                responsible="法制审核科" if listed else "执法大队",
                actor=coord,
            )
            w.titles[w.powers[(code, pcode)].pk] = title
        criteria = [("fine_over", threshold, ""), ("revocation", None, "")]
        if code == "D23":
            criteria.append(("after_hearing", None, ""))
        s.set_criteria(agency, criteria, actor=coord)
        for ekind, violation, basis, conditions in EXEMPTIONS.get(code, []):
            s.add_exemption(
                agency=agency,
                kind=ekind,
                violation=violation,
                legal_basis=basis,
                conditions=conditions,
                actor=coord,
            )
    for code, pcode in DELEGATED:
        power = w.powers[(code, pcode)]
        s.delegate(
            power=power,
            to_agency=w.agencies["T05"],
            document_title=DELEGATION_DOC,
            document_number=DELEGATION_NO,
            delegated_on=dt.date(2025, 3, 1),
            actor=coord,
        )
    # 裁量基准: one standard per penalty power, three bands.
    for (code, pcode), power in w.powers.items():
        if power.kind != "penalty":
            continue
        base = 2000 if code in ("D23", "D26", "D14") else 20000
        s.add_standard(
            agency=w.agencies[code],
            code=f"CL-{pcode}",
            violation=power.name.removeprefix("对").removesuffix("的处罚"),
            legal_basis=power.legal_basis,
            power=power,
            bands=[
                ("light", "初次违法、危害后果较轻", base // 4, base),
                ("general", "一般情节", base, base * 5),
                ("serious", "多次违法或危害后果严重", base * 5, base * 15),
            ],
            actor=coord,
        )


def _officers(w: _World) -> None:
    """132 officers; the 2025 换发 reissued 129 certificates (valid five years); two new
    officers certified in 2024; one certificate expired at the end of 2025 (not renewed:
    the officer retired); one suspended."""
    coord = w.ctx.users["coordinator"]
    n = 0
    for code, _, _, _, count, _, _ in AGENCIES:
        agency = w.agencies[code]
        w.officers[code] = []
        for i in range(count):
            n += 1
            name = w.rng.choice(SURNAMES) + w.rng.choice(GIVEN)
            if n <= 2:
                issued, until = dt.date(2024, 4, 10 + n), dt.date(2029, 4, 9 + n)
            elif n == 3:
                issued, until = dt.date(2020, 12, 31), dt.date(2025, 12, 31)
            else:
                issued = dt.date(2025, 9, 1) + dt.timedelta(days=(n % 40))
                until = issued.replace(year=issued.year + 5) - dt.timedelta(days=1)
            officer = s.register_officer(
                agency=agency,
                name=name,
                certificate_number=f"99{AREA[2:]}{n:05d}",
                issuer="示范市人民政府",
                issued_on=issued,
                valid_until=until,
                certified_since=issued if n <= 2 else min(issued, dt.date(2015 + n % 8, 3, 1)),
                legal_qualification=(i == 1),
                actor=coord,
            )
            if n != 3:
                w.officers[code].append(officer)
    suspended = w.officers["D26"][-1]
    s.set_status(
        suspended,
        status="suspended",
        reason="执法过程中未出示执法证件，暂扣证件三个月",
        actor=coord,
    )
    w.officers["D26"].remove(suspended)


def _exams_trainings(w: _World) -> None:
    coord = w.ctx.users["coordinator"]
    sfj = w.ctx.units["D08"]
    for year, sat, passed, day in [
        (2023, 198, 167, dt.date(2023, 11, 18)),
        (2024, 215, 181, dt.date(2024, 11, 16)),
        (2025, 243, 209, dt.date(2025, 11, 15)),
    ]:
        for i in range(sat):
            s.record_exam(
                unit=sfj,
                session=f"{year}年度行政执法人员资格考试",
                sat_on=day,
                candidate=w.rng.choice(SURNAMES) + w.rng.choice(GIVEN),
                passed=i < passed,
                score=Decimal(w.rng.randint(80, 98) if i < passed else w.rng.randint(40, 79)),
                actor=coord,
            )
    everyone = [o for lst in w.officers.values() for o in lst]
    sessions = {
        2023: [
            ("行政执法人员公共法律知识培训", dt.date(2023, 4, 12), 16),
            ("行政执法文书规范化培训", dt.date(2023, 6, 7), 8),
            ("行政处罚法专题培训", dt.date(2023, 9, 13), 16),
            ("执法全过程记录实务", dt.date(2023, 11, 8), 8),
        ],
        2024: [
            ("行政执法人员公共法律知识培训", dt.date(2024, 4, 10), 16),
            ("新修订行政复议法解读", dt.date(2024, 5, 15), 8),
            ("重大执法决定法制审核实务", dt.date(2024, 9, 11), 16),
            ("执法案卷评查标准培训", dt.date(2024, 11, 6), 8),
        ],
        2025: [
            ("行政执法人员公共法律知识集中培训", dt.date(2025, 4, 16), 24),
            ("行政执法三项制度专题培训", dt.date(2025, 7, 9), 16),
            ("执法证件换发前业务培训", dt.date(2025, 8, 20), 24),
        ],
    }
    for _year, rows in sessions.items():
        for topic, day, hours in rows:
            # Officers certified only later attend the sessions of their year onwards; most attend.
            attendees = [o for o in everyone if w.rng.random() < 0.85]
            s.record_training(
                unit=sfj, topic=topic, held_on=day, hours=hours, attendees=attendees, actor=coord
            )


def _fine(w: _World, code: str, person: bool) -> Decimal:
    base = 2000 if code in ("D23", "D26", "D14") else 20000
    hi = base * 5
    amount = (
        w.rng.randint(base // 1000, hi // 1000) * 1000 if not person else w.rng.randint(2, 20) * 100
    )
    return Decimal(amount)


def _ordinary(
    w: _World, code: str, power, filed: dt.date, *, late=False, major=False, today: dt.date
):
    """One ordinary-procedure penalty case, taken as far as ``today`` allows."""
    agency = w.agencies[code]
    clerk = w.clerk(code)
    person = w.rng.random() < 0.35
    party = w.party(person)
    title = w.titles[power.pk].format(p=party["name"])
    officers = w.rng.sample(w.officers[code], 2)
    try:
        case = s.open_case(
            agency=agency,
            kind="penalty",
            title=title,
            filed_on=filed,
            parties=[party],
            officers=officers,
            documents=_docs(["立案审批表"], title),
            actor=clerk,
            power=power,
            complex_case=major and code != "D23",
        )
    except CalendarMissing:
        return None
    inv = w.after(filed, 6, 20)
    if inv > today:
        return case
    s.investigate(
        case,
        on=inv,
        officers=officers,
        actor=clerk,
        documents=_docs(["现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"], title),
    )
    roll = w.rng.random()
    if roll < 0.06 and power.code in ("SC-CF-002", "ZF-CF-001", "ZF-CF-002"):
        outcome, fine = "first_violation_exempt", Decimal(0)
    elif roll < 0.1:
        outcome, fine = "no_penalty", Decimal(0)
    else:
        outcome, fine = "penalty", _fine(w, code, person)
    if major:
        fine = (
            Decimal(w.rng.choice([60000, 80000, 120000, 150000]))
            if code == "D23"
            else Decimal(150000)
        )
        outcome = "penalty"
    notified = w.after(inv, 1, 4)
    if notified > today:
        return case
    last = notified
    if outcome == "penalty":
        right = s.cases.hearing_right(case, fine)
        names = ["行政处罚告知书"] + (["听证告知书"] if right else [])
        s.notify(case, on=notified, documents=_docs(names, title), actor=clerk, proposed_fine=fine)
        case.refresh_from_db()
        if case.hearing_deadline_id:
            due = case.hearing_deadline.due_date
            if w.rng.random() < 0.5 and due <= today:
                s.request_hearing(case, on=w.workday(notified, due), actor=clerk)
                case.refresh_from_db()
                notice = w.after(case.hearing_requested_on, 1, 3)
                # 7 to 11 working days after the notice (第64条、第85条: 七日 are working days).
                held = w.cal.add_working_days(notice, w.rng.randint(8, 12) - 1).due
                if held > today:
                    return case
                s.hold_hearing(
                    case,
                    notice_on=notice,
                    held_on=held,
                    documents=_docs(["听证通知书", "听证笔录"], title),
                    actor=clerk,
                )
                last = held
            else:
                last = max(last, due)
        case.refresh_from_db()
    if code != "D23" and fine > Decimal(99000):
        # Other agencies' fines stay under their 法制审核 amount (a 100,000 threshold).
        fine = Decimal(99000)
    reasons = s.cases.major_reasons(case, fine=fine, confiscation=Decimal(0), revokes_license=False)
    if reasons:
        sent = w.after(last, 1, 3)
        if sent > today:
            return case
        review = s.send_for_review(
            case, on=sent, fine=fine, actor=clerk, materials=[_doc("法制审核送审材料", title)]
        )
        # The review takes at least its minimum time (legal.conf) and stays inside its period.
        concluded = w.cal.add_working_days(sent, w.rng.randint(5, 8)).due
        if concluded > today:
            return case
        from fazhi.legal import services as legal

        legal.conclude(
            review,
            opinion="lawful",
            reasons="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。",
            actor=w.legal_reviewer(code),
            on=concluded,
        )
        last = concluded
    if case.complex_case:
        held = w.after(last, 1, 4)
        if held > today:
            return case
        s.discuss(case, on=held, documents=_docs(["集体讨论记录"], title), actor=clerk)
        last = held
    decided = w.after(last, 3, 10) if outcome == "penalty" else w.after(last, 2, 8)
    if late:
        decided = max(decided, case.deadline.due_date + dt.timedelta(days=w.rng.randint(3, 15)))
        decided = w.cal.next_workday(decided)
    if decided > today:
        return case
    band = None
    standard = power.standards.first()
    if standard is not None and fine:
        band = next((b for b in standard.bands.all() if b.min_fine <= fine <= b.max_fine), None)
        if band is None:
            band = standard.bands.order_by("-max_fine").first()
    reason = (
        "违法行为持续时间长、涉案数额大，依法从重处罚"
        if band is not None and not band.min_fine <= fine <= band.max_fine
        else ""
    )
    s.decide(
        case,
        on=decided,
        outcome=outcome,
        fine=fine,
        band=band,
        outside_band_reason=reason,
        documents=_docs(["行政处罚决定书"], title),
        actor=clerk,
    )
    case.refresh_from_db()
    _publish(w, case, clerk, today)
    served = w.after(decided, 0, 3)
    if case.pk % LATE_SERVICE_EVERY == 0:
        # The party was not present and the 送达回证 came back after the 7 working days of
        # 第61条 (no extra draw: the demo's random sequence stays as it was).
        due = service_clock.find(case).due_date
        served = w.cal.next_workday(due + dt.timedelta(days=1 + case.pk % 4))
    if served > today:
        return case
    s.serve(case, on=served, documents=_docs(["送达回证"], title), actor=clerk)
    if fine:
        paid = w.after(served, 5, 14)
        if paid > today:
            return case
        s.execute(case, on=paid, documents=_docs(["执行情况记录"], title), actor=clerk)
        closed = w.after(paid, 1, 5)
    else:
        closed = w.after(served, 1, 5)
    if closed <= today:
        s.close(case, on=closed, documents=_docs(["结案审批表"], title), actor=clerk)
    return case


def _publish(w: _World, case: Case, clerk, today: dt.date) -> None:
    pub = case.publication
    if any(p.minor for p in case.parties.all()):
        return
    roll = w.rng.random()
    if roll < 0.07:
        on = w.after(pub.due_on, 2, 10)
        if on <= today:
            s.publish(case, on=on, late_reason=w.rng.choice(LATE_REASONS), actor=clerk)
        return
    on = w.workday(case.decided_on, pub.due_on)
    if on <= today:
        s.publish(case, on=on, actor=clerk)


def _simple(w: _World, code: str, power, on: dt.date) -> None:
    person = w.rng.random() < 0.7
    party = w.party(person)
    fine = (
        Decimal(w.rng.choice([0, 50, 100, 200]))
        if person
        else Decimal(w.rng.choice([500, 1000, 2000, 3000]))
    )
    title = (
        w.titles[power.pk].format(p=party["name"]) if power else f"{party['name']}违法行为当场处罚"
    )
    s.summary_penalty(
        agency=w.agencies[code],
        title=title,
        on=on,
        party=party,
        officers=w.rng.sample(w.officers[code], 2),
        documents=_docs(["当场处罚决定书"], title),
        actor=w.clerk(code),
        fine=fine,
        power=power,
        # No extra draw: the demo's random sequence stays as it was.
        place=SUMMARY_PLACES[on.toordinal() % len(SUMMARY_PLACES)],
    )


def _licence(w: _World, code: str, power, filed: dt.date, today: dt.date) -> None:
    party = w.party(False)
    title = w.titles[power.pk].format(p=party["name"])
    clerk = w.clerk(code)
    try:
        case = s.open_case(
            agency=w.agencies[code],
            kind="license",
            title=title,
            filed_on=filed,
            parties=[party],
            officers=w.rng.sample(w.officers[code], 2),
            documents=_docs(["立案审批表"], title),
            actor=clerk,
            power=power,
        )
    except CalendarMissing:
        return
    decided = w.after(filed, 3, 18)
    if decided > today or decided > case.deadline.due_date:
        return
    outcome = "granted" if w.rng.random() < 0.92 else "refused"
    s.decide(
        case, on=decided, outcome=outcome, documents=_docs(["行政许可决定书"], title), actor=clerk
    )
    case.refresh_from_db()
    _publish(w, case, clerk, today)
    served = w.after(decided, 0, 2)
    if served <= today:
        s.serve(case, on=served, documents=_docs(["送达回证"], title), actor=clerk)
        closed = w.after(served, 0, 2)
        if closed <= today:
            s.close(case, on=closed, documents=_docs(["结案审批表"], title), actor=clerk)


def _coercion(w: _World, code: str, power, filed: dt.date, today: dt.date) -> None:
    party = w.party(False)
    title = w.titles[power.pk].format(p=party["name"])
    clerk = w.clerk(code)
    officers = w.rng.sample(w.officers[code], 2)
    try:
        case = s.open_case(
            agency=w.agencies[code],
            kind="coercion",
            title=title,
            filed_on=filed,
            parties=[party],
            officers=officers,
            documents=_docs(["立案审批表"], title),
            actor=clerk,
            power=power,
        )
    except CalendarMissing:
        return
    inv = w.after(filed, 0, 2)
    if inv > today:
        return
    s.investigate(
        case,
        on=inv,
        officers=officers,
        actor=clerk,
        documents=_docs(["现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"], title),
    )
    decided = w.after(inv, 0, 3)
    if decided > today:
        return
    s.decide(
        case, on=decided, outcome="measure", documents=_docs(["行政强制决定书"], title), actor=clerk
    )
    case.refresh_from_db()
    _publish(w, case, clerk, today)


def _year(w: _World, year: int, today: dt.date, scale: float = 1.0) -> list[Case]:
    decided = []
    start = dt.date(year, 1, 5)
    end = min(dt.date(year, 12, 20), today - dt.timedelta(days=1))
    if year < today.year:
        # The year's cases are filed over the whole year and run on into the next.
        end = dt.date(year, 12, 20)
    if end <= start:
        return decided
    for code, _, _, _, _, (ordinary, simple, licences, coercion), _ in AGENCIES:
        own = [p for (c, _), p in w.powers.items() if c == code]
        penalties = [p for p in own if p.kind == "penalty"]
        if code == "T05":
            penalties = [w.powers[k] for k in DELEGATED]
        first = max(start, dt.date(2025, 3, 2)) if code == "T05" else start
        n = round(ordinary * scale)
        majors = {2, 7, 13, 19, 25, 31} if code == "D23" else ({5} if code == "D26" else set())
        for i in range(n):
            filed = w.workday(first, end)
            case = _ordinary(
                w,
                code,
                w.penalty_power(penalties),
                filed,
                late=(i % 17 == 16),
                major=i in majors,
                today=today,
            )
            if case is not None:
                decided.append(case)
        for _ in range(round(simple * scale)):
            _simple(w, code, w.rng.choice(penalties), w.workday(first, end))
        for power in [p for p in own if p.kind == "license"]:
            for _ in range(round(licences * scale)):
                _licence(w, code, power, w.workday(start, end), today)
        for power in [p for p in own if p.kind == "coercion"]:
            for _ in range(round(coercion * scale)):
                _coercion(w, code, power, w.workday(start, end), today)
    return decided


def _revocations(w: _World, cases: list[Case], today: dt.date) -> None:
    """Two published decisions revoked on 行政复议: one withdrawn within 3 working days, one
    late; and one case terminated (违法事实不能成立)."""
    published = [
        c
        for c in cases
        if c.pk
        and Case.objects.filter(
            pk=c.pk, publication__published_on__isnull=False, revoked_on=None
        ).exists()
    ]
    for i, case in enumerate(published[3:5]):
        case.refresh_from_db()
        on = w.after(case.publication.published_on, 20, 40)
        if on > today:
            continue
        clerk = w.clerk(case.unit.code)
        s.revoke(case, on=on, reason="行政复议机关以认定事实不清为由撤销该决定", actor=clerk)
        case.refresh_from_db()
        due = case.publication.withdraw_due_on
        withdrawn = w.cal.next_workday(due + dt.timedelta(days=4)) if i else w.workday(on, due)
        if withdrawn <= today:
            s.withdraw(
                case,
                on=withdrawn,
                reason="该行政处罚决定已被行政复议决定撤销，现撤回公示",
                actor=clerk,
            )
    open_cases = [c for c in cases if Case.objects.filter(pk=c.pk, stage="investigated").exists()]
    if open_cases:
        case = open_cases[0]
        s.terminate(
            case,
            on=w.after(case.filed_on, 25, 30) if w.after(case.filed_on, 25, 30) <= today else today,
            reason="经调查，违法事实不能成立，撤销立案",
            actor=w.clerk(case.unit.code),
        )


DEDUCTIONS = [
    "调查询问笔录未载明询问起止时间",
    "送达回证未注明送达方式",
    "证据目录与卷内证据顺序不一致",
    "告知书未载明陈述申辩期限",
]
CHECKS = [
    ("D23", "食品安全领域行政处罚案件办理情况", "两起案件调查终结报告未载明裁量理由"),
    ("D23", "行政许可事项办理时限执行情况", ""),
    ("D26", "城市管理领域执法全过程记录执行情况", "执法记录仪视音频资料未按规定归档"),
    ("D26", "占道经营执法程序", ""),
    ("D26", "户外广告设施执法", "部分案件未告知当事人听证权利"),
    ("D11", "土地违法案件查处情况", "一起非法占地案件超过办案期限未办结"),
    ("D11", "行政执法公示制度落实情况", ""),
    ("D12", "生态环境行政处罚裁量基准适用情况", "一起案件罚款数额超出裁量阶次未说明理由"),
    ("D12", "查封扣押程序执行情况", ""),
    ("D14", "道路运输执法程序", ""),
    ("D14", "超限运输治理执法", "称重检测记录与处罚决定书载明数据不一致"),
    ("T05", "赋权事项承接情况", "部分执法人员未取得相应执法证件即参与执法"),
    ("T05", "乡镇综合执法全过程记录", ""),
    ("D23", "首违不罚清单执行情况", ""),
]


def _review_and_supervision(w: _World) -> None:
    """2025's 案卷评查 (files drawn from the agencies' closed cases, one failing), fourteen
    supervision checks with their findings put right, complaints about enforcement, the
    特邀行政执法监督员 roster, and each agency's 2025 行政执法数据 published in January 2026
    (one late)."""
    from .models import ReviewCampaign

    coord = w.ctx.users["coordinator"]
    sfj = w.ctx.units["D08"]
    agencies = [w.agencies[code] for code, *_ in AGENCIES]
    sheet = s.default_sheet(unit=sfj, actor=coord)
    campaign = s.create_campaign(
        year=2025,
        title="2025年度全区行政执法案卷评查",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 11, 30),
        agencies=agencies,
        sheet=sheet,
        actor=coord,
        per_agency=12,
        unit=sfj,
    )
    s.draw(campaign, on=dt.date(2025, 12, 3), actor=coord, seed="shifanqu-2025-pingcha")
    items = list(sheet.items.all())
    files = list(campaign.files.order_by("pk"))
    for i, review in enumerate(files):
        scores = {item.pk: (item.weight, "") for item in items}
        if i % 4 == 1:
            item = items[i % len(items)]
            scores[item.pk] = (item.weight - 2, DEDUCTIONS[i % len(DEDUCTIONS)])
        if i == 7:
            # The one file that fails: evidence and procedure both fall short.
            for item in items[:3]:
                scores[item.pk] = (item.weight / 2, "主要证据不足，程序不完整")
        s.score_file(
            review,
            scores=scores,
            on=w.workday(dt.date(2025, 12, 8), dt.date(2025, 12, 19)),
            actor=coord,
            comment="案卷整体规范" if i != 7 else "案卷不合格，责令整改",
        )
    s.close_campaign(
        ReviewCampaign.objects.get(pk=campaign.pk), on=dt.date(2025, 12, 26), actor=coord
    )

    for n, (code, subject, finding) in enumerate(CHECKS):
        checked = w.workday(dt.date(2025, 3 + n * 8 // 14, 3), dt.date(2025, 3 + n * 8 // 14, 25))
        due = checked + dt.timedelta(days=30)
        check = s.record_check(
            agency=w.agencies[code],
            checked_on=checked,
            subject=subject,
            actor=coord,
            checker_unit=sfj,
            findings=[(finding, due)] if finding else [],
        )
        for f in check.findings.all():
            s.report_rectification(
                f,
                on=w.after(checked, 10, 25),
                rectification="已逐项整改，补充完善相关材料并组织专题学习",
                actor=w.clerk(code),
            )
        s.close_check(check, on=w.after(due, 1, 5), note="整改到位，予以办结", actor=coord)

    for code, received, matter in [
        ("D26", dt.date(2025, 4, 14), "反映执法人员在占道经营执法中未出示执法证件"),
        ("D23", dt.date(2025, 6, 9), "对食品经营许可现场核查时限提出异议"),
        ("D14", dt.date(2025, 8, 18), "反映超限检测站称重数据有误"),
        ("D11", dt.date(2025, 10, 20), "反映土地违法案件查处进展缓慢"),
    ]:
        complaint = s.receive_complaint(
            agency=w.agencies[code], received_on=received, matter=matter, actor=w.clerk(code)
        )
        s.reply_complaint(
            complaint,
            on=w.after(received, 15, 40),
            reply="经核查，已向投诉人说明情况并督促整改",
            actor=w.clerk(code),
        )
    if w.ctx.today.year > 2025:
        # One complaint still open today, received a few weeks ago (its 60 days must end in
        # a year the calendar holds: otherwise the platform rightly refuses to start it).
        day = w.cal.next_workday(w.ctx.today - dt.timedelta(days=w.rng.randint(10, 30)))
        try:
            s.receive_complaint(
                agency=w.agencies["D26"],
                received_on=min(day, w.ctx.today),
                matter="反映夜间施工噪声执法不及时",
                actor=w.clerk("D26"),
            )
        except CalendarMissing:
            pass
    for i in range(8):
        s.appoint_supervisor(
            name=w.rng.choice(SURNAMES) + w.rng.choice(GIVEN),
            work_unit=["区人大代表", "区政协委员", "示范区律师协会律师", "城关街道居民代表"][i % 4],
            term_start=dt.date(2024, 3, 1),
            term_end=dt.date(2027, 2, 28),
            actor=coord,
            unit=sfj,
        )
    for i, agency in enumerate(agencies):
        on = dt.date(2026, 2, 3) if i == 4 else dt.date(2026, 1, 20 + i)
        s.publish_annual_data(agency, year=2025, on=on, actor=w.clerk(agency.unit.code))


@register_demo("enforcement", order=42)
def build(ctx) -> None:
    w = _World(ctx)
    _lists(w)
    _officers(w)
    _exams_trainings(w)
    cases = _year(w, 2025, ctx.today)
    # The current year, up to the demo's today (a lighter load: the year is not over).
    if ctx.today.year > 2025:
        days = (ctx.today - dt.date(ctx.today.year, 1, 1)).days
        cases += _year(w, ctx.today.year, ctx.today, scale=min(1.0, days / 365) * 0.6)
        s.ensure_training_deadlines(ctx.today.year, actor=ctx.users["coordinator"])
    _revocations(w, cases, ctx.today)
    _review_and_supervision(w)
