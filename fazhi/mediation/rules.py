"""The lists of 矛盾纠纷调解 and 信访 in one place, with their legal source.

人民调解法 (2011): 人民调解委员会 (第七—十三条), the parties' right to refuse (第十七条),
the agreement (第二十八—三十二条), 司法确认 (第三十三条). 信访工作条例 (2022): the three
categories (第二十九—三十一条), routing (第二十二条), acceptance notice (第二十三条),
handling, 复查 and 复核 (第三十四—三十六条), group visits (第二十条 as rules.md §8 numbers it).
"""

from __future__ import annotations

# --- 调解组织 ------------------------------------------------------------------------------

# (code, label). 人民调解委员会 are set up in villages, communities, townships and
# enterprises (人民调解法 第八条) and, as 行业性、专业性人民调解委员会, by sector; 行政调解 is
# done by a department within its powers; the 对接 rooms sit in a 信访 office, a court or a
# police station and hand disputes to mediators (访调对接、诉调对接、警调对接).
BODY_KINDS = [
    ("village", "村（居）人民调解委员会"),
    ("township", "乡镇（街道）人民调解委员会"),
    ("enterprise", "企事业单位人民调解委员会"),
    ("industry", "行业性、专业性人民调解委员会"),
    ("administrative", "行政调解（部门）"),
    ("petition_link", "访调对接工作室"),
    ("court_link", "诉调对接工作室"),
    ("police_link", "警调对接工作室"),
]
# The kinds the composition rule of 人民调解法 第九条 applies to (3–9 members, a woman,
# three-year terms).
COMMITTEE_KINDS = ("village", "township", "enterprise", "industry")
# The figure's broad kinds (glossary: 人民调解 / 行政调解 → people / administrative).
BROAD_KIND = {
    "village": "people",
    "township": "people",
    "enterprise": "people",
    "industry": "people",
    "administrative": "administrative",
    "petition_link": "people",
    "court_link": "people",
    "police_link": "people",
}

MEMBER_ROLES = [("chair", "主任"), ("vice_chair", "副主任"), ("member", "委员")]
GENDERS = [("female", "女"), ("male", "男")]

# --- 矛盾纠纷 ------------------------------------------------------------------------------

# Where a dispute was found (排查): visits, the grid, hotlines, or handed over.
DISPUTE_SOURCES = [
    ("visit", "走访排查"),
    ("grid", "网格员排查"),
    ("hotline", "12345热线"),
    ("application", "当事人申请"),
    ("petition", "信访转交"),
    ("court", "法院委派委托"),
    ("police", "公安移交"),
    ("other", "其他"),
]

# The types of the 人民调解 statistics the 司法行政 keeps (人民调解法 第十条).
DISPUTE_TYPES = [
    ("family", "婚姻家庭纠纷"),
    ("neighbour", "邻里纠纷"),
    ("housing", "房屋宅基地纠纷"),
    ("contract", "合同纠纷"),
    ("damages", "损害赔偿纠纷"),
    ("labour", "劳动争议（含欠薪）"),
    ("property_mgmt", "物业纠纷"),
    ("medical", "医疗纠纷"),
    ("traffic", "道路交通事故纠纷"),
    ("land", "山林土地纠纷"),
    ("demolition", "征地拆迁纠纷"),
    ("consumer", "消费纠纷"),
    ("business", "生产经营纠纷"),
    ("other", "其他纠纷"),
]

# How a mediation ended. 一方拒绝 is not a failed mediation: 人民调解法 第十七条 lets a party
# refuse, and then the dispute is not mediated (and is not in the success rate's base).
OUTCOMES = [
    ("success", "调解成功"),
    ("failed", "调解不成"),
    ("refused", "当事人拒绝调解"),
]

# The agreement (人民调解法 第二十八条): written, or oral where the parties think it needless.
AGREEMENT_FORMS = [("written", "书面调解协议"), ("oral", "口头调解协议")]

# Where a dispute goes when mediation did not settle it (第二十六条: 告知当事人依法通过仲裁、
# 行政、司法等途径维护自己的权利).
ESCALATION_ROUTES = [
    ("litigation", "诉讼"),
    ("arbitration", "仲裁"),
    ("reconsideration", "行政复议"),
    ("administrative", "行政处理"),
    ("petition", "信访"),
]

CONFIRMATION_RESULTS = [("confirmed", "裁定确认有效"), ("rejected", "裁定驳回申请")]

PARTY_SIDES = [("applicant", "申请方"), ("respondent", "对方当事人")]
PARTY_KINDS = [("person", "自然人"), ("organisation", "法人或其他组织")]

# --- 信访 ----------------------------------------------------------------------------------

PETITION_CHANNELS = [
    ("letter", "来信"),
    ("visit", "来访"),
    ("online", "网上信访"),
    ("phone", "来电"),
    ("transferred", "上级转送交办"),
]

# 信访工作条例 第二十九—三十一条.
PETITION_CATEGORIES = [
    ("suggestion", "建议意见类"),
    ("accusation", "检举控告类"),
    ("claim", "申诉求决类"),
]

# How the 信访部门 routes a petition within 15 days (第二十二条).
ROUTES = [
    ("handle", "本机关直接受理"),
    ("transfer", "转送有权处理的机关"),
    ("assign", "交办有权处理的机关"),
    ("legal_route", "告知通过法定途径解决"),
    ("not_accepted", "不予受理"),
]

# Grounds for not accepting (第二十二条、第三十一条、第三十六条).
NOT_ACCEPTED_GROUNDS = [
    ("legal_route", "应当通过诉讼、仲裁、行政复议等法定途径解决"),
    ("being_handled", "信访事项正在办理"),
    ("re_reviewed", "已经复核，仍以同一事实和理由提出"),
    ("not_in_scope", "不属于本机关职权范围"),
]

# The 处理意见书 of a 申诉求决 petition (第三十四条).
HANDLING_RESULTS = [
    ("supported", "予以支持"),
    ("partly", "部分支持"),
    ("explained", "解释说明"),
    ("not_supported", "不予支持"),
]

REVIEW_LEVELS = [("review", "复查"), ("re_review", "复核")]
REVIEW_RESULTS = [("upheld", "维持"), ("changed", "变更"), ("revoked", "撤销并重新处理")]


def label(choices, code: str) -> str:
    return dict(choices).get(code, code)
