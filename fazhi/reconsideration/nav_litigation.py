"""Menu entries of 行政应诉 and 司法/检察建议."""

from fazhi.core.registry import NavItem, register_nav

GROUP = "行政复议与应诉"


def register() -> None:
    for label, url, hint, order in (
        (
            "行政应诉",
            "reconsideration:litigations",
            "行政诉讼案件的答辩期限、开庭与负责人出庭、裁判结果",
            70,
        ),
        (
            "司法建议与检察建议",
            "reconsideration:suggestions",
            "收到的司法建议、检察建议的交办、回复期限与办复",
            71,
        ),
    ):
        register_nav(NavItem(label, url, hint=hint, group=GROUP, order=order))
