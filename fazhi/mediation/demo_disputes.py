"""人民调解 in the demo district: every township's 人民调解委员会 and its villages' and
communities' committees (three to nine members with a woman, current terms; one village
committee whose term ran out in January 2026, so the composition check shows), the district's
医疗纠纷人民调解委员会, the court's 诉调对接 and the 信访局's 访调对接 rooms; the year 2025 of
disputes (about 4,000 across the townships, 97% of the mediated ones settled, a few refused,
the failed ones pointed to a legal route, written agreements some with 司法确认, follow-ups),
then the current year up to the demo's today, with disputes still being mediated and two
past their 30 days.

Most of the volume is each township's ledger (人民调解台账) going through the import
(``services/dispute_import.py``); about 150 disputes go step by step through the services
(``services/disputes``) on their own days, so their record pages have a timeline.
Deterministic: its own seeded generator; identifiers generated to validate.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.exceptions import ValidationError

from fazhi.core.demo import GIVEN, SURNAMES, TOWNSHIPS, unit_clerk
from fazhi.core.identifiers import make_id_number
from fazhi.core.registry import register_demo

from .models import Dispute, MediationBody
from .services import bodies, disputes
from .services.dispute_import import import_disputes

RNG_SEED = 20250317
ID_AREA = "610199"
YEAR_VOLUME = 4000  # disputes of the demo year in the townships' ledgers and step by step
STEP_YEAR = 100  # of them, step by step
FAIL = 0.025  # of the mediated: 调解不成 (the rest settle: about 97.5%)
REFUSE = 0.01  # of all: a party refuses mediation (第十七条)
EXPIRED = ("T07", 2)  # the village committee whose term ran out (柳河镇前进村)
EXPIRED_TERM = dt.date(2023, 1, 6)  # ended 2026-01-05
D = dt.date

# Dispute types, weighted (a township, a town or village area): like the 人民调解 statistics
# the 司法行政 keeps, neighbours and families first.
TYPES = {
    "street": [("neighbour", 24), ("family", 20), ("property_mgmt", 12), ("housing", 6),
               ("labour", 9), ("contract", 8), ("damages", 7), ("traffic", 4), ("consumer", 4),
               ("medical", 2), ("business", 2), ("other", 2)],
    "rural": [("neighbour", 26), ("family", 20), ("housing", 14), ("land", 9), ("labour", 8),
              ("contract", 6), ("damages", 7), ("traffic", 4), ("demolition", 2),
              ("medical", 2), ("business", 1), ("other", 1)],
}  # fmt: skip
SOURCES = [("visit", 34), ("grid", 26), ("application", 20), ("hotline", 10), ("petition", 4),
           ("court", 3), ("police", 3)]  # fmt: skip
SUMMARY = {
    "neighbour": ["因院墙排水问题发生争执", "因楼上漏水损坏楼下装修发生纠纷", "因通行道路被占用发生争执",
                  "因噪音扰民多次发生口角", "因修建围墙界址不清发生纠纷"],
    "family": ["夫妻因家庭琐事矛盾激化，一方要求离婚", "子女对老人赡养费分担意见不一",
               "兄弟因父母遗产分割发生纠纷", "离婚后子女探视问题发生争执"],
    "housing": ["因宅基地界址发生争议", "因房屋买卖过户发生纠纷", "因翻建房屋影响相邻采光发生纠纷"],
    "land": ["因承包地边界不清发生争执", "因林地承包经营权流转发生纠纷"],
    "labour": ["务工人员被拖欠工资", "工伤赔偿数额协商不成", "解除劳动合同经济补偿发生争议"],
    "property_mgmt": ["业主拖欠物业费与物业公司发生纠纷", "小区停车位管理引发业主与物业纠纷",
                      "电梯维修费用分摊发生争议"],
    "contract": ["民间借贷到期未还发生纠纷", "装修工程款结算发生争议", "农资买卖合同货款纠纷"],
    "damages": ["因饲养的犬只咬伤他人发生赔偿纠纷", "施工损坏邻居房屋发生赔偿纠纷"],
    "traffic": ["电动车与行人碰撞致人受伤，赔偿数额有争议", "轻微交通事故车辆维修费用争议"],
    "medical": ["患者家属对诊疗结果有异议要求赔偿", "术后并发症引发医患纠纷"],
    "demolition": ["房屋征收补偿款分配发生纠纷"],
    "consumer": ["购买家电质量问题退换货纠纷", "预付卡消费退款纠纷"],
    "business": ["合伙经营利润分配发生纠纷"],
    "other": ["其他民间纠纷"],
}  # fmt: skip
TERMS = {
    "neighbour": "双方互谅互让，{r}于十日内恢复原状，今后和睦相处",
    "family": "双方自愿达成协议，{r}按月支付相关费用，互相尊重",
    "housing": "双方确认界址，以现状为准，不再争执",
    "land": "双方按承包合同确认边界，重新埋设界桩",
    "labour": "{r}于十五日内一次性支付所欠款项",
    "property_mgmt": "业主补缴费用，物业公司整改服务问题",
    "contract": "{r}分期归还欠款，逾期按约定承担责任",
    "damages": "{r}一次性赔偿医疗费等各项损失",
    "traffic": "{r}一次性赔偿医疗费、误工费等损失，双方再无其他纠纷",
    "medical": "医院一次性给予补偿，患方不再追究",
    "demolition": "家庭成员按协商比例分配补偿款",
    "consumer": "商家退还货款，消费者退回商品",
    "business": "双方按出资比例分配利润并清算",
    "other": "双方自愿和解",
}
MONEY_TYPES = {"labour", "contract", "damages", "traffic", "medical", "demolition", "consumer",
               "business", "property_mgmt"}  # fmt: skip
ROUTES = {"labour": "arbitration", "demolition": "administrative"}
COURT = "示范区人民法院"


def _weighted(rng: random.Random, pairs):
    codes, weights = zip(*pairs, strict=True)
    return rng.choices(codes, weights=weights)[0]


class _World:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = random.Random(RNG_SEED)
        self.today = ctx.today
        self.people = 0
        self.agreements: dict[str, int] = {}
        self.town_bodies: dict[str, list[tuple[MediationBody, list[str]]]] = {}
        self.district: dict[str, tuple[MediationBody, list[str]]] = {}
        self.term_ends: dict[int, dt.date] = {}

    def name(self) -> str:
        rng = self.rng
        return rng.choice(SURNAMES) + rng.choice(GIVEN)

    def person(self, side: str, with_id: bool) -> dict:
        self.people += 1
        rng = self.rng
        birth = D(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 52))
        return {"side": side, "kind": "person", "name": self.name(),
                "id_number": make_id_number(ID_AREA, birth, self.people % 1000) if with_id else "",
                "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}" if with_id else "",
                "address": ""}  # fmt: skip

    def agreement_number(self, prefix: str, year: int) -> str:
        key = f"{prefix}{year}"
        self.agreements[key] = self.agreements.get(key, 0) + 1
        return f"{prefix}调〔{year}〕{self.agreements[key]}号"


# --- bodies -------------------------------------------------------------------------------


def _members(w: _World, clerk, body: MediationBody, n: int, joined: dt.date) -> list[str]:
    names = []
    for i in range(n):
        gender = "female" if i in (0, 3) or w.rng.random() < 0.3 else "male"
        role = "chair" if i == 0 else ("vice_chair" if i == 1 else "member")
        m = bodies.add_member(clerk, body, name=w.name(), gender=gender, role=role,
                              joined_on=joined, full_time=i < 2 and body.kind == "township")  # fmt: skip
        names.append(m.name)
    return names


def _bodies(w: _World) -> None:
    ctx = w.ctx
    for t, (code, town_name, communities) in enumerate(TOWNSHIPS):
        clerk = unit_clerk(ctx, code)
        town = ctx.units[code]
        term = D(2024, 1, 8) + dt.timedelta(days=7 * t)
        body = bodies.create_body(
            clerk, unit=town, name=f"{town_name}人民调解委员会", kind="township",
            address=f"示范区{town_name}综治中心", established_on=D(2011, 6, 1), term_starts_on=term,
        )  # fmt: skip
        listed = [(body, _members(w, clerk, body, 5 + t % 3, term))]
        for j, cname in enumerate(communities, 1):
            unit = ctx.units[f"{code}C{j:02d}"]
            start = EXPIRED_TERM if (code, j) == EXPIRED else term + dt.timedelta(days=j)
            vb = bodies.create_body(
                clerk, unit=unit, name=f"{cname}人民调解委员会", kind="village",
                established_on=D(2012, 3, 1), term_starts_on=start,
            )  # fmt: skip
            listed.append((vb, _members(w, clerk, vb, 3 + (t + j) % 3, start)))
            w.term_ends[vb.pk] = bodies.term_end(start)
        w.town_bodies[code] = listed
    sfj = unit_clerk(ctx, "D08")
    med = bodies.create_body(
        sfj, unit=ctx.units["D08"], name="示范区医疗纠纷人民调解委员会", kind="industry",
        sector="医疗卫生", established_on=D(2014, 9, 1), term_starts_on=D(2024, 9, 2),
    )  # fmt: skip
    w.district["medical"] = (med, _members(w, sfj, med, 7, D(2024, 9, 2)))
    court = bodies.create_body(sfj, unit=ctx.units["D08"], name="示范区人民法院诉调对接工作室",
                               kind="court_link", established_on=D(2017, 5, 1))  # fmt: skip
    w.district["court"] = (court, ["王志刚", "李慧敏"])
    petitions = unit_clerk(ctx, "D27")
    room = bodies.create_body(petitions, unit=ctx.units["D27"], name="示范区信访局访调对接工作室",
                              kind="petition_link", established_on=D(2018, 3, 1))  # fmt: skip
    w.district["petition"] = (room, ["赵建军", "孙玉梅"])


def _body_for(w: _World, code: str, type_: str, source: str, on: dt.date):
    """The body a dispute of this township goes to on ``on``: the medical committee for
    医疗纠纷, the court's room for what the court hands over, else the township's committee
    or one of its villages' (never the committee whose term has run out)."""
    if type_ == "medical":
        return w.district["medical"]
    if source == "court":
        return w.district["court"]
    listed = w.town_bodies[code]
    if len(listed) > 1 and w.rng.random() < 0.45:
        pick = w.rng.choice(listed[1:])
        if on < w.term_ends[pick[0].pk]:  # the members do not change: the term decides
            return pick
    return listed[0]


