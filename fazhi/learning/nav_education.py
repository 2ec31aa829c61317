"""Menu entries of 述法, the leaders' meetings on 法治 (学法用法) and 普法."""

from fazhi.core.registry import NavItem, register_nav

for label, url_name, hint, group, order in (
    ("述法", "learning:duty_reports",
     "领导干部年度述法的登记、评议，年度述法情况（谁已述法、谁尚未述法）", "学法用法", 176),
    ("研究法治工作的会议", "learning:meetings",
     "常务会议、专题会议等研究法治议题的情况，主持人和研究决定", "学法用法", 177),
    ("普法责任清单", "learning:duties",
     "“谁执法谁普法”普法责任清单的编制、公布，各事项计划与完成情况", "普法", 180),
    ("普法活动", "learning:activities", "普法活动的登记、受众人数和在门户网站公开", "普法", 181),
):  # fmt: skip
    register_nav(NavItem(label, url_name, group=group, order=order, action="view", hint=hint))
