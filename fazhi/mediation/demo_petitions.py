"""信访 in the demo district (信访工作条例). The registering unit is the 示范区信访局 (D27,
区信访局, the district's 信访部门): it registers every petition and routes it within 15 days
(第二十二条), most of them transferred or assigned to the departments and townships whose
matter it is, a few handled by itself, pointed to the legal route or not accepted.

2025: about 300 petitions across the three categories and five channels (some group visits
with their representatives); the handling units tell the petitioners within 15 days whether
they accept (a few not), conclude 申诉求决 petitions with a 处理意见书 within 60 days (four
late, one extended by 20 days with the head's approval), answer 建议意见 and 检举控告 with a
reply; three transfers objected to within 5 working days and routed again; 12 复查 (by the
区政府) and 3 复核 (one with a hearing; the 复核 body is above the district, so the demo records
it against the 区政府 too), and one repeat of a 复核'd matter registered and not accepted
(第三十六条). The current year up to the demo's today: the same flow, the last weeks still
open, one 申诉求决 petition past its 60 days.

Everything goes through the services (services/petitions), each step on its own day.
Deterministic: a generator of its own; identifiers generated to validate."""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError

from fazhi.core.calendar import calendar
from fazhi.core.demo import GIVEN, SURNAMES, unit_clerk
from fazhi.core.identifiers import make_id_number
from fazhi.core.registry import register_demo
from fazhi.core.workdays import CalendarMissing

from .services import petitions as svc

RNG_SEED = 20250817
ID_AREA = "610199"
REGISTRY = "D27"
D = dt.timedelta

# (category, unit code, subject, content)
MATTERS = [
    ("claim", "D10", "要求支付拖欠的工资", "本人在某建筑工地务工，项目部拖欠2024年工资{n}元，多次讨要未果，请求责令支付。"),
    ("claim", "D13", "要求解决小区房屋渗漏维修", "所住小区{t}多栋房屋渗漏，开发商拒不维修，请求督促维修。"),
    ("claim", "D11", "要求补偿承包地被占用损失", "{t}承包地被道路工程占用，至今未获补偿，请求依法补偿{n}元。"),
    ("claim", "D07", "申请落实最低生活保障待遇", "家中两人患病无劳动能力，申请低保被拒，请求重新审核。"),
    ("claim", "D19", "要求处理医疗费用报销纠纷", "在区人民医院住院费用{n}元，报销时被告知不符合规定，请求说明并处理。"),
    ("claim", "D26", "要求解决占道经营摊位被清理问题", "在{t}经营多年的摊位被清理，请求给予安置。"),
    ("claim", "D23", "要求退还多收的物业费", "物业公司按面积多收物业费{n}元，请求责令退还。"),
    ("claim", "T01", "要求解决老旧小区加装电梯问题", "{t}老旧小区加装电梯方案部分住户有异议，请求协调推进。"),
    ("claim", "T05", "要求解决宅基地界址争议", "与邻居宅基地界址有争议，村委会调处未果，请求处理。"),
    ("claim", "D10", "要求补缴养老保险", "原单位未为本人缴纳养老保险{n}个月，请求责令补缴。"),
    ("claim", "D13", "要求返还购房定金", "在{t}某楼盘交纳定金{n}元后项目停工，请求协调返还。"),
    ("suggestion", "D14", "建议增开公交线路", "{t}到城区没有直达公交，建议增开线路方便群众出行。"),
    ("suggestion", "D03", "建议增加学校课后服务", "建议{t}各小学延长课后服务时间，解决双职工家庭接送难。"),
    ("suggestion", "D26", "建议规范夜市管理", "{t}夜市噪音和油烟扰民，建议规范经营时间和区域。"),
    ("suggestion", "D18", "建议开放体育场馆", "建议学校体育场馆在节假日向周边居民开放。"),
    ("suggestion", "T02", "建议增设社区停车位", "{t}小区停车难，建议利用闲置空地增设停车位。"),
    ("accusation", "D12", "举报企业夜间偷排废水", "{t}某企业夜间向河道偷排废水，气味刺鼻，请求查处。"),
    ("accusation", "D23", "举报超市销售过期食品", "{t}某超市销售过期食品，请求查处。"),
    ("accusation", "D26", "举报违法搭建", "{t}某住户在屋顶违法搭建彩钢房，请求查处。"),
    ("accusation", "D21", "举报非法储存烟花爆竹", "{t}某门店违规储存大量烟花爆竹，存在安全隐患。"),
    ("accusation", "T07", "举报村务不公开", "{t}村集体土地流转收入未公开，请求调查。"),
]  # fmt: skip
TOWNS = ["城关街道", "东城街道", "西城街道", "南湖街道", "北山镇", "青石镇", "柳河镇", "白云镇"]
CHANNELS = ["letter"] * 5 + ["visit"] * 6 + ["online"] * 6 + ["phone"] * 1 + ["transferred"] * 2
OBJECT_TO = {"D10": "D23", "D13": "D11", "D26": "D13", "D23": "D17", "T01": "D13"}
RESULTS = ["supported", "partly", "explained", "explained", "not_supported", "partly"]