# --- one dispute's story --------------------------------------------------------------------


class Story:
    """What happens to one dispute, drawn once: the ledger row and the step-by-step path
    read the same story."""

    def __init__(self, w: _World, code: str, found: dt.date, last: dt.date, *, open_: str = ""):
        rng = w.rng
        area = "street" if "街道" in w.ctx.units[code].name else "rural"
        self.code, self.found = code, found
        self.type = _weighted(rng, TYPES[area])
        self.source = _weighted(rng, SOURCES)
        if self.source == "petition":
            self.source = "visit"  # the 访调对接 room's are made apart (unit 信访局)
        org = self.type in ("property_mgmt", "medical", "labour", "consumer") and rng.random() < 0.7
        with_id = rng.random() < 0.8
        self.parties = [w.person("applicant", with_id), w.person("respondent", with_id)]
        if org:
            firm = {"property_mgmt": "物业服务有限公司", "medical": "卫生院", "labour": "建筑工程有限公司",
                    "consumer": "商贸有限公司"}[self.type]  # fmt: skip
            self.parties[1] = {"side": "respondent", "kind": "organisation",
                               "name": f"示范区{rng.choice(['华兴', '鑫源', '长青', '东方', '永安'])}{firm}",
                               "id_number": "", "phone": "", "address": ""}  # fmt: skip
        self.summary = f"{self.parties[0]['name']}与{self.parties[1]['name']}" + rng.choice(
            SUMMARY[self.type]
        )
        self.amount = rng.randint(20, 2000) * 100 if self.type in MONEY_TYPES else None
        self.people = 2 + (rng.random() < 0.15) * rng.randint(1, 4)
        self.open = open_
        # The path.
        self.refused = not open_ and rng.random() < REFUSE
        self.accepted = (
            None if self.refused else found + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
        )
        self.body, self.mediators = (None, [])
        if self.accepted:
            self.body, names = _body_for(w, code, self.type, self.source, self.accepted)
            self.mediators = rng.sample(names, min(2, len(names)))
        days = rng.choice((1, 2, 3, 5, 7, 7, 10, 12, 15, 18, 21, 25, 28))
        if rng.random() < 0.01:
            days = rng.randint(31, 40)  # concluded after the 30 days
        self.concluded = (self.accepted or found) + dt.timedelta(days=days if self.accepted else 1)
        if not open_ and self.concluded > last:
            self.concluded = last
            if self.accepted and self.concluded < self.accepted:
                self.accepted = self.concluded
        self.outcome = "" if open_ else ("refused" if self.refused else (
            "failed" if rng.random() < FAIL else "success"))  # fmt: skip
        self.form = ""
        if self.outcome == "success":
            self.form = "written" if rng.random() < 0.6 or self.amount else "oral"
        self.agreement_amount = None
        if self.outcome == "success" and self.amount:
            self.agreement_amount = self.amount * rng.choice((50, 60, 70, 80, 100)) // 100
        self.terms = TERMS[self.type].format(r=self.parties[1]["name"])
        self.applied = None
        if self.form == "written" and rng.random() < 0.06:
            self.applied = self.concluded + dt.timedelta(days=rng.randint(3, 20))
        self.ruled = self.applied + dt.timedelta(days=rng.randint(3, 15)) if self.applied else None
        self.visited = None
        if self.outcome == "success" and rng.random() < 0.5:
            self.visited = self.concluded + dt.timedelta(days=rng.randint(7, 30))
            self.performed = rng.random() < 0.97
        self.route = ""
        if self.outcome == "failed" or (self.outcome == "refused" and rng.random() < 0.5):
            self.route = ROUTES.get(self.type, "litigation")
            self.escalated = self.concluded + dt.timedelta(days=rng.randint(0, 3))
        self.prefix = self.body.name[:2] if self.body else w.ctx.units[code].name[:2]
        self.number = (
            w.agreement_number(self.prefix, self.concluded.year) if self.form == "written" else ""
        )

    def clip(self, today: dt.date) -> None:
        """Steps after the demo's today have not happened yet."""
        if self.applied and self.applied > today:
            self.applied = self.ruled = None
        if self.ruled and self.ruled > today:
            self.ruled = None
        if self.visited and self.visited > today:
            self.visited = None
        if self.route and self.escalated > today:
            self.route = ""

    def note(self) -> str:
        return {"failed": "双方对责任承担和赔偿数额分歧较大，经多次调解未能达成协议",
                "refused": "对方当事人明确表示不同意调解"}.get(self.outcome, "")  # fmt: skip

    def row(self) -> dict:
        """The ledger row (the import's field names)."""
        side = {s: [p for p in self.parties if p["side"] == s] for s in ("applicant", "respondent")}
        r = {
            "found_on": self.found, "source": self.source, "type": self.type,
            "summary": self.summary, "amount": self.amount, "people_involved": self.people,
            "applicant": "、".join(p["name"] for p in side["applicant"]),
            "applicant_id": "、".join(p["id_number"] for p in side["applicant"] if p["id_number"]),
            "applicant_phone": "、".join(p["phone"] for p in side["applicant"] if p["phone"]),
            "respondent": "、".join(p["name"] for p in side["respondent"]),
            "respondent_id": "、".join(p["id_number"] for p in side["respondent"] if p["id_number"]),
            "respondent_phone": "、".join(p["phone"] for p in side["respondent"] if p["phone"]),
        }  # fmt: skip
        if self.accepted:
            r |= {"body": self.body.name, "accepted_on": self.accepted,
                  "mediators": "、".join(self.mediators)}  # fmt: skip
        if self.outcome:
            r |= {
                "outcome": self.outcome,
                "concluded_on": self.concluded,
                "outcome_note": self.note(),
            }
        if self.outcome == "success":
            r |= {"agreement_form": self.form, "agreement_number": self.number,
                  "agreement_terms": self.terms, "agreement_amount": self.agreement_amount}  # fmt: skip
        if self.applied:
            r |= {"confirmation_applied_on": self.applied, "confirmation_court": COURT}
            if self.ruled:
                r |= {"confirmation_result": "confirmed", "confirmed_on": self.ruled}
        if self.visited:
            r |= {"followed_up_on": self.visited, "performed": "是" if self.performed else "否",
                  "follow_up_note": "协议已按约履行" if self.performed else "对方尚未履行，已督促"}  # fmt: skip
        if self.route:
            r |= {"escalation_route": self.route, "escalated_on": self.escalated}
        return {k: ("" if v is None else v) for k, v in r.items()}

    def walk(self, w: _World, unit, clerk) -> Dispute:
        """The same story through the services, each step on its day."""
        d = disputes.record_dispute(
            clerk, unit=unit, found_on=self.found, source=self.source, type=self.type,
            summary=self.summary, parties=self.parties, amount=self.amount,
            people_involved=self.people, found_by=w.name(),
        )  # fmt: skip
        if not self.accepted:
            if self.outcome == "refused":
                d = disputes.conclude(clerk, d, outcome="refused", concluded_on=self.concluded,
                                      note=self.note())  # fmt: skip
                if self.route:
                    disputes.escalate(clerk, d, route=self.route, escalated_on=self.escalated)
            return d
        d = disputes.accept(clerk, d, body=self.body, accepted_on=self.accepted,
                            mediators="、".join(self.mediators))  # fmt: skip
        end = self.concluded if self.outcome else w.today
        for k in range(1 + (end - self.accepted).days // 10):
            held = self.accepted + dt.timedelta(days=min(10 * k + 1, (end - self.accepted).days))
            if held > w.today:
                break
            disputes.add_session(
                clerk, d, held_on=held, mediators="、".join(self.mediators),
                notes=("分别听取双方陈述，核实事实，释明有关法律规定" if k == 0
                       else "背对背做双方工作，提出调解方案"),
            )  # fmt: skip
        if self.open == "extended":
            start = self.accepted + dt.timedelta(days=20)
            disputes.extend_mediation(clerk, d, start=start, end=start + dt.timedelta(days=14),
                                      reason="双方同意待伤情鉴定结论出具后继续调解")  # fmt: skip
        if not self.outcome:
            return d
        d = disputes.conclude(
            clerk, d, outcome=self.outcome, concluded_on=self.concluded, note=self.note(),
            agreement_form=self.form, agreement_number=self.number,
            agreement_terms=self.terms if self.outcome == "success" else "",
            agreement_amount=self.agreement_amount,
        )  # fmt: skip
        if self.applied:
            d = disputes.apply_confirmation(clerk, d, applied_on=self.applied, court=COURT)
            if self.ruled:
                d = disputes.record_confirmation(
                    clerk, d, result="confirmed", confirmed_on=self.ruled
                )
        if self.visited:
            d = disputes.follow_up(clerk, d, followed_up_on=self.visited, performed=self.performed,
                                   note="协议已按约履行" if self.performed else "对方尚未履行，已督促")  # fmt: skip
        if self.route:
            d = disputes.escalate(clerk, d, route=self.route, escalated_on=self.escalated)
        return d


# --- the years ------------------------------------------------------------------------------

SHARE = {"T01": 14, "T02": 11, "T03": 10, "T04": 9, "T05": 10, "T06": 8, "T07": 11, "T08": 8,
         "T09": 7, "T10": 12}  # fmt: skip


def _year(w: _World, first: dt.date, last: dt.date, volume: int, steps: int) -> int:
    """``volume`` disputes found from ``first`` to ``last`` (each concluded by ``last`` at
    the latest): ``steps`` of them step by step, the rest in each township's ledger."""
    made = 0
    span = max((last - first).days, 1)
    total = sum(SHARE.values())
    step_every = max(1, volume // max(steps, 1))
    n = 0
    for code, *_ in TOWNSHIPS:
        count = volume * SHARE[code] // total
        rows, walks = [], []
        for i in range(count):
            found = first + dt.timedelta(days=span * i // max(count, 1) + w.rng.randint(0, 2))
            found = min(found, last)
            story = Story(w, code, found, last)
            story.clip(w.today)
            n += 1
            (walks if n % step_every == 0 else rows).append(story)
        clerk = unit_clerk(w.ctx, code)
        result = import_disputes(((k, s.row()) for k, s in enumerate(rows, 2)),
                                 unit=w.ctx.units[code], actor=clerk, day=w.today)  # fmt: skip
        if result.errors:
            raise RuntimeError(f"人民调解演示台账（{code}）：{result.errors[:3]}")
        made += result.created
        for s in walks:
            _walk(w, s, w.ctx.units[code], clerk)
            made += 1
    return made


def _walk(w: _World, story: Story, unit, clerk) -> Dispute:
    try:
        return story.walk(w, unit, clerk)
    except ValidationError as exc:  # a demo path the rules refuse is a demo bug
        raise RuntimeError(f"人民调解演示数据（{unit.name}，{story.found}）：{exc}") from exc


def _petition_room(w: _World, first: dt.date, last: dt.date, count: int) -> int:
    """Disputes handed from 信访 to the 信访局's 访调对接 room (unit 信访局)."""
    unit, clerk = w.ctx.units["D27"], unit_clerk(w.ctx, "D27")
    room, names = w.district["petition"]
    for i in range(count):
        found = first + dt.timedelta(days=(last - first).days * i // count)
        s = Story(w, "T01", found, last)
        s.source, s.body, s.mediators, s.prefix = "petition", room, names, "访调"
        if not s.accepted:
            s.accepted = found
        s.clip(w.today)
        _walk(w, s, unit, clerk)
    return count


def _current(w: _World) -> int:
    """The current year up to today: settled ones, and the ones still open — being mediated
    (accepted in the last weeks), two past their 30 days, one the parties agreed to extend,
    a few found and not yet taken up, two written agreements still in their 30 days."""
    today = w.today
    first = D(today.year, 1, 2)
    made = 0
    if (today - first).days > 40:
        share = min(1.0, (today - first).days / 365)
        made += _year(w, first, today - dt.timedelta(days=35), int(YEAR_VOLUME * share),
                      max(10, int(30 * share)))  # fmt: skip
    codes = [c for c, *_ in TOWNSHIPS]
    plan = ([("mediating", 3 + 2 * i) for i in range(12)] + [("overdue", 38), ("overdue", 45)]
            + [("extended", 36)] + [("found", 1 + i) for i in range(3)]
            + [("written", 8), ("written", 15)])  # fmt: skip
    for i, (kind, back) in enumerate(plan):
        code = codes[i % len(codes)]
        unit, clerk = w.ctx.units[code], unit_clerk(w.ctx, code)
        found = today - dt.timedelta(days=back + 1)
        s = Story(w, code, found, today, open_=kind if kind != "written" else "")
        s.refused, s.accepted = False, found + dt.timedelta(days=1)
        s.body, names = _body_for(w, code, s.type, s.source, s.accepted)
        s.mediators = names[:2]
        if kind == "found":
            s.accepted, s.body = None, None
            s.found = today - dt.timedelta(days=back)
        if kind == "written":
            s.outcome, s.form = "success", "written"
            s.concluded = s.accepted + dt.timedelta(days=3)
            s.applied = s.ruled = s.visited = None
            s.route = ""
            s.number = w.agreement_number(s.prefix, s.concluded.year)
        if kind == "found":
            disputes.record_dispute(clerk, unit=unit, found_on=s.found, source=s.source,
                                        type=s.type, summary=s.summary, parties=s.parties)  # fmt: skip
        else:
            _walk(w, s, unit, clerk)
        made += 1
    return made


@register_demo("mediation_disputes", order=48)
def build(ctx) -> None:
    began, cpu = time.monotonic(), time.process_time()
    w = _World(ctx)
    _bodies(w)
    year = ctx.year
    made = _year(w, D(year, 1, 2), D(year, 12, 20), YEAR_VOLUME - 20, STEP_YEAR - 20)
    made += _petition_room(w, D(year, 2, 1), D(year, 12, 10), 20)
    if ctx.today.year > year:
        made += _current(w)
    line = f"人民调解：调解组织{MediationBody.objects.count()}个，矛盾纠纷{made}件，用时{time.monotonic() - began:.1f}秒（CPU {time.process_time() - cpu:.1f}秒）"
    ctx.log.append(line)
    print(f"  {line}")
