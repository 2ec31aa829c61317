"""The canonical indicators (shared/design/indicators.md, extended as modules grow; a code
is never renamed once released).

Each entry: code, 名称, unit, 纲要 area (1–10, the ten parts of 法治政府建设实施纲要
2021—2025, 中发〔2021〕33号), direction (up: more is better, down: less is better,
"": neither), and the phrase the annual report weaves the figure into ("{}" marks where
the figure goes). Areas:
1 学习贯彻习近平法治思想 2 政府机构职能 3 依法行政制度 4 行政决策 5 行政执法
6 突发事件应对 7 矛盾纠纷化解 8 权力制约监督 9 数字法治政府 10 党的领导与推进机制
"""

from __future__ import annotations

AREAS = {
    1: "深入学习贯彻习近平法治思想",
    2: "健全政府机构职能体系",
    3: "健全依法行政制度体系",
    4: "健全行政决策制度体系",
    5: "健全行政执法工作体系",
    6: "健全突发事件应对体系",
    7: "健全社会矛盾纠纷行政预防调处化解体系",
    8: "健全行政权力制约和监督体系",
    9: "健全法治政府建设科技保障体系",
    10: "加强党的领导，完善法治政府建设推进机制",
}

# Keywords that place a plan section under a 纲要 area (first match wins).
AREA_KEYWORDS = [
    (1, ("习近平法治思想",)),
    (6, ("突发事件", "应急")),
    (7, ("矛盾纠纷", "化解")),
    (4, ("决策",)),
    (5, ("执法",)),
    (8, ("制约", "监督")),
    (9, ("数字", "科技", "信息化", "智能化")),
    (3, ("制度体系", "依法行政制度", "规范性文件")),
    (2, ("机构职能", "职能体系", "放管服", "营商环境")),
    (10, ("党的领导", "推进机制", "组织保障")),
]


def area_of(title: str) -> int | None:
    for area, words in AREA_KEYWORDS:
        if any(w in title for w in words):
            return area
    return None