class _World:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = random.Random(RNG_SEED)
        self.cal = calendar()
        self.today = ctx.today
        self.people = 0
        self.made: list = []

    def workday(self, day: dt.date) -> dt.date:
        try:
            return day if self.cal.is_workday(day) else self.cal.next_workday(day)
        except CalendarMissing:
            return dt.date.max

    def after(self, day: dt.date, n: int) -> dt.date:
        """A working day about ``n`` calendar days after ``day``."""
        return self.workday(day + D(days=n))

    def clerk(self, code: str):
        return unit_clerk(self.ctx, code)

    def unit(self, code: str):
        return self.ctx.units[code]

    def person(self) -> tuple[str, str]:
        self.people += 1
        n = self.people
        name = SURNAMES[n * 7 % len(SURNAMES)] + GIVEN[n * 3 % len(GIVEN)]
        birth = dt.date(1950 + n % 50, 1 + n % 12, 1 + n % 28)
        return name, make_id_number(ID_AREA, birth, 100 + n % 800)


def _register(w: _World, received: dt.date, matter, *, channel=None, who=None, same_as=None):
    rng = w.rng
    category, _, subject, content = matter
    town = rng.choice(TOWNS)
    channel = channel or rng.choice(CHANNELS)
    name, pid = who or w.person()
    people, reps = 1, ""
    if channel == "visit" and rng.random() < 0.08:
        people = rng.randint(6, 40)
        reps = "\n".join(w.person()[0] for _ in range(rng.randint(3, 5)))
    return svc.register(
        unit=w.unit(REGISTRY), channel=channel, received_on=received, category=category,
        petitioner_name=name, petitioner_id=pid, petitioner_phone=f"139{w.people:08d}",
        people_count=people, representatives=reps,
        subject=subject if who else f"{subject}（{town}）",
        content=content.format(n=rng.randint(2, 90) * 100, t=town), same_as=same_as,
        actor=w.clerk(REGISTRY),
    )  # fmt: skip


