"""学法用法's menu items (group "学法用法"), registered from LearningConfig.ready."""

from fazhi.core.registry import NavItem, register_nav

GROUP = "学法用法"

for item in (
    NavItem(
        "干部名录", "learning:officials", GROUP, 170, "view", "各单位国家工作人员名录，导入与离岗"
    ),
    NavItem("学法活动", "learning:sessions", GROUP, 171, "view", "会前学法、中心组学法、集体学法"),
    NavItem("法治培训", "learning:trainings", GROUP, 172, "view", "培训班次、参训与结业"),
    NavItem("旁听庭审", "learning:court", GROUP, 173, "view", "组织旁听庭审及旁听人员"),
    NavItem("年度考法", "learning:exams", GROUP, 174, "view", "法治理论知识考试及成绩"),
    NavItem("学法学时", "learning:hours", GROUP, 175, "view", "每人年度学时，未达到最低学时的标出"),
):
    register_nav(item)
