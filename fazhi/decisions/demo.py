"""Major decisions in the demo district: the government's catalogues of 2023 (4 items),
2024 (5) and 2025 (6, after one item was added and one removed during the year and the
catalogue re-published). Every decision went through the five procedures, was decided
at a 常务会议, reported to the Party committee and published; the 2023 and 2024 ones are
archived; one 2025 decision has had a post-decision evaluation; one 2025 decision is
still out for public comment.

Everything goes through this app's services. The sibling apps are reached through their
interfaces, except that the demo back-dates: it opens past consultations and files past
legality requests with the siblings' own services (their interfaces take no date), and
the 司法局's legal reviewer concludes each review there, as she would in the legal pages.
The one consultation still open is placed around the real today (as the consultation
demo does), so the portal shows it open whenever the demo is built.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import timezone

from fazhi.core.demo import GIVEN, SURNAMES, unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import CatalogItem

PARTY_DOCS = {
    2023: ("2023-02-08", "中共示范区委常委会会议纪要〔2023〕2号"),
    2024: ("2024-02-06", "中共示范区委常委会会议纪要〔2024〕3号"),
    2025: ("2025-02-11", "中共示范区委常委会会议纪要〔2025〕2号"),
}

# (unit, title, category, planned, goal, measures)
CATALOGS = {
    2023: [
        (
            "D26",
            "示范区城区生活垃圾分类管理办法",
            "policy",
            "2023年第二季度",
            "到2025年城区生活垃圾回收利用率达到35%以上，垃圾分类覆盖全部城区居民小区",
            "明确产生者分类投放责任、收运企业分类收运责任，设置定时定点投放点",
        ),
        (
            "D13",
            "示范区国有土地上房屋征收与补偿实施办法",
            "public_interest",
            "2023年第三季度",
            "规范国有土地上房屋征收与补偿行为，维护公共利益，保障被征收人合法权益",
            "统一评估机构选定、补偿标准、搬迁奖励和困难家庭保障办法，征收全过程公开",
        ),
        (
            "D07",
            "示范区“十四五”养老服务体系建设规划",
            "plan",
            "2023年第三季度",
            "到2025年每个街道建成1所综合养老服务中心，社区养老服务设施覆盖率达到100%",
            "推进居家社区机构养老协调发展，实施特困老人家庭适老化改造",
        ),
        (
            "D15",
            "示范区青石水库饮用水水源地保护方案",
            "resources",
            "2023年第四季度",
            "保障城区约15万人饮用水安全，水源地水质稳定达到Ⅱ类标准",
            "划定一级、二级保护区，实施保护区内养殖退出和隔离防护工程",
        ),
    ],
    2024: [
        (
            "D25",
            "示范区城乡居民大病保险补充保障办法",
            "policy",
            "2024年第二季度",
            "减轻大病患者医疗费用负担，合规医疗费用实际报销比例提高5个百分点",
            "对低保对象、特困人员降低起付线，提高报销比例，取消年度封顶线",
        ),
        (
            "D12",
            "示范区农村生活污水治理专项规划（2024—2028年）",
            "plan",
            "2024年第二季度",
            "到2028年全区行政村生活污水治理率达到75%以上",
            "分类采取纳管处理、集中处理和分散处理模式，建立运行维护长效机制",
        ),
        (
            "D14",
            "示范区城区公交线网优化调整方案",
            "public_interest",
            "2024年第三季度",
            "城区公交站点500米覆盖率达到95%，高峰时段平均发车间隔缩短至8分钟",
            "调整重复线路6条、新开通社区微循环线路4条，优化老城区站点设置",
        ),
        (
            "D03",
            "示范区全民健身中心建设项目",
            "construction",
            "2024年第三季度",
            "建成集体育场馆、健身步道和青少年训练于一体的全民健身中心",
            "项目总投资约1.8亿元，分两期建设，建成后实行低收费或免费开放",
        ),
        (
            "D23",
            "示范区农贸市场升级改造实施方案",
            "policy",
            "2024年第四季度",
            "三年内完成城区12个农贸市场标准化改造，食品安全快检全覆盖",
            "实行“以奖代补”，改造期间设置临时摊点保障周边居民买菜需求",
        ),
    ],
    2025: [
        (
            "D13",
            "示范区东城老街片区城市更新实施方案",
            "plan",
            "2025年第三季度",
            "用三年时间完成东城老街片区基础设施更新和历史建筑修缮，惠及居民约3200户",
            "坚持“留改拆”并举、以保留利用提升为主，历史建筑一律不拆除",
        ),
        (
            "D02",
            "示范区公共租赁住房租金标准调整方案",
            "public_interest",
            "2025年第二季度",
            "建立公共租赁住房租金动态调整机制，租金标准按同地段市场租金的60%确定",
            "对低保、低收入家庭实行租金减免，调整后三年内涨幅不超过10%",
        ),
        (
            "D19",
            "示范区基层医疗卫生服务能力提升三年行动计划",
            "policy",
            "2025年第二季度",
            "到2027年每个镇街卫生院（社区卫生服务中心）达到国家“优质服务基层行”推荐标准",
            "推进紧密型医共体建设，区级医院专家定期下沉，村卫生室全部纳入医保结算",
        ),
        (
            "D03",
            "示范区义务教育学校布局调整规划（2025—2030年）",
            "plan",
            "2026年第二季度",
            "新建、改扩建中小学9所，新增学位约8100个，基本消除城区大班额",
            "城区按服务半径新建学校，农村保留必要的小规模学校和教学点",
        ),
        (
            "D11",
            "示范区北山生态保护区自然资源保护和利用管理办法",
            "resources",
            "2025年第三季度",
            "严守生态保护红线，规范北山生态保护区内林地、矿产和旅游资源的保护和利用",
            "保护区内禁止新设采矿权，生态旅游项目实行准入清单和环境容量管理",
        ),
        (
            "D07",
            "示范区殡葬设施布局专项规划",
            "plan",
            "2025年第四季度",
            "优化公益性公墓和殡仪服务设施布局",
            "每个乡镇建设1处公益性公墓",
        ),
    ],
}

# Added to the 2025 catalogue in June after the flood season's first heavy rain.
ADDED_2025 = (
    "D15",
    "柳河城区段防洪排涝综合治理工程",
    "construction",
    "2025年第四季度",
    "城区段防洪标准由20年一遇提高到50年一遇，消除城区易涝点11处",
    "实施堤防加固、排涝泵站新建和城区雨污分流改造，工程总投资约2.6亿元",
)
REMOVED_2025 = "示范区殡葬设施布局专项规划"
OPEN_2025 = "示范区义务教育学校布局调整规划（2025—2030年）"
EVALUATED_2025 = "示范区公共租赁住房租金标准调整方案"

EXPERT_BODIES = ["示范区规划设计研究院", "省社会科学院公共政策研究所", "示范学院法学院"]
RISK_BODIES = ["示范区社会稳定风险评估中心", "明理社会风险评估咨询有限公司"]
EVALUATOR = "示范区发展研究中心"

COMMENTS = [
    ("建议在实施前召开听证会或者座谈会，多听听基层群众的意见。", "adopted", ""),
    (
        "方案中的资金保障写得比较原则，建议明确区财政每年的投入额度。",
        "partly",
        "资金安排以年度预算为准，方案中补充“纳入年度财政预算予以保障”的表述。",
    ),
    (
        "建议把实施进度和资金使用情况定期向社会公开。",
        "adopted",
        "增加每半年通过区政府网站公开实施进度的条款。",
    ),
    (
        "希望缩短实施期限，早点见效。",
        "not_adopted",
        "实施期限已综合考虑财力和施工周期，压缩期限难以保证质量，维持原方案。",
    ),
]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _texts(title: str, goal: str, measures: str) -> tuple[str, str]:
    draft = (
        f"{title}（草案）\n一、目标任务。{goal}。\n二、主要措施。{measures}。\n"
        "三、保障措施。各责任单位按照职责分工抓好落实，区政府督查室定期督查，"
        "实施情况纳入年度法治政府建设考核。"
    )
    explanation = (
        f"一、必要性。{title}列入区政府年度重大行政决策事项目录，事关群众切身利益。\n"
        "二、起草过程。承办单位开展了实地调研，征求了相关部门和镇街意见，"
        "组织了专家论证和社会稳定风险评估。\n"
        f"三、主要内容。{goal}；{measures}。"
    )
    return draft, explanation


def _expert_names(ctx) -> str:
    fields = ["城市规划", "公共管理", "行政法学", "财政学", "环境工程"]
    return "\n".join(
        f"{ctx.rng.choice(SURNAMES)}{ctx.rng.choice(GIVEN)}（{field}）"
        for field in ctx.rng.sample(fields, 3)
    )


class _Siblings:
    """Back-dated calls into the legal and consultation apps (see the module docstring)."""

    def __init__(self, ctx):
        from fazhi.consultation import services as consultation
        from fazhi.legal import interface as legal_interface
        from fazhi.legal import services as legal

        self.consultation = consultation
        self.legal = legal
        gov = ctx.units["G00"]
        adviser = legal_interface.adviser_for(gov)
        if adviser is None:
            adviser = legal_interface.register_adviser(
                name="钱志远",
                kind="counsel",
                unit=gov,
                employer="示范律师事务所",
                phone="13900000618",
                contract_start=dt.date(2022, 1, 1),
                contract_end=dt.date(2027, 12, 31),
                actor=None,
            )
        self.adviser = adviser

    def opener(self, today: dt.date):
        def open_(**kwargs):
            c = self.consultation.create_draft(**kwargs)
            return self.consultation.open_draft(c, actor=kwargs["actor"], today=today)

        return open_

    def requester(self, on: dt.date):
        return functools.partial(self.legal.request_review, on=on)

    def finish_consultation(self, decision, clerk, comments, opens, closes, ctx):
        c = services.consultation().consultation_for(decision)
        for i, (body, response, reason) in enumerate(comments):
            day = opens + dt.timedelta(days=3 + i * 7)
            x = self.consultation.submit_comment(
                c,
                body=body,
                client_address=f"203.0.113.{(decision.pk * 7 + i) % 250 + 1}",
                now=_at(day, 9 + i),
            )
            self.consultation.moderate(x, publish=True, actor=clerk, now=_at(day, 16))
            self.consultation.respond(
                x, response=response, reason=reason, actor=clerk, now=_at(closes, 15)
            )
        self.consultation.close(c, actor=clerk, today=closes + dt.timedelta(days=1))
        self.consultation.generate_summary(c, actor=clerk, now=_at(closes + dt.timedelta(days=2)))
        self.consultation.publish_summary(c, actor=clerk, today=closes + dt.timedelta(days=3))

    def conclude(self, decision, reviewer, on: dt.date, amended: bool) -> dt.date:
        """The opinion on ``on`` or, across a long holiday, on the first day the minimum
        review time (7 working days) allows."""
        review = services.legal().latest_review(decision)
        on = max(on, self.legal.earliest_conclusion(review))
        self.legal.conclude(
            review,
            opinion="lawful_if_amended" if amended else "lawful",
            reasons="建议删除草案中增设行政许可条件的表述，明确实施主体的职责分工。"
            if amended
            else "",
            actor=reviewer,
            on=on,
            adviser=self.adviser,
        )
        return on


def current_rows(year: int) -> list[tuple]:
    """The catalogue of the demo's current year (after 2025): the item deferred from 2025,
    the renovation plan now out for public comment (consultation/demo.py), and one more."""
    return [
        (
            "D07",
            REMOVED_2025,
            "plan",
            f"{year}年第三季度",
            "优化公益性公墓和殡仪服务设施布局",
            "每个乡镇建设1处公益性公墓",
        ),
        (
            "D13",
            "示范区老旧小区改造三年行动方案（2027—2029年）",
            "public_interest",
            f"{year}年第四季度",
            "完成2000年底前建成的老旧小区改造85个，惠及居民约2.1万户",
            "实施水电气管网更新、加装电梯和适老化改造，建立居民出资和长效管护机制",
        ),
        (
            "D19",
            "示范区基层医疗卫生服务能力提升行动方案",
            "policy",
            f"{year}年第二季度",
            "每个镇街卫生院（社区卫生服务中心）全科医生不少于5名，常见病就诊不出镇街",
            "推进紧密型医疗卫生共同体建设，区级医院专家下沉坐诊，统一药品目录",
        ),
    ]


def _current_catalog(ctx, coord) -> None:
    """The catalogue of the demo's "today"'s year, published after the Party committee
    agreed in February, like the earlier ones; built before its publication day, it is
    still collecting the units' proposals."""
    year = ctx.today.year
    if year <= max(CATALOGS):
        return
    agreed = dt.date(year, 2, 10)
    published = agreed + dt.timedelta(days=9)
    _catalog(
        ctx,
        year,
        current_rows(year),
        coord,
        party=(agreed.isoformat(), f"中共示范区委常委会会议纪要〔{year}〕2号"),
        publish=ctx.today >= published,
    )
    ctx.log.append(f"重大行政决策：{year}年目录{len(current_rows(year))}项")


