"""The demo district's 述法, 普法 and the government's meetings on 法治, all through the
services: the 2025 述法 round of twenty departments' and townships' principals (a 现场述法
meeting in January 2026 and written reports, evaluated; two not yet reported, so the
round page has someone to chase), each unit's 普法责任清单 for 2025 and 2026 published,
two hundred 普法 activities in 2025 with their reach (most published on the portal), and
seven government 常务会议/专题会议 in 2025 with 法治 topics, chaired by the 区长.

Deterministic: fixed names and dates, and a generator of its own (the shared one is left
as the other steps expect it). Runs after the 学法用法 step: a unit's principal already on
the directory is used, otherwise one is added through the officials service."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from fazhi.core.demo import unit_clerk
from fazhi.core.registry import register_demo

from . import rules
from .models import Official
from .services import duty_reports, education, meetings
from .services.officials import add_official

YEAR = 2025
# The twenty units of the round: (code, principal's name, post).
UNITS = (
    ("D02", "赵振华", "局长"), ("D03", "钱卫东", "局长"), ("D05", "孙晓明", "局长"),
    ("D06", "李国强", "分局局长"), ("D07", "周文静", "局长"), ("D08", "吴建平", "局长"),
    ("D09", "郑海燕", "局长"), ("D10", "王立新", "局长"), ("D11", "冯志刚", "局长"),
    ("D13", "陈宏伟", "局长"), ("D14", "褚红梅", "局长"), ("D16", "卫东升", "局长"),
    ("D19", "蒋丽娟", "局长"), ("D21", "沈建军", "局长"), ("D23", "韩明远", "局长"),
    ("D26", "杨志勇", "局长"), ("T01", "朱春华", "街道党工委书记"),
    ("T02", "秦永刚", "街道党工委书记"), ("T05", "尤德明", "镇党委书记"),
    ("T07", "许玉兰", "镇党委书记"),
)  # fmt: skip
AT_MEETING = 12  # the first twelve report at the meeting, the others in writing
NOT_YET = ("D14", "T07")  # have not reported: the round page shows them
NOT_EVALUATED = ("D21",)
ROUND_MEETING = "示范区2025年度党政主要负责人述法评议会"
ROUND_DAY = dt.date(2026, 1, 22)
EVALUATOR = "区委全面依法治区委员会办公室"

# Laws each unit's list names (its own field; 谁执法谁普法), with the audience.
LAWS = {
    "D02": [("《中华人民共和国价格法》", "enterprises"), ("《优化营商环境条例》", "enterprises")],
    "D03": [("《中华人民共和国未成年人保护法》", "youth"), ("《中华人民共和国教育法》", "public")],
    "D05": [("《中华人民共和国安全生产法》", "enterprises"), ("《中华人民共和国节约能源法》", "enterprises")],
    "D06": [("《中华人民共和国治安管理处罚法》", "public"), ("《中华人民共和国反电信网络诈骗法》", "elderly")],
    "D07": [("《中华人民共和国民法典》婚姻家庭编", "public"), ("《社会救助暂行办法》", "rural")],
    "D08": [("《中华人民共和国宪法》", "public"), ("《中华人民共和国人民调解法》", "rural")],
    "D09": [("《中华人民共和国预算法》", "officials"), ("《中华人民共和国政府采购法》", "enterprises")],
    "D10": [("《中华人民共和国劳动合同法》", "workers"), ("《保障农民工工资支付条例》", "workers")],
    "D11": [("《中华人民共和国土地管理法》", "rural"), ("《中华人民共和国城乡规划法》", "public")],
    "D13": [("《建设工程质量管理条例》", "enterprises"), ("《物业管理条例》", "public")],
    "D14": [("《中华人民共和国道路交通安全法》", "public"), ("《道路运输条例》", "enterprises")],
    "D16": [("《中华人民共和国农产品质量安全法》", "rural"), ("《中华人民共和国种子法》", "rural")],
    "D19": [("《中华人民共和国基本医疗卫生与健康促进法》", "public"), ("《中华人民共和国传染病防治法》", "public")],
    "D21": [("《中华人民共和国安全生产法》", "enterprises"), ("《中华人民共和国突发事件应对法》", "public")],
    "D23": [("《中华人民共和国食品安全法》", "enterprises"), ("《中华人民共和国消费者权益保护法》", "public")],
    "D26": [("《城市市容和环境卫生管理条例》", "public"), ("《中华人民共和国行政处罚法》", "enterprises")],
    "T01": [("《中华人民共和国民法典》", "public"), ("《中华人民共和国反家庭暴力法》", "public")],
    "T02": [("《中华人民共和国民法典》", "public"), ("《中华人民共和国老年人权益保障法》", "elderly")],
    "T05": [("《中华人民共和国农村土地承包法》", "rural"), ("《中华人民共和国村民委员会组织法》", "rural")],
    "T07": [("《中华人民共和国森林法》", "rural"), ("《中华人民共和国民法典》", "rural")],
}  # fmt: skip
COMMON = ("《中华人民共和国宪法》", "officials")  # every unit also teaches its own staff
FORMS = ("lecture", "street", "village", "school", "enterprise", "case", "online", "exhibition")
PLACES = ("单位会议室", "城关广场", "社区活动中心", "区实验中学", "经济开发区企业服务中心",
          "村委会议室", "区政务服务中心", "区图书馆")  # fmt: skip
ACTIVITIES_PER_UNIT = 10

# The government's meetings on 法治 in 2025: (day, kind, name, minutes, topics).
MEETINGS = (
    (dt.date(2025, 2, 18), "executive", "区政府第52次常务会议", "〔2025〕3号", [
        ("plan", "研究部署2025年法治政府建设工作要点", "原则通过，由区司法局印发实施"),
        ("study", "会前学法：《中华人民共和国行政复议法》", "")]),
    (dt.date(2025, 4, 10), "executive", "区政府第56次常务会议", "〔2025〕8号", [
        ("decision", "审议《示范区城市道路停车管理办法（送审稿）》", "经合法性审核后修改通过")]),
    (dt.date(2025, 5, 27), "special", "区政府法治政府建设专题会议", "〔2025〕12号", [
        ("litigation", "研究2024年度行政复议、行政应诉工作情况", "要求败诉案件较多的单位制定整改措施"),
        ("enforcement", "研究行政执法“三项制度”落实情况", "开展行政执法案卷评查")]),
    (dt.date(2025, 7, 15), "executive", "区政府第62次常务会议", "〔2025〕17号", [
        ("report", "听取2025年上半年法治政府建设工作情况汇报", "按期完成示范创建各项任务")]),
    (dt.date(2025, 9, 9), "executive", "区政府第66次常务会议", "〔2025〕22号", [
        ("decision", "审议《示范区重大行政决策事项目录（调整）》", "同意调整后公布"),
        ("study", "会前学法：《中华人民共和国行政处罚法》", "")]),
    (dt.date(2025, 11, 4), "special", "区政府行政执法协调监督专题会议", "〔2025〕27号", [
        ("enforcement", "研究综合行政执法改革中的职责衔接问题", "明确区综合执法局与各行业部门的移送机制")]),
    (dt.date(2025, 12, 23), "executive", "区政府第72次常务会议", "〔2025〕31号", [
        ("report", "听取2025年度法治政府建设工作情况汇报", "形成年度报告，按时报送并公开"),
        ("plan", "研究2026年法治政府建设重点任务", "由区委依法治区办统筹")]),
)  # fmt: skip


def _principal(ctx, code: str, name: str, post: str) -> Official:
    unit = ctx.units[code]
    found = Official.objects.filter(unit=unit, level="principal", left_on=None).order_by("pk")
    return found.first() or add_official(
        unit=unit, name=name, post=post, level="principal", joined_on=dt.date(2023, 1, 3),
        actor=None,
    )  # fmt: skip


def _actor(ctx, code: str):
    return ctx.users["coordinator"] if code == "G00" else unit_clerk(ctx, code)


def _round(ctx, rng: random.Random, principals: dict[str, Official], mayor: Official) -> None:
    # The 区长 reports in writing to the 区委, evaluated there.
    rep = duty_reports.record_report(
        official=mayor, year=YEAR, form="written", reported_on=dt.date(2026, 1, 28),
        content=f"{YEAR}年度履行推进法治建设第一责任人职责情况：主持区政府常务会议、专题会议"
        f"研究法治议题{len(MEETINGS)}次，部署法治政府建设示范创建。",
        actor=ctx.users["coordinator"],
    )  # fmt: skip
    duty_reports.evaluate(rep, evaluation="excellent", score=Decimal("95"),
                          evaluated_by="中共示范区委员会", evaluated_on=dt.date(2026, 2, 10),
                          actor=ctx.users["coordinator"])  # fmt: skip
    for i, (code, _, _) in enumerate(UNITS):
        if code in NOT_YET:
            continue
        actor = _actor(ctx, code)
        official = principals[code]
        at_meeting = i < AT_MEETING
        day = ROUND_DAY if at_meeting else dt.date(2026, 1, 5 + i % 20)
        rep = duty_reports.record_report(
            official=official, year=YEAR, form="meeting" if at_meeting else "written",
            reported_on=day, meeting=ROUND_MEETING if at_meeting else "",
            content=f"{official.name}同志{YEAR}年度履行推进法治建设第一责任人职责情况：带头学法，"
            f"主持研究本单位法治工作{2 + i % 3}次，推动落实普法责任制，本单位行政复议、诉讼"
            "案件依法办理，未发生重大违法行政行为。",
            actor=actor,
        )  # fmt: skip
        if code in NOT_EVALUATED:
            continue
        score = Decimal(rng.randint(780, 965)) / 10
        grade = "excellent" if score >= 90 else "good" if score >= 80 else "fair"
        duty_reports.evaluate(
            rep, evaluation=grade, score=score, evaluated_by=EVALUATOR,
            evaluated_on=ROUND_DAY if at_meeting else dt.date(2026, 2, 10), actor=actor,
        )  # fmt: skip


def _lists(ctx, rng: random.Random) -> None:
    for code, _, _ in UNITS:
        unit, actor = ctx.units[code], _actor(ctx, code)
        for year, published in ((YEAR, dt.date(YEAR, 3, 3)), (YEAR + 1, dt.date(YEAR + 1, 2, 26))):
            items = []
            for laws, audience in [*LAWS[code], COMMON]:
                count = 2 if audience == "officials" else rng.randint(3, 5)
                items.append(education.add_duty(
                    unit=unit, year=year, laws=laws, audience=audience,
                    planned_activities="结合执法办案开展以案释法、集中宣传和专题讲座"
                    if audience != "officials" else "集体学法、旁听庭审",
                    planned_count=count, responsible="法规科" if code[0] == "D" else "综治办",
                    actor=actor,
                ))  # fmt: skip
            if published <= ctx.today:
                education.publish_list(unit=unit, year=year, on=published, actor=actor)
            if year == YEAR:
                _activities(ctx, rng, code, items)


def _activities(ctx, rng: random.Random, code: str, items) -> None:
    unit, actor = ctx.units[code], _actor(ctx, code)
    for n in range(ACTIVITIES_PER_UNIT):
        duty = items[n % len(items)] if n < ACTIVITIES_PER_UNIT - 1 else None
        day = dt.date(YEAR, 1 + (n * 11 + len(code)) % 12, 1 + rng.randint(0, 26))
        form = FORMS[(n + len(code) + int(code[1:])) % len(FORMS)]
        laws = duty.laws if duty else "《中华人民共和国民法典》"
        act = education.record_activity(
            unit=unit, duty=duty, held_on=day, form=form, place=PLACES[n % len(PLACES)],
            title=f"{laws}{dict(rules.ACTIVITY_FORMS)[form]}",
            reach=rng.randint(30, 800), materials=rng.choice((0, 100, 200, 500)),
            summary=f"围绕{laws}开展普法宣传，解答群众咨询。", actor=actor,
        )  # fmt: skip
        if n % 10 < 7:
            education.publish_activity(act, on=day + dt.timedelta(days=rng.randint(1, 4)),
                                       actor=actor)  # fmt: skip


def _meetings(ctx, mayor: Official) -> None:
    gov, actor = ctx.units["G00"], ctx.users["coordinator"]
    for day, kind, name, minutes, topics in MEETINGS:
        meetings.record_meeting(
            unit=gov, kind=kind, name=name, held_on=day, chaired_by=mayor,
            minutes_number=f"区政府常务会议纪要{minutes}" if kind == "executive" else
            f"区政府专题会议纪要{minutes}",
            topics=[{"kind": k, "title": t, "decision": d} for k, t, d in topics], actor=actor,
        )  # fmt: skip


@register_demo("learning_education", order=49)
def build(ctx) -> None:
    rng = random.Random(17)
    principals = {code: _principal(ctx, code, name, post) for code, name, post in UNITS}
    mayor = _principal(ctx, "G00", "欧阳明", "区长")
    _round(ctx, rng, principals, mayor)
    _lists(ctx, rng)
    _meetings(ctx, mayor)
