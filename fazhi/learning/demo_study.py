"""学法用法 in the demo district: the directory (each unit's principal, 2–4 leaders and 5–15
staff; a few left during the year), then 2025: about 18 会前学法 before the government's
常务会议 and 4 中心组学法, each department's and township's collective study every other
month, 17 training courses (领导干部 and 公务员 courses of the government, 执法人员 courses
of departments), 4 旁听庭审 with about 55 attendees, each unit's 年度考法 (a pass rate in
the 90s) and hours from the 网上学法平台 — so that most officials reach the minimum and a few
are flagged; then the current year up to the demo's today, at the same pace.

Everything goes through the services (services/*.py), as the unit's clerk (the government's
records as its clerk). Deterministic: one seeded generator of its own."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Q

from fazhi.core.demo import GIVEN, SURNAMES, unit_clerk
from fazhi.core.models import OrgUnit
from fazhi.core.registry import register_demo

from . import conf
from . import hours as hours_mod
from .models import Official
from .services import court, credits, exams, officials, sessions, trainings

RNG_SEED = 20250317
LAWS = [
    ("学习《中华人民共和国宪法》", "中华人民共和国宪法"),
    ("学习《中华人民共和国行政复议法》", "中华人民共和国行政复议法"),
    ("学习《中华人民共和国行政处罚法》", "中华人民共和国行政处罚法"),
    ("学习《中华人民共和国民法典》", "中华人民共和国民法典"),
    ("学习《优化营商环境条例》", "优化营商环境条例"),
    ("学习《重大行政决策程序暂行条例》", "重大行政决策程序暂行条例"),
    ("学习《中华人民共和国政府信息公开条例》", "中华人民共和国政府信息公开条例"),
    ("学习《中华人民共和国安全生产法》", "中华人民共和国安全生产法"),
    ("学习《信访工作条例》", "信访工作条例"),
    ("学习《中华人民共和国行政诉讼法》", "中华人民共和国行政诉讼法"),
    ("学习《中华人民共和国保守国家秘密法》", "中华人民共和国保守国家秘密法"),
    ("学习《中华人民共和国生态环境法典》相关规定", "中华人民共和国环境保护法"),
]
STAFF_POSTS = ["科长", "副科长", "一级主任科员", "二级主任科员", "四级主任科员", "一级科员",
               "科员", "办事员"]  # fmt: skip
COURT = "示范区人民法院"
CASES = [
    ("行政处罚纠纷（不服市场监管行政处罚）", "（2025）示0105行初12号"),
    ("行政强制纠纷（违法建设强制拆除）", "（2025）示0105行初37号"),
    ("政府信息公开纠纷", "（2025）示0105行初58号"),
    ("行政协议纠纷（征收补偿协议）", "（2025）示0105行初81号"),
]


class Study:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = random.Random(RNG_SEED)
        self.units = [u for u in ctx.units.values() if u.kind != OrgUnit.Kind.COMMUNITY]
        self.gov = ctx.units["G00"]
        self.number = 0

    def clerk(self, unit):
        code = next(c for c, u in self.ctx.units.items() if u.pk == unit.pk)
        try:
            return unit_clerk(self.ctx, code)
        except KeyError:
            return None

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def workday(self, d: dt.date) -> dt.date:
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        return d

    # --- the directory --------------------------------------------------------------------
    def name(self, taken: set) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if n not in taken:
                taken.add(n)
                return n

    def directory(self) -> None:
        for unit in self.units:
            taken: set = set()
            gov = unit.kind == OrgUnit.Kind.GOVERNMENT
            town = unit.kind == OrgUnit.Kind.TOWNSHIP
            head = "区长" if gov else ("镇长" if unit.name.endswith("镇") else "主任")
            if not gov and not town:
                head = "主任" if unit.name.endswith(("办公室", "中心", "馆")) else "局长"
                if unit.name.endswith("大队"):
                    head = "大队长"
            plan = [(head, "principal")]
            plan += [(f"副{head}", "leader") for _ in range(self.rng.randint(2, 4))]
            plan += [
                (self.rng.choice(STAFF_POSTS), "staff") for _ in range(self.rng.randint(5, 15))
            ]
            actor = self.clerk(unit)
            for post, level in plan:
                self.number += 1
                officials.add_official(
                    unit=unit, name=self.name(taken), post=post, level=level,
                    staff_number=f"{self.number:05d}",
                    joined_on=self.day(dt.date(2012, 1, 1), dt.date(2024, 12, 31)), actor=actor,
                )  # fmt: skip

    def leavers(self, year: int, until: dt.date) -> None:
        """A few staff leave during the year (调离、退休)."""
        pool = list(Official.objects.filter(level="staff", left_on=None).order_by("pk"))
        for o in self.rng.sample(pool, min(6, len(pool))):
            on = self.day(dt.date(year, 3, 1), min(dt.date(year, 9, 30), until))
            officials.leave(o, on=on, actor=self.clerk(o.unit))

    # --- the year's study -----------------------------------------------------------------
    def present(self, people, rate=0.9):
        out = []
        for o in people:
            r = self.rng.random()
            out.append((o, "present" if r < rate else ("leave" if r < rate + 0.07 else "absent")))
        if not any(st == "present" for _, st in out):
            out[0] = (out[0][0], "present")
        return out

    def in_service(self, qs, on: dt.date):
        return list(qs.filter(Q(left_on=None) | Q(left_on__gt=on))
                    .filter(Q(joined_on=None) | Q(joined_on__lte=on)).order_by("pk"))  # fmt: skip

    def year(self, year: int, until: dt.date) -> None:
        first = dt.date(year, 1, 1)
        span = (min(until, dt.date(year, 12, 31)) - first).days
        fraction = span / 364
        self.leavers(year, until)
        gov_actor = self.clerk(self.gov)
        leaders = Official.objects.filter(unit=self.gov, level__in=("principal", "leader"))
        principals = Official.objects.filter(level="principal").exclude(unit=self.gov)
        # 会前学法 before the 常务会议, about every three weeks; 中心组 each quarter.
        meetings = round(18 * fraction)
        for n in range(1, meetings + 1):
            on = self.workday(first + dt.timedelta(days=8 + (n - 1) * span // max(meetings, 1)))
            if on > until:
                break
            heads = self.rng.sample(self.in_service(principals, on), 8)
            topic, law = LAWS[n % len(LAWS)]
            sessions.record_session(
                unit=self.gov, kind="pre_meeting", held_on=on, topic=topic, laws=law,
                meeting=f"区政府第{n}次常务会议", lecturer="区司法局负责同志", hours=1,
                attendance=self.present(self.in_service(leaders, on) + heads, 0.95),
                actor=gov_actor,
            )  # fmt: skip
        for q in range(1, 5):
            on = self.workday(dt.date(year, 3 * q - 1, 20))
            if on > until:
                break
            topic, law = LAWS[(q * 5) % len(LAWS)]
            sessions.record_session(
                unit=self.gov, kind="central_group", held_on=on, topic=topic, laws=law,
                lecturer="区委党校教授", hours=2,
                attendance=self.present(self.in_service(leaders, on), 0.95), actor=gov_actor,
            )  # fmt: skip
        # Each department's and township's collective study, every other month.
        for unit in self.units:
            if unit.pk == self.gov.pk:
                continue
            actor = self.clerk(unit)
            for m in range(1, 12, 2):
                on = self.workday(dt.date(year, m, self.rng.randint(8, 25)))
                if on > until:
                    break
                topic, law = LAWS[(m + unit.pk) % len(LAWS)]
                kind = "lecture" if m == 7 else "collective"
                people = self.in_service(Official.objects.filter(unit=unit), on)
                sessions.record_session(
                    unit=unit, kind=kind, held_on=on, topic=topic, laws=law, hours=2,
                    lecturer="法律顾问" if kind == "lecture" else "", actor=actor,
                    attendance=self.present(people),
                )  # fmt: skip
        self.trainings(year, until, fraction)
        self.court(year, until)
        self.exams(year, until)
        self.credits(year, until)

    def trainings(self, year: int, until: dt.date, fraction: float) -> None:
        gov_actor = self.clerk(self.gov)
        lead = list(Official.objects.filter(level__in=("principal", "leader"), left_on=None)
                    .order_by("pk"))  # fmt: skip
        staff = list(Official.objects.filter(level="staff", left_on=None).order_by("pk"))
        plan = []
        for i in range(3):
            plan.append(
                ("leaders", f"{year}年领导干部法治专题培训班（第{i + 1}期）", 16, lead[i::3])
            )
        for i in range(6):
            plan.append(("officials", f"{year}年公务员法治培训班（第{i + 1}期）", 12, staff[i::6]))
        courses = max(1, round(len(plan) * fraction))
        for n, (kind, name, hours, people) in enumerate(plan[:courses]):
            start = self.workday(
                dt.date(year, 1, 1) + dt.timedelta(days=30 + n * int(300 * fraction) // courses)
            )
            end = start + dt.timedelta(days=1)
            if end > until:
                break
            t = trainings.create_training(unit=self.gov, kind=kind, name=name, starts_on=start,
                                          ends_on=end, hours=hours, place="区委党校",
                                          content="习近平法治思想、宪法和相关法律法规",
                                          actor=gov_actor)  # fmt: skip
            for o in people:
                done = self.rng.random() > 0.04
                trainings.set_attendance(t, official=o, hours=hours if done else hours // 2,
                                         completed=done, actor=gov_actor)  # fmt: skip
        enforcing = [u for u in self.units if u.is_enforcement_agency
                     and u.kind == OrgUnit.Kind.DEPARTMENT][:8]  # fmt: skip
        for n, unit in enumerate(enforcing[: max(1, round(8 * fraction))]):
            start = self.workday(
                dt.date(year, 4, 1) + dt.timedelta(days=n * int(200 * fraction) // 8)
            )
            if start > until:
                break
            actor = self.clerk(unit)
            t = trainings.create_training(
                unit=unit, kind="enforcement", name=f"{year}年{unit.short_name}行政执法人员法律知识培训",
                starts_on=start, ends_on=start, hours=8, place=f"{unit.short_name}会议室",
                content="行政执法三项制度、行政处罚法", actor=actor,
            )  # fmt: skip
            for o in Official.objects.filter(unit=unit, level="staff", left_on=None).order_by("pk"):
                trainings.set_attendance(t, official=o, actor=actor)

    def court(self, year: int, until: dt.date) -> None:
        gov_actor = self.clerk(self.gov)
        pool = list(Official.objects.filter(level__in=("principal", "leader"), left_on=None)
                    .exclude(unit=self.gov).order_by("pk"))  # fmt: skip
        for n, (case, number) in enumerate(CASES):
            on = self.workday(dt.date(year, 3 + n * 3, 12))
            if on > until:
                break
            court.record_observation(
                unit=self.gov, held_on=on, court=COURT, case_name=case,
                case_number=number.replace("2025", str(year)),
                attendees=self.rng.sample(pool, 12 + n), hours=4,
                reflections="行政机关负责人出庭应诉，庭审中对行政行为的合法性进行了充分说明。",
                actor=gov_actor,
            )  # fmt: skip

    def exams(self, year: int, until: dt.date) -> None:
        for unit in self.units:
            on = self.workday(dt.date(year, 11, 4) + dt.timedelta(days=unit.sort_order % 10))
            if on > until:
                continue
            actor = self.clerk(unit)
            e = exams.create_exam(unit=unit, year=year, name=f"{year}年度法治理论知识考试",
                                  held_on=on, actor=actor)  # fmt: skip
            for o in self.in_service(Official.objects.filter(unit=unit), on):
                r = self.rng.random()
                if r < 0.01:
                    exams.set_result(e, official=o, absent=True, actor=actor)
                    continue
                low = r < 0.05  # about one in twenty below the pass mark
                score = self.rng.randint(40, 59) if low else self.rng.randint(65, 99)
                exams.set_result(e, official=o, score=score, actor=actor)

    def credits(self, year: int, until: dt.date) -> None:
        """网上学法平台 hours: enough for most to reach the year's minimum (pro rata in the
        current year), a few short of it."""
        end = min(until, dt.date(year, 12, 20))
        fraction = min(1, (end - dt.date(year, 1, 1)).days / 353)
        people = Official.objects.filter(left_on=None).order_by("pk")
        for row in hours_mod.year_rows(people, year):
            o = row.official
            target = Decimal(str(conf.minimum_hours_leaders() if o.is_leader
                                 else conf.minimum_hours())) * Decimal(str(fraction))  # fmt: skip
            short = self.rng.random() < 0.04
            want = int(target - row.total) + (-self.rng.randint(4, 12) if short
                                              else self.rng.randint(2, 12))  # fmt: skip
            actor = self.clerk(o.unit)
            parts = self.rng.randint(1, 3)
            for p in range(parts):
                h = want // parts + (want % parts if p == 0 else 0)
                if h <= 0:
                    continue
                on = self.day(max(dt.date(year, 1, 5), o.joined_on or dt.date(year, 1, 5)), end)
                credits.add_credit(official=o, earned_on=on, source="online_platform",
                                   description="网上学法平台课程学习", hours=h, actor=actor)  # fmt: skip


@register_demo("learning_study", order=48)
def build(ctx) -> None:
    w = Study(ctx)
    w.directory()
    w.year(ctx.year, ctx.today)
    if ctx.today.year > ctx.year:
        w.year(ctx.today.year, ctx.today)
