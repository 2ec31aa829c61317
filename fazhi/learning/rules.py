"""The lists of 学法用法, 普法 and the principal leaders' duty, with their source (conf.py
names the documents)."""

from __future__ import annotations

# 学法 sessions. 会前学法 at the government's 常务会议 and the 党委（党组）理论学习中心组 are the
# two the 学法用法 意见 (2016) names for leaders; departments hold collective study.
SESSION_KINDS = [
    ("pre_meeting", "政府常务会议会前学法"),
    ("central_group", "党委（党组）理论学习中心组学法"),
    ("collective", "集体学法"),
    ("lecture", "法治专题讲座"),
]

ATTENDANCE = [("present", "出席"), ("leave", "请假"), ("absent", "缺席")]

# Who an official is, for the hours minimum and the leaders' figures.
LEVELS = [
    ("principal", "党政主要负责人"),
    ("leader", "领导班子成员"),
    ("staff", "工作人员"),
]
LEADER_LEVELS = ("principal", "leader")

# 述法 (《关于完善国家工作人员学法用法制度的意见》; 述法 as part of the annual 述职).
DUTY_REPORT_FORMS = [("meeting", "现场述法"), ("written", "书面述法")]
EVALUATIONS = [
    ("excellent", "好"),
    ("good", "较好"),
    ("fair", "一般"),
    ("poor", "差"),
]

TRAINING_KINDS = [
    ("leaders", "领导干部法治专题培训"),
    ("officials", "公务员法治培训"),
    ("enforcement", "行政执法人员法律知识培训"),
    ("online", "网上学法"),
]

# Hours earned outside the recorded sessions (网上学法平台、自学、党校课程).
CREDIT_SOURCES = [
    ("online_platform", "网上学法平台"),
    ("party_school", "党校（行政学院）课程"),
    ("self_study", "自学"),
    ("other", "其他"),
]

# 普法 (谁执法谁普法): the audience and the forms of an activity.
AUDIENCES = [
    ("public", "社会公众"),
    ("enterprises", "企业经营者"),
    ("youth", "青少年"),
    ("rural", "农村群众"),
    ("workers", "职工"),
    ("officials", "国家工作人员"),
    ("elderly", "老年人"),
]
ACTIVITY_FORMS = [
    ("lecture", "法治讲座"),
    ("street", "集中宣传"),
    ("village", "送法进村（社区）"),
    ("school", "送法进校园"),
    ("enterprise", "送法进企业"),
    ("case", "以案释法"),
    ("online", "网络新媒体普法"),
    ("exhibition", "展览展播"),
]

# The meetings where the principal leader puts 法治 on the agenda (第一责任人职责规定).
MEETING_KINDS = [
    ("executive", "政府常务会议"),
    ("plenary", "政府全体会议"),
    ("special", "专题会议"),
    ("party_committee", "党委（党组）会议"),
]
# What an agenda item on 法治 is about.
TOPIC_KINDS = [
    ("report", "听取法治政府建设工作汇报"),
    ("plan", "研究部署法治政府建设年度工作"),
    ("decision", "审议重大行政决策、规范性文件"),
    ("litigation", "研究行政复议、行政应诉工作"),
    ("enforcement", "研究行政执法工作"),
    ("study", "学习法律法规"),
    ("other", "其他法治议题"),
]


def label(choices, code: str) -> str:
    return dict(choices).get(code, code)