def _flow(w: _World, p, unit_code: str, plan: str) -> None:
    """Route, notice, handling and conclusion of one petition, each on its own day, as far
    as the demo's today allows. ``plan``: normal, late, extend, object, open_overdue."""
    rng, today = w.rng, w.today
    registry = w.clerk(REGISTRY)
    on = w.after(p.received_on, rng.randint(1, 8))
    if on > today:
        return
    r = rng.random()
    if plan == "normal" and r < 0.04:
        svc.route(p, route="legal_route", on=on, actor=registry)
        return
    if plan == "normal" and r < 0.07:
        svc.route(p, route="not_accepted", ground=rng.choice(["being_handled", "not_in_scope"]),
                  on=on, actor=registry)  # fmt: skip
        return
    if plan == "normal" and r < 0.12:
        code = REGISTRY
        p = svc.route(p, route="handle", on=on, actor=registry)
    else:
        code = unit_code
        got = min(w.after(on, rng.randint(0, 2)), today)
        p = svc.route(p, route=rng.choice(["transfer", "transfer", "assign"]), on=on,
                      handling_unit=w.unit(code), handling_received_on=got, actor=registry)  # fmt: skip
        if plan == "object":
            day = w.cal.add_working_days(got, 2).due
            if day > today:
                return
            p = svc.object_to_transfer(p, on=day, reason="该事项不属于本机关职权范围，应由"
                                       f"{w.unit(OBJECT_TO[unit_code]).name}处理",
                                       actor=w.clerk(code))  # fmt: skip
            code = OBJECT_TO[unit_code]
            on = w.after(day, 1)
            if on > today:
                return
            got = on
            p = svc.route(p, route="transfer", on=on, handling_unit=w.unit(code),
                          handling_received_on=got, actor=registry)  # fmt: skip
    clerk = w.clerk(code)
    start = p.handling_received_on
    notice = w.after(start, rng.randint(2, 11))
    if notice > today:
        return
    if plan == "normal" and rng.random() < 0.04:
        svc.notify(p, accepted=False, ground=rng.choice(["legal_route", "not_in_scope"]),
                   notified_on=notice, actor=clerk)  # fmt: skip
        return
    p = svc.notify(p, accepted=True, notified_on=notice, actor=clerk)
    if plan == "open_overdue":
        return
    claim = p.category == "claim"
    due = p.deadline.due_date if p.deadline_id else None
    if plan == "extend" and due is not None:
        approved = due - D(days=5)
        if approved > today:
            return
        p = svc.extend(p, days=20, approved_by=f"{w.unit(code).short_name or w.unit(code).name}主要负责人",
                       reason="涉及多个部门和历史遗留问题，需进一步调查核实", approved_on=approved,
                       actor=clerk)  # fmt: skip
        done = due + D(days=rng.randint(8, 15))
    elif plan == "late" and due is not None:
        done = due + D(days=rng.randint(1, 6))
    elif claim:
        done = w.after(p.accepted_on, rng.randint(20, 55))
        if due is not None:
            done = min(done, due)
    else:
        done = w.after(p.accepted_on, rng.randint(5, 30))
    if done > today:
        return
    served = min(done + D(days=rng.randint(1, 4)), today)
    if claim:
        year = done.year
        svc.conclude(p, concluded_on=done, result=rng.choice(RESULTS),
                     opinion_number=f"{w.unit(code).short_name or '示范区'}信意〔{year}〕{p.pk}号",
                     opinion="经调查核实，依据有关规定提出处理意见如下：……", served_on=served,
                     satisfied=rng.random() < 0.8, actor=clerk)  # fmt: skip
    else:
        svc.conclude(p, concluded_on=done, opinion="感谢您的来信，经核查，相关情况及处理结果如下：……",
                     served_on=served, satisfied=rng.random() < 0.85, actor=clerk)  # fmt: skip


