"""The regulation's lists, kept once: the 第二十条 categories of proactive disclosure, the
reply types of 第三十六条 (and 第三十七条 partial disclosure), their grounds, and the row
of the national annual-report template (国办公开办函〔2021〕30号, section 三) each reply
is counted in.

Why a table and not branches: the template's check (一 + 二 = 三(七) + 四) only holds when
every concluded request lands in exactly one row; ``template_row`` is that function, and a
test walks every (reply type, ground) pair through it.
"""

from __future__ import annotations

# 条例 第二十条: the information each agency must publish on its own initiative.
CATEGORIES = (
    (1, "行政法规、规章和规范性文件"),
    (2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    (3, "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    (4, "国民经济和社会发展统计信息"),
    (5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    (6, "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"),
    (7, "财政预算、决算信息"),
    (8, "行政事业性收费项目及其依据、标准"),
    (9, "政府集中采购项目的目录、标准及实施情况"),
    (10, "重大建设项目的批准和实施情况"),
    (11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    (12, "突发公共事件的应急预案、预警信息及应对情况"),
    (13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    (14, "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    (15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)

# Section 三's seven columns: who applied (自然人; 法人或其他组织 by sub-type; 总计).
APPLICANT_COLUMNS = (
    ("person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
)

# Section 三's result rows, in the template's order: (code, group, item label).
RESULT_ROWS = (
    ("disclose", "（一）予以公开", ""),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("refuse_secret", "（三）不予公开", "1.属于国家秘密"),
    ("refuse_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("refuse_safety", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("refuse_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("refuse_internal", "（三）不予公开", "5.属于三类内部事务信息"),
    ("refuse_process", "（三）不予公开", "6.属于四类过程性信息"),
    ("refuse_case_file", "（三）不予公开", "7.属于行政执法案卷"),
    ("refuse_inquiry", "（三）不予公开", "8.属于行政查询事项"),
    ("unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_create", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("reject_petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("reject_repeat", "（五）不予处理", "2.重复申请"),
    ("reject_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("reject_excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("reject_confirm", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "（六）其他处理", "3.其他"),
)  # fmt: skip
ROW_CODES = tuple(code for code, _, _ in RESULT_ROWS)


def row_label(code: str) -> str:
    for c, group, item in RESULT_ROWS:
        if c == code:
            return f"{group}{item}"
    raise KeyError(code)


# The grounds a clerk chooses when refusing (第十四、十五、十六条; the template's eight rows).
# A partial disclosure (第三十七条) names the ground of the part withheld, from the same list.
REFUSAL_GROUNDS = (
    ("secret", "属于国家秘密（第十四条）", "refuse_secret"),
    ("law", "法律、行政法规禁止公开（第十四条）", "refuse_law"),
    ("safety", "公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）", "refuse_safety"),
    ("third_party", "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（第十五条）",
     "refuse_third_party"),
    ("internal", "人事管理、后勤管理、内部工作流程等内部事务信息（第十六条第一款）",
     "refuse_internal"),
    ("process", "讨论记录、过程稿、磋商信函、请示报告等过程性信息（第十六条第二款）",
     "refuse_process"),
    ("case_file", "行政执法案卷信息（第十六条第二款）", "refuse_case_file"),
    ("inquiry", "属于行政查询事项，按查询程序办理", "refuse_inquiry"),
)  # fmt: skip

UNABLE_GROUNDS = (
    ("not_held", "经检索，本机关不掌握该政府信息（第三十六条第四项）", "unable_not_held"),
    ("create", "没有现成信息，需要另行制作（第三十八条）", "unable_create"),
    ("unclear", "补正后申请内容仍不明确（第三十条）", "unable_unclear"),
)
REJECT_GROUNDS = (
    ("petition", "以政府信息公开申请的形式进行信访、投诉、举报（第三十九条第一款）",
     "reject_petition"),
    ("repeat", "重复申请公开相同政府信息（第三十六条第六项）", "reject_repeat"),
    ("publication", "要求提供公开出版物（第三十九条第二款）", "reject_publication"),
    ("excessive", "申请公开的数量、频次明显超过合理范围且理由不合理（第三十五条）",
     "reject_excessive"),
    ("confirm", "要求确认或重新出具已获取的政府信息（第三十九条第二款）", "reject_confirm"),
)  # fmt: skip


# The reply types a clerk issues (第三十六条 第一至七项, plus 第三十七条, 不予处理 and
# 无法提供). Each maps to one template row, or to a row through its ground.
REPLY_TYPES = (
    ("already_public", "已主动公开，告知获取方式和途径（第三十六条第一项）"),
    ("provide", "予以公开，提供政府信息（第三十六条第二项）"),
    ("partial", "部分公开，区分处理（第三十七条）"),
    ("refuse", "不予公开并说明理由（第三十六条第三项）"),
    ("not_exist", "政府信息不存在（第三十六条第四项）"),
    ("not_this_agency", "不属于本机关负责公开，告知负责公开的机关（第三十六条第五项）"),
    ("unable", "无法提供（第三十八条等）"),
    ("reject", "不予处理（第三十五、三十六、三十九条）"),
    ("special_law", "属于工商、不动产登记资料等，告知依照有关法律、行政法规办理（第三十六条第七项）"),
)  # fmt: skip
REPLY_LABELS = dict(REPLY_TYPES)

GROUNDS_FOR = {
    "refuse": REFUSAL_GROUNDS,
    "partial": REFUSAL_GROUNDS,
    "unable": UNABLE_GROUNDS,
    "reject": REJECT_GROUNDS,
}

# Reply types with one fixed row. 第三十六条第一项 counts as 予以公开 (the information is
# public and the applicant is told where); 第四、五项 as 本机关不掌握 (the template has no row
# of its own for them; the 2021 template's explanation puts both there); 第七项 as 其他.
FIXED_ROW = {
    "already_public": "disclose",
    "provide": "disclose",
    "not_exist": "unable_not_held",
    "not_this_agency": "unable_not_held",
    "special_law": "other",
}


def template_row(reply_type: str, ground: str = "") -> str:
    """The section-三 row a reply is counted in. A partial disclosure is counted as 部分公开
    whatever its ground (the template: 区分处理的只计这一情形)."""
    if reply_type in FIXED_ROW:
        if ground:
            raise ValueError(f"答复类型“{REPLY_LABELS[reply_type]}”不需要选择理由")
        return FIXED_ROW[reply_type]
    if reply_type not in GROUNDS_FOR:
        raise ValueError(f"未知的答复类型：{reply_type}")
    rows = {code: row for code, _, row in GROUNDS_FOR[reply_type]}
    if ground not in rows:
        raise ValueError(f"请为“{REPLY_LABELS[reply_type]}”选择理由")
    return "partial" if reply_type == "partial" else rows[ground]


def grounds_for(reply_type: str) -> tuple:
    return tuple((code, label) for code, label, _ in GROUNDS_FOR.get(reply_type, ()))
