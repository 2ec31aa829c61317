"""The numbers of 学法用法 and 普法, each configurable in settings.

Sources: 中共中央办公厅、国务院办公厅《关于完善国家工作人员学法用法制度的意见》(2016) for the
kinds of study (会前学法、党委（党组）理论学习中心组学法、法治培训、旁听庭审、年度考法、述法);
中办、国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》(2017) for the 普法责任清单;
中办、国办《党政主要负责人履行推进法治建设第一责任人职责规定》(2016) for the principal
leaders' duties. None of them sets a yearly number of hours: that is a provincial or district
rule, so the minimum below is the district's setting.
"""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def minimum_hours() -> float:
    """Each official's yearly 学法 hours below which the official is flagged. Not a national
    number (unconfirmed): provincial rules on 国家工作人员学法用法 commonly ask for at least 40
    学时 a year; the district sets its own."""
    return float(_get("FAZHI_LEARNING_MINIMUM_HOURS", 40))


def minimum_hours_leaders() -> float:
    """The same for 领导干部, where the district asks more of them (by default the same)."""
    return float(_get("FAZHI_LEARNING_MINIMUM_HOURS_LEADERS", minimum_hours()))


def exam_pass_mark() -> float:
    """The pass mark of the annual 法治理论知识考试 (out of 100), the district's setting."""
    return float(_get("FAZHI_LEARNING_EXAM_PASS_MARK", 60))


def session_default_hours() -> float:
    """Hours credited for one 集体学法 session when the record does not say."""
    return float(_get("FAZHI_LEARNING_SESSION_HOURS", 2))


def court_observation_hours() -> float:
    """Hours credited for attending one 旁听庭审 when the record does not say."""
    return float(_get("FAZHI_LEARNING_COURT_OBSERVATION_HOURS", 4))


def study_sessions_expected() -> int:
    """会前学法 sessions the government is expected to hold in a year (the 示范区's plan: one
    before most 常务会议); used only to show progress, never to refuse."""
    return int(_get("FAZHI_LEARNING_STUDY_SESSIONS_EXPECTED", 12))