def _catalog(ctx, year: int, rows, coord, party=None, publish=True):
    gov = ctx.units["G00"]
    catalog = services.create_catalog(year=year, unit=gov, actor=coord)
    items = []
    for code, title, category, planned, goal, _ in rows:
        items.append(
            services.propose_item(
                catalog,
                unit=ctx.units[code],
                title=title,
                category=category,
                planned=planned,
                summary=goal,
                actor=unit_clerk(ctx, code),
            )
        )
    if not publish:
        return catalog
    for item in items:
        services.settle_item(item, include=True, actor=coord)
    agreed, doc = party or PARTY_DOCS[year]
    services.approve_catalog(catalog, party_agreed_on=_d(agreed), party_document=doc, actor=coord)
    services.publish_catalog(
        catalog,
        published_on=_d(agreed) + dt.timedelta(days=9),
        channel="示范区人民政府门户网站",
        actor=coord,
    )
    return catalog


def _run(ctx, sib, item: CatalogItem, row, start: dt.date, *, meeting_no: int, finish=True):
    """Take one item through the procedure from ``start``; returns the decision."""
    code, title, _, _, goal, measures = row
    clerk = unit_clerk(ctx, code)
    draft, explanation = _texts(title, goal, measures)
    decision = services.start_decision(item, actor=clerk, draft=draft, explanation=explanation)
    services.record_expert_review(
        decision,
        held_on=start + dt.timedelta(days=4),
        form="专家论证会",
        organizer=ctx.rng.choice(EXPERT_BODIES),
        experts=_expert_names(ctx),
        opinions="方案目标明确、措施可行，建议进一步细化资金保障和分年度实施计划。",
        adoption="已采纳，补充了分年度实施计划和资金保障措施。",
        actor=clerk,
    )
    level = ctx.rng.choice(["low", "low", "medium"])
    services.record_risk_assessment(
        decision,
        assessed_on=start + dt.timedelta(days=8),
        assessor=ctx.rng.choice(RISK_BODIES),
        method="问卷调查、座谈走访、舆情分析、专家咨询",
        level=level,
        conclusion="决策事项总体风险可控，可以实施。",
        measures="" if level == "low" else "建立信访舆情监测机制，实施前做好政策解读，设置过渡期。",
        actor=clerk,
    )
    opens = start + dt.timedelta(days=10)
    if not finish:
        # Still out for comment: placed around the real today.
        opens = timezone.localdate() - dt.timedelta(days=10)
    closes = opens + dt.timedelta(days=30 + ctx.rng.randrange(3))
    services.open_consultation(
        decision, opens_on=opens, closes_on=closes, actor=clerk, opener=sib.opener(opens)
    )
    if not finish:
        return decision
    comments = ctx.rng.sample(COMMENTS, 2)
    sib.finish_consultation(decision, clerk, comments, opens, closes, ctx)
    requested = closes + dt.timedelta(days=7)
    services.request_legality_review(
        decision, actor=clerk, on=requested, requester=sib.requester(requested)
    )
    concluded = sib.conclude(
        decision,
        ctx.users["sfj_legal"],
        requested + dt.timedelta(days=12),
        amended=ctx.rng.random() < 0.3,
    )
    met = concluded + dt.timedelta(days=7 + ctx.rng.randrange(5))
    services.record_collective_decision(
        decision,
        meeting_kind="executive",
        meeting_name=f"区政府{met.year}年第{meeting_no}次常务会议",
        meeting_on=met,
        attendees=ctx.rng.randrange(9, 14),
        outcome="approved",
        dissent="无",
        head_decision="原则同意，按会议意见修改完善后，报区委同意后印发实施。",
        actor=clerk,
    )
    reported = met + dt.timedelta(days=4)
    services.record_party_report(
        decision,
        reported_on=reported,
        document=f"关于{title}的请示",
        note="区委常委会会议研究同意",
        actor=clerk,
    )
    published = reported + dt.timedelta(days=6)
    services.publish_decision(
        decision,
        published_on=published,
        channel="示范区人民政府门户网站",
        document_number=f"示政发〔{published.year}〕{meeting_no + 10}号",
        published_text=draft.replace("（草案）", ""),
        adoption_note="公开征求意见期间收到的意见均已逐条答复，采纳情况已在门户网站公布；"
        "专家论证提出的细化资金保障和实施计划的意见已采纳。",
        actor=clerk,
    )
    services.add_execution_note(
        decision,
        on=published + dt.timedelta(days=60),
        unit=ctx.units[code],
        note="已制定实施细则和任务分工，各项工作按计划推进。",
        actor=clerk,
    )
    decision.refresh_from_db()
    return decision