def _review(w: _World, p, *, re_review: bool, hearing: bool) -> bool:
    """复查 (and 复核) of a concluded 申诉求决 petition, recorded by the 信访局."""
    rng, today, clerk = w.rng, w.today, w.clerk(REGISTRY)
    p.refresh_from_db()
    asked = w.after(p.opinion_served_on, rng.randint(5, 20))
    answered = w.after(asked, rng.randint(10, 25))
    if answered + D(days=3) > today:
        return False
    gov = w.unit("G00")
    svc.request_review(p, reviewing_unit=gov, requested_on=asked, actor=clerk)
    served = answered + D(days=2)
    svc.answer(p, level="review", result=rng.choice(["upheld", "upheld", "changed"]),
               opinion_number=f"示政信复查〔{asked.year}〕{p.pk}号", opinion="经复查，……",
               answered_on=answered, served_on=served, actor=clerk)  # fmt: skip
    if not re_review:
        return True
    asked = w.after(served, rng.randint(5, 15))
    answered = w.after(asked, 25 if hearing else rng.randint(10, 20))
    if answered + D(days=3) > today:
        return True
    svc.request_re_review(p, reviewing_unit=gov, requested_on=asked, actor=clerk)
    if hearing:
        svc.hearing(p, start=asked + D(days=6), actor=clerk)
        svc.hearing(p, end=asked + D(days=8), actor=clerk)
    svc.answer(p, level="re_review", result="upheld", opinion_number=f"示政信复核〔{asked.year}〕{p.pk}号",
               opinion="经复核，维持复查意见。", answered_on=answered, served_on=answered + D(days=2),
               actor=clerk)  # fmt: skip
    return True


def _year(w: _World, year: int, n: int, first: dt.date, last: dt.date, specials: dict) -> list:
    """``n`` petitions received between ``first`` and ``last``; ``specials``: index → plan."""
    span = max((last - first).days, 1)
    made = []
    for i in range(n):
        received = w.workday(first + D(days=span * i // n))
        if received > w.today:
            break
        matter = w.rng.choice(MATTERS)
        plan = specials.get(i, "normal")
        if plan != "normal" and matter[0] != "claim":
            matter = MATTERS[i % 11]
        if plan == "object" and matter[1] not in OBJECT_TO:
            matter = MATTERS[0]
        try:
            p = _register(w, received, matter)
            _flow(w, p, matter[1], plan)
        except CalendarMissing:
            continue
        except ValidationError as exc:  # a demo path the rules refuse is a demo bug
            raise RuntimeError(f"信访演示数据第{i + 1}件（{year}年，{plan}）：{exc}") from exc
        made.append((plan, p))
    return made


def _reviews(w: _World, made: list) -> None:
    claims = [p for _, p in made if p.category == "claim"]
    done = 0
    reviewed = []
    for p in claims[5::9]:
        p.refresh_from_db()
        if p.state != "concluded" or p.opinion_served_on is None or p.opinion_served_on.month > 9:
            continue
        n = len(reviewed)
        if _review(w, p, re_review=n < 3, hearing=n == 1):
            reviewed.append(p)
            done += 1
        if done == 12:
            break
    # The same matter again after 复核: registered, and only 不予受理 (第三十六条).
    first = reviewed[0] if reviewed else None
    if first is None:
        return
    first.refresh_from_db()
    r = first.reviews.filter(level="re_review").first()
    if r is None or r.served_on is None:
        return
    again = w.after(r.served_on, 20)
    if again + D(days=1) > w.today:
        return
    matter = (first.category, "", first.subject, first.content)
    p = _register(w, again, matter, channel="visit",
                  who=(first.petitioner_name, first.petitioner_id))  # fmt: skip
    svc.route(p, route="not_accepted", ground="re_reviewed", on=w.after(again, 1),
              actor=w.clerk(REGISTRY))  # fmt: skip


@register_demo("mediation_petitions", order=48)
def build(ctx) -> None:
    w = _World(ctx)
    y = ctx.year
    specials = {40: "late", 95: "late", 150: "late", 210: "late", 120: "extend", 30: "object",
                130: "object", 230: "object"}  # fmt: skip
    made = _year(w, y, 300, dt.date(y, 1, 6), dt.date(y, 12, 10), specials)
    _reviews(w, made)
    if ctx.today.year > y:
        year = ctx.today.year
        first = dt.date(year, 1, 5)
        days = (ctx.today - first).days
        n = max(8, days * 300 // 365)
        # One 申诉求决 petition received about three months back, accepted and not concluded.
        overdue_at = max(0, n - 1 - (n * 95) // max(days, 1))
        _year(w, year, n, first, ctx.today, {overdue_at: "open_overdue"})
