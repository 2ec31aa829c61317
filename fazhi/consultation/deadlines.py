"""Consultation clocks on the deadline board.

- The closing date: a FIXED clock, the date set when the consultation was published (for a
  重大行政决策 at least 30 days after opening, 重大行政决策程序暂行条例 第15条).
- Answering every comment and publishing the summary of how comments were taken up: N
  working days after the comment period ends. No national rule sets this period; it is a
  platform convention (FAZHI_CONSULTATION_SUMMARY_DAYS, default 10 working days) so that the
  answers are not forgotten once the period is over.
"""

from django.conf import settings

from fazhi.core.deadlines import FIXED, WORKING, Clock, register_clock

SUMMARY_DAYS = int(getattr(settings, "FAZHI_CONSULTATION_SUMMARY_DAYS", 10))

register_clock(
    Clock(
        code="consultation.closing",
        name="公开征求意见截止",
        unit=FIXED,
        length=0,
        basis="征求意见公告确定的截止日期；重大行政决策不少于30日（重大行政决策程序暂行条例第十五条）",
        start="征求意见截止日期",
        warn_days=5,
        module="consultation",
    )
)
register_clock(
    Clock(
        code="consultation.summary",
        name="答复意见并公布采纳情况",
        unit=WORKING,
        length=SUMMARY_DAYS,
        basis=(
            "平台惯例，非法定期限：征求意见结束后逐条答复并公布意见采纳情况"
            f"（本平台设置，默认10个工作日，现为{SUMMARY_DAYS}个工作日）"
        ),
        start="征求意见结束之日",
        warn_days=3,
        module="consultation",
    )
)