@register_demo("decisions", order=46)
def build(ctx) -> None:
    coord = ctx.users["coordinator"]
    sib = _Siblings(ctx)
    made = []
    for year in (2023, 2024, 2025):
        rows = CATALOGS[year]
        catalog = _catalog(ctx, year, rows, coord)
        items = {i.title: i for i in catalog.items.all()}
        if year == 2025:
            services.adjust_remove(
                items[REMOVED_2025],
                reason="上级殡葬设施专项规划尚未批复，年内不具备决策条件，调整至下一年度",
                decided_on=dt.date(2025, 6, 10),
                actor=coord,
            )
            adj = services.adjust_add(
                catalog,
                unit=ctx.units[ADDED_2025[0]],
                title=ADDED_2025[1],
                category=ADDED_2025[2],
                planned=ADDED_2025[3],
                summary=ADDED_2025[4],
                reason="汛期城区内涝暴露防洪排涝短板，经区政府常务会议研究增补列入目录",
                decided_on=dt.date(2025, 6, 12),
                actor=coord,
            )
            services.republish_catalog(
                catalog,
                published_on=dt.date(2025, 6, 20),
                channel="示范区人民政府门户网站",
                party_agreed_on=dt.date(2025, 6, 17),
                party_document="中共示范区委常委会会议纪要〔2025〕11号",
                actor=coord,
            )
            rows = [r for r in rows if r[1] != REMOVED_2025] + [ADDED_2025]
            items[ADDED_2025[1]] = adj.item
        meeting_no = 5
        for k, row in enumerate(rows):
            start = dt.date(year, 3, 1) + dt.timedelta(days=25 * k + ctx.rng.randrange(5))
            if row[1] == ADDED_2025[1]:
                start = dt.date(2025, 6, 25)
            meeting_no += 2 + ctx.rng.randrange(3)
            decision = _run(
                ctx,
                sib,
                items[row[1]],
                row,
                start,
                meeting_no=meeting_no,
                finish=row[1] != OPEN_2025,
            )
            made.append(decision)
            if year < 2025:
                services.archive_decision(
                    decision,
                    archived_on=decision.published_on + dt.timedelta(days=30),
                    reference=f"{year}-ZD-{k + 1:02d}",
                    actor=unit_clerk(ctx, row[0]),
                )
            if row[1] == EVALUATED_2025:
                clerk = unit_clerk(ctx, row[0])
                ev = services.start_evaluation(
                    decision,
                    trigger="complaints",
                    trigger_detail="调整后的租金标准实施以来，12345热线收到关于租金减免办理的诉求较多。",
                    evaluator=EVALUATOR,
                    third_party=True,
                    started_on=dt.date(2025, 11, 3),
                    actor=clerk,
                )
                services.finish_evaluation(
                    ev,
                    finished_on=dt.date(2026, 1, 16),
                    result="租金标准总体合理，保障对象负担可承受；减免申请材料偏多、办理时间偏长。",
                    recommendation="adjust",
                    actor=clerk,
                )
    _current_catalog(ctx, coord)
    ctx.log.append(
        f"重大行政决策：2023—2025年目录{4 + 5 + 6}项，决策{len(made)}项（其中1项正在公开征求意见）"
    )
