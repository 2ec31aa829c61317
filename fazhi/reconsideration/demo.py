"""行政复议 in the demo district: the applications of the demo year (2025) — 44 received,
37 accepted, 35 concluded in the year with 5 corrections — and of the current year up to
the demo's today, each taken through the real services as far as its dates allow: 补正,
a deemed acceptance, 普通 and 简易 cases, a respondent that answered late and one that did
not answer, a hearing, a 中止 that resumed and one that ended after 60 days, an extension,
decisions served and published (one late), copies to the superior department, and the
意见书 and 建议书 that followed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from fazhi.core.calendar import calendar
from fazhi.core.demo import SURNAMES, unit_clerk
from fazhi.core.identifiers import make_id_number, make_uscc
from fazhi.core.registry import register_demo
from fazhi.core.workdays import CalendarMissing

from .services import applications as apps
from .services import cases, document_review, letters

ID_AREA = "610199"
LOW_INCOME_RULES = "示范区城乡最低生活保障实施办法"  # one of the documents demo's rules
AREA = "990105"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"

# (respondent code, act, act number pattern, requests, reasons, amount or None, flags)
# flags: "disclosure" (政府信息公开), "spot" (当场作出), "immovable", "inaction", "org"
ACTS = [
    (
        "D06",
        "治安管理处罚决定（罚款500元）",
        "示公（治）决字〔{y}〕{n}号",
        "撤销该处罚决定",
        "申请人系正当防卫，处罚认定事实错误。",
        Decimal(500),
        (),
    ),
    (
        "D23",
        "行政处罚决定（罚款2万元，没收违法所得）",
        "示市监处罚〔{y}〕{n}号",
        "撤销或变更该处罚决定",
        "处罚明显过重，未适用首违不罚清单。",
        Decimal(20000),
        ("org",),
    ),
    (
        "D10",
        "不予认定工伤决定",
        "示人社工伤认字〔{y}〕{n}号",
        "撤销不予认定工伤决定，责令重新认定",
        "申请人在上下班途中发生非本人主要责任的交通事故，应当认定为工伤。",
        None,
        (),
    ),
    (
        "D11",
        "不动产登记（变更登记）行为",
        "示不动产登〔{y}〕{n}号",
        "撤销该变更登记",
        "登记所依据的买卖合同系伪造，登记机构未尽审查义务。",
        None,
        ("immovable",),
    ),
    (
        "D26",
        "限期拆除决定",
        "示综执拆字〔{y}〕{n}号",
        "撤销限期拆除决定",
        "涉案房屋系1990年前建成的自住房，不属于违法建设。",
        None,
        ("immovable",),
    ),
    (
        "D01",
        "政府信息公开申请答复（不予公开）",
        "示府办依复〔{y}〕{n}号",
        "责令重新答复并公开相关信息",
        "所申请的征收补偿方案不属于过程性信息，应当公开。",
        None,
        ("disclosure",),
    ),
    (
        "D14",
        "行政处罚决定（网约车未取得经营许可，罚款1万元）",
        "示交罚〔{y}〕{n}号",
        "撤销该处罚决定",
        "申请人仅为顺路搭载，不构成非法营运。",
        Decimal(10000),
        (),
    ),
    (
        "D12",
        "行政处罚决定（超标排放，罚款10万元）",
        "示环罚〔{y}〕{n}号",
        "撤销该处罚决定",
        "监测采样程序违法，监测数据不能作为定案依据。",
        Decimal(100000),
        ("org",),
    ),
    (
        "D23",
        "投诉举报不予立案告知",
        "示市监诉〔{y}〕{n}号",
        "责令被申请人依法立案查处",
        "申请人提供了商家虚假宣传的证据，被申请人未依法履行查处职责。",
        None,
        ("inaction",),
    ),
    (
        "D06",
        "道路交通安全违法行为处罚（罚款200元）",
        "示公交决字〔{y}〕{n}号",
        "撤销该处罚决定",
        "交通信号灯故障，申请人不存在闯红灯行为。",
        Decimal(200),
        ("spot",),
    ),
    (
        "T05",
        "责令限期拆除通知",
        "北山镇拆字〔{y}〕{n}号",
        "撤销该通知",
        "涉案大棚用房经村集体同意建设，属于设施农业用地。",
        None,
        ("immovable",),
    ),
    (
        "D07",
        "停止发放最低生活保障金决定",
        "示民低〔{y}〕{n}号",
        "撤销该决定，恢复发放",
        "申请人家庭收入未超过低保标准，被申请人核算收入有误。",
        None,
        (),
    ),
    (
        "D19",
        "行政处罚决定（非法行医，罚款3000元）",
        "示卫医罚〔{y}〕{n}号",
        "撤销该处罚决定",
        "申请人持有乡村医生执业证书，不属于非法行医。",
        Decimal(3000),
        (),
    ),
    (
        "D13",
        "物业服务企业信用扣分决定",
        "示住建信〔{y}〕{n}号",
        "撤销扣分决定",
        "被申请人认定事实不清，未听取申请人陈述申辩。",
        None,
        ("org",),
    ),
    (
        "D01",
        "政府信息公开申请答复（信息不存在）",
        "示府办依复〔{y}〕{n}号",
        "责令重新答复",
        "被申请人未尽检索义务，相关信息应当由其制作保存。",
        None,
        ("disclosure",),
    ),
]

# The demo year's fates, in order of receipt (44 applications): 20 upheld, 5 corrected,
# 4 dismissed, 3 mediated, 2 withdrawn after acceptance, 1 terminated after a 中止 of
# more than 60 days, 2 accepted in December and decided the next year, 3 not accepted,
# 2 referred, 1 withdrawn before acceptance, 1 deemed withdrawn after 补正.
FATES_2025 = [
    "uphold", "uphold", "terminated", "revoke", "uphold", "rejected", "dismiss", "uphold",
    "mediated", "uphold", "declare_unlawful", "uphold", "referred", "uphold", "dismiss",
    "uphold", "withdrawn", "uphold", "revoke", "uphold", "deemed_withdrawn", "uphold",
    "mediated", "uphold", "order_performance", "dismiss", "rejected", "uphold", "uphold",
    "withdrawn_before", "revoke", "uphold", "mediated", "uphold", "dismiss", "referred",
    "uphold", "withdrawn", "uphold", "rejected", "uphold", "uphold", "open", "open",
]  # fmt: skip
FATES_CURRENT = [
    "uphold", "revoke", "uphold", "dismiss", "uphold", "rejected", "mediated", "uphold",
    "declare_unlawful", "uphold", "uphold", "withdrawn", "uphold", "referred", "dismiss",
    "uphold", "uphold", "revoke", "uphold", "mediated", "uphold", "rejected", "uphold",
    "uphold", "dismiss", "uphold", "uphold", "uphold", "open", "open", "open", "open",
]  # fmt: skip

SUMMARY = {
    "uphold": "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当，"
    "决定维持。",
    "revoke": "被申请人作出的行政行为主要事实不清、证据不足，决定撤销，并责令被申请人在六十日内"
    "重新作出行政行为。",
    "declare_unlawful": "被申请人作出的行政行为程序轻微违法，但未对申请人权利产生实际影响，"
    "决定确认该行政行为违法。",
    "order_performance": "被申请人未依法履行法定职责，决定责令被申请人在三十日内依法履行。",
    "dismiss": "申请人的复议请求缺乏事实和法律依据，决定驳回行政复议请求。",
    "mediated": "经行政复议机构主持调解，双方自愿达成调解协议，制作行政复议调解书。",
    "withdrawn": "申请人与被申请人自愿达成和解，申请人撤回行政复议申请，准予撤回，行政复议终止。",
}
REJECT_REASONS = [
    "申请人对信访事项处理意见不服，不属于行政复议范围（《行政复议法》第十二条）。",
    "申请人与被申请复议的行政行为没有利害关系。",
    "超过法定申请期限且无正当理由。",
]


class _World:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.cal = calendar()
        self.clerk = ctx.users["sfj_clerk"]
        self.person_seq = 0
        self.firm_seq = 0
        self.act_n = 0

    def wd(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_working_days(day, n).due

    def workday(self, day: dt.date) -> dt.date:
        return day if self.cal.is_workday(day) else self.cal.next_workday(day)

    def applicant(self, org: bool) -> dict:
        rng = self.rng
        if org:
            self.firm_seq += 1
            trade = rng.choice(["商贸有限公司", "建筑工程有限公司", "餐饮管理有限公司",
                                "物业服务有限公司", "食品有限公司"])  # fmt: skip
            return {
                "applicant_kind": "organisation",
                "applicant_name": f"示范区{rng.choice(['恒泰', '兴华', '瑞丰', '宏远', '安居'])}{trade}",
                "applicant_id": make_uscc("9", "1", AREA, f"RC{self.firm_seq:06d}"),
            }
        self.person_seq += 1
        birth = dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
        return {
            "applicant_kind": "person",
            # Two characters, as enforcement's parties: the portal publishes the masked name
            # (王*), never the "X**" of the demo's three-character commenters, whose masked
            # names must appear nowhere public.
            "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "applicant_id": make_id_number(ID_AREA, birth, 500 + self.person_seq),
        }


def _apply(w: _World, received: dt.date, i: int, fate: str):
    code, act, number, requests, reasons, _amount, flags = ACTS[i % len(ACTS)]
    rng = w.rng
    w.act_n += 1
    known = received - dt.timedelta(days=rng.randint(8, 40))
    if fate == "rejected" and i % 3 == 2:
        known = received - dt.timedelta(days=rng.randint(75, 120))  # the late one
    act_on = known - dt.timedelta(days=rng.randint(0, 4))
    data = dict(
        **w.applicant("org" in flags),
        applicant_phone=f"139{rng.randint(10000000, 99999999)}",
        applicant_address=f"示范区{rng.choice(['城关街道', '东城街道', '北山镇', '青石镇'])}"
        f"{rng.randint(1, 99)}号",
        respondent=w.ctx.units[code],
        act=act,
        act_number=number.format(y=act_on.year, n=rng.randint(10, 400)),
        act_on=act_on,
        known_on=known,
        inaction="inaction" in flags,
        immovable="immovable" in flags,
        requests=requests,
        reasons=reasons,
        disclosure_related="disclosure" in flags,
    )
    if code == "D07":  # the 低保 rules the act rests on: 附带审查 (第13条)
        data["document_review"] = f"请求一并审查《{LOW_INCOME_RULES}》关于家庭收入核算范围的规定。"
    if i % 3 == 0:  # a third come online through the portal
        return apps.submit(channel="online", actor=None, now=received, **data)[0], code, flags
    channel = "oral" if i % 11 == 4 else ("post" if i % 5 == 1 else "counter")
    if channel == "oral":
        data["oral_record"] = (
            f"申请人口头申请行政复议，称：{reasons}请求：{requests}。以上笔录经申请人阅读确认无误。"
        )
    app, _ = apps.submit(channel=channel, actor=w.clerk, received_on=received, **data)
    return app, code, flags


def _case_path(w: _World, app, code: str, flags, fate: str, i: int, today: dt.date) -> None:
    """Acceptance to the end the fate says, as far as ``today`` allows."""
    rng, clerk = w.rng, w.clerk
    received = app.received_on
    review_on = w.wd(received, rng.randint(1, 3))
    if (i % 6 == 1 and fate not in ("rejected", "referred", "withdrawn_before")) or (
        fate == "deemed_withdrawn"
    ):
        notice = w.wd(received, 2)
        if notice > today:
            return
        apps.request_correction(app, items="1. 被申请复议的行政行为的法律文书复印件；"
                                "2. 申请人身份证明复印件", on=notice, actor=clerk)  # fmt: skip
        if fate == "deemed_withdrawn":
            return  # the daily job records it once the applicant's 10 working days are over
        supplied = w.wd(notice, rng.randint(3, 8))
        if supplied > today:
            return
        apps.receive_correction(app, on=supplied, actor=clerk)
        review_on = w.wd(supplied, rng.randint(1, 3))
    if review_on > today:
        return
    if fate == "rejected":
        apps.reject(app, on=review_on, reason=REJECT_REASONS[i % 3], actor=clerk)
        return
    if fate == "referred":
        apps.refer(app, on=review_on, to="示范市人民政府", actor=clerk,
                   reason="被申请复议的行政行为系市级部门作出，应向示范市人民政府申请行政复议。")  # fmt: skip
        return
    if fate == "withdrawn_before":
        apps.withdraw(app, on=review_on, reason="申请人书面申请撤回", actor=clerk)
        return
    app.refresh_from_db()
    amount = ACTS[i % len(ACTS)][5]
    simple_ground = ""
    if "disclosure" in flags:
        simple_ground = "disclosure"
    elif "spot" in flags:
        simple_ground = "on_the_spot"
    elif amount is not None and amount <= Decimal(3000):
        simple_ground = "amount"
    if i == 16:  # nobody concluded the review in time: the law accepts it
        case = cases.accept(app, on=app.review_deadline.due_date, actor=None, deemed=True)
    else:
        case = cases.accept(
            app, on=review_on, actor=clerk,
            procedure="simple" if simple_ground else "ordinary",
            simple_ground=simple_ground, amount=amount if simple_ground == "amount" else None,
        )  # fmt: skip
    simple = bool(simple_ground) and i != 16
    if app.document_review:
        document_review.route_document_review(case, document_title=LOW_INCOME_RULES, actor=clerk)
    step = w.wd(case.accepted_on, 1 if simple else rng.randint(2, 5))
    if step > today:
        return
    cases.send_copy(case, on=step, actor=clerk)
    respondent_clerk = unit_clerk(w.ctx, code)
    if fate == "terminated":
        susp = step + dt.timedelta(days=10)
        if susp <= today:
            cases.suspend(case, on=susp, ground="death", actor=clerk,
                          note="申请人于审理期间死亡，其近亲属尚未确定是否参加行政复议。")  # fmt: skip
            cases.sweep(min(today, susp + dt.timedelta(days=62)))
        return
    late_answer = i == 7
    no_answer = i == 18
    if not no_answer:
        answered = w.wd(step, (5 if simple else 10) + 3 if late_answer else rng.randint(3, 8))
        if answered > today:
            return
        if late_answer:
            cases.sweep(answered)  # the period ran out first: recorded as no answer in time
        cases.answer(case, on=answered, actor=respondent_clerk,
                     summary="被申请人认为原行政行为认定事实清楚、证据确凿、程序合法，请求维持。")  # fmt: skip
        last = answered
    else:
        last = w.wd(step, 11)
        if last > today:
            return
        cases.sweep(last)
    if i % 9 == 5 and not simple:  # a hearing
        notified = w.wd(last, 1)
        held = w.wd(notified, 6)
        if held > today:
            return
        cases.schedule_hearing(case, notified_on=notified, hearing_on=held, actor=clerk)
        last = held
    if i == 22:  # a 中止 for another case's result, resumed after three weeks
        susp = last + dt.timedelta(days=1)
        if susp > today:
            return
        cases.suspend(case, on=susp, ground="other_case", actor=clerk,
                      note="本案需以人民法院正在审理的相关民事案件结果为依据。")  # fmt: skip
        back = w.workday(susp + dt.timedelta(days=21))
        if back > today:
            return
        cases.resume(case, on=back, actor=clerk)
        last = back
    case.refresh_from_db()
    due = case.deadline.due_date
    if i == 10 and not simple:  # an extension approved before the period ends
        approved = due - dt.timedelta(days=5)
        if approved > today:
            return
        cases.extend(case, days=20, reason="案情复杂，需要进一步调查取证", approved_by="区司法局局长",
                     approved_on=approved, actor=clerk)  # fmt: skip
        case.refresh_from_db()
        due = case.deadline.due_date
    if fate == "open":
        decided = w.workday(case.accepted_on + dt.timedelta(days=rng.randint(40, 55)))
    else:
        decided = w.workday(last + dt.timedelta(days=rng.randint(5, 20)))
        decided = min(decided, due) if due else decided
    decided = max(decided, w.wd(last, 1))
    if decided > today:
        return
    outcome = "revoke" if no_answer else ("uphold" if fate == "open" else fate)
    case = cases.decide(case, on=decided, outcome=outcome, summary=SUMMARY[outcome], actor=clerk)
    if outcome in ("mediated", "withdrawn"):
        return
    served = w.wd(decided, rng.randint(1, 3))
    if served <= today:
        cases.serve(case, on=served, actor=clerk)
    published = w.wd(decided, 18 if i == 12 else rng.randint(3, 10))  # one published late
    if published <= today:
        cases.publish(case, on=published, actor=clerk)
    if cases.superior_copy_required(case) and served <= today:
        cases.copy_to_superior(case, on=served, actor=clerk)
    if outcome in ("revoke", "order_performance") and i % 2 == 0:
        issued = w.wd(decided, 3)
        if issued <= today:
            letter = letters.issue(
                kind="opinion", addressee=case.respondent, issued_on=issued, case=case,
                content="你单位在作出该行政行为时存在调查取证不充分、未听取当事人陈述申辩等问题，"
                "请对同类案件开展自查，依法纠正，并在六十日内将纠正情况报告本机关。",
                actor=clerk,
            )  # fmt: skip
            back = issued + dt.timedelta(days=rng.randint(30, 55))
            if back <= today:
                letters.report(letter, on=back, actor=respondent_clerk,
                               text="已组织对近两年同类案件开展自查，纠正2件，修订了案件调查取证工作规程。")  # fmt: skip


def _year(w: _World, year: int, fates: list[str], today: dt.date) -> None:
    start = w.workday(dt.date(year, 1, 6))
    span = (dt.date(year, 10, 20) - start).days if year < today.year else (today - start).days
    for i, fate in enumerate(fates):
        received = w.workday(start + dt.timedelta(days=span * i // len(fates)))
        if fate == "open" and year < today.year:
            received = w.workday(dt.date(year, 12, 1) + dt.timedelta(days=3 * (i % 2)))
        if received > today:
            continue
        try:
            app, code, flags = _apply(w, received, i, fate)
            _case_path(w, app, code, flags, fate, i, today)
        except CalendarMissing:
            continue
        except ValidationError as exc:  # a demo path the rules refuse is a demo bug
            raise RuntimeError(f"复议演示数据第{i + 1}件（{year}年）：{exc}") from exc


@register_demo("reconsideration", order=47)
def build(ctx) -> None:
    w = _World(ctx)
    _year(w, ctx.year, FATES_2025, ctx.today)
    if ctx.today.year > ctx.year:
        _year(w, ctx.today.year, FATES_CURRENT, ctx.today)
    # The daily job as it would have run: deemed acceptances and withdrawals, no answers.
    apps.sweep(ctx.today)
    cases.sweep(ctx.today)
    letters.issue(
        kind="recommendation", addressee=ctx.units["D26"],
        issued_on=w.workday(dt.date(ctx.year, 11, 3)),
        content="审理中发现你局在限期拆除类案件中普遍存在告知陈述申辩权利不规范的问题，建议完善"
        "执法文书格式，加强执法人员程序培训。", actor=w.clerk,
    )  # fmt: skip
