"""Consultations in the demo district: two that ended in 2025 with every comment answered
and the summary published, and one open now on the portal.

The subjects are plain refs ("consultation.standalone", "demo-…"): the decisions and
documents modules attach their own records through ``interface.open_consultation``.
The open one is placed around the real today (opened 13 days ago, 30 days long) so that
the portal shows it open whenever the demo is built; everything else is fixed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import GIVEN, SURNAMES, unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import Comment

PARKING_DRAFT = """第一条 为规范城区机动车停放服务收费行为，缓解停车难，根据《中华人民共和国价格法》等规定，结合本区实际，制定本方案。
第二条 城区道路停车泊位实行分区域、分时段差别化收费。一类区域白天每小时3元，二类区域白天每小时2元，夜间（20:00至次日8:00）每次不超过5元。
第三条 首30分钟内免费；残疾人专用车辆、执行任务的公务车辆、新能源汽车首2小时免费。
第四条 居住区周边道路可设置夜间居民包月泊位，包月价格每月不超过150元。
第五条 收费一律通过电子支付完成，收费单位应当提供纸质或电子票据。
第六条 本方案自2025年9月1日起施行，试行两年。"""

PARKING_EXPLANATION = """一、起草背景。近年来城区机动车保有量年均增长约9%，老城区停车泊位缺口较大，现行收费标准自2016年起未作调整，“长时间占位、周转率低”问题突出。
二、主要内容。按照“中心高于外围、白天高于夜间、路内高于路外”的原则设置差别化收费，并新增居民夜间包月泊位。
三、决策程序。本方案属于区政府重大行政决策事项目录所列事项，已开展成本调查和风险评估，现公开征求社会公众意见。"""

RELIEF_DRAFT = """第一条 为进一步规范临时救助工作，及时解决群众遭遇的突发性、紧迫性、临时性基本生活困难，根据《社会救助暂行办法》，制定本办法。
第二条 临时救助对象包括急难型救助对象和支出型救助对象。
第三条 急难型救助实行“先行救助”，乡镇人民政府（街道办事处）可在1000元以内直接审批，事后补齐材料。
第四条 支出型救助标准一般不超过本区城乡低保月标准的6倍；情况特殊的，经区民政局审批可适当提高。
第五条 申请人可向户籍所在地或经常居住地的乡镇（街道）提出申请，也可通过网上平台申请。
第六条 本办法自印发之日起施行，有效期5年。"""

RELIEF_EXPLANATION = """一、起草依据。《社会救助暂行办法》、省民政厅关于进一步加强和改进临时救助工作的意见。
二、主要变化。一是将乡镇（街道）小额先行救助审批权限由500元提高到1000元；二是明确非本区户籍常住人口可在经常居住地申请；三是增加网上申请渠道。
三、征求意见。本办法涉及群众切身利益，按照行政规范性文件制定程序公开征求社会公众意见。"""

RENOVATION_DRAFT = """一、总体目标。2027年至2029年，完成2000年底前建成的老旧小区改造85个、惠及居民约2.1万户，基本完成城区老旧小区改造任务。
二、改造内容。基础类：水电气路、消防设施、屋面防水；完善类：加装电梯、停车设施、适老化改造；提升类：社区养老托育、便民服务设施。
三、资金筹措。按照“居民出一点、企业投一点、政府补一点”的原则，多渠道筹措改造资金。加装电梯的，区财政每部补助15万元。
四、居民参与。每个小区改造方案须经居民大会或业主大会表决，同意的户数不少于三分之二方可实施。
五、组织实施。区住建局牵头，各街道负责具体实施，每年12月底前公布下一年度改造计划。"""

RENOVATION_EXPLANATION = """本方案已列入区政府2026年度重大行政决策事项目录。起草过程中，区住建局对城区85个老旧小区逐一摸底调查，听取了街道、社区和部分居民代表的意见。现按照《重大行政决策程序暂行条例》第十五条的规定公开征求社会公众意见，期限30日。"""

# (body, response, reason); response None means the comment is rejected in moderation.
PARKING_COMMENTS = [
    (
        "建议在学校、医院周边增加临时停车泊位，接送孩子和就医时经常找不到车位。",
        "partly",
        "医院周边已纳入一类区域并增设即停即走泊位；学校周边临时泊位将结合交通组织方案另行设置。",
    ),
    (
        "首30分钟免费很好，建议延长到1小时，方便群众到菜市场买菜办事。",
        "not_adopted",
        "经测算，免费时长延长至1小时将使泊位周转率下降约四成，不利于缓解停车难，维持30分钟。",
    ),
    (
        "居民夜间包月每月150元偏高，老城区很多小区没有地下车库，建议降到100元。",
        "partly",
        "包月价格调整为每月不超过120元，并对低保家庭减半收取。",
    ),
    ("建议收费标准、收费时段在每个泊位显著位置公示，并公布投诉电话。", "adopted", ""),
    (
        "电子支付对老年人不方便，建议保留现金或者人工缴费渠道。",
        "adopted",
        "增加“收费员现场协助缴费”条款，并保留便民服务点现金缴费。",
    ),
    (
        "新能源汽车首2小时免费的政策建议设定期限，避免长期占用泊位。",
        "adopted",
        "明确新能源汽车优惠试行两年，期满后评估。",
    ),
    (
        "夜间每次不超过5元，是否包括节假日？建议写清楚。",
        "adopted",
        "第二条补充“节假日按夜间标准执行”。",
    ),
    ("出售各类二手车，价格优惠，欢迎来电咨询。", None, "与征求意见内容无关的商业广告"),
]

RELIEF_COMMENTS = [
    (
        "先行救助额度提高到1000元很有必要，建议同时明确事后补齐材料的期限。",
        "adopted",
        "第三条补充“5个工作日内补齐材料”。",
    ),
    (
        "支出型救助标准“一般不超过低保月标准的6倍”，大病家庭往往不够，建议提高到12倍。",
        "partly",
        "对因重大疾病导致的支出型困难，经区民政局审批最高可提高到低保月标准的12倍；其他情形维持6倍。",
    ),
    (
        "非本区户籍在经常居住地申请，需要提供哪些居住证明？建议明确。",
        "adopted",
        "增加第五条第二款，居住证、租房合同、社区出具的居住证明任一即可。",
    ),
    (
        "建议把临时救助的审批结果在村（居）务公开栏公示。",
        "partly",
        "审批结果在村（居）务公开栏公示，但对申请人姓名、身份证号等个人信息作脱敏处理。",
    ),
    (
        "网上申请平台是哪个？建议写明网址或者小程序名称。",
        "not_adopted",
        "平台名称可能调整，不宜在规范性文件中写明，将在政府网站办事指南中公布。",
    ),
    (
        "建议对困难群众主动发现，不要只等群众上门申请。",
        "adopted",
        "增加“乡镇（街道）、村（社区）应当主动发现、及时报告”条款。",
    ),
]

RENOVATION_COMMENTS = [
    "我家住在纺织厂宿舍，六层没有电梯，老人上下楼很困难，希望加装电梯能优先考虑我们小区。",
    "三分之二居民同意才能实施，低楼层住户往往不同意加装电梯，建议对低楼层住户给予补偿的办法写进方案。",
    "改造期间施工噪音和停水停电影响很大，建议提前公示施工计划。",
    "建议改造后明确物业管理，不然改好了几年又坏了。",
    "小区里停车太难，建议改造时利用边角空地建设立体停车设施。",
    "建议把充电桩建设纳入改造内容，现在电动自行车充电很不安全。",
]


def _person(ctx) -> tuple[str, str]:
    """A fictional commenter: about half give a name, fewer a phone."""
    name = phone = ""
    if ctx.rng.random() < 0.5:
        name = ctx.rng.choice(SURNAMES) + ctx.rng.choice(GIVEN)
    if ctx.rng.random() < 0.3:
        phone = (
            "1" + ctx.rng.choice("35789") + "".join(str(ctx.rng.randrange(10)) for _ in range(9))
        )
    return name, phone


def _at(day: dt.date, ctx) -> dt.datetime:
    t = dt.time(ctx.rng.randrange(8, 22), ctx.rng.randrange(60))
    return timezone.make_aware(dt.datetime.combine(day, t))


def _ended(ctx, *, code, ref, kind, title, draft, explanation, opens, closes, comments, publish):
    clerk = unit_clerk(ctx, code)
    c = services.create_draft(
        subject=(services.STANDALONE, ref),
        kind=kind,
        unit=ctx.units[code],
        title=title,
        draft=draft,
        explanation=explanation,
        opens_on=opens,
        closes_on=closes,
        actor=clerk,
    )
    c = services.open_draft(c, actor=clerk, today=opens)
    span = (closes - opens).days
    made = []
    for i, (body, response, reason) in enumerate(comments):
        name, phone = _person(ctx)
        day = opens + dt.timedelta(days=1 + (i * span) // (len(comments) + 1))
        x = services.submit_comment(
            c,
            body=body,
            name=name,
            phone=phone,
            client_address=f"198.51.100.{10 + i}",
            now=_at(day, ctx),
        )
        made.append((x, response, reason))
    answered = timezone.make_aware(dt.datetime.combine(closes, dt.time(15)))
    for x, response, reason in made:
        moderated = x.submitted_at + dt.timedelta(hours=20)
        if response is None:
            services.moderate(x, publish=False, reason=reason, actor=clerk, now=moderated)
            continue
        services.moderate(x, publish=True, actor=clerk, now=moderated)
        services.respond(x, response=response, reason=reason, actor=clerk, now=answered)
    services.close(c, actor=clerk, today=closes + dt.timedelta(days=1))
    services.generate_summary(c, actor=clerk, now=answered + dt.timedelta(days=2))
    services.publish_summary(c, actor=clerk, today=publish)
    return c


@register_demo("consultation", order=41)
def build(ctx) -> None:
    ctx.consultations = [
        _ended(
            ctx,
            code="D14",
            ref="demo-parking-2025",
            kind="major_decision",
            title="示范区城区机动车停放服务收费调整方案（征求意见稿）",
            draft=PARKING_DRAFT,
            explanation=PARKING_EXPLANATION,
            opens=dt.date(2025, 6, 3),
            closes=dt.date(2025, 7, 3),
            comments=PARKING_COMMENTS,
            publish=dt.date(2025, 7, 16),
        ),
        _ended(
            ctx,
            code="D07",
            ref="demo-relief-2025",
            kind="normative_document",
            title="示范区临时救助实施办法（征求意见稿）",
            draft=RELIEF_DRAFT,
            explanation=RELIEF_EXPLANATION,
            opens=dt.date(2025, 10, 9),
            closes=dt.date(2025, 11, 8),
            comments=RELIEF_COMMENTS,
            publish=dt.date(2025, 11, 20),
        ),
    ]
    # Open now: opened 13 days before the real today, 30 days long.
    today = timezone.localdate()
    opens = today - dt.timedelta(days=13)
    clerk = unit_clerk(ctx, "D13")
    c = services.create_draft(
        subject=(services.STANDALONE, "demo-renovation"),
        kind="major_decision",
        unit=ctx.units["D13"],
        title="示范区老旧小区改造三年行动方案（2027—2029年）（征求意见稿）",
        draft=RENOVATION_DRAFT,
        explanation=RENOVATION_EXPLANATION,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=30),
        actor=clerk,
    )
    c = services.open_draft(c, actor=clerk, today=opens)
    for i, body in enumerate(RENOVATION_COMMENTS):
        name, phone = _person(ctx)
        x = services.submit_comment(
            c,
            body=body,
            name=name,
            phone=phone,
            client_address=f"198.51.100.{40 + i}",
            now=_at(opens + dt.timedelta(days=1 + 2 * i), ctx),
        )
        # The older ones are already published; the last two wait for moderation.
        if i < len(RENOVATION_COMMENTS) - 2:
            services.moderate(
                x, publish=True, actor=clerk, now=x.submitted_at + dt.timedelta(hours=6)
            )
    ctx.consultations.append(c)
    ctx.log.append(
        f"公开征求意见：{len(ctx.consultations)}项（其中1项正在征求意见），"
        f"意见{Comment.objects.count()}条"
    )
