"""Canonical indicator codes (/work/shared/design/indicators.md) and how reports phrase them.

Each rule is data: a regex over the figure's *key* — the words before the number (in
its clause, after any earlier figure), then "#" for the number, then the words after
its unit — plus an optional regex the sentence must contain (``ctx``), words that
rule the code out (``neg``), and the units it accepts. Rules are tried in order;
the first match wins, so more specific phrasings come first. To teach the extractor a
new phrasing, add or widen a rule here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import required_literals

COUNT = "count"  # any unit except rates
RATE = "rate"  # % only


@dataclass(frozen=True)
class Rule:
    code: str
    key: str
    kind: str = COUNT
    units: str | None = None  # regex the unit must match fully
    ctx: str | None = None  # must occur in the sentence (with the previous one if wide)
    neg: str | None = None  # must not occur in the key
    neg_ctx: str | None = None  # must not occur in the sentence
    wide: bool = False
    topic: str | None = None  # nearest before the number must be this, not ``rival``
    rival: str | None = None


CASES = r"件|件次|起|宗|个|例"
R = Rule
RULES: list[Rule] = [
    # 行政复议
    R("reconsideration.correction_rate", r"纠错率|纠正率", RATE),
    R(
        "reconsideration.received",
        r"(新收|收到|接收|新增)[^#]{0,14}复议[^#]{0,6}#|复议[^#]{0,6}(新收|收到)[^#]{0,8}#",
        units=CASES,
    ),
    R(
        "reconsideration.received",
        r"^[^#]{0,3}(新收|收到|新受理)[^#]{0,3}#",
        units=CASES,
        topic=r"复议",
        rival=r"诉讼|应诉|信访|调解|法律援助|仲裁|信息公开|投诉",
    ),
    R(
        "reconsideration.accepted",
        r"受理[^#]{0,2}(行政)?(复议)?(案件|申请)?[^#]{0,2}#",
        units=CASES,
        neg=r"信访|政务|办件|诉求|法律援助|投诉|举报|公开|不予",
        topic=r"复议",
        rival=r"诉讼|应诉|信访|调解|法律援助|仲裁",
    ),
    R(
        "reconsideration.concluded",
        r"(审结|办结|结案)[^#]{0,6}#",
        units=CASES,
        neg=r"诉讼|信访",
        topic=r"复议",
        rival=r"诉讼|应诉|信访|调解|法律援助|仲裁",
    ),
    # 行政诉讼
    R(
        "litigation.head_appearance_rate",
        r"出庭(应诉)?率|(负责人|领导)[^#]{0,6}#[^#]{0,2}出庭",
        RATE,
    ),
    R("litigation.head_appearances", r"(负责人|领导)[^#]{0,4}出庭(应诉)?[^#]{0,4}#", units=CASES),
    R("litigation.loss_rate", r"败诉率", RATE),
    R("litigation.lost", r"败诉[^#]{0,4}#", units=CASES),
    R(
        "litigation.cases",
        r"(行政诉讼|行政应诉)[^#]{0,14}#",
        units=CASES,
        neg=r"复议后|出庭|败诉|被告的$|培训|宣传|引发|涉及",
    ),
    # 司法建议 / 检察建议
    R(
        "suggestion.on_time_rate",
        r"(办复|回复|答复|办结)率",
        RATE,
        ctx=r"司法建议|检察建议",
        neg_ctx=r"信息公开|依申请",
    ),
    R("suggestion.judicial", r"司法建议[^#]{0,4}#", units=CASES),
    R("suggestion.procuratorial", r"检察建议[^#]{0,4}#", units=CASES),
    # 行政规范性文件
    R("documents.filing_pass_rate", r"备案(审查)?通过率", RATE),
    R("decisions.legality_review_rate", r"决策[^#]{0,8}合法性审查[^#]{0,4}率", RATE),
    R(
        "documents.legality_review_rate",
        r"合法性审核率|(规范性文件|文件)[^#]{0,10}合法性审(查|核)[^#]{0,4}率",
        RATE,
    ),
    R("documents.filing_rate", r"备案率", RATE),
    R(
        "documents.cleaned_retained",
        r"(继续有效|保留)[^#]{0,10}#|#[^#、，,；;]{0,10}继续有效",
        units=r"件|部|个",
        ctx=r"清理",
    ),
    R(
        "documents.cleaned_repealed",
        r"废止[^#]{0,10}#|#[^#、，,；;]{0,3}废止",
        units=r"件|部|个",
        ctx=r"清理",
    ),
    R(
        "documents.cleaned_expired",
        r"失效[^#]{0,10}#|#[^#、，,；;]{0,3}失效",
        units=r"件|部|个",
        ctx=r"清理",
    ),
    R("documents.cleaned", r"清理[^#]{0,10}文件[^#]{0,3}#", units=r"件|部|个"),
    # "对…规范性文件进行全面清理，共清理86件": the documents are named in the clause before.
    R(
        "documents.cleaned",
        r"^[^#]{0,3}(共|累计|全面)?清理[^#]{0,2}#",
        units=r"件|部|个",
        ctx=r"规范性文件",
        neg_ctx=r"证明事项|涉企|罚款",
    ),
    R(
        "documents.reviewed",
        r"(审查|审核|把关)[^#]{0,16}(规范性|政策性)[^#]{0,6}文件[^#]{0,3}#"
        r"|^[、和及]?[^#]{0,4}规范性文件[^#]{0,2}#",
        units=r"件|部|个",
        ctx=r"审查|审核|把关",
        neg=r"清理|备案|制发|印发|废止|有效|失效|解读",
    ),
    R("documents.filed", r"备案[^#]{0,3}#|#[^#]{0,12}备案", units=r"件|部", ctx=r"文件|规章"),
    # 重大行政决策
    R("decisions.collective_discussion_rate", r"集体讨论(决定)?率", RATE),
    R(
        "decisions.catalog_items",
        r"#[^#]{0,4}(事项)?[^#]{0,3}(列入|纳入)|(确定|列入|纳入|公布)[^#]{0,8}决策事项[^#]{0,3}#",
        units=r"项|个|件",
        ctx=r"决策[^。]{0,12}目录|目录[^。]{0,20}决策|决策事项",
    ),
    # 合法性审查 / 法律顾问
    R("legal.opinions", r"出具[^#]{0,10}意见(书)?[^#]{0,3}#", units=r"份|件|条|个"),
    R(
        "legal.agreements_reviewed",
        r"(审查|审核|把关)[^#]{0,12}(合同|协议)[^#]{0,3}#|^[、和及]?[^#]{0,6}(合同|协议)[^#]{0,3}#"
        r"|^[^#]{0,6}#[^#]{0,6}(合同|协议)",
        units=r"件|件次|份|个|项",
        ctx=r"审查|审核|把关",
    ),
    R(
        "legal.reviews",
        r"合法性(审查|审核)[^#]{0,8}#|决策事项[^#]{0,2}#|(审查|审核)[^#]{0,30}等?事项[^#]{0,3}#"
        r"|#[^#]{0,8}(决策事项|议题)[^#]{0,6}合法性审查",
        units=r"件|项|个|次|份",
        neg=r"列入|纳入|目录|确定",
    ),
    # "对全区53份重要文件、15份重要合同进行了合法性审查"
    R(
        "legal.reviews",
        r"^[^#]{0,6}#[^#]{0,4}(重要|规范性)?文件",
        units=r"件|份",
        ctx=r"进行(了)?合法性审查|合法性审查(的)?文件",
    ),
    R(
        "legal.adviser_meetings",
        r"(参与|参加|列席)[^#]{0,14}(决策|会议|会办|论证)[^#]{0,4}#",
        units=r"次|场|场次",
        ctx=r"法律顾问|公职律师|法制办|法制机构|律师",
        wide=True,
    ),
    # 行政执法
    R(
        "enforcement.exam_participants",
        r"#[^#]{0,3}参加|参加[^#]{0,12}考试[^#]{0,4}#|参考(人员|人数)[^#]{0,3}#",
        units=r"人|名|人次",
        ctx=r"(执法|资格)[^。]{0,20}考试|考试[^。]{0,30}执法",
    ),
    R("enforcement.exam_passed", r"通过[^#]{0,4}#|#[^#]{0,2}通过", units=r"人|名", ctx=r"考试"),
    R(
        "enforcement.certificates_issued",
        r"(办理|发放|核发|申领|换发|颁发|新办)[^#]{0,8}证(件)?[^#]{0,3}#",
        units=r"本|个|件|张",
    ),
    R("enforcement.case_file_pass_rate", r"合格率", RATE, ctx=r"案卷"),
    R(
        "enforcement.case_files_reviewed",
        r"(评查|抽查|抽取)[^#]{0,10}案卷[^#]{0,3}#|案卷[^#]{0,2}#",
        units=r"卷|份|件|宗|本",
        ctx=r"评查",
        neg=r"优秀|不合格|合格|问题",
    ),
    R("enforcement.supervision_checks", r"监督检查[^#]{0,4}#", units=r"次|场次"),
    R(
        "enforcement.delegated_powers",
        r"(权力清单|执法事项|处罚权|行政权力|职权)[^#]{0,4}#",
        units=r"项|个|类",
        ctx=r"乡|镇|街|赋予|下放|赋权",
    ),
    R(
        "enforcement.trainings",
        r"(执法|业务)[^#]{0,10}培训(班)?[^#]{0,3}#",
        units=r"场次|期|次|场|班|个",
        ctx=r"执法",
        neg=r"干部|学法",
    ),
    # Figures the enforcement module computes (the phrasings districts use for them).
    R("enforcement.major_review_rate", r"法制审核率", RATE, ctx=r"执法"),
    R("enforcement.publication_on_time_rate", r"公示率", RATE, ctx=r"执法|处罚|许可"),
    R(
        "enforcement.decided_in_time_rate",
        r"(按期|按时)办结率",
        RATE,
        ctx=r"执法案件|处罚案件",
        neg=r"公开|信访|复议|诉讼|建议|提案",
    ),
    R("enforcement.penalty_amount", r"罚没(款|金额|收入)?[^#]{0,4}#", units=r"万元|亿元"),
    R("enforcement.first_violation_exempt", r"首违不罚[^#]{0,6}#", units=CASES),
    R("enforcement.no_penalty", r"不予(行政)?处罚[^#]{0,4}#", units=CASES, neg=r"首违"),
    R(
        "enforcement.penalty_decisions",
        r"(作出|办理|查处)[^#]{0,6}(行政)?处罚(决定|案件)[^#]{0,3}#",
        units=CASES,
        neg=r"不予|复议|诉讼",
    ),
    R(
        "enforcement.license_decisions",
        r"(作出|办理)[^#]{0,6}行政许可(决定)?[^#]{0,3}#",
        units=CASES,
        neg=r"审批|政务服务|办件",
    ),
    R("enforcement.coercion_decisions", r"行政强制(措施|决定)[^#]{0,3}#", units=CASES),
    R("enforcement.inspection_records", r"行政检查[^#]{0,4}#", units=r"次|件|户次"),
    R("enforcement.decisions", r"行政执法决定[^#]{0,3}#", units=CASES),
    R(
        "enforcement.cases_filed",
        r"立案[^#]{0,8}#",
        units=CASES,
        ctx=r"执法|处罚|查处",
        neg=r"复议|诉讼|信访|调解",
    ),
    # 双随机、一公开
    R(
        "inspections.entities",
        r"检查对象[^#]{0,10}#|(录入|入库)[^#]{0,6}(市场主体|企业|对象)[^#]{0,3}#",
        units=r"家|户|个|万户",
    ),
    R(
        "inspections.inspectors",
        r"(执法|检查)(检查)?人员[^#]{0,10}#",
        units=r"名|人",
        ctx=r"双随机|名录|人员库|录入",
    ),
    R("inspections.check_items", r"抽查事项[^#]{0,12}#", units=r"项|个|条"),
    R("inspections.joint_task_share", r"联合抽查[^#]{0,6}占比", RATE),
    R("inspections.publication_on_time_rate", r"抽查结果[^#]{0,6}(按时|及时)公示率", RATE),
    R("inspections.problem_rate", r"问题发现率", RATE, ctx=r"双随机|随机抽查"),
    R("inspections.coverage_a", r"A类[^#]{0,10}(抽查覆盖率|抽查比例)", RATE),
    R("inspections.coverage_b", r"B类[^#]{0,10}(抽查覆盖率|抽查比例)", RATE),
    R("inspections.coverage_c", r"C类[^#]{0,10}(抽查覆盖率|抽查比例)", RATE),
    R("inspections.coverage_d", r"D类[^#]{0,10}(抽查覆盖率|抽查比例)", RATE),
    R(
        "inspections.entities_checked",
        r"(随机)?抽查[^#]{0,6}(市场主体|企业|检查对象)[^#]{0,3}#",
        units=r"家|户|个",
        ctx=r"双随机|随机抽查",
    ),
    R(
        "inspections.tasks",
        r"(双随机、一公开”?|随机)抽查[^#]{0,4}#",
        units=r"次|批次|轮",
    ),
    # 政府信息公开
    R(
        "disclosure.proactive",
        r"主动公开[^#]{0,10}信息[^#]{0,3}#|(?<!发布)公开(?!各类)[^#]{0,4}政府信息[^#]{0,3}#",
        units=r"条|件|篇|条次",
        neg=r"发布|申请",
    ),
    R(
        "disclosure.requests",
        r"信息公开申请[^#]{0,4}#|依申请公开[^#]{0,4}#|公开(政府)?信息(的)?申请[^#]{0,4}#"
        r"|#[^#]{0,3}((政府)?信息公开申请|依申请公开)",
        units=r"件|个|条|份",
    ),
    R(
        "disclosure.on_time_rate",
        r"(按时|按期|及时)?(办结|答复|回复)率",
        RATE,
        ctx=r"信息公开|依申请|公开申请",
        neg_ctx=r"信访|建议|提案|热线",
        wide=True,
    ),
    R("disclosure.interpretations", r"解读[^#]{0,6}#", units=r"次|条|篇|件|期|个"),
    R("disclosure.published", r"(发布|公开)[^#]{0,8}信息[^#]{0,3}#", units=r"条|篇|件"),
    R("disclosure.proactive_on_time_rate", r"(按时|按期)公开率", RATE),
    R(
        "disclosure.requests_concluded",
        r"办结(政府)?信息公开申请[^#]{0,3}#|(已经?)?(答复|办结)的?#[^#]{0,3}申请",
        units=r"件",
    ),
    R(
        "disclosure.requests_concluded",
        r"^[^#]{0,3}(共|已|全部)?(办结|答复)[^#]{0,2}#",
        units=r"件",
        ctx=r"依申请公开|信息公开申请|公开申请",
    ),
    R("disclosure.fee_notices", r"(信息处理费)?收费通知(书)?[^#]{0,4}#", units=r"份|件|次"),
    R("disclosure.fee_amount", r"(收取|收缴)[^#]{0,2}信息处理费[^#]{0,3}#", units=r"元|万元"),
    # 矛盾纠纷
    R("mediation.success_rate", r"(调解|调处|化解)(成功)?率", RATE),
    R("mediation.success_rate", r"^[^#]{0,2}成功率", RATE, ctx=r"纠纷|调解|调处"),
    # 信访 (信访工作条例): 按期办结率 of 信访事项, 复查, 复核, petitions registered.
    R(
        "mediation.petition_on_time_rate",
        r"(按期|按时|及时)?办结率",
        RATE,
        ctx=r"信访",
        neg_ctx=r"信息公开|依申请|司法建议|检察建议",
    ),
    R("mediation.petition_reviews", r"复查[^#]{0,6}#", units=CASES, ctx=r"信访"),
    R("mediation.petition_re_reviews", r"复核[^#]{0,6}#", units=CASES, ctx=r"信访"),
    R(
        "mediation.petitions",
        r"(受理|登记|接待|办理|收到|接收)[^#]{0,6}信访[^#]{0,6}#|信访(事项|件|案件)[^#]{0,4}#",
        units=r"件|批|次|人次|起",
        neg=r"导入|转交|纠纷|申请|复查|复核",
    ),
    # 人民调解 (人民调解法): committees and mediators (第十条), 司法确认 (第三十三条).
    R(
        "mediation.judicial_confirmations",
        r"司法确认[^#]{0,8}#|#[^#]{0,6}司法确认",
        units=CASES,
    ),
    R(
        "mediation.committees",
        r"调解(委员会|组织|委)[^#]{0,4}#|#[^#]{0,4}(人民)?调解(委员会|组织)",
        units=r"个|家",
    ),
    R(
        "mediation.mediators",
        r"调解员[^#]{0,4}#|#[^#]{0,6}(人民)?调解员",
        units=r"人|名|个|位",
    ),
    R(
        "mediation.mediated",
        r"受理调解[^#]{0,8}#|(调解组织|调委会)[^#]{0,4}受理[^#]{0,8}#",
        units=CASES,
        ctx=r"纠纷|调解",
    ),
    R(
        "mediation.resolved",
        r"(化解|调解成功|成功调解|调处成功)[^#]{0,4}#",
        units=r"件|起|宗|个",
        neg_ctx=r"复议|信访",
    ),
    R(
        "mediation.disputes",
        r"(调解|排查|调处|受理|化解)[^#]{0,8}纠纷[^#]{0,3}#|调解[^#]{0,4}(案件)?[^#]{0,4}#",
        units=r"件|起|宗|个",
        ctx=r"纠纷|调解",
        # 调解和解 is an outcome of a 复议 or 诉讼 case, not a dispute mediated.
        neg=r"成功|复议|劳动|和解",
    ),
    # 学法用法
    R(
        "learning.collective_study",
        r"中心组[^#]{0,6}学法[^#]{0,12}#|#[^#]{0,3}(中心组|集体)学法",
        units=r"次|场|场次|期",
        ctx=r"中心组|各部门|各单位",
        neg=r"会前|常务会",
    ),
    R(
        "learning.study_sessions",
        r"(组织|开展|集中|专题)学习[^#]{0,24}(法律法规|法律|法规|宪法|民法典|条例|法治)[^#]{0,4}#",
        units=r"次|场|场次|期",
        neg=r"中心组|培训|讲座",
    ),
    R(
        "learning.law_duty_reports_written",
        r"书面述法[^#]{0,4}#|#[^#]{0,10}书面述法",
        units=r"人|名|位|份",
    ),
    R(
        "learning.law_duty_reports",
        r"述法[^#]{0,4}#|#[^#]{0,10}(现场|当场|会上)?述法",
        units=r"人|名|位",
        neg=r"书面",
    ),
    R(
        "learning.exam_pass_rate",
        r"(考试|考法)[^#]{0,6}(合格|通过|及格)率",
        RATE,
        neg_ctx=r"执法资格|执法证|资格考试",
    ),
    R(
        "learning.exam_pass_rate",
        r"^[^#]{0,6}(合格|通过|及格)率",
        RATE,
        ctx=r"(学法|法治|法律知识|法治理论|普法)[^。]{0,12}(考试|考法)",
        neg_ctx=r"执法资格|执法证|资格考试|执法人员",
        wide=True,
    ),
    R(
        "learning.exam_participants",
        r"#[^#]{0,16}参加[^#]{0,12}(法治理论|法律知识|学法|法治)[^#]{0,6}(考试|$)"
        r"|(法治理论|法律知识|学法)[^#]{0,8}考试[^#]{0,4}(参考|参加)[^#]{0,4}#",
        units=r"人|名|人次",
        neg_ctx=r"执法资格|执法证|执法人员|资格考试",
    ),
    R(
        "learning.hours_below_minimum",
        r"学时[^#]{0,10}未达[^#]{0,12}#|未达到?[^#]{0,8}学时[^#]{0,6}#|#[^#]{0,6}学时未达",
        units=r"人|名",
    ),
    R(
        "learning.study_sessions",
        r"(会前学法|集体学法|专题学法|学法)[^#]{0,4}#|#[^#]{0,2}(会前|集体|专题)学法"
        r"|(中心组|专题)[^#]{0,10}学习[^#]{0,2}#",
        units=r"次|场|场次|期",
    ),
    R(
        "learning.court_observers",
        r"旁听[^#]{0,6}#|#[^#]{0,12}旁听|#[^#]{0,6}参加$",
        units=r"人|名|人次",
        ctx=r"旁听",
    ),
    R(
        "learning.trainings",
        r"(干部|法治|学法|普法|教育|法律知识)[^#]{0,8}(培训|讲座|讲堂)(班)?[^#]{0,3}#"
        r"|#[^#]{0,3}(法治|学法|普法|法律知识)[^#]{0,6}(培训|讲座|讲堂)",
        units=r"期|场|场次|次|班|个",
        neg=r"执法",
    ),
    R(
        "learning.training_attendees",
        r"(参训|培训)[^#]{0,10}#|#[^#]{0,4}参(加)?(法治)?培训",
        units=r"人次",
        neg=r"执法",
        neg_ctx=r"执法人员|政务公开",
    ),
    # 普法 (谁执法谁普法)
    R(
        "learning.legal_education_activities",
        r"(普法|法治宣传)[^#]{0,8}(活动|宣传)[^#]{0,4}#|#[^#]{0,4}(普法|法治宣传)(活动|宣传)?",
        units=r"次|场|场次|期|个",
    ),
    R(
        "learning.legal_education_reach",
        r"(受众|覆盖|惠及)[^#]{0,6}#",
        units=r"人次|人|万人次|万人",
        ctx=r"普法|法治宣传|宣传",
    ),
    # 党政主要负责人履行推进法治建设第一责任人职责 (常务会议研究法治议题)
    R(
        "leadership.rule_of_law_topics",
        r"法治[^#]{0,8}议题[^#]{0,4}#|#[^#]{0,3}法治[^#]{0,8}议题",
        units=r"次|个|项|件",
        ctx=r"常务会",
    ),
    R(
        "leadership.rule_of_law_meetings",
        r"常务会议?[^#]{0,6}(专题)?研究[^#]{0,8}法治[^#]{0,8}#"
        r"|常务会议?[^#]{0,10}#[^#]{0,4}(专题)?研究[^#]{0,6}法治"
        r"|研究法治[^#]{0,6}的[^#]{0,6}常务会议?[^#]{0,2}#",
        units=r"次|场",
    ),
    # 其他
    R(
        "proposals.handled",
        r"建议提案[^#]{0,4}#",
        units=r"件",
    ),
    R(
        "proposals.handled",
        r"(建议|提案|议案)[^#]{0,6}#",
        units=r"件",
        ctx=r"人大|政协",
        neg=r"司法建议|检察建议|审计建议",
    ),
    R("audit.projects", r"审计项目[^#]{0,4}#", units=r"个|项"),
    R(
        "services.items_handled",
        r"办件(量)?[^#]{0,4}#",
        units=r"件|万件",
        neg=r"网办|线上|即办|网上|办件率",
    ),
]

# Cells of the national disclosure-report template that carry a code.
TEMPLATE_CELLS = {("本年新收政府信息公开申请数量", "总计"): "disclosure.requests"}

_COMPILED = [
    (
        r,
        re.compile(r.key),
        re.compile(rf"(?:{r.units})") if r.units else None,
        re.compile(r.ctx) if r.ctx else None,
        re.compile(r.neg) if r.neg else None,
        re.compile(r.neg_ctx) if r.neg_ctx else None,
        re.compile(r.topic) if r.topic else None,
        re.compile(r.rival) if r.rival else None,
    )
    for r in RULES
]
CODES = {r.code for r in RULES}
_MASK = re.compile(r"双随机、一公开|“[^”]{0,12}一公开”")


def make_key(local: str, after: str) -> str:
    """The string rules match: words before the number, '#', words after its unit."""
    if "一公开" in local:
        local = _MASK.sub("□", local)
    if "#" in local:
        local = local.replace("#", "")
    return f"{local}#{after.replace('#', '') if '#' in after else after}"


def _last(rx: re.Pattern, text: str) -> int:
    pos = -1
    for m in rx.finditer(text):
        pos = m.start()
    return pos


class _UnitRules:
    """The rules a figure of one unit can meet, and an index to find the few whose
    required strings occur in a key: each string is filed under one of its characters
    (the one fewest other strings use), and one regex finds which of those characters
    the key holds. A rule is a bit of an int, so the survivors come out in rule order."""

    __slots__ = ("always", "by_char", "chars", "rules")

    def __init__(self, unit: str | None):
        is_rate = unit == "%"
        self.rules = [
            c
            for c in _COMPILED
            if (c[0].kind == RATE) == is_rate
            and (c[2] is None or (unit is not None and c[2].fullmatch(unit)))
        ]
        self.always = 0  # rules with no required string: tried on every key
        bits: dict[str, int] = {}
        for i, c in enumerate(self.rules):
            literals = required_literals(c[0].key)
            if not literals:
                self.always |= 1 << i
                continue
            for w in literals:
                bits[w] = bits.get(w, 0) | 1 << i
        uses: dict[str, int] = {}
        for w in bits:
            for ch in set(w):
                uses[ch] = uses.get(ch, 0) + 1
        self.by_char: dict[str, list[tuple[str, int]]] = {}
        for w, b in sorted(bits.items()):
            ch = min(sorted(set(w)), key=lambda x: uses[x])
            self.by_char.setdefault(ch, []).append((w, b))
        self.chars = (
            re.compile("[" + "".join(re.escape(ch) for ch in sorted(self.by_char)) + "]")
            if self.by_char
            else None
        )

    def offered(self, key: str) -> int:
        """The rules (as bits) that may match ``key``: one of their strings is in it."""
        mask = self.always
        if self.chars is not None:
            by_char = self.by_char
            for ch in self.chars.findall(key):  # (a character twice: its strings tested again)
                for w, b in by_char[ch]:
                    if w in key:
                        mask |= b
        return mask


_BY_UNIT: dict[str | None, _UnitRules] = {}


def assign(
    key: str,
    unit: str | None,
    sentence: str,
    text: str,
    prev_start: int,
    sentence_end: int,
    number_start: int,
) -> str | None:
    """The first rule that matches this figure, or None.

    ``sentence`` holds the number; ``text[prev_start:sentence_end]`` is it with the sentence
    before (for wide rules), and ``text[prev_start:number_start]`` the text leading up to the
    number, for rules that need the nearest topic (复议 vs 诉讼) to decide. Those two are cut
    from the text only for the few rules that need them.
    """
    table = _BY_UNIT.get(unit)
    if table is None:
        table = _BY_UNIT[unit] = _UnitRules(unit)
    mask = table.offered(key)
    rules = table.rules
    while mask:
        low = mask & -mask
        mask ^= low
        rule, rx, _units, ctx, neg, neg_ctx, topic, rival = rules[low.bit_length() - 1]
        if not rx.search(key):
            continue
        if neg is not None and neg.search(key, 0, key.index("#")):  # the words before
            continue
        if ctx is not None and not ctx.search(
            text[prev_start:sentence_end] if rule.wide else sentence
        ):
            continue
        if neg_ctx is not None and neg_ctx.search(sentence):
            continue
        if topic is not None:
            before = text[prev_start:number_start]
            near = _last(topic, before)
            if near < 0 or (rival is not None and _last(rival, before) > near):
                continue
        return rule.code
    return None


def assign_table(
    row: list[str], column: str | None, unit: str | None, template: bool
) -> str | None:
    if template:
        leaf = row[-1] if row else ""
        return TEMPLATE_CELLS.get((leaf, column or ""))
    label = "".join(row)
    return assign(make_key(label, ""), unit, label, label, 0, len(label), len(label))
