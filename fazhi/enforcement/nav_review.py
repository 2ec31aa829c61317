"""Menu entries of 案卷评查 and 行政执法监督."""

from fazhi.core.registry import NavItem, register_nav

GROUP = "行政执法"


def register() -> None:
    for label, url, hint, order in (
        ("案卷评查", "enforcement:review_campaigns", "案卷评查活动、随机抽取、评分与结果", 60),
        ("评查评分表", "enforcement:review_sheets", "案卷评查评分表（评查项目、分值、合格线）", 61),
        ("执法监督检查", "enforcement:supervision_checks", "监督检查发现问题、整改与办结", 62),
        ("执法投诉举报", "enforcement:complaints", "对行政执法的投诉举报及办理期限", 63),
        ("特邀监督员", "enforcement:supervisors", "特邀行政执法监督员名册", 64),
        ("年度执法数据", "enforcement:annual_data", "每年1月31日前公开上年度行政执法数据", 65),
    ):
        register_nav(NavItem(label, url, hint=hint, group=GROUP, order=order))