# code, name, unit, area, direction, phrase
CATALOG: list[tuple[str, str, str, int, str, str]] = [
    ("reconsideration.received", "新收行政复议案件", "件", 7, "", "新收行政复议案件{}"),
    ("reconsideration.accepted", "受理行政复议案件", "件", 7, "", "受理{}"),
    ("reconsideration.concluded", "审结行政复议案件", "件", 7, "up", "审结{}"),
    ("reconsideration.correction_rate", "行政复议纠错率", "%", 7, "", "纠错率为{}"),
    ("litigation.cases", "行政诉讼案件", "件", 8, "", "全区共发生行政诉讼案件{}"),
    ("litigation.head_appearances", "负责人出庭应诉", "件", 8, "up", "行政机关负责人出庭应诉{}"),
    ("litigation.head_appearance_rate", "行政机关负责人出庭应诉率", "%", 8, "up", "出庭应诉率达{}"),
    ("litigation.lost", "行政诉讼败诉", "件", 8, "down", "败诉{}"),
    ("litigation.loss_rate", "行政诉讼败诉率", "%", 8, "down", "败诉率为{}"),
    ("suggestion.judicial", "办理司法建议", "件", 8, "", "办理司法建议{}"),
    ("suggestion.procuratorial", "办理检察建议", "件", 8, "", "检察建议{}"),
    ("suggestion.on_time_rate", "司法/检察建议按期办复率", "%", 8, "up", "按期办复率{}"),
    ("documents.reviewed", "审查(审核)行政规范性文件", "件", 3, "", "全年审核行政规范性文件{}"),
    ("documents.filed", "报送备案行政规范性文件", "件", 3, "", "报送备案{}"),
    ("documents.filing_rate", "规范性文件备案率", "%", 3, "up", "备案率{}"),
    ("documents.filing_on_time_rate", "规范性文件按时备案率", "%", 3, "up", "按时备案率{}"),
    ("documents.filing_pass_rate", "规范性文件备案通过率", "%", 3, "up", "备案通过率{}"),
    ("documents.legality_review_rate", "规范性文件合法性审核率", "%", 3, "up", "合法性审核率达{}"),
    ("documents.cleaned", "清理规范性文件", "件", 3, "", "组织清理规范性文件{}"),
    ("documents.cleaned_retained", "清理后继续有效", "件", 3, "", "其中继续有效{}"),
    ("documents.cleaned_repealed", "清理后废止", "件", 3, "", "废止{}"),
    ("documents.cleaned_expired", "清理后失效", "件", 3, "", "宣布失效{}"),
    (
        "decisions.catalog_items",
        "重大行政决策目录事项",
        "项",
        4,
        "",
        "将{}列入年度重大行政决策事项目录",
    ),
    (
        "decisions.legality_review_rate",
        "重大行政决策合法性审查率",
        "%",
        4,
        "up",
        "重大行政决策合法性审查率{}",
    ),
    (
        "decisions.collective_discussion_rate",
        "重大行政决策集体讨论率",
        "%",
        4,
        "up",
        "集体讨论率{}",
    ),
    (
        "decisions.consultation_rate",
        "重大行政决策公开征求意见率",
        "%",
        4,
        "up",
        "公开征求意见率{}",
    ),
    ("decisions.evaluations", "决策后评估", "项", 4, "", "开展决策后评估{}"),
    ("legal.reviews", "合法性审查事项", "件", 4, "", "全年对{}行政决策事项进行合法性审查"),
    ("legal.agreements_reviewed", "审查重大协议/政府合同", "件", 4, "", "审查政府合同和重大协议{}"),
    ("legal.opinions", "出具书面审查意见", "份", 4, "", "出具书面审查意见{}"),
    ("legal.adviser_meetings", "法律顾问参与决策会议", "次", 4, "", "法律顾问参与政府决策会议{}"),
    (
        "enforcement.exam_participants",
        "执法资格考试参考人数",
        "人",
        5,
        "",
        "组织{}参加行政执法资格考试",
    ),
    ("enforcement.exam_passed", "执法资格考试通过人数", "人", 5, "up", "{}通过考试"),
    ("enforcement.certificates_issued", "办理行政执法证件", "本", 5, "", "办理行政执法证件{}"),
    ("enforcement.case_files_reviewed", "评查行政执法案卷", "卷", 5, "", "评查行政执法案卷{}"),
    ("enforcement.case_file_pass_rate", "行政执法案卷合格率", "%", 5, "up", "案卷合格率{}"),
    ("enforcement.supervision_checks", "行政执法监督检查", "次", 5, "up", "开展行政执法监督检查{}"),
    (
        "enforcement.delegated_powers",
        "赋予乡镇(街道)行政执法事项",
        "项",
        2,
        "",
        "向乡镇（街道）赋予行政执法事项{}",
    ),
    ("enforcement.trainings", "行政执法培训", "场次", 5, "up", "开展执法业务培训{}"),
    (
        "enforcement.cases_filed",
        "行政执法案件立案（受理）",
        "件",
        5,
        "",
        "全年立案（受理）行政执法案件{}",
    ),
    ("enforcement.decisions", "作出行政执法决定", "件", 5, "", "作出行政执法决定{}"),
    ("enforcement.license_decisions", "行政许可决定", "件", 5, "", "作出行政许可决定{}"),
    ("enforcement.penalty_decisions", "行政处罚决定", "件", 5, "", "作出行政处罚决定{}"),
    ("enforcement.coercion_decisions", "行政强制决定", "件", 5, "", "作出行政强制决定{}"),
    ("enforcement.inspection_records", "行政检查", "件", 5, "", "开展行政检查{}"),
    ("enforcement.penalty_amount", "罚没金额", "万元", 5, "", "罚没金额{}"),
    ("enforcement.first_violation_exempt", "首违不罚", "件", 5, "", "对{}轻微违法行为依法首违不罚"),
    ("enforcement.no_penalty", "不予行政处罚", "件", 5, "", "依法不予处罚{}"),
    (
        "enforcement.major_review_rate",
        "重大执法决定法制审核率",
        "%",
        5,
        "up",
        "重大执法决定法制审核率{}",
    ),
    (
        "enforcement.publication_on_time_rate",
        "执法决定按时公示率",
        "%",
        5,
        "up",
        "行政许可、行政处罚等执法决定按时公示率{}",
    ),
    (
        "enforcement.decided_in_time_rate",
        "执法案件按期办结率",
        "%",
        5,
        "up",
        "执法案件按期办结率{}",
    ),
    ("inspections.entities", "双随机检查对象库录入", "家", 5, "", "检查对象名录库录入市场主体{}"),
    ("inspections.check_items", "双随机抽查事项", "项", 5, "", "随机抽查事项清单{}"),
    (
        "inspections.inspectors",
        "双随机执法人员库录入",
        "名",
        5,
        "",
        "执法检查人员名录库录入执法人员{}",
    ),
    ("disclosure.published", "发布政务信息", "条", 8, "", "全年通过政府网站发布各类信息{}"),
    ("disclosure.proactive", "主动公开政府信息", "条", 8, "", "主动公开政府信息{}"),
    ("disclosure.requests", "办理政府信息公开申请", "件", 8, "", "办理政府信息公开申请{}"),
    ("disclosure.on_time_rate", "依申请公开按时办结率", "%", 8, "up", "按时办结率{}"),
    ("disclosure.interpretations", "政策解读", "条", 8, "", "发布政策解读{}"),
    ("mediation.disputes", "排查/调解矛盾纠纷", "件", 7, "", "全年排查调解矛盾纠纷{}"),
    ("mediation.resolved", "化解矛盾纠纷", "件", 7, "up", "成功化解{}"),
    ("mediation.success_rate", "调解成功率 / 化解率", "%", 7, "up", "化解率{}"),
    (
        "learning.study_sessions",
        "集体学法 / 会前学法",
        "次",
        1,
        "up",
        "开展区政府常务会议会前学法{}",
    ),
    ("learning.trainings", "法治培训", "期", 1, "up", "举办领导干部法治专题培训{}"),
    ("learning.court_observers", "旁听庭审", "人", 1, "up", "组织干部{}旁听庭审"),
    ("learning.law_duty_reports", "述法", "人", 10, "up", "部门和镇街主要负责人{}现场述法"),
    (
        "leadership.rule_of_law_topics",
        "政府常务会议研究法治议题",
        "次",
        10,
        "up",
        "区政府常务会议专题研究法治政府建设议题{}",
    ),
    ("proposals.handled", "办理人大建议政协提案", "件", 8, "", "办理人大代表建议和政协提案{}"),
    ("audit.projects", "审计项目", "个", 8, "", "完成各类审计项目{}"),
    ("services.items_handled", "政务服务办件", "件", 2, "", "全年政务服务办件{}"),
]
